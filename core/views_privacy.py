"""Data protection pages (administrators): a worker's subject access export, and the retention policies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.forms_privacy import RetentionPolicyForm
from core.privacy.access import authority_code_for_retention, get_worker_for_subject_access
from core.privacy.retention import recent_runs, retention_policies, retention_policies_save
from core.privacy.subject_access import (
    FORMATS,
    attachments_of,
    section_counts,
    subject_access_data,
    subject_access_downloads,
    subject_access_log,
    subject_access_response,
)
from workforce.access import get_scope

POLICIES_SAVED = "Retention policies saved."
POLICIES_UNCHANGED = "Nothing changed: the retention policies were already as given."


@login_required
@require_GET
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """What a subject access export of the worker holds, with the downloads."""
    worker = get_worker_for_subject_access(request.user, pk)
    data = subject_access_data(worker=worker)
    attachments = [attachment for _, attachment in attachments_of(worker)]
    context = {
        "worker": worker,
        "sections": section_counts(data),
        "attachment_count": len(attachments),
        "attachment_bytes": sum(a.size for a in attachments),
        "downloads": subject_access_downloads(worker=worker),
    }
    return render(request, "core/privacy/subject_access.html", context)


@login_required
@require_GET
def subject_access_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The export as XLSX, JSON or a ZIP of both with the attached files; each download is logged."""
    if fmt not in FORMATS:
        raise Http404("No such format.")
    worker = get_worker_for_subject_access(request.user, pk)
    response, rows = subject_access_response(worker=worker, fmt=fmt)
    subject_access_log(worker=worker, fmt=fmt, rows=rows, user=request.user)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def retention_policy(request: HttpRequest) -> HttpResponse:
    """How long the authority keeps leavers' records, and what the retention command would change today."""
    code = authority_code_for_retention(request.user)
    rows = retention_policies(authority_code=code)
    form = RetentionPolicyForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        changed = retention_policies_save(authority_code=code, values=form.policy_values(), user=request.user)
        messages.success(request, POLICIES_SAVED if changed else POLICIES_UNCHANGED)
        return redirect("core:retention_policy")
    # No preview of what a run would change: checking every leaver costs queries per person, and the page must stay
    # fast; `apply_retention --dry-run` lists it.
    context = {"form": form, "authority": get_scope(request.user).authority, "runs": recent_runs(authority_code=code)}
    return render(request, "core/privacy/retention_policy.html", context)
