"""Translation rules for raw cell values shared by the CTDC and node-case inputs.

Each rule takes one raw text value and returns the normalised value, or INVALID. Rules see
distinct values only, so they may be plain Python.
"""

from __future__ import annotations

from collections.abc import Callable

from seawall.indicators.grouping import INVALID
from seawall.indicators.countries import iso3

# Spellings of "not recorded" in CTDC files and spreadsheets (CTDC's raw CSVs use -99).
MISSING_WORDS: frozenset[str] = frozenset({"", "-99", "na", "n/a", "nan", "none", "null"})
# In a country column "NA" is Namibia, so only these words mean missing there.
MISSING_COUNTRY_WORDS: frozenset[str] = frozenset({"", "-99", "missing", "unknown", "nan", "none", "null"})

YEAR_RANGE = range(1900, 2101)
ALLOWED_YEAR = "a year from 1900 to 2100, or blank"
ALLOWED_FLAG = "1, 0 or blank"
ALLOWED_COUNTRY = "an ISO 3166 alpha-2 or alpha-3 code, Missing, Unknown or blank"

TRUE_WORDS = frozenset({"1", "1.0", "true", "yes"})
FALSE_WORDS = frozenset({"0", "0.0", "false", "no"})


def is_missing(raw: str) -> bool:
    return raw.strip().lower() in MISSING_WORDS


def year(raw: str) -> object:
    """int year, None when not recorded, INVALID otherwise."""
    text = raw.strip()
    if is_missing(text):
        return None
    number = text[:-2] if text.endswith(".0") else text
    if not number.isdigit() or int(number) not in YEAR_RANGE:
        return INVALID
    return int(number)


def flag(raw: str) -> object:
    """A 0/1 flag; blank means "not recorded", which counts as not flagged."""
    text = raw.strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS or text in MISSING_WORDS:
        return False
    return INVALID


def country(raw: str) -> object:
    text = raw.strip()
    if text.lower() in MISSING_COUNTRY_WORDS:
        return ""
    return iso3(text) or INVALID


def one_of(table: dict[str, str]) -> Callable[[str], object]:
    """A rule reading case-insensitive labels from `table`; missing words map to table[""]."""
    def rule(raw: str) -> object:
        text = raw.strip().lower()
        if text in table:
            return table[text]
        if text in MISSING_WORDS and "" in table:
            return table[""]
        return INVALID
    return rule


def as_is(raw: str) -> object:
    """Free text such as an agency name: trimmed, with missing words as ""."""
    return "" if is_missing(raw) else raw.strip()
