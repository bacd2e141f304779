"""Receiving a file: size and type checked, kept aside, read for its preview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from seawall import policy
from seawall.transfers import importing
from seawall.transfers.access import batches_for, mappings_for
from seawall.transfers.forms import UploadForm
from seawall.transfers.views.common import require_import


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    require_import(request)
    form = UploadForm(request.POST, request.FILES, mappings=mappings_for(request.user))
    if not form.is_valid():
        return render(request, "transfers/index.html", {
            "may_import": True, "may_export": policy.may_export(request.user), "form": form,
            "batches": batches_for(request.user).select_related("created_by", "undone_by")[:100],
            "mappings": mappings_for(request.user)}, status=400)
    saved = form.cleaned_data.get("mapping")
    kind = form.cleaned_data["kind"]
    if saved is not None and kind == "detect":
        kind = "table"  # a mapping was chosen: the file is the unit's own spreadsheet
    batch = importing.stage(request.user, form.cleaned_data["file"], kind,
                            mapping=saved.mapping if saved is not None and kind == "table" else None,
                            mapping_name=saved.name if saved is not None and kind == "table" else "",
                            date_order=form.cleaned_data.get("date_order") or "ISO", request=request)
    if kind == "table" and saved is None:
        return redirect("transfers:mapping", pk=batch.pk)
    return redirect("transfers:batch", pk=batch.pk)
