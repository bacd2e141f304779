"""The one pass over the cases: a DuckDB GROUP BY of raw columns, then checks per distinct value.

Grouping the raw values as stored (no per-row CAST or CASE: each doubled the time over a
million rows) leaves a few thousand combinations; each distinct value of each column is then
translated once, and a bad one is traced back to the first row that holds it.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeAlias

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from seawall.errors import InputError

# A table of cases: what the cores accept from the CLI, the web app or an analyst.
Table: TypeAlias = pd.DataFrame | pa.Table | duckdb.DuckDBPyRelation

# Marks a raw value that a translation rule rejects.
INVALID = object()
# Rows are numbered as a spreadsheet shows a CSV: the header is row 1, the first case row 2.
FIRST_DATA_ROW = 2
# How many rejected values to look up before naming the earliest row: a wrong file can have
# thousands, and each lookup scans the table.
MAX_LOOKUPS = 20


@dataclass(frozen=True)
class RawCounts:
    """Distinct raw combinations: per column a code per combination and the text of each code."""

    victims: np.ndarray  # int64, one per combination
    codes: dict[str, np.ndarray]
    texts: dict[str, list[str]]  # "" for NULL/NaN and for a column the table lacks


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


def group_count(table: Table, columns: Sequence[str], skip: Collection[str] = ()) -> RawCounts:
    """SELECT <columns present, not skipped>, count(*) FROM table GROUP BY ALL.

    A skipped column (one the caller will not report on) is treated as absent: every key is ""
    and it costs nothing, since each grouped string column adds to the one pass's time.
    """
    present = set(columns_of(table)) - set(skip)
    grouped = [column for column in columns if column in present]
    select = ", ".join([*(quote(column) for column in grouped), "count(*) AS victims"])
    group_by = "ALL" if grouped else "()"
    if isinstance(table, duckdb.DuckDBPyRelation):
        # Runs in the relation's own connection, so a relation over a node database or a
        # Parquet file is never copied into Python first.
        relation = table.query("cases", f"SELECT {select} FROM cases GROUP BY {group_by}")
        if relation is None:  # only a statement without result returns None
            raise RuntimeError("DuckDB returned no result for a GROUP BY")
        result = relation.arrow()
    else:
        cursor = _connection().cursor()  # a cursor per call: safe across threads
        try:
            name = f"cases_{uuid.uuid4().hex}"
            cursor.register(name, table)
            result = cursor.sql(f"SELECT {select} FROM {name} GROUP BY {group_by}").arrow()
        finally:
            cursor.close()
    if not isinstance(result, pa.Table):
        result = result.read_all()
    victims = result.column("victims").to_numpy().astype("int64")
    keep = victims > 0  # GROUP BY () gives one row of 0 for no cases
    victims = victims[keep]
    codes: dict[str, np.ndarray] = {}
    texts: dict[str, list[str]] = {}
    for column in columns:
        if column in present:
            encoded = pc.dictionary_encode(result.column(column).combine_chunks(), null_encoding="encode")
            codes[column] = encoded.indices.to_numpy(zero_copy_only=False).astype("int64")[keep]
            texts[column] = [_text_of(value) for value in encoded.dictionary.to_pylist()]
        else:
            codes[column] = np.zeros(len(victims), dtype="int64")
            texts[column] = [""]
    return RawCounts(victims=victims, codes=codes, texts=texts)


@cache
def _connection() -> duckdb.DuckDBPyConnection:
    # Opening a DuckDB connection costs ~50 ms here; cursors on one connection cost nothing.
    return duckdb.connect()


def _text_of(value: object) -> str:
    """NULL/NaN -> "", booleans -> "true"/"false", anything else as str()."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def translate(raw: RawCounts, column: str, rule: Callable[[str], object], allowed: str, table: Table) -> np.ndarray:
    """Each combination's value of `column` through `rule`; InputError naming the earliest bad row."""
    texts = raw.texts[column]
    values = np.empty(len(texts), dtype=object)
    values[:] = [rule(text) for text in texts]
    rejected = sorted(text for text, value in zip(texts, values, strict=True) if value is INVALID)
    if rejected:
        found = [(first_row(table, column, text), text) for text in rejected[:MAX_LOOKUPS]]
        row, text = min(found, key=lambda item: (item[0] is None, item[0] or 0))
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(f"{shown!r} is not allowed; allowed: {allowed}", row=row, field=column)
    return values[raw.codes[column]]


def first_row(table: Table, column: str, raw: str) -> int | None:
    """The row (header = 1) where `column` first holds `raw`, for error messages."""
    if isinstance(table, pa.Table):
        table = table.select([column]).to_pandas()
    if not isinstance(table, pd.DataFrame) or column not in table.columns:
        return None  # a relation has no row order to point at
    values = table[column].astype(object).map(_text_of)
    hits = np.flatnonzero((values == raw).to_numpy())
    return int(hits[0]) + FIRST_DATA_ROW if len(hits) else None
