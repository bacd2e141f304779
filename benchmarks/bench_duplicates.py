"""The registration check against 100,000 and 1,000,000 persons (issue 5's measure).

Persons come from seawall.synth.duplicates (registrations of the same people by several
agencies, with ground truth); a few hundred registrations are held out and checked as new
ones. Reported per size and database: building the match keys; median and p95 of the
check's core (`find_matches`, after one untimed pass) and of the whole htmx request
(sign-in middleware, policy, audit, rendering), with the same request searching nothing as
an anchor; how often the best candidate was the same person; and, for comparison up to
200,000, the alternative of a CandidateIndex kept in each process's memory (decrypt every
person, standardise, index: its build time, memory and per-check time).

    python -m benchmarks duplicates                 # 100,000 and 1,000,000 on SQLite; 100,000 on PostgreSQL
    python -m benchmarks.bench_duplicates --sizes 100000 --databases sqlite,postgres
    python -m benchmarks duplicates --quick          # 10,000 on SQLite

Each size runs in a child process with a fresh database (one Django process holds one
database configuration, and memory is measured per process).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = 300
CHUNK = 5_000
SEED = 61


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings_test")
    os.environ.pop("SEAWALL_TEST_DATABASE_URL", None)
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _load(n_persons: int) -> tuple[list[dict[str, Any]], dict[int, int], Any]:
    """Insert about n_persons persons (a case each); return the held-out registrations,
    truth {person pk: person_id} and the caseworker."""
    import pandas as pd
    from django.db import connection, transaction

    from seawall.accounts.models import User
    from seawall.cases.demo import create_agencies
    from seawall.cases.models import Person, VictimCase, new_case_code
    from seawall.duplicates.tests.helpers import person_fields
    from seawall.synth.duplicates import generate

    agencies = create_agencies("GUY")
    worker = User.objects.create_user("bench-caseworker", password="x", role="caseworker", agency=agencies[0])
    records = generate(n_persons + QUERIES * 3, seed=SEED)
    counts = records["person_id"].value_counts()
    repeated = records[records["person_id"].isin(counts[counts >= 2].index) & (records["given_name"] != "")]
    held = repeated.drop_duplicates("person_id").sample(QUERIES, random_state=SEED)
    rest = records.drop(held.index).head(n_persons)
    truth: dict[int, int] = {}
    used: set[str] = set()

    def code() -> str:
        # 32^7 random codes: among 100,000 cases two are alike about one run in seven, and
        # a bulk insert then fails on the unique constraint; draw until unused.
        while (made := new_case_code()) in used:
            pass
        used.add(made)
        return made

    start = time.perf_counter()
    rows = rest.to_dict("records")
    for begin in range(0, len(rows), CHUNK):
        chunk = [(r, person_fields(r)) for r in rows[begin:begin + CHUNK]]
        chunk = [(r, f) for r, f in chunk if f]
        with transaction.atomic():
            persons = Person.objects.bulk_create([Person(owner_agency=agencies[0], created_by=worker, **f)
                                                  for _, f in chunk])
            VictimCase.objects.bulk_create([
                VictimCase(code=code(), person=p, owner_agency=agencies[0], identified_by=agencies[0], created_by=worker,
                           identified_on=dt.date(2025, 1, 1)) for p in persons])
        truth.update({p.pk: int(r["person_id"]) for p, (r, _) in zip(persons, chunk, strict=True)})
        _say(f"loaded {len(truth):,} persons ({time.perf_counter() - start:.0f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    held_rows = [{**r, "fields": person_fields(r)} for r in held.to_dict("records")]
    return held_rows, truth, worker


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def run_one(label: str, database_url: str, n_persons: int, in_memory: bool) -> None:
    _setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from seawall.conftest import signed_in
    from seawall.duplicates import keys
    from seawall.duplicates.matching import find_matches

    held, truth, worker = _load(n_persons)
    start = time.perf_counter()
    written = keys.rebuild(lambda done, total: _say(f"keyed {done:,} of {total:,}") if done % 100_000 < 2_000 else None)
    key_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # One untimed pass first: the model's scorer, the key counts, and the key index's pages
    # in the page cache, as on a node in daily use (the first pass after loading a million
    # persons read the index from disk and took about twice as long).
    for row in held:
        find_matches(row["fields"], limit=5)

    core, hits, candidates = [], 0, []
    for row in held:
        began = time.perf_counter()
        result = find_matches(row["fields"], limit=5)
        core.append(time.perf_counter() - began)
        candidates.append(result.candidates)
        hits += bool(result.matches) and truth.get(result.matches[0].person_id) == row["person_id"]

    client = signed_in(worker)
    url = "/duplicates/check/"
    requests = []
    for row in held:
        f = row["fields"]
        post = {"person-given_names": f["given_names"], "person-family_names": f["family_names"],
                "person-gender": f["gender"], "person-birth_date": f["birth_date"],
                "person-citizenships": f["citizenships"], "person-phones": "\n".join(f["phones"])}
        began = time.perf_counter()
        response = client.post(url, post, HTTP_HX_REQUEST="true")
        requests.append(time.perf_counter() - began)
        assert response.status_code == 200, response.content[:300]

    anchor = []
    for _ in range(30):  # the same request with nothing typed: sign-in, middleware, form, no search
        began = time.perf_counter()
        client.post(url, {"person-given_names": ""}, HTTP_HX_REQUEST="true")
        anchor.append(time.perf_counter() - began)

    print(f"[{label}] {len(truth):,} persons; keys: {written:,} in {key_seconds:.0f} s")
    print(f"[{label}] registration check, core: {_ms(core)}; candidates scored: median "
          f"{statistics.median(candidates):.0f}, max {max(candidates)}")
    print(f"[{label}] registration check, whole htmx request: {_ms(requests)} "
          f"(the same request with nothing to search: {_ms(anchor)})")
    print(f"[{label}] best candidate was the same person for {hits} of {len(held)} held-out registrations")
    if in_memory:
        _in_memory(label, held, truth)
    sys.stdout.flush()


def _in_memory(label: str, held: list[dict[str, Any]], truth: dict[int, int]) -> None:
    """The alternative: a CandidateIndex per process, built from every decrypted person."""
    import pandas as pd
    from django.conf import settings

    from seawall.cases.models import Person
    from seawall.duplicates.profiles import PROFILE_FIELDS, input_record, person_values, profile_of
    from seawall.linkage import CandidateIndex, standardise

    before = _rss_mb()
    start = time.perf_counter()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    rows = []
    for begin in range(0, len(ids), CHUNK):
        for p in Person.objects.filter(pk__in=ids[begin:begin + CHUNK]).only("id", *PROFILE_FIELDS):
            rows.append(input_record(str(p.pk), "", profile_of(person_values(p))))
    read = time.perf_counter() - start
    index = CandidateIndex(standardise(pd.DataFrame(rows), settings.NODE_COUNTRY), node_country=settings.NODE_COUNTRY)
    built = time.perf_counter() - start
    del rows
    grown = _rss_mb() - before
    times, hits = [], 0
    for row in held:
        record = input_record("", "", profile_of(row["fields"]))
        record.pop("record_id")
        began = time.perf_counter()
        found = index.candidates(record, limit=5)
        times.append(time.perf_counter() - began)
        hits += bool(found) and truth.get(int(found[0].record_id)) == row["person_id"]
    print(f"[{label}] alternative, CandidateIndex in each process: built in {built:.0f} s "
          f"({read:.0f} s reading and decrypting), +{grown:,.0f} MB resident; check {_ms(times)}; "
          f"best candidate right for {hits} of {len(held)}")


def _postgres_database() -> str | None:
    from seawall.testing.services import postgres_reachable, postgres_url

    url = postgres_url()
    if not postgres_reachable(url):
        return None
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS seawall_bench_dup")
        admin.execute("CREATE DATABASE seawall_bench_dup")
    return base + "/seawall_bench_dup"


def _drop_postgres() -> None:
    import psycopg

    from seawall.testing.services import postgres_url

    with psycopg.connect(postgres_url().rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS seawall_bench_dup")


def _option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv: list[str]) -> None:
    if "--one" in argv:
        label, url, size, memory = argv[argv.index("--one") + 1:argv.index("--one") + 5]
        run_one(label, url, int(size), memory == "1")
        return
    quick = "--quick" in argv
    sizes = [int(s) for s in _option(argv, "--sizes", "10000" if quick else "100000,1000000").split(",")]
    databases = _option(argv, "--databases", "sqlite" if quick else "sqlite,postgres").split(",")
    for size in sizes:
        for database in databases:
            # PostgreSQL at a million takes long to load here; asked for by --sizes it still runs.
            if database == "postgres" and size > 100_000 and "--sizes" not in argv:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}" if database == "sqlite" else _postgres_database()
                if url is None:
                    print("PostgreSQL not reachable: no PostgreSQL figures")
                    continue
                label = f"{database} {size:,}"
                print(f"== {label} ==", flush=True)
                try:
                    subprocess.run([sys.executable, "-m", "benchmarks.bench_duplicates", "--one", label, url,
                                    str(size), "1" if size <= 200_000 else "0"], check=False)
                finally:
                    if database == "postgres":
                        _drop_postgres()


if __name__ == "__main__":
    main(sys.argv[1:])
