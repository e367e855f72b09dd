"""Choosing the authority a command works on (spec section 5, `--authority`)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction

from workforce.models import Authority

DEFAULT_AUTHORITY_CODE = "LA"
SEVERAL_AUTHORITIES = "This database holds several authorities ({codes}): name one with --authority CODE."
UNKNOWN_AUTHORITY = "There is no authority with the code {code!r}."
NO_AUTHORITY = "This database holds no authority yet: import a staff file first."


@transaction.atomic
def authority_for_command(code: str | None, *, create: bool) -> Authority:
    """The authority a command should use.

    With a code: that authority, created (named after its code) when ``create`` is true and it does not exist;
    a command that only reads passes ``create=False`` and an unknown code is refused. Without a code: the one
    authority in the database; a new empty database gets one with the code LA when ``create`` is true; several
    authorities are refused with a request for --authority. Raises CommandError with a one-line reason.
    """
    if code:
        code = code.strip()
        authority = Authority.objects.filter(code__iexact=code).first()
        if authority is not None:
            return authority
        if not create:
            raise CommandError(UNKNOWN_AUTHORITY.format(code=code))
        return Authority.objects.create(code=code, name=code)
    authorities = list(Authority.objects.order_by("code")[:11])
    if len(authorities) == 1:
        return authorities[0]
    if len(authorities) > 1:
        codes = ", ".join(a.code for a in authorities[:10]) + (", ..." if len(authorities) > 10 else "")
        raise CommandError(SEVERAL_AUTHORITIES.format(codes=codes))
    if not create:
        raise CommandError(NO_AUTHORITY)
    return Authority.objects.create(code=DEFAULT_AUTHORITY_CODE, name=DEFAULT_AUTHORITY_CODE)
