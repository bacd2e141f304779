"""Every kind of bad input gives a clear problem naming its row and column, and all of them
are listed, not just the first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from seawall.exchange import read_ctdc_records, read_htcds, write_htcds_xlsx
from seawall.exchange.problems import Problem
from seawall.exchange.tests.synthetic import synthetic_cases

HEADER = "prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,vic_TraffickingStatus,vic_MethodsOfControl,cas_IncomingReferralDetails\n"


def write(tmp_path: Path, text: str, name: str = "cases.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def only(problems: list[Problem], kind: str) -> Problem:
    found = [p for p in problems if p.kind == kind]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def test_every_bad_cell_is_listed_with_row_column_and_allowed_codes(tmp_path):
    path = write(tmp_path, HEADER
                 + "Ana,Pérez,1990-13-01,Female,ActualVictimOfTrafficking,DebtBondage;Beatings,ok\n"
                 + "Rosa,Díaz,15/03/1991,Feminine,,FalsePromises,ok\n"
                 + "Luis,Báez,1988-01-01,Masculine,PossibleVictimOfTrafficking,,ok\n")
    result = read_htcds(path)
    assert not result.ok
    messages = [str(p) for p in result.errors]
    bad_date = [p for p in result.errors if p.kind == "bad_date"]
    assert [(p.row, p.letter, p.column) for p in bad_date] == [(2, "C", "prs_Birthdate"), (3, "C", "prs_Birthdate")]
    assert "not a real date" in bad_date[0].message
    assert "YYYY-MM-DD" in bad_date[1].message and "DMY" in bad_date[1].message
    gender = [p for p in result.errors if p.column == "prs_Gender"][0]
    assert gender.kind == "unknown_code" and gender.row == 2 and gender.value == "Female"
    assert "Feminine" in gender.allowed and "NonSpecifiedUnknown" in gender.allowed
    control = [p for p in result.errors if p.column == "vic_MethodsOfControl"][0]
    assert "'Beatings'" in control.message and "DebtBondage" in control.allowed
    missing = only(result.errors, "missing_required")
    assert (missing.row, missing.letter, missing.column) == (3, "E", "vic_TraffickingStatus")
    assert "PossibleVictimOfTrafficking" in missing.allowed
    assert messages[0].startswith("row 2, column C (prs_Birthdate")
    assert str(gender) == ("row 2, column D (prs_Gender \"Gender\"): 'Female' is not a code of prs_Gender; allowed: "
                           "Feminine, Masculine, TransgenderFeminine, TransgenderMasculine, NonConforming, NonSpecifiedUnknown")
    assert result.error_rows == {2, 3}
    assert len(result.records) == 3, "a preview still shows every row"


def test_date_order_option_reads_day_first_dates(tmp_path):
    from seawall.exchange import ReadOptions

    path = write(tmp_path, HEADER + "Rosa,Díaz,15/03/1991,Feminine,ActualVictimOfTrafficking,,\n")
    result = read_htcds(path, options=ReadOptions(date_order="DMY"))
    assert result.ok and str(result.records[0].identity.birth_date) == "1991-03-15"


def test_duplicate_rows(tmp_path):
    row = "Ana,Pérez,1990-01-01,Feminine,ActualVictimOfTrafficking,,\n"
    result = read_htcds(write(tmp_path, HEADER + row + row))
    problem = only(result.errors, "duplicate_row")
    assert problem.row == 3 and "repeats row 2" in problem.message
    # Identical rows without identity can be real (aggregated, de-identified data): a warning.
    anonymous = read_htcds(write(tmp_path, "prs_Gender,vic_TraffickingStatus\nFeminine,ActualVictimOfTrafficking\n" * 1
                                 + "Feminine,ActualVictimOfTrafficking\n", "anon.csv"))
    assert anonymous.ok and only(anonymous.warnings, "duplicate_row").row == 3


def test_wrong_encoding(tmp_path):
    path = write(tmp_path, HEADER + "Ana,Pérez,1990-01-01,Feminine,ActualVictimOfTrafficking,,\n", encoding="cp1252")
    problem = only(read_htcds(path).errors, "encoding")
    assert problem.row == 2 and "not UTF-8" in problem.message and "CSV UTF-8" in problem.message
    utf16 = write(tmp_path, HEADER, "u16.csv", encoding="utf-16")
    assert "UTF-16" in only(read_htcds(utf16).errors, "encoding").message


def test_empty_and_blank_files(tmp_path):
    assert "empty" in only(read_htcds(write(tmp_path, "")).errors, "empty_file").message
    assert only(read_htcds(write(tmp_path, " \n\n", "blank.csv")).errors, "empty_file")
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    assert only(read_htcds(empty).errors, "empty_file")
    assert only(read_ctdc_records(write(tmp_path, "", "c.csv")).errors, "empty_file")


def test_missing_file(tmp_path):
    assert "cannot open" in only(read_htcds(tmp_path / "nowhere.xlsx").errors, "not_found").message


def test_header_without_rows_is_a_warning(tmp_path):
    result = read_htcds(write(tmp_path, HEADER))
    assert result.ok and only(result.warnings, "no_data")


def test_truncated_csv(tmp_path):
    full = HEADER + "Ana,Pérez,1990-01-01,Feminine,ActualVictimOfTrafficking,,ok\n" + "Rosa,Díaz,1991-01-01,Feminine,Actual"
    problem = only(read_htcds(write(tmp_path, full)).errors, "truncated")
    assert problem.row == 3 and "cut off" in problem.message
    quoted = HEADER + 'Ana,Pérez,1990-01-01,Feminine,ActualVictimOfTrafficking,,"an unfinished\nnote'
    assert "cut off" in only(read_htcds(write(tmp_path, quoted, "q.csv")).errors, "truncated").message


def test_truncated_xlsx(tmp_path):
    path = tmp_path / "cases.xlsx"
    write_htcds_xlsx(synthetic_cases(5), path, include_identity=True)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    problem = only(read_htcds(cut).errors, "truncated")
    assert "cut off" in problem.message or "damaged" in problem.message


def test_not_a_spreadsheet(tmp_path):
    pdf = tmp_path / "scan.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert only(read_htcds(pdf).errors, "not_a_spreadsheet")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert "binary" in only(read_htcds(binary).errors, "not_a_spreadsheet").message
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert ".xls" in only(read_htcds(old).errors, "not_a_spreadsheet").message


def test_missing_header(tmp_path):
    problem = only(read_htcds(write(tmp_path, "Name,Age,Nationality\nAna,23,HT\n")).errors, "missing_header")
    assert problem.row == 1 and "field codes" in problem.message
    ctdc = only(read_ctdc_records(write(tmp_path, "a,b\n1,2\n", "c.csv")).errors, "missing_header")
    assert "yearOfRegistration" in ctdc.message


def test_formulas_are_refused(tmp_path):
    path = tmp_path / "formulas.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["prs_FirstName", "prs_Gender", "vic_TraffickingStatus", "cas_CaseOwner"])
    sheet.append(["Ana", "Feminine", "ActualVictimOfTrafficking", "=CONCAT(\"a\",\"b\")"])
    sheet.append(["Rosa", "Feminine", "ActualVictimOfTrafficking", "Team A"])
    text_cell = sheet.cell(3, 1, "=HYPERLINK(\"http://example.org\",\"x\")")
    text_cell.data_type = "s"  # stored as text, not marked literal: becomes a formula when edited
    workbook.save(path)
    result = read_htcds(path)
    formulas = [p for p in result.errors if p.kind == "formula"]
    assert [(p.row, p.letter) for p in formulas] == [(2, "D"), (3, "A")]
    assert "Paste Special > Values" in formulas[0].message
    csv_file = write(tmp_path, "prs_FirstName,vic_TraffickingStatus\n=1+1,ActualVictimOfTrafficking\n", "f.csv")
    assert only(read_htcds(csv_file).errors, "formula").row == 2


def test_oversized_fields_and_control_characters(tmp_path):
    long_name = "A" * 101
    path = write(tmp_path, HEADER + f"{long_name},Pérez,1990-01-01,Feminine,ActualVictimOfTrafficking,,\"ok\u202eevil\x07\"\n")
    result = read_htcds(path)
    too_long = only(result.errors, "too_long")
    assert too_long.letter == "A" and "101 characters" in too_long.message and len(too_long.value or "") <= 60
    control = only(result.warnings, "control_characters")
    assert control.letter == "G"
    assert result.records[0].case.incoming_referral_details == "okevil"


def test_bad_phone_email_and_country(tmp_path):
    path = write(tmp_path, "prs_MobilePhone,prs_Email,prs_Citizenship,vic_TraffickingStatus\n"
                 "868 555 0100,ana-at-example,Atlantis,ActualVictimOfTrafficking\n")
    result = read_htcds(path)
    assert "+country code" in only(result.errors, "bad_phone").message
    assert only(result.errors, "bad_email").letter == "B"
    assert "ISO 3166" in only(result.errors, "bad_country").message
    from seawall.exchange import ReadOptions

    local = read_htcds(path, options=ReadOptions(default_country="TTO"))
    assert not [p for p in local.errors if p.kind == "bad_phone"]
    assert local.records[0].identity.mobile_phone == "+18685550100"


def test_problem_log_is_capped(tmp_path):
    rows = "".join(f"Name{i},Nobody,2099-01-01,Nope,Nope,,\n" for i in range(2000))
    result = read_htcds(write(tmp_path, HEADER + rows))
    assert len(result.problems) == 5001
    assert result.problems[-1].kind == "too_many_problems"


@pytest.mark.parametrize("cell", ["'=SUM(A1)", "'+44", "'-5", "'@x"])
def test_apostrophe_before_a_formula_trigger_is_removed_on_reading(tmp_path, cell):
    result = read_htcds(write(tmp_path, f"cas_CaseOwner,vic_TraffickingStatus\n{cell},ActualVictimOfTrafficking\n"))
    assert result.ok and result.records[0].case.case_owner == cell[1:]


def test_xlsx_row_numbers_count_blank_rows_and_a_bad_code_is_reported_once(tmp_path):
    path = tmp_path / "gaps.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "prs_FirstName", "vic_TraffickingStatus"
    sheet["A4"], sheet["B4"] = "Ana", "ActualVictimOfTrafficking"
    sheet["A9"], sheet["B9"] = "Rosa", "Victim"
    workbook.save(path)
    result = read_htcds(path)
    assert [r.source_row for r in result.records] == [4, 9]
    assert [(p.row, p.letter, p.kind) for p in result.errors] == [(9, "B", "unknown_code")]


def test_several_values_in_a_single_select_column(tmp_path):
    path = write(tmp_path, "vic_TraffickingStatus,vic_ForcedLabourIndustry\n"
                 "ActualVictimOfTrafficking,A_AgricultureForestryAndFishing;F_Construction\n")
    problem = only(read_htcds(path).errors, "several_values")
    assert problem.letter == "B" and "takes one" in problem.message
