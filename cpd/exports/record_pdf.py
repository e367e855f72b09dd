"""The CPD record PDF (spec section 6): a worker's recorded CPD of one registration year, in SWE's order.

A cover block (name, SWE registration number, registration year, renewal status), then each recorded piece of
CPD in date order with its fields in the order Social Work England's online form asks for them, so that the
worker can copy them into their SWE account. Drafts are left out; the cover says how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.defaultfilters import filesizeformat
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from core.exports.pdf import PdfDocument
from cpd.models import CpdRecord, Standard, Standard4Part
from cpd.selectors.compliance import REQUIRED_RECORDS, RenewalProgress
from cpd.selectors.records import renewal_status
from cpd.years import year_label
from workforce.models import Worker

STANDARD_LABELS = dict(Standard.choices)
PART_LABELS = dict(Standard4Part.choices)


def dates_text(record: CpdRecord) -> str:
    """ "12 March 2026", or "12 March 2026 to 14 March 2026"."""
    start = f"{record.start_date:%-d %B %Y}"
    if record.end_date and record.end_date != record.start_date:
        return f"{start} to {record.end_date:%-d %B %Y}"
    return start


def hours_text(record: CpdRecord) -> str:
    if record.hours is None:
        return ""
    hours = record.hours.normalize()
    return f"{hours:f} hour{'' if hours == 1 else 's'}"


class CpdYearPdf(PdfDocument):
    """One worker's recorded CPD for one registration year."""

    def __init__(
        self,
        *,
        worker: Worker,
        year: int,
        records: Sequence[CpdRecord],
        progress: RenewalProgress,
        drafts_left_out: int,
    ) -> None:
        super().__init__()
        self.worker = worker
        self.year = year
        self.records = list(records)
        self.progress = progress
        self.drafts_left_out = drafts_left_out
        self.title = f"CPD record of {worker.full_name}, {year_label(year)}"
        self.author = worker.full_name

    def cover(self) -> list[Flowable]:
        progress = self.progress
        status = renewal_status(progress)[0]
        peer = "yes" if progress.has_peer_reflection else "no"
        drafts = self.drafts_left_out
        rows = [
            ["Name", self.worker.full_name],
            ["Social Work England registration number", self.worker.swe_registration or "Not recorded"],
            ["Registration year", year_label(self.year)],
            [
                "Renewal requirement",
                f"{status}: {progress.records} of {REQUIRED_RECORDS} pieces of CPD recorded; "
                f"at least one with peer reflection: {peer}",
            ],
            ["Pieces of CPD in this document", str(len(self.records))],
        ]
        if drafts:
            rows.append(["Drafts left out", f"{drafts} draft{'' if drafts == 1 else 's'} not yet recorded"])
        width = self.frame_width
        return [
            self.paragraph("CPD record", "title"),
            self.paragraph(
                "Recorded continuing professional development, in the order Social Work England's online "
                "account asks for it.",
                "small",
            ),
            self.spacer(),
            self.table(rows, widths=[width * 0.35, width * 0.65], header=False),
        ]

    def record_story(self, number: int, record: CpdRecord) -> list[Flowable]:
        fields: list[list[Flowable]] = [
            self.field("Type of CPD", record.get_activity_type_display()),
            self.field("Title", record.title),
            self.field("Date(s)", dates_text(record)),
        ]
        if record.kind == CpdRecord.Kind.DOCUMENT:
            fields.append(self.field("Uploaded document", "This piece of CPD is an existing document, attached below."))
            fields.append(self.field("About the document", record.description))
        else:
            fields.append(self.field("Description of the activity and why it is relevant", record.description))
            fields.append(self.field("What I learned", record.learning))
            fields.append(self.field("The impact on my practice and the people I work with", record.impact))
        fields.append(
            self.field("What I learned from reflecting on it with a peer", record.peer_reflection, empty="None")
        )
        if record.peer_reflection:
            fields.append(
                self.field("Peer's name and role", ", ".join(filter(None, [record.peer_name, record.peer_role])))
            )
        standards = [STANDARD_LABELS.get(value, value) for value in record.standards]
        fields.append(self.field("Professional standards", "\n".join(standards)))
        if record.standard_4_parts:
            parts = [PART_LABELS.get(value, value) for value in record.standard_4_parts]
            fields.append(self.field("Parts of standard 4", "\n".join(parts)))
        fields.append(self.field("Time spent", hours_text(record)))
        attachments = [f"{a.original_name} ({filesizeformat(a.size)})" for a in record.attachments.all()]
        fields.append(self.field("Attachments", "\n".join(attachments), empty="None"))
        # Each label stays with its value, and the heading with the record's first fields (no lone headings).
        heading = self.paragraph(f"{number}. {record.title}", "h1")
        first = [heading, *fields[0], *fields[1], *fields[2]]
        return [
            CondPageBreak(60 * mm),
            KeepTogether(first),
            *(KeepTogether(field) for field in fields[3:]),
            self.spacer(8 * mm),
        ]

    def story(self) -> list[Flowable]:
        story: list[Flowable] = self.cover()
        story.append(self.spacer(8 * mm))
        if not self.records:
            story.append(self.paragraph("No CPD has been recorded in this registration year yet."))
        for number, record in enumerate(self.records, start=1):
            story += self.record_story(number, record)
        return story

    def footer_text(self) -> str:
        return f"{self.worker.full_name} · CPD record {year_label(self.year)} · produced {self.generated_at:%-d %B %Y}"


def render_year_pdf(**kwargs: Any) -> bytes:
    return CpdYearPdf(**kwargs).render()
