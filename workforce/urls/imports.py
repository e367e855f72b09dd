from __future__ import annotations

from django.urls import path

from workforce.views import imports

urlpatterns = [
    path("imports/", imports.import_start, name="import_start"),
    path("imports/upload/", imports.import_upload, name="import_upload"),
    path("imports/templates/<slug:kind>.<slug:fmt>", imports.import_template, name="import_template"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/report/", imports.import_report, name="import_report"),
]
