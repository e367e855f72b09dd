"""Prints the workforce indicators at a date (spec sections 3 and 5)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workforce.indicators import INDICATOR_KEYS, INDICATOR_LABELS, Indicators, compute_indicators
from workforce.models import Authority, ServiceArea, Team
from workforce.services.authorities import authority_for_command

BAD_DATE = "--as-at must be a date written YYYY-MM-DD, not {value!r}."
UNKNOWN_TEAM = "{authority} has no team with the code {code!r}."
UNKNOWN_SERVICE_AREA = "{authority} has no service area with the code {code!r}."
TEAM_AND_SERVICE_AREA = "Give --team or --service-area, not both."


def _parse_date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date()  # noqa: DTZ007 (a date, no time zone)
    except ValueError:
        raise CommandError(BAD_DATE.format(value=value)) from None


def _by_code(model: type[Team] | type[ServiceArea], authority: Authority, code: str, message: str) -> Any:
    """The team or service area with a code in the authority: exact match first, then ignoring case."""
    code = code.strip()
    candidates = model.objects.filter(authority=authority)
    found = candidates.filter(code=code).first() or candidates.filter(code__iexact=code).first()
    if found is None:
        raise CommandError(message.format(authority=authority.code, code=code))
    return found


def _value(indicators: Indicators, key: str) -> str:
    value = getattr(indicators, key)
    if value is None:
        return f"not computable: {indicators.null_reason(key)}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def format_table(indicators: Indicators, authority: Authority, scope_name: str = "") -> str:
    """The indicators as aligned label/value lines, for people reading a terminal."""
    rows = [(INDICATOR_LABELS[key], _value(indicators, key)) for key in INDICATOR_KEYS]
    if scope_name:
        rows[INDICATOR_KEYS.index("scope")] = (INDICATOR_LABELS["scope"], f"{indicators.scope} ({scope_name})")
    width = max(len(label) for label, _ in rows)
    title = f"Workforce indicators: {authority.name} ({authority.code})"
    return "\n".join([title, ""] + [f"{label.ljust(width)}  {value}" for label, value in rows])


class Command(BaseCommand):
    help = "Prints the workforce indicators at a date for the authority, a team or a service area (--json for JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD", help="The as-at date D.")
        parser.add_argument("--team", metavar="CODE", help="Only this team.")
        parser.add_argument("--service-area", metavar="CODE", help="Only the teams of this service area.")
        parser.add_argument("--authority", metavar="CODE", help="The authority (needed when there are several).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object (spec section 5).")

    def handle(self, *args: Any, **options: Any) -> None:
        as_at = _parse_date(options["as_at"])
        if options["team"] and options["service_area"]:
            raise CommandError(TEAM_AND_SERVICE_AREA)
        authority = authority_for_command(options["authority"], create=False)
        team = service_area = None
        if options["team"]:
            team = _by_code(Team, authority, options["team"], UNKNOWN_TEAM)
        if options["service_area"]:
            service_area = _by_code(ServiceArea, authority, options["service_area"], UNKNOWN_SERVICE_AREA)
        indicators = compute_indicators(authority=authority, as_at=as_at, team=team, service_area=service_area)
        if options["json"]:
            self.stdout.write(json.dumps(indicators.as_json_dict(), indent=4))
        else:
            scope = team or service_area
            self.stdout.write(format_table(indicators, authority, scope.name if scope else ""))
