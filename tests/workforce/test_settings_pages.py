"""The administrator's settings pages: thresholds and workload points, team thresholds, targets and comparators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Cast
from workforce.models import ComparatorFigure, IndicatorTarget, TeamThreshold, WorkloadSettings

pytestmark = pytest.mark.django_db

NOT_ADMINISTRATORS = [
    "social_worker",
    "team_manager",
    "service_manager",
    "workforce_officer",
    "panel_member",
    "other_authority_manager",
]
WORKLOAD_DATA = {
    "caseload_threshold": "22",
    "asye_caseload_threshold": "14",
    "capacity_points_per_fte": "120",
    "asye_capacity_points_per_fte": "90",
    "child_in_need_points": "4",
    "child_protection_points": "6.5",
    "child_in_care_points": "5",
    "care_leaver_points": "2",
    "other_cases_points": "3",
}


def _target(cast: Cast, authority: Any = None, **values: Any) -> IndicatorTarget:
    fields = {"indicator": "turnover_rate", "value": Decimal("14.0"), "effective_from": dt.date(2025, 4, 1)}
    return IndicatorTarget.objects.create(authority=authority or cast.authority, **{**fields, **values})


def _figure(cast: Cast, authority: Any = None, **values: Any) -> ComparatorFigure:
    fields = {
        "kind": ComparatorFigure.Kind.REGION,
        "label": "North West",
        "as_at": dt.date(2025, 9, 30),
        "indicator": "agency_rate",
        "value": Decimal("12.4"),
    }
    return ComparatorFigure.objects.create(authority=authority or cast.authority, **{**fields, **values})


def _england(**values: Any) -> ComparatorFigure:
    """An England figure (shipped reference data; the migration may already have loaded it)."""
    figure, _ = ComparatorFigure.objects.get_or_create(
        authority=None,
        kind=ComparatorFigure.Kind.ENGLAND,
        label="England",
        as_at=dt.date(2025, 9, 30),
        indicator="turnover_rate",
        defaults={"value": Decimal("11.8")},
    )
    return figure


# Every settings page: (URL name, kwargs from the cast, methods it answers).
PAGES: list[tuple[str, Callable[[Cast], dict[str, Any]], tuple[str, ...]]] = [
    ("workforce:settings_index", lambda c: {}, ("GET",)),
    ("workforce:settings_workload", lambda c: {}, ("GET", "POST")),
    ("workforce:settings_team_threshold", lambda c: {"pk": c.front_door.pk}, ("GET", "POST")),
    ("workforce:settings_team_threshold_remove", lambda c: {"pk": c.front_door.pk}, ("POST",)),
    ("workforce:settings_targets", lambda c: {}, ("GET",)),
    ("workforce:settings_target_create", lambda c: {}, ("GET", "POST")),
    ("workforce:settings_target_edit", lambda c: {"pk": _target(c).pk}, ("GET", "POST")),
    ("workforce:settings_comparators", lambda c: {}, ("GET",)),
    ("workforce:settings_comparator_create", lambda c: {}, ("GET", "POST")),
    ("workforce:settings_comparator_edit", lambda c: {"pk": _figure(c).pk}, ("GET", "POST")),
    ("workforce:settings_comparator_remove", lambda c: {"pk": _figure(c).pk}, ("GET", "POST")),
]
PAGE_IDS = [name.split(":")[1] for name, _, _ in PAGES]


def _url(cast: Cast, name: str, kwargs: Callable[[Cast], dict[str, Any]]) -> str:
    return reverse(name, kwargs=kwargs(cast))


# ---------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "kwargs", "methods"), PAGES, ids=PAGE_IDS)
def test_anonymous_users_are_sent_to_sign_in(client_for, cast, name, kwargs, methods) -> None:
    client = client_for(None)
    url = _url(cast, name, kwargs)
    for method in methods:
        response = getattr(client, method.lower())(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
@pytest.mark.parametrize(("name", "kwargs", "methods"), PAGES, ids=PAGE_IDS)
def test_only_administrators_may_use_the_settings(client_for, cast, role, name, kwargs, methods) -> None:
    client = client_for(cast.user(role))
    url = _url(cast, name, kwargs)
    for method in methods:
        assert getattr(client, method.lower())(url).status_code == 403
    assert not TeamThreshold.objects.exists()


@pytest.mark.parametrize(
    ("name", "kwargs", "methods"),
    [page for page in PAGES if "GET" in page[2]],
    ids=[page_id for page_id, page in zip(PAGE_IDS, PAGES, strict=True) if "GET" in page[2]],
)
def test_the_administrator_opens_every_page(client_for, cast, name, kwargs, methods) -> None:
    assert client_for(cast.administrator).get(_url(cast, name, kwargs)).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("workforce:settings_index", {}),
        ("workforce:settings_targets", {}),
        ("workforce:settings_comparators", {}),
        ("workforce:settings_team_threshold_remove", None),
    ],
)
def test_other_methods_answer_405(client_for, cast, name, kwargs) -> None:
    url = reverse(name, kwargs=kwargs if kwargs is not None else {"pk": cast.front_door.pk})
    client = client_for(cast.administrator)
    response = client.get(url) if kwargs is None else client.post(url)
    assert response.status_code == 405


def test_another_authoritys_settings_answer_404(client_for, cast) -> None:
    client = client_for(cast.administrator)
    target = _target(cast, authority=cast.other_authority)
    figure = _figure(cast, authority=cast.other_authority)
    for url in (
        reverse("workforce:settings_team_threshold", args=[cast.other_team.pk]),
        reverse("workforce:settings_target_edit", args=[target.pk]),
        reverse("workforce:settings_comparator_edit", args=[figure.pk]),
        reverse("workforce:settings_comparator_remove", args=[figure.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    remove = reverse("workforce:settings_team_threshold_remove", args=[cast.other_team.pk])
    assert client.post(remove).status_code == 404
    assert ComparatorFigure.objects.filter(pk=figure.pk).exists()


def test_england_figures_are_shown_but_cannot_be_changed(client_for, cast) -> None:
    england = _england()
    client = client_for(cast.administrator)
    body = client.get(reverse("workforce:settings_comparators")).content.decode()
    assert "England figures, latest first" in body
    assert reverse("workforce:settings_comparator_edit", args=[england.pk]) not in body
    assert client.get(reverse("workforce:settings_comparator_edit", args=[england.pk])).status_code == 404
    assert client.post(reverse("workforce:settings_comparator_remove", args=[england.pk])).status_code == 404
    assert ComparatorFigure.objects.filter(pk=england.pk).exists()


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------
def test_the_index_shows_the_settings_and_each_teams_thresholds(client_for, cast) -> None:
    TeamThreshold.objects.create(team=cast.child_protection, caseload_threshold=18, asye_caseload_threshold=12)
    _target(cast)
    response = client_for(cast.administrator).get(reverse("workforce:settings_index"))
    body = response.content.decode()
    assert "20 cases (15 for workers in their ASYE)" in body
    assert "Child protection: 6" in body
    thresholds = {team.code: t for team, t in response.context["teams"]}
    assert (thresholds["CP"].caseload, thresholds["CP"].team_override) == (18, True)
    assert (thresholds["FD"].caseload, thresholds["FD"].team_override) == (20, False)
    assert "Southshire Assessment" not in body
    assert "1 target set" in body
    for name in ("settings_workload", "settings_targets", "settings_comparators"):
        assert reverse(f"workforce:{name}") in body


# ---------------------------------------------------------------------------
# Thresholds, capacity and points
# ---------------------------------------------------------------------------
def test_the_administrator_changes_the_workload_settings_and_history_records_it(client_for, cast) -> None:
    client = client_for(cast.administrator)
    url = reverse("workforce:settings_workload")
    WorkloadSettings.objects.create(authority=cast.authority, child_in_need_points=Decimal("10"))
    form = client.get(url).content.decode()
    assert 'name="child_protection_points" value="6"' in form
    assert 'name="child_in_need_points" value="10"' in form  # not 1E+1
    response = client.post(url, WORKLOAD_DATA, follow=True)
    assert "Caseload thresholds and workload points saved." in response.content.decode()
    settings = WorkloadSettings.objects.get(authority=cast.authority)
    assert (settings.caseload_threshold, settings.asye_caseload_threshold) == (22, 14)
    assert (settings.capacity_points_per_fte, settings.child_protection_points) == (120, Decimal("6.5"))
    latest = settings.history.first()
    assert (latest.history_type, latest.history_user, latest.caseload_threshold) == ("~", cast.administrator, 22)
    assert settings.updated_by == cast.administrator


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"asye_caseload_threshold": "25"}, "asye_caseload_threshold", "must not be above the main threshold (22"),
        ({"caseload_threshold": "-1"}, "caseload_threshold", "Caseload threshold must be 0 or more"),
        ({"caseload_threshold": "lots"}, "caseload_threshold", "Caseload threshold must be a whole number"),
        ({"caseload_threshold": ""}, "caseload_threshold", "Enter the caseload threshold"),
        ({"capacity_points_per_fte": "0"}, "capacity_points_per_fte", "Capacity points per FTE must be 1 or more"),
        ({"asye_capacity_points_per_fte": "150"}, "asye_capacity_points_per_fte", "must not be above the capacity"),
        ({"care_leaver_points": "-0.5"}, "care_leaver_points", "Points for a care leaver case must be 0 or more"),
        ({"child_in_need_points": "2.25"}, "child_in_need_points", "at most 1 decimal place"),
    ],
)
def test_workload_settings_errors_are_shown_beside_the_field_and_nothing_is_saved(
    client_for, cast, changes, field, message
) -> None:
    client = client_for(cast.administrator)
    response = client.post(reverse("workforce:settings_workload"), {**WORKLOAD_DATA, **changes})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'href="#id_{field}"' in body
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert WorkloadSettings.objects.get(authority=cast.authority).caseload_threshold == 20
    assert "<title>Error: Caseload thresholds and workload points" in body


# ---------------------------------------------------------------------------
# A team's own thresholds
# ---------------------------------------------------------------------------
def test_the_administrator_gives_a_team_its_own_thresholds(client_for, cast) -> None:
    client = client_for(cast.administrator)
    url = reverse("workforce:settings_team_threshold", args=[cast.front_door.pk])
    body = client.get(url).content.decode()
    assert "This team uses the authority’s thresholds" in body
    assert 'name="caseload_threshold" value="20"' in body
    response = client.post(url, {"caseload_threshold": "16", "asye_caseload_threshold": "12"}, follow=True)
    assert "Thresholds of Front Door saved." in response.content.decode()
    threshold = TeamThreshold.objects.get(team=cast.front_door)
    assert (threshold.caseload_threshold, threshold.asye_caseload_threshold) == (16, 12)
    assert threshold.history.get().history_user == cast.administrator


def test_a_team_threshold_error_is_shown_beside_the_field_and_nothing_is_saved(client_for, cast) -> None:
    url = reverse("workforce:settings_team_threshold", args=[cast.front_door.pk])
    response = client_for(cast.administrator).post(url, {"caseload_threshold": "16", "asye_caseload_threshold": "17"})
    body = response.content.decode()
    assert 'id="id_asye_caseload_threshold-error"' in body
    assert "The ASYE threshold must not be above the main threshold (16 cases)." in body
    assert not TeamThreshold.objects.exists()


def test_removing_a_teams_thresholds_brings_back_the_authoritys_and_history_keeps_them(client_for, cast) -> None:
    client = client_for(cast.administrator)
    client.post(
        reverse("workforce:settings_team_threshold", args=[cast.front_door.pk]),
        {"caseload_threshold": "16", "asye_caseload_threshold": "12"},
    )
    page = client.get(reverse("workforce:settings_team_threshold", args=[cast.front_door.pk])).content.decode()
    assert "Remove the team’s own thresholds" in page
    remove = reverse("workforce:settings_team_threshold_remove", args=[cast.front_door.pk])
    response = client.post(remove, follow=True)
    assert "Front Door now uses the authority’s thresholds." in response.content.decode()
    assert not TeamThreshold.objects.filter(team=cast.front_door).exists()
    deleted = TeamThreshold.history.filter(team_id=cast.front_door.pk).first()
    assert (deleted.history_type, deleted.history_user, deleted.caseload_threshold) == ("-", cast.administrator, 16)
    again = client.post(remove, follow=True)
    assert "Front Door already uses the authority’s thresholds." in again.content.decode()


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------
def test_the_administrator_adds_and_changes_a_target(client_for, cast) -> None:
    client = client_for(cast.administrator)
    data = {"indicator": "vacancy_rate", "value": "12.5", "effective_from": "01/04/2026"}
    response = client.post(reverse("workforce:settings_target_create"), data, follow=True)
    assert "Vacancy rate (%) target saved." in response.content.decode()
    target = IndicatorTarget.objects.get(authority=cast.authority)
    assert (target.value, target.effective_from) == (Decimal("12.5"), dt.date(2026, 4, 1))
    assert "Vacancy rate (%)" in client.get(reverse("workforce:settings_targets")).content.decode()
    edit = reverse("workforce:settings_target_edit", args=[target.pk])
    assert 'value="01/04/2026"' in client.get(edit).content.decode()
    client.post(edit, {**data, "value": "11"})
    target.refresh_from_db()
    assert target.value == Decimal("11")
    assert [h.history_type for h in target.history.all()] == ["~", "+"]
    assert target.history.first().history_user == cast.administrator


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"indicator": "turnover_rate", "value": "101"}, "value", "Turnover rate (%) is a percentage"),
        ({"indicator": "average_caseload", "value": "-2"}, "value", "Value must be 0 or more"),
        ({"indicator": "", "value": "5"}, "indicator", "Choose the indicator"),
        ({"indicator": "turnover_rate", "value": "5", "effective_from": "31/02/2026"}, "effective_from", "real date"),
        (
            {"indicator": "turnover_rate", "value": "15"},
            "effective_from",
            "There is already a turnover rate (%) target",
        ),
    ],
)
def test_target_errors_are_shown_beside_the_field_and_nothing_is_saved(client_for, cast, data, field, message) -> None:
    existing = _target(cast)
    response = client_for(cast.administrator).post(
        reverse("workforce:settings_target_create"), {"effective_from": "01/04/2025", **data}
    )
    body = response.content.decode()
    assert response.status_code == 200
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert list(IndicatorTarget.objects.all()) == [existing]


def test_an_average_caseload_target_may_be_above_100(client_for, cast) -> None:
    data = {"indicator": "average_caseload", "value": "120", "effective_from": "01/04/2026"}
    client_for(cast.administrator).post(reverse("workforce:settings_target_create"), data)
    assert IndicatorTarget.objects.get().value == Decimal("120")


# ---------------------------------------------------------------------------
# Comparator figures
# ---------------------------------------------------------------------------
FIGURE_DATA = {
    "kind": "statistical_neighbours",
    "label": "Statistical neighbours",
    "as_at": "30/09/2025",
    "indicator": "turnover_rate",
    "value": "13.2",
    "source": "LAIT",
}


def test_the_administrator_adds_changes_and_removes_a_comparator_figure(client_for, cast) -> None:
    client = client_for(cast.administrator)
    response = client.post(reverse("workforce:settings_comparator_create"), FIGURE_DATA, follow=True)
    assert "Statistical neighbours turnover rate (%) figure saved." in response.content.decode()
    figure = ComparatorFigure.objects.get(authority=cast.authority)
    assert (figure.kind, figure.as_at, figure.value, figure.source) == (
        "statistical_neighbours",
        dt.date(2025, 9, 30),
        Decimal("13.2"),
        "LAIT",
    )
    assert "Statistical neighbours" in client.get(reverse("workforce:settings_comparators")).content.decode()
    client.post(reverse("workforce:settings_comparator_edit", args=[figure.pk]), {**FIGURE_DATA, "value": "12.9"})
    figure.refresh_from_db()
    assert figure.value == Decimal("12.9")
    remove = reverse("workforce:settings_comparator_remove", args=[figure.pk])
    assert "Remove this comparator figure?" in client.get(remove).content.decode()
    response = client.post(remove, follow=True)
    assert "Statistical neighbours turnover rate (%) figure removed." in response.content.decode()
    assert not ComparatorFigure.objects.filter(pk=figure.pk).exists()
    kinds = [h.history_type for h in ComparatorFigure.history.filter(id=figure.pk)]
    assert kinds == ["-", "~", "+"]
    assert ComparatorFigure.history.filter(id=figure.pk).first().history_user == cast.administrator


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "england"}, "kind", "Choose the kind of figure"),
        ({"label": "   "}, "label", "Enter the label"),
        ({"as_at": "yesterday"}, "as_at", "Census date must be a real date"),
        ({"value": "120"}, "value", "is a percentage"),
        ({"value": "abc"}, "value", "Value must be a number"),
        (
            {"label": "North West", "kind": "region", "indicator": "agency_rate"},
            "as_at",
            "There is already a North West",
        ),
    ],
)
def test_comparator_errors_are_shown_beside_the_field_and_nothing_is_saved(
    client_for, cast, changes, field, message
) -> None:
    existing = _figure(cast)
    response = client_for(cast.administrator).post(
        reverse("workforce:settings_comparator_create"), {**FIGURE_DATA, **changes}
    )
    body = response.content.decode()
    assert response.status_code == 200
    anchor = f"id_{field}_0" if field == "kind" else f"id_{field}"
    assert f'href="#{anchor}"' in body
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert list(ComparatorFigure.objects.filter(authority__isnull=False)) == [existing]
