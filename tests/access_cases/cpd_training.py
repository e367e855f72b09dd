"""Role × URL cases of the mandatory training pages (collected by tests/test_access_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.access import HR_ONLY, MANAGERS_AND_HR, Case, expect
from tests.conftest import Cast

OWN = expect(403, social_worker=200)
MATRIX = expect(403, **MANAGERS_AND_HR, other_authority_manager=200)
HR_PAGE = expect(403, **HR_ONLY)
HR_CHANGE = expect(403, panel_member=404, other_authority_manager=404, **HR_ONLY)


def course(c: Cast, authority: Any = None) -> dict[str, Any]:
    from cpd.models import TrainingCourse

    found, _ = TrainingCourse.objects.get_or_create(
        authority=authority or c.authority, code="SAFEG", defaults={"name": "Safeguarding", "validity_months": 36}
    )
    return {"pk": found.pk}


CASES: list[Case] = [
    Case("cpd:my_training", OWN),
    Case("cpd:my_training", expect(405), method="POST", label="POST is not allowed"),
    Case("cpd:training_matrix", MATRIX),
    Case("cpd:training_matrix", expect(405), method="POST", label="POST is not allowed"),
    Case(
        "core:export_download",
        MATRIX,
        kwargs=lambda c: {"export_id": "cpd-training-matrix"},
        label="cpd-training-matrix",
    ),
    Case("cpd:training_courses", HR_PAGE),
    Case("cpd:training_courses", expect(405), method="POST", label="POST is not allowed"),
    Case("cpd:training_course_create", HR_PAGE),
    Case("cpd:training_course_create", HR_PAGE, method="POST", label="invalid"),
    Case("cpd:training_course_edit", HR_PAGE, kwargs=course),
    Case("cpd:training_course_edit", HR_PAGE, kwargs=course, method="POST", label="invalid"),
    Case(
        "cpd:training_course_edit",
        expect(403, workforce_officer=404, administrator=404),
        kwargs=lambda c: course(c, c.other_authority),
        label="other authority",
    ),
    Case("cpd:training_import", HR_PAGE),
    Case("cpd:training_import", HR_PAGE, method="POST", label="invalid"),
    Case("cpd:training_completion_create", HR_CHANGE, kwargs=lambda c: {"pk": c.sam.pk}),
    Case(
        "cpd:training_completion_create", HR_CHANGE, kwargs=lambda c: {"pk": c.sam.pk}, method="POST", label="invalid"
    ),
    Case(
        "cpd:training_completion_create",
        expect(404, other_authority_manager=403),
        kwargs=lambda c: {"pk": c.other_worker.pk},
        label="other authority",
    ),
]
