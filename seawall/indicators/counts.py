"""Case counts: a table of cases reduced to one row per distinct combination, with a weight.

Every indicator is a sum of `victims` over this small table. Reducing first means the only pass
over a million cases is one DuckDB GROUP BY; validation and normalisation then look at each
distinct value once instead of at every row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from seawall.errors import InputError
from seawall.indicators.cases import FORM_COLUMNS

# A table of cases: what the cores accept from the CLI, the web app or an analyst.
Table = pd.DataFrame | pa.Table | duckdb.DuckDBPyRelation

COUNT_KEYS: tuple[str, ...] = (
    "year", "country_iso3", "sex", "age_group", *FORM_COLUMNS, "nationality_iso3",
    "origin_iso3", "exploitation_iso3", "identifying_agency", "data_source",
)

# Marks a raw value that a translation rule rejects.
INVALID = object()
# Rows are numbered as a spreadsheet shows a CSV: the header is row 1, the first case row 2.
FIRST_DATA_ROW = 2
# How many rejected values to look up before naming the earliest row: a wrong file can have
# thousands, and each lookup scans the table.
MAX_LOOKUPS = 20


@dataclass(frozen=True)
class CaseCounts:
    """Victims by every reporting dimension (COUNT_KEYS), plus what the input did not hold."""

    frame: pd.DataFrame  # COUNT_KEYS + victims (int); only victims > 0
    source: str  # a short description of the input, for report headers
    recorded: frozenset[str]  # optional node-case columns the input carries
    without_year: int = 0  # victims left out of everything: no year of identification
    not_victims: int = 0  # cases decided "not a victim", left out of everything
    notes: tuple[str, ...] = field(default=())

    @property
    def total(self) -> int:
        return int(self.frame["victims"].sum())

    def years(self) -> list[int]:
        return sorted(int(year) for year in self.frame["year"].unique())


def columns_of(table: Table) -> list[str]:
    if isinstance(table, pd.DataFrame):
        return [str(name) for name in table.columns]
    if isinstance(table, pa.Table):
        return list(table.column_names)
    if isinstance(table, duckdb.DuckDBPyRelation):
        return list(table.columns)
    raise TypeError(f"expected a pandas DataFrame, Arrow table or DuckDB relation, got {type(table)!r}")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def group_count(table: Table, expressions: Mapping[str, str]) -> pd.DataFrame:
    """SELECT <expression> AS <name>, ..., count(*) AS victims FROM table GROUP BY ALL."""
    select = ", ".join(f"{sql} AS {quote(name)}" for name, sql in expressions.items())
    query = f"SELECT {select}, count(*) AS victims FROM cases GROUP BY ALL"
    if isinstance(table, duckdb.DuckDBPyRelation):
        # Runs in the relation's own connection, so a relation over a node database or a
        # Parquet file is never copied into Python first.
        result = table.query("cases", query).df()
    else:
        with duckdb.connect() as connection:
            connection.register("cases", table)
            result = connection.sql(query).df()
    for name in expressions:
        result[name] = result[name].astype(object)
    result["victims"] = result["victims"].astype("int64")
    return result


def text(column: str, present: bool) -> str:
    """A column as text with "" for NULL, or "" for a column the input does not have."""
    return f"coalesce(CAST({quote(column)} AS VARCHAR), '')" if present else "''"


def first_row(table: Table, column: str, raw: str) -> int | None:
    """The row (header = 1) where `column` first holds `raw`, for error messages."""
    if isinstance(table, pa.Table):
        table = table.select([column]).to_pandas()
    if not isinstance(table, pd.DataFrame) or column not in table.columns:
        return None
    values = table[column].astype(object).where(table[column].notna(), "").astype(str)
    hits = np.flatnonzero((values == raw).to_numpy())
    return int(hits[0]) + FIRST_DATA_ROW if len(hits) else None


def translate(
    combos: pd.DataFrame, column: str, rule: Callable[[str], object], allowed: str,
    table: Table, source_column: str | None = None,
) -> pd.Series:
    """Map each distinct raw value of `column` through `rule`; name the earliest bad row."""
    mapping: dict[str, object] = {}
    rejected: list[str] = []
    for raw in sorted(combos[column].unique()):
        value = rule(raw)
        if value is INVALID:
            rejected.append(raw)
        mapping[raw] = value
    if rejected:
        where = source_column or column
        found = [(first_row(table, where, raw), raw) for raw in rejected[:MAX_LOOKUPS]]
        row, raw = min(found, key=lambda item: (item[0] is None, item[0] or 0))
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise InputError(f"{shown!r} is not allowed; allowed: {allowed}", row=row, field=where)
    return combos[column].map(mapping)


def collapse(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum victims over identical normalised keys (several raw spellings may meet)."""
    if frame.empty:
        return empty_counts()
    grouped = frame.groupby(list(COUNT_KEYS), as_index=False, dropna=False, sort=True)["victims"].sum()
    grouped["year"] = grouped["year"].astype("int64")
    for column in FORM_COLUMNS:
        grouped[column] = grouped[column].astype(bool)
    return grouped.reset_index(drop=True)


def empty_counts() -> pd.DataFrame:
    dtypes = {key: object for key in COUNT_KEYS} | {"year": "int64", "victims": "int64"}
    dtypes |= {column: bool for column in FORM_COLUMNS}
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
