"""Where the shared reference files are: ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
TEMPLATE = SHARED / "standards" / "htcds" / "HTCDS Excel Spreadsheet v2.0.xlsx"
CTDC_V1 = SHARED / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"


def _needed(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.relative_to(REPO.parent)} is not beside the repository (shared/ absent)")
    return path


@pytest.fixture
def htcds_template() -> Path:
    return _needed(TEMPLATE)


@pytest.fixture
def ctdc_v1_file() -> Path:
    return _needed(CTDC_V1)
