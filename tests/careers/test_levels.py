"""Career levels and their criteria (administrators), and a worker's career level set by HR or an administrator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from careers.models import CareerLevel, CareersSettings, FrameworkVersion, WorkerLevel
from careers.services.framework import framework_version_adapt
from careers.services.levels import career_ladder_seed
from tests.careers.factories import WorkerLevelFactory
from tests.careers.factories_framework import CONSULTATION, item, load_framework
from tests.conftest import Cast
from tests.workforce.factories import AuthorityFactory
from workforce import selectors as workforce_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(cast: Cast) -> FrameworkVersion:
    return load_framework()


def _level_data(**overrides: object) -> dict:
    data = {
        "name": "Consultant Social Worker",
        "code": "csw",
        "order": "7",
        "description": "  Leads practice across the service.  ",
        "required_principles": [],
        "required_outcomes": [],
        "min_accepted_evidence": "10",
        "min_months_at_previous_level": "12",
    }
    data.update(overrides)
    return data


def test_the_level_list_shows_the_ladder_and_its_criteria(cast: Cast, national: FrameworkVersion, client_for) -> None:
    response = client_for(cast.administrator).get(reverse("careers:level_list"))
    page = response.content.decode()
    assert [level.code for level in response.context["levels"]] == ["ASYE", "SW", "ESW", "SP", "AP", "TM"]
    assert "Experienced Social Worker" in page
    assert "3. Children and young people are safe in and outside of their homes" in page


def test_the_level_list_shows_the_criteria_in_the_wording_in_use(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    wording = {i.pk: (f"Ours: {i.title}", i.description) for i in national.items.all()}
    framework_version_adapt(
        source=national, authority=cast.authority, name="Our way", wording=wording, user=cast.administrator
    )
    page = client_for(cast.administrator).get(reverse("careers:level_list")).content.decode()
    assert "1. Ours: Children&#x27;s welfare is paramount" in page
    assert "1. Children&#x27;s welfare is paramount" not in page


def test_the_level_list_needs_few_queries_however_long_the_ladder(
    cast: Cast, national: FrameworkVersion, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(cast.administrator)
    client.get(reverse("careers:level_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("careers:level_list"))


def test_an_administrator_adds_a_level_with_criteria(cast: Cast, national: FrameworkVersion, client_for) -> None:
    welfare = item(national, "principle-welfare-paramount")
    safe = item(national, "outcome-safe")
    response = client_for(cast.administrator).post(
        reverse("careers:level_create"),
        _level_data(required_principles=[str(welfare.pk)], required_outcomes=[str(safe.pk)]),
    )
    assert response.status_code == 302
    level = CareerLevel.objects.get(authority=cast.authority, code="CSW")
    assert (level.name, level.order, level.description) == (
        "Consultant Social Worker",
        7,
        "Leads practice across the service.",
    )
    assert (level.min_accepted_evidence, level.min_months_at_previous_level) == (10, 12)
    assert set(level.required_items.all()) == {welfare, safe}
    assert level.created_by == cast.administrator


def test_the_create_form_offers_the_principles_and_outcomes_of_the_version_in_use(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    consultation = FrameworkVersion.objects.get(code=CONSULTATION)
    CareersSettings.objects.filter(authority=cast.authority).update(framework_version=consultation)
    form = client_for(cast.administrator).get(reverse("careers:level_create")).context["form"]
    assert len(form.fields["required_principles"].choices) == 5
    assert len(form.fields["required_outcomes"].choices) == 4
    assert form["order"].value() == 7


def test_errors_are_shown_beside_the_fields(cast: Cast, national: FrameworkVersion, client_for) -> None:
    response = client_for(cast.administrator).post(
        reverse("careers:level_create"),
        _level_data(name="", order="0", min_accepted_evidence="lots", required_principles=["999999"]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "Enter the name of the level" in page
    assert 'id="id_name-error"' in page
    assert "Position on the ladder must be 1 or more" in page
    assert "Accepted pieces of evidence needed must be a whole number" in page
    assert "Choose principles from the list" in page
    assert 'href="#id_required_principles_0"' in page
    assert not CareerLevel.objects.filter(code="CSW").exists()


def test_it_refuses_a_code_or_position_another_level_has(cast: Cast, national: FrameworkVersion, client_for) -> None:
    response = client_for(cast.administrator).post(reverse("careers:level_create"), _level_data(code="esw", order="3"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["code"] == ["Another level already has the code ESW."]
    assert errors["order"] == ["Experienced Social Worker is already at position 3: choose another position."]


def test_an_administrator_changes_a_levels_criteria(cast: Cast, national: FrameworkVersion, client_for) -> None:
    esw = CareerLevel.objects.get(authority=cast.authority, code="ESW")
    client = client_for(cast.administrator)
    form = client.get(reverse("careers:level_edit", args=[esw.pk])).context["form"]
    assert len(form["required_principles"].value()) == 5  # ticked by key: both lists share the same initial
    welfare = item(national, "principle-welfare-paramount")
    response = client.post(
        reverse("careers:level_edit", args=[esw.pk]),
        _level_data(name="Experienced SW", code="ESW", order="3", required_principles=[str(welfare.pk)], in_use="on"),
    )
    assert response.status_code == 302
    esw.refresh_from_db()
    assert esw.name == "Experienced SW"
    assert list(esw.required_items.all()) == [welfare]
    assert esw.disabled_on is None


def test_editing_keeps_required_meanings_the_version_in_use_does_not_have(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    """Under the consultation wording (no principle 6), saving Advanced Practitioner keeps principle 6."""
    ap = CareerLevel.objects.get(authority=cast.authority, code="AP")
    consultation = FrameworkVersion.objects.get(code=CONSULTATION)
    CareersSettings.objects.filter(authority=cast.authority).update(framework_version=consultation)
    client = client_for(cast.administrator)
    page = client.get(reverse("careers:level_edit", args=[ap.pk])).content.decode()
    assert "kept because the version in use does not have them" in page
    welfare = consultation.items.get(key="principle-welfare-paramount")
    client.post(
        reverse("careers:level_edit", args=[ap.pk]),
        _level_data(name=ap.name, code="AP", order="5", required_principles=[str(welfare.pk)], in_use="on"),
    )
    assert set(ap.required_items.values_list("key", flat=True)) == {
        "principle-welfare-paramount",
        "principle-economic-social-circumstances",
    }


def test_a_level_is_taken_out_of_use_never_deleted(
    cast: Cast, national: FrameworkVersion, client_for, monkeypatch
) -> None:
    monkeypatch.setattr(workforce_selectors, "today", lambda: dt.date(2026, 3, 2))
    tm = CareerLevel.objects.get(authority=cast.authority, code="TM")
    client = client_for(cast.administrator)
    response = client.post(reverse("careers:level_edit", args=[tm.pk]), _level_data(name=tm.name, code="TM", order="6"))
    assert response.status_code == 302
    tm.refresh_from_db()
    assert tm.disabled_on is not None
    assert "Not in use since" in client.get(reverse("careers:level_list")).content.decode()
    client.post(
        reverse("careers:level_edit", args=[tm.pk]), _level_data(name=tm.name, code="TM", order="6", in_use="on")
    )
    tm.refresh_from_db()
    assert tm.disabled_on is None


def test_another_authoritys_level_is_not_found(cast: Cast, national: FrameworkVersion, client_for) -> None:
    theirs = CareerLevel.objects.get(authority=cast.other_authority, code="ESW")
    assert client_for(cast.administrator).get(reverse("careers:level_edit", args=[theirs.pk])).status_code == 404


def test_levels_pages_are_for_administrators_only(cast: Cast, national: FrameworkVersion, client_for) -> None:
    assert client_for(None).get(reverse("careers:level_list")).status_code == 302
    for user in (cast.workforce_officer, cast.team_manager, cast.other_authority_manager):
        assert client_for(user).get(reverse("careers:level_create")).status_code == 403


def test_the_ladder_seed_uses_the_given_version_and_runs_once(cast: Cast) -> None:
    load_framework()
    newcomer = AuthorityFactory(code="EAS")
    consultation = FrameworkVersion.objects.get(code=CONSULTATION)
    levels = career_ladder_seed(authority=newcomer, version=consultation)
    assert len(levels) == 6
    ap = next(level for level in levels if level.code == "AP")
    assert ap.required_items.count() == 9  # the consultation has no sixth principle
    assert {i.version_id for i in ap.required_items.all()} == {consultation.pk}
    assert career_ladder_seed(authority=newcomer, version=consultation) == []


# ---------------------------------------------------------------------------
# A worker's level, set by hand
# ---------------------------------------------------------------------------
def test_hr_sets_a_workers_level_and_earlier_levels_are_kept(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    asye = CareerLevel.objects.get(authority=cast.authority, code="ASYE")
    sp = CareerLevel.objects.get(authority=cast.authority, code="SP")
    WorkerLevelFactory(worker=cast.sam, level=asye, effective_from=dt.date(2022, 4, 4))
    client = client_for(cast.workforce_officer)
    url = reverse("careers:worker_level_set", args=[cast.sam.pk])
    response = client.post(url, {"level": sp.pk, "effective_from": "01/03/2026", "note": " Joined as SP "})
    assert response.status_code == 302
    records = list(WorkerLevel.objects.filter(worker=cast.sam).order_by("effective_from"))
    assert [(r.level.code, r.effective_from) for r in records] == [
        ("ASYE", dt.date(2022, 4, 4)),
        ("SP", dt.date(2026, 3, 1)),
    ]
    assert (records[1].note, records[1].created_by) == ("Joined as SP", cast.workforce_officer)
    page = client.get(url).content.decode()
    assert "1 March 2026" in page
    assert "4 April 2022" in page
    assert "Set by Wanda Officer" in page


def test_it_never_overwrites_a_level_on_the_same_day(cast: Cast, national: FrameworkVersion, client_for) -> None:
    asye = CareerLevel.objects.get(authority=cast.authority, code="ASYE")
    sw = CareerLevel.objects.get(authority=cast.authority, code="SW")
    WorkerLevelFactory(worker=cast.sam, level=asye, effective_from=dt.date(2026, 3, 1))
    response = client_for(cast.administrator).post(
        reverse("careers:worker_level_set", args=[cast.sam.pk]), {"level": sw.pk, "effective_from": "1/3/2026"}
    )
    assert response.status_code == 200
    assert "already has a level from 1 March 2026" in response.content.decode()
    assert WorkerLevel.objects.get(worker=cast.sam).level == asye


def test_the_worker_level_form_shows_errors_and_offers_levels_in_use_only(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    tm = CareerLevel.objects.get(authority=cast.authority, code="TM")
    tm.disabled_on = dt.date(2025, 1, 1)
    tm.save()
    response = client_for(cast.administrator).post(
        reverse("careers:worker_level_set", args=[cast.sam.pk]), {"level": tm.pk, "effective_from": "31/02/2026"}
    )
    page = response.content.decode()
    assert "Choose a level from the list" in page
    assert "From must be a real date" in page
    assert "<title>Error:" in page
    other = CareerLevel.objects.get(authority=cast.other_authority, code="SW")
    assert other not in response.context["form"].fields["level"].queryset


def test_managers_may_not_set_levels_and_other_authorities_workers_are_not_found(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    assert client_for(cast.team_manager).get(reverse("careers:worker_level_set", args=[cast.sam.pk])).status_code == 403
    url = reverse("careers:worker_level_set", args=[cast.other_worker.pk])
    assert client_for(cast.workforce_officer).get(url).status_code == 404
