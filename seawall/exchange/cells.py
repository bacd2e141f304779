"""Raw spreadsheet cells: formulas, error values, control characters, CSV quote prefixes."""

from __future__ import annotations

import re
from datetime import date, datetime, time


class Formula(str):
    """A cell a spreadsheet would calculate: refused on reading, never run."""


class ErrorValue(str):
    """A spreadsheet error value such as #N/A or #REF!."""


# Characters that make a spreadsheet treat a typed cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# C0/C1 controls except line feed, and the bidirectional overrides and isolates used to make
# text display differently from what it is ("Trojan Source"). Zero-width joiners stay: some
# scripts and names need them.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def clean_text(text: str, *, multiline: bool) -> tuple[str, bool]:
    """Trimmed text without control characters; True when something was removed.
    Tabs become spaces; line breaks become spaces unless the field holds long text."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    cleaned = _CONTROL.sub("", text)
    removed = len(cleaned) != len(text)
    return cleaned.strip(), removed


def csv_cell(text: str) -> str:
    """A CSV cell as Seawall's readers see it: a cell starting with "=" is a formula; a
    leading apostrophe that Seawall's writers put before a formula trigger is removed."""
    if not text:
        return text
    first = text[0]
    if first == "=":
        return Formula(text)
    if first == "'" and len(text) > 1 and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def cell_text(value: object) -> str:
    """The text of a non-empty cell as a person would read it in the spreadsheet."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
