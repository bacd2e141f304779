"""The releases list: every release of the node, newest first, and the budget left."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from seawall import policy
from seawall.sharing.access import may_see_releases
from seawall.sharing.models import Release
from seawall.sharing.views.common import NOT_FOR_YOU, standing

SHOWN = 100


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not may_see_releases(request.user):
        if policy.may_set_privacy_budget(request.user):
            return redirect("sharing:budget")  # an administrator's part of releases
        raise PermissionDenied(NOT_FOR_YOU)
    releases = Release.objects.select_related("prepared_by", "decided_by")[:SHOWN]
    return render(request, "sharing/index.html", {
        "releases": releases,
        "standing": standing(),
        "may_prepare": policy.may_prepare_release(request.user),
        "waiting": Release.objects.filter(state=Release.PREPARED).count(),
    })
