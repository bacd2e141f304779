"""`seawall audit verify`: check the audit trail's hash chain; `seawall audit head`: its tip."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from seawall.audit import chain
from seawall.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail (verify) or print its head for safekeeping elsewhere (head)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("action", choices=["verify", "head"])
        parser.add_argument(
            "--expect-head", metavar="SEQ:FINGERPRINT",
            help="a head noted earlier; fails if those events are gone or changed",
        )

    def handle(self, *args, action: str, expect_head: str | None = None, **options) -> None:
        seq, head_hash = chain.head()
        if action == "head":
            self.stdout.write(f"{seq}:{chain.fingerprint(head_hash)}")
            return
        total = AuditEvent.objects.count()
        breaks = []
        for number, problem in enumerate(chain.verify(), start=1):
            breaks.append(problem)
            self.stderr.write(f"event {problem.seq}: {problem.problem}")
            if number >= 50:
                self.stderr.write("(stopping after 50 problems)")
                break
        if expect_head:
            breaks += self._check_anchor(expect_head)
        if breaks:
            raise CommandError(f"audit trail is NOT intact: {len(breaks)} problem(s) in {total} events")
        self.stdout.write(f"audit trail intact: {total} events, head {seq}:{chain.fingerprint(head_hash)}")

    def _check_anchor(self, expected: str) -> list[chain.Break]:
        try:
            seq_text, print_ = expected.split(":", 1)
            seq = int(seq_text)
        except ValueError:
            raise CommandError("--expect-head takes SEQ:FINGERPRINT as printed by `seawall audit head`") from None
        event = AuditEvent.objects.filter(seq=seq).first()
        if event is None or chain.fingerprint(event.hash) != print_:
            self.stderr.write(f"event {seq}: the noted head is missing or different")
            return [chain.Break(seq, "noted head missing or different")]
        return []
