"""load_reference_data: the shipped framework versions, careers settings and default ladders, loaded idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import CareerLevel, CareersSettings, FrameworkItem, FrameworkVersion
from careers.services.framework import framework_version_adapt
from careers.services.levels import career_ladder_seed
from careers.services.reference_data import reference_data_load
from tests.careers.factories import CareerLevelFactory
from tests.careers.factories_framework import CONSULTATION, NATIONAL, PCF, PQS, load_framework
from tests.conftest import Cast
from tests.workforce.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        FrameworkVersion.objects.count(),
        FrameworkItem.objects.count(),
        CareersSettings.objects.count(),
        CareerLevel.objects.count(),
    )


def _run(*args: str) -> str:
    out = StringIO()
    call_command("load_reference_data", *args, stdout=out)
    return out.getvalue()


def test_it_ships_the_national_framework_with_six_principles_four_outcomes_and_three_enablers() -> None:
    national = load_framework()
    kinds = list(national.items.values_list("kind", flat=True))
    assert national.family == FrameworkVersion.Family.PRACTICE
    assert national.authority is None
    assert (kinds.count("principle"), kinds.count("outcome"), kinds.count("enabler")) == (6, 4, 3)
    assert national.items.get(kind="principle", number=1).title == "Children's welfare is paramount"
    assert national.items.get(key="enabler-workforce").title == "The workforce is equipped and effective"
    assert national.items.get(key="outcome-stable-loving-homes").number == 4


def test_the_consultation_wording_has_five_principles_that_share_the_national_meanings() -> None:
    """Consultation principles carry the keys of the national principles with the same meaning."""
    load_framework()
    national = FrameworkVersion.objects.get(code=NATIONAL)
    consultation = FrameworkVersion.objects.get(code=CONSULTATION)
    principle_keys = set(consultation.items.filter(kind="principle").values_list("key", flat=True))
    assert len(principle_keys) == 5
    assert principle_keys < set(national.items.filter(kind="principle").values_list("key", flat=True))
    same = ("outcome", "enabler")
    assert set(consultation.items.filter(kind__in=same).values_list("key", "title")) == set(
        national.items.filter(kind__in=same).values_list("key", "title")
    )


def test_it_ships_the_pcf_domains_and_the_pqs_standards() -> None:
    load_framework()
    pcf = FrameworkVersion.objects.get(code=PCF)
    pqs = FrameworkVersion.objects.get(code=PQS)
    assert (pcf.family, pcf.items.filter(kind="domain").count()) == ("pcf", 9)
    assert pcf.items.get(number=9).title == "Professional leadership"
    assert (pqs.family, pqs.items.filter(kind="standard").count()) == ("pqs", 10)
    assert pqs.items.get(number=7).title == "Analysis, decision-making, planning and review"


def test_running_it_twice_leaves_the_same_data(cast: Cast) -> None:
    first = _run()
    counts = _counts()
    second = _run()
    assert _counts() == counts
    assert counts[0] == 4
    assert "4 versions created" in first
    assert second.strip() == (
        "Framework reference data: 0 versions created, 0 updated; 0 items created, 0 updated; careers settings "
        "created for 0 authorities; default career ladder created for 0."
    )
    assert len(first.strip().splitlines()) == 1


def test_it_gives_every_authority_settings_on_the_national_framework_and_a_ladder(cast: Cast) -> None:
    reference_data_load()
    for authority in (cast.authority, cast.other_authority):
        assert authority.careers_settings.framework_version.code == NATIONAL
        assert list(CareerLevel.objects.filter(authority=authority).values_list("code", flat=True)) == [
            "ASYE",
            "SW",
            "ESW",
            "SP",
            "AP",
            "TM",
        ]
    esw = CareerLevel.objects.get(authority=cast.authority, code="ESW")
    assert (esw.min_accepted_evidence, esw.min_months_at_previous_level) == (4, 24)
    assert set(esw.required_items.values_list("key", flat=True)) == {
        "principle-welfare-paramount",
        "principle-wishes-and-feelings",
        "principle-partnership-with-families",
        "outcome-families-together",
        "outcome-safe",
    }


def test_it_leaves_an_existing_ladder_and_settings_alone(cast: Cast) -> None:
    CareerLevelFactory(authority=cast.authority, code="OWN", name="Our only level", order=1)
    national = load_framework()
    assert list(CareerLevel.objects.filter(authority=cast.authority).values_list("code", flat=True)) == ["OWN"]
    assert career_ladder_seed(authority=cast.authority, version=national) == []
    CareersSettings.objects.filter(authority=cast.other_authority).update(
        framework_version=FrameworkVersion.objects.get(code=CONSULTATION)
    )
    reference_data_load()
    assert CareersSettings.objects.get(authority=cast.other_authority).framework_version.code == CONSULTATION


def test_it_creates_settings_for_an_authority_added_later(cast: Cast) -> None:
    load_framework()
    newcomer = AuthorityFactory(code="EAS", name="Eastshire")
    assert reference_data_load().settings_created == 1
    assert newcomer.careers_settings.framework_version.code == NATIONAL


def test_without_force_it_keeps_changed_wording_and_with_force_it_restores_the_shipped_wording(cast: Cast) -> None:
    national = load_framework()
    FrameworkItem.objects.filter(version=national, key="principle-welfare-paramount").update(title="Reworded")
    FrameworkItem.objects.filter(version=national, key="enabler-workforce").delete()
    summary = reference_data_load()
    assert (summary.items_created, summary.items_updated) == (1, 0)
    assert national.items.get(key="principle-welfare-paramount").title == "Reworded"

    out = _run("--force")
    assert "1 updated" in out
    assert national.items.get(key="principle-welfare-paramount").title == "Children's welfare is paramount"


def test_force_never_touches_an_authoritys_adaptation(cast: Cast) -> None:
    national = load_framework()
    wording = {item.pk: (f"Our {item.title.lower()}", "Our way") for item in national.items.all()}
    adapted = framework_version_adapt(
        source=national, authority=cast.authority, name="Northshire way", wording=wording, user=cast.administrator
    )
    before = list(adapted.items.values_list("key", "title", "description"))
    _run("--force")
    assert list(adapted.items.values_list("key", "title", "description")) == before
    assert CareersSettings.objects.get(authority=cast.authority).framework_version == adapted


def test_force_restores_swapped_numbers() -> None:
    """Putting back shipped numbers that were swapped does not trip the one-number-per-kind constraint."""
    national = load_framework()
    a = national.items.get(kind="outcome", number=1)
    b = national.items.get(kind="outcome", number=2)
    a.number = 99
    a.save()
    b.number = 1
    b.save()
    a.number = 2
    a.save()
    reference_data_load(force=True)
    assert national.items.get(key="outcome-families-together").number == 1
    assert national.items.get(key="outcome-family-network").number == 2
