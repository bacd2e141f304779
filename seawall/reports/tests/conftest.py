"""Fixtures for the statistics tests: cases made in bulk with exactly the fields statistics read.

`add_cases` writes persons without identity (identity_recorded=False, as imports do) so that
a hundred cases cost one insert each for persons, cases and events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pytest

# The mixed node (see `mixed_node`): at threshold 50, the counts 37 and 43 must never leave the
# screen, while 62, 69 and 106 are published.
HIDDEN_AT_50 = (37, 43)


@pytest.fixture(autouse=True)
def _fresh_statistics_cache():  # type: ignore[no-untyped-def]
    # The pages cache counts by a fingerprint of the case tables; a rolled-back test can leave
    # the same fingerprint for different rows, so every test starts empty.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def add_cases(users, agencies):  # type: ignore[no-untyped-def]
    from seawall.cases.models import Person, TraffickingEvent, VictimCase

    def add(n: int, *, year: int = 2025, gender: str = "Feminine", citizenships: Iterable[str] = ("VEN",),
            age: int | None = 30, age_group: str | None = None, types: Iterable[str] = ("SexualExploitation",),
            agency: str = "ministry", status: str = "PossibleVictimOfTrafficking", source: str = "registered",
            events: Iterable[tuple[str, str, dt.date | None]] = ()) -> list[Any]:
        creator = users["caseworker"]
        persons = Person.objects.bulk_create([
            Person(owner_agency=agencies[agency], identity_recorded=False, gender=gender,
                   citizenships=list(citizenships), created_by=creator) for _ in range(n)])
        group = age_group or ("unknown" if age is None else ("0-17" if age < 18 else "18+"))
        cases = VictimCase.objects.bulk_create([
            VictimCase(person=person, owner_agency=agencies[agency], identified_by=agencies[agency],
                       identified_on=dt.date(year, 3, 1 + i % 28), age_at_identification=age, age_group=group,
                       exploitation_types=list(types), trafficking_status=status, source=source,
                       created_by=creator) for i, person in enumerate(persons)])
        TraffickingEvent.objects.bulk_create([
            TraffickingEvent(case=case, event_type=kind, country=country, date=date)
            for case in cases for kind, country, date in events])
        return cases

    return add


@pytest.fixture
def mixed_node(add_cases):  # type: ignore[no-untyped-def]
    """2025: 62 women (VEN, sexual exploitation in GUY), 37 boys (BRA, forced labour in TTO),
    7 with nothing known; 2024: 43 women like the first group."""
    add_cases(62, events=[("Recruitment", "VEN", None), ("Exploitation", "GUY", None)])
    add_cases(37, gender="Masculine", citizenships=["BRA"], age=15, types=["ForcedLabour"], agency="police",
              events=[("Recruitment", "BRA", None), ("Exploitation", "TTO", None)])
    add_cases(7, gender="NonSpecifiedUnknown", citizenships=[], age=None, types=[], agency="shelter")
    add_cases(43, year=2024, events=[("Recruitment", "VEN", None), ("Exploitation", "GUY", None)])


@pytest.fixture
def small_node(add_cases):  # type: ignore[no-untyped-def]
    """Small cells at the default threshold: 2025 has 9 women, 3 men and 1 of unknown sex."""
    add_cases(9, events=[("Exploitation", "GUY", None)])
    add_cases(3, gender="Masculine", citizenships=["HTI"], types=["ForcedLabour"], agency="police")
    add_cases(1, gender="NonSpecifiedUnknown", citizenships=[], age=None, types=[])


def standalone_numbers(text: str) -> set[int]:
    """Whole numbers written on their own (not part of 1,234, 12.5, a date or a token like a37b)."""
    return {int(m) for m in re.findall(r"(?<![\w.,\-/])\d+(?![\w.,\-/])", text)}


def assert_counts_suppressed(values: Iterable[object], threshold: int) -> None:
    """Each count is "<N" (N = threshold), blank (not available) or at least the threshold."""
    for value in values:
        if value in (None, "", f"<{threshold}"):
            continue
        number = int(str(value).replace(",", ""))
        assert number >= threshold, f"count {number} below {threshold} left the screen"
