"""Blind-index maintenance and lookup of persons by name, phone and document number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from seawall.cases.models import Person, PersonIndex
from seawall.cases.protection import indexer
from seawall.standard import VocabularyError, normalise_phone
from seawall.vault.blind import name_terms, normalise_document


def terms_of(person: Person) -> set[tuple[str, str]]:
    if not person.identity_recorded:
        return set()
    terms = name_terms(person.given_names, person.family_names, *person.aliases)
    for phone in person.phones:
        terms.add(("phone", phone))
    for document in person.documents:
        number = normalise_document(document.get("number", ""))
        if number:
            terms.add(("doc", number))
    return terms


def index_rows(person: Person) -> list[PersonIndex]:
    return [
        PersonIndex(person=person, kind=kind, digest=digest)
        for kind, digest in indexer().digests(terms_of(person))
    ]


def reindex(person: Person) -> None:
    PersonIndex.objects.filter(person=person).delete()
    PersonIndex.objects.bulk_create(index_rows(person))


def query_terms(text: str) -> list[set[tuple[str, str]]]:
    """One set of alternative terms per word typed: a word matches exactly or by sound.
    A query that reads as a phone number or a document number gives that term too."""
    groups: list[set[tuple[str, str]]] = []
    for kind_term in sorted(name_terms(text)):
        if kind_term[0] == "name":
            token = kind_term[1]
            groups.append({kind_term, *((k, t) for k, t in name_terms(token) if k == "name_ph")})
    stripped = text.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    if digits >= 6:
        try:
            groups = [{("phone", normalise_phone(stripped, settings.NODE_COUNTRY))}]
        except VocabularyError:
            pass
        number = normalise_document(stripped)
        if groups and number:
            groups[0].add(("doc", number))
        elif number:
            groups = [{("doc", number)}]
    return groups


def persons_matching(text: str, within: QuerySet[Person] | None = None) -> list[int]:
    """Ids of persons matching every word typed, best first (more exact terms rank higher)."""
    groups = query_terms(text)
    if not groups:
        return []
    index = indexer()
    hits: Counter[int] = Counter()
    matched_groups: dict[int, set[int]] = {}
    for number, group in enumerate(groups):
        digests = {index.digest(kind, term) for kind, term in group}
        exact = {index.digest(kind, term) for kind, term in group if kind != "name_ph"}
        rows = PersonIndex.objects.filter(digest__in=digests)
        if within is not None:
            rows = rows.filter(person__in=within)
        for person_id, digest in rows.values_list("person_id", "digest"):
            matched_groups.setdefault(person_id, set()).add(number)
            hits[person_id] += 2 if digest in exact else 1
    complete = [pid for pid, seen in matched_groups.items() if len(seen) == len(groups)]
    return sorted(complete, key=lambda pid: (-hits[pid], pid))


def bulk_index(persons: Iterable[Person]) -> int:
    """Index many persons at once (imports, demo loads, rotation). Rows go in with one
    executemany: building a model instance per index row cost more than the hashing."""
    index = indexer()
    rows = [(person.pk, kind, digest) for person in persons for kind, digest in index.digests(terms_of(person))]
    table = PersonIndex._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (person_id, kind, digest) VALUES (%s, %s, %s)", rows)
    return len(rows)
