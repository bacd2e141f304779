"""Who may do what with releases: seawall.policy's answers applied to a release's state.

Policy decides the roles (analysts prepare, coordinators approve, administrators set the
budget); this module only adds what a release's state allows. Seeing and downloading
releases is for the two roles of the approval, and only an approved release downloads.
"""

from __future__ import annotations

from typing import Any

from seawall import policy
from seawall.sharing.models import Release


def may_see_releases(user: Any) -> bool:
    return policy.may_prepare_release(user) or policy.may_approve_release(user)


def may_decide(user: Any, release: Release) -> bool:
    return policy.may_approve_release(user) and release.state == Release.PREPARED


def may_download(user: Any, release: Release) -> bool:
    return may_see_releases(user) and release.state == Release.APPROVED
