"""The core's privacy ledger (seawall.release.ledger.Ledger) on the node's database.

`charge` locks the dataset's budget row (SELECT ... FOR UPDATE on PostgreSQL; SQLite opens
every transaction with BEGIN IMMEDIATE, which serialises writers), adds up what is spent,
applies the core's own rule (`check_charge`) and inserts the charge, all in one
transaction: two releases racing cannot both fit into the same remaining budget. The nonce
column is unique, so a nonce inserted by a concurrent transaction is refused too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from seawall.release.ledger import (
    Budget,
    Charge,
    NonceReused,
    check_charge,
    check_delta,
    check_epsilon,
)
from seawall.sharing.models import PrivacyBudget, PrivacyCharge


@dataclass(frozen=True)
class Standing:
    """A dataset's budget, what is spent and what is left (None: no budget set)."""

    budget: Budget | None
    spent: Budget

    @property
    def remaining(self) -> Budget | None:
        if self.budget is None:
            return None
        return Budget(max(0.0, self.budget.epsilon - self.spent.epsilon),
                      max(0.0, self.budget.delta - self.spent.delta))


class DatabaseLedger:
    """Implements seawall.release.ledger.Ledger; `set_by` is recorded when a user sets a budget."""

    def set_budget(self, dataset: str, budget: Budget, *, set_by: Any = None) -> None:
        check_epsilon(budget.epsilon, "epsilon")
        check_delta(budget.delta, "delta")
        PrivacyBudget.objects.update_or_create(
            dataset=dataset,
            defaults={"epsilon": budget.epsilon, "delta": budget.delta, "set_by": set_by, "set_at": timezone.now()},
        )

    def budget(self, dataset: str) -> Budget | None:
        row = PrivacyBudget.objects.filter(dataset=dataset).first()
        return Budget(row.epsilon, row.delta) if row else None

    def spent(self, dataset: str) -> Budget:
        values = list(PrivacyCharge.objects.filter(budget__dataset=dataset).values_list("epsilon", "delta"))
        # fsum, as the core does: many small epsilons must not drift past the budget.
        return Budget(math.fsum(e for e, _ in values), math.fsum(d for _, d in values))

    def standing(self, dataset: str) -> Standing:
        return Standing(self.budget(dataset), self.spent(dataset))

    def charge(self, charge: Charge) -> None:
        try:
            with transaction.atomic():
                row = PrivacyBudget.objects.select_for_update().filter(dataset=charge.dataset).first()
                budget = Budget(row.epsilon, row.delta) if row else None
                used = PrivacyCharge.objects.filter(nonce=charge.nonce).exists()
                check_charge(charge, budget, self.spent(charge.dataset), used)
                assert row is not None  # check_charge refuses a dataset without a budget
                PrivacyCharge.objects.create(
                    budget=row, mechanism=charge.mechanism, epsilon=charge.epsilon, delta=charge.delta,
                    nonce=charge.nonce, randomness=charge.randomness, at=_when(charge.at), note=charge.note[:300])
        except IntegrityError:
            # Another transaction inserted the same nonce between our check and our insert.
            raise NonceReused(f"nonce {charge.nonce} was already used by an earlier release; "
                              "each release draws fresh randomness", field="ledger") from None

    def charges(self, dataset: str) -> list[Charge]:
        return [Charge(dataset=dataset, mechanism=c.mechanism, epsilon=c.epsilon, delta=c.delta, nonce=c.nonce,
                       randomness=c.randomness, at=c.at.isoformat(timespec="seconds"), note=c.note)
                for c in PrivacyCharge.objects.filter(budget__dataset=dataset)]

    def charge_for(self, nonce: str) -> Charge | None:
        row = PrivacyCharge.objects.select_related("budget").filter(nonce=nonce).first()
        if row is None:
            return None
        return Charge(dataset=row.budget.dataset, mechanism=row.mechanism, epsilon=row.epsilon, delta=row.delta,
                      nonce=row.nonce, randomness=row.randomness, at=row.at.isoformat(timespec="seconds"),
                      note=row.note)


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return timezone.now()
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
