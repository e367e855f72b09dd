from __future__ import annotations

from django.urls import path

from workforce.views import agency

urlpatterns = [
    path("agency/", agency.agency_compliance, name="agency_compliance"),
    path("agency/assignments/<int:assignment_pk>/", agency.agency_engagement, name="agency_engagement"),
    path("agency/return/", agency.agency_return, name="agency_return"),
]
