"""Differentially private synthetic records with Microsoft's pac-synth (the DP aggregate-seeded
synthesiser of the Synthetic Data Showcase, the method behind CTDC's synthetic releases).

pac-synth counts every combination of up to three attribute values with Gaussian noise
((epsilon, delta)-DP, its budget split across combination lengths) and then samples records
whose combinations follow those noisy counts. Everything after `fit` is post-processing, so
sampling more records costs no further budget.

Like CTDC's synthetic data, flags are positive-only by default: pac-synth treats "" and "0"
alike as "nothing here", so a v1 flag's "0" comes out blank. `keep_zeros=True` counts zeros as
values of their own, at the price of more noisy combinations and slower sampling.
pac-synth takes no seed; its noise and sampling draw fresh randomness on every run.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pacsynth
import pandas as pd
from tqdm import tqdm

from seawall.errors import InputError
from seawall.release.columns import refuse_identity_columns
from seawall.release.ledger import check_delta, check_epsilon
from seawall.release.utility import marginal_errors

REPORTING_LENGTH = 3  # combinations of up to three values are kept accurate
BATCH = 500
DEFAULT_DELTA = 1e-7  # records sampled per call, so progress can be shown


@dataclass(frozen=True)
class SynthPlan:
    epsilon: float
    delta: float
    records: int | None  # None: as many as the noisy record count of the input
    keep_zeros: bool


@dataclass
class SynthRelease:
    frame: pd.DataFrame
    plan: SynthPlan
    noisy_records: int
    zeros_blanked: list[str]

    def summary(self) -> dict[str, Any]:
        return {"mechanism": "pac-synth DpAggregateSeededSynthesizer",
                "epsilon": self.plan.epsilon, "delta": self.plan.delta,
                "reporting_length": REPORTING_LENGTH, "records": len(self.frame),
                "zeros_blanked": self.zeros_blanked}


def plan_synth(frame: pd.DataFrame, epsilon: Any, delta: Any = None, records: int | None = None,
               keep_zeros: bool = False) -> SynthPlan:
    refuse_identity_columns(list(frame.columns))
    epsilon = check_epsilon(epsilon)
    if frame.empty:
        raise InputError("no records to learn from")
    n = len(frame)
    # pac-synth's own default is 1 / (n ln n); capped at DEFAULT_DELTA so that a default
    # budget (delta 1e-6) allows several releases, and always well below 1/n.
    default = min(DEFAULT_DELTA, 1.0 / (n * math.log(max(n, 3))))
    delta = check_delta(default if delta is None else delta)
    if delta == 0:
        raise InputError("pac-synth is (epsilon, delta)-DP: delta must be greater than 0", field="--delta")
    if records is not None and records < 1:
        raise InputError("must be at least 1", field="--records")
    return SynthPlan(epsilon, delta, records, keep_zeros)


def synthesise(frame: pd.DataFrame, plan: SynthPlan, progress: bool = False,
               on_progress: Callable[[int, int], None] | None = None) -> SynthRelease:
    """`progress` draws a bar on stderr (the CLI); `on_progress(done, total)` is called after
    every batch of sampled records, for a background job that has no terminal (the web app)."""
    columns = list(frame.columns)
    zero_columns = [c for c in columns if (frame[c] == "0").any()]
    dataset = pacsynth.Dataset.from_data_frame(
        frame.astype(object), sensitive_zeros=zero_columns if plan.keep_zeros else None)
    parameters = (pacsynth.DpAggregateSeededParametersBuilder()
                  .epsilon(plan.epsilon).delta(plan.delta).reporting_length(REPORTING_LENGTH)
                  .build())
    synthesiser = pacsynth.DpAggregateSeededSynthesizer(parameters)
    _fit(synthesiser, dataset, plan, len(frame))
    noisy_records = int(synthesiser.get_dp_number_of_records())
    target = plan.records if plan.records is not None else max(noisy_records, 1)
    parts: list[pd.DataFrame] = []
    with tqdm(total=target, desc="sampling synthetic records", unit="rec", file=sys.stderr,
              disable=not progress) as bar:
        made = 0
        while made < target:
            size = min(BATCH, target - made)
            raw = synthesiser.sample(size)
            part = pacsynth.Dataset.raw_data_to_data_frame(raw).head(size)
            parts.append(part)
            made += len(part)
            bar.update(len(part))
            if on_progress is not None:
                on_progress(made, target)
    synthetic = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    for column in columns:  # pac-synth omits nothing, but keep the input's order and text type
        if column not in synthetic:
            synthetic[column] = ""
    synthetic = synthetic[columns].fillna("").astype("str")
    blanked = [] if plan.keep_zeros else zero_columns
    return SynthRelease(synthetic, plan, noisy_records, blanked)


def _fit(synthesiser: Any, dataset: Any, plan: SynthPlan, n: int) -> None:
    """pac-synth (Rust) panics when the noise it adds to the number of records (0.5% of epsilon)
    makes that number negative, which happens on small inputs (about 1 run in 5 with 97
    records at epsilon 2). PyO3 raises the panic as PanicException, a BaseException that
    `except Exception` does not stop and a background worker would die of: it is turned into
    an InputError here, saying what to change."""
    try:
        synthesiser.fit(dataset)
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise InputError(f"pac-synth could not learn from {n} records at epsilon {plan.epsilon:g} ({error}); "
                         "the noisy record count came out negative, which happens with few records: use a "
                         "larger epsilon or more records", field="--epsilon") from None


def utility_report(real: pd.DataFrame, release: SynthRelease) -> dict[str, Any]:
    """Marginal errors against the input as released (positive-only flags compare with the
    input's flags read the same way, and the report says which columns that concerns)."""
    reference = real.copy()
    for column in release.zeros_blanked:
        reference[column] = reference[column].replace("0", "")
    report = marginal_errors(reference, release.frame)
    report["zeros_blanked_in_both"] = release.zeros_blanked
    report["note"] = ("computed from the real input: for the people approving the release, "
                      "not for publication with it")
    return report
