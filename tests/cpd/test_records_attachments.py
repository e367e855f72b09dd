"""Attachments of CPD records: upload checked by content, listed with size, downloaded only by those who may read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cpd.models import CpdAttachment, CpdRecord
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import PDF_BYTES, attach, html_named_pdf, pdf_upload, zip_named_pdf

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def _add_url(record: CpdRecord) -> str:
    return reverse("cpd:attachment_add", args=[record.pk])


def _download_url(attachment: CpdAttachment) -> str:
    return reverse("cpd:attachment_download", args=[attachment.record_id, attachment.pk])


def test_the_owner_uploads_a_certificate_and_sees_it_listed_with_its_size(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    client = client_for(cast.social_worker)
    response = client.post(_add_url(record), {"file": pdf_upload("Course certificate.pdf")})
    assert response.status_code == 302
    attachment = record.attachments.get()
    assert (attachment.original_name, attachment.size) == ("Course certificate.pdf", len(PDF_BYTES))
    page = client.get(reverse("cpd:record_detail", args=[record.pk])).content.decode()
    assert "Course certificate.pdf" in page
    assert f"{len(PDF_BYTES)}\xa0bytes" in page
    assert _download_url(attachment) in page


@pytest.mark.parametrize("upload", [zip_named_pdf, html_named_pdf], ids=["zip", "html"])
def test_a_file_whose_name_lies_is_refused_beside_the_field(cast, client_for, upload) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    response = client_for(cast.social_worker).post(_add_url(record), {"file": upload()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'id="id_file-error"' in page
    assert 'href="#id_file"' in page
    assert "govuk-file-upload--error" in page
    assert not record.attachments.exists()


def test_an_upload_without_a_file_asks_for_one(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    page = client_for(cast.social_worker).post(_add_url(record), {}).content.decode()
    assert "Select a file to upload" in page


def test_the_owner_and_the_workers_managers_download_an_attachment(cast, client_for) -> None:  # noqa: ANN001
    attachment = attach(CpdRecordFactory(worker=cast.sam))
    for user in (cast.social_worker, cast.team_manager, cast.service_manager, cast.administrator):
        response = client_for(user).get(_download_url(attachment))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_others_cannot_fetch_an_attachment(cast, client_for) -> None:  # noqa: ANN001
    attachment = attach(CpdRecordFactory(worker=cast.sam))
    url = _download_url(attachment)
    assert client_for(cast.workforce_officer).get(url).status_code == 403
    assert client_for(cast.other_authority_manager).get(url).status_code == 404
    assert client_for(cast.panel_member).get(url).status_code == 404
    cic_attachment = attach(CpdRecordFactory(worker=cast.cic_worker))
    assert client_for(cast.team_manager).get(_download_url(cic_attachment)).status_code == 404
    colleague_attachment = attach(CpdRecordFactory(worker=cast.colleague))
    assert client_for(cast.social_worker).get(_download_url(colleague_attachment)).status_code == 404


def test_an_attachment_is_fetched_only_through_its_own_record(cast, client_for) -> None:  # noqa: ANN001
    own = CpdRecordFactory(worker=cast.sam)
    colleague_attachment = attach(CpdRecordFactory(worker=cast.colleague))
    url = reverse("cpd:attachment_download", args=[own.pk, colleague_attachment.pk])
    assert client_for(cast.social_worker).get(url).status_code == 404


def test_the_owner_removes_an_attachment(cast, client_for) -> None:  # noqa: ANN001
    attachment = attach(CpdRecordFactory(worker=cast.sam))
    url = reverse("cpd:attachment_remove", args=[attachment.record_id, attachment.pk])
    client = client_for(cast.social_worker)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not CpdAttachment.objects.filter(pk=attachment.pk).exists()


def test_a_manager_may_not_upload_or_remove(cast, client_for) -> None:  # noqa: ANN001
    attachment = attach(CpdRecordFactory(worker=cast.sam))
    client = client_for(cast.team_manager)
    assert client.post(_add_url(attachment.record), {"file": pdf_upload()}).status_code == 403
    remove = reverse("cpd:attachment_remove", args=[attachment.record_id, attachment.pk])
    assert client.post(remove).status_code == 403
    assert client_for(cast.other_authority_manager).post(remove).status_code == 404


def test_attachments_of_a_past_year_cannot_be_changed(cast, client_for) -> None:  # noqa: ANN001
    attachment = attach(CpdRecordFactory(worker=cast.sam, start_date=dt.date(2025, 3, 1)))
    client = client_for(cast.social_worker)
    assert client.get(_download_url(attachment)).status_code == 200
    assert client.post(_add_url(attachment.record), {"file": pdf_upload()}).status_code == 403
    remove = reverse("cpd:attachment_remove", args=[attachment.record_id, attachment.pk])
    assert client.post(remove).status_code == 403


def test_uploading_is_post_only_and_needs_a_sign_in(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam)
    assert client_for(cast.social_worker).get(_add_url(record)).status_code == 405
    response = client_for(None).post(_add_url(record), {"file": pdf_upload()})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_document_record_is_uploaded_with_its_file(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.social_worker)
    assert client.get(reverse("cpd:document_create")).status_code == 200
    data = {
        "title": "ASYE final review",
        "activity_type": "qualification",
        "start_date": "01/04/2026",
        "standards": ["3", "4"],
        "standard_4_parts": ["4.2"],
        "action": "record",
        "document": pdf_upload("ASYE review.pdf"),
    }
    response = client.post(reverse("cpd:document_create"), data)
    assert response.status_code == 302
    record = CpdRecord.objects.get()
    assert (record.kind, record.status, record.standard_4_parts) == ("document", "recorded", ["4.2"])
    assert record.attachments.get().original_name == "ASYE review.pdf"


def test_a_document_record_without_its_file_is_refused_beside_the_field(cast, client_for) -> None:  # noqa: ANN001
    data = {"title": "ASYE review", "activity_type": "other", "start_date": "01/04/2026", "action": "draft"}
    page = client_for(cast.social_worker).post(reverse("cpd:document_create"), data).content.decode()
    assert 'id="id_document-error"' in page
    assert "Select the document to upload" in page
    assert not CpdRecord.objects.exists()
