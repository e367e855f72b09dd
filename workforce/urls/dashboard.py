from __future__ import annotations

from django.urls import path

from workforce.views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
