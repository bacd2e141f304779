"""Countries (ISO 3166 through pycountry), languages (ISO 639) and phones (E.164)."""

from __future__ import annotations

from functools import cache
from typing import Any

import phonenumbers
import pycountry

from seawall.standard.vocabulary import VocabularyError


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """alpha-3 -> (alpha-2, common name)."""
    out = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        out[country.alpha_3] = (country.alpha_2, name)
    return out


@cache
def country_choices() -> list[tuple[str, str]]:
    return sorted(((code, name) for code, (_, name) in _countries().items()), key=lambda c: c[1])


# Countries a Caribbean unit picks most often (origins, transit and destinations of the
# region's cases), listed first in every country menu.
REGIONAL = ("GUY", "VEN", "TTO", "JAM", "HTI", "DOM", "CUB", "SUR", "BRA", "COL", "BRB", "BHS", "BLZ",
            "ATG", "DMA", "GRD", "KNA", "LCA", "VCT", "ABW", "CUW", "PRI", "CHN", "USA")


@cache
def country_choices_grouped() -> list[tuple[str, list[tuple[str, str]]]]:
    regional = [(code, country_name(code)) for code in REGIONAL]
    return [("The region", regional), ("All countries", country_choices())]


@cache
def country_choices_optional() -> list[Any]:
    """The grouped menu with an empty first choice, for fields that may be left blank.
    Forms take this function itself as `choices`, so that a form instance does not deep-copy
    250 countries (Django copies list choices per instance, calls callables lazily)."""
    return [("", "—"), *country_choices_grouped()]


def validate_country(code: str, field: str = "country") -> str:
    value = (code or "").strip().upper()
    if value in _countries():
        return value
    if len(value) == 2:
        for alpha3, (alpha2, _) in _countries().items():
            if alpha2 == value:
                return alpha3
    raise VocabularyError(f"{field}: {code!r} is not an ISO 3166 country code")


def country_code_validator(value: str) -> None:
    """For model fields: a validator, not choices, so a pycountry update needs no migration."""
    from django.core.exceptions import ValidationError

    if value not in _countries():
        raise ValidationError(f"{value!r} is not an ISO 3166 alpha-3 country code.")


def country_name(alpha3: str) -> str:
    return _countries().get(alpha3, ("", alpha3))[1]


def alpha2(alpha3: str) -> str:
    return _countries()[validate_country(alpha3)][0]


@cache
def _languages() -> dict[str, str]:
    """ISO 639-3 code -> name, with the two-letter ISO 639-1 codes accepted as aliases."""
    out: dict[str, str] = {}
    for language in pycountry.languages:
        if getattr(language, "type", "L") != "L":
            continue
        out[language.alpha_3] = language.name
        if hasattr(language, "alpha_2"):
            out[language.alpha_2] = language.alpha_3
    return out


def validate_language(code: str, field: str = "language") -> str:
    value = (code or "").strip().lower()
    found = _languages().get(value)
    if found is None:
        raise VocabularyError(f"{field}: {code!r} is not an ISO 639 language code")
    return found if len(value) == 2 else value


def language_name(code: str) -> str:
    name = _languages().get(code, code)
    return _languages().get(name, name) if len(code) == 2 else name


def normalise_phone(raw: str, default_country: str, field: str = "phone") -> str:
    """E.164, reading a local number in the default country (alpha-3)."""
    text = (raw or "").strip()
    try:
        number = phonenumbers.parse(text, alpha2(default_country))
    except phonenumbers.NumberParseException:
        raise VocabularyError(f"{field}: {raw!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise VocabularyError(f"{field}: {raw!r} is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
