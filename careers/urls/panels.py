from __future__ import annotations

from django.urls import path

from careers.views import panels

urlpatterns = [
    path("panels/", panels.panel_list, name="panel_list"),
    path("panels/applications/<int:pk>/", panels.panel_application, name="panel_application"),
    path("panels/applications/<int:pk>/decide/", panels.application_decide, name="application_decide"),
    path(
        "panels/applications/<int:pk>/portfolio.pdf",
        panels.application_portfolio_pdf,
        name="application_portfolio_pdf",
    ),
]
