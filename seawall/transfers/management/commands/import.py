"""`seawall import htcds|ctdc|table FILE --user USERNAME [--mapping MAP]`: bring cases in.

Every problem is printed by row and column; a file with any error writes nothing and the
command exits with status 2. Otherwise the whole file is written in one transaction,
recorded as an import batch (see `seawall import-undo`) and in the audit trail.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seawall import policy
from seawall.transfers.importing import import_path
from seawall.transfers.management.commands._common import EXIT_BAD_INPUT, Bar, acting_user, progress_wanted
from seawall.transfers.reading import KINDS


def _mapping(path: str) -> dict[str, Any]:
    file = Path(path)
    try:
        text = file.read_text("utf-8")
        return json.loads(text) if file.suffix.lower() == ".json" else tomllib.loads(text)
    except OSError as error:
        raise CommandError(f"cannot read the mapping {path}: {error.strerror}", returncode=EXIT_BAD_INPUT) from None
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise CommandError(f"the mapping {path} is not valid {'JSON' if file.suffix.lower() == '.json' else 'TOML'}: "
                           f"{error}", returncode=EXIT_BAD_INPUT) from None


class Command(BaseCommand):
    help = "Import an HTCDS file, a CTDC dataset or a unit's own table (with --mapping) as cases of USER's agency."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("kind", choices=KINDS, help="htcds (IOM template, XLSX or CSV), ctdc (v1 or 2024), table")
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="the caseworker or investigator importing (owns the cases)")
        parser.add_argument("--mapping", help="column mapping file (TOML or JSON) for `table`")
        parser.add_argument("--date-order", choices=("ISO", "DMY", "MDY"), default="ISO",
                            help="HTCDS: how dates typed as text are written (15/03/2024 is DMY)")
        parser.add_argument("--check", action="store_true", help="read and list problems only; write nothing")
        parser.add_argument("--progress", choices=("auto", "always", "never"), default="auto")

    def handle(self, *args: Any, kind: str, file: str, user: str, mapping: str | None, date_order: str,
               check: bool, progress: str, **options: Any) -> None:
        person = acting_user(user)
        if not policy.may_import(person):
            raise CommandError(f"{person.username} ({person.role_label}) may not import cases: imports write into an "
                               "agency's case register, so only caseworkers and investigators do them",
                               returncode=EXIT_BAD_INPUT)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no file {file}", returncode=EXIT_BAD_INPUT)
        if kind == "table" and not mapping:
            raise CommandError("a unit's own table needs --mapping MAP (see docs/imports.md)", returncode=EXIT_BAD_INPUT)
        table_mapping = _mapping(mapping) if mapping else None
        show = progress_wanted(progress)
        reading, writing = Bar(f"reading {path.name}", show), Bar("writing cases", show)
        if check:
            from seawall.transfers.reading import read_for_import

            result = read_for_import(kind, path, mapping=table_mapping, date_order=date_order, progress=reading)
            batch = outcome = None
        else:
            result, batch, outcome = import_path(person, path, kind, mapping=table_mapping,
                                                 mapping_name=Path(mapping).stem if mapping else "",
                                                 date_order=date_order, read_progress=reading, write_progress=writing)
        reading.close()
        writing.close()
        for problem in result.problems:
            self.stderr.write(f"{path.name}: {problem}")
        for note in result.notes:
            self.stderr.write(f"{path.name}: note: {note}")
        if not result.ok:
            rows = len(result.error_rows)
            raise CommandError(f"{len(result.errors)} error(s){f' in {rows} row(s)' if rows else ''}; nothing was "
                               "imported. Fix the file and run the command again.", returncode=EXIT_BAD_INPUT)
        if check:
            self.stdout.write(f"{path.name}: {len(result.records)} rows can be imported ({result.source}; "
                              f"{len(result.warnings)} warning(s)); nothing was written (--check)")
            return
        assert batch is not None and outcome is not None
        self.stdout.write(f"import {batch.pk}: {outcome.cases} cases and {outcome.persons} persons created from "
                          f"{path.name} ({result.source}, sha256 {result.checksum[:16]}…) for {person.agency}; "
                          f"undo with: seawall import-undo {batch.pk} --user {person.username}")
