"""The year PDF of a worker's recorded CPD (spec section 6), parsed back with pdftotext and rendered to PNG."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from cpd.models import CpdRecord
from tests.cpd.factories import CpdRecordFactory
from tests.cpd.factories_records import attach

TODAY = dt.date(2026, 6, 15)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workforce.selectors.today", lambda: TODAY)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "cpd.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)  # noqa: S603, S607
    return " ".join(result.stdout.split())


def _year(cast) -> list[CpdRecord]:  # noqa: ANN001
    cast.sam.swe_registration = "SW123456"
    cast.sam.save()
    first = CpdRecordFactory(
        worker=cast.sam,
        title="Child exploitation course",
        start_date=dt.date(2026, 1, 20),
        end_date=dt.date(2026, 1, 21),
        learning="Mapping a young person's networks & contacts <online>.",
        standards=["1", "4"],
        standard_4_parts=["4.3", "4.6"],
    )
    attach(first, "Exploitation certificate.pdf")
    second = CpdRecordFactory(
        worker=cast.sam,
        title="Reading on trauma-informed practice",
        activity_type="reading",
        start_date=dt.date(2026, 4, 2),
        learning="Why predictable routines matter to children who have lived with trauma.",
        peer_reflection="",
        peer_name="",
        peer_role="",
        standards=["3"],
        standard_4_parts=[],
        hours=Decimal("2"),
    )
    CpdRecordFactory(worker=cast.sam, title="Unfinished draft", status=CpdRecord.Status.DRAFT, learning="Secret draft")
    return [first, second]


@needs_poppler
def test_the_pdf_lists_the_recorded_cpd_in_swe_order(cast, client_for, tmp_path) -> None:  # noqa: ANN001
    first, second = _year(cast)
    response = client_for(cast.social_worker).get(reverse("cpd:year_pdf", args=[2026]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="CPD record Sam Patel 2026 - ')
    text = _text(response.content, tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "cpd-year-2026.pdf").write_bytes(response.content)

    for cover in ("Sam Patel", "SW123456", "1 December 2025 to 30 November 2026", "Met", "1 draft not yet recorded"):
        assert cover in text, cover
    assert "Unfinished draft" not in text
    assert "Secret draft" not in text
    # The records in date order, each field in the order SWE's form asks for it.
    order = [
        "1. Child exploitation course",
        "Type of CPD Course or training",
        "Title Child exploitation course",
        "Date(s) 20 January 2026 to 21 January 2026",
        "Description of the activity and why it is relevant",
        "What I learned Mapping a young person's networks & contacts <online>.",
        "The impact on my practice",
        "What I learned from reflecting on it with a peer In supervision",
        "Peer's name and role Tess Manager, Team manager",
        "1. Promote the rights",
        "4.3 Keep my practice up to date",
        "Time spent 6.5 hours",
        "Exploitation certificate.pdf",
        "2. Reading on trauma-informed practice",
        "Type of CPD Reading or research",
        "Why predictable routines matter",
        "Time spent 2 hours",
    ]
    positions = [text.find(item) for item in order]
    assert -1 not in positions, [item for item, at in zip(order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)


@needs_poppler
def test_the_pdf_renders_to_pages_a_person_can_read(cast, client_for, tmp_path) -> None:  # noqa: ANN001
    """Writes test-artifacts/pdf/cpd-year-2026-1.png, to be looked at."""
    _year(cast)
    pdf = client_for(cast.team_manager).get(reverse("cpd:worker_year_pdf", args=[cast.sam.pk, 2026])).content
    path = tmp_path / "cpd.pdf"
    path.write_bytes(pdf)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(ARTIFACTS / "cpd-year-2026")], check=True)  # noqa: S603, S607
    pages = sorted(ARTIFACTS.glob("cpd-year-2026-*.png"))
    assert pages
    assert pages[0].stat().st_size > 10_000


def test_an_empty_year_still_gives_a_pdf(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.social_worker).get(reverse("cpd:year_pdf", args=[2026]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_only_those_who_may_read_the_content_get_a_workers_pdf(cast, client_for) -> None:  # noqa: ANN001
    CpdRecordFactory(worker=cast.sam)
    url = reverse("cpd:worker_year_pdf", args=[cast.sam.pk, 2026])
    assert client_for(cast.service_manager).get(url).status_code == 200
    assert client_for(cast.administrator).get(url).status_code == 200
    assert client_for(cast.workforce_officer).get(url).status_code == 403
    assert client_for(cast.other_authority_manager).get(url).status_code == 404
    cic = reverse("cpd:worker_year_pdf", args=[cast.cic_worker.pk, 2026])
    assert client_for(cast.team_manager).get(cic).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
