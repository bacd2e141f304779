"""Small-cell suppression: the helper itself, and that no output of the CLI shows a small count."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from seawall.cli import main
from seawall.errors import InputError
from seawall.indicators.suppression import suppress
from seawall.indicators.tests.conftest import victim, write_ctdc

COUNT_COLUMNS = {"victims", "previous_year_victims", "unknown"}
# derived column -> the counts it is computed from
DERIVED = {"rate_per_100k": {"victims"}, "share_pct": {"victims"},
           "change": {"victims", "previous_year_victims"}, "change_pct": {"victims", "previous_year_victims"},
           "share_unknown_pct": {"unknown", "victims"}}


def test_suppress_replaces_small_counts_and_blanks_what_they_feed():
    frame = pd.DataFrame({"victims": [0, 1, 4, 5, 12], "rate": [0.0, 0.1, 0.4, 0.5, 1.2], "name": list("abcde")})
    out = suppress(frame, ["victims"], 5, derived={"rate": ["victims"]})
    assert out["victims"].tolist() == ["<5", "<5", "<5", 5, 12]
    assert out["rate"].tolist() == ["", "", "", 0.5, 1.2]
    assert out["name"].tolist() == list("abcde")
    assert frame["victims"].tolist() == [0, 1, 4, 5, 12]  # the input is left alone


def test_suppress_derived_from_two_counts_and_blank_counts():
    frame = pd.DataFrame({"now": [10, 2, None], "before": [3, 20, 7], "change": [7, -18, None]})
    out = suppress(frame, ["now", "before"], 5, derived={"change": ["now", "before"]})
    assert out["now"].tolist()[:2] == [10, "<5"] and pd.isna(out["now"].iloc[2])
    assert out["before"].tolist() == ["<5", 20, 7]
    assert out["change"].tolist()[:2] == ["", ""]


def test_missing_nullable_count_stays_missing():
    frame = pd.DataFrame({"victims": pd.array([None, 3, 9], dtype="Int64")})
    out = suppress(frame, ["victims"], 5)
    assert pd.isna(out["victims"].iloc[0]) and out["victims"].tolist()[1:] == ["<5", 9]


def test_threshold_zero_turns_suppression_off_and_negative_is_refused():
    frame = pd.DataFrame({"victims": [1, 2]})
    assert suppress(frame, ["victims"], 0)["victims"].tolist() == [1, 2]
    with pytest.raises(InputError, match="--suppress-below"):
        suppress(frame, ["victims"], -1)


def _small_numbers(values: list[object], threshold: int) -> list[object]:
    small = []
    for value in values:
        if value in (None, "") or (isinstance(value, str) and value.startswith("<")):
            continue
        if isinstance(value, str) and not re.fullmatch(r"-?\d+", value):
            continue
        if int(str(value)) < threshold:
            small.append(value)
    return small


@pytest.fixture
def small_cells_file(tmp_path: Path) -> Path:
    """Two years, a handful of victims per cell: most cells are small."""
    rows = [victim(year="2015", country="TT", isSexualExploit="1") for _ in range(7)]
    rows += [victim(year="2016", country="TT", gender="Male", isForcedLabour="1") for _ in range(3)]
    rows += [victim(year="2016", country="JM", isSexualExploit="1") for _ in range(9)]
    rows += [victim(year="2016", country="Missing", gender="Unknown", age="Unknown")]
    return write_ctdc(tmp_path / "cases.csv", rows)


@pytest.mark.parametrize("threshold", [5, 10])
def test_no_small_count_in_any_output(small_cells_file, tmp_path, threshold):
    base = ["--input", str(small_cells_file), "--suppress-below", str(threshold)]
    sdg, report, tables, charts = tmp_path / "sdg.csv", tmp_path / "r.json", tmp_path / "tables", tmp_path / "charts"
    assert main(["indicators", "sdg-16-2-2", *base, "--out", str(sdg)]) == 0
    assert main(["indicators", "annual-report", *base, "--out", str(report), "--csv-dir", str(tables)]) == 0
    assert main(["indicators", "charts", *base, "--out-dir", str(charts)]) == 0

    checked = 0
    for path in [sdg, *tables.glob("*.csv"), *charts.glob("*.csv")]:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                counts = [row[c] for c in COUNT_COLUMNS & row.keys()]
                assert not _small_numbers(counts, threshold), (path.name, row)
                for column, sources in DERIVED.items():
                    if column in row and any(row[source].startswith("<") for source in sources & row.keys()):
                        assert row[column] == "", (path.name, column, row)
                checked += len(counts)
    for table in json.loads(report.read_text(encoding="utf-8"))["tables"]:
        for row in table["rows"]:
            named = dict(zip(table["columns"], row, strict=True))
            assert not _small_numbers([named[c] for c in COUNT_COLUMNS & named.keys()], threshold), named
    drawn = 0
    for svg in charts.glob("*.svg"):
        content = svg.read_text(encoding="utf-8")
        shown = re.findall(r'class="count"[^>]*>([^<]*)</text>', content)
        shown += re.findall(r"<title>[^<]*: ([\d,]+)</title>", content)
        assert not _small_numbers([value.replace(",", "") for value in shown], threshold), svg.name
        drawn += len(shown)
    assert drawn > 5
    assert checked > 20
    assert f"<{threshold}" in sdg.read_text(encoding="utf-8")
