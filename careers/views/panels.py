"""Panel pages: the panels a user sits on with their applications, one application with its portfolio and the
decision form, the decision itself, and the portfolio PDF.

Access comes from careers.access.applications: a panel member sees only the applications sent to a panel they sit
on (another panel's answer 404); administrators see every panel's but decide only where they sit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from careers.access.applications import (
    ApplicationAccess,
    can_see_panels,
    get_application_content_for_user,
    get_decidable_application_for_user,
    get_panel_application_for_user,
    panels_for_user,
)
from careers.exports.portfolio_pdf import PortfolioPdf
from careers.forms.applications import DecisionForm
from careers.models import ProgressionApplication
from careers.selectors import applications as selectors
from careers.services import applications as services
from core.exports.pdf import pdf_response
from workforce.selectors import today

NOT_ON_A_PANEL = "Only panel members and administrators have panel pages."


@login_required
@require_GET
def panel_list(request: HttpRequest) -> HttpResponse:
    """The panels the user sits on (administrators: all of the authority's), applications waiting then decided."""
    if not can_see_panels(request.user):
        raise PermissionDenied(NOT_ON_A_PANEL)
    lists = selectors.panel_lists(panels=panels_for_user(request.user))
    return render(request, "careers/panels/panel_list.html", {"lists": lists})


def _panel_page(
    request: HttpRequest,
    application: ProgressionApplication,
    access: ApplicationAccess,
    form: DecisionForm | None = None,
) -> HttpResponse:
    portfolio = selectors.portfolio_for(application=application)
    return render(
        request,
        "careers/panels/panel_application.html",
        {
            "application": application,
            "access": access,
            "portfolio": portfolio,
            "team": selectors.current_team(worker=application.worker, on=today()),
            "form": form if form is not None else DecisionForm(),
            "can_decide": access.decide and application.status == ProgressionApplication.Status.SUBMITTED,
        },
    )


@login_required
@require_GET
def panel_application(request: HttpRequest, pk: int) -> HttpResponse:
    application, access = get_panel_application_for_user(request.user, pk)
    return _panel_page(request, application, access)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_decidable_application_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = services.application_decide(
                application=application,
                decision=form.cleaned_data["decision"],
                approved_from=form.cleaned_data["approved_from"],
                reasons=form.cleaned_data["reasons"],
                user=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request, f"Application of {decided.worker.full_name} {decided.get_status_display().lower()}."
            )
            return redirect("careers:panel_application", pk=decided.pk)
    application, access = get_panel_application_for_user(request.user, pk)
    return _panel_page(request, application, access, form)


@login_required
@require_GET
def application_portfolio_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The portfolio PDF: the panel's members, administrators, the worker and their managers (not HR)."""
    application, _ = get_application_content_for_user(request.user, pk)
    portfolio = selectors.portfolio_for(application=application)
    document = PortfolioPdf(portfolio, team=selectors.current_team(worker=application.worker, on=today()))
    return pdf_response(f"Portfolio - {application.worker.full_name}", document.render())
