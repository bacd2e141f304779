"""Import and export of the real CTDC v1 file (47,102 rows) through the node's database.

Issue 3's measure: median seconds of `seawall import ctdc` (read, validate, write in one
transaction, audited) into SQLite (a file, as the embedded default runs) and into
PostgreSQL when it answers, each as a ratio to pandas.read_csv of the same file in the same
run (target: ≤ 20 s on SQLite on the 2-core machine); then the median seconds of a CTDC v1
export of those cases. Between import runs the batch is undone (timed too) so every run
starts from the same database. `--quick` uses the first 5,000 rows.

One process holds one database configuration: PostgreSQL runs in a child process
(`python -m benchmarks.bench_imports --postgres URL`), against a throwaway database.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median_seconds, report

REPO = Path(__file__).resolve().parents[1]
CTDC_V1 = REPO.parent / "shared" / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"
QUICK_ROWS = 5_000


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings_test")
    os.environ["SEAWALL_TEST_DATABASE_URL"] = "" if database_url.startswith("sqlite") else database_url
    import django

    django.setup()


def _slice(source: Path, rows: int, folder: Path) -> Path:
    target = folder / f"ctdc_first_{rows}.csv"
    with source.open(encoding="utf-8") as handle:
        lines = [line for _, line in zip(range(rows + 1), handle, strict=False)]
    target.write_text("".join(lines), encoding="utf-8")
    return target


def run(label: str, path: Path, repeat: int) -> None:
    import pandas as pd
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from seawall.accounts.models import Agency, User
    from seawall.transfers.exporting import export_cases
    from seawall.transfers.importing import import_path
    from seawall.transfers.reading import read_for_import
    from seawall.transfers.undo import undo_batch

    agency = Agency.objects.create(name="Bench CT Unit", org_type="CentralGovernmentOrganisation", country="GUY")
    user = User.objects.create_user("bench-importer", password="x", role="caseworker", agency=agency)
    pandas_read = median_seconds(lambda: pd.read_csv(path), repeat=5, warmup=1)
    reading = median_seconds(lambda: read_for_import("ctdc", path), repeat=3, warmup=0)

    imports, undos = [], []
    batch = None
    for number in range(repeat):
        if batch is not None:
            start = time.perf_counter()
            undo_batch(batch, user)
            undos.append(time.perf_counter() - start)
        start = time.perf_counter()
        result, batch, outcome = import_path(user, path, "ctdc")
        imports.append(time.perf_counter() - start)
        assert result.ok and outcome is not None, [str(p) for p in result.errors[:3]]
        print(f"  [{label}] import run {number + 1}: {imports[-1]:.1f} s ({outcome.cases} cases)",
              file=sys.stderr, flush=True)
    exporting = median_seconds(lambda: export_cases(user, "ctdc-v1", reason="bench"), repeat=3, warmup=1)
    cases = outcome.cases if outcome else 0
    print(f"[{label}] {cases} CTDC v1 rows from {path.name}")
    report(f"[{label}] pandas.read_csv", pandas_read)
    report(f"[{label}] read + validate (no database)", reading, "pandas.read_csv", pandas_read)
    report(f"[{label}] import (read, validate, write, audit)", statistics.median(imports), "pandas.read_csv",
           pandas_read, "≤ 20 s on SQLite" if label == "sqlite" else "")
    report(f"[{label}] export as CTDC v1", exporting, "pandas.read_csv", pandas_read)
    if undos:
        report(f"[{label}] undo of the import", statistics.median(undos))


def _postgres(url: str, quick: bool) -> None:
    """Child process: a fresh database on the server named in `url`, dropped afterwards."""
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"seawall_bench_imports_{os.getpid()}"
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _setup(f"{base}/{name}")
        with tempfile.TemporaryDirectory() as tmp:
            path = _slice(CTDC_V1, QUICK_ROWS, Path(tmp)) if quick else CTDC_V1
            run("postgresql", path, repeat=3)
        from django.db import connections

        connections.close_all()
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    if not CTDC_V1.is_file():
        print(f"skipped: {CTDC_V1} is not beside the repository (../shared is absent)")
        return
    if "--postgres" in argv:
        _postgres(argv[argv.index("--postgres") + 1], quick)
        return
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite3"
        path = _slice(CTDC_V1, QUICK_ROWS, Path(tmp)) if quick else CTDC_V1
        _setup(f"sqlite:///{database}")
        run("sqlite", path, repeat=3)
    from seawall.testing.services import postgres_reachable, postgres_url

    url = postgres_url()
    if not postgres_reachable(url):
        print(f"(PostgreSQL not reachable at {url}: SQLite figures only)")
        return
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "benchmarks.bench_imports", "--postgres", url, *(["--quick"] if quick else [])],
                   cwd=REPO, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
