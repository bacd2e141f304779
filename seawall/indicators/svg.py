"""A small SVG writer for the indicator charts: columns, lines and ranked bars.

Written by hand because three chart shapes do not justify a plotting library in the default
install (matplotlib alone is larger than the rest of the indicators' dependencies). It draws
only what publishable() gives it, so a suppressed cell is labelled "<N" and never drawn.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from seawall.indicators.charts import Chart
from seawall.indicators.suppression import DEFAULT_THRESHOLD

WIDTH = 760
FONT = "font-family=\"Helvetica, Arial, sans-serif\""
COLOURS = ("#1f5f8b", "#d1495b", "#66a182", "#edae49", "#6c5b7b")
MAX_BARS = 15
NOTE_CHARS = 120  # characters per footnote line at 10 px


def render(chart: Chart, threshold: int = DEFAULT_THRESHOLD) -> str:
    data = chart.publishable(threshold)
    draw = {"columns": _columns, "lines": _lines, "bars": _bars}[chart.kind]
    body, height, footnote = draw(chart, data)
    notes = [chart.table.definition]
    if threshold:
        notes.append(f"Counts below {threshold} are shown as <{threshold} and not drawn.")
    if footnote:
        notes.append(footnote)
    wrapped = [line for note in notes for line in textwrap.wrap(note, NOTE_CHARS)]
    lines = "".join(_text(16, height + 14 * (i + 1), line, size=10, fill="#555")
                    for i, line in enumerate(wrapped))
    total_height = height + 14 * len(wrapped) + 12
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total_height}" '
            f'viewBox="0 0 {WIDTH} {total_height}" role="img" aria-label={quoteattr(chart.table.title)}>'
            f'<rect width="100%" height="100%" fill="white"/>'
            f'{_text(16, 26, chart.table.title, size=16, weight="bold")}{body}{lines}</svg>\n')


def _value(cell: object) -> float | None:
    return None if isinstance(cell, str) else float(cell)  # type: ignore[arg-type]


def _columns(chart: Chart, data: pd.DataFrame) -> tuple[str, int, str]:
    left, top, plot_w, plot_h = 60, 50, WIDTH - 90, 260
    values = [_value(v) for v in data["victims"]]
    peak = max([v for v in values if v is not None] or [1]) or 1
    step = plot_w / max(len(values), 1)
    parts = [_axis(left, top, plot_w, plot_h, peak)]
    for i, (x, v, raw) in enumerate(zip(data[chart.x], values, data["victims"], strict=True)):
        cx = left + i * step
        if v is None:
            parts.append(_text(cx + step / 2, top + plot_h - 4, str(raw), size=9, anchor="middle", role="count"))
        else:
            h = plot_h * v / peak
            parts.append(f'<rect x="{cx + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" width="{step * 0.7:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[0]}"><title>{escape(f"{x}: {int(v):,}")}</title></rect>')
        parts.append(_text(cx + step / 2, top + plot_h + 14, str(x), size=9, anchor="middle"))
    return "".join(parts), top + plot_h + 40, ""


def _lines(chart: Chart, data: pd.DataFrame) -> tuple[str, int, str]:
    left, top, plot_w, plot_h = 60, 50, WIDTH - 200, 260
    xs = sorted(data[chart.x].unique())
    values = [_value(v) for v in data["victims"]]
    peak = max([v for v in values if v is not None] or [1]) or 1
    step = plot_w / max(len(xs) - 1, 1)
    position = {x: left + i * step for i, x in enumerate(xs)}
    parts = [_axis(left, top, plot_w, plot_h, peak)]
    for k, (name, group) in enumerate(data.groupby(chart.series, sort=True)):
        colour = COLOURS[k % len(COLOURS)]
        segment: list[str] = []
        for x, cell in zip(group[chart.x], group["victims"], strict=True):
            v = _value(cell)
            if v is None:  # a suppressed point breaks the line rather than inventing a value
                parts.append(_polyline(segment, colour))
                segment = []
                continue
            segment.append(f"{position[x]:.1f},{top + plot_h - plot_h * v / peak:.1f}")
        parts.append(_polyline(segment, colour))
        parts.append(f'<rect x="{left + plot_w + 20}" y="{top + 18 * k}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(left + plot_w + 38, top + 18 * k + 10, str(name), size=11))
    for x in xs:
        parts.append(_text(position[x], top + plot_h + 14, str(x), size=9, anchor="middle"))
    return "".join(parts), top + plot_h + 40, ""


def _bars(chart: Chart, data: pd.DataFrame) -> tuple[str, int, str]:
    shown = data.head(MAX_BARS)
    left, top, bar_h, plot_w = 250, 46, 20, WIDTH - 340
    values = [_value(v) for v in shown["victims"]]
    peak = max([v for v in values if v is not None] or [1]) or 1
    parts = []
    for i, (label, v, raw) in enumerate(zip(shown[chart.x], values, shown["victims"], strict=True)):
        y = top + i * (bar_h + 6)
        parts.append(_text(left - 8, y + 14, _short(str(label) or "Unknown"), size=11, anchor="end"))
        width = 0.0 if v is None else plot_w * v / peak
        if width:
            parts.append(f'<rect x="{left}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{COLOURS[0]}"/>')
        shown_value = str(raw) if v is None else f"{int(v):,}"
        parts.append(_text(left + width + 6, y + 14, shown_value, size=11, role="count"))
    hidden = len(data) - len(shown)
    footnote = f"Top {MAX_BARS} of {len(data)} rows; the CSV has them all." if hidden > 0 else ""
    return "".join(parts), top + len(shown) * (bar_h + 6) + 20, footnote


def _axis(left: float, top: float, width: float, height: float, peak: float) -> str:
    parts = [f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#333"/>']
    for fraction in (0, 0.5, 1):
        y = top + height - height * fraction
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 6, y + 4, f"{peak * fraction:,.0f}", size=9, anchor="end", role="tick"))
    return "".join(parts)


def _polyline(points: list[str], colour: str) -> str:
    if not points:
        return ""
    dots = "".join(f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="2.5" fill="{colour}"/>' for p in points)
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>{dots}'


def _text(x: float, y: float, content: str, size: int = 12, anchor: str = "start",
          weight: str = "normal", fill: str = "#222", role: str = "label") -> str:
    # role "count" marks a number of victims, so a reader (or a test) can tell it from a tick.
    return (f'<text class="{role}" x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" {FONT}>{escape(content)}</text>')


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"
