"""The import pages (spec section 4): choose a kind and upload a file, see its problems or a preview, confirm.

The uploaded file waits in a private directory (workforce.imports.uploads) between the preview and the
confirmation, named by its ImportRun and a random token kept in the uploader's session; the confirmation checks
the file again, inside the transaction that writes it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.exports.xlsx import XLSX_CONTENT_TYPE, attachment_filename, xlsx_response
from workforce.access import get_scope
from workforce.imports import schemas, uploads
from workforce.imports.forms import ImportUploadForm
from workforce.imports.permissions import import_kinds_for, restriction_for
from workforce.imports.reading import human_size
from workforce.imports.runs import (
    IN_PROGRESS,
    ImportBusy,
    Outcome,
    check_file,
    import_file,
    record_failure,
    record_preview,
)
from workforce.imports.templates import FORMATS, template_csv, template_name, template_sheet
from workforce.models import ImportRun

SESSION_KEY = "import_tokens"
SESSION_TOKENS_KEPT = 20  # the uploads a user can still open; files are deleted after a day anyway
RECENT_RUNS = 10
NOT_PREVIEWED = "This file has already been imported or refused. Upload it again to import it."
FILE_GONE = "The uploaded file is no longer kept. Upload it again."


def _kinds_or_403(request: HttpRequest) -> tuple[str, ...]:
    kinds = import_kinds_for(request.user)
    if not kinds:
        raise PermissionDenied("Your role does not let you import files.")
    return kinds


def _tokens(request: HttpRequest) -> dict[str, str]:
    return request.session.get(SESSION_KEY, {})


def _get_run_for_user(request: HttpRequest, pk: int) -> tuple[ImportRun, str]:
    """The user's own run in their authority, with its file token; 404 for anyone else's."""
    scope = get_scope(request.user)
    token = _tokens(request).get(str(pk))
    run = ImportRun.objects.filter(pk=pk, authority=scope.authority, user=request.user).first()
    if run is None or token is None:
        raise Http404("No such import.")
    return run, token


def _start_page(
    request: HttpRequest, form: ImportUploadForm, kinds: tuple[str, ...], status: int = 200
) -> HttpResponse:
    scope = get_scope(request.user)
    recent = ImportRun.objects.filter(authority=scope.authority, user=request.user).order_by("-created_at")[
        :RECENT_RUNS
    ]
    kinds_info = [
        {
            "kind": kind,
            "label": schemas.KIND_LABELS[kind],
            "hint": schemas.KIND_HINTS[kind],
            "columns": schemas.COLUMNS[kind],
            "key": " and ".join(schemas.NATURAL_KEYS[kind]),
        }
        for kind in kinds
    ]
    code_lists = [
        {
            "column": column,
            "title": title,
            "codes": [
                (value, label, schemas.census_codes_for(choices).get(value, "")) for value, label in choices.choices
            ],
            "has_census": bool(census),
        }
        for column, title, choices, census in schemas.CODE_LISTS
        if any(column in schemas.column_names(kind) for kind in kinds)
    ]
    tokens = _tokens(request)
    return render(
        request,
        "workforce/imports/start.html",
        {
            "form": form,
            "kinds": kinds_info,
            "code_lists": code_lists,
            "recent": [{"run": run, "link": str(run.pk) in tokens, "status": _status_label(run)} for run in recent],
            "max_size": human_size(settings.IMPORT_MAX_BYTES),
            "max_rows": settings.IMPORT_MAX_ROWS,
        },
        status=status,
    )


@login_required
@require_GET
def import_start(request: HttpRequest) -> HttpResponse:
    """The import page: the upload form, the template files, and what each file contains."""
    kinds = _kinds_or_403(request)
    return _start_page(request, ImportUploadForm(kinds=kinds), kinds)


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    """Check an uploaded file and show its problems or a preview. Nothing is written to the records."""
    kinds = _kinds_or_403(request)
    if request.POST.get("kind") in schemas.KINDS and request.POST["kind"] not in kinds:
        raise PermissionDenied("Your role does not let you import this kind of file.")
    form = ImportUploadForm(request.POST, request.FILES, kinds=kinds)
    if not form.is_valid():
        return _start_page(request, form, kinds)
    kind = form.cleaned_data["kind"]
    uploaded = form.cleaned_data["file"]
    scope = get_scope(request.user)
    uploads.purge_old()
    run = ImportRun.objects.create(
        authority=scope.authority,
        kind=kind,
        filename=(uploaded.name or "upload")[:255],
        user=request.user,
        status=ImportRun.Status.PREVIEWED,
        created_by=request.user,
        updated_by=request.user,
    )
    token = uploads.new_token()
    path = uploads.save_upload(run, token, uploaded)
    kept = sorted({**_tokens(request), str(run.pk): token}.items(), key=lambda item: int(item[0]))
    request.session[SESSION_KEY] = dict(kept[-SESSION_TOKENS_KEPT:])
    try:
        _, outcome = check_file(
            kind=kind,
            path=path,
            filename=run.filename,
            authority=scope.authority,
            restriction=restriction_for(request.user),
        )
    except Exception:
        uploads.delete(run, token)
        record_failure(run)
        raise
    record_preview(run, outcome)
    _save_outcome(run, token, outcome)
    if outcome.refused:
        uploads.delete(run, token, uploads.UPLOAD)
    return redirect("workforce:import_detail", pk=run.pk)


def _save_outcome(run: ImportRun, token: str, outcome: Outcome) -> None:
    uploads.save_outcome(run, token, outcome.summary())
    outcome.report.write_xlsx(str(uploads.path_for(run, token, uploads.REPORT)))


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The result of an upload: the problems (refused), the preview (to confirm), or what was imported."""
    _kinds_or_403(request)
    run, token = _get_run_for_user(request, pk)
    summary = uploads.load_outcome(run, token)
    context: dict[str, Any] = {
        "run": run,
        "summary": summary,
        "kind_label": schemas.KIND_LABELS.get(run.kind, run.kind),
        "report_available": uploads.path_for(run, token, uploads.REPORT).exists(),
        "running": run.status == IN_PROGRESS and run.finished_at is None,
        "can_confirm": run.status == ImportRun.Status.PREVIEWED
        and uploads.path_for(run, token, uploads.UPLOAD).exists(),
    }
    context["samples"] = _samples(run, summary)
    return render(request, "workforce/imports/result.html", context)


def _samples(run: ImportRun, summary: dict[str, Any] | None) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The first rows of each outcome, with a caption that says whether they would be or were written."""
    if not summary or not summary.get("plan"):
        return []
    done = run.status == ImportRun.Status.IMPORTED
    samples = summary["plan"]["samples"]
    captions = (
        ("created", "First rows created" if done else "First rows that would be created", False),
        ("updated", "First rows updated" if done else "First rows that would be updated", True),
        ("unchanged", "First rows left unchanged" if done else "First rows that would be left unchanged", False),
    )
    return [({"title": title, "changes": changes}, samples.get(outcome, [])) for outcome, title, changes in captions]


def _status_label(run: ImportRun) -> str:
    if run.status == IN_PROGRESS and run.finished_at is None:
        return "In progress"
    if run.status == ImportRun.Status.PREVIEWED:
        return "Waiting for you to confirm"
    return run.get_status_display()


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the kept file again and, if it still has no error, write it in one transaction."""
    kinds = _kinds_or_403(request)
    run, token = _get_run_for_user(request, pk)
    if run.kind not in kinds:
        raise PermissionDenied("Your role does not let you import this kind of file.")
    path = uploads.path_for(run, token, uploads.UPLOAD)
    if run.status != ImportRun.Status.PREVIEWED:
        messages.error(request, NOT_PREVIEWED)
        return redirect("workforce:import_detail", pk=run.pk)
    if not path.exists():
        messages.error(request, FILE_GONE)
        return redirect("workforce:import_detail", pk=run.pk)
    try:
        outcome = import_file(
            kind=run.kind,
            path=path,
            filename=run.filename,
            authority=run.authority,
            user=request.user,
            restriction=restriction_for(request.user),
            run=run,
        )
    except ImportBusy as exc:
        messages.error(request, str(exc))
        return redirect("workforce:import_detail", pk=run.pk)
    _save_outcome(run, token, outcome)
    uploads.delete(run, token, uploads.UPLOAD)
    return redirect("workforce:import_detail", pk=run.pk)


@login_required
@require_GET
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The full problem report of an upload, as a spreadsheet."""
    _kinds_or_403(request)
    run, token = _get_run_for_user(request, pk)
    path = uploads.path_for(run, token, uploads.REPORT)
    if not path.exists():
        raise Http404("The report is no longer kept.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment_filename(f"{run.kind} import problems"),
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """A template file for a kind of import: the exact header row and an example row."""
    if kind not in schemas.KINDS or fmt not in FORMATS:
        raise Http404("No such template.")
    if kind not in _kinds_or_403(request):
        raise PermissionDenied("Your role does not let you import this kind of file.")
    if fmt == "xlsx":
        return xlsx_response(template_name(kind), [template_sheet(kind)])
    response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{attachment_filename(template_name(kind), "csv")}"'
    return response
