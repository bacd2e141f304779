"""SDG 16.2.2 against an independent computation written here with plain pandas group-bys.

The expected table is built row by row from the raw CTDC columns, by a different method from
the core (one group-by per sex x age x form cell instead of roll-ups over a reduced table),
and the denominators come from the shared original population file, not the shipped copy.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pycountry
import pytest

from seawall.cli import main
from seawall.indicators.ctdc import case_counts_from_ctdc, read_ctdc_counts
from seawall.indicators.sdg_16_2_2 import COLUMNS, sdg_16_2_2
from seawall.indicators.tests.conftest import ctdc_frame, victim, write_ctdc
from seawall.synth.ctdc import generate_ctdc_v1

Key = tuple[int, str, str, str, str]
CHILD = {"0--8", "9--17"}
ADULT = {"18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"}


def expected_rows(raw: pd.DataFrame, population_file: Path) -> dict[Key, tuple[int, int | None]]:
    """(year, iso3, sex, age, form) -> (victims, population) for every cell with victims > 0."""
    frame = raw.copy()
    frame["y"] = frame["yearOfRegistration"].astype(int)

    def alpha3(code: str) -> str | None:
        if code in ("", "Missing", "Unknown"):
            return None
        country = pycountry.countries.get(alpha_2=code)
        assert country is not None, code
        return str(country.alpha_3)

    frame["c"] = frame["CountryOfExploitation"].map(alpha3)
    frame = frame[frame["c"].notna()]
    frame["s"] = frame["gender"].map({"Female": "female", "Male": "male"})
    by_band = frame["ageBroad"].map(lambda b: "0-17" if b in CHILD else "18+" if b in ADULT else None)
    by_majority = frame["majorityStatus"].map({"Minor": "0-17", "Adult": "18+"})
    frame["a"] = by_band.fillna(by_majority)
    is_one = {name: frame[name] == "1" for name in
              ("isSexualExploit", "isForcedLabour", "isOtherExploit", "isForcedMarriage",
               "isForcedMilitary", "isOrganRemoval")}
    form_masks = {
        "total": pd.Series(True, index=frame.index),
        "sexual_exploitation": is_one["isSexualExploit"],
        "forced_labour": is_one["isForcedLabour"],
        "other": is_one["isOtherExploit"] | is_one["isForcedMarriage"] | is_one["isForcedMilitary"]
        | is_one["isOrganRemoval"],
    }
    population = pd.read_csv(population_file, keep_default_na=False, dtype={"iso3": str})
    population = population[population["year"].isin(set(frame["y"]))]
    denominators = {(r.iso3, r.year, r.sex, r.age_group): r.population for r in population.itertuples()}

    out: dict[Key, tuple[int, int | None]] = {}
    for form, form_mask in form_masks.items():
        for sex in ("total", "female", "male"):
            sex_mask = pd.Series(True, index=frame.index) if sex == "total" else frame["s"] == sex
            for age in ("total", "0-17", "18+"):
                age_mask = pd.Series(True, index=frame.index) if age == "total" else frame["a"] == age
                cell = frame[form_mask & sex_mask & age_mask]
                for (year, iso3), victims in cell.groupby(["y", "c"]).size().items():
                    if victims > 0:
                        denominator = denominators.get((iso3, year, sex, age))
                        out[(int(year), iso3, sex, age, form)] = (int(victims), denominator)
    return out


def assert_matches(out_csv: Path, expected: dict[Key, tuple[int, int | None]], threshold: int) -> int:
    with out_csv.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    got = {(int(r["year"]), r["country_iso3"], r["sex"], r["age_group"], r["form"]): r for r in rows}
    assert len(got) == len(rows), "duplicate rows"
    assert set(got) == set(expected)
    for key, (victims, population) in expected.items():
        row = got[key]
        assert row["population"] == ("" if population is None else str(population)), key
        if threshold and victims < threshold:
            assert (row["victims"], row["rate_per_100k"]) == (f"<{threshold}", ""), key
            continue
        assert row["victims"] == str(victims), key
        if population is None:
            assert row["rate_per_100k"] == "", key
        else:
            assert math.isclose(float(row["rate_per_100k"]), victims / population * 100_000, rel_tol=1e-5), key
    return len(rows)


@pytest.mark.slow
@pytest.mark.parametrize("threshold", [0, 5])
def test_real_ctdc_file_every_row_matches_independent_groupby(ctdc_file, population_file, tmp_path, threshold):
    out = tmp_path / "sdg.csv"
    assert main(["indicators", "sdg-16-2-2", "--input", str(ctdc_file), "--format", "ctdc",
                 "--suppress-below", str(threshold), "--out", str(out)]) == 0
    raw = pd.read_csv(ctdc_file, dtype=str, keep_default_na=False)
    rows = assert_matches(out, expected_rows(raw, population_file), threshold)
    assert rows > 1000  # the real file has 1,280 cells: a near-empty output must not pass


@pytest.mark.slow
def test_real_ctdc_file_one_year(ctdc_file, population_file, tmp_path):
    out = tmp_path / "sdg2016.csv"
    assert main(["indicators", "sdg-16-2-2", "--input", str(ctdc_file), "--year", "2016",
                 "--suppress-below", "0", "--out", str(out)]) == 0
    raw = pd.read_csv(ctdc_file, dtype=str, keep_default_na=False)
    expected = expected_rows(raw[raw["yearOfRegistration"] == "2016"], population_file)
    assert assert_matches(out, expected, 0) == len(expected) > 100


def test_synthetic_cases_match_independent_groupby(population_file, tmp_path):
    raw = generate_ctdc_v1(30_000, seed=7, progress=False)
    path = tmp_path / "synthetic.csv"
    raw.to_csv(path, index=False)
    out = tmp_path / "sdg.csv"
    assert main(["indicators", "sdg-16-2-2", "--input", str(path), "--suppress-below", "0", "--out", str(out)]) == 0
    assert assert_matches(out, expected_rows(raw, population_file), 0) > 100


def test_unknown_sex_and_age_count_only_in_totals():
    frame = ctdc_frame([
        victim(gender="Female", age="9--17", isSexualExploit="1"),
        victim(gender="Unknown", age="30--38", isForcedLabour="1"),
        victim(gender="Male", age="Unknown", majorityStatus="Unknown", isForcedLabour="1"),
        victim(gender="Male", age="", majorityStatus="Minor", isForcedLabour="1"),  # falls back to Minor
    ])
    table = sdg_16_2_2(case_counts_from_ctdc(frame)).table.set_index(["sex", "age_group", "form"])
    assert table.loc[("total", "total", "total"), "victims"] == 4
    assert table.loc[("male", "total", "total"), "victims"] == 2
    assert table.loc[("male", "0-17", "total"), "victims"] == 1
    assert table.loc[("total", "18+", "total"), "victims"] == 1  # only the unknown-sex adult
    assert table.loc[("total", "0-17", "total"), "victims"] == 2
    assert table.loc[("total", "total", "forced_labour"), "victims"] == 3
    assert not {"unknown"} & (set(table.index.get_level_values(0)) | set(table.index.get_level_values(1)))


def test_victim_with_several_forms_counts_once_in_total():
    frame = ctdc_frame([victim(isSexualExploit="1", isForcedLabour="1", isForcedMarriage="1")])
    table = sdg_16_2_2(case_counts_from_ctdc(frame)).table
    totals = table[(table["sex"] == "total") & (table["age_group"] == "total")].set_index("form")["victims"]
    assert totals.to_dict() == {"total": 1, "sexual_exploitation": 1, "forced_labour": 1, "other": 1}


def test_unknown_population_leaves_rate_empty():
    # Dominica has no sex/age split in WPP2019; 2035 is outside the shipped years; XK has no WPP row.
    frame = ctdc_frame([victim(country="DM", year="2016"), victim(country="TT", year="2035"),
                        victim(country="XK", year="2016")])
    table = sdg_16_2_2(case_counts_from_ctdc(frame)).table
    table = table.set_index(["country_iso3", "year", "sex", "age_group", "form"])
    assert table.loc[("DMA", 2016, "total", "total", "total"), "population"] > 0
    assert pd.isna(table.loc[("DMA", 2016, "female", "total", "total"), "population"])
    assert pd.isna(table.loc[("DMA", 2016, "female", "total", "total"), "rate_per_100k"])
    assert pd.isna(table.loc[("TTO", 2035, "total", "total", "total"), "rate_per_100k"])
    assert pd.isna(table.loc[("XKX", 2016, "total", "total", "total"), "population"])


def test_namibia_na_is_a_country_not_missing():
    frame = ctdc_frame([victim(country="NA"), victim(country="Missing"), victim(country="Unknown"), victim(country="")])
    result = sdg_16_2_2(case_counts_from_ctdc(frame))
    assert set(result.table["country_iso3"]) == {"NAM"}
    assert result.without_country == 3
    assert "3 victim(s) with unknown country" in result.notes()[0]


def test_year_with_no_data_writes_header_only(tmp_path, capsys):
    source = write_ctdc(tmp_path / "in.csv", [victim(year="2016")])
    out = tmp_path / "out.csv"
    assert main(["indicators", "sdg-16-2-2", "--input", str(source), "--year", "2019", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ",".join(COLUMNS) + "\n"
    assert "year 2019" in capsys.readouterr().err


def test_empty_input_writes_header_only(tmp_path, capsys):
    source = write_ctdc(tmp_path / "in.csv", [])
    out = tmp_path / "out.csv"
    assert main(["indicators", "sdg-16-2-2", "--input", str(source), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ",".join(COLUMNS) + "\n"
    assert "header only" in capsys.readouterr().err


@pytest.mark.slow
def test_counts_are_read_once_per_distinct_combination(ctdc_file):
    counts = read_ctdc_counts(ctdc_file)
    assert counts.total == 47_102 and counts.without_year == 0
    assert len(counts.frame) < 1_000  # reduced, not one row per victim
