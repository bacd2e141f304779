"""`seawall export htcds|ctdc-v1|ctdc-2024 --out FILE --user USERNAME [--format csv|xlsx]
[--with-identity --purpose "..."]`: the cases USER may see, in a standard format.

Permission-checked through seawall.policy for that user, and audited (which cases, the
format, and for identities the purpose). The file is written only once the export is
recorded; a refused export writes nothing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from seawall.errors import InputError
from seawall.transfers.exporting import export_cases
from seawall.transfers.management.commands._common import EXIT_BAD_INPUT, Bar, acting_user, progress_wanted


class Command(BaseCommand):
    help = "Export the cases USER may see as HTCDS (CSV or XLSX) or CTDC (v1 or 2024 schema)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("schema", choices=("htcds", "ctdc-v1", "ctdc-2024"))
        parser.add_argument("--out", required=True, help="the file to write")
        parser.add_argument("--user", required=True, help="whose view of the cases to export")
        parser.add_argument("--format", choices=("csv", "xlsx"), default=None, help="HTCDS only (default csv)")
        parser.add_argument("--with-identity", action="store_true", help="HTCDS only: names, contacts, documents")
        parser.add_argument("--purpose", default="", help="why identities leave Seawall (required with --with-identity)")
        parser.add_argument("--progress", choices=("auto", "always", "never"), default="auto")

    def handle(self, *args: Any, schema: str, out: str, user: str, format: str | None, with_identity: bool,
               purpose: str, progress: str, **options: Any) -> None:
        person = acting_user(user)
        if schema.startswith("ctdc") and format == "xlsx":
            raise CommandError("CTDC files are CSV; --format xlsx is for HTCDS", returncode=EXIT_BAD_INPUT)
        fmt = f"htcds-{format or 'csv'}" if schema == "htcds" else schema
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"no directory {target.parent} for --out", returncode=EXIT_BAD_INPUT)
        bar = Bar("reading cases", progress_wanted(progress))
        try:
            made = export_cases(person, fmt, include_identity=with_identity, purpose=purpose,
                                reason="cli:export", progress=bar)
        except PermissionDenied as error:
            raise CommandError(f"{person.username} ({person.role_label}): {error}", returncode=EXIT_BAD_INPUT) from None
        except InputError as error:
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from None
        finally:
            bar.close()
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(made.content)
            os.replace(name, target)
        finally:
            Path(name).unlink(missing_ok=True)
        self.stdout.write(f"{made.count} cases written to {target} ({fmt}{', with identity' if with_identity else ''})")
