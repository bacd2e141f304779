"""Clustering: a vague record does not chain two namesakes, and two records of one person
that merely share little (no disagreement) do not stop a merge.

Pairs are scored with the packaged default model by the Python scorer, as Splink would
score them (test_scorer_agrees), and given to cluster_pairs as the batch gives them."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

from seawall.linkage.clustering import CONFLICT_PROBABILITY, cluster_pairs
from seawall.linkage.comparisons import COMPARISONS
from seawall.linkage.dedupe import DEFAULT_THRESHOLD
from seawall.linkage.model import LinkageModel
from seawall.linkage.scorer import Scorer
from seawall.linkage.standardise import standardise_record


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(LinkageModel.default())


def _rows(records: dict[str, dict]) -> dict[str, dict]:
    return {rid: standardise_record({"record_id": rid, **r}, "TTO") for rid, r in records.items()}


def _pairs(rows: dict[str, dict], scorer: Scorer) -> pd.DataFrame:
    out = []
    for left, right in combinations(sorted(rows), 2):
        score = scorer.score(rows[left], rows[right])
        row = {"record_id_l": left, "record_id_r": right,
               "match_probability": score.match_probability,
               "match_weight": score.match_weight}
        for evidence in score.evidence:
            row[f"{evidence.comparison}_level"] = evidence.level
            row[f"{evidence.comparison}_weight"] = evidence.weight
        out.append(row)
    return pd.DataFrame(out)


def _clusters(rows: dict[str, dict], pairs: pd.DataFrame, scorer: Scorer) -> dict[str, str]:
    result = cluster_pairs(sorted(rows), pairs, DEFAULT_THRESHOLD, rows, scorer)
    return dict(zip(result["record_id"], result["cluster_id"]))


def _probability(pairs: pd.DataFrame, left: str, right: str) -> float:
    row = pairs[(pairs["record_id_l"] == left) & (pairs["record_id_r"] == right)]
    return float(row["match_probability"].iloc[0])


NAMESAKE = {"given_name": "María", "family_name": "González", "sex": "F", "nationality": "VEN"}


def test_vague_record_does_not_chain_two_namesakes(scorer: Scorer) -> None:
    rows = _rows({
        "a": {**NAMESAKE, "date_of_birth": "1991-03-17", "phone": "+58 412-1234567"},
        "b": {**NAMESAKE, "date_of_birth": "1991-10-02", "phone": "+58 414-7654321"},
        "v": {**NAMESAKE, "date_of_birth": "1991-01-01", "phone": ""},  # only the year
    })
    pairs = _pairs(rows, scorer)
    assert _probability(pairs, "a", "b") < CONFLICT_PROBABILITY  # another day, other phone
    clusters = _clusters(rows, pairs, scorer)
    assert clusters["a"] != clusters["b"]


PERSON = {"given_name": "María José", "sex": "F", "nationality": "VEN"}


def test_records_that_share_little_but_disagree_on_nothing_are_merged(scorer: Scorer) -> None:
    # One person: the full record, one without a date (same phone, first surname only), and
    # one with the first given name and the second surname only (same date, no phone). The
    # last two share one name part and nothing else: unlikely as a pair, but nothing in them
    # says they are different people, so they do not keep the person apart.
    rows = _rows({
        "r1": {**PERSON, "family_name": "González Pérez", "date_of_birth": "1991-03-17",
               "phone": "+58 412-1234567"},
        "r2": {**PERSON, "family_name": "González", "date_of_birth": "",
               "phone": "0412-1234567"},
        "r3": {**PERSON, "given_name": "María", "family_name": "Pérez",
               "date_of_birth": "1991-03-17", "phone": ""},
    })
    pairs = _pairs(rows, scorer)
    assert _probability(pairs, "r2", "r3") < CONFLICT_PROBABILITY
    assert _probability(pairs, "r1", "r2") >= DEFAULT_THRESHOLD
    assert _probability(pairs, "r1", "r3") >= DEFAULT_THRESHOLD
    clusters = _clusters(rows, pairs, scorer)
    assert clusters == {"r1": "r1", "r2": "r1", "r3": "r1"}


def test_pairs_without_weights_are_scored_again(scorer: Scorer) -> None:
    rows = _rows({
        "a": {**NAMESAKE, "date_of_birth": "1991-03-17", "phone": "+58 412-1234567"},
        "b": {**NAMESAKE, "date_of_birth": "1991-10-02", "phone": "+58 414-7654321"},
        "v": {**NAMESAKE, "date_of_birth": "1991-01-01", "phone": ""},
    })
    pairs = _pairs(rows, scorer)
    bare = pairs[["record_id_l", "record_id_r", "match_probability"]]
    assert _clusters(rows, bare, scorer) == _clusters(rows, pairs, scorer)
    assert {f"{c.name}_weight" for c in COMPARISONS} <= set(pairs.columns)
