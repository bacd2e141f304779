"""A coordinator approves (and so signs) or rejects a prepared release."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from seawall import policy
from seawall.config import ConfigError
from seawall.errors import InputError
from seawall.sharing import deciding
from seawall.sharing.forms import DecisionForm
from seawall.sharing.wording import message
from seawall.sharing.views.common import release_or_404
from seawall.sharing.views.release import detail_context

logger = logging.getLogger(__name__)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    release = release_or_404(request, pk)
    if not policy.may_approve_release(request.user):
        raise PermissionDenied("Releases are approved or rejected by national coordinators.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render(request, "sharing/detail.html", detail_context(request, release, form), status=400)
    try:
        if form.cleaned_data["decision"] == "approve":
            deciding.approve(release, request.user, request=request, note=form.cleaned_data["reason"])
            messages.success(request, "Approved and signed: the release and its signature can now be downloaded.")
        else:
            deciding.reject(release, request.user, form.cleaned_data["reason"], request=request)
            messages.success(request, "Rejected: the file is deleted; the analyst sees your reason.")
    except InputError as error:
        messages.error(request, f"Not decided: {message(error, capitalise=False)}.")
    except ConfigError as error:
        logger.error("release %s not signed: %s", release.release_id, error)
        messages.error(request, f"Not approved: the node cannot sign releases yet. {error}.")
    return redirect("sharing:detail", pk=release.pk)
