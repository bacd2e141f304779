"""The annual report as PDF, with fpdf2 (LGPL-3.0, pure Python).

Everything printed comes from AnnualReport.to_dict(threshold) or StatTable.publishable(), so
the PDF hides exactly what the other exports hide. The standard PDF fonts (Helvetica) are
used so that no font file is needed; they cover Latin-1, and any other character is
transliterated (anyascii), e.g. the route arrow becomes "->".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from anyascii import anyascii

from seawall.indicators.report import AnnualReport
from seawall.indicators.tables import StatTable
from seawall.reports import cells, texts

MARGIN = 15
INK = (27, 27, 27)
MUTED = (85, 85, 85)
HEAD_FILL = (235, 240, 245)


def latin1(text: str) -> str:
    text = text.replace("\u2192", "->")
    return "".join(ch if ord(ch) < 256 else anyascii(ch) for ch in text)


def report_pdf(report: AnnualReport, threshold: int, node: str, charts: Sequence[tuple[str, bytes]] = ()) -> bytes:
    """The report; `charts` are (title, PNG bytes) pairs drawn after the headline, if given."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.set_text_color(*MUTED)
            self.cell(0, 6, latin1(f"Seawall · {node} · annual trafficking report {report.year or ''} · "
                                   f"page {self.page_no()}/{{nb}}"), align="C")

    document = report.to_dict(threshold)
    pdf = Document(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(latin1(document["title"]))
    pdf.set_creator("Seawall")
    pdf.alias_nb_pages()
    pdf.add_page()

    def heading(text: str, size: int) -> None:
        pdf.set_text_color(*INK)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def paragraph(text: str, size: int = 9, colour: tuple[int, int, int] = INK) -> None:
        pdf.set_text_color(*colour)
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    heading(f"{document['title']} - {node}", 16)
    paragraph(f"Source: {document['source']}. Produced {date.today().isoformat()} by Seawall.", 9, MUTED)
    paragraph(document["suppression"]["definition"], 9)
    paragraph(f"Victim: {document['victim_definition']}", 8, MUTED)
    paragraph(texts.detection_rule(), 8, MUTED)
    paragraph(f"Population: {document['population']}.", 8, MUTED)
    for note in document["notes"]:
        paragraph(f"Note: {note}", 9)

    for table in report.tables:
        if table.name == "victims_identified" and charts:
            _table(pdf, FontFace, table, threshold, heading, paragraph)
            for title, png in charts:
                pdf.set_font("Helvetica", "B", 10)
                pdf.image(io.BytesIO(png), w=pdf.epw * 0.9, alt_text=latin1(title))
                pdf.ln(2)
            continue
        _table(pdf, FontFace, table, threshold, heading, paragraph)

    heading("Not yet recorded", 12)
    for item in texts.not_recorded(report.not_recorded):
        pdf.set_font("Helvetica", "B", 9)
        pdf.multi_cell(0, 4.5, latin1(item["title"]), new_x="LMARGIN", new_y="NEXT")
        paragraph(item["why"] + (" " + item["needed"] if item["needed"] else ""), 8, MUTED)
    return bytes(pdf.output())


def _table(pdf, FontFace, table: StatTable, threshold: int, heading, paragraph) -> None:  # type: ignore[no-untyped-def]
    header, body = cells.rows(table, threshold)
    if pdf.will_page_break(40):
        pdf.add_page()
    heading(table.title, 12)
    paragraph(table.definition, 8, MUTED)
    if not body:
        paragraph("No victims in this table.", 9)
        return
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", size=8 if len(header) > 6 else 9)
    style = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    numeric = [all(_numeric(row[i]) for row in body) for i in range(len(header))]
    with pdf.table(headings_style=style, line_height=4.5, text_align=["RIGHT" if n else "LEFT" for n in numeric],
                   borders_layout="HORIZONTAL_LINES") as grid:
        head = grid.row()
        for title in header:
            head.cell(latin1(title))
        for row in body:
            line = grid.row()
            for value in row:
                line.cell(latin1(value))
    pdf.ln(3)


def _numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace(".", "").replace("-", "").replace("<", "")
    return stripped.isdigit() or text == ""
