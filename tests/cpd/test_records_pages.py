"""The CPD record pages: My CPD, the year pages, the record forms and page, and a manager's view of a worker."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpd.models import CpdRecord
from tests.cpd.factories import CpdRecordFactory

TODAY = dt.date(2026, 6, 15)
REFLECTION = "In supervision we discussed how I could use the network map with a sibling group."


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def _form(**overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "  Direct work with teenagers ",
        "activity_type": "course",
        "start_date": "04/05/2026",
        "end_date": "",
        "description": "A day's course.",
        "learning": "Network mapping.",
        "impact": "Better return interviews.",
        "peer_reflection": "Talked it through in group supervision.",
        "peer_name": "Tess Manager",
        "peer_role": "Team manager",
        "standards": ["1", "4"],
        "standard_4_parts": ["4.3"],
        "hours": "6.5",
        "action": "record",
    }
    data.update(overrides)
    return data


# -- My CPD -------------------------------------------------------------------------------------------------------
def test_my_cpd_shows_this_years_records_and_progress(cast, client_for) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam, title="Exploitation course")
    CpdRecordFactory(worker=cast.sam, title="Trauma reading", status=CpdRecord.Status.DRAFT, peer_reflection="")
    CpdRecordFactory(worker=cast.sam, title="Old conference", start_date=dt.date(2025, 2, 1))
    CpdRecordFactory(worker=cast.colleague, title="Someone else's")
    response = client_for(cast.social_worker).get(reverse("cpd:my_cpd"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Exploitation course" in page
    assert "Trauma reading" in page
    assert "Old conference" not in page
    assert "Someone else" not in page
    assert "1 of 2" in page
    assert "Not yet met" not in page
    assert "On track" in page
    assert "Days left until 30 November 2026" in page
    assert ">168<" in page
    assert "1 December 2024 to 30 November 2025" in page  # the earlier year, linked
    assert reverse("cpd:my_cpd_year", args=[2025]) in page
    assert reverse("cpd:record_create") in page
    assert reverse("cpd:document_create") in page


def test_my_cpd_says_met_once_two_records_include_a_peer_reflection(cast, client_for) -> None:  # noqa: ANN001
    CpdRecordFactory.create_batch(2, worker=cast.sam)
    page = client_for(cast.social_worker).get(reverse("cpd:my_cpd")).content.decode()
    assert 'govuk-tag--green">Met' in page


def test_my_cpd_links_to_cpd_days_and_training_only_when_those_pages_exist(cast, client_for) -> None:  # noqa: ANN001
    from django.urls import NoReverseMatch

    page = client_for(cast.social_worker).get(reverse("cpd:my_cpd")).content.decode()
    for name in ("cpd:my_days", "cpd:my_training"):
        with contextlib.suppress(NoReverseMatch):
            assert reverse(name) in page


def test_my_cpd_runs_the_same_queries_for_many_records(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.social_worker)
    CpdRecordFactory(worker=cast.sam)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cpd:my_cpd"))
    CpdRecordFactory.create_batch(15, worker=cast.sam)
    CpdRecordFactory.create_batch(5, worker=cast.sam, start_date=dt.date(2024, 3, 1))
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("cpd:my_cpd")).status_code == 200
    assert len(many) == len(few)


def test_a_past_year_is_read_only_and_says_so(cast, client_for) -> None:  # noqa: ANN001
    old = CpdRecordFactory(worker=cast.sam, title="Old conference", start_date=dt.date(2025, 2, 1))
    client = client_for(cast.social_worker)
    page = client.get(reverse("cpd:my_cpd_year", args=[2025])).content.decode()
    assert "Old conference" in page
    assert "has ended" in page
    assert reverse("cpd:record_create") not in page
    detail = client.get(reverse("cpd:record_detail", args=[old.pk])).content.decode()
    assert "has ended" in detail
    assert reverse("cpd:record_edit", args=[old.pk]) not in detail
    assert client.get(reverse("cpd:record_edit", args=[old.pk])).status_code == 403
    assert client.post(reverse("cpd:record_edit", args=[old.pk]), _form()).status_code == 403


def test_my_cpd_is_for_people_with_a_staff_record(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.workforce_officer).get(reverse("cpd:my_cpd")).status_code == 403


def test_my_cpd_sends_anonymous_users_to_sign_in(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(None).get(reverse("cpd:my_cpd"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_year_out_of_range_is_not_found(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.social_worker).get(reverse("cpd:my_cpd_year", args=[1900])).status_code == 404


# -- Adding and changing a record ---------------------------------------------------------------------------------
def test_it_records_a_piece_of_cpd_from_the_form(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.social_worker)
    assert client.get(reverse("cpd:record_create")).status_code == 200
    response = client.post(reverse("cpd:record_create"), _form())
    record = CpdRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cpd:record_detail", args=[record.pk])
    assert (record.title, record.status, record.worker) == ("Direct work with teenagers", "recorded", cast.sam)
    assert record.hours == 6.5
    followed = client.get(response["Location"]).content.decode()
    assert "is recorded" in followed
    assert "Talked it through" in followed


def test_it_saves_a_draft_with_just_the_title_type_and_date(cast, client_for) -> None:  # noqa: ANN001
    data = {"title": "Reading", "activity_type": "reading", "start_date": "01/06/2026", "action": "draft"}
    response = client_for(cast.social_worker).post(reverse("cpd:record_create"), data)
    assert response.status_code == 302
    assert CpdRecord.objects.get().status == CpdRecord.Status.DRAFT


def test_it_shows_errors_beside_the_fields_and_in_the_summary(cast, client_for) -> None:  # noqa: ANN001
    data = _form(learning="", peer_name="", end_date="01/05/2026", standards=[])
    response = client_for(cast.social_worker).post(reverse("cpd:record_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<title>Error: ") == 1
    assert 'id="id_learning-error"' in page
    assert "Enter what you learned" in page
    assert 'id="id_peer_name-error"' in page
    assert 'id="id_end_date-error"' in page
    assert 'id="id_standards-error"' in page
    assert 'href="#id_standards_0"' in page
    assert not CpdRecord.objects.exists()


def test_it_requires_the_title_type_and_date_even_for_a_draft(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.social_worker).post(reverse("cpd:record_create"), {"action": "draft"})
    page = response.content.decode()
    assert "Enter title" in page
    assert "Choose the type of CPD" in page
    assert "Enter the date of the activity" in page


def test_the_owner_changes_a_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    client = client_for(cast.social_worker)
    form_page = client.get(reverse("cpd:record_edit", args=[record.pk])).content.decode()
    assert record.title in form_page
    assert "Save changes" in form_page
    response = client.post(reverse("cpd:record_edit", args=[record.pk]), _form(title="Renamed"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Renamed"


def test_a_manager_may_read_but_not_change_a_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    for user in (cast.team_manager, cast.service_manager, cast.administrator):
        client = client_for(user)
        page = client.get(reverse("cpd:record_detail", args=[record.pk])).content.decode()
        assert REFLECTION in page
        assert reverse("cpd:record_edit", args=[record.pk]) not in page
        assert client.get(reverse("cpd:record_edit", args=[record.pk])).status_code == 403
        assert client.post(reverse("cpd:record_delete", args=[record.pk])).status_code == 403


def test_a_social_worker_cannot_see_another_workers_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.colleague)
    assert client_for(cast.social_worker).get(reverse("cpd:record_detail", args=[record.pk])).status_code == 404


def test_the_front_door_manager_cannot_see_a_children_in_care_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.cic_worker)
    assert client_for(cast.team_manager).get(reverse("cpd:record_detail", args=[record.pk])).status_code == 404


def test_another_authority_cannot_see_a_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    client = client_for(cast.other_authority_manager)
    assert client.get(reverse("cpd:record_detail", args=[record.pk])).status_code == 404
    assert client.get(reverse("cpd:worker_cpd", args=[cast.sam.pk])).status_code == 404


def test_a_workforce_officer_cannot_read_a_record(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    assert client_for(cast.workforce_officer).get(reverse("cpd:record_detail", args=[record.pk])).status_code == 403


# -- Deleting a draft ---------------------------------------------------------------------------------------------
def test_the_owner_deletes_a_draft_after_confirming(cast, client_for) -> None:  # noqa: ANN001
    draft = CpdRecordFactory(worker=cast.sam, status=CpdRecord.Status.DRAFT)
    client = client_for(cast.social_worker)
    assert "Delete the draft" in client.get(reverse("cpd:record_delete", args=[draft.pk])).content.decode()
    response = client.post(reverse("cpd:record_delete", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cpd:my_cpd")
    assert not CpdRecord.objects.filter(pk=draft.pk).exists()


def test_recorded_cpd_cannot_be_deleted(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    response = client_for(cast.social_worker).post(reverse("cpd:record_delete", args=[record.pk]))
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert CpdRecord.objects.filter(pk=record.pk).exists()


# -- A worker's CPD for managers and HR ---------------------------------------------------------------------------
def test_a_team_manager_sees_a_workers_records_with_links(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, title="Exploitation course")
    page = client_for(cast.team_manager).get(reverse("cpd:worker_cpd", args=[cast.sam.pk])).content.decode()
    assert "CPD of Sam Patel" in page
    assert "Exploitation course" in page
    assert reverse("cpd:record_detail", args=[record.pk]) in page
    assert reverse("cpd:worker_year_pdf", args=[cast.sam.pk, 2026]) in page
    assert reverse("cpd:record_create") not in page


def test_a_workforce_officer_sees_counts_and_status_but_no_content(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, title="Exploitation course")
    CpdRecordFactory(worker=cast.sam, status=CpdRecord.Status.DRAFT)
    response = client_for(cast.workforce_officer).get(reverse("cpd:worker_cpd", args=[cast.sam.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "On track" in page
    assert "1 of 2" in page
    assert REFLECTION not in page
    assert "Exploitation course" not in page
    assert record.learning not in page
    assert reverse("cpd:record_detail", args=[record.pk]) not in page
    assert reverse("cpd:worker_year_pdf", args=[cast.sam.pk, 2026]) not in page


def test_the_worker_page_sends_the_worker_to_my_cpd(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.social_worker).get(reverse("cpd:worker_cpd", args=[cast.sam.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cpd:my_cpd")


def test_a_worker_page_of_an_earlier_year(cast, client_for) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam, title="Old conference", start_date=dt.date(2025, 2, 1))
    response = client_for(cast.service_manager).get(reverse("cpd:worker_cpd_year", args=[cast.sam.pk, 2025]))
    assert response.status_code == 200
    assert "Old conference" in response.content.decode()
    assert (
        client_for(cast.team_manager).get(reverse("cpd:worker_cpd_year", args=[cast.cic_worker.pk, 2025])).status_code
        == 404
    )
