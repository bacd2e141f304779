"""Re-encrypting personal data under the newest field key and recomputing blind indexes.

Rows are rewritten in batches, each in its own transaction, so a rotation interrupted half
way can simply be run again (rows already under the new key are rewritten harmlessly).
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import connection, models, transaction

from seawall.cases import identity
from seawall.cases.fields import EncryptedTextField
from seawall.cases.models import Person, PersonIndex
from seawall.cases.protection import cipher

def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


def encrypted_models() -> list[type[models.Model]]:
    """Every installed model with an encrypted field: other apps (imports, merges) keep
    personal data too, and a rotation that missed them would strand it under an old key."""
    found = [m for m in apps.get_models() if encrypted_fields(m)]
    # Persons first, so their blind indexes are rebuilt before anything else runs long.
    return sorted(found, key=lambda m: (m is not Person, m._meta.label))


def stale_tokens() -> dict[str, int]:
    """Per table, how many stored values are not under the primary key (read raw, no decryption)."""
    counts: dict[str, int] = {}
    current = cipher()
    for model in encrypted_models():
        columns = [model._meta.get_field(name).column for name in encrypted_fields(model)]
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
            stale = sum(1 for row in cursor.fetchall() for token in row if token and current.needs_rotation(token))
        counts[table] = stale
    return counts


def rotate(batch: int = 500, progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    rewritten: dict[str, int] = {}
    for model in encrypted_models():
        fields = encrypted_fields(model)
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                rows = list(model.objects.filter(pk__in=ids[start:start + batch]))
                # bulk_update runs every value through get_prep_value: decrypt (any key), encrypt (primary).
                model.objects.bulk_update(rows, fields, batch_size=batch)
                if model is Person:
                    PersonIndex.objects.filter(person__in=rows).delete()
                    identity.bulk_index(rows)
            if progress:
                progress(model.__name__, min(start + batch, len(ids)), len(ids))
        rewritten[model.__name__] = len(ids)
    return rewritten
