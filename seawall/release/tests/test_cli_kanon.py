"""`seawall release kanon` end to end: the written file is k-anonymous when read back."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from seawall.cli import main
from seawall.release import kanon
from seawall.release.columns import default_quasi
from seawall.release.tests.conftest import smallest_class_in_csv


@pytest.mark.parametrize("k", [2, 5, 11, 20])
def test_written_file_is_k_anonymous(tmp_path: Path, skewed_csv: Path, k: int, capsys) -> None:
    out, report_path = tmp_path / "out.csv", tmp_path / "report.json"
    assert main(["release", "kanon", str(skewed_csv), "--k", str(k), "--out", str(out),
                 "--report", str(report_path)]) == 0
    original = pd.read_csv(skewed_csv, dtype=str, keep_default_na=False)
    quasi = default_quasi(list(original.columns))
    assert smallest_class_in_csv(out, quasi) >= k
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(original.columns)
    report = json.loads(report_path.read_text())
    assert report["k"] == k and report["quasi_identifiers"] == quasi
    assert report["records_kept"] == len(written)
    assert report["records_kept"] + report["records_suppressed"] == len(original)
    assert report["class_sizes"]["min"] >= k
    assert sum(report["class_sizes"]["histogram"].values()) == report["class_sizes"]["classes"]
    assert 0 <= report["loss"]["ncp"] < report["suppression_only_for_comparison"]["ncp"]
    assert set(report["generalisations"]) == set(quasi)
    assert len(report["input_sha256"]) == 64
    assert f"k = {k}" in capsys.readouterr().out


def test_custom_quasi_identifiers(tmp_path: Path, skewed_csv: Path) -> None:
    out = tmp_path / "out.csv"
    quasi = ["gender", "ageBroad", "citizenship", "RecruiterRelationship"]
    assert main(["release", "kanon", str(skewed_csv), "--k", "11", "--quasi", ",".join(quasi),
                 "--out", str(out)]) == 0
    assert smallest_class_in_csv(out, quasi) >= 11


def test_nothing_is_written_when_the_check_fails(tmp_path: Path, skewed_csv: Path,
                                                 monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(kanon, "partition", lambda leaves, *a, **kw: leaves.copy())
    out, report = tmp_path / "out.csv", tmp_path / "r.json"
    assert main(["release", "kanon", str(skewed_csv), "--out", str(out), "--report", str(report)]) == 1
    assert "refusing the release" in capsys.readouterr().err
    assert not out.exists() and not report.exists()
    assert list(tmp_path.iterdir()) == [skewed_csv]  # no temporary file left behind either
