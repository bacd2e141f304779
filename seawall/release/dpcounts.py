"""Differentially private counts of victims by a few columns, with confidence intervals (OpenDP).

Two mechanisms, chosen by whether the list of possible groups is public:

- Every --by column has a documented domain (CTDC's age bands, flags, gender, countries,
  years...): all combinations are counted, including empty ones, with discrete Laplace noise
  of scale d/epsilon (d = records one victim can add or remove). Pure epsilon-DP; a group's
  absence from the data is not revealed, because every group is released.
- Otherwise (e.g. RecruiterRelationship's free combinations) the groups themselves come from
  the data, so only groups whose noisy count clears a threshold are released (OpenDP's
  Laplace-threshold mechanism); the threshold is the smallest that keeps delta within the
  requested bound. (epsilon, delta)-DP.

Each count comes with a (1 - alpha) interval [count - a, count + a] (a from OpenDP's accuracy
function for the discrete Laplace), cut at 0 below because no group has fewer than 0 victims.
Counts themselves are left as drawn (possibly negative), so sums of them stay unbiased.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import opendp.prelude as dp
import pandas as pd

from seawall.errors import InputError
from seawall.release.columns import refuse_identity_columns
from seawall.release.hierarchy import AGE_LEAVES, m49_regions
from seawall.release.ledger import check_delta, check_epsilon

dp.enable_features("contrib")

SEPARATOR = "\x1f"  # joins the --by values into one key; never part of a CTDC value
MAX_PUBLIC_CELLS = 200_000  # beyond this, listing every combination is no longer useful
DEFAULT_DELTA = 1e-7
FLAG_VALUES = ("0", "1", "")
FLAG_PREFIXES = ("is", "typeOfLabour", "typeOfSex", "meansOfControl", "recruiterRelation")


@dataclass(frozen=True)
class CountsPlan:
    """What a release will spend, known before any noise is drawn (for the ledger)."""

    by: tuple[str, ...]
    epsilon: float
    delta: float
    mechanism: str  # "public-categories" or "threshold"
    contributions: int
    categories: tuple[tuple[str, ...], ...] | None  # per --by column, when public


@dataclass
class CountsRelease:
    table: pd.DataFrame  # --by columns, count, ci_low, ci_high
    plan: CountsPlan
    scale: float
    alpha: float
    accuracy: float
    threshold: int | None

    def summary(self) -> dict[str, Any]:
        return {
            "mechanism": self.plan.mechanism,
            "by": list(self.plan.by),
            "epsilon": self.plan.epsilon,
            "delta": self.plan.delta,
            "noise": "discrete Laplace",
            "scale": self.scale,
            "sensitivity": self.plan.contributions,
            "confidence": 1 - self.alpha,
            "half_width": self.accuracy,
            "threshold": self.threshold,
            "groups_released": int(len(self.table)),
        }


def plan_counts(frame: pd.DataFrame, by: Sequence[str], epsilon: Any, delta: Any = None,
                contributions: int = 1) -> CountsPlan:
    refuse_identity_columns(list(frame.columns))
    epsilon = check_epsilon(epsilon)
    by = tuple(b.strip() for b in by if b.strip())
    if not by:
        raise InputError("name at least one column to count by", field="--by")
    unknown = [b for b in by if b not in frame.columns]
    if unknown:
        raise InputError(f"unknown column(s) {', '.join(unknown)}", field="--by")
    if len(set(by)) != len(by):
        raise InputError("a column is named twice", field="--by")
    if contributions < 1:
        raise InputError("must be at least 1", field="--contributions")
    if frame.empty:
        raise InputError("no records to count")
    domains = [public_domain(b) for b in by]
    cells = math.prod(len(d) for d in domains) if all(d is not None for d in domains) else None
    if cells is not None and cells <= MAX_PUBLIC_CELLS:
        return CountsPlan(by, epsilon, 0.0, "public-categories", contributions,
                          tuple(tuple(d) for d in domains if d is not None))
    delta = check_delta(DEFAULT_DELTA if delta is None else delta)
    if delta == 0:
        raise InputError("these groups are not all public, so releasing them needs a delta > 0",
                         field="--delta")
    return CountsPlan(by, epsilon, delta, "threshold", contributions, None)


def release_counts(frame: pd.DataFrame, plan: CountsPlan, alpha: float = 0.05) -> CountsRelease:
    if not 0 < alpha < 1:
        raise InputError(f"must be between 0 and 1, not {alpha}", field="--alpha")
    keys = _keys(frame, plan.by)
    domain = dp.vector_domain(dp.atom_domain(T=str))
    metric = dp.symmetric_distance()
    scale = noise_scale(plan.epsilon, plan.contributions)
    threshold: int | None = None
    if plan.mechanism == "public-categories":
        assert plan.categories is not None
        cells = [SEPARATOR.join(c) for c in itertools.product(*plan.categories)]
        measurement = (dp.t.make_count_by_categories(domain, metric, categories=cells, null_category=True)
                       >> dp.m.then_laplace(scale=scale))
        _verify(measurement.map(plan.contributions), plan)
        noisy = measurement(keys)[:-1]  # the last count is "outside the public list": dropped
        counts = dict(zip(cells, noisy))
    else:
        threshold = _threshold(domain, metric, scale, plan)
        measurement = (dp.t.make_count_by(domain, metric)
                       >> dp.m.then_laplace_threshold(scale=scale, threshold=threshold))
        _verify(measurement.map(plan.contributions), plan)
        counts = measurement(keys)
    accuracy = float(dp.discrete_laplacian_scale_to_accuracy(scale, alpha))
    table = _table(counts, plan.by, accuracy)
    return CountsRelease(table, plan, scale, alpha, accuracy, threshold)


def noise_scale(epsilon: float, contributions: int = 1) -> float:
    """Scale of the discrete Laplace noise: L1 sensitivity of a histogram (a victim's records
    change the counts by at most `contributions` in total) over epsilon."""
    return contributions / epsilon


def public_domain(column: str) -> list[str] | None:
    """The documented values of a CTDC column, or None when its values are not public."""
    if column.startswith(FLAG_PREFIXES) and column[len(_prefix(column)):][:1].isupper():
        return list(FLAG_VALUES)
    fixed = {
        "gender": ["Female", "Male", "Unknown", ""],
        "ageBroad": [*AGE_LEAVES, "Unknown", ""],
        "majorityStatus": ["Adult", "Minor", "Unknown", ""],
        "majorityStatusAtExploit": ["Adult", "Minor", "Unknown", ""],
        "majorityEntry": ["Adult", "Minor", "Unknown", ""],
        "Datasource": ["Case Management", "Hotline", ""],
        "yearOfRegistration": [str(y) for y in range(2002, date.today().year + 1)] + [""],
    }
    if column in fixed:
        return fixed[column]
    if column in ("citizenship", "CountryOfExploitation"):
        return [*_alpha2(), "Unknown", "Missing", ""]
    return None


def _prefix(column: str) -> str:
    return next(p for p in FLAG_PREFIXES if column.startswith(p))


@cache
def _alpha2() -> tuple[str, ...]:
    return tuple(sorted(code for code in m49_regions() if len(code) == 2))


def _keys(frame: pd.DataFrame, by: Sequence[str]) -> list[str]:
    joined = frame[by[0]].astype(str)
    for column in by[1:]:
        joined = joined + SEPARATOR + frame[column].astype(str)
    return joined.tolist()


def _threshold(domain: Any, metric: Any, scale: float, plan: CountsPlan) -> int:
    def fits(threshold: int) -> bool:
        measurement = (dp.t.make_count_by(domain, metric)
                       >> dp.m.then_laplace_threshold(scale=scale, threshold=threshold))
        return measurement.check(plan.contributions, (plan.epsilon, plan.delta))

    return int(dp.binary_search(fits, bounds=(1, 1 << 30), T=int))


def _verify(spent: Any, plan: CountsPlan) -> None:
    """OpenDP's own privacy map is the authority: never release above the plan."""
    epsilon, delta = (spent, 0.0) if not isinstance(spent, tuple) else spent
    if epsilon > plan.epsilon * (1 + 1e-9) or delta > plan.delta * (1 + 1e-9) + 1e-300:
        raise RuntimeError(f"mechanism spends ({epsilon}, {delta}), more than planned "
                           f"({plan.epsilon}, {plan.delta})")


def _table(counts: dict[str, int], by: Sequence[str], accuracy: float) -> pd.DataFrame:
    keys = list(counts)
    parts = [k.split(SEPARATOR) for k in keys]
    table = pd.DataFrame({column: [p[i] for p in parts] for i, column in enumerate(by)}, dtype="str")
    values = np.array([counts[k] for k in keys], dtype=np.int64)
    half = math.floor(accuracy)  # integer counts: flooring keeps the coverage (OpenDP's note)
    table["count"] = values
    table["ci_low"] = np.maximum(values - half, 0)
    table["ci_high"] = np.maximum(values + half, 0)
    return table.sort_values(list(by), kind="stable").reset_index(drop=True)
