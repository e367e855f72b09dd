"""The CPD overview's filters: registration year, team and status (a django-filter FilterSet run by the selector).

The queryset is the selector's: workers annotated with their team (`oversight_team_id`) and their renewal counts
for the chosen year (`cpd_records_count`, `cpd_peer_count`), so the filters are plain conditions on those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict

from cpd.access.oversight import overview_teams_for_user
from cpd.selectors.compliance import REQUIRED_RECORDS, meets_requirement_q
from cpd.years import registration_year_for
from workforce.forms.records import GovukForm
from workforce.models import Worker

YEARS_SHOWN = 4  # the current registration year and the three before it


class RenewalStatus:
    """Where a person stands against the renewal requirement in a registration year."""

    MET = "met"
    AT_RISK = "at_risk"
    NOT_STARTED = "not_started"
    LABELS = {MET: "Met", AT_RISK: "At risk", NOT_STARTED: "Not started"}
    CHOICES = tuple(LABELS.items())
    ORDER = (AT_RISK, NOT_STARTED, MET)

    @classmethod
    def of(cls, records: int, with_peer_reflection: int) -> str:
        if records >= REQUIRED_RECORDS and with_peer_reflection >= 1:
            return cls.MET
        return cls.AT_RISK if records else cls.NOT_STARTED


def year_choices(today: dt.date) -> list[tuple[str, str]]:
    current = registration_year_for(today)
    return [(str(year), str(year)) for year in range(current, current - YEARS_SHOWN, -1)]


class OversightFilter(django_filters.FilterSet):
    """Year (applied by the selector, which counts the records of that year), team and status."""

    year = django_filters.ChoiceFilter(
        label="Registration year",
        choices=(),
        empty_label=None,
        method="filter_year",
        help_text="1 December to 30 November, named after the year it ends in.",
        error_messages={"invalid_choice": "Select a registration year from the list"},
    )
    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams", method="filter_team")
    status = django_filters.ChoiceFilter(
        label="Status", choices=RenewalStatus.CHOICES, empty_label="Any status", method="filter_status"
    )

    class Meta:
        model = Worker
        fields: list[str] = []
        form = GovukForm

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        queryset: QuerySet[Worker] | None = None,
        *,
        user: Any,
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        # Always bound, so that the default year (the current one) applies to a page opened without a query string.
        bound = QueryDict(mutable=True)
        if data is not None:
            for key in ("year", "team", "status"):
                if data.get(key) not in (None, ""):
                    bound[key] = data.get(key)
        bound.setdefault("year", str(registration_year_for(today)))
        super().__init__(bound, queryset=queryset, **kwargs)
        self.today = today
        self.filters["year"].extra["choices"] = year_choices(today)
        self.filters["team"].queryset = overview_teams_for_user(user).order_by("name", "code")

    @property
    def chosen_year(self) -> int:
        """The chosen registration year; the current one when the choice is not valid."""
        if self.is_valid() and self.form.cleaned_data.get("year"):
            return int(self.form.cleaned_data["year"])
        return registration_year_for(self.today)

    @property
    def chosen_team(self) -> Any:
        return self.form.cleaned_data.get("team") if self.is_valid() else None

    def filter_year(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        return queryset  # the selector annotates the counts of the chosen year

    def filter_team(self, queryset: QuerySet[Worker], name: str, value: Any) -> QuerySet[Worker]:
        return queryset.filter(oversight_team_id=value.pk)

    def filter_status(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        met = meets_requirement_q()
        if value == RenewalStatus.MET:
            return queryset.filter(met)
        if value == RenewalStatus.AT_RISK:
            return queryset.exclude(met).filter(cpd_records_count__gte=1)
        return queryset.filter(cpd_records_count=0)

    def querystring(self) -> str:
        """The valid filters as a query string, for pagination and the download link."""
        query = QueryDict(mutable=True)
        if self.is_valid():
            for key, value in self.form.cleaned_data.items():
                if value not in (None, ""):
                    query[key] = str(getattr(value, "pk", value))
        return query.urlencode()

    def error_links(self) -> list[tuple[str, str]]:
        return self.form.error_links()
