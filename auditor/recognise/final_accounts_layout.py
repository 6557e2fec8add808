"""Where the 决算/预算 tables stand in a document, and their rows as entries.

A table is found by its title (a line such as `收入决算表`, `2025年部门收入预算总表`) with
its `单位：` line, then its body:
- a grid (a worksheet, a ruled or unruled PDF table): rows of cells whose columns line up;
  the header rows above the first data row name the columns; a grid with no title and no
  header right after a table continues it (a table split across pages);
- lines of text (a pdf text extract): each line a row, amounts in order but blank cells
  lost, so a figure's column is known only when the line has one figure per column.

Rows come out as `Entry`s: a 功能分类/经济分类 code, a label, and each figure with its
column where the column is known (`values`) or without it (`unplaced`). Tables whose
income and expenditure halves stand side by side (T1, T4, T6) give one entry per half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Cell, Document, Grid, Location, Paragraph
from ..readers import column_letter
from ..readers.layouttables import RULE_LINE
from ..numbers import NOT_REPORTED, Quantity, normalise, parse_figure
from .. import vocabulary
from .final_accounts_registry import TableSpec, column_name, match_title, title_text
from .labels import compact, label_key

_UNIT = re.compile(r"单位\s*[:：]\s*(千元|万元|亿元|元)")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{2}$")
_FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_HEADER_WORDS = {"类", "款", "项", "类款项"}
# A heading that closes the tables part of a document.
_PART = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、.*(?:情况说明|说明)$)")
_NOTE = re.compile(r"^(?:注|说明)\s*[:：]")
_GLUED_CODE_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})([\u4e00-\u9fff].*)$")
# A note saying its table holds nothing (本表为空表, 无政府性基金预算财政拨款收入、支出).
_SAYS_EMPTY = re.compile(r"空表|无数据|无.{0,12}(?:收入|支出|结转|结余|经费)|没有|不涉及|未发生|为0|为零")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
# A 情况说明 section named after its table: `五、一般公共预算财政拨款支出决算情况说明`.
_SECTION_OF_TABLE = re.compile(r"^[一二三四五六七八九十]+、(?P<table>.{4,40}?)情况说明$")


def _section_table(text: str) -> tuple[TableSpec, bool, str] | None:
    """The table a 情况说明 section heading is named after, with its 口径 and name."""
    match = _SECTION_OF_TABLE.match(compact(text))
    if match is None:
        return None
    name = match.group("table") + "表"
    matched = match_title(name)
    if matched is None or matched[0].layout == "extra":
        return None
    return matched[0], matched[1], name


@dataclass
class Entry:
    code: str
    label: str
    values: dict[str, Cell] = field(default_factory=dict)  # column → cell ('' when blank)
    unplaced: list[Cell] = field(default_factory=list)  # figures of unknown column
    location: Location | None = None
    side: int = 0  # 0 left half (收入), 1 right half (支出)
    order: int = 0  # position in the table
    parts: list[str] = field(default_factory=list)  # the label's cells, left to right


@dataclass
class Block:
    spec: TableSpec
    budget: bool
    title: str
    location: Location
    unit: str | None = None
    entries: list[Entry] = field(default_factory=list)
    notes: list[tuple[str, Location]] = field(default_factory=list)
    grids: set[int] = field(default_factory=set)
    columns: list[tuple[str, str | None]] | None = None  # header label, canonical; aligned
    aligned: bool = True
    figures: int = 0  # non-blank figures read
    last_named: dict[int, Entry] = field(default_factory=dict)  # per half: the last named row
    claims: set[int] = field(default_factory=set)  # grids holding only its title
    lost_rows: bool = False  # figures of the table stood outside its grids
    pending_strays: int = 0  # row-like lines with figures since its last grid
    # Titled only by the 情况说明 section it stands in (`五、一般公共预算财政拨款支出决算情况
    # 说明`, then 单位：万元 and the table): a restatement of that table, not the table itself.
    from_section: bool = False
    # A 三公 table read from text lines: its header lines (words, no figure) before its figures.
    header_lines: list[str] = field(default_factory=list)
    # The budget column its rate column (完成年初预算%) is of, when the header says which
    # one for certain (`rate_bases`); None when it has no rate column or the base is unclear.
    rate_base: str | None = None
    # Columns of figures under a header the vocabulary does not know: the columns read are
    # then not all of a row, and no sum across them is checked.
    unread_columns: int = 0


def is_figure(text: str) -> bool:
    return bool(_FIGURE.match(normalise(text).replace(" ", "")))


def _has_amount(text: str) -> bool:
    t = normalise(text).replace(" ", "")
    return bool(_FIGURE.match(t)) and ("." in t or "," in t)


# ---------------------------------------------------------------- aligned grids


def _is_total(text: str) -> bool:
    return vocabulary.name_of("fa.total_rows", text) is not None


def _column_numbers(figures: list[str]) -> bool:
    """`1 2 3 4 …` under a header (栏次): the columns' numbers, not amounts."""
    try:
        numbers = [int(normalise(f).replace(" ", "")) for f in figures]
    except ValueError:
        return False
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _is_data_row(grid: Grid, r: int) -> bool:
    texts = [c.text.strip() for c in grid.rows[r]]
    if any(_has_amount(t) for t in texts):
        return True
    first = [t for t in texts[:4] if t]
    if first and _is_total(first[0]) and not any(
            t and not is_figure(t) for t in texts if t != first[0]):
        return True  # a total row, even with whole numbers or blanks only
    if first and _CODE.match(first[0].replace(" ", "")):
        return True
    # Whole amounts (a table in 元): a row with figures is data, unless they number the
    # columns (栏次 1 2 3 …).
    words = [compact(t) for t in texts if t and not is_figure(t)]
    figures = [t for t in texts if t and is_figure(t)]
    return bool(figures) and not _column_numbers(figures) \
        and not any(w in ("栏次", "行次", "序号") for w in words)


_AMOUNT_IN = re.compile(r"\d,\d{3}|\d\.\d{2}")
_TITLE_LINE = re.compile(r"(?:部门|单位)[:：]")
# The table's number set above its header's corner (公开07表, 附表3): no column's name.
_TABLE_TAG = re.compile(r"^(?:部门)?(?:公开|附)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})表$|^(?:附表|表)\d{1,2}$")


def _column_labels(grid: Grid, header_rows: list[int]) -> list[list[str]]:
    width = max(len(row) for row in grid.rows)
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in header_rows:
            text = compact(grid.shown(r, c))
            if _AMOUNT_IN.search(text) or _TITLE_LINE.search(text) or _TABLE_TAG.match(text):
                # A whole table's text in one cell (a PDF drawn without cells), or its title
                # line with 部门：/单位：, names no column.
                continue
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(parts)
    return labels


def _other_year(text: str) -> bool:
    """A 三公 header of another year than the report's (上年决算数): no side of this year's."""
    return vocabulary.name_of("fa.three_public_other_years", re.sub(r"[（()）]", "", text)) is not None


_YEAR_HEAD = re.compile(r"^((?:19|20)\d{2})年度?")


RATE = "完成率"  # the name a rate column's figures are read under (三公: 完成率.公务接待费)
BUDGET_COLUMNS = ("年初预算数", "全年预算数", "预算数")
# The terms of `fa.rate_columns`: the budget column each rate is of (预算数: whichever one).
_RATE_BASES = {"完成年初预算": "年初预算数", "完成全年预算": "全年预算数", "完成预算": "预算数"}


def rate_base(text: str) -> str | None:
    """The rate a header's rate column is (完成年初预算% → 完成年初预算, 执行率 → 完成预算),
    by the vocabulary `fa.rate_columns`; None for any other header."""
    return vocabulary.name_of("fa.rate_columns", re.sub(r"[（()）%％]", "", text))


def _rate_column(text: str) -> bool:
    """A column of rates (完成预算%, 执行率): no side of figures, no amount."""
    return rate_base(text) is not None


def is_rate(name: str | None) -> bool:
    return bool(name) and (name == RATE or name.startswith(RATE + "."))  # type: ignore[union-attr]


def _rate_bases(spec: TableSpec, labels: list[list[str]],
                roles: list[tuple[str, str | None]]) -> str | None:
    """The budget column of a table's one rate column: the one its header names (完成年初
    预算% → 年初预算数), or for a rate that names none (完成率), the table's only budget
    column. None when there is no rate column, several, or a budget column other than the
    one it names could be meant (any other header with 预算 in it): not guessed."""
    rates = [c for c, (_, name) in enumerate(roles) if is_rate(name)]
    if len(rates) != 1:
        return None
    base = _RATE_BASES.get(rate_base(labels[rates[0]][-1]) or "")
    if base is None:
        return None
    if base != "预算数":
        # It names its base: the one value column of that name.
        named = [c for c, (role, name) in enumerate(roles) if role == "value" and name == base]
        return base if len(named) == 1 else None
    budgets = [c for c, parts in enumerate(labels) if c not in rates and parts
               and any("预算" in part for part in parts)]
    if len(budgets) != 1 or roles[budgets[0]][0] != "value":
        return None
    named_one = roles[budgets[0]][1]
    return named_one if named_one in BUDGET_COLUMNS else None


def _side(parts: list[str], budget: bool) -> str | None:
    """预算数 or 决算数: the side a 三公 column stands on, from its header (lowest first);
    完成率 for a column of this year's rates (完成预算%)."""
    if any(_other_year(part) for part in parts):
        return None  # 上年决算数: not this year's 决算数; the column is not read
    for part in reversed(parts):
        if _rate_column(part):
            return RATE  # 完成预算% (before its 预算: a rate's words are no side)
        # "合计（决算数）": the side may stand in brackets, which labels otherwise drop.
        side = vocabulary.name_of("fa.three_public_sides", re.sub(r"[（()）]", "", part))
        if side:
            return side
    # No side named: a budget's table holds its budget; a final table's is not guessed.
    return "预算数" if budget else None


def _canonical(spec: TableSpec, parts: list[str], budget: bool = False) -> str | None:
    """The column a header names, read from its lowest (most specific) header cell up."""
    if spec.layout == "three_public":
        side = _side(parts, budget)
        if parts and parts[-1] == "小计" and len(parts) >= 2:
            # A 小计 is its parent's: under 公务用车… the vehicles, under “三公”经费 the
            # three (会议费 and 培训费 beside them are not in it).
            above = parts[-2]
            if "公务用车" in above:
                return f"{side}.公务用车购置及运行维护费" if side else None
            if "三公" in above:
                return f"{side}.三公经费合计" if side else None
        # From the lowest header cell up, each time with the cells below it: a header word
        # a narrow cell wraps ("公务接" over "待费") is whole again.
        for k in range(1, len(parts) + 1):
            text = "".join(parts[-k:])
            # "合计预算数", "公务接待费（决算数）": the side's words are not the item's.
            item = column_name(spec, re.sub(r"(预算数|决算数)$", "", text) or text)
            if item:
                return f"{side}.{item}" if side else None
        return None
    if parts and _rate_column(parts[-1]):
        # 完成年初预算%: a rate, not the 年初预算 its words contain (read as a rate only).
        return RATE
    for part in reversed(parts):
        if part in _HEADER_WORDS or "科目" in part or part in ("项目", "收入", "支出"):
            continue
        name = column_name(spec, part)
        if name:
            return name
    return None


def _column_roles(spec: TableSpec, grid: Grid, header_rows: list[int],
                  data_rows: list[int], block: Block | None = None) -> list[tuple[str, str | None]]:
    """Each column a label column or a value column (named, or None when unplaced).

    A column of figures under a header the vocabulary does not know is not read, and is
    recorded as unread for `block`.
    """
    labels = _column_labels(grid, header_rows)
    budget = block.budget if block is not None else False
    earlier = _earlier_year_columns(labels) if spec.layout == "three_public" else set()
    roles: list[tuple[str, str | None]] = []
    for c, parts in enumerate(labels):
        if c in earlier:
            roles.append(("skip", None))  # 2023年预算数 beside 2024年预算数: last year's
            continue
        cells = [grid.text(r, c).strip() for r in data_rows]
        name = _canonical(spec, parts, budget) if parts else None
        # A rate column's "—" is a rate not given (its budget is 0), not a label.
        texty = any(t and not is_figure(t) and not t.startswith("注")
                    and not (is_rate(name) and parse_figure(t) is NOT_REPORTED) for t in cells)
        if parts and parts[-1] in _ROW_NUMBER_HEADERS:
            roles.append(("skip", None))  # 行次 1 2 3…: the rows' numbers, no label, no amount
            continue
        if parts and len(parts) > 1 and _is_label_header(parts[-1:]):
            # 人员经费 over 经济科目编码 | 经济科目名称 | 预算数: the column's own header names
            # codes or names, whatever the group over it is called.
            roles.append(("label", None))
        elif name and not texty:
            roles.append(("value", name))
        elif not parts and not texty and any(_has_amount(t) for t in cells):
            roles.append(("value", None))
        elif parts and not texty and any(t and is_figure(t) for t in cells) and not _is_label_header(parts):
            roles.append(("skip", None))
            if block is not None and spec.layout != "extra":  # extra tables are listed, not read
                at = grid.rows[header_rows[-1]][c].location if header_rows and c < len(
                    grid.rows[header_rows[-1]]) else grid.location
                vocabulary.unread(block.title, "/".join(parts), at, "column")
                block.unread_columns += 1
        else:
            roles.append(("label", None))
    if block is not None:
        block.rate_base = _rate_bases(spec, labels, roles)
    return roles


_ROW_NUMBER_HEADERS = ("行次", "栏次")


def _earlier_year_columns(labels: list[list[str]]) -> set[int]:
    """Columns under a header of an earlier year than another column's (2023年预算数 over
    its six columns beside 2024年预算数): the latest year is the report's."""
    years: dict[int, int] = {}
    carried: int | None = None
    for c, parts in enumerate(labels):
        found = next((int(m.group(1)) for part in parts if (m := _YEAR_HEAD.match(part))), None)
        # A group's year typed once, over its first column (no merge to say how far it
        # reaches): it holds for the columns after it, up to the next year.
        carried = found if found is not None else carried
        if carried is not None:
            years[c] = carried
    if len(set(years.values())) < 2:
        return set()
    latest = max(years.values())
    return {c for c, year in years.items() if year < latest}


def _is_label_header(parts: list[str]) -> bool:
    """A header over 科目 codes or names (类/款/项, 科目编码, 项目): a label column."""
    return any(p in _HEADER_WORDS or "科目" in p or "编码" in p or p in ("项目", "收入", "支出", "序号")
               for p in parts)


def _segments(roles: list[tuple[str, str | None]]) -> list[tuple[list[int], list[int]]]:
    """Halves side by side: a run of label columns and the value columns after it."""
    segments: list[tuple[list[int], list[int]]] = []
    for c, (role, _) in enumerate(roles):
        if role == "label":
            if not segments or segments[-1][1]:
                segments.append(([c], []))
            else:
                segments[-1][0].append(c)
        elif role == "value":
            if not segments:
                segments.append(([], []))
            segments[-1][1].append(c)
    return segments


def _entry_from_cells(label_cells: list[Cell], value_cells: list[tuple[str | None, Cell]],
                      side: int, order: int) -> Entry | None:
    code = ""
    label_parts = []
    for cell in label_cells:
        # A cell may hold the code and the name ("201 06 01 行政运行" from a PDF without
        # ruling): its leading code tokens are the code.
        tokens = normalise(cell.text).split() or [""]
        glued = _GLUED_CODE_NAME.match(tokens[0]) if not code and not label_parts else None
        if glued:
            # "204公共安全支出": a 科目编码及名称 column with the code typed against the name.
            tokens[0:1] = [glued.group(1), glued.group(2)]
        while len(tokens) > 1 and not label_parts and (
                _CODE.match(tokens[0]) or (_CODE_PART.match(tokens[0]) and code)):
            code += tokens.pop(0)
        text = compact("".join(tokens))
        if not text or text in _HEADER_WORDS:
            continue
        if not label_parts and (_CODE.match(text) or (_CODE_PART.match(text) and code)):
            code += text
        elif not label_parts and code and len(code) in (3, 5) and re.fullmatch(r"\d", text):
            code += "0" + text  # a 款/项 cell "7" whose leading zero the export dropped (07)
        else:
            label_parts.append(text)
    entry = Entry(code, "".join(label_parts), side=side, order=order, parts=list(label_parts))
    named = {name for name, _ in value_cells if name is not None}
    stray, seen = [], set()
    for name, cell in value_cells:
        if cell.text.strip() and (name is None or name in seen):
            stray.append(cell)
        seen.add(name)
    if stray and named:
        # A figure under no header: the ruling does not line up with the header's.
        if len(named) == 1 and len(stray) == 1 and not any(
                cell.text.strip() for name, cell in value_cells if name is not None) \
                and sum(1 for name, _ in value_cells if name is not None) == 1:
            # One amount column and one figure beside it: it is that column's.
            value_cells = [(next(iter(named)), stray[0])]
        else:
            # Which column a figure or a blank stands in is not known: the blanks are not
            # zeros, the stray figures stay unplaced.
            value_cells = [(name, cell) for name, cell in value_cells
                           if name is None or cell.text.strip()]
    for name, cell in value_cells:
        if name is None or name in entry.values:
            # Two columns of one half under the same name (预算数: 合计 | 人员经费 | …): the
            # first is the half's total; the others' column is not known.
            if cell.text.strip():
                entry.unplaced.append(cell)
        else:
            entry.values[name] = cell
    if not entry.code and not entry.label and not any(c.text.strip() for _, c in value_cells):
        return None
    cells = label_cells + [c for _, c in value_cells]
    entry.location = next((c.location for c in cells if c.text.strip()), cells[0].location if cells else None)
    return entry


def _blank(entry: Entry) -> bool:
    return not entry.unplaced and not any(cell.text.strip() for cell in entry.values.values())


def _spans_into(labelled: Entry, entry: Entry) -> bool:
    """A half with figures and no label, right of a half with a total's label and no figure."""
    return (not entry.code and not entry.label and not _blank(entry) and _blank(labelled)
            and not labelled.code and compact(labelled.label).endswith(("小计", "合计", "总计")))


_ITEM_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[.、．])")


def _wrapped_label(block: Block, above: Entry, entry: Entry) -> bool:
    """In a summary table every row's name is numbered (一、… 1.…) or is a total: a short
    name without a number, code or figure under a numbered one is the rest of it."""
    if block.spec.layout not in ("summary", "appropriation"):
        return False
    key = compact(entry.label)
    if key in ("小计", "合计") and not entry.code and _blank(entry) and not above.code:
        # "当年收入" over "小计": the total's name wrapped.
        above_key = compact(above.label)
        return not _ITEM_NUMBER.match(above_key) and not above_key.endswith(("小计", "合计", "总计"))
    return (not entry.code and _blank(entry) and 0 < len(key) <= 6
            and not _ITEM_NUMBER.match(key) and not _ITEM_NUMBER.match(key)
            and not key.endswith(("合计", "小计", "总计")) and not key.startswith(("上年结转", "年初", "年末", "结转", "使用", "结余"))
            and bool(_ITEM_NUMBER.match(compact(above.label))))


def _split_row(above: Entry, below: Entry) -> bool:
    """Two rows that are one: a label without figures next to figures without a label."""
    def named(entry: Entry) -> bool:
        return bool(entry.code or entry.label)
    return (named(above) and _blank(above) and not named(below) and not _blank(below)) or \
        (not named(above) and not _blank(above) and named(below) and _blank(below))


def _fits(columns: list[tuple[str, str | None]], grid: Grid, rows: list[int]) -> bool:
    """A grid goes on with a table's columns when it is as wide, or when each of its
    figures stands in one of the table's value columns (a narrower grid whose columns
    merely shifted does not)."""
    if all(len(grid.rows[r]) == len(columns) for r in rows):
        return True
    return all(c < len(columns) and columns[c][0] == "value"
               for r in rows for c, cell in enumerate(grid.rows[r]) if _has_amount(cell.text))


def _blank_after(row: list[Cell], r: int, c: int) -> Cell:
    """The blank cell at column `c` of a row the reader gave fewer cells."""
    near = row[-1].location if row else Location("")
    digits = "".join(ch for ch in near.cell or "" if ch.isdigit())
    cell = f"{column_letter(c)}{digits}" if digits else None
    return Cell("", r, c, Location(near.path, near.sheet, cell, near.line, near.page))


_ITEM_NUMBER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.．、]|^其中[:：]")


def _items_in_rows(spec: TableSpec, grid: Grid, start: int, stop: int,
                   block: Block | None = None) -> Grid | None:
    """A 三公 table laid out the other way round (its items down the first column, 年初预算
    and 支出决算 over the others), as the usual one: a side over each item, one row of
    figures. None unless every header cell past the first names a side (or another year:
    上年决算数, a column not read) and no item, every row below names an item (each once)
    and holds only figures besides."""
    rows = [row for row in grid.rows[start:stop] if any(c.text.strip() for c in row)]
    # Lines above the header (the table's number 公开07表, 编制单位：… 单位：万元) name nothing.
    while rows and not any(vocabulary.name_of("fa.three_public_sides", compact(c.text))
                           for c in rows[0][1:]) and _above_header(rows[0]):
        rows = rows[1:]
    # …and the notes under it (注：本部门因公出国…) are no rows of it.
    rows = [row for row in rows if not _NOTE.match(row[0].text.strip())]
    if len(rows) < 3 or len(rows[0]) < 2:
        return None
    head = rows[0]
    # Columns not read: another year's (上年决算数, or 2025年预算数 beside 2026年预算数: the
    # latest year is the report's), a rate of this year's (完成预算%), which the two sides
    # give again, and a blank spacer column.
    years = {i: int(m.group(1)) for i, c in enumerate(head)
             if i and (m := _YEAR_HEAD.match(compact(c.text)))}
    latest = max(years.values()) if len(set(years.values())) >= 2 else None
    other = {i for i, c in enumerate(head) if i and c.text.strip()
             and (_other_year(compact(c.text))
                  or (latest is not None and years.get(i, latest) < latest))}
    # This year's rate column (完成预算%) is read as rates, beside the two sides.
    rates = {i for i, c in enumerate(head) if i and i not in other and c.text.strip()
             and _rate_column(compact(c.text))}
    blank = {i for i, c in enumerate(head) if i and not c.text.strip()
             and not any(i < len(row) and row[i].text.strip() for row in rows[1:])}
    kept = [c for i, c in enumerate(head) if i and i not in other and i not in blank
            and i not in rates]
    sides = [vocabulary.name_of("fa.three_public_sides", _YEAR_HEAD.sub("", compact(c.text)))
             for c in kept]
    if not sides or not all(sides) or len(set(sides)) != len(sides) \
            or any(column_name(spec, c.text) for c in head[1:]):
        return None
    items: list[str] = []
    for row in rows[1:]:
        label = _ITEM_NUMBER.sub("", row[0].text.strip()).strip() if row else ""
        item = column_name(spec, label) if label else None
        if item is None or item in items or len(row) > len(head) \
                or any(c.text.strip() and not is_figure(c.text.strip())
                       and not (i in rates and parse_figure(c.text) is NOT_REPORTED)
                       for i, c in enumerate(row[1:], start=1) if i not in other):
            return None
        items.append(item)
    if block is not None:
        for i in sorted(other):  # 上年决算数: known, but not read
            vocabulary.unread(block.title, compact(head[i].text), head[i].location, "column")
    out: list[list[Cell]] = [[], [], []]
    for s, side in enumerate(head[1:], start=1):
        if s in other or s in blank:
            continue
        for row in rows[1:]:
            c = len(out[0])
            value = row[s] if s < len(row) else Cell("", 0, 0, row[0].location)
            out[0].append(Cell(side.text, 0, c, side.location))
            out[1].append(Cell(row[0].text, 1, c, row[0].location))
            out[2].append(Cell(value.text, 2, c, value.location))
    return Grid(grid.name, out, grid.location)


def _sides_in_rows(spec: TableSpec, grid: Grid, start: int, stop: int,
                   block: Block | None = None) -> Grid | None:
    """A 三公 table with its items across and its sides down (预算数 over 决算数, each a row
    of figures), as the usual one: a side over each item, one row of figures. None unless
    every header cell past the first names an item and no side, and every row below names a
    side (each once), a rate (完成预算%) or another year's (上年决算数, 2024年预算 beside
    2025年预算: not read), and holds only figures besides."""
    rows = [row for row in grid.rows[start:stop] if any(c.text.strip() for c in row)]
    while rows and _above_header(rows[0]):
        rows = rows[1:]
    rows = [row for row in rows if not _NOTE.match(row[0].text.strip())]
    if len(rows) < 2 or len(rows[0]) < 3:
        return None
    head = rows[0]
    if head[0].text.strip() and not _is_label_header([compact(head[0].text)]) \
            and compact(head[0].text) not in ("年度", "年份"):
        return None
    items = {i: column_name(spec, compact(c.text)) for i, c in enumerate(head) if i and c.text.strip()}
    if not items or not all(items.values()) or len(set(items.values())) != len(items) \
            or any(vocabulary.name_of("fa.three_public_sides", compact(head[i].text)) for i in items):
        return None
    labels = [compact(row[0].text) for row in rows[1:]]
    years = {k: int(m.group(1)) for k, text in enumerate(labels) if (m := _YEAR_HEAD.match(text))}
    latest = max(years.values()) if len(set(years.values())) >= 2 else None
    kept: list[list[Cell]] = []
    other: list[list[Cell]] = []
    sides: list[str] = []
    for k, row in enumerate(rows[1:]):
        label = labels[k]
        if len(row) > len(head) or any(c.text.strip() and not is_figure(c.text.strip())
                                       and parse_figure(c.text) is not NOT_REPORTED
                                       for c in row[1:]):
            return None
        if _other_year(label) or (latest is not None and years.get(k, latest) < latest):
            other.append(row)
            continue
        side = _side([_YEAR_HEAD.sub("", label)], False)
        if side is None or (side != RATE and side in sides):
            return None
        sides.append(side)
        kept.append(row)
    if not sides or RATE in sides and len(sides) == 1:
        return None
    if block is not None:
        for row in other:  # 上年决算数: known, but not read
            vocabulary.unread(block.title, compact(row[0].text), row[0].location, "row")
    out: list[list[Cell]] = [[], [], []]
    for row in kept:
        for i in items:
            c = len(out[0])
            value = row[i] if i < len(row) else Cell("", 0, 0, row[0].location)
            out[0].append(Cell(row[0].text, 0, c, row[0].location))
            out[1].append(Cell(head[i].text, 1, c, head[i].location))
            out[2].append(Cell(value.text, 2, c, value.location))
    return Grid(grid.name, out, grid.location)


def _above_header(row: list[Cell]) -> bool:
    """A line over a table's header: its number (公开07表), its compiler or its unit."""
    texts = [compact(c.text) for c in row if c.text.strip()]
    return bool(texts) and all(_TABLE_TAG.match(t) or _TITLE_LINE.search(t) or t.startswith("单位")
                               for t in texts)


def read_grid_rows(block: Block, grid: Grid, start: int, stop: int, fresh: bool = False) -> None:
    """Rows start..stop of a grid into the block's entries (header rows name the columns)."""
    if block.spec.layout == "three_public":
        turned = _items_in_rows(block.spec, grid, start, stop, block)
        if turned is None and block.columns is None:
            turned = _sides_in_rows(block.spec, grid, start, stop, block)
        if turned is not None:
            grid, start, stop = turned, 0, len(turned.rows)
    rows = []
    for r in range(start, stop):
        texts = [c for c in grid.rows[r] if c.text.strip()]
        if texts and _NOTE.match(texts[0].text.strip()) and len(texts) <= 2:
            block.notes.append((" ".join(c.text.strip() for c in texts), texts[0].location))
        else:
            rows.append(r)
    width = max((len(grid.rows[r]) for r in rows), default=0)
    # Without a header of its own, a grid as wide as the table (or narrower: its last
    # columns blank) goes on with the columns read before.
    if block.columns is not None and 0 < width <= len(block.columns) and not fresh \
            and not _is_header_grid(grid, start) and _fits(block.columns, grid, rows):
        roles, body = block.columns, rows  # a continuation: the columns read before
    else:
        data = [r for r in rows if _is_data_row(grid, r)]
        first = data[0] if data else stop
        header = [r for r in rows if r < first]
        body = [r for r in rows if r >= first]
        roles = _column_roles(block.spec, grid, header, body, block)
        block.columns = roles
    segments = _segments(roles)
    skipped = [c for c, (role, _) in enumerate(roles) if role == "skip"]
    last_by_side: dict[int, Entry] = {}
    last_named = block.last_named  # kept across grids: a name may wrap over a page break
    for r in body:
        row = grid.rows[r]
        row_entries: list[Entry] = []
        # Figures under a header not known are not read, but the table is not empty.
        block.figures += sum(1 for c in skipped if c < len(row) and is_figure(row[c].text.strip()))
        for side, (label_cols, value_cols) in enumerate(segments):
            label_cells = [row[c] for c in label_cols if c < len(row)]
            # A row that stops short of the table's width: its last cells are blank.
            value_cells = [(roles[c][1], row[c] if c < len(row) else _blank_after(row, r, c))
                           for c in value_cols]
            note = "".join(c.text for c in label_cells).strip()
            if _NOTE.match(note):
                block.notes.append((note, label_cells[0].location))
                continue
            entry = _entry_from_cells(label_cells, value_cells, side if len(segments) > 1 else 0,
                                      len(block.entries))
            if entry is None:
                continue
            block.figures += sum(1 for _, c in value_cells if is_figure(c.text.strip()))
            if row_entries and _spans_into(row_entries[-1], entry):
                # "当年支出小计 | | | 9,146.79": the label's cell is merged over the halves to
                # its right, so the figure of the half without a label is the label's.
                row_entries[-1].values = {name: cell for name, cell in entry.values.items()}
                row_entries[-1].unplaced = entry.unplaced
                continue
            named_above = last_named.get(entry.side)
            if named_above is not None and _wrapped_label(block, named_above, entry):
                # "1.一般公共预" over "算": the name a narrow column wrapped, one name again.
                named_above.label += entry.label
                continue
            above = last_by_side.get(entry.side)
            if above is not None and _split_row(above, entry):
                # A 科目 whose name and figure stand on two rows (a merged cell's text is
                # centred): one row. The figure-only half takes the named half's label.
                if _blank(above):
                    above.values, above.unplaced = entry.values, entry.unplaced
                else:
                    above.code, above.label = entry.code, entry.label
                last_by_side.pop(entry.side)
                continue
            block.entries.append(entry)
            row_entries.append(entry)
            last_by_side[entry.side] = entry
            if entry.label:
                last_named[entry.side] = entry


# ---------------------------------------------------------------- text lines


# An amount glued to the numbered label after it, the other half's ("91,016,775.35一、一般
# 公共服务支出"): a text layer that dropped the space between two cells.
_GLUED_ITEM = re.compile(r"(?<=\d\.\d\d)(?=[一二三四五六七八九十]+、)")


def split_text_row(text: str) -> list[tuple[str, str, list[str]]]:
    """A line of a text extract as (code, label, figures) segments, left to right.

    A 3/5/7-digit number starts a new segment (a code) at the start of the line, after a
    figure, or after a label when a code part or a label follows it ("303 03 奖金 302 03
    咨询费"); elsewhere it is a figure.
    """
    tokens = _GLUED_ITEM.sub(" ", normalise(text)).split()
    segments: list[tuple[str, str, list[str]]] = []
    code, label, figures = "", [], []

    def flush() -> None:
        nonlocal code, label, figures
        if code or label or figures:
            segments.append((code, "".join(label), figures))
        code, label, figures = "", [], []

    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _CODE.match(token):
            opens = (not code and not label and not figures) or bool(figures) or (
                bool(label) and (bool(_CODE_PART.match(following)) or (
                    bool(following) and not is_figure(following))))
            if code and not label and not figures:
                opens = True  # "301 302": two codes of the two halves
            if opens:
                flush()
                code = token
                continue
        if _CODE_PART.match(token) and code and not label and not figures and len(code) < 7:
            code += token
        elif is_figure(token):
            figures.append(token)
        else:
            if figures or (label and _NUMBERED.match(token)):
                flush()
            label.append(token)
    flush()
    return segments


_VEHICLE_PARTS = ("公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费")


def _completes(spec: TableSpec, joined: str, named: str | None) -> bool:
    """True when a header word and the word below it are together the very name (or an
    alias) of the item the upper word named: the lower word is the upper one's end."""
    if named is None:
        return False
    try:
        words = [named] + vocabulary.group(f"fa.columns.{spec.kind}").aliases(named)
    except KeyError:
        words = [named]
    return label_key(joined) in {label_key(w) for w in words if not w.startswith("re:")}


def _text_header_columns(block: Block, count: int) -> list[str] | None:
    """The columns of a 三公 table's one row of figures, from the header lines of a text
    extract (no cells, no positions): each word of the first line names an item; the words
    below are the vehicles' parts (小计 购置费 运行费), under the one 公务用车 word, or the
    end of a word above that wrapped (因公出国（境） over 费). None unless every word is read
    so, the side is known (a budget's table, or named) and there are as many columns as
    figures: the figures are then not placed by guess."""
    spec = block.spec
    if not block.header_lines or len(block.header_lines) > 3:
        return None
    tops = normalise(block.header_lines[0]).split()
    items = [column_name(spec, top) for top in tops]
    if not tops or not all(items):
        return None
    vehicles = [i for i, item in enumerate(items) if item == _VEHICLE_PARTS[0]]
    parts: list[str] = []
    for line in block.header_lines[1:]:
        for word in normalise(line).split():
            item = column_name(spec, word)
            if item in _VEHICLE_PARTS and len(vehicles) == 1:
                parts.append(word)
            elif item is None and any(_completes(spec, top + word, named)
                                      for top, named in zip(tops, items)):
                continue  # the end of a wrapped word: 因公出国（境） over 费
            else:
                return None
    columns: list[list[str]] = []
    for i, top in enumerate(tops):
        if parts and i == vehicles[0]:
            columns.extend([top, part] for part in parts)
        else:
            columns.append([top])
    names = [_canonical(spec, column, block.budget) for column in columns]
    if len(names) != count or not all(names) or len(set(names)) != len(names):
        return None
    return [name for name in names if name]


def _text_cell(text: str, location: Location, col: int) -> Cell:
    return Cell(text, 0, col, location)


def read_text_line(block: Block, text: str, location: Location) -> None:
    """One line of a text extract into the block: new entries, or the rest of the last one."""
    stripped = text.strip()
    if not stripped:
        return
    if _NOTE.match(stripped):
        block.notes.append((stripped, location))
        return
    segments = split_text_row(stripped)
    if block.spec.layout == "three_public":
        figures = [f for _, _, figs in segments for f in figs]
        labels = "".join(label for _, label, _ in segments)
        if figures and not labels:
            cells = [_text_cell(f, location, i) for i, f in enumerate(figures)]
            names = _text_header_columns(block, len(cells)) if not block.entries else None
            entry = Entry("", "", location=location, order=len(block.entries))
            if names is not None:
                entry.values = dict(zip(names, cells))
            else:
                entry.unplaced = cells
            block.entries.append(entry)
        elif labels and not figures and not block.entries:
            block.header_lines.append(stripped)
        # A row with its label (合计 24.00 19.48) is not read, but the table is not empty.
        block.figures += len(figures)
        return
    last = block.entries[-1] if block.entries else None
    for index, (code, label, figures) in enumerate(segments):
        cells = [_text_cell(f, location, i) for i, f in enumerate(figures)]
        if not code and not label:
            # Figures alone on a line: the amounts of the entry (or entries) just above.
            pending = [e for e in block.entries if e.location and e.location.line is not None
                       and location.line is not None and 0 < location.line - e.location.line <= 2
                       and not e.unplaced and not e.values]
            if len(pending) == len(cells) and pending:
                for entry, cell in zip(pending, cells):
                    entry.unplaced.append(cell)
            elif last is not None and not last.unplaced:
                last.unplaced.extend(cells)
            block.figures += len(cells)
            continue
        if (not code and last is not None and index == 0 and last.code and not last.unplaced
                and label and len(label) <= 8 and not label.endswith(("合计", "总计"))
                and not re.match(r"^[一二三四五六七八九十]+、", label)):
            # The rest of a wrapped 科目名称 (and its figures) on the next line.
            last.label += label
            last.unplaced.extend(cells)
            block.figures += len(cells)
            continue
        if label in _HEADER_WORDS or (not figures and not code and _looks_like_header(label)):
            continue
        entry = Entry(code, label, unplaced=cells, location=location, order=len(block.entries))
        block.entries.append(entry)
        block.figures += len(cells)
        last = entry


_HEADER_LABELS = ("项目", "收入", "支出", "科目", "决算数", "预算数", "合计", "小计", "本年",
                  "类款项", "经济分类", "功能分类", "单位")


def _looks_like_header(label: str) -> bool:
    return label.startswith(_HEADER_LABELS) and not label.startswith(("合计", "小计")) \
        or label in ("收入", "支出", "项目")


# ---------------------------------------------------------------- finding the tables


def paragraph_lines(paragraph: Paragraph) -> list[tuple[str, Location]]:
    """A paragraph's source lines with their locations (a joined paragraph split back)."""
    starts = sorted(paragraph.line_starts)
    if not starts or starts[0][0] != 0:  # readers may list only the lines that continue
        starts.insert(0, (0, paragraph.location.line))
    if len(starts) <= 1:
        return [(paragraph.text, paragraph.location)]
    out = []
    for i, (offset, line) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(paragraph.text)
        loc = Location(paragraph.location.path, paragraph.location.sheet, paragraph.location.cell,
                       line, paragraph.location.page)
        out.append((paragraph.text[offset:end], loc))
    return out


def _events(document: Document) -> list[tuple]:
    events: list[tuple] = []
    seq = 0
    for paragraph in document.paragraphs:
        for text, loc in paragraph_lines(paragraph):
            events.append(((loc.page or 0, loc.line or 0, seq), "line", text, loc))
            seq += 1
    for index, grid in enumerate(document.grids):
        loc = grid.location
        events.append(((loc.page or 0, loc.line or 0, seq), "grid", index, grid))
        seq += 1
    if any(e[0][0] or e[0][1] for e in events):
        events.sort(key=lambda e: e[0])
    return events


def _few_filled(row: list[Cell], most: int) -> list[Cell]:
    """The row's filled cells when there are at most `most` of them, else none: a wide
    row of a large sheet is given up at its fourth figure. A number's shown text is never
    blank, so it counts without being rendered."""
    filled = []
    for cell in row:
        if cell.shows_number or cell.text.strip():
            filled.append(cell)
            if len(filled) > most:
                return []
    return filled


def _grid_title_rows(grid: Grid) -> list[tuple[int, TableSpec, bool, str, Location]]:
    """Rows inside a grid (a worksheet) that hold a table's title."""
    found = []
    for r, row in enumerate(grid.rows):
        texts = _few_filled(row, 3)
        if not texts:
            continue
        for cell in texts:
            matched = match_title(cell.text)
            if matched and not any(is_figure(c.text) for c in texts):
                found.append((r, matched[0], matched[1], title_text(cell.text), cell.location))
                break
    return found


def _unit_in_rows(grid: Grid, start: int, stop: int) -> str | None:
    for r in range(start, min(stop, len(grid.rows))):
        for cell in grid.rows[r]:
            match = _UNIT.search(normalise(cell.text))
            if match:
                return match.group(1)
    return None


def _first_data_row(grid: Grid, start: int, stop: int) -> int:
    for r in range(start, stop):
        texts = " ".join(c.text for c in grid.rows[r])
        if _UNIT.search(normalise(texts)) or match_title(texts.strip()):
            continue
        return r
    return stop


def find_blocks(document: Document) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    pending: tuple[TableSpec, bool, str, Location] | None = None
    pending_age = 0
    pending_unit: str | None = None
    title_grids: set[int] = set()  # the grid a pending title was read from
    previous_line = ""
    text_rows = False  # the current block reads text lines as rows
    goes_on = False  # a `（续）` title: the next grid continues the current block
    section: tuple[TableSpec, bool, str, Location] | None = None  # the section's table
    section_unit: str | None = None  # a unit line just read in that section, with no title
    for event in _events(document):
        if event[1] == "line":
            text, loc = event[2], event[3]
            stripped = text.strip()
            if not stripped or RULE_LINE.match(stripped):
                continue  # ==== / ---- under a title or a header: drawing, no row
            section_unit = None
            named = _section_table(stripped) if len(stripped) <= 60 else None
            if named is not None:
                section = (named[0], named[1], named[2], loc)
            elif _NUMBERED.match(stripped) or _PART.match(compact(stripped)):
                section = None
            # A numbered title ("五、2018年度某厅财政拨款支出预算表") is a title when a table
            # follows it; a list of the tables (目录) has none after its lines.
            matched = match_title(stripped) if len(stripped) <= 60 else None
            if previous_line and len(previous_line + stripped) <= 60 and not is_figure(stripped) \
                    and match_title(previous_line) is None:
                # "…会议费、培训费支出预" over "算表": a title wrapped onto a second line
                # (whose second half may name another table of its own: 支出预算表).
                joined = match_title(previous_line + stripped)
                if joined and (matched is None or joined[0] is not matched[0]):
                    matched, stripped = joined, previous_line + stripped
            previous_line = stripped
            unit = _UNIT.search(normalise(stripped))
            if matched and current is not None and matched[0] is current.spec and (
                    "续" in stripped or current is (blocks[-1] if blocks else None)):
                # "收入决算表（续）", or its title repeated on the next page: the same table
                # goes on in the next grid.
                goes_on = True
                continue
            if matched:
                pending = (matched[0], matched[1], title_text(stripped), loc)
                pending_age = 0
                title_grids = set()
                pending_unit = unit.group(1) if unit else None
                continue
            if pending is None and current is None and unit and section is not None \
                    and _UNIT.fullmatch(compact(normalise(stripped))):
                section_unit = unit.group(1)  # a table of the section may follow, untitled
                continue
            if pending is not None and unit:
                pending_unit = unit.group(1)
                spec, budget, title, tloc = pending
                current = Block(spec, budget, title, tloc, pending_unit, claims=set(title_grids))
                blocks.append(current)
                pending = None
                text_rows = True
                continue
            if pending is not None and _NOTE.match(stripped) and _SAYS_EMPTY.search(stripped):
                # 政府性基金预算财政拨款收入支出决算表（公开08表）over 注：本部门无…，故本表
                # 为空表: the table is printed, empty, with its note.
                spec, budget, title, tloc = pending
                current = Block(spec, budget, title, tloc, pending_unit, claims=set(title_grids))
                current.notes.append((stripped, loc))
                blocks.append(current)
                pending, current = None, None
                continue
            if pending is not None:
                pending_age += 1
                if pending_age > 2:
                    pending = None
            if _PART.match(compact(stripped)):
                current = None
                text_rows = False
                continue
            if current is not None:
                if _NOTE.match(stripped):
                    current.notes.append((stripped, loc))
                    continue
                if text_rows:
                    current.aligned = False
                    read_text_line(current, stripped, loc)
                elif current.grids and _coded_row(stripped):
                    # "30206 电费 235.00" between a table's page and its continuation: the
                    # row the table finder left out is still a row of the table.
                    read_text_line(current, stripped, loc)
                elif current.grids and _row_like_line(stripped):
                    # Figures between a table's grids that are no row of it (known once the
                    # table goes on after them): a row was lost.
                    current.pending_strays += 1
            continue
        index, grid = event[2], event[3]
        if section_unit is not None and pending is None and current is None \
                and section is not None and not _grid_title_rows(grid):
            # Right under the unit line of a section named after a table: its restatement.
            spec, budget, title, tloc = section
            current = Block(spec, budget, title, grid.location, section_unit, from_section=True)
            blocks.append(current)
            current.grids.add(index)
            read_grid_rows(current, grid, 0, len(grid.rows))
            text_rows = False
            section_unit = None
            continue
        section_unit = None
        if pending is not None and grid.location.page is not None and pending[3].page is not None \
                and grid.location.page - pending[3].page > 1:
            pending = None  # a title heads a table on its page or the next, not further on
        inner = _grid_title_rows(grid)
        if inner:
            pending = None  # a list of the tables (目录) before it was no table's title
            if inner[0][0] > 0 and current is not None and current.grids and not _is_header_grid(grid):
                # Rows above the first title: the end of the table before it, continued.
                _continue(current, index)
                read_grid_rows(current, grid, 0, inner[0][0])
            for k, (r, spec, budget, title, tloc) in enumerate(inner):
                stop = inner[k + 1][0] if k + 1 < len(inner) else len(grid.rows)
                start = _first_data_row(grid, r + 1, stop)
                if current is not None and spec is current.spec and current is blocks[-1] \
                        and current.grids:
                    # The title repeated over the table's next page: it goes on.
                    _continue(current, index)
                    read_grid_rows(current, grid, start, stop, fresh=True)
                    continue
                if k + 1 == len(inner) and start >= stop:
                    # A title on the grid's last row: its table is what follows.
                    pending, pending_age = (spec, budget, title, tloc), 0
                    pending_unit = _unit_in_rows(grid, r, stop)
                    title_grids = {index}
                    current = None
                    break
                block = Block(spec, budget, title, tloc, _unit_in_rows(grid, r, r + 4))
                block.grids.add(index)
                read_grid_rows(block, grid, start, stop)
                blocks.append(block)
                current = block
            text_rows = False
            continue
        if pending is not None:
            spec, budget, title, tloc = pending
            current = Block(spec, budget, title, tloc, pending_unit, claims=set(title_grids))
            blocks.append(current)
            pending = None
            current.grids.add(index)
            read_grid_rows(current, grid, 0, len(grid.rows))
            text_rows = False
            continue
        if _is_unit_list(grid):
            blocks.append(Block(UNIT_LIST, False, "部门决算单位构成", grid.location, grids={index}))
            current = None
            continue
        if current is not None and not current.grids and not current.entries:
            # The title and unit line just above: the table's body.
            current.grids.add(index)
            read_grid_rows(current, grid, 0, len(grid.rows))
            text_rows = False
            continue
        if current is not None and current.grids and (
                goes_on or not _is_header_grid(grid) or _repeats_header(current, grid)):
            # The same table continued on the next page: its title says so (`（续）`, or
            # repeated), or it has no title (its header repeated or not). A header of its
            # own names its columns (a page's columns may be printed otherwise).
            if goes_on and _is_header_grid(grid):
                current.columns = None
            goes_on = False
            _continue(current, index)
            read_grid_rows(current, grid, 0, len(grid.rows))
            continue
        goes_on = False
        current = None
    return _join_continuations(blocks)


def _value_names(block: Block) -> list[str | None]:
    return [name for role, name in block.columns or [] if role == "value"]


def _continues(previous: Block, block: Block) -> bool:
    """A block that goes on with the table just before it (a second sheet, a next page).

    Its title says so (`（续）`), or it repeats the title over the same columns without
    repeating any of its rows; the same table printed twice repeats its rows.
    """
    if block.spec is not previous.spec or block.budget != previous.budget:
        return False
    if block.unit and previous.unit and block.unit != previous.unit:
        return False
    if re.search(r"[（(]续[)）]\s*$", compact(block.title)):
        return True
    if not block.columns or _value_names(block) != _value_names(previous):
        return False
    rows = [(e.code, e.label) for e in block.entries if e.code or e.label]
    seen = {(e.code, e.label) for e in previous.entries if e.code or e.label}
    return bool(rows) and not any(row in seen for row in rows)


def _join_continuations(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous is None or not _continues(previous, block):
            joined.append(block)
            continue
        for entry in block.entries:
            entry.order += len(previous.entries)
        previous.entries.extend(block.entries)
        previous.notes.extend(block.notes)
        previous.grids |= block.grids
        previous.figures += block.figures
        previous.unit = previous.unit or block.unit
    return joined


def _row_like_line(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"[，。；：:]", text) \
        and any(_has_amount(t) for t in normalise(text).split())


def _continue(block: Block, index: int) -> None:
    """A grid that continues the block: row-like figures seen since its last grid were lost."""
    block.grids.add(index)
    if block.pending_strays:
        block.lost_rows = True
        block.pending_strays = 0


def _coded_row(text: str) -> bool:
    """A line that is one 科目 row: its code, its name and its figures."""
    segments = split_text_row(text)
    return len(segments) == 1 and bool(segments[0][0]) and bool(segments[0][1]) \
        and bool(segments[0][2]) and all(_has_amount(f) for f in segments[0][2])


def _repeats_header(block: Block, grid: Grid) -> bool:
    """A grid whose header names the same value columns as the block's: a continuation."""
    if block.columns is None:
        return False
    rows = range(len(grid.rows))
    data = [r for r in rows if _is_data_row(grid, r)]
    first = data[0] if data else len(grid.rows)
    roles = _column_roles(block.spec, grid, [r for r in rows if r < first],
                          [r for r in rows if r >= first])
    names = [name for role, name in roles if role == "value"]
    return bool(names) and names == [name for role, name in block.columns if role == "value"]


# The list of the units a 决算 covers (序号 / 单位名称 / 备注): known, nothing to add up.
UNIT_LIST = TableSpec("X9", "fa_extra_table", "部门决算单位构成", "部门预算单位构成", "extra")


def _is_unit_list(grid: Grid) -> bool:
    first = [compact(c.text) for c in grid.rows[0]] if grid.rows else []
    return "单位名称" in first and ("序号" in first or len(first) <= 4)


_GRID_HEADER_WORDS = {"项目", "决算数", "预算数", "类", "款", "项", "收入", "支出", "序号"}


def _is_header_grid(grid: Grid, start: int = 0) -> bool:
    """A grid that starts with header rows (so it is a table of its own, not a continuation)."""
    for row in grid.rows[start:start + 2]:
        for cell in row:
            text = compact(cell.text)
            if text in _GRID_HEADER_WORDS or "科目编码" in text or "科目名称" in text:
                return True
    return False


def amount(cell: Cell) -> Quantity | None:
    quantity = parse_figure(cell.text)
    if quantity is NOT_REPORTED or quantity is None:
        return None
    return quantity  # type: ignore[return-value]
