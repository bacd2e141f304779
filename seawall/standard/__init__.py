"""Seawall's vocabulary: HTCDS 2.0 picklists, countries, languages and phones, as data."""

from seawall.standard.geo import (
    country_choices,
    country_name,
    normalise_phone,
    validate_country,
    validate_language,
)
from seawall.standard.vocabulary import Picklist, VocabularyError, picklist, picklists

__all__ = [
    "Picklist",
    "VocabularyError",
    "country_choices",
    "country_name",
    "normalise_phone",
    "picklist",
    "picklists",
    "validate_country",
    "validate_language",
]
