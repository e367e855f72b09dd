"""The import pages: upload, the problem report (on the page and as a spreadsheet), preview, confirm, and who may."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.workforce.factories import AssignmentFactory
from workforce.imports import uploads, validation
from workforce.imports.forms import FILE_REQUIRED, KIND_REQUIRED
from workforce.imports.report import REPORT_HEADERS
from workforce.imports.runs import IMPORT_RUNNING, IN_PROGRESS
from workforce.imports.schemas import column_names
from workforce.models import Assignment, CaseloadRecord, ImportRun, Worker

STAFF = (
    "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"
    "N001,Nia,Owens,SW200001,FD,Front Door,case_holder,permanent,0.8,2024-04-01\n"
    "N002,Olu,Ade,,CP,Child Protection,case_holder,permanent,1,2024-05-01\n"
)
BAD_STAFF = (
    "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"
    "N001,Nia,Owens,SW200001,FD,Front Door,case_holder,permanent,1.5,2024-04-01\n"
    "N002,Olu,Ade,SW200002,FD,Front Door,case_holder,permanent,0,2024-04-01\n"
    "N003,Ola,Bee,SW200003,FD,Front Door,case_holder,permanent,1,2024-02-30\n"
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, kind: str, content: str | bytes, name: str = "file.csv"):  # noqa: ANN001, ANN202
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        reverse("workforce:import_upload"), {"kind": kind, "file": SimpleUploadedFile(name, data)}, follow=True
    )


def _run() -> ImportRun:
    return ImportRun.objects.order_by("-pk").first()


# ---------------------------------------------------------------------------
# Who may
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_hr_sees_every_kind_the_templates_and_the_columns(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.workforce_officer).get(reverse("workforce:import_start"))

    assert response.status_code == 200
    page = response.content.decode()
    for kind in ("staff", "establishment", "caseloads", "absences"):
        assert f'value="{kind}"' in page
        assert reverse("workforce:import_template", kwargs={"kind": kind, "fmt": "xlsx"}) in page
    assert "<code>leaving_reason</code>" in page
    assert "internal_move" in page


@pytest.mark.django_db
def test_a_team_manager_may_import_caseloads_only(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.team_manager)

    page = client.get(reverse("workforce:import_start")).content.decode()

    assert 'value="caseloads"' in page
    assert 'value="staff"' not in page
    assert _upload(client, "staff", STAFF).status_code == 403
    assert client.get(reverse("workforce:import_template", kwargs={"kind": "staff", "fmt": "csv"})).status_code == 403
    assert not Worker.objects.filter(worker_id="N001").exists()


@pytest.mark.parametrize("role", ["social_worker", "service_manager", "panel_member"])
@pytest.mark.django_db
def test_other_roles_may_not_import(cast, client_for, role) -> None:  # noqa: ANN001
    client = client_for(cast.user(role))

    assert client.get(reverse("workforce:import_start")).status_code == 403
    assert _upload(client, "caseloads", "worker_id,date,cases\nA001,2025-09-30,3\n").status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(None)
    for url in (reverse("workforce:import_start"), reverse("workforce:import_detail", kwargs={"pk": 1})):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reverse("workforce:import_upload")).status_code == 302


@pytest.mark.django_db
def test_state_changing_pages_refuse_get(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)

    assert client.get(reverse("workforce:import_upload")).status_code == 405
    assert client.get(reverse("workforce:import_confirm", kwargs={"pk": 1})).status_code == 405


@pytest.mark.django_db
def test_an_upload_is_private_to_its_uploader(cast, client_for, client) -> None:  # noqa: ANN001
    _upload(client_for(cast.workforce_officer), "staff", STAFF)
    run = _run()
    urls = [
        reverse("workforce:import_detail", kwargs={"pk": run.pk}),
        reverse("workforce:import_report", kwargs={"pk": run.pk}),
    ]

    for user in (cast.administrator, cast.other_authority_manager):
        other = client_for(user)
        for url in urls:
            assert other.get(url).status_code == 404
        assert other.post(reverse("workforce:import_confirm", kwargs={"pk": run.pk})).status_code == 404
    assert not Worker.objects.filter(worker_id="N001").exists()


# ---------------------------------------------------------------------------
# Upload, errors, report
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_form_says_what_is_missing(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.workforce_officer).post(reverse("workforce:import_upload"), {})

    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert f'<a href="#kind">{KIND_REQUIRED}</a>' in page
    assert f'<a href="#file">{FILE_REQUIRED}</a>' in page
    assert 'id="file-error" class="govuk-error-message"' in page
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_file_with_errors_is_refused_with_the_problems_grouped_and_nothing_stored(cast, client_for) -> None:  # noqa: ANN001
    before = Worker.objects.count(), Assignment.objects.count()
    client = client_for(cast.workforce_officer)

    response = _upload(client, "staff", BAD_STAFF)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert "has 3 errors: nothing was imported" in page
    assert validation.FTE_OUT_OF_RANGE in page
    assert "2 rows" in page  # FTE out of range on rows 2 and 3, grouped under one message
    assert "Row 2, fte: “1.5”" in page
    assert (Worker.objects.count(), Assignment.objects.count()) == before
    run = _run()
    assert (run.status, run.error_count, run.rows) == ("refused", 3, 3)
    assert not uploads.path_for(run, client.session["import_tokens"][str(run.pk)], "upload").exists()


@pytest.mark.django_db
def test_the_full_report_downloads_as_a_spreadsheet(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    _upload(client, "staff", BAD_STAFF)

    response = client.get(reverse("workforce:import_report", kwargs={"pk": _run().pk}))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="staff import problems - ')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == REPORT_HEADERS
    assert rows[1:] == [
        ("Error", "staff", 2, "fte", "1.5", validation.FTE_OUT_OF_RANGE),
        ("Error", "staff", 3, "fte", "0", validation.FTE_OUT_OF_RANGE),
        ("Error", "staff", 4, "start_date", "2024-02-30", validation.NOT_A_DATE.format(column="start_date")),
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_refused_whatever_its_name(cast, client_for) -> None:  # noqa: ANN001
    response = _upload(client_for(cast.workforce_officer), "staff", b"\x89PNG\r\n\x1a\n\x00\x00", name="staff.csv")

    assert "The file is not a CSV or an Excel (.xlsx) file." in response.content.decode()
    assert _run().status == "refused"


# ---------------------------------------------------------------------------
# Preview and confirm
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_good_file_is_previewed_then_written_on_confirmation(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)

    preview = _upload(client, "staff", STAFF)

    page = preview.content.decode()
    assert "Check the import before you confirm" in page
    assert "Would create" in page
    assert "N001 Nia Owens, FD, from 1 April 2024" in page
    assert validation.SWE_MISSING in page  # the warning of row 3
    assert not Worker.objects.filter(worker_id="N001").exists()
    run = _run()
    token = client.session["import_tokens"][str(run.pk)]
    kept = uploads.path_for(run, token, "upload")
    assert kept.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert token in kept.name
    assert kept.parent.name == "imports"

    done = client.post(reverse("workforce:import_confirm", kwargs={"pk": run.pk}), follow=True)

    assert "Import complete" in done.content.decode()
    assert "file.csv: 2 created, 0 updated, 0 unchanged" in done.content.decode()
    assert Worker.objects.get(worker_id="N001").assignments.get().team == cast.front_door
    run.refresh_from_db()
    assert (run.status, run.created_count, run.user) == ("imported", 2, cast.workforce_officer)
    assert not kept.exists()
    assert Worker.objects.get(worker_id="N001").history.get().history_user == cast.workforce_officer


@pytest.mark.django_db
def test_a_confirmed_run_cannot_be_confirmed_again(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    _upload(client, "staff", STAFF)
    url = reverse("workforce:import_confirm", kwargs={"pk": _run().pk})
    client.post(url)

    again = client.post(url, follow=True)

    assert "already been imported or refused" in again.content.decode()
    assert Worker.objects.filter(worker_id="N001").count() == 1


@pytest.mark.django_db
def test_the_confirmation_checks_the_file_again(cast, client_for) -> None:  # noqa: ANN001
    """A record stored between preview and confirmation that makes the file wrong stops the import."""
    client = client_for(cast.workforce_officer)
    _upload(client, "staff", STAFF)
    nia = Worker.objects.create(authority=cast.authority, worker_id="N001", first_name="Nia", last_name="Owens")
    AssignmentFactory(worker=nia, team=cast.child_protection, start_date=dt.date(2023, 1, 1))

    response = client.post(reverse("workforce:import_confirm", kwargs={"pk": _run().pk}), follow=True)

    assert "The file was not imported" in response.content.decode()
    assert validation.OVERLAP_STORED in response.content.decode()
    assert not Worker.objects.filter(worker_id="N002").exists()
    assert _run().status == "refused"


@pytest.mark.django_db
def test_the_confirmation_waits_for_a_running_import(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    _upload(client, "staff", STAFF)
    previewed = _run()
    ImportRun.objects.create(authority=cast.authority, kind="absences", status=IN_PROGRESS)

    response = client.post(reverse("workforce:import_confirm", kwargs={"pk": previewed.pk}), follow=True)

    assert IMPORT_RUNNING in response.content.decode()
    assert not Worker.objects.filter(worker_id="N001").exists()
    previewed.refresh_from_db()
    assert previewed.status == "previewed"  # it can be confirmed once the other import has finished


@pytest.mark.django_db
def test_a_team_manager_imports_caseloads_of_their_own_team(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.team_manager)

    refused = _upload(client, "caseloads", "worker_id,date,cases\nA001,2025-09-30,12\nA003,2025-09-30,4\n")

    assert validation.NOT_IN_YOUR_TEAMS in refused.content.decode()
    assert not CaseloadRecord.objects.filter(date=dt.date(2025, 9, 30)).exists()

    _upload(client, "caseloads", "worker_id,date,cases\nA001,2025-09-30,12\nA002,2025-09-30,9\n")
    client.post(reverse("workforce:import_confirm", kwargs={"pk": _run().pk}))

    assert CaseloadRecord.objects.get(worker=cast.sam, date=dt.date(2025, 9, 30)).cases == 12


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["staff", "establishment", "caseloads", "absences"])
@pytest.mark.django_db
def test_the_templates_have_the_exact_headers_and_an_example_row(cast, client_for, kind) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)

    as_csv = client.get(reverse("workforce:import_template", kwargs={"kind": kind, "fmt": "csv"}))
    as_xlsx = client.get(reverse("workforce:import_template", kwargs={"kind": kind, "fmt": "xlsx"}))

    assert as_csv.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == column_names(kind)
    assert len(rows) == 2
    sheet = load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    header, example = list(sheet.iter_rows(values_only=True))
    assert header == column_names(kind)
    assert any(isinstance(value, dt.datetime) for value in example)


@pytest.mark.django_db
def test_an_unknown_template_is_not_found(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("workforce:import_template", kwargs={"kind": "people", "fmt": "csv"})
    assert client_for(cast.workforce_officer).get(url).status_code == 404


# ---------------------------------------------------------------------------
# Every import URL, for every role (the same expectations as tests/test_access_matrix.py should hold)
# ---------------------------------------------------------------------------
IMPORTERS = {"workforce_officer": 200, "administrator": 200, "team_manager": 200, "other_authority_manager": 200}
NOT_IMPORTERS = {"social_worker": 403, "service_manager": 403, "panel_member": 403}


def _expect(default: int, **by_role: int) -> dict[str, int]:
    from tests.conftest import ROLE_NAMES

    statuses = {role: by_role.get(role, default) for role in ROLE_NAMES[1:]}
    statuses["anonymous"] = 302
    return statuses


def _someone_elses_run(cast) -> dict[str, int]:  # noqa: ANN001
    run = ImportRun.objects.create(
        authority=cast.authority, kind="staff", user=cast.workforce_officer, status="previewed"
    )
    return {"pk": run.pk}


MATRIX = [
    ("workforce:import_start", "GET", lambda c: {}, _expect(403, **IMPORTERS)),
    ("workforce:import_upload", "POST", lambda c: {}, _expect(403, **IMPORTERS)),
    ("workforce:import_upload", "GET", lambda c: {}, _expect(405)),
    ("workforce:import_template", "GET", lambda c: {"kind": "caseloads", "fmt": "csv"}, _expect(403, **IMPORTERS)),
    (
        "workforce:import_template",
        "GET",
        lambda c: {"kind": "staff", "fmt": "xlsx"},
        _expect(403, workforce_officer=200, administrator=200),
    ),
    ("workforce:import_detail", "GET", _someone_elses_run, _expect(404, **NOT_IMPORTERS)),
    ("workforce:import_report", "GET", _someone_elses_run, _expect(404, **NOT_IMPORTERS)),
    ("workforce:import_confirm", "POST", _someone_elses_run, _expect(404, **NOT_IMPORTERS)),
    ("workforce:import_confirm", "GET", _someone_elses_run, _expect(405)),
]


@pytest.mark.parametrize(("name", "method", "kwargs", "expected"), MATRIX, ids=[f"{m} {n}" for n, m, _, _ in MATRIX])
@pytest.mark.django_db
def test_each_role_gets_the_expected_answer(cast, client, name, method, kwargs, expected) -> None:  # noqa: ANN001
    """A run in scope that is not the user's own upload answers 404 even to its uploader's colleagues."""
    url = reverse(name, kwargs=kwargs(cast))
    answers = {}
    for role in expected:
        client.logout()
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        answers[role] = (client.get(url) if method == "GET" else client.post(url)).status_code
    assert answers == expected
