"""The user account and the abstract base models every app builds on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.attachments import get_private_storage, upload_to


class EmailUserManager(UserManager):
    """A user manager for accounts identified by e-mail address alone."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields: Any) -> User:  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Identified by e-mail; roles are held in workforce.RoleAssignment."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class BaseModel(models.Model):
    """Audit fields: when a row was created and last changed, and by whom."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        abstract = True


class ArchivableModel(BaseModel):
    """Records of people are archived, never deleted; an administrator can restore them."""

    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self, *, user: Any, reason: str) -> None:
        self.archived_at = timezone.now()
        self.archived_by = user
        self.archived_reason = reason
        self.updated_by = user
        self.save(update_fields=["archived_at", "archived_by", "archived_reason", "updated_by", "updated_at"])

    def unarchive(self, *, user: Any) -> None:
        self.archived_at = None
        self.archived_by = None
        self.archived_reason = ""
        self.updated_by = user
        self.save(update_fields=["archived_at", "archived_by", "archived_reason", "updated_by", "updated_at"])


class AttachmentBase(BaseModel):
    """A file attached to a record: stored privately under a random name, served only through an access check."""

    file = models.FileField(storage=get_private_storage, upload_to=upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


# ---------------------------------------------------------------------------
# Data protection (UK GDPR): retention policies and the log of subject access exports and retention runs.
# See core/privacy/ and docs/adr/0021-subject-access-and-retention.md.
# ---------------------------------------------------------------------------
RETENTION_DEFAULT_YEARS = 6
RETENTION_MAX_YEARS = 100


class RetentionPolicy(BaseModel):
    """How long an authority keeps one type of a leaver's records after they left, and whether the rule runs.

    Keyed by the authority's code, not a foreign key: ``core.models`` imports nothing from the domain apps.
    """

    class RecordType(models.TextChoices):
        LEAVER_PERSONAL_DATA = "leaver_personal_data", "Leavers’ personal details and sign-in account"
        CPD_RECORDS = "cpd_records", "Leavers’ CPD records, CPD day requests and training notes"
        EVIDENCE = "evidence", "Leavers’ evidence, reviews and progression applications"

    authority_code = models.CharField(max_length=30)
    record_type = models.CharField(max_length=30, choices=RecordType.choices)
    years = models.PositiveSmallIntegerField(
        "years after leaving",
        default=RETENTION_DEFAULT_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_MAX_YEARS)],
    )
    is_active = models.BooleanField("active", default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["authority_code", "record_type"]
        verbose_name_plural = "retention policies"
        constraints = [
            models.UniqueConstraint(fields=["authority_code", "record_type"], name="retention_policy_once_a_type"),
            models.CheckConstraint(
                condition=models.Q(years__gte=1) & models.Q(years__lte=RETENTION_MAX_YEARS),
                name="retention_policy_years_range",
            ),
        ]

    def __str__(self) -> str:
        state = "active" if self.is_active else "not active"
        return f"{self.authority_code}: {self.get_record_type_display()} after {self.years} years ({state})"


class DataProtectionEvent(models.Model):
    """One subject access download or one retention run: what, when, who, how many. Append-only."""

    class Kind(models.TextChoices):
        SUBJECT_ACCESS = "subject_access", "Subject access export"
        RETENTION = "retention", "Retention run"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    authority_code = models.CharField(max_length=30, blank=True)
    worker_pk = models.PositiveBigIntegerField("worker", null=True, blank=True)
    format = models.CharField(max_length=10, blank=True)
    count = models.PositiveIntegerField(default=0, help_text="Rows exported, or workers changed.")
    details = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}: {self.summary}"


# The audit rows that simple-history does not keep (sign-ins, downloads) live beside their middleware and signals.
from core.audit.models import DownloadLog, SignInEvent  # noqa: E402, F401
