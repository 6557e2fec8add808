"""Plain-text inputs (.txt/.md) as users export them, with line numbers.

Three shapes occur and may mix in one file:
- Word's text export: a table cell per line, each starting with a tab, a cell's further
  lines without one, rows separated by blank lines (a blank line may also fall inside a
  cell: "\\t年度\\n\\n指标值\\n\\t实际" is one cell `年度\\n\\n指标值`);
- Markdown pipe tables (`| 项目 | 金额 |`);
- tab-separated rows, a row a line (`收入\t100\t支出\t90`, blank cells kept: `\t\t教育支出\t50`):
  a run of two or more is a grid, aligned when its rows are of one length, else a form
  whose merged cells were dropped (with the `项目名称：…` head lines just above as its first
  rows); a run whose shorter rows hold a blank between filled cells is a sheet copied
  out with its blank cells kept (aligned) when every figure stands under a header's
  text, and otherwise tabs lining text up by eye (it stays text);
- prose: a paragraph per line in a Word export; in a PDF text extract sentences wrap
  across lines (and pages, marked `=== page N ===`).

Wrapped lines are joined back into paragraphs: a line continues the one before it when
that one stops mid-sentence (no `。；：！？` at its end), is not a heading or a title, and the
line itself does not open a heading or a numbered item, and neither is a row of a table
flattened to text. Tables a PDF text extract flattened (a row per line, blank cells lost)
are found first (`texttables`): those whose every row lets its figures be placed become
grids; the others stay lines, each a row of its own (never joined into a sentence). A
paragraph keeps the line (and page) where each of its source lines starts, so a figure
found in it is located on the line where it stands.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..model import Cell, Document, Grid, Location, Paragraph
from ..limits import DEFAULT, Limits
from .textenc import decode
from .lineruns import line_runs
from .wrapping import joiner
from .layouttables import find_layout_tables
from .spacedforms import find_forms
from .tablelines import DIGIT_GROUP, mark
from .texttables import _UNIT_LINE, find_regions, spaced
from .textlimits import check_size, check_text

_PAGE = re.compile(r"^=+\s*page\s+(\d+)\s*=+$", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_GRID_RULE = re.compile(r"^\+[-=:+]{3,}\+$")
# A line that starts a new section cannot continue a table cell across a blank line.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                      r"第[一二三四五六七八九十\d]+部分|附件|附表|\d+[.、．](?!\d))")
# Openers of a new paragraph in prose: headings, numbered or bulleted items.
_OPENER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                     r"第[一二三四五六七八九十\d]+[部章节条]|附件|附表|\d{1,2}[、.．](?!\d)|"
                     r"[①-⑳]|[·•●◆■□▪\-－—]\s|目\s*录)")
_TERMINAL = tuple("。！？；：!?;:")
_SENTENCE_END = tuple("。！？!?")
# `（项）` at the head of a line is the end of a 功能分类 name cut by the layout.
_CLASSIFIED = re.compile(r"^[（(](?:类|款|项)[)）]")
_CLAUSE = re.compile(r"[，,；;。、！？]")


def _has_clause(text: str) -> bool:
    """Clause punctuation in the text (a comma grouping digits, as in 2,940.05, is not)."""
    return bool(_CLAUSE.search(DIGIT_GROUP.sub("", text)))
_NUMBER_TOKEN = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?%?$")


def _is_table_row(line: str) -> bool:
    """A table row flattened to text: several figures apart, no sentence punctuation."""
    if _has_clause(_body(line)):
        return False
    tokens = line.split()
    figures = 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _NUMBER_TOKEN.match(token) and not following.startswith(("年", "月", "日")):
            figures += 1
    return figures >= 2


def _body(line: str) -> str:
    """The line without the heading or item marker that opens it (`二、`, `（一）`)."""
    match = _OPENER.match(line)
    return line[match.end():] if match else line


def _display_width(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _stands_alone(line: str) -> bool:
    """A heading or a title: a line that ends its paragraph even without punctuation."""
    if _has_clause(_body(line)):
        return False
    return bool(_OPENER.match(line)) or _display_width(line) < 40 or _is_table_row(line)


def continues(previous: str, line: str, width: int | None = None) -> bool:
    """Whether `line` carries on the paragraph whose last source line is `previous`.

    `width` is the width at which the text wraps (None when it does not): a line that
    fills it was wrapped, even when it opens like a heading (`1、……（款）`).
    """
    previous, line = previous.strip(), line.strip()
    if not previous or not line or previous.endswith(_SENTENCE_END):
        return False
    if _OPENER.match(line) or _PAGE.match(line) or _is_table_row(line):
        return False
    full = width is not None and _display_width(previous) >= width * 0.85 \
        and not _is_table_row(previous)
    if previous.endswith(_TERMINAL):
        # `；` and `：` end a line of a Word export; a wrapped line may end with them too.
        return full
    if full or _CLASSIFIED.match(line):
        return True
    return not _stands_alone(previous)


def _wrap_widths(lines: list[str]) -> dict[int | None, int | None]:
    """The width at which each page's prose wraps, learnt from its lines cut mid-sentence.

    Lines that hold clause punctuation but do not end a sentence were cut by the layout;
    they run to the right margin. A page with too few of them takes the document's
    width; a text with too few (a Word export, one paragraph per line) has none.
    """
    cut: dict[int | None, list[int]] = {}
    page: int | None = None
    prose = 0
    for raw in lines:
        match = _PAGE.match(raw.strip())
        if match:
            page = int(match.group(1))
            continue
        line = raw.strip()
        if raw.startswith("\t") or not line or line.startswith("|"):
            continue
        if not _has_clause(_body(line)[:-1]) or _is_table_row(line):
            continue
        prose += 1  # a line of sentences
        if not line.endswith(_TERMINAL):
            cut.setdefault(page, []).append(_display_width(line))
    if sum(len(widths) for widths in cut.values()) < max(5, prose * 3 // 10):
        return {"*": None}  # type: ignore[dict-item]

    def typical(widths: list[int]) -> int:
        top = sorted(widths, reverse=True)[:3]
        return top[len(top) // 2]

    every = [w for widths in cut.values() for w in widths]
    overall = typical(every) if len(every) >= 5 else None
    return {page: typical(widths) if len(widths) >= 3 else overall
            for page, widths in cut.items()} | {"*": overall}  # type: ignore[dict-item]


def _join(text: str, line: str) -> str:
    return text + joiner(text, line) + line


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


def _bare_pipe_rows(lines: list[str]) -> set[int]:
    """Rows of a pipe table written without its outer pipes (`收入项目|金额|支出项目|金额`):
    two or more lines in a run, each with the same number of pipes (two or more)."""
    counts = [line.count("|") if not line.lstrip().startswith("|") else 0 for line in lines]
    rows: set[int] = set()
    for i, count in enumerate(counts):
        if count >= 2 and ((i > 0 and counts[i - 1] == count)
                           or (i + 1 < len(counts) and counts[i + 1] == count)):
            rows.add(i)
    return rows


_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")  # left in by Word's text export
_FIGURE_CELL = re.compile(r"^[-+−]?(?:[\d,]+(?:\.\d+)?|\.\d+)%?$")


def _is_tab_row(line: str) -> bool:
    """A row with its cells apart by tabs on one line (`收入\t100\t支出\t90`, and a row
    whose left cells are blank: `\t\t卫生健康支出\t402.66`); not a line of Word's export,
    which holds one cell after its leading tab."""
    body = line[1:] if line.startswith("\t") else line
    return "\t" in body.rstrip() and bool(body.strip())


_FIELD_SPLIT = re.compile(r"(?:\s{2,}|\u3000+)")
_FIELD_LINE = re.compile(r"^[^:：\s]{2,8}[:：]")
_NOT_FIELD = re.compile(r"[。；;，,！？]")


def _field_cells(line: str) -> list[str] | None:
    """A form's head line above its table (`项目名称：某项目`, `主管部门：甲　　实施单位：乙`)
    as its cells, label and value apart; None for any other line (a unit line `单位：万元`
    is the table's, read with its title)."""
    text = line.strip()
    if not _FIELD_LINE.match(text) or _NOT_FIELD.search(text) or len(text) > 80 \
            or _UNIT_LINE.match(text):
        return None
    cells: list[str] = []
    for field in _FIELD_SPLIT.split(text):
        parts = re.split(r"[:：]", field, maxsplit=1)
        if len(parts) != 2 or not 2 <= len(parts[0]) <= 8:
            return None
        cells += [parts[0], parts[1].strip()]
    return cells


def _figures_under_headers(texts: list[list[str]]) -> bool:
    """Whether every figure of the rows stands under the text of a row above it that holds
    no figure (a header): true of a sheet copied out with its blank cells kept, and not
    of tabs typed to line text up by eye, whose count follows the width of the text."""
    headed: set[int] = set()
    for row in texts:
        figures = [c for c, text in enumerate(row) if _FIGURE_CELL.match(text.replace("−", "-"))]
        if not figures:
            headed.update(c for c, text in enumerate(row) if text)
        elif not headed.issuperset(figures):
            return False
    return bool(headed)


def _tab_grid(lines: list[str], start: int, path: str, page: int | None,
              head: list[list[str]] = ()) -> Grid | None:
    """Lines of tab-separated rows as a grid, a cell per tab-delimited run, blank ones kept;
    `head`: the form's head lines just above, as its first rows.

    Rows of one length line up into columns (an aligned grid). Rows of several lengths
    are a form whose merged cells were dropped, as in Word's export: a grid whose cells'
    positions are no columns (not aligned). None (the lines stay text) when a shorter row
    holds a blank cell between two filled ones: tabs typed to line text up by eye, whose
    count depends on the width of the text before them."""
    texts = [[cell.strip(" \u3000") for cell in line.rstrip("\r\n").split("\t")]
             for line in lines]
    width = max(len(row) for row in texts)
    aligned = all(len(row) == width for row in texts)
    for row in texts:
        filled = [c for c, text in enumerate(row) if text]
        if not aligned and len(row) < width and filled \
                and any(not row[c] for c in range(filled[0], filled[-1])):
            if not _figures_under_headers(texts):
                return None
            # Blank cells kept (a sheet copied out): positions are columns after all.
            texts = [row + [""] * (width - len(row)) for row in texts]
            aligned = True
            break
    first = start - len(head)
    rows = []
    for r, row in enumerate(list(head) + texts):
        where = Location(path, None, None, first + r + 1, page)
        rows.append([Cell(text, r, c, where) for c, text in enumerate(row)])
    return Grid("", rows, Location(path, None, None, first + 1, page),
                aligned=aligned and not head)


def _tab_tables(lines: list[str], path: str) -> dict[int, tuple[Grid, int]]:
    """The runs of two or more tab-separated rows, each rebuilt as a grid that starts at
    the form's head lines above it (line index → grid and the index after it)."""
    found: dict[int, tuple[Grid, int]] = {}
    for i, j, page in line_runs(lines, lambda k: _is_tab_row(lines[k])):
        if j - i < 2:
            continue
        head: list[list[str]] = []
        k = i - 1
        # Head lines belong to a form (rows of several lengths), not to a table whose
        # rows line up (a `编制单位：…` line above it is the table's heading).
        form = len({lines[r].rstrip("\r\n").count("\t") for r in range(i, j)}) > 1
        while form and k >= 0 and len(head) < 4 \
                and (cells := _field_cells(lines[k])) is not None:
            head.insert(0, cells)
            k -= 1
        grid = _tab_grid(lines[i:j], i, path, page, head)
        if grid is not None:
            found[i - len(head)] = (grid, j)
    return found


def parse_text(text: str, path: str) -> Document:
    document = Document(path=path, format="txt")
    lines = [_BOOKMARK.sub("", line) for line in text.splitlines()]
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

    regions = {region.start: region for region in find_regions(lines, path)}
    # Tables lined up by spaces, placed by where their cells stand (before a region kept
    # as text lines has its runs closed up, which loses that): they replace such regions.
    rebuilt = {k for region in regions.values() if region.grid is not None
               for k in range(region.start, region.stop)}
    layout = find_layout_tables(lines, path, rebuilt)
    laid = {k for start, (_, stop) in layout.items() for k in range(start, stop)}
    regions = {start: region for start, region in regions.items()
               if region.grid is not None or not laid & set(range(region.start, region.stop))}
    for region in regions.values():
        if region.grid is None:  # kept as lines: each a row, its runs apart
            lines[region.start:region.stop] = [spaced(line) for line in
                                               lines[region.start:region.stop]]
    widths = _wrap_widths(lines)
    tab_grids = _tab_tables(lines, path)
    taken = {k for region in regions.values() for k in range(region.start, region.stop)}
    taken |= {k for start, (_, stop) in tab_grids.items() for k in range(start, stop)}
    for start, (grid, stop) in layout.items():
        if not taken & set(range(start, stop)):
            tab_grids[start] = (grid, stop)
            taken |= set(range(start, stop))
    tab_grids.update(find_forms(lines, path, taken))
    bare_pipes = _bare_pipe_rows(lines)
    last_line = ""  # the last source line of the last paragraph
    joinable = False  # whether the next prose line may continue that paragraph
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        region = regions.get(i)
        if region is not None and region.grid is not None and table is None:
            # A flattened table rebuilt: its lines are the grid's, not paragraphs.
            tables += 1
            region.grid.name = f"表{tables}"
            document.grids.append(region.grid)
            i, page = region.stop, region.page
            joinable = False
            continue
        page_match = _PAGE.match(raw.strip())
        if page_match:
            close_table()
            page = int(page_match.group(1))
            i += 1
            # A paragraph may run on over the page break, past blank lines around it.
            while i < len(lines) and not lines[i].strip():
                i += 1
            continue
        if not raw.strip() and table is None:
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and _PAGE.match(lines[j].strip()):
                i = j
                continue
        tab = tab_grids.get(i)
        if tab is not None and (table is None or table.cell_lines is None):
            close_table()
            tables += 1
            tab[0].name = f"表{tables}"
            document.grids.append(tab[0])
            i = tab[1]
            joinable = False
            continue
        if raw.startswith("\t"):
            if table is None or table.page != page:
                close_table()
                table = new_table()
            table.start_cell(raw[1:].strip(" "), number)
        elif _GRID_RULE.match(raw.strip()) and (
                table is not None or (i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|"))):
            # `+------+------+`: the border a grid table draws between its rows (its header
            # and body are one table, not two).
            i += 1
            continue
        elif (raw.lstrip().startswith("|") and raw.rstrip().endswith("|")) or i in bare_pipes:
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
                text_line = raw.strip()
                last = document.paragraphs[-1] if document.paragraphs else None
                width = widths.get(page, widths["*"])
                if last is not None and joinable and continues(last_line, text_line, width):
                    offset = len(_join(last.text, text_line)) - len(text_line)
                    last.text = _join(last.text, text_line)
                    last.line_starts.append((offset, number))
                    if page != (last.page_starts[-1][1] if last.page_starts
                                else last.location.page):
                        last.page_starts.append((offset, page))
                else:
                    location = Location(path, None, None, number, page)
                    document.paragraphs.append(Paragraph(text_line, location))
                last_line = text_line
                joinable = True
                i += 1
                continue
        i += 1
        joinable = False
    close_table()
    mark(document.paragraphs)
    return document


def read(path: str, limits: Limits = DEFAULT) -> Document:
    check_size(os.path.getsize(path), limits)
    text = decode(Path(path).read_bytes())
    check_text(text, limits)
    document = parse_text(text, path)
    if not document.grids and not any(p.text for p in document.paragraphs):
        from . import ReadError

        raise ReadError("read.no_text")
    return document
