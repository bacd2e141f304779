"""`seawall link dedupe INPUT.csv --out OUT.csv [--pairs PAIRS.csv] [--engine duckdb|spark]
[--threshold P]` — find the records of one person across agencies.

OUT.csv: record_id,cluster_id, one row per input record in input order. PAIRS.csv: every
scored pair at or above min(P, 0.5) with record_id_l, record_id_r, match_probability,
match_weight and, per comparison, <name>_level and <name>_weight (the explanation).
Input is checked whole before any work; outputs are written only when all succeeded.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from seawall.errors import InputError
from seawall.linkage.dedupe import DEFAULT_THRESHOLD
from seawall.linkage.engines import ENGINES, spark_available


def register(subparsers: argparse._SubParsersAction) -> None:
    link = subparsers.add_parser("link", help="find the same person across records")
    commands = link.add_subparsers(dest="link_command", required=True)
    dedupe = commands.add_parser(
        "dedupe", help="cluster the records of one file that are the same person",
        description=__doc__.split("\n\n")[0])
    dedupe.add_argument("input", type=Path, metavar="INPUT.csv")
    dedupe.add_argument("--out", type=Path, required=True, metavar="OUT.csv",
                        help="record_id,cluster_id for every input record")
    dedupe.add_argument("--pairs", type=Path, metavar="PAIRS.csv",
                        help="scored pairs with the explanation of each")
    dedupe.add_argument("--engine", choices=ENGINES, default="duckdb",
                        help="duckdb (default, one machine) or spark (needs seawall[spark])")
    dedupe.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, metavar="P",
                        help=f"match probability to join two records (default "
                             f"{DEFAULT_THRESHOLD})")
    dedupe.add_argument("--country", default=os.environ.get("SEAWALL_COUNTRY"),
                        metavar="ALPHA3", help="the node's country, for phones written "
                        "locally (default: $SEAWALL_COUNTRY)")
    dedupe.set_defaults(func=run_dedupe)


def _write_atomically(frame: pd.DataFrame, path: Path) -> None:
    directory = path.resolve().parent
    if not directory.is_dir():
        raise InputError(f"cannot write {path}: {directory} is not a directory")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        frame.to_csv(temporary, index=False)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def run_dedupe(args: argparse.Namespace) -> int:
    from seawall.linkage.dedupe import dedupe, stderr_progress
    from seawall.linkage.records import check_country, read_input

    if not 0.0 < args.threshold < 1.0:
        raise InputError(f"{args.threshold} is not a probability between 0 and 1",
                         field="--threshold")
    if args.engine == "spark" and not spark_available():
        raise InputError("the spark engine needs pyspark, which is not installed: "
                         "pip install 'seawall[spark]'", field="--engine")
    country = check_country(args.country)
    start = time.perf_counter()
    progress = stderr_progress(start)
    progress(f"reading {args.input}")
    records = read_input(args.input)
    result = dedupe(records, engine=args.engine, threshold=args.threshold,
                    node_country=country, progress=progress)
    _write_atomically(result.clusters[["record_id", "cluster_id"]], args.out)
    if args.pairs is not None:
        _write_atomically(result.pairs, args.pairs)
    progress(f"wrote {args.out}" + (f" and {args.pairs}" if args.pairs else ""))
    return 0
