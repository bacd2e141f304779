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
