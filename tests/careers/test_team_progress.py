"""The team progress page: everyone in the user's teams, the evidence waiting for review, filters and the XLSX."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from careers.models import CareerLevel, CareersSettings, Evidence
from tests.careers.factories import CareerLevelFactory, WorkerLevelFactory
from tests.careers.factories_evidence import make_evidence, make_framework
from tests.workforce.factories import AssignmentFactory, WorkerFactory

URL = reverse("careers:team_progress")
# Session and user (2), scope (2), people (1), current levels (1), the ladder (2), evidence (1), first starts (1),
# overdue setting (1), waiting list (2), the team filter's choices (1), session save (3).
QUERIES = 17
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def ladder(cast, monkeypatch):  # noqa: ANN001, ANN201
    """Sam and Chris are Social Workers; Experienced needs welfare and one accepted piece."""
    monkeypatch.setattr("careers.views.progress.today", lambda: TODAY)
    monkeypatch.setattr("careers.exports.progress.today", lambda: TODAY)
    framework = make_framework(cast)
    current = CareerLevelFactory(authority=cast.authority, order=1, code="SW", name="Social Worker")
    experienced = CareerLevelFactory(
        authority=cast.authority, order=2, code="ESW", name="Experienced Social Worker", min_accepted_evidence=1
    )
    experienced.required_items.set([framework.p1])
    for worker in (cast.sam, cast.colleague, cast.cic_worker):
        WorkerLevelFactory(worker=worker, level=current, effective_from=dt.date(2024, 4, 1))
    return framework


def _submitted_on(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 4)))


def test_it_lists_the_people_in_the_managers_teams(cast, ladder, client_for) -> None:  # noqa: ANN001
    make_evidence(cast, ladder, Evidence.Status.ACCEPTED)

    response = client_for(cast.team_manager).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    people = response.context["people"]
    assert [p.worker for p in people] == [cast.colleague, cast.sam]  # Front Door, by last name
    sam = people[1]
    assert (sam.progress.accepted_count, sam.progress.criteria_met) == (1, True)
    assert (people[0].progress.accepted_count, people[0].progress.criteria_met) == (0, False)
    assert "Priya Shah" not in page  # Children in Care: not this manager's
    assert f'href="{reverse("careers:worker_progress", args=[cast.sam.pk])}"' in page
    assert '<strong class="govuk-tag govuk-tag--green">Yes</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--grey">No</strong>' in page


def test_it_lists_evidence_waiting_for_review_oldest_first_with_overdue(cast, ladder, client_for) -> None:  # noqa: ANN001
    recent = make_evidence(cast, ladder, Evidence.Status.SUBMITTED, title="Recent piece")
    old = make_evidence(cast, ladder, Evidence.Status.SUBMITTED, worker=cast.colleague, title="Old piece")
    Evidence.objects.filter(pk=recent.pk).update(submitted_at=_submitted_on(TODAY - dt.timedelta(days=10)))
    Evidence.objects.filter(pk=old.pk).update(submitted_at=_submitted_on(TODAY - dt.timedelta(days=11)))
    make_evidence(cast, ladder, Evidence.Status.SUBMITTED, worker=cast.cic_worker, title="Not this team")

    response = client_for(cast.team_manager).get(URL)

    waiting = response.context["waiting"]
    assert [(w.evidence.title, w.days_waiting, w.overdue) for w in waiting] == [
        ("Old piece", 11, True),
        ("Recent piece", 10, False),  # overdue only beyond the authority's 10 days
    ]
    page = response.content.decode()
    assert page.count("Overdue</strong>") == 1
    assert f'href="{reverse("careers:evidence_detail", args=[old.pk])}">Old piece</a>' in page
    assert "Not this team" not in page


def test_the_overdue_threshold_is_the_authoritys_setting(cast, ladder, client_for) -> None:  # noqa: ANN001
    CareersSettings.objects.update(review_overdue_days=3)
    piece = make_evidence(cast, ladder, Evidence.Status.SUBMITTED)
    Evidence.objects.filter(pk=piece.pk).update(submitted_at=_submitted_on(TODAY - dt.timedelta(days=4)))

    waiting = client_for(cast.team_manager).get(URL).context["waiting"]

    assert [(w.days_waiting, w.overdue) for w in waiting] == [(4, True)]


def test_a_workforce_officer_sees_counts_and_status_but_no_titles(cast, ladder, client_for) -> None:  # noqa: ANN001
    piece = make_evidence(cast, ladder, Evidence.Status.SUBMITTED, title="Private title")

    response = client_for(cast.workforce_officer).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Private title" not in page
    assert reverse("careers:evidence_detail", args=[piece.pk]) not in page
    assert len(response.context["waiting"]) == 1
    assert "Priya Shah" in page  # HR see the whole authority


def test_it_filters_by_team_and_status_and_downloads_the_same_rows(cast, ladder, client_for) -> None:  # noqa: ANN001
    make_evidence(cast, ladder, Evidence.Status.ACCEPTED)
    make_evidence(cast, ladder, Evidence.Status.SUBMITTED, worker=cast.colleague)
    client = client_for(cast.administrator)

    ready = client.get(URL, {"status": "ready"}).context["people"]
    waiting = client.get(URL, {"status": "waiting"}).context["people"]
    not_ready = client.get(URL, {"status": "not_ready", "team": cast.children_in_care.pk})
    assert [p.worker for p in ready] == [cast.sam]
    assert [p.worker for p in waiting] == [cast.colleague]
    assert [p.worker for p in not_ready.context["people"]] == [cast.cic_worker]
    download_link = reverse("core:export_download", args=["team-progress"])
    assert f"{download_link}?team={cast.children_in_care.pk}&amp;status=not_ready" in not_ready.content.decode()

    download = client.get(download_link, {"status": "ready"})
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Staff reference", "Name", "Team", "Current level")
    assert rows[1:] == [
        ("A001", "Sam Patel", "Front Door", "Social Worker", dt.datetime(2024, 4, 1), "Experienced Social Worker")
        + (1, 0, 0, "Yes")
    ]


def test_a_service_manager_sees_the_service_areas_teams(cast, ladder, client_for) -> None:  # noqa: ANN001
    cp_worker = WorkerFactory(authority=cast.authority, first_name="Ceri", last_name="Price")
    AssignmentFactory(worker=cp_worker, team=cast.child_protection, start_date=dt.date(2025, 1, 6))

    people = client_for(cast.service_manager).get(URL).context["people"]

    assert {p.worker for p in people} == {cast.sam, cast.colleague, cp_worker}


@pytest.mark.parametrize("user_name", ["social_worker", "panel_member"])
def test_it_is_not_for_workers_or_panel_members(cast, user_name, client_for) -> None:  # noqa: ANN001
    assert client_for(getattr(cast, user_name)).get(URL).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client_for, db) -> None:  # noqa: ANN001
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _add_people(cast, framework, count: int, prefix: str = "Q") -> None:  # noqa: ANN001
    level = CareerLevel.objects.get(authority=cast.authority, order=1)
    for n in range(count):
        worker = WorkerFactory(authority=cast.authority, worker_id=f"{prefix}{n:03}")
        AssignmentFactory(worker=worker, team=cast.front_door, start_date=dt.date(2023, 1, 2))
        WorkerLevelFactory(worker=worker, level=level, effective_from=dt.date(2024, 1, 1))
        make_evidence(cast, framework, Evidence.Status.ACCEPTED, worker=worker)
        make_evidence(cast, framework, Evidence.Status.SUBMITTED, worker=worker)


def test_the_number_of_queries_does_not_grow_with_the_people(cast, ladder, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.team_manager)
    _add_people(cast, ladder, 2)
    client.get(URL)  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _add_people(cast, ladder, 8, prefix="R")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(response.context["people"]) == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_page_runs_a_fixed_number_of_queries(cast, ladder, client_for, django_assert_num_queries) -> None:  # noqa: ANN001
    client = client_for(cast.team_manager)
    _add_people(cast, ladder, 5)
    client.get(URL)
    with django_assert_num_queries(QUERIES):
        client.get(URL)
