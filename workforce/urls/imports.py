from __future__ import annotations

from django.urls import path

from workforce.views import imports

urlpatterns = [
    path("imports/", imports.import_start, name="import_start"),
]
