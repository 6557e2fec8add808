"""Plain-text inputs (.txt/.md) as users export them, with line numbers.

Three shapes occur and may mix in one file:
- Word's text export: a table cell per line, each starting with a tab, a cell's further
  lines without one, rows separated by blank lines (a blank line may also fall inside a
  cell: "\\t年度\\n\\n指标值\\n\\t实际" is one cell `年度\\n\\n指标值`);
- Markdown pipe tables (`| 项目 | 金额 |`);
- prose, one paragraph per line (PDF text extracts mark pages with `=== page N ===`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Cell, Document, Grid, Location, Paragraph
from .textenc import decode

_PAGE = re.compile(r"^=+\s*page\s+(\d+)\s*=+$", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}")
# A line that starts a new section cannot continue a table cell across a blank line.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                      r"第[一二三四五六七八九十\d]+部分|附件|附表|\d+[.、．](?!\d))")


class _TableBuilder:
    def __init__(self, path: str, number: int, page: int | None):
        self.path = path
        self.number = number
        self.page = page
        self.rows: list[list[Cell]] = []
        self.row: list[Cell] = []
        self.cell_lines: list[str] | None = None
        self.cell_line = 0

    def start_cell(self, text: str, line: int) -> None:
        self.end_cell()
        self.cell_lines = [text]
        self.cell_line = line

    def continue_cell(self, text: str) -> None:
        assert self.cell_lines is not None
        self.cell_lines.append(text)

    def end_cell(self) -> None:
        if self.cell_lines is None:
            return
        location = Location(self.path, None, None, self.cell_line, self.page)
        self.row.append(Cell("\n".join(self.cell_lines).rstrip("\n"), len(self.rows),
                             len(self.row), location))
        self.cell_lines = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row:
            self.rows.append(self.row)
        self.row = []

    def grid(self) -> Grid | None:
        self.end_row()
        if not self.rows:
            return None
        first = self.rows[0][0].location
        return Grid(f"表{self.number}", self.rows, Location(self.path, None, None, first.line,
                                                          first.page), aligned=False)


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def parse_text(text: str, path: str) -> Document:
    document = Document(path=path, format="txt")
    lines = text.splitlines()
    page: int | None = None
    table: _TableBuilder | None = None
    tables = 0

    def close_table() -> None:
        nonlocal table
        if table is not None:
            grid = table.grid()
            if grid is not None:
                document.grids.append(grid)
        table = None

    def new_table() -> _TableBuilder:
        nonlocal tables
        tables += 1
        return _TableBuilder(path, tables, page)

    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        page_match = _PAGE.match(raw.strip())
        if page_match:
            close_table()
            page = int(page_match.group(1))
            i += 1
            continue
        if raw.startswith("\t"):
            if table is None or table.page != page:
                close_table()
                table = new_table()
            table.start_cell(raw[1:].strip(" "), number)
        elif raw.lstrip().startswith("|") and raw.rstrip().endswith("|"):
            if _PIPE_RULE.match(raw.strip()):
                i += 1
                continue
            if table is None:
                table = new_table()
            table.end_row()
            for cell_text in _pipe_cells(raw):
                table.start_cell(cell_text, number)
            table.end_row()
        elif not raw.strip():
            if table is not None and table.cell_lines is not None:
                # Look past the blank lines: a short run of text followed by a tab line
                # is the rest of the cell (a blank paragraph inside a Word table cell).
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if (j + 1 < len(lines) and not lines[j].startswith("\t")
                        and lines[j + 1].startswith("\t") and not _HEADING.match(lines[j])
                        and not _PAGE.match(lines[j].strip())):
                    table.continue_cell("")
                    table.continue_cell(lines[j].strip())
                    i = j + 1
                    continue
                table.end_row()
            elif table is not None:
                table.end_row()
        else:
            if table is not None and table.cell_lines is not None:
                table.continue_cell(raw.strip())
            else:
                close_table()
                location = Location(path, None, None, number, page)
                document.paragraphs.append(Paragraph(raw.strip(), location))
        i += 1
    close_table()
    return document


def read(path: str) -> Document:
    text = decode(Path(path).read_bytes())
    document = parse_text(text, path)
    if not document.grids and not any(p.text for p in document.paragraphs):
        from . import ReadError

        raise ReadError("文件没有文字内容 (no text)")
    return document
