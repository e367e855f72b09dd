"""Retention: leavers whose retention period has expired are anonymised, and past figures do not change."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from careers.models import Evidence, EvidenceAttachment, EvidenceTransition, ProgressionApplication
from core.models import DataProtectionEvent, RetentionPolicy, User
from core.privacy.retention import ANONYMISED, leavers, retention_apply, retention_plan
from cpd.models import CpdAttachment, CpdDayRequest, CpdRecord
from tests.core.factories_privacy import EVIDENCE_TEXT, REFLECTION, make_leavers
from workforce.dashboard import ethnicity_by_seniority
from workforce.indicators import compute_indicators, indicator_series
from workforce.models import Absence, AgencyEngagement, Assignment, CaseloadRecord, Worker

RecordType = RetentionPolicy.RecordType
ON = dt.date(2023, 1, 1)  # six years back is 1 January 2017: L001 (left 2015) and L002 (left 2016) are due


def activate(code: str = "NOR", *types: str, years: int = 6) -> None:
    for record_type in types or RecordType.values:
        RetentionPolicy.objects.update_or_create(
            authority_code=code, record_type=record_type, defaults={"years": years, "is_active": True}
        )


@pytest.fixture
def scenario(cast):  # noqa: ANN001, ANN201
    return make_leavers(cast)


def _figures(cast) -> list:  # noqa: ANN001
    """Every past figure the leavers are part of: indicators, the 24-month series, and the ethnicity table."""
    dates = [dt.date(2012, 3, 31), dt.date(2014, 9, 30), dt.date(2015, 3, 31), dt.date(2015, 9, 30)]
    figures = [dataclasses.asdict(compute_indicators(authority=cast.authority, as_at=on)) for on in dates]
    figures += [
        dataclasses.asdict(compute_indicators(authority=cast.authority, as_at=on, team=cast.front_door)) for on in dates
    ]
    figures += [dataclasses.asdict(row) for row in indicator_series(authority=cast.authority, end=dt.date(2016, 9, 30))]
    figures += [dataclasses.asdict(row) for row in ethnicity_by_seniority(authority=cast.authority, as_at=dates[2])]
    return figures


def test_past_indicators_are_identical_before_and_after_anonymising(cast, scenario) -> None:  # noqa: ANN001
    activate()
    before = _figures(cast)
    assert before[2]["social_workers_headcount"] >= 2  # the leavers were in post then: the test means something
    assert before[2]["cases"] >= 19

    result = retention_apply(on=ON)

    assert result.workers == 2
    assert _figures(cast) == before


def test_it_finds_only_those_who_left_more_than_the_period_ago_and_did_not_come_back(cast, scenario) -> None:  # noqa: ANN001
    found = set(leavers(authority=cast.authority, on=ON, years=6).values_list("worker_id", flat=True))

    assert found == {"L001", "L002"}
    # L002 left on 31 March 2016: due on 1 April 2022, not on 31 March 2022.
    assert "L002" not in set(
        leavers(authority=cast.authority, on=dt.date(2022, 3, 31), years=6).values_list("worker_id", flat=True)
    )
    assert "L002" in set(
        leavers(authority=cast.authority, on=dt.date(2022, 4, 1), years=6).values_list("worker_id", flat=True)
    )


def test_it_anonymises_the_leavers_personal_data_and_their_history(cast, scenario) -> None:  # noqa: ANN001
    activate("NOR", RecordType.LEAVER_PERSONAL_DATA)
    worker = scenario.full.worker
    user_pk = worker.user_id
    old_email = worker.user.email

    retention_apply(on=ON)

    worker.refresh_from_db()
    assert (worker.first_name, worker.last_name, worker.worker_id) == (ANONYMISED, ANONYMISED, f"ANON-{worker.pk}")
    assert (worker.email, worker.swe_registration, worker.swe_renewal_date, worker.date_of_birth) == (
        "",
        "",
        None,
        None,
    )
    assert (worker.gender, worker.ethnicity) == ("2", "ABAN")  # census fields for anonymous counts are kept
    for version in Worker.history.filter(id=worker.pk):
        assert (version.first_name, version.worker_id, version.date_of_birth) == (ANONYMISED, f"ANON-{worker.pk}", None)
    assert Worker.history.filter(id=worker.pk).first().history_change_reason == "Anonymised under the retention policy"
    user = User.objects.get(pk=user_pk)
    assert user.email == f"anonymised-{user_pk}@anonymised.invalid"
    assert (user.full_name, user.is_active, user.has_usable_password()) == ("", False, False)
    assert not EmailAddress.objects.filter(email__iexact=old_email).exists()
    # Only personal data was due: CPD and evidence texts stay.
    assert CpdRecord.objects.get(pk=scenario.full.cpd_record.pk).peer_reflection == REFLECTION


def test_it_anonymises_cpd_and_evidence_texts_and_deletes_the_files(cast, scenario) -> None:  # noqa: ANN001
    activate("NOR", RecordType.CPD_RECORDS, RecordType.EVIDENCE)
    full = scenario.full
    files = [full.cpd_attachment.file.path, full.evidence_attachment.file.path]

    retention_apply(on=ON)

    record = CpdRecord.objects.get(pk=full.cpd_record.pk)
    assert (record.title, record.peer_reflection, record.learning, record.peer_name) == (ANONYMISED,) * 4
    assert record.has_peer_reflection  # still counts as a record with peer reflection
    assert (record.hours, record.standards, record.start_date) == (
        full.cpd_record.hours,
        ["1", "4"],
        dt.date(2015, 3, 12),
    )
    assert CpdDayRequest.objects.get(worker=full.worker).refusal_reason == ANONYMISED
    evidence = Evidence.objects.get(pk=full.evidence.pk)
    assert (evidence.title, evidence.what_happened, evidence.status) == (ANONYMISED, ANONYMISED, "returned")
    assert EvidenceTransition.objects.get(evidence=evidence, action="return").comment == ANONYMISED
    assert ProgressionApplication.objects.get(pk=full.application.pk).decision_reasons == ANONYMISED
    assert not CpdAttachment.objects.filter(record=record).exists()
    assert not EvidenceAttachment.objects.filter(evidence=evidence).exists()
    for path in files:
        assert not Path(path).exists()
    texts = list(CpdRecord.history.filter(id=record.pk).values_list("peer_reflection", "learning"))
    texts += list(Evidence.history.filter(id=evidence.pk).values_list("what_happened", "impact"))
    assert REFLECTION not in str(texts)
    assert EVIDENCE_TEXT not in str(texts)
    names = set(CpdAttachment.history.filter(record_id=record.pk).values_list("original_name", "file"))
    assert names == {(ANONYMISED, "")}
    # The worker's name is a different policy, not active here.
    assert Worker.objects.get(pk=full.worker.pk).first_name == "Lee"


def test_it_keeps_what_the_indicators_need(cast, scenario) -> None:  # noqa: ANN001
    activate()
    worker = scenario.full.worker
    kept = (
        list(Assignment.objects.filter(worker=worker).values()),
        list(AgencyEngagement.objects.filter(assignment__worker=worker).values()),
        list(CaseloadRecord.objects.filter(worker=worker).values()),
        list(Absence.objects.filter(worker=worker).values()),
    )

    retention_apply(on=ON)

    assert kept == (
        list(Assignment.objects.filter(worker=worker).values()),
        list(AgencyEngagement.objects.filter(assignment__worker=worker).values()),
        list(CaseloadRecord.objects.filter(worker=worker).values()),
        list(Absence.objects.filter(worker=worker).values()),
    )


def test_it_leaves_recent_leavers_returners_current_staff_and_other_authorities_alone(cast, scenario) -> None:  # noqa: ANN001
    activate("NOR")

    retention_apply(on=ON)

    untouched = {scenario.recent.pk, scenario.returner.pk, scenario.southshire.pk, cast.sam.pk, cast.colleague.pk}
    for worker in Worker.objects.filter(pk__in=untouched):
        assert worker.first_name != ANONYMISED
        assert not worker.worker_id.startswith("ANON-")
    assert User.objects.get(pk=cast.social_worker.pk).is_active


def test_it_keeps_a_sign_in_account_still_in_use(cast, scenario) -> None:  # noqa: ANN001
    """Someone who left social work long ago but still signs in (say, as a panel member) is not locked out."""
    activate("NOR", RecordType.LEAVER_PERSONAL_DATA)
    user = scenario.full.worker.user
    user.last_login = dt.datetime(2022, 6, 1, 9, tzinfo=dt.UTC)
    user.save()

    retention_apply(on=ON)

    user.refresh_from_db()
    assert user.is_active
    assert user.email == "lee.leaver@northshire.example"
    assert Worker.objects.get(pk=scenario.full.worker.pk).first_name == ANONYMISED


def test_an_inactive_policy_changes_nothing(cast, scenario) -> None:  # noqa: ANN001
    RetentionPolicy.objects.create(authority_code="NOR", record_type=RecordType.LEAVER_PERSONAL_DATA, is_active=False)

    result = retention_apply(on=ON)

    assert result.changes == []
    assert Worker.objects.get(pk=scenario.manager.pk).first_name != ANONYMISED


def test_a_longer_period_waits_longer(cast, scenario) -> None:  # noqa: ANN001
    activate("NOR", RecordType.LEAVER_PERSONAL_DATA, years=7)

    assert {c.worker.worker_id for c in retention_plan(on=ON, authorities=[cast.authority])} == {"L001"}


# ---------------------------------------------------------------------------
# The administrator's page.
# ---------------------------------------------------------------------------
URL = reverse("core:retention_policy")


def _post(years: str = "6", active: bool = True) -> dict[str, str]:
    data = {}
    for record_type in RecordType.values:
        data[f"{record_type}_years"] = years
        if active:
            data[f"{record_type}_active"] = "on"
    return data


def test_the_page_shows_the_default_policies_not_active(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    for record_type in RecordType:
        assert record_type.label in content.replace("&#x27;", "’")
    assert 'value="6"' in content
    assert "checked" not in content


def test_an_administrator_sets_the_policies(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).post(URL, _post("7"))

    assert response.status_code == 302
    policies = RetentionPolicy.objects.filter(authority_code="NOR")
    assert {(p.record_type, p.years, p.is_active) for p in policies} == {(t, 7, True) for t in RecordType.values}
    assert policies.first().created_by == cast.administrator
    assert policies.first().history.count() == 1


def test_the_page_lists_recent_runs_with_only_this_authoritys_count(cast, scenario, client_for) -> None:  # noqa: ANN001
    activate("NOR")
    activate("SOU")
    retention_apply(on=ON)  # every authority: two Northshire leavers, one Southshire
    retention_apply(on=ON, authority_code="SOU")

    response = client_for(cast.administrator).get(URL)

    runs = response.context["runs"]
    assert [(run.as_at, run.workers) for run in runs] == [("2023-01-01", 2)]  # not Southshire's own run
    assert "2023-01-01" in response.content.decode()


def test_an_empty_post_shows_errors(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).post(URL, {})

    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()


def test_it_shows_errors_beside_the_fields(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).post(URL, _post("0"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "govuk-error-summary" in content
    assert content.count("Enter a whole number of years from 1 to 100") >= 6  # summary and beside each field
    assert not RetentionPolicy.objects.exists()


@pytest.mark.parametrize("role", ["workforce_officer", "team_manager", "social_worker", "panel_member"])
def test_only_administrators_may_open_it(cast, client_for, role) -> None:  # noqa: ANN001
    assert client_for(cast.user(role)).get(URL).status_code == 403
    assert client_for(cast.user(role)).post(URL, _post()).status_code == 403
    assert not RetentionPolicy.objects.exists()


def test_it_sends_anonymous_users_to_sign_in(client_for, cast) -> None:  # noqa: ANN001
    assert client_for(None).get(URL).status_code == 302


def test_another_authoritys_administrator_sets_only_their_own(cast, client_for) -> None:  # noqa: ANN001
    from workforce.codes import UserRole
    from workforce.services.accounts import role_assign, user_create

    other_admin = user_create(email="sue.admin@southshire.example", full_name="Sue Admin", password="pw-12345678")
    role_assign(user=other_admin, authority=cast.other_authority, role=UserRole.ADMINISTRATOR)

    client_for(other_admin).post(URL, _post("9"))

    assert set(RetentionPolicy.objects.values_list("authority_code", flat=True)) == {"SOU"}
    assert not DataProtectionEvent.objects.exists()
