"""The privacy-budget ledger: what each dataset may still spend, and every release's nonce.

Differential privacy adds up: every release from the same data spends part of a budget
(epsilon, delta) that an administrator sets per dataset. The ledger is asked *before* any
noise is drawn: `charge` checks and records the release in one step, so two releases racing
each other cannot both fit into the same remaining budget. A release that fails after its
charge keeps it spent: noisy answers may already exist, so the charge is never refunded.

OpenDP and pac-synth take no seed: both draw noise from the operating system's cryptographic
random generator on every call, so no two releases share randomness. What the ledger records
per release is a fresh 128-bit nonce (the release id); it refuses any nonce it has seen
before, so a replayed or duplicated release cannot be charged twice or slip in uncharged.

`Ledger` is the interface; `JsonFileLedger` is the file implementation used by the CLI. The
web app implements the same interface on its database (one row per charge, the check and
the insert in one transaction with the dataset's row locked).
"""

from __future__ import annotations

import fcntl
import json
import math
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from seawall.errors import InputError
from seawall.release.io import write_json_atomic

TOLERANCE = 1e-12  # floating-point slack when adding epsilons


class BudgetExceeded(InputError):
    """The release would spend more than the dataset's budget (or it has none)."""


class NonceReused(InputError):
    """A release id / seed that was already used: refused, randomness is never reused."""


@dataclass(frozen=True)
class Budget:
    epsilon: float
    delta: float = 0.0


@dataclass(frozen=True)
class Charge:
    dataset: str  # the dataset's identity (the CLI uses the sha256 of the input file)
    mechanism: str  # "dp-counts", "synth", ...
    epsilon: float
    delta: float = 0.0
    nonce: str = field(default_factory=lambda: new_nonce())  # also the release id
    randomness: str = "os-csprng"  # where the noise came from (no seed: OS entropy per call)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    note: str = ""


def new_nonce() -> str:
    return secrets.token_hex(16)


def check_epsilon(epsilon: Any, field_name: str = "--epsilon") -> float:
    try:
        value = float(epsilon)
    except (TypeError, ValueError):
        raise InputError(f"must be a number greater than 0, not {epsilon!r}", field=field_name) from None
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"must be a number greater than 0, not {epsilon!r}", field=field_name)
    return value


def check_delta(delta: Any, field_name: str = "--delta") -> float:
    try:
        value = float(delta)
    except (TypeError, ValueError):
        raise InputError(f"must be a number in [0, 1), not {delta!r}", field=field_name) from None
    if not math.isfinite(value) or not 0 <= value < 1:
        raise InputError(f"must be a number in [0, 1), not {delta!r}", field=field_name)
    return value


@runtime_checkable
class Ledger(Protocol):
    def set_budget(self, dataset: str, budget: Budget) -> None:
        """Set (or change) a dataset's total budget. Lowering it below what is spent is allowed
        and simply refuses every further release."""

    def budget(self, dataset: str) -> Budget | None: ...

    def spent(self, dataset: str) -> Budget:
        """Total epsilon and delta charged so far (basic sequential composition)."""

    def charge(self, charge: Charge) -> None:
        """Record the release if it fits the budget, atomically; raise BudgetExceeded if the
        dataset has no budget or the release would overspend it, NonceReused if the nonce was
        used before (for any dataset)."""

    def charges(self, dataset: str) -> list[Charge]: ...


def check_charge(charge: Charge, budget: Budget | None, spent: Budget, used: bool) -> None:
    """The rule every Ledger implementation applies inside its atomic step."""
    if used:
        raise NonceReused(f"nonce {charge.nonce} was already used by an earlier release; "
                          "each release draws fresh randomness", field="ledger")
    check_epsilon(charge.epsilon)
    check_delta(charge.delta)
    if budget is None:
        raise BudgetExceeded(f"dataset {charge.dataset[:12]}… has no privacy budget; an administrator "
                             "sets one first (seawall release budget INPUT.csv --epsilon E)",
                             field="ledger")
    epsilon = spent.epsilon + charge.epsilon
    delta = spent.delta + charge.delta
    if epsilon > budget.epsilon + TOLERANCE or delta > budget.delta + TOLERANCE:
        raise BudgetExceeded(
            f"this release needs epsilon {charge.epsilon:g}, delta {charge.delta:g}; dataset "
            f"{charge.dataset[:12]}… has spent epsilon {spent.epsilon:g} of {budget.epsilon:g} and "
            f"delta {spent.delta:g} of {budget.delta:g}", field="ledger")


class JsonFileLedger:
    """A ledger in one JSON file, locked while it is read, checked and rewritten."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def set_budget(self, dataset: str, budget: Budget) -> None:
        check_epsilon(budget.epsilon)
        check_delta(budget.delta)
        with self._locked() as state:
            entry = state["datasets"].setdefault(dataset, {"charges": []})
            entry["budget"] = asdict(budget)
            entry["budget_set_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            self._save(state)

    def budget(self, dataset: str) -> Budget | None:
        entry = self._read()["datasets"].get(dataset)
        return Budget(**entry["budget"]) if entry and entry.get("budget") else None

    def spent(self, dataset: str) -> Budget:
        return _sum(self.charges(dataset))

    def charges(self, dataset: str) -> list[Charge]:
        entry = self._read()["datasets"].get(dataset) or {"charges": []}
        return [Charge(**c) for c in entry["charges"]]

    def charge(self, charge: Charge) -> None:
        with self._locked() as state:
            entry = state["datasets"].get(charge.dataset)
            budget = Budget(**entry["budget"]) if entry and entry.get("budget") else None
            spent = _sum([Charge(**c) for c in entry["charges"]]) if entry else Budget(0.0, 0.0)
            check_charge(charge, budget, spent, charge.nonce in state["nonces"])
            assert entry is not None
            entry["charges"].append(asdict(charge))
            state["nonces"].append(charge.nonce)
            self._save(state)

    def _read(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"version": 1, "datasets": {}, "nonces": []}
        try:
            state = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(f"{self.path}: not a readable privacy ledger ({error})", field="--ledger") from None
        if not isinstance(state, dict) or state.get("version") != 1:
            raise InputError(f"{self.path}: not a Seawall privacy ledger (version 1)", field="--ledger")
        return state

    @contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        if not self.path.parent.is_dir():
            raise InputError(f"{self.path}: folder {self.path.parent} does not exist", field="--ledger")
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield self._read()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _save(self, state: dict[str, Any]) -> None:
        write_json_atomic(self.path, state)


def _sum(charges: list[Charge]) -> Budget:
    return Budget(math.fsum(c.epsilon for c in charges), math.fsum(c.delta for c in charges))
