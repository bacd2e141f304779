"""The shipped denominators: what PROVENANCE.md says they are, and equal to the shared original."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

import pandas as pd

from seawall.indicators.countries import caribbean_countries, iso3
from seawall.indicators.population import population_of, population_table

DATA = files("seawall.indicators").joinpath("data")


def test_checksum_and_shape_match_provenance():
    provenance = DATA.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    stated = re.search(r"this file's sha256 \| `([0-9a-f]{64})`", provenance)
    assert stated is not None
    assert hashlib.sha256(DATA.joinpath("population.csv").read_bytes()).hexdigest() == stated.group(1)
    table = population_table()
    assert list(table.columns) == ["iso3", "year", "sex", "age_group", "population"]
    assert (table["year"].min(), table["year"].max(), len(table), table["iso3"].nunique()) == (2000, 2030, 57_133, 235)


def test_same_values_as_the_shared_original(population_file):
    original = pd.read_csv(population_file, keep_default_na=False, dtype={"iso3": str})
    original = original[original["year"].between(2000, 2030)][["iso3", "year", "sex", "age_group", "population"]]
    assert original.reset_index(drop=True).equals(population_table().reset_index(drop=True))


def test_namibia_and_small_areas():
    assert population_of("NAM", 2016) is not None and iso3("NA") == "NAM"
    assert population_of("DMA", 2016) is not None and population_of("DMA", 2016, "female") is None
    assert population_of("GUY", 2019, "female") == 389_504  # PROVENANCE of the original, section 4
    assert population_of("GUY", 1999) is None


def test_caribbean_list():
    table = caribbean_countries()
    assert len(table) == 32 and {"JAM", "HTI", "GUY", "TTO"} <= set(table["iso3"])
