"""The generator: deterministic, the INPUT format, distinct agencies per person, truth."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from seawall.linkage.records import INPUT_COLUMNS, check_records
from seawall.synth.duplicates import generate, write_csv


def test_deterministic_and_valid(tmp_path: Path) -> None:
    first, again = generate(3_000, seed=4), generate(3_000, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(generate(3_000, seed=5))
    assert len(first) == 3_000 and first["record_id"].is_unique
    check_records(first)  # passes the CLI's own input checks
    per_person = first.groupby("person_id")["source"]
    assert (per_person.nunique() == per_person.size()).all()  # different agencies
    assert first["person_id"].value_counts().max() <= 5
    write_csv(first, tmp_path / "in.csv", tmp_path / "truth.csv")
    assert list(pd.read_csv(tmp_path / "in.csv").columns) == list(INPUT_COLUMNS)
    assert list(pd.read_csv(tmp_path / "truth.csv").columns) == ["record_id", "person_id"]


def test_hard_cases_are_present() -> None:
    records = generate(5_000, seed=6)
    dob = records["date_of_birth"]
    assert (dob.str.endswith("-01-01")).mean() > 0.05  # only the year known
    assert (dob == "").mean() > 0.02
    assert records["given_name"].str.contains(r"[A-Za-z]-[A-Za-z]").any()  # Haitian hyphens
    assert records["phone"].str.startswith("+").any()
    assert records["phone"].str.startswith("(").any()  # written locally
    namesakes = records.groupby(["given_name", "family_name", records["date_of_birth"].str[:4]]
                                )["person_id"].nunique()
    assert (namesakes > 1).sum() > 20  # different people, same name and birth year
