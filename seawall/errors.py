"""Errors every layer shares, so the CLI, the web pages and the API report them alike."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a person or a file. The message names the field, row or column and,
    where it helps, what is allowed; the CLI prints it as one line and exits with status 2."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None) -> None:
        self.row = row
        self.field = field
        where = []
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(field)
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
