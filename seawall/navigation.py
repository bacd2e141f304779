"""The main menu: which sections a user sees, decided by the policy module."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

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
# Links in the page header of every signed-in page.
HEADER_LINKS = {"home": "cases:home", "logout": "accounts:logout"}


@lru_cache(maxsize=256)
def _reversed(name: str, urlconf: str | None, script_prefix: str) -> str | None:
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def fixed_url(name: str) -> str | None:
    """reverse() of a URL without arguments, remembered: the header and menu of every page
    reversed eight of them, a tenth of the time of a light page. The answer depends only
    on the URL configuration and the prefix the server mounts Seawall under."""
    return _reversed(name, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def _urls_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "header_links": {}}
    items = []
    for label, name, allowed in SECTIONS:
        url = fixed_url(name) if allowed(user) else None
        if url is not None:
            items.append((label, url))
    return {"menu": items, "header_links": {key: fixed_url(name) for key, name in HEADER_LINKS.items()}}
