"""Fast inserts for imports: one executemany per table, ids reserved beforehand.

Django's bulk_create compiles every value of every row through the ORM; for a national
dataset (47,102 cases: some 200,000 rows in five tables) that cost a minute on this
machine. Here each column's conversion is chosen once, values go through the model
field's own get_db_prep_save only where it does something (encryption, multi-codes, JSON,
dates), and rows go to the driver in one executemany. Ids are reserved first so that
cases can point at their persons without reading anything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

# Field types whose Python value the drivers take as it is (exact types: subclasses such as
# the encrypted and multi-code fields convert their values).
_AS_IS = frozenset({models.CharField, models.TextField, models.IntegerField, models.PositiveIntegerField,
                    models.PositiveSmallIntegerField, models.BigIntegerField, models.PositiveBigIntegerField,
                    models.BooleanField, models.AutoField, models.BigAutoField, models.ForeignKey,
                    models.OneToOneField})


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model`, never used before (ids of undone imports are
    not reused: audit events name cases by id). Call inside the import's transaction."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [connection.ops.quote_name(table), column, count])
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserve_ids: {connection.vendor} is not supported")
        # SQLite serialises writers, and the import's transaction holds the write lock.
        cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
    return list(range(start, start + count))


def _memo(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """For dates and times: an import writes the same few values on every row."""
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            result = seen[value] = convert(value)
            return result

    return converted


def _json(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Dataset rows repeat (a k-anonymised file is mostly repeats): flat dicts are encoded
    once per distinct content."""
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        try:
            key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())
            hash(key)
        except (AttributeError, TypeError):
            return convert(value)
        if key not in seen:
            seen[key] = convert(value)
        return seen[key]

    return converted


def _converter(field: models.Field, db: Any) -> Callable[[Any], Any] | None:
    if type(field) in _AS_IS:
        return None
    if isinstance(field, (models.DateField, models.DateTimeField)):  # DateTimeField is a DateField
        return _memo(lambda value: field.get_db_prep_save(value, db))
    if isinstance(field, models.JSONField):
        return _json(lambda value: db.ops.adapt_json_value(value, field.encoder))
    if type(field).get_db_prep_value is models.Field.get_db_prep_value:
        # Encrypted and multi-code fields do their work in get_prep_value.
        return field.get_prep_value
    return lambda value: field.get_db_prep_save(value, db)


def _default(field: models.Field) -> Callable[[], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        from django.utils import timezone

        return timezone.now
    return field.get_default


class Inserter:
    """Inserts rows given as {attname: Python value} into one model's table; columns a row
    leaves out get the field's default."""

    def __init__(self, model: type[models.Model], *, with_pk: bool) -> None:
        self.fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.names = [f.attname for f in self.fields]
        db = connections[DEFAULT_DB_ALIAS]
        self.converters = [_converter(f, db) for f in self.fields]
        self.defaults = [_default(f) for f in self.fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for name, convert, default in zip(self.names, self.converters, self.defaults, strict=True):
            value = values[name] if name in values else default()
            out.append(value if convert is None or value is None else convert(value))
        return tuple(out)

    def insert(self, rows: Iterable[dict[str, Any]]) -> int:
        prepared: Sequence[tuple[Any, ...]] = [self.row(values) for values in rows]
        if prepared:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, prepared)
        return len(prepared)
