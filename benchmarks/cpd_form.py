"""The CPD record the load test's social worker saves: the create page and its form fields (cpd/forms/records.py)."""

from __future__ import annotations

import datetime as dt

CPD_CREATE_PATH = "/my-cpd/records/new/"


def cpd_form() -> dict[str, str]:
    return {
        "action": "record",
        "title": "Load test: reading on contextual safeguarding",
        "activity_type": "reading",
        "start_date": dt.date.today().strftime("%d/%m/%Y"),  # noqa: DTZ011
        "description": "Read the contextual safeguarding framework, relevant to adolescents on my caseload.",
        "learning": "How to assess risk in peer groups and public spaces as well as at home.",
        "impact": "I now map the places a young person spends time in every assessment.",
        "peer_reflection": "Discussed with my supervisor how to use the map in a strategy meeting.",
        "peer_name": "Team manager",
        "peer_role": "Team manager",
        "standards": "4",
        "standard_4_parts": "4.3",
        "hours": "2",
    }
