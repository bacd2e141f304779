"""Problems found in a file, each naming its row and column, collected rather than raised."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from seawall.exchange.records import CaseRecord

Severity = Literal["error", "warning"]

# Shown values are cut so that a preview page never renders a whole hostile cell.
SHOWN_VALUE = 60


def shown(value: object) -> str | None:
    if value is None:
        return None
    text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in str(value))
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 3] + "..."


@dataclass(frozen=True, slots=True)
class Problem:
    """kind: a stable machine word (unknown_code, bad_date, missing_required, duplicate_row,
    encoding, empty_file, truncated, not_a_spreadsheet, missing_header, formula, too_long,
    control_characters, bad_country, bad_phone, bad_email, bad_number, bad_flag,
    unknown_column, ...). row: the row number as the spreadsheet shows it (header rows
    counted, from 1); None for the whole file. column: the field code or column name;
    label: its header text; letter: the spreadsheet column letter."""

    kind: str
    message: str
    row: int | None = None
    column: str | None = None
    label: str | None = None
    letter: str | None = None
    value: str | None = None
    allowed: tuple[str, ...] = ()
    severity: Severity = "error"

    def where(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        named = [self.column] if self.column else []
        if self.label and self.label != self.column:
            named.append(f'"{self.label}"')
        if self.letter:
            parts.append(f"column {self.letter}" + (f" ({' '.join(named)})" if named else ""))
        elif named:
            parts.append(f"column {' '.join(named)}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.allowed:
            text += f"; allowed: {', '.join(self.allowed)}"
        return text if self.severity == "error" else f"warning: {text}"


class ProblemLog:
    """Collects problems up to a cap, so that a file of garbage cannot exhaust memory."""

    def __init__(self, cap: int = 5000) -> None:
        self.cap = cap
        self.items: list[Problem] = []
        self.dropped = 0
        self.error_rows: set[int] = set()
        self.has_file_error = False

    def add(self, problem: Problem) -> None:
        if problem.severity == "error":
            if problem.row is None:
                self.has_file_error = True
            else:
                self.error_rows.add(problem.row)
        if len(self.items) < self.cap:
            self.items.append(problem)
        else:
            self.dropped += 1

    def report(self, kind: str, message: str, **where: object) -> None:
        self.add(Problem(kind, message, **where))  # type: ignore[arg-type]

    def finish(self) -> list[Problem]:
        if self.dropped:
            self.items.append(Problem("too_many_problems", f"{self.dropped} more problems not listed; fix those above and read the file again",
                                      severity="error" if any(p.severity == "error" for p in self.items) else "warning"))
            self.dropped = 0
        return self.items


@dataclass
class ReadResult:
    """What a reader found. Unpacks as (records, problems). Import only when `ok`: a record
    is made for every data row, even one with errors, so that a preview can show it."""

    records: list[CaseRecord]
    problems: list[Problem]
    source: str  # reader format, e.g. "htcds-xlsx", "ctdc-v1"
    checksum: str = ""  # sha256 of the file's bytes, for import history
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)
    error_rows: frozenset[int] = frozenset()

    def __iter__(self) -> Iterator[object]:
        yield self.records
        yield self.problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
