from __future__ import annotations

from django.urls import path

from workforce.views import caseloads

urlpatterns = [
    path("caseloads/", caseloads.caseload_overview, name="caseload_overview"),
]
