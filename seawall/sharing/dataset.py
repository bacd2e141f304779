"""The node's cases as a CTDC-schema table: what every release is computed from.

The rows come from the imports app's own export path (`records_for`, without identity)
and the exchange core's CTDC writer (`ctdc_rows`), so a release holds exactly the
de-identified columns a CTDC export would: no name, birth date, phone, document, address or
free text ever reaches a release. The core's identity-column refusal is applied once more
on the table, in case a schema ever grows a column it should not have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from seawall.exchange import ctdc_rows
from seawall.exchange.mapping import ctdc_schema
from seawall.release.columns import default_quasi, identity_columns, refuse_identity_columns
from seawall.transfers.exporting import records_for

SCHEMAS = ("v1", "2024")


def offered_columns(schema: str) -> list[str]:
    """The columns a release of this schema may be built on (never an identifying one)."""
    names = list(ctdc_schema(schema).names)
    refused = set(identity_columns(names))
    return [name for name in names if name not in refused]


def default_quasi_identifiers(schema: str) -> list[str]:
    return default_quasi(offered_columns(schema))


def node_table(user: Any, schema: str, progress: Callable[[int, int], None] | None = None
               ) -> tuple[pd.DataFrame, list[int]]:
    """The cases `user` may see (for an analyst: all of the node's), one CTDC row each, every
    cell text ("" for blank); and the case ids, for the audit trail."""
    records, ids = records_for(user, include_identity=False, progress=progress)
    rows = ctdc_rows(records, schema)
    header = next(rows)
    frame = pd.DataFrame(list(rows), columns=header, dtype="str")
    refuse_identity_columns(list(frame.columns))
    return frame.astype("str"), ids
