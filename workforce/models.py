"""The authority's organisation and workforce records (spec section 2, workforce)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import ArchivableModel, BaseModel
from workforce.codes import (
    AbsenceType,
    Contract,
    Ethnicity,
    Gender,
    LeaverDestination,
    LeavingReason,
    PostQualifyingStatus,
    QualificationRoute,
    Role,
    StartOrigin,
    UserRole,
)

SWE_REGISTRATION_VALIDATOR = RegexValidator(
    r"^SW\d{1,10}$", "A Social Work England registration number is SW followed by 1 to 10 digits."
)
FTE_MIN_EXCLUSIVE = Decimal("0")
FTE_MAX = Decimal("1")


class Authority(BaseModel):
    """A local authority. One installation may hold several (a regional partnership)."""

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name


class ServiceArea(BaseModel):
    """A group of teams headed by a service manager."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="service_areas")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="service_area_code_unique_in_authority"),
        ]

    def __str__(self) -> str:
        return self.name


class Team(BaseModel):
    """A team of the authority, identified by its code (spec: staff files create teams by code)."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="teams")
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams"
    )
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="team_code_unique_in_authority"),
        ]

    def __str__(self) -> str:
        return self.name


class Worker(ArchivableModel):
    """A person who holds (or held) social work assignments in the authority."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="workers")
    worker_id = models.CharField("staff reference", max_length=30)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField("e-mail address", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="worker"
    )
    swe_registration = models.CharField(
        "Social Work England registration number", max_length=12, blank=True, validators=[SWE_REGISTRATION_VALIDATOR]
    )
    swe_renewal_date = models.DateField("registration renewal date", null=True, blank=True)
    # CSWW items. Equality data (date of birth, gender, ethnicity) is shown only to HR and the worker.
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    qualification_route = models.CharField(max_length=20, choices=QualificationRoute.choices, blank=True)
    start_origin = models.CharField(max_length=2, choices=StartOrigin.choices, blank=True)
    leaver_destination = models.CharField(max_length=2, choices=LeaverDestination.choices, blank=True)
    pq_status = models.CharField(
        "post-qualifying status", max_length=20, choices=PostQualifyingStatus.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "worker_id"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "worker_id"], name="worker_id_unique_in_authority"),
        ]
        indexes = [models.Index(fields=["authority", "last_name", "first_name"], name="worker_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Assignment(BaseModel):
    """A period during which a worker holds a post in a team. Assignments of one worker never overlap."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="assignments")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    job_title = models.CharField("local job title or career level", max_length=100, blank=True)
    contract = models.CharField(max_length=20, choices=Contract.choices)
    fte = models.DecimalField("FTE", max_digits=5, decimal_places=4)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=30, choices=LeavingReason.choices, blank=True)
    covers_vacancy = models.BooleanField(null=True, blank=True, help_text="Agency assignments only.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["worker", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "start_date"], name="assignment_unique_worker_start"),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="assignment_fte_range"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=False) | Q(leaving_reason=""),
                name="assignment_reason_only_when_ended",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "start_date"], name="assignment_team_start_idx"),
            models.Index(fields=["start_date"], name="assignment_start_idx"),
            models.Index(fields=["end_date"], name="assignment_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} in {self.team} from {self.start_date:%d/%m/%Y}"

    @property
    def is_leaver(self) -> bool:
        return self.end_date is not None and self.leaving_reason != LeavingReason.INTERNAL_MOVE


class Establishment(BaseModel):
    """The funded social worker FTE of a team from a date; the latest record on or before a date applies."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="establishment_records")
    effective_from = models.DateField()
    establishment_fte = models.DecimalField(
        "establishment FTE", max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["team", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["team", "effective_from"], name="establishment_unique_team_date"),
            models.CheckConstraint(condition=Q(establishment_fte__gte=0), name="establishment_fte_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.establishment_fte} FTE from {self.effective_from:%d/%m/%Y}"


CASE_TYPE_FIELDS = ("child_in_need", "child_protection", "child_in_care", "care_leaver", "other_cases")


class CaseloadRecord(BaseModel):
    """The number of cases (children) a worker holds on a date; optionally split by case type."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="caseload_records")
    date = models.DateField()
    cases = models.PositiveIntegerField()
    child_in_need = models.PositiveIntegerField(null=True, blank=True)
    child_protection = models.PositiveIntegerField(null=True, blank=True)
    child_in_care = models.PositiveIntegerField(null=True, blank=True)
    care_leaver = models.PositiveIntegerField(null=True, blank=True)
    other_cases = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["worker", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "date"], name="caseload_unique_worker_date"),
        ]
        indexes = [models.Index(fields=["date"], name="caseload_date_idx")]

    def __str__(self) -> str:
        return f"{self.worker}: {self.cases} cases on {self.date:%d/%m/%Y}"


class Absence(BaseModel):
    """A period of absence and the working days it lost."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="absences")
    start_date = models.DateField()
    end_date = models.DateField()
    type = models.CharField(max_length=20, choices=AbsenceType.choices)
    working_days_lost = models.DecimalField(max_digits=6, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["worker", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "start_date"], name="absence_unique_worker_start"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="absence_end_not_before_start"
            ),
            models.CheckConstraint(condition=Q(working_days_lost__gte=0), name="absence_days_not_negative"),
        ]
        indexes = [models.Index(fields=["start_date"], name="absence_start_idx")]

    def __str__(self) -> str:
        return f"{self.worker}: {self.get_type_display()} from {self.start_date:%d/%m/%Y}"


class RoleAssignment(BaseModel):
    """A user's role in an authority: team managers name a team, service managers a service area."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=UserRole.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments")
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "authority", "role", "team", "service_area"],
                name="role_assignment_unique",
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.TEAM_MANAGER) | Q(team__isnull=False),
                name="team_manager_names_a_team",
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.SERVICE_MANAGER) | Q(service_area__isnull=False),
                name="service_manager_names_a_service_area",
            ),
        ]

    def __str__(self) -> str:
        where = self.team or self.service_area or self.authority
        return f"{self.user}: {self.get_role_display()} ({where})"


class ImportRun(BaseModel):
    """One import of a file (spec section 4): who, when, what, how many rows; also serialises imports."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        PREVIEWED = "previewed", "Previewed"
        REFUSED = "refused", "Refused"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="import_runs")
    kind = models.CharField(max_length=20)
    filename = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} import of {self.filename or 'a file'} ({self.get_status_display()})"


# ---------------------------------------------------------------------------
# Dashboard settings: targets, comparators, caseload thresholds and workload weights (set by administrators).
# ---------------------------------------------------------------------------
class IndicatorKey(models.TextChoices):
    """Indicators that have targets and published comparators."""

    TURNOVER_RATE = "turnover_rate", "Turnover rate (%)"
    AGENCY_RATE = "agency_rate", "Agency rate (%)"
    VACANCY_RATE = "vacancy_rate", "Vacancy rate (%)"
    AVERAGE_CASELOAD = "average_caseload", "Average caseload"
    ABSENCE_RATE = "absence_rate", "Sickness absence rate (%)"
    PRACTICE_LEADER_TURNOVER_RATE = "practice_leader_turnover_rate", "Practice leader turnover rate (%)"


class ComparatorFigure(BaseModel):
    """A published figure to compare with: England (shipped), or a region or statistical neighbours (entered)."""

    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"

    authority = models.ForeignKey(
        Authority,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comparator_figures",
        help_text="Empty for England figures, which every authority sees.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    label = models.CharField(
        max_length=100, help_text="For example 'England', 'North West' or 'Statistical neighbours'."
    )
    as_at = models.DateField(help_text="The census date the figure is for (30 September).")
    indicator = models.CharField(max_length=40, choices=IndicatorKey.choices)
    value = models.DecimalField(max_digits=7, decimal_places=1)
    source = models.CharField(max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "label", "-as_at", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "kind", "label", "as_at", "indicator"], name="comparator_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.get_indicator_display()} at {self.as_at:%d/%m/%Y}: {self.value}"


class IndicatorTarget(BaseModel):
    """The authority's own target for an indicator, from a date."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.CharField(max_length=40, choices=IndicatorKey.choices)
    value = models.DecimalField(max_digits=7, decimal_places=1)
    effective_from = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "indicator", "effective_from"], name="target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} target {self.value} from {self.effective_from:%d/%m/%Y}"


class WorkloadSettings(BaseModel):
    """An authority's caseload thresholds and weighted-workload scheme; teams may override the thresholds."""

    authority = models.OneToOneField(Authority, on_delete=models.CASCADE, related_name="workload_settings")
    caseload_threshold = models.PositiveIntegerField(default=20, help_text="Cases above which a worker needs action.")
    asye_caseload_threshold = models.PositiveIntegerField(default=15, help_text="The same for ASYE workers.")
    capacity_points_per_fte = models.PositiveIntegerField(default=100)
    asye_capacity_points_per_fte = models.PositiveIntegerField(default=80)
    child_in_need_points = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("4"))
    child_protection_points = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("6"))
    child_in_care_points = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("5"))
    care_leaver_points = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("3"))
    other_cases_points = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("3"))

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "workload settings"

    def __str__(self) -> str:
        return f"Workload settings of {self.authority}"


class TeamThreshold(BaseModel):
    """A team's own caseload thresholds, overriding the authority's."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="threshold")
    caseload_threshold = models.PositiveIntegerField()
    asye_caseload_threshold = models.PositiveIntegerField()

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Thresholds of {self.team}: {self.caseload_threshold} ({self.asye_caseload_threshold} ASYE)"


# ---------------------------------------------------------------------------
# Agency engagements (DfE statutory guidance on agency child and family social workers, from 31 October 2024).
# ---------------------------------------------------------------------------
class AgencyJobType(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_SOCIAL_WORKER = "senior_social_worker", "Senior or experienced social worker"
    PRACTICE_SUPERVISOR = "practice_supervisor", "Practice supervisor / team manager"
    PRACTICE_LEADER = "practice_leader", "Practice leader / service manager"


class AgencyEngagement(BaseModel):
    """The engagement details of an agency assignment."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="agency_engagement")
    agency = models.CharField(max_length=200)
    job_type = models.CharField(max_length=30, choices=AgencyJobType.choices, default=AgencyJobType.SOCIAL_WORKER)
    pay_rate = models.DecimalField("hourly pay rate (£)", max_digits=7, decimal_places=2)
    employer_ni = models.DecimalField("employer's National Insurance per hour (£)", max_digits=7, decimal_places=2)
    apprenticeship_levy = models.DecimalField("apprenticeship levy per hour (£)", max_digits=7, decimal_places=2)
    regional_price_cap = models.DecimalField("regional price cap per hour (£)", max_digits=7, decimal_places=2)
    pq_experience_years = models.DecimalField(
        "years of post-qualifying experience in child and family social work", max_digits=4, decimal_places=1
    )
    notice_period_weeks = models.PositiveIntegerField()
    dcs_signoff_on = models.DateField("DCS sign-off date", null=True, blank=True)
    chief_executive_signoff_on = models.DateField("chief executive sign-off date", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pay_rate__gte=0), name="agency_pay_rate_not_negative"),
            models.CheckConstraint(condition=Q(employer_ni__gte=0), name="agency_ni_not_negative"),
            models.CheckConstraint(condition=Q(apprenticeship_levy__gte=0), name="agency_levy_not_negative"),
            models.CheckConstraint(condition=Q(regional_price_cap__gte=0), name="agency_cap_not_negative"),
            models.CheckConstraint(condition=Q(pq_experience_years__gte=0), name="agency_pqe_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.worker} via {self.agency}"

    @property
    def hourly_charge(self) -> Decimal:
        return self.pay_rate + self.employer_ni + self.apprenticeship_levy
