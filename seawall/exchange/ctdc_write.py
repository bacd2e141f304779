"""Writing records as CTDC v1 or 2024 rows: de-identified, identity is never written.

A column takes its value from the record's Seawall fields when it has an exact one; a
column kept verbatim from a CTDC file (source_values) is written as it was read, when the
record comes from a CTDC schema that has that column; otherwise the rule named in
mappings.toml derives it from the HTCDS facts (e.g. typeOfLabour from the ISIC industry).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import IO

from seawall.exchange.mapping import CtdcColumn, CtdcSchema, ctdc_schema
from seawall.exchange.output import counted, write_csv_rows
from seawall.exchange.records import CaseFacts, CaseRecord
from seawall.standard.ctdc import V1_AGE_BANDS
from seawall.standard.geo import alpha2 as _alpha2

Progress = Callable[[int, int], None]
alpha2 = cache(_alpha2)


def _band_of(age: int) -> str:
    for band in V1_AGE_BANDS:
        low, _, high = band.replace("+", "--200").partition("--")
        if int(low) <= age <= int(high):
            return band
    return "Unknown"


def _has(facts: CaseFacts, htcds: str, attr: str, code: str) -> str:
    """"1" present, "0" recorded absent, "" not recorded."""
    if code in getattr(facts, attr):
        return "1"
    if code in facts.recorded_absent.get(htcds, ()):
        return "0"
    return ""


_HTCDS_OF = {
    "methods_of_control": "vic_MethodsOfControl",
    "types_of_exploitation": "vic_TypeOfExploitation",
    "sex_exploitation_types": "vic_TypeOfSexExploitation",
}


class _Writer:
    def __init__(self, schema: CtdcSchema) -> None:
        self.schema = schema
        self._plans: dict[str, list[Callable[[CaseRecord], str]]] = {}
        # When several columns read as one industry or relationship, the first writes it.
        self.industry_column: dict[str, str] = {}
        self.relation_column: dict[str, str] = {}
        for column in schema.columns:
            if column.kind == "labour" and column.industry:
                self.industry_column.setdefault(column.industry, column.column)
            if column.kind == "relation" and column.relationship:
                self.relation_column.setdefault(column.relationship, column.column)

    def row(self, record: CaseRecord) -> list[str]:
        plan = self._plans.get(record.source)
        if plan is None:
            plan = self._plans[record.source] = self._plan(_origin(record))
        return [cell(record) for cell in plan]

    def _plan(self, origin: CtdcSchema | None) -> list[Callable[[CaseRecord], str]]:
        """One small function per column, chosen once per kind of record: 2.7 million cells
        in a national export make per-cell dispatch the cost that matters."""
        return [self._compiled(column, origin) for column in self.schema.columns]

    def _compiled(self, column: CtdcColumn, origin: CtdcSchema | None) -> Callable[[CaseRecord], str]:
        name = column.column
        if column.verbatim and origin is not None and name in origin.name_set:
            if self.schema.positive_only:
                return lambda r: "" if (v := r.source_values.get(name, "")) == "0" else v
            return lambda r: r.source_values.get(name, "")
        if column.kind == "flag":
            attr = (column.field or "").split(".", 1)[1]
            htcds, code = _HTCDS_OF[attr], column.code
            absent = "" if self.schema.positive_only else "0"
            get = attrgetter(attr)
            return lambda r: "1" if code in get(r.case) else (absent if code in r.case.recorded_absent.get(htcds, ()) else "")
        return lambda r: self._positive(column, self.cell(r, column, origin))

    def _positive(self, column: CtdcColumn, value: str) -> str:
        if self.schema.positive_only and value == "0" and column.kind not in ("year", "text", "value", "band", "country"):
            return ""
        return value

    def cell(self, record: CaseRecord, column: CtdcColumn, origin: CtdcSchema | None) -> str:
        facts = record.case
        name = column.column
        same_column = origin is not None and name in origin.name_set
        if column.verbatim and same_column:
            return record.source_values.get(name, "")
        kind = column.kind
        attr = column.field.split(".", 1)[1] if column.field else ""
        if kind == "year":
            return "" if facts.registration_year is None else str(facts.registration_year)
        if kind == "text":
            return getattr(facts, attr) or ""
        if kind == "value":
            return self._value(facts, column, attr, origin)
        if kind == "band":
            band = facts.age_band
            if band is None and facts.age_at_identification is not None and origin is not self.schema:
                band = _band_of(facts.age_at_identification)
            return self.schema.age_band_write.get(band, band) if band else ""
        if kind == "country":
            return self._country(record, column, attr, same_column)
        if kind == "flag":
            return _has(facts, _HTCDS_OF[attr], attr, column.code or "")
        return self._derived(facts, column)

    def _value(self, facts: CaseFacts, column: CtdcColumn, attr: str, origin: CtdcSchema | None) -> str:
        value = getattr(facts, attr)
        if value is None and attr == "age_group" and origin is not self.schema:
            value = _age_group(facts)
        return self.schema.write_values[column.values or ""].get(value, "") if value else ""

    def _country(self, record: CaseRecord, column: CtdcColumn, attr: str, same_column: bool) -> str:
        value = getattr(record.case, attr)
        code = value[0] if isinstance(value, tuple) and value else value if isinstance(value, str) else None
        if code:
            return alpha2(code) if self.schema.country_codes == "alpha2" else code
        marker = record.source_values.get(column.column, "")
        return marker if same_column and marker in column.unknown else ""

    def _derived(self, facts: CaseFacts, column: CtdcColumn) -> str:
        kind = column.kind
        if kind == "any":
            return "1" if any(code in facts.methods_of_control for code in column.codes) else ""
        if kind == "labour":
            return self._labour(facts, column)
        if kind == "relation":
            return self._relation(facts, column)
        rule = column.derive
        if rule == "control_not_specified":
            return "0" if facts.methods_of_control else "1"
        if rule == "sex_and_labour":
            labour = _has(facts, "vic_TypeOfExploitation", "types_of_exploitation", "ForcedLabour")
            sexual = _has(facts, "vic_TypeOfExploitation", "types_of_exploitation", "SexualExploitation")
            if labour == sexual == "1":
                return "1"
            return "0" if labour and sexual else ""
        if rule == "recruiter_relationship_text":
            rel = facts.relationship_to_trafficker
            return self.schema.recruiter_text.get(rel, "") if rel else ""
        return ""

    def _labour(self, facts: CaseFacts, column: CtdcColumn) -> str:
        industry = facts.forced_labour_industry
        begging = "ForcedBegging" in facts.types_of_exploitation
        if not (industry or begging or "ForcedLabour" in facts.types_of_exploitation):
            return ""
        if column.industry:
            return "1" if industry and self.industry_column.get(industry) == column.column else "0"
        if column.exploitation:
            return "1" if column.exploitation in facts.types_of_exploitation else "0"
        if column.role == "other":
            return "1" if industry and industry not in self.industry_column else "0"
        if column.role == "not_specified":
            return "1" if not industry and not begging else "0"
        return "0"

    def _relation(self, facts: CaseFacts, column: CtdcColumn) -> str:
        rel = facts.relationship_to_trafficker
        if rel is None:
            return ""
        if column.relationship:
            return "1" if rel == column.relationship else "0"
        if column.role == "other":
            return "1" if rel not in self.relation_column and rel != "Unknown" else "0"
        return "0"


def _age_group(facts: CaseFacts) -> str | None:
    if facts.age_at_identification is not None:
        return "0-17" if facts.age_at_identification < 18 else "18+"
    if facts.age_band and facts.age_band != "Unknown":
        return "0-17" if facts.age_band in ("0--8", "9--17") else "18+"
    return None


def _origin(record: CaseRecord) -> CtdcSchema | None:
    if record.source.startswith("ctdc-"):
        try:
            return ctdc_schema(record.source.removeprefix("ctdc-"))
        except KeyError:
            return None
    return None


def ctdc_rows(records: Sequence[CaseRecord], schema: str = "v1", *, progress: Progress | None = None) -> Iterator[list[str]]:
    """The header, then one row of text cells per record."""
    spec = ctdc_schema(schema)
    writer = _Writer(spec)
    yield list(spec.names)
    for record in counted(list(records), progress):
        yield writer.row(record)  # type: ignore[arg-type]


def write_ctdc(records: Sequence[CaseRecord], path: str | Path | IO[bytes], schema: str = "v1", *,
               progress: Progress | None = None) -> int:
    """Write a CTDC CSV (UTF-8, no byte-order mark: analysts read it with pandas and R).
    Returns the number of records written."""
    return write_csv_rows(path, ctdc_rows(records, schema, progress=progress), bom=False) - 1
