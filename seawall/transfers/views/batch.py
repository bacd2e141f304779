"""One import: its preview (every problem by row and column, a sample of the records),
confirmation, progress while it runs, and what it created."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from seawall.audit import log
from seawall.errors import InputError
from seawall.jobs import queue
from seawall.transfers import importing, uploads
from seawall.transfers.access import may_undo, mappings_for
from seawall.transfers.forms import UploadForm
from seawall.transfers.jobs import KIND
from seawall.transfers.models import ImportBatch
from seawall.transfers.views.common import batch_or_404

logger = logging.getLogger(__name__)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    shown = uploads.load_preview(batch.stored) if batch.state == ImportBatch.UPLOADED else None
    if shown is not None:
        # The preview quotes the file's cells and shows its first rows: personal data.
        log.record(log.VIEW, request=request, subjects=[("import", batch.pk)], detail={"preview": True})
    context = {
        "batch": batch,
        "preview": shown,
        "may_undo": may_undo(request.user, batch),
        "form": UploadForm(mappings=mappings_for(request.user),
                           initial={"kind": batch.format if batch.format != "htcds" else "detect"})
        if shown and not shown["ok"] else None,
    }
    return render(request, "transfers/batch.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    try:
        importing.confirm(batch)
    except InputError as error:
        messages.error(request, str(error)[0].upper() + str(error)[1:] + ".")
        return redirect("transfers:batch", pk=batch.pk)
    if batch.rows_read <= importing.INLINE_ROWS:
        try:
            outcome = importing.run(batch, reason="transfers:confirm", request=request)
        except InputError as error:
            messages.error(request, f"Nothing was imported: {error}.")
        except Exception:  # a bug or an outage: the import was rolled back; say so plainly
            logger.exception("import %s failed", batch.pk)
            messages.error(request, "An internal error stopped the import; nothing was written. "
                                    f"Tell your administrator (import {batch.pk}).")
        else:
            messages.success(request, f"Imported {outcome.cases:,} cases from {batch.file_name}.")
        return redirect("transfers:batch", pk=batch.pk)
    job = queue.enqueue(KIND, request.user, batch=batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    return redirect("transfers:batch", pk=batch.pk)


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    try:
        importing.discard(batch, request.user, request=request)
    except InputError as error:
        messages.error(request, str(error)[0].upper() + str(error)[1:] + ".")
        return redirect("transfers:batch", pk=batch.pk)
    messages.success(request, f"Discarded {batch.file_name}: the file is deleted and nothing was imported.")
    return redirect("transfers:index")


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the import runs; once it has finished, the page reloads to
    show what happened."""
    batch = batch_or_404(request, pk)
    if batch.state != ImportBatch.IMPORTING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "transfers/_progress.html", {"batch": batch, "job": batch.job})
