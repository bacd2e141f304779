"""Enqueue, claim and run jobs. One worker process (`seawall worker`) or the web process
in demo mode runs them; claiming is atomic so two workers never take the same job."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from seawall.errors import InputError
from seawall.jobs.models import Job
from seawall.jobs.registry import handler_for

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes: enough for a progress bar


def enqueue(kind: str, user: Any, **params: Any) -> Job:
    handler_for(kind)  # fail now, not in the worker, if the kind is unknown
    return Job.objects.create(kind=kind, params=params, created_by=user)


def claim() -> Job | None:
    with transaction.atomic():
        queued = Job.objects.filter(state=Job.QUEUED).order_by("created_at", "id")
        if connection.vendor == "postgresql":
            queued = queued.select_for_update(skip_locked=True)
        job = queued.first()
        if job is None:
            return None
        updated = Job.objects.filter(pk=job.pk, state=Job.QUEUED).update(state=Job.RUNNING, started_at=timezone.now())
        if not updated:
            return None
        job.refresh_from_db()
        return job


def run(job: Job) -> Job:
    last_write = float("-inf")  # the monotonic clock starts at boot: 0.0 could be "just now"

    def progress(done: int, total: int, message: str = "") -> None:
        nonlocal last_write
        now = time.monotonic()
        if now - last_write >= PROGRESS_EVERY or done >= total:
            Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message[:300])
            last_write = now

    try:
        result = handler_for(job.kind)(job, progress)
    except InputError as error:
        _finish(job, Job.FAILED, error=str(error))
    except (KeyboardInterrupt, SystemExit):
        _finish(job, Job.FAILED, error="The worker was stopped while this job ran. Nothing was changed; start it again.")
        raise
    except BaseException:  # a bug, an outage, or a panic in native code (pac-synth raises a
        # BaseException): keep the worker alive; the traceback goes to the log, not the page
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.FAILED, error="An internal error stopped this job. Nothing was changed; "
                f"tell your administrator (job {job.pk}; details are in the worker's log).")
    else:
        _finish(job, Job.DONE, result=result or {})
    job.refresh_from_db()
    return job


def _finish(job: Job, state: str, *, result: dict[str, Any] | None = None, error: str = "") -> None:
    Job.objects.filter(pk=job.pk).update(state=state, result=result or {}, error=error, finished_at=timezone.now())


def run_pending(limit: int | None = None) -> int:
    count = 0
    while limit is None or count < limit:
        job = claim()
        if job is None:
            break
        run(job)
        count += 1
    return count


def work_forever(poll_seconds: float = 1.0) -> None:
    while True:
        close_old_connections()
        if not run_pending(limit=10):
            time.sleep(poll_seconds)
