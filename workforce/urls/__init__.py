"""Workforce URLs, one module per area so that each area's pages are listed together."""

from __future__ import annotations

from workforce.urls import agency, caseloads, dashboard, imports, reports, settings, staff, teams

app_name = "workforce"

urlpatterns = staff.urlpatterns + teams.urlpatterns + imports.urlpatterns + caseloads.urlpatterns + settings.urlpatterns
urlpatterns += dashboard.urlpatterns + reports.urlpatterns + agency.urlpatterns
