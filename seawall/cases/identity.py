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
    sound-alikes), at most `limit`.

    A word matches a person who has its sound key, or its exact term when it has no sound
    key: every indexed name carries both, so the sound key alone finds the exact spellings
    too. The database walks the index rows of one word (the rarest, guessed by length) and
    checks the other words person by person through the (digest, person) index: grouping
    every row of "Maria" and "Gonzalez" together cost 5x more on 100,000 persons."""
    groups = query_terms(text)
    if not groups:
        return []
    index = indexer()
    words: list[tuple[list[str], list[str], int]] = []  # (membership digests, exact digests, rarity)
    for group in groups:
        exact = [index.digest(kind, term) for kind, term in sorted(group) if kind != "name_ph"]
        sound = [index.digest(kind, term) for kind, term in sorted(group) if kind == "name_ph"]
        # Phones and documents are all but unique; among names, longer ones are rarer.
        rarity = 1000 if any(kind in ("phone", "doc") for kind, _ in group) else max(len(t) for _, t in group)
        words.append((sound or exact, exact if sound else [], rarity))
    words.sort(key=lambda word: -word[2])
    table = connection.ops.quote_name(PersonIndex._meta.db_table)

    def marks(values: list[str]) -> str:
        return ", ".join(["%s"] * len(values))

    def has(values: list[str]) -> str:
        return f"EXISTS (SELECT 1 FROM {table} b WHERE b.person_id = a.person_id AND b.digest IN ({marks(values)}))"

    first, *others = words
    ranked = [exact for _, exact, _ in words if exact]
    score = " + ".join(f"CASE WHEN {has(exact)} THEN 1 ELSE 0 END" for exact in ranked) or "0"
    where = " AND ".join([f"a.digest IN ({marks(first[0])})", *(has(member) for member, _, _ in others)])
    sql = (f"SELECT a.person_id, {score} AS exact FROM {table} a WHERE {where} "
           "GROUP BY a.person_id ORDER BY exact DESC, a.person_id LIMIT %s")
    params = [*(d for exact in ranked for d in exact), *first[0], *(d for member, _, _ in others for d in member), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
