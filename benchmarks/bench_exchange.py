"""Reading + validating the real CTDC v1 file (47,102 rows) into records, and writing it back
as CTDC v1, each against pandas.read_csv of the same file in the same run.

python -m benchmarks [--quick] exchange

The anchor is pandas.read_csv(dtype=str, keep_default_na=False): parsing only, no
validation, no records. Reading is part of the import, whose target (with database writes)
is <= 20 s on SQLite on the 2-core machine; the exchange core aims at a couple of seconds.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.common import median_seconds, report
from seawall.exchange import read_ctdc_records, write_ctdc

CTDC_V1 = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    repeat = 3 if quick else 7
    if not CTDC_V1.is_file():
        print(f"skipped: {CTDC_V1.name} is not in shared/data/ctdc beside the repository", flush=True)
        return
    anchor = median_seconds(lambda: pd.read_csv(CTDC_V1, dtype=str, keep_default_na=False), repeat=repeat)
    result = read_ctdc_records(CTDC_V1)
    if not result.ok or len(result.records) != 47_102:
        raise RuntimeError(f"the CTDC file did not read cleanly: {len(result.records)} records, {len(result.errors)} errors")
    read = median_seconds(lambda: read_ctdc_records(CTDC_V1), repeat=repeat)
    report("exchange read+validate CTDC v1 (47,102 rows)", read, "pandas.read_csv", anchor, "a couple of seconds")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "ctdc_v1.csv"
        write = median_seconds(lambda: write_ctdc(result.records, target, "v1"), repeat=repeat)
    report("exchange write CTDC v1 (47,102 records)", write, "pandas.read_csv", anchor)


if __name__ == "__main__":
    main(sys.argv[1:])
