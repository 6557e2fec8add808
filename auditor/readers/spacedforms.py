"""Forms a text extract flattened with one space between cells, rebuilt as aligned grids.

A 自评表 copied out of a PDF without its layout reads as lines of cells apart by single
spaces, blank cells lost, and a long last cell (偏差原因分析) there or not:

    一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
    产出指标 数量指标 建档率 ≥90% 92.3% 10 10
    老年人健康管理人数 ≥3200人 3418人 10 10
    高血压患者规范管理率 ≥60% 58.6% 10 8.5 受疫情影响随访减少
    总分 100 95.19

Each header line (short labels, no value) heads the rows below it. The row with the most
labels before its values says how many label columns there are; the row with the most
values, how many value columns (a text column such as 偏差原因分析 may follow). A row that
holds every value lost cells on its left only (一级/二级 labels typed once for the rows
below), and is placed so; the foot row holds only the totals, at the end of the values.
The grid is built only when every row can be placed so: a row short of a value that is
not the foot (which one is blank is a guess), values with a label between them (a
two-sided 收支总表), 科目 codes (a coded table, `texttables`), or columns lined up by runs
of spaces (positions say more) leave the lines as text.
"""

from __future__ import annotations

import re

from ..model import Cell, Grid, Location
from .lineruns import PAGE_MARK, line_runs

# A cell that holds a value: an amount, a score, a rate, a dash for none, or a target or
# an outcome (≥90%, 3418人, 2020年12月18日) — anything but a label.
_VALUE = re.compile(r"^(?:[-+−]?[\d.,]+%?|[—–-]{1,2}|[≥≤＞＜><≧≦]\S*|\d\S*)$")
_FIGURE = re.compile(r"^(?:[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[—–-]{1,2})$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a 科目编码: a coded table, not a form
_CLAUSE = re.compile(r"[，,。；;：:！？、]")
_LAYOUT = re.compile(r"\S {2,}\S")  # columns lined up by spaces: positions say more
_LABEL_LENGTH = 14  # a header cell's label: 偏差原因分析及改进措施 has 11 characters
_MIN_ROWS = 2


def _cells(line: str) -> list[str]:
    return line.replace("\u3000", " ").split()


def _is_header(cells: list[str]) -> bool:
    """Short labels, three or more, none a value, no sentence among them."""
    return len(cells) >= 3 and all(
        not _VALUE.match(c) and len(c) <= _LABEL_LENGTH and not _CLAUSE.search(c) for c in cells)


def _values(cells: list[str]) -> list[int]:
    """Positions of the row's values (its first cell is its label, whatever it reads)."""
    return [i for i, c in enumerate(cells) if i > 0 and _VALUE.match(c)]


def _figures(cells: list[str]) -> int:
    return sum(1 for i, c in enumerate(cells) if i > 0 and _FIGURE.match(c))


def _contiguous(positions: list[int]) -> bool:
    return bool(positions) and positions == list(range(positions[0], positions[-1] + 1))


def _place(block: list[list[str]]) -> list[list[str]] | None:
    """The block's rows placed under their headers (padded to one width), or None."""
    if any(_CODE.match(cells[0]) for cells in block):
        return None
    placed: list[list[str]] = []
    header: list[str] | None = None
    rows_of_header: list[int] = []

    def settle() -> bool:
        """Place the rows of the header just ended: the rows with the most labels before
        their values say how many label columns there are, the fullest rows how many
        value columns; a text column (偏差原因分析) may follow them."""
        if header is None or not rows_of_header:
            return True
        width = len(header)
        rows = [placed[r] for r in rows_of_header]
        if not all(_contiguous(_values(row)) for row in rows):
            return False  # a label between values: two halves side by side
        labels = max(_values(row)[0] for row in rows)
        count = max(len(_values(row)) for row in rows)
        if width - (labels + count) not in (0, 1):
            return False
        for r in rows_of_header:
            row, values = placed[r], _values(placed[r])
            if len(values) == count:
                # Every value there: the cells it lacks are labels typed once, above.
                shift = labels - values[0]
            elif r == len(block) - 1:
                shift = labels + count - 1 - values[-1]  # the foot: its totals at the end
            else:
                return False  # which value is blank is a guess
            if shift < 0 or len(row) + shift > width:
                return False
            placed[r] = [""] * shift + row
        return True

    for cells in block:
        has_values = bool(_values(cells))
        if not has_values and _is_header(cells) and not (
                header is not None and not rows_of_header and len(cells) < len(header)):
            # (a shorter label line right under a header is its second line: （万元） （A）)
            if not settle():
                return None
            header, rows_of_header = cells, []
            placed.append(cells)
            continue
        placed.append(cells)
        if has_values:
            if header is None:
                if _figures(cells):
                    return None  # figures before any header: nothing says their columns
                continue
            rows_of_header.append(len(placed) - 1)
    if not settle():
        return None
    width = max(len(row) for row in placed)
    return [row + [""] * (width - len(row)) for row in placed]


def _spaced_row(line: str) -> bool:
    return "\t" not in line and not _LAYOUT.search(line.strip()) and len(_cells(line)) >= 2 \
        and not PAGE_MARK.match(line.strip())


def find_forms(lines: list[str], path: str, taken: set[int]) -> dict[int, tuple[Grid, int]]:
    """Each run of spaced rows holding a header and rows placed under it: line index of its
    first line → its grid and the index after its last. `taken`: lines read otherwise."""
    found: dict[int, tuple[Grid, int]] = {}
    runs = line_runs(lines, lambda k: k not in taken and _spaced_row(lines[k]))
    for i, j, page in runs:
        block = [_cells(line) for line in lines[i:j]]
        data_rows = sum(1 for cells in block if _figures(cells) >= 2)
        if data_rows < _MIN_ROWS or not any(_is_header(cells) for cells in block):
            continue
        rows = _place(block)
        if rows is None:
            continue
        grid_rows = []
        for r, texts in enumerate(rows):
            where = Location(path, None, None, i + r + 1, page)
            grid_rows.append([Cell(text, r, c, where) for c, text in enumerate(texts)])
        found[i] = (Grid("", grid_rows, Location(path, None, None, i + 1, page)), j)
    return found
