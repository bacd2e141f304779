"""How much a k-anonymous release keeps: class sizes, certainty penalty, discernibility.

- NCP (normalised certainty penalty, Xu et al. 2006): a cell generalised to a node that covers
  m of the column's M possible values costs (m - 1) / (M - 1); a kept value costs 0, "not
  specified" costs 1, and every cell of a suppressed record costs 1. Reported as the mean over
  all quasi-identifier cells of the input, so 0 = nothing lost and 1 = everything lost.
- Discernibility (Bayardo & Agrawal 2005): each kept record costs the size of its class, each
  suppressed record the size of the whole input. Lower is better.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def class_sizes(frame: pd.DataFrame, quasi: Sequence[str]) -> pd.Series:
    """Size of each equivalence class (records sharing every quasi-identifier value), computed
    on the written values themselves, blanks included as a value of their own."""
    if frame.empty:
        return pd.Series(dtype=np.int64)
    return frame.groupby(list(quasi), dropna=False, sort=False, observed=True).size()


def smallest_class(frame: pd.DataFrame, quasi: Sequence[str]) -> int:
    sizes = class_sizes(frame, quasi)
    return int(sizes.min()) if len(sizes) else 0


def size_distribution(sizes: pd.Series, k: int) -> dict[str, object]:
    """Summary and a histogram in bins k..2k-1, 2k..4k-1, ... (exact sizes would themselves
    describe the data too finely for a report that travels with the release)."""
    if sizes.empty:
        return {"classes": 0, "histogram": {}}
    values = sizes.to_numpy()
    histogram: dict[str, int] = {}
    low = k
    while low <= values.max():
        high = 2 * low - 1
        count = int(((values >= low) & (values <= high)).sum())
        if count:
            histogram[f"{low}-{high}"] = count
        low = 2 * low
    return {
        "classes": int(len(values)),
        "min": int(values.min()),
        "median": float(np.median(values)),
        "mean": round(float(values.mean()), 2),
        "max": int(values.max()),
        "histogram": histogram,
    }


def discernibility(sizes: pd.Series, suppressed: int, total: int) -> int:
    values = sizes.to_numpy(dtype=np.int64)
    return int((values * values).sum()) + suppressed * total


def mean_ncp(cell_penalty_sum: float, kept: int, suppressed: int, n_quasi: int) -> float:
    cells = (kept + suppressed) * n_quasi
    return float((cell_penalty_sum + suppressed * n_quasi) / cells) if cells else 0.0
