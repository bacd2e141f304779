"""What a DP release will spend, known when the analyst asks for it (before any data is read).

The charge is made at that moment, in the same transaction that creates the release, so a
release that would overspend is refused at once with what is left; the background job
then re-plans on the real table with exactly the charged epsilon and delta and refuses to
draw noise if the plan would spend more.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from seawall.errors import InputError
from seawall.release import dpcounts, synth
from seawall.release.ledger import check_delta, check_epsilon
from seawall.sharing.dataset import offered_columns


def _header_frame(schema: str) -> pd.DataFrame:
    # plan_counts reads only the column names (and that there is a row): whether a group
    # list is public depends on the columns, never on the data, so one blank row will do.
    columns = offered_columns(schema)
    return pd.DataFrame([[""] * len(columns)], columns=columns, dtype="str")


def counts_charge(schema: str, group_by: list[str], epsilon: Any, delta: Any) -> tuple[float, float]:
    plan = dpcounts.plan_counts(_header_frame(schema), group_by, epsilon, delta)
    return plan.epsilon, plan.delta


def synth_default_delta(cases: int) -> float:
    """pac-synth's delta when none is given: the core's rule (seawall.release.synth.plan_synth),
    min(1e-7, 1/(n ln n)), on the number of cases at the time of asking."""
    return min(synth.DEFAULT_DELTA, 1.0 / (cases * math.log(max(cases, 3))))


def synth_charge(epsilon: Any, delta: Any, cases: int) -> tuple[float, float]:
    epsilon = check_epsilon(epsilon, "epsilon")
    if cases < 1:
        raise InputError("the node has no cases to learn from")
    delta = check_delta(synth_default_delta(cases) if delta is None else delta, "delta")
    if delta == 0:
        raise InputError("pac-synth is (epsilon, delta)-DP: delta must be greater than 0", field="delta")
    return epsilon, delta
