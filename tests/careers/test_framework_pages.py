"""The framework pages: versions with their evidence counts, adapting the wording, choosing the version in use, and
careers settings. Adapting never changes the old version or the evidence written against it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from careers.models import CareerLevel, CareersSettings, FrameworkItem, FrameworkVersion
from careers.selectors.progress import progress_for
from tests.careers.factories import EvidenceFactory, WorkerLevelFactory
from tests.careers.factories_framework import CONSULTATION, PCF, item, load_framework
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(cast: Cast) -> FrameworkVersion:
    return load_framework()


def _adapt_data(version: FrameworkVersion, name: str = "Northshire practice framework", **changes: str) -> dict:
    data = {"name": name}
    for framework_item in version.items.all():
        data[f"title_{framework_item.pk}"] = changes.get(framework_item.key, framework_item.title)
        data[f"description_{framework_item.pk}"] = framework_item.description
    return data


def test_the_index_lists_the_versions_the_one_in_use_and_the_evidence_written_against_each(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    EvidenceFactory(worker=cast.sam, framework_version=national)
    EvidenceFactory(worker=cast.colleague, framework_version=national)
    EvidenceFactory(worker=cast.other_worker, framework_version=national)  # another authority's: not counted
    response = client_for(cast.administrator).get(reverse("careers:framework_index"))
    assert response.status_code == 200
    versions = {v.code: v for _, group, _ in response.context["families"] for v in group}
    assert set(versions) == {"national-2023-12", CONSULTATION, PCF, "dfe-pqs-practitioner-2018"}
    assert versions["national-2023-12"].evidence_count == 2
    assert versions[CONSULTATION].evidence_count == 0
    assert response.context["in_use_id"] == national.pk
    assert "In use" in response.content.decode()


def test_the_index_shows_no_other_authoritys_adaptation(cast: Cast, national: FrameworkVersion, client_for) -> None:
    client = client_for(cast.other_authority_manager)
    assert client.get(reverse("careers:framework_index")).status_code == 403
    FrameworkVersion.objects.create(code="sou-own", name="Southshire own", authority=cast.other_authority)
    response = client_for(cast.administrator).get(reverse("careers:framework_index"))
    assert "Southshire own" not in response.content.decode()


def test_the_version_page_lists_its_items(cast: Cast, national: FrameworkVersion, client_for) -> None:
    EvidenceFactory(worker=cast.sam, framework_version=national, items=[item(national, "outcome-safe")])
    response = client_for(cast.administrator).get(reverse("careers:framework_version", args=[national.pk]))
    page = response.content.decode()
    assert "Children&#x27;s welfare is paramount" in page
    assert "The workforce is equipped and effective" in page
    groups = dict(response.context["groups"])
    assert [i.number for i in groups["Principles"]] == [1, 2, 3, 4, 5, 6]
    assert next(i for i in groups["Outcomes"] if i.key == "outcome-safe").evidence_count == 1


def test_the_adapt_form_is_prefilled_with_every_items_wording(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    response = client_for(cast.administrator).get(reverse("careers:framework_adapt", args=[national.pk]))
    form = response.context["form"]
    welfare = item(national, "principle-welfare-paramount")
    assert form[f"title_{welfare.pk}"].value() == "Children's welfare is paramount"
    assert form[f"description_{welfare.pk}"].value() == welfare.description
    assert len(form.item_fields()) == 13


def test_adapting_creates_a_new_version_in_use_and_leaves_the_old_one_and_its_evidence_alone(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    welfare = item(national, "principle-welfare-paramount")
    safe = item(national, "outcome-safe")
    evidence = EvidenceFactory(worker=cast.sam, framework_version=national, items=[welfare, safe], status="accepted")
    old_items = list(national.items.values_list("pk", "key", "number", "title", "description"))

    response = client_for(cast.administrator).post(
        reverse("careers:framework_adapt", args=[national.pk]),
        _adapt_data(national, **{"principle-welfare-paramount": "  The child comes first  "}),
    )

    adapted = FrameworkVersion.objects.get(authority=cast.authority)
    assert response.status_code == 302
    assert response.url == reverse("careers:framework_version", args=[adapted.pk])
    assert (adapted.based_on, adapted.name, adapted.family) == (national, "Northshire practice framework", "practice")
    assert adapted.code.startswith("nor-")
    assert adapted.created_by == cast.administrator
    assert CareersSettings.objects.get(authority=cast.authority).framework_version == adapted
    new_welfare = adapted.items.get(key="principle-welfare-paramount")
    assert (new_welfare.title, new_welfare.number, new_welfare.kind) == ("The child comes first", 1, "principle")
    assert adapted.items.count() == 13
    # The old version and the evidence are exactly as they were.
    assert list(national.items.values_list("pk", "key", "number", "title", "description")) == old_items
    evidence.refresh_from_db()
    assert evidence.framework_version == national
    assert sorted(evidence.items.values_list("title", flat=True)) == [
        "Children and young people are safe in and outside of their homes",
        "Children's welfare is paramount",
    ]
    # Progress is read in the new wording and still counts the old evidence, matched by meaning.
    progress = progress_for(worker=cast.sam, today=dt.date(2026, 3, 1))
    assert progress.principles[0].title == "The child comes first"
    assert progress.rows[0].cells[2].status == "accepted"
    assert progress.accepted_count == 1


def test_old_evidence_still_meets_a_levels_criteria_after_adapting(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    """The default ladder's Social Worker level requires principle 1: evidence of it in the old wording counts."""
    asye = CareerLevel.objects.get(authority=cast.authority, code="ASYE")
    WorkerLevelFactory(worker=cast.sam, level=asye, effective_from=dt.date(2022, 4, 4))
    welfare = item(national, "principle-welfare-paramount")
    EvidenceFactory(worker=cast.sam, framework_version=national, items=[welfare], status="accepted")
    client_for(cast.administrator).post(
        reverse("careers:framework_adapt", args=[national.pk]),
        _adapt_data(national, **{"principle-welfare-paramount": "The child comes first"}),
    )
    progress = progress_for(worker=cast.sam, today=dt.date(2026, 3, 1))
    assert progress.level.code == "SW"
    welfare_criterion = next(c for c in progress.criteria if "welfare" in c.label)
    assert welfare_criterion.met
    assert progress.rows[0].status == "accepted"


def test_adapting_shows_errors_beside_the_fields_and_changes_nothing(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    welfare = item(national, "principle-welfare-paramount")
    data = _adapt_data(national, name=" ", **{"principle-welfare-paramount": "   "})
    response = client_for(cast.administrator).post(reverse("careers:framework_adapt", args=[national.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "Enter a name for the adapted version" in page
    assert "Enter the wording of principle 1" in page
    assert f'id="id_title_{welfare.pk}-error"' in page
    assert FrameworkVersion.objects.filter(authority=cast.authority).count() == 0


def test_adapting_refuses_a_name_the_authority_already_uses(cast: Cast, national: FrameworkVersion, client_for) -> None:
    client = client_for(cast.administrator)
    url = reverse("careers:framework_adapt", args=[national.pk])
    assert client.post(url, _adapt_data(national, name="Our way")).status_code == 302
    response = client.post(url, _adapt_data(national, name="our way"))
    assert response.status_code == 200
    assert "already has a version called" in response.content.decode()


def test_an_adaptation_can_be_adapted_again_keeping_the_keys(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    client = client_for(cast.administrator)
    client.post(reverse("careers:framework_adapt", args=[national.pk]), _adapt_data(national, name="First"))
    first = FrameworkVersion.objects.get(name="First")
    client.post(reverse("careers:framework_adapt", args=[first.pk]), _adapt_data(first, name="Second"))
    second = FrameworkVersion.objects.get(name="Second")
    assert second.based_on == first
    assert set(second.items.values_list("key", flat=True)) == set(national.items.values_list("key", flat=True))
    assert CareersSettings.objects.get(authority=cast.authority).framework_version == second


def test_the_pcf_cannot_be_adapted_or_used(cast: Cast, national: FrameworkVersion, client_for) -> None:
    pcf = FrameworkVersion.objects.get(code=PCF)
    client = client_for(cast.administrator)
    assert client.get(reverse("careers:framework_adapt", args=[pcf.pk])).status_code == 403
    assert client.post(reverse("careers:framework_use", args=[pcf.pk])).status_code == 403
    assert CareersSettings.objects.get(authority=cast.authority).framework_version == national


def test_choosing_the_consultation_wording_switches_the_version_in_use(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    consultation = FrameworkVersion.objects.get(code=CONSULTATION)
    response = client_for(cast.administrator).post(reverse("careers:framework_use", args=[consultation.pk]))
    assert response.status_code == 302
    settings = CareersSettings.objects.get(authority=cast.authority)
    assert settings.framework_version == consultation
    assert settings.updated_by == cast.administrator
    assert CareersSettings.objects.get(authority=cast.other_authority).framework_version == national


def test_choosing_a_version_is_post_only(cast: Cast, national: FrameworkVersion, client_for) -> None:
    assert client_for(cast.administrator).get(reverse("careers:framework_use", args=[national.pk])).status_code == 405


def test_another_authoritys_adaptation_is_not_found(cast: Cast, national: FrameworkVersion, client_for) -> None:
    theirs = FrameworkVersion.objects.create(code="sou-own", name="Southshire own", authority=cast.other_authority)
    FrameworkItem.objects.create(
        version=theirs, kind="principle", key="principle-welfare-paramount", number=1, title="x"
    )
    client = client_for(cast.administrator)
    assert client.get(reverse("careers:framework_version", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("careers:framework_adapt", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("careers:framework_use", args=[theirs.pk])).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(national: FrameworkVersion, client_for) -> None:
    response = client_for(None).get(reverse("careers:framework_index"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_read_only_roles_get_403(cast: Cast, national: FrameworkVersion, client_for) -> None:
    for user in (cast.workforce_officer, cast.team_manager, cast.panel_member, cast.social_worker):
        assert client_for(user).get(reverse("careers:framework_adapt", args=[national.pk])).status_code == 403


def test_the_settings_page_saves_the_review_overdue_days(cast: Cast, national: FrameworkVersion, client_for) -> None:
    client = client_for(cast.administrator)
    url = reverse("careers:settings")
    assert client.get(url).context["form"]["review_overdue_days"].value() == 10
    response = client.post(url, {"review_overdue_days": "0"})
    assert response.status_code == 200
    assert "Review overdue after (days) must be 1 or more" in response.content.decode()
    assert client.post(url, {"review_overdue_days": " 14 "}).status_code == 302
    assert CareersSettings.objects.get(authority=cast.authority).review_overdue_days == 14


def test_the_settings_page_works_before_the_authority_has_settings(
    cast: Cast, national: FrameworkVersion, client_for
) -> None:
    CareersSettings.objects.filter(authority=cast.authority).delete()
    response = client_for(cast.administrator).post(reverse("careers:settings"), {"review_overdue_days": "7"})
    assert response.status_code == 302
    settings = CareersSettings.objects.get(authority=cast.authority)
    assert (settings.review_overdue_days, settings.framework_version) == (7, national)


def test_the_index_and_version_pages_need_few_queries(
    cast: Cast, national: FrameworkVersion, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        EvidenceFactory(worker=cast.sam, framework_version=national, items=list(national.items.all()[:3]))
    client = client_for(cast.administrator)
    client.get(reverse("careers:framework_index"))
    with django_assert_max_num_queries(12):
        client.get(reverse("careers:framework_index"))
    with django_assert_max_num_queries(12):
        client.get(reverse("careers:framework_version", args=[national.pk]))
