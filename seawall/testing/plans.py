"""Query plans for tests: which index SQLite walks for the queries a request made.

SQLite plans without statistics unless ANALYZE has run, so an index that serves a list's
order can be preferred over a selective one (a person's few cases read by walking her
agency's thousands). Tests use this to keep such plans out of hot paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def sqlite_plans(run: Callable[[], Any], table: str) -> list[tuple[str, str]]:
    """(sql, plan) for every SELECT on `table` that `run` made, on SQLite."""
    with CaptureQueriesContext(connection) as captured:
        run()
    plans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.startswith("SELECT") or f'FROM "{table}"' not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plans.append((sql, " ".join(str(row[-1]) for row in cursor.fetchall())))
    return plans
