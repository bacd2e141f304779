"""Fixtures for the release tests: the shared real data (skipped when absent), generated
skewed CTDC tables, and an independent k-anonymity count that shares no code with the core."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from seawall.testing.shared import shared_dir, shared_file

from seawall.synth.ctdc import generate_ctdc_v1

# The project's shared data sit next to the repository (../shared); never an absolute path.
SHARED = shared_dir()
CTDC_FILE = SHARED / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"
CARIBBEAN_FILE = SHARED / "data" / "population" / "caribbean_countries.csv"


def _need(path: Path) -> Path:
    return shared_file(*path.relative_to(SHARED).parts)


@pytest.fixture(scope="session")
def ctdc_file() -> Path:
    return _need(CTDC_FILE)


@pytest.fixture(scope="session")
def caribbean_file() -> Path:
    return _need(CARIBBEAN_FILE)


@pytest.fixture(scope="session")
def skewed() -> pd.DataFrame:
    """20,000 generated victims: most combinations common, many rare."""
    return generate_ctdc_v1(20_000, seed=11, progress=False)


@pytest.fixture
def skewed_csv(tmp_path: Path, skewed: pd.DataFrame) -> Path:
    path = tmp_path / "victims.csv"
    skewed.head(3_000).to_csv(path, index=False)
    return path


def independent_class_sizes(rows: Sequence[Sequence[str]]) -> Counter:
    """Count each combination with plain Python tuples: no pandas, no Seawall code."""
    return Counter(tuple(str(v) for v in row) for row in rows)


def smallest_class(frame: pd.DataFrame, quasi: Sequence[str]) -> int:
    counts = independent_class_sizes(frame[list(quasi)].itertuples(index=False, name=None))
    return min(counts.values()) if counts else 0


def smallest_class_in_csv(path: Path, quasi: Sequence[str]) -> int:
    """Read the written file back with the csv module and count there."""
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        counts = independent_class_sizes([[row[q] for q in quasi] for row in reader])
    return min(counts.values()) if counts else 0
