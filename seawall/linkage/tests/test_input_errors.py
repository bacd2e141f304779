"""Malformed input stops `seawall link dedupe` with one clear line naming row and column,
exit status 2, before any work — and no output file is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.cli import main

HEADER = "record_id,source,given_name,family_name,sex,date_of_birth,nationality,phone\n"
GOOD = "r1,police,Ana,Díaz,F,1990-02-03,VEN,+58 412-1234567\n"


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *extra: str
        ) -> tuple[int, str, Path]:
    source = tmp_path / "input.csv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    status = main(["link", "dedupe", str(source), "--out", str(out), *extra])
    return status, capsys.readouterr().err.strip().splitlines()[-1], out


@pytest.mark.parametrize("text, expected", [
    ("record_id,source,given_name,sex,date_of_birth,nationality,phone\nr1,a,Ana,F,,VEN,\n",
     "seawall link: row 1: missing column family_name; INPUT needs record_id,source,"
     "given_name,family_name,sex,date_of_birth,nationality,phone"),
    (HEADER + GOOD + "r1,shelter,Ana,Diaz,F,1990-02-03,VEN,\n",
     "seawall link: row 3, record_id: 'r1' is a duplicate record_id (first used in row 2)"),
    (HEADER + GOOD + "r2,shelter,Ana,Diaz,F,1990-02-30,VEN,\n",
     "seawall link: row 3, date_of_birth: '1990-02-30' is not a date written yyyy-mm-dd"),
    (HEADER + GOOD + "r2,shelter,Ana,Diaz,F,03/02/1990,VEN,\n",
     "seawall link: row 3, date_of_birth: '03/02/1990' is not a date written yyyy-mm-dd"),
    (HEADER + GOOD + "r2,shelter,Ana,Diaz,X,1990-02-03,VEN,\n",
     "seawall link: row 3, sex: 'X' is not F, M or empty"),
    (HEADER + GOOD + "r2,shelter,Ana,Diaz,F,1990-02-03,Venezuela,\n"
     "r3,shelter,Ana,Diaz,F,1990-02-03,VE,\n",
     "seawall link: row 3, nationality: 'VENEZUELA' is not an ISO 3166 alpha-3 country code "
     "(e.g. VEN) (1 more row with this problem)"),
    (HEADER + GOOD + ",shelter,Ana,Diaz,F,1990-02-03,VEN,\n",
     "seawall link: row 3, record_id: '' is empty; every record needs a record_id"),
])
def test_malformed_input_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  text: str, expected: str) -> None:
    status, message, out = run(tmp_path, text, capsys)
    assert status == 2
    assert message == expected
    assert not out.exists()


def test_bad_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, message, _ = run(tmp_path, HEADER + GOOD, capsys, "--threshold", "1.5")
    assert status == 2
    assert message == "seawall link: --threshold: 1.5 is not a probability between 0 and 1"


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["link", "dedupe", str(tmp_path / "nope.csv"), "--out",
                   str(tmp_path / "o.csv")])
    assert status == 2
    assert "does not exist" in capsys.readouterr().err


def test_spark_without_pyspark_is_a_clear_error(tmp_path: Path, capsys, monkeypatch) -> None:
    import seawall.linkage.cli as cli

    monkeypatch.setattr(cli, "spark_available", lambda: False)
    status, message, out = run(tmp_path, HEADER + GOOD, capsys, "--engine", "spark")
    assert status == 2
    assert message == ("seawall link: --engine: the spark engine needs pyspark, which is "
                       "not installed: pip install 'seawall[spark]'")
    assert not out.exists()
