"""The synthetic CTDC v1 generator: schema, determinism, and the skew tests rely on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from seawall.release.io import read_table
from seawall.standard.ctdc import V1_COLUMNS
from seawall.synth.ctdc import generate_ctdc_v1


def test_schema_and_text_cells() -> None:
    frame = generate_ctdc_v1(2_000, seed=1, progress=False)
    assert list(frame.columns) == list(V1_COLUMNS)
    assert len(frame) == 2_000
    assert all(str(t) == "str" for t in frame.dtypes)
    assert not frame.isna().any().any()
    flags = [c for c in V1_COLUMNS if c.startswith(("is", "typeOf", "meansOf", "recruiterRelation"))]
    for column in flags:
        assert set(frame[column]) <= {"", "0", "1"}, column


def test_deterministic_by_seed() -> None:
    a = generate_ctdc_v1(210_000, seed=5, progress=False)
    pd.testing.assert_frame_equal(a, generate_ctdc_v1(210_000, seed=5, progress=False))
    assert not a.equals(generate_ctdc_v1(210_000, seed=6, progress=False))


def test_skewed_with_rare_combinations() -> None:
    frame = generate_ctdc_v1(50_000, seed=2, progress=False)
    top = frame.citizenship.value_counts(normalize=True)
    assert top.iloc[0] > 0.15 and (top < 0.001).sum() > 10  # a few large origins, a long tail
    males = frame[frame.gender == "Male"].citizenship.value_counts()
    assert ((males > 0) & (males < 11)).sum() >= 3  # several countries with only a few men
    assert 0 < (frame.isOrganRemoval == "1").sum() < 0.01 * len(frame)


def test_written_file_reads_back_as_ctdc_v1(tmp_path: Path) -> None:
    frame = generate_ctdc_v1(500, seed=3, progress=False)
    path = tmp_path / "gen.csv"
    frame.to_csv(path, index=False)
    pd.testing.assert_frame_equal(read_table(path), frame)
