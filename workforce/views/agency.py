"""Agency pages (spec section 2, HR only): the compliance list, an assignment's engagement details, the quarterly
agency return.

Access goes through workforce.access: an agency assignment is reached through its worker's record
(``get_editable_worker_for_user``: 404 outside the user's scope, 403 when the user may only read it).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.exports.registry import download_url
from core.exports.xlsx import xlsx_response
from workforce import agency, selectors
from workforce.access import get_editable_worker_for_user, get_scope, hr_required
from workforce.exports.agency import AgencyComplianceExport
from workforce.forms.agency import AgencyEngagementForm, AgencyReturnForm
from workforce.models import Assignment
from workforce.services.agency import agency_engagement_save

FORM_METHODS = ["GET", "POST"]
ARCHIVED_READ_ONLY = "An archived staff record cannot be changed: an administrator can restore it first."


def _agency_assignment_for_change(request: HttpRequest, assignment_pk: int) -> Assignment:
    """The agency assignment, for HR to change: 404 if it is not an agency social work assignment or its worker is
    outside the user's scope (workforce.access); 403 when the user may only read the worker's record.
    """
    assignment = agency.agency_assignment_by_pk(assignment_pk)
    if assignment is None:
        raise Http404("No such agency assignment.")
    worker = get_editable_worker_for_user(request.user, assignment.worker_id)
    if worker.is_archived:
        raise PermissionDenied(ARCHIVED_READ_ONLY)
    return assignment


@login_required
@require_GET
@hr_required
def agency_compliance(request: HttpRequest) -> HttpResponse:
    """Agency workers in post on a date with the DfE guidance's flags; filters by team and flag; XLSX download."""
    result = agency.agency_compliance_list(user=request.user, filters=request.GET)
    querystring = result.filterset.querystring()
    return render(
        request,
        "workforce/agency/compliance.html",
        {
            "result": result,
            "filter_form": result.filterset.form,
            "download_url": download_url(AgencyComplianceExport, querystring),
            "return_url": reverse("workforce:agency_return"),
            "flag_labels": agency.FLAG_SHORT_LABELS,
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def agency_engagement(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """Record or change the engagement details of an agency assignment; the page shows its flags."""
    assignment = _agency_assignment_for_change(request, assignment_pk)
    engagement = getattr(assignment, "agency_engagement", None)
    form = AgencyEngagementForm(
        request.POST if request.method == "POST" else None,
        initial=AgencyEngagementForm.initial_for(assignment, engagement),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agency_engagement_save(assignment=assignment, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Engagement details of {assignment.worker.full_name} saved.")
            return redirect(reverse("workforce:agency_engagement", args=[assignment.pk]))
    check = agency.assignment_check(assignment)
    return render(
        request,
        "workforce/agency/engagement_form.html",
        {
            "form": form,
            "assignment": assignment,
            "worker": assignment.worker,
            "check": check,
            "flag_labels": agency.FLAG_SHORT_LABELS,
            "title": "Agency engagement details",
            "back_url": reverse("workforce:agency_compliance"),
        },
    )


@login_required
@require_GET
@hr_required
def agency_return(request: HttpRequest) -> HttpResponse:
    """The quarterly agency return as XLSX for ?year=YYYY&quarter=N; without them, a page to choose the quarter."""
    if "year" not in request.GET and "quarter" not in request.GET:
        form = AgencyReturnForm(initial=AgencyReturnForm.latest_complete(selectors.today()))
        return render(request, "workforce/agency/return_form.html", {"form": form})
    form = AgencyReturnForm(request.GET)
    if not form.is_valid():
        return render(request, "workforce/agency/return_form.html", {"form": form})
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    sheets = agency.agency_return_sheets(authority=get_scope(request.user).authority, year=year, quarter=quarter)
    return xlsx_response(f"{agency.RETURN_NAME} {year} Q{quarter}", sheets)
