"""The normalised "node cases" table: what the indicators read, one row per detected victim.

The Django side of a node produces this table from its victim cases; a CTDC file is turned into
the same shape by `seawall.indicators.ctdc`. Every indicator is defined on these columns only,
so a number means the same thing whatever the source.

Unknown values are written as "" (codes) or "unknown" (sex, age group), never as None, so that
"not recorded" is a value that can be counted in the data-quality section.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields

import pandas as pd

SEXES: tuple[str, ...] = ("female", "male", "unknown")
AGE_GROUPS: tuple[str, ...] = ("0-17", "18+", "unknown")
# The three SDG 16.2.2 forms of exploitation, in output order.
FORMS: tuple[str, ...] = ("sexual_exploitation", "forced_labour", "other")
FORM_COLUMNS: tuple[str, ...] = tuple(f"form_{form}" for form in FORMS)

# HTCDS vic_TraffickingStatus: a "not a victim" decision removes the case from every count.
NOT_A_VICTIM = "NotAVictimOfTrafficking"
TRAFFICKING_STATUSES: tuple[str, ...] = (
    "", "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", NOT_A_VICTIM,
)


@dataclass(frozen=True, slots=True)
class NodeCase:
    """One victim case as the indicators see it. Field order is the table's column order."""

    case_id: str  # the node's case code (cas_); only used to keep rows distinct, never output
    year: int  # year of identification (the identification date's year)
    country_iso3: str  # ISO alpha-3 of the country where the victim was detected; "" unknown
    sex: str  # female | male | unknown
    age_group: str  # 0-17 | 18+ | unknown, age at identification
    form_sexual_exploitation: bool
    form_forced_labour: bool
    form_other: bool  # forced marriage, military, organ removal, begging, other purposes
    nationality_iso3: str = ""  # first citizenship; "" unknown or stateless
    origin_iso3: str = ""  # country of recruitment (HTCDS trafficking event); "" unknown
    exploitation_iso3: str = ""  # country of exploitation; "" unknown
    identifying_agency: str = ""  # the agency that identified the victim (name or code)
    data_source: str = ""  # e.g. "Case Management" or "Hotline" (CTDC's Datasource)
    trafficking_status: str = ""  # HTCDS vic_TraffickingStatus code; "" not recorded


NODE_CASE_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(NodeCase))

# Optional columns: when the input lacks one, the report says "not recorded in this input"
# instead of showing every case as unknown.
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "nationality_iso3", "origin_iso3", "exploitation_iso3", "identifying_agency", "data_source",
    "trafficking_status",
)

COLUMN_DEFINITIONS: dict[str, str] = {
    "case_id": "The node's case code; one row per victim case, never published.",
    "year": "Calendar year of the identification date (CTDC v1: yearOfRegistration).",
    "country_iso3": "ISO 3166 alpha-3 code of the country where the victim was detected "
                    "(CTDC v1: CountryOfExploitation, CTDC's own proxy); empty when unknown.",
    "sex": "female, male or unknown (HTCDS prs_Gender Feminine/Masculine; any other or no "
           "value is unknown and counts only in totals).",
    "age_group": "0-17 or 18+ at identification, or unknown (counts only in totals).",
    "form_sexual_exploitation": "True when sexual exploitation is among the forms.",
    "form_forced_labour": "True when forced labour (including domestic servitude and child "
                          "labour) is among the forms.",
    "form_other": "True when another form is recorded: forced marriage, forced military service, "
                  "organ removal, forced begging, forced adoption, surrogacy, other.",
    "nationality_iso3": "ISO alpha-3 of the victim's (first) citizenship; empty when unknown.",
    "origin_iso3": "ISO alpha-3 of the country of recruitment; empty when unknown "
                   "(CTDC v1: citizenship, the only origin it records).",
    "exploitation_iso3": "ISO alpha-3 of the country of exploitation; empty when unknown.",
    "identifying_agency": "The identifying agency (name or code); empty when unknown.",
    "data_source": "The kind of source of the record; empty when unknown.",
    "trafficking_status": "HTCDS vic_TraffickingStatus; NotAVictimOfTrafficking removes the "
                          "case from every count, any other value (or none) is counted.",
}

# HTCDS vic_TypeOfExploitation -> SDG 16.2.2 form. Domestic servitude and child labour are
# labour exploitation; begging is "other purposes" in UNODC's GLOTIP categories.
HTCDS_FORM: dict[str, str] = {
    "SexualExploitation": "sexual_exploitation",
    "ForcedLabour": "forced_labour",
    "ChildLabour": "forced_labour",
    "Servitude": "forced_labour",
    "ForcedMarriage": "other",
    "ForcedMilitaryByNonStateActors": "other",
    "OrganRemoval": "other",
    "ForcedBegging": "other",
    "ForcedAdoption": "other",
    "Surrogacy": "other",
    "Other": "other",
}


def forms_from_htcds(codes: Iterable[str]) -> dict[str, bool]:
    """The three form flags of a case from its HTCDS vic_TypeOfExploitation codes."""
    found = {HTCDS_FORM[code] for code in codes if code in HTCDS_FORM}
    return {f"form_{form}": form in found for form in FORMS}


def sex_from_htcds(gender: str | None) -> str:
    """SDG 16.2.2 is disaggregated by sex only; other HTCDS genders count in the totals."""
    return {"Feminine": "female", "Masculine": "male"}.get(gender or "", "unknown")


def age_group_from_age(age: int | None) -> str:
    if age is None or age < 0:
        return "unknown"
    return "0-17" if age < 18 else "18+"


def node_cases_frame(cases: Iterable[NodeCase]) -> pd.DataFrame:
    """A node-cases DataFrame with every column, in order, even when there are no cases."""
    rows = [asdict(case) for case in cases]
    return pd.DataFrame(rows, columns=list(NODE_CASE_COLUMNS))
