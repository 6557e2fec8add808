"""Legacy and other workbooks (.xls/.xlsb/.ods) through python-calamine.

calamine gives values but no number formats, so a numeric cell shows as its value: its
precision is the digits stored, the nearest thing to what the author typed. The zip
containers (.xlsb, .ods) are checked against the limits before calamine unpacks them;
a sheet's used range is checked before its cells are turned into Python objects.
"""

from __future__ import annotations

from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Grid, Location
from . import column_letter, kind_term
from .numfmt import render
from .textlimits import check_cells
from .textsheets import read_text_sheets

_ZIP = b"PK\x03\x04"


def _check_container(path: str, limits: Limits) -> None:
    from .container import check_declared, open_zip, verify

    with open(path, "rb") as handle:
        if handle.read(4) != _ZIP:
            return
    kind = kind_term("xlsb" if path.lower().endswith(".xlsb") else "ods")
    with open_zip(path, kind) as archive:
        check_declared(archive, limits, kind)
        verify(path, archive, limits, kind)


def read(path: str, limits: Limits = DEFAULT) -> Document:
    from python_calamine import CalamineWorkbook

    from .xlsx import shown_text

    _check_container(path, limits)
    # By content, not by extension: a .xls saved as .xlsx (or the reverse) is read as what it is.
    with open(path, "rb") as handle:
        workbook = CalamineWorkbook.from_filelike(handle)
    document = Document(path=path, format="xls")
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        end = sheet.end
        if end:
            check_cells(name, end[0] + 1, end[1] + 1, limits)
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
    return read_text_sheets(document)
