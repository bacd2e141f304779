"""SDG indicator 16.2.2: detected victims of trafficking per 100,000 population.

Definition in definitions.SDG_16_2_2. The table has one row per (year, country, sex, age
group, form) with victims > 0, including the "total" roll-ups of sex, age group and form.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd

from seawall.indicators.cases import FORMS
from seawall.indicators.counts import CaseCounts
from seawall.indicators.population import population_table
from seawall.indicators.suppression import DEFAULT_THRESHOLD, suppress

COLUMNS: tuple[str, ...] = ("year", "country_iso3", "sex", "age_group", "form", "victims",
                            "population", "rate_per_100k")
SEX_ORDER: tuple[str, ...] = ("total", "female", "male")
AGE_ORDER: tuple[str, ...] = ("total", "0-17", "18+")
FORM_ORDER: tuple[str, ...] = ("total", *FORMS)
RATE_DIGITS = 6  # significant digits: a rate may be 0.0004 or 450


@dataclass(frozen=True)
class Sdg1622:
    table: pd.DataFrame  # COLUMNS; victims int, population Int64 (<NA> unknown), rate float (NaN)
    year: int | None  # the year asked for, or None for every year
    without_country: int  # victims in scope whose country of detection is unknown
    without_year: int  # victims of the input without a year (never in scope)

    def notes(self) -> list[str]:
        notes = []
        if self.without_country:
            notes.append(f"{self.without_country:,} victim(s) with unknown country of detection are "
                         "not in the table (see the annual report's data-quality section)")
        if self.without_year:
            notes.append(f"{self.without_year:,} victim(s) without a year of identification are not counted")
        if self.table.empty:
            scope = f"year {self.year}" if self.year is not None else "the input"
            notes.append(f"no victims with a known country of detection in {scope}; "
                         "the table has its header only")
        return notes


def sdg_16_2_2(counts: CaseCounts, year: int | None = None) -> Sdg1622:
    frame = counts.frame
    if year is not None:
        frame = frame[frame["year"] == year]
    known = frame["country_iso3"] != ""
    cases = frame[known]

    keys = ["year", "country_iso3", "sex", "age_group"]
    by_form = [cases[[*keys, "victims"]].assign(form="total")]
    by_form += [cases.loc[cases[f"form_{form}"], [*keys, "victims"]].assign(form=form) for form in FORMS]
    long = pd.concat(by_form, ignore_index=True)

    # The four roll-ups of (sex, age group); unknown sex or age survives only where rolled up.
    levels = []
    for keep_sex, keep_age in product((True, False), repeat=2):
        by = ["year", "country_iso3", "form"] + ["sex"] * keep_sex + ["age_group"] * keep_age
        level = long.groupby(by, as_index=False, sort=False)["victims"].sum()
        levels.append(level.assign(**({} if keep_sex else {"sex": "total"}),
                                   **({} if keep_age else {"age_group": "total"})))
    table = pd.concat(levels, ignore_index=True)
    table = table[(table["sex"] != "unknown") & (table["age_group"] != "unknown") & (table["victims"] > 0)]

    population = population_table().rename(columns={"iso3": "country_iso3"})
    table = table.merge(population, on=["country_iso3", "year", "sex", "age_group"], how="left")
    table["population"] = table["population"].astype("Int64")
    table["rate_per_100k"] = (table["victims"] / table["population"].astype("float64")) * 100_000
    table = _sorted(table)[list(COLUMNS)]
    table["year"] = table["year"].astype("int64")
    table["victims"] = table["victims"].astype("int64")
    return Sdg1622(
        table=table.reset_index(drop=True),
        year=year,
        without_country=int(frame.loc[~known, "victims"].sum()),
        without_year=counts.without_year,
    )


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    ranks = {f"_{column}": pd.Categorical(table[column], categories=order, ordered=True).codes
             for column, order in (("sex", SEX_ORDER), ("age_group", AGE_ORDER), ("form", FORM_ORDER))}
    keyed = table.assign(**ranks).sort_values(["year", "country_iso3", *ranks], kind="stable")
    return keyed.drop(columns=list(ranks))


def format_rates(rates: pd.Series) -> list[str]:
    """Six significant digits, never in exponent form (a spreadsheet reads 1e-05 badly)."""
    values = rates.to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.floor(np.log10(np.abs(values)))
    magnitude = np.nan_to_num(magnitude, nan=0.0, posinf=0.0, neginf=0.0)
    decimals = np.clip(RATE_DIGITS - 1 - magnitude, 0, 20).astype(int)
    pairs = zip(values, decimals, strict=True)
    return ["" if value != value else _trim(f"{value:.{places}f}") for value, places in pairs]


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def publishable(result: Sdg1622, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The table as text, as OUT.csv holds it: suppressed, rates formatted, blanks for unknown."""
    table = result.table.copy()
    table["population"] = table["population"].astype("string").fillna("").astype(object)
    table["rate_per_100k"] = format_rates(table["rate_per_100k"])
    table["victims"] = table["victims"].astype(object)
    return suppress(table, ["victims"], threshold, derived={"rate_per_100k": ["victims"]})
