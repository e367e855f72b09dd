"""The portfolio PDF (spec section 6): cover, summary against principles and outcomes, evidence by principle with its
review history; the text parses back, and a 100-piece portfolio renders to a sensible number of pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from careers.exports.portfolio_pdf import DUPLICATES_NOTE, PortfolioPdf
from careers.models import Evidence, EvidenceTransition
from careers.selectors.applications import portfolio_for
from tests.careers.factories import EvidenceFactory, EvidenceTransitionFactory, FrameworkItemFactory
from tests.careers.factories_applications import accepted_evidence, application_for

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "portfolio.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)  # noqa: S603, S607
    text = " ".join(out.stdout.split())
    return re.sub(r" ?Progression portfolio · [^·]+ · produced \d+ \w+ \d{4}", "", text)  # the running footer


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_panel_member_downloads_the_portfolio(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.panel_member).get(reverse("careers:application_portfolio_pdf", args=[application.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Portfolio - Sam Patel - ' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_a_workforce_officer_may_not_download_it(cast, client_for) -> None:  # noqa: ANN001
    application = application_for(cast)

    response = client_for(cast.workforce_officer).get(
        reverse("careers:application_portfolio_pdf", args=[application.pk])
    )

    assert response.status_code == 403


@needs_poppler
def test_the_text_parses_back(cast, tmp_path) -> None:  # noqa: ANN001
    application = application_for(cast)
    ladder_items = list(application.level_sought.required_items.all())
    version = ladder_items[0].version
    wishes = version.items.get(key="wishes")
    both = EvidenceFactory(
        worker=cast.sam,
        framework_version=version,
        status=Evidence.Status.ACCEPTED,
        title="Hearing a nine-year-old's views <before> conference",
        items=[wishes, *ladder_items],
    )
    EvidenceTransitionFactory(evidence=both, by=cast.social_worker)
    EvidenceTransitionFactory(
        evidence=both,
        action=EvidenceTransition.Action.RETURN,
        from_status="submitted",
        to_status="returned",
        by=cast.team_manager,
        comment="Please add what he said in his own words.",
    )
    application.evidence.add(both)

    text = _text(PortfolioPdf(portfolio_for(application=application), team=cast.front_door).render(), tmp_path)

    for expected in (
        "Progression portfolio",
        "Sam Patel",
        "A001",
        "Front Door",
        "Social Worker",
        "Experienced Social Worker",
        "Progression panel",
        "Summary against the framework",
        "Welfare is paramount Required 3",  # principle 1, required for the level, with its accepted pieces
        "Wishes and feelings 1",
        "Families together Required 3",
        "Safe at home 0",
        "Evidence by principle",
        DUPLICATES_NOTE,
        "Hearing a nine-year-old's views <before> conference",
        "see under “Welfare is paramount”",
        "I convened a family network meeting",
        "Please add what he said in his own words.",
        "Tess Manager",
        "Returned with comments",
    ):
        assert expected in text, expected


@needs_poppler
def test_evidence_written_against_an_older_wording_counts_by_key(cast, tmp_path) -> None:  # noqa: ANN001
    application = application_for(cast)
    old = FrameworkItemFactory(kind="outcome", number=9, key="safe", title="Kept safe (2023 wording)")
    piece = EvidenceFactory(
        worker=cast.sam, framework_version=old.version, status=Evidence.Status.ACCEPTED, items=[old], title="Old"
    )
    application.evidence.add(piece)

    text = _text(PortfolioPdf(portfolio_for(application=application)).render(), tmp_path)

    assert "Safe at home 1" in text
    assert "Kept safe (2023 wording)" in text  # the piece keeps the wording it was written against
    assert "Not linked to a principle of the framework in use" in text


def test_a_hundred_piece_portfolio_renders(cast, django_assert_max_num_queries) -> None:  # noqa: ANN001
    application = application_for(cast)
    version = application.level_sought.required_items.first().version
    ladder = type("L", (), {"version": version})
    principles = list(version.items.filter(kind="principle"))
    outcomes = list(version.items.filter(kind="outcome"))
    pieces = accepted_evidence(cast.sam, ladder, cast.team_manager, n=98, items=[principles[0], outcomes[1]])
    application.evidence.add(*pieces)

    with django_assert_max_num_queries(12):
        portfolio = portfolio_for(application=application)
    pdf = PortfolioPdf(portfolio).render()

    assert portfolio.count == 100
    assert 35 <= _pages(pdf) <= 110
