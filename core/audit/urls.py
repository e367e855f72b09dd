"""The audit pages, added to the core namespace by core/urls.py."""

from __future__ import annotations

from django.urls import path

from core.audit import views

urlpatterns = [
    path("audit/", views.history_list, name="audit_history"),
    path("audit/records/<str:label>/<int:pk>/", views.record_history, name="audit_record"),
    path("audit/sign-ins/", views.sign_ins, name="audit_sign_ins"),
    path("audit/downloads/", views.downloads, name="audit_downloads"),
]
