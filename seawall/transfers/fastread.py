"""Reading many rows for an export: one cursor, values converted once per distinct value.

The ORM converts every cell of every row (multi-code text to lists, JSON text to dicts);
for a national export that conversion was most of the time, while a k-anonymised dataset
holds only a few thousand distinct values. Encrypted columns are not read here: the ORM
decrypts those.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import connection, models

from seawall.cases.fields import MultiCodeField


def read_rows(queryset: Any, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows as dicts, read with one cursor and converted per distinct value: the ORM's
    per-cell converters were most of a national export's time. Only for columns that are
    not encrypted (those go through the ORM, which decrypts them)."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    model = queryset.model
    converting = [(name, convert) for name in columns if (convert := _reader(model, name)) is not None]
    out = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        for name, convert in converting:
            if values[name] is not None:
                values[name] = convert(values[name])
        out.append(values)
    return out


def _reader(model: Any, column: str) -> Callable[[Any], Any] | None:
    name = "pk" if column == "pk" else column.removesuffix("_id") if column.endswith("_id") else column
    if "__" in name or name == "pk":
        return None
    field = model._meta.get_field(name)
    seen: dict[Any, Any] = {}
    if isinstance(field, MultiCodeField):
        convert: Callable[[Any], Any] = lambda text: [code for code in text.split("|") if code]  # noqa: E731
    elif isinstance(field, models.JSONField):
        convert = json.loads
    else:
        return None

    def converted(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # a driver that decodes JSON itself
        if value not in seen:
            seen[value] = convert(value)
        return seen[value]  # shared: readers below only read them

    return converted
