"""Receiving a file: kept in memory while it arrives, size and type checked, stored aside,
read for its preview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from seawall.transfers import importing, uploads
from seawall.transfers.access import mappings_for
from seawall.transfers.forms import UploadForm
from seawall.transfers.views.common import require_import
from seawall.transfers.views.index import index_context


@csrf_exempt  # only so that the upload handler can be set before the body is read: see below
@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    require_import(request)
    request.upload_handlers = [uploads.MemoryUpload(request)]
    return _upload(request)


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, mappings=mappings_for(request.user))
    valid = form.is_valid()
    if getattr(request, "upload_too_large", False):
        form.errors.clear()
        form.add_error("file", uploads.size_message())
        valid = False
    if not valid:
        return render(request, "transfers/index.html", index_context(request, form), status=400)
    saved = form.cleaned_data.get("mapping")
    kind = form.cleaned_data["kind"]
    if saved is not None and kind == "detect":
        kind = "table"  # a mapping was chosen: the file is the unit's own spreadsheet
    mapping = saved.mapping if saved is not None and kind == "table" else None
    batch = importing.stage(request.user, form.cleaned_data["file"], kind, mapping=mapping,
                            mapping_name=saved.name if mapping is not None else "",
                            date_order=form.cleaned_data.get("date_order") or "ISO", request=request)
    if kind == "table" and mapping is None:
        return redirect("transfers:mapping", pk=batch.pk)
    return redirect("transfers:batch", pk=batch.pk)
