"""The `seawall` command.

Commands of the pure cores (indicators, link, release, ...) run without Django, so an
analyst can use them on files; everything else is a Django management command of the node
(`seawall migrate`, `seawall rotate-keys`, `seawall audit verify`, ...).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from seawall.errors import InputError

# Each module exposes register(subparsers) and sets func on its parsers. A core that is not
# built yet is simply absent; the list names where each one lives.
CORE_COMMANDS = {
    "genkeys": "seawall.vault.cli",
    "indicators": "seawall.indicators.cli",
    "link": "seawall.linkage.cli",
    "release": "seawall.release.cli",
}


def _core_parser(name: str) -> argparse.ArgumentParser | None:
    module_name = CORE_COMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None
        raise
    parser = argparse.ArgumentParser(prog="seawall")
    subparsers = parser.add_subparsers(dest="command", required=True)
    module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CORE_COMMANDS:
        parser = _core_parser(args[0])
        if parser is not None:
            namespace = parser.parse_args(args)
            try:
                return int(namespace.func(namespace) or 0)
            except InputError as error:
                print(f"seawall {args[0]}: {error}", file=sys.stderr)
                return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seawall.settings")
    from django.core.management import execute_from_command_line

    # Django's own commands use underscores; people type hyphens.
    if args and "-" in args[0] and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["seawall", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
