from __future__ import annotations

import pytest
from django.urls import reverse

from seawall.errors import InputError
from seawall.jobs import queue
from seawall.jobs.models import Job
from seawall.jobs.registry import job


@job("test.count")
def _count(job_: Job, progress) -> dict:  # type: ignore[no-untyped-def]
    total = job_.params["n"]
    for i in range(total):
        progress(i + 1, total, f"counted {i + 1}")
    return {"counted": total}


@job("test.bad_input")
def _bad(job_: Job, progress) -> dict:  # type: ignore[no-untyped-def]
    raise InputError("not a CTDC file", row=3, field="gender")


@job("test.crash")
def _crash(job_: Job, progress) -> dict:  # type: ignore[no-untyped-def]
    raise ZeroDivisionError


def test_a_job_runs_and_reports_progress_and_result(users):
    made = queue.enqueue("test.count", users["caseworker"], n=4)
    assert queue.run_pending() == 1
    made.refresh_from_db()
    assert (made.state, made.done, made.total, made.result, made.percent) == ("done", 4, 4, {"counted": 4}, 100)


def test_bad_input_fails_the_job_with_the_message(users):
    made = queue.enqueue("test.bad_input", users["caseworker"])
    queue.run_pending()
    made.refresh_from_db()
    assert made.state == "failed" and made.error == "row 3, gender: not a CTDC file"


def test_a_crash_fails_the_job_and_says_what_to_do(users):
    made = queue.enqueue("test.crash", users["caseworker"])
    queue.run_pending()
    made.refresh_from_db()
    assert made.state == "failed" and "tell your administrator" in made.error


def test_unknown_kind_is_refused_when_enqueued(users):
    with pytest.raises(LookupError, match="no handler"):
        queue.enqueue("nope", users["caseworker"])


def test_a_claimed_job_is_not_claimed_again(users):
    queue.enqueue("test.count", users["caseworker"], n=1)
    first = queue.claim()
    assert first is not None and first.state == "running"
    assert queue.claim() is None


def test_status_fragment_only_for_the_owner(client_for, users):
    made = queue.enqueue("test.count", users["caseworker"], n=2)
    own = client_for("caseworker").get(reverse("jobs:status", args=[made.pk]))
    assert own.status_code == 200 and b"hx-trigger" in own.content
    assert client_for("analyst").get(reverse("jobs:status", args=[made.pk])).status_code == 404


class _NativePanic(BaseException):
    """What a Rust panic looks like from Python (pac-synth): not an Exception."""


@job("test.panic")
def _panic(job_: Job, progress) -> dict:  # type: ignore[no-untyped-def]
    raise _NativePanic("called `Option::unwrap()` on a `None` value")


def test_a_native_panic_fails_the_job_without_killing_the_worker(users):
    made = queue.enqueue("test.panic", users["caseworker"])
    queue.run_pending()
    made.refresh_from_db()
    assert made.state == "failed" and "worker's log" in made.error and "unwrap" not in made.error
