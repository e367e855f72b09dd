"""The administrator's framework pages, under /framework/."""

from __future__ import annotations

from django.urls import path

from careers.views import framework as views

urlpatterns = [
    path("framework/", views.framework_index, name="framework_index"),
    path("framework/versions/<int:pk>/", views.framework_version, name="framework_version"),
    path("framework/versions/<int:pk>/adapt/", views.framework_adapt, name="framework_adapt"),
    path("framework/versions/<int:pk>/use/", views.framework_use, name="framework_use"),
    path("framework/settings/", views.careers_settings, name="settings"),
    path("framework/levels/", views.level_list, name="level_list"),
    path("framework/levels/new/", views.level_create, name="level_create"),
    path("framework/levels/<int:pk>/edit/", views.level_edit, name="level_edit"),
    path("framework/panels/", views.panel_admin_list, name="panel_admin_list"),
    path("framework/panels/new/", views.panel_create, name="panel_create"),
    path("framework/panels/<int:pk>/edit/", views.panel_edit, name="panel_edit"),
    path("framework/workers/<int:pk>/level/", views.worker_level_set, name="worker_level_set"),
]
