"""A coordinator's decision on a prepared release: approve (and sign) or reject.

Approval and signature are one step: the file is checked against the sha256 recorded when it
was prepared, the detached signature is written beside it, and the release row and the
audit event are committed together; if any of it fails, the signature file is removed and
the release stays waiting. There is no approved release without a signature.
A rejected release's file is deleted (its report, sha256 and the reason stay).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from seawall.audit import log
from seawall.errors import InputError
from seawall.release.io import file_sha256
from seawall.sharing.keys import signing_key
from seawall.sharing.models import Release
from seawall.sharing.signing import key_id, sign_file, write_signature


def _locked_prepared(release: Release) -> Release:
    locked = Release.objects.select_for_update().get(pk=release.pk)
    if locked.state != Release.PREPARED:
        raise InputError(f"this release is {locked.get_state_display().lower()}: only a release waiting for "
                         "approval can be decided")
    return locked


def approve(release: Release, user: Any, *, request: Any = None, note: str = "") -> Release:
    key = signing_key()  # ConfigError before anything is touched
    with transaction.atomic():
        locked = _locked_prepared(release)
        path, signature_path = locked.path, locked.signature_path
        assert path is not None and signature_path is not None
        if not path.is_file():
            raise InputError("the release file is missing from the server: prepare the release again")
        if file_sha256(path) != locked.sha256:
            raise InputError("the release file changed after it was prepared, so it is not signed: "
                             "prepare the release again and tell your administrator")
        decided_at = timezone.now()
        document = sign_file(path, key, release_id=locked.release_id, kind=locked.kind,
                             schema=f"ctdc-{locked.schema}", rows=locked.rows, node=settings.NODE_COUNTRY,
                             approved_at=decided_at.isoformat(timespec="seconds"))
        write_signature(signature_path, document)
        try:
            locked.state = Release.APPROVED
            locked.decided_by = user
            locked.decided_at = decided_at
            locked.signature = document["signature"]
            locked.signing_key_id = key_id(key)
            locked.save(update_fields=["state", "decided_by", "decided_at", "signature", "signing_key_id"])
            log.record(log.UPDATE, request=request, actor=None if request is not None else user,
                       subjects=[("release", locked.pk)],
                       detail={"release": locked.release_id, "step": "approved and signed", "kind": locked.kind,
                               "sha256": locked.sha256, "rows": locked.rows, "key_id": locked.signing_key_id,
                               **({"note": note[:500]} if note else {})})
        except BaseException:
            signature_path.unlink(missing_ok=True)
            raise
    return locked


def reject(release: Release, user: Any, reason: str, *, request: Any = None) -> Release:
    with transaction.atomic():
        locked = _locked_prepared(release)
        locked.state = Release.REJECTED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.rejection_reason = reason.strip()
        locked.save(update_fields=["state", "decided_by", "decided_at", "rejection_reason"])
        log.record(log.UPDATE, request=request, actor=None if request is not None else user,
                   subjects=[("release", locked.pk)],
                   detail={"release": locked.release_id, "step": "rejected", "kind": locked.kind,
                           "reason": locked.rejection_reason[:500]})
        path = locked.path
        if path is not None:
            # Nobody may use a rejected file: it goes once the decision is committed.
            transaction.on_commit(lambda: path.unlink(missing_ok=True))
    return locked
