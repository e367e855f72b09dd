from __future__ import annotations

from django.urls import path

from cpd.views import training as views

urlpatterns = [
    path("my-cpd/training/", views.my_training, name="my_training"),
    path("cpd/training/", views.training_matrix, name="training_matrix"),
    path("cpd/training/courses/", views.training_courses, name="training_courses"),
    path("cpd/training/courses/new/", views.training_course_create, name="training_course_create"),
    path("cpd/training/courses/<int:pk>/edit/", views.training_course_edit, name="training_course_edit"),
    path("cpd/training/import/", views.training_import, name="training_import"),
    path("cpd/workers/<int:pk>/training/new/", views.training_completion_create, name="training_completion_create"),
]
