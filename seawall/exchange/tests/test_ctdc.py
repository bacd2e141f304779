"""CTDC: the real v1 file reads completely with the file's own counts, writes back to the same
rows; the 2024 synthetic schema is told apart and round-trips too."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from seawall.exchange import read_ctdc_records, write_ctdc
from seawall.exchange.ctdc_write import ctdc_rows
from seawall.exchange.mapping import ctdc_schema
from seawall.exchange.records import CaseRecord
from seawall.exchange.tests.synthetic import synthetic_cases
from seawall.standard.ctdc import V1_COLUMNS, V2024_COLUMNS, detect_schema
from seawall.standard.geo import alpha2

EXPLOITATION_FLAGS = {  # CTDC v1 column -> HTCDS code, as the tests expect them mapped
    "isForcedLabour": "ForcedLabour", "isSexualExploit": "SexualExploitation", "isOtherExploit": "Other",
    "isForcedMarriage": "ForcedMarriage", "isForcedMilitary": "ForcedMilitaryByNonStateActors",
    "isOrganRemoval": "OrganRemoval",
}
GENDER = {"Feminine": "Female", "Masculine": "Male", "NonSpecifiedUnknown": "Unknown"}


@pytest.fixture(scope="module")
def v1() -> tuple[list[dict[str, str]], object]:
    from seawall.exchange.tests.conftest import CTDC_V1_PARTS
    from seawall.testing.shared import shared_file

    CTDC_V1 = shared_file(*CTDC_V1_PARTS)
    with CTDC_V1.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows, read_ctdc_records(CTDC_V1)


def _alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else code  # "Unknown", "Missing" stay as they are


@pytest.mark.slow
def test_the_real_file_reads_completely(v1):
    rows, result = v1
    assert result.ok, [str(p) for p in result.problems[:5]]
    assert result.source == "ctdc-v1"
    assert len(result.records) == len(rows) == 47_102
    records: list[CaseRecord] = result.records
    assert all(r.identity is None for r in records)
    assert [r.source_row for r in records[:3]] == [2, 3, 4]


@pytest.mark.slow
def test_counts_equal_those_of_the_file(v1):
    rows, result = v1
    records: list[CaseRecord] = result.records
    assert Counter(GENDER[r.case.gender] for r in records) == Counter(row["gender"] for row in rows)
    assert Counter(r.case.age_band or "" for r in records) == Counter(row["ageBroad"] for row in rows)
    # Countries: alpha-3 in Seawall; the file's "Unknown" and "Missing" are kept verbatim.
    assert Counter(r.case.citizenships[0] if r.case.citizenships else r.source_values.get("citizenship", "")
                   for r in records) == Counter(_alpha3(row["citizenship"]) for row in rows)
    assert Counter(r.case.country_of_exploitation or r.source_values.get("CountryOfExploitation", "")
                   for r in records) == Counter(_alpha3(row["CountryOfExploitation"]) for row in rows)
    for column, code in EXPLOITATION_FLAGS.items():
        found = Counter("1" if code in r.case.types_of_exploitation
                        else "0" if code in r.case.recorded_absent.get("vic_TypeOfExploitation", ()) else ""
                        for r in records)
        assert found == Counter(row[column] for row in rows), column
    for column, code in (("typeOfSexProstitution", "Prostitution"), ("typeOfSexPornography", "Pornography")):
        assert sum(code in r.case.sex_exploitation_types for r in records) == sum(row[column] == "1" for row in rows)
    assert sum("DebtBondage" in r.case.methods_of_control for r in records) == sum(
        row["meansOfControlDebtBondage"] == "1" for row in rows)
    assert Counter(r.case.registration_year for r in records) == Counter(int(row["yearOfRegistration"]) for row in rows)


@pytest.mark.slow
def test_round_trip_gives_the_same_multiset_of_rows(v1, tmp_path):
    from seawall.exchange.tests.conftest import CTDC_V1

    rows, result = v1
    path = tmp_path / "again.csv"
    assert write_ctdc(result.records, path, "v1") == len(rows)
    with CTDC_V1.open(encoding="utf-8", newline="") as handle:
        original = list(csv.reader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == original[0] == list(V1_COLUMNS)
    assert Counter(map(tuple, written[1:])) == Counter(map(tuple, original[1:]))
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def _v2024_file(tmp_path: Path) -> Path:
    """A small synthetic file in the 2024 schema, as the test needs it."""
    header = list(V2024_COLUMNS)
    blank = dict.fromkeys(header, "")
    rows = [
        {**blank, "yearOfRegistration": "2021", "gender": "Woman", "ageBroad": "09--17", "citizenship": "VEN",
         "CountryOfExploitation": "TTO", "traffickMonths": "0--12 (0-1 yr)", "isSexualExploit": "1",
         "meansThreats": "1", "meansFalsePromises": "1", "recruiterRelationFriend": "1", "typeOfSexProstitution": "1"},
        {**blank, "yearOfRegistration": "2022", "gender": "Man", "ageBroad": "30--38", "citizenship": "HTI",
         "CountryOfExploitation": "DOM", "isForcedLabour": "1", "meansDebtBondageEarnings": "1",
         "meansWithholdDocs": "1", "typeOfLabourConstruction": "1", "recruiterRelationOther": "1"},
        {**blank, "yearOfRegistration": "2022", "gender": "Trans/Transgender/NonConforming", "citizenship": "JAM",
         "CountryOfExploitation": "JAM", "isOtherExploit": "1"},
    ]
    path = tmp_path / "ctdc2024.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_2024_schema_is_detected_and_round_trips(tmp_path):
    path = _v2024_file(tmp_path)
    result = read_ctdc_records(path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.source == "ctdc-2024"
    girl, man, other = (r.case for r in result.records)
    assert girl.gender == "Feminine" and girl.age_band == "9--17" and girl.citizenships == ("VEN",)
    assert girl.country_of_exploitation == "TTO" and girl.relationship_to_trafficker == "Acquainted"
    assert girl.methods_of_control == ("FalsePromises",), "a composite flag is not expanded into codes"
    assert man.forced_labour_industry == "F_Construction" and man.methods_of_control == ("WithholdsDocuments",)
    assert other.gender == "NonConforming" and other.types_of_exploitation == ("Other",)
    again = tmp_path / "again.csv"
    write_ctdc(result.records, again, "2024")
    assert again.read_bytes() == path.read_bytes()


def test_detect_schema():
    assert detect_schema(list(V1_COLUMNS)) == "v1"
    assert detect_schema(list(V2024_COLUMNS)) == "2024"
    assert [c.column for c in ctdc_schema("v1").columns] == list(V1_COLUMNS)
    assert [c.column for c in ctdc_schema("2024").columns] == list(V2024_COLUMNS)


def test_2024_later_column_names_are_read(tmp_path):
    path = _v2024_file(tmp_path)
    text = path.read_text("utf-8").replace("typeOfLabourConstruction", "sectorOfLabourConstruction")
    path.write_text(text, "utf-8")
    result = read_ctdc_records(path)
    assert result.ok and result.records[1].case.forced_labour_industry == "F_Construction"


def test_bad_ctdc_values_are_listed(tmp_path):
    path = tmp_path / "bad.csv"
    header = ",".join(V1_COLUMNS)
    good = dict.fromkeys(V1_COLUMNS, "")
    good.update(yearOfRegistration="2016", gender="Female", citizenship="HT", CountryOfExploitation="TT", isForcedLabour="1")
    bad = {**good, "gender": "F", "isForcedLabour": "yes", "citizenship": "ZZ", "yearOfRegistration": "-99"}
    path.write_text("\n".join([header, ",".join(good.values()), ",".join(bad.values())]) + "\n", "utf-8")
    result = read_ctdc_records(path)
    problems = {(p.row, p.column, p.kind) for p in result.errors}
    assert problems == {(3, "gender", "unknown_code"), (3, "isForcedLabour", "bad_flag"), (3, "citizenship", "bad_country")}
    gender = [p for p in result.errors if p.column == "gender"][0]
    assert gender.letter == "C" and gender.allowed == ("Female", "Male", "Unknown")
    assert result.records[1].case.registration_year is None, "-99 reads as not recorded"


def test_htcds_cases_export_to_ctdc_without_identity(tmp_path):
    cases = synthetic_cases(30)
    cases[0].case.types_of_exploitation = ("ForcedLabour", "SexualExploitation")
    cases[0].case.forced_labour_industry = "T_ActivitiesOfHouseholdsAsEmployers"
    cases[0].case.relationship_to_trafficker = "Familial"
    cases[0].case.age_at_identification = 16
    rows = list(ctdc_rows(cases, "v1"))
    first = dict(zip(rows[0], rows[1]))
    assert first["isSexAndLabour"] == "1" and first["typeOfLabourDomesticWork"] == "1"
    assert first["typeOfLabourAgriculture"] == "0" and first["typeOfLabourNotSpecified"] == "0"
    assert first["recruiterRelationFamily"] == "1" and first["RecruiterRelationship"] == "Family/Relative"
    assert first["ageBroad"] == "9--17" and first["majorityStatus"] == "Minor"
    assert first["citizenship"] == alpha2(cases[0].case.citizenships[0])
    path = tmp_path / "out.csv"
    write_ctdc(cases, path, "2024")
    text = path.read_text("utf-8")
    for case in cases:
        assert case.identity.family_names not in text and case.identity.given_names not in text
    assert read_ctdc_records(path).ok
