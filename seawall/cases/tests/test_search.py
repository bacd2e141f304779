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


def test_search_agrees_with_a_reference_reading_of_the_index_terms(make_case, users):
    """The SQL walks one word's index rows and checks the others person by person; here the
    same answer is computed the plain way, from each person's terms, over names chosen to
    collide (shared surnames, sound-alikes, short words, word order)."""
    import random

    from seawall.cases.identity import query_terms, terms_of
    from seawall.cases.models import Person

    rng = random.Random(5)
    given = ["Ana", "Anna", "Mariela", "Mariella", "Jean-Pierre", "Kerry-Ann", "Luis", "Luís"]
    family = ["Pérez", "Peres", "Rodríguez", "Ramdass", "Ramdas", "Saint-Fleur", "Li", "Lee"]
    for _ in range(40):
        make_case(given=rng.choice(given), family=" ".join(rng.sample(family, rng.choice([1, 2]))))
    persons = {p.pk: terms_of(p) for p in Person.objects.all()}
    queries = ["Ana Perez", "anna peres", "Perez", "Mariela Rodriguez Peres", "pierre jean", "kerry ann",
               "Ramdas Kerry-Ann", "Li", "Lee Ana", "Luis Saint Fleur", "Peres Perez", "nobody here"]
    for text in queries:
        groups = query_terms(text)
        matching = [pid for pid, terms in persons.items() if all(group & terms for group in groups)]
        exact = {pid: sum(bool({t for t in group if t[0] != "name_ph"} & persons[pid]) for group in groups)
                 for pid in matching}
        expected = sorted(matching, key=lambda pid: (-exact[pid], pid))
        assert persons_matching(text) == expected, text
        assert persons_matching(text, limit=3) == expected[:3], text


def test_a_name_search_checks_the_other_words_person_by_person(make_case):
    """Grouping every index row of every word (thousands for "Maria Gonzalez") cost 5x more
    than walking one word's rows and looking the others up in the (digest, person) index."""
    import pytest
    from django.db import connection

    from seawall.testing.plans import sqlite_plans

    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's query plan")
    make_case()
    plans = sqlite_plans(lambda: persons_matching("Maria Perez Gonzalez"), "cases_personindex")
    assert plans, "no query on the index"
    (sql, plan), = plans
    assert plan.count("digest=? AND person_id=?") >= 2, plan


def test_the_search_page_lists_exactly_the_matching_persons_cases_of_the_users_agency(client_for, make_case):
    """The matching persons reach the case query as one list (as one parameter on
    PostgreSQL, written out on SQLite): none, one and many must all come back right."""
    ours = [make_case(given="Yolanda", family=f"Marte{'x' * i}") for i in range(3)]
    make_case(owner="other_caseworker", given="Yolanda", family="Marte")
    make_case(given="Keisha", family="Williams")
    client = client_for("caseworker")
    body = client.get(reverse("cases:list"), {"q": "Yolanda"}).content.decode()
    shown = {case.code for case in ours if case.code in body}
    assert shown == {case.code for case in ours} and "3 cases" in body
    assert "Keisha" not in body and body.count("<td>Yolanda") == 3  # not the other agency's Yolanda
    body = client.get(reverse("cases:list"), {"q": "Zenobia"}).content.decode()
    assert "No case matches" in body and "0 cases" in body
