"""Each hard case of the region is matched, at the level meant for it; namesakes are not.

Scored with the packaged default model by the Python scorer (the same model and levels the
batch runs in Splink; test_scorer_agrees checks that the two agree)."""

from __future__ import annotations

import pytest

from seawall.linkage.cli import DEFAULT_THRESHOLD
from seawall.linkage.model import LinkageModel
from seawall.linkage.scorer import PairScore, Scorer
from seawall.linkage.standardise import standardise_record

BASE = {"record_id": "a", "given_name": "María José", "family_name": "González Pérez",
        "sex": "F", "date_of_birth": "1991-03-17", "nationality": "VEN", "phone": ""}
HAITIAN = {"given_name": "Jean-Baptiste", "family_name": "Dorvil", "sex": "M",
           "nationality": "HTI"}


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(LinkageModel.default())


def score(scorer: Scorer, left: dict, right: dict) -> PairScore:
    return scorer.score(standardise_record({**BASE, **left}, "TTO"),
                        standardise_record({**BASE, "record_id": "b", **right}, "TTO"))


def level(result: PairScore, comparison: str) -> str:
    return next(e.level for e in result.evidence if e.comparison == comparison)


CASES = {
    # name: (left overrides, right overrides, comparison, expected level)
    "double surname, first only": ({}, {"family_name": "González"}, "name",
                                   "same given name, part of the surnames"),
    "double surname, second only": ({}, {"family_name": "Pérez"}, "name",
                                    "same given name, part of the surnames"),
    "double surname hyphenated": ({}, {"family_name": "González-Pérez"}, "name",
                                  "same given and family names"),
    "given and family swapped": ({}, {"given_name": "González Pérez",
                                      "family_name": "María José"}, "name",
                                 "same names, other order or hyphenation"),
    "accents dropped, upper case": ({}, {"given_name": "MARIA JOSE",
                                         "family_name": "GONZALEZ PEREZ"}, "name",
                                    "same given and family names"),
    "haitian hyphen split": (HAITIAN, {**HAITIAN, "given_name": "Jean Baptiste"}, "name",
                             "same given and family names"),
    "haitian hyphen dropped": (HAITIAN, {**HAITIAN, "given_name": "Jeanbaptiste"}, "name",
                               "same names, other order or hyphenation"),
    "nickname": ({"given_name": "José", "family_name": "Rodríguez", "sex": "M"},
                 {"given_name": "Pepe", "family_name": "Rodriguez", "sex": "M"}, "name",
                 "same given and family names"),
    "typo in a name": ({"given_name": "Keisha", "family_name": "Campbell", "nationality": "JAM"},
                       {"given_name": "Kiesha", "family_name": "Campbell", "nationality": "JAM"},
                       "name", "one name exact, the other a near spelling"),
    "names swapped, a typo in each": (
        {"given_name": "Nicole", "family_name": "Francis", "nationality": "TTO"},
        {"given_name": "Francsi", "family_name": "Nicose", "nationality": "TTO"}, "name",
        "both names near spellings, in either order"),
    "day and month swapped": ({"date_of_birth": "1991-03-07"},
                              {"date_of_birth": "1991-07-03"}, "date_of_birth",
                              "day and month swapped"),
    "only the year known": ({}, {"date_of_birth": "1991-01-01"}, "date_of_birth",
                            "only the year known, same year"),
    "phone local and international": (
        {"phone": "+1 868-291-1234", "date_of_birth": ""},
        {"phone": "(868) 291-1234", "date_of_birth": ""}, "phone", "same phone"),
    "phone national with trunk 0": (
        {"phone": "+58 412-1234567", "date_of_birth": ""},
        {"phone": "0412-1234567", "date_of_birth": ""}, "phone", "same phone"),
    "phone with 00 prefix": ({"phone": "00 58 412 1234567", "date_of_birth": ""},
                             {"phone": "+584121234567", "date_of_birth": ""}, "phone",
                             "same phone"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hard_case_is_matched(scorer: Scorer, name: str) -> None:
    left, right, comparison, expected = CASES[name]
    result = score(scorer, left, right)
    assert level(result, comparison) == expected
    assert result.match_probability >= DEFAULT_THRESHOLD, result


def test_phone_local_to_node_for_a_foreign_national(scorer: Scorer) -> None:
    # A Venezuelan in Trinidad writes the Trinidad number locally: read as the node's.
    result = score(scorer, {"phone": "868 291 1234", "date_of_birth": ""},
                   {"phone": "+18682911234", "date_of_birth": ""})
    assert level(result, "phone") == "same phone"


NAMESAKE = {"given_name": "María", "family_name": "González", "date_of_birth": "1991-03-17"}


def test_namesakes_with_different_phones_are_not_matched(scorer: Scorer) -> None:
    result = score(scorer, {**NAMESAKE, "phone": "+58 412-1234567"},
                   {**NAMESAKE, "date_of_birth": "1991-10-02", "phone": "+58 414-7654321"})
    assert level(result, "name") == "same given and family names"
    assert result.match_probability < 0.5


def test_namesakes_born_the_same_year_without_phones_are_not_matched(scorer: Scorer) -> None:
    result = score(scorer, NAMESAKE, {**NAMESAKE, "date_of_birth": "1991-10-02"})
    assert result.match_probability < 0.5


def test_different_people_are_far_apart(scorer: Scorer) -> None:
    result = score(scorer, {}, {"given_name": "Keisha", "family_name": "Campbell",
                                "nationality": "JAM", "date_of_birth": "1985-06-01"})
    assert result.match_probability < 0.001
