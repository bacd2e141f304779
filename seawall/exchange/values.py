"""Turning one cell into one Seawall value, by field kind, with a clear reason when it fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

import pycountry

from seawall.exchange.cells import ErrorValue, Formula, cell_text, clean_text, is_blank
from seawall.exchange.mapping import AGE_BANDS, FieldSpec, age_band_aliases
from seawall.exchange.records import IdentityDocument
from seawall.standard import VocabularyError, normalise_phone, picklist, validate_country


class CellError(ValueError):
    def __init__(self, kind: str, message: str, allowed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.allowed = allowed


_MULTI_SPLIT = re.compile(r"[;,\n]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_TRUE = frozenset({"true", "yes", "y", "1", "x", "checked", "si", "sí", "oui", "wi"})
_FALSE = frozenset({"false", "no", "n", "0", "unchecked", "non"})
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class ReadOptions:
    """How ambiguous cells are read. date_order: "ISO" accepts only YYYY-MM-DD (and real
    date cells); "DMY" or "MDY" also accept 15/03/2024-style text in that order.
    default_country: alpha-3 used for phone numbers written without +country code."""

    date_order: str = "ISO"
    default_country: str | None = None
    today: date | None = None


@cache
def _lookup(picklist_name: str) -> dict[str, str]:
    """Case-insensitive code or English label -> code."""
    found: dict[str, str] = {}
    for value in picklist(picklist_name).values:
        found.setdefault(value.label.casefold().strip(), value.code)
    for value in picklist(picklist_name).values:
        found[value.code.casefold()] = value.code
    return found


def match_code(picklist_name: str, text: str) -> str:
    codes = picklist(picklist_name).codes
    if text in codes:
        return text
    found = _lookup(picklist_name).get(text.casefold().strip())
    if found is None:
        raise CellError("unknown_code", f"{text!r} is not a code of {picklist_name}", codes)
    return found


@cache
def match_country(text: str) -> str:
    try:
        return validate_country(text)
    except VocabularyError:
        pass
    try:
        return pycountry.countries.lookup(text.strip()).alpha_3
    except LookupError:
        raise CellError("bad_country", f"{text!r} is not an ISO 3166 country code (use e.g. TTO or TT for Trinidad and Tobago)") from None


def split_multi(text: str) -> list[str]:
    return [part.strip() for part in _MULTI_SPLIT.split(text) if part.strip()]


def parse_date(raw: object, options: ReadOptions) -> date:
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = cell_text(raw).strip()
        value = _date_from_text(text, options.date_order)
    today = options.today or date.today()
    if value < EARLIEST or value > today:
        raise CellError("bad_date", f"{value.isoformat()} is outside {EARLIEST.year}-01-01 .. today")
    return value


def _date_from_text(text: str, order: str) -> date:
    match = _ISO_DATE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _NUMERIC_DATE.match(text)
        if match and order in ("DMY", "MDY"):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            day, month = (first, second) if order == "DMY" else (second, first)
            return date(year, month, day)
    except ValueError:
        raise CellError("bad_date", f"{text!r} is not a real date") from None
    hint = "; or set the date order (DMY or MDY) for this file" if match else ""
    raise CellError("bad_date", f"{text!r} is not a date in YYYY-MM-DD form{hint}")


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("bad_flag", f"{cell_text(raw)!r} is not yes/no (TRUE, FALSE, Yes, No, 1, 0)", ("TRUE", "FALSE"))


def parse_int(raw: object, low: int | None, high: int | None, what: str = "a whole number") -> int:
    if isinstance(raw, bool):
        raise CellError("bad_number", f"{raw!r} is not {what}")
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    else:
        text = cell_text(raw).strip()
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise CellError("bad_number", f"{text!r} is not {what}")
        number = int(float(text))
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError("bad_number", f"{number} is outside {low}..{high}")
    return number


class Converter:
    """Converts cells for one file; `warnings` collects (kind, message) of the last call."""

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        self.warnings: list[tuple[str, str]] = []

    def text(self, raw: object, spec: FieldSpec) -> str | None:
        if isinstance(raw, Formula):
            raise CellError("formula", "is a formula; Seawall reads values only: paste the values (Paste Special > Values) and try again")
        if isinstance(raw, ErrorValue):
            raise CellError("error_value", f"holds the spreadsheet error {str(raw)!r}")
        if is_blank(raw):
            return None
        text, removed = clean_text(cell_text(raw), multiline=spec.kind == "longtext")
        if removed:
            self.warnings.append(("control_characters", "control or direction-override characters were removed"))
        if spec.max is not None and len(text) > spec.max and spec.kind not in ("int", "year"):
            raise CellError("too_long", f"is {len(text)} characters long; at most {spec.max} are accepted")
        return text or None

    def convert(self, raw: object, spec: FieldSpec, *, document_type: str | None = None) -> object:
        """The Seawall value of a cell (None when blank); raises CellError."""
        self.warnings = []
        if spec.kind == "date" and isinstance(raw, (date, datetime)):
            return parse_date(raw, self.options)
        if spec.kind == "bool" and isinstance(raw, bool):
            return raw
        if spec.kind in ("int", "year") and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return self._number(raw, spec)
        text = self.text(raw, spec)
        if text is None:
            return () if spec.multiple else None
        kind = spec.kind
        if kind in ("text", "longtext"):
            return text
        if kind == "code":
            return self._code(text, spec)
        if kind == "codes":
            return self._codes(text, spec)
        if kind == "country":
            return match_country(text)
        if kind == "countries":
            return self._countries(text)
        if kind == "date":
            return parse_date(text, self.options)
        if kind == "bool":
            return parse_bool(text)
        if kind in ("int", "year"):
            return self._number(text, spec)
        if kind == "phone":
            return self._phone(text)
        if kind == "email":
            if not _EMAIL.match(text):
                raise CellError("bad_email", f"{text!r} is not an email address")
            return text
        if kind == "band":
            band = age_band_aliases().get(text, text)
            if band not in AGE_BANDS:
                raise CellError("unknown_code", f"{text!r} is not an age band", AGE_BANDS)
            return band
        if kind == "document":
            return IdentityDocument(number=text, type=document_type)
        raise AssertionError(f"unhandled kind {kind}")

    def _number(self, raw: object, spec: FieldSpec) -> int:
        if spec.kind == "year":
            return parse_int(raw, 1900, 2100, "a year")
        return parse_int(raw, spec.min, spec.max)

    def _code(self, text: str, spec: FieldSpec) -> str:
        try:
            return match_code(spec.picklist or "", text)
        except CellError:
            parts = split_multi(text)
            if len(parts) > 1 and all(p.casefold() in _lookup(spec.picklist or "") for p in parts):
                raise CellError("several_values", f"holds {len(parts)} values; {spec.label} takes one (a single-select HTCDS picklist)",
                                picklist(spec.picklist or "").codes) from None
            raise

    def _codes(self, text: str, spec: FieldSpec) -> tuple[str, ...]:
        codes: list[str] = []
        bad: list[str] = []
        for part in split_multi(text):
            try:
                code = match_code(spec.picklist or "", part)
            except CellError:
                bad.append(part)
                continue
            if code not in codes:
                codes.append(code)
        if bad:
            shown = ", ".join(repr(b) for b in bad[:5])
            raise CellError("unknown_code", f"{shown} {'is' if len(bad) == 1 else 'are'} not {'a code' if len(bad) == 1 else 'codes'} of {spec.picklist} "
                            "(separate several values with ;)", picklist(spec.picklist or "").codes)
        return tuple(codes)

    def _countries(self, text: str) -> tuple[str, ...]:
        found: list[str] = []
        for part in split_multi(text):
            code = match_country(part)
            if code not in found:
                found.append(code)
        return tuple(found)

    def _phone(self, text: str) -> str:
        country = self.options.default_country
        if not text.startswith("+") and not country:
            raise CellError("bad_phone", f"{text!r} has no +country code; write it as +1 868 555 0100, or set the node's country for local numbers")
        try:
            return normalise_phone(text, country or "USA")
        except VocabularyError:
            raise CellError("bad_phone", f"{text!r} is not a phone number") from None
