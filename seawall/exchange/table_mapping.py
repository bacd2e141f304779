"""A unit's column-to-field mapping file (TOML or JSON), for its own spreadsheet.

    sheet = "Cases"               # XLSX only; the first sheet when absent
    header_row = 1                # the row holding the column names
    date_order = "DMY"            # ISO (default), DMY or MDY for text dates like 15/03/2024
    default_country = "TTO"       # alpha-3, for phone numbers without +country code

    [columns]                     # column name in the file -> Seawall field
    "First name" = "prs_FirstName"          # an HTCDS code ...
    "Year" = "case.registration_year"       # ... or a Seawall field path
    "Sex" = { field = "prs_Gender", values = { F = "Feminine", M = "Masculine" } }
    "Passport no." = { field = "prs_IdentityNumber", document_type = "Passport" }

    [defaults]                    # a value for every row that leaves the field empty
    vic_TraffickingStatus = "PossibleVictimOfTrafficking"

JSON has the same keys. Columns not named are ignored; a named column missing from the file
is an error.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seawall.exchange.mapping import FieldSpec, field_specs, htcds_fields
from seawall.exchange.values import CellError, Converter, ReadOptions
from seawall.standard import VocabularyError, picklist, validate_country


class MappingError(ValueError):
    """The mapping file itself is wrong; the message says where."""


@dataclass(frozen=True)
class ColumnMap:
    column: str
    spec: FieldSpec
    values: dict[str, str] = field(default_factory=dict)
    document_type: str | None = None


@dataclass(frozen=True)
class TableMapping:
    columns: tuple[ColumnMap, ...]
    defaults: dict[str, object] = field(default_factory=dict)  # field path -> Seawall value
    sheet: str | None = None
    header_row: int = 1
    options: ReadOptions = field(default_factory=ReadOptions)

    def to_dict(self) -> dict[str, Any]:
        """The mapping as the file format has it, e.g. for the web page to save as JSON."""
        out: dict[str, Any] = {"header_row": self.header_row, "date_order": self.options.date_order}
        if self.sheet:
            out["sheet"] = self.sheet
        if self.options.default_country:
            out["default_country"] = self.options.default_country
        columns: dict[str, Any] = {}
        for c in self.columns:
            name = c.spec.htcds or c.spec.path
            extra = {k: v for k, v in (("values", c.values), ("document_type", c.document_type)) if v}
            columns[c.column] = {"field": name, **extra} if extra else name
        out["columns"] = columns
        if self.defaults:
            out["defaults"] = {(field_specs()[p].htcds or p): _plain(v) for p, v in self.defaults.items()}
        return out


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    return value if isinstance(value, (str, int, bool)) or value is None else str(value)


def resolve_field(name: str) -> FieldSpec:
    """An HTCDS code or a Seawall field path -> its spec."""
    spec = htcds_fields().get(name) or field_specs().get(name)
    if spec is None:
        raise MappingError(f"{name!r} is not a Seawall field or HTCDS code (see seawall.exchange.table_fields())")
    return spec


def load_table_mapping(source: str | Path | dict[str, Any]) -> TableMapping:
    if isinstance(source, dict):
        raw = source
    else:
        path = Path(source)
        text = path.read_text("utf-8")
        try:
            raw = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
            raise MappingError(f"{path.name}: not valid {'JSON' if path.suffix.lower() == '.json' else 'TOML'} ({error})") from None
    unknown = set(raw) - {"sheet", "header_row", "date_order", "default_country", "columns", "defaults"}
    if unknown:
        raise MappingError(f"unknown key(s) in mapping: {', '.join(sorted(unknown))}")
    options = _options(raw)
    columns = tuple(_column(name, entry) for name, entry in (raw.get("columns") or {}).items())
    if not columns:
        raise MappingError("the mapping names no columns ([columns] is empty)")
    header_row = raw.get("header_row", 1)
    if not isinstance(header_row, int) or header_row < 1:
        raise MappingError(f"header_row must be a row number from 1, not {header_row!r}")
    defaults = {}
    converter = Converter(options)
    for name, value in (raw.get("defaults") or {}).items():
        spec = resolve_field(name)
        try:
            defaults[spec.path] = converter.convert(value, spec)
        except CellError as error:
            raise MappingError(f"default for {name}: {error.message}") from None
    return TableMapping(columns=columns, defaults=defaults, sheet=raw.get("sheet"), header_row=header_row, options=options)


def _options(raw: dict[str, Any]) -> ReadOptions:
    order = raw.get("date_order", "ISO")
    if order not in ("ISO", "DMY", "MDY"):
        raise MappingError(f"date_order must be ISO, DMY or MDY, not {order!r}")
    country = raw.get("default_country")
    if country is not None:
        try:
            country = validate_country(country, "default_country")
        except VocabularyError as error:
            raise MappingError(str(error)) from None
    return ReadOptions(date_order=order, default_country=country)


def _column(name: str, entry: object) -> ColumnMap:
    if isinstance(entry, str):
        return ColumnMap(column=name, spec=resolve_field(entry))
    if not isinstance(entry, dict) or "field" not in entry:
        raise MappingError(f"column {name!r}: give a field name or {{ field = ..., values = ... }}")
    spec = resolve_field(entry["field"])
    values = {str(k): str(v) for k, v in (entry.get("values") or {}).items()}
    if spec.picklist:
        allowed = picklist(spec.picklist).codes
        wrong = sorted({v for v in values.values() if v not in allowed})
        if wrong:
            raise MappingError(f"column {name!r}: {', '.join(wrong)} not code(s) of {spec.picklist}; allowed: {', '.join(allowed)}")
    document_type = entry.get("document_type")
    if document_type is not None:
        if spec.kind != "document":
            raise MappingError(f"column {name!r}: document_type applies to prs_IdentityNumber only")
        if document_type not in picklist("seawall_DocumentType").codes:
            raise MappingError(f"column {name!r}: {document_type!r} is not a seawall_DocumentType code")
    return ColumnMap(column=name, spec=spec, values=values, document_type=document_type)


def table_fields() -> list[FieldSpec]:
    """Every field a column can be mapped to, for the mapping page to offer."""
    return list(field_specs().values())
