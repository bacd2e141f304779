"""What every import page needs: the permission check and the batch lookup."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from seawall import policy
from seawall.transfers.access import batches_for
from seawall.transfers.models import ImportBatch


def require_import(request: HttpRequest) -> None:
    if not policy.may_import(request.user):
        raise PermissionDenied("Your role does not bring cases in. Ask a caseworker or an investigator of your agency.")


def batch_or_404(request: HttpRequest, pk: int) -> ImportBatch:
    require_import(request)
    # Another agency's import answers like one that does not exist.
    batch = batches_for(request.user).select_related("created_by", "undone_by", "job").filter(pk=pk).first()
    if batch is None:
        raise Http404("No such import, or not one of your agency's.")
    return batch
