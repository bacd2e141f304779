"""How a statistic's cells and columns read on screen, in the PDF and in the workbook."""

from __future__ import annotations

import math

import pandas as pd

from seawall.indicators.sdg_16_2_2 import format_rates
from seawall.indicators.tables import StatTable

COLUMN_LABELS: dict[str, str] = {
    "category": "Code", "label": "Category", "victims": "Victims", "share_pct": "Share of victims (%)",
    "previous_year_victims": "Victims in previous year", "change": "Change", "change_pct": "Change (%)",
    "year": "Year", "previous_year": "Previous year", "field": "Field", "unknown": "Unknown",
    "share_unknown_pct": "Unknown (%)", "country_iso3": "Country", "sex": "Sex", "age_group": "Age group",
    "form": "Form", "population": "Population", "rate_per_100k": "Rate per 100,000",
    "nationality_iso3": "Code", "nationality": "Nationality", "origin_iso3": "Origin code", "origin": "Origin",
    "exploitation_iso3": "Exploitation code", "exploitation": "Country of exploitation", "route": "Route",
}
# Columns whose numbers are years or codes: never written with a thousands separator.
PLAIN_COLUMNS = frozenset({"year", "previous_year"})


def label(column: str) -> str:
    return COLUMN_LABELS.get(column, column.replace("_", " ").capitalize())


def shown_columns(table: StatTable) -> list[str]:
    """Every column, less a code column that only repeats its label (by_sex: "female"/"female")."""
    frame = table.frame
    columns = [str(c) for c in frame.columns]
    if "category" in columns and "label" in columns and (frame["category"].astype(str) == frame["label"]).all():
        columns.remove("category")
    return columns


def cell(value: object, column: str = "") -> str:
    """One cell as text: "" for missing, "<5" as given, counts with separators, rates to 6 digits."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if column == "rate_per_100k":
            return format_rates(pd.Series([value]))[0]
        return f"{value:,.1f}" if not value.is_integer() or column.endswith("_pct") else f"{int(value):,}"
    if hasattr(value, "item"):
        return cell(value.item(), column)  # type: ignore[union-attr]
    if isinstance(value, int):
        return str(value) if column in PLAIN_COLUMNS else f"{value:,}"
    return str(value)


def rows(table: StatTable, threshold: int) -> tuple[list[str], list[list[str]]]:
    """Column labels and text rows of a table, suppressed at `threshold` (0: exact, screen only)."""
    frame = table.publishable(threshold)
    columns = shown_columns(table)
    body = [[cell(value, column) for column, value in zip(columns, row, strict=True)]
            for row in frame[columns].itertuples(index=False)]
    return [label(c) for c in columns], body
