"""Chart data are tidy and add up; the SVG is well-formed and draws no suppressed value."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from seawall.indicators.charts import by_nationality, chart_tables, route_flows, trend_by_sex, trend_by_year
from seawall.indicators.ctdc import case_counts_from_ctdc
from seawall.indicators.svg import render
from seawall.indicators.tests.conftest import ctdc_frame, victim

SVG = "{http://www.w3.org/2000/svg}"


def counts():  # type: ignore[no-untyped-def]
    rows = [victim(year="2014", country="TT", citizenship="VE")] * 8
    rows += [victim(year="2016", country="TT", citizenship="VE")] * 12
    rows += [victim(year="2016", country="JM", citizenship="HT", gender="Male")] * 2
    return case_counts_from_ctdc(ctdc_frame(rows))


def test_trend_fills_years_without_victims():
    frame = trend_by_year(counts()).table.frame
    assert frame.to_dict("list") == {"year": [2014, 2015, 2016], "victims": [8, 0, 14]}
    by_sex = trend_by_sex(counts()).table.frame
    assert by_sex["victims"].sum() == 22 and set(by_sex["sex"]) == {"female", "male"}


def test_nationality_and_routes():
    nationality = by_nationality(counts(), 2016).table.frame
    assert nationality[["nationality_iso3", "victims"]].values.tolist() == [["VEN", 12], ["HTI", 2]]
    routes = route_flows(counts()).table.frame
    assert routes.iloc[0][["origin_iso3", "exploitation_iso3", "victims"]].tolist() == ["VEN", "TTO", 20]
    assert routes.iloc[1]["route"] == "Haiti \u2192 Jamaica"


def test_svg_is_well_formed_and_hides_small_cells():
    for chart in chart_tables(counts(), 2016):
        root = ET.fromstring(render(chart, threshold=5))
        assert root.tag == f"{SVG}svg"
        texts = [element.text or "" for element in root.iter(f"{SVG}text") if element.get("class") == "count"]
        assert "2" not in texts
        if chart.name == "by_nationality":
            assert texts == ["12", "<5"]
            assert len(list(root.iter(f"{SVG}rect"))) == 2  # background + one bar: the <5 bar is not drawn
