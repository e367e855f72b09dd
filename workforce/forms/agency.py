"""Forms of the agency pages: the engagement details, the compliance list's filters, the quarterly return's choice.

They validate and normalise only; the engagement view hands ``cleaned_data`` to workforce.services.agency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from workforce.access import teams_for_user
from workforce.agency import FLAG_FILTER_CHOICES, check_assignment, matches_flag
from workforce.forms.records import COVERS_VACANCY_CHOICES, DATE_HINT, DateField, GovukForm, _yes_no
from workforce.models import AgencyEngagement, AgencyJobType, Assignment
from workforce.selectors import in_post_q, today

MAX_PQ_YEARS = Decimal("60")
MAX_NOTICE_WEEKS = 52
MAX_MONEY = Decimal("99999.99")


def _money(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=MAX_MONEY,
        max_digits=7,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be an amount in pounds, for example 38.50",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be £{MAX_MONEY:,} or less",
            "max_digits": f"{label} must be £{MAX_MONEY:,} or less",
            "max_whole_digits": f"{label} must be £{MAX_MONEY:,} or less",
            "max_decimal_places": f"{label} must have at most 2 decimal places (pence)",
        },
    )


class AgencyEngagementForm(GovukForm):
    """The engagement details of an agency assignment (HR)."""

    input_widths: ClassVar[dict[str, str]] = {
        "pay_rate": "govuk-input--width-5",
        "employer_ni": "govuk-input--width-5",
        "apprenticeship_levy": "govuk-input--width-5",
        "regional_price_cap": "govuk-input--width-5",
        "pq_experience_years": "govuk-input--width-4",
        "notice_period_weeks": "govuk-input--width-3",
        "dcs_signoff_on": "govuk-input--width-10",
        "chief_executive_signoff_on": "govuk-input--width-10",
    }

    agency = forms.CharField(
        label="Agency",
        max_length=200,
        error_messages={"required": "Enter the agency", "max_length": "Agency must be 200 characters or fewer"},
    )
    job_type = forms.ChoiceField(
        label="Job type",
        help_text="The job type of the regional price cap.",
        choices=[("", "Choose…"), *AgencyJobType.choices],
        error_messages={"required": "Choose the job type", "invalid_choice": "Choose the job type"},
    )
    pay_rate = _money("Hourly pay rate (£)", "What the worker is paid per hour, for example 38.50")
    employer_ni = _money("Employer's National Insurance per hour (£)")
    apprenticeship_levy = _money("Apprenticeship levy per hour (£)")
    regional_price_cap = _money("Regional price cap per hour (£)", "The cap for this job type in your region.")
    pq_experience_years = forms.DecimalField(
        label="Years of post-qualifying experience in child and family social work",
        help_text="For example, 4.5",
        min_value=Decimal("0"),
        max_value=MAX_PQ_YEARS,
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the years of post-qualifying experience",
            "invalid": "Years of experience must be a number, for example 4.5",
            "min_value": "Years of experience must be 0 or more",
            "max_value": f"Years of experience must be {MAX_PQ_YEARS} or fewer",
            "max_digits": f"Years of experience must be {MAX_PQ_YEARS} or fewer",
            "max_whole_digits": f"Years of experience must be {MAX_PQ_YEARS} or fewer",
            "max_decimal_places": "Years of experience can have 1 decimal place, for example 4.5",
        },
    )
    notice_period_weeks = forms.IntegerField(
        label="Notice period (weeks)",
        min_value=0,
        max_value=MAX_NOTICE_WEEKS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the notice period in weeks",
            "invalid": "Notice period must be a whole number of weeks, for example 4",
            "min_value": "Notice period must be 0 weeks or more",
            "max_value": f"Notice period must be {MAX_NOTICE_WEEKS} weeks or fewer",
        },
    )
    covers_vacancy = forms.TypedChoiceField(
        label="Does this agency worker cover a vacancy?",
        choices=COVERS_VACANCY_CHOICES,
        coerce=_yes_no,
        empty_value=None,
        required=False,
    )
    dcs_signoff_on = DateField(
        label="DCS sign-off date",
        required=False,
        help_text="Needed when the hourly charge is above the cap. " + DATE_HINT,
    )
    chief_executive_signoff_on = DateField(
        label="Chief executive sign-off date",
        required=False,
        help_text="Needed when the hourly charge is above the cap. " + DATE_HINT,
    )

    @staticmethod
    def initial_for(assignment: Assignment, engagement: AgencyEngagement | None) -> dict[str, Any]:
        initial: dict[str, Any] = {"covers_vacancy": {True: "yes", False: "no"}.get(assignment.covers_vacancy, "")}
        if engagement is not None:
            initial |= {
                "agency": engagement.agency,
                "job_type": engagement.job_type,
                "pay_rate": engagement.pay_rate,
                "employer_ni": engagement.employer_ni,
                "apprenticeship_levy": engagement.apprenticeship_levy,
                "regional_price_cap": engagement.regional_price_cap,
                "pq_experience_years": engagement.pq_experience_years,
                "notice_period_weeks": engagement.notice_period_weeks,
                "dcs_signoff_on": engagement.dcs_signoff_on,
                "chief_executive_signoff_on": engagement.chief_executive_signoff_on,
            }
        return initial


class _DateFilter(django_filters.DateFilter):
    """A date typed as 30/09/2025, like the forms' dates."""

    field_class = DateField


class AgencyComplianceFilter(django_filters.FilterSet):
    """The compliance page's filters: agency workers in post on a date, in a team, with a flag.

    Filters apply in the order declared. The flag filter keeps the rows whose flags, worked out by
    ``workforce.agency.check_assignment`` (the rules of the DfE guidance), include the one chosen.
    """

    on = _DateFilter(label="In post on", method="filter_on")
    team = django_filters.ModelChoiceFilter(label="Team", queryset=None, empty_label="All teams")
    flag = django_filters.ChoiceFilter(
        label="Flag", choices=FLAG_FILTER_CHOICES, empty_label="All agency workers", method="filter_flag"
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
        **kwargs: Any,
    ) -> None:
        # Always bound, so that the default date (today) applies to a page opened without a query string.
        bound = QueryDict(mutable=True)
        for key in ("on", "team", "flag"):
            if data is not None and data.get(key) not in (None, ""):
                bound[key] = data.get(key)
        bound.setdefault("on", today().isoformat())
        super().__init__(bound, queryset=queryset, **kwargs)
        self.filters["team"].queryset = teams_for_user(user).order_by("name")
        self.form.fields["on"].widget.attrs["class"] = "govuk-input govuk-input--width-10"

    def filter_on(self, queryset: QuerySet[Assignment], name: str, value: dt.date) -> QuerySet[Assignment]:
        return queryset.filter(in_post_q(value))

    def filter_flag(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        keep = [a.pk for a in queryset if matches_flag(check_assignment(a), value)]
        return queryset.filter(pk__in=keep)

    def querystring(self) -> str:
        """The filters as a query string, for the download link."""
        if not self.is_valid():
            return ""
        query = QueryDict(mutable=True)
        for key, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            query[key] = str(getattr(value, "pk", value))
        return query.urlencode()


QUARTER_CHOICES = (
    ("1", "Q1: January to March"),
    ("2", "Q2: April to June"),
    ("3", "Q3: July to September"),
    ("4", "Q4: October to December"),
)


class AgencyReturnForm(GovukForm):
    """The year and quarter of the quarterly agency return."""

    input_widths: ClassVar[dict[str, str]] = {"year": "govuk-input--width-4"}

    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the year",
            "invalid": "Year must be a year written in 4 digits, for example 2025",
            "min_value": "Year must be 2000 or later",
            "max_value": "Year must be 2100 or earlier",
        },
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        choices=[("", "Choose…"), *QUARTER_CHOICES],
        coerce=int,
        error_messages={"required": "Choose the quarter", "invalid_choice": "Choose the quarter"},
    )

    @staticmethod
    def latest_complete(on: dt.date) -> dict[str, int]:
        """The last quarter that ended before a date."""
        quarter = (on.month - 1) // 3  # the quarter before the current one; 0 means Q4 of last year
        return {"year": on.year, "quarter": quarter} if quarter else {"year": on.year - 1, "quarter": 4}
