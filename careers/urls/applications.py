from __future__ import annotations

from django.urls import path

from careers.views import applications

urlpatterns = [
    path("my-progression/apply/", applications.application_create, name="application_create"),
    path("progression/workers/<int:pk>/apply/", applications.application_create_for, name="application_create_for"),
    path("progression/applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "progression/applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
]
