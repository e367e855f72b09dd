from __future__ import annotations

from django.urls import path

from workforce.views import settings

urlpatterns = [
    path("settings/", settings.settings_index, name="settings_index"),
    path("settings/workload/", settings.workload_settings, name="settings_workload"),
    path("settings/teams/<int:pk>/threshold/", settings.team_threshold, name="settings_team_threshold"),
    path(
        "settings/teams/<int:pk>/threshold/remove/",
        settings.team_threshold_remove,
        name="settings_team_threshold_remove",
    ),
    path("settings/targets/", settings.target_list, name="settings_targets"),
    path("settings/targets/new/", settings.target_create, name="settings_target_create"),
    path("settings/targets/<int:pk>/edit/", settings.target_edit, name="settings_target_edit"),
    path("settings/comparators/", settings.comparator_list, name="settings_comparators"),
    path("settings/comparators/new/", settings.comparator_create, name="settings_comparator_create"),
    path("settings/comparators/<int:pk>/edit/", settings.comparator_edit, name="settings_comparator_edit"),
    path("settings/comparators/<int:pk>/remove/", settings.comparator_remove, name="settings_comparator_remove"),
]
