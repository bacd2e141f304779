"""What the rest of the node calls to leave an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from seawall.audit.chain import Subject, append
from seawall.audit.models import AuditEvent

# Actions, so that log pages and reports can group them.
VIEW, LIST, SEARCH, EXPORT = "view", "list", "search", "export"
CREATE, UPDATE, DELETE = "create", "update", "delete"
LOGIN, LOGIN_FAILED, LOCKOUT, LOGOUT = "login", "login_failed", "lockout", "logout"
COMMAND = "command"


def client_ip(request: HttpRequest) -> str | None:
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    reason: str | None = None,
    subjects: Iterable[Subject] = (),
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    if request is not None and actor is None and request.user.is_authenticated:
        actor = request.user
    if reason is None and request is not None and request.resolver_match is not None:
        reason = request.resolver_match.view_name
    event = AuditEvent(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "system",
        actor_role=getattr(actor, "role", "") or "",
        actor_agency=str(getattr(actor, "agency", "") or "") if actor is not None else "",
        action=action,
        reason=(reason or "unknown")[:120],
        ip=client_ip(request) if request is not None else None,
        detail=detail or {},
    )
    return append(event, subjects)


def for_record(object_type: str, object_id: int | str, limit: int = 200) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            subjects__object_type=object_type, subjects__object_id=str(object_id)
        ).order_by("-seq")[:limit]
    )
