"""Uploaded files waiting for confirmation: stored under VAR_DIR/uploads (never where the
web server serves static files), in a directory with a random name, under a sanitised
file name; deleted when the import is confirmed and run, discarded, or left too long.

Beside the file, `preview.json` keeps what the preview page shows (problems with the cell
values they quote, a sample of rows): personal data, so it lives and dies with the file.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, StopUpload
from django.utils import timezone

MAX_BYTES = getattr(settings, "SEAWALL_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
KEEP_FOR = timedelta(hours=24)  # an upload nobody confirms or discards is deleted after this
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def root() -> Path:
    return Path(settings.VAR_DIR) / "uploads"


def safe_name(name: str) -> str:
    """The name without any directory, control or shell-special characters, at most 100
    characters, keeping its extension: what the history and the messages show."""
    base = unicodedata.normalize("NFKC", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not stem:
        stem, extension = cleaned, ""
    extension = extension.lower()[:5]
    return (stem[: 100 - len(extension) - 1] + ("." + extension if extension else ""))[:100]


class MemoryUpload(MemoryFileUploadHandler):
    """Keeps an upload in memory, never in a temporary file (a crash would leave victims'
    data in /tmp), and stops reading once it passes the size limit."""

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, boundary: Any,  # noqa: N803
                         encoding: str | None = None) -> None:
        self.activated = True
        self.received = 0
        self.request.upload_too_large = False  # type: ignore[attr-defined]

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            self.request.upload_too_large = True  # type: ignore[attr-defined]
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


def too_large(upload: UploadedFile) -> str | None:
    if upload.size is not None and upload.size > MAX_BYTES:
        return size_message(f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB")
    return None


def size_message(what: str = "The file is too large") -> str:
    return (f"{what}; the limit for an upload is {MAX_BYTES // 1024 // 1024} MB. Split the file into smaller ones, "
            "or ask your administrator to import it with the command line (seawall import).")


def store(upload: UploadedFile) -> tuple[str, Path]:
    """Saves the upload; returns (its place relative to the uploads root, its path)."""
    directory = root() / secrets.token_hex(16)
    directory.mkdir(parents=True, mode=0o700)
    path = directory / safe_name(upload.name or "upload")
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    path.chmod(0o600)
    return str(path.relative_to(root())), path


def path_of(stored: str) -> Path | None:
    if not stored:
        return None
    path = (root() / stored).resolve()
    if root().resolve() not in path.parents or not path.is_file():
        return None
    return path


def delete(stored: str) -> None:
    if not stored:
        return
    directory = (root() / stored).resolve().parent
    if root().resolve() in directory.parents:
        shutil.rmtree(directory, ignore_errors=True)


def save_preview(stored: str, preview: dict[str, Any]) -> None:
    path = path_of(stored)
    if path is not None:
        target = path.parent / "preview.json"
        target.write_text(json.dumps(preview, default=str), encoding="utf-8")
        target.chmod(0o600)


def load_preview(stored: str) -> dict[str, Any] | None:
    path = path_of(stored)
    if path is None:
        return None
    try:
        return json.loads((path.parent / "preview.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def purge_stale() -> int:
    """Deletes uploads left unconfirmed for longer than KEEP_FOR, and closes imports whose
    worker died before it could say so (its transaction was rolled back); returns how many."""
    from seawall.jobs.models import Job
    from seawall.transfers.models import ImportBatch

    cutoff = timezone.now() - KEEP_FOR
    count = 0
    for batch in ImportBatch.objects.filter(state=ImportBatch.UPLOADED, created_at__lt=cutoff):
        delete(batch.stored)
        batch.state, batch.stored = ImportBatch.DISCARDED, ""
        batch.error = "Not confirmed within a day: the file was deleted."
        batch.save(update_fields=["state", "stored", "error"])
        count += 1
    stuck = ImportBatch.objects.filter(state=ImportBatch.IMPORTING, created_at__lt=cutoff).exclude(
        job__state__in=[Job.QUEUED, Job.RUNNING], job__created_at__gte=cutoff)
    for batch in stuck:
        delete(batch.stored)
        batch.state, batch.stored = ImportBatch.FAILED, ""
        batch.error = "The import was interrupted (the worker stopped); nothing was written. Upload the file again."
        batch.save(update_fields=["state", "stored", "error"])
        count += 1
    return count
