"""Code lists of the DfE children's social work workforce census (CSWW), as spec section 4 names them.

Each list maps our stored code to its label. Census numeric codes, where the census uses them, are accepted
on import and translated by the *_CENSUS_CODES maps.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    MIDDLE_MANAGER = "middle_manager", "Middle manager"
    FIRST_LINE_MANAGER = "first_line_manager", "First line manager"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    CASE_HOLDER = "case_holder", "Case holder"
    QUALIFIED_NO_CASES = "qualified_no_cases", "Qualified, not holding cases"
    OTHER = "other", "Other (not a social work post)"


ROLE_CENSUS_CODES = {
    "1": Role.SENIOR_MANAGER,
    "2": Role.MIDDLE_MANAGER,
    "3": Role.FIRST_LINE_MANAGER,
    "4": Role.SENIOR_PRACTITIONER,
    "5": Role.CASE_HOLDER,
    "6": Role.QUALIFIED_NO_CASES,
}
MANAGER_ROLES = (Role.SENIOR_MANAGER, Role.MIDDLE_MANAGER, Role.FIRST_LINE_MANAGER)


class Contract(models.TextChoices):
    PERMANENT = "permanent", "Permanent (paid directly, fixed-term included)"
    AGENCY = "agency", "Agency or self-employed"


class LeavingReason(models.TextChoices):
    RESIGNATION = "resignation", "Resignation"
    VOLUNTARY_REDUNDANCY = "voluntary_redundancy", "Voluntary redundancy"
    COMPULSORY_REDUNDANCY = "compulsory_redundancy", "Compulsory redundancy"
    DISMISSED = "dismissed", "Dismissed"
    RETIRED = "retired", "Retired"
    DECEASED = "deceased", "Deceased"
    MOVED_WITHIN_AUTHORITY = "moved_within_authority", "Moved to a role in the authority that is not social work"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"
    INTERNAL_MOVE = "internal_move", "Internal move (another social work assignment here)"


LEAVING_REASON_CENSUS_CODES = {
    "1": LeavingReason.RESIGNATION,
    "2": LeavingReason.VOLUNTARY_REDUNDANCY,
    "3": LeavingReason.COMPULSORY_REDUNDANCY,
    "4": LeavingReason.DISMISSED,
    "5": LeavingReason.RETIRED,
    "6": LeavingReason.DECEASED,
    "7": LeavingReason.MOVED_WITHIN_AUTHORITY,
    "8": LeavingReason.OTHER,
    "9": LeavingReason.NOT_KNOWN,
}


class Gender(models.TextChoices):
    NOT_KNOWN = "0", "Not known"
    MALE = "1", "Male"
    FEMALE = "2", "Female"
    NOT_SPECIFIED = "9", "Not specified"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


WHITE_MAJORITY_ETHNICITIES = ("WBRI", "WIRI", "WOTH")
UNKNOWN_ETHNICITIES = ("REFU", "NOBT")


class StartOrigin(models.TextChoices):
    NEWLY_QUALIFIED = "1", "Newly qualified social worker"
    OTHER_LA = "2", "Social work role in another local authority in England"
    OUTSIDE_ENGLAND = "3", "Social work role outside England"
    PRIVATE_VOLUNTARY = "4", "Social work role in the private or voluntary sector"
    AGENCY = "5", "Agency or consultancy social work"
    OTHER_SOCIAL_WORK = "6", "Other social work role (not children and families)"
    NON_SOCIAL_WORK = "7", "Role that is not social work"
    CAREER_BREAK = "8", "Career break or not in employment"
    OTHER = "9", "Other"
    NOT_KNOWN = "10", "Not known"


class LeaverDestination(models.TextChoices):
    OTHER_LA = "1", "Social work role in another local authority in England"
    OUTSIDE_ENGLAND = "2", "Social work role outside England"
    PRIVATE_VOLUNTARY = "3", "Social work role in the private or voluntary sector"
    AGENCY = "4", "Agency or consultancy social work"
    OTHER_SOCIAL_WORK = "5", "Other social work role (not children and families)"
    NON_SOCIAL_WORK = "6", "Role that is not social work"
    CAREER_BREAK = "7", "Career break or not in employment"
    OTHER = "8", "Other"
    NOT_KNOWN = "9", "Not known"


class QualificationRoute(models.TextChoices):
    UNDERGRADUATE = "undergraduate", "Undergraduate degree"
    POSTGRADUATE = "postgraduate", "Postgraduate degree"
    FAST_TRACK = "fast_track", "Fast-track programme (Frontline, Step Up)"
    APPRENTICESHIP = "apprenticeship", "Degree apprenticeship"
    OVERSEAS = "overseas", "Qualified outside the UK"
    OTHER = "other", "Other"


class PostQualifyingStatus(models.TextChoices):
    ASYE = "asye", "ASYE (assessed and supported year in employment)"
    PRACTITIONER = "practitioner", "Practitioner"
    PRACTICE_SUPERVISOR = "practice_supervisor", "Practice supervisor"
    PRACTICE_LEADER = "practice_leader", "Practice leader"


class AbsenceType(models.TextChoices):
    SICKNESS = "sickness", "Sickness"
    OTHER = "other", "Other"


ABSENCE_CENSUS_CODES = {
    "SIC": AbsenceType.SICKNESS,
    "MAT": AbsenceType.OTHER,
    "OTH": AbsenceType.OTHER,
    "PUB": AbsenceType.OTHER,
    "TRN": AbsenceType.OTHER,
    "UNA": AbsenceType.OTHER,
    "UNP": AbsenceType.OTHER,
}


class UserRole(models.TextChoices):
    """What a signed-in user may do (spec section 1)."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    WORKFORCE_OFFICER = "workforce_officer", "Workforce officer"
    PANEL_MEMBER = "panel_member", "Progression panel member"
    ADMINISTRATOR = "administrator", "Administrator"
