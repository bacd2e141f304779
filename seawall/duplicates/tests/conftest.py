"""Persons registered the way the app does (encrypted identity, blind index, match keys via
the save signal), and generated registrations with ground truth turned into persons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from seawall.accounts import roles
from seawall.duplicates.tests.helpers import pair, person_fields


@pytest.fixture(autouse=True)
def fresh_caches():  # type: ignore[no-untyped-def]
    """Each test has its own database: a process's cached model and key counts must not
    carry over (ids of rolled-back rows come back on SQLite)."""
    from seawall.duplicates.scoring import forget_cached

    forget_cached()
    yield
    forget_cached()


@pytest.fixture
def register(users):  # type: ignore[no-untyped-def]
    """register(owner, given, family, birth_date=..., phones=..., ...) -> VictimCase."""
    from seawall.cases.models import Person, TraffickingEvent, VictimCase

    def make(owner: str = roles.CASEWORKER, given: str = "María José", family: str = "Pérez González", *,
             birth_date: str = "2008-03-02", phones: list[str] | None = None, citizenships: list[str] | None = None,
             gender: str = "Feminine", aliases: list[str] | None = None, documents: list[dict] | None = None,
             events: int = 1) -> VictimCase:
        user = users[owner]
        person = Person.objects.create(owner_agency=user.agency, created_by=user, given_names=given, family_names=family,
                                       gender=gender, birth_date=birth_date, phones=phones or [],
                                       citizenships=["VEN"] if citizenships is None else citizenships,
                                       aliases=aliases or [], documents=documents or [])
        case = VictimCase.objects.create(person=person, owner_agency=user.agency, case_owner=user, created_by=user,
                                         identified_on=dt.date(2026, 5, 1), identified_by=user.agency,
                                         exploitation_types=["SexualExploitation"])
        for number in range(events):
            TraffickingEvent.objects.create(case=case, event_type="Recruitment", country="VEN", place=f"Place {number}")
        return case

    return make


@pytest.fixture
def load_generated(users):  # type: ignore[no-untyped-def]
    """Insert generated registrations as persons with a case each, all in one agency;
    returns {person pk: true person_id}."""
    from seawall.cases.models import Person, VictimCase

    def load(records: pd.DataFrame, owner: str = roles.CASEWORKER) -> dict[int, int]:
        user = users[owner]
        truth = {}
        for record in records.to_dict("records"):
            fields = person_fields(record)
            if fields is None:
                continue
            person = Person.objects.create(owner_agency=user.agency, created_by=user, **fields)
            VictimCase.objects.create(person=person, owner_agency=user.agency, case_owner=user, created_by=user,
                                      identified_on=dt.date(2026, 1, 1), identified_by=user.agency)
            truth[person.pk] = int(record["person_id"])
        return truth

    return load


@pytest.fixture
def duo(register):  # type: ignore[no-untyped-def]
    """Two records of one person in the caseworker's agency (three cases, five events) and their pair."""
    from seawall.cases.models import VictimCase

    older = register(given="Daniela", family="Rojas Peña", birth_date="2009-01-15", phones=["+584125550101"],
                     documents=[{"type": "Passport", "number": "V-123 456", "country": "VEN"}], events=2)
    newer = register(given="Dani", family="Rojas", birth_date="2009-01-15", phones=["+5926001234"],
                     citizenships=["VEN", "COL"], aliases=["La Flaca"], events=3)
    second_case = VictimCase.objects.create(person=newer.person, owner_agency=newer.owner_agency,
                                            identified_on=newer.identified_on, identified_by=newer.identified_by)
    return {"older": older, "newer": newer, "second": second_case, "pair": pair(older, newer, 0.991)}
