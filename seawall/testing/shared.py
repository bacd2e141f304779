"""The shared reference files (../shared beside the repository, or SEAWALL_SHARED_DIR).

Tests that need them skip when they are absent on a developer's machine; CI sets
SEAWALL_REQUIRE_SHARED=1 so that the real-data tests can never be skipped there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    return Path(os.environ.get("SEAWALL_SHARED_DIR") or REPO.parent / "shared")


def shared_file(*parts: str) -> Path:
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        message = f"{'/'.join(parts)} not found in the shared data directory {shared_dir().name}/"
        if os.environ.get("SEAWALL_REQUIRE_SHARED") == "1":
            pytest.fail(f"{message} (SEAWALL_REQUIRE_SHARED=1)")
        pytest.skip(message)
    return path
