"""send_cpd_reminders: each reminder point is e-mailed once to the social workers at risk and their team managers."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from cpd.models import CpdRecord, ReminderSent
from cpd.services.reminders import point_due, reminder_points
from tests.cpd.factories import CpdRecordFactory, CpdSettingsFactory
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import UserRole
from workforce.services.accounts import role_assign

DAYS_30 = "2026-10-31"  # 30 days before 30 November 2026
DAYS_14 = "2026-11-16"


@pytest.fixture
def people(cast):  # noqa: ANN001, ANN201
    """In Northshire: Sam has met the requirement; Chris (Front Door) has one record and a draft, no peer
    reflection; Priya (Children in Care, no team manager) has nothing. Owen in Southshire has no e-mail address.
    """
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 2, 1))
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 3, 1), peer_reflection="")
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 4, 1), peer_reflection="")
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 5, 1), status=CpdRecord.Status.DRAFT)
    for worker, email in (
        (cast.colleague, "chris.morgan@northshire.example"),
        (cast.cic_worker, "priya@agency.example"),
    ):
        worker.email = email
        worker.save()
    return cast


def _run(*args: str) -> str:
    out = StringIO()
    call_command("send_cpd_reminders", *args, stdout=out)
    return out.getvalue().strip()


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_it_reminds_the_workers_at_risk_and_their_manager_once(people) -> None:
    line = _run("--date", DAYS_30, "--authority", "NOR")
    assert line == "Sent 2 reminders to workers and 1 summary to managers for registration year 2026 (30-day point)."
    assert _recipients() == [
        "chris.morgan@northshire.example",
        "priya@agency.example",
        "tess.manager@northshire.example",
    ]
    assert ReminderSent.objects.filter(days_before=30, registration_year=2026).count() == 3


def test_running_twice_on_the_same_day_sends_nothing_more(people) -> None:
    _run("--date", DAYS_30)
    sent = len(mail.outbox)
    line = _run("--date", DAYS_30)
    assert len(mail.outbox) == sent
    assert line.startswith("Sent 0 reminders to workers and 0 summaries to managers")


def test_the_next_point_sends_again(people) -> None:
    _run("--date", DAYS_30, "--authority", "NOR")
    mail.outbox.clear()
    assert _run("--date", "2026-11-01", "--authority", "NOR").startswith("Sent 0 reminders")  # still the 30-day point
    line = _run("--date", DAYS_14, "--authority", "NOR")
    assert line == "Sent 2 reminders to workers and 1 summary to managers for registration year 2026 (14-day point)."
    assert len(mail.outbox) == 3


def test_a_person_who_has_met_the_requirement_gets_nothing(people) -> None:
    CpdRecordFactory(worker=people.colleague, start_date=dt.date(2026, 6, 1))  # now 2 recorded, one with reflection
    _run("--date", DAYS_30, "--authority", "NOR")
    assert "chris.morgan@northshire.example" not in _recipients()
    assert "sam.patel@northshire.example" not in _recipients()
    assert not ReminderSent.objects.filter(worker__in=[people.sam, people.colleague]).exists()


def test_a_missed_day_sends_the_latest_point_once_and_never_an_earlier_one_after(people) -> None:
    """Last run at the 90-day point; the cron missed 60 and 30; at 20 days left the 30-day point goes once."""
    _run("--date", "2026-09-01", "--authority", "NOR")  # 90 days left
    _run("--date", "2026-11-10", "--authority", "NOR")  # 20 days left: the 30-day point
    points = set(ReminderSent.objects.filter(worker=people.colleague).values_list("days_before", flat=True))
    assert points == {90, 30}
    _run("--date", "2026-11-23", "--authority", "NOR")  # 7 days left
    mail.outbox.clear()
    _run("--date", "2026-11-12", "--authority", "NOR")  # back to 18 days left (a re-run with an old date)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("left", "expected"), [(120, None), (91, None), (90, 90), (61, 90), (60, 60), (45, 60), (8, 14), (7, 7), (0, 7)]
)
def test_the_point_due_is_the_smallest_point_reached(left, expected) -> None:
    assert point_due([90, 60, 30, 14, 7], left) == expected


def test_nothing_is_sent_before_the_first_point(people) -> None:
    line = _run("--date", "2026-06-01", "--authority", "NOR")
    assert mail.outbox == []
    assert line == (
        "Sent 0 reminders to workers and 0 summaries to managers for registration year 2026 "
        "(no reminder point due, 182 days before 30 November)."
    )


def test_the_authoritys_own_points_replace_the_defaults(people) -> None:
    CpdSettingsFactory(authority=people.authority, reminder_days=[45])
    assert reminder_points(people.authority.cpd_settings) == [45]
    assert _run("--date", DAYS_14, "--authority", "NOR").endswith("(45-day point).")
    people.authority.cpd_settings.reminder_days = []
    assert reminder_points(people.authority.cpd_settings) == [90, 60, 30, 14, 7]


def test_a_manager_of_two_teams_gets_one_summary_of_both(people) -> None:
    role_assign(user=people.team_manager, authority=people.authority, role=UserRole.TEAM_MANAGER,
                team=people.children_in_care)  # fmt: skip
    _run("--date", DAYS_30, "--authority", "NOR")
    summaries = [m for m in mail.outbox if m.to == ["tess.manager@northshire.example"]]
    assert len(summaries) == 1
    assert "Chris Morgan (Front Door)" in summaries[0].body
    assert "Priya Shah (Children in Care)" in summaries[0].body
    assert "Sam Patel" not in summaries[0].body
    assert summaries[0].subject == "CPD: 2 people in your teams not yet ready to renew by 30 November 2026"


def test_the_reminder_says_what_is_missing_and_the_days_left(people) -> None:
    people.colleague.swe_renewal_date = dt.date(2026, 11, 30)
    people.colleague.save()
    _run("--date", DAYS_30, "--authority", "NOR")
    message = next(m for m in mail.outbox if m.to == ["chris.morgan@northshire.example"])
    assert message.subject == "30 days to record your CPD for registration by 30 November 2026"
    assert "Dear Chris" in message.body
    assert "So far you have recorded 1 piece of CPD, none with peer reflection." in message.body
    assert "You also have 1 draft" in message.body
    assert "- Record 1 more piece of CPD." in message.body
    assert "- Include reflection with a peer in at least one record" in message.body
    assert "There are 30 days left." in message.body
    assert "renewal date on our records is 30 November 2026" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "Record 1 more piece of CPD." in html


def test_a_worker_without_an_address_of_their_own_is_written_to_at_their_login(people) -> None:
    CpdRecord.objects.filter(worker=people.sam).delete()
    _run("--date", DAYS_30, "--authority", "NOR")
    assert "sam.patel@northshire.example" in _recipients()


def test_a_dry_run_lists_who_would_get_what_and_sends_nothing(people) -> None:
    output = _run("--date", DAYS_30, "--dry-run")
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert "NOR: reminder (30-day point) to Chris Morgan <chris.morgan@northshire.example>" in output
    assert "NOR: summary (30-day point) to tess.manager@northshire.example: 1 at risk" in output
    assert "SOU: no e-mail address for Owen Jones, not reminded" in output
    assert output.splitlines()[-1] == (
        "Would send 2 reminders to workers and 2 summaries to managers for registration year 2026 (30-day point)."
    )


def test_other_roles_and_leavers_are_not_reminded(people) -> None:
    from workforce.codes import Role

    other = WorkerFactory(authority=people.authority, email="other@northshire.example")
    AssignmentFactory(worker=other, team=people.front_door, role=Role.OTHER)
    gone = WorkerFactory(authority=people.authority, email="gone@northshire.example")
    AssignmentFactory(worker=gone, team=people.front_door, end_date=dt.date(2026, 10, 1))
    _run("--date", DAYS_30, "--authority", "NOR")
    assert "other@northshire.example" not in _recipients()
    assert "gone@northshire.example" not in _recipients()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "--date must be a date as YYYY-MM-DD, not '2026-13-01'."),
        (["--authority", "NOPE"], "There is no authority with the code 'NOPE'."),
    ],
)
def test_bad_arguments_stop_with_a_reason(people, args, message) -> None:
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("(", r"\(")):
        _run(*args)
