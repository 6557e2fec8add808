"""The .xlsx reader as it was before calamine (openpyxl read-only), kept as the reference
the calamine reader is compared with (tests/test_xlsx_reader.py).

Excel workbooks (.xlsx/.xlsm): shown text from number formats, merged ranges.

Values and number formats come from openpyxl in read-only mode (a figure's precision is
in its format: 0.9974 shown as `99.74%`); merged ranges from python-calamine, because
openpyxl's full load spends most of its time styling merged cells (LIBRARIES.md).
"""

from __future__ import annotations

import datetime as dt
import zipfile

from auditor.model import Cell, Document, Grid, Location
from auditor.readers import ReadError
from auditor.readers.numfmt import render


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


def _merged_ranges(path: str) -> dict[str, list[tuple[int, int, int, int]]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
        ranges = {}
        for name in workbook.sheet_names:
            merged = workbook.get_sheet_by_name(name).merged_cell_ranges or []
            ranges[name] = [(a[0], a[1], b[0], b[1]) for a, b in merged]
        return ranges
    except Exception:  # merges only help carry labels down; a file calamine rejects
        return {}      # is still read, just without them


def column_letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(c + 1) for c in range(count)]


def read(path: str) -> Document:
    import openpyxl  # imported here: a run on text files should not pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ReadError("read.corrupt", detail=type(exc).__name__) from exc
    merged = _merged_ranges(path)
    document = Document(path=path, format="xlsx")
    letters: list[str] = []
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # a stale <dimension> tag must not truncate the sheet
            rows: list[list[Cell]] = []
            for r, row in enumerate(sheet.iter_rows()):
                if len(row) > len(letters):
                    letters = column_letters(len(row))
                rows.append([
                    Cell(shown_text(cell.value, getattr(cell, "number_format", None)), r, c,
                         Location(path, sheet.title, f"{letters[c]}{r + 1}"))
                    for c, cell in enumerate(row)])
            # Read-only rows stop at their last written cell; a reader sees a rectangle.
            width = max((len(row) for row in rows), default=0)
            if len(letters) < width:
                letters = column_letters(width)
            for r, row in enumerate(rows):
                row.extend(Cell("", r, c, Location(path, sheet.title, f"{letters[c]}{r + 1}"))
                           for c in range(len(row), width))
            document.grids.append(Grid(sheet.title, rows, Location(path, sheet.title),
                                       merged.get(sheet.title, [])))
    finally:
        workbook.close()
    return document
