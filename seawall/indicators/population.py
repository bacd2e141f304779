"""Population denominators shipped with the package (UN WPP2019, see data/PROVENANCE.md)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd

EDITION = "UN World Population Prospects 2019 (UN DESA Population Division, CC BY 3.0 IGO)"
YEARS = range(2000, 2031)


@cache
def population_table() -> pd.DataFrame:
    """Columns iso3, year, sex (total/female/male), age_group (total/0-17/18+), population."""
    path = files("seawall.indicators").joinpath("data", "population.csv")
    with path.open("r", encoding="utf-8") as handle:
        # keep_default_na=False keeps every code a code (the source's Namibia lesson).
        frame = pd.read_csv(handle, dtype={"iso3": str, "sex": str, "age_group": str},
                            keep_default_na=False)
    frame["year"] = frame["year"].astype("int64")
    frame["population"] = frame["population"].astype("int64")
    return frame


def population_of(iso3: str, year: int, sex: str = "total", age_group: str = "total") -> int | None:
    """One denominator, or None when WPP2019 (as shipped) has none for that cell."""
    table = population_table()
    match = table[(table["iso3"] == iso3) & (table["year"] == year) & (table["sex"] == sex)
                  & (table["age_group"] == age_group)]
    return int(match["population"].iloc[0]) if len(match) else None
