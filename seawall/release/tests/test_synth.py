"""DP synthetic data with pac-synth: the input's schema, charged to the ledger, with marginal errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from seawall.cli import main
from seawall.errors import InputError
from seawall.release import synth
from seawall.release.tests.doubles import make_pac_synth_panic
from seawall.release.utility import marginal_errors
from seawall.standard.ctdc import V1_COLUMNS


@pytest.fixture(scope="module")
def small(skewed: pd.DataFrame) -> pd.DataFrame:
    return skewed.head(400).reset_index(drop=True)


def test_synthetic_records_keep_the_input_schema(small: pd.DataFrame) -> None:
    plan = synth.plan_synth(small, 4.0, records=200)
    release = synth.synthesise(small, plan)
    assert list(release.frame.columns) == list(V1_COLUMNS)
    assert len(release.frame) == 200
    assert all(str(t) == "str" for t in release.frame.dtypes)
    for column in V1_COLUMNS:  # values come from the input's own (positive-only) domain
        allowed = set(small[column].replace("0", "")) | {""}
        assert set(release.frame[column]) <= allowed, column
    assert "isForcedLabour" in release.zeros_blanked


def test_the_noisy_record_count_estimates_the_input_size(skewed: pd.DataFrame) -> None:
    # pac-synth's noise on the count does not shrink with the input: at epsilon 4 it had a
    # standard deviation of about 80 records (150 runs on 400 records, tails past 4.5 sd).
    # On 3,000 records, a bound of +-1,500 cannot fail by chance, and still catches a count
    # that is not the input's (the requested 200, or a sum over attributes).
    frame = skewed.head(3_000).reset_index(drop=True)
    release = synth.synthesise(frame, synth.plan_synth(frame, 4.0, records=200))
    assert 1_500 < release.noisy_records < 4_500


def test_utility_report_has_1_2_3_way_errors(small: pd.DataFrame) -> None:
    release = synth.synthesise(small, synth.plan_synth(small, 4.0, records=300))
    report = synth.utility_report(small, release)
    for width in ("1-way", "2-way", "3-way"):
        assert 0 <= report[width]["mean"] <= report[width]["max"] <= 1
    assert report["1-way"]["marginals"] == len(V1_COLUMNS)
    assert report["3-way"]["marginals"] == 1000
    assert "not for publication" in report["note"]


def test_marginal_errors_measure_what_they_say() -> None:
    a = pd.DataFrame({"x": ["1", "1", "2", "2"], "y": ["a", "b", "a", "b"]})
    assert marginal_errors(a, a)["2-way"]["max"] == 0
    b = pd.DataFrame({"x": ["3", "3", "3", "3"], "y": ["c", "c", "c", "c"]})
    assert marginal_errors(a, b)["1-way"]["mean"] == 1
    c = pd.DataFrame({"x": ["1", "1", "1", "2"], "y": ["a", "b", "a", "b"]})
    assert marginal_errors(a, c)["1-way"]["max"] == pytest.approx(0.25)


def test_plan_refuses_bad_parameters(small: pd.DataFrame) -> None:
    for epsilon in (0, -1):
        with pytest.raises(InputError, match="--epsilon"):
            synth.plan_synth(small, epsilon)
    with pytest.raises(InputError, match="--delta"):
        synth.plan_synth(small, 1.0, delta=0)
    plan = synth.plan_synth(small, 1.0)
    assert 0 < plan.delta < 1 / len(small)


def test_cli_synth_end_to_end(tmp_path: Path, small: pd.DataFrame, capsys) -> None:
    data = tmp_path / "in.csv"
    small.to_csv(data, index=False)
    ledger, out, report = tmp_path / "l.json", tmp_path / "synth.csv", tmp_path / "r.json"
    assert main(["release", "budget", str(data), "--epsilon", "5", "--ledger", str(ledger)]) == 0
    assert main(["release", "synth", str(data), "--epsilon", "4", "--records", "150", "--out", str(out),
                 "--ledger", str(ledger), "--report", str(report)]) == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(V1_COLUMNS) and len(written) == 150
    summary = json.loads(report.read_text())
    assert summary["epsilon"] == 4.0 and "3-way" in summary["utility"]
    out.unlink()
    assert main(["release", "synth", str(data), "--epsilon", "4", "--out", str(out),
                 "--ledger", str(ledger)]) == 2  # 4 + 4 > 5
    assert "spent epsilon 4 of 5" in capsys.readouterr().err
    assert not out.exists()


def test_sampling_reports_progress_to_a_callback(small: pd.DataFrame) -> None:
    # The web app runs synth as a background job: it needs progress without a terminal.
    seen: list[tuple[int, int]] = []
    release = synth.synthesise(small, synth.plan_synth(small, 4.0, records=1_200),
                               on_progress=lambda done, total: seen.append((done, total)))
    assert len(release.frame) == 1_200
    assert seen == [(500, 1_200), (1_000, 1_200), (1_200, 1_200)]


def test_a_pac_synth_panic_becomes_a_clear_error(small: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    # PyO3's PanicException derives from BaseException: it would pass `except Exception` and
    # kill the web app's background worker.
    make_pac_synth_panic(monkeypatch)
    with pytest.raises(InputError, match="--epsilon: pac-synth could not learn from 400 records at epsilon 2 "
                                         r"\(adding noise.*use a larger epsilon or more records"):
        synth.synthesise(small, synth.plan_synth(small, 2.0, records=10))


def test_the_real_panic_on_a_tiny_input_is_an_input_error() -> None:
    # Five records at epsilon 0.05: the noisy record count is negative about half the time.
    tiny = pd.DataFrame({"gender": ["Female", "Male", "Female", "Female", "Male"],
                         "ageBroad": ["18--20", "9--17", "18--20", "30--38", "18--20"]})
    failures = 0
    for _ in range(40):
        try:
            synth.synthesise(tiny, synth.plan_synth(tiny, 0.05, records=5))
        except InputError as error:
            assert "noisy record count came out negative" in str(error)
            failures += 1
    assert failures > 0
