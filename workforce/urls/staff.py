from __future__ import annotations

from django.urls import path

from workforce.views import staff

urlpatterns = [
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/<int:pk>/", staff.worker_detail, name="worker_detail"),
]
