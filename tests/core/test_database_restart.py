"""The app keeps answering after PostgreSQL restarts: persistent connections are health-checked at the start of
each request (CONN_HEALTH_CHECKS), so the first request after a restart reconnects instead of failing.

Runs only on PostgreSQL, against the server the test suite started (scripts/pg.sh). Requests go through Django's
own WSGI handler in this thread, so the request-start signal that checks connections runs as in production
(the test client and the live server both bypass it: the one disconnects it, the other opens new connections).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PG_SCRIPT = str(ROOT / "scripts" / "pg.sh")

pytestmark = pytest.mark.django_db(transaction=True)


def _get(path: str) -> tuple[str, bytes]:
    environ: dict = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status: list[str] = []
    body = b"".join(WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s)))
    return status[0], body


def test_it_answers_again_after_the_database_restarts() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("restarts the PostgreSQL server that the PostgreSQL run of the suite starts")
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"]
    assert database["CONN_MAX_AGE"] > 0  # persistent connections: the ones a restart leaves dead
    port = str(database["PORT"])
    env = {**os.environ, "PGPORT": port, "PGROOT": os.environ.get("PGROOT", f"/tmp/equipped-pg-{port}")}  # noqa: S108
    if not Path(env["PGROOT"], "data").is_dir():
        pytest.skip(f"the test database is not a server started by scripts/pg.sh ({env['PGROOT']} not found)")

    assert _get("/healthz") == ("200 OK", b'{"status": "ok"}')
    subprocess.run(["/bin/bash", PG_SCRIPT, "restart"], env=env, check=True, timeout=120)  # noqa: S603

    assert _get("/healthz") == ("200 OK", b'{"status": "ok"}')
    assert _get("/accounts/login/")[0] == "200 OK"
