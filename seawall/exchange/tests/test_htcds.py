"""IOM's own HTCDS template, filled with synthetic cases, reads; exports read back the same."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from seawall.exchange import read_htcds, write_htcds_csv, write_htcds_xlsx
from seawall.exchange.records import CaseRecord
from seawall.exchange.tests.synthetic import synthetic_cases
from seawall.standard.geo import alpha2

# How a person fills IOM's template, written independently of Seawall's writer: semicolons
# between several values (IOM's multi-select template), real date cells, two-letter mailing
# country as the standard asks.
FILL = {
    "cas_CaseOwner": lambda r: r.case.case_owner,
    "prs_Salutation": lambda r: r.identity.salutation,
    "prs_FirstName": lambda r: r.identity.given_names,
    "prs_SecondName": lambda r: r.identity.family_names,
    "con_Consent": lambda r: r.case.consent,
    "prs_Birthdate": lambda r: r.identity.birth_date,
    "prs_Gender": lambda r: r.case.gender,
    "prs_Citizenship": lambda r: ";".join(r.case.citizenships),
    "prs_Title": lambda r: r.identity.title,
    "prs_Email": lambda r: r.identity.email,
    "prs_HomePhone": lambda r: r.identity.home_phone,
    "prs_MobilePhone": lambda r: r.identity.mobile_phone,
    "prs_MailingCity": lambda r: r.identity.mailing_address.city,
    "prs_MailingCountry": lambda r: alpha2(r.identity.mailing_address.country),
    "prs_MailingState": lambda r: r.identity.mailing_address.state,
    "prs_MailingStreet": lambda r: r.identity.mailing_address.street,
    "prs_MailingPostalCode": lambda r: r.identity.mailing_address.postal_code,
    "vic_TraffickingStatus": lambda r: r.case.trafficking_status,
    "vic_TraffickinStatusDecisionMakingOrg": lambda r: r.case.status_decided_by,
    "vic_MethodOfRecruitment": lambda r: "; ".join(r.case.methods_of_recruitment),
    "vic_LocationOfRecruitment": lambda r: r.case.location_of_recruitment,
    "vic_MethodsOfControl": lambda r: ";".join(r.case.methods_of_control),
    "vic_TypeOfExploitation": lambda r: ";".join(r.case.types_of_exploitation),
    "vic_ForcedLabourIndustry": lambda r: r.case.forced_labour_industry,
    "vic_TypeOfSexExploitation": lambda r: ";".join(r.case.sex_exploitation_types),
    "vic_LocationOfExploitation": lambda r: r.case.location_of_exploitation,
    "cas_Status": lambda r: r.case.status,
    "cas_ReferringOrganisation": lambda r: r.case.referring_organisation,
    "cas_IncomingReferralDate": lambda r: r.case.incoming_referral_date,
    "cas_ReferringPrimaryCaseWorker": lambda r: r.case.referring_case_worker,
    "cas_ReasonForIncomingReferral": lambda r: r.case.incoming_referral_reason,
    "cas_IncomingReferralDetails": lambda r: r.case.incoming_referral_details,
    "cas_ReferredOrganisation": lambda r: r.case.referred_organisation,
    "cas_ReferredPrimaryCaseWorker": lambda r: r.case.referred_case_worker,
    "Reason for Outgoing Referral": lambda r: r.case.outgoing_referral_reason,  # column AJ: a label, no code
    "cas_OutgoingReferralDate": lambda r: r.case.outgoing_referral_date,
    "cas_OutgoingReferralDetails": lambda r: r.case.outgoing_referral_details,
    "cas_ReasonForCaseClosure": lambda r: r.case.closure_reason,
}


def fill_template(template: Path, records: list[CaseRecord], target: Path) -> Path:
    shutil.copyfile(template, target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    columns = {}
    for cell in sheet[1]:
        key = cell.value or sheet.cell(2, cell.column).value
        if key:
            columns[key] = cell.column
    assert set(FILL) == set(columns), "IOM's template changed: update this test"
    for offset, record in enumerate(records):
        for key, column in columns.items():
            value = FILL[key](record)
            if value not in (None, ""):
                sheet.cell(3 + offset, column, value)
    workbook.save(target)
    return target


def assert_same(found: list[CaseRecord], expected: list[CaseRecord]) -> None:
    assert len(found) == len(expected)
    for got, want in zip(found, expected):
        assert got.case == want.case, got.source_row
        assert got.identity == want.identity, got.source_row


@pytest.fixture
def cases() -> list[CaseRecord]:
    return synthetic_cases(40)


def test_iom_template_filled_with_synthetic_cases_reads(htcds_template, tmp_path, cases):
    filled = fill_template(htcds_template, cases, tmp_path / "filled.xlsx")
    result = read_htcds(filled)
    assert result.ok, [str(p) for p in result.errors]
    assert result.source == "htcds-xlsx" and len(result.checksum) == 64
    assert [r.source_row for r in result.records] == list(range(3, 3 + len(cases)))
    assert_same(result.records, cases)
    notes = " ".join(result.notes)
    assert "vic_TraffickinStatusDecisionMakingOrg" in notes
    assert "AJ" in notes and "cas_ReasonForOutgoingReferral" in notes
    assert [p.kind for p in result.warnings] == ["shifted_labels"]
    assert "labelled 'Mailing Street' is prs_MailingCity" in str(result.warnings[0])
    # Those records, exported as HTCDS XLSX, read back to the same records.
    export = tmp_path / "export.xlsx"
    write_htcds_xlsx(result.records, export, include_identity=True)
    again = read_htcds(export)
    assert again.ok and not again.warnings
    assert all(a.same_facts(b) for a, b in zip(again.records, result.records)) and len(again.records) == len(cases)


def test_trusting_labels_reads_the_shifted_mailing_columns_by_label(htcds_template, tmp_path, cases):
    filled = fill_template(htcds_template, cases[:3], tmp_path / "filled.xlsx")
    result = read_htcds(filled, trust="labels")
    # The column coded prs_MailingCity is labelled "Mailing Street": read by label, the
    # city lands in the street; this is what a person who typed by the labels meant.
    assert result.records[0].identity.mailing_address.street == cases[0].identity.mailing_address.city


def test_xlsx_export_reads_back_to_the_same_cases(tmp_path, cases):
    cases[0].case.case_owner = "=HYPERLINK(\"http://example.org\")"
    cases[1].case.location_of_exploitation = "+ hostel near the port"
    cases[2].case.outgoing_referral_details = "@team - see notes"
    path = tmp_path / "export.xlsx"
    assert write_htcds_xlsx(cases, path, include_identity=True) == len(cases)
    result = read_htcds(path)
    assert result.ok, [str(p) for p in result.errors]
    assert_same(result.records, cases)
    assert not result.warnings
    sheet = openpyxl.load_workbook(path).active
    assert sheet.row_dimensions[1].hidden and sheet["B1"].value == "cas_CaseOwner" and sheet["B2"].value == "Case Owner"
    assert sheet["A3"].value == 1
    owner = sheet["B3"]
    assert owner.data_type == "s" and owner.quotePrefix, "a formula-like text must stay literal text"
    # The standard's codes and labels, not the template's misspelling and shifted labels.
    codes = [c.value for c in sheet[1]][1:]
    assert "vic_TraffickingStatusDecisionMakingOrg" in codes and "cas_ReasonForOutgoingReferral" in codes
    assert sheet.cell(2, codes.index("prs_MailingCity") + 2).value == "Mailing City"


@pytest.mark.parametrize("labels", [False, True])
def test_csv_export_reads_back_to_the_same_cases(tmp_path, cases, labels):
    cases[0].case.case_owner = "=1+2"
    cases[1].case.location_of_exploitation = "-dash first"
    path = tmp_path / "export.csv"
    write_htcds_csv(cases, path, include_identity=True, labels=labels)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to show accents"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1 + labels][0] == "'=1+2"
    result = read_htcds(path)
    assert result.ok, [str(p) for p in result.errors]
    assert_same(result.records, cases)


def test_export_without_identity_leaves_out_identity_and_narratives(tmp_path, cases):
    path = tmp_path / "deidentified.csv"
    write_htcds_csv(cases, path, include_identity=False)
    header = path.read_text("utf-8-sig").splitlines()[0].split(",")
    assert not [c for c in header if c in ("prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Email",
                                            "prs_MobilePhone", "prs_MailingStreet", "cas_IncomingReferralDetails")]
    assert "prs_Gender" in header and "prs_Citizenship" in header
    text = path.read_text("utf-8")
    for case in cases:
        assert case.identity.family_names not in text
    records = read_htcds(path).records
    assert all(r.identity is None for r in records)
    assert [r.case.gender for r in records] == [c.case.gender for c in cases]


def test_codes_only_csv_and_labels_and_lenient_values(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "prs_FirstName,prs_Gender,vic_TraffickingStatus,vic_TypeOfExploitation,prs_Citizenship,con_Consent,prs_Birthdate\n"
        "Ana,feminine,Possible victim of trafficking,\"Forced labour, ChildLabour\",HT;DOM,yes,1990-02-03\n",
        encoding="utf-8")
    result = read_htcds(path)
    assert result.ok, [str(p) for p in result.errors]
    case = result.records[0].case
    assert case.gender == "Feminine" and case.trafficking_status == "PossibleVictimOfTrafficking"
    assert case.types_of_exploitation == ("ForcedLabour", "ChildLabour")
    assert case.citizenships == ("HTI", "DOM") and case.consent is True
    assert result.records[0].identity.birth_date == date(1990, 2, 3)


def test_labels_only_header_is_matched_by_label(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("First Name;Trafficking Status;Mailing Street\nAna;ActualVictimOfTrafficking;1 Main Road\n", encoding="utf-8")
    result = read_htcds(path)
    assert result.ok
    assert result.records[0].identity.mailing_address.street == "1 Main Road"
    assert "matched by label" in " ".join(result.notes)
