"""What every release page shares: who may open it, and the release it is about."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from seawall.sharing.access import may_see_releases
from seawall.sharing.ledger import DatabaseLedger, Standing
from seawall.sharing.models import NODE_CASES, Release

NOT_FOR_YOU = "Releases are prepared by analysts and approved by national coordinators."


def release_or_404(request: HttpRequest, pk: int) -> Release:
    if not may_see_releases(request.user):
        raise PermissionDenied(NOT_FOR_YOU)
    return get_object_or_404(Release.objects.select_related("prepared_by", "decided_by", "job"), pk=pk)


def standing() -> Standing:
    return DatabaseLedger().standing(NODE_CASES)


def budget_refusal(epsilon: float, delta: float) -> str:
    """Why a DP release does not fit, with what is left: the analyst's next step is in it."""
    now = standing()
    if now.budget is None or now.remaining is None:
        return ("Refused: no privacy budget is set for the node's cases, so no differentially private release "
                "can be made. An administrator sets one under Releases → Privacy budget.")
    left = now.remaining
    return (f"Refused: this release needs epsilon {epsilon:g} and delta {delta:g}, but the node's cases have "
            f"only epsilon {left.epsilon:g} and delta {left.delta:g} left of their budget (epsilon "
            f"{now.budget.epsilon:g}, delta {now.budget.delta:g}; spent epsilon {now.spent.epsilon:g}, delta "
            f"{now.spent.delta:g}). Choose a smaller epsilon, or ask an administrator about the budget.")


def parameters(release: Release) -> list[tuple[str, Any]]:
    """The release's parameters as label/value pairs for the pages."""
    shown: list[tuple[str, Any]] = [("Columns", release.get_schema_display())]
    if release.kind == Release.KANON:
        shown += [("k", release.k), ("Quasi-identifiers", ", ".join(release.quasi_identifiers))]
    else:
        shown += [("Epsilon", f"{release.epsilon:g}"), ("Delta", f"{release.delta:g}")]
        if release.kind == Release.DP_COUNTS:
            shown.append(("Counted by", ", ".join(release.group_by)))
        else:
            shown.append(("Records", f"{release.records:,}" if release.records else "as many as the noisy count"))
    return shown
