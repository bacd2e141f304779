"""Blind indexes: keyed hashes of normalised names, phones and document numbers.

Lookup and duplicate detection compare these digests, so a search never decrypts the
table and a stolen database does not reveal names by dictionary attack without the key.
Names get two kinds of term: the normalised token (exact) and a phonetic key (so a
misspelt "Mariela Peres" still finds "Mariela Pérez").
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

import jellyfish
from anyascii import anyascii

# Particles that are part of names on paper but not how people search for them.
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "da", "do", "dos", "van", "von", "st"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_text(value: str) -> str:
    """Lowercase ASCII with accents removed and punctuation turned into spaces."""
    folded = anyascii(unicodedata.normalize("NFKC", value)).lower()
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


def name_tokens(value: str) -> list[str]:
    """Tokens of a name; hyphenated names give their parts ("Jean-Baptiste" -> jean, baptiste)."""
    return [t for t in normalise_text(value).split() if t not in _PARTICLES and len(t) > 1]


def phonetic(token: str) -> str:
    # Metaphone keeps Spanish, French-Creole and English spellings of a sound together
    # well enough for lookup (z/s, v/b are the common slips); the exact term ranks first.
    return jellyfish.metaphone(token) or token


def name_terms(*names: str) -> set[tuple[str, str]]:
    terms: set[tuple[str, str]] = set()
    for name in names:
        for token in name_tokens(name):
            terms.add(("name", token))
            terms.add(("name_ph", phonetic(token)))
    return terms


def normalise_document(number: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", anyascii(number).upper())


class BlindIndexer:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, kind: str, term: str) -> str:
        # The kind is part of the message so equal strings of different kinds never collide.
        mac = hmac.new(self._key, f"{kind}\x1f{term}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def digests(self, terms: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(kind, self.digest(kind, term)) for kind, term in terms}
