"""Case counts: the cases reduced to one row per distinct combination of the reporting
dimensions, with the number of victims as a weight.

Every indicator is a sum of `victims` over this small table, so 16.2.2, the annual report and
the charts read the cases once (grouping.py) and agree with each other by construction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seawall.indicators.cases import FORM_COLUMNS

COUNT_KEYS: tuple[str, ...] = (
    "year", "country_iso3", "sex", "age_group", *FORM_COLUMNS, "nationality_iso3",
    "origin_iso3", "exploitation_iso3", "identifying_agency", "data_source",
)
# What 16.2.2 needs; grouping by these alone is faster when nothing else is reported.
SDG_DIMENSIONS: frozenset[str] = frozenset({"year", "country_iso3", "sex", "age_group", *FORM_COLUMNS})
# Above this, a combined key could overflow int64: renumber the groups seen so far first.
KEY_LIMIT = 2**62


@dataclass(frozen=True)
class CaseCounts:
    """Victims by every reporting dimension (COUNT_KEYS), plus what the input did not hold."""

    frame: pd.DataFrame  # COUNT_KEYS + victims (int64 > 0), sorted by the keys
    source: str  # a short description of the input, for report headers
    recorded: frozenset[str]  # optional node-case columns the input carries
    without_year: int = 0  # victims left out of everything: no year of identification
    not_victims: int = 0  # cases decided "not a victim", left out of everything
    dimensions: frozenset[str] = frozenset(COUNT_KEYS)  # keys grouped; the others are all ""

    @property
    def total(self) -> int:
        return int(self.frame["victims"].sum())

    def years(self) -> list[int]:
        return sorted(int(year) for year in self.frame["year"].unique())

    def require(self, dimensions: Collection[str], purpose: str) -> None:
        missing = sorted(set(dimensions) - self.dimensions)
        if missing:
            raise ValueError(f"{purpose} needs case counts grouped by {', '.join(missing)} too")


def collapse(columns: Mapping[str, np.ndarray], victims: np.ndarray) -> pd.DataFrame:
    """Sum victims over identical normalised keys (several raw spellings may meet), sorted.

    Done with numpy codes rather than DataFrame.groupby on a dozen object columns, which took
    most of the time after the GROUP BY itself.
    """
    if len(victims) == 0:
        return empty_counts()
    key = np.zeros(len(victims), dtype="int64")
    size = 1
    for name in COUNT_KEYS:
        codes, uniques = pd.factorize(columns[name], sort=True)
        if size * max(len(uniques), 1) >= KEY_LIMIT:
            key = np.unique(key, return_inverse=True)[1].astype("int64")
            size = int(key.max()) + 1
        key = key * len(uniques) + codes
        size *= max(len(uniques), 1)
    _, first, group = np.unique(key, return_index=True, return_inverse=True)
    frame = pd.DataFrame({name: columns[name][first] for name in COUNT_KEYS})
    frame["victims"] = np.bincount(group.ravel(), weights=victims, minlength=len(first)).astype("int64")
    frame["year"] = frame["year"].astype("int64")
    for column in FORM_COLUMNS:
        frame[column] = frame[column].astype(bool)
    return frame


def empty_counts() -> pd.DataFrame:
    dtypes = {key: object for key in COUNT_KEYS} | {"year": "int64", "victims": "int64"}
    dtypes |= {column: bool for column in FORM_COLUMNS}
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
