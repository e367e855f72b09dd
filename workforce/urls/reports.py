from __future__ import annotations

from django.urls import path

from workforce.views import reports

urlpatterns = [
    path("reports/turnover/", reports.turnover_report, name="turnover_report"),
    path("reports/turnover/download/", reports.turnover_download, name="turnover_download"),
    path("reports/census/", reports.census, name="census"),
    path("reports/census/download/", reports.census_download, name="census_download"),
]
