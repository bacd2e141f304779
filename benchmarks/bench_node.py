"""Case list and name search with 100,000 synthetic cases, against a bare authenticated page.

Issue 2's measure: median time of the case list page and of a name search, each as a
ratio to a bare authenticated Django page served by the same process in the same run
(targets: list ≤ 3×, search ≤ 3×). Two ways, both printed: in process through Django's test
client (the view's own cost, nothing around it), and over HTTP from gunicorn with one worker
on loopback (what a user's request costs the server). Pages are measured in turns, five
requests of each per round, the garbage collector emptied before each five, so that the
machine's noise falls on all alike and no page pays for another's garbage. Django's test
instrumentation of templates is not installed (see `run`). Runs on a SQLite file (the
embedded default) and, when it answers, on PostgreSQL. `--quick` uses 5,000 cases.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import interleaved_medians, report


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
    # Django's test environment (setup_test_environment) is deliberately not installed: it
    # makes every template render send a signal and the test client copy its context,
    # which a served page never does; only the template pages paid for it, not the anchor.
    from django.core.management import call_command
    from django.db import connection

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
        # A live node's tables are analysed, and on PostgreSQL vacuumed (the visibility map
        # that lets an index answer alone), by autovacuum after a load like this one.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    from seawall.cases.models import VictimCase

    sample = VictimCase.objects.filter(owner_agency=agencies[0]).select_related("person").first()
    given, family = sample.person.given_names.split()[0].lower(), sample.person.family_names.split()[0].lower()
    query = f"{given} {family}"
    misspelt = f"{given} {_misspell(family)}"
    from seawall.cases.identity import persons_matching

    for typed in (query, misspelt):  # both must find her, or the figure measures nothing
        assert sample.person_id in persons_matching(typed), typed
    client = signed_in(worker)
    coord = signed_in(coordinator)
    for url in ("/bench/bare/", "/cases/", f"/cases/?q={query}"):
        assert client.get(url).status_code == 200, url
    visible = VictimCase.objects.filter(owner_agency=agencies[0]).count()
    print(f"[{label}] {n_cases} cases, caseworker sees {visible}; search {query!r}, misspelt {misspelt!r}")
    pages = {
        "bare authenticated page": (client, "/bench/bare/", {}),
        "case list (caseworker)": (client, "/cases/", {}),
        "case list (coordinator, all cases)": (coord, "/cases/", {}),
        "name search": (client, "/cases/", {"q": query}),
        "misspelt name search": (client, "/cases/", {"q": misspelt}),
        "filtered list (coordinator)": (coord, "/cases/", {"exploitation": "ForcedLabour", "nationality": "VEN", "year": 2024}),
    }
    in_process = interleaved_medians(
        {name: (lambda c=c, u=u, p=p: c.get(u, p)) for name, (c, u, p) in pages.items()},
        rounds=10, warmup=3, block=5)
    _report(f"[{label}] in process (Django test client)", in_process)
    with _served(database_url) as base:
        fetch = {name: _http_get(base, url, params, c) for name, (c, url, params) in pages.items()}
        # The server's own collector cannot be emptied from here: blocks of five keep one
        # page's garbage mostly on its own requests.
        over_http = interleaved_medians(fetch, rounds=10, warmup=3, block=5)
    _report(f"[{label}] over HTTP (gunicorn, one worker, loopback)", over_http)
    body = client.get("/cases/").content
    print(f"[{label}] case list HTML: {len(body) / 1024:.1f} KB")


def _misspell(word: str) -> str:
    """One vowel after the first letter written as another, as forms are misspelt: the
    search must find it by sound."""
    for at, letter in enumerate(word[1:], start=1):
        if letter in "aeiou":
            return word[:at] + ("e" if letter != "e" else "a") + word[at + 1:]
    return word + "e"


TARGETS = {"case list (caseworker)": "≤ 3×", "case list (coordinator, all cases)": "≤ 3×",
           "name search": "≤ 3×", "misspelt name search": "≤ 3×"}


def _report(title: str, medians: dict[str, float]) -> None:
    bare = medians["bare authenticated page"]
    print(title, flush=True)
    report("  bare authenticated page", bare)
    for name, seconds in medians.items():
        if name != "bare authenticated page":
            report(f"  {name}", seconds, "bare page", bare, TARGETS.get(name, ""))


def _http_get(base: str, url: str, params: dict[str, Any], client: Any) -> Callable[[], None]:
    """A GET over a new connection with the test client's session cookie, as a browser
    sends it: the whole request, parsing and all, is what the server does for a user."""
    from urllib.parse import urlencode, urlsplit

    host = urlsplit(base)
    path = url + (f"?{urlencode(params)}" if params else "")
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())

    def get() -> None:
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: HTTP {response.status}")

    return get


@contextmanager
def _served(database_url: str) -> Iterator[str]:
    """gunicorn, the production server (docs/install.md), with one worker on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="benchmarks.node_settings",
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")]))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "seawall.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1", "--log-level", "warning"], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


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
