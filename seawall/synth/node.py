"""A synthetic country node: agencies, users per role, persons and victim cases.

Deterministic by seed. The mixes are plausible for the region (mostly women and girls,
Venezuelan and local victims, sexual exploitation and forced labour in mining and
agriculture, routes such as VEN→GUY, CUB→GUY→SUR, HTI→DOM), not statistics of any real
country. Some persons are registered twice by different agencies, with the spelling
slips that happen in practice, so duplicate detection has something to find.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from seawall.synth.names import NICKNAMES, POOLS

# (name, org_Type) for a demo node; names are generic and marked as demo.
AGENCIES: tuple[tuple[str, str], ...] = (
    ("Counter-Trafficking Unit, Ministry of Human Services (demo)", "CentralGovernmentOrganisation"),
    ("Police Trafficking in Persons Unit (demo)", "LawEnforcement"),
    ("Immigration Department (demo)", "ImmigrationService"),
    ("Labour Inspectorate (demo)", "CentralGovernmentOrganisation"),
    ("Office of the Director of Public Prosecutions (demo)", "ProsecutionService"),
    ("Safe Harbour Women's Shelter (demo NGO)", "NGO"),
    ("Hinterland Health Clinic (demo)", "HealthServiceOrganisation"),
    ("Legal Aid Clinic (demo)", "LegalService"),
    ("National Task Force Secretariat (demo)", "CentralGovernmentOrganisation"),
)

# One demo login per role: (username, role, agency index)
DEMO_USERS: tuple[tuple[str, str, int], ...] = (
    ("caseworker", "caseworker", 0),
    ("shelter", "caseworker", 5),
    ("investigator", "investigator", 1),
    ("prosecutor", "prosecutor", 4),
    ("provider", "service_provider", 6),
    ("coordinator", "coordinator", 8),
    ("analyst", "analyst", 8),
    ("admin", "administrator", 8),
)

# Agencies that identify victims, with weights.
IDENTIFYING = ((0, 0.35), (1, 0.30), (2, 0.15), (3, 0.10), (5, 0.10))

NATIONALITY_MIX = (("VEN", .42), ("GUY", .24), ("CUB", .08), ("HTI", .06), ("BRA", .05),
                   ("COL", .05), ("CHN", .04), ("DOM", .03), ("JAM", .02), ("TTO", .01))

# Where exploitation happens inside the node, and typical transit countries by origin.
PLACES = ("Georgetown", "Bartica", "Lethem", "Mahdia", "Port Kaituma", "Linden", "Anna Regina", "Mabaruma")
TRANSIT = {"CUB": ("SUR", "BRA"), "HTI": ("DOM", "BRA"), "CHN": ("SUR", "TTO"), "DOM": ("SUR",), "COL": ("VEN",)}
LABOUR_SECTORS = (("B_MiningAndQuarrying", .4), ("A_AgricultureForestryAndFishing", .25),
                  ("T_ActivitiesOfHouseholdsAsEmployers", .15), ("I_AccommodationAndFoodServiceActivities", .1),
                  ("F_Construction", .1))
CONTROL = ("DebtBondage", "FalsePromises", "WithholdsDocuments", "PhysicalThreats", "RestrictsFinancialAccess",
           "PsychologicalAbuse", "ThreatsLawEnforcement", "TakesEarnings", "ExcessiveWorkingHours")
RECRUITMENT = ("ThroughFriendsOrSocialEvents", "ThroughOnlineSocialNetworks", "ThroughFamilyOrFamilyEvents",
               "ThroughAnOnlineAdvertisement", "AtWork")
# Mobile prefix and how many digits follow it, per nationality.
PHONE_PLAN = {"VEN": ("+58412", 7), "GUY": ("+592600", 4), "CUB": ("+535", 7), "HTI": ("+5093", 7),
              "BRA": ("+55959", 8), "COL": ("+57310", 7), "CHN": ("+86138", 8), "DOM": ("+1809", 7),
              "JAM": ("+1876", 7), "TTO": ("+1868", 7)}


def _phone(rng: random.Random, nationality: str) -> str:
    prefix, digits = PHONE_PLAN[nationality]
    return prefix + "".join(rng.choice("0123456789") for _ in range(digits))


@dataclass
class SynthEvent:
    event_type: str
    country: str
    place: str
    date: dt.date | None


@dataclass
class SynthCase:
    person_key: int
    given_names: str
    family_names: str
    gender: str
    birth_date: str
    citizenships: list[str]
    phones: list[str]
    documents: list[dict[str, str]]
    identified_on: dt.date
    identifying_agency: int
    age_at_identification: int | None
    trafficking_status: str
    status_decided_by: str
    exploitation_types: list[str]
    forced_labour_industry: str
    sexual_exploitation_types: list[str]
    methods_of_control: list[str]
    recruitment_methods: list[str]
    relationship_to_trafficker: str
    status: str
    events: list[SynthEvent] = field(default_factory=list)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...] | tuple[tuple[int, float], ...]):  # type: ignore[no-untyped-def]
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _variant(rng: random.Random, case: SynthCase) -> tuple[str, str]:
    """How another agency writes the same name: accents dropped, one surname, a nickname, a typo."""
    given, family = case.given_names, case.family_names
    roll = rng.random()
    if roll < 0.3:
        given, family = _strip_accents(given), _strip_accents(family)
    elif roll < 0.5 and " " in family:
        family = family.split(" ")[0]
    elif roll < 0.65 and given in NICKNAMES:
        given = rng.choice(NICKNAMES[given])
    elif roll < 0.8:
        given = given.replace("-", " ")
    elif len(family) > 4:
        i = rng.randrange(1, len(family) - 1)
        family = family[:i] + family[i + 1] + family[i] + family[i + 2:]
    return given, family


def generate_cases(n: int, seed: int = 2026, today: dt.date | None = None,
                   repeat_share: float = 0.05) -> Iterator[SynthCase]:
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 1)
    made: list[SynthCase] = []
    for i in range(n):
        if made and rng.random() < repeat_share:
            yield _repeat(rng, rng.choice(made[-5000:]), i, today)
            continue
        case = _new_case(rng, i, today)
        made.append(case)
        yield case


def _new_case(rng: random.Random, key: int, today: dt.date) -> SynthCase:
    nationality = _pick(rng, NATIONALITY_MIX)
    female = rng.random() < 0.76
    child = rng.random() < 0.27
    given_f, given_m, surnames, double = POOLS[nationality]
    given = rng.choice(given_f if female else given_m)
    family = rng.choice(surnames) + (" " + rng.choice(surnames) if double else "")
    identified = today - dt.timedelta(days=rng.randrange(0, 6 * 365))
    age = rng.randrange(8, 18) if child else rng.randrange(18, 50)
    born = identified - dt.timedelta(days=age * 365 + rng.randrange(0, 365))
    birth_known = rng.random() < 0.7
    sexual = rng.random() < (0.75 if female else 0.15)
    labour = not sexual or rng.random() < 0.1
    types = (["SexualExploitation"] if sexual else []) + (["ForcedLabour"] if labour else [])
    if child and labour and rng.random() < 0.3:
        types.append("ChildLabour")
    events = _route(rng, nationality, identified)
    return SynthCase(
        person_key=key,
        given_names=given, family_names=family,
        gender="Feminine" if female else "Masculine",
        birth_date=born.isoformat() if birth_known else "",
        citizenships=[nationality],
        phones=[_phone(rng, nationality)] if rng.random() < 0.6 else [],
        documents=[{"type": "Passport", "number": f"{nationality[0]}{rng.randrange(10**6, 10**7)}", "country": nationality}]
        if rng.random() < 0.4 else [],
        identified_on=identified,
        identifying_agency=_pick(rng, IDENTIFYING),
        age_at_identification=age if rng.random() < 0.92 else None,
        trafficking_status=rng.choices(["PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"], [0.45, 0.5, 0.05])[0],
        status_decided_by=rng.choice(["Police", "NGO", "NonPoliceGovernmentalOrganization", "NotYetDecided"]),
        exploitation_types=types,
        forced_labour_industry=_pick(rng, LABOUR_SECTORS) if labour else "",
        sexual_exploitation_types=["Prostitution"] if sexual else [],
        methods_of_control=rng.sample(CONTROL, rng.randrange(1, 4)),
        recruitment_methods=rng.sample(RECRUITMENT, 1),
        relationship_to_trafficker=rng.choice(["Acquainted", "Unaquainted", "Familial", "IntimatePartner", "Unknown"]),
        status=rng.choices(["Active", "FollowUp", "Closed", "ClosedReferred"], [0.4, 0.25, 0.25, 0.1])[0],
        events=events,
    )


def _route(rng: random.Random, nationality: str, identified: dt.date) -> list[SynthEvent]:
    start = identified - dt.timedelta(days=rng.randrange(30, 700))
    events = []
    if nationality != "GUY":
        events.append(SynthEvent("Recruitment", nationality, "", start))
        for hop in TRANSIT.get(nationality, ())[: rng.randrange(0, 2)]:
            events.append(SynthEvent("Transit", hop, "", start + dt.timedelta(days=rng.randrange(3, 30))))
    else:
        events.append(SynthEvent("Recruitment", "GUY", rng.choice(PLACES), start))
    events.append(SynthEvent("Exploitation", "GUY", rng.choice(PLACES), start + dt.timedelta(days=rng.randrange(30, 90))))
    return events


def _repeat(rng: random.Random, original: SynthCase, key: int, today: dt.date) -> SynthCase:
    given, family = _variant(rng, original)
    other_agency = _pick(rng, tuple((a, w) for a, w in IDENTIFYING if a != original.identifying_agency))
    identified = min(today, original.identified_on + dt.timedelta(days=rng.randrange(1, 200)))
    copy = SynthCase(**{**original.__dict__, "given_names": given, "family_names": family,
                        "identified_on": identified, "identifying_agency": other_agency,
                        "events": list(original.events)})
    if rng.random() < 0.5:
        copy.birth_date = ""
    return copy
