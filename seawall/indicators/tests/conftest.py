"""Fixtures for the indicator tests: the shared real data (skipped when absent) and small CTDC tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from seawall.testing.shared import shared_dir, shared_file

from seawall.standard.ctdc import V1_COLUMNS

# The project's shared data sit next to the repository (../shared); never an absolute path.
SHARED = shared_dir()
CTDC_FILE = SHARED / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"
POPULATION_FILE = SHARED / "data" / "population" / "population.csv"


def _need(path: Path) -> Path:
    return shared_file(*path.relative_to(SHARED).parts)


@pytest.fixture(scope="session")
def ctdc_file() -> Path:
    return _need(CTDC_FILE)


@pytest.fixture(scope="session")
def population_file() -> Path:
    return _need(POPULATION_FILE)


def ctdc_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """A CTDC v1 table with every column; cells not given are blank, as in the real file."""
    base = {column: "" for column in V1_COLUMNS}
    return pd.DataFrame([base | row for row in rows], columns=list(V1_COLUMNS), dtype=str)


def victim(year: str = "2016", country: str = "TT", gender: str = "Female", age: str = "18--20",
           **flags: str) -> dict[str, str]:
    """One CTDC v1 row; flags by column name, e.g. isSexualExploit="1"."""
    return {"yearOfRegistration": year, "CountryOfExploitation": country, "gender": gender,
            "ageBroad": age, "citizenship": "JM", "Datasource": "Case Management", **flags}


def write_ctdc(path: Path, rows: list[dict[str, str]]) -> Path:
    ctdc_frame(rows).to_csv(path, index=False)
    return path
