"""Statistics pages: the national dashboard, SDG 16.2.2 and the annual report, with downloads.

Who may see them is decided by policy.may_see_statistics alone. Everything that leaves the
screen (CSV, SVG, PNG, PDF, XLSX) goes through StatTable.publishable() at the chosen threshold
(never below 5), and each download leaves an EXPORT event in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seawall import policy
from seawall.audit import log
from seawall.indicators import definitions
from seawall.indicators.countries import country_name
from seawall.indicators.population import EDITION
from seawall.indicators.report import annual_report
from seawall.indicators.sdg_16_2_2 import publishable as sdg_publishable
from seawall.indicators.sdg_16_2_2 import sdg_16_2_2
from seawall.indicators.svg import render as render_svg
from seawall.reports import cells, dashboard, texts
from seawall.reports.options import Options, read_options
from seawall.reports.origin_map import render_map
from seawall.reports.source import NodeCounts, node_counts

View = Callable[..., HttpResponse]
MAP = "origin_map"  # the tile map of victims by country of origin (same data as by_origin)


def statistics_view(view: View) -> View:
    """Signed in, allowed by the policy, GET only."""
    @login_required
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policy.may_see_statistics(request.user):
            raise PermissionDenied("National statistics are for coordinators and analysts.")
        return view(request, *args, **kwargs)
    return wrapped


def _year(options: Options, node: NodeCounts) -> int | None:
    years = node.counts.years()
    return options.year if options.year is not None else (years[-1] if years else None)


def _suppression_note(options: Options) -> str:
    if options.exact:
        return (f"Exact counts are shown on this screen only. Every download still shows counts below "
                f"{options.threshold} as <{options.threshold}. Do not copy small exact counts into a publication.")
    return texts.suppression_text(options.threshold)


def _context(node: NodeCounts, options: Options, year: int | None, form: Any) -> dict[str, Any]:
    years = node.counts.years()
    return {"form": form, "options": options, "year": year, "years": years, "node": node,
            "node_country": settings.NODE_COUNTRY, "node_country_name": country_name(settings.NODE_COUNTRY),
            "suppression_note": _suppression_note(options), "query": options.query(year),
            "detection_rule": texts.detection_rule(), "victim_definition": definitions.VICTIM}


def _bad_options(request: HttpRequest, form: Any, template: str) -> HttpResponse:
    return render(request, template, {"form": form, "bad": True, "suppression_note": "",
                                      "victim_definition": definitions.VICTIM}, status=400)


def _download(request: HttpRequest, content: bytes | str, content_type: str, filename: str,
              detail: dict[str, Any]) -> HttpResponse:
    log.record(log.EXPORT, request=request, detail={"file": filename, **detail})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Dashboard ---

@statistics_view
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, options = read_options(request.GET)
    if options is None:
        return _bad_options(request, form, "reports/dashboard.html")
    node = node_counts()
    year = _year(options, node)
    report = annual_report(node.counts, year)
    headline = report.table("victims_identified").publishable(options.screen_threshold).iloc[0].to_dict()
    charts = []
    for chart in dashboard.dashboard_charts(node.counts, year):
        header, body = cells.rows(chart.table, options.screen_threshold)
        entry = {"name": chart.name, "title": chart.table.title, "definition": chart.table.definition,
                 "svg": render_svg(chart, options.screen_threshold), "header": header, "rows": body}
        if chart.name == "by_origin":  # the map first, then the same numbers as ranked bars
            charts.append(entry | {"name": MAP, "title": f"{chart.table.title}: map",
                                   "svg": render_map(chart, options.screen_threshold)})
        charts.append(entry)
    if options.exact:
        log.record(log.VIEW, request=request, detail={"statistics": "dashboard", "exact": True, "year": year})
    context = _context(node, options, year, form)
    context.update({"headline": {key: cells.cell(value, key) for key, value in headline.items()},
                    "total": cells.cell(node.counts.total) if node.counts.total >= options.screen_threshold
                    else f"<{options.screen_threshold}",
                    "charts": charts, "notes": report.notes})
    return render(request, "reports/dashboard.html", context)


@statistics_view
def chart_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in (*dashboard.CHART_NAMES, MAP) or fmt not in {"svg", "png", "csv"}:
        raise Http404("No such chart.")
    form, options = read_options(request.GET)
    if options is None:
        return HttpResponseBadRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()),
                                      content_type="text/plain; charset=utf-8")
    node = node_counts()
    year = _year(options, node)
    chart = dashboard.chart(node.counts, year, "by_origin" if name == MAP else name)
    threshold = options.threshold  # downloads are always suppressed, whatever the screen shows
    stem = f"seawall-{settings.NODE_COUNTRY.lower()}-{name}" + (f"-{year}" if year is not None else "")
    detail = {"what": "chart", "chart": name, "format": fmt, "year": year, "suppress_below": threshold}
    if fmt == "csv":
        data = chart.publishable(threshold).to_csv(index=False, lineterminator="\n")
        return _download(request, data, "text/csv; charset=utf-8", f"{stem}.csv", detail)
    svg = render_map(chart, threshold) if name == MAP else render_svg(chart, threshold)
    if fmt == "svg":
        return _download(request, svg, "image/svg+xml; charset=utf-8", f"{stem}.svg", detail)
    from seawall.reports.png import PngUnavailable, svg_to_png

    try:
        png = svg_to_png(svg)
    except PngUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return _download(request, png, "image/png", f"{stem}.png", detail)


# --- SDG 16.2.2 ---

def _sdg(node: NodeCounts, year: int | None, threshold: int) -> tuple[Any, Any]:
    result = sdg_16_2_2(node.counts, year)
    return result, sdg_publishable(result, threshold)


@statistics_view
def sdg_page(request: HttpRequest) -> HttpResponse:
    form, options = read_options(request.GET)
    if options is None:
        return _bad_options(request, form, "reports/sdg.html")
    node = node_counts()
    year = _year(options, node)
    result, table = _sdg(node, year, options.screen_threshold)
    no_population = int(result.table["population"].isna().sum())
    rows = [{"country": country_name(row.country_iso3), **row._asdict()} for row in table.itertuples(index=False)]
    if options.exact:
        log.record(log.VIEW, request=request, detail={"statistics": "sdg_16_2_2", "exact": True, "year": year})
    context = _context(node, options, year, form)
    context.update({"rows": rows, "notes": result.notes(), "no_population": no_population,
                    "definition": definitions.SDG_16_2_2, "population_edition": EDITION})
    return render(request, "reports/sdg.html", context)


@statistics_view
def sdg_csv(request: HttpRequest) -> HttpResponse:
    form, options = read_options(request.GET)
    if options is None:
        return HttpResponseBadRequest("bad options", content_type="text/plain; charset=utf-8")
    node = node_counts()
    year = _year(options, node)
    _, table = _sdg(node, year, options.threshold)
    name = f"seawall-{settings.NODE_COUNTRY.lower()}-sdg-16-2-2" + (f"-{year}" if year is not None else "")
    return _download(request, table.to_csv(index=False, lineterminator="\n"), "text/csv; charset=utf-8",
                     f"{name}.csv", {"what": "sdg_16_2_2", "year": year, "suppress_below": options.threshold,
                                     "rows": len(table)})


# --- Annual report ---

@statistics_view
def annual_page(request: HttpRequest) -> HttpResponse:
    form, options = read_options(request.GET)
    if options is None:
        return _bad_options(request, form, "reports/annual.html")
    node = node_counts()
    year = _year(options, node)
    report = annual_report(node.counts, year)
    tables = []
    for table in report.tables:
        header, body = cells.rows(table, options.screen_threshold)
        tables.append({"name": table.name, "title": table.title, "definition": table.definition,
                       "header": header, "rows": body})
    if options.exact:
        log.record(log.VIEW, request=request, detail={"statistics": "annual_report", "exact": True, "year": year})
    context = _context(node, options, year, form)
    context.update({"report": report, "tables": tables, "notes": report.notes,
                    "not_recorded": texts.not_recorded(report.not_recorded), "population_edition": EDITION})
    return render(request, "reports/annual.html", context)


def _report_charts(node: NodeCounts, year: int | None, threshold: int) -> list[tuple[str, bytes]]:
    """Charts for the PDF, when the server can draw PNGs; the tables carry the same numbers."""
    from seawall.reports.png import PngUnavailable, svg_to_png

    chosen = [dashboard.chart(node.counts, year, name) for name in ("trend", "by_form")]
    try:
        return [(chart.table.title, svg_to_png(render_svg(chart, threshold))) for chart in chosen]
    except PngUnavailable:
        return []


@statistics_view
def annual_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404("No such format.")
    form, options = read_options(request.GET)
    if options is None:
        return HttpResponseBadRequest("bad options", content_type="text/plain; charset=utf-8")
    node = node_counts()
    year = _year(options, node)
    report = annual_report(node.counts, year)
    label = f"{country_name(settings.NODE_COUNTRY)} ({settings.NODE_COUNTRY})"
    stem = f"seawall-{settings.NODE_COUNTRY.lower()}-annual-report" + (f"-{year}" if year is not None else "")
    detail = {"what": "annual_report", "format": fmt, "year": year, "suppress_below": options.threshold}
    if fmt == "pdf":
        from seawall.reports.pdf import report_pdf

        content = report_pdf(report, options.threshold, label, _report_charts(node, year, options.threshold))
        return _download(request, content, "application/pdf", f"{stem}.pdf", detail)
    from seawall.reports.xlsx import report_xlsx

    content = report_xlsx(report, options.threshold, label)
    return _download(request, content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"{stem}.xlsx", detail)


@statistics_view
def annual_table_csv(request: HttpRequest, name: str) -> HttpResponse:
    form, options = read_options(request.GET)
    if options is None:
        return HttpResponseBadRequest("bad options", content_type="text/plain; charset=utf-8")
    node = node_counts()
    year = _year(options, node)
    report = annual_report(node.counts, year)
    try:
        table = report.table(name)
    except KeyError:
        raise Http404("No such table.") from None
    stem = f"seawall-{settings.NODE_COUNTRY.lower()}-{name}" + (f"-{year}" if year is not None else "")
    data = table.publishable(options.threshold).to_csv(index=False, lineterminator="\n")
    return _download(request, data, "text/csv; charset=utf-8", f"{stem}.csv",
                     {"what": "annual_report_table", "table": name, "year": year, "suppress_below": options.threshold})

