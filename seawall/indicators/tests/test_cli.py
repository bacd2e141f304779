"""`seawall indicators` end to end: bad input gives one clear line and exit 2, and no output file."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from seawall.cli import main
from seawall.indicators.cases import NODE_CASE_COLUMNS, NodeCase, node_cases_frame
from seawall.indicators.tests.conftest import ctdc_frame, victim, write_ctdc


def run_sdg(capsys, *args: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    status = main(["indicators", "sdg-16-2-2", *args])
    return status, capsys.readouterr().err


@pytest.fixture
def good_file(tmp_path):  # type: ignore[no-untyped-def]
    return write_ctdc(tmp_path / "cases.csv", [victim(isSexualExploit="1")] * 6)


def test_writes_the_contract_columns(good_file, tmp_path, capsys):
    out = tmp_path / "out.csv"
    status, _ = run_sdg(capsys, "--input", str(good_file), "--format", "ctdc", "--year", "2016", "--out", str(out))
    assert status == 0
    with out.open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    first = table[0]
    assert list(first) == ["year", "country_iso3", "sex", "age_group", "form", "victims", "population", "rate_per_100k"]
    keys = ("year", "country_iso3", "sex", "age_group", "form", "victims")
    assert tuple(first[key] for key in keys) == ("2016", "TTO", "total", "total", "total", "6")
    assert first["population"] == "1377560"  # WPP2019, Trinidad and Tobago, 2016
    assert float(first["rate_per_100k"]) == pytest.approx(6 / 1377560 * 100_000, rel=1e-6)


@pytest.mark.parametrize(("args", "expected"), [
    (["--year", "20x6"], "--year: '20x6' is not a year"),
    (["--year", "1066"], "--year: '1066' is not a year"),
    (["--suppress-below", "-3"], "--suppress-below: -3 is not allowed"),
    (["--suppress-below", "five"], "--suppress-below: 'five' is not allowed"),
])
def test_bad_options(good_file, tmp_path, capsys, args, expected):
    out = tmp_path / "out.csv"
    status, err = run_sdg(capsys, "--input", str(good_file), *args, "--out", str(out))
    assert status == 2
    assert expected in err and err.count("\n") == 1
    assert not out.exists()


def test_missing_required_column(tmp_path, capsys):
    path = tmp_path / "cases.csv"
    ctdc_frame([victim()]).drop(columns=["gender", "ageBroad"]).to_csv(path, index=False)
    status, err = run_sdg(capsys, "--input", str(path), "--out", str(tmp_path / "out.csv"))
    assert status == 2 and "missing column(s) ageBroad, gender" in err


def test_not_a_ctdc_file(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text("name,phone\nAda,123\n", encoding="utf-8")
    status, err = run_sdg(capsys, "--input", str(path), "--out", str(tmp_path / "out.csv"))
    assert status == 2 and "not a CTDC" in err and "missing column(s)" in err


def test_not_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.csv"
    content = ctdc_frame([victim(citizenship="CI")]).to_csv(index=False).replace("Case Management", "Côte")
    path.write_bytes(content.encode("latin-1"))
    status, err = run_sdg(capsys, "--input", str(path), "--out", str(tmp_path / "out.csv"))
    assert status == 2 and "not UTF-8" in err


def test_missing_file(tmp_path, capsys):
    status, err = run_sdg(capsys, "--input", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out.csv"))
    assert status == 2 and "no such file" in err


def test_no_input_without_node_settings(tmp_path):
    """Without --input the node database is read (seawall/reports tests); where the node's
    settings do not load (no keys, as on an analyst's laptop) it is one clear line, exit 2."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SEAWALL_", "DJANGO_", "DATABASE_URL"))}
    done = subprocess.run([sys.executable, "-m", "seawall.cli", "indicators", "sdg-16-2-2", "--out",
                           str(tmp_path / "out.csv")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "node database is not available" in done.stderr and "--input FILE" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("column", "value", "allowed"), [
    ("gender", "Femme", "allowed: Female, Male"),
    ("ageBroad", "12", "allowed: 0--8, 9--17"),
    ("isSexualExploit", "yes please", "allowed: 1, 0 or blank"),
    ("CountryOfExploitation", "Trinidad", "allowed: an ISO 3166 alpha-2 or alpha-3 code"),
    ("yearOfRegistration", "2016/17", "allowed: a year from 1900 to 2100"),
])
def test_bad_cell_names_row_column_and_allowed_values(tmp_path, capsys, column, value, allowed):
    rows = [victim() for _ in range(5)]
    rows[3] = rows[3] | {column: value}  # the 4th case is on row 5 (header = row 1)
    path = write_ctdc(tmp_path / "cases.csv", rows)
    out = tmp_path / "out.csv"
    status, err = run_sdg(capsys, "--input", str(path), "--out", str(out))
    assert status == 2
    assert f"row 5, {column}: '{value}' is not allowed; {allowed}" in err
    assert not out.exists()


def test_ctdc_2024_schema_is_refused_not_guessed(tmp_path, capsys):
    path = tmp_path / "synthetic2024.csv"
    path.write_text("yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths\n"
                    "2021,Woman,18--20,JAM,TTO,0--12 (0-1 yr)\n", encoding="utf-8")
    status, err = run_sdg(capsys, "--input", str(path), "--out", str(tmp_path / "out.csv"))
    assert status == 2 and "CTDC 2024 files are not supported yet" in err


def test_output_directory_must_exist(good_file, tmp_path, capsys):
    status, err = run_sdg(capsys, "--input", str(good_file), "--out", str(tmp_path / "no" / "out.csv"))
    assert status == 2 and "is not a directory" in err


def test_node_cases_format(tmp_path, capsys):
    cases = [NodeCase(f"c{i}", 2019, "GUY", "female", "0-17", True, False, False) for i in range(5)]
    cases.append(NodeCase("x", 2019, "GUY", "male", "18+", False, True, False,
                          trafficking_status="NotAVictimOfTrafficking"))
    path = tmp_path / "node.csv"
    node_cases_frame(cases).to_csv(path, index=False)
    out = tmp_path / "out.csv"
    status, _ = run_sdg(capsys, "--input", str(path), "--format", "node-cases", "--out", str(out))
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert "2019,GUY,female,0-17,sexual_exploitation,5," in text
    assert ",male," not in text  # the "not a victim" case is not counted anywhere
    assert list(node_cases_frame([]).columns) == list(NODE_CASE_COLUMNS)


def test_node_cases_bad_value(tmp_path, capsys):
    frame = node_cases_frame([NodeCase("c1", 2019, "GUY", "female", "adult", True, False, False)])
    path = tmp_path / "node.csv"
    frame.to_csv(path, index=False)
    status, err = run_sdg(capsys, "--input", str(path), "--format", "node-cases", "--out", str(tmp_path / "o.csv"))
    assert status == 2 and "row 2, age_group: 'adult' is not allowed; allowed: 0-17, 18+, unknown" in err


def test_help_lists_the_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["indicators", "--help"])
    out = capsys.readouterr().out
    assert "sdg-16-2-2" in out and "annual-report" in out and "charts" in out
