"""Column mappings for units' own spreadsheets: build one by picking, for each column of
an uploaded file, the Seawall field it holds; saved per agency, reused, downloadable for
the command line (`seawall import table FILE --mapping MAP.json`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from seawall.errors import InputError
from seawall.exchange import list_columns
from seawall.transfers import importing, uploads
from seawall.transfers.access import mappings_for
from seawall.transfers.mapping_form import MappingForm
from seawall.transfers.models import ImportBatch, SavedMapping
from seawall.transfers.views.common import batch_or_404, require_import


def _header_row(request: HttpRequest, batch: ImportBatch) -> int:
    raw = request.POST.get("header_row") or request.GET.get("header_row") or batch.mapping.get("header_row", 1)
    try:
        return max(1, min(50, int(raw)))
    except (TypeError, ValueError):
        return 1


@login_required
@require_http_methods(["GET", "POST"])
def build(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    path = uploads.path_of(batch.stored)
    if batch.state != ImportBatch.UPLOADED or path is None:
        messages.error(request, "This file is no longer kept (imported, discarded or expired): upload it again to map its columns.")
        return redirect("transfers:index")
    header_row = _header_row(request, batch)
    listing = list_columns(path, header_row=header_row)
    mapping = batch.mapping if batch.format == "table" and batch.mapping.get("columns") else None
    form = MappingForm(request.POST or None, columns=listing.columns, mapping=mapping,
                       initial={"header_row": header_row, "name": batch.mapping_name})
    if request.method == "POST" and listing.columns and form.is_valid():
        name = form.cleaned_data["name"].strip()
        SavedMapping.objects.update_or_create(agency=request.user.agency, name=name, defaults={
            "mapping": form.cleaned_data["mapping"], "created_by": request.user})
        batch.format, batch.mapping, batch.mapping_name = "table", form.cleaned_data["mapping"], name
        batch.save(update_fields=["format", "mapping", "mapping_name"])
        try:
            importing.preview(batch)
        except InputError as error:
            messages.error(request, str(error))
            return redirect("transfers:index")
        messages.success(request, f"Saved the mapping \"{name}\"; here is what it reads from {batch.file_name}.")
        return redirect("transfers:batch", pk=batch.pk)
    return render(request, "transfers/mapping.html", {"batch": batch, "listing": listing, "form": form,
                                                      "header_row": header_row},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def saved(request: HttpRequest) -> HttpResponse:
    require_import(request)
    return render(request, "transfers/mappings.html", {"mappings": mappings_for(request.user).select_related("created_by")})


def _mapping_or_404(request: HttpRequest, pk: int) -> SavedMapping:
    require_import(request)
    found = mappings_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such mapping in your agency.")
    return found


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    found = _mapping_or_404(request, pk)
    response = HttpResponse(json.dumps(found.mapping, indent=2, ensure_ascii=False) + "\n",
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{uploads.safe_name(found.name)}.json"'
    return response


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = _mapping_or_404(request, pk)
    found.delete()
    messages.success(request, f"Deleted the mapping \"{found.name}\". Imports made with it keep a copy.")
    return redirect("transfers:mappings")
