"""FilterSets of the career progression list pages. Selectors run them (house style 4); pages render their forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict

from careers.models import Evidence
from workforce.access import teams_for_user
from workforce.forms.records import GovukForm
from workforce.models import Assignment
from workforce.selectors import today


class ProgressStatus:
    READY = "ready"
    NOT_READY = "not_ready"
    WAITING = "waiting"
    CHOICES = (
        (READY, "Meets the criteria for the next level"),
        (NOT_READY, "Does not meet them yet"),
        (WAITING, "Has evidence waiting for review"),
    )


class TeamProgressFilter(django_filters.FilterSet):
    """The team progress page's filters over the assignments in post.

    "Meets the criteria" is worked out in Python from the loaded evidence (careers.selectors.progress), so that
    filter is applied by the selector after the figures are computed (``readiness``); "waiting for review" and the
    team are database filters.
    """

    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams", field_name="team")
    status = django_filters.ChoiceFilter(
        label="Progress", choices=ProgressStatus.CHOICES, empty_label="Everyone", method="filter_status"
    )

    class Meta:
        model = Assignment
        fields: list[str] = []
        form = GovukForm

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        queryset: QuerySet[Assignment] | None = None,
        *,
        user: Any,
        on: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        bound = QueryDict(mutable=True)
        for key in ("team", "status"):
            if data is not None and data.get(key) not in (None, ""):
                bound[key] = data.get(key)
        super().__init__(bound, queryset=queryset, **kwargs)
        self.on = on or today()
        self.filters["team"].queryset = teams_for_user(user).order_by("name")

    def filter_status(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        if value == ProgressStatus.WAITING:
            waiting = Evidence.objects.filter(worker=OuterRef("worker_id"), status=Evidence.Status.SUBMITTED)
            return queryset.filter(Exists(waiting))
        return queryset  # readiness: see the class docstring

    @staticmethod
    def readiness(data: Mapping[str, Any] | None) -> bool | None:
        """True to keep only people who meet the criteria, False only those who do not, None for everyone."""
        value = data.get("status") if data is not None else None
        return {ProgressStatus.READY: True, ProgressStatus.NOT_READY: False}.get(value or "")

    def querystring(self) -> str:
        """The valid filters as a query string, for the download link."""
        if not self.is_valid():
            return ""
        query = QueryDict(mutable=True)
        for key in ("team", "status"):
            value = self.form.cleaned_data.get(key)
            if value not in (None, ""):
                query[key] = str(getattr(value, "pk", value))
        return query.urlencode()
