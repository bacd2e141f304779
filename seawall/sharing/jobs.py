"""The background job that prepares a release (pac-synth alone takes minutes on a large node)."""

from __future__ import annotations

from typing import Any

from seawall.audit import log
from seawall.errors import InputError
from seawall.jobs.registry import Progress, job
from seawall.sharing.models import Release
from seawall.sharing.preparing import prepare
from seawall.sharing.wording import sentence

KIND = "sharing.prepare"


@job(KIND)
def prepare_release(job_: Any, progress: Progress) -> dict[str, Any]:
    release = Release.objects.select_related("prepared_by").get(pk=job_.params["release"])
    try:
        return prepare(release, progress)
    except InputError as error:
        _fail(release, sentence(error))
        raise
    except Exception:
        _fail(release, "An internal error stopped the preparation; no file was written. "
                       f"Tell your administrator (release {release.release_id}, job {job_.pk}).")
        raise


def _fail(release: Release, message: str) -> None:
    # Only a draft fails: a release prepared meanwhile keeps its state.
    if Release.objects.filter(pk=release.pk, state=Release.DRAFT).update(state=Release.FAILED, error=message):
        detail: dict[str, Any] = {"release": release.release_id, "step": "failed", "kind": release.kind,
                                  "error": message[:300]}
        if release.is_dp:
            detail["charge_kept"] = {"epsilon": release.epsilon, "delta": release.delta}
        log.record(log.UPDATE, actor=release.prepared_by, reason="job:sharing.prepare",
                   subjects=[("release", release.pk)], detail=detail)
