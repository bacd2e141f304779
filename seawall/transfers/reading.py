"""Reading a file for import: the exchange reader its format needs, then the checks the
case models add (a person with identity needs a given name; no identification in the future).

The same function serves the preview page, the import job and the command line, so a file
that previews clean imports clean.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from seawall.exchange import (
    Problem,
    ReadOptions,
    ReadResult,
    read_ctdc_records,
    read_htcds,
    read_table,
    sniff_format,
)
from seawall.exchange.problems import file_checksum

Progress = Callable[[int, int], None]
KINDS = ("htcds", "ctdc", "table")


def read_for_import(kind: str, path: str | Path, *, mapping: dict[str, Any] | str | Path | None = None,
                    date_order: str = "ISO", trust_labels: bool = False,
                    progress: Progress | None = None) -> ReadResult:
    """kind: "htcds", "ctdc", "table" (needs `mapping`) or "detect" (HTCDS or CTDC, from
    the header)."""
    path = Path(path)
    if kind == "detect":
        found = sniff_format(path)
        if found is None:
            result = read_htcds(path)  # says why: encoding, empty file, or no HTCDS header
            if any(p.kind == "missing_header" for p in result.problems):
                result.problems.append(Problem(
                    "unknown_format", "this is neither IOM's HTCDS template nor a CTDC dataset; if it is your unit's own "
                    "spreadsheet, choose \"Our own spreadsheet\" and map its columns to Seawall's fields"))
            return result
        kind = "ctdc" if found.startswith("ctdc") else "htcds"
    if kind == "htcds":
        options = ReadOptions(date_order=date_order, default_country=settings.NODE_COUNTRY)  # type: ignore[arg-type]
        result = read_htcds(path, trust="labels" if trust_labels else "codes", options=options, progress=progress)
    elif kind == "ctdc":
        result = read_ctdc_records(path, progress=progress)
    elif kind == "table":
        if mapping is None:
            raise ValueError("a unit table needs a mapping")
        result = read_table(path, mapping, progress=progress)
    else:
        raise ValueError(f"unknown import kind {kind!r}; one of {', '.join(KINDS)}")
    if not result.checksum and path.is_file():
        result.checksum = file_checksum(path)
    _check_for_models(result)
    return result


def _check_for_models(result: ReadResult) -> None:
    """Rules the case models hold that the exchange core does not know about."""
    today = timezone.localdate()
    added: list[Problem] = []
    for record in result.records:
        identity = record.identity
        if identity is not None and not identity.is_empty() and not identity.given_names:
            added.append(Problem(
                "missing_required", "a row that identifies a person needs her given name (First Name); leave every "
                "identity column empty to import the case without identity", row=record.source_row,
                column="prs_FirstName", label="First Name"))
        facts = record.case
        if facts.identification_date is not None and facts.identification_date > today:
            added.append(Problem("bad_date", f"the identification date {facts.identification_date} is in the future",
                                 row=record.source_row, column="case.identification_date"))
        elif facts.registration_year is not None and facts.registration_year > today.year:
            added.append(Problem("bad_date", f"the year of registration {facts.registration_year} is in the future",
                                 row=record.source_row, column="case.registration_year"))
    if added:
        result.problems.extend(added)
        result.problems.sort(key=lambda p: (p.row is not None, p.row or 0))
        result.error_rows = frozenset(result.error_rows | {p.row for p in added if p.row is not None})


def undated_rows(result: ReadResult) -> int:
    """Rows that give no identification date or year: recorded as identified on the import date."""
    return sum(1 for r in result.records if r.case.identification_date is None and r.case.registration_year is None)
