"""Role × URL cases of the evidence and progress pages (careers.urls.evidence, careers.urls.progress)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from careers.models import Evidence, EvidenceAttachment
from tests.access import Case, expect
from tests.careers.factories_evidence import make_evidence, make_framework
from tests.conftest import Cast

OWN_ONLY = expect(403, social_worker=200)
# Sam's evidence: Sam, his managers and the administrator read it; HR 403 (counts only); panels and others 404.
SAM_READERS = expect(200, workforce_officer=403, panel_member=404, other_authority_manager=404)
# The Children in Care worker's: outside the Front Door manager's and the Safeguarding service manager's scope.
CIC_READERS = expect(404, workforce_officer=403, administrator=200)
# Sam's evidence, changed by anyone but Sam: 403 in scope, 404 outside.
SAM_CHANGE = expect(403, social_worker=200, panel_member=404, other_authority_manager=404)
TEAM_VIEWERS = expect(200, social_worker=403, panel_member=403)


def _evidence(c: Cast, status: str = Evidence.Status.DRAFT, worker: Any = None) -> dict[str, Any]:
    framework = make_framework(c)
    return {"pk": make_evidence(c, framework, status, worker=worker).pk}


def _submitted(c: Cast) -> dict[str, Any]:
    return _evidence(c, Evidence.Status.SUBMITTED)


def _step(status: str, action: str) -> Any:
    return lambda c: {**_evidence(c, status), "action": action}


def _attachment(c: Cast, status: str = Evidence.Status.DRAFT) -> dict[str, Any]:
    evidence = Evidence.objects.get(**_evidence(c, status))
    attachment = EvidenceAttachment(evidence=evidence, original_name="notes.txt", content_type="text/plain", size=5)
    attachment.file.save("notes.txt", ContentFile(b"notes"), save=False)
    attachment.save()
    return {"pk": attachment.pk}


CASES = [
    Case("careers:my_progress", OWN_ONLY),
    Case("careers:my_progress", expect(405), method="POST", label="POST is not allowed"),
    Case("careers:team_progress", TEAM_VIEWERS),
    Case("careers:team_progress", expect(405), method="POST", label="POST is not allowed"),
    Case(
        "core:export_download",
        TEAM_VIEWERS,
        kwargs=lambda c: {"export_id": "team-progress"},
        label="team-progress",
    ),
    Case(
        "careers:worker_progress",
        expect(200, panel_member=404, other_authority_manager=404),
        kwargs=lambda c: {"pk": c.sam.pk},
    ),
    Case(
        "careers:worker_progress",
        expect(404, workforce_officer=200, administrator=200),
        kwargs=lambda c: {"pk": c.cic_worker.pk},
        label="other service area",
    ),
    Case(
        "careers:worker_progress",
        expect(404, other_authority_manager=200),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
    Case("careers:evidence_create", OWN_ONLY),
    Case("careers:evidence_create", OWN_ONLY, method="POST", label="invalid"),
    Case("careers:evidence_detail", SAM_READERS, kwargs=_submitted),
    Case(
        "careers:evidence_detail",
        CIC_READERS,
        kwargs=lambda c: _evidence(c, Evidence.Status.SUBMITTED, worker=c.cic_worker),
        label="CIC worker",
    ),
    Case("careers:evidence_detail", expect(405), kwargs=_submitted, method="POST", label="POST is not allowed"),
    Case("careers:evidence_edit", SAM_CHANGE, kwargs=_evidence),
    Case("careers:evidence_edit", SAM_CHANGE, kwargs=_evidence, method="POST", label="invalid"),
    Case(
        "careers:evidence_edit",
        expect(403, panel_member=404, other_authority_manager=404),
        kwargs=_submitted,
        label="submitted",
    ),
    Case(
        "careers:evidence_transition",
        expect(403, social_worker=302, panel_member=404, other_authority_manager=404),
        kwargs=_step(Evidence.Status.DRAFT, "submit"),
        method="POST",
        label="submit",
    ),
    Case(
        "careers:evidence_transition",
        expect(403, team_manager=302, panel_member=404, other_authority_manager=404),
        kwargs=_step(Evidence.Status.SUBMITTED, "accept"),
        method="POST",
        label="accept",
    ),
    Case(
        "careers:evidence_transition",
        expect(403, team_manager=200, panel_member=404, other_authority_manager=404),
        kwargs=_step(Evidence.Status.SUBMITTED, "return"),
        method="POST",
        label="return without a comment",
    ),
    Case(
        "careers:evidence_transition",
        expect(404),
        kwargs=_step(Evidence.Status.SUBMITTED, "publish"),
        method="POST",
        label="unknown step",
    ),
    Case(
        "careers:evidence_transition",
        expect(405),
        kwargs=_step(Evidence.Status.SUBMITTED, "accept"),
        label="GET is not allowed",
    ),
    Case("careers:evidence_attachment_add", SAM_CHANGE, kwargs=_evidence, method="POST", label="no file"),
    Case("careers:evidence_attachment_add", expect(405), kwargs=_evidence, label="GET is not allowed"),
    Case("careers:evidence_attachment_download", SAM_READERS, kwargs=_attachment),
    Case(
        "careers:evidence_attachment_remove",
        expect(403, panel_member=404, other_authority_manager=404),
        kwargs=lambda c: _attachment(c, Evidence.Status.SUBMITTED),
        method="POST",
        label="submitted",
    ),
    Case("careers:evidence_attachment_remove", expect(405), kwargs=_attachment, label="GET is not allowed"),
]
