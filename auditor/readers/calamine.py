"""Legacy and other workbooks (.xls/.xlsb/.ods) through python-calamine.

calamine gives values but no number formats, so a numeric cell shows as its value: its
precision is the digits stored, the nearest thing to what the author typed.
"""

from __future__ import annotations

from ..model import Cell, Document, Grid, Location
from . import column_letter
from .numfmt import render



def read(path: str) -> Document:
    from python_calamine import CalamineWorkbook

    from .xlsx import shown_text

    workbook = CalamineWorkbook.from_path(path)
    document = Document(path=path, format="xls")
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        rows = []
        for r, values in enumerate(sheet.to_python(skip_empty_area=False)):
            cells = []
            for c, value in enumerate(values):
                if isinstance(value, float):
                    text = render(value, None)
                else:
                    text = shown_text(value if value != "" else None, None)
                cells.append(Cell(text, r, c, Location(path, name, f"{column_letter(c)}{r + 1}")))
            rows.append(cells)
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        document.grids.append(Grid(name, rows, Location(path, name), merged))
    return document
