"""The dashboard's charts: the core's chart tables plus the national breakdowns a coordinator shows.

Each is a seawall.indicators Chart (a StatTable and how to draw it), so the page, the SVG, the
PNG and the CSV download all pass through StatTable.publishable() and hide the same cells.
"""

from __future__ import annotations

import pandas as pd

from seawall.indicators import charts as core
from seawall.indicators.cases import FORMS
from seawall.indicators.countries import country_name
from seawall.indicators.counts import CaseCounts
from seawall.indicators.definitions import STATISTICS
from seawall.indicators.tables import StatTable

SEX_LABELS = {"female": "Female", "male": "Male", "unknown": "Unknown"}
AGE_LABELS = {"0-17": "Children (0-17)", "18+": "Adults (18+)", "unknown": "Unknown"}
FORM_LABELS = {"sexual_exploitation": "Sexual exploitation", "forced_labour": "Forced labour",
               "other": "Other forms", "not_recorded": "Not recorded"}

ORIGIN_DEFINITION = ("Victims identified in the year by country of origin: the country of the case's "
                     "earliest recruitment event (HTCDS hte_Type Recruitment); Unknown when no recruitment "
                     "event is recorded.")


def _in_year(counts: CaseCounts, year: int | None) -> pd.DataFrame:
    return counts.frame if year is None else counts.frame[counts.frame["year"] == year]


def _scope(year: int | None) -> str:
    return "all years" if year is None else str(year)


def _ranked(name: str, title: str, definition: str, frame: pd.DataFrame, key: str, label: str,
            labels: dict[str, str] | None = None, order: tuple[str, ...] = ()) -> core.Chart:
    """Victims by one column, biggest first (or in `order`), as a horizontal bar chart."""
    grouped = frame.groupby(key, as_index=False)["victims"].sum()
    if order:
        grouped = grouped.set_index(key).reindex(list(order), fill_value=0).reset_index()
    else:
        grouped = grouped.sort_values(["victims", key], ascending=[False, True], kind="stable")
    grouped.insert(1, label, grouped[key].map(labels.get if labels else country_name))
    return core.Chart(StatTable(name, title, definition, grouped.reset_index(drop=True)), "bars", x=label)


def by_sex(counts: CaseCounts, year: int | None) -> core.Chart:
    return _ranked("by_sex", f"Victims by sex, {_scope(year)}", STATISTICS["by_sex"],
                   _in_year(counts, year), "sex", "label", SEX_LABELS, tuple(SEX_LABELS))


def by_age_group(counts: CaseCounts, year: int | None) -> core.Chart:
    return _ranked("by_age_group", f"Victims by age group, {_scope(year)}", STATISTICS["by_age_group"],
                   _in_year(counts, year), "age_group", "label", AGE_LABELS, tuple(AGE_LABELS))


def by_form(counts: CaseCounts, year: int | None) -> core.Chart:
    frame = _in_year(counts, year)
    flags = frame[[f"form_{form}" for form in FORMS]]
    rows = [{"form": form, "label": FORM_LABELS[form], "victims": int(frame.loc[frame[f"form_{form}"], "victims"].sum())}
            for form in FORMS]
    rows.append({"form": "not_recorded", "label": FORM_LABELS["not_recorded"],
                 "victims": int(frame.loc[~flags.any(axis=1), "victims"].sum())})
    table = StatTable("by_form", f"Victims by form of exploitation, {_scope(year)}", STATISTICS["by_form"],
                      pd.DataFrame(rows))
    return core.Chart(table, "bars", x="label")


def by_origin(counts: CaseCounts, year: int | None) -> core.Chart:
    return _ranked("by_origin", f"Victims by country of origin, {_scope(year)}", ORIGIN_DEFINITION,
                   _in_year(counts, year), "origin_iso3", "origin")


def dashboard_charts(counts: CaseCounts, year: int | None) -> list[core.Chart]:
    """In page order: trends first, then the year's breakdowns, origins and routes."""
    return [core.trend_by_year(counts), core.trend_by_sex(counts), by_sex(counts, year),
            by_age_group(counts, year), by_form(counts, year), by_origin(counts, year),
            core.by_nationality(counts, year), core.route_flows(counts, year)]


CHART_NAMES: tuple[str, ...] = ("trend", "trend_by_sex", "by_sex", "by_age_group", "by_form", "by_origin",
                                "by_nationality", "routes")


def chart(counts: CaseCounts, year: int | None, name: str) -> core.Chart:
    for candidate in dashboard_charts(counts, year):
        if candidate.name == name:
            return candidate
    raise KeyError(name)
