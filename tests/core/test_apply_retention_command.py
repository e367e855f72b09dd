"""`python manage.py apply_retention [--dry-run] [--date YYYY-MM-DD] [--authority CODE]`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from careers.models import Evidence, EvidenceAttachment
from core.management.commands.apply_retention import Command
from core.models import DataProtectionEvent, RetentionPolicy, User
from cpd.models import CpdAttachment, CpdRecord
from tests.core.factories_privacy import make_leavers
from workforce.models import Worker

RecordType = RetentionPolicy.RecordType


@pytest.fixture
def scenario(cast):  # noqa: ANN001, ANN201
    leavers = make_leavers(cast)
    for code in ("NOR", "SOU"):
        for record_type in RecordType.values:
            RetentionPolicy.objects.create(authority_code=code, record_type=record_type, years=6, is_active=True)
    return leavers


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue().splitlines()


def snapshot() -> dict[str, Any]:
    """Everything retention may change, history included, and whether the attached files are on disk."""
    return {
        "workers": list(Worker.objects.order_by("pk").values()),
        "worker_history": list(Worker.history.order_by("history_id").values()),
        "users": list(User.objects.order_by("pk").values()),
        "cpd": list(CpdRecord.objects.order_by("pk").values()),
        "cpd_history": list(CpdRecord.history.order_by("history_id").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "evidence_history": list(Evidence.history.order_by("history_id").values()),
        "cpd_attachments": list(CpdAttachment.objects.order_by("pk").values()),
        "evidence_attachments": list(EvidenceAttachment.objects.order_by("pk").values()),
        "attachment_history": list(CpdAttachment.history.order_by("history_id").values()),
        "files": sorted(str(p) for p in Path(CpdAttachment.file.field.storage.location).rglob("*") if p.is_file()),
    }


def test_a_dry_run_lists_each_worker_and_record_type_and_changes_nothing(cast, scenario) -> None:  # noqa: ANN001
    before = snapshot()

    lines = run("--dry-run", "--date", "2023-01-01")

    full, manager = scenario.full.worker, scenario.manager
    assert lines[:-1] == [
        f"NOR worker #{full.pk} (L001): would anonymise personal data "
        "(staff records: 1, sign-in accounts: 1, history rows: 2)",
        f"NOR worker #{full.pk} (L001): would anonymise CPD records (CPD records: 1, CPD day requests: 1, "
        "CPD day allowances: 1, training completions: 1, attachments: 1, history rows: 5)",
        f"NOR worker #{full.pk} (L001): would anonymise evidence (evidence: 1, review comments: 1, "
        "progression applications: 1, career level notes: 1, attachments: 1, history rows: 5)",
        f"NOR worker #{manager.pk} (L002): would anonymise personal data (staff records: 1, history rows: 1)",
        f"SOU worker #{scenario.southshire.pk} (S001): would anonymise personal data "
        "(staff records: 1, history rows: 1)",
    ]
    assert lines[-1].startswith("Dry run of retention at 2023-01-01 for all authorities: would anonymise 3 leavers")
    assert lines[-1].endswith("nothing changed.")
    assert snapshot() == before
    assert not DataProtectionEvent.objects.exists()


def test_it_anonymises_prints_a_summary_and_logs_the_run(cast, scenario) -> None:  # noqa: ANN001
    lines = run("--date", "2023-01-01")

    assert lines[-1] == (
        "Retention at 2023-01-01 for all authorities: anonymised 3 leavers (personal data: 3, CPD records: 1, "
        "evidence: 1)."
    )
    assert all("L001" not in line for line in lines)  # a real run's output names workers by database ID only
    assert Worker.objects.get(pk=scenario.manager.pk).worker_id == f"ANON-{scenario.manager.pk}"
    event = DataProtectionEvent.objects.get()
    assert (event.kind, event.count, event.authority_code, event.user) == ("retention", 3, "", None)
    assert event.details["as_at"] == "2023-01-01"
    assert event.summary == lines[-1]


def test_running_it_twice_changes_nothing_the_second_time(cast, scenario) -> None:  # noqa: ANN001
    run("--date", "2023-01-01")
    after_first = snapshot()

    lines = run("--date", "2023-01-01")

    assert lines == ["Retention at 2023-01-01 for all authorities: anonymised 0 leavers."]
    assert snapshot() == after_first
    assert run("--dry-run", "--date", "2023-01-01")[-1].startswith(
        "Dry run of retention at 2023-01-01 for all authorities: would anonymise 0 leavers;"
    )


def test_the_authority_option_limits_the_run_to_one_authority(cast, scenario) -> None:  # noqa: ANN001
    lines = run("--date", "2023-01-01", "--authority", "SOU")

    assert lines[-1] == ("Retention at 2023-01-01 for SOU: anonymised 1 leaver (personal data: 1).")
    assert Worker.objects.get(pk=scenario.southshire.pk).first_name == "Anonymised"
    assert Worker.objects.get(pk=scenario.manager.pk).first_name != "Anonymised"
    assert DataProtectionEvent.objects.get().authority_code == "SOU"


def test_without_a_date_it_applies_the_policies_today(cast, scenario, monkeypatch) -> None:  # noqa: ANN001
    import datetime as dt

    monkeypatch.setattr("core.management.commands.apply_retention.today", lambda: dt.date(2021, 1, 1))

    assert run("--dry-run")[-1].startswith(
        "Dry run of retention at 2021-01-01 for all authorities: would anonymise 1 leaver (personal data: 1)"
    )  # Southshire's S001, who left in 2014; not yet L001, who left in June 2015


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--date", "30/09/2032"],
            "--date must be a date written YYYY-MM-DD, for example 2032-09-30; got '30/09/2032'.",
        ),
        (["--authority", "NOPE"], "There is no authority with the code NOPE."),
    ],
)
def test_bad_arguments_exit_with_a_one_line_reason(cast, args, message, capsys, monkeypatch) -> None:  # noqa: ANN001
    # run_from_argv closes the database connections when it ends, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(CommandError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        call_command("apply_retention", *args)

    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "apply_retention", *args])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"CommandError: {message}"]
    assert not DataProtectionEvent.objects.exists()
