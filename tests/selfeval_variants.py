"""项目支出绩效自评表 in the layouts provinces and years use, generated from parameters.

A `Layout` says how a form is laid out (header notes, words, where the funds score sits,
units, a transposed funds block, 中期 columns, the file format); `FormData` holds its
figures as exact values, shown with the precision the form prints. `write_workbook`
writes forms in a layout to .xlsx (openpyxl), .xls (xlwt) or .csv (the csv module) and
returns where each figure went, so a test can inject one error and assert the cell a
finding points at.

The clean form is full of rounding traps: every identity holds only once rounding is
allowed for (sources 81.00 + 15.05 = 96.05 shown as 96.06; 96.06 ÷ 102.00 = 94.18% shown
as 94.17%; a funds score 9.42 from 94.17%), and the scores have halves (12.5 of 12.5).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

D = Decimal
FUND_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
AMOUNTS = ("年初预算数", "全年预算数", "全年执行数")


@dataclass(frozen=True)
class Layout:
    name: str
    suffixes: bool = False  # 全年预算数（A）, 全年执行数（B）, 执行率（B/A）
    score_word: str = "得分"  # or 自评得分
    weight_word: str = "分值"  # or 权重
    points_in_first: bool = False  # 一级指标 cells say 产出指标（50分）
    rate_in_indicators: bool = False  # 预算执行率 is an indicator row, not funds columns
    total_word: str = "年度资金总额"  # or 资金总额
    rate_style: str = "percent"  # percent (0.00% format) | fraction (General) | text
    unit: str = "万元"  # the block's unit
    column_units: tuple[tuple[str, str], ...] = ()  # a column with its own unit note
    serial: bool = False  # a 序号 column in the indicator table
    transposed: bool = False  # fund rows as columns, 年初预算数 … as rows
    side_by_side: bool = False  # two forms on one sheet
    midterm: bool = False  # 中期指标值 / 中期实际完成值 beside the 年度 ones
    fmt: str = "xlsx"  # xlsx | xls | csv


VARIANTS = [
    Layout("standard"),
    Layout("suffixes", suffixes=True),
    Layout("自评得分-权重", score_word="自评得分", weight_word="权重"),
    Layout("points-in-一级指标", points_in_first=True),
    Layout("rate-as-indicator", rate_in_indicators=True),
    Layout("资金总额", total_word="资金总额"),
    Layout("rate-fraction-general", rate_style="fraction"),
    Layout("amounts-in-元", unit="元"),
    Layout("column-in-元", column_units=(("全年预算数", "元"),), suffixes=True),
    Layout("序号", serial=True),
    Layout("transposed", transposed=True),
    Layout("side-by-side", side_by_side=True),
    Layout("中期-年度", midterm=True),
    Layout("csv", fmt="csv", rate_style="text"),
    Layout("xls", fmt="xls", rate_style="fraction"),
    Layout("xls-transposed-元", fmt="xls", transposed=True, unit="元", suffixes=True),
    Layout("csv-rate-as-indicator-序号", fmt="csv", rate_in_indicators=True, serial=True,
           score_word="自评得分"),
]


@dataclass
class Shown:
    """A figure: its exact value and the decimals the form prints it with."""

    value: Decimal
    places: int

    @property
    def text(self) -> str:
        quantum = D(1).scaleb(-self.places)
        return f"{self.value.quantize(quantum, rounding=ROUND_HALF_UP):f}"

    @property
    def printed(self) -> Decimal:
        return D(self.text)


@dataclass
class Indicator:
    first: str
    second: str
    third: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    reason: str = ""


@dataclass
class FormData:
    name: str
    # row → column → exact amount in 万元
    amounts: dict[str, dict[str, Decimal]]
    indicators: list[Indicator]
    funds_weight: Decimal = D(10)
    year: int = 2023
    # Filled by `settle`: what the form prints where it works figures out.
    rates: dict[str, Shown] = field(default_factory=dict)
    funds_score: Shown | None = None
    total: Decimal | None = None
    total_weight: Decimal = D(100)
    overrides: dict[tuple, object] = field(default_factory=dict)  # injected values by key


def clean_form(name: str = "示范项目") -> FormData:
    amounts = {
        "年度资金总额": {"年初预算数": D("102.508"), "全年预算数": D("102.00"), "全年执行数": D("96.058")},
        "当年财政拨款": {"年初预算数": D("56.654"), "全年预算数": D("85.30"), "全年执行数": D("81.004")},
        "上年结转资金": {"年初预算数": D("45.854"), "全年预算数": D("16.70"), "全年执行数": D("15.054")},
        "其他资金": {},
    }
    indicators = [
        Indicator("产出指标", "数量指标", "完成巡查次数", "≥12次", "12次", D("12.5"), D("12.5")),
        Indicator("产出指标", "质量指标", "问题整改率", "≥95%", "93%", D("12.5"), D("12"),
                  "个别问题整改周期较长，下年度加强督办"),
        Indicator("产出指标", "时效指标", "2023年12月底前完成", "按时完成", "按时完成", D(15), D(15)),
        Indicator("产出指标", "成本指标", "项目预算控制102万元", "102万元", "960580元", D(10), D(10)),
        Indicator("效益指标", "社会效益指标", "市容环境改善", "明显改善", "明显改善", D(30), D(30)),
        Indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "94.5%", D(10), D("9.5"),
                  "个别诉求未及时回应"),
    ]
    form = FormData(name, amounts, indicators)
    settle(form)
    return form


def settle(form: FormData) -> None:
    """Works out the rates, the funds score and the 总分 as the form prints them."""
    form.rates = {}
    for row, values in form.amounts.items():
        if "全年预算数" in values and "全年执行数" in values:
            form.rates[row] = Shown(values["全年执行数"] / values["全年预算数"] * 100, 2)
    rate = form.amounts["年度资金总额"]["全年执行数"] / form.amounts["年度资金总额"]["全年预算数"]
    form.funds_score = Shown(form.funds_weight * min(rate, D(1)), 2)
    # 总分 is the sum of the scores as shown.
    form.total = form.funds_score.printed + sum((i.score for i in form.indicators), D(0))


# ---------------------------------------------------------------- the canvas


@dataclass
class Spot:
    value: object  # str (text) or Decimal (a number)
    number_format: str | None = None


@dataclass
class Canvas:
    cells: dict[tuple[int, int], Spot] = field(default_factory=dict)  # 0-based (row, col)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def put(self, r: int, c: int, value: object, number_format: str | None = None) -> str:
        if value is not None and value != "":
            self.cells[(r, c)] = Spot(value, number_format)
        return f"{get_column_letter(c + 1)}{r + 1}"

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))


def _unit_factor(unit: str) -> Decimal:
    return D(10_000) if unit == "元" else D(1)


class _Writer:
    """Lays out one form on a canvas at (top, left); records where each figure went."""

    def __init__(self, canvas: Canvas, layout: Layout, form: FormData, top: int, left: int):
        self.canvas, self.layout, self.form = canvas, layout, form
        self.top, self.left = top, left
        self.where: dict[tuple, str] = {}
        self.units = dict(layout.column_units)

    # -- figures

    def amount(self, row: str, column: str) -> tuple[object, str | None]:
        key = ("funds", row, column)
        if key in self.form.overrides:
            return self._number(self.form.overrides[key], 2)
        exact = self.form.amounts.get(row, {}).get(column)
        if exact is None:
            return None, None
        unit = self.units.get(column, self.layout.unit)
        return self._number(Shown(exact * _unit_factor(unit), 2).printed, 2)

    def _number(self, value: Decimal, places: int) -> tuple[object, str | None]:
        if self.layout.fmt == "csv":
            return f"{value:f}", None
        return D(value), "0." + "0" * places if places else "0"

    def rate(self, row: str, key: tuple | None = None) -> tuple[object, str | None]:
        key = key or ("funds", row, "执行率")
        shown = self.form.overrides.get(key)
        if shown is None:
            if row not in self.form.rates:
                return None, None
            shown = self.form.rates[row].printed
        shown = D(shown)
        style = self.layout.rate_style
        if style == "text" or self.layout.fmt == "csv":
            return f"{shown:f}%", None
        fraction = shown / 100
        if style == "fraction":
            return fraction, "General"
        return fraction, "0.00%"

    def score(self, key: tuple, value: Decimal | None) -> tuple[object, str | None]:
        value = self.form.overrides.get(key, value)
        if value is None:
            return None, None
        value = D(value)
        places = max(-value.normalize().as_tuple().exponent, 0)
        if key[0] == "funds":
            places = 2
        return self._number(value, places)

    # -- labels

    def header(self, column: str) -> str:
        words = {"年初预算数": "年初预\n算数", "全年预算数": "全年预\n算数", "全年执行数": "全年\n执行数",
                 "分值": self.layout.weight_word, "执行率": "执行率", "得分": self.layout.score_word}
        text = words[column]
        if self.layout.suffixes:
            text += {"全年预算数": "（A）", "全年执行数": "（B）", "执行率": "（B/A）"}.get(column, "")
        if column in self.units:
            text += f"（{self.units[column]}）"
        return text

    def row_label(self, row: str) -> str:
        return {"年度资金总额": self.layout.total_word, "当年财政拨款": "其中：当年财政\n拨款",
                "上年结转资金": "      上年结转资金", "其他资金": "  其他资金"}[row]

    def fund_columns(self) -> list[str]:
        if self.layout.rate_in_indicators:
            return list(AMOUNTS)
        return [*AMOUNTS, "分值", "执行率", "得分"]

    # -- the form

    def write(self) -> dict:
        c, L = self.canvas, self.left
        r = self.top
        width = 11
        c.put(r, L, "项目支出绩效自评表")
        c.merge(r, L, r, L + width - 1)
        r += 1
        c.put(r, L, f"（{self.form.year}年度）")
        c.merge(r, L, r, L + width - 1)
        r += 1
        self.where["name"] = c.put(r, L, "项目名称")
        c.put(r, L + 1, self.form.name)
        c.merge(r, L + 1, r, L + width - 1)
        r += 1
        c.put(r, L, "主管部门")
        c.put(r, L + 1, "某区城市管理局")
        c.merge(r, L + 1, r, L + 4)
        c.put(r, L + 5, "实施单位")
        c.put(r, L + 6, "某区城市管理局")
        c.merge(r, L + 6, r, L + width - 1)
        r += 1
        r = self.transposed_funds(r) if self.layout.transposed else self.funds(r)
        c.put(r, L, "年度总体目标")
        c.merge(r, L, r + 1, L)
        c.put(r, L + 1, "预期目标")
        c.merge(r, L + 1, r, L + 5)
        c.put(r, L + 6, "实际完成情况")
        c.merge(r, L + 6, r, L + width - 1)
        c.put(r + 1, L + 1, "保障项目顺利实施")
        c.merge(r + 1, L + 1, r + 1, L + 5)
        c.put(r + 1, L + 6, "项目顺利实施")
        c.merge(r + 1, L + 6, r + 1, L + width - 1)
        r = self.indicators(r + 2)
        self.where["bottom"] = r
        return self.where

    def block_label(self) -> str:
        return f"项目资金\n（{self.layout.unit}）"

    def funds(self, r: int) -> int:
        c, L = self.canvas, self.left
        columns = self.fund_columns()
        c.put(r, L, self.block_label())
        c.merge(r, L, r + len(FUND_ROWS), L)
        for i, column in enumerate(columns):
            c.put(r, L + 2 + i, self.header(column))
        for j, row in enumerate(FUND_ROWS):
            rr = r + 1 + j
            self.where[("label", row)] = c.put(rr, L + 1, self.row_label(row))
            for i, column in enumerate(columns):
                self.where[("funds", row, column)] = c.put(rr, L + 2 + i, *self.figure(row, column))
        return r + 1 + len(FUND_ROWS)

    def transposed_funds(self, r: int) -> int:
        c, L = self.canvas, self.left
        columns = self.fund_columns()
        c.put(r, L, self.block_label())
        c.merge(r, L, r + len(columns), L)
        for j, row in enumerate(FUND_ROWS):
            self.where[("label", row)] = c.put(r, L + 2 + j, self.row_label(row).strip())
        for i, column in enumerate(columns):
            rr = r + 1 + i
            c.put(rr, L + 1, self.header(column))
            for j, row in enumerate(FUND_ROWS):
                self.where[("funds", row, column)] = c.put(rr, L + 2 + j, *self.figure(row, column))
        return r + 1 + len(columns)

    def figure(self, row: str, column: str) -> tuple[object, str | None]:
        if column in AMOUNTS:
            return self.amount(row, column)
        if column == "执行率":
            return self.rate(row)
        if row != "年度资金总额":
            return "—", None
        if column == "分值":
            return self.score(("funds", row, "分值"), self.form.funds_weight)
        return self.score(("funds", row, "得分"), self.form.funds_score.printed)

    def indicators(self, r: int) -> int:
        c, L, layout = self.canvas, self.left, self.layout
        names = (["序号"] if layout.serial else []) + ["一级指标", "二级指标", "三级指标", "年度\n指标值"] \
            + (["中期\n指标值"] if layout.midterm else []) + ["实际\n完成值"] \
            + (["中期实际\n完成值"] if layout.midterm else []) \
            + [layout.weight_word, layout.score_word, "偏差原因分析及改进措施"]
        col = {name: L + 1 + i for i, name in enumerate(names)}
        weight_col, score_col = col[layout.weight_word], col[layout.score_word]
        header = r
        c.put(r, L, "绩\n效\n指\n标")
        for name, at in col.items():
            c.put(r, at, name)
        r += 1
        rows = list(self.form.indicators)
        if layout.rate_in_indicators:
            budget_rate = Indicator("预算执行率", "预算执行率", "预算执行率", "100%", "", self.form.funds_weight,
                                    self.form.funds_score.printed)
            rows.insert(0, budget_rate)
        totals: dict[str, Decimal] = {}
        for ind in rows:
            totals[ind.first] = totals.get(ind.first, D(0)) + ind.weight
        starts: dict[str, int] = {}
        previous = (None, None)
        for index, ind in enumerate(rows):
            key_index = index - 1 if layout.rate_in_indicators else index
            is_rate = layout.rate_in_indicators and index == 0
            if layout.serial:
                c.put(r, col["序号"], str(index + 1) if layout.fmt == "csv" else D(index + 1))
            if ind.first != previous[0]:
                first = ind.first
                if layout.points_in_first and not is_rate:
                    points = self.form.overrides.get(("points", first), totals[first])
                    first = f"{first}（{D(points).normalize():f}分）"
                self.where[("points", ind.first)] = c.put(r, col["一级指标"], first)
                starts["first"] = r
            if (ind.first, ind.second) != previous:
                c.put(r, col["二级指标"], ind.second)
                starts["second"] = r
            previous = (ind.first, ind.second)
            nxt = rows[index + 1] if index + 1 < len(rows) else None
            if nxt is None or nxt.first != ind.first:
                c.merge(starts["first"], col["一级指标"], r, col["一级指标"])
            if nxt is None or (nxt.first, nxt.second) != (ind.first, ind.second):
                c.merge(starts["second"], col["二级指标"], r, col["二级指标"])
            c.put(r, col["三级指标"], ind.third)
            c.put(r, col["年度\n指标值"], ind.target)
            if layout.midterm:
                # The 中期 figures differ from the year's: read in their place they would
                # break the cost identities (300万元 is not the year's budget).
                c.put(r, col["中期\n指标值"], "—" if is_rate else ind.target.replace("102万元", "300万元"))
                c.put(r, col["中期实际\n完成值"], "—" if is_rate else ind.actual.replace("960580元", "2900000元"))
            if is_rate:
                self.where[("funds", "年度资金总额", "执行率")] = c.put(
                    r, col["实际\n完成值"], *self.rate("年度资金总额"))
                self.where[("funds", "年度资金总额", "分值")] = c.put(
                    r, weight_col, *self.score(("funds", "年度资金总额", "分值"), ind.weight))
                self.where[("funds", "年度资金总额", "得分")] = c.put(
                    r, score_col, *self.score(("funds", "年度资金总额", "得分"), ind.score))
            else:
                self.where[("ind", key_index, "三级指标")] = f"{get_column_letter(col['三级指标'] + 1)}{r + 1}"
                self.where[("ind", key_index, "实际完成值")] = c.put(r, col["实际\n完成值"], ind.actual)
                self.where[("ind", key_index, "分值")] = c.put(
                    r, weight_col, *self.score(("ind", key_index, "分值"), ind.weight))
                self.where[("ind", key_index, "得分")] = c.put(
                    r, score_col, *self.score(("ind", key_index, "得分"), ind.score))
                c.put(r, col["偏差原因分析及改进措施"], ind.reason)
            r += 1
        c.merge(header, L, r - 1, L)
        c.put(r, L, "总分")
        c.merge(r, L, r, weight_col - 1)
        self.where[("total", "分值")] = c.put(r, weight_col, *self.score(("total", "分值"), self.form.total_weight))
        self.where[("total", "得分")] = c.put(r, score_col, *self.score(("total", "得分"), self.form.total))
        return r + 1


# ---------------------------------------------------------------- files


def _save_xlsx(canvas: Canvas, path: Path, sheet: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    for (r, c), spot in canvas.cells.items():
        cell = ws.cell(row=r + 1, column=c + 1, value=spot.value)
        if spot.number_format:
            cell.number_format = spot.number_format
    for r1, c1, r2, c2 in canvas.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    workbook.save(path)


def _save_xls(canvas: Canvas, path: Path, sheet: str) -> None:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    ws = workbook.add_sheet(sheet)
    covered = {(r, c) for r1, c1, r2, c2 in canvas.merges
               for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}
    styles: dict[str, object] = {}

    def style(number_format: str | None):
        key = number_format or "General"
        if key not in styles:
            styles[key] = xlwt.easyxf(num_format_str=key)
        return styles[key]

    def value(spot: Spot | None):
        if spot is None:
            return ""
        return float(spot.value) if isinstance(spot.value, Decimal) else spot.value

    for r1, c1, r2, c2 in canvas.merges:
        spot = canvas.cells.get((r1, c1))
        ws.write_merge(r1, r2, c1, c2, value(spot), style(spot.number_format if spot else None))
    merged_origins = {(r1, c1) for r1, c1, _, _ in canvas.merges}
    for (r, c), spot in canvas.cells.items():
        if (r, c) in covered or (r, c) in merged_origins:
            continue
        ws.write(r, c, value(spot), style(spot.number_format))
    workbook.save(str(path))


def _save_csv(canvas: Canvas, path: Path) -> None:
    height = max(r for r, _ in canvas.cells) + 1
    width = max(c for _, c in canvas.cells) + 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for r in range(height):
            writer.writerow([_csv_text(canvas.cells.get((r, c))) for c in range(width)])


def _csv_text(spot: Spot | None) -> str:
    if spot is None:
        return ""
    return spot.value if isinstance(spot.value, str) else f"{spot.value:f}"


SHEET = "自评表"


def write_workbook(layout: Layout, forms: list[FormData], folder: Path, stem: str = "form"
                   ) -> tuple[Path, list[dict]]:
    """Writes the forms (side by side when the layout says so, else one below the other)."""
    canvas = Canvas()
    addresses = []
    top = top_of_pair = 0
    for index, form in enumerate(forms):
        if layout.side_by_side and index % 2 == 1:
            writer = _Writer(canvas, layout, form, top_of_pair + 2, 13)
            addresses.append(writer.write())
            top = max(top, writer.where["bottom"] + 2)
            continue
        top_of_pair = top
        writer = _Writer(canvas, layout, form, top, 0)
        addresses.append(writer.write())
        top = writer.where["bottom"] + 2
    path = folder / f"{stem}.{layout.fmt}"
    if layout.fmt == "xlsx":
        _save_xlsx(canvas, path, SHEET)
    elif layout.fmt == "xls":
        _save_xls(canvas, path, SHEET)
    else:
        _save_csv(canvas, path)
    return path, addresses


# ---------------------------------------------------------------- injected errors


def _rate_off(form: FormData) -> tuple:
    key = ("funds", "年度资金总额", "执行率")
    form.overrides[key] = form.rates["年度资金总额"].printed + 3
    return key


def _total_off(form: FormData) -> tuple:
    key = ("funds", "年度资金总额", "全年预算数")
    form.amounts["年度资金总额"]["全年预算数"] += 10  # the rate and scores stay as typed
    return key


def _score_over(form: FormData) -> tuple:
    form.indicators[2].score = form.indicators[2].weight + 2
    return ("ind", 2, "得分")


def _grand_total_off(form: FormData) -> tuple:
    form.total = form.total + D("0.5")
    return ("total", "得分")


def _unit_slip_in_source(form: FormData) -> tuple:
    key = ("funds", "当年财政拨款", "全年执行数")
    form.amounts["当年财政拨款"]["全年执行数"] *= 10_000
    return key


def _unit_slip_in_total(form: FormData) -> tuple:
    key = ("funds", "年度资金总额", "全年预算数")
    form.amounts["年度资金总额"]["全年预算数"] *= 10_000
    return key


ERRORS = {
    "wrong rate": _rate_off,
    "wrong funds total": _total_off,
    "score above weight": _score_over,
    "总分 off by 0.5": _grand_total_off,
    "unit slip ×10⁴ in a source": _unit_slip_in_source,
    "unit slip ×10⁴ in the total": _unit_slip_in_total,
}


def with_error(form: FormData, error: str) -> tuple[FormData, tuple]:
    """A copy of the form with one injected error, and the key of the changed cell."""
    wrong = copy.deepcopy(form)
    key = ERRORS[error](wrong)
    return wrong, key


