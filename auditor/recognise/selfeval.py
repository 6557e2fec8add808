"""项目支出绩效自评表 (财预〔2020〕10号 附件): found by its labels, wherever it stands.

A form is anchored at a `项目名称` cell and runs to the next anchor. Inside it the
`项目资金` block is found by its column headers (年初预算数 … 得分), or by its row labels
when it is laid out transposed (年度资金总额 … as columns), the indicator table by
`一级指标`/`三级指标`, and the last row by `总分`: never by fixed addresses, so forms may
start at any row or column, sit several to a sheet, have merged cells, line breaks inside
headers, blank or `—` cells, and rates as text or as numbers with a percent format.

Every label is named by the vocabulary (`rules/vocabulary/selfeval.yaml`, groups
`selfeval.*`), compared exactly after `label_key`. A row or column of the funds block, or a
column of the indicator table, whose label the vocabulary does not know is not read and is
recorded as unread: it is never taken for the nearest known label.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import vocabulary
from ..facts import cell_fact, derived_fact
from ..model import Cell, Fact, Grid, Location, Subject, Text
from ..numbers import NOT_REPORTED, Quantity, parse_figure, scan_figures
from .labels import compact, label_key, unit_in
from .rows import Row, Rows, Slot

KIND = "selfeval_form"

FORM_FIELDS = "selfeval.form_fields"
FUND_BLOCK = "selfeval.fund_block"
FUND_COLUMNS = "selfeval.fund_columns"
FUND_ROWS = "selfeval.fund_rows"
SECTIONS = "selfeval.sections"
INDICATOR_COLUMNS = "selfeval.indicator_columns"
OTHER_COLUMNS = "selfeval.other_columns"
TOTAL_ROW = "selfeval.total_row"
SUBTOTAL_ROW = "selfeval.subtotal_row"
FUNDS_SCORE_ROW = "selfeval.funds_score_row"

AMOUNT_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
# Of the funds block's figures only the 分值 is set by a person; the 得分 is worked out
# from the 执行率 and the 执行率 from the amounts, so both carry rounding.
_FUND_KINDS = {"执行率": "percent", "分值": "score", "得分": "score"}
_FUND_FACTS = {"分值": "资金分值", "得分": "资金得分"}
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度?")
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


# Every group the recogniser asks about the cells of a form.
_GROUPS = (FORM_FIELDS, FUND_BLOCK, FUND_COLUMNS, FUND_ROWS, SECTIONS, INDICATOR_COLUMNS,
           OTHER_COLUMNS, TOTAL_ROW, SUBTOTAL_ROW, FUNDS_SCORE_ROW)
# Questions about a label worked out from several groups' names.
_FIELD, _TOTAL, _ENDS_FUNDS = "field", "total", "ends funds"
# Bounded, so that a batch of many files (each with its own project name) keeps a flat memory.
_CACHED_ANSWERS = 8192


class _Answers(dict):
    """What the vocabulary makes of a cell's text, keyed by (question, text): a question is
    a group of `_GROUPS` (the name it gives) or one of `_FIELD`, `_TOTAL`, `_ENDS_FUNDS`.

    A form asks about each of its cells in several groups, and the next form has the same
    labels; an answer is a function of the text alone for a given vocabulary, so it is
    worked out once (`_answers` keeps one memo per vocabulary and makes a new one when a
    group changes).
    """

    def __init__(self, vocab: vocabulary.Vocabulary):
        super().__init__()
        self.groups = {name: vocab.group(name) for name in _GROUPS}
        # No group names a figure: a cell showing one is answered at once, and not kept
        # (a sheet of figures would crowd the labels out).
        self.names_no_figures = all(group.names_no_figures for group in self.groups.values())

    def __missing__(self, key: tuple[str, str]):
        question, text = key
        if self.names_no_figures and vocabulary.shows_figure(text):
            return False if question in (_TOTAL, _ENDS_FUNDS) else None
        group = self.groups.get(question)
        if group is not None:
            answer = group.name_of(text)
        elif question == _FIELD:
            answer = self._field(text)
        elif question == _TOTAL:
            # The 总分 row's label (a 合计 that may also be the funds block's total is not).
            answer = bool(self[TOTAL_ROW, text]) and not self[FUND_ROWS, text]
        elif question == _ENDS_FUNDS:
            # A label past the funds block: 年度总体目标, the indicator header, 总分.
            answer = bool(self[SECTIONS, text]) or self[_TOTAL, text] \
                or self[INDICATOR_COLUMNS, text] in ("一级指标", "三级指标") \
                or self[_FIELD, text] == "项目名称"
        else:
            raise KeyError(question)
        if len(self) >= _CACHED_ANSWERS:
            self.clear()
        self[key] = answer
        return answer

    def _field(self, text: str) -> str | None:
        """The form field a text labels: `项目名称`, or `项目名称：某项目` in one cell."""
        fields = self.groups[FORM_FIELDS]
        key = compact(text)
        name = fields.name_of(key)
        if name is None:
            for sep in (":", "："):
                if sep in key:
                    name = fields.name_of(key.split(sep, 1)[0])
                    break
        return name


def _answers() -> _Answers:
    """The answers memo of the vocabulary in force."""
    return vocabulary.current().memo("selfeval.answers", _GROUPS, _Answers)


def _is_figure(text: str) -> bool:
    return parse_figure(text) is not None


def _is_label(text: str) -> bool:
    """Text a reader takes for a label: not blank, not a figure, not a dash."""
    return bool(compact(text)) and not _is_figure(text)


@dataclass
class _Header:
    row: Row
    slots: dict[str, Slot]
    width: int
    cells: dict[str, Cell] = field(default_factory=dict)  # the header cell of each slot
    unknown: list[Cell] = field(default_factory=list)  # header cells the vocabulary lacks
    # Unknown cells left of the first known column: the rows' own label column, unless
    # figures stand under them.
    leading: list[Cell] = field(default_factory=list)

    @property
    def first_col(self) -> int:
        return min(slot.col for slot in self.slots.values())

    def unread_columns(self, rows: list[Row]) -> list[Cell]:
        """The header cells whose columns are not read: unknown, with figures or after the
        first known column."""
        found = list(self.unknown)
        for cell in self.leading:
            slot = self.row.slot(cell)
            if any(_figure_at(row, slot, self.width) for row in rows):
                found.append(cell)
        return sorted(found, key=lambda c: c.col)


def _header(answers: _Answers, row: Row, group: str,
            known_elsewhere: tuple[str, ...] = ()) -> _Header:
    """A row read as a header of `group`'s columns.

    Cells left of the first known column are the rows' own labels (项目资金（万元）, 绩效指标);
    a cell after it that neither `group` nor one of `known_elsewhere` names is a column the
    vocabulary does not know.
    """
    slots: dict[str, Slot] = {}
    cells: dict[str, Cell] = {}
    others: list[tuple[int, Cell]] = []  # with their positions in the row
    first = None  # position of the first known column
    for position, cell in enumerate(row.cells):
        name = answers[group, cell.text]
        if name is None:
            if compact(cell.text):
                others.append((position, cell))
            continue
        if name in slots:
            others.append((position, cell))  # a second column of one name: which one counts is a guess
            continue
        slots[name] = row.slot(cell, position)
        cells[name] = cell
        if first is None:
            first = position
    header = _Header(row, slots, len(row.cells), cells)
    if first is None:
        return header
    unknown = [(p, c) for p, c in others if answers[group, c.text]
               or not any(answers[g, c.text] for g in known_elsewhere)]
    header.unknown = [c for p, c in unknown if p > first]
    header.leading = [c for p, c in unknown if p < first]
    return header


@dataclass
class _Region:
    grid: Grid
    anchor: Cell
    first_row: int
    last_row: int
    first_col: int
    last_col: int | None
    answers: _Answers  # what the vocabulary in force makes of the cells' texts
    rows: Rows = field(init=False)

    def __post_init__(self) -> None:
        self.rows = Rows(self.grid, self.first_row, self.last_row + 1, self.first_col,
                         self.last_col)


_ANCHORS = "selfeval.anchors"


def _anchors(grid: Grid) -> list[Cell]:
    """The 项目名称 cells of a grid. Found once per grid and form-field vocabulary:
    recognition asks for them several times, and on a large sheet the scan is what costs."""
    fields = vocabulary.group(FORM_FIELDS)
    known = grid.memo.get(_ANCHORS)
    if known is not None and known[0] is fields and known[1] == fields.revision:
        return list(known[2])
    answers = _answers()
    # A sheet repeats few strings: each is named once; figures are skipped unnamed.
    anchor_text: dict[str, bool] = {}
    found = []
    skip_numbers = fields.names_no_figures  # a number cell's text is a figure
    for row in grid.rows:
        for cell in row:
            if skip_numbers and cell.shows_number:
                continue
            text = cell.text
            if not text:
                continue
            is_anchor = anchor_text.get(text)
            if is_anchor is None:
                if fields.cannot_name(text):
                    continue  # not kept: a sheet of figures would fill the memo
                is_anchor = anchor_text[text] = answers[_FIELD, text] == "项目名称"
            if not is_anchor:
                continue
            if grid.aligned and grid.origin(cell.row, cell.col) != (cell.row, cell.col):
                continue
            found.append(cell)
    grid.memo[_ANCHORS] = (fields, fields.revision, tuple(found))
    return found


def _regions(grid: Grid, anchors: list[Cell], answers: _Answers) -> list[_Region]:
    regions = []
    for anchor in anchors:
        # Forms side by side end where the next one starts to the right.
        right = [a.col for a in anchors if a.col > anchor.col and abs(a.row - anchor.row) <= 3]
        last_col = min(right) - 1 if right else None
        below = [a.row for a in anchors if a.row > anchor.row
                 and (last_col is None or a.col <= last_col) and a.col >= anchor.col - 1]
        last_row = min(below) - 1 if below else grid.height - 1
        regions.append(_Region(grid, anchor, anchor.row, last_row, anchor.col, last_col,
                               answers))
    return regions


def _value_after(row: Row, cell: Cell) -> str:
    key = compact(cell.text)
    for sep in (":", "："):
        if sep in key:
            rest = key.split(sep, 1)[1]
            if rest:
                return rest
    for other in row.after(cell):
        if compact(other.text):
            return other.text.strip()
    return ""


def _year(region: _Region, fallback: int | None) -> int | None:
    grid = region.grid
    for r in range(max(region.first_row - 4, 0), region.first_row):
        for cell in grid.rows[r]:
            match = _YEAR_TITLE.search(compact(cell.text))
            if match and ("年度" in cell.text or "自评表" in cell.text or len(compact(cell.text)) < 12):
                return int(match.group(1))
    return fallback


def _title(region: _Region, caption: list[Text] | tuple) -> Text | None:
    """The form's title above its head (2022年度部门整体支出绩效自评表): in the grid, or
    printed above it when the form is the grid's first."""
    grid = region.grid
    for r in range(max(region.first_row - 4, 0), region.first_row):
        for cell in grid.rows[r]:
            if "自评表" in cell.text and len(compact(cell.text)) <= 40:
                return Text(cell.text.strip(), cell.location)
    if region.first_row <= 2:
        for line in reversed(caption):
            if "自评表" in line.text and len(compact(line.text)) <= 40:
                return line
    return None


def _block_unit(region: _Region, header_index: int) -> str:
    """The funds block's unit: its own label (`项目资金（万元）`) or a `单位：` line above.

    A column's own note (`全年预算数（元）`) is that column's unit, not the block's.
    """
    answers = region.answers
    for row in region.rows[header_index:header_index + 6]:
        for cell in row.cells:
            if answers[FUND_COLUMNS, cell.text] or answers[FUND_ROWS, cell.text]:
                continue
            unit = unit_in(cell.text)
            if unit:
                return unit
    grid = region.grid
    # Above the form's head, or a `金额单位：元` line between the head and the block.
    header_row = region.rows[header_index].index
    for r in range(max(region.first_row - 3, 0), max(region.first_row + 1, header_row)):
        for cell in grid.rows[r]:
            unit = unit_in(cell.text)
            if unit:
                return unit
    return "万元"


def _ends_funds(answers: _Answers, row: Row) -> bool:
    """A row that is past the funds block: 年度总体目标, the indicator header, 总分."""
    return any(answers[_ENDS_FUNDS, cell.text] for cell in row.cells)


@dataclass
class _Funds:
    """The funds block as read, whichever way round it is laid out."""

    cells: dict[str, dict[str, Cell | None]] = field(default_factory=dict)  # row → column → cell
    where: dict[str, Location] = field(default_factory=dict)  # row → its label's location
    units: dict[str, str] = field(default_factory=dict)  # column → its own unit
    end: int = 0  # index of the region's row after the block
    # A source row not read leaves every column's Σ sources incomplete.
    complete: bool = True


def _row_label(answers: _Answers, row: Row, before_col: int | None) -> Cell | None:
    """The label of a data row: its text cells before the figures, the known one if any."""
    labels = []
    for cell in row.cells:
        if before_col is not None and row.grid.aligned and cell.col >= before_col:
            break
        if before_col is None and _is_figure(cell.text) and compact(cell.text):
            break
        if _is_label(cell.text) and not answers[FUND_BLOCK, cell.text]:
            labels.append(cell)
    known = [c for c in labels if answers[FUND_ROWS, c.text] or answers[FUND_COLUMNS, c.text]]
    if known:
        return known[-1]
    return labels[-1] if labels else None


def _figure_at(row: Row, slot: Slot, width: int) -> bool:
    cell = row.at(slot, width)
    return cell is not None and isinstance(parse_figure(cell.text), Quantity)


def _has_figures(row: Row, header: _Header) -> bool:
    """True when the row holds a figure under the header: something not read is lost."""
    return any(_figure_at(row, slot, header.width) for slot in header.slots.values())


def _funds_by_columns(form: Subject, region: _Region, index: int, header: _Header) -> _Funds:
    """The usual layout: 年初预算数 … 得分 across, 年度资金总额 … 其他资金 down."""
    funds = _Funds(end=index + 1)
    funds.units = {name: unit for name, cell in header.cells.items()
                   if (unit := unit_in(cell.text))}
    aligned = region.grid.aligned
    for row_index in range(index + 1, min(index + 9, len(region.rows))):
        data = region.rows[row_index]
        if _ends_funds(region.answers, data):
            break
        label = _row_label(region.answers, data, header.first_col if aligned else None)
        if label is None:
            if row_index == index + 1 and _lone_total_row(region, data, header, row_index):
                # 资金情况（万元）| 预算数 | 执行数 | … over one row of figures and no label:
                # a block of one row is its total (its sources would each be named).
                funds.end = row_index + 1
                funds.where["年度资金总额"] = data.cells[0].location
                funds.cells["年度资金总额"] = {column: data.at(slot, header.width)
                                             for column, slot in header.slots.items()}
            continue
        name = region.answers[FUND_ROWS, label.text]
        if name is None:
            if _has_figures(data, header):
                vocabulary.unread(form.name, label.text, label.location, "row")
                funds.complete = False
            continue
        if name in funds.cells:  # a second row of one name (两行“其他资金”): not guessed
            vocabulary.unread(form.name, label.text, label.location, "row")
            funds.complete = False
            continue
        funds.end = row_index + 1
        funds.where[name] = label.location
        funds.cells[name] = {column: _cell_under(data, slot, header.width, label)
                             for column, slot in header.slots.items()}
    for cell in header.unread_columns(region.rows[index + 1:funds.end]):
        vocabulary.unread(form.name, cell.text, cell.location, "column")
    return funds


def _lone_total_row(region: _Region, data: Row, header: _Header, row_index: int) -> bool:
    """The row right under a funds header is the block's only one: figures under two
    amount columns at least, and the next row ends the block (or holds no figure)."""
    amounts = sum(_figure_at(data, header.slots[n], header.width)
                  for n in AMOUNT_COLUMNS if n in header.slots)
    if amounts < 2:
        return False
    after = region.rows[row_index + 1] if row_index + 1 < len(region.rows) else None
    return after is None or _ends_funds(region.answers, after) or not _has_figures(after, header)


def _cell_under(row: Row, slot: Slot, width: int, label: Cell) -> Cell | None:
    cell = row.at(slot, width)
    return None if cell is label else cell


def _funds_by_rows(form: Subject, region: _Region, index: int, header: _Header,
                   own: _Header) -> _Funds:
    """The block transposed: 年度资金总额 … 其他资金 across, 年初预算数 … 得分 down.

    `own` holds the columns the header row may carry after the sources (分值 | 执行率 |
    得分): each is the block's, so the total's, one figure beside the 年初预算数 row and
    merged down the block; they are read off the first row under the header.
    """
    funds = _Funds(end=index + 1)
    for name, cell in header.cells.items():
        funds.where[name] = cell.location
        funds.cells[name] = {}
    aligned = region.grid.aligned
    for row_index in range(index + 1, min(index + 9, len(region.rows))):
        data = region.rows[row_index]
        if _ends_funds(region.answers, data):
            break
        label = _row_label(region.answers, data, header.first_col if aligned else None)
        if label is None:
            continue
        column = region.answers[FUND_COLUMNS, label.text]
        if column is None:
            if _has_figures(data, header):
                vocabulary.unread(form.name, label.text, label.location, "row")
            continue
        if any(column in cells for cells in funds.cells.values()):
            vocabulary.unread(form.name, label.text, label.location, "row")
            continue
        funds.end = row_index + 1
        if unit := unit_in(label.text):
            funds.units[column] = unit
        for name, slot in header.slots.items():
            funds.cells[name][column] = _cell_under(data, slot, header.width, label)
        if row_index == index + 1 and "年度资金总额" in funds.cells:
            for column, slot in own.slots.items():
                funds.cells["年度资金总额"][column] = _cell_under(data, slot, own.width, label)
    # Here a column is a source of funds: one not read leaves Σ sources incomplete.
    for cell in header.unread_columns(region.rows[index + 1:funds.end]):
        vocabulary.unread(form.name, cell.text, cell.location, "column")
        funds.complete = False
    return funds


# The 项目资金 header stands under the form's few head fields (项目名称, 主管部门, 实施单位
# …): 3 rows below 项目名称 in every form we have. Further down a 项目名称 is a column
# header of some other table, and reading on would scan a whole sheet to say so.
_FUNDS_WITHIN = 20


def _funds_by_pairs(answers: _Answers, row: Row, index: int) -> _Funds | None:
    """`全年预算数 | 1200.00 | 全年执行数 | 1150.00 | 预算执行率 | 95.83%`: the block as one
    row of labels each followed by its figure, the total's. Every filled cell must be such
    a label or the figure right after one; two amounts at least."""
    cells: dict[str, Cell | None] = {}
    filled = [cell for cell in row.cells if compact(cell.text)]
    position = 0
    while position < len(filled):
        name = answers[FUND_COLUMNS, filled[position].text]
        if name is None or name in cells or position + 1 >= len(filled) \
                or not isinstance(parse_figure(filled[position + 1].text), Quantity):
            return None
        cells[name] = filled[position + 1]
        position += 2
    if sum(name in cells for name in AMOUNT_COLUMNS) < 2:
        return None
    funds = _Funds(end=index + 1)
    funds.where["年度资金总额"] = filled[0].location
    funds.cells["年度资金总额"] = cells
    return funds


def _find_funds(form: Subject, region: _Region) -> tuple[_Funds, int] | None:
    answers = region.answers
    for index, row in enumerate(region.rows[:_FUNDS_WITHIN]):
        if (pairs := _funds_by_pairs(answers, row, index)) is not None:
            return pairs, index
        across = _header(answers, row, FUND_COLUMNS, (FUND_BLOCK, FUND_ROWS, OTHER_COLUMNS))
        if sum(n in across.slots for n in AMOUNT_COLUMNS) >= 2 and len(across.slots) >= 3:
            return _funds_by_columns(form, region, index, across), index
        down = _header(answers, row, FUND_ROWS, (FUND_BLOCK, FUND_COLUMNS, OTHER_COLUMNS))
        if "年度资金总额" in down.slots and len(down.slots) >= 2 \
                and not any(n in across.slots for n in AMOUNT_COLUMNS):
            return _funds_by_rows(form, region, index, down, across), index
    return None


def _fund_block(form: Subject, region: _Region) -> int | None:
    """Reads the 项目资金 block into `form`; returns the index of the row after it."""
    found = _find_funds(form, region)
    if found is None:
        return None
    funds, header_index = found
    unit = _block_unit(region, header_index)
    form.meta["unit"] = unit
    columns = {name: Subject("资金列", name, form.location, parent=form)
               for name in AMOUNT_COLUMNS
               if funds.complete and any(name in cells for cells in funds.cells.values())}
    fund_columns = region.answers.groups[FUND_COLUMNS].terms
    for row_name, cells in funds.cells.items():
        where = funds.where[row_name]
        member = Subject("资金行", row_name, where, parent=form)
        for column, cell in cells.items():
            kind = _FUND_KINDS.get(column, "amount")
            fact = cell_fact(column, cell, unit=funds.units.get(column, unit), kind=kind,
                             assigned=(column == "分值"), label=f"{row_name}·{column}",
                             where=where)
            if fact is None:
                continue
            member.add(fact)
            if column in columns:
                columns[column].add(Fact(row_name, fact.quantity, fact.location, fact.label))
        # A column the block lacks is not reported on the row: the row must not see the
        # form's own fact of that name (the 年度资金总额 row's 执行率) in its place.
        for column in fund_columns:
            if column not in member.facts:
                member.add(Fact(column, NOT_REPORTED, where, f"{row_name}·{column}"))
        form.collections.setdefault("资金行", []).append(member)
    form.collections["资金列"] = list(columns.values())
    _funds_on_form(form)
    return funds.end


def _funds_on_form(form: Subject) -> None:
    """The 年度资金总额 row's figures are the form's own (全年预算数, 资金得分 …)."""
    for member in form.collections.get("资金行", []):
        if member.name != "年度资金总额":
            continue
        for column, fact in member.facts.items():
            name = _FUND_FACTS.get(column, column)
            form.add(Fact(name, fact.quantity, fact.location, fact.label))


# Words that make an amount a bound ("不超过126万元"), not a figure that happened.
_BOUND = re.compile(r"≤|<|不超过|不高于|不多于|以内|以下|未超|控制在|上限")
# In a 三级指标 text, an amount is the project's budget only when 预算 stands just before it
# ("项目预算控制126万元", "年初预算126万元"), not when it prices a part ("设备购置50万元").
_BUDGET_BEFORE = re.compile(r"预算[^，,；;。0-9]{0,4}$")


def _amount_in(text: Text | None, *, bound_ok: bool, budget_only: bool = False
               ) -> tuple[Quantity, int] | None:
    """The first whole amount stated in an indicator text (not a unit price)."""
    if text is None:
        return None
    return _amount_stated(text.text, bound_ok, budget_only)


# Indicator texts repeat from form to form (按时完成, ≥95%); what one states is a function
# of the text alone. Bounded, so that a batch of many files keeps a flat memory.
@functools.lru_cache(maxsize=1 << 14)
def _amount_stated(text: str, bound_ok: bool, budget_only: bool) -> tuple[Quantity, int] | None:
    if not bound_ok and _BOUND.search(text):
        return None
    for figure in scan_figures(text):
        quantity = figure.quantity
        if figure.per:
            continue
        if budget_only and not _BUDGET_BEFORE.search(text[:figure.start]):
            continue
        if quantity.kind == "amount":
            return quantity, figure.start
        if quantity.unit in ("万", "亿"):  # "12万" in a cost indicator: money
            return quantity.with_unit(quantity.unit + "元"), figure.start
    return None


def _text_fact(name: str, found: tuple[Quantity, int] | None, text: Text | None) -> Fact | None:
    if found is None or text is None:
        return None
    return Fact(name, found[0], text.location, name)


def _indicator_header(answers: _Answers, form: Subject, row: Row) -> _Header | None:
    header = _header(answers, row, INDICATOR_COLUMNS, (SECTIONS, OTHER_COLUMNS))
    if len(header.slots) < 4 or "三级指标" not in header.slots:
        return None
    for cell in header.unknown:
        vocabulary.unread(form.name, cell.text, cell.location, "column")
    return header


def _weights_of_dimensions(header: _Header) -> bool:
    """一级指标 | 分值 | 二级指标 | 三级指标 …: the 分值 beside the 一级指标 (20 on its first
    row, blank below) is the dimension's weight, not each indicator's; it is not read."""
    slots = header.slots
    inner = slots.get("二级指标") or slots.get("三级指标")
    return "一级指标" in slots and inner is not None \
        and slots["一级指标"].col < slots["分值"].col < inner.col


def _scored_indicators_start(region: _Region) -> int | None:
    """Where the indicator table of a form without a funds block starts: a header under
    the form's head naming the indicator, its 分值 and its 得分, and a total row after it."""
    answers = region.answers
    for index, row in enumerate(region.rows[:_FUNDS_WITHIN]):
        header = _header(answers, row, INDICATOR_COLUMNS, (SECTIONS, OTHER_COLUMNS))
        if {"三级指标", "分值", "得分"} <= set(header.slots) and len(header.slots) >= 4:
            if any(_total_label(answers, later) for later in region.rows[index + 1:]):
                return index
            return None
    return None


def _funds_words_before(region: _Region, stop: int) -> bool:
    """Whether a row above the indicator table names a funds block or its rows/columns."""
    answers = region.answers
    return any(answers[FUND_BLOCK, c.text] or answers[FUND_ROWS, c.text]
               or answers[FUND_COLUMNS, c.text] in AMOUNT_COLUMNS
               for row in region.rows[:stop] for c in row.cells)


def _total_label(answers: _Answers, row: Row) -> Cell | None:
    return next((c for c in row.cells if answers[TOTAL_ROW, c.text]), None)


_TEXT_COLUMNS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因")


def _indicator_texts(form: Subject, member: Subject, row: Row, header: _Header) -> None:
    for name in _TEXT_COLUMNS:
        slot = header.slots.get(name)
        if slot is None:
            continue
        carry = name in ("一级指标", "二级指标")
        cell = row.carried(slot, header.width) if carry else row.at(slot, header.width)
        if cell is None:
            continue
        text = cell.text.strip()
        if name == "一级指标" and (points := _POINTS.search(compact(text))):
            member.meta["points"] = Fact("标注分值", _points(points.group(1)), cell.location,
                                         f"{label_key(text)}·标注分值")
        if carry and not compact(text):
            previous = form.collections.get("指标", [])
            text = previous[-1].texts[name].text if previous and name in previous[-1].texts else ""
            member.texts[name] = Text(text, cell.location)
        else:
            member.texts[name] = Text(label_key(text) if carry else text, cell.location)


def _points(digits: str) -> Quantity:
    """The points a 一级指标 label states (产出指标（50分）): assigned, so exact."""
    value = Decimal(digits)
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Quantity(value, decimals, "分", "score", True, digits)


def _groups(form: Subject) -> None:
    """Each 一级指标 that states its points, with the sum of its indicators' weights."""
    by_first: dict[str, list[Subject]] = {}
    for member in form.collections.get("指标", []):
        first = member.texts.get("一级指标")
        if first is not None and compact(first.text):
            by_first.setdefault(first.text, []).append(member)
    for first, members in by_first.items():
        stated = next((m.meta["points"] for m in members if "points" in m.meta), None)
        if stated is None:
            continue
        group = Subject("指标组", first, stated.location, parent=form)
        group.texts["一级指标"] = Text(first, stated.location)
        group.add(stated)
        weights = [m.facts.get("分值") for m in members]
        # A weight left blank makes the sum unknown, not smaller.
        if all(w is not None and w.reported and w.quantity.exact for w in weights):
            total = sum((w.quantity.value for w in weights), Decimal(0)).normalize()
            group.add(derived_fact("分值合计", total, stated.location, kind="score", unit="分",
                                   label=f"{first}·分值合计"))
        form.collections.setdefault("指标组", []).append(group)


def _is_funds_score_row(answers: _Answers, member: Subject) -> bool:
    """An indicator row that is the funds block's score (一级/二级/三级指标 预算执行率)."""
    return any(answers[FUNDS_SCORE_ROW, member.texts[n].text]
               for n in ("一级指标", "二级指标", "三级指标") if n in member.texts)


# The amounts an indicator row states: fact → the text it is read from, and how.
_AMOUNTS = {
    "三级指标金额": ("三级指标", dict(bound_ok=True, budget_only=True)),
    "指标值金额": ("年度指标值", dict(bound_ok=True)),
    "完成值金额": ("实际完成值", dict(bound_ok=False)),
}


def _indicators(form: Subject, region: _Region, start: int) -> None:
    answers = region.answers
    header = None
    for index in range(start, len(region.rows)):
        row = region.rows[index]
        if header is None:
            header = _indicator_header(answers, form, row)
            continue
        if (total := _total_label(answers, row)) is not None:
            _total_row(form, row, header, total)
            break
        if row.is_blank() or any(answers[SUBTOTAL_ROW, c.text] for c in row.cells):
            continue  # a 小计 repeats its indicators' figures
        member = Subject("指标", "", row.cells[0].location, parent=form)
        _indicator_texts(form, member, row, header)
        computed = _is_funds_score_row(answers, member)
        for name in ("分值", "得分"):
            slot = header.slots.get(name)
            if slot is None or (name == "分值" and _weights_of_dimensions(header)):
                continue
            cell = row.at(slot, header.width)
            # The 预算执行率 row's 得分 is worked out from the rate like the funds score.
            fact = cell_fact(name, cell, kind="score", assigned=not (computed and name == "得分"),
                             label=name, where=row.cells[0].location)
            if fact is not None:
                member.add(fact)
        third = member.texts.get("三级指标")
        if not any(compact(t.text) for k, t in member.texts.items()
                   if k not in ("一级指标", "二级指标")) and not any(
                f.reported for f in member.facts.values()):
            continue  # an empty spacer row inside a merged group
        member.name = third.text.splitlines()[0][:40] if third and third.text else "（未命名指标）"
        scored = member.facts.get("得分") or member.facts.get("分值")
        if scored is not None:
            member.location = scored.location
        if computed and _as_funds_score(form, member):
            continue
        for fact_name, (text_name, how) in _AMOUNTS.items():
            text = member.texts.get(text_name)
            fact = _text_fact(fact_name, _amount_in(text, **how), text)
            if fact is not None:
                member.add(fact)
        form.collections.setdefault("指标", []).append(member)
    _groups(form)


def _as_funds_score(form: Subject, member: Subject) -> bool:
    """Reads a 预算执行率 indicator row as the funds block's 分值, 执行率 and 得分.

    Only where the funds block has no score of its own: a form that scores the rate in
    both places keeps the row as an indicator.
    """
    total = next((m for m in form.collections.get("资金行", []) if m.name == "年度资金总额"), None)
    if total is None or any(total.facts[n].reported for n in ("分值", "得分") if n in total.facts):
        return False
    for name in ("分值", "得分"):
        fact = member.facts.get(name)
        if fact is not None:
            total.add(Fact(name, fact.quantity, fact.location, f"预算执行率·{name}"))
    actual = member.texts.get("实际完成值")
    rate = total.facts.get("执行率")
    if actual is not None and (rate is None or not rate.reported):
        fact = cell_fact("执行率", Cell(actual.text, 0, 0, actual.location), kind="percent",
                         label="预算执行率·实际完成值")
        if fact is not None and fact.reported:
            total.add(fact)
    _funds_on_form(form)
    return True


def _total_row(form: Subject, row: Row, header: _Header, label: Cell) -> None:
    """The 总分 row, `label` its 总分 cell."""
    by_column = {}
    if row.grid.aligned:
        for name in ("分值", "得分"):
            slot = header.slots.get(name)
            cell = row.at(slot, header.width) if slot else None
            if cell is not None and cell is not label and compact(cell.text):
                by_column[name] = cell
    if not by_column:
        figures = [c for c in row.after(label) if compact(c.text)]
        if len(figures) >= 2:
            by_column = {"分值": figures[0], "得分": figures[1]}
        elif len(figures) == 1:
            by_column = {"得分": figures[0]}
    for name, cell in by_column.items():
        # Both are typed by the person filling in the form, as the sum of what is shown.
        fact = cell_fact("总分分值" if name == "分值" else "总分", cell, kind="score",
                         assigned=True, label=f"总分·{name}")
        if fact is not None:
            form.add(fact)
    _total_slack(form)


def _total_slack(form: Subject) -> None:
    """总分容差: how far 总分 may stand from the sum of the scores with the funds score as
    computed from the amounts (4.85, shown 4.8): half a unit of 总分's last digit, when 总分
    is shown as finely as the funds score (94.35 typed 94.4); else none (a 100 typed over
    scores shown to the half point, 9.5 + 90, is no rounding)."""
    total, funds = form.facts.get("总分"), form.facts.get("资金得分")
    if total is None or funds is None or not total.reported or not funds.reported:
        return
    decimals = total.quantity.decimals
    half = Decimal(5).scaleb(-(decimals + 1))
    slack = half if decimals >= funds.quantity.decimals else Decimal(0)
    form.add(derived_fact("总分容差", slack, total.location, kind="score", unit="分",
                          label="总分容差"))


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)


def _open(grid: Grid) -> bool:
    """True when the grid's last form has not reached its 总分 row yet."""
    anchors = _anchors(grid)
    if not anchors:
        return False
    last = max(a.row for a in anchors)
    answers = _answers()
    skip_numbers = answers.names_no_figures  # a number cell's text is a figure
    return not any(answers[_TOTAL, c.text] for row in grid.rows[last:] for c in row
                   if not (skip_numbers and c.shows_number))


def _slice(grid: Grid, first: int, last: int) -> Grid:
    """Rows first..last-1 of a grid as a grid of their own (merges inside them kept)."""
    rows = [[Cell(c.text, r - first, c.col, c.location) for c in grid.rows[r]]
            for r in range(first, last)]
    merged = [(r1 - first, c1, r2 - first, c2) for r1, c1, r2, c2 in grid.merged
              if first <= r1 and r2 < last]
    location = rows[0][0].location if rows and rows[0] else grid.location
    return Grid(grid.name, rows, location, merged, grid.aligned)


def _joined(parts: list[Grid]) -> Grid:
    first = parts[0]
    rows = [list(row) for row in first.rows]
    merged = list(first.merged)
    for grid in parts[1:]:
        offset = len(rows)
        for row in grid.rows:
            rows.append([Cell(c.text, offset + c.row, c.col, c.location) for c in row])
        merged.extend((r1 + offset, c1, r2 + offset, c2) for r1, c1, r2, c2 in grid.merged)
    return Grid(first.name, rows, first.location, merged, first.aligned)


def _pieces(grids: list[Grid]) -> list[tuple[Grid, int]]:
    """Each grid, cut before its first 项目名称 when rows stand above it: on a page where
    one form ends and the next begins, the top rows belong to the form before."""
    pieces = []
    for index, grid in enumerate(grids):
        anchors = _anchors(grid)
        top = min((a.row for a in anchors), default=0)
        if anchors and top > 0 and grid.location.page is not None:
            pieces.append((_slice(grid, 0, top), index))
            pieces.append((_slice(grid, top, grid.height), index))
        else:
            pieces.append((grid, index))
    return pieces


def page_runs(grids: list[Grid]) -> list[tuple[Grid, list[int]]]:
    """Grids with a form that runs on over the next page(s) joined to its continuation.

    A PDF table cut by a page break arrives as two grids; the second has no 项目名称 of its
    own (or has it only further down, where the next form starts). It is joined when it is
    on the next page, has the same columns and the form before it has not reached its
    总分 row. Returns each (possibly joined) grid with the indices of the grids it was
    made of.
    """
    pieces = _pieces(grids)
    runs: list[tuple[Grid, list[int]]] = []
    index = 0
    while index < len(pieces):
        parts = [pieces[index]]
        grid = parts[0][0]
        while index + 1 < len(pieces) and _open(grid):
            following, _ = pieces[index + 1]
            page = parts[-1][0].location.page
            if (page is None or following.location.page != page + 1 or _anchors(following)
                    or _width(following) != _width(parts[0][0])):
                break
            index += 1
            parts.append(pieces[index])
            grid = _joined([p for p, _ in parts])
        runs.append((grid, sorted({i for _, i in parts})))
        index += 1
    return runs


def _weight_note(region) -> Text | None:
    """A note on the form saying its weights were adjusted (注：经区财政局同意，产出指标权重
    调整为60分…): the form is then not held to the standard weights."""
    for row in region.rows:
        for cell in row.cells:
            text = cell.text.strip()
            if len(text) > 12 and vocabulary.name_of("selfeval.weight_notes", text):
                return Text(text, cell.location)
    return None


def recognise(grid: Grid, year: int | None = None, caption: list[Text] | tuple = ()
              ) -> tuple[list[Subject], list[str]]:
    """The 自评表 on a grid, and notes on anchors that did not make a form. `caption`: the
    lines printed just above the grid (a title outside the table), if any."""
    forms: list[Subject] = []
    notes: list[str] = []
    for region in _regions(grid, _anchors(grid), _answers()):
        anchor_row = region.rows[0]
        name = _value_after(anchor_row, region.anchor) or "（未填项目名称）"
        location = region.anchor.location
        answers = region.answers
        if answers[_FIELD, name] or answers[FUND_COLUMNS, name] or answers[FUND_ROWS, name]:
            # 项目名称 | 实施单位 | 全年预算数 …: the header of a list of projects (汇总表),
            # one project a row; read as a form it would be one made of the list's total.
            notes.append(f"{location.describe() or grid.name}：“项目名称”是一列的表头（各项目的汇总表），未按自评表检查")
            continue
        form = Subject(KIND, name, location)
        for row in region.rows[:4]:
            for cell in row.cells:
                label = region.answers[_FIELD, cell.text]
                if label not in (None, "项目名称") and label not in form.texts:
                    form.texts[label] = Text(_value_after(row, cell), cell.location)
        end = _fund_block(form, region)
        if end is None:
            end = _scored_indicators_start(region)
            if end is None:
                notes.append(f"{location.describe() or grid.name}：有“项目名称”但找不到“项目资金”栏目，未按自评表检查")
                continue
            # A form without a funds block (预算执行 scored as an indicator): its scores
            # are checked, its funds are not there to be. It gives its funds no score —
            # unless a funds block stands there in a layout not read (项目资金 over rows of
            # 年初预算数 …): its score is then unknown, not nothing.
            if not _funds_words_before(region, end):
                for name in ("资金分值", "资金得分"):
                    form.add(derived_fact(name, Decimal(0), location, kind="score", label=name))
        _indicators(form, region, end)
        # Blank when the form has no such note: a known absence, not a missing field.
        form.texts["权重说明"] = _weight_note(region) or Text("", location)
        if (title := _title(region, caption)) is not None:
            form.texts["表名"] = title
        form_year = _year(region, year)
        if form_year is not None:
            form.add(derived_fact("年度", Decimal(form_year), location, label="年度"))
            form.meta["year"] = form_year
        forms.append(form)
    return forms, notes
