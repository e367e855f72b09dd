from __future__ import annotations

from django.urls import path

from cpd.views import settings as views

urlpatterns = [
    path("cpd/settings/", views.cpd_settings, name="settings"),
]
