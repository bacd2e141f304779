"""Need to know: the one place that decides what a user may see and do with personal data.

Every list, search, count and export starts from `visible_cases(user)`; every page that
shows a person asks `may_see_identity`. Views never filter by role themselves, so a new
page cannot forget a rule. (DESIGN.md, privacy principle 1.)

Rules today:
- caseworkers and investigators see the cases their own agency owns, with identity, and
  may register and edit them (the identifying agency knows who she is);
- national coordinators and analysts see every case of the node, but only by case code;
  coordinators also see a case's access log;
- service providers and prosecutors see nothing until a referral or a linked investigation
  shares a case (later issues extend `visible_cases` here, nowhere else);
- administrators manage users and agencies and never read victims.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from django.db.models import Q, QuerySet

from seawall.accounts import roles

if TYPE_CHECKING:
    from seawall.accounts.models import User
    from seawall.cases.models import Person, VictimCase

IDENTITY_ROLES = frozenset({roles.CASEWORKER, roles.INVESTIGATOR})
NODE_WIDE_ROLES = frozenset({roles.COORDINATOR, roles.ANALYST})
CASE_EDITOR_ROLES = frozenset({roles.CASEWORKER, roles.INVESTIGATOR})


class OwnedCase(Protocol):
    """What the identity rule reads of a case: a model instance or a list's row."""

    @property
    def pk(self) -> int: ...

    @property
    def owner_agency_id(self) -> int: ...


def _active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in roles.ALL_ROLES)


def case_filter(user: User) -> Q:
    """A filter on VictimCase that admits exactly the cases the user may know exist."""
    if not _active(user):
        return Q(pk__in=[])
    if user.role in IDENTITY_ROLES:
        return Q(owner_agency_id=user.agency_id)
    if user.role in NODE_WIDE_ROLES:
        return Q()
    return Q(pk__in=[])


def identity_filter(user: User) -> Q:
    """A filter on VictimCase for the cases whose person's identity the user may see."""
    if _active(user) and user.role in IDENTITY_ROLES:
        return Q(owner_agency_id=user.agency_id)
    return Q(pk__in=[])


def visible_cases(user: User) -> QuerySet[VictimCase]:
    from seawall.cases.models import VictimCase

    return VictimCase.objects.filter(case_filter(user))


def may_list_cases(user: User) -> bool:
    return _active(user) and (user.role in IDENTITY_ROLES or user.role in NODE_WIDE_ROLES)


def cases_with_identity(user: User, cases: Iterable[OwnedCase]) -> set[int]:
    """Ids of those cases whose person the user may see (a list asks for its whole page at
    once, so the role is checked once, not per row)."""
    if not (_active(user) and user.role in IDENTITY_ROLES):
        return set()
    agency = user.agency_id
    return {case.pk for case in cases if case.owner_agency_id == agency}


def may_see_identity(user: User, case: VictimCase) -> bool:
    return case.pk in cases_with_identity(user, [case])


def may_search_identity(user: User) -> bool:
    """Name, phone and document search answers "who is this", so only identity roles get it."""
    return _active(user) and user.role in IDENTITY_ROLES


def may_register_case(user: User) -> bool:
    return _active(user) and user.role in CASE_EDITOR_ROLES


def may_edit_case(user: User, case: VictimCase) -> bool:
    return may_register_case(user) and case.owner_agency_id == user.agency_id and case.source == "registered"


def may_see_access_log(user: User, case: VictimCase) -> bool:
    return _active(user) and user.role == roles.COORDINATOR


def may_manage_users(user: User) -> bool:
    return _active(user) and user.role == roles.ADMINISTRATOR


def visible_persons(user: User) -> QuerySet[Person]:
    """Persons whose identity the user may see: through a case of theirs."""
    from seawall.cases.models import Person, VictimCase

    cases = VictimCase.objects.filter(identity_filter(user))
    return Person.objects.filter(pk__in=cases.values("person_id"))


# --- Data in and out (issue: imports and exports) ---

def may_import(user: User) -> bool:
    """Bringing cases in writes identities into the user's agency: identity roles only."""
    return _active(user) and user.role in CASE_EDITOR_ROLES


def may_export(user: User) -> bool:
    """De-identified exports (CTDC schemas): anyone who may list cases."""
    return may_list_cases(user)


def may_export_identities(user: User) -> bool:
    """Identity-bearing HTCDS exports, of the cases whose identity the user may see; the
    view must also record a stated purpose in the audit trail."""
    return _active(user) and user.role in IDENTITY_ROLES


# --- Statistics (issue: national statistics) ---

def may_see_statistics(user: User) -> bool:
    return _active(user) and user.role in NODE_WIDE_ROLES


# --- Releases (issue: sharing) ---

def may_prepare_release(user: User) -> bool:
    return _active(user) and user.role == roles.ANALYST


def may_approve_release(user: User) -> bool:
    return _active(user) and user.role == roles.COORDINATOR


def may_set_privacy_budget(user: User) -> bool:
    return _active(user) and user.role == roles.ADMINISTRATOR


# --- Duplicates (issue: finding the same person) ---

def may_review_duplicates(user: User) -> bool:
    """Confirming that two records are one person needs to see both identities, so only
    identity roles review, and only pairs whose cases are both visible to them with identity."""
    return _active(user) and user.role in IDENTITY_ROLES


def may_run_batch_deduplication(user: User) -> bool:
    return _active(user) and user.role in {roles.COORDINATOR, *IDENTITY_ROLES}
