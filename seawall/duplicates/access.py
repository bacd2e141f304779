"""What a user may see and do with duplicates, built only on seawall.policy's answers.

- Identity of a matched or paired person: `policy.visible_persons` (through a case whose
  identity the user may see). A match outside it is told only as "a possible match exists
  in agency X; ask its focal point".
- Reviewing pairs, merging and un-merging: `policy.may_review_duplicates`, and only pairs
  (merges) whose persons are all in the user's visible persons; others answer 404.
- Starting the batch search: `policy.may_run_batch_deduplication`.
- Counts of waiting pairs per agency, without identities: users who may run the batch and
  see node-wide statistics (today the national coordinator). policy.py has no question of
  its own for this yet; see docs/duplicates.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from seawall import policy
from seawall.accounts.models import Agency
from seawall.cases.models import Person, VictimCase
from seawall.duplicates.models import DuplicatePair, Merge


def identity_cases_of(user: Any, person_ids: Iterable[int]) -> QuerySet[VictimCase]:
    """The cases of these persons whose identity the user may see (`policy.identity_filter`).
    Asked in two steps, the persons' cases by id first: SQLite, which has no statistics
    unless someone runs ANALYZE, otherwise reads every case of the user's agency through the
    agency index (66 ms against 0.5 ms with 30,000 cases, measured)."""
    ids = list(person_ids)
    case_ids = list(VictimCase.objects.filter(person_id__in=ids).order_by().values_list("pk", flat=True)) if ids else []
    # Unordered, and callers sort the few cases in Python: asked for the list order, SQLite
    # walks the agency's cases through its list-order index instead of fetching these by id.
    return VictimCase.objects.filter(policy.identity_filter(user), pk__in=case_ids).order_by()


def visible_ids(user: Any, person_ids: Iterable[int]) -> set[int]:
    """Which of these persons the user may see with identity: exactly
    `policy.visible_persons(user)` (a person is visible through a case in
    `policy.identity_filter`), asked from the cases' side for the few ids at hand, because
    the registration check asks it at every pause in typing and `visible_persons` makes
    SQLite list every person of the agency. A test keeps the two equal for every role."""
    return set(identity_cases_of(user, person_ids).values_list("person_id", flat=True).distinct())


def agencies_holding(person_ids: Iterable[int]) -> dict[int, list[Agency]]:
    """The agencies that own each person's cases (her own agency if she has none)."""
    ids = list(person_ids)
    owners: dict[int, set[int]] = defaultdict(set)
    for person, agency in VictimCase.objects.filter(person_id__in=ids).values_list("person_id", "owner_agency_id"):
        owners[person].add(agency)
    for person, agency in Person.objects.filter(pk__in=ids).values_list("pk", "owner_agency_id"):
        if not owners[person]:
            owners[person].add(agency)
    agencies = Agency.objects.in_bulk({a for found in owners.values() for a in found})
    return {person: sorted((agencies[a] for a in found), key=lambda a: a.name) for person, found in owners.items()}


def may_use_queue(user: Any) -> bool:
    return policy.may_review_duplicates(user) or policy.may_run_batch_deduplication(user)


def sees_pair_counts(user: Any) -> bool:
    return policy.may_run_batch_deduplication(user) and policy.may_see_statistics(user)


def reviewable_pairs(user: Any) -> QuerySet[DuplicatePair]:
    """Pairs of two persons whose identities the user may both see."""
    if not policy.may_review_duplicates(user):
        return DuplicatePair.objects.none()
    visible = policy.visible_persons(user).values("pk")
    return DuplicatePair.objects.filter(person_l__in=visible, person_r__in=visible)


def pair_or_404(user: Any, pk: int) -> DuplicatePair:
    pair = reviewable_pairs(user).filter(pk=pk).first()
    if pair is None:
        # As for cases: a pair the user may not review answers like one that does not exist.
        raise Http404("No such pair, or not one you may review.")
    return pair


def reviewable_merges(user: Any) -> QuerySet[Merge]:
    if not policy.may_review_duplicates(user):
        return Merge.objects.none()
    return Merge.objects.filter(survivor__in=policy.visible_persons(user).values("pk"))


def merge_or_404(user: Any, pk: int) -> Merge:
    merge = reviewable_merges(user).filter(pk=pk).first()
    if merge is None:
        raise Http404("No such merge, or not one you may undo.")
    return merge


def waiting_per_agency() -> list[dict[str, Any]]:
    """Open pairs by the agencies holding the two persons: no identity, no case code."""
    pairs = list(DuplicatePair.objects.filter(state=DuplicatePair.OPEN).values_list("person_l", "person_r"))
    holders = agencies_holding({p for pair in pairs for p in pair})
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for left, right in pairs:
        if left not in holders or right not in holders:
            continue  # a person deleted since the search
        first = holders[left][0].name if holders[left] else "?"
        second = holders[right][0].name if holders[right] else "?"
        counts[tuple(sorted((first, second)))] += 1  # type: ignore[index]
    return [{"agency": a, "other": b, "within": a == b, "count": n} for (a, b), n in sorted(counts.items())]
