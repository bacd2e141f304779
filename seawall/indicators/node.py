"""Node-case tables (see cases.py) as case counts: validated, then reduced to distinct rows.

A node-cases table comes from the Django side or from a CSV an analyst exported; either way
each value is checked against the column's vocabulary, and a bad one is named with its row.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd

from seawall.errors import InputError
from seawall.indicators import rules
from seawall.indicators.cases import (
    AGE_GROUPS, FORM_COLUMNS, NODE_CASE_COLUMNS, NOT_A_VICTIM, OPTIONAL_COLUMNS, SEXES,
    TRAFFICKING_STATUSES,
)
from seawall.indicators.counts import COUNT_KEYS, SDG_DIMENSIONS, CaseCounts, collapse
from seawall.indicators.grouping import Table, columns_of, group_count, translate

REQUIRED_COLUMNS: tuple[str, ...] = ("year", "country_iso3", "sex", "age_group", *FORM_COLUMNS)
COUNTRY_COLUMNS: tuple[str, ...] = ("country_iso3", "nationality_iso3", "origin_iso3", "exploitation_iso3")
FREE_TEXT_COLUMNS: tuple[str, ...] = ("identifying_agency", "data_source")


def case_counts_from_node_cases(table: Table, source: str = "node cases",
                                dimensions: Collection[str] = COUNT_KEYS) -> CaseCounts:
    """Case counts from a node-cases table, grouped by `dimensions` (default: all of COUNT_KEYS).

    For speed pass an Arrow table or a DuckDB relation: DuckDB reads those without Python
    objects, while object columns of a DataFrame are read value by value.
    """
    present = set(columns_of(table))
    missing = [column for column in REQUIRED_COLUMNS if column not in present]
    if missing:
        raise InputError(
            f"not a node-cases table: missing column(s) {', '.join(missing)}; "
            f"the columns are {', '.join(NODE_CASE_COLUMNS)}", field="header")
    grouped = frozenset(dimensions) | SDG_DIMENSIONS
    raw = group_count(table, [*COUNT_KEYS, "trafficking_status"], skip=set(COUNT_KEYS) - grouped)

    normalised: dict[str, np.ndarray] = {}
    normalised["year"] = translate(raw, "year", rules.year, rules.ALLOWED_YEAR, table)
    for column in COUNTRY_COLUMNS:
        normalised[column] = translate(raw, column, rules.country, "an ISO 3166 alpha-3 code or blank", table)
    normalised["sex"] = translate(raw, "sex", rules.one_of({s: s for s in SEXES} | {"": "unknown"}),
                                  ", ".join(SEXES), table)
    normalised["age_group"] = translate(raw, "age_group", rules.one_of({a: a for a in AGE_GROUPS} | {"": "unknown"}),
                                        ", ".join(AGE_GROUPS), table)
    for column in FORM_COLUMNS:
        normalised[column] = translate(raw, column, rules.flag, "true/false or 1/0", table).astype(bool)
    for column in FREE_TEXT_COLUMNS:
        normalised[column] = translate(raw, column, rules.as_is, "any text", table)
    statuses = {status.lower(): status for status in TRAFFICKING_STATUSES}
    status = translate(raw, "trafficking_status", rules.one_of(statuses),
                       ", ".join(s for s in TRAFFICKING_STATUSES if s) + " or blank", table)

    not_victim = status == NOT_A_VICTIM
    no_year = np.array([value is None for value in normalised["year"]], dtype=bool) & ~not_victim
    kept = ~not_victim & ~no_year
    return CaseCounts(
        frame=collapse({name: values[kept] for name, values in normalised.items()}, raw.victims[kept]),
        source=source,
        recorded=frozenset(column for column in OPTIONAL_COLUMNS if column in present) & grouped,
        without_year=int(raw.victims[no_year].sum()),
        not_victims=int(raw.victims[not_victim].sum()),
        dimensions=grouped,
    )


def read_node_cases_counts(path: str | Path, dimensions: Collection[str] = COUNT_KEYS) -> CaseCounts:
    """Read a node-cases CSV (header = column names of cases.NodeCase) as case counts."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.stat().st_size == 0:
        raise InputError(f"{file}: the file is empty")
    try:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{file}: not UTF-8 text (byte {error.start}); save it as UTF-8 CSV") from None
    except pd.errors.ParserError as error:
        raise InputError(f"{file}: not a well-formed CSV ({error})") from None
    return case_counts_from_node_cases(frame, source=f"node-cases file {file.name}", dimensions=dimensions)
