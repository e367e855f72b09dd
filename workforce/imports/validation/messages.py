"""The messages of the checks. Each says what is wrong and what to do; one check always gives the same text, so
that the result page can group the rows by message."""

from __future__ import annotations

from workforce.rules import OVERLAPPING_ASSIGNMENT

FILE_NO_HEADER = (
    "The first row is not a header row naming the columns. Put the column names of a {kind} file in the first row "
    "(download the template to see them)."
)
FILE_HEADER_ONLY = "The file has a header row but no data rows. Add one row per record below the header row."
FILE_DELIMITER = (
    "The columns are separated by semicolons or tabs, not commas. Save the file as 'CSV UTF-8 (comma delimited)'."
)
FILE_WRONG_KIND = "This looks like a {other} file, not a {kind} file. Choose '{other}' as the kind of file."
COLUMN_UNKNOWN = "Unknown column. Remove it, or correct its name: a {kind} file has the columns {columns}."
COLUMN_UNKNOWN_SUGGESTION = "Unknown column: did you mean '{suggestion}'? Correct the column name."
COLUMN_MISSING = "Required column missing. Add a column headed '{column}'."
COLUMN_TWICE = "This column appears more than once. Keep one column with this name."
COLUMN_NO_HEADING = "A value in a column with no heading. Give the column a heading from the template, or remove it."

VALUE_MISSING = "{column} is blank. Fill it in: it is required."
VALUE_TOO_LONG = "{column} is longer than {limit} characters. Shorten it."
NOT_A_DATE = "{column} is not a real date. Give it as YYYY-MM-DD (for example 2025-09-30) or DD/MM/YYYY."
NOT_A_CODE = "{column} is not one of the codes allowed. Use one of: {codes}."
NOT_A_NUMBER = "{column} is not a number. Give a number of 0 or more, for example 4.5."
NEGATIVE = "{column} is less than 0. Give a number of 0 or more."
NOT_WHOLE = "{column} is not a whole number. Give a whole number of 0 or more."
TOO_LARGE = "{column} is too large. Check the figure."

# Staff
FTE_NOT_A_NUMBER = "fte is not a number. Give the full-time equivalent as a decimal, for example 0.6."
FTE_OUT_OF_RANGE = "FTE must be more than 0 and at most 1. Give the full-time equivalent, for example 0.6 for 3 days."
EMAIL_INVALID = "email is not an e-mail address. Correct it (for example name@example.org) or leave it blank."
SWE_INVALID = (
    "swe_registration is not a Social Work England registration number. Give SW followed by 1 to 10 digits "
    "(for example SW123456), or leave it blank."
)
SWE_MISSING = (
    "No Social Work England registration number for a social work role. Add swe_registration: social workers "
    "must be registered."
)
SWE_TWICE = (
    "This Social Work England registration number is also given for another worker_id in the file. Each person "
    "has their own number: correct one of them."
)
SWE_TAKEN = (
    "This Social Work England registration number is already recorded for another worker. Each person has their "
    "own number: correct it, or correct the other worker's record first."
)
TEAM_TWO_NAMES = "This team_code has different team_names on different rows. Give each team one name."
TEAM_NAME_DIFFERS = (
    "This team_name differs from the name stored for the team_code. The stored name is kept: an administrator can "
    "rename the team."
)
STAFF_KEY_TWICE = "The same worker_id and start_date appear on more than one row. Keep one row per assignment."
END_BEFORE_START = "end_date is before start_date. Correct the dates."
START_IN_FUTURE = "start_date is in the future. Check it: the assignment counts only from that date."
END_FAR_IN_FUTURE = "end_date is more than a year in the future. Check it."
REASON_MISSING = (
    "leaving_reason is blank but end_date is set. Give the reason for leaving (internal_move for a move to another "
    "social work assignment here)."
)
REASON_WITHOUT_END = "leaving_reason is given but end_date is blank: the reason is ignored. Give the end_date too."
COVERS_VACANCY_INVALID = "covers_vacancy must be yes or no (on agency rows), or blank."
COVERS_VACANCY_PERMANENT = "covers_vacancy applies to agency rows only: it is ignored on this permanent row."
OVERLAP_IN_FILE = (
    f"{OVERLAPPING_ASSIGNMENT} Correct the dates: one assignment must end on or before the day the next starts."
)
OVERLAP_STORED = (
    "This assignment overlaps an assignment already stored for this worker. Correct the dates, or end the stored "
    "assignment: add a row with its start_date and its end_date."
)
TOO_YOUNG = "date_of_birth makes the worker under 20 at start_date. Check the date of birth."
TOO_OLD = "date_of_birth makes the worker over 80 at start_date. Check the date of birth."
ETHNICITY_BLANK = (
    "ethnicity is blank. Give the ethnicity code (REFU if the worker refused, NOBT if not yet obtained): the "
    "published figures use known ethnicity only."
)
DETAILS_DIFFER = (
    "This row's personal details differ from another row with the same worker_id. The details on the row with "
    "the latest start_date are kept."
)

# Establishment, caseloads, absences
TEAM_UNKNOWN = "No team has this team_code. Import the team in a staff file first, or correct the code."
WORKER_UNKNOWN = "No worker has this worker_id. Import the worker in a staff file first, or correct the worker_id."
NOT_IN_YOUR_TEAMS = (
    "This worker is not in your teams. You can import caseloads only for the people in the teams you manage."
)
ESTABLISHMENT_KEY_TWICE = (
    "The same team_code and effective_from appear on more than one row. Keep one row per team and date."
)
CASELOAD_KEY_TWICE = "The same worker_id and date appear on more than one row. Keep one row per worker and date."
ABSENCE_KEY_TWICE = "The same worker_id and start_date appear on more than one row. Keep one row per absence."
CASE_TYPES_DO_NOT_ADD_UP = (
    "The cases by type do not add up to cases. Correct child_in_need, child_protection, child_in_care, care_leaver "
    "and other_cases so that they add up to cases, or leave them all blank."
)
CASELOAD_HIGH = "More than 40 cases. Check the figure."
CASELOAD_NO_CASES_ROLE = (
    "Cases recorded for a worker whose role on this date is qualified_no_cases. Check the figure or the role."
)
CASE_HOLDER_NO_RECORD = (
    "A case holder in post has no caseload record in the month of the file's latest date. Add a row for them "
    "(with 0 cases if they hold none)."
)
CASELOAD_OUTSIDE_ASSIGNMENTS = (
    "date is outside every assignment of this worker. Check the date: the record counts in no team's figures."
)
ABSENCE_OUTSIDE_ASSIGNMENTS = (
    "start_date is outside every assignment of this worker. Check the date: the absence counts in no team's figures."
)
ABSENCE_DAYS_ABOVE_WORKING_DAYS = (
    "working_days_lost is more than the working days (Monday to Friday) from start_date to end_date. Check the figure."
)
ABSENCE_OVERLAP = "This absence overlaps another absence of the same worker. Check the dates."
