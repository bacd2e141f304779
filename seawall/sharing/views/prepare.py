"""An analyst asks for a release: kind and columns first, then its parameters.

The request creates the release and queues its preparation; a DP release is charged to the
ledger in the same transaction, so one that would overspend is refused here, with what is
left, and nothing is created.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from seawall import policy
from seawall.audit import log
from seawall.jobs import queue
from seawall.release.ledger import BudgetExceeded, Charge, NonceReused
from seawall.sharing.dataset import SCHEMAS
from seawall.sharing.forms import FORMS, ChooseForm, ReleaseForm
from seawall.sharing.jobs import KIND
from seawall.sharing.ledger import DatabaseLedger
from seawall.sharing.models import NODE_CASES, Release
from seawall.sharing.views.common import budget_refusal, standing

ONLY_ANALYSTS = "Releases are prepared by analysts."


def _may_prepare(request: HttpRequest) -> None:
    if not policy.may_prepare_release(request.user):
        raise PermissionDenied(ONLY_ANALYSTS)


@login_required
@require_http_methods(["GET"])
def choose(request: HttpRequest) -> HttpResponse:
    _may_prepare(request)
    form = ChooseForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("sharing:prepare", kind=form.cleaned_data["kind"], schema=form.cleaned_data["schema"])
    return render(request, "sharing/choose.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest, kind: str, schema: str) -> HttpResponse:
    _may_prepare(request)
    if kind not in FORMS or schema not in SCHEMAS:
        raise Http404("No such kind of release or schema.")
    cases = policy.visible_cases(request.user).count()
    form = FORMS[kind](request.POST or None, schema=schema, cases=cases)
    if request.method == "POST" and form.is_valid():
        release = _create(request, form)
        if release is not None:
            return redirect("sharing:detail", pk=release.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "sharing/prepare.html", {
        "form": form, "kind": kind, "kind_label": dict(Release.KINDS)[kind], "schema": schema,
        "schema_label": dict(Release.SCHEMAS)[schema], "cases": cases, "standing": standing(),
        "is_dp": kind in Release.DP_KINDS,
    }, status=status)


def _create(request: HttpRequest, form: ReleaseForm) -> Release | None:
    data: dict[str, Any] = form.cleaned_data
    release = Release(kind=form.kind, schema=form.schema, dataset=NODE_CASES, prepared_by=request.user)
    if form.kind == Release.KANON:
        release.k = data["k"]
        release.quasi_identifiers = list(data["quasi_identifiers"])
    else:
        assert form.charge is not None
        release.epsilon, release.delta = form.charge
        release.group_by = list(data.get("group_by") or [])
        release.records = data.get("records")
    try:
        with transaction.atomic():
            release.save()
            if release.is_dp:
                DatabaseLedger().charge(Charge(
                    dataset=NODE_CASES, mechanism=release.kind, epsilon=release.epsilon, delta=release.delta,
                    nonce=release.release_id, note=f"release {release.release_id} by {request.user.username}"))
            job = queue.enqueue(KIND, request.user, release=release.pk)
            Release.objects.filter(pk=release.pk).update(job=job)
            detail: dict[str, Any] = {"release": release.release_id, "step": "requested", "kind": release.kind,
                                      "schema": release.schema}
            if release.is_dp:
                detail["charged"] = {"epsilon": release.epsilon, "delta": release.delta, "dataset": NODE_CASES}
            else:
                detail.update(k=release.k, quasi_identifiers=release.quasi_identifiers)
            log.record(log.CREATE, request=request, subjects=[("release", release.pk)], detail=detail)
    except BudgetExceeded:
        form.add_error("epsilon", budget_refusal(release.epsilon or 0.0, release.delta or 0.0))
        return None
    except NonceReused as error:  # cannot come from this form (a fresh id each time), but never silent
        form.add_error(None, f"Refused: {error}")
        return None
    return release
