"""Opening a CSV or XLSX file as rows of cells, reporting what makes it unreadable.

Every reader goes through here, so wrong encodings, empty or truncated files, things that are
not spreadsheets and formula cells are caught the same way for HTCDS, CTDC and unit tables.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from seawall.exchange.cells import ErrorValue, Formula, csv_cell, is_blank
from seawall.exchange.problems import Problem, ProblemLog

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 1_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls and other OLE files


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (row number, cells)
    sheet: str | None = None
    delimiter: str = ","

    def header(self, index: int = 0) -> list[object]:
        return self.rows[index][1] if len(self.rows) > index else []


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def file_problem(log: ProblemLog, kind: str, message: str, row: int | None = None) -> None:
    log.add(Problem(kind, message, row=row))


def open_table(path: str | Path, log: ProblemLog, *, sheet: str | None = None) -> Table | None:
    """The file's rows, or None after logging why it cannot be read at all."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        file_problem(log, "not_found", f"{file.name}: cannot open the file ({error.strerror})")
        return None
    if size == 0:
        file_problem(log, "empty_file", f"{file.name} is empty (0 bytes)")
        return None
    if size > MAX_FILE_BYTES:
        file_problem(log, "too_large", f"{file.name} is {size // (1024 * 1024)} MB; at most {MAX_FILE_BYTES // (1024 * 1024)} MB is read")
        return None
    data = file.read_bytes()
    if data.startswith(_ZIP_MAGIC) or file.suffix.lower() in (".xlsx", ".xlsm"):
        return _open_xlsx(data, file.name, log, sheet)
    if data.startswith(_OLE_MAGIC):
        file_problem(log, "not_a_spreadsheet", f"{file.name} is an old Excel 97-2003 (.xls) or other Office file; save it as .xlsx or CSV UTF-8")
        return None
    return _open_csv(data, file.name, log)


def _decode(data: bytes, name: str, log: ProblemLog) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        file_problem(log, "encoding", f"{name} is UTF-16 text; save it as CSV UTF-8")
        return None
    if b"\x00" in data[:8192]:
        file_problem(log, "not_a_spreadsheet", f"{name} is not text: it holds binary data, so it is neither CSV nor XLSX")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        file_problem(log, "encoding",
                     f"{name} is not UTF-8 (byte 0x{data[error.start]:02x} at line {row}); "
                     "it was probably saved as Windows or Latin-1 text: save it as CSV UTF-8", row=row)
        return None


def _sniff_delimiter(text: str) -> str:
    # Excel in French, Spanish and Dutch locales writes CSV with semicolons.
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(data: bytes, name: str, log: ProblemLog) -> Table | None:
    text = _decode(data, name, log)
    if text is None:
        return None
    if not text.strip():
        file_problem(log, "empty_file", f"{name} holds no data (only blank space)")
        return None
    delimiter = _sniff_delimiter(text)
    # Formula and apostrophe checks cost time on large files: only when the text has them.
    check_cells = "=" in text or "'" in text
    table = Table("csv", delimiter=delimiter)
    if '"' not in text and "\r" not in text.replace("\r\n", ""):
        rows = _split_plain(text, delimiter)  # no quoting: a line is a row (CTDC files)
    else:
        rows = _parse_quoted(text, delimiter, name, log)
        if rows is None:
            return None
    for number, cells in rows:
        if number > MAX_ROWS:
            file_problem(log, "too_large", f"{name} has more than {MAX_ROWS} rows")
            return None
        if check_cells:
            cells = [csv_cell(c) for c in cells]
        if not "".join(cells).strip():
            continue
        table.rows.append((number, cells))
    if not table.rows:
        file_problem(log, "empty_file", f"{name} holds no data")
        return None
    _check_widths(table, text, name, log)
    return table


def _split_plain(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Rows of a CSV without quote characters, as csv.reader would give them, ten times faster."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(number, line.removesuffix("\r").split(delimiter)) for number, line in enumerate(lines, start=1)]


def _parse_quoted(text: str, delimiter: str, name: str, log: ProblemLog) -> list[tuple[int, list[str]]] | None:
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
            if number > MAX_ROWS:
                break
    except csv.Error as error:
        truncated = "end of data" in str(error) or "EOF" in str(error)
        file_problem(log, "truncated" if truncated else "malformed_csv",
                     f"{name}: row {number + 1} cannot be read as CSV ({error})"
                     + ("; the file seems cut off inside a quoted cell" if truncated else ""), row=number + 1)
        return None
    return rows


def _check_widths(table: Table, text: str, name: str, log: ProblemLog) -> None:
    width = len(table.rows[0][1])
    last = table.rows[-1][0]
    for number, cells in table.rows:
        if len(cells) < width:
            if number == last and not text.endswith(("\n", "\r")):
                file_problem(log, "truncated", f"{name}: the last row ({number}) has {len(cells)} of {width} cells and no line end: the file seems cut off", row=number)
            else:
                log.add(Problem("short_row", f"has {len(cells)} cells; the header has {width} (a line break inside an unquoted cell?)", row=number))
        elif len(cells) > width and any(not is_blank(c) for c in cells[width:]):
            log.add(Problem("long_row", f"has {len(cells)} cells; the header has {width}: values past the header would be lost", row=number))


def _open_xlsx(data: bytes, name: str, log: ProblemLog, sheet: str | None) -> Table | None:
    import openpyxl  # imported here: CSV-only work need not load it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except zipfile.BadZipFile:
        kind = "truncated" if data.startswith(_ZIP_MAGIC) else "not_a_spreadsheet"
        file_problem(log, kind, f"{name} is not a complete XLSX workbook: the file is damaged, cut off, or not a spreadsheet")
        return None
    except Exception as error:  # openpyxl raises many kinds for non-workbooks
        file_problem(log, "not_a_spreadsheet", f"{name} cannot be read as an XLSX workbook ({type(error).__name__}); save it as .xlsx or CSV UTF-8")
        return None
    try:
        return _read_sheet(workbook, name, log, sheet)
    except (zipfile.BadZipFile, EOFError, KeyError, OSError, ValueError) as error:
        file_problem(log, "truncated", f"{name}: the workbook is damaged or cut off ({type(error).__name__}); save it again from the spreadsheet program")
        return None
    finally:
        workbook.close()


def _read_sheet(workbook: object, name: str, log: ProblemLog, sheet: str | None) -> Table | None:
    names = workbook.sheetnames  # type: ignore[attr-defined]
    if sheet is not None and sheet not in names:
        file_problem(log, "missing_sheet", f"{name} has no sheet named {sheet!r} (sheets: {', '.join(names)})")
        return None
    worksheet = workbook[sheet or names[0]]  # type: ignore[index]
    table = Table("xlsx", sheet=worksheet.title)
    # Read-only worksheets yield every row from 1, empty ones included, so counting gives
    # the row numbers the spreadsheet shows.
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        if not row:
            continue
        if number > MAX_ROWS:
            file_problem(log, "too_large", f"{name} has more than {MAX_ROWS} rows")
            return None
        if len(row) > MAX_COLUMNS:
            row = row[:MAX_COLUMNS]
        cells = [_xlsx_value(cell) for cell in row]
        if all(is_blank(c) for c in cells):
            continue
        table.rows.append((number, cells))
    if not table.rows:
        file_problem(log, "empty_file", f"{name}: sheet {worksheet.title!r} holds no data")
        return None
    return table


def _xlsx_value(cell: object) -> object:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        return Formula(value if isinstance(value, str) else getattr(value, "text", "=") or "=")
    if kind == "e":
        return ErrorValue(str(value))
    if isinstance(value, str):
        # Text starting with "=" is a formula waiting to happen unless marked as literal text
        # (quotePrefix, what Seawall's own writer sets).
        if value.startswith("="):
            style = getattr(cell, "style_array", None)
            if not (style is not None and style.quotePrefix):
                return Formula(value)
        return value
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    return value
