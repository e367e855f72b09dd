from __future__ import annotations

from django.urls import path

from workforce.views import staff

urlpatterns = [
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/new/", staff.worker_create, name="worker_create"),
    path("staff/<int:pk>/", staff.worker_detail, name="worker_detail"),
    path("staff/<int:pk>/edit/", staff.worker_edit, name="worker_edit"),
    path("staff/<int:pk>/archive/", staff.worker_archive, name="worker_archive"),
    path("staff/<int:pk>/unarchive/", staff.worker_unarchive, name="worker_unarchive"),
    path("staff/<int:pk>/assignments/new/", staff.assignment_create, name="assignment_create"),
    path("staff/<int:pk>/assignments/<int:assignment_pk>/edit/", staff.assignment_edit, name="assignment_edit"),
    path("staff/<int:pk>/leaver/", staff.leaver_record, name="leaver_record"),
    path("staff/<int:pk>/move/", staff.team_move, name="team_move"),
    path("staff/<int:pk>/absences/new/", staff.absence_create, name="absence_create"),
    path("staff/<int:pk>/caseloads/new/", staff.caseload_create, name="caseload_create"),
]
