"""The panel pages: the list of a member's panels, one application with its portfolio, the decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Evidence, EvidenceTransition, ProgressionApplication, WorkerLevel
from careers.services.applications import application_decide
from tests.careers.factories import (
    EvidenceFactory,
    EvidenceTransitionFactory,
    FrameworkItemFactory,
    FrameworkVersionFactory,
    PanelFactory,
)
from tests.careers.factories_applications import application_for

pytestmark = pytest.mark.django_db


def test_a_member_sees_their_panels_applications_waiting_oldest_first_and_decided(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)
    older = application_for(cast, cast.colleague)
    older.applied_at = application.applied_at - dt.timedelta(days=3)
    older.save()
    decided = application_for(cast, cast.cic_worker)
    application_decide(application=decided, decision="deferred", reasons="Not yet.", user=cast.panel_member)
    PanelFactory(authority=cast.authority, name="Another panel")

    page = client_for(cast.panel_member).get(reverse("careers:panel_list")).content.decode()

    waiting = page.split("Waiting for a decision")[1].split("Decided or withdrawn")[0]
    assert waiting.index("Chris Morgan") < waiting.index("Sam Patel")
    assert "Priya Shah" in page.split("Decided or withdrawn")[1]
    assert "Another panel" not in page


def test_an_administrator_sees_every_panel(cast, client_for) -> None:  # noqa: ANN001
    application_for(cast)
    PanelFactory(authority=cast.authority, name="Another panel")

    page = client_for(cast.administrator).get(reverse("careers:panel_list")).content.decode()

    assert "Progression panel" in page
    assert "Another panel" in page


def test_the_panel_list_is_for_panel_members_and_administrators(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.team_manager).get(reverse("careers:panel_list")).status_code == 403
    assert client_for(None).get(reverse("careers:panel_list")).status_code == 302


def test_the_panel_page_shows_each_evidence_in_full_with_its_wording_and_timeline(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)
    old = FrameworkVersionFactory(code="old-wording", name="Consultation wording (2023)")
    old_item = FrameworkItemFactory(version=old, kind="principle", number=1, key="welfare", title="Old welfare words")
    piece = EvidenceFactory(
        worker=cast.sam, framework_version=old, status=Evidence.Status.ACCEPTED, items=[old_item], title="Old piece"
    )
    EvidenceTransitionFactory(
        evidence=piece,
        action=EvidenceTransition.Action.RETURN,
        from_status="submitted",
        to_status="returned",
        by=cast.team_manager,
        comment="Say more about the impact.",
        at=timezone.now(),
    )
    application.evidence.add(piece)

    response = client_for(cast.panel_member).get(reverse("careers:panel_application", args=[application.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Old welfare words" in page
    assert "Consultation wording (2023)" in page
    assert "Say more about the impact." in page
    assert "Tess Manager" in page
    assert EvidenceFactory.what_i_did in page
    assert "Record the decision" in page
    # The summary counts the old wording's piece under today's principle: 3 accepted pieces for "welfare".
    assert ">3<" in page.split("Principles")[1].split("Outcomes")[0].replace(" ", "")


def test_a_panel_member_of_another_panel_gets_not_found(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast, members=[])

    for name in ("careers:panel_application", "careers:application_portfolio_pdf"):
        assert client_for(cast.panel_member).get(reverse(name, args=[application.pk])).status_code == 404


def test_an_administrator_reads_the_panel_page_but_may_not_decide(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    page = client_for(cast.administrator).get(reverse("careers:panel_application", args=[application.pk]))
    response = client_for(cast.administrator).post(
        reverse("careers:application_decide", args=[application.pk]), {"decision": "deferred", "reasons": "No."}
    )

    assert "Record the decision" not in page.content.decode()
    assert response.status_code == 403


def test_a_member_approves_from_a_date(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.panel_member).post(
        reverse("careers:application_decide", args=[application.pk]),
        {"decision": "approved", "approved_from": "01/12/2026", "reasons": ""},
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == ProgressionApplication.Status.APPROVED
    assert WorkerLevel.objects.get(application=application).effective_from == dt.date(2026, 12, 1)
    page = response.content.decode()
    assert "Application of Sam Patel approved." in page
    assert "Record the decision" not in page


def test_the_decision_form_shows_its_errors(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)
    url = reverse("careers:application_decide", args=[application.pk])

    approve = client_for(cast.panel_member).post(url, {"decision": "approved", "approved_from": ""})
    defer = client_for(cast.panel_member).post(url, {"decision": "deferred", "reasons": " "})
    clash = client_for(cast.panel_member).post(url, {"decision": "approved", "approved_from": "01/04/2024"})

    assert "Enter the date the new level starts from." in approve.content.decode()
    assert "Enter the reasons for deferring the application." in defer.content.decode()
    assert "already has a level record starting on that date" in clash.content.decode()
    assert "<title>Error: " in clash.content.decode()
    application.refresh_from_db()
    assert application.status == ProgressionApplication.Status.SUBMITTED


def test_deciding_twice_shows_why_not(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)
    url = reverse("careers:application_decide", args=[application.pk])
    client_for(cast.panel_member).post(url, {"decision": "deferred", "reasons": "Not yet."})

    response = client_for(cast.panel_member).post(url, {"decision": "approved", "approved_from": "01/12/2026"})

    assert "no longer with the panel" in response.content.decode()


def test_get_on_decide_is_not_allowed(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.panel_member).get(reverse("careers:application_decide", args=[application.pk]))

    assert response.status_code == 405


def test_the_panel_page_keeps_its_queries_flat(cast, client_for, django_assert_max_num_queries) -> None:  # noqa: ANN001
    application = application_for(cast)
    for n in range(10):
        version = application.level_sought.required_items.first().version
        piece = EvidenceFactory(
            worker=cast.sam, framework_version=version, status=Evidence.Status.ACCEPTED, title=f"Extra {n}"
        )
        EvidenceTransitionFactory(evidence=piece, by=cast.team_manager)
        application.evidence.add(piece)
    client = client_for(cast.panel_member)

    with django_assert_max_num_queries(30):
        assert client.get(reverse("careers:panel_application", args=[application.pk])).status_code == 200


def test_the_panel_list_keeps_its_queries_flat(cast, client_for, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for worker in (cast.sam, cast.colleague, cast.cic_worker):
        application_for(cast, worker)
    client = client_for(cast.panel_member)

    with django_assert_max_num_queries(14):
        assert client.get(reverse("careers:panel_list")).status_code == 200
