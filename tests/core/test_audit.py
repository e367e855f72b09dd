"""The administrator's audit: the history of any record, sign-ins and failed sign-ins, downloads and imports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.audit.models import DownloadLog, SignInEvent
from tests.conftest import PASSWORD
from workforce.services.records import worker_update


def test_it_shows_who_changed_a_field_from_which_value_to_which(cast, client_for) -> None:  # noqa: ANN001
    worker_update(worker=cast.sam, actor=cast.workforce_officer, last_name="Patel-Jones")

    response = client_for(cast.administrator).get(reverse("core:audit_history"), {"model": "workforce.Worker"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Wanda Officer" in content
    assert "Patel-Jones" in content
    assert "<del>Patel</del>" in content


def test_it_shows_every_version_of_one_record(cast, client_for) -> None:  # noqa: ANN001
    worker_update(worker=cast.sam, actor=cast.workforce_officer, last_name="Patel-Jones")
    url = reverse("core:audit_record", kwargs={"label": "workforce.Worker", "pk": cast.sam.pk})

    response = client_for(cast.administrator).get(url)

    assert response.status_code == 200
    entries = response.context["entries"]
    assert entries[0].action == "Created"  # then linked to a login by the cast, then renamed
    assert [e.action for e in entries[1:]] == ["Changed", "Changed"]
    assert [(c.field, c.old, c.new) for c in entries[-1].changes] == [("Last name", "Patel", "Patel-Jones")]
    assert entries[-1].who == "Wanda Officer"


def test_it_hides_other_authorities_records(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("core:audit_record", kwargs={"label": "workforce.Worker", "pk": cast.other_worker.pk})
    assert client_for(cast.administrator).get(url).status_code == 404
    listing = client_for(cast.administrator).get(reverse("core:audit_history"), {"model": "workforce.Worker"})
    assert "Owen" not in listing.content.decode()


def test_it_refuses_an_unknown_record_type(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("core:audit_record", kwargs={"label": "core.User", "pk": 1})
    assert client_for(cast.administrator).get(url).status_code == 404


def test_the_history_page_costs_the_same_whatever_its_rows(cast, client_for, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for name in ("A", "B", "C", "D", "E"):
        worker_update(worker=cast.colleague, actor=cast.workforce_officer, last_name=name)
    client = client_for(cast.administrator)
    with django_assert_max_num_queries(12):
        client.get(reverse("core:audit_history"), {"model": "workforce.Worker"})


@pytest.mark.django_db
def test_it_records_sign_ins_and_failed_sign_ins(cast) -> None:  # noqa: ANN001
    client = Client()
    client.post(reverse("account_login"), {"login": cast.sam.user.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": "nobody@nowhere.example", "password": "wrong"})
    client.post(reverse("account_login"), {"login": cast.sam.user.email, "password": PASSWORD})

    events = list(SignInEvent.objects.order_by("pk").values_list("outcome", "email"))
    assert events == [
        ("failure", cast.sam.user.email),
        ("failure", "nobody@nowhere.example"),
        ("success", cast.sam.user.email),
    ]
    page = Client()
    page.force_login(cast.administrator)
    content = page.get(reverse("core:audit_sign_ins"), {"outcome": "failure"}).content.decode()
    assert "nobody@nowhere.example" in content
    assert cast.sam.user.email in content


def test_it_hides_other_authorities_sign_ins(cast, client_for) -> None:  # noqa: ANN001
    SignInEvent.objects.create(
        outcome="success", user=cast.other_authority_manager, email=cast.other_authority_manager.email
    )
    content = client_for(cast.administrator).get(reverse("core:audit_sign_ins")).content.decode()
    assert cast.other_authority_manager.email not in content


def test_it_logs_each_download_with_its_scope_and_rows(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    response = client.get(reverse("core:export_download", args=["staff-list"]), {"team": cast.front_door.pk})
    assert response.status_code == 200

    log = DownloadLog.objects.get()
    assert (log.user, log.authority_code, log.rows) == (cast.workforce_officer, "NOR", 2)
    assert log.query == f"team={cast.front_door.pk}"
    assert log.filename.endswith(".xlsx")
    page = client_for(cast.administrator).get(reverse("core:audit_downloads")).content.decode()
    assert log.filename in page


def test_it_does_not_log_pages_or_refused_downloads(cast, client_for) -> None:  # noqa: ANN001
    client_for(cast.social_worker).get(reverse("core:export_download", args=["staff-list"]))
    client_for(cast.workforce_officer).get(reverse("workforce:staff_list"))
    assert not DownloadLog.objects.exists()


def test_only_administrators_see_the_audit(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.workforce_officer).get(reverse("core:audit_history")).status_code == 403
    assert client_for(None).get(reverse("core:audit_sign_ins")).status_code == 302


def test_the_dates_filter_the_history(cast, client_for) -> None:  # noqa: ANN001
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = client_for(cast.administrator).get(
        reverse("core:audit_history"), {"model": "workforce.Worker", "date_from": tomorrow}
    )
    assert response.context["page"].paginator.count == 0
