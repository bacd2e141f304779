"""Reading CTDC victim datasets (the Counter-Trafficking Data Collaborative's public schema).

Two schemas exist: v1, the k-anonymised global dataset of 2017-2018 (codebook v6; 58 or
more columns, ISO alpha-2 countries, 0/1/blank flags), and the 2024 synthetic dataset
(27 variables, alpha-3 countries, positive-only flags); detect_schema tells them apart. Readers keep every cell as text so
that nothing is reinterpreted on the way in; blank and -99 both mean "not recorded".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from seawall.errors import InputError

V1_COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus",
    "majorityStatusAtExploit", "majorityEntry", "citizenship",
    "meansOfControlDebtBondage", "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments",
    "meansOfControlOther", "meansOfControlNotSpecified", "isForcedLabour",
    "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
    "isForcedMilitary", "isOrganRemoval", "typeOfLabourAgriculture",
    "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction",
    "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfLabourIllicitActivities",
    "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling",
    "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified",
    "typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices", "isAbduction", "RecruiterRelationship",
    "CountryOfExploitation", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
    "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
)

# Columns present in every v1 file we know; optional v1 columns (isSlaveryAndPractices,
# the *Concatenated texts) may also appear.
V1_REQUIRED: frozenset[str] = frozenset(
    {"yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
     "isForcedLabour", "isSexualExploit"}
)

# The 2024 synthetic schema: 27 variables, alpha-3 countries, flags 1 or blank. Names as in
# CTDC_global_synthetic_data_v2024.csv (taken from code that reads that file: no CTDC
# codebook was at hand; see docs/exchange.md).
V2024_COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
    "traffickMonths", "isForcedLabour", "isSexualExploit", "isOtherExploit",
    "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex", "meansFalsePromises",
    "meansDrugsAlcohol", "meansDenyBasicNeeds", "meansExcessiveWorkHours", "meansWithholdDocs",
    "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
    "recruiterRelationOther", "typeOfLabourAgriculture", "typeOfLabourConstruction",
    "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfSexProstitution",
    "typeOfSexPornography",
)

# Variables only the 2024 schema has: any of them marks a file as 2024 (v1 has none).
V2024_MARKERS: frozenset[str] = frozenset(
    {"traffickMonths", "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex",
     "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds",
     "meansExcessiveWorkHours", "meansWithholdDocs"}
)
V2024_REQUIRED: frozenset[str] = frozenset(
    {"yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation"}
)

MISSING = {"", "-99", "NA"}

V1_AGE_BANDS: tuple[str, ...] = (
    "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+",
)


@dataclass(frozen=True)
class CtdcTable:
    schema: str  # "v1" or "2024"
    frame: pd.DataFrame  # every cell a str; "" where the file had nothing


def detect_schema(columns: list[str]) -> str:
    """ "v1" or "2024" from a header; InputError naming what is missing otherwise."""
    names = {c.strip() for c in columns}
    # 2024 is checked first: its files also carry every v1 required column name.
    if names & V2024_MARKERS:
        missing = sorted(V2024_REQUIRED - names)
        if not missing:
            return "2024"
        raise InputError(
            f"not a complete CTDC 2024 dataset: missing column(s) {', '.join(missing)}", field="header"
        )
    if V1_REQUIRED <= names:
        return "v1"
    missing = sorted(V1_REQUIRED - names)
    raise InputError(
        f"not a CTDC dataset: missing column(s) {', '.join(missing)} (CTDC v1), and none of the "
        "2024 synthetic schema's own columns (such as traffickMonths)", field="header"
    )


def read_ctdc(path: str | Path) -> CtdcTable:
    """Read a CTDC CSV; raise InputError naming the problem for anything else."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{file}: no such file")
    if file.stat().st_size == 0:
        raise InputError(f"{file}: the file is empty")
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        frame = pd.read_csv(
            file, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig"
        )
    except UnicodeDecodeError as error:
        raise InputError(f"{file}: not UTF-8 text (byte {error.start}); save it as UTF-8 CSV") from None
    except pd.errors.ParserError as error:
        raise InputError(f"{file}: not a well-formed CSV ({error})") from None
    schema = detect_schema(header)
    frame = frame.apply(lambda column: column.str.strip())
    return CtdcTable(schema=schema, frame=frame)


def is_missing(value: str) -> bool:
    return value in MISSING
