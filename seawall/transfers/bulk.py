"""Fast inserts for imports: one executemany per table, ids reserved beforehand.

Django's bulk_create compiles every value of every row through the ORM; for a national
dataset (47,102 cases: some 200,000 rows in five tables) that cost a minute on this
machine. Here each column's conversion is chosen once, values go through the model
field's own get_db_prep_save only where it does something (encryption, multi-codes, JSON,
dates), and rows go to the driver in one executemany. Ids are reserved first so that
cases can point at their persons without reading anything back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from seawall.cases.fields import EncryptedTextField

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


def _json(field: models.JSONField) -> Callable[[Any], Any]:
    """JSON as text: SQLite stores it so, and PostgreSQL's COPY reads text into jsonb.
    Dataset rows repeat (a k-anonymised file is mostly repeats), so flat dicts are encoded
    once per distinct content."""
    seen: dict[Any, str] = {}

    def converted(value: Any) -> str:
        try:
            key: Any = tuple(value.items())
            hash(key)
        except TypeError:  # lists among the values (codes recorded absent): as tuples
            try:
                key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())
                hash(key)
            except TypeError:
                return json.dumps(value, cls=field.encoder)
        except AttributeError:
            return json.dumps(value, cls=field.encoder)
        if key not in seen:
            seen[key] = json.dumps(value, cls=field.encoder)
        return seen[key]

    return converted


def _converter(field: models.Field, db: Any) -> Callable[[Any], Any] | None:
    if type(field) in _AS_IS:
        return None
    if isinstance(field, (models.DateField, models.DateTimeField)):  # DateTimeField is a DateField
        return _memo(lambda value: field.get_db_prep_save(value, db))
    if isinstance(field, models.JSONField):
        return _json(field)
    if isinstance(field, EncryptedTextField):
        # Empty stays empty (no cipher work): most imported persons have no identity.
        prepare = field.get_prep_value
        return lambda value: "" if not value else prepare(value)
    if type(field).get_db_prep_value is models.Field.get_db_prep_value:
        # Encrypted and multi-code fields do their work in get_prep_value.
        return field.get_prep_value
    return lambda value: field.get_db_prep_save(value, db)


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        from django.utils import timezone

        return timezone.now()
    return field.get_default()


class Inserter:
    """Inserts rows given as {attname: Python value} into one model's table; columns the
    rows leave out get the field's default (computed once: an import's rows share it).

    All rows of one `insert` call give the same columns; the statement lists those first,
    so a row is one itemgetter call and a conversion only where a column needs one."""

    def __init__(self, model: type[models.Model], *, with_pk: bool) -> None:
        self.model = model
        self.fields = {f.attname: f for f in model._meta.concrete_fields if with_pk or not f.primary_key}
        self.db = connections[DEFAULT_DB_ALIAS]
        self.converters = {name: _converter(f, self.db) for name, f in self.fields.items()}
        self.plans: dict[tuple[str, ...], tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]] = {}

    def _prepared_default(self, name: str) -> Any:
        value, convert = _default(self.fields[name]), self.converters[name]
        return value if value is None or convert is None else convert(value)

    def _plan(self, given: tuple[str, ...]) -> tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]:
        unknown = set(given) - set(self.fields)
        if unknown:
            raise ValueError(f"{self.model.__name__} has no column(s) {', '.join(sorted(unknown))}")
        rest = [name for name in self.fields if name not in given]
        filler = tuple(self._prepared_default(name) for name in rest)
        get = itemgetter(*given) if len(given) > 1 else (lambda values: (values[given[0]],))
        converting = [(i, c) for i, name in enumerate(given) if (c := self.converters[name]) is not None]

        def row(values: dict[str, Any]) -> tuple[Any, ...]:
            out = list(get(values))
            for index, convert in converting:
                value = out[index]
                if value is not None:
                    out[index] = convert(value)
            return (*out, *filler)

        quote = self.db.ops.quote_name
        columns = ", ".join(quote(self.fields[name].column) for name in (*given, *rest))
        table = quote(self.model._meta.db_table)
        if self.db.vendor == "postgresql":
            sql = f"COPY {table} ({columns}) FROM STDIN"
        else:
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(self.fields))})"
        return sql, row

    def insert(self, rows: Iterable[dict[str, Any]]) -> int:
        rows = list(rows)
        if not rows:
            return 0
        given = tuple(rows[0])
        if given not in self.plans:
            self.plans[given] = self._plan(given)
        sql, row = self.plans[given]
        prepared: Sequence[tuple[Any, ...]] = [row(values) for values in rows]
        with self.db.cursor() as cursor:
            if self.db.vendor == "postgresql":
                # COPY: psycopg's pipelined executemany still did a round of work per row,
                # several times SQLite's time for the same rows.
                with cursor.cursor.copy(sql) as copy:
                    for values in prepared:
                        copy.write_row(values)
            else:
                cursor.executemany(sql, prepared)
        return len(prepared)
