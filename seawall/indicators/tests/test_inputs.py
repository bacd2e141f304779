"""Inputs: node-case tables as DataFrame, Arrow or DuckDB relation give the same counts; helpers."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from seawall.errors import InputError
from seawall.indicators.cases import (
    NodeCase, age_group_from_age, forms_from_htcds, node_cases_frame, sex_from_htcds,
)
from seawall.indicators.counts import SDG_DIMENSIONS
from seawall.indicators.ctdc import case_counts_from_ctdc
from seawall.indicators.node import case_counts_from_node_cases
from seawall.indicators.report import annual_report
from seawall.indicators.sdg_16_2_2 import sdg_16_2_2
from seawall.indicators.tests.conftest import ctdc_frame, victim


def cases() -> list[NodeCase]:
    out = [NodeCase(f"a{i}", 2023, "JAM", "female", "0-17", True, False, False, "JAM") for i in range(6)]
    out += [NodeCase(f"b{i}", 2023, "JAM", "male", "18+", False, True, True, "HTI") for i in range(5)]
    out += [NodeCase("c", 2023, "", "unknown", "unknown", False, False, False)]
    out += [NodeCase("d", 2023, "JAM", "male", "18+", False, True, False, trafficking_status="NotAVictimOfTrafficking")]
    return out


def test_dataframe_arrow_and_relation_give_the_same_counts():
    frame = node_cases_frame(cases())
    from_frame = case_counts_from_node_cases(frame)
    from_arrow = case_counts_from_node_cases(pa.Table.from_pandas(frame, preserve_index=False))
    with duckdb.connect() as connection:
        relation = connection.from_df(frame)
        from_relation = case_counts_from_node_cases(relation)
    for counts in (from_frame, from_arrow, from_relation):
        assert counts.total == 12 and counts.not_victims == 1
        assert counts.frame.equals(from_frame.frame)
    table = sdg_16_2_2(from_frame).table.set_index(["sex", "age_group", "form"])
    assert table.loc[("total", "total", "total"), "victims"] == 11  # the unknown-country case is out
    assert table.loc[("male", "18+", "other"), "victims"] == 5


def test_node_cases_need_their_columns():
    frame = node_cases_frame(cases()).drop(columns=["sex"])
    with pytest.raises(InputError, match="missing column\\(s\\) sex"):
        case_counts_from_node_cases(frame)


def test_node_case_country_must_be_iso():
    frame = node_cases_frame(cases())
    frame.loc[4, "nationality_iso3"] = "Haiti"
    with pytest.raises(InputError, match="row 6, nationality_iso3: 'Haiti' is not allowed"):
        case_counts_from_node_cases(frame)


def test_optional_columns_may_be_absent():
    frame = node_cases_frame(cases()).drop(columns=["identifying_agency", "data_source", "trafficking_status"])
    counts = case_counts_from_node_cases(frame)
    assert "identifying_agency" not in counts.recorded and counts.total == 13  # no status: all counted


def test_ctdc_in_memory_with_blank_year_and_missing_optional_columns():
    frame = ctdc_frame([victim(), victim(year=""), victim(year="-99")]).drop(columns=["majorityStatus", "Datasource"])
    counts = case_counts_from_ctdc(frame)
    assert (counts.total, counts.without_year) == (1, 2)
    assert "data_source" not in counts.recorded


def test_htcds_helpers():
    assert forms_from_htcds(["ForcedBegging", "Servitude"]) == {
        "form_sexual_exploitation": False, "form_forced_labour": True, "form_other": True}
    assert forms_from_htcds([]) == {"form_sexual_exploitation": False, "form_forced_labour": False, "form_other": False}
    assert [sex_from_htcds(g) for g in ("Feminine", "Masculine", "NonConforming", None)] == \
        ["female", "male", "unknown", "unknown"]
    assert [age_group_from_age(a) for a in (0, 17, 18, None)] == ["0-17", "0-17", "18+", "unknown"]


def test_grouping_by_the_sdg_dimensions_alone_gives_the_same_16_2_2():
    frame = node_cases_frame(cases())
    full = case_counts_from_node_cases(frame)
    narrow = case_counts_from_node_cases(frame, dimensions=SDG_DIMENSIONS)
    assert set(narrow.frame["nationality_iso3"]) == {""} and "HTI" in set(full.frame["nationality_iso3"])
    assert narrow.total == full.total == 12
    assert sdg_16_2_2(narrow).table.equals(sdg_16_2_2(full).table)
    ctdc = ctdc_frame([victim(citizenship=code) for code in ("JM", "HT", "VE", "VE")])
    assert sdg_16_2_2(case_counts_from_ctdc(ctdc, dimensions=SDG_DIMENSIONS)).table.equals(
        sdg_16_2_2(case_counts_from_ctdc(ctdc)).table)
    with pytest.raises(ValueError, match="the annual report needs case counts grouped by"):
        annual_report(narrow)
