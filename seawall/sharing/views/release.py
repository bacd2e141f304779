"""One release: its parameters, progress while it is prepared, the report, a preview of the
first rows, the coordinator's decision and, once approved, the files and how to verify them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seawall import policy
from seawall.audit import log
from seawall.sharing import access
from seawall.sharing.forms import DecisionForm
from seawall.sharing.presenting import report_context, signature_facts
from seawall.sharing.models import Release
from seawall.sharing.views.common import parameters, release_or_404


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_or_404(request, pk)
    if release.preview:
        # The preview shows (de-identified) rows computed from the node's cases.
        log.record(log.VIEW, request=request, subjects=[("release", release.pk)],
                   detail={"release": release.release_id, "state": release.state})
    return render(request, "sharing/detail.html", detail_context(request, release, DecisionForm()))


def detail_context(request: HttpRequest, release: Release, form: DecisionForm) -> dict[str, Any]:
    may_decide = access.may_decide(request.user, release)
    return {
        "release": release,
        "parameters": parameters(release),
        **report_context(release),
        "may_decide": may_decide,
        "may_download": access.may_download(request.user, release),
        "signature": signature_facts(release) if access.may_download(request.user, release) else None,
        "is_preparer": policy.may_prepare_release(request.user),
        "decision_form": form if may_decide else None,
    }


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the release is prepared; once it is not, the page reloads."""
    release = release_or_404(request, pk)
    if release.state != Release.DRAFT:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "sharing/_progress.html", {"release": release, "job": release.job})
