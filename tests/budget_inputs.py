"""A 江苏-style 部门预算公开 (the 12 tables, figures in 万元) as a generated workbook."""

from __future__ import annotations

from openpyxl import Workbook

UNIT_ROW = ["部门：某办公厅", "", "单位：万元"]


def _functional(total: str = "100.00", first: str = "90.00") -> list[list[str]]:
    return [["功能科目代码", "功能科目名称", "金额"],
            ["", "合计", total],
            ["201", "一般公共服务支出", first], ["20101", "人大事务", first],
            ["2010101", "行政运行", first],
            ["221", "住房保障支出", "10.00"], ["22102", "住房改革支出", "10.00"],
            ["2210201", "住房公积金", "10.00"]]


def _economic(total: str = "60.00") -> list[list[str]]:
    return [["科目编码", "科目名称", "金额"],
            ["", "合计", total],
            ["301", "工资福利支出", "50.00"], ["30101", "基本工资", "50.00"],
            ["302", "商品和服务支出", "10.00"], ["30201", "办公费", "10.00"]]


def budget_tables(**changes: str) -> dict[str, list[list[str]]]:
    """Title → rows; `changes` replace single figures (T1基本支出="61.00" …)."""
    c = {"T1基本支出": "60.00", "T2收入总计": "100.00", "T3基本支出": "60.00", "T4基本支出": "60.00",
         "Y1合计": "100.00", "Y2合计": "60.00", "T5合计": "100.00", "T5第一类": "90.00",
         "T7合计": "30.00", "Y1第一类": "90.00", "T2一般公共预算": "100.00"}
    c.update(changes)
    return {
        "收支预算总表": [
            ["收入", "", "支出", "", "", ""],
            ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
            ["一、财政拨款", "100.00", "一、一般公共服务支出", "90.00", "一、基本支出", c["T1基本支出"]],
            ["1.一般公共预算", "100.00", "二、住房保障支出", "10.00", "二、项目支出", "40.00"],
            ["二、其他资金", "", "", "", "三、单位预留机动经费", ""],
            ["当年收入小计", "100.00", "当年支出小计", "100.00", "", ""],
            ["上年结转资金", "", "结转下年资金", "", "", ""],
            ["收入合计", "100.00", "支出合计", "100.00", "", ""]],
        "收入预算总表": [
            ["项目名称", "", "金额"],
            ["收入总计", "", c["T2收入总计"]],
            ["一般公共预算资金", "小计", c["T2一般公共预算"]],
            ["", "公共财政拨款(补助)资金", c["T2一般公共预算"]],
            ["其他资金", "小计", ""],
            ["", "其他收入", ""]],
        "支出预算总表": [
            ["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
            ["100.00", c["T3基本支出"], "40.00", "", ""]],
        "财政拨款收支预算总表": [
            ["收入", "", "支出", ""],
            ["项目名称", "金额", "项目名称", "金额"],
            ["一、一般公共预算", "100.00", "一、基本支出", c["T4基本支出"]],
            ["二、政府性基金预算", "", "二、项目支出", "40.00"],
            ["收入合计", "100.00", "支出合计", "100.00"]],
        "财政拨款支出预算表（功能科目）": _functional(c["Y1合计"], c["Y1第一类"]),
        "财政拨款基本支出预算表（经济科目）": _economic(c["Y2合计"]),
        "一般公共预算支出预算表（功能科目）": _functional(c["T5合计"], c["T5第一类"]),
        "一般公共预算基本支出预算表（经济科目）": _economic(),
        "“三公”经费、会议费、培训费支出预算表": [
            ["合计", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费",
             "会议费", "培训费"],
            ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置及运行维护费",
             "公务用车购置及运行维护费", "公务接待费", "", ""],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
            [c["T7合计"], "20.00", "5.00", "10.00", "", "10.00", "5.00", "6.00", "4.00"]],
    }


def write_budget(path, **changes: str) -> str:
    return write_tables(path, budget_tables(**changes))


def write_tables(path, tables: dict[str, list[list[str]]]) -> str:
    """Each table on a sheet of its own: title, 部门/单位 line, then its rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (title, rows) in enumerate(tables.items(), start=1):
        ws = workbook.create_sheet(f"公开{index:02d}表")
        ws.append([title])
        ws.append(UNIT_ROW)
        for row in rows:
            ws.append([_cell(text) for text in row])
    workbook.save(path)
    return str(path)


def _cell(text: str):
    return text


def shanghai_tables(income: str = "100.00", spending: str = "100.00") -> dict[str, list[list[str]]]:
    """上海区级的三张总表: 财务收支预算总表 without 本年收入合计, and the two coded ones."""
    return {
        "2025年部门财务收支预算总表": [
            ["本年收入", "", "本年支出", ""],
            ["项目", "预算数", "项目", "预算数"],
            ["一、财政拨款收入", "100.00", "一、一般公共服务支出", "100.00"],
            ["二、事业收入", "", "", ""],
            ["收入总计", "100.00", "支出总计", "100.00"]],
        "2025年部门收入预算总表": [
            ["科目编码", "科目名称", "合计", "财政拨款收入"],
            ["", "合计", income, income],
            ["201", "一般公共服务支出", income, income]],
        "2025年部门支出预算总表": [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", spending, "60.00", "40.00" if spending == "100.00" else "41.00"],
            ["201", "一般公共服务支出", spending, "60.00", "40.00" if spending == "100.00" else "41.00"]],
    }


def consistent_budget(first: int, second: int, basic: int, wages: int,
                      abroad: int, cars: int, reception: int, meetings: int) -> dict[str, list[list[str]]]:
    """A 江苏-style set whose figures (in 分) all agree: 201 `first`, 221 `second`, 基本支出
    `basic` (301 `wages`, the rest 302), 三公 items and 会议费; every identity holds."""
    def yuan(cents: int) -> str:
        return f"{cents // 100:,}.{cents % 100:02d}"
    total = first + second
    project = total - basic
    functional = [["功能科目代码", "功能科目名称", "金额"], ["", "合计", yuan(total)],
                  ["201", "一般公共服务支出", yuan(first)], ["20101", "人大事务", yuan(first)],
                  ["2010101", "行政运行", yuan(first)], ["221", "住房保障支出", yuan(second)],
                  ["22102", "住房改革支出", yuan(second)], ["2210201", "住房公积金", yuan(second)]]
    economic = [["科目编码", "科目名称", "金额"], ["", "合计", yuan(basic)],
                ["301", "工资福利支出", yuan(wages)], ["30101", "基本工资", yuan(wages)],
                ["302", "商品和服务支出", yuan(basic - wages)], ["30201", "办公费", yuan(basic - wages)]]
    three = abroad + cars + reception
    return {
        "收支预算总表": [
            ["收入", "", "支出", "", "", ""],
            ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
            ["一、财政拨款", yuan(total), "一、一般公共服务支出", yuan(first), "一、基本支出", yuan(basic)],
            ["1.一般公共预算", yuan(total), "二、住房保障支出", yuan(second), "二、项目支出", yuan(project)],
            ["当年收入小计", yuan(total), "当年支出小计", yuan(total), "", ""],
            ["收入合计", yuan(total), "支出合计", yuan(total), "", ""]],
        "收入预算总表": [["项目名称", "", "金额"], ["收入总计", "", yuan(total)],
                     ["一般公共预算资金", "小计", yuan(total)], ["", "公共财政拨款(补助)资金", yuan(total)]],
        "支出预算总表": [["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
                     [yuan(total), yuan(basic), yuan(project), "", ""]],
        "财政拨款收支预算总表": [
            ["收入", "", "支出", ""], ["项目名称", "金额", "项目名称", "金额"],
            ["一、一般公共预算", yuan(total), "一、基本支出", yuan(basic)],
            ["二、政府性基金预算", "", "二、项目支出", yuan(project)],
            ["收入合计", yuan(total), "支出合计", yuan(total)]],
        "财政拨款支出预算表（功能科目）": functional,
        "财政拨款基本支出预算表（经济科目）": economic,
        "一般公共预算支出预算表（功能科目）": functional,
        "一般公共预算基本支出预算表（经济科目）": economic,
        "“三公”经费、会议费、培训费支出预算表": [
            ["合计", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费", "“三公”经费",
             "会议费", "培训费"],
            ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置及运行维护费",
             "公务用车购置及运行维护费", "公务接待费", "", ""],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
            [yuan(three + meetings), yuan(three), yuan(abroad), yuan(cars), "", yuan(cars),
             yuan(reception), yuan(meetings), ""]],
    }
