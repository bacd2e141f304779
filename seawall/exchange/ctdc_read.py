"""Reading CTDC victim datasets (v1 k-anonymised, 2024 synthetic) into de-identified records.

Each row becomes a record without identity, marked with its source. Columns map to Seawall
fields as mappings.toml says; what no field holds exactly is kept verbatim in
`source_values`, so that writing the records back as CTDC gives the file's rows again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from seawall.errors import InputError
from seawall.exchange.assemble import PROGRESS_EVERY, Progress
from seawall.exchange.cells import Formula, cell_text, clean_text
from seawall.exchange.mapping import AGE_BANDS, CtdcColumn, CtdcSchema, age_band_aliases, ctdc_missing, ctdc_schema, field_specs
from seawall.exchange.problems import Problem, ProblemLog, ReadResult, file_checksum, shown
from seawall.exchange.records import CaseFacts, CaseRecord
from seawall.exchange.tabular import Table, column_letter, open_table
from seawall.exchange.values import CellError, match_country
from seawall.standard.ctdc import detect_schema

FLAG_VALUES = ("0", "1")


@dataclass
class _RowFacts:
    """What one distinct row says; k-anonymised files repeat rows, so each is worked out once."""

    values: dict[str, object] = field(default_factory=dict)
    absent: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[int, str, str, tuple[str, ...], str]] = field(default_factory=list)

    def record(self, source: str, number: int) -> CaseRecord:
        facts = CaseFacts(**self.values)  # type: ignore[arg-type]
        if self.absent:
            facts.recorded_absent = dict(self.absent)
        return CaseRecord(case=facts, identity=None, source=source, source_row=number,
                          source_values=dict(self.kept))


def read_ctdc_records(path: str | Path, *, schema: str | None = None, progress: Progress | None = None) -> ReadResult:
    """Read a CTDC CSV (or XLSX) file; the schema is detected from the header unless given."""
    file = Path(path)
    log = ProblemLog()
    table = open_table(file, log)
    checksum = file_checksum(file) if file.is_file() else ""
    if table is None:
        return ReadResult([], log.finish(), "ctdc", checksum=checksum)
    header = [cell_text(c).strip() if c is not None else "" for c in table.header(0)]
    try:
        found = detect_schema(header)
    except InputError as error:
        log.add(Problem("missing_header", str(error).removeprefix("header: "), row=table.rows[0][0]))
        return ReadResult([], log.finish(), "ctdc", checksum=checksum)
    if schema is not None and schema != found:
        log.add(Problem("wrong_schema", f"the header is that of CTDC {found}, not {schema}", row=table.rows[0][0]))
        return ReadResult([], log.finish(), f"ctdc-{schema}", checksum=checksum)
    spec = ctdc_schema(found)
    plan = _plan(spec, header, table.rows[0][0], log)
    source = f"ctdc-{found}"
    records = _read_rows(table, spec, plan, source, log, progress)
    return ReadResult(records, log.finish(), source, checksum=checksum, rows_read=len(records),
                      error_rows=frozenset(log.error_rows))


def _plan(spec: CtdcSchema, header: list[str], header_row: int, log: ProblemLog) -> list[tuple[int, CtdcColumn]]:
    by_name = {c.column: c for c in spec.columns}
    plan: list[tuple[int, CtdcColumn]] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        name = spec.column_aliases.get(raw, raw)
        if name in by_name and name not in seen:
            plan.append((index, by_name[name]))
            seen.add(name)
        elif name in spec.optional_columns:
            plan.append((index, CtdcColumn(column=name, kind="kept")))
        elif name:
            log.add(Problem("unknown_column", f"{name!r} is not a CTDC {spec.name} column; it is ignored",
                            row=header_row, letter=column_letter(index), severity="warning"))
    missing = [c.column for c in spec.columns if c.column not in seen]
    if missing:
        log.add(Problem("missing_column", f"CTDC {spec.name} column(s) absent, read as not recorded: {', '.join(missing)}",
                        row=header_row, severity="warning"))
    return plan


def _read_rows(table: Table, spec: CtdcSchema, plan: list[tuple[int, CtdcColumn]], source: str, log: ProblemLog,
               progress: Progress | None) -> list[CaseRecord]:
    memo: dict[tuple[object, ...], _RowFacts] = {}
    cache: list[dict[object, tuple[Effect, ...]]] = [{} for _ in plan]
    records: list[CaseRecord] = []
    rows = table.rows[1:]
    total = len(rows)
    text_cells = table.kind == "csv"
    for done, (number, cells) in enumerate(rows, start=1):
        key = tuple(cells)
        facts = memo.get(key)
        if facts is None:
            if not text_cells:
                cells = [c if isinstance(c, str) or c is None else cell_text(c) for c in cells]
            facts = memo[key] = _convert(cells, spec, plan, cache)
        for index, kind, message, allowed, value in facts.problems:
            log.add(Problem(kind, message, row=number, column=plan[index][1].column,
                            letter=column_letter(plan[index][0]), value=value, allowed=allowed))
        records.append(facts.record(source, number))
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress:
        progress(total, total)
    return records


Effect = tuple[object, ...]


def _convert(cells: list[object], spec: CtdcSchema, plan: list[tuple[int, CtdcColumn]],
             cache: list[dict[object, tuple[Effect, ...]]]) -> _RowFacts:
    out = _RowFacts()
    present: dict[str, list[str]] = {}
    absent: dict[str, list[str]] = {}
    industries: set[str] = set()
    relationships: set[str] = set()
    for position, (index, column) in enumerate(plan):
        raw = cells[index] if index < len(cells) else None
        if raw is None:
            continue
        known = cache[position]
        effects = known.get(raw)
        if effects is None:
            effects = known[raw] = _effects(raw, column, spec)
        for effect in effects:
            what = effect[0]
            if what == "set":
                out.values[effect[1]] = effect[2]  # type: ignore[index]
            elif what == "kept":
                out.kept[effect[1]] = effect[2]  # type: ignore[index]
            elif what == "present":
                present.setdefault(effect[1], []).append(effect[2])  # type: ignore[arg-type]
            elif what == "absent":
                absent.setdefault(effect[1], []).append(effect[2])  # type: ignore[arg-type]
            elif what == "industry":
                industries.add(effect[1])  # type: ignore[arg-type]
            elif what == "relation":
                relationships.add(effect[1])  # type: ignore[arg-type]
            else:  # problem
                out.problems.append((position, *effect[1:]))  # type: ignore[arg-type]
    for name, codes in present.items():
        out.values[name] = tuple(codes)
    for name, codes in absent.items():
        out.absent[field_specs()[f"case.{name}"].htcds or name] = tuple(codes)
    if len(industries) == 1:
        out.values["forced_labour_industry"] = industries.pop()
    if len(relationships) == 1:
        out.values["relationship_to_trafficker"] = relationships.pop()
    return out


def _flag(value: str) -> str:
    if value not in FLAG_VALUES:
        raise CellError("bad_flag", f"{value!r} is not 1, 0 or blank", FLAG_VALUES)
    return value


def _effects(raw: object, column: CtdcColumn, spec: CtdcSchema) -> tuple[Effect, ...]:
    """What one cell value of one column means; the same value always means the same."""
    if isinstance(raw, Formula):
        return (("problem", "formula", "is a formula; CTDC files hold values only", (), shown(raw) or ""),)
    value = raw.strip()  # type: ignore[union-attr]
    if value in ctdc_missing():
        return ()
    try:
        return _meaning(value, column, spec)
    except CellError as error:
        return (("problem", error.kind, error.message, error.allowed, shown(value) or ""),)


def _meaning(value: str, column: CtdcColumn, spec: CtdcSchema) -> tuple[Effect, ...]:
    kind = column.kind
    attr = column.field.split(".", 1)[1] if column.field else ""
    if kind == "year":
        if not (value.isdigit() and 1900 <= int(value) <= 2100):
            raise CellError("bad_number", f"{value!r} is not a year")
        return (("set", attr, int(value)),)
    if kind == "text":
        return (("set", attr, clean_text(value, multiline=False)[0]),)
    if kind == "value":
        table = spec.read_values[column.values or ""]
        if value not in table:
            raise CellError("unknown_code", f"{value!r} is not a CTDC {spec.name} {column.column} value", tuple(table))
        return (("set", attr, table[value]),)
    if kind == "band":
        band = age_band_aliases().get(value, value)
        if band not in AGE_BANDS:
            raise CellError("unknown_code", f"{value!r} is not a CTDC age band", AGE_BANDS)
        return (("set", attr, band),)
    if kind == "country":
        if value in column.unknown:
            return (("kept", column.column, value),)
        code = match_country(value)
        return (("set", attr, (code,) if attr == "citizenships" else code),)
    if kind == "flag":
        # A 0 says "recorded absent", even in a positive-only 2024 file.
        return ((("present" if _flag(value) == "1" else "absent"), attr, column.code),)
    if kind in ("any", "labour", "relation"):
        effects: list[Effect] = [("kept", column.column, _flag(value))]
        if value == "1":
            if kind == "labour" and column.industry:
                effects.append(("industry", column.industry))
            if kind == "labour" and column.exploitation:
                effects.append(("present", "types_of_exploitation", column.exploitation))
            if kind == "relation" and (column.relationship or column.reads_as):
                effects.append(("relation", column.relationship or column.reads_as))
        return tuple(effects)
    return (("kept", column.column, clean_text(value, multiline=False)[0]),)
