"""The bounded load test of `make bench`: gunicorn and PostgreSQL on loopback, locust driving the main journeys.

    python -m benchmarks.load DATABASE_URL [--users 20] [--seconds 60]

The database must already hold the large authority (the `setup` case of benchmarks/case.py). Gunicorn runs the
production settings (with HTTPS and MFA turned off: the test measures the pages, not the TLS proxy or a TOTP
prompt). Prints one JSON object: requests per second, the median and 95th-percentile times and the error count,
in all and for each request.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-1"  # noqa: S105 - a throw-away database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _case(name: str, arg: str, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.case", name, arg], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds:.0f} s")


def _read_stats(prefix: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"requests": {}}
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            figures = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": round(float(row["50%"] or 0)),
                "p95_ms": round(float(row["95%"] or 0)),
            }
            if row["Name"] == "Aggregated":
                out["total"] = figures
            else:
                out["requests"][f"{row['Type']} {row['Name']}"] = figures
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with failures.open(newline="") as handle:
            out["errors"] = [
                {
                    "request": f"{row['Method']} {row['Name']}",
                    "error": row["Error"][:200],
                    "count": int(row["Occurrences"]),
                }
                for row in csv.DictReader(handle)
            ]
    return out


def run(url: str, users: int, seconds: int, cpd_path: str, cpd_form: dict[str, str]) -> dict[str, Any]:
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": url,
            "SECRET_KEY": "load-test-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "USE_HTTPS": "false",
            "MFA_REQUIRED_ROLES": "none",
            "STATIC_ROOT": str(Path(tmp) / "static"),
            "PRIVATE_MEDIA_ROOT": str(Path(tmp) / "private"),
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        fixtures = _case("load_users", PASSWORD, env)  # under the server's settings: the same password hasher
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3",
             "--threads", "2", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            host = f"http://127.0.0.1:{port}"
            _wait_for(f"{host}/healthz")
            prefix = Path(tmp) / "load"
            locust_env = {
                **os.environ,
                "LOAD_PASSWORD": PASSWORD,
                "LOAD_OFFICER": fixtures["logins"]["officer"],
                "LOAD_MANAGER": fixtures["logins"]["manager"],
                "LOAD_WORKER": fixtures["logins"]["worker"],
                "LOAD_WORKER_PK": str(fixtures["worker_pk"]),
                "LOAD_TEAM_PK": str(fixtures["team_pk"]),
                "LOAD_CPD_CREATE_PATH": cpd_path,
                "LOAD_CPD_FORM": urlencode(cpd_form),
            }
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
                 "--users", str(users), "--spawn-rate", str(max(1, users // 5)), "--run-time", f"{seconds}s",
                 "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                 "--exit-code-on-error", "0"],
                cwd=ROOT, env=locust_env, check=True, timeout=seconds + 120, capture_output=True,
            )  # fmt: skip
            stats = _read_stats(prefix)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"users": users, "seconds": seconds, "gunicorn": "3 workers × 2 threads", **stats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    from benchmarks.cpd_form import CPD_CREATE_PATH, cpd_form

    print(json.dumps(run(args.url, args.users, args.seconds, CPD_CREATE_PATH, cpd_form())))


if __name__ == "__main__":
    main()
