"""Bad input is refused with one clear line and exit status 2, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from seawall.cli import main
from seawall.errors import InputError
from seawall.release import dpcounts, kanon, synth
from seawall.release.columns import identity_columns
from seawall.release.ledger import JsonFileLedger


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["release", *argv])
    err = capsys.readouterr().err.strip()
    return status, err


def _assert_refused(status: int, err: str, *words: str) -> None:
    assert status == 2
    assert len(err.splitlines()) == 1, err
    assert err.startswith("seawall release: ")
    for word in words:
        assert word in err, (word, err)


def test_unknown_quasi_identifier(tmp_path: Path, skewed_csv: Path, capsys) -> None:
    out = tmp_path / "out.csv"
    status, err = _run(capsys, "kanon", str(skewed_csv), "--out", str(out), "--quasi", "gender,nationalityX")
    _assert_refused(status, err, "--quasi", "nationalityX")
    assert not out.exists()


@pytest.mark.parametrize("k", ["1", "0", "-3", "abc", "2.5"])
def test_k_below_two_or_not_a_number(tmp_path: Path, skewed_csv: Path, capsys, k: str) -> None:
    out = tmp_path / "out.csv"
    status, err = _run(capsys, "kanon", str(skewed_csv), "--k", k, "--out", str(out))
    _assert_refused(status, err, "--k")
    assert not out.exists()


@pytest.mark.parametrize("k", [1, 0, True, 2.0])
def test_core_refuses_bad_k(skewed: pd.DataFrame, k) -> None:
    with pytest.raises(InputError, match="--k"):
        kanon.anonymise(skewed.head(50), k)


@pytest.mark.parametrize("epsilon", ["0", "-1", "nan", "inf", "abc"])
def test_epsilon_must_be_positive(tmp_path: Path, skewed_csv: Path, capsys, epsilon: str) -> None:
    ledger = tmp_path / "ledger.json"
    out = tmp_path / "out.csv"
    for command in (["dp-counts", "--by", "gender"], ["synth"]):
        status, err = _run(capsys, command[0], str(skewed_csv), "--epsilon", epsilon, "--out", str(out),
                           "--ledger", str(ledger), *command[1:])
        _assert_refused(status, err, "--epsilon")
    assert not out.exists()
    assert not ledger.exists(), "a refused release must not touch the ledger"


@pytest.mark.parametrize("column", ["prs_FirstName", "Name", "dateOfBirth", "MobilePhone",
                                    "passportNumber", "email", "prs_MailingStreet"])
def test_identity_column_is_refused(tmp_path: Path, skewed: pd.DataFrame, capsys, column: str) -> None:
    path = tmp_path / "with_identity.csv"
    frame = skewed.head(100).copy()
    frame.insert(0, column, "x")
    frame.to_csv(path, index=False)
    out = tmp_path / "out.csv"
    for command in (["kanon"], ["dp-counts", "--epsilon", "1", "--by", "gender"],
                    ["synth", "--epsilon", "1"]):
        status, err = _run(capsys, command[0], str(path), "--out", str(out),
                           "--ledger" if command[0] != "kanon" else "--report",
                           str(tmp_path / "side.json"), *command[1:])
        _assert_refused(status, err, column, "identifying")
    assert not out.exists()


def test_ctdc_columns_are_not_mistaken_for_identities(skewed: pd.DataFrame) -> None:
    assert identity_columns(list(skewed.columns)) == []


def test_core_functions_refuse_identity_columns_too(skewed: pd.DataFrame) -> None:
    frame = skewed.head(20).assign(prs_Birthdate="2001-01-01")
    with pytest.raises(InputError, match="prs_Birthdate"):
        dpcounts.plan_counts(frame, ["gender"], 1.0)
    with pytest.raises(InputError, match="prs_Birthdate"):
        synth.plan_synth(frame, 1.0)


def test_empty_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    status, err = _run(capsys, "kanon", str(path), "--out", str(tmp_path / "out.csv"))
    _assert_refused(status, err, "empty")


def test_header_only(tmp_path: Path, skewed: pd.DataFrame, capsys) -> None:
    path = tmp_path / "header.csv"
    skewed.head(0).to_csv(path, index=False)
    for command in (["kanon"], ["dp-counts", "--epsilon", "1", "--by", "gender"]):
        status, err = _run(capsys, command[0], str(path), "--out", str(tmp_path / "o.csv"),
                           *command[1:], *(["--ledger", str(tmp_path / "l.json")] if command[0] != "kanon" else []))
        _assert_refused(status, err, "no records")


def test_row_with_too_many_fields(tmp_path: Path, skewed: pd.DataFrame, capsys) -> None:
    path = tmp_path / "bad.csv"
    skewed.head(5).to_csv(path, index=False)
    with path.open("a") as handle:
        handle.write(",".join(["1"] * (len(skewed.columns) + 3)) + "\n")
    status, err = _run(capsys, "kanon", str(path), "--out", str(tmp_path / "o.csv"))
    _assert_refused(status, err, "well-formed CSV")


def test_row_with_too_few_fields_names_the_row(tmp_path: Path, skewed: pd.DataFrame, capsys) -> None:
    path = tmp_path / "short.csv"
    skewed.head(5).to_csv(path, index=False)
    with path.open("a") as handle:
        handle.write("2016,Hotline,Female\n")
    status, err = _run(capsys, "kanon", str(path), "--out", str(tmp_path / "o.csv"))
    _assert_refused(status, err, "row 7", "3 fields, the header has 58")


def test_not_utf8(tmp_path: Path, skewed: pd.DataFrame, capsys) -> None:
    path = tmp_path / "latin1.csv"
    skewed.head(5).to_csv(path, index=False)
    with path.open("ab") as handle:
        handle.write(",".join(["Cura\xe7ao"] * len(skewed.columns)).encode("latin-1") + b"\n")
    status, err = _run(capsys, "kanon", str(path), "--out", str(tmp_path / "o.csv"))
    _assert_refused(status, err, "UTF-8")


def test_missing_input_and_missing_output_folder(tmp_path: Path, skewed_csv: Path, capsys) -> None:
    status, err = _run(capsys, "kanon", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv"))
    _assert_refused(status, err, "no such file")
    status, err = _run(capsys, "kanon", str(skewed_csv), "--out", str(tmp_path / "no" / "o.csv"))
    _assert_refused(status, err, "does not exist")


def test_unknown_by_column_and_bad_alpha(tmp_path: Path, skewed_csv: Path, capsys) -> None:
    ledger = tmp_path / "l.json"
    JsonFileLedger(ledger)
    status, err = _run(capsys, "dp-counts", str(skewed_csv), "--epsilon", "1", "--by", "gender,colour",
                       "--out", str(tmp_path / "o.csv"), "--ledger", str(ledger))
    _assert_refused(status, err, "--by", "colour")
    status, err = _run(capsys, "dp-counts", str(skewed_csv), "--epsilon", "1", "--by", "gender",
                       "--alpha", "1.5", "--out", str(tmp_path / "o.csv"), "--ledger", str(ledger))
    _assert_refused(status, err, "--alpha")
    assert not ledger.exists()
