"""Which reader a file needs, from its header: for an upload page that takes any file."""

from __future__ import annotations

from pathlib import Path

from seawall.errors import InputError
from seawall.exchange.cells import cell_text, is_blank
from seawall.exchange.htcds_read import code_of, is_header, label_of
from seawall.exchange.problems import ProblemLog
from seawall.exchange.tabular import open_table
from seawall.standard.ctdc import detect_schema


def sniff_format(path: str | Path, *, sheet: str | None = None) -> str | None:
    """"ctdc-v1", "ctdc-2024" or "htcds"; None when the header is neither (a unit's own
    table, or an unreadable file: its reader will say why)."""
    table = open_table(Path(path), ProblemLog(), sheet=sheet)
    if table is None:
        return None
    first = table.header(0)
    try:
        return "ctdc-" + detect_schema(["" if is_blank(c) else cell_text(c).strip() for c in first])
    except InputError:
        pass
    if is_header(first, code_of) or is_header(first, label_of):
        return "htcds"
    return None
