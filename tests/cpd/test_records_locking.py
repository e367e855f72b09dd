"""Two saves of the same CPD record from pages opened on the same version: the second is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.concurrency import version_of
from cpd.forms.records import CpdRecordForm
from cpd.services.records import cpd_record_update
from tests.cpd.factories import CpdRecordFactory

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def test_a_record_changed_in_another_tab_is_not_overwritten(cast) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 3, 12))
    opened = version_of(record)
    data = {k: v for k, v in CpdRecordForm.initial_for(record).items() if k != "version"}
    cpd_record_update(record=record, data=data | {"title": "First tab"}, record_it=True, user=cast.social_worker)

    with pytest.raises(ValidationError, match="Somebody else changed this record"):
        cpd_record_update(
            record=record, data=data | {"title": "Second tab"}, record_it=True, user=cast.social_worker,
            expected_version=opened,
        )  # fmt: skip
    record.refresh_from_db()
    assert record.title == "First tab"


def test_the_edit_form_carries_the_version_it_was_opened_on(cast, client_for) -> None:  # noqa: ANN001
    record = CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 3, 12))
    response = client_for(cast.social_worker).get(reverse("cpd:record_edit", args=[record.pk]))
    assert f'name="version" value="{version_of(record)}"' in response.content.decode()
