from __future__ import annotations

from django.urls import reverse

from seawall.cases.identity import persons_matching


def test_finds_a_person_by_a_misspelt_name(make_case):
    case = make_case(given="Mariela", family="Pérez Rodríguez")
    make_case(given="Keisha", family="Williams")
    for typed in ("Mariela Perez", "mariella peres", "PEREZ", "Rodriguez Mariela", "Marela Peres"):
        assert persons_matching(typed) == [case.person_id], typed


def test_hyphenated_and_accented_names(make_case):
    case = make_case(given="Jean-Baptiste", family="Saint-Fleur")
    assert persons_matching("jean baptiste saint fleur") == [case.person_id]
    assert persons_matching("Baptiste") == [case.person_id]


def test_finds_by_phone_written_locally_or_internationally(make_case, settings):
    settings.NODE_COUNTRY = "GUY"
    case = make_case(given="Shanice", family="Persaud", phones=["+5926001234"])
    assert persons_matching("600 1234") == [case.person_id]
    assert persons_matching("+592 600-1234") == [case.person_id]


def test_every_word_must_match(make_case):
    make_case(given="Ana", family="Rojas")
    assert persons_matching("Ana Suárez") == []


def test_exact_spelling_ranks_above_a_sound_alike(make_case):
    exact = make_case(given="Mariela", family="Peres")
    sound = make_case(given="Mariela", family="Perez")
    assert persons_matching("Mariela Peres")[:2] == [exact.person_id, sound.person_id]


def test_search_page_finds_by_case_code_for_a_coordinator(client_for, make_case):
    case = make_case()
    body = client_for("coordinator").get(reverse("cases:list"), {"q": case.code.lower()}).content.decode()
    assert case.code in body and "1 case" in body


def test_name_search_is_refused_to_roles_without_identity_access(client_for, make_case):
    make_case(given="Mariela", family="Pérez")
    body = client_for("analyst").get(reverse("cases:list"), {"q": "Mariela"}).content.decode()
    assert "0 cases" in body and "case code only" in body


def test_name_search_does_not_reach_another_agencys_cases(client_for, make_case):
    make_case(owner="other_caseworker", given="Mariela", family="Pérez")
    body = client_for("caseworker").get(reverse("cases:list"), {"q": "Mariela Perez"}).content.decode()
    assert "0 cases" in body


def test_short_words_match_as_typed_not_by_sound(make_case):
    ann = make_case(given="Ann", family="Baptiste")
    make_case(given="Ana", family="Baptiste")
    assert persons_matching("Ann Baptiste") == [ann.person_id]


def test_a_name_search_reads_the_matching_persons_cases_by_person_not_by_agency(client_for, make_case):
    import pytest
    from django.db import connection

    from seawall.testing.plans import sqlite_plans

    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's planner without statistics")
    make_case()
    client = client_for("caseworker")
    plans = sqlite_plans(lambda: client.get(reverse("cases:list"), {"q": "Maria Perez"}), "cases_victimcase")
    searched = [(sql, plan) for sql, plan in plans if "person_id" in sql and " IN (" in sql]
    assert searched, plans
    assert all("person_id" in plan and "case_agency_list_order" not in plan for _, plan in searched), searched
