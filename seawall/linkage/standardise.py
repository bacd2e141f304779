"""Seawall's standardisation of a person record for matching in the region.

Splink compares columns; the region's hard cases are solved here, once per record, so the
comparisons stay simple SQL that runs the same on DuckDB and Spark:

- accents and case: anyascii, lower case ("NÚÑEZ" -> "nunez");
- hyphenated Haitian given names: hyphens become spaces ("Jean-Baptiste" -> "jean baptiste"),
  and a squashed form catches the hyphen dropped ("Jeanbaptiste");
- nicknames: replaced by the given name they stand for ("Pepe" -> "jose");
- Spanish double surnames and swapped given/family names: the sorted set of name tokens,
  and swap-proof keys, let a pair match whatever the order or the part used;
- dates of birth: 1 January is read as "only the year known"; the day/month-swapped
  reading is kept for comparison;
- phones: E.164 through phonenumbers, reading a local number with the record's nationality
  or the node's country; the last seven digits survive a country code written or not.

Every function works on a whole table (unique values are standardised once and mapped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import phonenumbers
from anyascii import anyascii

from seawall.linkage.nicknames import NICKNAMES

# Columns the linkage model reads; produced by standardise().
STANDARD_COLUMNS = [
    "unique_id", "given_std", "family_std", "given_canon", "given_first", "family_first",
    "family_tokens", "name_tokens", "name_key", "name_squash", "pair_key",
    "dob", "dob_full", "dob_swapped", "dob_year", "sex", "nationality",
    "phone_e164", "phone_tail",
]

_NON_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def clean_name(raw: object) -> str | None:
    """ASCII lower-case tokens separated by single spaces; None when nothing is left."""
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return None
    text = anyascii(str(raw)).lower().replace("-", " ")
    text = _NON_LETTERS.sub("", text.replace("'", ""))  # O'Neil -> oneil, keep spaces
    text = _SPACES.sub(" ", text).strip()
    return text or None


def _nickname_table() -> tuple[dict[str, str], dict[str, str]]:
    """(whole-phrase nickname -> name, single-token nickname -> name), all cleaned."""
    phrases: dict[str, str] = {}
    for name, nicknames in NICKNAMES.items():
        canonical = clean_name(name)
        for nickname in nicknames:
            key = clean_name(nickname)
            if key and canonical:
                phrases[key] = canonical
    tokens = {k: v for k, v in phrases.items() if " " not in k}
    return phrases, tokens


_PHRASES, _TOKENS = _nickname_table()


def canonical_given(given: str | None) -> str | None:
    """The given name with a nickname replaced by the name it stands for."""
    if given is None:
        return None
    if given in _PHRASES:
        return _PHRASES[given]
    return " ".join(_TOKENS.get(token, token) for token in given.split(" "))


def _squash(text: str | None) -> str:
    return (text or "").replace(" ", "")


def _name_features(given_raw: object, family_raw: object) -> tuple:
    given = clean_name(given_raw)
    family = clean_name(family_raw)
    canon = canonical_given(given)
    given_tokens = canon.split(" ") if canon else []
    family_tokens = family.split(" ") if family else []
    tokens = sorted(set(given_tokens + family_tokens))
    given_first = given_tokens[0] if given_tokens else None
    family_first = family_tokens[0] if family_tokens else None
    name_key = " ".join(tokens) or None
    squash = "|".join(sorted([_squash(canon), _squash(family)])) if name_key else None
    firsts = sorted(t for t in (given_first, family_first) if t)
    pair_key = "|".join(firsts) if firsts else None
    return (given, family, canon, given_first, family_first, family_tokens, tokens, name_key,
            squash, pair_key)


_DOB = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _dob_features(raw: str | None) -> tuple[str | None, str | None, str | None, int | None]:
    """(dob, dob_full, dob_swapped, year); dob_full is None when only the year is known."""
    if not raw:
        return None, None, None, None
    match = _DOB.match(raw)
    if not match:
        return None, None, None, None
    year, month, day = (int(part) for part in match.groups())
    if (month, day) == (1, 1):  # the convention for "only the year known"
        return raw, None, None, year
    swapped = f"{year:04d}-{day:02d}-{month:02d}" if day <= 12 and day != month else None
    return raw, raw, swapped, year


_ALPHA2: dict[str, str] = {}


def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    if not _ALPHA2:
        import pycountry

        _ALPHA2.update({c.alpha_3: c.alpha_2 for c in pycountry.countries})
    return _ALPHA2.get(alpha3)


def normalise_phone(raw: str | None, nationality: str | None, node_country: str | None
                    ) -> tuple[str | None, str | None]:
    """(E.164 or None, last seven digits or None) of a phone as written.

    A number written with its country code (+ or 00) needs no default. A local one is read
    as a number of the record's nationality if it is valid there, else of the node's
    country: a Venezuelan in Trinidad writing "868-555-1234" means a Trinidad number.
    """
    if not raw:
        return None, None
    text = raw.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return None, None
    tail = digits[-7:]
    if text.startswith(("+", "00")):
        international = "+" + (digits[2:] if text.startswith("00") else digits)
        return _international_e164(international), tail
    fallback = None
    for region in (_alpha2(nationality), _alpha2(node_country)):
        if not region:
            continue
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        # Checked against this region's plan only: +1 is shared by twenty-odd countries,
        # and finding which one a number belongs to is what makes is_valid_number slow.
        if phonenumbers.is_valid_number_for_region(number, region):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), tail
        if fallback is None and phonenumbers.is_possible_number(number):
            fallback = number
    if fallback is None:
        return None, tail
    return phonenumbers.format_number(fallback, phonenumbers.PhoneNumberFormat.E164), tail


def _international_e164(international: str) -> str | None:
    """E.164 of "+" and digits."""
    try:
        number = phonenumbers.parse(international, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _column(records: pd.DataFrame, name: str) -> pd.Series:
    if name not in records:
        return pd.Series([None] * len(records), index=records.index, dtype=object)
    series = records[name].astype(object)
    return series.where(series.notna() & (series.astype(str).str.strip() != ""), None)


def standardise(records: pd.DataFrame, node_country: str | None = None) -> pd.DataFrame:
    """The table the linkage model reads: one row per input record, STANDARD_COLUMNS.

    records has record_id, given_name, family_name, sex, date_of_birth, nationality, phone
    (validated by seawall.linkage.records); record_id becomes unique_id.
    """
    given = _column(records, "given_name")
    family = _column(records, "family_name")
    pairs = pd.DataFrame({"g": given, "f": family})
    unique_pairs = pairs.drop_duplicates()
    name_rows = [_name_features(g, f) for g, f in zip(unique_pairs["g"], unique_pairs["f"])]
    names = pd.DataFrame(name_rows, index=unique_pairs.index, columns=[
        "given_std", "family_std", "given_canon", "given_first", "family_first",
        "family_tokens", "name_tokens", "name_key", "name_squash", "pair_key"])
    names = pd.concat([unique_pairs, names], axis=1)
    out = pairs.merge(names, on=["g", "f"], how="left", sort=False)
    out.index = records.index

    dob_raw = _column(records, "date_of_birth")
    dob_unique = dob_raw.dropna().unique()
    dob_map = {value: _dob_features(value) for value in dob_unique}
    dob_parts = [dob_map.get(value, (None, None, None, None)) if value is not None
                 else (None, None, None, None) for value in dob_raw]
    dob = pd.DataFrame(dob_parts, index=records.index,
                       columns=["dob", "dob_full", "dob_swapped", "dob_year"])

    nationality = _column(records, "nationality")
    phone_raw = _column(records, "phone")
    # Each distinct (phone, nationality) is read once. Per call, not in a process-wide
    # cache: a web process that checks registrations must not keep identities after.
    phone_map: dict[tuple[str, str | None], tuple[str | None, str | None]] = {}
    phones = []
    for p, n in zip(phone_raw, nationality):
        if p is None:
            phones.append((None, None))
            continue
        if (p, n) not in phone_map:
            phone_map[(p, n)] = normalise_phone(p, n, node_country)
        phones.append(phone_map[(p, n)])
    phone = pd.DataFrame(phones, index=records.index, columns=["phone_e164", "phone_tail"])

    table = pd.concat([out.drop(columns=["g", "f"]), dob, phone], axis=1)
    table["unique_id"] = records["record_id"].astype(str).to_numpy()
    table["sex"] = _column(records, "sex")
    table["nationality"] = nationality
    table["dob_year"] = table["dob_year"].astype("Int64")
    # Empty token lists stay lists (not None) so array functions see an empty array.
    for column in ("family_tokens", "name_tokens"):
        table[column] = [v if isinstance(v, list) else [] for v in table[column]]
    return table[STANDARD_COLUMNS].reset_index(drop=True)


def as_rows(table: pd.DataFrame) -> list[dict]:
    """Rows for the Python scorer, with every missing value as None (never NaN or NA)."""
    plain = table.astype(object)
    rows = plain.where(plain.notna(), None).to_dict("records")
    for row in rows:
        # A year read back as float (after a NaN) must compare equal to the int year.
        if row.get("dob_year") is not None:
            row["dob_year"] = int(row["dob_year"])
    return rows


def _blank(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def standardise_record(record: Mapping[str, object], node_country: str | None = None
                       ) -> dict[str, object]:
    """One record's standardised row (same values as standardise() gives), without pandas:
    the registration check standardises one record per keystroke-free submit."""
    given, family = _blank(record.get("given_name")), _blank(record.get("family_name"))
    names = dict(zip(["given_std", "family_std", "given_canon", "given_first", "family_first",
                      "family_tokens", "name_tokens", "name_key", "name_squash", "pair_key"],
                     _name_features(given, family)))
    dob, dob_full, dob_swapped, dob_year = _dob_features(_blank(record.get("date_of_birth")))
    nationality = _blank(record.get("nationality"))
    nationality = nationality.upper() if nationality else None
    phone = _blank(record.get("phone"))
    e164, tail = normalise_phone(phone, nationality, node_country) if phone else (None, None)
    sex = _blank(record.get("sex"))
    row = {"unique_id": _blank(record.get("record_id")), **names, "dob": dob,
           "dob_full": dob_full, "dob_swapped": dob_swapped, "dob_year": dob_year,
           "sex": sex.upper() if sex else None, "nationality": nationality,
           "phone_e164": e164, "phone_tail": tail}
    return {column: row[column] for column in STANDARD_COLUMNS}
