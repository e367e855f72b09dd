"""The evidence pages: writing, changing, submitting, reviewing (accept / return), files, and who may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careers.models import CareersSettings, Evidence, EvidenceTransition
from tests.careers.factories import FrameworkItemFactory, FrameworkVersionFactory
from tests.careers.factories_evidence import make_evidence, make_framework
from tests.cpd.factories import CpdRecordFactory


def _detail(evidence: Evidence) -> str:
    return reverse("careers:evidence_detail", args=[evidence.pk])


def _step(evidence: Evidence, action: str) -> str:
    return reverse("careers:evidence_transition", args=[evidence.pk, action])


@pytest.fixture
def framework(cast):  # noqa: ANN001, ANN201
    return make_framework(cast)


def test_a_worker_writes_a_draft(cast, framework, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, title="Exploitation training")
    client = client_for(cast.social_worker)
    page = client.get(reverse("careers:evidence_create")).content.decode()
    assert "Principle 1: Welfare first" in page
    assert "Exploitation training" in page

    response = client.post(
        reverse("careers:evidence_create"),
        {
            "title": "  Family network meeting ",
            "practice_date": "3/2/2026",
            "what_happened": "A referral.",
            "what_i_did": "A meeting.",
            "impact": "They stayed together.",
            "principles": [framework.p1.pk],
            "outcomes": [framework.o1.pk, framework.o2.pk],
            "cpd_records": [record.pk],
        },
    )

    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(evidence)
    assert evidence.title == "Family network meeting"
    assert evidence.practice_date == dt.date(2026, 2, 3)
    assert set(evidence.items.all()) == {framework.p1, framework.o1, framework.o2}
    assert list(evidence.cpd_records.all()) == [record]
    assert evidence.status == Evidence.Status.DRAFT


def test_the_form_shows_its_errors(cast, framework, client_for) -> None:  # noqa: ANN001
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client_for(cast.social_worker).post(
        reverse("careers:evidence_create"), {"title": " ", "practice_date": tomorrow}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add evidence" in page
    assert "There is a problem" in page
    assert 'href="#id_title">Enter a title</a>' in page
    assert "When it happened must be today or in the past" in page
    assert not Evidence.objects.exists()


def test_the_worker_submits_and_the_page_shows_it_waiting(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)
    client = client_for(cast.social_worker)
    assert "Submit for review" in client.get(_detail(evidence)).content.decode()

    response = client.post(_step(evidence, "submit"), follow=True)

    page = response.content.decode()
    assert "Evidence submitted: your team manager has been told." in page
    assert "Waiting for review by your team manager" in page
    assert "<strong>Submitted</strong> by Sam Patel on" in page
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.SUBMITTED


def test_submitting_incomplete_evidence_lists_what_is_missing(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, items=[framework.p1], impact="")

    response = client_for(cast.social_worker).post(_step(evidence, "submit"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Enter the impact for the child and family" in page
    assert "Choose at least one outcome" in page
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.DRAFT


def test_the_team_manager_reviews_on_the_evidence_page(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)
    client = client_for(cast.team_manager)

    page = client.get(_detail(evidence)).content.decode()
    assert "Review this evidence" in page
    assert f'action="{_step(evidence, "accept")}"' in page
    assert f'formaction="{_step(evidence, "return")}"' in page
    assert evidence.what_i_did in page

    response = client.post(_step(evidence, "return"), {"comment": "  Say what the children said. "}, follow=True)
    page = response.content.decode()
    assert "Evidence returned with your comments: Sam Patel has been told." in page
    assert "<strong>Returned</strong> by Tess Manager on" in page
    assert "Say what the children said." in page
    transition = evidence.transitions.get(action=EvidenceTransition.Action.RETURN)
    assert transition.comment == "Say what the children said."


def test_returning_without_a_comment_shows_the_error_beside_the_field(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)

    response = client_for(cast.team_manager).post(_step(evidence, "return"), {"comment": "  "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert 'href="#id_comment">Enter a comment saying what needs to change</a>' in page
    assert 'id="id_comment-error"' in page
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.SUBMITTED


def test_the_team_manager_accepts(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)

    response = client_for(cast.team_manager).post(_step(evidence, "accept"), {"comment": ""})

    assert response.status_code == 302
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.ACCEPTED


def test_accepting_a_draft_is_explained_not_done(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)

    response = client_for(cast.team_manager).post(_step(evidence, "accept"))

    assert response.status_code == 200
    assert "This evidence cannot be accepted while it is draft." in response.content.decode()
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.DRAFT


def test_a_service_manager_reads_but_does_not_review(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)
    client = client_for(cast.service_manager)

    page = client.get(_detail(evidence)).content.decode()
    assert evidence.what_happened in page
    assert "Accept" not in page
    assert "Return with comments" not in page
    assert client.post(_step(evidence, "accept")).status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.SUBMITTED


def test_a_worker_never_sees_anothers_evidence(cast, framework, client_for) -> None:  # noqa: ANN001
    theirs = make_evidence(cast, framework, Evidence.Status.SUBMITTED, worker=cast.colleague)
    assert client_for(cast.social_worker).get(_detail(theirs)).status_code == 404


def test_a_manager_sees_only_their_teams_evidence(cast, framework, client_for) -> None:  # noqa: ANN001
    """The Front Door manager gets 404 on the Children in Care worker's evidence, as if it did not exist."""
    cic = make_evidence(cast, framework, Evidence.Status.SUBMITTED, worker=cast.cic_worker)
    assert client_for(cast.team_manager).get(_detail(cic)).status_code == 404
    assert client_for(cast.team_manager).post(_step(cic, "accept")).status_code == 404


def test_a_workforce_officer_may_not_read_evidence_or_its_files(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)
    client = client_for(cast.workforce_officer)
    assert client.get(_detail(evidence)).status_code == 403


def test_a_panel_member_and_another_authority_get_404(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.ACCEPTED)
    assert client_for(cast.panel_member).get(_detail(evidence)).status_code == 404
    assert client_for(cast.other_authority_manager).get(_detail(evidence)).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)
    response = client_for(None).get(_detail(evidence))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_step_cannot_be_taken_with_get(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)
    assert client_for(cast.social_worker).get(_step(evidence, "submit")).status_code == 405


def test_the_page_shows_the_wording_the_evidence_was_written_against(cast, framework, client_for) -> None:  # noqa: ANN001
    newer = FrameworkVersionFactory(code="evidence-test-v2", name="Newer wording")
    FrameworkItemFactory(version=newer, kind="principle", number=1, key="welfare", title="Welfare, reworded")
    evidence = make_evidence(cast, framework, Evidence.Status.RETURNED)
    CareersSettings.objects.update(framework_version=newer)

    page = client_for(cast.social_worker).get(_detail(evidence)).content.decode()
    assert "Principle 1: Welfare first" in page
    assert "Welfare, reworded" not in page
    assert "Test framework" in page
    edit_page = client_for(cast.social_worker).get(reverse("careers:evidence_edit", args=[evidence.pk]))
    assert "Welfare first" in edit_page.content.decode()


def test_the_worker_changes_returned_evidence_and_resubmits(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.RETURNED)
    client = client_for(cast.social_worker)
    page = client.get(_detail(evidence)).content.decode()
    assert "Say more about the impact." in page
    assert "Resubmit for review" in page

    response = client.post(
        reverse("careers:evidence_edit", args=[evidence.pk]),
        {
            "title": evidence.title,
            "what_happened": evidence.what_happened,
            "what_i_did": evidence.what_i_did,
            "impact": "Six months on, no further referral.",
            "principles": [framework.p1.pk],
            "outcomes": [framework.o1.pk],
        },
    )
    assert response.status_code == 302
    assert client.post(_step(evidence, "resubmit")).status_code == 302
    evidence.refresh_from_db()
    assert evidence.impact == "Six months on, no further referral."
    assert evidence.status == Evidence.Status.SUBMITTED


def test_submitted_evidence_cannot_be_edited(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework, Evidence.Status.SUBMITTED)
    client = client_for(cast.social_worker)
    assert client.get(reverse("careers:evidence_edit", args=[evidence.pk])).status_code == 403
    assert "Change this evidence" not in client.get(_detail(evidence)).content.decode()


def test_the_worker_attaches_downloads_and_removes_a_file(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)
    client = client_for(cast.social_worker)

    response = client.post(
        reverse("careers:evidence_attachment_add", args=[evidence.pk]),
        {"file": SimpleUploadedFile("case notes.txt", b"What the child said.")},
    )
    assert response.status_code == 302
    attachment = evidence.attachments.get()
    download_url = reverse("careers:evidence_attachment_download", args=[attachment.pk])
    assert "case notes.txt" in client.get(_detail(evidence)).content.decode()

    download = client.get(download_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"What the child said."
    assert client_for(cast.team_manager).get(download_url).status_code == 200
    assert client_for(cast.workforce_officer).get(download_url).status_code == 403
    assert client_for(cast.panel_member).get(download_url).status_code == 404

    client = client_for(cast.social_worker)
    remove = client.post(reverse("careers:evidence_attachment_remove", args=[attachment.pk]))
    assert remove.status_code == 302
    assert not evidence.attachments.exists()


def test_a_bad_file_is_refused_beside_the_field(cast, framework, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, framework)

    response = client_for(cast.social_worker).post(
        reverse("careers:evidence_attachment_add", args=[evidence.pk]),
        {"file": SimpleUploadedFile("notes.pdf", b"not a pdf")},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "is not what its name says" in page
    assert not evidence.attachments.exists()
