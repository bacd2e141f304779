"""Reading configuration from the environment, shared by settings and the CLI.

An operator may keep variables in a file named by SEAWALL_ENV_FILE (KEY=VALUE lines);
variables already in the environment win, so a deployment can override a file.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message names the variable."""


def load_env_file(path: str | os.PathLike[str] | None = None) -> None:
    path = path or os.environ.get("SEAWALL_ENV_FILE")
    if not path:
        return
    file = Path(path)
    if not file.exists():
        raise ConfigError(f"SEAWALL_ENV_FILE names {file}, which does not exist")
    for number, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ConfigError(f"{file}:{number}: expected KEY=VALUE")
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ConfigError(f"{name} is not set; see docs/configure.md")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
