from __future__ import annotations

from django.urls import path

from workforce.views import teams

urlpatterns = [
    path("teams/", teams.team_list, name="team_list"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
]
