from __future__ import annotations

from django.urls import path

from cpd.views import oversight

urlpatterns = [
    path("cpd/", oversight.overview, name="overview"),
]
