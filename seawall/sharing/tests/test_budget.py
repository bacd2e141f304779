"""The administrator's budget page: set, shown with what is spent, bad input refused, audited."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.release.ledger import Budget, Charge
from seawall.sharing.ledger import DatabaseLedger
from seawall.sharing.models import NODE_CASES, PrivacyBudget

pytestmark = pytest.mark.django_db


def test_an_administrator_sets_the_budget(client_for, users):
    client = client_for("administrator")
    response = client.post("/releases/budget/", {"epsilon": "4", "delta": "1e-6"})
    assert response.status_code == 302
    budget = PrivacyBudget.objects.get(dataset=NODE_CASES)
    assert (budget.epsilon, budget.delta, budget.set_by.username) == (4.0, 1e-6, "administrator")
    event = AuditEvent.objects.get(subjects__object_type="privacy_budget")
    assert event.detail["epsilon"] == 4.0 and event.detail["before"] is None
    page = client.get("/releases/budget/").content.decode()
    assert "Privacy budget of the node&#x27;s cases: epsilon 4, delta 1e-06." in page
    assert "epsilon <strong>4</strong> left of 4" in page


def test_the_page_lists_every_charge(client_for, users):
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(2.0, 1e-6))
    ledger.charge(Charge(NODE_CASES, "dp-counts", 0.5, nonce="c" * 32))
    ledger.charge(Charge(NODE_CASES, "synth", 1.0, 1e-7, nonce="d" * 32))
    page = client_for("administrator").get("/releases/budget/").content.decode()
    assert "c" * 32 in page and "d" * 32 in page
    assert "epsilon <strong>0.5</strong> left of 2 (spent 1.5)" in page


@pytest.mark.parametrize("epsilon, delta, said", [
    ("0", "1e-6", "Must be a number greater than 0, not 0.0"),
    ("-2", "1e-6", "Must be a number greater than 0, not -2.0"),
    ("3", "1", "Must be a number in [0, 1), not 1.0"),
    ("3", "-1e-6", "Must be a number in [0, 1), not -1e-06"),
    ("many", "1e-6", "Enter a number."),
])
def test_bad_budgets_are_refused(epsilon, delta, said, client_for, users):
    response = client_for("administrator").post("/releases/budget/", {"epsilon": epsilon, "delta": delta})
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not PrivacyBudget.objects.exists()


def test_lowering_below_what_is_spent_warns(client_for, users):
    ledger = DatabaseLedger()
    ledger.set_budget(NODE_CASES, Budget(2.0))
    ledger.charge(Charge(NODE_CASES, "dp-counts", 1.5))
    client = client_for("administrator")
    response = client.post("/releases/budget/", {"epsilon": "1", "delta": "0"})
    page = client.get(response["Location"]).content.decode()
    assert "every further differentially private release will be refused" in page
    assert ledger.standing(NODE_CASES).remaining == Budget(0.0, 0.0)
