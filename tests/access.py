"""The pieces of the role × URL matrix that every module of cases shares (see tests/test_access_matrix.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import ROLE_NAMES, Cast

LOGIN = 302  # anonymous users are sent to sign in

ALL_SIGNED_IN = dict.fromkeys(ROLE_NAMES[1:], 200)


def expect(default: int, anonymous: int = LOGIN, **by_role: int) -> dict[str, int]:
    """Expected status per role: `default` for each signed-in role unless named."""
    statuses = {role: by_role.get(role, default) for role in ROLE_NAMES[1:]}
    statuses["anonymous"] = anonymous
    return statuses


HR_ONLY = {"workforce_officer": 200, "administrator": 200}
MANAGERS_AND_HR = {**HR_ONLY, "team_manager": 200, "service_manager": 200}


@dataclass
class Case:
    """One request: a URL name with arguments built from the cast, a method, and the status for each role."""

    url_name: str
    expected: dict[str, int]
    kwargs: Callable[[Cast], dict[str, Any]] = lambda cast: {}
    method: str = "GET"
    data: Callable[[Cast], dict[str, Any]] = lambda cast: {}
    query: str = ""
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.url_name}{' ' + self.label if self.label else ''}"
