"""The annual report as PDF, with ReportLab (BSD; 2 MB, needs only Pillow and charset-normalizer).

Chosen over fpdf2, which is as capable here but brings fontTools (30 MB installed) with it.
Everything printed comes from AnnualReport.to_dict(threshold) or StatTable.publishable(), so
the PDF hides exactly what the other exports hide. The standard PDF fonts (Helvetica) are
used so that no font file is needed; they cover Latin-1, and any other character is
transliterated (anyascii), e.g. the route arrow becomes "->".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from anyascii import anyascii

from seawall.indicators.report import AnnualReport
from seawall.indicators.tables import StatTable
from seawall.reports import cells, texts

INK = "#1b1b1b"
MUTED = "#555555"
HEAD_FILL = "#ebf0f5"


def latin1(text: str) -> str:
    text = text.replace("\u2192", "->")
    return "".join(ch if ord(ch) < 256 else anyascii(ch) for ch in text)


def report_pdf(report: AnnualReport, threshold: int, node: str, charts: Sequence[tuple[str, bytes]] = ()) -> bytes:
    """The report; `charts` are (title, PNG bytes) pairs drawn after the headline, if given."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    base = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=base["Title"], fontName="Helvetica-Bold", fontSize=16, alignment=0,
                           spaceAfter=4)
    heading = ParagraphStyle("heading", parent=base["Heading2"], fontName="Helvetica-Bold", fontSize=12,
                             spaceBefore=8, spaceAfter=2)
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=9, leading=11.5,
                          textColor=colors.HexColor(INK))
    note = ParagraphStyle("note", parent=body, fontSize=8, leading=10, textColor=colors.HexColor(MUTED))
    strong = ParagraphStyle("strong", parent=body, fontName="Helvetica-Bold")

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(latin1(text)), style)

    document = report.to_dict(threshold)
    story: list[object] = [
        para(f"{document['title']} - {node}", title),
        para(f"Source: {document['source']}. Produced {date.today().isoformat()} by Seawall.", note),
        para(texts.suppression_text(threshold), body),
        para(f"Victim: {document['victim_definition']}", note),
        para(texts.detection_rule(), note),
        para(f"Population: {document['population']}.", note),
        *[para(f"Note: {text}", body) for text in document["notes"]],
    ]
    width = A4[0] - 30 * mm
    for table in report.tables:
        story.extend(_table(table, threshold, width, para, heading, note, body, colors, Table, TableStyle,
                            KeepTogether))
        if table.name == "victims_identified":
            for chart_title, png in charts:
                image = Image(io.BytesIO(png), width=width * 0.85, height=width * 0.85 * 0.6, kind="proportional")
                image.hAlign = "LEFT"
                story.extend([Spacer(1, 3 * mm), para(chart_title, note), image])

    story.append(para("Not yet recorded", heading))
    for item in texts.not_recorded(report.not_recorded):
        story.append(para(item["title"], strong))
        story.append(para(item["why"] + (" " + item["needed"] if item["needed"] else ""), note))

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawCentredString(A4[0] / 2, 10 * mm, latin1(
            f"Seawall · {node} · annual trafficking report {report.year or ''} · page {doc.page}"))
        canvas.restoreState()

    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=latin1(document["title"]), author="Seawall",
                            creator="Seawall")
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _table(table: StatTable, threshold: int, width: float, para, heading, note, body, colors, Table,  # type: ignore[no-untyped-def]
           TableStyle, KeepTogether) -> list[object]:
    header, rows = cells.rows(table, threshold)
    head = [para(table.title, heading), para(table.definition, note)]
    if not rows:
        return [KeepTogether([*head, para("No victims in this table.", body)])]
    size = 7.5 if len(header) > 6 else 8.5
    numeric = [all(_numeric(row[i]) for row in rows) for i in range(len(header))]
    # Header cells are paragraphs so that a long label wraps instead of overflowing its column.
    header_style = body.clone("header", fontName="Helvetica-Bold", fontSize=size, leading=size + 1.5)
    grid = Table([[para(h, header_style) for h in header], *[[latin1(v) for v in row] for row in rows]], repeatRows=1,
                 hAlign="LEFT", colWidths=[width / len(header)] * len(header))
    style = [("FONT", (0, 1), (-1, -1), "Helvetica", size),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEAD_FILL)),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8c8c8")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    style += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i, is_number in enumerate(numeric) if is_number]
    grid.setStyle(TableStyle(style))
    # Title and the first rows stay on one page; a long table continues with its header row.
    return [KeepTogether([*head, grid])] if len(rows) <= 25 else [*head, grid]


def _numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace(".", "").replace("-", "").replace("<", "")
    return stripped.isdigit() or text == ""
