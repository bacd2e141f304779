"""The annual report page and its PDF, XLSX and CSV exports: content and small-cell suppression."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from seawall.audit.models import AuditEvent
from seawall.indicators.report import annual_report
from seawall.reports.source import node_counts
from seawall.reports.tests.conftest import HIDDEN_AT_50, assert_counts_suppressed, standalone_numbers

pytestmark = pytest.mark.django_db
COUNT_LABELS = {"Victims", "Victims in previous year", "Unknown"}


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_page_has_every_section_with_definitions(mixed_node, client_for):
    html = client_for("coordinator").get("/reports/annual/", {"year": 2025}).content.decode()
    for title in ("Victims by sex", "Victims by age group", "Victims by nationality", "Victims by form of exploitation",
                  "Victims by identifying agency", "Victims identified per year",
                  "Data quality: share of victims with unknown values", "SDG 16.2.2 for 2025"):
        assert f">{title}</h2>" in html, title
    assert html.count("<strong>Definition.</strong>") >= 10
    assert 'id="not-recorded"' in html
    for missing in ("Referrals and services given", "Investigations by form of exploitation",
                    "Prosecutions by form of exploitation", "Convictions by form of exploitation"):
        assert f"<dt>{missing}</dt><dd>Not yet recorded." in html and "Needs" in html
    assert "Police TIP Unit" in html and "Shelter NGO" in html


def test_pdf_text_has_no_small_count(mixed_node, client_for):
    client = client_for("coordinator")
    response = client.get("/reports/annual/report.pdf", {"year": 2025, "suppress_below": 50})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Annual trafficking report 2025" in text and "counts below 50 are shown as <50" in text
    assert "Not yet recorded" in text and "Convictions by form of exploitation" in text
    assert "106" in text and "<50" in text
    assert not standalone_numbers(text) & set(HIDDEN_AT_50), sorted(standalone_numbers(text))


def test_pdf_at_the_default_threshold(small_node, client_for):
    text = _pdf_text(client_for("coordinator").get("/reports/annual/report.pdf").content)
    lines = [line.strip() for line in text.splitlines()]
    by_sex = lines[lines.index("Victims by sex"):lines.index("Victims by age group")]
    # Cells are extracted one per line: the count follows its category.
    assert by_sex[by_sex.index("female") + 1] == "9"
    assert by_sex[by_sex.index("male") + 1] == "<5" and by_sex[by_sex.index("unknown") + 1] == "<5"
    assert "counts below 5 are shown as <5" in text


def test_xlsx_has_no_small_count(mixed_node, client_for):
    for threshold, hidden in ((5, ()), (50, HIDDEN_AT_50)):
        response = client_for("analyst").get("/reports/annual/report.xlsx", {"year": 2025, "suppress_below": threshold})
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames[0] == "Report" and "by_sex" in book.sheetnames and "data_quality" in book.sheetnames
        cover = " ".join(str(cell.value) for row in book["Report"].iter_rows() for cell in row if cell.value)
        assert "Not yet recorded: Investigations by form of exploitation" in cover
        for sheet in book.worksheets[1:]:
            header = [cell.value for cell in sheet[3]]
            for row in sheet.iter_rows(min_row=4, values_only=True):
                assert_counts_suppressed([v for h, v in zip(header, row, strict=False) if h in COUNT_LABELS], threshold)
                numbers = {v for v in row if isinstance(v, int) and not isinstance(v, bool)}
                assert not numbers & set(hidden), (sheet.title, row)


def test_table_csvs_are_suppressed(mixed_node, client_for):
    client = client_for("coordinator")
    report = annual_report(node_counts().counts, 2025)
    for table in report.tables:
        response = client.get(f"/reports/annual/tables/{table.name}.csv", {"year": 2025, "suppress_below": 50})
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        for column in table.counts:
            assert_counts_suppressed([row[column] for row in rows], 50)
    assert client.get("/reports/annual/tables/nope.csv").status_code == 404


def test_exports_are_audited(mixed_node, client_for):
    client_for("coordinator").get("/reports/annual/report.xlsx", {"year": 2024})
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.actor_username == "coordinator" and event.detail["what"] == "annual_report"
    assert event.detail["format"] == "xlsx" and event.detail["year"] == 2024


def test_year_on_year_and_data_quality(mixed_node, client_for):
    report = annual_report(node_counts().counts, 2025)
    headline = report.table("victims_identified").frame.iloc[0]
    assert (headline["victims"], headline["previous_year_victims"]) == (106, 43)
    quality = report.table("data_quality").frame.set_index("field")["unknown"].to_dict()
    assert quality == {"sex": 7, "age_group": 7, "form": 7, "country_of_detection": 0, "nationality": 7,
                       "identifying_agency": 0}
    html = client_for("coordinator").get("/reports/annual/", {"year": 2025, "exact": 1}).content.decode()
    assert ">43<" in html and ">106<" in html  # exact view on screen


def test_empty_node_and_year_without_data(db, users, client_for, add_cases):
    client = client_for("coordinator")
    html = client.get("/reports/annual/").content.decode()
    assert "the input holds no victims with a year of identification" in html
    empty = _pdf_text(client.get("/reports/annual/report.pdf").content)
    assert "Annual trafficking report - " in empty and "No victims in this table." in empty
    add_cases(8, year=2023)
    html = client.get("/reports/annual/", {"year": 2021}).content.decode()
    assert "no victims recorded for 2021 in this input (it has 2023-2023)" in html
    assert client.get("/reports/annual/report.xlsx", {"year": 2021}).status_code == 200
