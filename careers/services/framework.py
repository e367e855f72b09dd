"""Writes to the practice framework: adapting a version's wording, choosing the version in use, careers settings.

A framework version is never changed in place once evidence may point at it. Adapting the wording creates a new
version owned by the authority (``based_on`` the source), with every item copied under the same ``key`` and
number, and switches the authority to it; the source version and every piece of evidence written against its items
stay exactly as they were. The progress grid matches evidence by ``key``, so old evidence keeps counting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils.text import slugify

from careers.models import CareersSettings, FrameworkItem, FrameworkVersion
from workforce.models import Authority
from workforce.selectors import today

if TYPE_CHECKING:
    from core.models import User

DEFAULT_VERSION_CODE = "national-2023-12"
NOT_AVAILABLE = "This framework version belongs to another authority."
NOT_PRACTICE = "Only a version of the Children's Social Care National Framework can be used or adapted."
NAME_REQUIRED = "Enter a name for the adapted version."
NAME_TAKEN = "The authority already has a version called “{name}”: choose another name."
TITLE_REQUIRED = "Enter the wording of {item}."
ITEMS_CHANGED = "The framework has changed since the page was opened: open the page again."
NO_FRAMEWORK = "No practice framework is loaded: run `python manage.py load_reference_data` first."
OVERDUE_DAYS_RANGE = "Enter a number of days from 1 to 365."


def stamp(instance: Model, user: User | None, *, created: bool) -> None:
    """Audit fields, and the user simple-history records for this save."""
    if created:
        instance.created_by = user
    instance.updated_by = user
    instance._history_user = user  # noqa: SLF001 (simple-history's documented hook)


def is_available_to(version: FrameworkVersion, authority: Authority) -> bool:
    """Shipped versions are available to every authority; an adaptation only to its own."""
    return version.authority_id is None or version.authority_id == authority.pk


def versions_available_to(authority: Authority) -> Q:
    return Q(authority__isnull=True) | Q(authority=authority)


def default_practice_version() -> FrameworkVersion | None:
    """The December 2023 national framework, else any shipped practice version (None before reference data)."""
    shipped = FrameworkVersion.objects.filter(authority__isnull=True, family=FrameworkVersion.Family.PRACTICE)
    return shipped.filter(code=DEFAULT_VERSION_CODE).first() or shipped.order_by("-published_on", "code").first()


def _check_usable(version: FrameworkVersion, authority: Authority) -> None:
    if not is_available_to(version, authority):
        raise ValidationError(NOT_AVAILABLE, code="not_available")
    if version.family != FrameworkVersion.Family.PRACTICE:
        raise ValidationError(NOT_PRACTICE, code="not_practice")


def careers_settings_ensure(*, authority: Authority, user: User | None = None) -> CareersSettings:
    """The authority's careers settings, created on the default framework version the first time."""
    settings = CareersSettings.objects.filter(authority=authority).select_related("framework_version").first()
    if settings is not None:
        return settings
    version = default_practice_version()
    if version is None:
        raise ValidationError(NO_FRAMEWORK, code="no_framework")
    settings = CareersSettings(authority=authority, framework_version=version)
    stamp(settings, user, created=True)
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def careers_settings_use_version(*, authority: Authority, version: FrameworkVersion, user: User) -> CareersSettings:
    """Switch the authority to a framework version (shipped, or its own adaptation)."""
    _check_usable(version, authority)
    settings = CareersSettings.objects.select_for_update().filter(authority=authority).first()
    created = settings is None
    if created:
        settings = CareersSettings(authority=authority, framework_version=version)
    settings.framework_version = version
    stamp(settings, user, created=created)
    settings.full_clean()
    settings.save()
    return settings


def careers_settings_update(*, authority: Authority, review_overdue_days: int, user: User) -> CareersSettings:
    if not 1 <= review_overdue_days <= 365:
        raise ValidationError({"review_overdue_days": OVERDUE_DAYS_RANGE})
    settings = careers_settings_ensure(authority=authority, user=user)
    settings.review_overdue_days = review_overdue_days
    stamp(settings, user, created=False)
    settings.full_clean()
    settings.save()
    return settings


def _new_code(authority: Authority, name: str) -> str:
    """A unique code such as ``nor-our-practice-framework``, with ``-2``, ``-3``… when it is taken."""
    base = f"{slugify(authority.code)}-{slugify(name)}"[:44].rstrip("-") or slugify(authority.code)
    code, n = base, 1
    while FrameworkVersion.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def framework_version_adapt(
    *,
    source: FrameworkVersion,
    authority: Authority,
    name: str,
    wording: dict[int, tuple[str, str]],
    user: User,
) -> FrameworkVersion:
    """A new version of ``source`` in the authority's own wording, which the authority then uses.

    ``wording`` maps each of the source's item ids to its new (title, description). Every item is copied with its
    kind, key and number; the source and the evidence written against it are left untouched.
    """
    _check_usable(source, authority)
    name = name.strip()
    if not name:
        raise ValidationError({"name": NAME_REQUIRED})
    if FrameworkVersion.objects.filter(authority=authority, name__iexact=name).exists():
        raise ValidationError({"name": NAME_TAKEN.format(name=name)})
    items = list(source.items.order_by("kind", "number"))
    if {item.pk for item in items} != set(wording):
        raise ValidationError(ITEMS_CHANGED, code="items_changed")
    errors = {
        f"title_{item.pk}": TITLE_REQUIRED.format(item=f"{item.get_kind_display().lower()} {item.number}")
        for item in items
        if not wording[item.pk][0].strip()
    }
    if errors:
        raise ValidationError(errors)

    version = FrameworkVersion(
        family=source.family,
        code=_new_code(authority, name),
        name=name,
        authority=authority,
        based_on=source,
        published_on=today(),
        source=f"Adapted by {authority.name} from {source.name}",
    )
    stamp(version, user, created=True)
    version.full_clean()
    version.save()
    for item in items:
        title, description = wording[item.pk]
        copy = FrameworkItem(
            version=version,
            kind=item.kind,
            key=item.key,
            number=item.number,
            title=title.strip(),
            description=description.strip(),
        )
        stamp(copy, user, created=True)
        copy.full_clean()
        copy.save()
    careers_settings_use_version(authority=authority, version=version, user=user)
    return version
