"""Undoing an import as a whole: its cases, their events and consents, and its persons.

A person is removed only when no case outside the import refers to her. Records of other
modules that point at the import's cases or persons are respected: one that protects them
(say, a confirmed duplicate pair) stops the undo with a message naming it and nothing is
removed; one that cascades goes with them. The import's own rows are then deleted with a
few set-wise statements: the ORM's collector loaded every one of 47,000 cases first and
took half a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Subquery
from django.utils import timezone

from seawall.audit import log
from seawall.cases.models import ConsentRecord, Person, PersonIndex, TraffickingEvent, VictimCase
from seawall.errors import InputError
from seawall.transfers.models import ImportBatch, ImportedCase

# Rows this module deletes itself; any other model pointing at cases or persons is handled
# by its own on_delete rule.
_OWN = {TraffickingEvent, ConsentRecord, ImportedCase, PersonIndex, VictimCase}


def _others(model: type[models.Model], ids: Any) -> None:
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related in _OWN or not relation.field.concrete:
            continue
        linked = related._default_manager.filter(**{f"{relation.field.name}__in": ids})
        if relation.on_delete in (models.PROTECT, models.RESTRICT):
            count = linked.count()
            if count:
                raise InputError(f"{count} {related._meta.verbose_name_plural} refer to {model._meta.verbose_name_plural} "
                                 "of this import; remove those links first, then undo again")
        else:
            linked.delete()  # CASCADE, SET_NULL...: the ORM applies the rule


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    """SQLite takes at most 999 parameters in a statement."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _execute(sql: str, params: list[object]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def undo_batch(batch: ImportBatch, user: Any, *, request: Any = None, reason: str | None = None) -> dict[str, int]:
    if batch.state != ImportBatch.IMPORTED:
        raise InputError(f"import {batch.pk} is {batch.get_state_display().lower()}: only an imported batch can be undone")
    quote = connection.ops.quote_name
    with transaction.atomic():
        # Lock the batch row so that two undos of the same import cannot both run.
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.IMPORTED:
            raise InputError(f"import {batch.pk} was already {batch.get_state_display().lower()}")
        cases = VictimCase.objects.filter(imported__batch=batch)
        case_ids = list(cases.values_list("pk", flat=True))
        batch_persons = Subquery(cases.values("person_id"))
        shared = VictimCase.objects.filter(person_id__in=batch_persons).exclude(imported__batch=batch)
        orphan_persons = Person.objects.filter(pk__in=batch_persons).exclude(pk__in=Subquery(shared.values("person_id")))
        orphans = list(orphan_persons.values_list("pk", flat=True))
        _others(VictimCase, Subquery(cases.values("pk")))
        _others(Person, Subquery(orphan_persons.values("pk")))
        TraffickingEvent.objects.filter(case__imported__batch=batch).delete()
        ConsentRecord.objects.filter(case__imported__batch=batch).delete()
        links = f"SELECT case_id FROM {quote(ImportedCase._meta.db_table)} WHERE batch_id = %s"
        deleted_cases = _execute(f"DELETE FROM {quote(VictimCase._meta.db_table)} WHERE id IN ({links})", [batch.pk])
        ImportedCase.objects.filter(batch=batch).delete()
        deleted_persons = 0
        for ids in _chunks(orphans):
            PersonIndex.objects.filter(person_id__in=ids).delete()
            deleted_persons += _execute(f"DELETE FROM {quote(Person._meta.db_table)} WHERE id IN "
                                        f"({', '.join(['%s'] * len(ids))})", list(ids))
        batch.state = ImportBatch.UNDONE
        batch.undone_at = timezone.now()
        batch.undone_by = user
        batch.save(update_fields=["state", "undone_at", "undone_by"])
        log.record(log.DELETE, request=request, actor=user if request is None else None, reason=reason,
                   subjects=[("import", batch.pk), *(("case", pk) for pk in case_ids)],
                   detail={"import": batch.pk, "undo": True, "cases": deleted_cases, "persons": deleted_persons})
    return {"cases": deleted_cases, "persons": deleted_persons}
