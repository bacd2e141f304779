"""Writers: cells a spreadsheet would run are neutralised; failures leave no half-written file."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from seawall.exchange import write_ctdc, write_htcds_csv, write_htcds_xlsx
from seawall.exchange.output import neutralise_csv
from seawall.exchange.records import CaseFacts, CaseRecord
from seawall.exchange.tests.synthetic import synthetic_cases

TRIGGERS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", TRIGGERS)
def test_csv_cells_starting_with_a_trigger_get_an_apostrophe(text):
    assert neutralise_csv(text) == "'" + text
    assert neutralise_csv("plain") == "plain" and neutralise_csv("") == ""


def _owner_cases(owners: list[str]) -> list[CaseRecord]:
    return [CaseRecord(case=CaseFacts(case_owner=o, trafficking_status="ActualVictimOfTrafficking")) for o in owners]


def test_htcds_csv_neutralises_every_trigger(tmp_path):
    path = tmp_path / "out.csv"
    write_htcds_csv(_owner_cases(TRIGGERS), path, include_identity=False)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + t for t in TRIGGERS]


def test_htcds_xlsx_writes_triggers_as_literal_text(tmp_path):
    path = tmp_path / "out.xlsx"
    owners = [t for t in TRIGGERS if not t.startswith(("\t", "\r"))]
    write_htcds_xlsx(_owner_cases(owners), path, include_identity=False)
    sheet = openpyxl.load_workbook(path).active
    cells = [sheet.cell(row, 2) for row in range(3, 3 + len(owners))]
    assert [c.value for c in cells] == owners
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_ctdc_writer_neutralises_text_columns(tmp_path):
    record = CaseRecord(case=CaseFacts(datasource="=HYPERLINK(1)", registration_year=2020))
    path = tmp_path / "ctdc.csv"
    write_ctdc([record], path, "v1")
    row = list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))[0]
    assert row["Datasource"] == "'=HYPERLINK(1)"


def test_failed_write_leaves_no_file(tmp_path):
    path = tmp_path / "out.csv"
    broken = synthetic_cases(3)
    broken[2].case.citizenships = ("not-a-country",)  # the writer cannot render this
    with pytest.raises(Exception):
        write_ctdc(broken, path, "v1")
    assert not path.exists() and not list(tmp_path.iterdir())


def test_writers_accept_a_binary_stream():
    buffer = io.BytesIO()
    assert write_htcds_csv(synthetic_cases(2), buffer, include_identity=True) == 2
    assert buffer.getvalue().startswith(b"\xef\xbb\xbfcas_CaseOwner,")
    buffer = io.BytesIO()
    write_htcds_xlsx(synthetic_cases(2), buffer, include_identity=True)
    assert buffer.getvalue().startswith(b"PK")


def test_progress_is_reported(tmp_path):
    seen: list[tuple[int, int]] = []
    write_ctdc(synthetic_cases(5), tmp_path / "p.csv", "v1", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5)


def test_htcds_cells_for_a_preview():
    from seawall.exchange import htcds_cells

    case = synthetic_cases(1)[0]
    cells = htcds_cells(case, include_identity=False)
    assert list(cells)[0] == "cas_CaseOwner" and "prs_FirstName" not in cells
    assert cells["prs_Citizenship"] == ";".join(case.case.citizenships)
    assert htcds_cells(case, include_identity=True)["prs_FirstName"] == case.identity.given_names
