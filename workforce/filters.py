"""FilterSets of the workforce list pages. Selectors run them (house style 4); pages render their forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from workforce.access import teams_for_user
from workforce.codes import Contract, Role
from workforce.forms.records import GovukForm
from workforce.models import Assignment, ServiceArea, Worker
from workforce.selectors import in_post_q, today


class StaffStatus:
    IN_POST = "in_post"
    LEFT = "left"
    ALL = "all"
    CHOICES = ((IN_POST, "In post"), (LEFT, "Left"), (ALL, "All"))


SEARCH_MAX_TERMS = 5


def _shown_assignments(**lookups: Any) -> QuerySet[Assignment]:
    return Assignment.objects.filter(**lookups).values("pk")


class StaffFilter(django_filters.FilterSet):
    """The staff list's filters. Team, service area, role and contract apply to the post each worker holds on the
    date (or held last, for leavers): the assignment the queryset annotates as ``shown_assignment_id``.
    """

    q = django_filters.CharFilter(label="Name, staff reference or SWE number", method="filter_search", max_length=100)
    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams", method="filter_team")
    service_area = django_filters.ModelChoiceFilter(
        label="Service area", queryset=None, empty_label="All service areas", method="filter_service_area"
    )
    role = django_filters.ChoiceFilter(
        label="Role", choices=Role.choices, empty_label="All roles", method="filter_role"
    )
    contract = django_filters.ChoiceFilter(
        label="Contract", choices=Contract.choices, empty_label="All contracts", method="filter_contract"
    )
    status = django_filters.ChoiceFilter(
        label="Status today",
        choices=StaffStatus.CHOICES,
        empty_label=None,
        method="filter_status",
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
        on: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        # Always bound, so that the default status (in post) applies to a page opened without a query string.
        bound = QueryDict(mutable=True)
        if data is not None:
            for key in ("q", "team", "service_area", "role", "contract", "status"):
                if key in data and data.get(key) not in (None, ""):
                    bound[key] = data.get(key)
        bound.setdefault("status", StaffStatus.IN_POST)
        super().__init__(bound, queryset=queryset, **kwargs)
        self.on = on or today()
        teams = teams_for_user(user)
        self.filters["team"].queryset = teams.order_by("name")
        self.filters["service_area"].queryset = ServiceArea.objects.filter(
            pk__in=teams.filter(service_area__isnull=False).values("service_area_id")
        ).order_by("name")

    def filter_search(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        for term in value.split()[:SEARCH_MAX_TERMS]:
            queryset = queryset.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(worker_id__icontains=term)
                | Q(swe_registration__icontains=term)
            )
        return queryset

    def filter_team(self, queryset: QuerySet[Worker], name: str, value: Any) -> QuerySet[Worker]:
        return queryset.filter(shown_assignment_id__in=_shown_assignments(team=value))

    def filter_service_area(self, queryset: QuerySet[Worker], name: str, value: Any) -> QuerySet[Worker]:
        return queryset.filter(shown_assignment_id__in=_shown_assignments(team__service_area=value))

    def filter_role(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        return queryset.filter(shown_assignment_id__in=_shown_assignments(role=value))

    def filter_contract(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        return queryset.filter(shown_assignment_id__in=_shown_assignments(contract=value))

    def filter_status(self, queryset: QuerySet[Worker], name: str, value: str) -> QuerySet[Worker]:
        in_post = Exists(Assignment.objects.filter(in_post_q(self.on), worker=OuterRef("pk")))
        if value == StaffStatus.IN_POST:
            return queryset.filter(in_post)
        if value == StaffStatus.LEFT:
            ended = Exists(Assignment.objects.filter(worker=OuterRef("pk"), end_date__lte=self.on))
            return queryset.filter(ended).exclude(in_post)
        return queryset

    def querystring(self) -> str:
        """The filters as a query string (without the page number), for pagination and the download link."""
        if not self.is_valid():
            return ""
        query = QueryDict(mutable=True)
        for key, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            query[key] = str(getattr(value, "pk", value))
        return query.urlencode()
