"""Preparing a release (run by the background job): read the node's cases as a CTDC table,
compute the release with the pure core, write the file, keep the report and a preview.

Nothing is half-written: the file is written to a temporary name and renamed only when
complete (the core's write_csv_atomic), and it is removed again if the release row cannot
be updated. k-anonymity is checked by the core before the table is returned; a DP release
draws noise only when its charge is already in the ledger, and never for more than it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils import timezone

from seawall import policy
from seawall.audit import log
from seawall.errors import InputError
from seawall.release import dpcounts, kanon, synth
from seawall.release.columns import refuse_identity_columns
from seawall.release.io import file_sha256, write_csv_atomic
from seawall.release.ledger import Charge
from seawall.sharing.dataset import node_table
from seawall.sharing.ledger import DatabaseLedger
from seawall.sharing.models import Release, release_dir

Progress = Callable[[int, int, str], None]
PREVIEW_ROWS = 10
ALPHA = 0.05  # DP counts come with 95% intervals
SLACK = 1e-9  # relative: a plan may equal its charge, never exceed it


def prepare(release: Release, progress: Progress) -> dict[str, Any]:
    if release.state != Release.DRAFT:
        raise InputError(f"release {release.release_id} is {release.get_state_display().lower()}, "
                         "not waiting to be prepared")
    user = release.prepared_by
    if not policy.may_prepare_release(user):
        raise InputError(f"{user.username} may no longer prepare releases; nothing was made")
    progress(0, 100, "Reading the node's cases")
    frame, case_ids = node_table(user, release.schema)
    refuse_identity_columns(list(frame.columns))
    if frame.empty:
        raise InputError("the node has no cases to release yet")

    if release.kind == Release.KANON:
        table, details = _kanon(release, frame, progress)
    elif release.kind == Release.DP_COUNTS:
        table, details = _counts(release, frame, progress)
    else:
        table, details = _synth(release, frame, progress)
    report = {"release_id": release.release_id, "dataset": release.dataset, "schema": release.schema,
              "cases_read": len(frame), "rows_written": len(table), **details}
    preview = {"columns": [str(c) for c in table.columns],
               "rows": table.head(PREVIEW_ROWS).astype("str").values.tolist()}

    progress(95, 100, "Writing the release file")
    directory = release_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / release.output_name()
    write_csv_atomic(path, table)
    try:
        digest = file_sha256(path)
        with transaction.atomic():
            updated = Release.objects.filter(pk=release.pk, state=Release.DRAFT).update(
                state=Release.PREPARED, prepared_at=timezone.now(), report=report, preview=preview,
                file_name=path.name, rows=len(table), sha256=digest)
            if not updated:
                raise InputError(f"release {release.release_id} changed while it was being prepared")
            # The cases' de-identified rows were read for this release: each case's access
            # log shows it, as for an export.
            log.record(log.UPDATE, actor=user, reason="job:sharing.prepare",
                       subjects=[("release", release.pk), *(("case", pk) for pk in case_ids)],
                       detail={"release": release.release_id, "step": "prepared", "kind": release.kind,
                               "schema": release.schema, "cases": len(frame), "rows": len(table),
                               "sha256": digest, **_parameters(release)})
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    progress(100, 100, f"Prepared {len(table):,} rows from {len(frame):,} cases")
    return {"release": release.pk, "rows": len(table), "sha256": digest}


def _parameters(release: Release) -> dict[str, Any]:
    if release.kind == Release.KANON:
        return {"k": release.k, "quasi_identifiers": release.quasi_identifiers}
    common = {"epsilon": release.epsilon, "delta": release.delta}
    if release.kind == Release.DP_COUNTS:
        return {**common, "by": release.group_by}
    return {**common, "records": release.records}


def _kanon(release: Release, frame: pd.DataFrame, progress: Progress) -> tuple[pd.DataFrame, dict[str, Any]]:
    progress(10, 100, f"Generalising rare combinations (k = {release.k})")
    try:
        result = kanon.anonymise(frame, release.k, release.quasi_identifiers or None)
    except kanon.KAnonymityViolation as error:
        raise InputError(f"{error}; nothing was written") from None
    return result.frame, {"kanon": result.report}


def _charge(release: Release) -> Charge:
    charge = DatabaseLedger().charge_for(release.release_id)
    if charge is None or charge.dataset != release.dataset:
        raise InputError("no privacy charge is recorded for this release, so no noise is drawn")
    return charge


def _within(epsilon: float, delta: float, charge: Charge) -> None:
    if epsilon > charge.epsilon * (1 + SLACK) or delta > charge.delta * (1 + SLACK):
        raise InputError(f"the release would spend epsilon {epsilon:g}, delta {delta:g}, more than its charge "
                         f"(epsilon {charge.epsilon:g}, delta {charge.delta:g}); no noise was drawn")


def _budget(release: Release) -> dict[str, Any]:
    standing = DatabaseLedger().standing(release.dataset)
    remaining = standing.remaining
    return {"dataset": release.dataset,
            "total": None if standing.budget is None else vars(standing.budget),
            "spent": vars(standing.spent),
            "remaining": None if remaining is None else vars(remaining)}


def _counts(release: Release, frame: pd.DataFrame, progress: Progress) -> tuple[pd.DataFrame, dict[str, Any]]:
    charge = _charge(release)
    plan = dpcounts.plan_counts(frame, release.group_by, charge.epsilon, charge.delta or None)
    _within(plan.epsilon, plan.delta, charge)
    progress(50, 100, "Counting with noise")
    counts = dpcounts.release_counts(frame, plan, ALPHA)
    return counts.table, {"dp_counts": counts.summary(), "charged": {"epsilon": charge.epsilon, "delta": charge.delta},
                          "budget": _budget(release)}


def _synth(release: Release, frame: pd.DataFrame, progress: Progress) -> tuple[pd.DataFrame, dict[str, Any]]:
    charge = _charge(release)
    plan = synth.plan_synth(frame, charge.epsilon, charge.delta, release.records)
    _within(plan.epsilon, plan.delta, charge)
    progress(5, 100, "Learning noisy combination counts")

    def sampled(done: int, total: int) -> None:
        # Sampling is most of the time: it takes the progress bar from 10% to 85%.
        progress(10 + int(75 * done / max(total, 1)), 100, f"Sampled {done:,} of {total:,} synthetic records")

    result = synth.synthesise(frame, plan, on_progress=sampled)
    progress(88, 100, "Measuring marginal errors against the cases")
    utility = synth.utility_report(frame, result)
    return result.frame, {"synth": {**result.summary(), "noisy_records": result.noisy_records},
                          "utility": utility, "charged": {"epsilon": charge.epsilon, "delta": charge.delta},
                          "budget": _budget(release)}
