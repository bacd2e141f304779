"""The node's case counts for the statistics pages, computed once and reused while nothing changed.

Reading every case is the slow part (39 s for 1,000,000 cases on SQLite in bench_reports, on a
busy 2-core machine); the pages and every
download of a chart or report then sum the small CaseCounts table. A cheap fingerprint of the
case tables (counts and highest ids) decides whether the cached counts are still those of
the database; a short time-out covers what the fingerprint cannot see (a case or person
edited in place, an agency renamed): such edits show within CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from seawall.cases.models import TraffickingEvent, VictimCase
from seawall.indicators.counts import CaseCounts
from seawall.indicators.node import case_counts_from_node_cases
from seawall.reports.node_table import node_cases_table

CACHE_SECONDS = 300


@dataclass(frozen=True)
class NodeCounts:
    counts: CaseCounts
    cases: int  # rows read (every victim case, "not a victim" included)
    unknown_codes: dict[str, int] = field(default_factory=dict)  # column -> cases with a non-ISO country code
    computed_at: float = 0.0  # time.time() when the cases were read


def source_label() -> str:
    return f"node database ({settings.NODE_COUNTRY})"


def fingerprint() -> str:
    """Cases and events added or removed, cheaply: counts and highest ids. A latest-change time
    would also catch edits, but it is a full scan of two wide tables (2.3 s at 1,000,000 cases
    on SQLite), paid on every page view; edits show within CACHE_SECONDS instead."""
    cases = VictimCase.objects.aggregate(n=Count("id"), last=Max("id"))
    events = TraffickingEvent.objects.aggregate(n=Count("id"), last=Max("id"))
    text = repr((settings.NODE_COUNTRY, sorted(cases.items()), sorted(events.items())))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def compute() -> NodeCounts:
    """Read the cases now (no cache): the CLI and the benchmark use this."""
    node = node_cases_table()
    counts = case_counts_from_node_cases(node.table, source=source_label())
    return NodeCounts(counts=counts, cases=node.rows, unknown_codes=node.unknown_codes, computed_at=time.time())


def node_counts() -> NodeCounts:
    key = f"seawall.reports.counts.{fingerprint()}"
    found = cache.get(key)
    if isinstance(found, NodeCounts):
        return found
    result = compute()
    cache.set(key, result, CACHE_SECONDS)
    return result
