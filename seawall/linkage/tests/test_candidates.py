"""The registration check finds a person's other records among existing ones, explained."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from seawall.linkage.candidates import CandidateIndex, candidates
from seawall.linkage.standardise import standardise
from seawall.synth.duplicates import generate


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return generate(5_000, seed=31)


@pytest.fixture(scope="module")
def index(population: pd.DataFrame) -> CandidateIndex:
    return CandidateIndex(standardise(population, "TTO"), node_country="TTO")


def test_finds_the_other_registrations(population: pd.DataFrame, index: CandidateIndex) -> None:
    counts = population["person_id"].value_counts()
    repeated = population[population["person_id"].isin(counts[counts >= 3].index)]
    sample = repeated.drop_duplicates("person_id").head(100)
    found = 0
    for record in sample.to_dict("records"):
        result = index.candidates(record)
        assert all(c.record_id != record["record_id"] for c in result)  # never itself
        others = set(population.loc[population["person_id"] == record["person_id"],
                                    "record_id"]) - {record["record_id"]}
        found += bool(result) and result[0].record_id in others
    assert found >= 90, found  # measured 99 of 100


def test_candidates_are_explained_and_ordered(index: CandidateIndex) -> None:
    new = {"given_name": "Maria", "family_name": "Gonzalez", "sex": "F",
           "date_of_birth": "1990-01-01", "nationality": "VEN", "phone": ""}
    result = index.candidates(new, limit=5, min_probability=0.0)
    assert 0 < len(result) <= 5
    weights = [c.match_weight for c in result]
    assert weights == sorted(weights, reverse=True)
    first = result[0].as_dict()
    assert [e["comparison"] for e in first["evidence"]] == [
        "name", "date_of_birth", "sex", "nationality", "phone"]


def test_new_person_has_no_candidates(index: CandidateIndex) -> None:
    new = {"given_name": "Zebulon", "family_name": "Quartermaine", "sex": "M",
           "date_of_birth": "1950-07-30", "nationality": "NOR", "phone": "+47 912 34 567"}
    assert index.candidates(new) == []


def test_one_off_call_on_raw_table(population: pd.DataFrame) -> None:
    record = population.iloc[0].to_dict()
    result = candidates({**record, "record_id": "new"}, population.head(2_000),
                        node_country="TTO", min_probability=0.99)
    assert result and result[0].record_id == record["record_id"]


def test_answers_in_milliseconds(population: pd.DataFrame, index: CandidateIndex) -> None:
    records = population.head(200).to_dict("records")
    start = time.perf_counter()
    for record in records:
        index.candidates(record)
    assert (time.perf_counter() - start) / len(records) < 0.05


def test_finds_names_swapped_with_a_typo() -> None:
    # Given and family names swapped on one side and a typo in one: no name key, phone or
    # full date in common; found by birth year, one name and the other's initial, swapped.
    existing = pd.DataFrame([
        {"record_id": "old", "given_name": "Keisha", "family_name": "Campbell", "sex": "F",
         "date_of_birth": "1990-05-06", "nationality": "JAM", "phone": ""},
        {"record_id": "other", "given_name": "Keisha", "family_name": "Brown", "sex": "F",
         "date_of_birth": "1990-05-06", "nationality": "JAM", "phone": ""},
    ])
    index = CandidateIndex(standardise(existing, "TTO"), node_country="TTO")
    new = {"given_name": "Campbell", "family_name": "Kiesha", "sex": "F",
           "date_of_birth": "1990-01-01", "nationality": "JAM", "phone": ""}
    found = index.candidates(new, min_probability=0.0)
    assert [c.record_id for c in found][:1] == ["old"]
