"""Who may see and change career progression records (spec section 1): the rules the object helpers build on.

- A worker sees their own evidence, progress and applications, and changes their evidence until it is submitted.
- A team manager sees everything of the people with an assignment in their teams and reviews the evidence of the
  people currently in their teams (never their own).
- A service manager sees the same for their service area, read-only.
- A workforce officer sees counts and status only, never the text of evidence.
- A panel member sees the applications sent to a panel they sit on, with their evidence.
- An administrator sees everything and changes the framework, levels, criteria and panels.

Object helpers live beside this module, one per area (framework, evidence, applications).
"""

from __future__ import annotations

from cpd.access import can_read_cpd_content, cpd_workers_for_user, is_own, is_team_manager_of

# The same people may read a worker's evidence as may read their CPD content; see cpd.access.
can_read_evidence_content = can_read_cpd_content
career_workers_for_user = cpd_workers_for_user
is_reviewer_of = is_team_manager_of

__all__ = ["can_read_evidence_content", "career_workers_for_user", "is_own", "is_reviewer_of"]
