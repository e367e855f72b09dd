"""Two saves of the same evidence from pages opened on the same version: the second is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers.services.evidence import evidence_update
from core.concurrency import version_of
from tests.careers.factories_evidence import make_evidence, make_framework


def test_evidence_changed_in_another_tab_is_not_overwritten(cast) -> None:  # noqa: ANN001
    framework = make_framework(cast)
    evidence = make_evidence(cast, framework)
    opened = version_of(evidence)
    evidence_update(evidence=evidence, title="First tab", items=[framework.p1, framework.o1], user=cast.social_worker)

    with pytest.raises(ValidationError, match="Somebody else changed this record"):
        evidence_update(
            evidence=evidence, title="Second tab", items=[framework.p1, framework.o1], user=cast.social_worker,
            expected_version=opened,
        )  # fmt: skip
    evidence.refresh_from_db()
    assert evidence.title == "First tab"


def test_the_edit_form_carries_the_version_it_was_opened_on(cast, client_for) -> None:  # noqa: ANN001
    evidence = make_evidence(cast, make_framework(cast))
    response = client_for(cast.social_worker).get(reverse("careers:evidence_edit", args=[evidence.pk]))
    assert f'name="version" value="{version_of(evidence)}"' in response.content.decode()
