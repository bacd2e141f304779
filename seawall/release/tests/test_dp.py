"""DP counts: the noise matches epsilon and sensitivity, the ledger refuses overspending, and no
nonce (the stand-in for a seed: OpenDP draws OS randomness) is ever used twice."""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import numpy as np
import opendp.prelude as dp
import pandas as pd
import pytest

from seawall.cli import main
from seawall.release import dpcounts
from seawall.release.ledger import (Budget, BudgetExceeded, Charge, JsonFileLedger, Ledger,
                                    NonceReused)


def _frame(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"gender": [g for g, c in counts.items() for _ in range(c)]}, dtype="str")


def _discrete_laplace_variance(scale: float) -> float:
    q = math.exp(-1 / scale)
    return 2 * q / (1 - q) ** 2


@pytest.mark.parametrize(("epsilon", "contributions", "scale"), [(1.0, 1, 1.0), (0.5, 1, 2.0),
                                                                  (0.25, 1, 4.0), (1.5, 3, 2.0)])
def test_noise_scale_is_sensitivity_over_epsilon(epsilon: float, contributions: int, scale: float) -> None:
    assert dpcounts.noise_scale(epsilon, contributions) == pytest.approx(scale)
    frame = _frame({"Female": 30, "Male": 10})
    plan = dpcounts.plan_counts(frame, ["gender"], epsilon, contributions=contributions)
    release = dpcounts.release_counts(frame, plan)
    assert release.scale == pytest.approx(scale)
    # OpenDP's own privacy map for the same mechanism says it spends exactly epsilon.
    measurement = (dp.t.make_count_by_categories(dp.vector_domain(dp.atom_domain(T=str)),
                                                 dp.symmetric_distance(), categories=["Female", "Male"])
                   >> dp.m.then_laplace(scale=release.scale))
    assert measurement.map(contributions) == pytest.approx(epsilon)


def test_empirical_noise_has_the_discrete_laplace_spread() -> None:
    truth = {"Female": 40, "Male": 25, "Unknown": 5, "": 0}
    frame = _frame({k: v for k, v in truth.items() if v})
    plan = dpcounts.plan_counts(frame, ["gender"], 0.5)
    errors = []
    # 4,000 draws: the sample variance's relative spread is then about 0.035 (Laplace
    # kurtosis 6), so the 15 % band is over four of them wide and does not fail by chance.
    for _ in range(1000):
        table = dpcounts.release_counts(frame, plan).table.set_index("gender")["count"]
        errors.extend(table[g] - truth[g] for g in truth)
    errors = np.array(errors, dtype=float)
    expected = _discrete_laplace_variance(2.0)  # scale 1/0.5
    assert abs(errors.mean()) < 0.4
    assert errors.var() == pytest.approx(expected, rel=0.15)
    # ... and is clearly not the spread of a scale-1 mechanism (epsilon 1) or of scale 4.
    assert not errors.var() == pytest.approx(_discrete_laplace_variance(1.0), rel=0.15)
    assert not errors.var() == pytest.approx(_discrete_laplace_variance(4.0), rel=0.15)


def test_intervals_cover_at_their_level() -> None:
    truth = {"Female": 40, "Male": 25, "Unknown": 5}
    frame = _frame(truth)
    plan = dpcounts.plan_counts(frame, ["gender"], 0.3)
    hits = total = 0
    # 2,100 intervals: 0.87 is then over four standard deviations below the 90 % level.
    for _ in range(700):
        release = dpcounts.release_counts(frame, plan, alpha=0.1)
        table = release.table.set_index("gender")
        assert release.accuracy == pytest.approx(dp.discrete_laplacian_scale_to_accuracy(release.scale, 0.1))
        for g, count in truth.items():
            hits += table.at[g, "ci_low"] <= count <= table.at[g, "ci_high"]
            total += 1
    assert hits / total >= 0.87


def test_every_public_group_is_released_even_when_empty(skewed: pd.DataFrame) -> None:
    plan = dpcounts.plan_counts(skewed, ["gender", "ageBroad"], 1.0)
    assert plan.mechanism == "public-categories" and plan.delta == 0
    table = dpcounts.release_counts(skewed, plan).table
    assert len(table) == 4 * 11
    assert set(table.columns) == {"gender", "ageBroad", "count", "ci_low", "ci_high"}
    assert (table.ci_low >= 0).all() and (table.ci_low <= table.ci_high).all()


def test_groups_without_public_domain_use_a_threshold(skewed: pd.DataFrame) -> None:
    plan = dpcounts.plan_counts(skewed, ["RecruiterRelationship"], 1.0, delta=1e-8)
    assert plan.mechanism == "threshold" and plan.delta == 1e-8
    release = dpcounts.release_counts(skewed, plan)
    assert release.threshold is not None and release.threshold > 10
    assert (release.table["count"] >= release.threshold).all()
    with pytest.raises(Exception, match="delta"):
        dpcounts.plan_counts(skewed, ["RecruiterRelationship"], 1.0, delta=0)


def test_fresh_randomness_every_release() -> None:
    frame = _frame({"Female": 300, "Male": 200})
    plan = dpcounts.plan_counts(frame, ["gender"], 0.05)
    draws = {tuple(dpcounts.release_counts(frame, plan).table["count"]) for _ in range(5)}
    assert len(draws) > 1


# --- the ledger -------------------------------------------------------------------------

def test_json_ledger_implements_the_interface(tmp_path: Path) -> None:
    assert isinstance(JsonFileLedger(tmp_path / "l.json"), Ledger)


def test_ledger_refuses_overspending(tmp_path: Path) -> None:
    ledger = JsonFileLedger(tmp_path / "l.json")
    with pytest.raises(BudgetExceeded, match="no privacy budget"):
        ledger.charge(Charge("data", "dp-counts", 0.1))
    ledger.set_budget("data", Budget(1.0, 1e-6))
    ledger.charge(Charge("data", "dp-counts", 0.6))
    with pytest.raises(BudgetExceeded, match="spent epsilon 0.6 of 1"):
        ledger.charge(Charge("data", "dp-counts", 0.5))
    ledger.charge(Charge("data", "dp-counts", 0.4))  # exactly to the budget
    with pytest.raises(BudgetExceeded):
        ledger.charge(Charge("data", "dp-counts", 1e-9))
    assert ledger.spent("data").epsilon == pytest.approx(1.0)
    assert len(ledger.charges("data")) == 2
    other = JsonFileLedger(tmp_path / "l.json")  # a second reader sees the same state
    assert other.spent("data").epsilon == pytest.approx(1.0)


def test_ledger_refuses_overspending_delta(tmp_path: Path) -> None:
    ledger = JsonFileLedger(tmp_path / "l.json")
    ledger.set_budget("data", Budget(10.0, 1e-6))
    ledger.charge(Charge("data", "synth", 1.0, 9e-7))
    with pytest.raises(BudgetExceeded, match="delta"):
        ledger.charge(Charge("data", "synth", 1.0, 2e-7))


def test_budgets_are_per_dataset(tmp_path: Path) -> None:
    ledger = JsonFileLedger(tmp_path / "l.json")
    ledger.set_budget("a", Budget(1.0))
    ledger.set_budget("b", Budget(1.0))
    ledger.charge(Charge("a", "dp-counts", 1.0))
    ledger.charge(Charge("b", "dp-counts", 1.0))
    with pytest.raises(BudgetExceeded):
        ledger.charge(Charge("a", "dp-counts", 0.1))


def test_a_nonce_is_never_used_twice(tmp_path: Path) -> None:
    ledger = JsonFileLedger(tmp_path / "l.json")
    ledger.set_budget("a", Budget(5.0))
    ledger.set_budget("b", Budget(5.0))
    first = Charge("a", "dp-counts", 0.1)
    ledger.charge(first)
    with pytest.raises(NonceReused):
        ledger.charge(Charge("a", "dp-counts", 0.1, nonce=first.nonce))
    with pytest.raises(NonceReused):  # not even for another dataset
        ledger.charge(Charge("b", "dp-counts", 0.1, nonce=first.nonce))
    assert ledger.spent("a").epsilon == pytest.approx(0.1)
    nonces = {Charge("a", "x", 1.0).nonce for _ in range(1000)}
    assert len(nonces) == 1000 and all(len(n) == 32 for n in nonces)


def test_concurrent_charges_cannot_overspend(tmp_path: Path) -> None:
    ledger = JsonFileLedger(tmp_path / "l.json")
    ledger.set_budget("data", Budget(1.0))
    outcomes: list[bool] = []

    def spend() -> None:
        try:
            JsonFileLedger(tmp_path / "l.json").charge(Charge("data", "dp-counts", 0.3))
            outcomes.append(True)
        except BudgetExceeded:
            outcomes.append(False)

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(True) == 3
    assert ledger.spent("data").epsilon == pytest.approx(0.9)


# --- end to end through the CLI ----------------------------------------------------------

def test_cli_dp_counts_with_budget_and_ledger(tmp_path: Path, skewed_csv: Path, capsys) -> None:
    ledger = tmp_path / "ledger.json"
    out = tmp_path / "counts.csv"
    report = tmp_path / "counts.json"
    assert main(["release", "dp-counts", str(skewed_csv), "--epsilon", "0.5", "--by", "gender,ageBroad",
                 "--out", str(out), "--ledger", str(ledger)]) == 2
    assert "no privacy budget" in capsys.readouterr().err
    assert not out.exists()
    assert main(["release", "budget", str(skewed_csv), "--epsilon", "1", "--ledger", str(ledger)]) == 0
    for _ in range(2):
        assert main(["release", "dp-counts", str(skewed_csv), "--epsilon", "0.5", "--by",
                     "gender,ageBroad", "--out", str(out), "--ledger", str(ledger),
                     "--report", str(report)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["gender", "ageBroad", "count", "ci_low", "ci_high"]
    summary = json.loads(report.read_text())
    assert summary["scale"] == pytest.approx(2.0) and summary["epsilon"] == 0.5
    state = json.loads(ledger.read_text())
    charges = next(iter(state["datasets"].values()))["charges"]
    assert [c["epsilon"] for c in charges] == [0.5, 0.5]
    assert len({c["nonce"] for c in charges}) == 2 and summary["release_id"] == charges[1]["nonce"]
    out.unlink()
    assert main(["release", "dp-counts", str(skewed_csv), "--epsilon", "0.01", "--by", "gender",
                 "--out", str(out), "--ledger", str(ledger)]) == 2
    assert "spent epsilon 1 of 1" in capsys.readouterr().err
    assert not out.exists()
