"""Excel workbooks (.xlsx/.xlsm): values through python-calamine, shown text from the
number formats, merged ranges.

The file is opened once: a small one is read into memory and its bytes serve every step
(calamine reads the whole file into memory anyway). Before calamine sees it, the zip is
checked against the limits and every part unpacked once in bounded chunks (`container`);
that same pass scans each worksheet's XML for its cells' style indices, its used range
and its merged ranges (`ooxml`). The styles part and the workbook's index are parsed once
per distinct content: workbooks from one template share them byte for byte. A figure's
precision is in its format (0.9974 shown as `99.74%`), which calamine does not give, so
each numeric value is rendered through the format of its cell's style, as Excel shows it.
openpyxl is not imported on this path: it imports numpy when present, and its read-only
load took 3× as long (benchmarks/read_large.py --before).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import os
from typing import BinaryIO, Iterator, Sequence

from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Grid, Location, NumberCell, Places
from . import ReadError, column_letter, kind_term
from .container import check_declared, open_zip, read_part, verify
from .numfmt import render
from .textlimits import check_cells
from .textsheets import read_text_sheets
from .ooxml import SheetScan, SheetScanner, cell_formats, worksheet_parts


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


_RELS = "xl/_rels/workbook.xml.rels"


def column_letters(count: int) -> list[str]:
    return [column_letter(c) for c in range(count)]


# Every sheet's column letters, A, B, … as far as any sheet has asked: one table for all
# places (a places object per number format, each growing its own, made them again for
# every sheet and style).
_LETTERS: list[str] = []


def _letter(col: int) -> str:
    if col >= len(_LETTERS):
        _LETTERS.extend(column_letter(c) for c in range(len(_LETTERS), max(col + 1, 64)))
    return _LETTERS[col]


class _SheetPlaces(Places):
    """A worksheet's cells named `明细!B7` when a finding or a fact points at one, and
    its numbers of one number format shown as Excel shows them."""

    __slots__ = ("path", "sheet", "number_format")

    def __init__(self, path: str, sheet: str, number_format: str | None = None):
        self.path, self.sheet, self.number_format = path, sheet, number_format

    def render(self, value: object) -> str:
        return render(value, self.number_format)  # type: ignore[arg-type]

    def location(self, row: int, col: int) -> Location:
        letter = _LETTERS[col] if col < len(_LETTERS) else _letter(col)
        return Location(self.path, self.sheet, f"{letter}{row + 1}")


def _workbook_parts(source: BinaryIO, archive) -> tuple[list[tuple[str, str]], str]:
    """(name, part) of each worksheet, and the styles part, from the workbook's own index."""
    names = set(archive.namelist())
    kind = kind_term("xlsx")
    if "xl/workbook.xml" not in names:
        raise ReadError("read.corrupt", kind=kind, detail="no xl/workbook.xml")
    sheets, styles = worksheet_parts(read_part(source, archive, "xl/workbook.xml", kind),
                                     read_part(source, archive, _RELS, kind)
                                     if _RELS in names else None)
    return [(name, part) for name, part in sheets if part in names], styles


def _left(sheet) -> int:
    """The column of the first value in each row `iter_rows` gives. calamine (0.9) pads
    the rows above the used range but not the columns left of it; a row as wide as the
    sheet from column A is already padded."""
    start, end = sheet.start, sheet.end
    if not start or not end or sheet.width == end[1] + 1:
        return 0
    return start[1]


def _pad(rows: list[list[Cell]], places: Places) -> None:
    """A rectangle from A1, as a reader sees the sheet."""
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        if len(row) < width:
            row.extend(Cell("", r, c, None, places) for c in range(len(row), width))


def _cells(path: str, name: str, left: int, values_rows: list[list], scan: SheetScan,
           formats: Sequence[str]) -> list[list[Cell]]:
    """A sheet's cells from calamine's values; each row of values let go once made."""
    places = _SheetPlaces(path, name)
    # The numbers of one style share the places that render them; the sheet's strings
    # are kept once each (a large sheet repeats few).
    by_style: dict[int, _SheetPlaces] = {}
    strings: dict[str, str] = {}
    rows: list[list[Cell]] = []
    for r, values in enumerate(values_rows):
        values_rows[r] = None  # type: ignore[call-overload]
        styles = None  # the row's styles, looked up at its first number
        row = [Cell("", r, c, None, places) for c in range(left)]
        append = row.append
        for c, value in enumerate(values, start=left):
            value_type = type(value)
            if value_type is str:
                append(Cell(strings.setdefault(value, value), r, c, None, places)
                       if value else Cell("", r, c, None, places))
            elif value_type is float or value_type is int:  # not bool, whose type is its own
                if styles is None:
                    styles = scan.row(r) or {}
                style = styles.get(c, 0)
                styled = by_style.get(style)
                if styled is None:
                    styled = by_style[style] = _SheetPlaces(
                        path, name, formats[style] if style < len(formats) else "General")
                append(NumberCell(value, styled, r, c))
            else:
                text = shown_text(value, None)
                append(Cell(strings.setdefault(text, text), r, c, None, places))
        rows.append(row)
    _pad(rows, places)
    return rows


# A file up to this size is read into memory once, and its bytes serve the checks, the
# scan and calamine (which reads the whole file into memory anyway): one open and no
# seeks on disk. A larger one is read from the same open handle.
_IN_MEMORY = 8 << 20


def _source(handle: BinaryIO, size: int) -> BinaryIO:
    return io.BytesIO(handle.read()) if size <= _IN_MEMORY else handle


def read(path: str, limits: Limits = DEFAULT) -> Document:
    with open(path, "rb") as handle, _no_cycle_collection():
        return _read(path, _source(handle, os.fstat(handle.fileno()).st_size), limits)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a workbook is read. A large sheet makes a
    million cells, all kept (and the scan its match tuples, a chunk's at a time): every few
    thousand new objects the collector would walk the ones made so far, finding nothing to
    free. That walk was half the cost of making the cells. The read leaves almost no
    cycles to collect (44 objects, whatever the workbook's size), collected once it is
    enabled again."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read(path: str, source: BinaryIO, limits: Limits) -> Document:
    from python_calamine import CalamineWorkbook

    kind = kind_term("xlsx")
    with open_zip(source, kind) as archive:
        # The central directory first: a bomb is refused before anything is unpacked.
        # The workbook's index first, so that a refusal can name the sheet it is about.
        check_declared(archive, limits, kind, only={"xl/workbook.xml", _RELS}, source=source)
        sheets, styles_part = _workbook_parts(source, archive)
        by_part = {part: name for name, part in sheets}
        check_declared(archive, limits, kind, by_part, source=source)
        scanners = {part: SheetScanner() for _, part in sheets}
        styles_chunks: list[bytes] = []
        consumers = {part: scanner.feed for part, scanner in scanners.items()}
        consumers[styles_part] = styles_chunks.append
        verify(source, archive, limits, kind, consumers, by_part)
    formats = cell_formats(b"".join(styles_chunks))
    scans = {}
    for name, part in sheets:
        scan = scanners[part].close()
        check_cells(name, scan.rows, scan.cols, limits)
        scans[name] = scan
    # By content, not by extension: a .xls saved as .xlsx (or the reverse) is read as what it is.
    source.seek(0)
    workbook = CalamineWorkbook.from_filelike(source)
    del source
    # Every sheet's values first, and calamine's own copy of the workbook let go, before a
    # cell is made: its copy and the cells never stand in memory side by side.
    values_of = {}
    for name, _ in sheets:
        sheet = workbook.get_sheet_by_name(name)
        values_of[name] = (_left(sheet), list(sheet.iter_rows()))
        del sheet
    workbook.close()
    del workbook
    document = Document(path=path, format="xlsx")
    for name, _ in sheets:
        left, values_rows = values_of.pop(name)
        rows = _cells(path, name, left, values_rows, scans[name], formats)
        document.grids.append(Grid(name, rows, Location(path, name), scans[name].merged))
    return read_text_sheets(document)
