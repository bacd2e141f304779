"""Case list and name search with 100,000 synthetic cases, against a bare authenticated page.

Issue 2's measure: median time of the case list page and of a name search, each as a
ratio to a bare authenticated Django page served by the same process in the same run
(targets: list ≤ 3×, search ≤ 3×). Runs on a SQLite file (the embedded default) and, when
it answers, on PostgreSQL. `--quick` uses 5,000 cases.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median_seconds, report


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings_test")
    os.environ.pop("SEAWALL_TEST_DATABASE_URL", None)
    import django
    from django.conf import settings

    if not settings.configured or not hasattr(settings, "ROOT_URLCONF"):
        django.setup()
    settings.ROOT_URLCONF = "benchmarks.node_urls"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def run(database_url: str, n_cases: int, label: str) -> None:
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from seawall.cases.demo import create_agencies, load_cases
    from seawall.conftest import signed_in
    from seawall.synth.node import generate_cases

    agencies = create_agencies("GUY")
    from seawall.accounts.models import User

    worker = User.objects.create_user("bench-caseworker", password="x", role="caseworker", agency=agencies[0])
    coordinator = User.objects.create_user("bench-coordinator", password="x", role="coordinator", agency=agencies[8])
    start = time.perf_counter()
    load_cases(generate_cases(n_cases, seed=7), agencies, worker,
               progress=lambda done: print(f"\r  loading {done}/{n_cases} cases", end="", file=sys.stderr, flush=True))
    print(f"\n  [{label}] loaded {n_cases} cases in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from seawall.cases.models import VictimCase

    sample = VictimCase.objects.filter(owner_agency=agencies[0]).select_related("person").first()
    query = f"{sample.person.given_names.split()[0]} {sample.person.family_names.split()[0]}".lower()
    misspelt = query.replace("a", "e", 1)
    client = signed_in(worker)
    coord = signed_in(coordinator)
    for url in ("/bench/bare/", "/cases/", f"/cases/?q={query}"):
        assert client.get(url).status_code == 200, url
    visible = VictimCase.objects.filter(owner_agency=agencies[0]).count()
    bare = median_seconds(lambda: client.get("/bench/bare/"), repeat=30, warmup=3)
    listing = median_seconds(lambda: client.get("/cases/"), repeat=15, warmup=2)
    coord_listing = median_seconds(lambda: coord.get("/cases/"), repeat=15, warmup=2)
    search = median_seconds(lambda: client.get("/cases/", {"q": query}), repeat=15, warmup=2)
    fuzzy = median_seconds(lambda: client.get("/cases/", {"q": misspelt}), repeat=15, warmup=2)
    filtered = median_seconds(lambda: coord.get("/cases/", {"exploitation": "ForcedLabour", "nationality": "VEN", "year": 2024}),
                              repeat=15, warmup=2)
    print(f"[{label}] {n_cases} cases, caseworker sees {visible}; search {query!r}, misspelt {misspelt!r}")
    report(f"[{label}] bare authenticated page", bare)
    report(f"[{label}] case list (caseworker)", listing, "bare page", bare, "≤ 3×")
    report(f"[{label}] case list (coordinator, all cases)", coord_listing, "bare page", bare, "≤ 3×")
    report(f"[{label}] name search", search, "bare page", bare, "≤ 3×")
    report(f"[{label}] misspelt name search", fuzzy, "bare page", bare, "≤ 3×")
    report(f"[{label}] filtered list (coordinator)", filtered, "bare page", bare)
    body = client.get("/cases/").content
    print(f"[{label}] case list HTML: {len(body) / 1024:.1f} KB")


def main(argv: list[str]) -> None:
    """SQLite in this process; PostgreSQL in a child process (one Django process holds one
    database configuration), both with the same synthetic cases."""
    n_cases = 5_000 if "--quick" in argv else 100_000
    if "--postgres" in argv:
        _run_postgres(n_cases)
        return
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite3"
        _setup(f"sqlite:///{database}")
        run(f"sqlite:///{database}", n_cases, "sqlite")
    from seawall.testing.services import postgres_reachable, postgres_url

    if postgres_reachable(postgres_url()):
        import subprocess

        subprocess.run([sys.executable, "-m", "benchmarks.bench_node", "--postgres", *argv], check=False)
    else:
        print("PostgreSQL not reachable: no PostgreSQL figures")


def _run_postgres(n_cases: int) -> None:
    import psycopg

    from seawall.testing.services import postgres_url

    base = postgres_url().rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS seawall_bench")
        admin.execute("CREATE DATABASE seawall_bench")
    try:
        _setup(base + "/seawall_bench")
        run(base + "/seawall_bench", n_cases, "postgres")
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS seawall_bench")


if __name__ == "__main__":
    main(sys.argv[1:])
