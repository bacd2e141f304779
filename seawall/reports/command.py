"""`seawall indicators ...` without --input: the node's own cases, read through Django.

The indicators core stays free of Django; its CLI imports this module only on that path. It
sets Django up with the node's settings (DJANGO_SETTINGS_MODULE, default seawall.settings,
with SEAWALL_ENV_FILE as for every node command) and reads the cases as the dashboard does.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Collection
from typing import Any

from seawall.errors import InputError
from seawall.indicators.counts import CaseCounts

NOT_AVAILABLE = "no --input given and the node database is not available"


def setup_django() -> None:
    """Configure Django once; InputError (exit status 2) when the node's settings do not load."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings")
    try:
        import django
        from django.apps import apps

        if not apps.ready:
            django.setup()
    except Exception as error:  # a missing key, a bad URL, no such settings module: all say the same
        raise InputError(f"{NOT_AVAILABLE} ({error}); run it on the node with its settings "
                         "(SEAWALL_ENV_FILE), or give --input FILE --format ctdc") from None


def node_database_counts(dimensions: Collection[str]) -> CaseCounts:
    setup_django()
    from django.db import DatabaseError

    from seawall.indicators.node import case_counts_from_node_cases
    from seawall.reports.node_table import node_cases_table
    from seawall.reports.source import source_label

    try:
        node = node_cases_table()
    except DatabaseError as error:
        raise InputError(f"cannot read the node database ({str(error).strip()}); has `seawall migrate` been "
                         "run? Or give --input FILE --format ctdc") from None
    return case_counts_from_node_cases(node.table, source=source_label(), dimensions=dimensions)


def record_export(command: str, detail: dict[str, Any]) -> None:
    """An EXPORT event in the node's audit trail: statistics left the node as a file."""
    from seawall.audit import log

    log.record(log.EXPORT, reason=f"seawall indicators {command}",
               detail={"os_user": getpass.getuser(), **detail})
