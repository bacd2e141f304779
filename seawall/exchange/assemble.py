"""Rows of bound columns -> records: every cell converted, every problem logged with its place.

HTCDS files and units' own tables both end here once their headers are understood.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from seawall.exchange.cells import cell_text, is_blank
from seawall.exchange.mapping import FieldSpec, field_specs
from seawall.exchange.problems import Problem, ProblemLog, shown
from seawall.exchange.records import CaseFacts, CaseRecord, Identity
from seawall.exchange.tabular import Table, column_letter
from seawall.exchange.values import CellError, Converter
from seawall.standard import picklist

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class Binding:
    """Column `index` of the file holds `spec`; `header` is what the file calls it."""

    index: int
    spec: FieldSpec
    header: str
    values: Mapping[str, str] | None = None  # the file's own words -> Seawall codes
    document_type: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def code(self) -> str:
        return self.spec.htcds or self.spec.path


def new_record(source: str, row: int) -> CaseRecord:
    return CaseRecord(case=CaseFacts(), identity=Identity(), source=source, source_row=row)


def get_value(record: CaseRecord, path: str) -> object:
    target: object = record
    for name in path.split("."):
        target = getattr(target, name)
    return target


def set_value(record: CaseRecord, path: str, value: object) -> str | None:
    """Puts a value in place; returns a message when it contradicts a value already there."""
    *parents, name = path.split(".")
    target: object = record
    for parent in parents:
        target = getattr(target, parent)
    current = getattr(target, name)
    if isinstance(current, tuple):
        merged = current + tuple(v for v in value if v not in current)  # type: ignore[union-attr]
        setattr(target, name, merged)
        return None
    if value is None:
        return None
    if current is not None and current != value:
        return f"contradicts {current!r} given in another column"
    setattr(target, name, value)
    return None


def _translate(raw: object, values: Mapping[str, str] | None) -> object:
    if not values or is_blank(raw):
        return raw
    text = cell_text(raw).strip()
    return values.get(text, values.get(text.casefold(), raw))


def assemble(table: Table, bindings: list[Binding], first_data: int, log: ProblemLog, converter: Converter,
             source: str, *, defaults: Mapping[str, object] | None = None,
             progress: Progress | None = None) -> list[CaseRecord]:
    records: list[CaseRecord] = []
    seen: dict[tuple[str, ...], int] = {}
    rows = table.rows[first_data:]
    total = len(rows)
    for done, (number, cells) in enumerate(rows, start=1):
        raws = [cells[b.index] if b.index < len(cells) else None for b in bindings]
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
        if all(is_blank(raw) for raw in raws):
            continue  # e.g. IOM's pre-numbered rows with nothing typed in them
        record = new_record(source, number)
        refused = {b.spec.path for b, raw in zip(bindings, raws) if not _read_cell(record, b, raw, number, log, converter)}
        _apply_defaults(record, defaults)
        _check_required(record, bindings, number, log, refused)
        _check_duplicate(record, raws, seen, number, log)
        if record.identity is not None and record.identity.is_empty():
            record.identity = None
        records.append(record)
    if progress:
        progress(total, total)
    return records


def _place(binding: Binding, number: int, raw: object) -> dict[str, object]:
    return {"row": number, "column": binding.code, "label": binding.header or binding.spec.label,
            "letter": binding.letter, "value": shown(cell_text(raw)) if raw is not None else None}


def _read_cell(record: CaseRecord, binding: Binding, raw: object, number: int, log: ProblemLog,
               converter: Converter) -> bool:
    """False when the cell was refused (its problem is logged)."""
    try:
        value = converter.convert(_translate(raw, binding.values), binding.spec, document_type=binding.document_type)
    except CellError as error:
        log.add(Problem(error.kind, error.message, allowed=error.allowed, **_place(binding, number, raw)))  # type: ignore[arg-type]
        return False
    for kind, message in converter.warnings:
        log.add(Problem(kind, message, severity="warning", **_place(binding, number, raw)))  # type: ignore[arg-type]
    if binding.spec.kind == "document":
        if value is not None:
            assert record.identity is not None
            record.identity.documents = (*record.identity.documents, value)  # type: ignore[arg-type]
        return True
    conflict = set_value(record, binding.spec.path, value)
    if conflict:
        log.add(Problem("conflict", conflict, **_place(binding, number, raw)))  # type: ignore[arg-type]
        return False
    return True


def _apply_defaults(record: CaseRecord, defaults: Mapping[str, object] | None) -> None:
    for path, value in (defaults or {}).items():
        if get_value(record, path) in (None, ()):
            set_value(record, path, value)


def _check_required(record: CaseRecord, bindings: list[Binding], number: int, log: ProblemLog,
                    refused: set[str]) -> None:
    for spec in field_specs().values():
        # A refused cell already has its problem: "required" on top would only repeat it.
        if not spec.required or spec.path in refused or get_value(record, spec.path) not in (None, ()):
            continue
        bound = next((b for b in bindings if b.spec.path == spec.path), None)
        allowed = picklist(spec.picklist).codes if spec.picklist else ()
        log.add(Problem("missing_required", f"{spec.label} is required", row=number,
                        column=spec.htcds or spec.path, label=bound.header if bound else spec.label,
                        letter=bound.letter if bound else None, allowed=allowed))


def _check_duplicate(record: CaseRecord, raws: list[object], seen: dict[tuple[str, ...], int], number: int,
                     log: ProblemLog) -> None:
    key = tuple("" if is_blank(raw) else cell_text(raw).strip().casefold() for raw in raws)
    first = seen.get(key)
    if first is None:
        seen[key] = number
        return
    identified = record.identity is not None and not record.identity.is_empty()
    # The same person twice is a double entry; identical de-identified rows can be real.
    log.add(Problem("duplicate_row", f"repeats row {first} exactly" + ("; delete one of them" if identified else ""),
                    row=number, severity="error" if identified else "warning"))
