"""Helpers the test modules import (fixtures live in conftest.py)."""

from __future__ import annotations

from typing import Any

from seawall.linkage.standardise import normalise_phone

GENDER = {"F": "Feminine", "M": "Masculine"}


def person_fields(record: dict[str, Any], country: str = "GUY") -> dict[str, Any] | None:
    """A generated registration (seawall.synth.duplicates) as Person fields; None when it has
    no given name (a person with identity needs one)."""
    if not record["given_name"]:
        return None
    nationality = record["nationality"] or None
    e164, _ = normalise_phone(record["phone"] or None, nationality, country)
    return {"given_names": record["given_name"], "family_names": record["family_name"],
            "gender": GENDER.get(record["sex"], "NonSpecifiedUnknown"), "birth_date": record["date_of_birth"],
            "citizenships": [nationality] if nationality else [], "phones": [e164] if e164 else []}


def check_post(**fields: Any) -> dict[str, Any]:
    """The person part of the registration form, as htmx posts it."""
    return {f"person-{name}": value for name, value in fields.items()}


def pair(a: Any, b: Any, probability: float = 0.97, state: str = "open") -> Any:
    """A candidate pair of two cases' persons, as the batch search would write it."""
    from seawall.duplicates.models import DuplicatePair

    left, right = sorted((a.person_id, b.person_id))
    return DuplicatePair.objects.create(person_l_id=left, person_r_id=right, probability=probability, match_weight=9.0,
                                        state=state, explanation=[{"comparison": "name", "level": "same given and family names",
                                                                   "weight": 12.5}])
