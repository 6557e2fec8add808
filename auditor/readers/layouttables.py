"""Tables a text export lines up with runs of spaces (pdftotext -layout, a report saved as
text), rebuilt as aligned grids by where each cell stands under the header.

    科目编码  科目名称                本年收入合计  财政拨款收入  上级补助收入  …    其他收入
              合计                        5,836.42      5,512.30                      274.12
    201       一般公共服务支出            4,778.74      4,504.62                      274.12

Blank cells leave no mark, so a figure's column is known only from its place on the line,
measured in display columns (a Chinese character is two). A figure belongs to the header
cell its span overlaps (amounts are set flush right, headers may be centred); a label to
the header cell it starts under. The table is rebuilt only when its header is one line
and every cell of every row falls under exactly one header cell, no two in one; otherwise
its lines stay text, read as before (no figure is put in a column by a guess).
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Cell, Grid, Location
from .lineruns import PAGE_MARK, line_runs

_GAP = re.compile(r" {2,}")
_LAYOUT = re.compile(r"\S {2,}\S")
# A ruled line (==== under a title, ---- under a header): drawing, never a row.
RULE_LINE = re.compile(r"^[-=─━_]{5,}$")
_FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$|^[—–-]{1,2}$")
_MIN_COLUMNS = 3
_MIN_ROWS = 2


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cells(line: str) -> list[tuple[str, int, int]]:
    """The line's cells (runs apart by two spaces or more) with their display spans."""
    line = line.replace("\u3000", "  ").rstrip()
    cells = []
    position = 0
    for part in _GAP.split(line):
        start = line.index(part, position) if part else position
        position = start + len(part)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            begin = _width(line[:start + lead])
            cells.append((part.strip(), begin, begin + _width(part.strip())))
    return cells


def _layout_row(line: str) -> bool:
    stripped = line.strip()
    return "\t" not in line and "|" not in stripped and bool(_LAYOUT.search(stripped)) \
        and not PAGE_MARK.match(stripped)


def _is_header(cells: list[tuple[str, int, int]]) -> bool:
    return len(cells) >= _MIN_COLUMNS and not any(_FIGURE.match(text) for text, _, _ in cells)


def _column_of(cell: tuple[str, int, int], header: list[tuple[str, int, int]]) -> int | None:
    text, start, end = cell
    if _FIGURE.match(text):
        overlapping = [k for k, (_, s, e) in enumerate(header) if start < e and s < end]
        if len(overlapping) == 1:
            return overlapping[0]
        if len(overlapping) > 1:
            # Flush right: the header cell whose right end is nearest, by a clear margin.
            ranked = sorted(overlapping, key=lambda k: abs(header[k][2] - end))
            if abs(header[ranked[1]][2] - end) - abs(header[ranked[0]][2] - end) >= 2:
                return ranked[0]
        return None
    # A label starts under its header cell (and may run on past it).
    under = [k for k, (_, s, e) in enumerate(header) if s - 1 <= start < e]
    return under[0] if len(under) == 1 else None


def _place(header: list[tuple[str, int, int]], rows: list[list[tuple[str, int, int]]]
           ) -> list[list[str]] | None:
    placed = []
    for cells in rows:
        texts = [""] * len(header)
        for cell in cells:
            column = _column_of(cell, header)
            if column is None or texts[column]:
                return None
            texts[column] = cell[0]
        placed.append(texts)
    return placed


def find_layout_tables(lines: list[str], path: str, taken: set[int]
                       ) -> dict[int, tuple[Grid, int]]:
    """Each run of lines lined up by spaces that opens with a one-line header and whose
    rows all place under it: line index of the header → its grid and the index after."""
    found: dict[int, tuple[Grid, int]] = {}
    runs = line_runs(lines, lambda k: k not in taken and (
        _layout_row(lines[k]) or bool(RULE_LINE.match(lines[k].strip()))))
    for i, j, page in runs:
        # Ruled lines (==== under the title, ---- under the header) draw, they hold nothing.
        numbered = [(k, _cells(lines[k])) for k in range(i, j) if not RULE_LINE.match(lines[k].strip())]
        starts = [n for n, (_, row) in enumerate(numbered) if _is_header(row)]
        if not starts:
            continue
        first = starts[0]
        header, body = numbered[first][1], [row for _, row in numbered[first + 1:]]
        if len(body) < _MIN_ROWS or not all(any(_FIGURE.match(t) for t, _, _ in row)
                                           for row in body[:1]):
            continue  # a second header line (小计 | 购置费 under 公务用车…): not placed
        placed = _place(header, body)
        if placed is None:
            continue
        grid_rows = []
        for r, texts in enumerate([[text for text, _, _ in header]] + placed):
            where = Location(path, None, None, numbered[first + r][0] + 1, page)
            grid_rows.append([Cell(text, r, c, where) for c, text in enumerate(texts)])
        start = numbered[first][0]
        found[start] = (Grid("", grid_rows, Location(path, None, None, start + 1, page)), j)
    return found
