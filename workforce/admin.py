from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workforce.models import (
    Absence,
    AgencyEngagement,
    Assignment,
    Authority,
    CaseloadRecord,
    ComparatorFigure,
    Establishment,
    ImportRun,
    IndicatorTarget,
    RoleAssignment,
    ServiceArea,
    Team,
    TeamThreshold,
    Worker,
    WorkloadSettings,
)


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "authority"]
    list_filter = ["authority"]


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "service_area", "authority"]
    list_filter = ["authority", "service_area"]
    search_fields = ["code", "name"]


@admin.register(Worker)
class WorkerAdmin(SimpleHistoryAdmin):
    list_display = ["worker_id", "first_name", "last_name", "authority", "archived_at"]
    list_filter = ["authority"]
    search_fields = ["worker_id", "first_name", "last_name", "swe_registration"]
    raw_id_fields = ["user"]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False  # records of people are archived, never deleted


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["worker", "team", "role", "contract", "fte", "start_date", "end_date", "leaving_reason"]
    list_filter = ["team__authority", "role", "contract"]
    raw_id_fields = ["worker"]


@admin.register(Establishment)
class EstablishmentAdmin(SimpleHistoryAdmin):
    list_display = ["team", "effective_from", "establishment_fte"]


@admin.register(CaseloadRecord)
class CaseloadRecordAdmin(SimpleHistoryAdmin):
    list_display = ["worker", "date", "cases"]
    raw_id_fields = ["worker"]


@admin.register(Absence)
class AbsenceAdmin(SimpleHistoryAdmin):
    list_display = ["worker", "start_date", "end_date", "type", "working_days_lost"]
    raw_id_fields = ["worker"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "authority", "team", "service_area"]
    list_filter = ["authority", "role"]
    raw_id_fields = ["user"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "authority", "kind", "filename", "status", "rows", "user"]
    list_filter = ["authority", "kind", "status"]


@admin.register(ComparatorFigure)
class ComparatorFigureAdmin(SimpleHistoryAdmin):
    list_display = ["label", "kind", "as_at", "indicator", "value", "authority"]
    list_filter = ["kind", "indicator", "authority"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["authority", "indicator", "value", "effective_from"]
    list_filter = ["authority", "indicator"]


@admin.register(WorkloadSettings)
class WorkloadSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["authority", "caseload_threshold", "asye_caseload_threshold", "capacity_points_per_fte"]


@admin.register(TeamThreshold)
class TeamThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["team", "caseload_threshold", "asye_caseload_threshold"]


@admin.register(AgencyEngagement)
class AgencyEngagementAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "agency", "job_type", "pay_rate", "regional_price_cap", "notice_period_weeks"]
    raw_id_fields = ["assignment"]
