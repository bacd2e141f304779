"""Reading a release's input and writing its outputs without ever leaving half a file."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pandas as pd

from seawall.errors import InputError
from seawall.release.columns import refuse_identity_columns
from seawall.standard.ctdc import read_ctdc


def read_table(path: str | Path) -> pd.DataFrame:
    """A CTDC table, every cell a str ("" for blank); refused if empty, ragged or identifying."""
    try:
        frame = read_ctdc(path).frame
    except InputError as error:
        # The CLI promises one line per error; parser messages can carry a newline.
        raise InputError(" ".join(str(error).split())) from None
    refuse_identity_columns(list(frame.columns))
    if frame.empty:
        raise InputError(f"{path}: no records (only a header)")
    _refuse_short_rows(path, len(frame.columns))
    return frame


def _refuse_short_rows(path: str | Path, width: int) -> None:
    """pandas fills a row with too few fields with blanks when blanks are kept as text, so a
    truncated line would pass as a record of unknowns: count the fields ourselves."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            if row and len(row) < width:
                raise InputError(f"has {len(row)} fields, the header has {width}", row=line)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomic(path: str | Path, write: Callable[[IO[str]], None]) -> None:
    """Write to a temporary file beside the target and rename it into place only when the
    writer has finished, so a crash or a refused check leaves no partial file behind."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{target}: folder {directory} does not exist", field="--out")
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=directory,
                                         prefix=f".{target.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_csv_atomic(path: str | Path, frame: pd.DataFrame) -> None:
    write_atomic(path, lambda handle: frame.to_csv(handle, index=False, lineterminator="\n"))


def write_json_atomic(path: str | Path, payload: Any) -> None:
    write_atomic(path, lambda handle: handle.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n"))
