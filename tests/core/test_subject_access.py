"""The subject access export: everything held about one worker, as XLSX, JSON or a ZIP with the files."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import DataProtectionEvent
from core.privacy.subject_access import SECTIONS, subject_access_data
from tests.core.factories_privacy import EVIDENCE_TEXT, REFLECTION, add_agency_spell, give_full_record
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import PDF_BYTES
from tests.workforce.factories import CaseloadRecordFactory
from workforce.services.records import worker_update


@pytest.fixture
def full(cast):  # noqa: ANN001, ANN201
    """Sam, with a record of every kind, an earlier agency spell, and a change to the staff record."""
    cast.sam.date_of_birth = dt.date(1988, 2, 29)
    cast.sam.ethnicity = "ABAN"
    cast.sam.save()
    add_agency_spell(cast.sam, cast.front_door, dt.date(2020, 1, 6), dt.date(2022, 3, 31))
    worker_update(worker=cast.sam, actor=cast.workforce_officer, last_name="Patel-Jones")
    return give_full_record(cast, cast.sam)


def _url(cast, fmt: str | None = None) -> str:  # noqa: ANN001
    if fmt is None:
        return reverse("core:subject_access", kwargs={"pk": cast.sam.pk})
    return reverse("core:subject_access_download", kwargs={"pk": cast.sam.pk, "fmt": fmt})


def _body(response) -> bytes:  # noqa: ANN001
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_gathers_a_list_of_rows_for_every_record_type(cast, full) -> None:  # noqa: ANN001
    data = subject_access_data(worker=cast.sam)

    assert list(data) == [section.key for section in SECTIONS]
    for key in ("worker", "login", "role_assignments", "assignments", "agency_engagements", "caseload_records"):
        assert data[key], key
    for key in ("absences", "cpd_records", "cpd_attachments", "cpd_day_allowances", "cpd_day_requests"):
        assert data[key], key
    for key in ("training_completions", "worker_levels", "evidence", "evidence_transitions", "evidence_attachments"):
        assert data[key], key
    assert data["progression_applications"]
    assert data["history"]
    worker = data["worker"][0]
    assert worker["last_name"] == "Patel-Jones"
    assert worker["date_of_birth"] == dt.date(1988, 2, 29)
    assert worker["ethnicity"] == "Bangladeshi"  # the meaning of the code, not the code
    assert data["login"][0]["email"] == "sam.patel@northshire.example"
    assert data["login"][0]["mfa_set_up"] is False
    assert data["cpd_records"][0]["peer_reflection"] == REFLECTION
    assert data["evidence"][0]["what_happened"] == EVIDENCE_TEXT
    assert data["evidence"][0]["cpd_record_ids"] == [full.cpd_record.pk]
    assert data["evidence_transitions"][-1]["comment"] == "Say more about the impact."
    assert data["cpd_attachments"][0]["original_name"] == "Certificate for Sam.pdf"
    assert data["progression_applications"][0]["decision_reasons"] == "Needs more evidence about the Jones family."
    assert data["agency_engagements"][0]["agency"] == "Careful Recruitment Ltd"


def test_its_history_says_who_changed_which_field_from_what_to_what(cast, full) -> None:  # noqa: ANN001
    history = subject_access_data(worker=cast.sam)["history"]

    change = next(
        row
        for row in history
        if row["record_type"] == "Worker"
        and row["change"] == "Changed"
        and any(c["field"] == "Last name" for c in row["changes"])
    )
    assert change["changed_by"] == "Wanda Officer"
    assert {"field": "Last name", "from": "Patel", "to": "Patel-Jones"} in change["changes"]
    record_types = {row["record_type"] for row in history}
    assert {"Worker", "Assignments", "CPD records", "CPD attachments", "Evidence", "Roles"} <= record_types


def test_the_page_shows_each_record_type_and_the_downloads(cast, full, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(_url(cast))

    assert response.status_code == 200
    content = response.content.decode()
    for section in SECTIONS:
        assert section.title in content
    for fmt in ("xlsx", "json", "zip"):
        assert _url(cast, fmt) in content


def test_the_xlsx_has_a_sheet_per_record_type_and_reads_back(cast, full, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(_url(cast, "xlsx"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(_body(response)))
    assert book.sheetnames == [section.title for section in SECTIONS]
    worker_rows = list(book["Worker"].iter_rows(values_only=True))
    headers = worker_rows[0]
    sam = dict(zip(headers, worker_rows[1], strict=True))
    assert sam["Last name"] == "Patel-Jones"
    assert sam["Date of birth"] == dt.datetime(1988, 2, 29)  # a real date, not text
    cpd = list(book["CPD records"].iter_rows(values_only=True))
    cpd_row = dict(zip(cpd[0], cpd[1], strict=True))
    assert cpd_row["What you learned"] == '\'=HYPERLINK("x")'  # escaped: never run as a formula
    assert cpd_row["What you learned from reflecting with a peer"] == REFLECTION
    history = list(book["History"].iter_rows(values_only=True))
    assert any(row[6] and "Last name: Patel → Patel-Jones" in row[6] for row in history[1:])


def test_the_json_has_a_key_per_record_type_with_iso_dates_and_decimal_strings(cast, full, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(_url(cast, "json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(_body(response))
    assert list(data) == [section.key for section in SECTIONS]
    assert data["worker"][0]["date_of_birth"] == "1988-02-29"
    assert data["assignments"][0]["fte"] == "0.8000"
    assert data["absences"][0]["working_days_lost"] == "5.00"
    assert data["evidence"][0]["what_happened"] == EVIDENCE_TEXT


def test_the_zip_holds_the_json_the_xlsx_and_the_attached_files(cast, full, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(_url(cast, "zip"))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    names = archive.namelist()
    assert "subject-access.json" in names
    assert "subject-access.xlsx" in names
    cpd_path = f"attachments/cpd/{full.cpd_attachment.pk}-Certificate for Sam.pdf"
    evidence_path = f"attachments/evidence/{full.evidence_attachment.pk}-Jones family notes.pdf"
    assert archive.read(cpd_path) == PDF_BYTES
    assert archive.read(evidence_path) == PDF_BYTES
    listed = json.loads(archive.read("subject-access.json"))["cpd_attachments"][0]["file_in_zip"]
    assert listed == cpd_path


def test_each_download_is_logged_with_who_whose_and_which_format(cast, full, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.administrator)
    client.get(_url(cast, "json"))
    client.get(_url(cast, "xlsx"))

    events = list(DataProtectionEvent.objects.order_by("pk"))
    assert [(e.kind, e.user, e.worker_pk, e.format, e.authority_code) for e in events] == [
        ("subject_access", cast.administrator, cast.sam.pk, "json", "NOR"),
        ("subject_access", cast.administrator, cast.sam.pk, "xlsx", "NOR"),
    ]
    assert events[0].count > 10
    assert "Ada Admin" in client.get(_url(cast)).content.decode()  # the page lists earlier downloads


def test_an_unknown_format_is_not_found(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.administrator).get(_url(cast, "csv")).status_code == 404
    assert not DataProtectionEvent.objects.exists()


def test_it_sends_anonymous_users_to_sign_in(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(None).get(_url(cast, "xlsx"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_refuses_post(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.administrator).post(_url(cast)).status_code == 405
    assert client_for(cast.administrator).post(_url(cast, "json")).status_code == 405


def test_it_hides_another_authoritys_worker(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("core:subject_access_download", kwargs={"pk": cast.other_worker.pk, "fmt": "json"})

    assert client_for(cast.administrator).get(url).status_code == 404


@pytest.mark.parametrize("role", ["workforce_officer", "team_manager", "social_worker"])
def test_it_refuses_roles_that_see_the_worker_but_are_not_administrators(cast, client_for, role) -> None:  # noqa: ANN001
    """HR sees the staff record but not CPD reflections or evidence; the worker asks the data protection officer."""
    client = client_for(cast.user(role))

    assert client.get(_url(cast)).status_code == 403
    assert client.get(_url(cast, "json")).status_code == 403
    assert not DataProtectionEvent.objects.exists()


def test_its_queries_do_not_grow_with_the_number_of_records(cast, full, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.administrator)
    client.get(_url(cast))  # warm the session and the scope
    with CaptureQueriesContext(connection) as first:
        client.get(_url(cast))
    for day in range(1, 11):
        CaseloadRecordFactory(worker=cast.sam, date=dt.date(2016, 1, day), cases=day)
        CpdRecordFactory(worker=cast.sam, start_date=dt.date(2016, 1, day))
    with CaptureQueriesContext(connection) as second:
        client.get(_url(cast))

    assert len(second) == len(first)
