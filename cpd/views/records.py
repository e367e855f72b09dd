"""CPD record pages: "My CPD" (a social worker's own records by registration year), the record forms and page,
attachments, a manager's view of one worker's CPD, and the year PDF.

Access is decided in cpd.access.records: out of scope 404; HR in scope but never the content (403 on a record,
an attachment, the PDF); read-only (managers, or a year that has ended) 403 to a change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.attachments import attachment_response
from core.exports.pdf import pdf_response
from core.forms import apply_service_errors, posted
from cpd.access.records import (
    get_cpd_attachment_for_user,
    get_cpd_record_for_user,
    get_cpd_worker_content_for_user,
    get_cpd_worker_for_user,
    get_editable_cpd_attachment_for_user,
    get_editable_cpd_record_for_user,
    get_own_cpd_worker,
    is_year_open,
)
from cpd.exports.record_pdf import CpdYearPdf, dates_text, hours_text
from cpd.forms.records import (
    ACTION_RECORD,
    AttachmentForm,
    CpdDocumentEditForm,
    CpdDocumentForm,
    CpdRecordForm,
)
from cpd.models import CpdRecord, Standard, Standard4Part
from cpd.selectors.compliance import REQUIRED_RECORDS, renewal_progress
from cpd.selectors.records import recorded_for_pdf, records_for_year, renewal_status, year_counts, years_with_counts
from cpd.services import records as services
from cpd.years import days_left, registration_year_for, year_end, year_label
from workforce import selectors as wf_selectors
from workforce.access import get_scope
from workforce.models import Worker

FORM_METHODS = ["GET", "POST"]
FIRST_YEAR = 2000
YEARS_AHEAD = 2
PAST_YEAR_NOTICE = (
    "The registration year {label} has ended, so its records can be read and downloaded but no longer changed."
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _optional_url(name: str, **kwargs: Any) -> str | None:
    """The URL of a page another part of the app may not have built yet (None until it exists)."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= registration_year_for(wf_selectors.today()) + YEARS_AHEAD:
        raise Http404("No such registration year.")
    return year


def _own_worker_pk(request: HttpRequest) -> int | None:
    return get_scope(request.user).own_worker_id


def _record_url(record: CpdRecord) -> str:
    return reverse("cpd:record_detail", args=[record.pk])


def _year_url(worker: Worker, year: int, *, own: bool) -> str:
    if own:
        if year == registration_year_for(wf_selectors.today()):
            return reverse("cpd:my_cpd")
        return reverse("cpd:my_cpd_year", args=[year])
    return reverse("cpd:worker_cpd_year", args=[worker.pk, year])


def _record_rows(records: list[CpdRecord]) -> list[dict[str, Any]]:
    return [{"record": record, "dates": dates_text(record), "url": _record_url(record)} for record in records]


def _year_page(request: HttpRequest, worker: Worker, year: int, *, own: bool, can_read: bool) -> HttpResponse:
    """My CPD, an earlier year of mine, or a manager's (or HR's counts-only) view of one worker's year."""
    on = wf_selectors.today()
    current = registration_year_for(on)
    progress = renewal_progress(worker=worker, year=year, today=on)
    status_text, status_class = renewal_status(progress)
    records = list(records_for_year(worker=worker, year=year)) if can_read else []
    counts = year_counts(worker=worker, year=year)
    earlier = [
        {"counts": row, "label": year_label(row.year), "url": _year_url(worker, row.year, own=own)}
        for row in years_with_counts(worker=worker, before=year)
    ]
    if own:
        pdf_url = reverse("cpd:year_pdf", args=[year])
    else:
        pdf_url = reverse("cpd:worker_year_pdf", args=[worker.pk, year]) if can_read else None
    context = {
        "worker": worker,
        "own": own,
        "can_read": can_read,
        "year": year,
        "year_label": year_label(year),
        "is_current": year == current,
        "is_open": is_year_open(year, on),
        "past_notice": PAST_YEAR_NOTICE.format(label=year_label(year)) if not is_year_open(year, on) else "",
        "deadline": year_end(year),
        "days_left": days_left(year, on),
        "progress": progress,
        "required_records": REQUIRED_RECORDS,
        "status_text": status_text,
        "status_class": status_class,
        "rows": _record_rows(records),
        "counts": counts,
        "earlier": earlier,
        "pdf_url": pdf_url,
        "current_url": _year_url(worker, current, own=own) if year != current else None,
        "days_url": _optional_url("cpd:my_days") if own else None,
        "training_url": _optional_url("cpd:my_training") if own else None,
    }
    return render(request, "cpd/records/year.html", context)


def _pdf(worker: Worker, year: int) -> HttpResponse:
    on = wf_selectors.today()
    records = list(recorded_for_pdf(worker=worker, year=year))
    document = CpdYearPdf(
        worker=worker,
        year=year,
        records=records,
        progress=renewal_progress(worker=worker, year=year, today=on),
        drafts_left_out=year_counts(worker=worker, year=year).drafts,
    )
    return pdf_response(f"CPD record {worker.full_name} {year}", document.render())


def _detail_context(request: HttpRequest, record: CpdRecord, can_edit: bool) -> dict[str, Any]:
    own = _own_worker_pk(request) == record.worker_id
    standards = dict(Standard.choices)
    parts = dict(Standard4Part.choices)
    return {
        "record": record,
        "worker": record.worker,
        "own": own,
        "can_edit": can_edit,
        "can_delete": can_edit and record.status == CpdRecord.Status.DRAFT,
        "past_notice": PAST_YEAR_NOTICE.format(label=year_label(record.registration_year))
        if own and not can_edit
        else "",
        "year_label": year_label(record.registration_year),
        "dates": dates_text(record),
        "hours": hours_text(record),
        "standards": [standards.get(value, value) for value in record.standards],
        "parts": [parts.get(value, value) for value in record.standard_4_parts],
        "attachments": list(record.attachments.all()),
        "back_url": _year_url(record.worker, record.registration_year, own=own),
    }


def _record_form_page(
    request: HttpRequest,
    form: CpdRecordForm,
    *,
    title: str,
    save: Any,
    record: CpdRecord | None,
    back_url: str,
) -> HttpResponse:
    """Render a record form, or on a valid POST save it (a draft, or recorded) and go to the record's page."""
    record_it = request.POST.get("action") == ACTION_RECORD
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data, record_it)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if saved.status == CpdRecord.Status.RECORDED:
                messages.success(request, f"“{saved.title}” is recorded.")
            else:
                messages.success(request, f"“{saved.title}” is saved as a draft.")
            return redirect(_record_url(saved))
    context = {
        "form": form,
        "title": title,
        "record": record,
        "back_url": back_url,
        "is_recorded": record is not None and record.status == CpdRecord.Status.RECORDED,
        "standard_4": Standard.S4.value,
        "year_label": year_label(registration_year_for(wf_selectors.today())),
    }
    return render(request, "cpd/records/record_form.html", context)


# ---------------------------------------------------------------------------
# My CPD
# ---------------------------------------------------------------------------
@login_required
@require_GET
def my_cpd(request: HttpRequest) -> HttpResponse:
    """This registration year's records and progress towards renewal, with the earlier years."""
    worker = get_own_cpd_worker(request.user)
    return _year_page(request, worker, registration_year_for(wf_selectors.today()), own=True, can_read=True)


@login_required
@require_GET
def my_cpd_year(request: HttpRequest, year: int) -> HttpResponse:
    worker = get_own_cpd_worker(request.user)
    return _year_page(request, worker, _check_year(year), own=True, can_read=True)


@login_required
@require_GET
def year_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The worker's own recorded CPD of a year, as a PDF to copy into their SWE account."""
    worker = get_own_cpd_worker(request.user)
    return _pdf(worker, _check_year(year))


# ---------------------------------------------------------------------------
# A record
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(FORM_METHODS)
def record_create(request: HttpRequest) -> HttpResponse:
    worker = get_own_cpd_worker(request.user)
    form = CpdRecordForm(posted(request))
    return _record_form_page(
        request,
        form,
        title="Add a CPD record",
        record=None,
        back_url=reverse("cpd:my_cpd"),
        save=lambda data, record_it: services.cpd_record_create(
            worker=worker, data=data, record_it=record_it, user=request.user
        ),
    )


@login_required
@require_http_methods(FORM_METHODS)
def document_create(request: HttpRequest) -> HttpResponse:
    """Upload an existing document (an ASYE review, a certificate with notes) as a piece of CPD."""
    worker = get_own_cpd_worker(request.user)
    form = CpdDocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    return _record_form_page(
        request,
        form,
        title="Upload a document as CPD",
        record=None,
        back_url=reverse("cpd:my_cpd"),
        save=lambda data, record_it: services.cpd_record_create(
            worker=worker,
            data=data,
            record_it=record_it,
            user=request.user,
            kind=CpdRecord.Kind.DOCUMENT,
            document=request.FILES.get("document"),
        ),
    )


@login_required
@require_GET
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The one page of a record, for everyone who may read it."""
    record, can_edit = get_cpd_record_for_user(request.user, pk)
    context = _detail_context(request, record, can_edit)
    context["attachment_form"] = AttachmentForm() if can_edit else None
    return render(request, "cpd/records/record_detail.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_editable_cpd_record_for_user(request.user, pk)
    form_class = CpdDocumentEditForm if record.kind == CpdRecord.Kind.DOCUMENT else CpdRecordForm
    form = form_class(posted(request), initial=form_class.initial_for(record))
    return _record_form_page(
        request,
        form,
        title=f"Change “{record.title}”",
        record=record,
        back_url=_record_url(record),
        save=lambda data, record_it: services.cpd_record_update(
            record=record, data=data, record_it=record_it, user=request.user, expected_version=form.expected_version
        ),
    )


@login_required
@require_http_methods(FORM_METHODS)
def record_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a draft (recorded CPD cannot be deleted)."""
    record = get_editable_cpd_record_for_user(request.user, pk)
    error = ""
    if record.status != CpdRecord.Status.DRAFT:
        error = services.RECORDED_NOT_DELETABLE
    elif request.method == "POST":
        title = record.title
        services.cpd_record_delete(record=record, user=request.user)
        messages.success(request, f"The draft “{title}” is deleted.")
        return redirect(_year_url(record.worker, record.registration_year, own=True))
    return render(
        request,
        "cpd/records/record_delete.html",
        {"record": record, "error": error, "back_url": _record_url(record)},
    )


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------
@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a certificate or notes; a refused file is shown beside the field on the record page."""
    record = get_editable_cpd_record_for_user(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.cpd_attachment_add(
                record=record, uploaded=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"“{attachment.original_name}” is attached.")
            return redirect(_record_url(record))
    context = _detail_context(request, record, True)
    context["attachment_form"] = form
    return render(request, "cpd/records/record_detail.html", context)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment, _ = get_cpd_attachment_for_user(request.user, pk, attachment_pk)
    return attachment_response(attachment)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = get_editable_cpd_attachment_for_user(request.user, pk, attachment_pk)
    name = attachment.original_name
    try:
        services.cpd_attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{name}” is removed.")
    return redirect(_record_url(attachment.record))


# ---------------------------------------------------------------------------
# One worker's CPD, for their managers, administrators and HR (counts only)
# ---------------------------------------------------------------------------
@login_required
@require_GET
def worker_cpd(request: HttpRequest, pk: int) -> HttpResponse:
    worker, can_read = get_cpd_worker_for_user(request.user, pk)
    if _own_worker_pk(request) == worker.pk:
        return redirect("cpd:my_cpd")
    return _year_page(request, worker, registration_year_for(wf_selectors.today()), own=False, can_read=can_read)


@login_required
@require_GET
def worker_cpd_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    worker, can_read = get_cpd_worker_for_user(request.user, pk)
    if _own_worker_pk(request) == worker.pk:
        return redirect("cpd:my_cpd_year", year=year)
    return _year_page(request, worker, _check_year(year), own=False, can_read=can_read)


@login_required
@require_GET
def worker_year_pdf(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    worker = get_cpd_worker_content_for_user(request.user, pk)
    return _pdf(worker, _check_year(year))
