"""How close synthetic records are to the input: errors of 1-, 2- and 3-way marginals.

A w-way marginal is the distribution of records over the value combinations of w columns.
Its error is the total variation distance between the input's and the synthetic data's
normalised marginals (half the sum of absolute differences: 0 = identical, 1 = disjoint).
All 1- and 2-way marginals are measured; 3-way marginals are many (58 columns give 30,856),
so up to MAX_TRIPLES of them are drawn at random with a fixed seed, the same for every run.

This report is computed from the real input, so it is NOT differentially private: it is for
the analyst and the coordinator who approve a release, not for publication with it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

MAX_PAIRS = 2_000
MAX_TRIPLES = 1_000
SELECTION_SEED = 20_240_601  # chooses which marginals are measured; not a privacy parameter


def marginal_errors(real: pd.DataFrame, synthetic: pd.DataFrame,
                    columns: Sequence[str] | None = None) -> dict[str, Any]:
    columns = list(columns or real.columns)
    codes_real, codes_synth, sizes = _codes(real, synthetic, columns)
    rng = np.random.default_rng(SELECTION_SEED)
    report: dict[str, Any] = {"records_real": len(real), "records_synthetic": len(synthetic),
                              "metric": "total variation distance between normalised marginals"}
    for width, limit in ((1, None), (2, MAX_PAIRS), (3, MAX_TRIPLES)):
        combos = _choose(len(columns), width, limit, rng)
        errors = np.array([_tvd(codes_real, codes_synth, sizes, c) for c in combos])
        if errors.size == 0:
            continue
        worst = combos[int(errors.argmax())]
        report[f"{width}-way"] = {
            "marginals": int(errors.size),
            "of": math.comb(len(columns), width),
            "mean": round(float(errors.mean()), 4),
            "median": round(float(np.median(errors)), 4),
            "max": round(float(errors.max()), 4),
            "worst": [columns[i] for i in worst],
        }
    return report


def _codes(real: pd.DataFrame, synthetic: pd.DataFrame,
           columns: Sequence[str]) -> tuple[list[np.ndarray], list[np.ndarray], list[int]]:
    """Each column as integer codes over the union of both tables' values."""
    codes_real, codes_synth, sizes = [], [], []
    for column in columns:
        both = pd.concat([real[column].astype(str), synthetic[column].astype(str)], ignore_index=True)
        codes, uniques = pd.factorize(both)
        codes_real.append(codes[: len(real)].astype(np.int64))
        codes_synth.append(codes[len(real):].astype(np.int64))
        sizes.append(max(len(uniques), 1))
    return codes_real, codes_synth, sizes


def _choose(n: int, width: int, limit: int | None, rng: np.random.Generator) -> list[tuple[int, ...]]:
    total = math.comb(n, width)
    if limit is None or total <= limit:
        return list(itertools.combinations(range(n), width))
    chosen: set[tuple[int, ...]] = set()
    while len(chosen) < limit:
        chosen.add(tuple(sorted(rng.choice(n, width, replace=False).tolist())))
    return sorted(chosen)


def _tvd(codes_real: list[np.ndarray], codes_synth: list[np.ndarray], sizes: list[int],
         combo: tuple[int, ...]) -> float:
    def histogram(codes: list[np.ndarray]) -> np.ndarray:
        key = np.zeros(len(codes[combo[0]]), dtype=np.int64)
        for i in combo:
            key = key * sizes[i] + codes[i]
        counts = np.bincount(key, minlength=math.prod(sizes[i] for i in combo))
        return counts / max(counts.sum(), 1)

    return 0.5 * float(np.abs(histogram(codes_real) - histogram(codes_synth)).sum())
