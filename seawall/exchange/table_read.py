"""Reading a unit's own spreadsheet (CSV or XLSX) through its column-to-field mapping, and
listing a file's columns with sample values so that a page can build that mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seawall.exchange.assemble import Binding, Progress, assemble
from seawall.exchange.cells import Formula, cell_text, is_blank
from seawall.exchange.mapping import field_specs, htcds_fields
from seawall.exchange.problems import Problem, ProblemLog, ReadResult, file_checksum, shown
from seawall.exchange.table_mapping import MappingError, TableMapping, load_table_mapping
from seawall.exchange.tabular import Table, column_letter, open_table
from seawall.exchange.values import Converter


def read_table(path: str | Path, mapping: TableMapping | str | Path | dict[str, Any], *,
               progress: Progress | None = None) -> ReadResult:
    """Read a unit's CSV/XLSX file into records as the mapping says, listing every problem."""
    file = Path(path)
    log = ProblemLog()
    checksum = file_checksum(file) if file.is_file() else ""
    try:
        plan = mapping if isinstance(mapping, TableMapping) else load_table_mapping(mapping)
    except (MappingError, OSError) as error:
        log.add(Problem("bad_mapping", f"the mapping cannot be used: {error}"))
        return ReadResult([], log.finish(), "table", checksum=checksum)
    table = open_table(file, log, sheet=plan.sheet)
    if table is None:
        return ReadResult([], log.finish(), "table", checksum=checksum)
    source = f"table-{table.kind}"
    header_index = _header_index(table, plan.header_row, log)
    if header_index is None:
        return ReadResult([], log.finish(), source, checksum=checksum)
    bindings = _bind(table, header_index, plan, log)
    if log.has_file_error:
        return ReadResult([], log.finish(), source, checksum=checksum)
    records = assemble(table, bindings, header_index + 1, log, Converter(plan.options), source,
                       defaults=plan.defaults, progress=progress)
    if not records and not log.has_file_error:
        log.add(Problem("no_data", "the file has a header but no data rows", severity="warning"))
    return ReadResult(records, log.finish(), source, checksum=checksum, rows_read=len(records),
                      error_rows=frozenset(log.error_rows))


def _header_index(table: Table, header_row: int, log: ProblemLog) -> int | None:
    for index, (number, _) in enumerate(table.rows):
        if number == header_row:
            return index
        if number > header_row:
            break
    log.add(Problem("missing_header", f"row {header_row}, where the mapping expects the column names, is empty", row=header_row))
    return None


def _headers(table: Table, header_index: int) -> list[str]:
    return ["" if is_blank(c) else cell_text(c).strip() for c in table.rows[header_index][1]]


def _bind(table: Table, header_index: int, plan: TableMapping, log: ProblemLog) -> list[Binding]:
    headers = _headers(table, header_index)
    exact = {h: i for i, h in reversed(list(enumerate(headers))) if h}
    folded = {h.casefold(): i for i, h in reversed(list(enumerate(headers))) if h}
    bindings = []
    for column in plan.columns:
        index = exact.get(column.column, folded.get(column.column.strip().casefold()))
        if index is None:
            log.add(Problem("missing_column", f"the mapping names column {column.column!r}, which row {plan.header_row} does not have "
                            f"(columns: {', '.join(repr(h) for h in headers if h)[:300]})", row=plan.header_row))
            continue
        values = {**{k.casefold(): v for k, v in column.values.items()}, **column.values}
        bindings.append(Binding(index, column.spec, headers[index], values or None, column.document_type))
    return bindings


@dataclass
class ColumnInfo:
    index: int
    letter: str
    header: str
    samples: list[str]  # distinct values, first seen first, shortened
    filled: int  # rows with a value
    suggestion: str | None = None  # HTCDS code or field path the header looks like


@dataclass
class ColumnListing:
    columns: list[ColumnInfo]
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # data rows below the header
    sheet: str | None = None


def _suggest(header: str) -> str | None:
    key = header.strip().casefold()
    for code, spec in htcds_fields().items():
        if key in (code.casefold(), spec.label.casefold()):
            return code
    for path, spec in field_specs().items():
        if key in (path.casefold(), spec.label.casefold()):
            return spec.htcds or path
    return None


def list_columns(path: str | Path, *, sheet: str | None = None, header_row: int = 1, samples: int = 5) -> ColumnListing:
    """A file's columns, each with a few sample values, how often it is filled and a guess."""
    log = ProblemLog()
    table = open_table(Path(path), log, sheet=sheet)
    if table is None:
        return ColumnListing([], log.finish())
    header_index = _header_index(table, header_row, log)
    if header_index is None:
        return ColumnListing([], log.finish(), sheet=table.sheet)
    headers = _headers(table, header_index)
    data = table.rows[header_index + 1:]
    width = max([len(headers), *(len(cells) for _, cells in data)])
    columns = []
    for index in range(width):
        header = headers[index] if index < len(headers) else ""
        seen: list[str] = []
        filled = 0
        for _, cells in data:
            raw = cells[index] if index < len(cells) else None
            if is_blank(raw):
                continue
            filled += 1
            text = "(formula)" if isinstance(raw, Formula) else shown(cell_text(raw).strip()) or ""
            if len(seen) < samples and text not in seen:
                seen.append(text)
        columns.append(ColumnInfo(index, column_letter(index), header, seen, filled, _suggest(header) if header else None))
    return ColumnListing(columns, log.finish(), rows=len(data), sheet=table.sheet)
