"""Career progression (spec section 2, careers): the practice framework as versioned data, career levels and their
criteria, evidence with its review workflow, and progression applications decided by panels.

Framework items carry a stable ``key`` (their meaning) across versions; evidence points at the items of the
version it was written against, so rewording a principle in a new version never changes old evidence, and the
progress grid matches evidence to criteria by key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import AttachmentBase, BaseModel
from cpd.models import CpdRecord
from workforce.models import Authority, Worker


class FrameworkVersion(BaseModel):
    """One wording of a framework: the national framework, the consultation, an authority's adaptation, PCF, PQS."""

    class Family(models.TextChoices):
        PRACTICE = "practice", "Children's Social Care National Framework"
        PCF = "pcf", "Professional Capabilities Framework (BASW)"
        PQS = "pqs", "Post-qualifying standards (DfE)"

    family = models.CharField(max_length=10, choices=Family.choices, default=Family.PRACTICE)
    code = models.CharField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    authority = models.ForeignKey(
        Authority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="framework_versions",
        help_text="Empty for reference data shipped with the app; set for an authority's own adaptation.",
    )
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="adaptations")
    published_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family", "-published_on", "code"]

    def __str__(self) -> str:
        return self.name


class FrameworkItem(BaseModel):
    """A principle, outcome or enabler (or a PCF domain / PQS standard) in one version's wording."""

    class Kind(models.TextChoices):
        PRINCIPLE = "principle", "Principle"
        OUTCOME = "outcome", "Outcome"
        ENABLER = "enabler", "Enabler"
        DOMAIN = "domain", "Domain"
        STANDARD = "standard", "Standard"

    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(
        max_length=60, help_text="The item's meaning, the same in every version that words it differently."
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="framework_item_key_once_per_version"),
            models.UniqueConstraint(fields=["version", "kind", "number"], name="framework_item_number_once_per_kind"),
        ]

    def __str__(self) -> str:
        return self.title


class CareersSettings(BaseModel):
    """An authority's choices: which practice framework version it uses, and when a review is overdue."""

    authority = models.OneToOneField(Authority, on_delete=models.CASCADE, related_name="careers_settings")
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    review_overdue_days = models.PositiveSmallIntegerField(
        "review overdue after (days)", default=10, help_text="Submitted evidence waiting longer than this is overdue."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "careers settings"
        verbose_name_plural = "careers settings"


class CareerLevel(BaseModel):
    """A step of the authority's pathway, with the criteria for moving up to it."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="career_levels")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(help_text="Position on the ladder, lowest first.")
    description = models.TextField(blank=True)
    required_items = models.ManyToManyField(
        FrameworkItem,
        blank=True,
        related_name="required_by_levels",
        help_text="Principles and outcomes that accepted evidence must cover (matched by meaning across versions).",
    )
    min_accepted_evidence = models.PositiveSmallIntegerField("accepted pieces of evidence needed", default=0)
    min_months_at_previous_level = models.PositiveSmallIntegerField("months at the level below needed", default=0)
    disabled_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["authority", "order"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="career_level_code_unique"),
            models.UniqueConstraint(fields=["authority", "order"], name="career_level_order_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkerLevel(BaseModel):
    """A worker's career level from a date; the latest one on or before a date applies. Kept, never overwritten."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="career_levels")
    level = models.ForeignKey(CareerLevel, on_delete=models.PROTECT, related_name="worker_levels")
    effective_from = models.DateField()
    application = models.OneToOneField(
        "ProgressionApplication", null=True, blank=True, on_delete=models.PROTECT, related_name="level_record"
    )
    note = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["worker", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "effective_from"], name="worker_level_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.level} from {self.effective_from:%d %b %Y}"


class Evidence(BaseModel):
    """A piece of practice, described by the worker and reviewed by their team manager."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for review"
        RETURNED = "returned", "Returned with comments"
        ACCEPTED = "accepted", "Accepted"

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="evidence")
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(max_length=200)
    practice_date = models.DateField("when it happened", null=True, blank=True)
    what_happened = models.TextField("what happened", blank=True)
    what_i_did = models.TextField("what you did", blank=True)
    impact = models.TextField("the impact for the child and family", blank=True)
    items = models.ManyToManyField(FrameworkItem, blank=True, related_name="evidence")
    cpd_records = models.ManyToManyField(CpdRecord, blank=True, related_name="evidence")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="When it was last submitted.")
    decided_at = models.DateTimeField(null=True, blank=True, help_text="When it was last accepted or returned.")
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "evidence"
        indexes = [
            models.Index(fields=["worker", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceTransition(models.Model):
    """One step of the workflow: who moved the evidence from which state to which, when, and what they said."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Submitted"
        RESUBMIT = "resubmit", "Resubmitted"
        ACCEPT = "accept", "Accepted"
        RETURN = "return", "Returned with comments"

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Evidence.Status.choices)
    to_status = models.CharField(max_length=10, choices=Evidence.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(action="return") | ~Q(comment=""), name="evidence_return_has_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d %b %Y}"


class EvidenceAttachment(AttachmentBase):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]


class Panel(BaseModel):
    """A progression panel; its members are named by an administrator."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="panels")
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="panels")
    disabled_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="panel_name_unique")]

    def __str__(self) -> str:
        return self.name


class ProgressionApplication(BaseModel):
    """An application to move up to a level, with the portfolio of accepted evidence it was sent with."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "With the panel"
        APPROVED = "approved", "Approved"
        DEFERRED = "deferred", "Deferred"
        WITHDRAWN = "withdrawn", "Withdrawn"

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="progression_applications")
    current_level = models.ForeignKey(CareerLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level_sought = models.ForeignKey(CareerLevel, on_delete=models.PROTECT, related_name="applications")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="applications")
    statement = models.TextField("supporting statement", blank=True)
    evidence = models.ManyToManyField(Evidence, related_name="applications")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    approved_from = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_from__isnull=False),
                name="approved_application_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="deferred") | ~Q(decision_reasons=""),
                name="deferred_application_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} for {self.level_sought}"
