"""The check's core against the database gives what the linkage core's in-memory
CandidateIndex gives on the same persons: same candidates, same scores."""

from __future__ import annotations

import pandas as pd
import pytest
from django.conf import settings

from seawall.cases.models import Person
from seawall.duplicates import keys
from seawall.duplicates.matching import find_matches
from seawall.duplicates.profiles import alias_as_name, input_record, person_values, profile_of
from seawall.linkage import CandidateIndex, standardise
from seawall.synth.duplicates import generate


@pytest.fixture
def node(load_generated):  # type: ignore[no-untyped-def]
    truth = load_generated(generate(800, seed=23))
    persons = Person.objects.filter(pk__in=truth)
    table = pd.DataFrame([input_record(str(p.pk), "", profile_of(person_values(p))) for p in persons])
    return truth, CandidateIndex(standardise(table, settings.NODE_COUNTRY), node_country=settings.NODE_COUNTRY), table


def test_same_candidates_and_scores_as_the_in_memory_index(node) -> None:  # type: ignore[no-untyped-def]
    truth, index, table = node
    compared = 0
    for record in table.sample(120, random_state=3).to_dict("records"):
        person = Person.objects.get(pk=int(record["record_id"]))
        identity = {**person_values(person), "documents": []}
        expected = {c.record_id: c for c in index.candidates({**record, "record_id": None}, limit=50,
                                                             min_probability=0.5)}
        found = {str(m.person_id): m for m in find_matches(identity, limit=50).matches}
        assert set(found) == set(expected), record
        for pk, match in found.items():
            assert match.probability == pytest.approx(expected[pk].match_probability, abs=1e-9)
            assert [e.level for e in match.evidence] == [e.level for e in expected[pk].evidence]
        compared += len(found)
    assert compared > 150  # itself plus its other registrations, for most


def test_other_registrations_rank_first(node) -> None:  # type: ignore[no-untyped-def]
    truth, _, _ = node
    by_person: dict[int, list[int]] = {}
    for pk, person_id in truth.items():
        by_person.setdefault(person_id, []).append(pk)
    repeated = [pks for pks in by_person.values() if len(pks) >= 2][:60]
    first_right = 0
    for pks in repeated:
        person = Person.objects.get(pk=pks[0])
        result = find_matches(person_values(person), limit=3)
        others = [m for m in result.matches if m.person_id != pks[0]]
        first_right += bool(others) and others[0].person_id in pks
    assert first_right >= 0.85 * len(repeated), (first_right, len(repeated))


def test_an_alias_and_a_second_phone_count(register) -> None:  # type: ignore[no-untyped-def]
    case = register(given="Rose-Merline", family="Joseph", birth_date="1999-07-14", citizenships=["HTI"],
                    phones=["+50937001234", "+5926001234"], aliases=["Ti Rose"])
    found = find_matches({"given_names": "Ti Rose", "family_names": "Joseph", "phones": ["+5926001234"],
                          "citizenships": ["HTI"], "birth_date": "", "gender": "Feminine"}).matches
    assert [m.person_id for m in found] == [case.person_id]
    phone = next(e for e in found[0].evidence if e.comparison == "phone")
    assert phone.level == "same phone"


def test_alias_split() -> None:
    assert alias_as_name("Dani", "Rojas Peña") == ("Dani", "Rojas Peña")
    assert alias_as_name("Ana Pérez González", "X") == ("Ana", "Pérez González")
    assert alias_as_name("María José Pérez González", "X") == ("María José", "Pérez González")


def test_bulk_inserted_persons_are_caught_up(users) -> None:  # type: ignore[no-untyped-def]
    from seawall.cases import identity

    user = users["caseworker"]
    keys.catch_up()  # the mark starts here
    persons = Person.objects.bulk_create([Person(owner_agency=user.agency, created_by=user, given_names="Kettly",
                                                 family_names="Desrosiers", birth_date="2001-11-05",
                                                 gender="Feminine", citizenships=["HTI"])])
    identity.bulk_index(persons)  # as imports and the demo loader do: no save(), no signal
    assert not keys.MatchKey.objects.filter(person_id=persons[0].pk).exists()
    result = find_matches({"given_names": "Kettly", "family_names": "Desrosiers", "birth_date": "2001-11-05"})
    assert [m.person_id for m in result.matches] == [persons[0].pk]
    assert result.coverage.complete


def test_more_than_the_inline_limit_goes_to_a_job(users) -> None:  # type: ignore[no-untyped-def]
    user = users["caseworker"]
    keys.catch_up()
    Person.objects.bulk_create([Person(owner_agency=user.agency, created_by=user, given_names=f"Name{i}",
                                       family_names="Bulk") for i in range(5)])
    result = find_matches({"given_names": "Name1", "family_names": "Bulk"}, inline_limit=3)
    assert result.coverage.missing == 5 and not result.coverage.complete
    keys.reconcile()
    assert find_matches({"given_names": "Name1", "family_names": "Bulk"}).coverage.complete


def test_a_changed_index_key_marks_the_keys_stale(register, settings) -> None:  # type: ignore[no-untyped-def]
    import base64

    register(given="Yolette", family="Pierre")
    keys.catch_up()
    settings.INDEX_KEY = base64.b64encode(b"\x09" * 32).decode()
    result = find_matches({"given_names": "Yolette", "family_names": "Pierre"})
    assert result.coverage.stale
    keys.reconcile()  # rebuilds with the new key
    result = find_matches({"given_names": "Yolette", "family_names": "Pierre", "birth_date": "2008-03-02"})
    assert result.coverage.complete and len(result.matches) == 1


def test_the_operators_command_rebuilds_and_reconciles(register) -> None:  # type: ignore[no-untyped-def]
    from io import StringIO

    from django.core.management import call_command

    from seawall.audit.models import AuditEvent

    case = register(given="Immacula", family="Noël")
    keys.MatchKey.objects.all().delete()
    out = StringIO()
    call_command("duplicate_keys", stdout=out)
    assert "keyed: 1" in out.getvalue()
    assert keys.MatchKey.objects.filter(person_id=case.person_id).exists()
    call_command("duplicate_keys", "--rebuild", stdout=out)
    assert AuditEvent.objects.filter(reason="cli:duplicate-keys").count() == 2


@pytest.mark.parametrize("seconds_since_boot", [5.0, 10_000.0])
def test_key_totals_are_counted_on_a_machine_just_booted(register, monkeypatch, seconds_since_boot) -> None:  # type: ignore[no-untyped-def]
    # time.monotonic() counts from boot: in a fresh container it is below the cache's 300 s.
    import time

    register(given="Nadège", family="Joseph")
    keys.catch_up()
    keys.forget_totals()
    monkeypatch.setattr(time, "monotonic", lambda: seconds_since_boot)
    totals = keys.kind_totals()
    assert sum(totals.values()) == keys.MatchKey.objects.filter(kind__in=list(totals)).count() > 0


def test_names_swapped_with_a_typo_are_found_through_the_swapped_birth_year_keys(register) -> None:  # type: ignore[no-untyped-def]
    """No full date, no phone: only the birth-year keys can find her, and only looked up
    with the names the other way round (as CandidateIndex does)."""
    case = register(given="Guadalupe", family="Quintero", birth_date="1998-01-01", citizenships=["VEN"])
    swapped = {"given_names": "Quintera", "family_names": "Guadalupe", "birth_date": "1998-01-01",
               "citizenships": ["VEN"], "gender": "Feminine"}
    assert [m.person_id for m in find_matches(swapped, min_probability=0.0).matches] == [case.person_id]
