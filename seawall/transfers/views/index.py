"""The imports page: upload a file, and the agency's import history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seawall import policy
from seawall.transfers.access import batches_for, mappings_for
from seawall.transfers.forms import UploadForm

HISTORY = 100


def index_context(request: HttpRequest, form: UploadForm | None = None) -> dict[str, Any]:
    may_import = policy.may_import(request.user)
    return {
        "may_import": may_import,
        "may_export": policy.may_export(request.user),
        "form": form or (UploadForm(mappings=mappings_for(request.user)) if may_import else None),
        "batches": batches_for(request.user).select_related("created_by", "undone_by")[:HISTORY],
        "mappings": mappings_for(request.user),
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = index_context(request)
    if not context["may_import"] and not context["may_export"]:
        raise PermissionDenied("Your role neither imports nor exports case data.")
    return render(request, "transfers/index.html", context)
