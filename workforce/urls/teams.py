from __future__ import annotations

from django.urls import path

from workforce.views import teams

urlpatterns = [
    path("teams/", teams.team_list, name="team_list"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/establishment/", teams.establishment_set, name="establishment_set"),
    path("teams/<int:pk>/caseloads/", teams.team_caseloads, name="team_caseloads"),
]
