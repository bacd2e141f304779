"""Country codes for the indicators: ISO 3166 through pycountry, plus the Caribbean list we ship."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd
import pycountry

# Codes in use that ISO 3166 does not assign. Kosovo's XK/XKX is the user-assigned code the
# EU and IOM use; WPP counts Kosovo within Serbia, so it has no population of its own here.
EXTRA_CODES: dict[str, tuple[str, str]] = {"XK": ("XKX", "Kosovo"), "XKX": ("XKX", "Kosovo")}


@cache
def _by_code() -> dict[str, str]:
    """alpha-2 and alpha-3 (upper case) -> alpha-3."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        table[country.alpha_2] = country.alpha_3
        table[country.alpha_3] = country.alpha_3
    for code, (alpha3, _) in EXTRA_CODES.items():
        table[code] = alpha3
    return table


def iso3(code: str) -> str | None:
    """The alpha-3 code for an ISO alpha-2 or alpha-3 code, or None when it is not one.

    "NA" is Namibia here: callers decide beforehand which spellings mean "missing".
    """
    return _by_code().get(code.strip().upper())


@cache
def country_name(alpha3: str) -> str:
    if not alpha3:
        return "Unknown"
    for code, name in EXTRA_CODES.values():
        if code == alpha3:
            return name
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return getattr(country, "common_name", None) or country.name


@cache
def caribbean_countries() -> pd.DataFrame:
    """The 32 Caribbean countries and areas with CARICOM/CMC status (see data/PROVENANCE.md)."""
    path = files("seawall.indicators").joinpath("data", "caribbean_countries.csv")
    with path.open("r", encoding="utf-8") as handle:
        # keep_default_na=False: no Caribbean code is "NA", but a blank must stay "".
        return pd.read_csv(handle, dtype=str, keep_default_na=False)
