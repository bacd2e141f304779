"""A saved person is re-keyed in the same transaction, so the registration check sees every
registration and edit at once (bulk writes are caught up by keys.catch_up)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from seawall.cases.models import Person
from seawall.duplicates.keys import index_person


@receiver(post_save, sender=Person, dispatch_uid="duplicates.rekey_person")
def rekey_person(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    index_person(instance)
