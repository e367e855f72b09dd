"""Pages every signed-in user has: the home page for their roles, their account, and error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from core.exports.registry import get_export
from core.exports.xlsx import xlsx_response
from workforce import selectors
from workforce.access import get_scope, teams_for_user
from workforce.models import Team, Worker


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """One page, with a section for each role the user holds."""
    scope = get_scope(request.user)
    on = selectors.today()
    context: dict = {"on": on}
    if scope.own_worker_id is not None:
        worker = Worker.objects.get(pk=scope.own_worker_id)
        context["own_worker"] = worker
        context["own_assignment"] = selectors.current_assignment(worker, on)
        context["own_latest_caseload"] = worker.caseload_records.order_by("-date").first()
    if scope.managed_team_ids:
        managed = Team.objects.filter(pk__in=scope.managed_team_ids).order_by("name")
        context["managed_teams"] = list(managed)
        context["team_members"] = list(selectors.team_assignments_in_post(managed, on))
    if scope.service_area_ids:
        visible = teams_for_user(request.user).filter(service_area_id__in=scope.service_area_ids)
        context["service_area_teams"] = list(selectors.teams_with_counts(visible, on).order_by("name"))
    if scope.is_hr and scope.authority is not None:
        context["overview"] = selectors.authority_overview(scope.authority, on)
    if scope.is_administrator and scope.authority is not None:
        context["service_areas"] = list(selectors.service_areas_with_teams(scope.authority))
        context["teams_without_area"] = list(Team.objects.filter(authority=scope.authority, service_area__isnull=True))
    return render(request, "core/home.html", context)


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """The user's account: sign-in details, password and multi-factor authentication."""
    from allauth.mfa.models import Authenticator

    authenticators = Authenticator.objects.filter(user=request.user)
    return render(
        request,
        "core/account.html",
        {"authenticator_types": sorted({a.get_type_display() for a in authenticators})},
    )


@login_required
@require_GET
def mfa_required(request: HttpRequest) -> HttpResponse:
    """Shown to users whose role requires multi-factor authentication until they have set it up."""
    return render(request, "core/mfa_required.html")


@login_required
@require_GET
def export_download(request: HttpRequest, export_id: str) -> HttpResponse:
    """Every registered export, as XLSX, with the filters given in the query string."""
    export = get_export(export_id)
    if export is None:
        raise Http404("No such export.")
    if not export.allowed(request.user):
        raise PermissionDenied("Your role does not give you this download.")
    instance = export(request)
    return xlsx_response(export.name, instance.sheets())


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Load balancer check: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: the failure may lie in a context processor, the session or the database.
    context = {"service_name": settings.SERVICE_NAME, "header_name": settings.SERVICE_NAME}
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
