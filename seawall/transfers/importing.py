"""The import flow the pages, the background job and the command line share:
stage an upload and preview it, then import it (reading it again: what was previewed is
what is written, checked by its checksum), or discard it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from seawall.audit import log
from seawall.errors import InputError
from seawall.exchange import Problem, ReadResult
from seawall.exchange.mapping import field_specs
from seawall.exchange.problems import file_checksum
from seawall.exchange.records import CaseRecord
from seawall.transfers import uploads
from seawall.transfers.models import ImportBatch
from seawall.transfers.persist import Outcome, write_batch
from seawall.transfers.reading import read_for_import, undated_rows

Progress = Callable[[int, int], None]
SAMPLE_ROWS = 10
INLINE_ROWS = 2000  # smaller files import inside the request; larger ones in the background


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {f.name: getattr(problem, f.name) for f in fields(Problem)} | {"where": problem.where()}


def sample(record: CaseRecord) -> list[tuple[str, str]]:
    """A record as (field label, value) pairs for the fields it fills, in mapping order."""
    out = []
    for path, spec in field_specs().items():
        target: Any = record
        for name in path.split("."):
            target = getattr(target, name, None) if target is not None else None
        if target in (None, (), ""):
            continue
        if isinstance(target, tuple):
            text = "; ".join(d.number if hasattr(d, "number") else str(d) for d in target)
        elif isinstance(target, bool):
            text = "yes" if target else "no"
        else:
            text = str(target)
        out.append((spec.label, text))
    for column, value in record.source_values.items():
        out.append((column, value))
    return out


def preview_of(result: ReadResult) -> dict[str, Any]:
    return {
        "source": result.source,
        "rows": len(result.records),
        "ok": result.ok,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "error_rows": len(result.error_rows),
        "problems": [problem_dict(p) for p in result.problems],
        "notes": list(result.notes),
        "undated": undated_rows(result),
        "with_identity": sum(1 for r in result.records if r.identity is not None),
        "sample": [{"row": r.source_row, "cells": sample(r)} for r in result.records[:SAMPLE_ROWS]],
    }


def _read(batch: ImportBatch, path: Path, progress: Progress | None = None) -> ReadResult:
    """Read a staged file again, as it was read for its preview."""
    if batch.format == "table":
        return read_for_import("table", path, mapping=batch.mapping, progress=progress)
    return read_for_import(batch.format, path, date_order=batch.mapping.get("date_order", "ISO"), progress=progress)


def stage(user: Any, upload: UploadedFile, kind: str, *, mapping: dict[str, Any] | None = None,
          mapping_name: str = "", date_order: str = "ISO", request: Any = None) -> ImportBatch:
    """Keep an upload until it is confirmed or discarded, and read it for its preview (a
    unit table without a mapping yet waits for one: see `preview`)."""
    uploads.purge_stale()
    stored, path = uploads.store(upload)
    batch = ImportBatch.objects.create(
        created_by=user, agency=user.agency, file_name=path.name, file_size=path.stat().st_size,
        checksum=file_checksum(path), format="table" if kind == "table" else "htcds" if kind == "detect" else kind,
        stored=stored, mapping_name=mapping_name,
        mapping=mapping or ({"date_order": date_order} if date_order != "ISO" else {}))
    log.record(log.CREATE, request=request, actor=user if request is None else None, subjects=[("import", batch.pk)],
               detail={"upload": batch.file_name, "checksum": batch.checksum})
    if kind != "table" or mapping:
        preview(batch, detect=kind == "detect")
    return batch


def preview(batch: ImportBatch, *, detect: bool = False) -> dict[str, Any]:
    """Read the staged file (with the batch's format, mapping and options), keep what its
    preview page shows beside it, and count rows and problems on the batch."""
    path = uploads.path_of(batch.stored)
    if path is None:
        raise InputError("the uploaded file is no longer kept; upload it again")
    if detect:
        result = read_for_import("detect", path, date_order=batch.mapping.get("date_order", "ISO"))
    else:
        result = _read(batch, path)
    found = result.source if "-" in result.source else ""
    if detect:
        batch.format = _format_of("detect", found)
    shown = preview_of(result)
    uploads.save_preview(batch.stored, shown)
    batch.schema = found
    batch.rows_read, batch.rows_refused = len(result.records), len(result.error_rows)
    batch.errors, batch.warnings = len(result.errors), len(result.warnings)
    batch.save(update_fields=["format", "schema", "rows_read", "rows_refused", "errors", "warnings"])
    return shown


def _format_of(kind: str, found: str) -> str:
    if kind in ("htcds", "ctdc", "table"):
        return kind
    return "ctdc" if found.startswith("ctdc") else "htcds"


def discard(batch: ImportBatch, user: Any, *, request: Any = None) -> None:
    if batch.state != ImportBatch.UPLOADED:
        raise InputError(f"import {batch.pk} is {batch.get_state_display().lower()}: nothing to discard")
    uploads.delete(batch.stored)
    batch.state, batch.stored = ImportBatch.DISCARDED, ""
    batch.save(update_fields=["state", "stored"])
    log.record(log.DELETE, request=request, actor=user if request is None else None,
               subjects=[("import", batch.pk)], detail={"upload": batch.file_name, "discarded": True})


def confirm(batch: ImportBatch) -> None:
    """Mark a previewed, error-free upload as being imported (once: a double click or a
    second tab cannot import it twice)."""
    if batch.state != ImportBatch.UPLOADED:
        raise InputError(f"import {batch.pk} is {batch.get_state_display().lower()}: it cannot be imported again")
    if batch.errors or not uploads.path_of(batch.stored):
        raise InputError("this file has errors or is no longer kept; fix it and upload it again")
    updated = ImportBatch.objects.filter(pk=batch.pk, state=ImportBatch.UPLOADED).update(state=ImportBatch.IMPORTING)
    if not updated:
        raise InputError(f"import {batch.pk} is already being imported")
    batch.state = ImportBatch.IMPORTING


def run(batch: ImportBatch, *, reason: str, progress: Callable[[int, int, str], None] | None = None,
        request: Any = None) -> Outcome:
    """Read the confirmed file again and write it in one transaction. Whatever happens, the
    uploaded file is deleted afterwards (it was kept only until confirmation)."""
    stored = batch.stored
    try:
        path = uploads.path_of(batch.stored)
        if path is None:
            raise InputError("the uploaded file is no longer kept; upload it again")
        total = batch.rows_read or 1

        def reading(done: int, _total: int) -> None:
            if progress:
                progress(done, 2 * total, f"Reading {batch.file_name}")

        result = _read(batch, path, reading)
        if result.checksum != batch.checksum:
            raise InputError("the file changed since its preview; upload it again")
        if not result.ok:
            raise InputError(f"the file has {len(result.errors)} error(s); see its preview, fix them and upload it again")
        if progress:
            # Cases are written in one transaction: nobody sees them, nor this bar move,
            # until all are in.
            progress(total, 2 * total, f"Saving {len(result.records):,} cases (all or nothing)")
        outcome = write_batch(batch, result.records, reason=reason, request=request)
    except Exception as error:
        batch.refresh_from_db()
        batch.state = ImportBatch.FAILED
        batch.error = str(error) if isinstance(error, InputError) else \
            "An internal error stopped the import; nothing was written. Tell your administrator."
        batch.save(update_fields=["state", "error"])
        raise
    finally:
        uploads.delete(stored)
        ImportBatch.objects.filter(pk=batch.pk).update(stored="")
    return outcome


def import_path(user: Any, path: Path, kind: str, *, mapping: dict[str, Any] | None = None, mapping_name: str = "",
                date_order: str = "ISO", read_progress: Progress | None = None,
                write_progress: Progress | None = None) -> tuple[ReadResult, ImportBatch | None, Outcome | None]:
    """The command line: read a file in place; write it only when it has no errors."""
    result = read_for_import(kind, path, mapping=mapping, date_order=date_order, progress=read_progress)
    if not result.ok:
        return result, None, None
    found = result.source
    batch = ImportBatch(created_by=user, agency=user.agency, file_name=uploads.safe_name(path.name),
                        file_size=path.stat().st_size, checksum=result.checksum, format=_format_of(kind, found),
                        schema=found, mapping=mapping or ({"date_order": date_order} if date_order != "ISO" else {}),
                        mapping_name=mapping_name, via="cli",
                        state=ImportBatch.IMPORTING, rows_read=len(result.records), warnings=len(result.warnings),
                        created_at=timezone.now())
    with transaction.atomic():
        batch.save()
        outcome = write_batch(batch, result.records, progress=write_progress, reason="cli:import")
    return result, batch, outcome
