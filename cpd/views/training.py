"""Mandatory training pages: the worker's own training, the team matrix, and HR's courses, records and import.

Each view checks access through cpd.access.training (out of scope: 404; in scope but read-only: 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

import cpd.exports.training  # noqa: F401  (importing registers the export)
from core.exports.registry import download_url
from core.forms import apply_service_errors, posted
from cpd.access.days import own_worker_for_days
from cpd.access.training import (
    can_see_training_matrix,
    get_course_for_user,
    get_worker_for_training_record,
    require_training_manager,
)
from cpd.exports.training import TrainingMatrixExport, matrix_for_request
from cpd.forms.training import TrainingCompletionForm, TrainingCourseForm, TrainingImportForm
from cpd.imports_training import COLUMNS, check_uploaded_file
from cpd.selectors import training as training_selectors
from cpd.selectors.training import courses_for_authority, required_courses
from cpd.services import training as services
from workforce import selectors as wf_selectors
from workforce.access import get_scope

FORM_METHODS = ["GET", "POST"]
MATRIX_ROLES_ONLY = "The training matrix is for managers and HR."


@login_required
@require_GET
def my_training(request: HttpRequest) -> HttpResponse:
    worker = own_worker_for_days(request.user)
    return render(
        request,
        "cpd/training/my_training.html",
        {"worker": worker, "cells": training_selectors.my_training(worker=worker)},
    )


@login_required
@require_GET
def training_matrix(request: HttpRequest) -> HttpResponse:
    """People by course, with each cell's status and expiry; counts per status at the top."""
    if not can_see_training_matrix(request.user):
        raise PermissionDenied(MATRIX_ROLES_ONLY)
    filterset, matrix = matrix_for_request(request)
    querystring = filterset.querystring()
    return render(
        request,
        "cpd/training/matrix.html",
        {
            "filter_form": filterset.form,
            "matrix": matrix,
            "download_url": download_url(TrainingMatrixExport, querystring),
            "can_record": get_scope(request.user).is_hr,
        },
    )


@login_required
@require_GET
def training_courses(request: HttpRequest) -> HttpResponse:
    require_training_manager(request.user)
    today = wf_selectors.today()
    courses = list(courses_for_authority(get_scope(request.user).authority))
    for course in courses:
        course.is_disabled = course.disabled_on is not None and course.disabled_on <= today
    return render(request, "cpd/training/courses.html", {"courses": courses})


def _course_fields(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {name: cleaned[name] for name in ("code", "name", "description", "validity_months", "disabled_on")}


@login_required
@require_http_methods(FORM_METHODS)
def training_course_create(request: HttpRequest) -> HttpResponse:
    require_training_manager(request.user)
    form = TrainingCourseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            course = services.training_course_create(
                authority=get_scope(request.user).authority, user=request.user, **_course_fields(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"The course {course.name} has been added.")
            return redirect("cpd:training_courses")
    return render(
        request,
        "cpd/training/course_form.html",
        {"form": form, "title": "Add a course", "back_url": reverse("cpd:training_courses")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def training_course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    initial = {
        "code": course.code,
        "name": course.name,
        "description": course.description,
        "validity_months": course.validity_months,
        "disabled_on": course.disabled_on,
    }
    form = TrainingCourseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_course_update(course=course, user=request.user, **_course_fields(form.cleaned_data))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"The course {course.name} has been saved.")
            return redirect("cpd:training_courses")
    return render(
        request,
        "cpd/training/course_form.html",
        {"form": form, "title": f"Change {course.name}", "back_url": reverse("cpd:training_courses")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def training_completion_create(request: HttpRequest, pk: int) -> HttpResponse:
    """HR record that a worker completed a course."""
    worker = get_worker_for_training_record(request.user, pk)
    today = wf_selectors.today()
    form = TrainingCompletionForm(
        posted(request), courses=required_courses(worker.authority_id, today).order_by("name"), today=today
    )
    if request.method == "POST" and form.is_valid():
        try:
            completion = services.training_completion_record(worker=worker, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{completion.course.name} has been recorded for {worker.full_name}.")
            return redirect("cpd:training_matrix")
    return render(
        request,
        "cpd/training/completion_form.html",
        {"form": form, "worker": worker, "title": "Record training", "back_url": reverse("cpd:training_matrix")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def training_import(request: HttpRequest) -> HttpResponse:
    """HR upload a file of completions: refused whole, with every bad row listed, or saved in one transaction."""
    require_training_manager(request.user)
    form = TrainingImportForm(posted(request), request.FILES if request.method == "POST" else None)
    problems = []
    if request.method == "POST" and form.is_valid():
        checked = check_uploaded_file(
            form.cleaned_data["file"], authority=get_scope(request.user).authority, today=wf_selectors.today()
        )
        if checked.ok:
            summary = services.training_completions_import(rows=checked.rows, user=request.user)
            messages.success(
                request,
                f"{summary.rows} rows imported: {summary.created} new completions, {summary.unchanged} unchanged.",
            )
            return redirect("cpd:training_import")
        problems = checked.problems
    return render(
        request,
        "cpd/training/import.html",
        {"form": form, "problems": problems, "columns": COLUMNS, "back_url": reverse("cpd:training_matrix")},
    )
