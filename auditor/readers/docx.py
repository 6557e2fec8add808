"""Word documents (.docx): body paragraphs and tables in reading order, with locations.

Paragraphs: each non-empty body paragraph is a `Paragraph` whose `Location.line` is its
ordinal among the body's paragraphs (1-based, blank ones counted, table cells not), the
number a reader finds by counting paragraphs.

Tables: each is a `Grid` named `表N` (N counts tables from the start of the body) with
its cells at their grid positions, and its `Location.line` the ordinal of the paragraph
just before it (so that a title above it is read with it). python-docx repeats a merged cell's text in every grid
column it spans and every row it continues (so naive sums count it twice); here the XML is
walked instead: a cell spanning columns (`w:gridSpan`) or continuing a vertical merge
(`w:vMerge`) is blank at the positions it covers, and the range is listed in
`Grid.merged`, as a workbook reader does. A cell's `Location` names the table (`sheet`)
and the cell in A1 form (`cell`). Nested tables are read as text of their cell.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Cell, Document, Grid, Location, Paragraph
from ..limits import DEFAULT, Limits, megabytes
from . import ReadError, column_letter, kind_term
from .sniff import describe_failure
from .tablelines import mark
from .textlimits import check_cells, check_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"



def _text(element) -> str:
    """The text of a paragraph or a cell: runs, tabs and breaks, paragraphs on lines."""
    paragraphs = []
    for paragraph in element.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _attribute(element, path: str, name: str = "val") -> str | None:
    found = element.find(path)
    if found is None:
        return None
    return found.get(f"{_W}{name}")


def _table(element, number: int, path: str) -> Grid:
    name = f"表{number}"
    rows: list[list[Cell]] = []
    merged: list[list[int]] = []  # [r1, c1, r2, c2], extended as vertical merges continue
    open_vertical: dict[int, list[int]] = {}  # first column → the merge it continues
    for r, tr in enumerate(element.findall(f"{_W}tr")):
        row: list[Cell] = []
        col = int(_attribute(tr, f"{_W}trPr/{_W}gridBefore") or 0)
        for c in range(col):
            row.append(Cell("", r, c, Location(path, name, f"{column_letter(c)}{r + 1}")))
        for tc in tr.findall(f"{_W}tc"):
            span = int(_attribute(tc, f"{_W}tcPr/{_W}gridSpan") or 1)
            vmerge_element = tc.find(f"{_W}tcPr/{_W}vMerge")
            vmerge = None
            if vmerge_element is not None:
                vmerge = vmerge_element.get(f"{_W}val") or "continue"
            continuing = vmerge == "continue" and col in open_vertical
            text = "" if continuing else _text(tc).strip("\n")
            for offset in range(span):
                c = col + offset
                location = Location(path, name, f"{column_letter(c)}{r + 1}")
                row.append(Cell(text if offset == 0 else "", r, c, location))
            if continuing:
                open_vertical[col][2] = r
            else:
                open_vertical.pop(col, None)
                box = [r, col, r, col + span - 1]
                if vmerge == "restart":
                    open_vertical[col] = box
                if span > 1 or vmerge == "restart":
                    merged.append(box)
            col += span
        rows.append(row)
    ranges = [tuple(box) for box in merged if box[2] > box[0] or box[3] > box[1]]
    first = rows[0][0].location if rows and rows[0] else Location(path, name)
    return Grid(name, rows, Location(path, name, first.cell), merged=ranges)  # type: ignore[arg-type]


def read(path: str, limits: Limits = DEFAULT) -> Document:
    import docx  # python-docx; imported here, it costs ≈ 0.1 s

    from .container import check_declared, open_zip, verify

    kind = kind_term("docx")
    with open_zip(path, kind) as archive:
        # A document bomb is refused from the zip directory; a part lying about its size
        # is stopped while it is unpacked, before python-docx parses it.
        check_declared(archive, limits, kind)
        if "word/document.xml" not in archive.namelist():
            raise ReadError("read.wrong_format", kind=kind, actual=kind_term("zip"))
        verify(path, archive, limits, kind)
    try:
        word = docx.Document(path)
    except Exception as exc:  # not a Word document after all
        raise describe_failure(exc, "docx") from exc
    document = Document(path=path, format="docx")
    ordinal = 0
    tables = 0
    chars = 0
    for child in word.element.body.iterchildren():
        if child.tag == f"{_W}p":
            ordinal += 1
            if ordinal > limits.max_lines:
                raise ReadError("read.too_many_lines", lines=f"> {limits.max_lines:,}",
                                limit=f"{limits.max_lines:,}")
            text = _text(child).strip()
            if text:
                check_line(ordinal, text, limits)
                chars += len(text)
                document.paragraphs.extend(mark([Paragraph(text, Location(path, None, None, ordinal))]))
        elif child.tag == f"{_W}tbl":
            tables += 1
            grid = _table(child, tables, str(Path(path)))
            # Where it stands among the paragraphs (after the `ordinal`-th), so that a title
            # or a section above it is read as its own.
            grid.location = Location(grid.location.path, grid.location.sheet, grid.location.cell,
                                     ordinal or None)
            check_cells(grid.name, grid.height, max((len(r) for r in grid.rows), default=0),
                        limits)
            chars += sum(len(cell.text) for row in grid.rows for cell in row)
            document.grids.append(grid)
        if chars > limits.text_chars:
            raise ReadError("read.text_too_large", size=megabytes(chars),
                            limit=megabytes(limits.text_chars))
    if not document.paragraphs and not document.grids:
        raise ReadError("read.no_text")
    return document
