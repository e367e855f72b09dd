"""Every URL × method × role, beyond the expectations listed in the matrix (tests/test_access_matrix.py).

For each URL of the application (with the arguments of its first case in the matrix), every role sends a GET, a
POST with no data and a DELETE. Whatever the page, these must hold:
- nothing answers with a server error;
- an anonymous visitor is sent to sign in (or told the method is not allowed), except on the public health check;
- a role that gets 404 on GET (out of scope) gets 404 or 405 on POST: a POST never reveals that an object exists;
- a role that gets 403 on GET (may not use the page) cannot POST to it either (403, 404 or 405);
- no page accepts DELETE (the app changes things only through POSTed forms).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import ROLE_NAMES, Cast
from tests.test_access_matrix import CASES

PUBLIC = {"core:healthz"}
FIRST_CASES = {}
for _case in CASES:
    FIRST_CASES.setdefault(_case.url_name, _case)


@pytest.mark.parametrize("case", list(FIRST_CASES.values()), ids=lambda c: c.url_name)
@pytest.mark.django_db
def test_no_method_gets_round_the_access_rules(case, cast: Cast, client) -> None:  # noqa: ANN001
    url = reverse(case.url_name, kwargs=case.kwargs(cast)) + case.query
    problems = []
    for role in ROLE_NAMES:
        client.logout()
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        get = client.get(url).status_code
        post = client.post(url).status_code
        delete = client.delete(url).status_code
        statuses = f"GET {get}, POST {post}, DELETE {delete}"
        if max(get, post, delete) >= 500:
            problems.append(f"{role}: server error ({statuses})")
        if role == "anonymous" and case.url_name not in PUBLIC and not {get, post} <= {302, 405}:
            problems.append(f"anonymous: not sent to sign in ({statuses})")
        if get == 404 and post not in (404, 405):
            problems.append(f"{role}: out of scope on GET but POST answers {post}")
        if get == 403 and post not in (403, 404, 405):
            problems.append(f"{role}: refused on GET but POST answers {post}")
        if delete not in (302, 403, 404, 405) or (delete == 302 and role != "anonymous"):
            problems.append(f"{role}: DELETE answers {delete}")
    assert problems == [], f"{case.url_name} {url}: " + "; ".join(problems)
