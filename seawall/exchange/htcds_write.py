"""Writing records as HTCDS 2.0: CSV, or XLSX laid out as IOM's Excel template.

Columns follow IOM's template order with the standard's codes (the template's misspelling
and its missing code for "Reason for Outgoing Referral" are not repeated) and the
standard's labels (not the template's shifted ones). Identity columns, and the free-text
fields that tend to name people, are written only when asked: the caller checks that the
user may export identities and records why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import IO

from seawall.exchange.assemble import get_value
from seawall.exchange.mapping import FieldSpec, htcds_fields, htcds_layout
from seawall.exchange.output import atomic_path, counted, needs_quote_prefix, write_csv_rows
from seawall.exchange.records import CaseRecord
from seawall.standard.geo import alpha2

Progress = Callable[[int, int], None]


def htcds_columns(include_identity: bool) -> list[FieldSpec]:
    specs = [htcds_fields()[code] for code in htcds_layout().template_columns]
    if include_identity:
        return specs
    return [s for s in specs if not (s.identity or s.narrative)]


def _value(record: CaseRecord, spec: FieldSpec) -> object:
    if spec.part == "identity" and record.identity is None:
        return None
    return get_value(record, spec.path)


def cell_value(record: CaseRecord, spec: FieldSpec) -> object:
    """The HTCDS value of a field: text, or a date / bool that XLSX keeps typed."""
    value = _value(record, spec)
    if value is None or value == ():
        return None
    separator = htcds_layout().separator
    if spec.kind == "codes":
        return separator.join(value)  # type: ignore[arg-type]
    if spec.kind == "countries":
        return separator.join(_country(c, spec) for c in value)  # type: ignore[union-attr]
    if spec.kind == "country":
        return _country(value, spec)  # type: ignore[arg-type]
    if isinstance(value, (bool, date)):
        return value
    return str(value)


def _country(code: str, spec: FieldSpec) -> str:
    return alpha2(code) if spec.write_as == "alpha2" else code


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def htcds_cells(record: CaseRecord, *, include_identity: bool) -> dict[str, str]:
    """A record as HTCDS code -> cell text, in IOM's column order: for preview pages."""
    return {spec.htcds or spec.path: _text(cell_value(record, spec)) for spec in htcds_columns(include_identity)}


def write_htcds_csv(records: Sequence[CaseRecord], path: str | Path | IO[bytes], *, include_identity: bool,
                    labels: bool = False, progress: Progress | None = None) -> int:
    """One header row of field codes (and a row of labels if asked), then one row per
    record. UTF-8 with a byte-order mark, so that Excel shows accents right. Returns the
    number of records written."""
    columns = htcds_columns(include_identity)

    def rows() -> object:
        yield [s.htcds or "" for s in columns]
        if labels:
            yield [s.label for s in columns]
        for record in counted(list(records), progress):
            yield [_text(cell_value(record, s)) for s in columns]  # type: ignore[arg-type]

    written = write_csv_rows(path, rows(), bom=True)  # type: ignore[arg-type]
    return written - (2 if labels else 1)


def write_htcds_xlsx(records: Sequence[CaseRecord], path: str | Path | IO[bytes], *, include_identity: bool,
                     progress: Progress | None = None) -> int:
    """IOM's layout: codes in hidden row 1, labels in row 2, row numbers in column A, one
    record per row from row 3. Dates are date cells; text that a spreadsheet would run as a
    formula is marked as literal text. Returns the number of records written."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    columns = htcds_columns(include_identity)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.row_dimensions[1].hidden = True
    sheet.freeze_panes = "B3"
    bold = Font(bold=True)
    sheet.append([None, *(s.htcds for s in columns)])
    label_cells = []
    for spec in columns:
        cell = WriteOnlyCell(sheet, value=spec.label)
        cell.font = bold
        label_cells.append(cell)
    sheet.append([None, *label_cells])
    count = 0
    for count, record in enumerate(counted(list(records), progress), start=1):
        sheet.append([count, *(_xlsx_cell(sheet, cell_value(record, s)) for s in columns)])  # type: ignore[arg-type]
    _save(workbook, path)
    return count


def _xlsx_cell(sheet: object, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if needs_quote_prefix(value):
            cell.quotePrefix = True
        return cell
    return value


def _save(workbook: object, path: str | Path | IO[bytes]) -> None:
    if isinstance(path, (str, Path)):
        with atomic_path(path) as temporary:
            workbook.save(temporary)  # type: ignore[attr-defined]
    else:
        workbook.save(path)  # type: ignore[attr-defined]
