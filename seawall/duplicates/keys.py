"""Blocking keys of persons as keyed hashes, so the registration check never decrypts the node.

The keys are those of the linkage core's blocking (seawall.linkage.model.BLOCKING_RULES, as
CandidateIndex uses them): first given name + first surname in either order (with the
birth-year condition split into three kinds below), last seven phone digits, full birth
date (looked up also with day and month swapped), and birth year + one name + the other's
initial (looked up also with given and family names swapped). Three more kinds only count
how common a value is (term frequencies). Each value is HMAC-SHA256'd with the node's
index key, kind included, and stored as 64 bits: a collision only adds a candidate that
scoring then drops.

Keys follow persons: a saved Person is re-keyed by a signal (apps.py) inside the same
transaction; persons written in bulk (imports, the demo loader) bypass signals, so before
each check `catch_up` keys persons above a high-water mark of ids (one index range scan).
A changed index key is noticed by a fingerprint, and the keys are rebuilt by a job.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from seawall.cases.models import Person
from seawall.cases.protection import indexer
from seawall.duplicates.models import KeyState, MatchKey
from seawall.duplicates.profiles import PROFILE_FIELDS, Variants, person_values, profile_of, variants_of
from seawall.linkage.candidates import KEYS, YEAR_KEYS, names_swapped

# Kinds. PAIR: the first-names key of everyone; PAIR_YEAR: with the birth year, for those
# with a full date; PAIR_OPEN: for those without. A new record with a full date looks up
# PAIR_YEAR (same year) and PAIR_OPEN; one without looks up PAIR — the rule "same names,
# unless both full dates are in different years".
PAIR, PAIR_YEAR, PAIR_OPEN, PHONE_TAIL, DOB, YEAR_FAMILY, YEAR_GIVEN, NAME, PHONE = range(1, 10)

# Term-frequency column of the linkage model -> kind whose counts give it.
TF_KINDS = {"pair_key": PAIR, "name_key": NAME, "dob_full": DOB, "phone_e164": PHONE}

_YEAR_KEYS = {name: columns for name, columns in KEYS if name in YEAR_KEYS}

# Persons keyed inline by a check; more (a large import) go to a background job.
INLINE_LIMIT = 2_000
CHUNK = 2_000

Term = tuple[int, str]


def _join(row: dict[str, Any], columns: tuple[str, ...]) -> str | None:
    given, family = row.get("given_first"), row.get("family_first")
    values = {**row, "given_initial": given[:1] if given else None, "family_initial": family[:1] if family else None}
    parts = [values.get(c) for c in columns]
    return None if any(p is None for p in parts) else "|".join(str(p) for p in parts)


def _name_terms(row: dict[str, Any]) -> set[Term]:
    terms: set[Term] = set()
    for kind, name in ((YEAR_FAMILY, "year_family"), (YEAR_GIVEN, "year_given")):
        value = _join(row, _YEAR_KEYS[name])
        if value:
            terms.add((kind, value))
    return terms


def stored_terms(variants: Variants) -> set[Term]:
    """What is kept of an existing person."""
    terms: set[Term] = set()
    for row in variants.names:
        pair = row["pair_key"]
        if pair:
            terms.add((PAIR, pair))
            terms.add((PAIR_YEAR, f"{pair}|{row['dob_year']}") if row["dob_full"] else (PAIR_OPEN, pair))
        if row["name_key"]:
            terms.add((NAME, row["name_key"]))
        terms |= _name_terms(row)
    for row in variants.phones:
        if row["phone_tail"]:
            terms.add((PHONE_TAIL, row["phone_tail"]))
        if row["phone_e164"]:
            terms.add((PHONE, row["phone_e164"]))
    if variants.base["dob_full"]:
        terms.add((DOB, variants.base["dob_full"]))
    return terms


def query_terms(variants: Variants) -> set[Term]:
    """What a new record looks up."""
    terms: set[Term] = set()
    for row in variants.names:
        pair = row["pair_key"]
        if pair and row["dob_full"]:
            terms |= {(PAIR_YEAR, f"{pair}|{row['dob_year']}"), (PAIR_OPEN, pair)}
        elif pair:
            terms.add((PAIR, pair))
        terms |= _name_terms(row)
        # Given and family names swapped on one side, with a typo (as CandidateIndex does):
        # the stored birth-year keys, looked up with the names the other way round.
        terms |= _name_terms(names_swapped(row))
    for row in variants.phones:
        if row["phone_tail"]:
            terms.add((PHONE_TAIL, row["phone_tail"]))
    for value in (variants.base["dob_full"], variants.base["dob_swapped"]):
        if value:
            terms.add((DOB, value))
    return terms


def hashed(kind: int, value: str) -> int:
    """64 bits of the keyed hash, as a signed integer (a BIGINT column)."""
    number = int(indexer().digest(f"dup{kind}", value)[:16], 16)
    return number - (1 << 64) if number >= 1 << 63 else number


def fingerprint() -> str:
    """Of the index key: changes when the key does, reveals nothing about it."""
    return indexer().digest("dup-fingerprint", "seawall")[:16]


def variants_of_person(person: Person) -> Variants:
    return variants_of(profile_of(person_values(person)), settings.NODE_COUNTRY, str(person.pk))


def rows_of(persons: Iterable[Person]) -> list[tuple[int, int, int]]:
    return [(person.pk, kind, hashed(kind, value))
            for person in persons if person.identity_recorded
            for kind, value in stored_terms(variants_of_person(person))]


def _insert(rows: list[tuple[int, int, int]]) -> None:
    if rows:
        with connection.cursor() as cursor:
            # One executemany: an ORM object per key cost more than hashing (as for PersonIndex).
            cursor.executemany(f"INSERT INTO {MatchKey._meta.db_table} (person_id, kind, digest) VALUES (%s, %s, %s)",
                               rows)


def index_person(person: Person) -> None:
    MatchKey.objects.filter(person_id=person.pk).delete()
    _insert(rows_of([person]))


def index_persons(persons: list[Person], replace: bool = True) -> int:
    if replace:
        MatchKey.objects.filter(person_id__in=[p.pk for p in persons]).delete()
    rows = rows_of(persons)
    _insert(rows)
    return len(rows)


def _persons(ids: Iterable[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=list(ids), identity_recorded=True).only("id", "identity_recorded",
                                                                                        *PROFILE_FIELDS))


def state() -> KeyState:
    return KeyState.objects.get_or_create(pk=1)[0]


@dataclass(frozen=True)
class Coverage:
    """How complete the keys are for a check: `missing` persons added in bulk and not yet
    keyed (a job is keying them); `stale` when the keys are being rebuilt."""

    missing: int = 0
    stale: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale


def catch_up(limit: int | None = None) -> Coverage:
    """Key the persons added since the last check (up to `limit`, INLINE_LIMIT by default);
    say what is left. When nothing was added this is two reads: no lock, no write."""
    limit = INLINE_LIMIT if limit is None else limit
    mark = KeyState.objects.filter(pk=1).first()
    if mark is not None and mark.fingerprint == fingerprint():
        if not Person.objects.filter(pk__gt=mark.last_person_id).exists():
            return Coverage()
    with transaction.atomic():
        mark = KeyState.objects.select_for_update().filter(pk=1).first() or state()
        if mark.fingerprint != fingerprint():
            if mark.fingerprint:
                return Coverage(stale=True)
            mark.fingerprint = fingerprint()  # the first check ever: keys start here
        ids = list(Person.objects.filter(pk__gt=mark.last_person_id).order_by("pk")
                   .values_list("pk", flat=True)[:limit + 1])
        if len(ids) > limit:
            mark.save()
            return Coverage(missing=Person.objects.filter(pk__gt=mark.last_person_id, identity_recorded=True).count())
        if ids:
            # Persons saved one by one were keyed by the signal already.
            keyed = set(MatchKey.objects.filter(person_id__in=ids).values_list("person_id", flat=True).distinct())
            index_persons(_persons(set(ids) - keyed), replace=False)
            mark.last_person_id = ids[-1]
        mark.save()
    return Coverage()


def _all_ids() -> list[int]:
    return list(Person.objects.filter(identity_recorded=True).order_by("pk").values_list("pk", flat=True))


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Every key afresh (a changed index key, or an operator's request). Checks meanwhile
    say the keys are being rebuilt."""
    KeyState.objects.update_or_create(pk=1, defaults={"fingerprint": "rebuilding"})
    MatchKey.objects.all().delete()
    ids = _all_ids()
    written = 0
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            written += index_persons(_persons(ids[start:start + CHUNK]), replace=False)
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    KeyState.objects.filter(pk=1).update(fingerprint=fingerprint(), last_person_id=ids[-1] if ids else 0,
                                         rebuilt_at=timezone.now())
    forget_totals()
    return written


def reconcile(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Key persons that have no keys (written in bulk while a check was not looking) and
    drop keys of persons deleted without the ORM. Rebuilds instead if the index key changed."""
    mark = state()
    if mark.fingerprint not in ("", fingerprint()):
        return {"rebuilt": rebuild(progress)}
    keyed = set(MatchKey.objects.values_list("person_id", flat=True).distinct())
    ids = _all_ids()
    missing = [pk for pk in ids if pk not in keyed]
    for start in range(0, len(missing), CHUNK):
        with transaction.atomic():
            index_persons(_persons(missing[start:start + CHUNK]), replace=True)
        if progress:
            progress(min(start + CHUNK, len(missing)), len(missing))
    gone = keyed - set(Person.objects.values_list("pk", flat=True))
    gone_list = sorted(gone)
    for start in range(0, len(gone_list), CHUNK):
        MatchKey.objects.filter(person_id__in=gone_list[start:start + CHUNK]).delete()
    KeyState.objects.filter(pk=1).update(fingerprint=fingerprint(),
                                         last_person_id=max([mark.last_person_id, *ids[-1:]]))
    return {"keyed": len(missing), "dropped": len(gone)}


# -- Counts for term frequencies ---------------------------------------------------------

TOTALS_SECONDS = 300  # how long a process trusts its count of keys per kind
_totals: dict[str, Any] = {}


def kind_totals() -> dict[int, int]:
    """Keys per term-frequency kind: the denominators. A 1% drift moves a weight by 0.014
    bits, so a count a few minutes old is as good as a fresh one and far cheaper."""
    # Test "counts" itself: the monotonic clock starts at boot, so a young machine reads < 300 s.
    if "counts" not in _totals or _totals["at"] + TOTALS_SECONDS < time.monotonic():
        counts = dict.fromkeys(TF_KINDS.values(), 0)
        for kind in TF_KINDS.values():
            counts[kind] = MatchKey.objects.filter(kind=kind).count()
        _totals.update(at=time.monotonic(), counts=counts)
    return _totals["counts"]


def forget_totals() -> None:
    _totals.clear()


def key_counts(terms: set[Term]) -> dict[Term, int]:
    """How many persons carry each value (values nobody carries are left out)."""
    by_digest = {hashed(kind, value): (kind, value) for kind, value in terms}
    counts: dict[Term, int] = {}
    keys = list(by_digest)
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT digest, COUNT(*) FROM {MatchKey._meta.db_table} WHERE digest IN "
                           f"({', '.join(['%s'] * len(chunk))}) GROUP BY digest", chunk)
            for key, count in cursor.fetchall():
                counts[by_digest[key]] = count
    return counts
