"""The administrator's audit pages: the history of any record, sign-ins, downloads and imports."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.audit import history
from core.audit.filters import HistoryFilter
from core.audit.selectors import download_logs, import_runs, sign_in_events
from workforce.access import get_scope, role_required
from workforce.codes import UserRole

PAGE_SIZE = 50
DEFAULT_MODEL = "workforce.Worker"


class RecordTypeForm(forms.Form):
    model = forms.ChoiceField(label="Record type", choices=history.audited_models, initial=DEFAULT_MODEL)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].widget.attrs["class"] = "govuk-select"


def _paged(request: HttpRequest, rows: object) -> dict[str, object]:
    """The page of rows and what templates/workforce/staff/_pagination.html needs."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    prefix = f"?{query.urlencode()}&page=" if query else "?page="
    return {
        "page": page,
        "page_prefix": prefix,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }


@login_required
@require_GET
@role_required(UserRole.ADMINISTRATOR)
def history_list(request: HttpRequest) -> HttpResponse:
    """Changes to one type of record, newest first, each with the fields changed from which value to which."""
    authority = get_scope(request.user).authority
    data = request.GET.copy()
    data.setdefault("model", DEFAULT_MODEL)
    type_form = RecordTypeForm(data)
    label = type_form.cleaned_data["model"] if type_form.is_valid() else DEFAULT_MODEL
    filterset = HistoryFilter(request.GET, queryset=history.history_for_authority(label, authority))
    paged = _paged(request, filterset.qs.order_by("-history_date", "-history_id"))
    return render(
        request,
        "core/audit/history_list.html",
        {
            "type_form": type_form,
            "filter": filterset,
            "label": label,
            "entries": history.entries(list(paged["page"].object_list)),
            **paged,
        },
    )


@login_required
@require_GET
@role_required(UserRole.ADMINISTRATOR)
def record_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Every version of one record, oldest first."""
    authority = get_scope(request.user).authority
    try:
        rows = history.history_for_authority(label, authority).filter(id=pk)
    except LookupError as error:
        raise Http404("No such record type.") from error
    records = list(rows.order_by("history_date", "history_id"))
    if not records:
        raise Http404("No history for this record.")
    names = dict(history.audited_models())
    return render(
        request,
        "core/audit/record_history.html",
        {
            "label": label,
            "type_name": names[label],
            "pk": pk,
            "entries": history.entries(records),
            "latest": records[-1],
        },
    )


@login_required
@require_GET
@role_required(UserRole.ADMINISTRATOR)
def sign_ins(request: HttpRequest) -> HttpResponse:
    filterset, events = sign_in_events(authority=get_scope(request.user).authority, filters=request.GET)
    return render(
        request,
        "core/audit/sign_ins.html",
        {"filter": filterset, **_paged(request, events)},
    )


@login_required
@require_GET
@role_required(UserRole.ADMINISTRATOR)
def downloads(request: HttpRequest) -> HttpResponse:
    authority = get_scope(request.user).authority
    filterset, logs = download_logs(authority=authority, filters=request.GET)
    return render(
        request,
        "core/audit/downloads.html",
        {
            "filter": filterset,
            "imports": import_runs(authority=authority)[:PAGE_SIZE],
            **_paged(request, logs),
        },
    )
