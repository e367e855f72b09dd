"""The authority's CPD settings page: workforce officers and administrators change them (docs/adr/0014)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cpd.forms.settings import CpdSettingsForm
from cpd.selectors.days import cpd_settings_for
from cpd.services.settings import cpd_settings_update
from workforce.access import get_scope, hr_required


@login_required
@require_http_methods(["GET", "POST"])
@hr_required
def cpd_settings(request: HttpRequest) -> HttpResponse:
    authority = get_scope(request.user).authority
    current = cpd_settings_for(authority)
    initial = {
        "days_per_year": current.days_per_year,
        "pro_rata": "yes" if current.pro_rata else "no",
        "reminder_days": ", ".join(str(day) for day in current.reminder_days or []),
        "training_expiring_days": current.training_expiring_days,
    }
    form = CpdSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cpd_settings_update(authority=authority, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, "The CPD settings have been saved.")
            return redirect("cpd:settings")
    return render(request, "cpd/settings/settings_form.html", {"form": form, "title": "CPD settings"})
