"""The dashboard and its chart downloads: content, suppression everywhere, empty node, empty year."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from seawall.audit.models import AuditEvent
from seawall.reports.dashboard import CHART_NAMES
from seawall.reports.tests.conftest import HIDDEN_AT_50, assert_counts_suppressed, standalone_numbers

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def _svg_texts(svg: bytes) -> tuple[list[str], list[str]]:
    """(every text and tooltip of the chart, the texts drawn as counts)."""
    root = ET.fromstring(svg)
    texts = [el.text or "" for el in root.iter() if el.tag in (f"{SVG}text", f"{SVG}title")]
    counts = [el.text or "" for el in root.iter(f"{SVG}text") if el.get("class") == "count"]
    return texts, counts


def test_dashboard_shows_counts_charts_definitions_and_the_suppression_note(mixed_node, client_for):
    page = client_for("coordinator").get("/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Victims identified in 2025" in html and ">106<" in html  # 62 + 37 + 7
    assert "counts below 5 are shown as &lt;5" in html and "every download" in html
    for name in CHART_NAMES:
        assert f'id="chart-{name}"' in html and f"/reports/charts/{name}.csv?year=2025&amp;suppress_below=5" in html
    assert html.count("<strong>Definition.</strong>") >= len(CHART_NAMES) + 1
    assert "Venezuela" in html and "Brazil" in html and "Brazil \u2192 Trinidad and Tobago" in html


def test_screen_hides_small_counts_by_default_and_shows_them_only_when_asked(mixed_node, client_for):
    client = client_for("analyst")
    hidden = client.get("/reports/", {"suppress_below": 50}).content.decode()
    assert not standalone_numbers(hidden) & set(HIDDEN_AT_50)
    assert "&lt;50" in hidden
    exact = client.get("/reports/", {"suppress_below": 50, "exact": 1}).content.decode()
    assert {37} <= standalone_numbers(exact)
    assert "Exact counts are shown on this screen only" in exact
    # Download links keep the threshold: the exact view never reaches a file.
    links = re.findall(r'href="(/reports/charts/[^"]+)"', exact)
    assert links and all("suppress_below=50" in link and "exact" not in link for link in links)
    views = [event for event in AuditEvent.objects.filter(action="view") if event.detail.get("exact")]
    assert len(views) == 1 and views[0].actor_username == "analyst"


@pytest.mark.parametrize("name", [*CHART_NAMES, "origin_map"])
def test_every_chart_csv_and_svg_is_suppressed(small_node, mixed_node, client_for, name):
    client = client_for("coordinator")
    for year in (2024, 2025):
        data = client.get(f"/reports/charts/{name}.csv", {"year": year})
        assert data.status_code == 200 and data["Content-Disposition"].startswith("attachment;")
        assert_counts_suppressed([row["victims"] for row in _csv(data)], 5)
        svg = client.get(f"/reports/charts/{name}.svg", {"year": year})
        assert svg["Content-Type"].startswith("image/svg+xml")
        texts, counts = _svg_texts(svg.content)
        assert_counts_suppressed(counts, 5)
    strict = client.get(f"/reports/charts/{name}.csv", {"year": 2025, "suppress_below": 50})
    assert_counts_suppressed([row["victims"] for row in _csv(strict)], 50)
    texts, counts = _svg_texts(client.get(f"/reports/charts/{name}.svg", {"year": 2025, "suppress_below": 50}).content)
    assert_counts_suppressed(counts, 50)
    assert not standalone_numbers(" ".join(texts)) & set(HIDDEN_AT_50)


def test_small_cells_read_as_less_than_the_threshold(small_node, client_for):
    rows = _csv(client_for("coordinator").get("/reports/charts/by_sex.csv", {"year": 2025}))
    assert {row["sex"]: row["victims"] for row in rows} == {"female": "9", "male": "<5", "unknown": "<5"}


def test_origin_map_has_a_tile_per_caribbean_country(mixed_node, client_for):
    from seawall.indicators.countries import caribbean_countries

    svg = client_for("coordinator").get("/reports/charts/origin_map.svg", {"year": 2025}).content
    root = ET.fromstring(svg)
    tiles = {el.text.split(":")[0] for el in root.iter(f"{SVG}title")}
    assert len(tiles) == len(caribbean_countries()) and "Guyana" in tiles and "Cuba" in tiles
    texts, counts = _svg_texts(svg)
    assert "Venezuela" in texts and "Brazil" in texts and "Unknown origin" in texts  # outside the region
    assert counts.count("<5") >= len(tiles) - 1  # no Caribbean origin here: every tile is "<5"
    assert "Tiles are placed roughly by geography, not to scale." in texts


def test_png_is_drawn_from_the_suppressed_svg(mixed_node, client_for, monkeypatch):
    from seawall.reports import png

    drawn: list[str] = []
    real = png.svg_to_png
    monkeypatch.setattr(png, "svg_to_png", lambda svg: drawn.append(svg) or real(svg))
    response = client_for("coordinator").get("/reports/charts/by_sex.png", {"year": 2025, "suppress_below": 50})
    if response.status_code == 503:
        pytest.skip(response.content.decode())  # no font on this machine: refused, never unlabeled
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG\r\n\x1a\n")
    texts, counts = _svg_texts(drawn[0].encode())
    assert "<50" in counts and not standalone_numbers(" ".join(texts)) & set(HIDDEN_AT_50)


def test_png_without_a_font_is_refused_with_a_reason(mixed_node, client_for, monkeypatch):
    from seawall.reports import png

    monkeypatch.setattr(png, "fonts_available", lambda: False)
    response = client_for("coordinator").get("/reports/charts/trend.png")
    assert response.status_code == 503 and b"font" in response.content


def test_downloads_are_recorded_as_exports(mixed_node, client_for):
    client_for("analyst").get("/reports/charts/routes.csv", {"year": 2025})
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.actor_username == "analyst" and event.reason == "reports:chart"
    assert event.detail["chart"] == "routes"
    assert event.detail["format"] == "csv" and event.detail["suppress_below"] == 5 and event.detail["year"] == 2025


def test_empty_node_says_so(db, users, client_for):
    page = client_for("coordinator").get("/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="empty-node"' in html and "No victims are recorded in this node yet" in html
    data = client_for("coordinator").get("/reports/charts/trend.csv")
    assert data.status_code == 200 and data.content.decode().strip() == "year,victims"


def test_a_year_without_data_says_so(mixed_node, client_for):
    html = client_for("coordinator").get("/reports/", {"year": 2019}).content.decode()
    assert 'id="empty-year"' in html and "No victims were identified in 2019" in html
    assert "2024–2025" in html


@pytest.mark.parametrize("query", [{"suppress_below": 2}, {"suppress_below": 0}, {"suppress_below": "x"},
                                   {"year": 1800}])
def test_bad_options_are_refused_clearly(mixed_node, client_for, query):
    client = client_for("coordinator")
    page = client.get("/reports/", query)
    assert page.status_code == 400 and 'role="alert"' in page.content.decode()
    assert client.get("/reports/charts/trend.csv", query).status_code == 400


def test_unknown_chart_or_format_is_404(mixed_node, client_for):
    client = client_for("coordinator")
    assert client.get("/reports/charts/nope.csv").status_code == 404
    assert client.get("/reports/charts/trend.gif").status_code == 404


def test_new_cases_show_at_once_despite_the_cache(add_cases, client_for):
    client = client_for("coordinator")
    add_cases(30)
    assert ">30<" in client.get("/reports/").content.decode()
    add_cases(12)
    assert ">42<" in client.get("/reports/").content.decode()
