"""Builds the sample workbooks in samples/ (run from the repository root).

    python samples/build_samples.py [SEED_TEXT]

1. Reads the twelve 项目支出绩效自评表 of a Beijing district centre (2021) from a Word
   document exported to text (the seed) and transcribes them value for value:
   - fengtai-2021-selfeval.xlsx          one form per sheet, official 财预〔2020〕10号 layout;
   - fengtai-2021-selfeval-stacked.xlsx  the same forms stacked on one sheet, 执行率 as text.
2. Writes planted-errors-selfeval.xlsx, fictional forms of a fictional 青川区城市管理局
   (2023): one fully consistent form, two forms with planted errors, a prose sheet and an
   empty sheet; and planted-errors.yaml, the list of the planted errors with their cells.
3. Re-reads the two transcriptions and checks every cell's shown text (numbers rendered
   through their number format) against the seed; raises on any mismatch.

The seed export: each table cell is a line starting with a TAB, a cell's further paragraphs
follow without a tab, and table rows are separated by a blank line. A blank line can also
be an empty paragraph inside a cell ("\t年度\n\n指标值\n\t实际"): a blank line followed by
a line without a tab that is itself followed by a tab line continues the cell.

Output is deterministic: fixed document timestamps and zip entry dates.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import yaml
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = Path("/work/shared/seeds/003_701c19d1405d5246.txt")
SECTION_START = "三、项目支出绩效自评表"

OFFICIAL = HERE / "fengtai-2021-selfeval.xlsx"
STACKED = HERE / "fengtai-2021-selfeval-stacked.xlsx"
PLANTED = HERE / "planted-errors-selfeval.xlsx"
PLANTED_YAML = HERE / "planted-errors.yaml"

FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------------------
# The form as published: lists of cell texts, row by row, exactly as in the document.
# ---------------------------------------------------------------------------------------

FUND_WIDTH = 8       # 项目资金 | (row label) | 年初预算数 全年预算数 全年执行数 分值 执行率 得分
GOAL_WIDTH = 3       # 年度总体目标 | 预期目标 | 实际完成情况
INDICATOR_WIDTH = 9  # 绩效指标 | 一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因


@dataclass
class Form:
    head: list[list[str]]        # [项目名称, name], [主管部门, v, 实施单位, v], [项目负责人, v, 联系电话, v]
    funds: list[list[str]]       # header row + 4 data rows, FUND_WIDTH cells each
    goals: list[list[str]]       # label row + text row, GOAL_WIDTH cells each
    indicators: list[list[str]]  # header row + indicator rows, INDICATOR_WIDTH cells each
    total: list[str]             # the figures after 总分: [得分] or [分值, 得分]
    total_label: str = "总分"
    seed_lines: list[str] = field(default_factory=list)  # the seed's lines of this form
    notes: list[str] = field(default_factory=list)       # what the transcription had to decide

    @property
    def name(self) -> str:
        return self.head[0][1]


# ---------------------------------------------------------------------------------------
# Parsing the seed
# ---------------------------------------------------------------------------------------

def table_rows(lines: list[str]) -> list[list[str]]:
    """The export's table rows, each a list of cell texts (paragraphs joined by \\n)."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    for i, line in enumerate(lines):
        if line.startswith("\t"):
            row = row if row is not None else []
            row.append(line[1:])
        elif not line.strip():
            following = lines[i + 1] if i + 1 < len(lines) else ""
            after = lines[i + 2] if i + 2 < len(lines) else ""
            if row and following.strip() and not following.startswith("\t") \
                    and after.startswith("\t"):
                row[-1] += "\n"  # an empty paragraph inside the cell; its text follows
            elif row:
                rows.append(row)
                row = None
        else:
            if row is None:
                raise ValueError(f"text outside a table in the form section: {line!r}")
            row[-1] += "\n" + line
    if row:
        rows.append(row)
    return rows


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(f"seed does not look as expected: {message}")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_form(rows: list[list[str]], seed_lines: list[str]) -> Form:
    notes: list[str] = []
    _expect([len(r) for r in rows[:10]] == [2, 4, 4] + [FUND_WIDTH] * 5 + [GOAL_WIDTH] * 2,
            f"head/funds/goal rows of {rows[0]}")
    head, funds, goals = rows[0:3], rows[3:8], rows[8:10]
    _expect(head[0][0] == "项目名称" and head[1][0] == "主管部门" and head[1][2] == "实施单位"
            and head[2][0] == "项目负责人" and head[2][2] == "联系电话", "head labels")
    _expect(_compact(funds[0][0]) == "项目资金（万元）", "funds label")
    _expect([_compact(r[1]) for r in funds[1:]]
            == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"], "fund rows")
    _expect(goals[0][0] == "年度总体目标", "goal label")
    rest = rows[10:]
    _expect(_compact(rest[0][1]) == "一级指标", "indicator header")
    indicators: list[list[str]] = []
    index = 0
    while index < len(rest) - 1:
        row = rest[index]
        if len(row) < INDICATOR_WIDTH and index + 1 < len(rest) - 1 \
                and len(row) + len(rest[index + 1]) == INDICATOR_WIDTH:
            # A cell ending in an empty paragraph looks like a row break in the export.
            notes.append(f"row split by a trailing empty paragraph after {row[-1]!r}: joined")
            row = row + rest[index + 1]
            index += 1
        _expect(len(row) == INDICATOR_WIDTH, f"indicator row {row}")
        indicators.append(row)
        index += 1
    total_row = rest[-1]
    _expect(total_row[0] == "总分", f"total row {total_row}")
    figures = total_row[1:]
    while figures and not figures[-1].strip():
        figures.pop()
    _expect(1 <= len(figures) <= 2 and all(f.strip() for f in figures), f"total {total_row}")
    if len(total_row) > len(figures) + 1:
        notes.append(f"total row has {len(total_row)} cells; blank ones dropped: {total_row}")
    return Form(head, funds, goals, indicators, figures, total_row[0], seed_lines, notes)


def parse_seed(path: Path) -> list[Form]:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(SECTION_START))
    lines = [line.rstrip("\r") for line in lines[start + 1:]]
    rows = table_rows(lines)
    # Each form starts at its 项目名称 row; the raw lines are split the same way for the
    # self-check, independently of the row parser.
    starts = [i for i, line in enumerate(lines) if line == "\t项目名称"]
    raw = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    groups: list[list[list[str]]] = []
    for row in rows:
        if row[0] == "项目名称":
            groups.append([])
        _expect(bool(groups), "a table row before the first 项目名称")
        groups[-1].append(row)
    _expect(len(groups) == len(raw) == 12, f"{len(groups)} forms, expected 12")
    return [parse_form(group, chunk) for group, chunk in zip(groups, raw)]


# ---------------------------------------------------------------------------------------
# Cell values: numbers stored as numbers with a format that shows the published text
# ---------------------------------------------------------------------------------------

NUMBER = re.compile(r"\d+(?:\.\d+)?")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def number_cell(text: str) -> tuple[object, str | None]:
    """`43.04202` → (43.04202, General); `532.282780` → (532.28278, 0.000000); else text."""
    if not NUMBER.fullmatch(text):
        return (text if text else None), None
    if "." not in text:
        return int(text), "General"
    decimals = len(text.split(".")[1])
    fmt = "0." + "0" * decimals if text.endswith("0") else "General"
    return float(text), fmt


def percent_cell(text: str) -> tuple[object, str | None]:
    """`34.16%` → (0.3416, 0.00%); `100%` → (1, 0%); `64.4%` → (0.644, 0.0%); else text."""
    match = PERCENT.fullmatch(text)
    if not match:
        return (text if text else None), None
    digits = match.group(1)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = Decimal(digits) / 100
    fmt = "0%" if decimals == 0 else "0." + "0" * decimals + "%"
    return (int(value) if value == value.to_integral_value() else float(value)), fmt


def shown(value: object, number_format: str | None) -> str:
    """The text Excel shows for a cell (only the formats this script writes)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    fmt = number_format or "General"
    if fmt == "General":
        text = f"{number.normalize():f}" if number else "0"
        return text.rstrip("0").rstrip(".") if "." in text else text
    match = re.fullmatch(r"0(?:\.(0+))?(%?)", fmt)
    if not match:
        raise ValueError(f"number format {fmt!r} not handled by the self-check")
    decimals = len(match.group(1) or "")
    if match.group(2):
        number *= 100
    text = f"{number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP):f}"
    return text + match.group(2)


# ---------------------------------------------------------------------------------------
# Laying a form out on a sheet (official layout, nine columns)
# ---------------------------------------------------------------------------------------
#
#   col  0            1        2        3          4           5          6      7      8
#   title (merged 0..8), （2021年度） (merged 0..8)                                 [optional]
#   项目名称   | name (1..8)
#   主管部门   | value (1..4)                     | 实施单位   | value (6..8)
#   项目负责人 | value (1..4)                     | 联系电话   | value (6..8)
#   项目资金   | (1..2)            | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
#   (0 merged  | 年度资金总额 (1..2)| amounts…                             | …
#    over 5    | 其中：当年财政拨款  |
#    rows)     | 上年结转资金        |
#              | 其他资金            |
#   年度总体目标 | 预期目标 (1..4)                | 实际完成情况 (5..8)
#   (merged 2) | text (1..4)                      | text (5..8)
#   绩效指标   | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…
#   (merged    | (merged per group) (merged per group) …
#    down)     |
#   总分 (merged 0..5)                                          | 分值 | 得分 |

WIDTHS = [12, 12, 12, 30, 22, 22, 8, 9, 28]
FUND_COLUMNS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
INDICATOR_COLUMNS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因"]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass
class Placement:
    row: int
    col: int
    text: str   # the published text
    kind: str   # text | number | rate | title


@dataclass
class Placed:
    """Where a form went: its cells, its bounds, and addresses of its parts."""
    left: int
    top: int            # first row of the form body (the 项目名称 row)
    bottom: int         # the 总分 row
    placements: list[Placement] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    fund_top: int = 0
    indicator_top: int = 0

    def address(self, row: int, col: int) -> str:
        return f"{get_column_letter(self.left + col)}{row}"

    def fund(self, row_index: int, column: str) -> str:
        """Address of a funds figure: row_index 0 = 年度资金总额 … 3 = 其他资金."""
        return self.address(self.fund_top + 1 + row_index, 3 + FUND_COLUMNS.index(column))

    def indicator(self, row_index: int, column: str) -> str:
        return self.address(self.indicator_top + 1 + row_index,
                            1 + INDICATOR_COLUMNS.index(column))

    def total(self, column: str) -> str:
        return self.address(self.bottom, 6 if column == "分值" else 7)


def vertical_groups(values: list[str], starts_group: list[bool]) -> list[tuple[int, int]]:
    """Runs of rows a merged cell covers: a filled cell and the empty cells below it, up to
    the next filled cell or the next row where `starts_group` is set."""
    groups: list[tuple[int, int]] = []
    begin = None
    for i, value in enumerate(values):
        if value.strip() or starts_group[i]:
            if begin is not None:
                groups.append((begin, i - 1))
            begin = i if value.strip() else None
    if begin is not None:
        groups.append((begin, len(values) - 1))
    return [(a, b) for a, b in groups if b > a]


def place_form(form: Form, top: int, left: int, *, title: str | None, year_line: str | None,
               rates_as_text: bool) -> Placed:
    """Decides where every cell of `form` goes; `top`/`left` are 1-based sheet coordinates."""
    row = top
    placed = Placed(left=left, top=top, bottom=top)

    def put(r: int, c: int, text: str, kind: str = "text") -> None:
        placed.placements.append(Placement(r, c, text, kind))

    def merge(r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            placed.merges.append((r1, c1, r2, c2))

    if title is not None:
        put(row, 0, title, "title")
        merge(row, 0, row, 8)
        row += 1
    if year_line is not None:
        put(row, 0, year_line, "title")
        merge(row, 0, row, 8)
        row += 1
    placed.top = row

    name_row, dept_row, leader_row = form.head
    put(row, 0, name_row[0])
    put(row, 1, name_row[1])
    merge(row, 1, row, 8)
    row += 1
    for pair in (dept_row, leader_row):
        put(row, 0, pair[0])
        put(row, 1, pair[1])
        merge(row, 1, row, 4)
        put(row, 5, pair[2])
        put(row, 6, pair[3])
        merge(row, 6, row, 8)
        row += 1

    placed.fund_top = row
    for i, cells in enumerate(form.funds):
        put(row, 0, cells[0])
        put(row, 1, cells[1])
        merge(row, 1, row, 2)
        for j, text in enumerate(cells[2:]):
            column = FUND_COLUMNS[j]
            kind = "text" if i == 0 else "rate" if column == "执行率" else "number"
            if kind == "rate" and rates_as_text:
                kind = "text"
            put(row, 3 + j, text, kind)
        row += 1
    merge(placed.fund_top, 0, row - 1, 0)

    goal_top = row
    for cells in form.goals:
        put(row, 0, cells[0])
        put(row, 1, cells[1])
        merge(row, 1, row, 4)
        put(row, 5, cells[2])
        merge(row, 5, row, 8)
        row += 1
    merge(goal_top, 0, row - 1, 0)

    placed.indicator_top = row
    for cells in form.indicators:
        for c, text in enumerate(cells):
            kind = "number" if row > placed.indicator_top and c in (6, 7) else "text"
            put(row, c, text, kind)
        row += 1
    merge(placed.indicator_top, 0, row - 1, 0)
    body = form.indicators[1:]
    first_level = [r[1] for r in body]
    for column in (1, 2):
        values = [r[column] for r in body]
        # a 二级 group ends where a new 一级 group begins
        starts = [bool(v.strip()) for v in first_level] if column == 2 else [False] * len(body)
        _expect(bool(values and values[0].strip()), f"first indicator row of {form.name}")
        for a, b in vertical_groups(values, starts):
            merge(placed.indicator_top + 1 + a, column, placed.indicator_top + 1 + b, column)

    put(row, 0, form.total_label)
    merge(row, 0, row, 5)
    if len(form.total) == 2:
        put(row, 6, form.total[0], "number")
        put(row, 7, form.total[1], "number")
    else:
        put(row, 6, "", "number")
        put(row, 7, form.total[0], "number")
    put(row, 8, "")
    placed.bottom = row
    return placed


def write_placed(ws, placed: Placed) -> None:
    for p in placed.placements:
        if p.kind == "number":
            value, fmt = number_cell(p.text)
        elif p.kind == "rate":
            value, fmt = percent_cell(p.text)
        else:
            value, fmt = (p.text if p.text else None), None
        cell = ws.cell(row=p.row, column=placed.left + p.col, value=value)
        if fmt is not None:
            cell.number_format = fmt
        if isinstance(value, str) and value.startswith("="):
            raise ValueError(f"a text that Excel would take for a formula: {value!r}")
    for r in range(placed.top, placed.bottom + 1):
        for c in range(9):
            cell = ws.cell(row=r, column=placed.left + c)
            cell.border = BOX
            long_text = isinstance(cell.value, str) and len(cell.value) > 12
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="left" if long_text else "center")
    for p in placed.placements:
        if p.kind == "title":
            cell = ws.cell(row=p.row, column=placed.left + p.col)
            main_title = p.text == "项目支出绩效自评表"
            cell.font = Font(bold=main_title, size=16 if main_title else 12)
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for r1, c1, r2, c2 in placed.merges:
        ws.merge_cells(start_row=r1, start_column=placed.left + c1,
                       end_row=r2, end_column=placed.left + c2)


def set_widths(ws, left: int) -> None:
    for c, width in enumerate(WIDTHS):
        ws.column_dimensions[get_column_letter(left + c)].width = width


def save(workbook: openpyxl.Workbook, path: Path) -> None:
    """Saves with fixed timestamps so that the same input gives the same bytes."""
    import datetime as dt

    when = dt.datetime(*FIXED_TIME)
    workbook.properties.creator = "audit-rules samples/build_samples.py"
    workbook.properties.lastModifiedBy = None
    workbook.properties.created = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)


# ---------------------------------------------------------------------------------------
# The two transcriptions
# ---------------------------------------------------------------------------------------

def sheet_name(name: str, taken: set[str]) -> str:
    """A short form of the project name: without the 丰台区/城指中心 prefix and （体制）."""
    short = name
    for prefix in ("城指中心", "丰台区"):
        short = short.removeprefix(prefix)
    short = short.replace("（体制）", "")
    short = re.sub(r"[\[\]:*?/\\]", "", short)[:31]
    _expect(short not in taken, f"duplicate sheet name {short}")
    taken.add(short)
    return short


def build_official(forms: list[Form]) -> list[tuple[str, Placed]]:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    layout = []
    for form in forms:
        ws = workbook.create_sheet(sheet_name(form.name, taken))
        placed = place_form(form, 1, 1, title="项目支出绩效自评表", year_line="（2021年度）",
                            rates_as_text=False)
        write_placed(ws, placed)
        set_widths(ws, 1)
        layout.append((ws.title, placed))
    save(workbook, OFFICIAL)
    return layout


def build_stacked(forms: list[Form]) -> list[tuple[str, Placed]]:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "自评表"
    left = 2  # column B
    ws.cell(row=1, column=left, value="（2021年度）").alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=left, end_row=1, end_column=left + 8)
    ws.column_dimensions["A"].width = 3
    set_widths(ws, left)
    row = 3
    layout = []
    for index, form in enumerate(forms):
        placed = place_form(form, row, left, title=None, year_line=None, rates_as_text=True)
        write_placed(ws, placed)
        layout.append((ws.title, placed))
        row = placed.bottom + 1 + (2 if index % 2 == 0 else 3)  # 2 or 3 blank rows
    save(workbook, STACKED)
    return layout


# ---------------------------------------------------------------------------------------
# Self-check: the written workbooks show exactly what the seed says
# ---------------------------------------------------------------------------------------

class SelfCheckError(Exception):
    pass


def check_transcription(path: Path, forms: list[Form], layout: list[tuple[str, Placed]],
                        rates_numeric: bool) -> int:
    workbook = openpyxl.load_workbook(path)
    problems: list[str] = []
    checked = 0
    for form, (sheet, placed) in zip(forms, layout):
        ws = workbook[sheet]
        # 1. cell by cell: the shown text is the published text; figures are numbers.
        for p in placed.placements:
            cell = ws.cell(row=p.row, column=placed.left + p.col)
            text = shown(cell.value, cell.number_format)
            where = f"{sheet}!{cell.coordinate}"
            if text != p.text:
                problems.append(f"{where}: shows {text!r}, published {p.text!r}")
            numeric = isinstance(cell.value, (int, float))
            wants_number = (p.kind == "number" and NUMBER.fullmatch(p.text)) or (
                p.kind == "rate" and PERCENT.fullmatch(p.text))
            if bool(wants_number) != numeric:
                problems.append(f"{where}: {p.text!r} stored as {type(cell.value).__name__}")
            if not rates_numeric and PERCENT.fullmatch(p.text) and numeric:
                problems.append(f"{where}: rate {p.text!r} should be text here")
            checked += 1
        # 2. every line of the seed, in order, appears in the form's cells read row by row.
        read_lines = []
        for r in range(placed.top, placed.bottom + 1):
            for c in range(9):
                cell = ws.cell(row=r, column=placed.left + c)
                read_lines += [line for line in shown(cell.value, cell.number_format).split("\n")
                               if line.strip()]
        seed_lines = [line.removeprefix("\t") for line in form.seed_lines if line.strip()]
        if read_lines != seed_lines:
            first = next((i for i, (a, b) in enumerate(zip(read_lines, seed_lines)) if a != b),
                         min(len(read_lines), len(seed_lines)))
            problems.append(f"{sheet} ({form.name}): line {first} differs: "
                            f"{read_lines[first:first + 2]} vs {seed_lines[first:first + 2]}")
        # 3. an empty 一级/二级 cell under a filled one lies inside a merge.
        for r in range(placed.indicator_top + 1, placed.bottom):
            for c in (1, 2):
                cell = ws.cell(row=r, column=placed.left + c)
                inside = any(m.min_row <= r <= m.max_row and m.min_col == cell.column
                             for m in ws.merged_cells.ranges)
                if cell.value is None and not inside:
                    problems.append(f"{sheet}!{cell.coordinate}: empty and not merged")
    workbook.close()
    if problems:
        raise SelfCheckError(f"{path.name}: {len(problems)} mismatches:\n  "
                             + "\n  ".join(problems[:40]))
    return checked


# ---------------------------------------------------------------------------------------
# The planted-errors workbook (fictional: 青川区城市管理局, 2023, amounts in 万元)
# ---------------------------------------------------------------------------------------

D = Decimal
CENT = D("0.01")


def rate_of(spent: Decimal, budget: Decimal) -> Decimal:
    """执行率 as a percentage with two decimals, e.g. 98.62 for 72.4 / 73.41."""
    return (spent / budget * 100).quantize(CENT, ROUND_HALF_UP)


def fund_score(weight: Decimal, rate: Decimal) -> Decimal:
    return (weight * min(rate, D(100)) / 100).quantize(CENT, ROUND_HALF_UP)


def as_text(value: Decimal | int | str | None) -> str:
    """A figure as the form shows it: 120, 72.4, 9.86 (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{Decimal(value).normalize():f}"


def pct(rate: Decimal | None) -> str:
    return "" if rate is None else f"{rate:.2f}%"


FUND_HEADER = ["项目资金\n（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUND_LABELS = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
INDICATOR_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                    "得分", "偏差原因分析及改进措施"]


def fund_rows(rows: list[tuple]) -> list[list[str]]:
    """rows: (年初, 全年, 执行, 分值 or '—', 执行率 text, 得分 or '—') per FUND_LABELS row."""
    out = [FUND_HEADER]
    for label, values in zip(FUND_LABELS, rows):
        out.append(["", label] + [as_text(v) for v in values])
    return out


def indicator_rows(rows: list[tuple]) -> list[list[str]]:
    """rows: (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因); '' = merged."""
    return [INDICATOR_HEADER] + [[""] + [as_text(v) for v in r] for r in rows]


def make_form(name: str, dept: str, unit: str, leader: str, phone: str, funds, goals,
              indicators, total: list[str]) -> Form:
    return Form(
        head=[["项目名称", name], ["主管部门", dept, "实施单位", unit],
              ["项目负责人", leader, "联系电话", phone]],
        funds=fund_rows(funds),
        goals=[["年度总体目标", "预期目标", "实际完成情况"], [""] + goals],
        indicators=indicator_rows(indicators),
        total=total,
    )


def weights_and_scores(indicators: list[tuple]) -> tuple[Decimal, Decimal, dict[str, Decimal]]:
    weights, scores, by_group, group = D(0), D(0), {}, ""
    for first, _, _, _, _, weight, score, _ in indicators:
        group = first or group
        weights += D(weight)
        scores += D(score)
        by_group[group] = by_group.get(group, D(0)) + D(weight)
    return weights, scores, by_group


def clean_form() -> Form:
    """正确示例: every relation holds; only rounding separates figures."""
    plan_start = {"total": D("70"), "grant": D("70"), "carry": None}
    budget = {"total": D("73.41"), "grant": D("60"), "carry": D("13.41")}
    spent = {"total": D("72.4"), "grant": D("59.2"), "carry": D("13.2")}
    assert budget["grant"] + budget["carry"] == budget["total"]
    assert spent["grant"] + spent["carry"] == spent["total"]
    assert plan_start["grant"] == plan_start["total"]
    rate = {k: rate_of(spent[k], budget[k]) for k in budget}
    assert rate == {"total": D("98.62"), "grant": D("98.67"), "carry": D("98.43")}, rate
    score = fund_score(D(10), rate["total"])
    assert score == D("9.86")
    funds = [
        (plan_start["total"], budget["total"], spent["total"], D(10), pct(rate["total"]), score),
        (plan_start["grant"], budget["grant"], spent["grant"], "—", pct(rate["grant"]), "—"),
        (None, budget["carry"], spent["carry"], "—", pct(rate["carry"]), "—"),
        (None, None, None, "—", "", "—"),
    ]
    assert spent["total"] * 10000 == D("724000")  # 实际完成值 of the cost indicator, in 元
    indicators = [
        ("产出指标", "数量指标", "主次干道机扫水洗作业面积", "不少于120万平方米", "121.5万平方米", 15, 15, ""),
        ("", "", "日均清运道路垃圾量", "不少于85吨", "82吨", 10, 9,
         "部分路段雨污管线施工封闭，清扫作业面减少；下一年度按施工计划动态调整作业线路。"),
        ("", "质量指标", "道路清扫保洁质量检查合格率", "≥95%", "96.8%", 10, 10, ""),
        ("", "时效指标", "2023年12月31日前完成全年清扫保洁作业", "2023年12月31日前完成",
         "2023年12月31日完成", 5, 5, ""),
        ("", "成本指标", "项目预算控制73.41万元", "73.41万元", "724000元", 10, 10, ""),
        ("效益指标", "社会效益指标", "道路环境问题市民投诉量同比下降", "下降≥10%", "下降12.3%", 15, 15, ""),
        ("", "生态效益指标", "主要道路尘土残存量达标率", "≥90%", "88.5%", 10, 9,
         "春季大风及沙尘天气较多，个别路段尘土残存量超标；已增加大风天气后的洗扫频次。"),
        ("", "可持续影响指标", "道路保洁作业长效监管机制", "建立并运行", "已建立并运行", 5, 5, ""),
        ("满意度指标", "服务对象满意度指标", "沿线居民及商户满意度", "≥90%", "88.6%", 10, 9,
         "夜间作业噪声引起个别投诉；已调整作业时段并加强与居民沟通。"),
    ]
    weights, scores, groups = weights_and_scores(indicators)
    assert D(10) + weights == 100
    assert groups == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    total = score + scores
    assert total == D("96.86"), total
    for row in indicators:
        assert D(row[6]) <= D(row[5]) and (D(row[6]) == D(row[5]) or row[7])
    return make_form(
        "主次干道清扫保洁作业服务项目", "青川区城市管理局", "青川区环境卫生服务中心", "周敏", "58120436",
        funds,
        ["对全区主次干道实施机扫水洗、人工保洁和垃圾清运，保持道路全年整洁，降低道路扬尘。",
         "2023年完成主次干道机扫水洗作业121.5万平方米，质量检查合格率96.8%，道路环境投诉同比下降12.3%。"],
        indicators, ["100", as_text(total)])


@dataclass
class Plant:
    """One planted error. `at` says where, in the terms of `Placed`: ("fund", row, column),
    ("indicator", row, column) or ("total", column); the cell is the one holding the wrong
    figure, or, for a sum no cell holds (a group's weights), the sum's first addend.
    `shows` is the text that cell shows (checked after writing)."""
    id: str
    form: str
    at: tuple
    rule: str
    what: str
    reported: str
    expected: str
    shows: str
    other_rules: list[str] = field(default_factory=list)
    consequence_of: str | None = None
    related: list[tuple] = field(default_factory=list)
    note: str | None = None


def error_form_a() -> tuple[Form, list[Plant]]:
    """Rates as numbers with a percent format. Planted: wrong 执行率, 得分 > 分值, weights
    adding to 105, a 2022 timeliness target, a lost mark with no reason."""
    name = "背街小巷环境精细化整治项目"
    budget = {"total": D(120), "grant": D(100), "carry": D(20)}
    spent = {"total": D("96.5"), "grant": D("80.5"), "carry": D(16)}
    assert budget["grant"] + budget["carry"] == budget["total"]
    assert spent["grant"] + spent["carry"] == spent["total"]
    rate = {k: rate_of(spent[k], budget[k]) for k in budget}
    assert rate["total"] == D("80.42")
    wrong_rate = D("85.42")                      # P01: beyond any rounding
    score = fund_score(D(10), wrong_rate)        # consistent with the rate as reported
    assert score == D("8.54")
    funds = [
        (budget["total"], budget["total"], spent["total"], D(10), pct(wrong_rate), score),
        (budget["grant"], budget["grant"], spent["grant"], "—", pct(rate["grant"]), "—"),
        (budget["carry"], budget["carry"], spent["carry"], "—", pct(rate["carry"]), "—"),
        (None, None, None, "—", "", "—"),
    ]
    indicators = [
        ("产出指标", "数量指标", "完成背街小巷环境整治", "30条", "30条", 20, 20, ""),
        ("", "", "新增便民服务设施点位", "12处", "10处", 10, 6, ""),  # P06 no reason; P03 weight 10 (5)
        ("", "质量指标", "整治路段验收合格率", "100%", "100%", 10, 12, ""),  # P02 score 12 > 10
        ("", "时效指标", "整治工程完工时间", "2022年12月前完成", "按期完成", 5, 5, ""),  # P05
        ("", "成本指标", "项目预算控制120万元", "120万元", "96.5万元", 10, 10, ""),
        ("效益指标", "社会效益指标", "背街小巷环境问题投诉量同比下降", "≥15%", "13%", 15, 13,
         "部分街巷施工期间投诉有所增加；下一年度合理安排施工时序。"),
        ("", "生态效益指标", "新增绿化补植面积", "2000平方米", "2150平方米", 10, 10, ""),
        ("", "可持续影响指标", "街巷长制常态化管护机制", "建立", "已建立", 5, 4,
         "部分街巷管护责任未落实到人；下一年度完善考核办法。"),
        ("满意度指标", "服务对象满意度指标", "沿街居民满意度", "≥90%", "93%", 10, 10, ""),
    ]
    weights, scores, groups = weights_and_scores(indicators)
    assert D(10) + weights == 105 and groups["产出指标"] == 55
    total = score + scores                       # 总分 = Σ得分 exactly (no error here)
    assert total == D("98.54"), total
    form = make_form(name, "青川区城市管理局", "青川区城市管理局市容景观科", "韩立新", "58120517", funds,
                     ["完成30条背街小巷环境精细化整治，新增便民服务设施12处，街巷环境明显改善。",
                      "完成30条背街小巷整治，新增便民服务设施10处，整治路段验收全部合格。"],
                     indicators, ["100", as_text(total)])
    plants = [
        Plant("P01", name, ("fund", 0, "执行率"), "SE001",
              "年度资金总额执行率与全年执行数÷全年预算数（96.5÷120）不符", "85.42%", "80.42%",
              shows="85.42%",
              note="资金得分8.54按报告的执行率计算（10×85.42%），故SE002不应另报"),
        Plant("P02", name, ("indicator", 2, "得分"), "SE004", "指标得分超过分值（分值10）",
              "12", "≤10", shows="12"),
        Plant("P03", name, ("indicator", 1, "分值"), "SE006",
              "指标分值多填5分（应为5），资金分值与各指标分值之和为105，应为100", "105", "100",
              shows="10", related=[("fund", 0, "分值"), ("total", "分值")]),
        Plant("P04", name, ("indicator", 0, "分值"), "SE009", "权重非标准：产出指标分值合计55，标准为50",
              "55", "50", shows="20", consequence_of="P03", related=[("indicator", 0, "一级指标")]),
        Plant("P05", name, ("indicator", 3, "年度指标值"), "SE014",
              "2023年度自评表的时效指标写的是2022年12月前完成", "2022", "≥2023",
              shows="2022年12月前完成"),
        Plant("P06", name, ("indicator", 1, "偏差原因"), "SE010",
              "指标未得满分（6/10）却未填写偏差原因分析及改进措施", "", "（应填写偏差原因）", shows=""),
    ]
    return form, plants


def error_form_b() -> tuple[Form, list[Plant]]:
    """Rates as text. Planted: 资金得分 ≠ 分值 × 执行率, 年度资金总额 ≠ Σ sources (全年执行数),
    总分 ≠ Σ得分, 元 entered in the 万元 block, weights 10/40/40/10."""
    name = "城市道路照明设施维护项目"
    # The unit slip: the block is headed 万元 but holds 元 (8万元 entered as 80000).
    budget = {"total": D(80000), "grant": D(70000), "carry": D(10000)}
    spent = {"total": D(76000), "grant": D(66000), "carry": D(9000)}
    assert budget["grant"] + budget["carry"] == budget["total"]
    assert spent["grant"] + spent["carry"] == D(75000) != spent["total"]  # P08
    rate = {k: rate_of(spent[k], budget[k]) for k in budget}
    assert rate == {"total": D("95.00"), "grant": D("94.29"), "carry": D("90.00")}, rate
    right_score = fund_score(D(10), rate["total"])
    assert right_score == D("9.50")
    score = D("8.5")                             # P07: 10 × 95.00% = 9.5
    funds = [
        (budget["total"], budget["total"], spent["total"], D(10), pct(rate["total"]), score),
        (budget["grant"], budget["grant"], spent["grant"], "—", pct(rate["grant"]), "—"),
        (budget["carry"], budget["carry"], spent["carry"], "—", pct(rate["carry"]), "—"),
        (None, None, None, "—", "", "—"),
    ]
    indicators = [
        ("产出指标", "数量指标", "维护城市道路路灯数量", "不少于3200盏", "3260盏", 15, 15, ""),
        ("", "质量指标", "主次干道路灯亮灯率", "≥98%", "98.6%", 10, 10, ""),
        ("", "时效指标", "2023年全年故障路灯24小时内修复", "24小时内修复", "平均18小时修复", 5, 5, ""),
        ("", "成本指标", "项目预算控制8万元", "8万元", "7.6万元", 10, 10, ""),
        ("效益指标", "社会效益指标", "夜间出行照明盲区整改", "照明盲区动态清零", "整改照明盲区46处", 20, 18,
         "部分老旧小区周边道路照明盲区需结合道路改造整改，已列入下一年度计划。"),
        ("", "生态效益指标", "LED节能灯具替换率", "≥60%", "62%", 10, 10, ""),
        ("", "可持续影响指标", "路灯智能监控平台覆盖率", "≥80%", "75%", 10, 8,
         "智能监控平台二期建设延期；下一年度加快建设进度。"),
        ("满意度指标", "服务对象满意度指标", "市民对道路照明满意度", "≥90%", "91.5%", 10, 10, ""),
    ]
    weights, scores, groups = weights_and_scores(indicators)
    assert D(10) + weights == 100
    assert groups == {"产出指标": 40, "效益指标": 40, "满意度指标": 10}
    right_total = score + scores
    assert right_total == D("94.5"), right_total
    total = D(97)                                # P09
    for row in indicators:
        assert D(row[6]) <= D(row[5]) and (D(row[6]) == D(row[5]) or row[7])
    form = make_form(name, "青川区城市管理局", "青川区路灯管理所", "孙晓梅", "58120633", funds,
                     ["保障全区城市道路照明设施正常运行，主次干道亮灯率不低于98%，消除夜间照明盲区。",
                      "全年维护路灯3260盏，主次干道亮灯率98.6%，整改照明盲区46处。"],
                     indicators, ["100", as_text(total)])
    plants = [
        Plant("P07", name, ("fund", 0, "得分"), "SE002", "资金得分不等于分值×执行率（10×95.00%）",
              "8.5", "9.5", shows="8.5"),
        Plant("P08", name, ("fund", 0, "全年执行数"), "SE003",
              "全年执行数栏：年度资金总额不等于当年财政拨款66000＋上年结转资金9000", "76000", "75000",
              shows="76000"),
        Plant("P09", name, ("total", "得分"), "SE008", "总分不等于资金得分与各指标得分之和",
              "97", "94.5", shows="97"),
        Plant("P10", name, ("fund", 0, "全年预算数"), "SE011",
              "单位错误：成本指标写明预算8万元，资金栏（万元）却填80000，即以元计的金额填入万元栏；"
              "年初预算数、全年预算数、全年执行数各栏均如此", "80000", "8", shows="80000",
              other_rules=["SE012"],
              related=[("fund", 0, "年初预算数"), ("fund", 1, "年初预算数"), ("fund", 1, "全年预算数"),
                       ("fund", 2, "年初预算数"), ("fund", 2, "全年预算数"),
                       ("indicator", 3, "三级指标"), ("indicator", 3, "年度指标值")],
              note="SE015（与同一文件其他自评表比较量级）至少要有3张其他自评表，本工作簿只有2张，故不会触发"),
        Plant("P11", name, ("fund", 0, "全年执行数"), "SE013",
              "单位错误的后果：成本指标实际完成值7.6万元，资金栏全年执行数却为76000", "76000", "7.6",
              shows="76000", consequence_of="P10",
              related=[("fund", 1, "全年执行数"), ("fund", 2, "全年执行数"),
                       ("indicator", 3, "实际完成值")]),
        Plant("P12", name, ("indicator", 0, "分值"), "SE009",
              "权重非标准：10/40/40/10（产出指标40、效益指标40），标准为10/50/30/10", "40", "50",
              shows="15", related=[("indicator", 0, "一级指标"), ("indicator", 4, "分值")]),
    ]
    return form, plants


NOTE_LINES = [
    "本工作簿是 audit-rules 的测试样例，其中的单位、人员、项目和金额均为虚构。",
    "“正确示例”中的自评表各项数据相互一致，数字之间只有四舍五入造成的差异，检查时不应报告任何问题。",
    "“错误示例”中并排放着两张自评表，故意埋设了若干错误：执行率、资金得分、资金合计、指标得分、权重、总分、"
    "单位和年份等，完整清单见同目录下的 planted-errors.yaml。",
    "左边一张的执行率以百分比格式的数值录入，右边一张以文本录入。",
    "“空表”是一张没有任何内容的工作表。",
]


def resolve(placed: Placed, at: tuple) -> str:
    kind, *where = at
    return getattr(placed, kind)(*where)


def build_planted() -> list[dict]:
    workbook = openpyxl.Workbook()
    clean_ws = workbook.active
    clean_ws.title = "正确示例"
    clean = place_form(clean_form(), 1, 1, title="项目支出绩效自评表", year_line="（2023年度）",
                       rates_as_text=False)
    write_placed(clean_ws, clean)
    set_widths(clean_ws, 1)

    errors_ws = workbook.create_sheet("错误示例")
    form_a, plants_a = error_form_a()
    form_b, plants_b = error_form_b()
    placed_a = place_form(form_a, 1, 1, title="项目支出绩效自评表", year_line="（2023年度）",
                          rates_as_text=False)          # starts at A1
    placed_b = place_form(form_b, 3, 12, title="项目支出绩效自评表", year_line="（2023年度）",
                          rates_as_text=True)           # starts at L3
    for placed in (placed_a, placed_b):
        write_placed(errors_ws, placed)
        set_widths(errors_ws, placed.left)
    for column in ("J", "K"):
        errors_ws.column_dimensions[column].width = 4

    notes_ws = workbook.create_sheet("说明")
    for i, line in enumerate(NOTE_LINES, start=1):
        notes_ws.cell(row=i, column=1, value=line)
    notes_ws.column_dimensions["A"].width = 100
    workbook.create_sheet("空表")
    save(workbook, PLANTED)

    entries, shows = [], {}
    for plants, placed in ((plants_a, placed_a), (plants_b, placed_b)):
        for plant in plants:
            entry = {"id": plant.id, "sheet": "错误示例", "form": plant.form,
                     "cell": resolve(placed, plant.at), "rule": plant.rule}
            if plant.other_rules:
                entry["other_rules"] = plant.other_rules
            entry.update(what=plant.what, reported=plant.reported, expected=plant.expected)
            if plant.consequence_of:
                entry["consequence_of"] = plant.consequence_of
            if plant.related:
                entry["related_cells"] = [resolve(placed, at) for at in plant.related]
            if plant.note:
                entry["note"] = plant.note
            entries.append(entry)
            shows[entry["cell"]] = plant.shows
    check_planted(shows, (placed_a, placed_b))
    return entries


def check_planted(shows: dict[str, str], placed: tuple[Placed, Placed]) -> None:
    """The cells named in the list show what the list says; rates are numbers on the left
    form and text on the right one; the empty sheet is empty."""
    workbook = openpyxl.load_workbook(PLANTED)
    ws = workbook["错误示例"]
    for address, wanted in shows.items():
        cell = ws[address]
        if shown(cell.value, cell.number_format) != wanted:
            raise SelfCheckError(f"错误示例!{address}: shows "
                                 f"{shown(cell.value, cell.number_format)!r}, list says {wanted!r}")
    left, right = placed
    for row in range(3):
        numeric = ws[left.fund(row, "执行率")].value
        text = ws[right.fund(row, "执行率")].value
        if not isinstance(numeric, float) or not isinstance(text, str):
            raise SelfCheckError(f"rates: {numeric!r} should be a number, {text!r} text")
    empty = workbook["空表"]
    if empty.max_row != 1 or empty["A1"].value is not None:
        raise SelfCheckError("空表 is not empty")
    workbook.close()


def write_yaml(entries: list[dict]) -> None:
    document = {
        "workbook": PLANTED.name,
        "description": "Errors planted in the fictional forms of planted-errors-selfeval.xlsx "
                       "(青川区城市管理局, 2023年度, amounts in 万元). `rule` is the selfeval pack rule "
                       "expected to report it; `consequence_of` marks a finding that follows from "
                       "another planted error rather than a separate one.",
        "clean": ["正确示例"],
        # The notes sheet is read as prose (a paragraph to a row): no table to recognise.
        "unrecognised": [],
        "prose": ["说明"],
        "empty": ["空表"],
        "errors": entries,
    }
    text = "# Generated by samples/build_samples.py; do not edit by hand.\n" + yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, width=100)
    PLANTED_YAML.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------

def main(argv: list[str]) -> None:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    forms = parse_seed(seed)
    official = build_official(forms)
    stacked = build_stacked(forms)
    cells = check_transcription(OFFICIAL, forms, official, rates_numeric=True)
    check_transcription(STACKED, forms, stacked, rates_numeric=False)
    entries = build_planted()
    write_yaml(entries)
    print(f"{OFFICIAL.name}: {len(forms)} forms, {cells} cells checked against the seed")
    print(f"{STACKED.name}: {len(forms)} forms on one sheet, checked")
    print(f"{PLANTED.name}: {len(entries)} planted findings listed in {PLANTED_YAML.name}")
    for form in forms:
        for note in form.notes:
            print(f"  note: {form.name}: {note}")


if __name__ == "__main__":
    main(sys.argv)
