"""The progression portfolio PDF for a panel (spec section 6): a cover, a summary against each principle and outcome,
then each piece of evidence grouped by principle with its text and review history.

A piece linked to several principles is printed in full under the first of them and only referred to under the
others, which keeps a large portfolio short; the PDF says so above the evidence.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak

from careers.models import Evidence
from careers.selectors.applications import Portfolio, PortfolioEntry
from core.exports.pdf import PdfDocument
from workforce.models import Team

DUPLICATES_NOTE = (
    "A piece of evidence linked to several principles is printed in full under the first of them, and referred to "
    "under the others."
)


def _date(value: Any) -> str:
    if value is None:
        return "Not given"
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%-d %B %Y at %H:%M}"
    return f"{value:%-d %B %Y}"


class PortfolioPdf(PdfDocument):
    """One application's portfolio, built from ``careers.selectors.applications.portfolio_for``."""

    def __init__(self, portfolio: Portfolio, *, team: Team | None = None) -> None:
        super().__init__()
        self.portfolio = portfolio
        self.application = portfolio.application
        self.team = team
        worker = self.application.worker
        self.title = f"Progression portfolio: {worker.full_name}"
        self.author = str(self.application.panel)

    def footer_text(self) -> str:
        worker = self.application.worker
        produced = f"{self.generated_at:%d %B %Y}"
        return f"Progression portfolio · {worker.full_name} ({worker.worker_id}) · produced {produced}"

    # -- parts -----------------------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        application = self.application
        worker = application.worker
        rows = [
            ("Worker", worker.full_name),
            ("Staff reference", worker.worker_id),
            ("Team", self.team.name if self.team else "Not in post"),
            ("Current level", application.current_level.name if application.current_level else "None recorded"),
            ("Level sought", application.level_sought.name),
            ("Panel", application.panel.name),
            ("Date applied", _date(timezone.localtime(application.applied_at).date())),
            ("Applied by", str(application.applied_by)),
            ("Status", application.get_status_display()),
            ("Pieces of evidence", str(self.portfolio.count)),
            ("Generated", _date(self.generated_at)),
        ]
        story: list[Flowable] = [
            self.spacer(30 * mm),
            self.paragraph("Progression portfolio", "title"),
            self.paragraph(f"{worker.full_name}: application for {application.level_sought.name}", "h1"),
            self.spacer(6 * mm),
            self.table(rows, widths=[45 * mm, self.frame_width - 45 * mm], header=False),
        ]
        if application.statement:
            story += [self.spacer(), *self.field("Supporting statement", application.statement)]
        return [*story, PageBreak()]

    def summary(self) -> list[Flowable]:
        story: list[Flowable] = [
            self.paragraph("Summary against the framework", "h1"),
            self.paragraph(
                "Accepted pieces of evidence in this portfolio for each principle and outcome of the framework in "
                "use. Evidence written against an earlier wording counts for the same principle or outcome.",
                "small",
            ),
        ]
        for heading, rows in (("Principle", self.portfolio.principles), ("Outcome", self.portfolio.outcomes)):
            if not rows:
                continue
            sought = self.application.level_sought.name
            data: list[list[Any]] = [[heading, f"Required for {sought}", "Accepted evidence"]]
            data += [
                [f"{row.item.number}. {row.item.title}", "Required" if row.required else "", str(row.accepted)]
                for row in rows
            ]
            widths = [self.frame_width - 70 * mm, 40 * mm, 30 * mm]
            story += [self.spacer(), self.table(data, widths=widths)]
        if not (self.portfolio.principles or self.portfolio.outcomes):
            story.append(self.paragraph("The authority has not chosen a framework version.", "small"))
        return story

    def _links(self, evidence: Evidence) -> str:
        items = getattr(evidence, "linked_items", None) or list(evidence.items.all())
        return "\n".join(f"{i.get_kind_display()}: {i.title}" for i in items) or "None"

    def _history(self, evidence: Evidence) -> list[Flowable]:
        transitions = list(evidence.transitions.all())
        if not transitions:
            return [self.paragraph("No review history.", "small")]
        rows: list[list[Any]] = [["When", "Who", "Action", "Comment"]]
        rows += [[_date(t.at), str(t.by), t.get_action_display(), t.comment or ""] for t in transitions]
        width = self.frame_width
        return [self.table(rows, widths=[32 * mm, 35 * mm, 30 * mm, width - 97 * mm])]

    def entry(self, entry: PortfolioEntry) -> list[Flowable]:
        evidence = entry.evidence
        heading = f"{evidence.title}"
        if not entry.first:
            return [self.paragraph(f"“{heading}”: see under “{entry.first_under}”.", "small")]
        meta = (
            f"When it happened: {_date(evidence.practice_date)} · {evidence.get_status_display()} · "
            f"written against {evidence.framework_version.name}"
        )
        story: list[Flowable] = [
            CondPageBreak(40 * mm),
            KeepTogether([self.paragraph(heading, "h2"), self.paragraph(meta, "small")]),
            *self.field("Linked to", self._links(evidence)),
            *self.field("What happened", evidence.what_happened),
            *self.field("What they did", evidence.what_i_did),
            *self.field("The impact for the child and family", evidence.impact),
        ]
        attachments = list(evidence.attachments.all())
        if attachments:
            story += self.field("Attachments", ", ".join(a.original_name for a in attachments))
        story += [self.paragraph("Review history", "label"), *self._history(evidence), self.spacer()]
        return story

    def evidence(self) -> list[Flowable]:
        story: list[Flowable] = [
            PageBreak(),
            self.paragraph("Evidence by principle", "h1"),
            self.paragraph(DUPLICATES_NOTE, "small"),
        ]
        if not self.portfolio.evidence:
            story.append(self.paragraph("The portfolio has no evidence.", "small"))
        for group in self.portfolio.groups:
            if not group.entries:
                continue
            story += [CondPageBreak(50 * mm), self.paragraph(group.title, "h1")]
            for entry in group.entries:
                story += self.entry(entry)
        return story

    def story(self) -> list[Flowable]:
        return [*self.cover(), *self.summary(), *self.evidence()]
