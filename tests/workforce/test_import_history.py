"""Imports record history as django-simple-history would: one "+" row per record created, one "~" per record
changed, with every tracked value, the importing user and the reason; both through the fast SQL path and through
simple-history's own bulk functions (used where the database cannot return inserted keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.forms.models import model_to_dict

from workforce.imports import bulk
from workforce.imports.runs import import_file
from workforce.models import Assignment, Team, Worker

STAFF = (
    "worker_id,first_name,last_name,email,swe_registration,team_code,team_name,role,contract,fte,start_date,"
    "end_date,leaving_reason,date_of_birth,covers_vacancy\n"
    "N001,Nia,Owens,nia@example.org,SW200001,NEW,New Team,case_holder,agency,0.8,2024-04-01,,,1990-05-17,yes\n"
    "N002,Olu,Ade,,SW200002,FD,Front Door,4,permanent,1,2023-01-02,2024-06-30,1,,\n"
)
CHANGED = STAFF.replace("Owens", "Owens-Jones").replace("0.8,2024-04-01", "0.6,2024-04-01")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "staff.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _tracked(instance) -> dict:  # noqa: ANN001
    return {name: value for name, value in model_to_dict(instance).items() if name not in ("updated_at",)}


@pytest.fixture(params=["sql", "simple-history"])
def path_taken(request, monkeypatch) -> str:  # noqa: ANN001
    if request.param == "simple-history":
        monkeypatch.setattr(bulk, "_fast", lambda: False)
    return request.param


@pytest.mark.django_db
def test_each_record_created_or_changed_has_its_history_row(cast, tmp_path, path_taken) -> None:  # noqa: ANN001
    import_file(
        kind="staff", path=_write(tmp_path, STAFF), filename="a", authority=cast.authority, user=cast.workforce_officer
    )
    nia = Worker.objects.get(worker_id="N001")
    created = nia.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == (
        "+",
        cast.workforce_officer,
        "Imported from a staff file",
    )
    assert _tracked(created.instance) == _tracked(nia)
    assert nia.created_by == nia.updated_by == cast.workforce_officer
    team = Team.objects.get(code="NEW")
    assert team.history.get().history_type == "+"
    olu = Assignment.objects.get(worker__worker_id="N002")
    assert (olu.role, olu.leaving_reason, olu.covers_vacancy) == ("senior_practitioner", "resignation", None)
    assert _tracked(olu.history.get().instance) == _tracked(olu)

    import_file(
        kind="staff", path=_write(tmp_path, CHANGED), filename="b", authority=cast.authority, user=cast.administrator
    )

    nia.refresh_from_db()
    assert nia.last_name == "Owens-Jones"
    changed = nia.history.order_by("history_id").last()
    assert (changed.history_type, changed.history_user) == ("~", cast.administrator)
    assert _tracked(changed.instance) == _tracked(nia)
    assert nia.updated_by == cast.administrator
    assignment = nia.assignments.get()
    assert [h.fte for h in assignment.history.order_by("history_id")] == [
        assignment.fte.__class__("0.8"),
        assignment.fte,
    ]
    assert olu.history.count() == 1  # unchanged: no new history row
