"""The application pages: applying (worker, team manager on behalf), an application's page, withdrawing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from careers.models import ProgressionApplication
from careers.services import applications as services
from tests.careers.factories import WorkerLevelFactory
from tests.careers.factories_applications import application_for, ladder_for, ready_to_apply

pytestmark = pytest.mark.django_db

APPLY = "careers:application_create"


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("careers.views.applications.today", lambda: dt.date(2026, 11, 2))


def test_the_worker_sees_the_level_sought_the_criteria_and_the_form(cast, client_for) -> None:  # noqa: ANN001
    ready_to_apply(cast)

    response = client_for(cast.social_worker).get(reverse(APPLY))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Experienced Social Worker" in page
    assert "Accepted evidence of “Welfare is paramount”" in page
    assert "Send the application" in page
    assert "Progression panel" in page


def test_the_worker_sends_the_application(cast, client_for) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)

    response = client_for(cast.social_worker).post(
        reverse(APPLY), {"panel": ladder.panel.pk, "statement": " I have led family network meetings. "}
    )

    application = ProgressionApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("careers:application_detail", args=[application.pk])
    assert application.statement == "I have led family network meetings."
    assert application.evidence.count() == 2
    assert [m.to for m in mail.outbox] == [[cast.panel_member.email]]


def test_it_explains_why_not_and_shows_no_form_when_the_criteria_are_not_met(cast, client_for) -> None:  # noqa: ANN001
    ladder = ladder_for(cast.authority, members=[cast.panel_member])
    WorkerLevelFactory(worker=cast.sam, level=ladder.current, effective_from=dt.date(2024, 4, 1))

    response = client_for(cast.social_worker).get(reverse(APPLY))

    page = response.content.decode()
    assert "Still needed:" in page
    assert "no accepted evidence yet of “Welfare is paramount”" in page
    assert "Send the application" not in page


def test_a_post_when_the_criteria_are_not_met_shows_the_reason(cast, client_for) -> None:  # noqa: ANN001
    ladder = ladder_for(cast.authority, members=[cast.panel_member])
    WorkerLevelFactory(worker=cast.sam, level=ladder.current, effective_from=dt.date(2024, 4, 1))

    response = client_for(cast.social_worker).post(reverse(APPLY), {"panel": ladder.panel.pk, "statement": "x"})

    assert response.status_code == 200
    assert services.CRITERIA_NOT_MET in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert not ProgressionApplication.objects.exists()


def test_it_shows_errors_beside_the_fields(cast, client_for) -> None:  # noqa: ANN001
    ready_to_apply(cast)

    response = client_for(cast.social_worker).post(reverse(APPLY), {"statement": "  "})

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Choose the panel to send the application to" in page
    assert "Enter a supporting statement" in page


def test_it_points_to_the_open_application(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    page = client_for(cast.social_worker).get(reverse(APPLY)).content.decode()

    assert reverse("careers:application_detail", args=[application.pk]) in page
    assert "Send the application" not in page


def test_the_team_manager_applies_on_behalf_of_a_worker(cast, client_for) -> None:  # noqa: ANN001
    ladder = ready_to_apply(cast)
    url = reverse("careers:application_create_for", args=[cast.sam.pk])

    assert "Sam Patel" in client_for(cast.team_manager).get(url).content.decode()
    response = client_for(cast.team_manager).post(url, {"panel": ladder.panel.pk, "statement": "Sam is ready."})

    assert response.status_code == 302
    assert ProgressionApplication.objects.get().applied_by == cast.team_manager


def test_the_worker_is_sent_to_their_own_page(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.social_worker).get(reverse("careers:application_create_for", args=[cast.sam.pk]))

    assert response["Location"] == reverse(APPLY)


def test_a_service_manager_may_not_apply_for_a_worker(cast, client_for) -> None:  # noqa: ANN001
    ready_to_apply(cast)
    url = reverse("careers:application_create_for", args=[cast.sam.pk])

    assert client_for(cast.service_manager).get(url).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(None).get(reverse(APPLY))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_worker_reads_their_application_with_its_portfolio(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    page = client_for(cast.social_worker).get(reverse("careers:application_detail", args=[application.pk]))

    text = page.content.decode()
    assert "With the panel" in text
    assert "Family network meeting 1" in text
    assert application.statement in text
    assert "Withdraw the application" in text


def test_a_workforce_officer_sees_the_status_only(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    text = client_for(cast.workforce_officer).get(reverse("careers:application_detail", args=[application.pk]))
    text = text.content.decode()

    assert "With the panel" in text
    assert "Experienced Social Worker" in text
    assert application.statement not in text
    assert "Family network meeting 1" not in text
    assert "portfolio.pdf" not in text


def test_another_workers_application_is_not_found(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast, cast.colleague)

    response = client_for(cast.social_worker).get(reverse("careers:application_detail", args=[application.pk]))

    assert response.status_code == 404


def test_the_other_authority_gets_not_found(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.other_authority_manager).get(
        reverse("careers:application_detail", args=[application.pk])
    )

    assert response.status_code == 404


def test_the_worker_withdraws_their_application(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)
    url = reverse("careers:application_withdraw", args=[application.pk])

    response = client_for(cast.social_worker).post(url, follow=True)

    application.refresh_from_db()
    assert application.status == ProgressionApplication.Status.WITHDRAWN
    assert "Application withdrawn." in response.content.decode()
    assert client_for(cast.social_worker).get(url).status_code == 405


def test_a_manager_may_not_withdraw_it(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.team_manager).post(reverse("careers:application_withdraw", args=[application.pk]))

    assert response.status_code == 403
