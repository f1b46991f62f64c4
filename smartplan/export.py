"""`smartplan export`: a checked plan's sheets written as one XLSX workbook or one CSV file per sheet.

XLSX is written with XlsxWriter: it writes only (nothing of a workbook is read back at run time), has no
dependencies, writes text cells as text whatever they start with (`write_string`), and makes the same bytes
for the same input once the document's date is fixed: its zip entries carry a fixed 1980 date when it writes
in memory. (openpyxl reads and writes, stamps the current time into the file, and is used by the tests to read
the workbook back.) CSV is UTF-8 with a byte-order mark, so that Excel opens Indonesian text correctly, with
CRLF line ends (RFC 4180); a percentage is written `55%`, which spreadsheets read as the number 0.55.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime, time

from smartplan.context import View
from smartplan.sheets import Cell, Percent, Sheet, workbook

FORMATS = ("xlsx", "csv")
# What a spreadsheet would run as a formula, or as a DDE command, if a text cell started with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_WIDEST = 60  # characters: a long name wraps no further than this


def files(view: View, name: str, format: str) -> dict[str, bytes]:
    """A checked plan's sheets as files: `name`.xlsx, or one CSV file per sheet."""
    sheets = workbook(view)
    if format == "xlsx":
        return {f"{name}.xlsx": xlsx_bytes(sheets, view.plan.document.title, created(view))}
    return {f"{sheet.name}.csv": csv_bytes(sheet) for sheet in sheets}


def created(view: View) -> datetime:
    """The workbook's date: SOURCE_DATE_EPOCH if set, else the plan document's own date; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(view.plan.document.date, time(0), UTC)


def inert(text: str) -> str:
    """CSV text that no spreadsheet runs as a formula: a leading apostrophe before =, +, -, @, tab or CR (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return inert(cell)
    if isinstance(cell, Percent):  # as a spreadsheet writes it, and reads it back as the number 0.55
        return f"{round(cell * 100, 9):g}%"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return repr(cell) if isinstance(cell, float) else str(cell)


def csv_bytes(sheet: Sheet) -> bytes:
    """One sheet as CSV: a header row of column names, then the rows."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([c.name for c in sheet.columns])
    writer.writerows([_csv_cell(cell) for cell in row] for row in sheet.rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[Sheet], title: str, when: datetime) -> bytes:
    """The sheets as an XLSX workbook: typed cells with number formats, frozen header rows, fitted columns."""
    import xlsxwriter

    buffer = io.BytesIO()
    # Nothing is guessed from text: a text that looks like a number, formula or link stays text.
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": title, "created": when, "author": "smartplan"})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": True, "valign": "top"})
    formats = {
        "rupiah": book.add_format({"num_format": '"Rp"#,##0'}),
        "integer": book.add_format({"num_format": "0"}),
        "number": book.add_format({"num_format": "General"}),
        "text": None,
    }
    percent = book.add_format({"num_format": "0%"}), book.add_format({"num_format": "0.0#%"})
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        page.freeze_panes(1, 0)
        for col, column in enumerate(sheet.columns):
            page.write_string(0, col, column.name, header)
        for number, row in enumerate(sheet.rows, start=1):
            for col, cell in enumerate(row):
                if isinstance(cell, str):
                    page.write_string(number, col, cell)
                elif isinstance(cell, Percent):
                    page.write_number(number, col, cell, percent[not round(cell * 100, 9).is_integer()])
                elif cell is not None:
                    page.write_number(number, col, cell, formats[sheet.columns[col].kind])
        for col, column in enumerate(sheet.columns):
            page.set_column(col, col, _width(column.name, column.kind, [row[col] for row in sheet.rows]))
        if sheet.rows:
            page.autofilter(0, 0, len(sheet.rows), len(sheet.columns) - 1)
    book.close()
    return buffer.getvalue()


def _width(name: str, kind: str, cells: list[Cell]) -> int:
    """A column as wide as its longest value (Rupiah with its separators), within reason."""
    longest = max((len(f"Rp{c:,}") if kind == "rupiah" else len(str(c)) for c in cells if c is not None), default=0)
    return min(max(len(name) + 2, longest + 2, 8), _WIDEST)
