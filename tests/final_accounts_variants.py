"""The nine 部门决算 tables of an invented department, written in many layouts for tests.

The figures are kept exact in 元 (`Decimal`) and agree with every identity of the rules
pack; a table shown in 万元 rounds each figure to two decimals on its own, so the shown
parents and totals differ from the sums of their shown parts by a cent here and there
(the rounding traps a checker must not report). `Layout` says how the workbook is laid
out; `inject` changes one figure before writing; `write` returns where each figure went
(`where[(slot, row key, column)] = "sheet!B7"`), so that a test can assert a finding's cell.

Nothing here copies a sample: the department, its rows and its figures are made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

D = Decimal
CENT = D("0.01")
NUMBERS = "一二三四五六七八九十"

# 功能分类 items: code, name, 基本支出, 项目支出 (元), and 其他收入 of the item.
ITEMS = [
    ("2010601", "行政运行", D("15035213.47"), D("83712.12"), D("0")),
    ("2010602", "一般行政管理事务", D("0"), D("100049.50"), D("61900.00")),
    ("2010699", "其他财政事务支出", D("0"), D("4495238.61"), D("0")),
    ("2080501", "行政单位离退休", D("846548.33"), D("0"), D("0")),
    ("2080505", "机关事业单位基本养老保险缴费支出", D("1607461.77"), D("0"), D("0")),
    ("2101101", "行政单位医疗", D("609936.45"), D("0"), D("0")),
    ("2210201", "住房公积金", D("1871946.26"), D("0"), D("0")),
    ("2210203", "购房补贴", D("2585047.38"), D("0"), D("0")),
]
PARENTS = {"201": "一般公共服务支出", "20106": "财政事务", "208": "社会保障和就业支出",
           "20805": "行政事业单位养老支出", "210": "卫生健康支出", "21011": "行政事业单位医疗",
           "221": "住房保障支出", "22102": "住房改革支出"}
CLASS_ORDER = ["201", "208", "210", "221"]
OPENING_OTHER = D("274100.00")  # 年初结转和结余 outside appropriations
OPENING_APPROPRIATION = D("216300.00")
# 经济分类: 人员经费 (301, 303) and 公用经费 (302, 310); 30102 takes what is left of 基本支出.
ECONOMIC = [
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"),
    ("30108", "机关事业单位基本养老保险缴费"), ("30113", "住房公积金"),
    ("303", "对个人和家庭的补助"), ("30302", "退休费"),
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"),
    ("30231", "公务用车运行维护费"),
    ("310", "资本性支出"), ("31002", "办公设备购置"),
]
ECONOMIC_FIXED = {"30101": D("3921450.18"), "30108": D("1607461.77"), "30113": D("1871946.26"),
                  "30302": D("846548.33"), "30201": D("212733.05"), "30211": D("18412.00"),
                  "30217": D("9850.00"), "30231": D("24310.00"), "31002": D("135800.00")}
# 三公: (预算数, 决算数) per item.
THREE_PUBLIC = {"因公出国（境）费": (D("0"), D("0")), "公务用车购置费": (D("0"), D("0")),
                "公务用车运行维护费": (D("30000"), D("24310")), "公务接待费": (D("15000"), D("9850"))}


@dataclass
class Layout:
    stacked: bool = False  # every table on one sheet, one under another
    units: dict[str, str] = field(default_factory=dict)  # slot → 元 | 万元 (default 万元)
    stated_units: dict[str, str] = field(default_factory=dict)  # slot → the 单位 line, if not the unit
    numbering: bool = True  # T1/T4 labels with 一、二、
    split_codes: bool = True  # 科目编码 in 类/款/项 columns, else one code column
    continued: tuple[str, ...] = ()  # tables whose second half stands on another sheet
    continued_title: bool = True  # the second half repeats the title with （续）and the header
    text_numbers: bool = False  # figures typed as text with thousands separators
    three_public_header: int = 3  # 三公 header rows: 1, 2 or 3
    short_vehicle_labels: bool = False  # 三公: 购置费 / 运行维护费 without 公务用车
    t4_fund_columns: bool = False  # T4's income half with a column per fund, not a row
    renamed: dict[str, str] = field(default_factory=dict)  # row label → the label written


@dataclass
class Table:
    slot: str
    title: str
    header: list[list[str]]  # "<": merged with the cell on the left, "^": with the one above
    rows: list[list[object]]  # str labels, Decimal amounts (元), None for blank
    keys: list[str]  # a key per row
    columns: dict[str, int]  # value column name → index
    notes: list[str] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)  # another key → row (the right half)

    def index(self, key: str) -> int:
        return self.aliases[key] if key in self.aliases else self.keys.index(key)

    def keys_of(self, index: int) -> list[str]:
        return [self.keys[index]] + [k for k, i in self.aliases.items() if i == index]


# ---------------------------------------------------------------- the figures


def _item_table() -> dict[str, dict[str, D]]:
    """Every 功能分类 row (类, 款, 项) with its figures."""
    rows: dict[str, dict[str, D]] = {}
    for code, _, basic, project, other in ITEMS:
        values = {"基本支出": basic, "项目支出": project, "其他收入": other}
        for prefix in (code[:3], code[:5], code):
            row = rows.setdefault(prefix, {"基本支出": D(0), "项目支出": D(0), "其他收入": D(0)})
            for name, value in values.items():
                row[name] += value
    for row in rows.values():
        row["支出合计"] = row["基本支出"] + row["项目支出"]
        row["财政拨款收入"] = row["支出合计"]
        row["收入合计"] = row["财政拨款收入"] + row["其他收入"]
    return rows


def _names() -> dict[str, str]:
    return {**PARENTS, **{code: name for code, name, *_ in ITEMS}}


def _ordered_codes() -> list[str]:
    codes = sorted(_item_table())
    return codes


def _economic() -> dict[str, D]:
    values = dict(ECONOMIC_FIXED)
    basic = sum((basic for _, _, basic, _, _ in ITEMS), D(0))
    values["30102"] = basic - sum(values.values())
    for parent in ("301", "302", "303", "310"):
        values[parent] = sum((v for k, v in values.items() if len(k) == 5 and k.startswith(parent)), D(0))
    return values


# ---------------------------------------------------------------- the tables


def _code_cells(code: str, split: bool) -> list[str]:
    if not split:
        return [code]
    return [code[:3], code[3:5] if len(code) > 3 else "", code[5:7] if len(code) > 5 else ""]


def _coded_header(split: bool, value_names: list[str], first: str = "项目") -> list[list[str]]:
    labels = (["类", "款", "项"] if split else ["科目编码"]) + ["科目名称"]
    top = [first] + ["<"] * (len(labels) - 1) + value_names
    second = labels + ["^"] * len(value_names)
    return [top, second]


def _coded(slot: str, title: str, layout: Layout, columns: list[tuple[str, str]],
           values: dict[str, dict[str, D]], total_first: bool) -> Table:
    """A table of 功能分类 rows: 合计, then 类/款/项 rows, each with the named columns."""
    split = layout.split_codes
    names = _names()
    header = _coded_header(split, [label for label, _ in columns])
    width = (3 if split else 1) + 1
    rows, keys = [], []
    total = {name: sum((values[c][name] for c in values if len(c) == 3), D(0)) for _, name in columns}

    def total_row() -> None:
        rows.append(["合计"] + [""] * (width - 1) + [total[name] for _, name in columns])
        keys.append("合计")

    if total_first:
        total_row()
    for code in _ordered_codes():
        rows.append(_code_cells(code, split) + [names[code]] + [values[code][name] or None
                                                                for _, name in columns])
        keys.append(code)
    if not total_first:
        total_row()
    return Table(slot, title, header, rows, keys,
                 {name: width + i for i, (_, name) in enumerate(columns)})


def _label(text: str, index: int, layout: Layout) -> str:
    text = layout.renamed.get(text, text)
    if not layout.numbering or index < 0:
        return text
    number = NUMBERS[index] if index < 10 else "十" + NUMBERS[index - 10]
    return f"{number}、{text}"


def t1(layout: Layout) -> Table:
    items = _item_table()
    income = sum((items[c]["收入合计"] for c in CLASS_ORDER), D(0))
    spent = sum((items[c]["支出合计"] for c in CLASS_ORDER), D(0))
    appropriation = sum((items[c]["财政拨款收入"] for c in CLASS_ORDER), D(0))
    other = income - appropriation
    opening = OPENING_OTHER + OPENING_APPROPRIATION
    closing = opening + income - spent
    left = [("一般公共预算财政拨款收入", appropriation), ("政府性基金预算财政拨款收入", None),
            ("国有资本经营预算财政拨款收入", None), ("上级补助收入", None), ("事业收入", None),
            ("经营收入", None), ("附属单位上缴收入", None), ("其他收入", other)]
    right = [(PARENTS[c], items[c]["支出合计"]) for c in CLASS_ORDER]
    header = [["收入", "<", "支出", "<"], ["项目", "决算数", "项目", "决算数"]]
    rows, keys, aliases = [], [], {}
    for i in range(max(len(left), len(right))):
        cells: list[object] = ["", None, "", None]
        if i < len(left):
            cells[0], cells[1] = _label(left[i][0], i, layout), left[i][1]
        if i < len(right):
            cells[2], cells[3] = _label(right[i][0], i, layout), right[i][1]
            aliases[right[i][0]] = i
        rows.append(cells)
        keys.append(left[i][0] if i < len(left) else f"右{i}")
    for left_label, lv, right_label, rv in (
            ("本年收入合计", income, "本年支出合计", spent),
            ("使用非财政拨款结余", None, "结余分配", None),
            ("年初结转和结余", opening, "年末结转和结余", closing),
            ("总计", opening + income, "总计", closing + spent)):
        rows.append([layout.renamed.get(left_label, left_label), lv,
                     layout.renamed.get(right_label, right_label), rv])
        keys.append(left_label)
        if right_label != left_label:
            aliases[right_label] = len(rows) - 1
    return Table("T1", "收入支出决算总表", header, rows, keys, {"收入": 1, "支出": 3},
                 aliases=aliases)


def t2(layout: Layout) -> Table:
    columns = [("本年收入合计", "收入合计"), ("财政拨款收入", "财政拨款收入"), ("上级补助收入", "上级补助收入"),
               ("事业收入", "事业收入"), ("经营收入", "经营收入"), ("附属单位上缴收入", "附属单位上缴收入"),
               ("其他收入", "其他收入")]
    values = {code: {**row, "上级补助收入": D(0), "事业收入": D(0), "经营收入": D(0),
                     "附属单位上缴收入": D(0)} for code, row in _item_table().items()}
    return _coded("T2", "收入决算表", layout, columns, values, True)


def t3(layout: Layout) -> Table:
    columns = [("本年支出合计", "支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出"),
               ("上缴上级支出", "上缴上级支出"), ("经营支出", "经营支出"), ("对附属单位补助支出", "对附属单位补助支出")]
    values = {code: {**row, "上缴上级支出": D(0), "经营支出": D(0), "对附属单位补助支出": D(0)}
              for code, row in _item_table().items()}
    return _coded("T3", "支出决算表", layout, columns, values, True)


def t4(layout: Layout) -> Table:
    items = _item_table()
    spent = sum((items[c]["支出合计"] for c in CLASS_ORDER), D(0))
    opening = OPENING_APPROPRIATION
    header = [["收入", "<", "支出", "<", "<", "<", "<"],
              ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
               "国有资本经营预算财政拨款"]]
    funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    left = [(f, spent if i == 0 else None) for i, f in enumerate(funds)]
    right = [(PARENTS[c], items[c]["支出合计"]) for c in CLASS_ORDER]
    rows, keys, aliases = [], [], {}
    for i in range(max(len(left), len(right))):
        cells: list[object] = ["", None, "", None, None, None, None]
        if i < len(left):
            cells[0], cells[1] = _label(left[i][0], i, layout), left[i][1]
        if i < len(right):
            cells[2] = _label(right[i][0], i, layout)
            cells[3] = cells[4] = right[i][1]
            aliases[right[i][0]] = i
        rows.append(cells)
        keys.append(left[i][0] if i < len(left) else f"右{i}")
    rows.append(["本年收入合计", spent, "本年支出合计", spent, spent, None, None])
    keys.append("本年收入合计")
    rows.append([layout.renamed.get("年初财政拨款结转和结余", "年初财政拨款结转和结余"), opening,
                 "年末财政拨款结转和结余", opening, opening, None, None])
    keys.append("年初财政拨款结转和结余")
    for i, fund in enumerate(funds):
        rows.append([_label(fund, i, layout), opening if i == 0 else None, "", None, None, None, None])
        keys.append(f"年初.{fund}")
    rows.append(["总计", spent + opening, "总计", spent + opening, spent + opening, None, None])
    keys.append("总计")
    aliases.update({"本年支出合计": keys.index("本年收入合计"),
                    "年末财政拨款结转和结余": keys.index("年初财政拨款结转和结余")})
    return Table("T4", "财政拨款收入支出决算总表", header, rows, keys,
                 {"收入": 1, "合计": 3, "一般公共预算": 4, "政府性基金预算": 5, "国有资本经营预算": 6},
                 aliases=aliases)


def t4_fund_columns(layout: Layout) -> Table:
    """T4 with both halves in columns 合计 + the three funds: 本年收入 and 年初 are rows."""
    items = _item_table()
    spent = sum((items[c]["支出合计"] for c in CLASS_ORDER), D(0))
    opening = OPENING_APPROPRIATION
    funds = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    header = [["收入", "<", "<", "<", "<", "支出", "<", "<", "<", "<"], ["项目", *funds, "项目", *funds]]

    def half(label: str, amount: D | None) -> list[object]:
        return [label, amount, amount, None, None]

    left = [("本年收入", spent), ("年初财政拨款结转和结余", opening)]
    right = [(PARENTS[c], items[c]["支出合计"]) for c in CLASS_ORDER]
    rows, keys, aliases = [], [], {}
    for i in range(len(right)):
        cells = (half(_label(left[i][0], i, layout), left[i][1]) if i < len(left) else ["", None, None, None, None])
        rows.append(cells + half(_label(right[i][0], i, layout), right[i][1]))
        keys.append(left[i][0] if i < len(left) else f"右{i}")
        aliases[right[i][0]] = i
    for label, amount in (("本年支出合计", spent), ("年末财政拨款结转和结余", opening)):
        rows.append(["", None, None, None, None] + half(label, amount))
        keys.append(label)
    rows.append(half("收入总计", spent + opening) + half("支出总计", spent + opening))
    keys.append("总计")
    return Table("T4", "财政拨款收入支出决算总表", header, rows, keys,
                 {"收入合计": 1, "收入.一般公共预算": 2, "合计": 6, "一般公共预算": 7, "政府性基金预算": 8,
                  "国有资本经营预算": 9}, aliases=aliases)


def t5(layout: Layout) -> Table:
    columns = [("合计", "支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")]
    return _coded("T5", "一般公共预算财政拨款支出决算表", layout, columns, _item_table(), False)


def t6(layout: Layout) -> Table:
    values = _economic()
    names = dict(ECONOMIC)
    personnel = [c for c in names if c[:3] in ("301", "303")]
    public = [c for c in names if c[:3] in ("302", "310")]
    split = layout.split_codes
    half_header = (["类", "款"] if split else ["科目编码"]) + ["科目名称", "决算数"]
    header = [half_header + half_header]
    width = len(half_header)
    rows, keys, aliases = [], [], {}

    def cells(code: str | None) -> list[object]:
        if code is None:
            return [""] * width
        codes = [code[:3], code[3:] if len(code) > 3 else ""] if split else [code]
        return codes + [names[code], values[code] or None]

    for i in range(max(len(personnel), len(public))):
        left = personnel[i] if i < len(personnel) else None
        right = public[i] if i < len(public) else None
        rows.append(cells(left) + cells(right))
        keys.append(left or right or "")
        if left and right:
            aliases[right] = len(rows) - 1
    person_total = values["301"] + values["303"]
    public_total = values["302"] + values["310"]
    rows.append(["人员经费合计"] + [""] * (width - 2) + [person_total]
                + ["公用经费合计"] + [""] * (width - 2) + [public_total])
    keys.append("经费合计")
    return Table("T6", "一般公共预算财政拨款基本支出决算表", header, rows, keys,
                 {"左": width - 1, "右": 2 * width - 1}, aliases=aliases)


_T7_ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]


def t7(layout: Layout) -> Table:
    sides = {}
    for index, side in enumerate(("预算数", "决算数")):
        got = {item: pair[index] for item, pair in THREE_PUBLIC.items()}
        got["公务用车购置及运行维护费"] = got["公务用车购置费"] + got["公务用车运行维护费"]
        got["合计"] = got["因公出国（境）费"] + got["公务用车购置及运行维护费"] + got["公务接待费"]
        sides[side] = got
    values = [sides[side][item] for item in _T7_ITEMS for side in ("预算数", "决算数")]
    rows = [[v for v in values]]
    purchase, running = ("购置费", "运行维护费") if layout.short_vehicle_labels else ("公务用车购置费", "公务用车运行维护费")
    if layout.three_public_header == 3:
        header = [["合计", "<", "因公出国（境）费", "<", "公务用车购置及运行维护费", "<", "<", "<", "<", "<",
                   "公务接待费", "<"],
                  ["^", "^", "^", "^", "小计", "<", "购置费", "<", "运行维护费", "<", "^", "^"],
                  ["预算数", "决算数"] * 6]
    elif layout.three_public_header == 2:
        header = [["合计", "<", "因公出国（境）费", "<", "公务用车购置及运行维护费小计", "<",
                   purchase, "<", running, "<", "公务接待费", "<"],
                  ["预算数", "决算数"] * 6]
    else:
        # One row: each cell names its item and its side ("合计预算数", "购置费（决算数）").
        items = ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", purchase, running, "公务接待费"]
        header = [[f"{item}（{side}）" if i % 2 else f"{item}{side}"
                   for i, (item, side) in enumerate((item, side) for item in items
                                                    for side in ("预算数", "决算数"))]]
    columns = {f"{side}.{item}": 2 * i + j for i, item in enumerate(_T7_ITEMS)
               for j, side in enumerate(("预算数", "决算数"))}
    return Table("T7", "财政拨款“三公”经费支出决算表", header, rows, ["三公"], columns)


def _empty_fund_table(slot: str, title: str, layout: Layout, what: str) -> Table:
    labels = ["类", "款", "项", "科目名称"] if layout.split_codes else ["科目编码", "科目名称"]
    header = [["项目"] + ["<"] * (len(labels) - 1) + ["年初结转和结余", "本年收入", "本年支出", "<", "<",
                                                      "年末结转和结余"],
              labels + ["^", "^", "小计", "基本支出", "项目支出", "^"]]
    rows = [["合计"] + [""] * (len(labels) - 1) + [None] * 6]
    return Table(slot, title, header, rows, ["合计"], {},
                 notes=[f"注：本部门无{what}财政拨款收入支出，故本表无数据。"])


def tables(layout: Layout) -> list[Table]:
    return [t1(layout), t2(layout), t3(layout),
            t4_fund_columns(layout) if layout.t4_fund_columns else t4(layout), t5(layout), t6(layout), t7(layout),
            _empty_fund_table("T8", "政府性基金预算财政拨款收入支出决算表", layout, "政府性基金预算"),
            _empty_fund_table("T9", "国有资本经营预算财政拨款收入支出决算表", layout, "国有资本经营预算")]


# ---------------------------------------------------------------- changes


def inject(table_list: list[Table], slot: str, key: str, column: str, value: D | None) -> None:
    """Sets one figure (in 元) before the workbook is written."""
    table = next(t for t in table_list if t.slot == slot)
    table.rows[table.index(key)][table.columns[column]] = value


def bump(table_list: list[Table], slot: str, key: str, column: str, delta: D) -> None:
    """Adds `delta` (元) to one figure: a single wrong figure."""
    table = next(t for t in table_list if t.slot == slot)
    row = table.rows[table.index(key)]
    row[table.columns[column]] = D(row[table.columns[column]] or 0) + delta


def swap_columns(table_list: list[Table], slot: str, a: str, b: str) -> None:
    """Exchanges two value columns' figures in every row (the header stays)."""
    table = next(t for t in table_list if t.slot == slot)
    ca, cb = table.columns[a], table.columns[b]
    for row in table.rows:
        row[ca], row[cb] = row[cb], row[ca]


def shift_columns(table_list: list[Table], slot: str, step: int = 1) -> None:
    """Moves every figure `step` value columns to the right (the header stays)."""
    table = next(t for t in table_list if t.slot == slot)
    order = sorted(table.columns.values())
    for row in table.rows:
        old = [row[c] for c in order]
        for i, c in enumerate(order):
            j = i - step
            row[c] = old[j] if 0 <= j < len(old) else None


# ---------------------------------------------------------------- writing


def shown(value: D, unit: str) -> D:
    scaled = value / D(10000) if unit == "万元" else value
    return scaled.quantize(CENT, rounding=ROUND_HALF_UP)


def _put(ws, row: int, col: int, value: object, unit: str, layout: Layout) -> None:
    cell = ws.cell(row, col)
    if value is None or value == "":
        return
    if isinstance(value, str):
        cell.value = value
        return
    amount = shown(D(value), unit)
    whole = amount == amount.to_integral_value()
    if layout.text_numbers:
        cell.value = f"{amount:,.2f}"
        return
    cell.value = float(amount)
    # Whole 元 shown without decimals (as many tables in 元 are): `24310`, not `24,310.00`.
    cell.number_format = "0" if whole and unit == "元" else "#,##0.00"


def _write_header(ws, top: int, header: list[list[str]]) -> None:
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if text not in ("<", "^"):
                ws.cell(top + r, c + 1, text or None)
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            right = c + 1
            while right < len(row) and row[right] == "<":
                right += 1
            down = r + 1
            while down < len(header) and c < len(header[down]) and header[down][c] == "^":
                down += 1
            if right - 1 > c or down - 1 > r:
                ws.merge_cells(start_row=top + r, start_column=c + 1,
                               end_row=top + down - 1, end_column=right)


def _write_part(ws, top: int, table: Table, rows: range, layout: Layout, unit: str,
                where: dict, title: str, header: bool = True) -> int:
    ws.cell(top, 1, title)
    ws.cell(top + 1, 1, f"单位：{layout.stated_units.get(table.slot, unit)}")
    r = top + 2
    if header:
        _write_header(ws, r, table.header)
        r += len(table.header)
    for index in rows:
        for c, value in enumerate(table.rows[index]):
            _put(ws, r, c + 1, value, unit, layout)
        _record(where, ws, table, index, r)
        r += 1
    return r


def _record(where: dict, ws, table: Table, index: int, r: int) -> None:
    for key in table.keys_of(index):
        for name, c in table.columns.items():
            where[(table.slot, key, name)] = f"{ws.title}!{get_column_letter(c + 1)}{r}"


def write(path: Path, layout: Layout, table_list: list[Table] | None = None) -> dict:
    """Writes the workbook; returns each figure's cell."""
    from openpyxl import Workbook

    table_list = table_list if table_list is not None else tables(layout)
    workbook = Workbook()
    workbook.remove(workbook.active)
    where: dict = {}
    sheet = workbook.create_sheet("决算") if layout.stacked else None
    top = 1
    for table in table_list:
        unit = layout.units.get(table.slot, "万元")
        ws = sheet if sheet is not None else workbook.create_sheet(table.slot)
        if sheet is None:
            top = 1
        parts = [range(len(table.rows))]
        if table.slot in layout.continued:
            half = len(table.rows) // 2
            parts = [range(half), range(half, len(table.rows))]
        for index, rows in enumerate(parts):
            if index:
                ws = workbook.create_sheet(f"{table.slot}续") if sheet is None else ws
                top = 1 if sheet is None else top
                if layout.continued_title:
                    top = _write_part(ws, top, table, rows, layout, unit, where,
                                      f"{table.title}（续）")
                else:
                    r = top
                    for i in rows:
                        for c, value in enumerate(table.rows[i]):
                            _put(ws, r, c + 1, value, unit, layout)
                        _record(where, ws, table, i, r)
                        r += 1
                    top = r
            else:
                top = _write_part(ws, top, table, rows, layout, unit, where, table.title)
        for note in table.notes:
            ws.cell(top, 1, note)
            top += 1
        top += 2
    workbook.save(path)
    return where
