"""Reading IOM's HTCDS 2.0 Excel template, and its CSV form, as IOM ships it.

Header forms understood: field codes in the first row with the template's labels in the
second (IOM's layout; column A numbers the rows), codes only, or labels only. Quirks of
IOM's v2.0 template handled here: the misspelt vic_TraffickinStatusDecisionMakingOrg, the
mailing-address labels shifted against their codes (codes are trusted unless
trust="labels"), and column AJ labelled "Reason for Outgoing Referral" with no code (read
by its label).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from seawall.exchange.assemble import Binding, Progress, assemble
from seawall.exchange.cells import cell_text, is_blank
from seawall.exchange.mapping import htcds_fields, htcds_layout
from seawall.exchange.problems import Problem, ProblemLog, ReadResult, file_checksum
from seawall.exchange.tabular import Table, column_letter, open_table
from seawall.exchange.values import Converter, ReadOptions

Trust = Literal["codes", "labels"]
MIN_HEADER_MATCHES = 3


def code_of(cell: object) -> str | None:
    if is_blank(cell):
        return None
    text = cell_text(cell).strip()
    text = htcds_layout().code_aliases.get(text, text)
    return text if text in htcds_fields() else None


def _labels() -> dict[str, str]:
    return {spec.label.casefold(): code for code, spec in htcds_fields().items()}


def label_of(cell: object) -> str | None:
    if is_blank(cell):
        return None
    return _labels().get(cell_text(cell).strip().casefold())


def is_header(row: list[object], finder: object) -> bool:
    """Three or more known names, or known names in at least half the filled cells (small files)."""
    filled = sum(1 for cell in row if not is_blank(cell))
    known = sum(1 for cell in row if finder(cell) is not None)  # type: ignore[operator]
    return known >= MIN_HEADER_MATCHES or (known >= 1 and 2 * known >= filled)


def read_htcds(path: str | Path, *, trust: Trust = "codes", options: ReadOptions | None = None,
               sheet: str | None = None, progress: Progress | None = None) -> ReadResult:
    """Read an HTCDS file (XLSX or CSV) into records, listing every problem found."""
    file = Path(path)
    log = ProblemLog()
    table = open_table(file, log, sheet=sheet)
    source = f"htcds-{table.kind}" if table else "htcds"
    if table is None:
        return ReadResult([], log.finish(), source, checksum=_checksum(file))
    notes: list[str] = []
    header = _find_header(table, log, notes)
    if header is None:
        return ReadResult([], log.finish(), source, checksum=_checksum(file))
    code_row, label_row, first_data = header
    bindings = _bind(table, code_row, label_row, first_data, trust, log, notes)
    records = assemble(table, bindings, first_data, log, Converter(options), source, progress=progress)
    if not records and not log.has_file_error:
        log.add(Problem("no_data", "the file has a header but no data rows", severity="warning"))
    return ReadResult(records, log.finish(), source, checksum=_checksum(file), rows_read=len(records),
                      notes=notes, error_rows=frozenset(log.error_rows))


def _checksum(file: Path) -> str:
    return file_checksum(file) if file.is_file() else ""


def _find_header(table: Table, log: ProblemLog, notes: list[str]) -> tuple[int | None, int | None, int] | None:
    """(index of code row, index of label row, index of first data row) in table.rows."""
    first = table.header(0)
    second = table.header(1)
    if is_header(first, code_of):
        if is_header(second, label_of):
            return 0, 1, 2
        return 0, None, 1
    if is_header(first, label_of):
        notes.append("The file has labels but no field codes; columns were matched by label.")
        return None, 0, 1
    log.add(Problem("missing_header", "no HTCDS header: the first row should hold field codes such as "
                    "prs_FirstName and vic_TraffickingStatus (IOM's template has them in hidden row 1), "
                    "or the template's labels such as \"First Name\"", row=table.rows[0][0]))
    return None


def _bind(table: Table, code_row: int | None, label_row: int | None, first_data: int, trust: Trust,
          log: ProblemLog, notes: list[str]) -> list[Binding]:
    codes = table.header(code_row) if code_row is not None else []
    labels = table.header(label_row) if label_row is not None else []
    header_number = table.rows[code_row if code_row is not None else label_row or 0][0]  # type: ignore[index]
    layout = htcds_layout()
    fields = htcds_fields()
    width = max(len(codes), len(labels))
    bindings: list[Binding] = []
    shifted: list[str] = []
    taken: dict[str, str] = {}
    for index in range(width):
        raw_code = codes[index] if index < len(codes) else None
        raw_label = labels[index] if index < len(labels) else None
        letter = column_letter(index)
        label_text = "" if is_blank(raw_label) else cell_text(raw_label).strip()
        code = code_of(raw_code)
        by_label = label_of(raw_label)
        if code and not is_blank(raw_code) and cell_text(raw_code).strip() != code:
            notes.append(f"Column {letter}: code {cell_text(raw_code).strip()} (IOM's template spelling) read as {code}.")
        if code is None and not is_blank(raw_code):
            log.add(Problem("unknown_column", f"{cell_text(raw_code).strip()!r} is not an HTCDS field code known to Seawall; the column is ignored",
                            row=header_number, letter=letter, severity="warning"))
            continue
        if code is None and by_label:
            code = by_label
            if code_row is not None:
                notes.append(f"Column {letter} is labelled {label_text!r} but has no field code; read as {code} by its label.")
        elif code and by_label and by_label != code:
            if trust == "labels":
                code = by_label
            elif layout.template_labels.get(code) == label_text:
                shifted.append(letter)
            else:
                log.add(Problem("label_mismatch", f"field code {code} is labelled {label_text!r}, the label of {by_label}; values read as {code}",
                                row=header_number, letter=letter, column=code, severity="warning"))
        if code is None:
            _ignore_unnamed(table, index, first_data, letter, log)
            continue
        if code in taken:
            log.add(Problem("duplicate_column", f"{code} appears in columns {taken[code]} and {letter}; only {taken[code]} is read",
                            row=header_number, letter=letter, column=code))
            continue
        taken[code] = letter
        bindings.append(Binding(index, fields[code], label_text or fields[code].label))
    if shifted:
        _report_shift(table, bindings, shifted, first_data, header_number, log, notes)
    return bindings


def _ignore_unnamed(table: Table, index: int, first_data: int, letter: str, log: ProblemLog) -> None:
    values = [cells[index] for _, cells in table.rows[first_data:] if index < len(cells) and not is_blank(cells[index])]
    # IOM's column A numbers the rows: integers under an empty header are that, not data.
    if all(isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit()) for v in values):
        return
    log.add(Problem("unknown_column", "has values but no field code or label; the column is ignored",
                    row=table.rows[0][0], letter=letter, severity="warning"))


def _report_shift(table: Table, bindings: list[Binding], shifted: list[str], first_data: int,
                  header_number: int, log: ProblemLog, notes: list[str]) -> None:
    note = (f"Columns {shifted[0]}-{shifted[-1]}: IOM's template labels the mailing address shifted against "
            "its field codes; values were read by code (e.g. the column labelled 'Mailing Street' is "
            "prs_MailingCity). If the data was typed by the labels, read the file again trusting labels.")
    notes.append(note)
    indexes = {b.index for b in bindings if b.letter in shifted}
    has_data = any(i < len(cells) and not is_blank(cells[i]) for _, cells in table.rows[first_data:] for i in indexes)
    if has_data:
        log.add(Problem("shifted_labels", note, row=header_number, letter=shifted[0], severity="warning"))
