"""One import per authority at a time: a second import while one is running is refused with a clear answer."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from workforce.imports import runs
from workforce.imports.runs import IMPORT_RUNNING, IN_PROGRESS, STALE_AFTER, ImportBusy, import_file
from workforce.models import Authority, ImportRun, Worker

HEADER = "worker_id,first_name,last_name,swe_registration,team_code,team_name,role,contract,fte,start_date\n"


def _staff(tmp_path: Path, worker_id: str) -> Path:
    path = tmp_path / f"{worker_id}.csv"
    path.write_text(
        HEADER + f"{worker_id},Nia,Owens,SW2{worker_id[1:]},FD,Front Door,case_holder,permanent,1,2024-04-01\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db(transaction=True)
def test_a_second_import_is_refused_while_the_first_is_running(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    authority = Authority.objects.create(code="NOR", name="Northshire")
    started, release = threading.Event(), threading.Event()
    real_check = runs.check_file
    outcome: dict[str, object] = {}

    def slow_check(**kwargs):  # noqa: ANN003, ANN202
        if threading.current_thread().name == "first":
            started.set()
            release.wait(timeout=30)
        return real_check(**kwargs)

    monkeypatch.setattr(runs, "check_file", slow_check)

    def first() -> None:
        try:
            outcome["first"] = import_file(
                kind="staff", path=_staff(tmp_path, "N001"), filename="a", authority=authority
            )
        finally:
            connection.close()

    thread = threading.Thread(target=first, name="first")
    thread.start()
    try:
        assert started.wait(timeout=30)
        with pytest.raises(CommandError, match=IMPORT_RUNNING):
            call_command("import_workforce", "staff", str(_staff(tmp_path, "N002")), "--authority", "NOR")
    finally:
        release.set()
        thread.join(timeout=60)

    assert outcome["first"].written
    assert list(Worker.objects.values_list("worker_id", flat=True)) == ["N001"]
    statuses = sorted(ImportRun.objects.values_list("status", flat=True))
    assert statuses == ["imported"]  # the refused command never started a run


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_on_postgresql_a_locked_authority_refuses_at_once(tmp_path) -> None:  # noqa: ANN001
    """Even without a claim row, the authority's row lock held by another import's transaction refuses a second."""
    authority = Authority.objects.create(code="NOR", name="Northshire")
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                list(Authority.objects.select_for_update(no_key=True).filter(pk=authority.pk))
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        with pytest.raises(ImportBusy):
            import_file(kind="staff", path=_staff(tmp_path, "N001"), filename="a", authority=authority)
    finally:
        release.set()
        thread.join(timeout=60)
    assert not Worker.objects.exists()


@pytest.mark.django_db
def test_a_run_left_unfinished_long_ago_does_not_block_imports(tmp_path) -> None:  # noqa: ANN001
    authority = Authority.objects.create(code="NOR", name="Northshire")
    dead = ImportRun.objects.create(authority=authority, kind="staff", status=IN_PROGRESS)
    ImportRun.objects.filter(pk=dead.pk).update(updated_at=timezone.now() - STALE_AFTER - dt.timedelta(minutes=1))

    outcome = import_file(kind="staff", path=_staff(tmp_path, "N001"), filename="a", authority=authority)

    assert outcome.written
    dead.refresh_from_db()
    assert dead.finished_at is not None
    assert dead.status == ImportRun.Status.FAILED
