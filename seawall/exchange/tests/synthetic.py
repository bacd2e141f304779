"""Synthetic HTCDS cases for the exchange tests: invented people, never real ones."""

from __future__ import annotations

import random
from datetime import date, timedelta

from seawall.exchange.records import Address, CaseFacts, CaseRecord, Identity
from seawall.standard import picklist
from seawall.synth.names import POOLS

CITIES = {"TTO": "Port of Spain", "GUY": "Georgetown", "JAM": "Kingston", "DOM": "Santo Domingo",
          "HTI": "Port-au-Prince", "VEN": "Maracaibo", "BRB": "Bridgetown", "SUR": "Paramaribo"}


def _pick(rng: random.Random, field: str) -> str:
    return rng.choice(picklist(field).codes)


def _some(rng: random.Random, field: str, most: int = 3) -> tuple[str, ...]:
    codes = picklist(field).codes
    return tuple(rng.sample(codes, rng.randint(0, most)))


def _maybe(rng: random.Random, value: object, chance: float = 0.8) -> object:
    return value if rng.random() < chance else None


def synthetic_case(rng: random.Random, number: int) -> CaseRecord:
    """A case with every field IOM's template has, and only those."""
    nationality = rng.choice(sorted(POOLS))
    female, male, surnames, double = POOLS[nationality]
    feminine = rng.random() < 0.7
    given = rng.choice(female if feminine else male)
    family = rng.choice(surnames) + (f" {rng.choice(surnames)}" if double else "")
    residence = rng.choice(sorted(CITIES))
    identity = Identity(
        salutation=_maybe(rng, "Ms" if feminine else "Mr", 0.5),  # type: ignore[arg-type]
        given_names=given,
        family_names=family,
        birth_date=date(1965, 1, 1) + timedelta(days=rng.randint(0, 15000)),
        title=_maybe(rng, "Domestic worker", 0.2),  # type: ignore[arg-type]
        email=_maybe(rng, f"person{number}@example.org", 0.5),  # type: ignore[arg-type]
        home_phone=_maybe(rng, f"+1868555{rng.randint(0, 9999):04d}", 0.4),  # type: ignore[arg-type]
        mobile_phone=_maybe(rng, f"+1876555{rng.randint(0, 9999):04d}", 0.7),  # type: ignore[arg-type]
        mailing_address=Address(
            street=f"{rng.randint(1, 200)} Example Street",
            city=CITIES[residence],
            state=_maybe(rng, "Region 4", 0.3),  # type: ignore[arg-type]
            postal_code=_maybe(rng, f"{rng.randint(10000, 99999)}", 0.4),  # type: ignore[arg-type]
            country=residence,
        ),
    )
    labour = rng.random() < 0.5
    types = _some(rng, "vic_TypeOfExploitation", 2)
    if labour and "ForcedLabour" not in types:
        types = (*types, "ForcedLabour")
    facts = CaseFacts(
        case_owner=f"Caseworker {rng.randint(1, 9)}",
        consent=rng.random() < 0.9,
        gender="Feminine" if feminine else "Masculine",
        citizenships=tuple(dict.fromkeys([nationality, *([rng.choice(sorted(CITIES))] if rng.random() < 0.15 else [])])),
        trafficking_status=_pick(rng, "vic_TraffickingStatus"),
        status_decided_by=_maybe(rng, _pick(rng, "vic_TraffickingStatusDecisionMakingOrg")),  # type: ignore[arg-type]
        methods_of_recruitment=_some(rng, "vic_MethodOfRecruitment", 2),
        location_of_recruitment=_maybe(rng, CITIES[rng.choice(sorted(CITIES))], 0.5),  # type: ignore[arg-type]
        methods_of_control=_some(rng, "vic_MethodsOfControl", 4),
        types_of_exploitation=types,
        forced_labour_industry=_pick(rng, "vic_ForcedLabourIndustry") if labour else None,
        sex_exploitation_types=_some(rng, "vic_TypeOfSexExploitation", 2),
        location_of_exploitation=_maybe(rng, CITIES[rng.choice(sorted(CITIES))], 0.6),  # type: ignore[arg-type]
        status=_pick(rng, "cas_Status"),
        referring_organisation=_maybe(rng, "Safe House Foundation", 0.4),  # type: ignore[arg-type]
        incoming_referral_date=_maybe(rng, date(2023, 1, 1) + timedelta(days=rng.randint(0, 500)), 0.4),  # type: ignore[arg-type]
        referring_case_worker=_maybe(rng, "R. Example", 0.3),  # type: ignore[arg-type]
        incoming_referral_reason=_maybe(rng, _pick(rng, "cas_ReasonForReferral"), 0.4),  # type: ignore[arg-type]
        incoming_referral_details=_maybe(rng, "Arrived by boat; needs <b>shelter</b> & medical care.\nSpeaks Spanish.", 0.3),  # type: ignore[arg-type]
        referred_organisation=_maybe(rng, "Legal Aid Clinic", 0.3),  # type: ignore[arg-type]
        referred_case_worker=_maybe(rng, "L. Example", 0.2),  # type: ignore[arg-type]
        outgoing_referral_reason=_maybe(rng, _pick(rng, "cas_ReasonForReferral"), 0.3),  # type: ignore[arg-type]
        outgoing_referral_date=_maybe(rng, date(2024, 1, 1) + timedelta(days=rng.randint(0, 300)), 0.3),  # type: ignore[arg-type]
        outgoing_referral_details=_maybe(rng, "Referred for legal advice on residence permit.", 0.3),  # type: ignore[arg-type]
        closure_reason=_maybe(rng, "Returned home safely; follow-up by partner NGO.", 0.2),  # type: ignore[arg-type]
    )
    return CaseRecord(case=facts, identity=identity)


def synthetic_cases(count: int, seed: int = 2024) -> list[CaseRecord]:
    rng = random.Random(seed)
    return [synthetic_case(rng, number) for number in range(1, count + 1)]
