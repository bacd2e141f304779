"""`seawall import-undo BATCH_ID --user USERNAME`: remove what one import created."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seawall.errors import InputError
from seawall.transfers.access import may_undo
from seawall.transfers.management.commands._common import EXIT_BAD_INPUT, acting_user
from seawall.transfers.models import ImportBatch
from seawall.transfers.undo import undo_batch


class Command(BaseCommand):
    help = "Undo an import as a whole: its cases, their events and consents, and its persons."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("batch", type=int, help="the import's number (seawall import prints it; the Imports page lists them)")
        parser.add_argument("--user", required=True)

    def handle(self, *args: Any, batch: int, user: str, **options: Any) -> None:
        person = acting_user(user)
        found = ImportBatch.objects.filter(pk=batch).first()
        if found is None:
            raise CommandError(f"no import {batch}", returncode=EXIT_BAD_INPUT)
        if not may_undo(person, found):
            raise CommandError(f"{person.username} may not undo import {batch} ({found.get_state_display().lower()}, "
                               f"agency {found.agency}): an importer of that agency who sees all its cases can",
                               returncode=EXIT_BAD_INPUT)
        try:
            removed = undo_batch(found, person, reason="cli:import-undo")
        except InputError as error:
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from None
        self.stdout.write(f"import {batch} undone: {removed['cases']} cases and {removed['persons']} persons removed")
