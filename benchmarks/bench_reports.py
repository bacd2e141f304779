"""SDG 16.2.2 and the annual report from the node database, against one raw DuckDB GROUP BY.

python -m benchmarks [--quick] reports          (or python -m benchmarks.bench_reports [--cases N])

bench_indicators times the core on an in-memory table; this adds the node's own path: reading
the victim cases out of the database (seawall.reports.node_table) and computing from them, as
`seawall indicators ... ` without --input and the dashboard's first view do. The anchor is the
core benchmark's: one DuckDB GROUP BY ... count(*) over the same cases (as a node-cases
table in memory), grouping the columns the computation reads, on an open connection, in the
same run. A second anchor is one plain SQL GROUP BY in the node database itself (SQLite here),
over the raw case columns, with no joins: the least a database-side count costs.

Cases are written with bulk_create of minimal rows (no identity: as an import without names),
1,000,000 by default, so loading takes minutes instead of the demo loader's half hour.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import interleaved_medians, report

FULL_CASES = 1_000_000
QUICK_CASES = 20_000
TARGET = "<= 3x"
BATCH = 20_000
CITIZENSHIPS = ("VEN", "GUY", "HTI", "DOM", "COL", "CUB", "BRA", "JAM", "CHN", "SUR", "TTO", "")
COUNTRIES = ("GUY", "TTO", "SUR", "BRB", "VEN", "BRA", "DOM", "USA")
TYPES = ("|SexualExploitation|", "|ForcedLabour|", "|Servitude|", "|SexualExploitation|ForcedLabour|",
         "|ForcedBegging|", "|ForcedMarriage|", "")
GENDERS = ("Feminine", "Masculine", "NonSpecifiedUnknown", "TransgenderFeminine")
STATUSES = ("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking")


def _setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["SEAWALL_TEST_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings_test")
    import django

    django.setup()


def load(n: int, seed: int = 4) -> None:
    """n cases with persons and 0-2 events each, drawn at random with fixed proportions."""
    from django.core.management import call_command
    from django.db import transaction

    from seawall.accounts.models import Agency, User
    from seawall.cases.models import Person, TraffickingEvent, VictimCase

    call_command("migrate", verbosity=0)
    agencies = [Agency.objects.create(name=name, org_type="NGO", country="GUY")
                for name in ("Ministry CT Unit", "Police TIP Unit", "Shelter NGO", "Labour Inspectorate", "IOM")]
    creator = User.objects.create_user("bench", password="x", role="caseworker", agency=agencies[0])
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        pick = lambda values, p=None: rng.choice(len(values), size=size, p=p)  # noqa: E731
        gender = pick(GENDERS, [0.6, 0.3, 0.08, 0.02])
        citizenship = pick(CITIZENSHIPS)
        age = rng.integers(8, 60, size=size)
        no_age = rng.random(size) < 0.1
        types = pick(TYPES)
        agency = pick(agencies)
        status = pick(STATUSES, [0.5, 0.45, 0.05])
        year = rng.integers(2015, 2025, size=size)
        day = rng.integers(1, 28, size=size)
        origin = pick(COUNTRIES)
        exploitation = pick(COUNTRIES)
        has_origin, has_exploitation = rng.random(size) < 0.7, rng.random(size) < 0.8
        with transaction.atomic():
            persons = Person.objects.bulk_create([
                Person(owner_agency=agencies[agency[i]], identity_recorded=False, gender=GENDERS[gender[i]],
                       citizenships=[CITIZENSHIPS[citizenship[i]]] if CITIZENSHIPS[citizenship[i]] else [],
                       created_by=creator) for i in range(size)], batch_size=2000)
            cases = VictimCase.objects.bulk_create([
                VictimCase(code=f"GUY-B{first + i:07d}", person=persons[i], owner_agency=agencies[agency[i]],
                           identified_by=agencies[agency[i]], identified_on=dt.date(int(year[i]), 6, int(day[i])),
                           age_at_identification=None if no_age[i] else int(age[i]),
                           age_group="unknown" if no_age[i] else ("0-17" if age[i] < 18 else "18+"),
                           exploitation_types=TYPES[types[i]], trafficking_status=STATUSES[status[i]],
                           source="registered", created_by=creator) for i in range(size)], batch_size=2000)
            events = [TraffickingEvent(case=cases[i], event_type="Recruitment", country=COUNTRIES[origin[i]])
                      for i in range(size) if has_origin[i]]
            events += [TraffickingEvent(case=cases[i], event_type="Exploitation", country=COUNTRIES[exploitation[i]])
                       for i in range(size) if has_exploitation[i]]
            TraffickingEvent.objects.bulk_create(events, batch_size=2000)
        done = first + size
        print(f"\r  loaded {done:,}/{n:,} cases ({time.perf_counter() - start:.0f} s)", end="", file=sys.stderr,
              flush=True)
    print(file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(n: int, rounds: int) -> None:
    import duckdb
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from benchmarks.bench_indicators import NODE_KEYS, REPORT_NODE_KEYS, raw_group_by
    from seawall.accounts.models import Agency, User
    from seawall.indicators.counts import SDG_DIMENSIONS
    from seawall.indicators.node import case_counts_from_node_cases
    from seawall.indicators.report import annual_report
    from seawall.indicators.sdg_16_2_2 import publishable, sdg_16_2_2
    from seawall.reports.node_table import node_cases_table
    from seawall.reports.source import compute, node_counts

    table = node_cases_table().table
    frame = table.to_pandas()  # the anchor reads the same cases as the core benchmark does: a DataFrame
    latest = int(frame["year"].max())
    duck = duckdb.connect()

    def sdg_from_db() -> object:
        counts = case_counts_from_node_cases(node_cases_table().table, dimensions=SDG_DIMENSIONS)
        return publishable(sdg_16_2_2(counts))

    def report_from_db() -> object:
        return annual_report(compute().counts, latest).to_dict(5)

    def sql_group_by() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT identified_on, age_group, exploitation_types, trafficking_status, count(*) "
                           "FROM cases_victimcase GROUP BY 1, 2, 3, 4")
            return len(cursor.fetchall())

    times = interleaved_medians({
        "anchor": lambda: raw_group_by(duck, frame, NODE_KEYS),
        "report_anchor": lambda: raw_group_by(duck, frame, REPORT_NODE_KEYS),
        "sql": sql_group_by,
        "table": node_cases_table,
        "sdg": sdg_from_db,
        "report": report_from_db,
    }, rounds, warmup=1)
    report(f"raw DuckDB GROUP BY over node cases, the 7 columns 16.2.2 reads, {n:,} cases", times["anchor"])
    report(f"raw DuckDB GROUP BY over node cases, the 13 columns the report reads, {n:,} cases",
           times["report_anchor"])
    report(f"raw SQL GROUP BY in the node database (SQLite, 4 plain columns, no joins), {n:,} cases", times["sql"])
    report(f"node-cases table read from the database (3 queries, Arrow), {n:,} cases", times["table"],
           "7-column DuckDB GROUP BY", times["anchor"])
    report(f"16.2.2 from the node database (read + compute + suppress), {n:,} cases", times["sdg"],
           "7-column DuckDB GROUP BY", times["anchor"], TARGET)
    report("  the same against the SQL GROUP BY in the database", times["sdg"], "SQL GROUP BY", times["sql"])
    report(f"annual report {latest} from the node database, {n:,} cases", times["report"],
           "13-column DuckDB GROUP BY", times["report_anchor"], TARGET)
    report("  the same against the SQL GROUP BY in the database", times["report"], "SQL GROUP BY", times["sql"])

    # The pages: the first view reads the cases; later views reuse the counts while the
    # fingerprint of the case tables is unchanged.
    secretariat = Agency.objects.create(name="Secretariat", org_type="CentralGovernmentOrganisation", country="GUY")
    client = Client()
    client.force_login(User.objects.create_user("bench-coord", password="x", role="coordinator", agency=secretariat))
    cache.clear()
    start = time.perf_counter()
    assert client.get("/reports/").status_code == 200
    cold = time.perf_counter() - start
    pages = interleaved_medians({
        "fingerprint": lambda: node_counts(),
        "dashboard": lambda: client.get("/reports/"),
        "annual": lambda: client.get("/reports/annual/"),
        "csv": lambda: client.get("/reports/charts/routes.csv"),
    }, rounds, warmup=1)
    report(f"dashboard page, first view (reads the cases), {n:,} cases", cold)
    report("dashboard page, counts cached", pages["dashboard"])
    report("annual report page, counts cached", pages["annual"])
    report("chart CSV download, counts cached", pages["csv"])
    report("  of which the cache check (fingerprint of the case tables)", pages["fingerprint"])


def main(argv: list[str]) -> None:
    n = QUICK_CASES if "--quick" in argv else FULL_CASES
    if "--cases" in argv:
        n = int(argv[argv.index("--cases") + 1])
    rounds = 3
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp) / "bench.sqlite3")
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        start = time.perf_counter()
        load(n)
        print(f"loaded {n:,} cases into SQLite in {time.perf_counter() - start:.0f} s", flush=True)
        measure(n, rounds)


if __name__ == "__main__":
    main(sys.argv[1:])
