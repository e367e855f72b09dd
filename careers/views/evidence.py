"""Evidence pages: a worker writes, changes and submits a piece of practice; their team manager reviews it on the
same page (accept, or return with comments); files are attached while it is a draft or returned.

Each view checks access through careers.access.evidence (out of scope: 404; in scope but not the user's to do:
403), binds its form, calls careers.services.evidence, and redirects with a message (POST/redirect/GET).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careers.access import is_own
from careers.access.evidence import (
    can_review,
    get_editable_evidence_for_user,
    get_evidence_attachment_for_user,
    get_evidence_for_transition,
    get_evidence_for_user,
)
from careers.forms.evidence import EvidenceAttachmentForm, EvidenceForm, ReviewForm
from careers.models import Evidence, EvidenceTransition, FrameworkItem
from careers.selectors.evidence import (
    current_framework_version,
    linkable_cpd_records,
    linkable_items,
    mapping_items,
)
from careers.services import evidence as services
from core.attachments import attachment_response
from core.forms import apply_service_errors, posted
from workforce.access import get_scope
from workforce.models import Worker


def _apply_service_errors(form: Form, exc: ValidationError) -> None:
    """A service's error beside its field; the service's `items` are the form's principles."""
    apply_service_errors(form, exc, aliases={"items": "principles"})


FORM_METHODS = ["GET", "POST"]
NOT_A_WORKER = "Only staff with their own record write evidence."
SUCCESS = {
    EvidenceTransition.Action.SUBMIT: "Evidence submitted: your team manager has been told.",
    EvidenceTransition.Action.RESUBMIT: "Evidence resubmitted: your team manager has been told.",
    EvidenceTransition.Action.ACCEPT: "Evidence accepted: {name} has been told.",
    EvidenceTransition.Action.RETURN: "Evidence returned with your comments: {name} has been told.",
}
# How the timeline words each step: "Submitted by Sam Patel on 3 March 2026 at 10:04".
TIMELINE_VERBS = {
    EvidenceTransition.Action.SUBMIT: "Submitted",
    EvidenceTransition.Action.RESUBMIT: "Resubmitted",
    EvidenceTransition.Action.ACCEPT: "Accepted",
    EvidenceTransition.Action.RETURN: "Returned",
}


def _own_worker(request: HttpRequest) -> Worker:
    """The signed-in user's own staff record: 403 for users without one (they write no evidence)."""
    scope = get_scope(request.user)
    if scope.own_worker_id is None:
        raise PermissionDenied(NOT_A_WORKER)
    return Worker.objects.select_related("authority").get(pk=scope.own_worker_id)


def _detail_url(evidence: Evidence) -> str:
    return reverse("careers:evidence_detail", args=[evidence.pk])


def _back_url(request: HttpRequest, evidence: Evidence) -> str:
    if is_own(request.user, evidence.worker):
        return reverse("careers:my_progress")
    return reverse("careers:worker_progress", args=[evidence.worker_id])


def _form_context(worker: Worker, version: Any) -> dict[str, Any]:
    items = linkable_items(version) if version is not None else FrameworkItem.objects.none()
    return {"items": items, "cpd_records": linkable_cpd_records(worker), "mappings": mapping_items()}


def _render_detail(
    request: HttpRequest,
    evidence: Evidence,
    can_edit: bool,
    *,
    review_form: ReviewForm | None = None,
    attachment_form: EvidenceAttachmentForm | None = None,
    action_errors: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    own = is_own(request.user, evidence.worker)
    reviewing = can_review(request.user, evidence)
    missing = services.evidence_missing(evidence) if own and can_edit else {}
    timeline = [(TIMELINE_VERBS[t.action], t) for t in evidence.transitions.all()]
    error_links = list(action_errors or [])
    for form in (review_form, attachment_form):
        if form is not None and form.is_bound:
            error_links += form.error_links()
    return render(
        request,
        "careers/evidence/evidence_detail.html",
        {
            "evidence": evidence,
            "worker": evidence.worker,
            "own": own,
            "can_edit": can_edit,
            "can_submit": own and evidence.status == Evidence.Status.DRAFT,
            "can_resubmit": own and evidence.status == Evidence.Status.RETURNED,
            "missing": list(missing.values()),
            "can_review": reviewing,
            "review_form": review_form or ReviewForm(),
            "attachment_form": attachment_form or EvidenceAttachmentForm(),
            "principles": [i for i in evidence.items.all() if i.kind == "principle"],
            "outcomes": [i for i in evidence.items.all() if i.kind == "outcome"],
            "mappings": [i for i in evidence.items.all() if i.kind in ("domain", "standard")],
            "timeline": timeline,
            "error_links": error_links,
            "back_url": _back_url(request, evidence),
        },
        status=status,
    )


# ---------------------------------------------------------------------------
# Writing and changing
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(FORM_METHODS)
def evidence_create(request: HttpRequest) -> HttpResponse:
    """A new draft, against the framework version the worker's authority uses now."""
    worker = _own_worker(request)
    version = current_framework_version(worker)
    form = EvidenceForm(posted(request), **_form_context(worker, version))
    if request.method == "POST" and version is not None and form.is_valid():
        try:
            evidence = services.evidence_create(worker=worker, user=request.user, **form.service_data())
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, "Evidence saved as a draft. Submit it for review when it is ready.")
            return redirect(_detail_url(evidence))
    return render(
        request,
        "careers/evidence/evidence_form.html",
        {
            "form": form,
            "version": version,
            "title": "Add evidence",
            "back_url": reverse("careers:my_progress"),
            "submit_label": "Save as draft",
        },
    )


@login_required
@require_GET
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence, its links, files and timeline, and the steps the user may take (this is the review page)."""
    evidence, can_edit = get_evidence_for_user(request.user, pk)
    return _render_detail(request, evidence, can_edit)


@login_required
@require_http_methods(FORM_METHODS)
def evidence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker changes a draft or returned piece; its framework version stays the one it was written against."""
    evidence = get_editable_evidence_for_user(request.user, pk)
    form = EvidenceForm(
        posted(request),
        initial=EvidenceForm.initial_for(evidence),
        **_form_context(evidence.worker, evidence.framework_version),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_update(
                evidence=evidence, user=request.user, expected_version=form.expected_version, **form.service_data()
            )
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, "Evidence saved.")
            return redirect(_detail_url(evidence))
    return render(
        request,
        "careers/evidence/evidence_form.html",
        {
            "form": form,
            "evidence": evidence,
            "version": evidence.framework_version,
            "title": "Change evidence",
            "back_url": _detail_url(evidence),
            "submit_label": "Save",
        },
    )


# ---------------------------------------------------------------------------
# The workflow
# ---------------------------------------------------------------------------
@login_required
@require_POST
def evidence_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit, resubmit, accept or return; a step the state does not allow is explained on the page."""
    evidence = get_evidence_for_transition(request.user, pk, action)
    review_form = ReviewForm(request.POST) if action in ("accept", "return") else None
    comment = review_form.cleaned_data["comment"] if review_form is not None and review_form.is_valid() else ""
    try:
        services.evidence_transition(evidence=evidence, action=action, comment=comment, user=request.user)
    except ValidationError as exc:
        evidence, can_edit = get_evidence_for_user(request.user, pk)
        if review_form is not None:
            _apply_service_errors(review_form, exc)
            return _render_detail(request, evidence, can_edit, review_form=review_form)
        anchor = "#actions-heading"
        problems = exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]
        action_errors = [(anchor, message) for messages_ in problems for message in messages_]
        return _render_detail(request, evidence, can_edit, action_errors=action_errors)
    messages.success(request, SUCCESS[action].format(name=evidence.worker.full_name))
    return redirect(_detail_url(evidence))


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------
@login_required
@require_POST
def evidence_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_editable_evidence_for_user(request.user, pk)
    form = EvidenceAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.evidence_attachment_add(
                evidence=evidence, uploaded=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, f"{attachment.original_name} attached.")
            return redirect(_detail_url(evidence))
    evidence, can_edit = get_evidence_for_user(request.user, pk)
    return _render_detail(request, evidence, can_edit, attachment_form=form)


@login_required
@require_GET
def evidence_attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment, _ = get_evidence_attachment_for_user(request.user, pk)
    return attachment_response(attachment)


@login_required
@require_POST
def evidence_attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment, can_edit = get_evidence_attachment_for_user(request.user, pk)
    if not can_edit:
        raise PermissionDenied("You may not remove this file.")
    evidence = attachment.evidence
    try:
        services.evidence_attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{attachment.original_name} removed.")
    return redirect(_detail_url(evidence))
