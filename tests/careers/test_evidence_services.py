"""Writing and changing evidence (careers.services.evidence): who may, when, and what it may link to."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.models import CareersSettings, Evidence, FrameworkItem
from careers.services import evidence as services
from careers.services.reference_data import reference_data_load
from tests.careers.factories import FrameworkItemFactory, FrameworkVersionFactory
from tests.careers.factories_evidence import make_evidence, make_framework
from tests.cpd.factories import CpdRecordFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _data(framework: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "title": "  Family network meeting  ",
        "what_happened": " A referral from school. ",
        "what_i_did": "I met the family.",
        "impact": "The children stayed at home.",
        "items": [framework.p1, framework.o2],
        **overrides,
    }


def test_it_creates_a_draft_against_the_framework_the_authority_uses_now(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    record = CpdRecordFactory(worker=cast.sam)

    evidence = services.evidence_create(
        worker=cast.sam, user=cast.social_worker, cpd_records=[record], **_data(framework)
    )

    assert evidence.status == Evidence.Status.DRAFT
    assert evidence.framework_version == framework.version
    assert evidence.title == "Family network meeting"
    assert evidence.what_happened == "A referral from school."
    assert set(evidence.items.all()) == {framework.p1, framework.o2}
    assert list(evidence.cpd_records.all()) == [record]
    assert evidence.created_by == cast.social_worker
    assert evidence.transitions.count() == 0


def test_it_keeps_the_version_evidence_was_written_against(cast) -> None:  # noqa: ANN001
    """An administrator moving the authority to a new wording changes nothing of existing evidence."""
    framework = make_framework(cast)
    evidence = services.evidence_create(worker=cast.sam, user=cast.social_worker, **_data(framework))
    newer = FrameworkVersionFactory(code="evidence-test-v2")
    new_p1 = FrameworkItemFactory(version=newer, kind="principle", number=1, key="welfare", title="Welfare (v2)")
    CareersSettings.objects.filter(authority=cast.authority).update(framework_version=newer)

    services.evidence_update(evidence=evidence, user=cast.social_worker, **_data(framework, title="Changed"))
    evidence.refresh_from_db()
    assert evidence.framework_version == framework.version

    with pytest.raises(ValidationError) as raised:
        services.evidence_update(evidence=evidence, user=cast.social_worker, **_data(framework, items=[new_p1]))
    assert raised.value.message_dict == {"items": [services.ERROR_ITEM_VERSION]}


def test_it_refuses_items_of_another_version_or_kind(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    other = FrameworkItemFactory(kind="principle", number=1, key="welfare")
    enabler = FrameworkItemFactory(version=framework.version, kind="enabler", number=1, key="workforce")

    for items in ([other], [framework.p1, enabler]):
        with pytest.raises(ValidationError) as raised:
            services.evidence_create(worker=cast.sam, user=cast.social_worker, **_data(framework, items=items))
        assert raised.value.message_dict == {"items": [services.ERROR_ITEM_VERSION]}
    assert not Evidence.objects.exists()


def test_it_refuses_someone_elses_cpd_record(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    theirs = CpdRecordFactory(worker=cast.colleague)

    with pytest.raises(ValidationError) as raised:
        services.evidence_create(worker=cast.sam, user=cast.social_worker, cpd_records=[theirs], **_data(framework))

    assert raised.value.message_dict == {"cpd_records": [services.ERROR_CPD_NOT_OWN]}


@pytest.mark.parametrize("user_name", ["team_manager", "administrator", "service_manager"])
def test_it_refuses_evidence_written_for_someone_else(cast, user_name) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    with pytest.raises(ValidationError) as raised:
        services.evidence_create(worker=cast.sam, user=getattr(cast, user_name), **_data(framework))
    assert raised.value.messages == [services.ERROR_NOT_OWNER]


def test_it_refuses_evidence_before_the_authority_has_chosen_a_framework(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    CareersSettings.objects.all().delete()
    with pytest.raises(ValidationError) as raised:
        services.evidence_create(worker=cast.sam, user=cast.social_worker, **_data(framework))
    assert raised.value.messages == [services.ERROR_NO_FRAMEWORK]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Evidence.Status.DRAFT, True),
        (Evidence.Status.RETURNED, True),
        (Evidence.Status.SUBMITTED, False),
        (Evidence.Status.ACCEPTED, False),
    ],
)
def test_the_worker_edits_only_drafts_and_returned_evidence(cast, status, allowed) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework, status)

    if allowed:
        services.evidence_update(evidence=evidence, user=cast.social_worker, **_data(framework, title="New title"))
        assert Evidence.objects.get(pk=evidence.pk).title == "New title"
    else:
        with pytest.raises(ValidationError) as raised:
            services.evidence_update(evidence=evidence, user=cast.social_worker, **_data(framework, title="New"))
        assert raised.value.messages == [services.ERROR_NOT_EDITABLE]
        assert Evidence.objects.get(pk=evidence.pk).title == evidence.title


def test_a_manager_cannot_edit_a_workers_draft(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework)
    with pytest.raises(ValidationError) as raised:
        services.evidence_update(evidence=evidence, user=cast.team_manager, **_data(framework))
    assert raised.value.messages == [services.ERROR_NOT_OWNER]


def test_it_attaches_and_removes_files_only_while_the_evidence_may_change(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework)
    upload = SimpleUploadedFile("notes.pdf", PDF, content_type="application/pdf")

    attachment = services.evidence_attachment_add(evidence=evidence, uploaded=upload, user=cast.social_worker)
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "notes.pdf",
        "application/pdf",
        len(PDF),
    )
    assert attachment.file.read() == PDF

    Evidence.objects.filter(pk=evidence.pk).update(status=Evidence.Status.SUBMITTED)
    evidence.refresh_from_db()
    attachment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.evidence_attachment_remove(attachment=attachment, user=cast.social_worker)
    with pytest.raises(ValidationError):
        services.evidence_attachment_add(
            evidence=evidence, uploaded=SimpleUploadedFile("more.pdf", PDF), user=cast.social_worker
        )
    assert evidence.attachments.count() == 1


def test_it_refuses_a_file_that_is_not_what_it_says(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework)
    with pytest.raises(ValidationError):
        services.evidence_attachment_add(
            evidence=evidence, uploaded=SimpleUploadedFile("notes.pdf", b"just text"), user=cast.social_worker
        )
    assert not evidence.attachments.exists()


def test_evidence_may_also_be_mapped_to_the_pcf_and_the_post_qualifying_standards(cast) -> None:  # noqa: ANN001
    """Optional mappings (spec section 2): shipped PCF domains and PQS standards, beside the principles and outcomes."""
    reference_data_load()
    framework = make_framework(cast, code="mapping-test")
    evidence = make_evidence(cast, framework)
    domain = FrameworkItem.objects.get(version__code="basw-pcf-2018", number=6)
    standard = FrameworkItem.objects.get(version__code="dfe-pqs-practitioner-2018", number=7)

    services.evidence_update(
        evidence=evidence, title="Mapped", items=[framework.p1, framework.o1, domain, standard], user=cast.social_worker
    )

    assert set(evidence.items.values_list("kind", flat=True)) == {"principle", "outcome", "domain", "standard"}
