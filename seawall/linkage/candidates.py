"""The registration check: likely existing records of the person being registered.

    index = CandidateIndex(standardise(existing_records, "TTO"))   # once; kept in memory
    index.candidates({"given_name": "Maria", "family_name": "Gonzalez", ...})

or in one call, `candidates(new_record, existing_table)`. The blocking keys are those of
the batch (model.BLOCKING_RULES); each is a sorted array of 64-bit hashes, so a look-up is
a binary search and a million persons cost about 16 bytes per key each. Candidates are
scored by the trained model in Python (scorer.Scorer) with the explanation of each.
The keys are plain values here; a node may feed keyed hashes of them (blind indexes) as
long as the new record's keys are made the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from seawall.linkage.model import LinkageModel
from seawall.linkage.scorer import Evidence, Scorer, term_frequencies
from seawall.linkage.standardise import (
    STANDARD_COLUMNS,
    as_rows,
    standardise,
    standardise_record,
)

# (name, how to make the key from a standardised row) — one per blocking rule (the
# birth-year keys serve two rules more: names swapped on one side is another look-up).
KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pair_key", ("pair_key",)),
    ("phone_tail", ("phone_tail",)),
    ("dob_full", ("dob_full",)),
    ("year_family", ("dob_year", "family_first", "given_initial")),
    ("year_given", ("dob_year", "given_first", "family_initial")),
)


# The keys that are also looked up with given and family names swapped on one side.
YEAR_KEYS = ("year_family", "year_given")


def _with_initials(row: Mapping[str, Any]) -> dict[str, Any]:
    given, family = row.get("given_first"), row.get("family_first")
    return {**row, "given_initial": given[:1] if given else None,
            "family_initial": family[:1] if family else None}


def names_swapped(row: Mapping[str, Any]) -> dict[str, Any]:
    """The standardised row with first given and first family name exchanged (initials
    follow): how a record written the other way round looks up the birth-year keys."""
    return _with_initials({**row, "given_first": row.get("family_first"),
                           "family_first": row.get("given_first")})


@dataclass(frozen=True)
class Candidate:
    record_id: str
    match_probability: float
    match_weight: float
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "match_probability": self.match_probability,
                "match_weight": self.match_weight,
                "evidence": [e.as_dict() for e in self.evidence]}


def _key(row: Mapping[str, Any], columns: tuple[str, ...]) -> str | None:
    parts = [row.get(c) for c in columns]
    if any(p is None for p in parts):
        return None
    return "|".join(str(p) for p in parts)


def _hash(values: np.ndarray) -> np.ndarray:
    return pd.util.hash_array(values.astype(object), categorize=False)


class CandidateIndex:
    """Existing persons, standardised, indexed by blocking keys for one-record look-ups."""

    def __init__(self, standard: pd.DataFrame, model: LinkageModel | None = None,
                 node_country: str | None = None):
        missing = [c for c in STANDARD_COLUMNS if c not in standard.columns]
        if missing:
            raise ValueError(f"not a standardised table (missing {', '.join(missing)}); "
                             "pass it through seawall.linkage.standardise first")
        self.node_country = node_country
        self.model = model or LinkageModel.default()
        base = Scorer(self.model)
        self.scorer = Scorer(self.model, term_frequencies(standard, base.tf_columns()))
        rows = as_rows(standard[STANDARD_COLUMNS])
        self._rows = rows
        keyed = [_with_initials(r) for r in rows]
        # For the pair_key rule's date condition, as arrays (see model.BLOCKING_RULES).
        self._year = np.array([r["dob_year"] if r["dob_year"] is not None else -1
                               for r in rows], dtype=np.int64)
        self._has_full = np.array([r["dob_full"] is not None for r in rows], dtype=bool)
        self._ids = [str(r["unique_id"]) for r in rows]
        self._keys: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for name, columns in KEYS:
            values = np.array([_key(r, columns) for r in keyed], dtype=object)
            present = np.flatnonzero(values != None)  # noqa: E711 (element-wise)
            hashes = _hash(values[present])
            order = np.argsort(hashes, kind="stable")
            self._keys[name] = (hashes[order], present[order], values)

    def __len__(self) -> int:
        return len(self._rows)

    def _lookup(self, name: str, key: str | None) -> np.ndarray:
        if key is None:
            return np.empty(0, dtype=np.int64)
        hashes, positions, values = self._keys[name]
        target = _hash(np.array([key], dtype=object))[0]
        start = np.searchsorted(hashes, target, side="left")
        stop = np.searchsorted(hashes, target, side="right")
        found = positions[start:stop]
        return found[values[found] == key]  # a 64-bit hash collision must not add a row

    def candidate_positions(self, row: Mapping[str, Any]) -> np.ndarray:
        row = _with_initials(row)
        found = [self._lookup(name, _key(row, columns)) for name, columns in KEYS]
        # The pair_key rule holds only where a full date is missing or the years agree
        # (the batch also admits a one-digit date typo; a registration has the phone and
        # the other keys for that).
        same_name = found[0]
        if row.get("dob_full") is not None:
            keep = ~self._has_full[same_name] | (self._year[same_name] == row["dob_year"])
            found[0] = same_name[keep]
        # Day and month swapped: the new record's swapped reading against stored dates.
        found.append(self._lookup("dob_full", row.get("dob_swapped")))
        # Birth year and one name with the other's initial, given and family names swapped
        # on one side (model.BLOCKING_RULES): the same indexes, swapped query keys.
        swapped = names_swapped(row)
        for name, columns in KEYS:
            if name in YEAR_KEYS:
                found.append(self._lookup(name, _key(swapped, columns)))
        return np.unique(np.concatenate(found))

    def candidates(self, new_record: Mapping[str, Any], *, limit: int = 10,
                   min_probability: float = 0.5) -> list[Candidate]:
        """Existing records scored against new_record (input columns: given_name,
        family_name, sex, date_of_birth, nationality, phone; record_id optional), best
        first, at least min_probability."""
        row = self.standardise_one(new_record)
        own = row.get("unique_id")
        scored = []
        for position in self.candidate_positions(row):
            existing = self._rows[position]
            if own is not None and existing["unique_id"] == own:
                continue
            score = self.scorer.score(row, existing)
            if score.match_probability >= min_probability:
                scored.append(Candidate(self._ids[position], score.match_probability,
                                        score.match_weight, score.evidence))
        scored.sort(key=lambda c: (-c.match_weight, c.record_id))
        return scored[:limit]

    def standardise_one(self, record: Mapping[str, Any] | pd.DataFrame) -> dict[str, Any]:
        if isinstance(record, pd.DataFrame):
            record = record.iloc[0].to_dict()
        return standardise_record(record, self.node_country)


def candidates(new_record: Mapping[str, Any], existing_table: pd.DataFrame, *,
               model: LinkageModel | None = None, node_country: str | None = None,
               limit: int = 10, min_probability: float = 0.5) -> list[Candidate]:
    """One-off check; existing_table is raw input columns or already standardised.
    For repeated checks build a CandidateIndex once and call its candidates()."""
    standard = existing_table if "name_key" in existing_table.columns else standardise(
        existing_table, node_country)
    index = CandidateIndex(standard, model, node_country)
    return index.candidates(new_record, limit=limit, min_probability=min_probability)
