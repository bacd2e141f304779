"""A tile map of the Caribbean: victims by country of origin, one square per country or area.

A real choropleth needs boundary data (a download we do not ship); a tile map keeps the
region's shape well enough for a slide: each of the 32 Caribbean countries and areas the
indicators know (data/caribbean_countries.csv) sits at a hand-placed grid position roughly
west-to-east, north-to-south, shaded by its number of victims. Origins outside the region
are listed beside it. Drawn only from StatTable.publishable(): a suppressed count is a grey
"<N" tile, and so is a country with no victims (zero is suppressed too).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from seawall.indicators.charts import Chart
from seawall.indicators.countries import caribbean_countries, country_name

# (column, row) of each tile. Greater Antilles along the top, the Lesser Antilles down the
# right, the ABC islands in the south, the Guianas at the bottom, Belize and Cayman to the west.
POSITIONS: dict[str, tuple[int, int]] = {
    "BHS": (2, 0), "TCA": (4, 0), "BMU": (11, 0),
    "CUB": (1, 1), "HTI": (3, 1), "DOM": (4, 1), "PRI": (6, 1), "VIR": (7, 1), "VGB": (8, 1),
    "AIA": (9, 1), "MAF": (10, 1), "SXM": (11, 1),
    "CYM": (0, 2), "JAM": (2, 2), "BLM": (10, 2), "KNA": (11, 2),
    "BLZ": (0, 3), "MSR": (10, 3), "ATG": (11, 3),
    "GLP": (11, 4), "DMA": (11, 5), "MTQ": (11, 6), "LCA": (11, 7),
    "ABW": (5, 7), "CUW": (6, 7), "BES": (7, 7), "VCT": (10, 8), "BRB": (12, 8),
    "GRD": (10, 9), "TTO": (10, 10), "GUY": (10, 11), "SUR": (11, 11),
}
TILE, GAP, LEFT, TOP = 46, 4, 16, 48
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#1f5f8b", "#08306b")  # light to dark, last two take white text
SUPPRESSED_FILL = "#e5e5e5"
WIDTH = 940


def _value(cell: object) -> int | None:
    return None if isinstance(cell, str) else int(cell)  # type: ignore[call-overload]


def render_map(chart: Chart, threshold: int) -> str:
    """The SVG of `chart` (the by_origin chart: origin_iso3, origin, victims) as a tile map."""
    data = chart.publishable(threshold)
    counts = {str(code): cell for code, cell in zip(data["origin_iso3"], data["victims"], strict=True)}
    known = [v for v in (_value(c) for c in counts.values()) if v is not None]
    peak = max(known or [1])
    label = f"<{threshold}" if threshold else "0"
    codes = set(caribbean_countries()["iso3"]) & set(POSITIONS)
    parts = []
    for code in sorted(codes):
        column, row = POSITIONS[code]
        cell = counts.get(code, label)
        value = _value(cell)
        fill = SUPPRESSED_FILL if value is None else SHADES[min(len(SHADES) - 1, int(len(SHADES) * value / (peak + 1)))]
        ink = "#ffffff" if fill in SHADES[3:] else "#1b1b1b"
        x, y = LEFT + column * (TILE + GAP), TOP + row * (TILE + GAP)
        shown = str(cell) if value is None else f"{value:,}"
        parts.append(f'<g><title>{escape(f"{country_name(code)}: {shown}")}</title>'
                     f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{fill}" stroke="#8c8c8c" '
                     f'stroke-width="0.5"/>'
                     f'{_text(x + TILE / 2, y + 18, code, 11, ink, "label", "bold")}'
                     f'{_text(x + TILE / 2, y + 35, shown, 11, ink, "count")}</g>')
    height = TOP + 12 * (TILE + GAP) + 10
    # Origins outside the tiles (and Unknown), biggest first, as the CSV orders them.
    outside = data[~data["origin_iso3"].isin(list(codes))].head(14)
    side_x = LEFT + 13 * (TILE + GAP) + 10
    parts.append(_text(side_x, TOP + 10, "Origins outside the region", 12, "#1b1b1b", "label", "bold", "start"))
    for i, row in enumerate(outside.itertuples(index=False)):
        name = row.origin if row.origin_iso3 else "Unknown origin"
        cell = row.victims
        shown = str(cell) if isinstance(cell, str) else f"{int(cell):,}"
        y = TOP + 32 + i * 20
        parts.append(_text(side_x, y, name[:34], 11, "#1b1b1b", "label", "normal", "start"))
        parts.append(_text(WIDTH - 16, y, shown, 11, "#1b1b1b", "count", "normal", "end"))
    notes = [chart.table.definition, "Tiles are placed roughly by geography, not to scale."]
    if threshold:
        notes.append(f"Grey tiles: fewer than {threshold} victims (none included).")
    footer = "".join(_text(LEFT, height + 14 * i, note[:150], 10, "#555555", "label", "normal", "start")
                     for i, note in enumerate(notes))
    total_height = height + 14 * len(notes) + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total_height}" '
            f'viewBox="0 0 {WIDTH} {total_height}" role="img" aria-label={quoteattr(chart.table.title + " (map)")}>'
            f'<rect width="100%" height="100%" fill="white"/>'
            f'{_text(LEFT, 26, chart.table.title, 16, "#222222", "label", "bold", "start")}'
            f'{"".join(parts)}{footer}</svg>\n')


def _text(x: float, y: float, content: str, size: int, fill: str, role: str, weight: str = "normal",
          anchor: str = "middle") -> str:
    return (f'<text class="{role}" x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}" font-family="Helvetica, Arial, sans-serif">{escape(content)}</text>')

