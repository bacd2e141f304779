"""Undoing an import as a whole, after a confirmation page that says what will go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from seawall.errors import InputError
from seawall.transfers.access import may_undo
from seawall.transfers.undo import undo_batch
from seawall.transfers.views.common import batch_or_404


@login_required
@require_http_methods(["GET", "POST"])
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_or_404(request, pk)
    if not may_undo(request.user, batch):
        raise PermissionDenied("This import cannot be undone by you: only an imported batch whose cases you can all "
                               "see can be undone.")
    if request.method == "POST":
        try:
            removed = undo_batch(batch, request.user, request=request)
        except InputError as error:
            messages.error(request, str(error)[0].upper() + str(error)[1:] + ".")
        else:
            messages.success(request, f"Undid import {batch.pk}: removed {removed['cases']:,} cases and "
                                      f"{removed['persons']:,} persons brought in from {batch.file_name}.")
        return redirect("transfers:batch", pk=batch.pk)
    return render(request, "transfers/undo.html", {"batch": batch})
