"""A statistic as it leaves the core: numbers, a definition, and which cells are counts.

Report sections and chart data are all StatTables, so every export (CSV, JSON, SVG, and the
dashboard's downloads later) suppresses small cells the same way, through publishable().
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from seawall.indicators.suppression import DEFAULT_THRESHOLD, suppress


@dataclass(frozen=True)
class StatTable:
    name: str  # file-safe identifier, e.g. "by_sex"
    title: str
    definition: str
    frame: pd.DataFrame  # numbers as computed, never suppressed
    counts: tuple[str, ...] = ("victims",)  # columns holding counts of victims
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # column -> counts it uses

    def publishable(self, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
        """The table for anything that leaves the screen: small counts and what they feed hidden."""
        return suppress(self.frame, self.counts, threshold, self.derived)

    def to_dict(self, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
        frame = self.publishable(threshold)
        return {
            "name": self.name,
            "title": self.title,
            "definition": self.definition,
            "columns": [str(column) for column in frame.columns],
            "rows": [[json_value(value) for value in row] for row in frame.itertuples(index=False)],
        }


def json_value(value: object) -> object:
    """Plain JSON values: numpy numbers become Python numbers, missing becomes null."""
    if isinstance(value, str) or value is None:
        return value if value != "" else None
    if isinstance(value, bool):
        return value
    if pd.isna(value):  # type: ignore[arg-type]
        return None
    if hasattr(value, "item"):
        value = value.item()  # type: ignore[union-attr]
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return value
