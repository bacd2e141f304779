"""Writing outputs whole or not at all: a failed run never leaves half a CSV behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from seawall.errors import InputError


def write_text(path: str | Path, content: str) -> Path:
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"{target.parent} is not a directory", field="--out")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    return write_text(path, frame.to_csv(index=False, lineterminator="\n"))
