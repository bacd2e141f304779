"""A person as the linkage core reads her: records with the columns of `seawall link dedupe`.

A person may have several names (aliases), phones and citizenships, and the core compares
one value of each. The registration check therefore builds her *variants* — one
standardised row per name, per phone and per citizenship — and takes the best agreement
of each field (scoring.best_score); the batch search uses her recorded values (first
phone, first citizenship).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from seawall.linkage.standardise import standardise_record

# prs_Gender codes the linkage model reads as recorded sex; other codes (transgender,
# non-conforming, unknown) are left empty so that they neither agree nor disagree.
SEX_OF_GENDER = {"Feminine": "F", "Masculine": "M"}

# Bounds on variants, so that a person with many aliases or phones costs a few scores.
MAX_NAMES, MAX_PHONES, MAX_NATIONALITIES = 5, 4, 3

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Identity fields the profile reads (Person attributes, and PersonForm.identity() keys).
PROFILE_FIELDS = ("given_names", "family_names", "aliases", "gender", "birth_date", "citizenships", "phones")


@cache
def _alpha3() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def alias_as_name(alias: str, family: str) -> tuple[str, str]:
    """A one-word alias is another given name (a nickname) with her family names; a longer
    one a whole name, split in the middle ("María José Pérez González" -> 2 + 2 words,
    "Ana Pérez González" -> 1 + 2). The name comparison looks at the set of name parts, so
    a wrong split costs little; it matters only for the first-names blocking key."""
    words = alias.split()
    if len(words) <= 1:
        return alias.strip(), family
    half = len(words) // 2
    return " ".join(words[:half]), " ".join(words[half:])


@dataclass(frozen=True)
class Profile:
    names: tuple[tuple[str, str], ...]  # (given, family); the recorded name first
    birth_date: str | None
    sex: str | None
    nationalities: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def searchable(self) -> bool:
        return any(given or family for given, family in self.names) or bool(self.phones)


def profile_of(values: Mapping[str, Any]) -> Profile:
    """From a person's identity (a Person's attributes or PersonForm.identity())."""
    given = (values.get("given_names") or "").strip()
    family = (values.get("family_names") or "").strip()
    names: list[tuple[str, str]] = [(given, family)] if given or family else []
    for alias in values.get("aliases") or []:
        name = alias_as_name(str(alias), family)
        if name[0] and name not in names:
            names.append(name)
    birth = values.get("birth_date") or ""
    birth = birth.isoformat() if hasattr(birth, "isoformat") else str(birth)
    nationalities = tuple(dict.fromkeys(c.upper() for c in values.get("citizenships") or [] if c.upper() in _alpha3()))
    phones = tuple(dict.fromkeys(p for p in values.get("phones") or [] if p))
    return Profile(names=tuple(names[:MAX_NAMES]), birth_date=birth if _DATE.match(birth) else None,
                   sex=SEX_OF_GENDER.get(values.get("gender") or ""),
                   nationalities=nationalities[:MAX_NATIONALITIES], phones=phones[:MAX_PHONES])


def person_values(person: Any) -> dict[str, Any]:
    return {name: getattr(person, name) for name in PROFILE_FIELDS}


def input_record(record_id: str, source: str, profile: Profile) -> dict[str, str]:
    """The batch search's record: recorded name, first citizenship, first phone."""
    given, family = profile.names[0] if profile.names else ("", "")
    return {"record_id": record_id, "source": source, "given_name": given, "family_name": family,
            "sex": profile.sex or "", "date_of_birth": profile.birth_date or "",
            "nationality": profile.nationalities[0] if profile.nationalities else "",
            "phone": profile.phones[0] if profile.phones else ""}


@dataclass(frozen=True)
class Variants:
    """Standardised rows of one person: `base` has the recorded values; each list varies
    one field and keeps the others as in `base`."""

    base: dict[str, Any]
    names: tuple[dict[str, Any], ...]
    phones: tuple[dict[str, Any], ...]
    nationalities: tuple[dict[str, Any], ...]


def variants_of(profile: Profile, node_country: str | None, record_id: str | None = None) -> Variants:
    base_record = input_record(record_id or "", "", profile)
    if record_id is None:
        base_record.pop("record_id")

    def row(**change: str) -> dict[str, Any]:
        return standardise_record({**base_record, **change}, node_country)

    base = row()
    names = tuple(row(given_name=g, family_name=f) for g, f in profile.names[1:])
    phones = tuple(row(phone=p) for p in profile.phones[1:])
    nationalities = tuple(row(nationality=n) for n in profile.nationalities[1:])
    return Variants(base=base, names=(base, *names), phones=(base, *phones), nationalities=(base, *nationalities))
