"""Writing files safely: formula triggers neutralised, and no half-written file left behind."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from seawall.exchange.cells import FORMULA_TRIGGERS


def neutralise_csv(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
    for CSV injection); Seawall's readers take the apostrophe off again."""
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def needs_quote_prefix(text: str) -> bool:
    """In XLSX, such cells are written as text marked quotePrefix: shown literally, kept as
    text when edited, and read back unchanged."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it only if the block succeeds."""
    target = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_csv_rows(path: str | Path | IO[bytes], rows: Iterable[list[str]], *, bom: bool) -> int:
    """Writes rows (header included) as UTF-8 CSV with CRLF line ends; returns rows written."""
    if isinstance(path, (str, Path)):
        with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            return _write(handle, rows)
    import io

    text = io.TextIOWrapper(path, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=True)
    try:
        return _write(text, rows)
    finally:
        text.detach()


def _write(handle: IO[str], rows: Iterable[list[str]]) -> int:
    writer = csv.writer(handle, lineterminator="\r\n")
    count = 0
    for row in rows:
        writer.writerow([neutralise_csv(cell) for cell in row])
        count += 1
    return count


def counted(items: list[object], progress: Callable[[int, int], None] | None, every: int = 1000) -> Iterator[object]:
    total = len(items)
    for done, item in enumerate(items, start=1):
        yield item
        if progress and done % every == 0:
            progress(done, total)
    if progress:
        progress(total, total)
