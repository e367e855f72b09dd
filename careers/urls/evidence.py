"""The worker's evidence pages (which are also the team manager's review page), under /my-progression/evidence/."""

from __future__ import annotations

from django.urls import path

from careers.views import evidence as views

urlpatterns = [
    path("my-progression/evidence/new/", views.evidence_create, name="evidence_create"),
    path("my-progression/evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path("my-progression/evidence/<int:pk>/edit/", views.evidence_edit, name="evidence_edit"),
    path(
        "my-progression/evidence/<int:pk>/attachments/",
        views.evidence_attachment_add,
        name="evidence_attachment_add",
    ),
    path(
        "my-progression/evidence/attachments/<int:pk>/",
        views.evidence_attachment_download,
        name="evidence_attachment_download",
    ),
    path(
        "my-progression/evidence/attachments/<int:pk>/remove/",
        views.evidence_attachment_remove,
        name="evidence_attachment_remove",
    ),
    path("my-progression/evidence/<int:pk>/<str:action>/", views.evidence_transition, name="evidence_transition"),
]
