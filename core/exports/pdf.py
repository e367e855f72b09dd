"""The PDF renderer base (house style 9): A4, margins and fonts as class attributes, a running footer.

A document subclasses ``PdfDocument``, sets ``title`` and builds its ``story()`` (reportlab flowables); the
view returns ``pdf_response(name, document.render())``. Text that users typed goes through ``paragraph()``,
which escapes it (reportlab's Paragraph reads a small markup language) and keeps their line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.exports.xlsx import attachment_filename

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
LIGHT = colors.HexColor("#f3f2f1")
BORDER = colors.HexColor("#b1b4b6")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("Body", parent=base["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14.5)
    return {
        "title": ParagraphStyle("Title", parent=body, fontName="Helvetica-Bold", fontSize=22, leading=27, spaceAfter=8),
        "h1": ParagraphStyle(
            "H1", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=10, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "H2", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17, spaceBefore=8, spaceAfter=4
        ),
        "label": ParagraphStyle(
            "Label", parent=body, fontName="Helvetica-Bold", fontSize=10.5, spaceBefore=6, spaceAfter=1
        ),
        "body": body,
        "small": ParagraphStyle("Small", parent=body, fontSize=9, leading=12, textColor=GREY),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=9.5, leading=12.5),
    }


class PdfDocument:
    """One PDF. Subclasses set ``title`` and implement ``story()``; ``render()`` returns the bytes."""

    pagesize: ClassVar[tuple[float, float]] = A4
    left_margin: ClassVar[float] = 20 * mm
    right_margin: ClassVar[float] = 20 * mm
    top_margin: ClassVar[float] = 20 * mm
    bottom_margin: ClassVar[float] = 22 * mm
    title: str = ""
    author: str = ""

    def __init__(self) -> None:
        self.styles = _styles()
        self.generated_at = timezone.localtime()

    # -- building blocks -------------------------------------------------------------------------------------
    def paragraph(self, text: Any, style: str = "body") -> Paragraph:
        """User text, escaped, with its line breaks kept."""
        safe = escape(str(text or "")).replace("\r\n", "\n").replace("\n", "<br/>")
        return Paragraph(safe, self.styles[style])

    def field(self, label: str, value: Any, empty: str = "Not given") -> list[Flowable]:
        """A bold label and the value below it, as SWE's form lays them out."""
        text = str(value).strip() if value not in (None, "") else ""
        return [self.paragraph(label, "label"), self.paragraph(text or empty, "body" if text else "small")]

    def table(self, rows: Iterable[Iterable[Any]], widths: list[float] | None = None, header: bool = True) -> Table:
        data = [
            [self.paragraph(cell, "cell") if not isinstance(cell, Flowable) else cell for cell in row] for row in rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
        table.setStyle(TableStyle(style))
        return table

    def spacer(self, height: float = 4 * mm) -> Spacer:
        return Spacer(1, height)

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left_margin - self.right_margin

    # -- to implement ----------------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def footer_text(self) -> str:
        return f"{self.title} · produced {self.generated_at:%d %B %Y at %H:%M}"

    # -- rendering -------------------------------------------------------------------------------------------
    def _on_page(self, canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(self.left_margin, 12 * mm, self.footer_text()[:130])
        canvas.drawRightString(self.pagesize[0] - self.right_margin, 12 * mm, f"Page {document.page}")
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=self.title,
            author=self.author,
            lang="en-GB",
        )
        document.build(self.story(), onFirstPage=self._on_page, onLaterPages=self._on_page)
        return buffer.getvalue()


def pdf_response(name: str, content: bytes) -> HttpResponse:
    """An attachment named like the spreadsheets: "<name> - <YYYY-MM-DD-HH-MM-SS>.pdf"."""
    response = HttpResponse(content, content_type="application/pdf")
    filename = attachment_filename(name, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
