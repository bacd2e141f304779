"""`seawall duplicate-keys [--rebuild]`: bring the registration check's match keys up to date."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from seawall.audit import log
from seawall.duplicates import keys


class Command(BaseCommand):
    help = ("Key persons the registration check has not seen (written in bulk) and drop keys of deleted "
            "persons; with --rebuild, make every key afresh (after the index key changed).")

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--rebuild", action="store_true", help="delete every key and make them all again")

    def handle(self, *args: Any, rebuild: bool, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            print(f"\r  {done:,} of {total:,} persons", end="", file=sys.stderr, flush=True)

        if rebuild:
            result = {"rebuilt": keys.rebuild(progress)}
        else:
            result = keys.reconcile(progress)
        print(file=sys.stderr)
        # Keying reads every identity of the node: the trail says so (no identity in it).
        log.record(log.COMMAND, reason="cli:duplicate-keys", detail={"duplicate_keys": result})
        self.stdout.write(", ".join(f"{name}: {value:,}" for name, value in result.items()))
