"""Writing CPD records: drafts and recorded CPD in SWE's shape, the validation rules, documents and deletion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cpd.models import ActivityType, CpdRecord
from cpd.services import records as services
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import attach, html_named_pdf, pdf_upload, zip_named_pdf

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def full(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "  Exploitation and county lines  ",
        "activity_type": ActivityType.COURSE,
        "start_date": dt.date(2026, 5, 4),
        "end_date": None,
        "description": "  A day's course on child criminal exploitation.\n",
        "learning": "How to map a young person's network.",
        "impact": "I ask about online contacts in every return interview.",
        "peer_reflection": "Discussed in supervision.",
        "peer_name": " Tess Manager ",
        "peer_role": "Team manager",
        "standards": ["4", "1"],
        "standard_4_parts": ["4.6", "4.3"],
        "hours": Decimal("6.5"),
    }
    data.update(overrides)
    return data


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_it_records_a_complete_piece_of_cpd(cast) -> None:  # noqa: ANN001
    record = services.cpd_record_create(worker=cast.sam, data=full(), record_it=True, user=cast.social_worker)
    record.refresh_from_db()
    assert record.status == CpdRecord.Status.RECORDED
    assert record.recorded_at is not None
    assert record.registration_year == 2026
    assert record.title == "Exploitation and county lines"
    assert record.description == "A day's course on child criminal exploitation."
    assert record.peer_name == "Tess Manager"
    assert record.standards == ["1", "4"]
    assert record.standard_4_parts == ["4.3", "4.6"]
    assert record.created_by == cast.social_worker
    assert record.updated_by == cast.social_worker


def test_it_works_out_the_registration_year_from_the_date(cast) -> None:  # noqa: ANN001
    record = services.cpd_record_create(
        worker=cast.sam, data=full(start_date=dt.date(2026, 12, 1)), record_it=False, user=cast.social_worker
    )
    assert record.registration_year == 2027


def test_a_draft_needs_only_title_type_and_date(cast) -> None:  # noqa: ANN001
    data = {"title": "Reading on trauma", "activity_type": ActivityType.READING, "start_date": dt.date(2026, 6, 1)}
    record = services.cpd_record_create(worker=cast.sam, data=data, record_it=False, user=cast.social_worker)
    assert record.status == CpdRecord.Status.DRAFT
    assert record.recorded_at is None


def test_it_refuses_to_record_an_incomplete_record(cast) -> None:  # noqa: ANN001
    data = full(description=" ", learning="", impact="", standards=[], standard_4_parts=[])
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(worker=cast.sam, data=data, record_it=True, user=cast.social_worker)
    errors = _errors(exc)
    assert set(errors) == {"description", "learning", "impact", "standards"}
    assert errors["standards"] == [services.STANDARD_REQUIRED]
    assert not CpdRecord.objects.exists()


def test_it_refuses_an_end_date_before_the_start(cast) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(
            worker=cast.sam, data=full(end_date=dt.date(2026, 5, 3)), record_it=False, user=cast.social_worker
        )
    assert _errors(exc) == {"end_date": [services.END_BEFORE_START]}


def test_it_refuses_to_record_cpd_dated_in_the_future(cast) -> None:  # noqa: ANN001
    data = full(start_date=dt.date(2026, 6, 16))
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(worker=cast.sam, data=data, record_it=True, user=cast.social_worker)
    assert _errors(exc) == {"start_date": [services.FUTURE_DATE]}
    planned = services.cpd_record_create(worker=cast.sam, data=data, record_it=False, user=cast.social_worker)
    assert planned.status == CpdRecord.Status.DRAFT


def test_it_accepts_cpd_dated_today(cast) -> None:  # noqa: ANN001
    record = services.cpd_record_create(
        worker=cast.sam, data=full(start_date=TODAY), record_it=True, user=cast.social_worker
    )
    assert record.status == CpdRecord.Status.RECORDED


def test_it_requires_the_peers_name_with_a_peer_reflection(cast) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(worker=cast.sam, data=full(peer_name="  "), record_it=False, user=cast.social_worker)
    assert _errors(exc) == {"peer_name": [services.PEER_NAME_REQUIRED]}


def test_it_drops_the_parts_of_standard_4_when_standard_4_is_not_chosen(cast) -> None:  # noqa: ANN001
    record = services.cpd_record_create(
        worker=cast.sam, data=full(standards=["2"], standard_4_parts=["4.1"]), record_it=True, user=cast.social_worker
    )
    assert (record.standards, record.standard_4_parts) == (["2"], [])


def test_it_refuses_a_date_in_a_closed_year(cast) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(
            worker=cast.sam, data=full(start_date=dt.date(2025, 11, 30)), record_it=True, user=cast.social_worker
        )
    assert "start_date" in _errors(exc)


def test_it_updates_a_draft_and_records_it(cast) -> None:  # noqa: ANN001
    draft = CpdRecordFactory(worker=cast.sam, status=CpdRecord.Status.DRAFT, learning="")
    record = services.cpd_record_update(record=draft, data=full(), record_it=True, user=cast.social_worker)
    assert record.status == CpdRecord.Status.RECORDED
    assert record.learning == "How to map a young person's network."


def test_a_recorded_record_stays_recorded_and_complete(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    recorded_at = record.recorded_at
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_update(record=record, data=full(impact=""), record_it=False, user=cast.social_worker)
    assert "impact" in _errors(exc)
    services.cpd_record_update(record=record, data=full(title="Renamed"), record_it=False, user=cast.social_worker)
    record.refresh_from_db()
    assert (record.title, record.status, record.recorded_at) == ("Renamed", CpdRecord.Status.RECORDED, recorded_at)


def test_it_refuses_to_change_a_record_of_a_closed_year(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, start_date=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="ended"):
        services.cpd_record_update(record=record, data=full(), record_it=True, user=cast.social_worker)


def test_it_deletes_a_draft_and_keeps_its_history(cast) -> None:  # noqa: ANN001
    draft = CpdRecordFactory(worker=cast.sam, status=CpdRecord.Status.DRAFT)
    pk = draft.pk
    services.cpd_record_delete(record=draft, user=cast.social_worker)
    assert not CpdRecord.objects.filter(pk=pk).exists()
    deleted = CpdRecord.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == cast.social_worker


def test_it_refuses_to_delete_recorded_cpd(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.cpd_record_delete(record=record, user=cast.social_worker)
    assert CpdRecord.objects.filter(pk=record.pk).exists()


def test_it_records_an_uploaded_document(cast) -> None:  # noqa: ANN001
    data = {
        "title": "ASYE final review",
        "activity_type": ActivityType.QUALIFICATION,
        "start_date": dt.date(2026, 4, 1),
        "standards": ["3"],
    }
    record = services.cpd_record_create(
        worker=cast.sam,
        data=data,
        record_it=True,
        user=cast.social_worker,
        kind="document",
        document=pdf_upload("asye review.pdf"),
    )
    assert record.kind == CpdRecord.Kind.DOCUMENT
    assert record.status == CpdRecord.Status.RECORDED
    attachment = record.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("asye review.pdf", "application/pdf")
    assert attachment.file.read().startswith(b"%PDF-")


def test_a_document_record_needs_its_file_and_a_true_one(cast) -> None:  # noqa: ANN001
    data = {"title": "ASYE review", "activity_type": ActivityType.OTHER, "start_date": dt.date(2026, 4, 1)}
    with pytest.raises(ValidationError) as exc:
        services.cpd_record_create(
            worker=cast.sam,
            data=data,
            record_it=True,
            user=cast.social_worker,
            kind="document",
            document=zip_named_pdf(),
        )
    assert set(_errors(exc)) == {"document", "standards"}
    assert not CpdRecord.objects.exists()


def test_it_refuses_an_attachment_whose_name_lies(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    with pytest.raises(ValidationError) as exc:
        services.cpd_attachment_add(record=record, uploaded=html_named_pdf(), user=cast.social_worker)
    assert "not what its name says" in _errors(exc)["file"][0]
    assert not record.attachments.exists()


def test_it_keeps_the_last_file_of_a_document_record(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, kind=CpdRecord.Kind.DOCUMENT)
    only = attach(record)
    with pytest.raises(ValidationError, match="replacement"):
        services.cpd_attachment_remove(attachment=only, user=cast.social_worker)
    second = services.cpd_attachment_add(record=record, uploaded=pdf_upload("v2.pdf"), user=cast.social_worker)
    services.cpd_attachment_remove(attachment=only, user=cast.social_worker)
    assert list(record.attachments.all()) == [second]
