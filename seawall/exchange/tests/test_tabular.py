"""The file layer: quote-free CSV read by splitting lines gives what csv.reader gives."""

from __future__ import annotations

import csv
import io

import pytest

from seawall.exchange.problems import ProblemLog
from seawall.exchange.tabular import column_letter, open_table


@pytest.mark.parametrize("text", [
    "a,b,c\r\n1,,3\r\n\r\n4,5,6\r\n",
    "a;b;c\n1;;3\n4;5;6",
    "a,b\n1,2\n,\n3,4\n",
])
def test_plain_split_matches_csv_reader(tmp_path, text):
    path = tmp_path / "plain.csv"
    path.write_bytes(text.encode("utf-8"))
    table = open_table(path, ProblemLog())
    delimiter = ";" if ";" in text else ","
    expected = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
                if "".join(row).strip()]
    assert table is not None and table.rows == expected


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 38, 701, 702)] == ["A", "Z", "AA", "AM", "ZZ", "AAA"]
