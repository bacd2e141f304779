"""Reading and checking the input of `seawall link dedupe` before any work is done.

INPUT columns: record_id, source, given_name, family_name, sex, date_of_birth, nationality,
phone (extra columns are ignored). Rows are numbered as in a spreadsheet: the header is
row 1, the first record row 2. The first problem stops the run with a message naming the
row and column, and says how many other rows have the same problem.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from seawall.errors import InputError

INPUT_COLUMNS = ("record_id", "source", "given_name", "family_name", "sex", "date_of_birth",
                 "nationality", "phone")


@cache
def _alpha3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def read_input(path: str | Path) -> pd.DataFrame:
    """The CSV as text columns (empty cells stay empty strings), checked."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{file} does not exist or is not a file")
    try:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{file} is not UTF-8 text") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{file} is not a readable CSV file: {error}") from None
    return check_records(frame)


def _stop(frame: pd.DataFrame, bad: pd.Series, column: str, problem: str) -> None:
    """Raise for the first row where bad holds, naming row, column and the value."""
    if not bad.any():
        return
    positions = bad.to_numpy().nonzero()[0]
    first = int(positions[0])
    value = frame[column].iloc[first]
    more = len(positions) - 1
    tail = f" ({more} more row{'s' if more > 1 else ''} with this problem)" if more else ""
    raise InputError(f"{value!r} {problem}{tail}", row=first + 2, field=column)


def check_records(frame: pd.DataFrame) -> pd.DataFrame:
    """Validated copy with the input columns only: sex and nationality upper-cased,
    surrounding spaces removed. Raises InputError on the first malformed row."""
    missing = [column for column in INPUT_COLUMNS if column not in frame.columns]
    if missing:
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)}; INPUT needs {','.join(INPUT_COLUMNS)}",
                         row=1)
    records = frame[list(INPUT_COLUMNS)].astype(str).apply(lambda c: c.str.strip())
    records = records.reset_index(drop=True)

    _stop(records, records["record_id"] == "", "record_id", "is empty; every record needs "
          "a record_id")
    duplicated = records["record_id"].duplicated(keep="first")
    if duplicated.any():
        row = int(duplicated.to_numpy().nonzero()[0][0])
        value = records["record_id"].iloc[row]
        first = int((records["record_id"] == value).to_numpy().nonzero()[0][0])
        raise InputError(f"{value!r} is a duplicate record_id (first used in row {first + 2})",
                         row=row + 2, field="record_id")

    records["sex"] = records["sex"].str.upper()
    _stop(records, ~records["sex"].isin(["F", "M", ""]), "sex", "is not F, M or empty")

    dob = records["date_of_birth"]
    given = dob != ""
    shaped = dob.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    parsed = pd.to_datetime(dob.where(given & shaped), format="%Y-%m-%d", errors="coerce")
    bad_date = given & (~shaped | parsed.isna())
    _stop(records, bad_date, "date_of_birth", "is not a date written yyyy-mm-dd")
    years = parsed.dt.year
    _stop(records, given & ((years < 1900) | (parsed > pd.Timestamp.now())), "date_of_birth",
          "is before 1900 or in the future")

    records["nationality"] = records["nationality"].str.upper()
    known = records["nationality"].isin(_alpha3_codes()) | (records["nationality"] == "")
    _stop(records, ~known, "nationality", "is not an ISO 3166 alpha-3 country code (e.g. VEN)")
    return records


def check_country(code: str | None) -> str | None:
    """The node's country (alpha-3) for reading local phone numbers, or None."""
    if not code:
        return None
    value = code.strip().upper()
    if value not in _alpha3_codes():
        raise InputError(f"{code!r} is not an ISO 3166 alpha-3 country code", field="--country")
    return value
