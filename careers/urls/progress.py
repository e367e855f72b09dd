"""Progress pages: the worker's own under /my-progression/, managers' under /progression/."""

from __future__ import annotations

from django.urls import path

from careers.views import progress as views

urlpatterns = [
    path("my-progression/", views.my_progress, name="my_progress"),
    path("progression/", views.team_progress, name="team_progress"),
    path("progression/workers/<int:pk>/", views.worker_progress, name="worker_progress"),
]
