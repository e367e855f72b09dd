"""Retention of leavers' records: when an authority's policy says a leaver's records have been kept long enough,
anonymise them, and keep what the indicators of past years need.

A leaver, for a policy of N years at a date D, is a worker with at least one assignment, none of them open or
ended on or after D minus N years: they left more than N years before D and have not come back. Three record types
have policies (``RetentionPolicy.RecordType``), each applied on its own:

- leavers' personal data: name → "Anonymised", staff reference → "ANON-<pk>", e-mail, date of birth, SWE
  registration number and renewal date emptied; the sign-in account (unless used since the cutoff) deactivated, its
  e-mail and name scrubbed, its verified addresses, multi-factor keys and sign-in logs deleted;
- CPD records: every non-empty free text (title, description, learning, impact, peer reflection, the peer's name
  and role; day request purposes and refusal reasons; allowance reasons; training notes) → "Anonymised", and the
  attached files deleted from disk with their rows;
- evidence: the same for evidence texts, review comments, progression statements and decision reasons, and
  career level notes, and evidence attachments.

Texts become "Anonymised" rather than empty so that whatever counts a non-empty text (a CPD record "with peer
reflection", a return "with comments") counts the same afterwards, and the database constraints that require a
text still hold. The history tables (django-simple-history) hold copies of every version: their personal fields
are scrubbed the same way, so who changed what and when stays, but not the personal values.

Kept, because past indicators and returns need them: assignments (team, role, contract, FTE, dates, leaving
reason), agency engagements, caseload counts, absences (dates, type, days lost) and the census fields used for
anonymous counts (gender, ethnicity, qualification route, start origin, leaver destination, post-qualifying
status). See docs/data-protection.md and docs/adr/0021-subject-access-and-retention.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from careers.models import Evidence, EvidenceAttachment, EvidenceTransition, ProgressionApplication, WorkerLevel
from core.models import DataProtectionEvent, RetentionPolicy, User
from cpd.models import CpdAttachment, CpdDayAllowance, CpdDayRequest, CpdRecord, TrainingCompletion
from workforce.models import Assignment, Authority, Worker

RecordType = RetentionPolicy.RecordType
SHORT_LABELS = {
    RecordType.LEAVER_PERSONAL_DATA: "personal data",
    RecordType.CPD_RECORDS: "CPD records",
    RecordType.EVIDENCE: "evidence",
}
ANONYMISED = "Anonymised"
CHANGE_REASON = "Anonymised under the retention policy"
UNKNOWN_AUTHORITY = "There is no authority with the code {code}."


def pseudonym(worker_pk: int) -> str:
    """The staff reference an anonymised worker keeps: stable, unique in the authority, meaningless outside it."""
    return f"ANON-{worker_pk}"


def anonymised_email(user_pk: int) -> str:
    """A unique address in the reserved .invalid domain: it can never receive mail."""
    return f"anonymised-{user_pk}@anonymised.invalid"


def years_before(on: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier; 29 February gives 28 February."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


# ---------------------------------------------------------------------------
# What each record type anonymises.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TextTable:
    """A table of the worker's records whose free texts are anonymised; ``worker`` is the lookup to the worker."""

    model: type[models.Model]
    worker: str
    fields: tuple[str, ...]
    label: str

    def rows(self, worker: Worker) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.worker: worker})

    def history(self, worker: Worker) -> models.QuerySet | None:
        """The historical versions of the worker's rows (deleted rows included), if the model keeps history."""
        if not hasattr(self.model, "history"):
            return None
        return self.model.history.filter(**{f"{self.worker}_id": worker.pk})


def _needs_text(fields: Iterable[str]) -> Q:
    """Rows with at least one text that is neither empty nor already anonymised."""
    condition = Q()
    for name in fields:
        condition |= ~Q(**{name: ""}) & ~Q(**{name: ANONYMISED})
    return condition


TEXT_TABLES: dict[str, tuple[TextTable, ...]] = {
    RecordType.CPD_RECORDS: (
        TextTable(
            CpdRecord,
            "worker",
            ("title", "description", "learning", "impact", "peer_reflection", "peer_name", "peer_role"),
            "CPD records",
        ),
        TextTable(CpdDayRequest, "worker", ("purpose", "refusal_reason"), "CPD day requests"),
        TextTable(CpdDayAllowance, "worker", ("reason",), "CPD day allowances"),
        TextTable(TrainingCompletion, "worker", ("note",), "training completions"),
    ),
    RecordType.EVIDENCE: (
        TextTable(Evidence, "worker", ("title", "what_happened", "what_i_did", "impact"), "evidence"),
        TextTable(EvidenceTransition, "evidence__worker", ("comment",), "review comments"),
        TextTable(ProgressionApplication, "worker", ("statement", "decision_reasons"), "progression applications"),
        TextTable(WorkerLevel, "worker", ("note",), "career level notes"),
    ),
}
# (attachment model, lookup to the worker, the parent model and its field on the attachment)
ATTACHMENTS: dict[str, tuple[type[models.Model], str, type[models.Model], str]] = {
    RecordType.CPD_RECORDS: (CpdAttachment, "record__worker", CpdRecord, "record"),
    RecordType.EVIDENCE: (EvidenceAttachment, "evidence__worker", Evidence, "evidence"),
}
WORKER_PERSONAL_FIELDS = ("first_name", "last_name", "worker_id", "email", "swe_registration", "swe_renewal_date")
WORKER_DROPPED_FIELDS = (*WORKER_PERSONAL_FIELDS, "date_of_birth")


def _anonymous_worker_values(worker_pk: int) -> dict[str, Any]:
    return {
        "first_name": ANONYMISED,
        "last_name": ANONYMISED,
        "worker_id": pseudonym(worker_pk),
        "email": "",
        "swe_registration": "",
        "swe_renewal_date": None,
        "date_of_birth": None,
    }


def _not_anonymous_q(values: dict[str, Any]) -> Q:
    condition = Q()
    for name, value in values.items():
        condition |= Q(**{f"{name}__isnull": False}) if value is None else ~Q(**{name: value})
    return condition


def _user_needs(user: User | None, cutoff: dt.date) -> bool:
    """Whether the linked account still holds anything to anonymise. An account used since the cutoff is left
    alone: its owner still signs in (for example in another role), and closing it would lock them out."""
    if user is None:
        return False
    if user.last_login is not None and timezone.localdate(user.last_login) >= cutoff:
        return False
    return (
        user.is_active
        or user.email != anonymised_email(user.pk)
        or bool(user.full_name or user.first_name or user.last_name)
        or user.has_usable_password()
    )


def _attachment_history(record_type: str, worker: Worker) -> models.QuerySet:
    model, _, parent, parent_field = ATTACHMENTS[record_type]
    parent_ids = parent.history.filter(worker_id=worker.pk).values_list("id", flat=True)
    return model.history.filter(**{f"{parent_field}_id__in": list(parent_ids)})


# ---------------------------------------------------------------------------
# The plan: what would change, per worker and record type.
# ---------------------------------------------------------------------------
@dataclass
class Change:
    """What anonymising one record type of one leaver changes: a count per kind of row."""

    authority_code: str
    worker: Worker
    record_type: str
    counts: dict[str, int] = field(default_factory=dict)
    reference: str = ""
    cutoff: dt.date | None = None  # personal data: sign-in accounts used since this date are kept

    def __post_init__(self) -> None:
        self.reference = self.reference or self.worker.worker_id

    def describe(self, *, dry_run: bool) -> str:
        # A real run's output goes to logs: it names the worker by database ID only, not by staff reference.
        verb = "would anonymise" if dry_run else "anonymised"
        who = f"#{self.worker.pk} ({self.reference})" if dry_run else f"#{self.worker.pk}"
        what = ", ".join(f"{label}: {count}" for label, count in self.counts.items() if count)
        return f"{self.authority_code} worker {who}: {verb} {SHORT_LABELS[self.record_type]} ({what})"


def _personal_data_change(code: str, worker: Worker, cutoff: dt.date) -> Change | None:
    values = _anonymous_worker_values(worker.pk)
    counts = {
        "staff records": int(any(getattr(worker, name) != value for name, value in values.items())),
        "sign-in accounts": int(_user_needs(worker.user, cutoff)),
        "history rows": Worker.history.filter(_not_anonymous_q(values), id=worker.pk).count(),
    }
    if not any(counts.values()):
        return None
    return Change(code, worker, RecordType.LEAVER_PERSONAL_DATA, counts, cutoff=cutoff)


def _text_change(code: str, worker: Worker, record_type: str) -> Change | None:
    counts: dict[str, int] = {}
    history_rows = 0
    for table in TEXT_TABLES[record_type]:
        counts[table.label] = table.rows(worker).filter(_needs_text(table.fields)).count()
        history = table.history(worker)
        if history is not None:
            history_rows += history.filter(_needs_text(table.fields)).count()
    model, lookup, _, _ = ATTACHMENTS[record_type]
    counts["attachments"] = model._default_manager.filter(**{lookup: worker}).count()
    history_rows += _attachment_history(record_type, worker).filter(~Q(original_name=ANONYMISED) | ~Q(file="")).count()
    counts["history rows"] = history_rows
    return Change(code, worker, record_type, counts) if any(counts.values()) else None


def leavers(*, authority: Authority, on: dt.date, years: int) -> models.QuerySet[Worker]:
    """Workers who left more than ``years`` years before the date and hold no assignment since (nor now)."""
    cutoff = years_before(on, years)
    assignments = Assignment.objects.filter(worker=OuterRef("pk"))
    recent = assignments.filter(Q(end_date__isnull=True) | Q(end_date__gte=cutoff))
    return (
        Worker.objects.filter(authority=authority)
        .filter(Exists(assignments))
        .exclude(Exists(recent))
        .select_related("user")
        .order_by("pk")
    )


def active_policies(authority: Authority) -> list[RetentionPolicy]:
    return list(RetentionPolicy.objects.filter(authority_code=authority.code, is_active=True).order_by("record_type"))


def retention_plan(*, on: dt.date, authorities: Iterable[Authority]) -> list[Change]:
    """Every change the active policies call for at the date, one per worker and record type."""
    changes: list[Change] = []
    for authority in authorities:
        for policy in active_policies(authority):
            for worker in leavers(authority=authority, on=on, years=policy.years):
                if policy.record_type == RecordType.LEAVER_PERSONAL_DATA:
                    change = _personal_data_change(authority.code, worker, years_before(on, policy.years))
                else:
                    change = _text_change(authority.code, worker, policy.record_type)
                if change is not None:
                    changes.append(change)
    order = list(RecordType.values)
    return sorted(changes, key=lambda c: (c.authority_code, c.worker.pk, order.index(c.record_type)))


# ---------------------------------------------------------------------------
# Applying it.
# ---------------------------------------------------------------------------
def _delete_sign_in_records(user: User, old_email: str) -> None:
    """Verified addresses, multi-factor keys and sign-in logs of an anonymised account."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(username__iexact=old_email).delete()
    try:
        sign_ins = apps.get_model("core", "SignInEvent")  # the audit log, when installed
    except LookupError:
        return
    sign_ins.objects.filter(Q(user=user) | Q(email__iexact=old_email)).delete()


def _anonymise_user(user: User) -> None:
    old_email = user.email
    user.email = anonymised_email(user.pk)
    user.full_name = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    _delete_sign_in_records(user, old_email)


def _anonymise_personal_data(worker: Worker, cutoff: dt.date) -> None:
    values = _anonymous_worker_values(worker.pk)
    if any(getattr(worker, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(worker, name, value)
        worker._change_reason = CHANGE_REASON  # recorded on the history row this save writes
        worker.save()
    Worker.history.filter(id=worker.pk).update(**values)
    if _user_needs(worker.user, cutoff):
        _anonymise_user(worker.user)


def _anonymise_texts(worker: Worker, record_type: str) -> list[Any]:
    """Anonymise the record type's texts and delete its attachment rows; returns the files to delete afterwards."""
    for table in TEXT_TABLES[record_type]:
        querysets = [table.rows(worker)]
        history = table.history(worker)
        if history is not None:
            querysets.append(history)
        for queryset in querysets:
            for name in table.fields:
                queryset.filter(~Q(**{name: ""}) & ~Q(**{name: ANONYMISED})).update(**{name: ANONYMISED})
    model, lookup, _, _ = ATTACHMENTS[record_type]
    files = []
    for attachment in model._default_manager.filter(**{lookup: worker}):
        if attachment.file:
            files.append(attachment.file)
        attachment.delete()
    _attachment_history(record_type, worker).update(original_name=ANONYMISED, file="")
    return files


def _delete_files(files: Iterable[Any]) -> None:
    for stored in files:
        stored.storage.delete(stored.name)


@dataclass
class RetentionResult:
    on: dt.date
    dry_run: bool
    scope: str
    changes: list[Change]
    event: DataProtectionEvent | None = None

    @property
    def workers(self) -> int:
        return len({change.worker.pk for change in self.changes})

    def workers_in(self, authority_code: str) -> int:
        return len({change.worker.pk for change in self.changes if change.authority_code == authority_code})

    @property
    def by_type(self) -> dict[str, int]:
        counted = Counter(change.record_type for change in self.changes)
        return {record_type: counted[record_type] for record_type in RecordType.values if counted[record_type]}

    @property
    def lines(self) -> list[str]:
        return [change.describe(dry_run=self.dry_run) for change in self.changes]

    @property
    def summary(self) -> str:
        per_type = ", ".join(f"{SHORT_LABELS[key]}: {count}" for key, count in self.by_type.items())
        leavers_text = f"{self.workers} leaver{'' if self.workers == 1 else 's'}"
        detail = f" ({per_type})" if per_type else ""
        if self.dry_run:
            return (
                f"Dry run of retention at {self.on.isoformat()} for {self.scope}: would anonymise "
                f"{leavers_text}{detail}; nothing changed."
            )
        return f"Retention at {self.on.isoformat()} for {self.scope}: anonymised {leavers_text}{detail}."


def authorities_for(code: str | None) -> list[Authority]:
    """The authority named by its code, or every authority; an unknown code is refused (this command only changes
    existing records, so it never creates an authority)."""
    if code is None:
        return list(Authority.objects.order_by("code"))
    authority = Authority.objects.filter(code=code).first()
    if authority is None:
        raise LookupError(UNKNOWN_AUTHORITY.format(code=code))
    return [authority]


def retention_apply(
    *, on: dt.date, authority_code: str | None = None, dry_run: bool = False, user: User | None = None
) -> RetentionResult:
    """Anonymise what the active policies call for at the date (or only list it, for a dry run).

    Each worker's changes are one transaction; files are deleted once it has committed. A real run writes a
    ``DataProtectionEvent``; a dry run writes nothing at all.
    """
    authorities = authorities_for(authority_code)
    scope = authority_code or "all authorities"
    changes = retention_plan(on=on, authorities=authorities)
    result = RetentionResult(on=on, dry_run=dry_run, scope=scope, changes=changes)
    if dry_run:
        return result
    by_worker: dict[int, list[Change]] = {}
    for change in changes:
        by_worker.setdefault(change.worker.pk, []).append(change)
    for worker_changes in by_worker.values():
        files: list[Any] = []
        with transaction.atomic():
            for change in worker_changes:
                if change.record_type == RecordType.LEAVER_PERSONAL_DATA:
                    _anonymise_personal_data(change.worker, change.cutoff)
                else:
                    files += _anonymise_texts(change.worker, change.record_type)
        _delete_files(files)
    result.event = DataProtectionEvent.objects.create(
        kind=DataProtectionEvent.Kind.RETENTION,
        user=user,
        authority_code=authority_code or "",
        count=result.workers,
        details={
            "as_at": on.isoformat(),
            "by_record_type": result.by_type,
            "by_authority": {authority.code: result.workers_in(authority.code) for authority in authorities},
            "workers": sorted(by_worker),
        },
        summary=result.summary[:500],
    )
    return result


# ---------------------------------------------------------------------------
# Policies (the administrator's page).
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PolicyRow:
    record_type: str
    label: str
    years: int
    is_active: bool


def retention_policies(*, authority_code: str) -> list[PolicyRow]:
    """The authority's policy for each record type; a type without a saved policy shows the default, not active."""
    saved = {p.record_type: p for p in RetentionPolicy.objects.filter(authority_code=authority_code)}
    rows = []
    for record_type in RecordType:
        policy = saved.get(record_type.value)
        rows.append(
            PolicyRow(
                record_type=record_type.value,
                label=record_type.label,
                years=policy.years if policy else RetentionPolicy._meta.get_field("years").default,
                is_active=policy.is_active if policy else False,
            )
        )
    return rows


@transaction.atomic
def retention_policies_save(*, authority_code: str, values: dict[str, tuple[int, bool]], user: User) -> int:
    """Save the years and active flag of each record type; returns how many policies changed."""
    changed = 0
    for record_type, (years, is_active) in values.items():
        policy = RetentionPolicy.objects.filter(authority_code=authority_code, record_type=record_type).first()
        if policy is None:
            policy = RetentionPolicy(authority_code=authority_code, record_type=record_type, created_by=user)
        elif policy.years == years and policy.is_active == is_active:
            continue
        policy.years = years
        policy.is_active = is_active
        policy.updated_by = user
        policy.full_clean()
        policy.save()
        changed += 1
    return changed


@dataclass(frozen=True)
class RunForAuthority:
    at: dt.datetime
    as_at: str
    workers: int
    dry_run: bool = False


def recent_runs(*, authority_code: str, limit: int = 10) -> list[RunForAuthority]:
    """The latest retention runs that covered the authority, with only its own count (a run over every authority
    must not tell one authority's administrator about another's leavers)."""
    events = DataProtectionEvent.objects.filter(kind=DataProtectionEvent.Kind.RETENTION).filter(
        Q(authority_code=authority_code) | Q(authority_code="")
    )
    runs = []
    for event in events[: limit * 5]:
        by_authority = event.details.get("by_authority", {})
        if event.authority_code or authority_code in by_authority:
            runs.append(RunForAuthority(event.at, event.details.get("as_at", ""), by_authority.get(authority_code, 0)))
    return runs[:limit]
