"""Which columns a release may contain and which are quasi-identifiers.

A release never carries a direct identifier: a file with a name, birth date, phone, e-mail,
address or document-number column is refused before anything else happens, so nobody can
"anonymise" a file that still names people. The default quasi-identifiers are the set that
CTDC's own public k-anonymous file satisfies (its PROVENANCE records the check).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from seawall.errors import InputError

# CTDC's quasi-identifiers: these fixed columns plus every is*, typeOfLabour* and typeOfSex*
# flag (isAbduction is one of the is* columns).
DEFAULT_FIXED_QUASI = ("yearOfRegistration", "Datasource", "gender", "ageBroad", "citizenship",
                       "CountryOfExploitation")
FLAG_PREFIXES = ("is", "typeOfLabour", "typeOfSex")

# Normalised (lower case, letters and digits only) fragments of identifying column names,
# including HTCDS person fields (prs_FirstName, prs_Birthdate, prs_MobilePhone, ...).
IDENTITY_FRAGMENTS = (
    "firstname", "secondname", "lastname", "surname", "fullname", "givenname", "familyname",
    "middlename", "maidenname", "alias", "nickname", "birthdate", "dateofbirth", "birthday",
    "phone", "mobile", "email", "street", "postalcode", "postcode", "zipcode", "address",
    "passport", "documentnumber", "docnumber", "nationalid", "idnumber", "identitycard",
    "socialsecurity", "taxid", "bankaccount", "iban", "licenceplate", "licenseplate",
    "socialmedia", "handle", "fingerprint", "biometric", "photo",
)
IDENTITY_EXACT = {"name", "names", "dob", "ssn", "nin", "tel", "cedula", "nid"}


def default_quasi(columns: Sequence[str]) -> list[str]:
    """CTDC's default quasi-identifiers that this table has, in the table's order."""
    fixed = set(DEFAULT_FIXED_QUASI)
    return [c for c in columns
            if c in fixed or (c.startswith(FLAG_PREFIXES) and _flag_name(c))]


def _flag_name(column: str) -> bool:
    # "is" must start a camel-case word (isForcedLabour), not any word beginning with "is".
    for prefix in FLAG_PREFIXES:
        rest = column[len(prefix):]
        if column.startswith(prefix) and rest[:1].isupper():
            return True
    return False


def identity_columns(columns: Sequence[str]) -> list[str]:
    found = []
    for column in columns:
        name = re.sub(r"[^a-z0-9]", "", column.lower())
        bare = re.sub(r"^(prs|per|vic|sus)", "", name)  # HTCDS table prefixes
        if name in IDENTITY_EXACT or bare in IDENTITY_EXACT or any(f in name for f in IDENTITY_FRAGMENTS):
            found.append(column)
    return found


def refuse_identity_columns(columns: Sequence[str]) -> None:
    found = identity_columns(columns)
    if found:
        raise InputError(
            f"identifying column(s) {', '.join(found)}: a release must not contain names, birth "
            "dates, phones, e-mails, addresses or document numbers; remove them first",
            field="header",
        )


def resolve_quasi(frame: pd.DataFrame, quasi: Sequence[str] | None) -> list[str]:
    """The quasi-identifiers to use: those given (each must be a column), else CTDC's default."""
    columns = list(frame.columns)
    if quasi is None:
        chosen = default_quasi(columns)
        if not chosen:
            raise InputError("none of CTDC's default quasi-identifiers is in this table; "
                             "name them with --quasi", field="--quasi")
        return chosen
    chosen = [q.strip() for q in quasi if q.strip()]
    if not chosen:
        raise InputError("no column named", field="--quasi")
    unknown = [q for q in chosen if q not in columns]
    if unknown:
        raise InputError(f"unknown column(s) {', '.join(unknown)}; the table has: "
                         f"{', '.join(columns)}", field="--quasi")
    duplicates = sorted({q for q in chosen if chosen.count(q) > 1})
    if duplicates:
        raise InputError(f"column(s) named twice: {', '.join(duplicates)}", field="--quasi")
    return chosen
