"""`seawall indicators ...`: SDG 16.2.2, the annual report and chart data from a file or the node.

Contract (other tools depend on it):
    seawall indicators sdg-16-2-2 [--input FILE --format ctdc] [--year Y] [--suppress-below N] --out OUT.csv
Without --input the node's own database is read through Django (seawall.reports.command).
Bad input raises InputError; seawall.cli prints it as one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

from tqdm import tqdm

from seawall.errors import InputError
from seawall.indicators.counts import COUNT_KEYS, SDG_DIMENSIONS, CaseCounts
from seawall.indicators.ctdc import read_ctdc_counts
from seawall.indicators.node import read_node_cases_counts
from seawall.indicators.output import write_csv, write_text
from seawall.indicators.rules import YEAR_RANGE
from seawall.indicators.suppression import DEFAULT_THRESHOLD, check_threshold

FORMATS = {"ctdc": read_ctdc_counts, "node-cases": read_node_cases_counts}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("indicators", help="SDG 16.2.2, the annual report and chart data")
    commands = parser.add_subparsers(dest="indicator", required=True)

    sdg = commands.add_parser("sdg-16-2-2", help="detected victims of trafficking per 100,000 population")
    _common(sdg)
    sdg.add_argument("--out", required=True, metavar="OUT.csv", help="the CSV to write")
    sdg.set_defaults(func=run_sdg_16_2_2)

    report = commands.add_parser("annual-report", help="the annual trafficking report tables")
    _common(report)
    report.add_argument("--out", required=True, metavar="REPORT.json", help="the report as JSON")
    report.add_argument("--csv-dir", metavar="DIR", help="also write one CSV per table into DIR")
    report.set_defaults(func=run_annual_report)

    charts = commands.add_parser("charts", help="chart data (CSV) and charts (SVG)")
    _common(charts)
    charts.add_argument("--out-dir", required=True, metavar="DIR", help="directory for the CSV and SVG files")
    charts.set_defaults(func=run_charts)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", metavar="FILE", help="a case file; without it, the node database")
    parser.add_argument("--format", choices=sorted(FORMATS), default="ctdc",
                        help="ctdc: a CTDC v1 CSV (default); node-cases: the normalised node-cases CSV")
    # Parsed here rather than by argparse so a bad value is an InputError like any other.
    parser.add_argument("--year", metavar="Y", help="only this year (default: every year; report: the latest)")
    parser.add_argument("--suppress-below", metavar="N", default=str(DEFAULT_THRESHOLD),
                        help=f"write <N for counts below N (default {DEFAULT_THRESHOLD}; 0 turns it off)")


def parse_year(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or int(text) not in YEAR_RANGE:
        raise InputError(f"{value!r} is not a year; give a year from {YEAR_RANGE.start} to {YEAR_RANGE.stop - 1}",
                         field="--year")
    return int(text)


def parse_threshold(value: str) -> int:
    text = value.strip()
    if not text.lstrip("-").isdigit():
        raise InputError(f"{value!r} is not allowed; give 0 (no suppression) or a positive whole number",
                         field="--suppress-below")
    return check_threshold(int(text))


def load(args: argparse.Namespace, dimensions: Collection[str] = COUNT_KEYS) -> tuple[CaseCounts, int | None, int]:
    """Validate the options first (cheap), then read the input."""
    year, threshold = parse_year(args.year), parse_threshold(args.suppress_below)
    if args.input is None:
        # The node's own database, through Django: imported only here, so the core and its
        # file path never need Django.
        from seawall.reports.command import node_database_counts

        with tqdm(total=1, desc="reading the node database", file=sys.stderr, disable=None, leave=False) as bar:
            counts = node_database_counts(dimensions)
            bar.update()
        return counts, year, threshold
    with tqdm(total=1, desc=f"reading {Path(args.input).name}", file=sys.stderr, disable=None, leave=False) as bar:
        counts = FORMATS[args.format](args.input, dimensions)
        bar.update()
    return counts, year, threshold


def audit(args: argparse.Namespace, command: str, detail: dict[str, Any]) -> None:
    """Statistics of the node database leaving it as files go into the node's audit trail."""
    if args.input is None:
        from seawall.reports.command import record_export

        record_export(command, {"year": args.year, "suppress_below": args.suppress_below, **detail})


def note(message: str) -> None:
    print(f"seawall indicators: {message}", file=sys.stderr)


def run_sdg_16_2_2(args: argparse.Namespace) -> int:
    from seawall.indicators.sdg_16_2_2 import publishable, sdg_16_2_2

    counts, year, threshold = load(args, SDG_DIMENSIONS)
    result = sdg_16_2_2(counts, year)
    table = publishable(result, threshold)
    write_csv(args.out, table)
    audit(args, "sdg-16-2-2", {"out": str(args.out), "rows": len(table)})
    for message in result.notes():
        note(message)
    print(f"wrote {args.out}: {len(table):,} rows", file=sys.stderr)
    return 0


def run_annual_report(args: argparse.Namespace) -> int:
    from seawall.indicators.report import annual_report

    counts, year, threshold = load(args)
    report = annual_report(counts, year)
    document = report.to_dict(threshold)
    csv_dir = Path(args.csv_dir) if args.csv_dir else None
    if csv_dir is not None:
        csv_dir.mkdir(parents=True, exist_ok=True)
        for table in report.tables:
            write_csv(csv_dir / f"{table.name}.csv", table.publishable(threshold))
    write_text(args.out, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    audit(args, "annual-report", {"out": str(args.out), "csv_dir": args.csv_dir, "report_year": report.year})
    for message in report.notes:
        note(message)
    print(f"wrote {args.out}: report for {report.year} ({len(report.tables)} tables)", file=sys.stderr)
    return 0


def run_charts(args: argparse.Namespace) -> int:
    from seawall.indicators.charts import chart_tables
    from seawall.indicators.svg import render

    counts, year, threshold = load(args)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[dict[str, Any]] = []
    for chart in chart_tables(counts, year):
        data = chart.publishable(threshold)
        write_csv(out / f"{chart.name}.csv", data)
        write_text(out / f"{chart.name}.svg", render(chart, threshold))
        written.append({"name": chart.name, "rows": len(data)})
    audit(args, "charts", {"out_dir": str(out), "charts": [item["name"] for item in written]})
    print(f"wrote {len(written)} charts to {out}: " + ", ".join(item["name"] for item in written), file=sys.stderr)
    return 0
