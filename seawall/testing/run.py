"""`make test`: the whole suite on SQLite, then the database tests on PostgreSQL.

PostgreSQL runs when it answers (SEAWALL_TEST_POSTGRES_URL, default the local server);
SEAWALL_REQUIRE_POSTGRES=1 turns "not reachable" into a failure, and
SEAWALL_REQUIRE_BROWSER=1 does the same for the Chromium tests (CI sets both).
pytest's exit code 5 ("no tests collected") is a failure only for a required suite.
"""

from __future__ import annotations

import os
import subprocess
import sys

from seawall.testing.services import chromium_path, postgres_url, postgres_reachable

NO_TESTS = 5


def _pytest(args: list[str], env: dict[str, str]) -> int:
    print("+ pytest " + " ".join(args), flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", *args], env=env)


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    require_pg = env.get("SEAWALL_REQUIRE_POSTGRES") == "1"
    require_browser = env.get("SEAWALL_REQUIRE_BROWSER") == "1"
    if require_browser and not chromium_path():
        print("SEAWALL_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    status = _pytest(["-q", *argv], env)
    if status == NO_TESTS:
        print("no tests were collected on SQLite", file=sys.stderr)
        return 1
    if status != 0:
        return status

    url = postgres_url()
    if not postgres_reachable(url):
        if require_pg:
            print(f"SEAWALL_REQUIRE_POSTGRES=1 but PostgreSQL does not answer at {url}", file=sys.stderr)
            return 1
        print(f"PostgreSQL not reachable at {url}: database tests ran on SQLite only.")
        return 0
    env["SEAWALL_TEST_DATABASE_URL"] = url
    status = _pytest(["-q", "-m", "uses_db and not browser", "-p", "no:cacheprovider", *argv], env)
    if status == NO_TESTS:
        print("no database tests were collected for PostgreSQL", file=sys.stderr)
        return 1 if require_pg else 0
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
