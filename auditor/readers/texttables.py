"""Table regions in a PDF text extract (pdftotext without -layout), rebuilt as grids.

A flattened 科目 table reads, after its title and `单位：` line, as header fragments (each
header cell wrapped over lines: `本年收入合` / `计` / `财政拨款收` / `入` …) and then one line
per row: `201 06 01 行政运行 1,511.90 1,511.89 0.01`. Blank cells are simply missing, so a
row's figures can be put in columns only when it has one figure per column (or none at
all). A region is rebuilt as a `Grid` only when that holds for every row and the header
names its columns unambiguously; otherwise it stays text lines (which the recogniser
reads without placing figures it cannot place), and each row whose figures could not be
placed is counted as not checked (`table_row_ambiguous`), never guessed.

Only tables of one code-and-name half are rebuilt (收入/支出决算表 and the like): tables
whose halves stand side by side (收支总表, 基本支出表) interleave two rows on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..coverage import not_checked
from ..model import Cell, Grid, Location

_PAGE = re.compile(r"^=+\s*page\s+(\d+)\s*=+$", re.IGNORECASE)
# The unit line under a title, alone or after the compiling department's name.
_UNIT_LINE = re.compile(r"^(?:编制(?:部门|单位)\s*[:：]\S*\s+)?单位\s*[:：]\s*(?:千元|万元|亿元|元)$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{2}$")
_FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TOTAL = re.compile(r"^(?:合计|总计)$")
# Header words over the code and name columns, not names of value columns: a header
# token of them alone, or at the end of a token a wrapped cell glued them to
# (`入支出功能分类` is the end of 其他收入, then the code column's header).
_LABEL_TAIL = re.compile(r"(?:支出功能分类|功能分类科目编码|功能分类科目名称|经济分类|功能分类|"
                         r"科目名称|科目编码|类款项)+$")
_LABEL_TOKENS = {"项目", "类", "款", "项", "类款项", "科目"}
_LEVEL_WORDS = ("类", "款", "项")
_SENTENCE = re.compile(r"[，。；：:,;！？]")
_CONTINUATION_MAX = 12  # a wrapped 科目名称's rest on the next line is short
# Longer pieces of a joined header are not tried as one column's name: the longest seen
# (国有资本经营预算财政拨款支出合计, a group's name over its 合计) has 16 characters.
_LONGEST_COLUMN = 24


@dataclass
class _Row:
    code: str
    name: str
    figures: list[tuple[str, int, int | None]]  # text, line, page
    line: int
    page: int | None


@dataclass
class Region:
    """Lines start..stop (0-based, stop exclusive) of a table after its unit line."""

    start: int
    stop: int
    grid: Grid | None  # None: some row's figures cannot be placed
    page: int | None  # the page at `stop`
    spec: object = None  # the table's kind (final_accounts_registry.TableSpec)


# A code glued to its name (`212城乡社区支出`), a name glued to its first amount
# (`城乡社区支出15411.43`): runs a text layer printed without the space between cells.
_GLUED_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?=[^\d\s.,])")
_GLUED_AMOUNT = re.compile(r"(?<=[^\d\s.,\-−])(?=[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$)")


def _tokens(line: str) -> list[str]:
    """The line's runs: cells apart by spaces, and code, name and amount glued together."""
    tokens = []
    for token in line.replace("\u3000", " ").split():
        token = _GLUED_CODE.sub(r"\1 ", token, count=1)
        tokens.extend(_GLUED_AMOUNT.sub(" ", token, count=1).split())
    return tokens


def spaced(line: str) -> str:
    """The line with its glued runs apart (`212 城乡社区支出 15411.43`), for a region kept as
    text lines: they are read as rows, as if the text layer had kept the spaces."""
    tokens = _tokens(line)
    return " ".join(tokens) if len(tokens) > len(line.split()) else line


def _coded_row(tokens: list[str]) -> tuple[str, list[str], list[str]] | None:
    """`201 06 01 行政运行 1,511.90 …` (or `2010601 …`) as (code, name tokens, figures).

    The name and the figures may have wrapped onto the lines below (both may be empty
    here). None when the line is no such row: a second half's code after its figures.
    """
    if not tokens or not _CODE.match(tokens[0]):
        return None
    code, i = tokens[0], 1
    while i < len(tokens) and _CODE_PART.match(tokens[i]) and len(code) < 7:
        code, i = code + tokens[i], i + 1
    name: list[str] = []
    while i < len(tokens) and not _FIGURE.match(tokens[i]):
        name.append(tokens[i])
        i += 1
    figures = tokens[i:]
    if not all(_FIGURE.match(t) for t in figures) or (figures and not name):
        return None
    return code, name, figures


def _total_row(tokens: list[str]) -> list[str] | None:
    """`类 款 项 合计 2,946.25 …` or `合计 …`: the total's figures; None if not it."""
    rest = list(tokens)
    while rest and rest[0] in _LEVEL_WORDS:
        rest = rest[1:]
    if not rest or not _TOTAL.match(rest[0]) or not all(_FIGURE.match(t) for t in rest[1:]):
        return None
    return rest[1:]


def _continuation(tokens: list[str]) -> tuple[str, list[str]] | None:
    """A line that goes on with the row above: the rest of its wrapped name, its figures."""
    if not tokens or _CODE.match(tokens[0]):
        return None
    name: list[str] = []
    for token in tokens:
        if _FIGURE.match(token):
            break
        name.append(token)
    figures = tokens[len(name):]
    text = "".join(name)
    if not all(_FIGURE.match(t) for t in figures) or len(text) > _CONTINUATION_MAX \
            or _SENTENCE.search(text) or _TOTAL.match(text) or text.startswith("注"):
        return None
    return text, figures


def _row_like(line: str) -> bool:
    """A line that could be a row of a flattened table (a code, or figures and no sentence)."""
    tokens = _tokens(line)
    if not tokens or _SENTENCE.search(line.replace(",", "")):
        return False
    return bool(_CODE.match(tokens[0])) or any(_FIGURE.match(t) for t in tokens)


def header_columns(spec, text: str) -> list[str] | None:
    """The value columns' header texts, in order; None unless the header has one reading.

    The header's fragments run together once joined (`本年收入合计财政拨款收入…`): it is cut
    into pieces that each name a column of the table (its vocabulary), every column once.
    The reading with the most pieces wins; two different readings with as many pieces, or a
    column named twice (a two-level header: 本年支出 over 小计 基本支出 …, whose text order
    is not the column order), leave the columns unknown.
    """
    from ..recognise.final_accounts_registry import column_name

    text = "".join(_LABEL_TAIL.sub("", token) for token in text.split()
                   if token not in _LABEL_TOKENS)
    if not text:
        return None
    n = len(text)
    names: dict[tuple[int, int], str | None] = {}

    def name(i: int, j: int) -> str | None:
        if (i, j) not in names:
            names[(i, j)] = column_name(spec, text[i:j])
        return names[(i, j)]

    # best[i]: (pieces, readings) for text[i:]: each reading's column names, with the
    # header pieces that named them.
    Reading = tuple[tuple[str, str], ...]
    best: dict[int, tuple[int, dict[tuple[str, ...], Reading]]] = {n: (0, {(): ()})}
    for i in range(n - 1, -1, -1):
        top, readings = -1, {}
        for j in range(i + 1, min(n, i + _LONGEST_COLUMN) + 1):
            column = name(i, j)
            if column is None or best[j][0] < 0:
                continue
            found = {(column,) + names: ((column, text[i:j]),) + rest
                     for names, rest in best[j][1].items() if column not in names}
            if not found:
                continue
            pieces = best[j][0] + 1
            if pieces > top:
                top, readings = pieces, dict(found)
            elif pieces == top:
                readings.update(found)
        best[i] = (top, readings)
    top, readings = best[0]
    if top <= 0 or len(readings) != 1:
        return None
    pieces = [piece for _, piece in next(iter(readings.values()))]
    for piece in pieces:
        # A piece that two columns' names make up (本年收入|本年支出, kept whole only
        # because a column of its own is named again below it): a header not understood.
        for k in range(1, len(piece)):
            left, right = column_name(spec, piece[:k]), column_name(spec, piece[k:])
            if left and right and left != right:
                return None
    return pieces


def _title_spec(lines: list[str], unit_index: int):
    """The table kind the title above a unit line names (a title may wrap over two lines)."""
    from ..recognise.final_accounts_registry import match_title

    above = [line.strip() for line in lines[max(0, unit_index - 2):unit_index]]
    for text in ([above[-1]] if above else []) + (["".join(above)] if len(above) == 2 else []):
        matched = match_title(text) if text and len(text) <= 60 else None
        if matched:
            return matched[0]
    return None


def find_regions(lines: list[str], path: str) -> list[Region]:
    """Every flattened one-half 科目 table in the lines, rebuilt where its rows allow."""
    regions: list[Region] = []
    page: int | None = None
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        match = _PAGE.match(stripped)
        if match:
            page = int(match.group(1))
        elif _UNIT_LINE.match(stripped):
            spec = _title_spec(lines, i)
            if spec is not None and spec.layout == "coded":
                region = _read_region(lines, i + 1, page, spec, path)
                if region is not None:
                    if regions and _goes_on(lines, regions[-1], region):
                        # One table over two pages (its title repeated): a grid for one
                        # page and text lines for the other would read as two tables.
                        if region.grid is None or regions[-1].grid is None:
                            region.grid = regions[-1].grid = None
                    regions.append(region)
                    i, page = region.stop, region.page
                    continue
        i += 1
    return regions


def _goes_on(lines: list[str], previous: Region, region: Region) -> bool:
    """Whether `region` continues `previous`: only its title (the same table's) between."""
    if region.spec is not previous.spec:
        return False
    between = [line.strip() for line in lines[previous.stop:region.start - 1]]
    return all(not text or _PAGE.match(text) or _title_spec([text], 1) is region.spec
               for text in between)


def _read_region(lines: list[str], start: int, page: int | None, spec, path: str) -> Region | None:
    """The table whose header starts at line `start`; None when its lines are no such table
    or its end is not certain (rows of it could be left behind as text)."""
    header: list[str] = []
    rows: list[_Row] = []
    total: _Row | None = None
    i = start
    start_page = stop_page = page
    stop = start
    new_page = False  # a page break since the last line read
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        number = i + 1
        match = _PAGE.match(stripped)
        if match:
            page = int(match.group(1))
            new_page = True
            i += 1
            continue
        if raw.startswith("\t") or stripped.startswith("|") or "\t" in stripped:
            return None  # a Word, pipe or tab-separated table: read as such
        if not stripped or (rows and stripped in header):
            i += 1  # a blank line, or the header repeated over the table's next page
            continue
        tokens = _tokens(stripped)
        coded = _coded_row(tokens)
        totals = _total_row(tokens)
        if totals == [] and not rows and not _header_ends(lines, i + 1):
            totals = None  # `合计` alone with more header below: a value column's name
        last = rows[-1] if rows else None
        if not rows and coded is None and totals is None:
            if _SENTENCE.search(stripped) or len(header) >= 30 or _row_like(stripped):
                return None
            header.append(stripped)
        elif coded is not None:
            code, name, figures = coded
            rows.append(_Row(code, "".join(name), [(f, number, page) for f in figures],
                             number, page))
        elif totals is not None and total is None:
            total = _Row("", "合计", [(f, number, page) for f in totals], number, page)
            rows.append(total)
        else:
            # A name's rest stays on its page, and is no table's title (a blank 科目 row
            # just above the next table's title must not swallow it).
            rest = _continuation(tokens) if last is not None and last.code and not new_page \
                and _title_spec([stripped], 1) is None else None
            if rest is None or (last is not None and last.figures):
                break  # the table ends (or a line that carries on a row with figures)
            last.name += rest[0]
            last.figures += [(f, number, page) for f in rest[1]]
        new_page = False
        i += 1
        stop, stop_page = i, page
    if not rows or not header or _rows_follow(lines, stop):
        return None
    columns = header_columns(spec, " ".join(header))
    if columns is None:
        return None  # the header does not name its columns: the lines stay text
    if any(len(row.figures) > len(columns) or not row.name for row in rows):
        return None  # more figures than columns (the header misread), or a code without a name
    ambiguous = [row for row in rows if 0 < len(row.figures) < len(columns)]
    for row in ambiguous:
        what = f"{row.code} {row.name}".strip()
        not_checked(what, "table_row_ambiguous", Location(path, None, None, row.line, row.page))
    grid = None if ambiguous else _grid(path, start + 1, start_page, columns, rows)
    return Region(start, stop, grid, stop_page, spec)


def _header_ends(lines: list[str], start: int) -> bool:
    """Whether the header is over before line `start`: a row, a note or the page follows."""
    for line in lines[start:]:
        stripped = line.strip()
        if not stripped:
            continue
        return bool(_PAGE.match(stripped) or stripped.startswith("注") or _UNIT_LINE.match(stripped)
                    or _coded_row(_tokens(stripped)) is not None)
    return True


def _rows_follow(lines: list[str], stop: int) -> bool:
    """Row-like lines after the region before the next table's unit line or the prose: the
    region would leave rows of its table behind as text."""
    for line in lines[stop:]:
        stripped = line.strip()
        if _UNIT_LINE.match(stripped) or (len(stripped) > 20 and _SENTENCE.search(stripped)):
            return False
        if _row_like(stripped) and not _PAGE.match(stripped) and not stripped.startswith("注"):
            return True
    return False


def _grid(path: str, header_line: int, page: int | None, columns: list[str],
          rows: list[_Row]) -> Grid:
    head_location = Location(path, None, None, header_line, page)
    labels = ["科目编码", "科目名称"] + columns
    cells = [[Cell(text, 0, c, head_location) for c, text in enumerate(labels)]]
    for r, row in enumerate(rows, start=1):
        where = Location(path, None, None, row.line, row.page)
        out = [Cell(row.code, r, 0, where), Cell(row.name, r, 1, where)]
        if row.figures:
            for c, (text, line, page) in enumerate(row.figures, start=2):
                out.append(Cell(text, r, c, Location(path, None, None, line, page)))
        else:
            out += [Cell("", r, c, where) for c in range(2, 2 + len(columns))]
        cells.append(out)
    return Grid("", cells, head_location)
