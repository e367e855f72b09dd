"""CPD (spec section 2, cpd): records in Social Work England's shape, protected CPD days and mandatory training.

The registration year runs from 1 December to 30 November and is named after the year it ends in: registration
year 2026 is 1 December 2025 to 30 November 2026 (see cpd/years.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import AttachmentBase, BaseModel
from workforce.models import Authority, Worker


class ActivityType(models.TextChoices):
    """The types of CPD that Social Work England's online form offers."""

    COURSE = "course", "Course or training"
    ELEARNING = "elearning", "E-learning"
    CONFERENCE = "conference", "Conference, seminar or webinar"
    READING = "reading", "Reading or research"
    SUPERVISION = "supervision", "Supervision or case discussion"
    PEER_LEARNING = "peer_learning", "Peer learning or reflective group"
    SHADOWING = "shadowing", "Shadowing or observation"
    QUALIFICATION = "qualification", "Qualification or accredited programme"
    OTHER = "other", "Other"


class Standard(models.TextChoices):
    """Social Work England's six professional standards."""

    S1 = "1", "1. Promote the rights, strengths and wellbeing of people, families and communities"
    S2 = "2", "2. Establish and maintain the trust and confidence of people"
    S3 = "3", "3. Be accountable for the quality of my practice and the decisions I make"
    S4 = "4", "4. Maintain my continuing professional development"
    S5 = "5", "5. Act safely, respectfully and with professional integrity"
    S6 = "6", "6. Promote ethical practice and report concerns"


class Standard4Part(models.TextChoices):
    """The parts of standard 4 that SWE asks a CPD record to show."""

    P41 = "4.1", "4.1 Incorporate feedback from a range of sources, including from people with lived experience"
    P42 = "4.2", "4.2 Use supervision and feedback to critically reflect on, and identify my learning needs"
    P43 = "4.3", "4.3 Keep my practice up to date and record how I use research, theories and frameworks"
    P44 = "4.4", "4.4 Demonstrate good subject knowledge on key aspects of social work practice"
    P45 = "4.5", "4.5 Contribute to an open and creative learning culture in the workplace"
    P46 = "4.6", "4.6 Reflect on my learning activities and evidence what impact continuing development has"
    P47 = "4.7", "4.7 Record my learning and reflection on a regular basis and in accordance with SWE's guidance"
    P48 = "4.8", "4.8 Reflect on my own values and challenge the impact they have on my practice"


class CpdSettings(BaseModel):
    """An authority's CPD rules: protected days, reminder points and the training expiry window."""

    authority = models.OneToOneField(Authority, on_delete=models.CASCADE, related_name="cpd_settings")
    days_per_year = models.DecimalField(
        "protected CPD days a year",
        max_digits=4,
        decimal_places=1,
        default=Decimal("3"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    pro_rata = models.BooleanField(
        "pro rata to FTE", default=False, help_text="Part-time workers get the days multiplied by their FTE."
    )
    reminder_days = models.JSONField(
        "reminder points (days before 30 November)",
        default=list,
        blank=True,
        help_text="For example 90, 60, 30, 14 and 7.",
    )
    training_expiring_days = models.PositiveIntegerField(
        "training expiring window (days)", default=60, help_text="Training that expires within this many days."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "CPD settings"
        verbose_name_plural = "CPD settings"

    def __str__(self) -> str:
        return f"CPD settings of {self.authority}"


DEFAULT_REMINDER_DAYS = [90, 60, 30, 14, 7]


class CpdRecord(BaseModel):
    """One piece of CPD, in the order of SWE's online form; or an uploaded existing document (kind DOCUMENT)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        RECORDED = "recorded", "Recorded"

    class Kind(models.TextChoices):
        WRITTEN = "written", "Written record"
        DOCUMENT = "document", "Uploaded document"

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="cpd_records")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WRITTEN)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    registration_year = models.PositiveSmallIntegerField(
        help_text="The SWE registration year, named after the year it ends in (1 December to 30 November)."
    )
    title = models.CharField("title", max_length=200)
    activity_type = models.CharField("type of CPD", max_length=20, choices=ActivityType.choices)
    start_date = models.DateField("date of the activity")
    end_date = models.DateField("end date", null=True, blank=True)
    description = models.TextField("description of the activity and why it is relevant", blank=True)
    learning = models.TextField("what you learned", blank=True)
    impact = models.TextField("the impact on your practice and the people you work with", blank=True)
    peer_reflection = models.TextField("what you learned from reflecting with a peer", blank=True)
    peer_name = models.CharField("peer's name", max_length=200, blank=True)
    peer_role = models.CharField("peer's role", max_length=200, blank=True)
    standards = models.JSONField("professional standards", default=list, blank=True)
    standard_4_parts = models.JSONField("parts of standard 4", default=list, blank=True)
    hours = models.DecimalField(
        "time spent (hours)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["worker", "registration_year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="cpd_record_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_peer_reflection(self) -> bool:
        return bool(self.peer_reflection.strip())


class CpdAttachment(AttachmentBase):
    """A certificate, notes, or (for a DOCUMENT record) the document itself."""

    record = models.ForeignKey(CpdRecord, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]


class CpdDayAllowance(BaseModel):
    """A worker's own allowance for one registration year, replacing the authority's rule (e.g. agreed extra days)."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="cpd_day_allowances")
    registration_year = models.PositiveSmallIntegerField()
    days = models.DecimalField(max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0"))])
    reason = models.CharField(max_length=255)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "registration_year"], name="cpd_day_allowance_once_a_year")
        ]


class CpdDayRequest(BaseModel):
    """A request for protected CPD time; the team manager approves or refuses it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        CANCELLED = "cancelled", "Cancelled"

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="cpd_day_requests")
    registration_year = models.PositiveSmallIntegerField()
    start_date = models.DateField("first day")
    days = models.DecimalField("days", max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))])
    purpose = models.CharField("what the time is for", max_length=300)
    cpd_record = models.ForeignKey(
        CpdRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="day_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["worker", "registration_year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="cpd_day_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days} CPD days from {self.start_date:%d %b %Y}"


class TrainingCourse(BaseModel):
    """A course the authority requires, and how long a completion stays valid (None: it never expires)."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="training_courses")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    validity_months = models.PositiveSmallIntegerField(
        "valid for (months)", null=True, blank=True, help_text="Leave empty if it never needs refreshing."
    )
    disabled_on = models.DateField(null=True, blank=True, help_text="No longer required from this date.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "code"]
        constraints = [models.UniqueConstraint(fields=["authority", "code"], name="training_course_code_unique")]

    def __str__(self) -> str:
        return self.name


class TrainingCompletion(BaseModel):
    """A worker completed a course on a date; valid until expires_on (exclusive), when the course expires."""

    class Source(models.TextChoices):
        RECORDED = "recorded", "Recorded"
        IMPORTED = "imported", "Imported"

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="training_completions")
    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.RECORDED)
    note = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["course", "worker", "-completed_on"])]
        constraints = [
            models.UniqueConstraint(fields=["worker", "course", "completed_on"], name="training_completion_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.completed_on:%d %b %Y}"


class ReminderSent(models.Model):
    """A reminder point that has been e-mailed, so that `send_cpd_reminders` sends each one once."""

    class Audience(models.TextChoices):
        WORKER = "worker", "Worker"
        MANAGER = "manager", "Manager"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    registration_year = models.PositiveSmallIntegerField()
    days_before = models.PositiveSmallIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration_year", "days_before", "worker"],
                condition=Q(audience="worker"),
                name="cpd_reminder_to_worker_once",
            ),
            models.UniqueConstraint(
                fields=["registration_year", "days_before", "user"],
                condition=Q(audience="manager"),
                name="cpd_reminder_to_manager_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day reminder for {self.registration_year} to {self.audience}"
