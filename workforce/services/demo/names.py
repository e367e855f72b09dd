"""Code lists, names and weights the demo generator draws from: ethnicity, names by background, gender, routes,
origins, FTE, leaving reasons and destinations, and the agencies, price caps and indicator targets."""

from __future__ import annotations

from decimal import Decimal

from workforce.codes import Gender, LeaverDestination, LeavingReason, QualificationRoute, StartOrigin
from workforce.models import AgencyJobType, IndicatorKey

ETHNICITY_WEIGHTS = {
    "WBRI": 58, "WIRI": 2, "WOTH": 7, "MWBC": 2, "MWBA": 1, "MWAS": 1, "MOTH": 1, "AIND": 3, "APKN": 3,
    "ABAN": 1, "AOTH": 1, "BCRB": 3, "BAFR": 9, "BOTH": 1, "CHNE": 0.5, "OOTH": 1, "REFU": 2, "NOBT": 3.5,
}  # fmt: skip
# Names by background: (women's first names, men's first names, surnames). Ethnicity codes map onto them.
NAMES = {
    "british": (
        "Sarah Emma Laura Rachel Hannah Rebecca Claire Gemma Katie Charlotte Lucy Amy Jessica Sophie Helen Nicola "
        "Kelly Lauren Bethany Natalie Victoria Louise Megan Zoe Abigail Eleanor Fiona Alison Jade Chloe Holly Kirsty "
        "Samantha Danielle Leanne Ruth Joanne Catherine Harriet Jodie",
        "James David Daniel Thomas Matthew Christopher Andrew Michael Mark Paul Richard Jonathan Stephen Robert Adam "
        "Luke Benjamin Craig Simon Neil Ryan Liam Owen Gareth",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts "
        "Green Hall Wood Jackson Hughes Edwards Harris Lewis Turner Hill Cooper Ward Morris Moore King Baker Harrison "
        "Morgan Allen Bennett Marshall Shaw Holmes Parker Price Barker Chapman Ellis Mason Pearson Atkinson Dixon "
        "Lloyd Hudson Fisher Lawrence Bailey Stevens Kirby Whitehead Naylor Pickering Sutcliffe Ashworth Brennan",
    ),
    "irish": (
        "Siobhan Niamh Aoife Ciara Sinead Orla Roisin Mairead",
        "Declan Sean Ciaran Conor Padraig Eoin",
        "Murphy Kelly O'Brien Gallagher Doyle Byrne Ryan O'Connor Walsh McCarthy Kennedy Quinn",
    ),
    "european": (
        "Agnieszka Katarzyna Monika Ioana Elena Anna Maria Joanna Lucia Beata Sofia Ana",
        "Tomasz Piotr Andrei Marco Luca Mateusz",
        "Nowak Popescu Rossi Horvat Kovacs Novak Silva Santos Ferreira Costa Papadopoulos Schmidt Wisniewska Ionescu",
    ),
    "indian": (
        "Priya Anjali Sunita Nisha Harpreet Simran Amrita Kiran Pooja Meera",
        "Raj Amit Sanjay Arjun Vikram Harjit Deepak",
        "Patel Sharma Singh Gill Sandhu Mistry Desai Chauhan Parmar Bhatt",
    ),
    "pakistani": (
        "Aisha Fatima Sana Ayesha Nadia Rukhsana Saima Zainab Amira Hina",
        "Imran Asif Tariq Kamran Faisal Usman Bilal",
        "Khan Hussain Ahmed Iqbal Akhtar Butt Mahmood Rashid Malik Aslam",
    ),
    "bangladeshi": (
        "Taslima Shirin Nasima Farzana Rumana Sultana",
        "Abdul Shahid Jamal Rafiq",
        "Rahman Uddin Miah Islam Chowdhury Ali Begum",
    ),
    "african": (
        "Grace Blessing Chipo Abena Ngozi Funmilayo Esther Adaeze Ama Precious Tendai Chiamaka Folake Yetunde",
        "Emmanuel Kwame Samuel Tunde Chinedu Kofi Obinna Joseph",
        "Okafor Adeyemi Mensah Osei Boateng Okonkwo Adebayo Nwosu Moyo Ndlovu Asante Owusu Eze Banda Mutasa Danso",
    ),
    "caribbean": (
        "Marcia Simone Jasmine Natasha Tanya Shanice Michelle Beverley Keisha Yvonne",
        "Marcus Leon Dwayne Jermaine Carl Winston Andre",
        "Campbell Brown Thomas Clarke Francis Grant Henry Richards Stewart Gordon Forbes Samuels Reid Lindo",
    ),
    "chinese": ("Mei Jing Hui Xin Ling", "Wei Jun Ming Hao", "Chen Wong Li Zhang Liu Cheung Lam"),
    "other": (
        "Leila Yasmin Mariam Noor Hanan Dina",
        "Ali Omar Hassan Karim Yusuf",
        "Hassan Mohamed Abdi Farah Nasser Karimi Haddad Aziz",
    ),
}
NAME_BACKGROUND = {
    "WBRI": "british", "WIRI": "irish", "WOTH": "european", "MWBC": "caribbean", "MWBA": "african",
    "MWAS": "british", "MOTH": "british", "AIND": "indian", "APKN": "pakistani", "ABAN": "bangladeshi",
    "AOTH": "indian", "BCRB": "caribbean", "BAFR": "african", "BOTH": "caribbean", "CHNE": "chinese",
    "OOTH": "other", "REFU": "british", "NOBT": "british",
}  # fmt: skip
GENDER_WEIGHTS = {Gender.FEMALE: 80, Gender.MALE: 18, Gender.NOT_SPECIFIED: 1, Gender.NOT_KNOWN: 1}
ROUTE_WEIGHTS = {
    QualificationRoute.UNDERGRADUATE: 45,
    QualificationRoute.POSTGRADUATE: 30,
    QualificationRoute.FAST_TRACK: 12,
    QualificationRoute.APPRENTICESHIP: 6,
    QualificationRoute.OVERSEAS: 5,
    QualificationRoute.OTHER: 2,
}
ORIGIN_WEIGHTS = {
    StartOrigin.NEWLY_QUALIFIED: 25,
    StartOrigin.OTHER_LA: 30,
    StartOrigin.AGENCY: 12,
    StartOrigin.PRIVATE_VOLUNTARY: 8,
    StartOrigin.OUTSIDE_ENGLAND: 4,
    StartOrigin.OTHER_SOCIAL_WORK: 5,
    StartOrigin.NON_SOCIAL_WORK: 3,
    StartOrigin.CAREER_BREAK: 5,
    StartOrigin.OTHER: 3,
    StartOrigin.NOT_KNOWN: 5,
}
FTE_WEIGHTS = {Decimal("1"): 76, Decimal("0.8"): 9, Decimal("0.6"): 7, Decimal("0.5"): 5, Decimal("0.9"): 3}
# Leaving reasons after the ones every_leaving_reason hands out first; resignation is by far the most common.
REASON_WEIGHTS = {
    LeavingReason.RESIGNATION: 80,
    LeavingReason.RETIRED: 6,
    LeavingReason.OTHER: 4,
    LeavingReason.NOT_KNOWN: 4,
    LeavingReason.MOVED_WITHIN_AUTHORITY: 4,
    LeavingReason.DISMISSED: 2,
}
EVERY_REASON = (
    LeavingReason.RETIRED,
    LeavingReason.DISMISSED,
    LeavingReason.VOLUNTARY_REDUNDANCY,
    LeavingReason.COMPULSORY_REDUNDANCY,
    LeavingReason.DECEASED,
    LeavingReason.MOVED_WITHIN_AUTHORITY,
    LeavingReason.OTHER,
    LeavingReason.NOT_KNOWN,
    LeavingReason.RETIRED,
    LeavingReason.VOLUNTARY_REDUNDANCY,
)
D = LeaverDestination
DESTINATIONS = {
    LeavingReason.RESIGNATION: {D.OTHER_LA: 40, D.AGENCY: 15, D.PRIVATE_VOLUNTARY: 10, D.OUTSIDE_ENGLAND: 3,
                                D.OTHER_SOCIAL_WORK: 7, D.NON_SOCIAL_WORK: 8, D.CAREER_BREAK: 7, D.NOT_KNOWN: 10},
    LeavingReason.RETIRED: {D.CAREER_BREAK: 1},
    LeavingReason.VOLUNTARY_REDUNDANCY: {D.CAREER_BREAK: 2, D.NON_SOCIAL_WORK: 1},
    LeavingReason.COMPULSORY_REDUNDANCY: {D.CAREER_BREAK: 1, D.NOT_KNOWN: 1},
    LeavingReason.MOVED_WITHIN_AUTHORITY: {D.OTHER_SOCIAL_WORK: 2, D.NON_SOCIAL_WORK: 1},
    LeavingReason.OTHER: {D.OTHER: 1},
}  # fmt: skip
AGENCIES = ("Pathway Social Care Locums", "Harbour Recruitment Ltd", "Bluebell Social Work Agency", "Northgate Care")
PRICE_CAPS = {  # illustrative regional caps, pounds an hour
    AgencyJobType.SOCIAL_WORKER: Decimal("45.00"),
    AgencyJobType.SENIOR_SOCIAL_WORKER: Decimal("49.00"),
    AgencyJobType.PRACTICE_SUPERVISOR: Decimal("55.00"),
    AgencyJobType.PRACTICE_LEADER: Decimal("62.00"),
}
TARGETS = {
    IndicatorKey.TURNOVER_RATE: "14.0",
    IndicatorKey.AGENCY_RATE: "12.0",
    IndicatorKey.VACANCY_RATE: "12.0",
    IndicatorKey.AVERAGE_CASELOAD: "18.0",
    IndicatorKey.ABSENCE_RATE: "3.0",
    IndicatorKey.PRACTICE_LEADER_TURNOVER_RATE: "10.0",
}
