"""Where the shared reference files are: ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.testing.shared import shared_dir, shared_file

TEMPLATE_PARTS = ("standards", "htcds", "HTCDS Excel Spreadsheet v2.0.xlsx")
CTDC_V1_PARTS = ("data", "ctdc", "ctdc_global_kanon_2018.csv")
CTDC_V1 = shared_dir().joinpath(*CTDC_V1_PARTS)


@pytest.fixture
def htcds_template() -> Path:
    return shared_file(*TEMPLATE_PARTS)


@pytest.fixture
def ctdc_v1_file() -> Path:
    return shared_file(*CTDC_V1_PARTS)
