"""The annual report: exact figures on a small table, what is not recorded, and the definitions."""

from __future__ import annotations

import json

import pytest

from seawall.cli import main
from seawall.indicators.cases import NodeCase, node_cases_frame
from seawall.indicators.ctdc import case_counts_from_ctdc
from seawall.indicators.definitions import STATISTICS
from seawall.indicators.node import case_counts_from_node_cases
from seawall.indicators.report import annual_report
from seawall.indicators.tests.conftest import ctdc_frame, victim, write_ctdc


def rows(table, key="category"):  # type: ignore[no-untyped-def]
    return table.frame.set_index(key).to_dict("index")


@pytest.fixture
def report():  # type: ignore[no-untyped-def]
    frame = ctdc_frame(
        [victim(year="2015", country="TT", isSexualExploit="1")] * 4
        + [victim(year="2016", country="TT", gender="Female", age="9--17", isSexualExploit="1")] * 6
        + [victim(year="2016", country="TT", gender="Male", age="30--38", isForcedLabour="1", isSexualExploit="1")] * 3
        + [victim(year="2016", country="Missing", gender="Unknown", age="Unknown", citizenship="Unknown")]
    )
    return annual_report(case_counts_from_ctdc(frame))


def test_defaults_to_latest_year_and_compares_with_previous(report):
    assert (report.year, report.previous_year) == (2016, 2015)
    headline = report.table("victims_identified").frame.iloc[0]
    assert (headline["victims"], headline["previous_year_victims"], headline["change"]) == (10, 4, 6)
    assert headline["change_pct"] == 150.0


def test_breakdowns_by_sex_age_form_nationality(report):
    assert {k: v["victims"] for k, v in rows(report.table("by_sex")).items()} == {"female": 6, "male": 3, "unknown": 1}
    by_age = rows(report.table("by_age_group"))
    assert (by_age["0-17"]["victims"], by_age["18+"]["victims"], by_age["unknown"]["victims"]) == (6, 3, 1)
    assert by_age["18+"]["previous_year_victims"] == 4 and by_age["18+"]["change"] == -1
    by_form = rows(report.table("by_form"))
    assert by_form["sexual_exploitation"]["victims"] == 9
    assert by_form["forced_labour"]["victims"] == 3
    assert by_form["not_recorded"]["victims"] == 1
    assert by_form["sexual_exploitation"]["share_pct"] == 90.0
    nationality = rows(report.table("by_nationality"))
    assert nationality["JAM"]["victims"] == 9 and nationality["JAM"]["label"] == "Jamaica"
    assert nationality[""]["label"] == "Unknown"


def test_data_quality_shares(report):
    quality = rows(report.table("data_quality"), key="field")
    assert quality["sex"]["unknown"] == 1 and quality["sex"]["share_unknown_pct"] == 10.0
    assert quality["country_of_detection"]["unknown"] == 1
    assert quality["nationality"]["share_unknown_pct"] == 10.0
    assert quality["form"]["unknown"] == 1


def test_says_what_is_not_recorded(report):
    for key in ("investigations", "prosecutions", "convictions", "referrals_and_services", "by_identifying_agency"):
        assert "not yet recorded" in report.not_recorded[key] or "not recorded" in report.not_recorded[key]
    with pytest.raises(KeyError):
        report.table("by_identifying_agency")  # CTDC has no identifying agency: no table of unknowns


def test_identifying_agency_from_node_cases():
    cases = [NodeCase(f"c{i}", 2024, "GUY", "female", "18+", True, False, False, "VEN", "VEN", "GUY",
                      identifying_agency="Police TIP Unit" if i < 6 else "Shelter NGO") for i in range(8)]
    report = annual_report(case_counts_from_node_cases(node_cases_frame(cases)))
    agencies = rows(report.table("by_identifying_agency"))
    assert {k: v["victims"] for k, v in agencies.items()} == {"Police TIP Unit": 6, "Shelter NGO": 2}
    assert "by_identifying_agency" not in report.not_recorded


def test_every_table_carries_its_definition(report):
    document = report.to_dict(threshold=5)
    assert len(document["tables"]) >= 9
    for table in document["tables"]:
        assert len(table["definition"]) > 40, table["name"]
    assert document["suppression"]["threshold"] == 5
    assert set(STATISTICS) >= {t["name"] for t in document["tables"]} - {"victims_identified"}


def test_year_with_no_data_is_reported_not_invented(tmp_path, capsys):
    source = write_ctdc(tmp_path / "in.csv", [victim(year="2016")] * 6)
    out = tmp_path / "report.json"
    assert main(["indicators", "annual-report", "--input", str(source), "--year", "2020", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["year"] == 2020
    assert any("no victims recorded for 2020" in note for note in document["notes"])
    assert document["tables"][0]["rows"][0][1] == "<5"  # zero victims, shown suppressed
    assert "2020" in capsys.readouterr().err


def test_empty_input_gives_an_empty_report(tmp_path):
    source = write_ctdc(tmp_path / "in.csv", [])
    out = tmp_path / "report.json"
    args = ["--input", str(source), "--suppress-below", "0", "--out", str(out)]
    assert main(["indicators", "annual-report", *args]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["year"] is None
    assert document["notes"] == ["the input holds no victims with a year of identification"]
    assert document["tables"][0]["rows"][0][1] == 0
