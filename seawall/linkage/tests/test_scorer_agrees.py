"""The Python scorer (registration check, clustering) gives Splink's match weights."""

from __future__ import annotations

import pandas as pd

from seawall.linkage.dedupe import dedupe
from seawall.linkage.scorer import Scorer, term_frequencies
from seawall.linkage.standardise import as_rows, standardise


def test_python_scorer_agrees_with_splink(small_people: pd.DataFrame) -> None:
    records = small_people.drop(columns="person_id")
    result = dedupe(records, node_country="TTO", threshold=0.9)
    standard = standardise(records, "TTO")
    scorer = Scorer(result.model, term_frequencies(standard, Scorer(result.model).tf_columns()))
    rows = dict(zip(standard["unique_id"], as_rows(standard)))
    assert len(result.pairs) > 100
    for pair in result.pairs.itertuples():
        ours = scorer.score(rows[pair.record_id_l], rows[pair.record_id_r])
        assert abs(ours.match_weight - pair.match_weight) < 1e-6, pair
        levels = {e.comparison: e.level for e in ours.evidence}
        assert levels["name"] == pair.name_level
        assert levels["date_of_birth"] == pair.date_of_birth_level
        assert levels["phone"] == pair.phone_level


def test_swapped_names_with_typos_blocked_and_levelled_alike() -> None:
    # Names swapped with a typo: found by the swapped birth-year blocking rules, and the
    # SQL level "both names near spellings, in either order" holds where Python's does.
    records = pd.DataFrame([
        {"record_id": "a", "given_name": "Keisha", "family_name": "Campbell", "sex": "F",
         "date_of_birth": "1990-05-06", "nationality": "JAM", "phone": ""},
        {"record_id": "b", "given_name": "Campbell", "family_name": "Kiesha", "sex": "F",
         "date_of_birth": "1990-01-01", "nationality": "JAM", "phone": ""},
        {"record_id": "c", "given_name": "Nicole", "family_name": "Francis", "sex": "F",
         "date_of_birth": "2005-02-27", "nationality": "TTO", "phone": ""},
        {"record_id": "d", "given_name": "Francsi", "family_name": "Nicose", "sex": "F",
         "date_of_birth": "2005-02-27", "nationality": "TTO", "phone": ""},
    ])
    result = dedupe(records, node_country="TTO", threshold=0.5)
    standard = standardise(records, "TTO")
    scorer = Scorer(result.model, term_frequencies(standard, Scorer(result.model).tf_columns()))
    rows = dict(zip(standard["unique_id"], as_rows(standard)))
    found = {(p.record_id_l, p.record_id_r): p for p in result.pairs.itertuples()}
    assert set(found) == {("a", "b"), ("c", "d")}
    assert found[("c", "d")].name_level == "both names near spellings, in either order"
    for (left, right), pair in found.items():
        ours = scorer.score(rows[left], rows[right])
        assert abs(ours.match_weight - pair.match_weight) < 1e-6, pair
        assert {e.comparison: e.level for e in ours.evidence}["name"] == pair.name_level
    assert result.clusters.set_index("record_id")["cluster_id"].to_dict() == {
        "a": "a", "b": "a", "c": "c", "d": "c"}
