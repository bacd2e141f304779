"""Background jobs: the batch search, and keying persons the registration check has not seen."""

from __future__ import annotations

from typing import Any

from seawall.audit import log
from seawall.duplicates import keys
from seawall.duplicates.batch import run_search
from seawall.duplicates.models import BatchRun
from seawall.jobs import queue
from seawall.jobs.models import Job
from seawall.jobs.registry import Progress, job

SEARCH = "duplicates.search"
KEYS = "duplicates.keys"


@job(SEARCH)
def search(job_: Any, progress: Progress) -> dict[str, Any]:
    run = BatchRun.objects.create(job_id=job_.pk, started_by=job_.created_by)
    result = run_search(run, progress)
    # The worker decrypted every identity of the node for this: one event says so and by whose request.
    log.record(log.COMMAND, actor=job_.created_by, reason=f"job:{SEARCH}",
               detail={"duplicates_search": run.pk, "persons_read": result["persons"], **result["pairs"],
                       "trained": result["trained"]})
    pairs = result["pairs"]
    progress(100, 100, f"{result['persons']:,} persons read; {pairs['found']:,} likely pairs "
                       f"({pairs['new']:,} new, {pairs['decided']:,} already decided)")
    return {"run": run.pk, **result}


@job(KEYS)
def key_persons(job_: Any, progress: Progress) -> dict[str, Any]:
    def step(done: int, total: int) -> None:
        progress(done, total, f"Preparing persons for the registration check ({done:,} of {total:,})")

    result = keys.reconcile(step)
    log.record(log.COMMAND, actor=job_.created_by, reason=f"job:{KEYS}", detail={"duplicate_keys": result})
    return result


def pending(kind: str) -> Job | None:
    return Job.objects.filter(kind=kind, state__in=[Job.QUEUED, Job.RUNNING]).order_by("-created_at").first()


def enqueue_once(kind: str, user: Any) -> Job:
    """One job of a kind at a time: a second request joins the one already waiting."""
    return pending(kind) or queue.enqueue(kind, user)
