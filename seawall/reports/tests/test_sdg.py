"""The SDG 16.2.2 page, its CSV, and `seawall indicators` on the node database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from seawall.audit.models import AuditEvent
from seawall.cli import main
from seawall.reports.node_table import node_cases_table
from seawall.reports.tests.conftest import HIDDEN_AT_50, assert_counts_suppressed, standalone_numbers

pytestmark = pytest.mark.django_db
HEADER = "year,country_iso3,sex,age_group,form,victims,population,rate_per_100k"


def _export_node_cases(path) -> None:  # type: ignore[no-untyped-def]
    """The node-cases table as a file, as an analyst would take it away."""
    node_cases_table().table.to_pandas().to_csv(path, index=False)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_page_has_the_year_table_and_definition(mixed_node, client_for):
    html = client_for("coordinator").get("/reports/sdg-16-2-2/", {"year": 2025}).content.decode()
    assert "<strong>Definition.</strong> SDG indicator 16.2.2" in html
    assert 'Guyana <span class="muted">(GUY)</span>' in html and "Trinidad and Tobago" in html
    assert "latest exploitation event" in html  # the country-of-detection rule, next to the table
    assert ">69<" in html  # GUY total: 62 women + 7 with no exploitation event (node country)


def test_csv_is_the_cli_contract_and_suppressed(mixed_node, client_for):
    client = client_for("coordinator")
    response = client.get("/reports/sdg-16-2-2.csv", {"year": 2025, "suppress_below": 50})
    text = response.content.decode()
    assert text.splitlines()[0] == HEADER
    rows = _rows(text)
    assert_counts_suppressed([row["victims"] for row in rows], 50)
    assert all(row["rate_per_100k"] == "" for row in rows if row["victims"] == "<50")
    assert not standalone_numbers(" ".join(row["victims"] for row in rows)) & set(HIDDEN_AT_50)
    tto = [row for row in rows if row["country_iso3"] == "TTO"]
    assert tto and {row["victims"] for row in tto} == {"<50"}


def test_cli_without_input_reads_the_node_database(mixed_node, tmp_path, capsys):
    from_node, from_file, exported = tmp_path / "node.csv", tmp_path / "file.csv", tmp_path / "cases.csv"
    assert main(["indicators", "sdg-16-2-2", "--out", str(from_node)]) == 0
    _export_node_cases(exported)
    assert main(["indicators", "sdg-16-2-2", "--input", str(exported), "--format", "node-cases",
                 "--out", str(from_file)]) == 0
    assert from_node.read_text() == from_file.read_text()
    assert len(_rows(from_node.read_text())) > 10 and from_node.read_text().startswith(HEADER + "\n")
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.reason == "seawall indicators sdg-16-2-2" and event.detail["out"] == str(from_node)
    assert AuditEvent.objects.filter(action="export").count() == 1  # the file path is not the node's data

    for options in (["--year", "2024", "--suppress-below", "0"], ["--year", "2025", "--suppress-below", "50"]):
        assert main(["indicators", "sdg-16-2-2", *options, "--out", str(from_node)]) == 0
        assert main(["indicators", "sdg-16-2-2", *options, "--input", str(exported), "--format", "node-cases",
                     "--out", str(from_file)]) == 0
        assert from_node.read_text() == from_file.read_text()


def test_cli_annual_report_and_charts_without_input(mixed_node, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["indicators", "annual-report", "--out", str(out), "--csv-dir", str(tmp_path / "csv")]) == 0
    report = json.loads(out.read_text())
    assert report["year"] == 2025 and report["source"].startswith("node database")
    exported = tmp_path / "cases.csv"
    _export_node_cases(exported)
    assert main(["indicators", "annual-report", "--input", str(exported), "--format", "node-cases",
                 "--out", str(tmp_path / "file.json")]) == 0
    from_file = json.loads((tmp_path / "file.json").read_text())
    assert report["tables"] == from_file["tables"]
    assert main(["indicators", "charts", "--out-dir", str(tmp_path / "charts")]) == 0
    assert (tmp_path / "charts" / "routes.svg").exists()


def test_page_csv_equals_the_cli(mixed_node, client_for, tmp_path, capsys):
    out = tmp_path / "node.csv"
    assert main(["indicators", "sdg-16-2-2", "--year", "2025", "--out", str(out)]) == 0
    page = client_for("analyst").get("/reports/sdg-16-2-2.csv", {"year": 2025}).content.decode()
    assert page == out.read_text()


def test_unknown_population_is_explained(add_cases, client_for):
    # Dominica: WPP2019 as shipped has only its total population, so sex and age rows have no rate.
    add_cases(12, events=[("Exploitation", "DMA", None)])
    html = client_for("coordinator").get("/reports/sdg-16-2-2/", {"year": 2025}).content.decode()
    assert 'id="no-population"' in html and "no population figure" in html
    rows = _rows(client_for("coordinator").get("/reports/sdg-16-2-2.csv", {"year": 2025}).content.decode())
    total = next(row for row in rows if (row["sex"], row["age_group"], row["form"]) == ("total", "total", "total"))
    female = next(row for row in rows if (row["sex"], row["age_group"], row["form"]) == ("female", "total", "total"))
    assert total["population"] and total["rate_per_100k"]
    assert female["population"] == "" and female["rate_per_100k"] == ""


def test_empty_node_and_empty_year(db, users, client_for, add_cases):
    client = client_for("coordinator")
    html = client.get("/reports/sdg-16-2-2/").content.decode()
    assert "No victims with a known country of detection" in html
    assert client.get("/reports/sdg-16-2-2.csv").content.decode() == HEADER + "\n"
    add_cases(6)
    html = client.get("/reports/sdg-16-2-2/", {"year": 2019}).content.decode()
    assert "no victims with a known country of detection in year 2019" in html
    assert client.get("/reports/sdg-16-2-2.csv", {"year": 2019}).content.decode() == HEADER + "\n"


def test_cli_on_an_empty_node_writes_the_header(db, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["indicators", "sdg-16-2-2", "--out", str(out)]) == 0
    assert out.read_text() == HEADER + "\n"
    assert "header only" in capsys.readouterr().err
