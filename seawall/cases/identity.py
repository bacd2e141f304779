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


MIN_SOUND_LENGTH = 4


def query_terms(text: str) -> list[set[tuple[str, str]]]:
    """One set of alternative terms per word typed: a word matches exactly or by sound.
    A query that reads as a phone number or a document number gives that term too."""
    groups: list[set[tuple[str, str]]] = []
    for kind_term in sorted(name_terms(text)):
        if kind_term[0] == "name":
            token = kind_term[1]
            # A sound key of a short word ("Ann" -> AN) matches thousands of names and
            # makes the search slow and noisy; short words must be typed as recorded.
            sounds = {(k, t) for k, t in name_terms(token) if k == "name_ph"} if len(token) >= MIN_SOUND_LENGTH else set()
            groups.append({kind_term, *sounds})
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


def persons_matching(text: str, limit: int = 500) -> list[int]:
    """Ids of persons matching every word typed, best first (exact spellings rank above
    sound-alikes), at most `limit`. The counting happens in the database: a common surname
    matches thousands of index rows, and only the persons matching every word come back."""
    groups = query_terms(text)
    if not groups:
        return []
    index = indexer()
    cases: list[str] = []
    params: list[object] = []
    digests: list[str] = []
    for number, group in enumerate(groups):
        exact = [index.digest(kind, term) for kind, term in sorted(group) if kind != "name_ph"]
        sound = [index.digest(kind, term) for kind, term in sorted(group) if kind == "name_ph"]
        for weight, values in ((2, exact), (1, sound)):
            if values:
                cases.append(f"WHEN digest IN ({', '.join(['%s'] * len(values))}) THEN {number * 10 + weight}")
                params += values
                digests += values
    table = PersonIndex._meta.db_table
    # code = group * 10 + weight: integer division gives the group back, the rest the weight.
    sql = (
        f"SELECT person_id FROM (SELECT person_id, CASE {' '.join(cases)} END AS code FROM {table} "
        f"WHERE digest IN ({', '.join(['%s'] * len(digests))})) AS hits "
        "GROUP BY person_id HAVING COUNT(DISTINCT code / 10) = %s "
        "ORDER BY SUM(code - 10 * (code / 10)) DESC, person_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *digests, len(groups), limit])
        return [row[0] for row in cursor.fetchall()]


def bulk_index(persons: Iterable[Person]) -> int:
    """Index many persons at once (imports, demo loads, rotation). Rows go in with one
    executemany: building a model instance per index row cost more than the hashing."""
    index = indexer()
    rows = [(person.pk, kind, digest) for person in persons for kind, digest in index.digests(terms_of(person))]
    table = PersonIndex._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (person_id, kind, digest) VALUES (%s, %s, %s)", rows)
    return len(rows)
