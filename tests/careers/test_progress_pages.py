"""The worker's own progress page and a manager's view of one worker's progress: grid, criteria, evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from careers.models import Evidence
from tests.careers.factories import CareerLevelFactory, WorkerLevelFactory
from tests.careers.factories_evidence import make_evidence, make_framework

MY_PROGRESS = reverse("careers:my_progress")


@pytest.fixture
def ladder(cast):  # noqa: ANN001, ANN201
    """Sam is a Social Worker since April 2024; Experienced needs welfare and families-together, and 2 pieces."""
    framework = make_framework(cast)
    current = CareerLevelFactory(authority=cast.authority, order=1, code="SW", name="Social Worker")
    experienced = CareerLevelFactory(
        authority=cast.authority, order=2, code="ESW", name="Experienced Social Worker", min_accepted_evidence=2
    )
    experienced.required_items.set([framework.p1, framework.o1])
    WorkerLevelFactory(worker=cast.sam, level=current, effective_from=dt.date(2024, 4, 1))
    return framework


def test_it_shows_levels_grid_criteria_not_met_and_evidence(cast, ladder, client_for) -> None:  # noqa: ANN001
    accepted = make_evidence(cast, ladder, Evidence.Status.ACCEPTED, title="Accepted piece")
    make_evidence(cast, ladder, Evidence.Status.SUBMITTED, items=[ladder.p2, ladder.o2], title="Waiting piece")

    response = client_for(cast.social_worker).get(MY_PROGRESS)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Social Worker, since 1 April 2024" in page
    assert "Experienced Social Worker" in page
    # The grid: principles as rows, outcomes as columns, a spoken name before each tag.
    assert 'Principle 1 × Outcome 1: </span><strong class="govuk-tag govuk-tag--green">Accepted' in page
    assert 'Principle 2 × Outcome 2: </span><strong class="govuk-tag govuk-tag--yellow">Pending' in page
    assert 'Principle 1 × Outcome 2: </span><strong class="govuk-tag govuk-tag--grey">Missing' in page
    assert page.count('<strong class="govuk-tag govuk-tag--purple">Required</strong>') == 2
    # Criteria: the required items are met, the number of pieces is not.
    assert "1 of 2 accepted" in page
    assert '<strong class="govuk-tag govuk-tag--grey">Not met</strong>' in page
    assert "All the criteria for" not in page
    # The evidence list, with links and status tags.
    assert f'href="{reverse("careers:evidence_detail", args=[accepted.pk])}">Accepted piece</a>' in page
    assert "Waiting for review</strong>" in page
    assert f'href="{reverse("careers:evidence_create")}"' in page


def test_it_shows_the_criteria_met(cast, ladder, client_for) -> None:  # noqa: ANN001
    make_evidence(cast, ladder, Evidence.Status.ACCEPTED)
    make_evidence(cast, ladder, Evidence.Status.ACCEPTED, items=[ladder.p2, ladder.o2])

    page = client_for(cast.social_worker).get(MY_PROGRESS).content.decode()

    assert "All the criteria for Experienced Social Worker are met." in page
    assert "Not met</strong>" not in page
    assert page.count('<strong class="govuk-tag govuk-tag--green">Met</strong>') == 3


def test_it_works_before_any_framework_or_ladder_is_set_up(cast, client_for) -> None:  # noqa: ANN001
    page = client_for(cast.social_worker).get(MY_PROGRESS).content.decode()
    assert "The authority has not chosen a practice framework yet." in page
    assert "the authority has not set up its career levels" in page


@pytest.mark.parametrize("user_name", ["team_manager", "workforce_officer", "administrator", "panel_member"])
def test_only_people_with_a_staff_record_have_their_own_progress(cast, user_name, client_for) -> None:  # noqa: ANN001
    assert client_for(getattr(cast, user_name)).get(MY_PROGRESS).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client_for, db) -> None:  # noqa: ANN001
    response = client_for(None).get(MY_PROGRESS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_manager_sees_a_workers_progress_with_links_to_review(cast, ladder, client_for) -> None:  # noqa: ANN001
    waiting = make_evidence(cast, ladder, Evidence.Status.SUBMITTED, title="Please review me")

    page = client_for(cast.team_manager).get(reverse("careers:worker_progress", args=[cast.sam.pk])).content.decode()

    assert "Sam Patel (A001), Front Door" in page
    assert 'Principle 1 × Outcome 1: </span><strong class="govuk-tag govuk-tag--yellow">Pending' in page
    assert f'href="{reverse("careers:evidence_detail", args=[waiting.pk])}">Please review me</a>' in page
    assert "Add evidence" not in page


def test_a_workforce_officer_sees_status_but_no_titles(cast, ladder, client_for) -> None:  # noqa: ANN001
    make_evidence(cast, ladder, Evidence.Status.ACCEPTED, title="Private title")

    response = client_for(cast.workforce_officer).get(reverse("careers:worker_progress", args=[cast.sam.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Private title" not in page
    assert "Evidence 1" in page
    assert "Accepted</strong>" in page
    assert reverse("careers:evidence_detail", args=[Evidence.objects.get().pk]) not in page


def test_a_manager_of_another_team_gets_404(cast, ladder, client_for) -> None:  # noqa: ANN001
    url = reverse("careers:worker_progress", args=[cast.cic_worker.pk])
    assert client_for(cast.team_manager).get(url).status_code == 404
    assert client_for(cast.panel_member).get(url).status_code == 404
