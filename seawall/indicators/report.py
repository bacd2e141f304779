"""The annual trafficking report: victims identified in a year, compared with the year before.

Shows what the input holds and says plainly what it does not (identifying agency in CTDC
files; referrals, investigations, prosecutions and convictions until those modules exist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from seawall.indicators import definitions as text
from seawall.indicators.cases import FORMS
from seawall.indicators.countries import country_name
from seawall.indicators.counts import COUNT_KEYS, CaseCounts
from seawall.indicators.population import EDITION
from seawall.indicators.sdg_16_2_2 import sdg_16_2_2
from seawall.indicators.suppression import DEFAULT_THRESHOLD, check_threshold
from seawall.indicators.tables import StatTable

BREAKDOWN_COLUMNS = ("category", "label", "victims", "share_pct", "previous_year_victims", "change")
BREAKDOWN_DERIVED = {"share_pct": ("victims",), "change": ("victims", "previous_year_victims")}
FORM_NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class AnnualReport:
    year: int | None
    source: str
    tables: tuple[StatTable, ...]
    not_recorded: dict[str, str]  # statistic -> why it is missing
    notes: tuple[str, ...]

    @property
    def previous_year(self) -> int | None:
        return None if self.year is None else self.year - 1

    def table(self, name: str) -> StatTable:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def to_dict(self, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
        check_threshold(threshold)
        return {
            "title": f"Annual trafficking report {self.year}" if self.year else "Annual trafficking report",
            "year": self.year,
            "previous_year": self.previous_year,
            "source": self.source,
            "victim_definition": text.VICTIM,
            "population": EDITION,
            "suppression": {"threshold": threshold, "definition": text.SUPPRESSION.format(threshold=threshold)
                            if threshold else "No suppression: counts are exact; do not publish."},
            "tables": [table.to_dict(threshold) for table in self.tables],
            "not_yet_recorded": self.not_recorded,
            "notes": list(self.notes),
        }


def annual_report(counts: CaseCounts, year: int | None = None) -> AnnualReport:
    """The report for `year` (default: the latest year in the input)."""
    counts.require(COUNT_KEYS, "the annual report")
    years = counts.years()
    if year is None and years:
        year = years[-1]
    notes = []
    if not years:
        notes.append("the input holds no victims with a year of identification")
    elif year not in years:
        notes.append(f"no victims recorded for {year} in this input (it has {years[0]}-{years[-1]})")
    if counts.without_year:
        notes.append(f"{counts.without_year:,} victim(s) without a year of identification are not counted")
    if counts.not_victims:
        notes.append(f"{counts.not_victims:,} case(s) decided not a victim of trafficking are not counted")

    frame = counts.frame
    now = frame[frame["year"] == year] if year is not None else frame.iloc[0:0]
    before = frame[frame["year"] == year - 1] if year is not None else frame.iloc[0:0]
    not_recorded = dict(text.NOT_YET_RECORDED)

    tables = [_headline(now, before, year), _year_on_year(frame)]
    tables.append(_breakdown("by_sex", "Victims by sex", now, before, "sex", str))
    tables.append(_breakdown("by_age_group", "Victims by age group", now, before, "age_group", str))
    tables.append(_by_form(now, before))
    optional: list[tuple[str, str, str, Callable[[str], str]]] = [
        ("nationality_iso3", "by_nationality", "Victims by nationality", country_name),
        ("country_iso3", "by_country_of_detection", "Victims by country of detection", country_name),
        ("identifying_agency", "by_identifying_agency", "Victims by identifying agency", _or_unknown),
        ("data_source", "by_data_source", "Victims by data source", _or_unknown),
    ]
    for column, name, title, label in optional:
        if column == "country_iso3" or column in counts.recorded:
            tables.append(_breakdown(name, title, now, before, column, label))
        else:
            not_recorded[name] = f"{title}: not recorded in this input ({counts.source} has no {column})."
    tables.append(_data_quality(now, counts.recorded))
    sdg = sdg_16_2_2(counts, year) if year is not None else None
    if sdg is not None:
        tables.append(StatTable("sdg_16_2_2", f"SDG 16.2.2 for {year}", text.SDG_16_2_2, sdg.table,
                                derived={"rate_per_100k": ("victims",)}))
        notes.extend(sdg.notes()[:1] if sdg.without_country else [])
    return AnnualReport(year=year, source=counts.source, tables=tuple(tables),
                        not_recorded=not_recorded, notes=tuple(notes))


def _total(frame: pd.DataFrame) -> int:
    return int(frame["victims"].sum())


def _headline(now: pd.DataFrame, before: pd.DataFrame, year: int | None) -> StatTable:
    victims, previous = _total(now), _total(before)
    row = {"year": year, "victims": victims, "previous_year": None if year is None else year - 1,
           "previous_year_victims": previous, "change": victims - previous,
           "change_pct": _percent(victims - previous, previous)}
    return StatTable("victims_identified", "Victims identified", text.VICTIM, pd.DataFrame([row]),
                     counts=("victims", "previous_year_victims"),
                     derived={"change": ("victims", "previous_year_victims"),
                              "change_pct": ("victims", "previous_year_victims")})


def _year_on_year(frame: pd.DataFrame) -> StatTable:
    by_year = frame.groupby("year")["victims"].sum()
    if len(by_year):  # years without victims inside the span are real zeros, not gaps
        by_year = by_year.reindex(range(int(by_year.index.min()), int(by_year.index.max()) + 1), fill_value=0)
    table = pd.DataFrame({"year": by_year.index.astype("int64"), "victims": by_year.to_numpy(dtype="int64")})
    table["previous_year_victims"] = table["victims"].shift(1).astype("Int64")
    table["change"] = table["victims"] - table["previous_year_victims"]
    table["change_pct"] = [_percent(change, previous) for change, previous
                           in zip(table["change"], table["previous_year_victims"], strict=True)]
    return StatTable("year_on_year", "Victims identified per year", text.STATISTICS["year_on_year"], table,
                     counts=("victims", "previous_year_victims"),
                     derived={"change": ("victims", "previous_year_victims"),
                              "change_pct": ("victims", "previous_year_victims")})


def _breakdown(name: str, title: str, now: pd.DataFrame, before: pd.DataFrame,
               column: str, label: Callable[[str], str]) -> StatTable:
    current = now.groupby(column)["victims"].sum()
    previous = before.groupby(column)["victims"].sum()
    table = pd.DataFrame({"victims": current}).join(pd.DataFrame({"previous_year_victims": previous}), how="outer")
    table = table.fillna(0).astype("int64")
    return _finish(name, title, table, _total(now), label)


def _by_form(now: pd.DataFrame, before: pd.DataFrame) -> StatTable:
    def forms(frame: pd.DataFrame) -> pd.Series:
        flags = frame[[f"form_{form}" for form in FORMS]]
        totals = {form: int(frame.loc[frame[f"form_{form}"], "victims"].sum()) for form in FORMS}
        totals[FORM_NOT_RECORDED] = int(frame.loc[~flags.any(axis=1), "victims"].sum())
        return pd.Series(totals)
    table = pd.DataFrame({"victims": forms(now), "previous_year_victims": forms(before)})
    table = table[(table["victims"] > 0) | (table["previous_year_victims"] > 0)]
    return _finish("by_form", "Victims by form of exploitation", table, _total(now), str)


def _finish(name: str, title: str, table: pd.DataFrame, total: int, label: Callable[[str], str]) -> StatTable:
    table = table.sort_values(["victims", "previous_year_victims"], ascending=False, kind="stable")
    table.index.name = "category"
    table = table.reset_index()
    table["label"] = table["category"].map(label)
    table["share_pct"] = [_percent(victims, total) for victims in table["victims"]]
    table["change"] = table["victims"] - table["previous_year_victims"]
    return StatTable(name, title, text.STATISTICS[name], table[list(BREAKDOWN_COLUMNS)],
                     counts=("victims", "previous_year_victims"), derived=BREAKDOWN_DERIVED)


def _data_quality(now: pd.DataFrame, recorded: frozenset[str]) -> StatTable:
    flags = now[[f"form_{form}" for form in FORMS]]
    unknown = {
        "sex": now["sex"] == "unknown",
        "age_group": now["age_group"] == "unknown",
        "form": ~flags.any(axis=1),
        "country_of_detection": now["country_iso3"] == "",
    }
    for column, field in (("nationality_iso3", "nationality"), ("identifying_agency", "identifying_agency")):
        if column in recorded:
            unknown[field] = now[column] == ""
    total = _total(now)
    rows = [{"field": field, "unknown": int(now.loc[mask, "victims"].sum()), "victims": total}
            for field, mask in unknown.items()]
    table = pd.DataFrame(rows, columns=["field", "unknown", "victims", "share_unknown_pct"])
    table["share_unknown_pct"] = [_percent(row.unknown, row.victims) for row in table.itertuples()]
    return StatTable("data_quality", "Data quality: share of victims with unknown values",
                     text.STATISTICS["data_quality"], table, counts=("unknown", "victims"),
                     derived={"share_unknown_pct": ("unknown", "victims")})


def _percent(part: object, whole: object) -> float | None:
    if whole is None or pd.isna(whole) or not whole or part is None or pd.isna(part):  # type: ignore[arg-type]
        return None
    return round(float(part) / float(whole) * 100, 1)  # type: ignore[arg-type]


def _or_unknown(value: str) -> str:
    return value or "Unknown"
