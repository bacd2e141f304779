"""Shared pieces of the imports tests: real files beside the repository, uploads kept in a
temporary VAR_DIR, and counts that say whether the database changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
CTDC_V1 = SHARED / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"
TEMPLATE = SHARED / "standards" / "htcds" / "HTCDS Excel Spreadsheet v2.0.xlsx"


def needed(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.relative_to(REPO.parent)} is not beside the repository (../shared is absent)")
    return path


@pytest.fixture
def ctdc_v1_file() -> Path:
    return needed(CTDC_V1)


@pytest.fixture
def htcds_template() -> Path:
    return needed(TEMPLATE)


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def table_counts() -> dict[str, int]:
    """Rows in every table an import writes: equal before and after means nothing was written."""
    from seawall.cases.models import ConsentRecord, Person, PersonIndex, TraffickingEvent, VictimCase
    from seawall.transfers.models import ImportedCase

    return {model.__name__: model.objects.count()
            for model in (Person, PersonIndex, VictimCase, TraffickingEvent, ConsentRecord, ImportedCase)}


def uploads_left(var: Path) -> list[Path]:
    root = var / "uploads"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client: Any, path: Path, kind: str = "detect", **extra: Any) -> Any:
    with path.open("rb") as handle:
        return client.post("/imports/upload/", {"file": handle, "kind": kind, "date_order": "ISO", **extra})
