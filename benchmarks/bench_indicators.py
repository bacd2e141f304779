"""SDG 16.2.2 and the annual report over 1,000,000 synthetic cases, against a raw DuckDB GROUP BY.

python -m benchmarks [--quick] indicators

The anchor is one DuckDB GROUP BY ... count(*) over the same in-memory table, on an open
connection, grouping the raw columns the computation reads, with no validation or mapping:
the least work a correct answer needs. For 16.2.2 from CTDC v1 that is year, country, gender,
ageBroad, majorityStatus and the six form flags (11 columns); the annual report also reads
citizenship and Datasource (13). A 4-column GROUP BY is printed too, for scale. Each figure
is the median of repeated runs from the table, as the CLI computes it (file reading excluded:
read_ctdc is the import issue's code, timed there). Target: at most 3x the anchor.

The machine may be shared: runs are interleaved (anchor, then each candidate, round after
round) so that a burst of load hits all of them alike, and the ratio is taken of medians.
"""

from __future__ import annotations

import sys
import time

import duckdb
import numpy as np
import pandas as pd

from benchmarks.common import interleaved_medians, report
from seawall.indicators.cases import NODE_CASE_COLUMNS
from seawall.indicators.counts import COUNT_KEYS, SDG_DIMENSIONS
from seawall.indicators.ctdc import OTHER_FORM_FLAGS, case_counts_from_ctdc
from seawall.indicators.node import case_counts_from_node_cases
from seawall.indicators.report import annual_report
from seawall.indicators.sdg_16_2_2 import publishable, sdg_16_2_2
from seawall.synth.ctdc import generate_ctdc_v1

FULL_ROWS = 1_000_000
QUICK_ROWS = 50_000
TARGET = "<= 3x"
CTDC_KEYS = ("yearOfRegistration", "CountryOfExploitation", "gender", "ageBroad", "majorityStatus",
             "isSexualExploit", "isForcedLabour", *OTHER_FORM_FLAGS)
REPORT_CTDC_KEYS = (*CTDC_KEYS, "citizenship", "Datasource")
NODE_KEYS = ("year", "country_iso3", "sex", "age_group", "form_sexual_exploitation", "form_forced_labour",
             "form_other")
REPORT_NODE_KEYS = (*COUNT_KEYS, "trafficking_status")


def raw_group_by(connection: duckdb.DuckDBPyConnection, table: pd.DataFrame, keys: tuple[str, ...]) -> int:
    """The anchor: the GROUP BY one would write by hand, on an open connection."""
    columns = ", ".join(f'"{key}"' for key in keys)
    cursor = connection.cursor()
    try:
        cursor.register("cases", table)
        return len(cursor.sql(f"SELECT {columns}, count(*) AS n FROM cases GROUP BY ALL").fetchall())
    finally:
        cursor.close()


def node_cases_like(ctdc: pd.DataFrame) -> pd.DataFrame:
    """The same cases as a node would give them (cases.NodeCase columns), built vectorised."""
    from seawall.indicators.countries import iso3

    def codes(column: str) -> pd.Series:
        mapping = {raw: (iso3(raw) or "") if raw not in ("", "Missing", "Unknown") else ""
                   for raw in ctdc[column].unique()}
        return ctdc[column].map(mapping)

    band = ctdc["ageBroad"]
    age = np.where(band.isin(["0--8", "9--17"]), "0-17", np.where(band.isin(["", "Unknown"]), "unknown", "18+"))
    other = np.zeros(len(ctdc), dtype=bool)
    for flag in OTHER_FORM_FLAGS:
        other |= (ctdc[flag] == "1").to_numpy()
    frame = pd.DataFrame({
        "case_id": np.arange(len(ctdc)).astype(str),
        "year": ctdc["yearOfRegistration"].astype("int64"),
        "country_iso3": codes("CountryOfExploitation"),
        "sex": ctdc["gender"].str.lower().where(ctdc["gender"].isin(["Female", "Male"]), "unknown"),
        "age_group": age,
        "form_sexual_exploitation": (ctdc["isSexualExploit"] == "1").to_numpy(),
        "form_forced_labour": (ctdc["isForcedLabour"] == "1").to_numpy(),
        "form_other": other,
        "nationality_iso3": codes("citizenship"),
    })
    frame["origin_iso3"] = frame["nationality_iso3"]
    frame["exploitation_iso3"] = frame["country_iso3"]
    frame["identifying_agency"] = np.where(np.arange(len(ctdc)) % 3 == 0, "Police TIP Unit", "Shelter NGO")
    frame["data_source"] = ctdc["Datasource"]
    frame["trafficking_status"] = "ActualVictimOfTrafficking"
    return frame[list(NODE_CASE_COLUMNS)]


def main(argv: list[str]) -> None:
    rows = QUICK_ROWS if "--quick" in argv else FULL_ROWS
    rounds = 3 if "--quick" in argv else 7
    print(f"generating {rows:,} synthetic CTDC v1 cases (seawall.synth.ctdc, seed 1)", file=sys.stderr, flush=True)
    ctdc = generate_ctdc_v1(rows, seed=1, progress=True)
    latest = int(ctdc["yearOfRegistration"].astype(int).max())
    node = node_cases_like(ctdc)
    connection = duckdb.connect()

    ctdc_times = interleaved_medians({
        "narrow": lambda: raw_group_by(connection, ctdc, CTDC_KEYS[:4]),
        "anchor": lambda: raw_group_by(connection, ctdc, CTDC_KEYS),
        "report_anchor": lambda: raw_group_by(connection, ctdc, REPORT_CTDC_KEYS),
        "sdg": lambda: publishable(sdg_16_2_2(case_counts_from_ctdc(ctdc, dimensions=SDG_DIMENSIONS))),
        "report": lambda: annual_report(case_counts_from_ctdc(ctdc), latest).to_dict(5),
    }, rounds, warmup=1)
    narrow = ctdc_times["narrow"]
    report(f"raw DuckDB GROUP BY, 4 columns (year, country, gender, ageBroad), {rows:,} cases", narrow)
    report(f"raw DuckDB GROUP BY, the 11 columns 16.2.2 reads, {rows:,} cases", ctdc_times["anchor"])
    report(f"raw DuckDB GROUP BY, the 13 columns the annual report reads, {rows:,} cases", ctdc_times["report_anchor"])
    report(f"16.2.2 from CTDC v1 table, all years, validated and suppressed, {rows:,} cases", ctdc_times["sdg"],
           "11-column GROUP BY", ctdc_times["anchor"], TARGET)
    report("  the same against the 4-column GROUP BY", ctdc_times["sdg"], "4-column GROUP BY", narrow)
    report(f"annual report {latest} from CTDC v1 table (incl. its 16.2.2), {rows:,} cases", ctdc_times["report"],
           "13-column GROUP BY", ctdc_times["report_anchor"], TARGET)
    report("  the same against the 4-column GROUP BY", ctdc_times["report"], "4-column GROUP BY", narrow)

    node_times = interleaved_medians({
        "anchor": lambda: raw_group_by(connection, node, NODE_KEYS),
        "report_anchor": lambda: raw_group_by(connection, node, REPORT_NODE_KEYS),
        "sdg": lambda: publishable(sdg_16_2_2(case_counts_from_node_cases(node, dimensions=SDG_DIMENSIONS))),
        "report": lambda: annual_report(case_counts_from_node_cases(node), latest).to_dict(5),
    }, rounds, warmup=1)
    report(f"raw DuckDB GROUP BY over node cases, the 7 columns 16.2.2 reads, {rows:,} cases", node_times["anchor"])
    report(f"raw DuckDB GROUP BY over node cases, the 13 columns the report reads, {rows:,} cases",
           node_times["report_anchor"])
    report(f"16.2.2 from node-cases table, {rows:,} cases", node_times["sdg"],
           "7-column GROUP BY", node_times["anchor"], TARGET)
    report(f"annual report {latest} from node-cases table, {rows:,} cases", node_times["report"],
           "13-column GROUP BY", node_times["report_anchor"], TARGET)
    report("  the same against the 7-column GROUP BY", node_times["report"], "7-column GROUP BY", node_times["anchor"])


if __name__ == "__main__":
    main(sys.argv[1:])
