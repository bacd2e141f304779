"""`seawall worker`: run background jobs (imports, batch deduplication, releases)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from seawall.jobs import queue


class Command(BaseCommand):
    help = "Run queued background jobs; --once runs what is queued and stops."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between looks at the queue")

    def handle(self, *args, once: bool, poll: float, **options) -> None:
        if once:
            self.stdout.write(f"ran {queue.run_pending()} job(s)")
            return
        self.stdout.write("worker: waiting for jobs (Ctrl-C to stop)")
        queue.work_forever(poll)
