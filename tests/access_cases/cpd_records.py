"""Role × URL cases of the CPD record pages (collected by tests/test_access_matrix.py).

Records are dated today (the real today: the matrix does not freeze it), so that they are in the open year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpd.models import CpdRecord
from cpd.years import registration_year_for
from tests.access import Case, expect
from tests.conftest import Cast
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import attach
from workforce import selectors as wf_selectors

OWN = expect(403, social_worker=200)
# Sam's record: Sam and the managers of Front Door (team and service) read it, HR may not, admins read it.
SAM_READ = expect(200, workforce_officer=403, panel_member=404, other_authority_manager=404)
SAM_CHANGE = expect(403, social_worker=200, panel_member=404, other_authority_manager=404)
SAM_WORKER_PAGE = expect(200, social_worker=302, panel_member=404, other_authority_manager=404)


def _today() -> dt.date:
    return wf_selectors.today()


def _year() -> int:
    return registration_year_for(_today())


def _record(worker: Any, **kwargs: Any) -> CpdRecord:
    return CpdRecordFactory(worker=worker, start_date=_today(), **kwargs)


def sam_record(c: Cast) -> dict[str, Any]:
    return {"pk": _record(c.sam).pk}


def sam_past_record(c: Cast) -> dict[str, Any]:
    return {"pk": CpdRecordFactory(worker=c.sam, start_date=dt.date(_year() - 2, 3, 1)).pk}


def cic_record(c: Cast) -> dict[str, Any]:
    return {"pk": _record(c.cic_worker).pk}


def other_authority_record(c: Cast) -> dict[str, Any]:
    return {"pk": _record(c.other_worker).pk}


def sam_attachment(c: Cast) -> dict[str, Any]:
    attachment = attach(_record(c.sam))
    return {"pk": attachment.record_id, "attachment_pk": attachment.pk}


def sam_document_file(c: Cast) -> dict[str, Any]:
    """The only file of a document record: even its owner's removal is refused (302 back with a message)."""
    attachment = attach(_record(c.sam, kind=CpdRecord.Kind.DOCUMENT))
    return {"pk": attachment.record_id, "attachment_pk": attachment.pk}


def this_year(c: Cast) -> dict[str, Any]:
    return {"year": _year()}


def last_year(c: Cast) -> dict[str, Any]:
    return {"year": _year() - 1}


def sam_year(c: Cast) -> dict[str, Any]:
    return {"pk": c.sam.pk, "year": _year()}


def sam_last_year(c: Cast) -> dict[str, Any]:
    return {"pk": c.sam.pk, "year": _year() - 1}


CASES: list[Case] = [
    Case("cpd:my_cpd", OWN),
    Case("cpd:my_cpd_year", OWN, kwargs=last_year),
    Case("cpd:year_pdf", OWN, kwargs=this_year),
    Case("cpd:record_create", OWN),
    Case("cpd:record_create", OWN, method="POST", label="invalid"),
    Case("cpd:document_create", OWN),
    Case("cpd:document_create", OWN, method="POST", label="invalid"),
    Case("cpd:record_detail", SAM_READ, kwargs=sam_record),
    Case(
        "cpd:record_detail",
        expect(404, workforce_officer=403, administrator=200),
        kwargs=cic_record,
        label="other service area",
    ),
    Case(
        "cpd:record_detail",
        expect(404, other_authority_manager=200),
        kwargs=other_authority_record,
        label="other authority",
    ),
    Case("cpd:record_edit", SAM_CHANGE, kwargs=sam_record),
    Case("cpd:record_edit", SAM_CHANGE, kwargs=sam_record, method="POST", label="invalid"),
    Case(
        "cpd:record_edit",
        expect(403, panel_member=404, other_authority_manager=404),
        kwargs=sam_past_record,
        label="past year",
    ),
    Case("cpd:record_delete", SAM_CHANGE, kwargs=sam_record),
    Case("cpd:record_delete", SAM_CHANGE, kwargs=sam_record, method="POST", label="recorded: refused"),
    Case("cpd:attachment_add", SAM_CHANGE, kwargs=sam_record, method="POST", label="no file"),
    Case("cpd:attachment_add", expect(405), kwargs=sam_record, label="GET is not allowed"),
    Case("cpd:attachment_download", SAM_READ, kwargs=sam_attachment),
    Case(
        "cpd:attachment_remove",
        expect(403, social_worker=302, panel_member=404, other_authority_manager=404),
        kwargs=sam_document_file,
        method="POST",
        label="the document's only file",
    ),
    Case("cpd:attachment_remove", expect(405), kwargs=sam_attachment, label="GET is not allowed"),
    Case("cpd:worker_cpd", SAM_WORKER_PAGE, kwargs=lambda c: {"pk": c.sam.pk}),
    Case(
        "cpd:worker_cpd",
        expect(404, workforce_officer=200, administrator=200),
        kwargs=lambda c: {"pk": c.cic_worker.pk},
        label="other service area",
    ),
    Case(
        "cpd:worker_cpd",
        expect(404, other_authority_manager=200),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
    Case("cpd:worker_cpd_year", SAM_WORKER_PAGE, kwargs=sam_last_year),
    Case(
        "cpd:worker_year_pdf",
        expect(200, workforce_officer=403, panel_member=404, other_authority_manager=404),
        kwargs=sam_year,
    ),
]
