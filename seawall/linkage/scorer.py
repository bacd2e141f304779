"""Scoring a pair of standardised records in Python with a trained model.

Splink scores millions of pairs in SQL; this scores a handful — a new registration against
its candidates, or the records of two clusters about to be merged — without a database
round trip. The levels are Seawall's (comparisons.py) and the m, u, prior and term-frequency
adjustments are the model's, with Splink's formulas, so both give the same match weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from seawall.linkage.comparisons import COMPARISONS, Comparison, level_of
from seawall.linkage.model import LinkageModel

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Evidence:
    """How one comparison weighed in: its level and log2 Bayes factor (with term frequency)."""

    comparison: str
    level: str
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {"comparison": self.comparison, "level": self.level,
                "weight": round(self.weight, 3)}


@dataclass(frozen=True)
class PairScore:
    match_weight: float
    match_probability: float
    evidence: tuple[Evidence, ...]


def term_frequencies(standard: pd.DataFrame, columns: list[str]) -> dict[str, dict[Any, float]]:
    """value -> how often *other* records share it, per column: (count - 2) / n.

    Splink's own tables use count / n, which in a file of a few thousand records makes
    every value at least 1/n — far commoner than in the population — so each exact
    agreement is penalised. Leaving out the two records being compared asks the right
    question (how likely is a third record to carry this value?) at any size; the model
    caps the bonus of a value no one else carries (model.TF_MAX_BONUS).
    """
    out = {}
    for column in columns:
        values = standard[column].dropna()
        if not len(values):
            out[column] = {}
            continue
        counts = values.value_counts()
        out[column] = ((counts - 2).clip(lower=0) / len(values)).to_dict()
    return out


def term_frequency_tables(tf: dict[str, dict[Any, float]]) -> dict[str, pd.DataFrame]:
    """The same values as tables Splink can register (column, tf_column)."""
    return {column: pd.DataFrame({column: list(values), f"tf_{column}": list(values.values())})
            for column, values in tf.items()}


def probability(weight: float) -> float:
    if weight > 60:
        return 1.0
    return 1.0 / (1.0 + 2.0 ** (-weight))


class Scorer:
    """Match weights of pairs, as Splink would compute them with the same model."""

    def __init__(self, model: LinkageModel, tf: dict[str, dict[Any, float]] | None = None):
        self.tf = tf or {}
        lam = model.probability_two_random_records_match
        self.prior_weight = math.log2(lam / (1.0 - lam))
        parameters = model.parameters()
        self._levels: list[tuple[Comparison, list[tuple[float, str | None, float, float, float]]]] = []
        for comparison in COMPARISONS:
            trained = parameters[comparison.name]
            if len(trained) != len(comparison.levels):
                raise ValueError(f"model's {comparison.name} has {len(trained)} levels, "
                                 f"Seawall's has {len(comparison.levels)}")
            rows = []
            for level in trained:
                if level.get("is_null_level"):
                    rows.append((0.0, None, 0.0, 1.0, 0.0))
                    continue
                m, u = level["m_probability"], level["u_probability"]
                rows.append((math.log2(m / u), level.get("tf_adjustment_column"),
                             float(level.get("tf_adjustment_weight", 1.0)), u,
                             float(level.get("tf_minimum_u_value", 0.0))))
            self._levels.append((comparison, rows))

    def tf_columns(self) -> list[str]:
        return sorted({row[1] for _, rows in self._levels for row in rows if row[1]})

    def _tf_adjustment(self, column: str, weight: float, u: float, minimum: float,
                       left: Row, right: Row) -> float:
        table = self.tf.get(column)
        if not table:
            return 0.0
        values = [table.get(side[column]) for side in (left, right) if side[column] is not None]
        values = [v for v in values if v is not None]
        if not values:
            return 0.0
        return weight * (math.log2(u) - math.log2(max(max(values), minimum)))

    def score(self, left: Row, right: Row, explain: bool = True) -> PairScore:
        total = self.prior_weight
        evidence = []
        for comparison, rows in self._levels:
            gamma = level_of(comparison, left, right)
            index = 0 if gamma == -1 else len(rows) - 1 - gamma
            weight, tf_column, tf_weight, u, minimum = rows[index]
            if tf_column:
                weight += self._tf_adjustment(tf_column, tf_weight, u, minimum, left, right)
            total += weight
            if explain:
                evidence.append(Evidence(comparison.name, comparison.levels[index].label, weight))
        return PairScore(total, probability(total), tuple(evidence))

    def weight(self, left: Row, right: Row) -> float:
        return self.score(left, right, explain=False).match_weight
