"""Filters of the audit pages (django-filter, as every filterable list)."""

from __future__ import annotations

import django_filters
from django import forms

from core.audit.history import ACTIONS
from core.audit.models import DownloadLog, SignInEvent

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"})
TEXT_WIDGET = forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"})


class HistoryFilter(django_filters.FilterSet):
    """Works on any simple-history table: every filter names its field."""

    id = django_filters.NumberFilter(
        field_name="id",
        label="Record number",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    action = django_filters.ChoiceFilter(
        field_name="history_type",
        label="Change",
        choices=list(ACTIONS.items()),
        empty_label="Any",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    changed_by = django_filters.CharFilter(
        field_name="history_user__email", lookup_expr="icontains", label="Changed by (e-mail)", widget=TEXT_WIDGET
    )
    date_from = django_filters.DateFilter(
        field_name="history_date", lookup_expr="date__gte", label="From", widget=DATE_WIDGET
    )
    date_to = django_filters.DateFilter(
        field_name="history_date", lookup_expr="date__lte", label="To", widget=DATE_WIDGET
    )


class SignInFilter(django_filters.FilterSet):
    outcome = django_filters.ChoiceFilter(
        choices=SignInEvent.Outcome.choices, empty_label="Any", widget=forms.Select(attrs={"class": "govuk-select"})
    )
    email = django_filters.CharFilter(lookup_expr="icontains", label="E-mail", widget=TEXT_WIDGET)
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="From", widget=DATE_WIDGET)
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="To", widget=DATE_WIDGET)

    class Meta:
        model = SignInEvent
        fields = ["outcome", "email"]


class DownloadFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(
        field_name="user__email", lookup_expr="icontains", label="Downloaded by (e-mail)", widget=TEXT_WIDGET
    )
    filename = django_filters.CharFilter(lookup_expr="icontains", label="File name", widget=TEXT_WIDGET)
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="From", widget=DATE_WIDGET)
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="To", widget=DATE_WIDGET)

    class Meta:
        model = DownloadLog
        fields = ["user", "filename"]
