"""Downloading an approved release and its signature; each download is audited.

The file is checked against the sha256 recorded (and signed) at approval before it is sent,
so a file altered on the server is never handed out as the approved one.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from seawall.audit import log
from seawall.release.io import file_sha256
from seawall.sharing import access
from seawall.sharing.models import Release
from seawall.sharing.views.common import release_or_404

ONLY_APPROVED = "Only an approved, signed release can be downloaded."


def _approved(request: HttpRequest, pk: int) -> Release:
    release = release_or_404(request, pk)
    if not access.may_download(request.user, release):
        raise PermissionDenied(ONLY_APPROVED)
    return release


def _conflict(text: str) -> HttpResponse:
    return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    release = _approved(request, pk)
    path = release.path
    if path is None or not path.is_file():
        return _conflict("The release file is missing from the server. Tell your administrator.")
    if file_sha256(path) != release.sha256:
        return _conflict("The release file on the server is not the one that was approved and signed "
                         "(its sha256 differs), so it is not sent. Tell your administrator.")
    log.record(log.EXPORT, request=request, subjects=[("release", release.pk)],
               detail={"release": release.release_id, "file": path.name, "kind": release.kind,
                       "sha256": release.sha256, "rows": release.rows})
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type="text/csv")


@login_required
@require_GET
def signature(request: HttpRequest, pk: int) -> HttpResponse:
    release = _approved(request, pk)
    path = release.signature_path
    if path is None or not path.is_file():
        return _conflict("The signature file is missing from the server. Tell your administrator.")
    log.record(log.EXPORT, request=request, subjects=[("release", release.pk)],
               detail={"release": release.release_id, "file": path.name, "signature": True})
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type="application/json")
