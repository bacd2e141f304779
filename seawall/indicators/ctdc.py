"""CTDC v1 cases (the Counter-Trafficking Data Collaborative's 2017-2018 schema) as case counts.

The mapping is the one SDG 16.2.2 reporting uses (issue 4):
- year: yearOfRegistration; a blank year leaves the victim out of every count (reported);
- country of detection: CountryOfExploitation (CTDC's own proxy), alpha-2 -> alpha-3;
  "Missing", "Unknown" and blank are unknown. "NA" is Namibia, never "missing";
- sex: gender Female/Male; Unknown, Transgender or blank -> unknown;
- age group: ageBroad 0--8 or 9--17 -> 0-17, any other band -> 18+; when ageBroad is
  Unknown or blank, majorityStatus Minor -> 0-17, Adult -> 18+; else unknown;
- forms: isSexualExploit = 1, isForcedLabour = 1, and "other" when any of isOtherExploit,
  isForcedMarriage, isForcedMilitary, isOrganRemoval = 1 (a victim may have several);
- nationality and origin: citizenship; data source: Datasource. CTDC v1 has no identifying
  agency, investigations or trafficking-status decision: every row is a victim.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import numpy as np

from seawall.errors import InputError
from seawall.indicators import rules
from seawall.indicators.counts import COUNT_KEYS, SDG_DIMENSIONS, CaseCounts, collapse
from seawall.indicators.grouping import Table, columns_of, group_count, translate
from seawall.standard.ctdc import V1_AGE_BANDS, detect_schema, read_ctdc

OTHER_FORM_FLAGS: tuple[str, ...] = ("isOtherExploit", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval")
READ_COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "CountryOfExploitation", "citizenship", "gender", "ageBroad",
    "majorityStatus", "isSexualExploit", "isForcedLabour", *OTHER_FORM_FLAGS, "Datasource",
)
CHILD_BANDS: frozenset[str] = frozenset({"0--8", "9--17"})

GENDER = {"female": "female", "male": "male", "unknown": "unknown", "transgender": "unknown",
          "transgender/nonconforming": "unknown", "": "unknown"}
AGE_BAND = {band.lower(): ("0-17" if band in CHILD_BANDS else "18+") for band in V1_AGE_BANDS}
AGE_BAND |= {"unknown": "unknown", "": "unknown"}
MAJORITY = {"minor": "0-17", "adult": "18+", "unknown": "unknown", "": "unknown"}


# The CTDC columns that feed each optional dimension; the others are always read.
SOURCE_OF: dict[str, tuple[str, ...]] = {
    "citizenship": ("nationality_iso3", "origin_iso3"),
    "Datasource": ("data_source",),
}


def read_ctdc_counts(path: str | Path, dimensions: Collection[str] = COUNT_KEYS) -> CaseCounts:
    """Read a CTDC v1 CSV file and reduce it to case counts; InputError for anything else."""
    table = read_ctdc(path)
    return case_counts_from_ctdc(table.frame, source=f"CTDC v1 file {Path(path).name}", dimensions=dimensions)


def case_counts_from_ctdc(table: Table, source: str = "CTDC v1 cases",
                          dimensions: Collection[str] = COUNT_KEYS) -> CaseCounts:
    """Case counts from a CTDC v1 table, grouped by `dimensions` (default: all of COUNT_KEYS)."""
    present = set(columns_of(table))
    schema = detect_schema(sorted(present))  # InputError naming missing required columns
    if schema != "v1":
        # The 2024 synthetic schema codes gender, age and flags differently; its mapping to
        # 16.2.2 is not defined yet, and guessing would publish wrong numbers.
        raise InputError(f"CTDC {schema} files are not supported yet; give a CTDC v1 file", field="header")
    wanted = set(dimensions) | SDG_DIMENSIONS
    skip = [column for column, feeds in SOURCE_OF.items() if not wanted & set(feeds)]
    raw = group_count(table, READ_COLUMNS, skip=skip)

    def read(column: str, rule: Callable[[str], object], allowed: str) -> np.ndarray:
        return translate(raw, column, rule, allowed, table)

    year = read("yearOfRegistration", rules.year, rules.ALLOWED_YEAR)
    country = read("CountryOfExploitation", rules.country, rules.ALLOWED_COUNTRY)
    nationality = read("citizenship", rules.country, rules.ALLOWED_COUNTRY)
    sex = read("gender", rules.one_of(GENDER), "Female, Male, Unknown, Transgender or blank")
    band = read("ageBroad", rules.one_of(AGE_BAND), ", ".join(V1_AGE_BANDS) + ", Unknown or blank")
    majority = read("majorityStatus", rules.one_of(MAJORITY), "Minor, Adult, Unknown or blank")
    flags = {column: read(column, rules.flag, rules.ALLOWED_FLAG).astype(bool)
             for column in ("isSexualExploit", "isForcedLabour", *OTHER_FORM_FLAGS)}
    source_kind = read("Datasource", rules.as_is, "any text")

    has_year = np.array([value is not None for value in year], dtype=bool)
    other = np.logical_or.reduce([flags[column] for column in OTHER_FORM_FLAGS])
    normalised = {
        "year": year,
        "country_iso3": country,
        "sex": sex,
        "age_group": np.where(band != "unknown", band, majority),
        "form_sexual_exploitation": flags["isSexualExploit"],
        "form_forced_labour": flags["isForcedLabour"],
        "form_other": other,
        "nationality_iso3": nationality,
        "origin_iso3": nationality,
        "exploitation_iso3": country,
        "identifying_agency": np.full(len(year), "", dtype=object),
        "data_source": source_kind,
    }
    recorded = {"nationality_iso3", "origin_iso3", "exploitation_iso3"}
    if "Datasource" in present:
        recorded.add("data_source")
    grouped = frozenset(COUNT_KEYS) - {dimension for column in skip for dimension in SOURCE_OF[column]}
    return CaseCounts(
        frame=collapse({name: values[has_year] for name, values in normalised.items()}, raw.victims[has_year]),
        source=source,
        recorded=frozenset(recorded) & grouped,
        without_year=int(raw.victims[~has_year].sum()),
        dimensions=grouped,
    )
