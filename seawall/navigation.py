"""The main menu: which sections a user sees, decided by the policy module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from seawall import policy

# (label, URL name, who sees it). A section whose URL is not there yet is left out.
SECTIONS: tuple[tuple[str, str, Callable[[Any], bool]], ...] = (
    ("Cases", "cases:list", policy.may_list_cases),
    ("Imports", "transfers:index", policy.may_import),
    # Importers reach exports from the imports page; others who may export need a link.
    ("Export", "transfers:export", lambda u: policy.may_export(u) and not policy.may_import(u)),
    ("Statistics", "reports:dashboard", policy.may_see_statistics),
    ("Releases", "sharing:index",
     lambda u: policy.may_prepare_release(u) or policy.may_approve_release(u) or policy.may_set_privacy_budget(u)),
    ("Duplicates", "duplicates:queue", policy.may_review_duplicates),
    ("Users", "accounts:users", policy.may_manage_users),
)


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = []
    for label, name, allowed in SECTIONS:
        if allowed(user):
            try:
                items.append((label, reverse(name)))
            except NoReverseMatch:
                continue
    return {"menu": items}
