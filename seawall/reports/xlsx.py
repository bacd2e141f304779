"""The annual report as an Excel workbook (openpyxl): a cover sheet, then one sheet per table.

Values are the suppressed ones (StatTable.publishable): numbers stay numbers so a coordinator
can chart them, and a suppressed cell is the text "<N".
"""

from __future__ import annotations

import io
import math
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from seawall.indicators.report import AnnualReport
from seawall.reports import cells, texts

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
MUTED = Font(italic=True, color="555555")
HEAD_FILL = PatternFill("solid", fgColor="EBF0F5")
WRAP = Alignment(wrap_text=True, vertical="top")


def _value(value: object) -> object:
    """A plain Excel value: numpy numbers as Python numbers, missing as empty."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()  # type: ignore[union-attr]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def report_xlsx(report: AnnualReport, threshold: int, node: str) -> bytes:
    document = report.to_dict(threshold)
    book = Workbook()
    cover = book.active
    cover.title = "Report"
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 100
    cover.append([f"{document['title']} - {node}"])
    cover["A1"].font = TITLE
    lines = [("Source", document["source"]), ("Produced", f"{date.today().isoformat()} by Seawall"),
             ("Small cells", texts.suppression_text(threshold)), ("Victim", document["victim_definition"]),
             ("Country of detection", texts.detection_rule()), ("Population", document["population"])]
    lines += [("Note", note) for note in document["notes"]]
    lines.append(("", ""))
    lines.append(("Sheet", "What it holds"))
    lines += [(table.name[:31], f"{table.title}. {table.definition}") for table in report.tables]
    lines.append(("", ""))
    lines += [(f"Not yet recorded: {item['title']}", f"{item['why']} {item['needed']}".strip())
              for item in texts.not_recorded(report.not_recorded)]
    for key, text in lines:
        cover.append([key, text])
        cover.cell(cover.max_row, 1).font = BOLD
        cover.cell(cover.max_row, 2).alignment = WRAP

    for table in report.tables:
        sheet = book.create_sheet(table.name[:31])
        frame = table.publishable(threshold)
        sheet.append([table.title])
        sheet["A1"].font = TITLE
        sheet.append([table.definition])
        sheet["A2"].font = MUTED
        sheet.append([cells.label(str(column)) for column in frame.columns])
        for cell in sheet[3]:
            cell.font, cell.fill = BOLD, HEAD_FILL
        for row in frame.itertuples(index=False):
            sheet.append([_value(value) for value in row])
        for index, column in enumerate(frame.columns, start=1):
            letter = sheet.cell(3, index).column_letter
            sheet.column_dimensions[letter].width = max(12, min(40, len(cells.label(str(column))) + 4))
        sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
