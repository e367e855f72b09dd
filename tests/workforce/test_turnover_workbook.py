"""The turnover workbook (spec section 6), read back with openpyxl: sheets, headers, real dates and numbers, the
indicators' own figures, frozen headers and filters, and text that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from core.exports.xlsx import Sheet, _cell, write_workbook
from tests.paths import WORKED_EXAMPLE
from tests.workforce.factories import (
    AssignmentFactory,
    AuthorityFactory,
    ServiceAreaFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce.agency import FLAG_NO_DETAILS
from workforce.codes import Contract, LeavingReason, Role
from workforce.indicators import INDICATOR_KEYS, compute_indicators
from workforce.models import AgencyEngagement, Authority, Team
from workforce.turnover import (
    AGENCY_HEADERS,
    FIGURE_KEYS,
    IN_POST_HEADERS,
    LEAVER_HEADERS,
    SHEET_NAMES,
    STARTER_HEADERS,
    SUMMARY_HEADERS,
    TurnoverScope,
    leaver_assignments,
    length_of_service,
    starter_assignments,
    write_turnover_workbook,
)

pytestmark = pytest.mark.django_db
D = dt.date(2025, 9, 30)
EXAMPLE = WORKED_EXAMPLE


def load_small_example(code: str = "EX") -> Authority:
    """The worked example of ../shared/examples/small, loaded through the importer as HR would."""
    for kind in ("staff", "establishment", "caseloads", "absences"):
        call_command(
            "import_workforce",
            kind,
            str(EXAMPLE / f"{kind}.csv"),
            "--authority",
            code,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    return Authority.objects.get(code=code)


def workbook_for(scope: TurnoverScope, as_at: dt.date = D) -> Workbook:
    buffer = io.BytesIO()
    write_turnover_workbook(scope=scope, as_at=as_at, target=buffer)
    buffer.seek(0)
    return load_workbook(buffer)  # not read-only: frozen panes and filters are read back too


def rows(sheet) -> list[dict]:  # noqa: ANN001
    header, *data = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in data]


def as_number(value: Decimal | int | None) -> float | int | None:
    return None if value is None else (value if isinstance(value, int) else float(value))


@pytest.fixture
def example() -> Authority:
    return load_small_example()


@pytest.fixture
def book(example: Authority) -> Workbook:
    return workbook_for(TurnoverScope(example))


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------
def test_it_has_the_six_sheets_named_as_the_spec_says(book: Workbook) -> None:
    assert book.sheetnames == list(SHEET_NAMES)
    assert book.sheetnames == ["Summary", "Leavers", "Starters", "In post", "Agency", "Monthly trend"]


def test_each_sheet_has_a_single_header_row(book: Workbook) -> None:
    expected = {
        "Summary": SUMMARY_HEADERS,
        "Leavers": LEAVER_HEADERS,
        "Starters": STARTER_HEADERS,
        "In post": IN_POST_HEADERS,
        "Agency": AGENCY_HEADERS,
    }
    for name, headers in expected.items():
        assert next(book[name].iter_rows(max_row=1, values_only=True)) == headers, name
        assert all(cell.font.b for cell in book[name][1]), name
    assert LEAVER_HEADERS == (
        "Worker ID",
        "Name",
        "Team",
        "Role",
        "Contract",
        "FTE",
        "Start date",
        "End date",
        "Length of service (years)",
        "Reason for leaving",
    )
    trend_header = next(book["Monthly trend"].iter_rows(max_row=1, values_only=True))
    assert trend_header[:2] == ("Month end", "Year from")
    assert len(trend_header) == 2 + len(FIGURE_KEYS)


def test_every_sheet_freezes_its_header_and_filters_its_rows(book: Workbook) -> None:
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        last_column = sheet.cell(row=1, column=sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last_column}{sheet.max_row}", sheet.title


def test_columns_are_wide_enough_for_their_headers_and_names(book: Workbook) -> None:
    leavers = book["Leavers"]
    for index, header in enumerate(LEAVER_HEADERS, start=1):
        letter = leavers.cell(row=1, column=index).column_letter
        assert leavers.column_dimensions[letter].width >= len(header), header
    longest_name = max(len(row["Name"]) for row in rows(leavers))
    assert leavers.column_dimensions["B"].width >= longest_name


# ---------------------------------------------------------------------------
# The figures are the indicators module's
# ---------------------------------------------------------------------------
def test_the_summary_values_are_the_indicators_at_the_date(example: Authority, book: Workbook) -> None:
    expected = compute_indicators(authority=example, as_at=D)
    summary = {row["Key"]: row for row in rows(book["Summary"])}
    for key in FIGURE_KEYS:
        assert summary[key]["Value"] == as_number(getattr(expected, key)), key
        assert summary[key]["Figure"], key
    assert summary["turnover_rate"]["Value"] == 54.2
    assert summary["turnover_rate"]["Definition"] == "Leavers FTE ÷ social workers FTE × 100."
    assert summary["as_at"]["Value"] == dt.datetime(2025, 9, 30)
    assert summary["period_start"]["Value"] == dt.datetime(2024, 10, 1)
    assert summary["scope"]["Value"] == "Whole authority"
    assert set(INDICATOR_KEYS) <= set(summary)


def test_a_null_figure_is_empty_with_the_reason(example: Authority) -> None:
    cp = Team.objects.get(authority=example, code="CP")
    summary = {row["Key"]: row for row in rows(workbook_for(TurnoverScope(example, team=cp))["Summary"])}
    row = summary["practice_leader_turnover_rate"]
    assert row["Value"] is None
    assert row["Why there is no value"] == "no managers in post at this date"
    assert summary["scope"]["Value"] == "Team: Child Protection (CP)"


def test_one_leavers_row_per_leaver_assignment_adding_up_to_the_leavers_fte(example: Authority, book: Workbook) -> None:
    leavers = rows(book["Leavers"])
    expected = compute_indicators(authority=example, as_at=D)
    assert len(leavers) == leaver_assignments(TurnoverScope(example), D).count() == 3
    assert sum(row["FTE"] for row in leavers) == pytest.approx(float(expected.leavers_fte))
    assert [row["Worker ID"] for row in leavers] == ["E007", "E012", "E003"]  # by end date
    gita = leavers[0]
    assert gita == {
        "Worker ID": "E007",
        "Name": "Gita Hussain",
        "Team": "Child Protection",
        "Role": "First line manager",
        "Contract": "Permanent",
        "FTE": 1,
        "Start date": dt.datetime(2016, 6, 1),
        "End date": dt.datetime(2025, 1, 31),
        "Length of service (years)": 8.7,
        "Reason for leaving": "Retired",
    }
    assert leavers[1]["Reason for leaving"] == "Dismissed"  # census code 4 in the file


def test_internal_moves_agency_leavers_and_earlier_leavers_are_not_leavers(book: Workbook) -> None:
    ids = {row["Worker ID"] for row in rows(book["Leavers"])}
    assert ids.isdisjoint({"E005", "E011", "E010", "E006"})


def test_starters_leave_out_the_continuation_of_an_internal_move(example: Authority, book: Workbook) -> None:
    starters = rows(book["Starters"])
    expected = compute_indicators(authority=example, as_at=D)
    assert [row["Worker ID"] for row in starters] == ["E008", "E009"]
    assert len(starters) == starter_assignments(TurnoverScope(example), D).count()
    assert sum(row["FTE"] for row in starters) == pytest.approx(float(expected.starters_fte))
    assert starters[0]["Came from"] == "Not recorded"


def test_in_post_adds_up_to_the_headcounts_and_fte(example: Authority, book: Workbook) -> None:
    in_post = rows(book["In post"])
    expected = compute_indicators(authority=example, as_at=D)
    assert sum(row["Social workers (headcount)"] for row in in_post) == expected.social_workers_headcount
    assert sum(row["Social workers (FTE)"] for row in in_post) == pytest.approx(float(expected.social_workers_fte))
    assert sum(row["Agency workers (headcount)"] for row in in_post) == expected.agency_headcount
    assert sum(row["Agency workers (FTE)"] for row in in_post) == pytest.approx(float(expected.agency_fte))
    assert ("Front Door", "First line manager") in {(row["Team"], row["Role"]) for row in in_post}


def test_the_agency_sheet_lists_agency_workers_in_post_with_their_details(example: Authority) -> None:
    book = workbook_for(TurnoverScope(example))
    (dan,) = rows(book["Agency"])
    assert (dan["Worker ID"], dan["Agency"], dan["Flags"]) == ("E004", None, FLAG_NO_DETAILS)
    AgencyEngagement.objects.create(
        assignment=example.teams.get(code="FD").assignments.get(worker__worker_id="E004"),
        agency="Caring Staff Ltd",
        pay_rate=Decimal("38.00"),
        employer_ni=Decimal("4.00"),
        apprenticeship_levy=Decimal("0.20"),
        regional_price_cap=Decimal("46.00"),
        pq_experience_years=Decimal("5"),
        notice_period_weeks=4,
    )
    (dan,) = rows(workbook_for(TurnoverScope(example))["Agency"])
    assert (dan["Agency"], dan["Hourly charge (£)"], dan["Regional price cap (£)"]) == ("Caring Staff Ltd", 42.2, 46)
    assert dan["Flags"] == "None"


def test_the_monthly_trend_has_24_month_ends_and_its_last_row_is_the_summary(
    example: Authority, book: Workbook
) -> None:
    trend = rows(book["Monthly trend"])
    assert len(trend) == 24
    assert trend[0]["Month end"] == dt.datetime(2023, 10, 31)
    assert trend[-1]["Month end"] == dt.datetime(2025, 9, 30)
    expected = compute_indicators(authority=example, as_at=D)
    header = next(book["Monthly trend"].iter_rows(max_row=1, values_only=True))
    last = list(book["Monthly trend"].iter_rows(min_row=25, max_row=25, values_only=True))[0]
    for key, value in zip(FIGURE_KEYS, last[2:], strict=True):
        assert value == as_number(getattr(expected, key)), key
    assert header[2 + FIGURE_KEYS.index("turnover_rate")] == "Turnover rate (%)"


def test_dates_are_dates_and_numbers_are_numbers(book: Workbook) -> None:
    leaver = book["Leavers"][2]
    assert [cell.is_date for cell in leaver] == [False] * 6 + [True, True, False, False]
    assert leaver[6].number_format == "DD/MM/YYYY"
    assert isinstance(leaver[5].value, int | float)
    assert isinstance(leaver[8].value, float)
    trend = book["Monthly trend"][25]
    assert trend[0].is_date
    assert trend[1].is_date
    assert all(cell.value is None or isinstance(cell.value, int | float) for cell in trend[2:])
    assert all(cell.data_type == "n" for cell in book["In post"][2][3:])


# ---------------------------------------------------------------------------
# Safety and scope
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_escaped(prefix: str) -> None:
    team = TeamFactory(authority=AuthorityFactory(code="INJ"), name=f"{prefix}Team")
    worker = WorkerFactory(authority=team.authority, first_name=f'{prefix}HYPERLINK("http://x")', last_name="Doe")
    AssignmentFactory(worker=worker, team=team, end_date=dt.date(2025, 6, 30), leaving_reason=LeavingReason.RESIGNATION)
    book = workbook_for(TurnoverScope(team.authority))
    row = book["Leavers"][2]
    assert row[1].value == f'\'{prefix}HYPERLINK("http://x") Doe'
    assert row[1].data_type == "s"
    assert row[2].value == f"'{prefix}Team"
    assert all(cell.data_type != "f" for sheet in book for line in sheet.iter_rows() for cell in line)


def test_a_team_scope_lists_only_the_teams_rows(example: Authority) -> None:
    fd = Team.objects.get(authority=example, code="FD")
    book = workbook_for(TurnoverScope(example, team=fd))
    assert [row["Worker ID"] for row in rows(book["Leavers"])] == ["E003"]
    assert rows(book["Starters"]) == []
    assert {row["Team"] for row in rows(book["In post"])} == {"Front Door"}
    expected = compute_indicators(authority=example, as_at=D, team=fd)
    summary = {row["Key"]: row["Value"] for row in rows(book["Summary"])}
    assert summary["leavers_fte"] == float(expected.leavers_fte) == 0.6


def test_a_service_area_scope_covers_its_teams(example: Authority) -> None:
    area = ServiceAreaFactory(authority=example, code="SAFE", name="Safeguarding")
    Team.objects.filter(authority=example, code="CP").update(service_area=area)
    book = workbook_for(TurnoverScope(example, service_area=area))
    assert [row["Worker ID"] for row in rows(book["Leavers"])] == ["E007", "E012"]
    assert {row["Worker ID"] for row in rows(book["Agency"])} == set()


def test_length_of_service_counts_from_the_first_permanent_assignment(example: Authority) -> None:
    """An internal move does not restart the service: Efe moved FD to CP in March 2025, then leaves."""
    efe = example.workers.get(worker_id="E005")
    cp_post = efe.assignments.get(team__code="CP")
    cp_post.end_date, cp_post.leaving_reason = dt.date(2025, 9, 1), LeavingReason.RESIGNATION
    cp_post.save()
    leavers = {row["Worker ID"]: row for row in rows(workbook_for(TurnoverScope(example))["Leavers"])}
    assert leavers["E005"]["Start date"] == dt.datetime(2025, 3, 31)
    assert leavers["E005"]["Length of service (years)"] == 6.3  # from 1 May 2019


def test_the_rows_agree_with_the_indicators_on_random_histories() -> None:
    """Moves on the day or the day after, agency spells, `other` roles, leavers on the boundaries, two teams."""
    rng = random.Random(20250930)
    authority = AuthorityFactory(code="RND")
    teams = [TeamFactory(authority=authority, code=f"T{i}") for i in range(3)]
    for n in range(60):
        worker = WorkerFactory(authority=authority, worker_id=f"R{n:03d}")
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(900))
        for _ in range(rng.randint(1, 3)):
            end = day + dt.timedelta(days=rng.randrange(30, 500))
            reason = rng.choice([LeavingReason.INTERNAL_MOVE, LeavingReason.RESIGNATION, ""])
            AssignmentFactory(
                worker=worker,
                team=rng.choice(teams),
                role=rng.choice([Role.CASE_HOLDER, Role.FIRST_LINE_MANAGER, Role.OTHER]),
                contract=rng.choice([Contract.PERMANENT, Contract.PERMANENT, Contract.AGENCY]),
                fte=rng.choice([Decimal("1"), Decimal("0.5"), Decimal("0.8")]),
                start_date=day,
                end_date=None if not reason else end,
                leaving_reason=reason,
            )
            if not reason:
                break
            day = end + dt.timedelta(days=rng.choice([0, 1, 40]))
    for as_at in (D, dt.date(2024, 2, 29), dt.date(2024, 12, 31)):
        for scope in [TurnoverScope(authority), *(TurnoverScope(authority, team=t) for t in teams)]:
            expected = compute_indicators(authority=authority, as_at=as_at, team=scope.team)
            book = workbook_for(scope, as_at)
            leavers, starters = rows(book["Leavers"]), rows(book["Starters"])
            assert round(sum(Decimal(str(r["FTE"])) for r in leavers), 2) == expected.leavers_fte
            assert len({r["Worker ID"] for r in leavers}) == expected.leavers_headcount
            assert round(sum(Decimal(str(r["FTE"])) for r in starters), 2) == expected.starters_fte
            assert len({r["Worker ID"] for r in starters}) == expected.starters_headcount


def test_the_number_of_queries_does_not_grow_with_the_rows() -> None:
    team = TeamFactory(authority=AuthorityFactory(code="QRY"))

    def leavers(count: int) -> None:
        for _ in range(count):
            AssignmentFactory(
                worker=WorkerFactory(authority=team.authority),
                team=team,
                end_date=dt.date(2025, 6, 30),
                leaving_reason=LeavingReason.RESIGNATION,
            )
            AssignmentFactory(worker=WorkerFactory(authority=team.authority), team=team, start_date=dt.date(2025, 1, 6))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            write_turnover_workbook(scope=TurnoverScope(team.authority), as_at=D, target=io.BytesIO())
        return len(captured)

    leavers(2)
    few = queries()
    leavers(30)
    assert queries() == few


def test_length_of_service_is_years_of_365_25_days_to_one_decimal_place() -> None:
    """Whole-number arithmetic, checked against the decimal definition over 160 years either way."""
    start = dt.date(1990, 1, 1)
    for days in range(-60_000, 60_000, 7):
        exact = (Decimal(days) / Decimal("365.25")).quantize(Decimal("0.1"))
        assert length_of_service(start, start + dt.timedelta(days=days)) == float(exact), days


# ---------------------------------------------------------------------------
# Rows written as XML text (core.exports.xlsx, ADR 0027) are the cells openpyxl alone would write
# ---------------------------------------------------------------------------
AWKWARD_ROWS = [
    ("text", "=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", " lead", "trail ", "a&b<c>d\"e'f", "x\ny", "#N/A", ""),
    (
        1,
        2.5,
        Decimal("0.60"),
        Decimal("1"),
        10**17,
        0.1 + 0.2,
        -3,
        D,
        dt.date(1900, 1, 15),
        dt.datetime(2025, 1, 2, 3, 4),
    ),
    (None, True, False, "ü€ 𝄞", "]]>", "a\tb", dt.time(1, 2), float("nan")),  # a time and NaN: openpyxl writes it
    ("x" * 40_000, D, 5, 6.25),  # too long: openpyxl cuts it
    (Decimal("2.50"), None, None, dt.datetime(2020, 1, 1, 12)),
]
AWKWARD_FORMATS = {1: "0.00", 2: "0.00##", 3: "0", 7: "DD/MM/YYYY", 8: "0.0", 9: "DD/MM/YYYY HH:MM"}


def _cells(book: Workbook) -> list[tuple]:
    return [
        (sheet.title, c.coordinate, c.value, c.data_type, c.number_format, c.font.b)
        for sheet in book
        for line in sheet.iter_rows()
        for c in line
    ]


def _openpyxl_alone(sheet: Sheet) -> Workbook:
    """Every value as an openpyxl cell, appended one row at a time (how core.exports.xlsx wrote every row before)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet.title)
    header = [WriteOnlyCell(ws, value=title) for title in sheet.headers]
    for cell in header:
        cell.font = Font(bold=True)
    ws.append(header)
    for row in sheet.rows:
        ws.append([_cell(ws, value, sheet.number_formats.get(i)) for i, value in enumerate(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("formats", [{}, AWKWARD_FORMATS])
def test_rows_written_as_xml_are_the_cells_openpyxl_writes(formats: dict[int, str]) -> None:
    rows = AWKWARD_ROWS * 450  # many chunks of XML, with openpyxl's rows between them
    headers = [f"Column {i}" for i in range(13)]
    buffer = io.BytesIO()
    assert write_workbook([Sheet(title="S", headers=headers, rows=iter(rows), number_formats=formats)], buffer) == 2250
    ours = load_workbook(io.BytesIO(buffer.getvalue()))
    assert _cells(ours) == _cells(_openpyxl_alone(Sheet(title="S", headers=headers, rows=rows, number_formats=formats)))
    assert ours["S"]["H3"].is_date
    assert ours["S"]["A3"].data_type == "n"
    assert ours["S"]["B2"].value == "'=1+1"


def test_text_openpyxl_refuses_is_still_refused() -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    with pytest.raises(IllegalCharacterError):
        write_workbook([Sheet(title="S", headers=["A"], rows=[("fine",), ("bell\x07",)])], io.BytesIO())


# ---------------------------------------------------------------------------
# The page and its download (managers for their teams, HR for any scope)
# ---------------------------------------------------------------------------
PAGE = "/reports/turnover/"
DOWNLOAD = "/reports/turnover/download/"


def _scopes(response) -> list[str]:  # noqa: ANN001
    return [value for value, _ in response.context["form"].fields["scope"].choices]


def test_the_page_and_download_have_the_spec_paths() -> None:
    assert reverse("workforce:turnover_report") == PAGE
    assert reverse("workforce:turnover_download") == DOWNLOAD


def test_anonymous_users_are_sent_to_sign_in(client_for, cast) -> None:  # noqa: ANN001
    for url in (PAGE, DOWNLOAD):
        assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_roles_without_teams_are_refused(client_for, cast, role) -> None:  # noqa: ANN001
    assert client_for(cast.user(role)).get(PAGE).status_code == 403
    assert client_for(cast.user(role)).get(DOWNLOAD, {"as_at": "2025-09-30", "scope": "team-FD"}).status_code == 403


@pytest.mark.parametrize(
    ("role", "scopes"),
    [
        ("workforce_officer", ["authority", "area-CARE", "area-SAFE", "team-CP", "team-CIC", "team-FD"]),
        ("administrator", ["authority", "area-CARE", "area-SAFE", "team-CP", "team-CIC", "team-FD"]),
        ("service_manager", ["area-SAFE", "team-CP", "team-FD"]),
        ("team_manager", ["team-FD"]),
        ("other_authority_manager", ["team-B1"]),
    ],
)
def test_each_role_chooses_among_its_own_scopes(client_for, cast, role, scopes) -> None:  # noqa: ANN001
    response = client_for(cast.user(role)).get(PAGE)
    assert response.status_code == 200
    assert _scopes(response) == scopes
    assert response.context["chosen"].value == scopes[0]  # opened on the first scope, as at today


def test_the_page_shows_the_figures_and_the_download_link(client_for, cast) -> None:  # noqa: ANN001
    leaver = WorkerFactory(authority=cast.authority, worker_id="L001", first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.front_door,
        start_date=dt.date(2019, 1, 7),
        end_date=dt.date(2025, 5, 30),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    response = client_for(cast.team_manager).get(PAGE, {"as_at": "30/09/2025", "scope": "team-FD"})
    page = response.content.decode()
    assert "Team: Front Door (FD)" in page
    assert "The year from 1 October 2024 to 30 September 2025." in page
    assert response.context["indicators"] == compute_indicators(authority=cast.authority, as_at=D, team=cast.front_door)
    assert f'href="{DOWNLOAD}?as_at=2025-09-30&amp;scope=team-FD"' in page
    assert "Download the turnover workbook (XLSX)" in page


def test_a_scope_outside_the_users_teams_is_refused_as_a_choice(client_for, cast) -> None:  # noqa: ANN001
    response = client_for(cast.team_manager).get(PAGE, {"as_at": "2025-09-30", "scope": "team-CIC"})
    assert response.status_code == 200
    assert "Choose a scope from the list" in response.content.decode()
    assert "indicators" not in response.context
    response = client_for(cast.team_manager).get(DOWNLOAD, {"as_at": "2025-09-30", "scope": "authority"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?as_at=2025-09-30&scope=authority"


def test_a_bad_date_is_shown_beside_the_field(client_for, cast) -> None:  # noqa: ANN001
    response = client_for(cast.workforce_officer).get(PAGE, {"as_at": "31/02/2025", "scope": "authority"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "As at must be a real date, for example 30/09/2025" in page


def test_the_download_streams_the_workbook_of_the_scope(client_for, cast) -> None:  # noqa: ANN001
    response = client_for(cast.service_manager).get(DOWNLOAD, {"as_at": "2025-09-30", "scope": "area-SAFE"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="Turnover workbook - ')
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == list(SHEET_NAMES)
    summary = {row["Key"]: row["Value"] for row in rows(book["Summary"])}
    assert summary["scope"] == "Service area: Safeguarding (SAFE)"
    assert summary["social_workers_headcount"] == 2  # Sam and Chris; not the Children in Care agency worker
    in_post = rows(book["In post"])
    assert {row["Team"] for row in in_post} == {"Front Door"}


def test_the_download_answers_only_get(client_for, cast) -> None:  # noqa: ANN001
    assert client_for(cast.workforce_officer).post(DOWNLOAD).status_code == 405
    assert client_for(cast.workforce_officer).post(PAGE).status_code == 405
