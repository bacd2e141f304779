"""The background job that imports a confirmed upload (large files; small ones import inline)."""

from __future__ import annotations

from typing import Any

from seawall.jobs.registry import Progress, job
from seawall.transfers import importing
from seawall.transfers.models import ImportBatch

KIND = "transfers.import"


@job(KIND)
def import_batch(job_: Any, progress: Progress) -> dict[str, Any]:
    batch = ImportBatch.objects.select_related("created_by").get(pk=job_.params["batch"])
    outcome = importing.run(batch, reason="job:transfers.import", progress=progress)
    progress(1, 1, f"Imported {outcome.cases:,} cases from {batch.file_name}")
    return {"batch": batch.pk, "cases": outcome.cases, "persons": outcome.persons}
