"""The registration check: existing persons likely to be the one being registered.

    result = find_matches(person_form.identity())

Candidates come from the keyed hashes (keys.py) and from the blind index's document
numbers; only they are decrypted and scored (scoring.py). Nothing here knows who asks:
what the user may see of each match is decided in access.py through seawall.policy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from seawall.cases.models import Person, PersonIndex
from seawall.cases.protection import indexer
from seawall.duplicates import keys
from seawall.duplicates.models import MatchKey
from seawall.duplicates.profiles import PROFILE_FIELDS, person_values, profile_of, variants_of
from seawall.duplicates.scoring import best_score, scorer_for
from seawall.linkage.scorer import Evidence
from seawall.vault.blind import normalise_document

# Scored at most per check. A very common name with no birth date or phone can block
# thousands of namesakes; the least selective keys are then dropped and the user is asked
# for a date or a phone.
MAX_CANDIDATES = 3_000


@dataclass(frozen=True)
class Match:
    person_id: int
    probability: float
    weight: float
    evidence: tuple[Evidence, ...]
    same_document: bool = False


@dataclass
class CheckResult:
    matches: list[Match] = field(default_factory=list)
    candidates: int = 0  # persons scored
    coverage: keys.Coverage = field(default_factory=keys.Coverage)
    too_common: int = 0  # persons sharing only an over-common key, not scored
    searched: bool = False  # False when too little was typed to search


def _document_holders(identity: Mapping[str, Any]) -> set[int]:
    numbers = {normalise_document(d.get("number", "")) for d in identity.get("documents") or []}
    digests = [indexer().digest("doc", n) for n in numbers if n]
    if not digests:
        return set()
    return set(PersonIndex.objects.filter(kind="doc", digest__in=digests).values_list("person_id", flat=True))


def _candidate_ids(terms: set[keys.Term]) -> tuple[set[int], int]:
    """Persons sharing a key, and how many were left out because their key is too common."""
    by_key: dict[int, set[int]] = defaultdict(set)
    wanted = [keys.hashed(kind, value) for kind, value in terms]
    for start in range(0, len(wanted), 900):
        for key, person in MatchKey.objects.filter(digest__in=wanted[start:start + 900]).values_list("digest", "person_id"):
            by_key[key].add(person)
    groups = sorted(by_key.values(), key=len)
    found: set[int] = set()
    for group in groups:
        if len(found | group) > MAX_CANDIDATES:
            break
        found |= group
    everyone = set().union(*groups) if groups else set()
    return found, len(everyone - found)


def find_matches(identity: Mapping[str, Any], *, limit: int = 10, min_probability: float = 0.5,
                 inline_limit: int | None = None) -> CheckResult:
    """Existing persons at least `min_probability` likely to be this identity (or holding
    the same document number), best first, at most `limit`."""
    profile = profile_of(identity)
    if not profile.searchable:
        return CheckResult()
    coverage = keys.catch_up(inline_limit)
    new = variants_of(profile, settings.NODE_COUNTRY)
    ids, too_common = _candidate_ids(keys.query_terms(new))
    same_document = _document_holders(identity)
    ids |= same_document
    persons = Person.objects.filter(pk__in=ids, identity_recorded=True).only("id", *PROFILE_FIELDS)
    existing = {p.pk: variants_of(profile_of(person_values(p)), settings.NODE_COUNTRY, str(p.pk)) for p in persons}
    scorer = scorer_for(new, existing.values())
    matches = []
    for pk, old in existing.items():
        score = best_score(scorer, new, old)
        if score.match_probability >= min_probability or pk in same_document:
            matches.append(Match(pk, score.match_probability, score.match_weight, score.evidence, pk in same_document))
    matches.sort(key=lambda m: (not m.same_document, -m.weight, m.person_id))
    return CheckResult(matches=matches[:limit], candidates=len(existing), coverage=coverage,
                       too_common=too_common, searched=True)
