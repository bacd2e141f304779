"""A unit's own spreadsheet, read through its mapping file; the column listing for the page."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from seawall.exchange import MappingError, list_columns, load_table_mapping, read_table, table_fields

MAPPING = """
header_row = 2
date_order = "DMY"
default_country = "TTO"

[columns]
"Nombre" = "prs_FirstName"
"Apellidos" = "prs_SecondName"
"Sexo" = { field = "prs_Gender", values = { F = "Feminine", M = "Masculine" } }
"Nacionalidad" = "prs_Citizenship"
"Fecha de identificación" = "case.identification_date"
"Edad" = "case.age_at_identification"
"Teléfono" = "prs_MobilePhone"
"Pasaporte" = { field = "prs_IdentityNumber", document_type = "Passport" }
"Explotación" = "vic_TypeOfExploitation"

[defaults]
vic_TraffickingStatus = "PossibleVictimOfTrafficking"
"""


def unit_workbook(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Casos 2024"
    sheet.append(["Registro de casos - unidad nacional"])
    sheet.append(["Nombre", "Apellidos", "Sexo", "Nacionalidad", "Fecha de identificación", "Edad", "Teléfono",
                  "Pasaporte", "Explotación", "Notas internas"])
    sheet.append(["Yuleisy", "Peña Núñez", "F", "VE", "03/04/2024", 17, "868 555 0199", "X1234567",
                  "Sexual exploitation", "no importar"])
    sheet.append(["Wilner", "Joseph", "m", "Haiti", date(2024, 5, 6), 31, "+509 3755 0100", None, "ForcedLabour", ""])
    sheet.append(["Ana", "Díaz", "X", "VEN", "31/02/2024", 240, "", "", "Baile", ""])
    workbook.save(path)
    return path


@pytest.fixture
def mapping_file(tmp_path):
    path = tmp_path / "unit.toml"
    path.write_text(MAPPING, "utf-8")
    return path


def test_unit_spreadsheet_reads_through_its_mapping(tmp_path, mapping_file):
    result = read_table(unit_workbook(tmp_path / "casos.xlsx"), mapping_file)
    assert result.source == "table-xlsx"
    first, second, third = result.records
    assert first.identity.given_names == "Yuleisy" and first.case.gender == "Feminine"
    assert first.case.citizenships == ("VEN",) and first.case.identification_date == date(2024, 4, 3)
    assert first.identity.mobile_phone == "+18685550199"
    assert first.identity.documents[0].number == "X1234567" and first.identity.documents[0].type == "Passport"
    assert first.case.trafficking_status == "PossibleVictimOfTrafficking"
    assert first.case.types_of_exploitation == ("SexualExploitation",)
    assert second.case.gender == "Masculine" and second.case.citizenships == ("HTI",)
    errors = {(p.row, p.letter, p.kind) for p in result.errors}
    assert errors == {(5, "C", "unknown_code"), (5, "E", "bad_date"), (5, "F", "bad_number"), (5, "I", "unknown_code")}
    assert third.source_row == 5


def test_the_same_mapping_as_json(tmp_path, mapping_file):
    mapping = load_table_mapping(mapping_file)
    as_json = tmp_path / "unit.json"
    as_json.write_text(json.dumps(mapping.to_dict()), "utf-8")
    again = load_table_mapping(as_json)
    assert again == mapping
    result = read_table(unit_workbook(tmp_path / "casos.xlsx"), again)
    assert len(result.records) == 3


def test_mapping_errors_are_clear(tmp_path):
    with pytest.raises(MappingError, match="not a Seawall field"):
        load_table_mapping({"columns": {"Name": "prs_Nickname"}})
    with pytest.raises(MappingError, match="not code"):
        load_table_mapping({"columns": {"Sexo": {"field": "prs_Gender", "values": {"F": "Woman"}}}})
    with pytest.raises(MappingError, match="date_order"):
        load_table_mapping({"date_order": "YMD", "columns": {"A": "prs_FirstName"}})
    result = read_table(unit_workbook(tmp_path / "casos.xlsx"), {"header_row": 2, "columns": {"Given name": "prs_FirstName"}})
    problem = result.errors[0]
    assert problem.kind == "missing_column" and "'Given name'" in problem.message and "'Nombre'" in problem.message
    bad = tmp_path / "bad.toml"
    bad.write_text("[columns\n", "utf-8")
    assert read_table(tmp_path / "casos.xlsx", bad).errors[0].kind == "bad_mapping"


def test_columns_are_listed_with_samples_for_the_mapping_page(tmp_path):
    listing = list_columns(unit_workbook(tmp_path / "casos.xlsx"), header_row=2, samples=2)
    assert listing.rows == 3 and listing.sheet == "Casos 2024"
    sex = listing.columns[2]
    assert (sex.letter, sex.header, sex.samples, sex.filled) == ("C", "Sexo", ["F", "m"], 3)
    passport = listing.columns[7]
    assert passport.filled == 1
    csv_file = tmp_path / "plain.csv"
    csv_file.write_text("First Name,Trafficking Status,Notes\nAna,ActualVictimOfTrafficking,=1+1\n", "utf-8")
    listing = list_columns(csv_file)
    assert [c.suggestion for c in listing.columns] == ["prs_FirstName", "vic_TraffickingStatus", None]
    assert listing.columns[2].samples == ["(formula)"]
    assert any(spec.htcds == "prs_Gender" for spec in table_fields())


def test_sniff_format_names_the_reader(tmp_path, mapping_file):
    from seawall.exchange import sniff_format, write_ctdc, write_htcds_xlsx
    from seawall.exchange.tests.synthetic import synthetic_cases

    cases = synthetic_cases(2)
    write_htcds_xlsx(cases, tmp_path / "h.xlsx", include_identity=True)
    write_ctdc(cases, tmp_path / "v1.csv", "v1")
    write_ctdc(cases, tmp_path / "v2024.csv", "2024")
    assert sniff_format(tmp_path / "h.xlsx") == "htcds"
    assert sniff_format(tmp_path / "v1.csv") == "ctdc-v1"
    assert sniff_format(tmp_path / "v2024.csv") == "ctdc-2024"
    assert sniff_format(unit_workbook(tmp_path / "casos.xlsx")) is None
