"""The batch search: every person with identity through the linkage core's `dedupe` (DuckDB),
its scored pairs written as candidate pairs for review.

Re-running updates the open pairs it finds again, adds new ones, removes open pairs it no
longer finds (never decided, so nothing is forgotten), and leaves decided pairs alone: a
rejected pair stays rejected however often it is found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from seawall.cases.models import Person
from seawall.duplicates import keys
from seawall.duplicates.models import BatchRun, DuplicatePair
from seawall.duplicates.profiles import PROFILE_FIELDS, input_record, person_values, profile_of
from seawall.linkage import DEFAULT_THRESHOLD, check_records, dedupe
from seawall.linkage.comparisons import COMPARISONS
from seawall.linkage.dedupe import REVIEW_FLOOR

Progress = Callable[[int, int, str], None]

# Share of the progress bar for each stage (reading persons is the part that grows).
READ, LINK, WRITE = 30, 60, 10
READ_CHUNK = 2_000
WRITE_CHUNK = 1_000


def read_persons(progress: Progress) -> pd.DataFrame:
    """One input record per person with identity (decrypted here, in the worker only)."""
    ids = list(Person.objects.filter(identity_recorded=True).order_by("pk").values_list("pk", flat=True))
    rows = []
    for start in range(0, len(ids), READ_CHUNK):
        chunk = Person.objects.filter(pk__in=ids[start:start + READ_CHUNK]).only("id", "owner_agency_id", *PROFILE_FIELDS)
        for person in chunk:
            profile = profile_of(person_values(person))
            if profile.names:
                rows.append(input_record(str(person.pk), str(person.owner_agency_id), profile))
        done = min(start + READ_CHUNK, len(ids))
        progress(READ * done // max(len(ids), 1), 100, f"Reading persons ({done:,} of {len(ids):,})")
    frame = pd.DataFrame(rows, columns=["record_id", "source", "given_name", "family_name", "sex", "date_of_birth",
                                        "nationality", "phone"])
    return check_records(frame)


def _explanation(row: Any) -> list[dict[str, Any]]:
    return [{"comparison": c.name, "level": getattr(row, f"{c.name}_level"),
             "weight": round(float(getattr(row, f"{c.name}_weight")), 3)} for c in COMPARISONS]


def store_pairs(run: BatchRun, pairs: pd.DataFrame, persons: set[int], min_probability: float) -> dict[str, int]:
    """Write the run's pairs; returns counts of new, updated, closed and decided-kept pairs."""
    now = timezone.now()
    found: dict[tuple[int, int], Any] = {}
    for row in pairs[pairs["match_probability"] >= min_probability].itertuples(index=False):
        left, right = sorted((int(row.record_id_l), int(row.record_id_r)))
        found[(left, right)] = row
    existing = {(l, r): (pk, state) for pk, l, r, state in
                DuplicatePair.objects.values_list("pk", "person_l", "person_r", "state")}
    new, update, kept = [], [], 0
    for (left, right), row in found.items():
        values = {"probability": float(row.match_probability), "match_weight": float(row.match_weight),
                  "explanation": _explanation(row)}
        if (left, right) not in existing:
            new.append(DuplicatePair(person_l_id=left, person_r_id=right, last_run=run, first_found_at=now,
                                     last_found_at=now, **values))
        elif existing[(left, right)][1] == DuplicatePair.OPEN:
            update.append(DuplicatePair(pk=existing[(left, right)][0], last_run=run, last_found_at=now, **values))
        else:
            kept += 1
    stale = [pk for (l, r), (pk, state) in existing.items()
             if state == DuplicatePair.OPEN and (l, r) not in found and l in persons and r in persons]
    with transaction.atomic():
        DuplicatePair.objects.bulk_create(new, batch_size=WRITE_CHUNK)
        DuplicatePair.objects.bulk_update(update, ["probability", "match_weight", "explanation", "last_run",
                                                   "last_found_at"], batch_size=WRITE_CHUNK)
        for start in range(0, len(stale), WRITE_CHUNK):
            DuplicatePair.objects.filter(pk__in=stale[start:start + WRITE_CHUNK], state=DuplicatePair.OPEN).delete()
    return {"new": len(new), "updated": len(update), "closed": len(stale), "decided": kept, "found": len(found)}


def run_search(run: BatchRun, progress: Progress, min_probability: float = REVIEW_FLOOR) -> dict[str, Any]:
    progress(0, 100, "Reading persons")
    records = read_persons(progress)
    run.persons = len(records)
    counts = {"new": 0, "updated": 0, "closed": 0, "decided": 0, "found": 0}
    if len(records) >= 2:
        stage = {"n": 0}

        def linkage_says(message: str) -> None:
            # dedupe reports about seven stages; each moves the bar a step.
            stage["n"] += 1
            progress(READ + min(LINK, stage["n"] * LINK // 8), 100, message[:1].upper() + message[1:])

        result = dedupe(records, engine="duckdb", threshold=DEFAULT_THRESHOLD, node_country=settings.NODE_COUNTRY,
                        progress=linkage_says)
        progress(READ + LINK, 100, "Writing candidate pairs")
        counts = store_pairs(run, result.pairs, {int(r) for r in records["record_id"]}, min_probability)
        run.trained = result.trained
        run.model = result.model.settings if result.trained else {}
    progress(READ + LINK + WRITE // 2, 100, "Bringing the registration check's keys up to date")
    reconciled = keys.reconcile()
    run.pairs_found, run.pairs_new = counts["found"], counts["new"]
    run.pairs_updated, run.pairs_closed = counts["updated"], counts["closed"]
    run.finished_at = timezone.now()
    run.save()
    return {"persons": run.persons, "pairs": counts, "trained": run.trained, "keys": reconciled}
