"""The indicators' node-cases table (seawall.indicators.cases) read from this node's database.

One row per VictimCase, built column by column in Arrow so that a million cases never become a
million ORM objects: three queries written with the ORM (cases joined to their person, the
agencies, the recruitment and exploitation events) run on a raw, chunked cursor so that no
per-value converter runs; events are matched to cases with Arrow sorts rather than correlated
subqueries (three times slower on SQLite), and every code is translated once per *distinct*
value with the core's helpers.

Only statistical fields are selected: case code, identification date, age, forms, status,
source, the identifying agency's name, the person's gender and citizenships, and event
countries. No identity field (names, birth date, documents, phones, addresses, free text) is
in any query, so nothing is decrypted.

Rules (docs/statistics.md):
- year: the calendar year of `identified_on`.
- country of detection: the country of the case's latest exploitation event (by date, undated
  last, then the last recorded), else the node's own country (settings.NODE_COUNTRY). This is
  the proxy CTDC uses (country of exploitation); a node has no better field yet.
- exploitation country: that same event's country, "" when the case has no exploitation event.
- origin: the country of the earliest recruitment event (undated last, then the first
  recorded), "" when none.
- nationality: the person's first recorded citizenship, "" when none.
- sex, forms: cases.sex_from_htcds and cases.forms_from_htcds; age group:
  cases.age_group_from_age of the age at identification, or the stored age group when the age
  is not recorded (imports that know only a band).
- a country code that is not ISO 3166 alpha-3 is read as unknown ("") and counted in
  `unknown_codes`, never allowed to stop the statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from seawall.accounts.models import Agency
from seawall.cases.models import TraffickingEvent, VictimCase
from seawall.indicators.cases import (
    AGE_GROUPS, FORM_COLUMNS, NODE_CASE_COLUMNS, age_group_from_age, forms_from_htcds, sex_from_htcds,
)
from seawall.indicators.countries import iso3

# Rows per fetch: large enough that the per-call overhead vanishes, small enough that one chunk
# of Python tuples stays a few tens of MB.
CHUNK = 50_000

# The columns read, in order. Never add an encrypted field here (see the test).
CASE_FIELDS: tuple[str, ...] = (
    "id", "code", "identified_on", "person__gender", "person__citizenships", "age_at_identification",
    "age_group", "exploitation_types", "identified_by_id", "source", "trafficking_status",
)
EVENT_FIELDS: tuple[str, ...] = ("case_id", "event_type", "country", "date", "id")
INTEGER_FIELDS = frozenset({"id", "case_id", "identified_by_id", "age_at_identification"})


@dataclass
class NodeTable:
    table: pa.Table  # NODE_CASE_COLUMNS, one row per case
    unknown_codes: dict[str, int] = field(default_factory=dict)  # column -> cases with a non-ISO code

    @property
    def rows(self) -> int:
        return self.table.num_rows


def cases_query() -> QuerySet[Any]:
    """Statistical fields of every victim case, as plain values (one row per case)."""
    return VictimCase.objects.order_by().values_list(*CASE_FIELDS)


def events_query() -> QuerySet[Any]:
    return (TraffickingEvent.objects.order_by().filter(event_type__in=("Exploitation", "Recruitment"))
            .values_list(*EVENT_FIELDS))


def _raw_chunks(queryset: QuerySet[Any]) -> Iterator[list[tuple[Any, ...]]]:
    sql, params = queryset.query.sql_with_params()
    # chunked_cursor: a server-side cursor on PostgreSQL, so a million rows are not all held
    # by the driver at once; an ordinary cursor on SQLite.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            yield rows


def _raw_columns(queryset: QuerySet[Any], names: tuple[str, ...]) -> dict[str, pa.Array]:
    """A query's result as one Arrow array per column, values as the database gave them (a date
    is text on SQLite and a date on PostgreSQL; both sort and map the same here)."""
    pieces: dict[str, list[pa.Array]] = {name: [] for name in names}
    for rows in _raw_chunks(queryset):
        for name, values in zip(names, zip(*rows, strict=True), strict=True):
            pieces[name].append(pa.array(values, type=pa.int64() if name in INTEGER_FIELDS else None))
    columns = {}
    for name, arrays in pieces.items():
        kinds = {array.type for array in arrays if array.type != pa.null()}
        if len(kinds) > 1:  # e.g. a chunk of only-NULL dates next to dated ones
            arrays = [array.cast(pa.string()) for array in arrays]
        elif kinds:
            kind = kinds.pop()
            arrays = [array.cast(kind) if array.type == pa.null() else array for array in arrays]
        columns[name] = (pa.concat_arrays(arrays) if arrays
                         else pa.array([], type=pa.int64() if name in INTEGER_FIELDS else pa.string()))
    return columns


def _first_event_country(events: pa.Table, kind: str, latest: bool, case_ids: pa.Array) -> pa.Array:
    """Per case (in the order of case_ids), the country of its first event of `kind` when the
    events are ordered latest-first (latest=True) or earliest-first; NULL where it has none."""
    chosen = events.filter(pc.equal(events["event_type"], kind))
    if chosen.num_rows == 0:
        return pa.nulls(len(case_ids), type=pa.string())
    order = "descending" if latest else "ascending"
    # Undated events sort last either way: a dated event says more about where and when.
    index = pc.sort_indices(chosen, sort_keys=[("case_id", "ascending", "at_end"), ("date", order, "at_end"),
                                               ("id", order, "at_end")])
    chosen = chosen.take(index)
    cases = chosen["case_id"].combine_chunks()
    starts = np.flatnonzero(np.r_[True, np.diff(cases.to_numpy()) != 0]) if len(cases) else np.array([], int)
    first = chosen.take(pa.array(starts))
    position = pc.index_in(case_ids, value_set=first["case_id"].combine_chunks())
    return first["country"].combine_chunks().cast(pa.string()).take(position)


def _map_distinct(values: pa.Array, rule: Callable[[Any], Any], type_: pa.DataType) -> pa.Array:
    """rule() applied once per distinct value (NULL included), then spread to every row."""
    if len(values) == 0:
        return pa.array([], type=type_)
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    mapped = pa.array([rule(value) for value in encoded.dictionary.to_pylist()], type=type_)
    return mapped.take(encoded.indices)


def _codes(stored: str | None) -> list[str]:
    """A MultiCodeField's stored text ("|VEN|COL|") as its codes, as the field itself reads it."""
    return [code for code in (stored or "").split("|") if code]


def _country(code: str | None) -> str | None:
    """ISO alpha-3 as stored, "" for none, None for a code ISO 3166 does not know."""
    if not code:
        return ""
    return iso3(code) if len(code.strip()) == 3 else None


def node_cases_table() -> NodeTable:
    """Every victim case of the node as the indicators' node-cases table (an Arrow table)."""
    raw = _raw_columns(cases_query(), CASE_FIELDS)
    events = pa.table(_raw_columns(events_query(), EVENT_FIELDS))
    agencies = dict(Agency.objects.values_list("id", "name"))
    node_country = str(settings.NODE_COUNTRY).upper()
    unknown: dict[str, int] = {}

    def country_column(name: str, values: pa.Array) -> pa.Array:
        if len(values) == 0:
            return pa.array([], type=pa.string())
        distinct = pc.unique(values).to_pylist()
        bad = [code for code in distinct if _country(code) is None]
        if bad:
            unknown[name] = int(pc.sum(pc.is_in(values, value_set=pa.array(bad, type=pa.string()))).as_py() or 0)
        return _map_distinct(values, lambda code: _country(code) or "", pa.string())

    exploitation = country_column("exploitation_iso3",
                                  _first_event_country(events, "Exploitation", True, raw["id"]))
    detection = pc.if_else(pc.equal(exploitation, ""), pa.scalar(node_country), exploitation)
    first_citizenship = _map_distinct(raw["person__citizenships"], lambda s: (_codes(s) or [""])[0], pa.string())

    forms = {column: _map_distinct(raw["exploitation_types"],
                                   lambda s, c=column: forms_from_htcds(_codes(s))[c], pa.bool_())
             for column in FORM_COLUMNS}
    by_age = _map_distinct(raw["age_at_identification"], age_group_from_age, pa.string())
    stored_group = _map_distinct(raw["age_group"], lambda g: g if g in AGE_GROUPS else "unknown", pa.string())
    age_group = pc.if_else(pc.is_null(raw["age_at_identification"]), stored_group, by_age)

    columns: dict[str, pa.Array] = {
        "case_id": raw["code"],
        # identified_on is never NULL; its year is read once per distinct date ("2024-05-01" or a date).
        "year": _map_distinct(raw["identified_on"], lambda day: int(str(day)[:4]), pa.int64()),
        "country_iso3": detection,
        "sex": _map_distinct(raw["person__gender"], sex_from_htcds, pa.string()),
        "age_group": age_group,
        **forms,
        "nationality_iso3": country_column("nationality_iso3", first_citizenship),
        "origin_iso3": country_column("origin_iso3", _first_event_country(events, "Recruitment", False, raw["id"])),
        "exploitation_iso3": exploitation,
        "identifying_agency": _map_distinct(raw["identified_by_id"], lambda pk: agencies.get(pk, ""), pa.string()),
        "data_source": pc.fill_null(raw["source"], ""),
        "trafficking_status": pc.fill_null(raw["trafficking_status"], ""),
    }
    table = pa.table({name: columns[name] for name in NODE_CASE_COLUMNS})
    return NodeTable(table=table, unknown_codes=unknown)
