"""A neutral case record (seawall.exchange) <-> the values of the case models' columns.

Import and export use the same two functions in opposite directions, so they cannot drift:
`model_values(record)` gives the Person, VictimCase, event and consent values of a record;
`facts_of(...)` / `identity_of(...)` read a record back from such values. Whatever a record
says that the columns cannot hold (an HTCDS referral, a CTDC age band, a blank the model
would fill with a default) is the difference between the two, kept beside the case in
ImportedCase and laid over the facts again on export: that is what makes a CTDC file come
back row for row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from seawall.cases.models import age_group_of
from seawall.exchange.records import Address, CaseFacts, CaseRecord, Identity, IdentityDocument
from seawall.standard import picklist

# Free text about a case: places, organisations, case workers' names, referral narratives.
# Kept encrypted, and written out only with identity (the case page shows places only to
# those who may see who the person is).
PRIVATE_FACTS = frozenset({
    "case_owner", "location_of_recruitment", "location_of_exploitation", "referring_organisation",
    "referring_case_worker", "incoming_referral_details", "referred_organisation", "referred_case_worker",
    "outgoing_referral_details", "closure_reason",
})
_FACT_NAMES = tuple(f.name for f in fields(CaseFacts) if f.name != "recorded_absent")
_FACT_DATES = frozenset(f.name for f in fields(CaseFacts) if str(f.type).startswith("date"))
_FACT_TUPLES = frozenset(f.name for f in fields(CaseFacts) if str(f.type).startswith("tuple"))
_IDENTITY_NAMES = tuple(f.name for f in fields(Identity))
_fact_values = attrgetter(*_FACT_NAMES)
_PLACE_CHARS = 120  # TraffickingEvent.place
UNKNOWN_GENDER = picklist("prs_Gender").unknown


@dataclass
class ModelValues:
    """Column values for one record: what an import writes."""

    person: dict[str, Any]
    case: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    consent: bool | None = None


def _identification(facts: CaseFacts, today: dt.date) -> tuple[dt.date, str]:
    if facts.identification_date is not None:
        return facts.identification_date, "day"
    if facts.registration_year is not None:
        # CTDC gives only the year: 1 January of it, marked as known to the year.
        return dt.date(facts.registration_year, 1, 1), "year"
    return today, "day"  # no date at all: the import date (the difference keeps "none")


def _address(address: Address) -> list[dict[str, str]]:
    if address.is_empty():
        return []
    parts = {name: getattr(address, name) for name in ("street", "city", "state", "postal_code", "country")}
    kept = {k: v for k, v in parts.items() if v}
    # "text" is what the case page shows (as for an address typed into the form).
    return [{"text": ", ".join(kept.values()), **kept}]


def person_values(identity: Identity | None, facts: CaseFacts) -> dict[str, Any]:
    values: dict[str, Any] = {
        "identity_recorded": identity is not None,
        "gender": facts.gender or UNKNOWN_GENDER,
        "citizenships": list(facts.citizenships),
        "given_names": "", "family_names": "", "birth_date": "", "email": "",
        "phones": [], "documents": [], "addresses": [],
    }
    if identity is None:
        return values
    values.update(
        given_names=identity.given_names or "",
        family_names=identity.family_names or "",
        birth_date=identity.birth_date.isoformat() if identity.birth_date else "",
        email=identity.email or "",
        phones=list(dict.fromkeys(p for p in (identity.mobile_phone, identity.home_phone) if p)),
        documents=[{"type": d.type or "", "number": d.number, "country": d.country or ""} for d in identity.documents],
        addresses=_address(identity.mailing_address),
    )
    return values


def case_values(facts: CaseFacts, today: dt.date) -> dict[str, Any]:
    identified_on, precision = _identification(facts, today)
    age = facts.age_at_identification
    return {
        "identified_on": identified_on,
        "identified_on_precision": precision,
        "trafficking_status": facts.trafficking_status or "PossibleVictimOfTrafficking",
        "status_decided_by": facts.status_decided_by or "NotYetDecided",
        "exploitation_types": list(facts.types_of_exploitation),
        "forced_labour_industry": facts.forced_labour_industry or "",
        "sexual_exploitation_types": list(facts.sex_exploitation_types),
        "methods_of_control": list(facts.methods_of_control),
        "recruitment_methods": list(facts.methods_of_recruitment),
        "relationship_to_trafficker": facts.relationship_to_trafficker or "Unknown",
        "age_at_identification": age,
        "age_group": age_group_of(age) if age is not None else (facts.age_group or "unknown"),
        "status": facts.status or None,  # filled by the caller: it depends on identity
        "closure_reason": facts.closure_reason or "",
    }


def model_values(record: CaseRecord, today: dt.date) -> ModelValues:
    facts = record.case
    identity = record.identity if record.identity is not None and not record.identity.is_empty() else None
    case = case_values(facts, today)
    if case["status"] is None:
        # A row that gives no status: a de-identified dataset row is nobody's open case; a
        # person brought in with her identity is someone's case to look at.
        case["status"] = "Active" if identity is not None else "Closed"
    events = []
    if facts.country_of_exploitation:
        place = facts.location_of_exploitation or ""
        events.append({"event_type": "Exploitation", "country": facts.country_of_exploitation,
                       "place": place if len(place) <= _PLACE_CHARS else ""})
    return ModelValues(person=person_values(identity, facts), case=case, events=events, consent=facts.consent)


def facts_of(case: dict[str, Any], person: dict[str, Any], events: list[dict[str, Any]], consent: bool | None,
             *, case_owner: str | None = None, private: bool = False) -> CaseFacts:
    """The facts the case models say, before an import's kept differences are laid over."""
    exploitation = next((e for e in events if e["event_type"] == "Exploitation"), None)
    recruitment = next((e for e in events if e["event_type"] == "Recruitment"), None)
    day = case["identified_on"]
    return CaseFacts(
        case_owner=case_owner if private else None,
        consent=consent,
        gender=person["gender"] or None,
        citizenships=tuple(person["citizenships"]),
        trafficking_status=case["trafficking_status"],
        status_decided_by=case["status_decided_by"],
        relationship_to_trafficker=case["relationship_to_trafficker"] or None,
        methods_of_recruitment=tuple(case["recruitment_methods"]),
        location_of_recruitment=(recruitment["place"] or None) if private and recruitment else None,
        methods_of_control=tuple(case["methods_of_control"]),
        types_of_exploitation=tuple(case["exploitation_types"]),
        forced_labour_industry=case["forced_labour_industry"] or None,
        sex_exploitation_types=tuple(case["sexual_exploitation_types"]),
        location_of_exploitation=(exploitation["place"] or None) if private and exploitation else None,
        status=case["status"],
        closure_reason=(case.get("closure_reason") or None) if private else None,
        identification_date=day if case["identified_on_precision"] == "day" else None,
        registration_year=day.year,
        age_at_identification=case["age_at_identification"],
        age_group=case["age_group"],
        country_of_exploitation=exploitation["country"] if exploitation else None,
    )


def identity_of(person: dict[str, Any]) -> Identity | None:
    if not person["identity_recorded"]:
        return None
    phones = list(person["phones"])
    address = person["addresses"][0] if person["addresses"] else {}
    structured = any(k in address for k in ("street", "city", "state", "postal_code", "country"))
    return Identity(
        given_names=person["given_names"] or None,
        family_names=person["family_names"] or None,
        birth_date=dt.date.fromisoformat(person["birth_date"]) if person["birth_date"] else None,
        email=person["email"] or None,
        mobile_phone=phones[0] if phones else None,
        home_phone=phones[1] if len(phones) > 1 else None,
        mailing_address=Address(**{k: address.get(k) for k in ("street", "city", "state", "postal_code", "country")})
        if structured else Address(street=address.get("text") or None),
        documents=tuple(IdentityDocument(number=d.get("number", ""), type=d.get("type") or None,
                                         country=d.get("country") or None) for d in person["documents"]),
    )


def facts_key(facts: CaseFacts) -> tuple[object, ...]:
    """Equal for records that say the same: rows of a dataset repeat, and what they become
    is worked out once per distinct row."""
    absent = facts.recorded_absent
    return (*_fact_values(facts), tuple(sorted(absent.items())) if absent else ())


# --- Differences: what a record says beyond its columns, as JSON --------------------------

def _encode(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Address):
        return {f.name: getattr(value, f.name) for f in fields(Address)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, IdentityDocument):
        return {"number": value.number, "type": value.type, "country": value.country}
    return value


def fact_differences(wanted: CaseFacts, stored: CaseFacts) -> tuple[dict[str, object], dict[str, object]]:
    """(plain, private): the facts where `stored` (read from the columns) is not `wanted`."""
    plain: dict[str, object] = {}
    private: dict[str, object] = {}
    for name in _FACT_NAMES:
        value = getattr(wanted, name)
        if value != getattr(stored, name):
            (private if name in PRIVATE_FACTS else plain)[name] = _encode(value)
    return plain, private


def identity_differences(wanted: Identity | None, stored: Identity | None) -> dict[str, object]:
    if wanted is None or stored is None:
        return {}
    return {name: _encode(getattr(wanted, name)) for name in _IDENTITY_NAMES
            if getattr(wanted, name) != getattr(stored, name)}


def _decode_fact(name: str, value: object) -> object:
    if value is None:
        return None
    if name in _FACT_DATES:
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    if name in _FACT_TUPLES:
        return tuple(value)  # type: ignore[arg-type]
    return value


def apply_facts(facts: CaseFacts, differences: dict[str, object]) -> None:
    for name, value in differences.items():
        if name in _FACT_NAMES:
            setattr(facts, name, _decode_fact(name, value))


def apply_identity(identity: Identity, differences: dict[str, object]) -> None:
    for name, value in differences.items():
        if name == "birth_date":
            value = dt.date.fromisoformat(value) if value else None  # type: ignore[arg-type]
        elif name == "mailing_address":
            value = Address(**value) if value else Address()  # type: ignore[arg-type]
        elif name == "documents":
            value = tuple(IdentityDocument(**d) for d in value or ())  # type: ignore[union-attr]
        if name in _IDENTITY_NAMES:
            setattr(identity, name, value)


def recorded_absent_json(facts: CaseFacts) -> dict[str, list[str]]:
    return {code: list(values) for code, values in facts.recorded_absent.items()}


def recorded_absent_of(stored: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {code: tuple(values) for code, values in (stored or {}).items()}
