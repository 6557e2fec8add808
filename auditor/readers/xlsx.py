"""Excel workbooks (.xlsx/.xlsm) through openpyxl: shown text, number formats, merges.

openpyxl is used rather than calamine because a figure's precision is in its number format
(0.9974 shown as `99.74%`), which calamine does not expose.
"""

from __future__ import annotations

import datetime as dt
import zipfile

from ..model import Cell, Document, Grid, Location
from . import ReadError
from .numfmt import render


def shown_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return render(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read(path: str) -> Document:
    import openpyxl  # imported here: a run on text files should not pay for it
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ReadError(f"工作簿已损坏或不是 Excel 文件 ({type(exc).__name__})") from exc
    document = Document(path=path, format="xlsx")
    letters: dict[int, str] = {}
    for sheet in workbook.worksheets:
        rows: list[list[Cell]] = []
        for r, row in enumerate(sheet.iter_rows(), start=0):
            cells = []
            for c, xl_cell in enumerate(row):
                letter = letters.get(c) or letters.setdefault(c, get_column_letter(c + 1))
                text = shown_text(getattr(xl_cell, "value", None),
                                  getattr(xl_cell, "number_format", None))
                cells.append(Cell(text, r, c, Location(path, sheet.title, f"{letter}{r + 1}")))
            rows.append(cells)
        merged = [(rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
                  for rng in sheet.merged_cells.ranges]
        document.grids.append(Grid(sheet.title, rows, Location(path, sheet.title), merged))
    workbook.close()
    return document
