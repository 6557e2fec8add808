"""项目支出绩效自评表 (财预〔2020〕10号 附件): found by its labels, wherever it stands.

A form is anchored at a `项目名称` cell and runs to the next anchor. Inside it the
`项目资金` block is found by its column headers (年初预算数 … 得分), the indicator table by
`一级指标`/`三级指标`, and the last row by `总分`: never by fixed addresses, so forms may
start at any row or column, sit several to a sheet, have merged cells, line breaks inside
headers, blank or `—` cells, and rates as text or as numbers with a percent format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..facts import cell_fact, derived_fact
from ..model import Cell, Fact, Grid, Location, Subject, Text
from ..numbers import Quantity, scan_figures
from .labels import compact, label_key, unit_in
from .rows import Row, Slot

KIND = "selfeval_form"

FUND_COLUMNS = {
    "年初预算数": ("年初预算数", "年初预算"),
    "全年预算数": ("全年预算数", "全年预算", "调整后预算数", "全年预算金额"),
    "全年执行数": ("全年执行数", "全年执行", "执行数", "全年实际执行数", "实际执行数", "实际支出数"),
    "分值": ("分值", "权重"),
    "执行率": ("执行率", "预算执行率"),
    "得分": ("得分",),
}
FUND_ROWS = {
    "年度资金总额": ("年度资金总额", "资金总额", "年度资金合计", "合计"),
    "当年财政拨款": ("当年财政拨款", "财政拨款", "本年财政拨款"),
    "上年结转资金": ("上年结转资金", "上年结转", "上年结余结转资金"),
    "其他资金": ("其他资金", "其他"),
}
AMOUNT_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
INDICATOR_COLUMNS = {
    "一级指标": ("一级指标",),
    "二级指标": ("二级指标",),
    "三级指标": ("三级指标",),
    "年度指标值": ("年度指标值", "指标值", "年度目标值", "目标值", "预期指标值"),
    "实际完成值": ("实际完成值", "完成值", "实际值", "全年实际值"),
    "分值": ("分值", "权重"),
    "得分": ("得分",),
    "偏差原因": ("偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因", "未完成原因分析"),
}
TOTAL_LABELS = ("总分", "合计得分", "总得分")
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度?")


def _lookup(key: str, aliases: dict[str, tuple[str, ...]]) -> str | None:
    for name, names in aliases.items():
        if key in names:
            return name
    for name, names in aliases.items():
        if any(key.startswith(n) for n in names if len(n) > 2):
            return name
    return None


@dataclass
class _Header:
    row: Row
    slots: dict[str, Slot]
    width: int


def _header(row: Row, aliases: dict[str, tuple[str, ...]], needed: int) -> _Header | None:
    slots: dict[str, Slot] = {}
    for cell in row.cells:
        name = _lookup(label_key(cell.text), aliases)
        if name and name not in slots:
            slots[name] = row.slot(cell)
    if len(slots) < needed:
        return None
    return _Header(row, slots, len(row.cells))


@dataclass
class _Region:
    grid: Grid
    anchor: Cell
    first_row: int
    last_row: int
    first_col: int
    last_col: int | None
    rows: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rows = [Row(self.grid, r, self.first_col, self.last_col)
                     for r in range(self.first_row, self.last_row + 1)]


def _anchors(grid: Grid) -> list[Cell]:
    found = []
    for row in grid.rows:
        for cell in row:
            key = label_key(cell.text)
            if key == "项目名称" or (key.startswith("项目名称") and len(key) > 4 and key[4] in ":："):
                if grid.aligned and grid.origin(cell.row, cell.col) != (cell.row, cell.col):
                    continue
                found.append(cell)
    return found


def _regions(grid: Grid, anchors: list[Cell]) -> list[_Region]:
    regions = []
    for anchor in anchors:
        # Forms side by side end where the next one starts to the right.
        right = [a.col for a in anchors if a.col > anchor.col and abs(a.row - anchor.row) <= 3]
        last_col = min(right) - 1 if right else None
        below = [a.row for a in anchors if a.row > anchor.row
                 and (last_col is None or a.col <= last_col) and a.col >= anchor.col - 1]
        last_row = min(below) - 1 if below else grid.height - 1
        regions.append(_Region(grid, anchor, anchor.row, last_row, anchor.col, last_col))
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


def _unit(region: _Region, header_index: int) -> str:
    # The block's own label (`项目资金（万元）`) first, then a `单位：` line above the form.
    candidates = [region.rows[i] for i in range(header_index, min(header_index + 5, len(region.rows)))]
    for row in candidates:
        for cell in row.cells:
            unit = unit_in(cell.text)
            if unit:
                return unit
    grid = region.grid
    for r in range(max(region.first_row - 3, 0), region.first_row + 1):
        for cell in grid.rows[r]:
            unit = unit_in(cell.text)
            if unit:
                return unit
    return "万元"


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
    if not bound_ok and _BOUND.search(text.text):
        return None
    for figure in scan_figures(text.text):
        quantity = figure.quantity
        if figure.per:
            continue
        if budget_only and not _BUDGET_BEFORE.search(text.text[:figure.start]):
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


def _fund_block(form: Subject, region: _Region) -> int | None:
    """Reads the 项目资金 block into `form`; returns the index of the row after it."""
    for index, row in enumerate(region.rows):
        header = _header(row, FUND_COLUMNS, 4)
        if header is None or not any(n in header.slots for n in AMOUNT_COLUMNS):
            continue
        unit = _unit(region, index)
        form.meta["unit"] = unit
        columns = {name: Subject("资金列", name, form.location, parent=form)
                   for name in AMOUNT_COLUMNS if name in header.slots}
        end = index + 1
        for row_index in range(index + 1, min(index + 8, len(region.rows))):
            data = region.rows[row_index]
            label_cell = next((c for c in data.cells if _lookup(label_key(c.text), FUND_ROWS)), None)
            if label_cell is None:
                if any(data.find(*names) for names in (("年度总体目标",), ("一级指标",))):
                    break
                continue
            row_name = _lookup(label_key(label_cell.text), FUND_ROWS)
            if row_name is None:
                continue
            end = row_index + 1
            member = Subject("资金行", row_name, label_cell.location, parent=form)
            for column, slot in header.slots.items():
                cell = data.at(slot, header.width)
                if cell is label_cell:
                    continue
                kind = {"执行率": "percent", "分值": "score", "得分": "score"}.get(column, "amount")
                fact = cell_fact(column, cell, unit=unit, kind=kind,
                                 assigned=(column == "分值"), label=f"{row_name}·{column}",
                                 where=label_cell.location)
                if fact is None:
                    continue
                member.add(fact)
                if column in columns:
                    columns[column].add(Fact(row_name, fact.quantity, fact.location, fact.label))
            form.collections.setdefault("资金行", []).append(member)
            if row_name == "年度资金总额":
                for column, fact in member.facts.items():
                    name = {"分值": "资金分值", "得分": "资金得分"}.get(column, column)
                    form.add(Fact(name, fact.quantity, fact.location, fact.label))
        form.collections["资金列"] = list(columns.values())
        return end
    return None


def _indicators(form: Subject, region: _Region, start: int) -> None:
    header = None
    for index in range(start, len(region.rows)):
        row = region.rows[index]
        if header is None:
            header = _header(row, INDICATOR_COLUMNS, 4)
            if header is not None and "三级指标" not in header.slots:
                header = None
            continue
        if row.find(*TOTAL_LABELS):
            _total_row(form, row, header)
            return
        if row.is_blank():
            continue
        member = Subject("指标", "", row.cells[0].location, parent=form)
        for name in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因"):
            slot = header.slots.get(name)
            if slot is None:
                continue
            carry = name in ("一级指标", "二级指标")
            cell = row.carried(slot, header.width) if carry else row.at(slot, header.width)
            if cell is None:
                continue
            text = cell.text.strip()
            if carry and not compact(text):
                previous = form.collections.get("指标", [])
                text = previous[-1].texts[name].text if previous and name in previous[-1].texts else ""
                member.texts[name] = Text(text, cell.location)
            else:
                member.texts[name] = Text(label_key(text) if carry else text, cell.location)
        for name in ("分值", "得分"):
            slot = header.slots.get(name)
            if slot is None:
                continue
            cell = row.at(slot, header.width)
            fact = cell_fact(name, cell, kind="score", assigned=True, label=name,
                             where=row.cells[0].location)
            if fact is not None:
                member.add(fact)
        third = member.texts.get("三级指标")
        if not any(compact(t.text) for k, t in member.texts.items()
                   if k not in ("一级指标", "二级指标")) and not any(
                f.reported for f in member.facts.values()):
            continue  # an empty spacer row inside a merged group
        member.name = third.text.splitlines()[0][:40] if third and third.text else "（未命名指标）"
        member.location = (member.facts.get("得分") or member.facts.get("分值")).location \
            if member.facts.get("得分") or member.facts.get("分值") else member.location
        amounts = {
            "三级指标金额": ("三级指标", dict(bound_ok=True, budget_only=True)),
            "指标值金额": ("年度指标值", dict(bound_ok=True)),
            "完成值金额": ("实际完成值", dict(bound_ok=False)),
        }
        for fact_name, (text_name, how) in amounts.items():
            text = member.texts.get(text_name)
            fact = _text_fact(fact_name, _amount_in(text, **how), text)
            if fact is not None:
                member.add(fact)
        form.collections.setdefault("指标", []).append(member)


def _total_row(form: Subject, row: Row, header: _Header) -> None:
    label = row.find(*TOTAL_LABELS)
    assert label is not None
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
        fact = cell_fact("总分分值" if name == "分值" else "总分", cell, kind="score",
                         assigned=(name == "分值"), label=f"总分·{name}")
        if fact is not None:
            form.add(fact)


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)


def _open(grid: Grid) -> bool:
    """True when the grid's last form has not reached its 总分 row yet."""
    anchors = _anchors(grid)
    if not anchors:
        return False
    last = max(a.row for a in anchors)
    return not any(label_key(c.text) in TOTAL_LABELS for row in grid.rows[last:] for c in row)


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


def recognise(grid: Grid, year: int | None = None) -> tuple[list[Subject], list[str]]:
    """The 自评表 on a grid, and notes on anchors that did not make a form."""
    forms: list[Subject] = []
    notes: list[str] = []
    for region in _regions(grid, _anchors(grid)):
        anchor_row = region.rows[0]
        name = _value_after(anchor_row, region.anchor) or "（未填项目名称）"
        location = region.anchor.location
        form = Subject(KIND, name, location)
        for row in region.rows[:4]:
            for label in ("主管部门", "实施单位", "项目负责人"):
                cell = row.find(label)
                if cell is not None:
                    form.texts[label] = Text(_value_after(row, cell), cell.location)
        end = _fund_block(form, region)
        if end is None:
            notes.append(f"{location.describe() or grid.name}：有“项目名称”但找不到“项目资金”栏目，未按自评表检查")
            continue
        _indicators(form, region, end)
        form_year = _year(region, year)
        if form_year is not None:
            form.add(derived_fact("年度", Decimal(form_year), location, label="年度"))
            form.meta["year"] = form_year
        forms.append(form)
    return forms, notes
