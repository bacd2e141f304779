"""The documented generalisation hierarchies and the packaged M49 table."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from seawall.release.hierarchy import ROOT, build_hierarchy, m49_regions


def _chain(hierarchy, value: str) -> list[str]:
    node = hierarchy.index[value]
    chain = [value]
    while node != 0:
        node = int(hierarchy.parent[node])
        chain.append(hierarchy.labels[node])
    return chain


def test_age_bands_widen_then_split_minor_adult() -> None:
    h = build_hierarchy("ageBroad", ["0--8", "9--17", "18--20", "30--38", "48+", "Unknown", ""])
    assert _chain(h, "9--17") == ["9--17", "0--17", ROOT]
    assert _chain(h, "18--20") == ["18--20", "18--26", "18+", ROOT]
    assert _chain(h, "30--38") == ["30--38", "27--38", "18+", ROOT]
    assert _chain(h, "48+") == ["48+", "39+", "18+", ROOT]
    assert _chain(h, "Unknown") == ["Unknown", ROOT]
    assert _chain(h, "") == ["", ROOT]


def test_years_go_to_pairs_then_decades() -> None:
    h = build_hierarchy("yearOfRegistration", ["2009", "2016", ""])
    assert _chain(h, "2016") == ["2016", "2016-2017", "2010-2019", ROOT]
    assert _chain(h, "2009") == ["2009", "2008-2009", "2000-2009", ROOT]


def test_countries_go_to_m49_subregion_then_region() -> None:
    h = build_hierarchy("citizenship", ["HT", "GY", "BZ", "PH", "MD", "Unknown", "Missing"])
    assert _chain(h, "HT") == ["HT", "Caribbean", "Americas", ROOT]
    assert _chain(h, "GY") == ["GY", "South America", "Americas", ROOT]
    assert _chain(h, "BZ") == ["BZ", "Central America", "Americas", ROOT]
    assert _chain(h, "PH") == ["PH", "South-eastern Asia", "Asia", ROOT]
    assert _chain(h, "MD") == ["MD", "Eastern Europe", "Europe", ROOT]
    assert _chain(h, "Missing") == ["Missing", ROOT]


def test_alpha3_countries_of_the_2024_schema() -> None:
    h = build_hierarchy("CountryOfExploitation", ["HTI", "TTO", "USA", ""])
    assert _chain(h, "TTO") == ["TTO", "Caribbean", "Americas", ROOT]
    assert _chain(h, "USA") == ["USA", "Northern America", "Americas", ROOT]


def test_flags_and_other_columns_go_straight_to_not_specified() -> None:
    h = build_hierarchy("isForcedLabour", ["0", "1", ""])
    assert h.kind == "flat"
    assert {tuple(_chain(h, v)) for v in ["0", "1", ""]} == {("0", ROOT), ("1", ROOT), ("", ROOT)}


def test_ncp_is_zero_for_values_and_one_for_the_root() -> None:
    h = build_hierarchy("citizenship", ["HT", "JM"])
    ncp = h.ncp()
    assert ncp[0] == 1.0
    assert ncp[h.index["HT"]] == 0.0
    assert 0 < ncp[h.index["Caribbean"]] < ncp[h.index["Americas"]] < 1
    assert np.all((ncp >= 0) & (ncp <= 1))


def test_packaged_m49_table_agrees_with_the_shared_caribbean_list(caribbean_file) -> None:
    regions = m49_regions()
    with open(caribbean_file, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 30
    for row in rows:
        assert regions[row["iso2"]].subregion == row["un_subregion"], row["iso2"]
        assert regions[row["iso3"]].subregion == row["un_subregion"], row["iso3"]


def test_every_ctdc_country_code_is_placed(ctdc_file) -> None:
    import pandas as pd

    frame = pd.read_csv(ctdc_file, dtype=str, keep_default_na=False)
    codes = set(frame.citizenship) | set(frame.CountryOfExploitation)
    unplaced = sorted(c for c in codes if c not in m49_regions())
    assert unplaced == ["Missing", "Unknown"]


@pytest.mark.parametrize("code", ["HT", "HTI", "JM", "JAM", "TT", "TTO"])
def test_caribbean_codes_in_both_forms(code: str) -> None:
    assert m49_regions()[code].region == "Americas"
