"""The database ledger: the core's Ledger interface, no overspending, no nonce twice (even in a
race between two connections), nothing refunded."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from seawall.release import ledger as core
from seawall.release.ledger import Budget, BudgetExceeded, Charge, Ledger, NonceReused
from seawall.sharing import ledger as db_ledger
from seawall.sharing.ledger import DatabaseLedger
from seawall.sharing.models import NODE_CASES, ChargeNeverRefunded, PrivacyCharge

pytestmark = pytest.mark.django_db

# The test database on SQLite is in memory with a shared cache, where a second writer gets
# "table is locked" at once instead of waiting as it does on a file (BEGIN IMMEDIATE and a
# busy timeout): there the loser of a race fails instead of being refused, and what must
# hold is that both never get charged. PostgreSQL runs the strict version.
LOCKED = "locked"


def _lost(error: Exception) -> str | None:
    if connection.vendor == "sqlite" and "locked" in str(error):
        return LOCKED
    return None


def test_it_is_the_cores_ledger_interface():
    assert isinstance(DatabaseLedger(), Ledger)


def test_charges_add_up_until_the_budget_is_spent():
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(1.0, 1e-6))
    for _ in range(10):
        ledger.charge(Charge(NODE_CASES, "dp-counts", 0.1))  # ten tenths: exactly 1, no float drift
    assert ledger.spent(NODE_CASES) == Budget(1.0, 0.0)
    with pytest.raises(BudgetExceeded, match="has spent epsilon 1 of 1"):
        ledger.charge(Charge(NODE_CASES, "dp-counts", 0.01))
    assert len(ledger.charges(NODE_CASES)) == 10


def test_delta_is_a_budget_too():
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(10.0, 1e-7))
    ledger.charge(Charge(NODE_CASES, "synth", 1.0, 1e-7))
    with pytest.raises(BudgetExceeded, match="delta"):
        ledger.charge(Charge(NODE_CASES, "synth", 1.0, 1e-8))


def test_no_budget_no_release():
    with pytest.raises(BudgetExceeded, match="has no privacy budget"):
        DatabaseLedger().charge(Charge(NODE_CASES, "dp-counts", 0.5))
    assert not PrivacyCharge.objects.exists()


def test_a_nonce_is_refused_the_second_time_in_any_dataset():
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(5.0))
    ledger.set_budget("other", Budget(5.0))
    ledger.charge(Charge(NODE_CASES, "dp-counts", 0.5, nonce="n" * 32))
    for dataset in (NODE_CASES, "other"):
        with pytest.raises(NonceReused, match="already used"):
            ledger.charge(Charge(dataset, "dp-counts", 0.5, nonce="n" * 32))
    assert ledger.spent(NODE_CASES).epsilon == 0.5 and ledger.spent("other").epsilon == 0


def test_bad_parameters_are_refused():
    ledger = DatabaseLedger()
    with pytest.raises(core.InputError, match="epsilon"):
        ledger.set_budget(NODE_CASES, Budget(0.0))
    with pytest.raises(core.InputError, match="delta"):
        ledger.set_budget(NODE_CASES, Budget(1.0, 1.0))
    ledger.set_budget(NODE_CASES, Budget(1.0))
    with pytest.raises(core.InputError, match="epsilon"):
        ledger.charge(Charge(NODE_CASES, "dp-counts", -0.1))


def test_lowering_the_budget_below_what_is_spent_refuses_everything_after():
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(2.0))
    ledger.charge(Charge(NODE_CASES, "dp-counts", 1.5))
    ledger.set_budget(NODE_CASES, Budget(1.0))
    assert ledger.standing(NODE_CASES).remaining == Budget(0.0, 0.0)
    with pytest.raises(BudgetExceeded):
        ledger.charge(Charge(NODE_CASES, "dp-counts", 0.001))


def test_a_charge_is_never_refunded():
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(1.0))
    ledger.charge(Charge(NODE_CASES, "dp-counts", 0.4))
    with pytest.raises(ChargeNeverRefunded):
        PrivacyCharge.objects.get().delete()
    assert ledger.spent(NODE_CASES).epsilon == 0.4


@pytest.mark.django_db(transaction=True)
def test_two_charges_racing_cannot_both_fit(monkeypatch):
    """Two connections charge 0.6 of a budget of 1.0 at the same moment: exactly one fits.
    The first holds the budget row while it sleeps inside its check, so the second has to
    wait for it and then sees the first charge."""
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(1.0))
    real_check = db_ledger.check_charge

    def slow_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(db_ledger, "check_charge", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def charge() -> None:
        try:
            start.wait()
            DatabaseLedger().charge(Charge(NODE_CASES, "dp-counts", 0.6))
            outcomes.append("charged")
        except BudgetExceeded:
            outcomes.append("refused")
        except Exception as error:  # anything else fails the test with its name
            outcomes.append(_lost(error) or f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=charge) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) in (["charged", "refused"], ["charged", LOCKED] if connection.vendor == "sqlite" else []), \
        (connection.vendor, outcomes)
    assert ledger.spent(NODE_CASES).epsilon == 0.6


@pytest.mark.django_db(transaction=True)
def test_the_same_nonce_racing_is_charged_once(monkeypatch):
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(5.0))
    ledger.set_budget("other", Budget(5.0))
    real_check = db_ledger.check_charge

    def slow_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(db_ledger, "check_charge", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def charge(dataset: str) -> None:
        # Different datasets: the budget rows do not serialise them, only the nonce can.
        try:
            start.wait()
            DatabaseLedger().charge(Charge(dataset, "dp-counts", 0.5, nonce="r" * 32))
            outcomes.append("charged")
        except NonceReused:
            outcomes.append("reused")
        except Exception as error:
            outcomes.append(_lost(error) or f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=charge, args=(d,)) for d in (NODE_CASES, "other")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) in (["charged", "reused"], ["charged", LOCKED] if connection.vendor == "sqlite" else []), \
        (connection.vendor, outcomes)
    assert PrivacyCharge.objects.filter(nonce="r" * 32).count() == 1
