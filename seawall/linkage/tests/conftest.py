"""Shared fixtures: generated data with ground truth, made once per test session."""

from __future__ import annotations

import pandas as pd
import pytest

from seawall.synth.duplicates import generate, write_csv


@pytest.fixture(scope="session")
def small_people() -> pd.DataFrame:
    return generate(600, seed=11)


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory: pytest.TempPathFactory, small_people: pd.DataFrame):
    folder = tmp_path_factory.mktemp("linkage")
    path, truth = folder / "input.csv", folder / "truth.csv"
    write_csv(small_people, path, truth)
    return path, truth
