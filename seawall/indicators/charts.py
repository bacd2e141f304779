"""Chart-ready data: tidy tables (one observation per row) for the dashboard and the SVG writer.

Each chart is a StatTable plus how to draw it; its data go out through publishable(), so a
chart and its CSV download hide the same small cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from seawall.indicators.cases import FORMS
from seawall.indicators.countries import country_name
from seawall.indicators.counts import COUNT_KEYS, CaseCounts
from seawall.indicators.suppression import DEFAULT_THRESHOLD
from seawall.indicators.tables import StatTable


@dataclass(frozen=True)
class Chart:
    table: StatTable
    kind: str  # "columns" (one value per x), "lines" (one line per series), "bars" (ranked, horizontal)
    x: str  # the column on the category or time axis
    series: str | None = None

    @property
    def name(self) -> str:
        return self.table.name

    def publishable(self, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
        return self.table.publishable(threshold)


def trend_by_year(counts: CaseCounts) -> Chart:
    by_year = counts.frame.groupby("year")["victims"].sum()
    if len(by_year):
        by_year = by_year.reindex(range(int(by_year.index.min()), int(by_year.index.max()) + 1), fill_value=0)
    frame = pd.DataFrame({"year": by_year.index.astype("int64"), "victims": by_year.to_numpy(dtype="int64")})
    table = StatTable("trend", "Victims identified per year",
                      "Victims identified in each calendar year of identification.", frame)
    return Chart(table, "columns", x="year")


def trend_by_sex(counts: CaseCounts) -> Chart:
    frame = counts.frame.groupby(["year", "sex"], as_index=False)["victims"].sum()
    table = StatTable("trend_by_sex", "Victims identified per year, by sex",
                      "Victims identified in each calendar year, by sex (female, male, unknown).", frame)
    return Chart(table, "lines", x="year", series="sex")


def by_nationality(counts: CaseCounts, year: int | None = None) -> Chart:
    frame = _in_year(counts, year).groupby("nationality_iso3", as_index=False)["victims"].sum()
    frame.insert(1, "nationality", frame["nationality_iso3"].map(country_name))
    frame = frame.sort_values(["victims", "nationality_iso3"], ascending=[False, True], kind="stable")
    table = StatTable("by_nationality", f"Victims by nationality, {_scope(year)}",
                      "Victims identified by (first) citizenship; empty code = unknown.",
                      frame.reset_index(drop=True))
    return Chart(table, "bars", x="nationality")


def route_flows(counts: CaseCounts, year: int | None = None) -> Chart:
    keys = ["origin_iso3", "exploitation_iso3"]
    frame = _in_year(counts, year).groupby(keys, as_index=False)["victims"].sum()
    frame.insert(1, "origin", frame["origin_iso3"].map(country_name))
    frame.insert(3, "exploitation", frame["exploitation_iso3"].map(country_name))
    frame["route"] = frame["origin"] + " \u2192 " + frame["exploitation"]
    frame = frame.sort_values(["victims", *keys], ascending=[False, True, True], kind="stable")
    table = StatTable("routes", f"Routes: origin to country of exploitation, {_scope(year)}",
                      "Victims by country of origin (recruitment; CTDC v1: citizenship) and country "
                      "of exploitation. Unknown ends are shown as Unknown.", frame.reset_index(drop=True))
    return Chart(table, "bars", x="route")


def by_form(counts: CaseCounts, year: int | None = None) -> Chart:
    frame = _in_year(counts, year)
    rows = [{"form": form, "victims": int(frame.loc[frame[f"form_{form}"], "victims"].sum())} for form in FORMS]
    table = StatTable("by_form", f"Victims by form of exploitation, {_scope(year)}",
                      "A victim with several forms counts in each.", pd.DataFrame(rows))
    return Chart(table, "bars", x="form")


def chart_tables(counts: CaseCounts, year: int | None = None) -> list[Chart]:
    counts.require(COUNT_KEYS, "the charts")
    return [trend_by_year(counts), trend_by_sex(counts), by_nationality(counts, year),
            route_flows(counts, year), by_form(counts, year)]


def _in_year(counts: CaseCounts, year: int | None) -> pd.DataFrame:
    return counts.frame if year is None else counts.frame[counts.frame["year"] == year]


def _scope(year: int | None) -> str:
    return "all years" if year is None else str(year)
