"""Standardisation of names, dates and phones: each rule of the region, directly."""

from __future__ import annotations

import pandas as pd

from seawall.linkage.standardise import (
    as_rows,
    clean_name,
    normalise_phone,
    standardise,
    standardise_record,
)


def test_names() -> None:
    assert clean_name("  NÚÑEZ-Peña ") == "nunez pena"
    assert clean_name("O'Neil") == "oneil"
    assert clean_name("") is None
    row = standardise_record({"given_name": "Pepe", "family_name": "González Pérez"})
    assert row["given_canon"] == "jose"
    assert row["name_key"] == "gonzalez jose perez"
    assert row["pair_key"] == "gonzalez|jose"
    swapped = standardise_record({"given_name": "González Pérez", "family_name": "José"})
    assert swapped["name_key"] == row["name_key"] and swapped["pair_key"] == row["pair_key"]


def test_dates() -> None:
    row = standardise_record({"date_of_birth": "1990-03-07"})
    assert (row["dob_full"], row["dob_swapped"], row["dob_year"]) == ("1990-03-07",
                                                                      "1990-07-03", 1990)
    year_only = standardise_record({"date_of_birth": "1990-01-01"})
    assert year_only["dob_full"] is None and year_only["dob_year"] == 1990
    assert standardise_record({"date_of_birth": "1990-03-25"})["dob_swapped"] is None


def test_phones() -> None:
    assert normalise_phone("(868) 291-1234", None, "TTO") == ("+18682911234", "2911234")
    assert normalise_phone("0412-1234567", "VEN", "TTO") == ("+584121234567", "1234567")
    # A Venezuelan's Trinidad number written locally: not valid in VEN, read in TTO.
    assert normalise_phone("868 291 1234", "VEN", "TTO")[0] == "+18682911234"
    assert normalise_phone("0058 412 1234567", None, None)[0] == "+584121234567"
    assert normalise_phone("12", None, "TTO") == (None, None)


def test_table_and_record_agree() -> None:
    records = pd.DataFrame([
        {"record_id": "1", "given_name": "Jean-Baptiste", "family_name": "Saint-Fleur",
         "sex": "M", "date_of_birth": "1988-11-02", "nationality": "HTI",
         "phone": "+509 34 10 1234"},
        {"record_id": "2", "given_name": "", "family_name": "", "sex": "",
         "date_of_birth": "", "nationality": "", "phone": ""},
    ])
    table = as_rows(standardise(records, "TTO"))
    for row, record in zip(table, records.to_dict("records")):
        assert row == standardise_record(record, "TTO")
