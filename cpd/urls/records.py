"""CPD records: the social worker's own pages under /my-cpd/, a manager's view of one worker under /cpd/workers/."""

from __future__ import annotations

from django.urls import path

from cpd.views import records as views

urlpatterns = [
    path("my-cpd/", views.my_cpd, name="my_cpd"),
    path("my-cpd/<int:year>/", views.my_cpd_year, name="my_cpd_year"),
    path("my-cpd/<int:year>/pdf/", views.year_pdf, name="year_pdf"),
    path("my-cpd/records/new/", views.record_create, name="record_create"),
    path("my-cpd/records/new-document/", views.document_create, name="document_create"),
    path("my-cpd/records/<int:pk>/", views.record_detail, name="record_detail"),
    path("my-cpd/records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("my-cpd/records/<int:pk>/delete/", views.record_delete, name="record_delete"),
    path("my-cpd/records/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "my-cpd/records/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "my-cpd/records/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("cpd/workers/<int:pk>/", views.worker_cpd, name="worker_cpd"),
    path("cpd/workers/<int:pk>/<int:year>/", views.worker_cpd_year, name="worker_cpd_year"),
    path("cpd/workers/<int:pk>/<int:year>/pdf/", views.worker_year_pdf, name="worker_year_pdf"),
]
