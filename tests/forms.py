"""Writing 项目支出绩效自评表 into workbooks for tests, in the official layout.

`FormSpec` holds a form's figures as they are shown; `write_form` lays it out at any
row and column of a worksheet (merged cells, line breaks in headers, percent formats) and
returns where each figure went, so a test can assert a finding's cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

FUND_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
FUND_ROW_LABELS = {"年度资金总额": "年度资金总额", "当年财政拨款": "其中：当年财政\n拨款",
                   "上年结转资金": "      上年结转资金", "其他资金": "  其他资金"}
FUND_COLS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUND_HEADERS = ("年初预\n算数", "全年预\n算数（A）", "全年\n执行数（B）", "分值", "执行率\n（B/A）",
                "得分")


@dataclass
class Indicator:
    first: str  # 一级指标
    second: str  # 二级指标
    third: str  # 三级指标
    target: str = ""
    actual: str = ""
    weight: str | Decimal | int | None = None
    score: str | Decimal | int | None = None
    reason: str = ""


@dataclass
class FormSpec:
    name: str
    year: int | None = 2023
    unit_label: str = "项目资金\n（万元）"
    # row → column → value; a str is written as text, a number as a number
    funds: dict[str, dict[str, object]] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: object = 100
    total_score: object = None
    rate_as_text: bool = False  # 执行率 typed as text ("99.74%") instead of a % number


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _put(ws, row: int, col: int, value: object, *, percent: bool = False,
         as_text: bool = False) -> str:
    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell.coordinate
    if isinstance(value, str):
        cell.value = value
        return cell.coordinate
    number = Decimal(str(value))
    if percent:
        if as_text:
            cell.value = f"{number}%"
            return cell.coordinate
        places = _decimals(number)
        cell.value = number / 100
        cell.number_format = "0" + ("." + "0" * places if places else "") + "%"
        return cell.coordinate
    cell.value = number
    places = _decimals(number)
    cell.number_format = "0." + "0" * places if places else "0"
    return cell.coordinate


def write_form(ws, spec: FormSpec, top: int = 1, left: int = 1) -> dict:
    """Lays the form out with its top-left corner at (top, left); returns cell addresses."""
    where: dict = {}
    col = lambda i: left + i  # noqa: E731 - column i of the form (0 = A of the layout)
    r = top

    def merge(r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    ws.cell(row=r, column=col(0), value="项目支出绩效自评表")
    merge(r, col(0), r, col(8))
    r += 1
    if spec.year is not None:
        ws.cell(row=r, column=col(0), value=f"（{spec.year}年度）")
        merge(r, col(0), r, col(8))
        r += 1
    ws.cell(row=r, column=col(0), value="项目名称")
    ws.cell(row=r, column=col(1), value=spec.name)
    merge(r, col(1), r, col(8))
    where["name"] = ws.cell(row=r, column=col(0)).coordinate
    r += 1
    ws.cell(row=r, column=col(0), value="主管部门")
    ws.cell(row=r, column=col(1), value="某区城市管理局")
    merge(r, col(1), r, col(3))
    ws.cell(row=r, column=col(4), value="实施单位")
    ws.cell(row=r, column=col(5), value="某区城市管理局")
    merge(r, col(5), r, col(8))
    r += 1
    header = r
    ws.cell(row=r, column=col(0), value=spec.unit_label)
    merge(r, col(0), r + len(FUND_ROWS), col(0))
    for i, text in enumerate(FUND_HEADERS):
        ws.cell(row=r, column=col(2 + i), value=text)
    r += 1
    for row_name in FUND_ROWS:
        ws.cell(row=r, column=col(1), value=FUND_ROW_LABELS[row_name])
        values = spec.funds.get(row_name, {})
        for i, column in enumerate(FUND_COLS):
            value = values.get(column)
            if value is None and row_name != "年度资金总额" and column in ("分值", "得分"):
                value = "—"
            where[("funds", row_name, column)] = _put(
                ws, r, col(2 + i), value, percent=(column == "执行率"),
                as_text=spec.rate_as_text)
        r += 1
    assert r == header + 1 + len(FUND_ROWS)
    ws.cell(row=r, column=col(0), value="年度总体目标")
    merge(r, col(0), r + 1, col(0))
    ws.cell(row=r, column=col(1), value="预期目标")
    merge(r, col(1), r, col(4))
    ws.cell(row=r, column=col(5), value="实际完成情况")
    merge(r, col(5), r, col(8))
    r += 1
    ws.cell(row=r, column=col(1), value="保障项目顺利实施")
    merge(r, col(1), r, col(4))
    ws.cell(row=r, column=col(5), value="项目顺利实施")
    merge(r, col(5), r, col(8))
    r += 1
    indicator_header = r
    ws.cell(row=r, column=col(0), value="绩\n效\n指\n标")
    for i, text in enumerate(("一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值",
                              "分值", "得分", "偏差原因分析及改进措施")):
        ws.cell(row=r, column=col(1 + i), value=text)
    r += 1
    first_start = second_start = r
    previous_first = previous_second = None
    for index, ind in enumerate(spec.indicators):
        if ind.first != previous_first:
            if previous_first is not None:
                merge(first_start, col(1), r - 1, col(1))
            ws.cell(row=r, column=col(1), value=ind.first)
            first_start = r
        if ind.first != previous_first or ind.second != previous_second:
            if previous_second is not None:
                merge(second_start, col(2), r - 1, col(2))
            ws.cell(row=r, column=col(2), value=ind.second)
            second_start = r
        previous_first, previous_second = ind.first, ind.second
        ws.cell(row=r, column=col(3), value=ind.third)
        ws.cell(row=r, column=col(4), value=ind.target)
        ws.cell(row=r, column=col(5), value=ind.actual)
        where[("ind", index, "分值")] = _put(ws, r, col(6), ind.weight)
        where[("ind", index, "得分")] = _put(ws, r, col(7), ind.score)
        ws.cell(row=r, column=col(8), value=ind.reason or None)
        where[("ind", index, "三级指标")] = ws.cell(row=r, column=col(3)).coordinate
        where[("ind", index, "年度指标值")] = ws.cell(row=r, column=col(4)).coordinate
        where[("ind", index, "实际完成值")] = ws.cell(row=r, column=col(5)).coordinate
        r += 1
    if spec.indicators:
        merge(first_start, col(1), r - 1, col(1))
        merge(second_start, col(2), r - 1, col(2))
    merge(indicator_header, col(0), r - 1, col(0))
    ws.cell(row=r, column=col(0), value="总分")
    merge(r, col(0), r, col(5))
    where[("total", "分值")] = _put(ws, r, col(6), spec.total_weight)
    where[("total", "得分")] = _put(ws, r, col(7), spec.total_score)
    where["bottom"] = r
    return where


def standard_indicators(scores: dict[int, object] | None = None) -> list[Indicator]:
    """Indicators with the standard weights 50/30/10, full marks unless `scores` says."""
    rows = [
        Indicator("产出指标", "数量指标", "完成巡查次数", "≥12次", "12次", 20, 20),
        Indicator("产出指标", "质量指标", "问题整改率", "≥95%", "97%", 15, 15),
        Indicator("产出指标", "时效指标", "2023年12月底前完成", "按时完成", "按时完成", 5, 5),
        Indicator("产出指标", "成本指标", "项目预算控制73.41万元", "73.41万元", "724000元", 10, 10),
        Indicator("效益指标", "社会效益指标", "市容环境改善", "明显改善", "明显改善", 30, 30),
        Indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10),
    ]
    for index, score in (scores or {}).items():
        rows[index].score = score
    return rows


def consistent_spec(name: str = "示范项目") -> FormSpec:
    """A form in which every identity holds once rounding is allowed for."""
    return FormSpec(
        name=name,
        funds={
            "年度资金总额": {"年初预算数": Decimal("73.41"), "全年预算数": Decimal("73.41"),
                       "全年执行数": Decimal("72.4"), "分值": 10, "执行率": Decimal("98.62"),
                       "得分": Decimal("9.86")},
            "当年财政拨款": {"年初预算数": Decimal("73.41"), "全年预算数": Decimal("73.41"),
                       "全年执行数": Decimal("72.4"), "执行率": Decimal("98.62")},
        },
        indicators=standard_indicators(),
        total_score=Decimal("99.86"),
    )


def column_letter(index: int) -> str:
    return get_column_letter(index)
