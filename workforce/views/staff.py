"""Staff pages: the staff list, a worker's record, and the forms HR and team managers change it with.

Each view checks access through workforce.access (out of scope: 404; in scope but read-only: 403), binds its
form, calls a service of workforce.services.records, and redirects with a message (POST/redirect/GET).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.concurrency import version_of
from core.exports.registry import download_url
from core.forms import apply_service_errors, posted
from workforce import selectors
from workforce.access import (
    STAFF_LIST_ROLES,
    can_edit_worker_caseloads,
    can_see_equality_data,
    can_unarchive_worker,
    get_editable_worker_for_user,
    get_scope,
    get_worker_for_user,
    hr_required,
    role_required,
    teams_for_user,
)
from workforce.exports.staff import StaffListExport
from workforce.filters import StaffFilter
from workforce.forms.records import (
    AbsenceForm,
    ArchiveForm,
    AssignmentForm,
    CaseloadForm,
    LeaverForm,
    TeamMoveForm,
    WorkerForm,
)
from workforce.models import Worker
from workforce.services import records

FORM_METHODS = ["GET", "POST"]
ARCHIVED_READ_ONLY = "An archived staff record cannot be changed: an administrator can restore it first."


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    template: str,
    context: dict[str, Any],
    save: Callable[[dict[str, Any]], Any],
    success_message: str | Callable[[Any], str],
    success_url: str | Callable[[Any], str],
) -> HttpResponse:
    """Render the form, or on a valid POST call ``save`` (a service) and redirect with a message.

    The message and URL may be functions of what ``save`` returned.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success_message(saved) if callable(success_message) else success_message)
            return redirect(success_url(saved) if callable(success_url) else success_url)
    return render(request, template, {"form": form, **context})


def _worker_for_change(request: HttpRequest, pk: int) -> Worker:
    """The worker, for HR to change: 404 outside the user's scope, 403 read-only or archived."""
    worker = get_editable_worker_for_user(request.user, pk)
    if worker.is_archived:
        raise PermissionDenied(ARCHIVED_READ_ONLY)
    return worker


def _worker_url(worker: Worker) -> str:
    return reverse("workforce:worker_detail", args=[worker.pk])


# ---------------------------------------------------------------------------
# Staff list
# ---------------------------------------------------------------------------
@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def staff_list(request: HttpRequest) -> HttpResponse:
    """HR see the whole authority's staff records; team and service managers the people in their teams."""
    filterset = StaffFilter(request.GET, user=request.user)
    workers = selectors.staff_list(user=request.user, filters=request.GET)
    page = Paginator(workers, selectors.STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = filterset.querystring()
    return render(
        request,
        "workforce/staff/staff_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            "page_prefix": f"?{querystring}&page=" if querystring else "?page=",
            "download_url": download_url(StaffListExport, querystring),
            "on": selectors.today(),
            "can_add": get_scope(request.user).is_hr,
        },
    )


# ---------------------------------------------------------------------------
# A worker's record
# ---------------------------------------------------------------------------
@login_required
@require_GET
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Details, assignments, caseloads and absences; the change links each role may use."""
    worker, can_edit = get_worker_for_user(request.user, pk)
    on = selectors.today()
    assignments = list(selectors.worker_assignments(worker))
    current = next((a for a in assignments if a.start_date <= on and (a.end_date is None or a.end_date > on)), None)
    return render(
        request,
        "workforce/staff/worker_detail.html",
        {
            "worker": worker,
            "on": on,
            "can_edit": can_edit and not worker.is_archived,
            "can_record_caseload": not worker.is_archived and can_edit_worker_caseloads(request.user, worker),
            "can_unarchive": worker.is_archived and can_unarchive_worker(request.user, worker),
            "show_equality": can_see_equality_data(request.user, worker),
            "is_administrator": get_scope(request.user).is_administrator,
            "assignments": assignments,
            "current": current,
            "has_open_assignment": any(a.end_date is None for a in assignments),
            "caseloads": list(selectors.worker_caseloads(worker)),
            "absences": list(selectors.worker_absences(worker)),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
@hr_required
def worker_create(request: HttpRequest) -> HttpResponse:
    """A new staff record; its first assignment is added next."""
    form = WorkerForm(posted(request))
    authority = get_scope(request.user).authority
    return _form_page(
        request,
        form,
        template="workforce/staff/worker_form.html",
        context={"title": "Add a staff record", "back_url": reverse("workforce:staff_list")},
        save=lambda data: records.worker_create(authority=authority, actor=request.user, **data),
        success_message=lambda worker: f"Staff record of {worker.full_name} created. Now add their assignment.",
        success_url=lambda worker: reverse("workforce:assignment_create", args=[worker.pk]),
    )


@login_required
@require_http_methods(FORM_METHODS)
def worker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    worker = _worker_for_change(request, pk)
    initial = {name: getattr(worker, name) for name in records.WORKER_FIELDS} | {"version": version_of(worker)}
    form = WorkerForm(posted(request), initial=initial)
    return _form_page(
        request,
        form,
        template="workforce/staff/worker_form.html",
        context={"worker": worker, "title": "Change the staff record", "back_url": _worker_url(worker)},
        save=lambda data: records.worker_update(
            worker=worker, actor=request.user, expected_version=form.expected_version, **data
        ),
        success_message="Staff record saved.",
        success_url=_worker_url(worker),
    )


@login_required
@require_http_methods(FORM_METHODS)
def worker_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive (never delete) a record created in error or a duplicate; administrators can restore it."""
    worker = _worker_for_change(request, pk)
    form = ArchiveForm(posted(request))
    return _form_page(
        request,
        form,
        template="workforce/staff/archive_form.html",
        context={"worker": worker, "title": "Archive the staff record", "back_url": _worker_url(worker)},
        save=lambda data: records.worker_archive(worker=worker, actor=request.user, reason=data["reason"]),
        success_message=f"Staff record of {worker.full_name} archived.",
        success_url=reverse("workforce:staff_list"),
    )


@login_required
@require_POST
def worker_unarchive(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators restore an archived record."""
    worker, _ = get_worker_for_user(request.user, pk)
    if not can_unarchive_worker(request.user, worker):
        raise PermissionDenied("Only an administrator can restore an archived staff record.")
    try:
        records.worker_unarchive(worker=worker, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Staff record of {worker.full_name} restored.")
    return redirect(_worker_url(worker))


# ---------------------------------------------------------------------------
# Assignments, leavers and moves
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(FORM_METHODS)
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    worker = _worker_for_change(request, pk)
    form = AssignmentForm(posted(request), teams=teams_for_user(request.user))
    return _form_page(
        request,
        form,
        template="workforce/staff/assignment_form.html",
        context={"worker": worker, "title": "Add an assignment", "back_url": _worker_url(worker)},
        save=lambda data: records.assignment_create(worker=worker, actor=request.user, **data),
        success_message="Assignment added.",
        success_url=_worker_url(worker),
    )


@login_required
@require_http_methods(FORM_METHODS)
def assignment_edit(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    worker = _worker_for_change(request, pk)
    assignment = get_object_or_404(worker.assignments.select_related("team"), pk=assignment_pk)
    form = AssignmentForm(
        posted(request),
        teams=teams_for_user(request.user),
        initial=AssignmentForm.initial_for(assignment) | {"version": version_of(assignment)},
    )
    return _form_page(
        request,
        form,
        template="workforce/staff/assignment_form.html",
        context={"worker": worker, "title": "Change an assignment", "back_url": _worker_url(worker)},
        save=lambda data: records.assignment_update(
            assignment=assignment, actor=request.user, expected_version=form.expected_version, **data
        ),
        success_message="Assignment saved.",
        success_url=_worker_url(worker),
    )


@login_required
@require_http_methods(FORM_METHODS)
def leaver_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker leaves the authority's social work: their open assignment ends."""
    worker = _worker_for_change(request, pk)
    form = LeaverForm(posted(request), initial={"leaver_destination": worker.leaver_destination})
    return _form_page(
        request,
        form,
        template="workforce/staff/leaver_form.html",
        context={
            "worker": worker,
            "title": "Record a leaver",
            "current": selectors.open_assignment(worker),
            "back_url": _worker_url(worker),
        },
        save=lambda data: records.leaver_record(worker=worker, actor=request.user, **data),
        success_message=f"{worker.full_name} recorded as a leaver.",
        success_url=_worker_url(worker),
    )


@login_required
@require_http_methods(FORM_METHODS)
def team_move(request: HttpRequest, pk: int) -> HttpResponse:
    """A move to another team, role or FTE: not a leaver."""
    worker = _worker_for_change(request, pk)
    current = selectors.open_assignment(worker)
    initial = {}
    if current is not None:
        initial = {"role": current.role, "fte": current.fte.normalize(), "job_title": current.job_title}
    form = TeamMoveForm(posted(request), teams=teams_for_user(request.user), initial=initial)
    return _form_page(
        request,
        form,
        template="workforce/staff/team_move_form.html",
        context={"worker": worker, "title": "Record a team move", "current": current, "back_url": _worker_url(worker)},
        save=lambda data: records.team_move(worker=worker, actor=request.user, **data),
        success_message=f"Move of {worker.full_name} recorded.",
        success_url=_worker_url(worker),
    )


# ---------------------------------------------------------------------------
# Absences and caseloads
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(FORM_METHODS)
def absence_create(request: HttpRequest, pk: int) -> HttpResponse:
    worker = _worker_for_change(request, pk)
    form = AbsenceForm(posted(request))
    return _form_page(
        request,
        form,
        template="workforce/staff/absence_form.html",
        context={"worker": worker, "title": "Add an absence", "back_url": _worker_url(worker)},
        save=lambda data: records.absence_create(worker=worker, actor=request.user, **data),
        success_message="Absence added.",
        success_url=_worker_url(worker),
    )


@login_required
@require_http_methods(FORM_METHODS)
def caseload_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Team managers (of the worker's teams) and HR record a caseload; a later record on the same date replaces it."""
    worker, _ = get_worker_for_user(request.user, pk)
    if worker.is_archived or not can_edit_worker_caseloads(request.user, worker):
        raise PermissionDenied("You may read this worker's caseloads but not change them.")
    form = CaseloadForm(posted(request), initial={"date": selectors.today()})
    return _form_page(
        request,
        form,
        template="workforce/staff/caseload_form.html",
        context={"worker": worker, "title": "Add a caseload record", "back_url": _worker_url(worker)},
        save=lambda data: records.caseload_record(
            worker=worker, actor=request.user, date=data["date"], cases=data["cases"], **form.by_type()
        ),
        success_message="Caseload recorded.",
        success_url=_worker_url(worker),
    )
