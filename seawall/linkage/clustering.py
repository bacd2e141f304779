"""Clustering scored pairs into people without chaining namesakes together.

Plain connected components joins A and C when a vague record B (only a birth year, no
phone) matches both — two namesakes become one person. Here links are taken strongest
first, and two groups merge only if no record of one is clearly a different person from a
record of the other: match probability below CONFLICT_PROBABILITY = 0.1 *and* at least one
comparison that disagrees (weight at most -DISAGREEMENT bits: another day of birth, other
phones, other names), from Splink's score when the pair was scored, else from the same
model in Python. A low probability alone is no conflict: two records of one person that
merely share little (one without a date, the other without a phone) are unlikely as a pair
but say nothing against each other. It runs on the pairs alone, so DuckDB and Spark give
the same clusters; cluster_id is the smallest record_id in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from seawall.linkage.comparisons import COMPARISONS
from seawall.linkage.scorer import Scorer

CONFLICT_PROBABILITY = 0.1
# Chosen with CONFLICT_PROBABILITY on generated data of seeds 7 and 2024 (no test or
# benchmark uses them); the weights that count are those of a real disagreement (a day of
# birth, a phone, a name), not the small ones of a level such as "one name part shared".
DISAGREEMENT = 1.0
# Two big groups would cost |A|x|B| checks; beyond this many the merge is checked on a
# deterministic sample of pairs (groups that big are rare: a person has a handful of records).
MAX_CHECKS = 400


class LazyRows(Mapping[str, Mapping[str, Any]]):
    """record_id -> standardised row, built only when a merge needs it (most never do)."""

    def __init__(self, standard: pd.DataFrame):
        self._columns = {c: standard[c].astype(object).to_numpy() for c in standard.columns}
        self._position = {rid: i for i, rid in enumerate(standard["unique_id"])}
        self._cache: dict[str, dict[str, Any]] = {}

    def __getitem__(self, record_id: str) -> Mapping[str, Any]:
        row = self._cache.get(record_id)
        if row is None:
            i = self._position[record_id]
            row = {c: _plain(values[i]) for c, values in self._columns.items()}
            if row.get("dob_year") is not None:
                row["dob_year"] = int(row["dob_year"])
            self._cache[record_id] = row
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, np.ndarray)):
        return list(value)
    return None if value is None or value is pd.NA or (isinstance(value, float)
                                                       and np.isnan(value)) else value


def cluster_pairs(record_ids: list[str], pairs: pd.DataFrame, threshold: float,
                  rows: Mapping[str, Mapping[str, Any]], scorer: Scorer,
                  conflict_probability: float = CONFLICT_PROBABILITY,
                  disagreement: float = DISAGREEMENT) -> pd.DataFrame:
    """record_id, cluster_id for every record; pairs has record_id_l, record_id_r,
    match_probability (all pairs scored, at least those at or above threshold)."""
    parent = {record_id: record_id for record_id in record_ids}
    members = {record_id: [record_id] for record_id in record_ids}
    known = {}
    # The most negative comparison weight of each scored pair (NaN: not given, so the
    # pair is scored again in Python when a merge needs it).
    weight_columns = [f"{c.name}_weight" for c in COMPARISONS]
    least = (pairs[weight_columns].min(axis=1).to_numpy(dtype=float)
             if all(c in pairs for c in weight_columns) else np.full(len(pairs), np.nan))
    # Plain lists: iterating Arrow-backed string columns element by element is slow.
    for left, right, p, w in zip(pairs["record_id_l"].tolist(), pairs["record_id_r"].tolist(),
                                 pairs["match_probability"].tolist(), least.tolist()):
        known[(left, right)] = (p, w)
        known[(right, left)] = (p, w)

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def different(x: str, y: str) -> bool:
        found = known.get((x, y))
        if found is None or np.isnan(found[1]):
            score = scorer.score(rows[x], rows[y])
            found = (score.match_probability, min(e.weight for e in score.evidence))
        return found[0] < conflict_probability and found[1] <= -disagreement

    def conflicting(a: list[str], b: list[str]) -> bool:
        cross = [(x, y) for x in a for y in b]
        if len(cross) > MAX_CHECKS:
            cross = cross[:: len(cross) // MAX_CHECKS + 1]
        return any(different(x, y) for x, y in cross)

    strong = pairs[pairs["match_probability"] >= threshold]
    strong = strong.sort_values(["match_probability", "record_id_l", "record_id_r"],
                                ascending=[False, True, True], kind="mergesort")
    for left, right in zip(strong["record_id_l"].tolist(), strong["record_id_r"].tolist()):
        a, b = root(left), root(right)
        if a == b:
            continue
        if (len(members[a]) > 1 or len(members[b]) > 1) and conflicting(members[a], members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
    label = {}
    for group in members.values():
        smallest = min(group)
        for record_id in group:
            label[record_id] = smallest
    return pd.DataFrame({"record_id": record_ids,
                         "cluster_id": [label[record_id] for record_id in record_ids]})
