"""部门预算公开 (江苏 12 张表, 上海区级 9 张表): titles, recognition and the budget identities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.pipeline import audit_file
from auditor.recognise.final_accounts_registry import match_title
from budget_inputs import shanghai_tables, write_budget, write_tables
from conftest import shared_path


@pytest.mark.parametrize("title, slot, budget", [
    ("收支预算总表部门：江苏省政协办公厅 单位：万元", "T1", True),
    ("2025年预算单位财务收支预算总表", "T1", True),
    ("公开03表支出预算总表部门：某厅 单位：万元", "T3", True),
    ("收入预算总表公开表二部门： 某厅 单位：万元", "T2", True),
    ("四、2017 年度江苏省高级人民法院部门财政拨款收支预算总表", "T4", True),
    ("财政拨款支出预算表（功能科目）公开表五", "Y1", True),
    ("财政拨款基本支出预算表（经济科目）", "Y2", True),
    ("一般公共预算支出预算表（功能科目）", "T5", True),
    ("一般公共预算基本支出预算表（经济科目）", "T6", True),
    ("“三公”经费、会议费、培训费支出预算表（一般公共预算）", "T7", True),
    ("财政拨款政府性基金支出预算表", "T8", True),
    ("十、2018 年度江苏省高级人民法院政府性基金预算财政拨款支出预算表", "T8", True),
    ("一般公共预算机关运行经费支出预算表", "Y3", True),
    ("2017年政府采购预算表部门：某厅 单位：万元", "Y4", True),
    ("政府采购支出决算表", "X2", False),
    ("收入决算表", "T2", False),
    ("一般公共预算财政拨款支出决算表", "T5", False),
    ("财政拨款收入支出决算总表（续）", "T4", False),
    # The fund's words after 三公经费 instead of before it.
    ("“三公”经费财政拨款支出决算表", "T7", False),
    ("2019年度“三公”经费财政拨款决算表", "T7", False),
    ("“三公”经费一般公共预算财政拨款支出预算表", "T7", True),
    # A 单位's own tables (单位预算) where a 部门's say 部门.
    ("2020年单位支出预算表", "T3", True),
    ("2021年度单位收入预算表", "T2", True),
])
def test_titles_name_their_table(title, slot, budget):
    spec, is_budget = match_title(title)
    assert (spec.slot, is_budget) == (slot, budget)


@pytest.mark.parametrize("text", [
    "七、政府性基金支出预算表情况说明", "项目支出预算表", "某某支出决算表", "2017 年度部门预算表",
    "一般公共预算财政拨款收入决算表", "“三公”经费财政拨款收入决算表"])
def test_other_lines_are_no_titles(text):
    assert match_title(text) is None


def _rules(result) -> list[str]:
    return sorted(f.rule for f in result.findings if f.severity in ("error", "warning"))


def test_consistent_budget_workbook_has_no_finding(tmp_path, book):
    result = audit_file(write_budget(tmp_path / "budget.xlsx"), book)
    bundle = next(s for s in result.subjects if s.kind == "final_accounts")
    assert sorted(bundle.meta["slots"]) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "Y1", "Y2"]
    assert _rules(result) == []
    ran = {rule for rule, _, _, verdict in result.evaluations if verdict == "pass"} \
        if result.evaluations and len(result.evaluations[0]) == 4 else None
    if ran is not None:
        assert {"FB001", "FB002", "FB003", "FB101", "FB102", "FB103", "FB104", "FB105"} <= ran


@pytest.mark.parametrize("changes, rule", [
    ({"T1基本支出": "61.00"}, "FB001"),   # 61 + 40 + 0 ≠ 当年支出小计 100
    ({"T4基本支出": "61.00"}, "FB002"),   # 61 + 40 ≠ 支出合计 100
    ({"T7合计": "31.00"}, "FB003"),       # 20 + 6 + 4 = 30 ≠ 31
    ({"T2收入总计": "101.00"}, "FB101"),  # 收入预算总表 101 ≠ 收支预算总表 100
    ({"T3基本支出": "61.00"}, "FB102"),   # 支出预算总表基本支出 61 ≠ 60
    ({"Y1合计": "101.00"}, "FB103"),      # 财政拨款支出 101 ≠ 财政拨款收支总表 100
    ({"Y2合计": "61.00"}, "FB104"),       # 财政拨款基本支出 61 ≠ 60
    ({"Y1合计": "101.00", "Y1第一类": "91.00"}, "FB106"),  # 201: 财政拨款 91 > 收支总表 90
    ({"T2一般公共预算": "99.00"}, "FB108"),  # 一般公共预算资金 99 ≠ 收支总表 100
])
def test_each_budget_identity_fails_when_broken(tmp_path, book, changes, rule):
    result = audit_file(write_budget(tmp_path / "budget.xlsx", **changes), book)
    assert rule in _rules(result)


def test_general_budget_above_all_appropriations(tmp_path, book):
    # 一般公共预算支出 101 (201 = 91) against 财政拨款支出 100: consistent in itself, too big.
    result = audit_file(write_budget(tmp_path / "budget.xlsx", T5合计="101.00", T5第一类="91.00"), book)
    # …and 201 (91 > 90 of 财政拨款), and 一般公共预算 income 100 ≠ its expenditure 101.
    assert _rules(result) == ["FB105", "FB107", "FB109"]


# Tables recognised per document (the labels in tests/labels/realdocs2.yaml), and the
# findings each gives: none that a hand check found false.
DOCUMENTS = {
    "jiangsu-cppcc-office-2017-budget-tables.pdf": (12, []),
    "jiangsu-npc-office-2019-budget-tables.pdf": (12, ["FA202"]),
    "jiangsu-party-committee-office-2018-budget-tables.pdf": (12, []),
    "jiangsu-high-court-2017-budget.pdf": (12, ["FA202"]),
    "putuo-commerce-commission-2025-unit-budget.pdf": (9, []),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_realdocs2_budget_tables_recognised(book, name):
    tables, rules = DOCUMENTS[name]
    result = audit_file(str(shared_path("realdocs2", name)), book)
    bundle = next(s for s in result.subjects if s.kind == "final_accounts")
    assert bundle.meta["all_tables"] == tables
    assert sorted(r for r in _rules(result) if r.startswith(("FA", "FB"))) == rules
    assert result.checks > 50


def _bundle(result):
    return next(s for s in result.subjects if s.kind == "final_accounts")


def _table(result, slot):
    return next(t for t in _bundle(result).collections["表"] if t.meta["slot"] == slot)


def test_name_and_figure_on_two_rows_and_wrapped_names_are_one_row(tmp_path, book):
    # As a PDF without cell text alignment gives it: "1.一般公共预" / figure row / "算".
    rows = [["收入", "", "支出", "", "", ""],
            ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
            ["一、财政拨款", "100.00", "一、一般公共服务支出", "100.00", "一、基本支出", "60.00"],
            ["1.一般公共预", "", "", "", "二、项目支出", "40.00"],
            ["", "100.00", "", "", "三、单位预留机动", ""],
            ["算", "", "", "", "", "5.00"],
            ["", "", "", "", "经费", ""],
            ["当年收入小计", "100.00", "当年支出小计", "105.00", "", ""],
            ["收入合计", "100.00", "支出合计", "105.00", "", ""]]
    result = audit_file(write_tables(tmp_path / "t1.xlsx", {"收支预算总表": rows}), book)
    t1 = _table(result, "T1")
    assert [r.name for r in t1.collections["支出用途"]] == ["基本支出", "项目支出", "单位预留机动经费"]
    assert t1.facts["一般公共预算财政拨款收入"].quantity.value == 100
    # 当年支出小计 105 = 60 + 40 + 5, but 收入 100 ≠ 支出 105 and the classes give 100: real.
    assert "FB001" not in _rules(result)
    assert {"FA014", "FA013"} <= set(_rules(result))


def test_a_figure_beside_the_only_amount_column_is_that_columns(tmp_path, book):
    rows = [["功能科目代码", "功能科目名称", "金额", ""],
            ["", "合计", "", "100.00"],
            ["201", "一般公共服务支出", "", "100.00"],
            ["20101", "人大事务", "", "90.00"]]
    result = audit_file(write_tables(tmp_path / "y1.xlsx", {"财政拨款支出预算表": rows}), book)
    assert _table(result, "Y1").facts["合计"].quantity.value == 100
    assert _rules(result) == ["FA001"]  # 201 100.00 ≠ its only 款 90.00


def test_misaligned_columns_give_no_zero(tmp_path, book):
    # 支出预算总表 whose figures stand one column left of their headers: nothing is known.
    rows = [["", "合计", "", "基本支出", "", "项目支出"],
            ["100.00", "", "60.00", "", "40.00", ""]]
    result = audit_file(write_tables(tmp_path / "t3.xlsx", {"支出预算总表": rows}), book)
    facts = _table(result, "T3").facts
    # Only the row's own identity places a figure: the first is the sum of the others.
    assert facts["合计"].quantity.value == 100 and "基本支出" not in facts and "项目支出" not in facts
    assert _rules(result) == []


def test_a_code_cell_without_its_leading_zero(tmp_path, book):
    rows = [["科目编码", "", "科目名称", "金额"],
            ["", "", "合计", "30.00"],
            ["301", "", "工资福利支出", "30.00"],
            ["301", "2", "津贴补贴", "10.00"],
            ["301", "7", "绩效工资", "20.00"]]
    result = audit_file(write_tables(tmp_path / "t6.xlsx", {"一般公共预算基本支出预算表": rows}), book)
    t6 = _table(result, "T6")
    assert {"30102", "30107"} <= set(t6.facts)
    assert _rules(result) == []


def test_shanghai_summary_without_year_totals_against_income_and_expenditure(tmp_path, book):
    clean = audit_file(write_tables(tmp_path / "ok.xlsx", shanghai_tables()), book)
    assert _rules(clean) == []
    assert {"FB110", "FB111"} <= {e.rule for e in clean.evaluations if e.verdict == "pass"}
    income = audit_file(write_tables(tmp_path / "in.xlsx", shanghai_tables(income="101.00")), book)
    assert _rules(income) == ["FB110"]  # 收入预算总表 101 ≠ 收入总计 100
    spending = audit_file(write_tables(tmp_path / "out.xlsx", shanghai_tables(spending="101.00")), book)
    # 支出预算总表 101 (60 + 41) ≠ 支出总计 100, and its 201 ≠ the summary's 201 (FA103).
    assert _rules(spending) == ["FA103", "FB111"]


def test_summary_alone_is_not_compared_with_absent_income_or_expenditure_tables(tmp_path, book):
    # A carry-over in the summary and no 收入/支出预算总表: nothing to compare it with.
    summary = {"2025年部门财务收支预算总表": [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "90.00", "一、一般公共服务支出", "100.00"],
        ["二、上年结转", "10.00", "", ""],
        ["收入总计", "100.00", "支出总计", "100.00"]]}
    alone = audit_file(write_tables(tmp_path / "alone.xlsx", summary), book)
    assert not {"FB110", "FB111"} & {f.rule for f in alone.findings}
    assert not {"FB110", "FB111"} & {e.rule for e in alone.evaluations if e.verdict == "pass"}
    tables = shanghai_tables(income="101.00")
    income = audit_file(write_tables(tmp_path / "in.xlsx", tables), book)
    assert "FB110" in _rules(income)


def test_an_unknown_row_among_the_uses_is_not_read_and_the_uses_are_not_summed(tmp_path, book):
    rows = [["收入", "", "支出", "", "", ""],
            ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
            ["一、财政拨款", "100.00", "一、一般公共服务支出", "100.00", "一、基本支出", "60.00"],
            ["", "", "", "", "二、项目支出", "30.00"],
            ["", "", "", "", "三、其他用途支出", "10.00"],
            ["当年收入小计", "100.00", "当年支出小计", "100.00", "", ""],
            ["收入合计", "100.00", "支出合计", "100.00", "", ""]]
    result = audit_file(write_tables(tmp_path / "t1.xlsx", {"收支预算总表": rows}), book)
    t1 = _table(result, "T1")
    assert [r.name for r in t1.collections["支出用途"]] == ["基本支出", "项目支出"]
    assert [r.name for r in t1.collections["支出功能分类"]] == ["一般公共服务支出"]
    assert t1.facts["未读支出行"].quantity.value == 1
    # 60 + 30 ≠ 100, but the row not read holds the rest: the uses are not summed.
    assert _rules(result) == []
    assert not any(e.rule == "FB001" and e.verdict == "pass" for e in result.evaluations)
    assert any(f.rule == "AR002" and "其他用途支出" in f.message for f in result.findings)


from hypothesis import given, settings, strategies as st  # noqa: E402

_TITLES = {"收支预算总表": "T1", "收入预算总表": "T2", "支出预算总表": "T3", "财政拨款收支预算总表": "T4",
           "财政拨款支出预算表": "Y1", "财政拨款基本支出预算表": "Y2", "一般公共预算支出预算表": "T5",
           "一般公共预算基本支出预算表": "T6", "“三公”经费、会议费、培训费支出预算表": "T7",
           "一般公共预算机关运行经费支出预算表": "Y3", "政府采购预算表": "Y4"}


@settings(max_examples=300, deadline=None)
@given(title=st.sampled_from(sorted(_TITLES)),
       number=st.sampled_from(["", "表三 ", "表十一 ", "公开03表", "公开 03 表：", "五、", "十一、"]),
       year=st.sampled_from(["", "2018年", "2017 年度", "2025年度"]),
       owner=st.sampled_from(["", "江苏省高级人民法院", "部门", "江苏省人民检察院部门"]),
       note=st.sampled_from(["", "（功能科目）", "（经济科目）", "（续）"]),
       tail=st.sampled_from(["", "部门：某厅 单位：万元", " 单位：万元", "编制单位：某委 单位：元"]))
def test_a_title_names_its_table_whatever_its_number_year_owner_and_line(
        title, number, year, owner, note, tail):
    # The owner's name only stands after a year ("2018年度某院部门收入预算总表").
    text = f"{number}{year}{owner if year else ''}{title}{note}{tail}"
    matched = match_title(text)
    assert matched is not None and matched[0].slot == _TITLES[title], text


def _procurement(item: str = "10.80") -> list[list[str]]:
    return [["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
            ["合计", "", "", "", "", "35.80"],
            ["一、货物A", "", "", "", "", "15.80"],
            ["", "办公设备购置费", "办公设备购置", "", "", "15.80"],
            ["", "", "", "台式计算机", "分散自行组织", item],
            ["", "", "", "复印机", "部门集中采购", "5.00"],
            ["三、服务C", "", "", "", "", "20.00"],
            ["", "会议经费", "会议费", "", "", "20.00"],
            ["", "", "", "会议服务", "分散自行组织", "20.00"]]


def test_procurement_table_sums_by_what_each_row_says(tmp_path, book):
    clean = audit_file(write_tables(tmp_path / "ok.xlsx", {"2017年政府采购预算表": _procurement()}), book)
    assert _rules(clean) == []
    assert sum(1 for e in clean.evaluations if e.rule == "FA001" and e.verdict == "pass") == 5
    broken = audit_file(write_tables(tmp_path / "bad.xlsx",
                                     {"2017年政府采购预算表": _procurement("10.90")}), book)
    # 办公设备购置费 15.80 ≠ 10.90 + 5.00 = 15.90
    assert _rules(broken) == ["FA001"] and "办公设备购置费" in broken.findings[0].message


def test_a_title_repeated_on_the_next_page_continues_its_table(tmp_path, book):
    rows = _procurement()
    first, second = rows[:5], [rows[0]] + rows[5:]
    path = write_tables(tmp_path / "two.xlsx", {"2017年政府采购预算表": first, "2017年政府采购预算表 ": second})
    result = audit_file(path, book)
    assert _bundle(result).meta["all_tables"] == 1
    assert _rules(result) == []
    assert sum(1 for e in result.evaluations if e.rule == "FA001" and e.verdict == "pass") == 5


from budget_inputs import consistent_budget  # noqa: E402

_CENTS = st.integers(min_value=1, max_value=10**9)


@settings(max_examples=25, deadline=None)
@given(first=_CENTS, second=_CENTS, share=st.floats(0.05, 0.95), wage_share=st.floats(0.05, 0.95),
       abroad=st.integers(0, 10**7), cars=st.integers(0, 10**7), reception=st.integers(0, 10**7),
       meetings=st.integers(0, 10**7), slip=st.integers(10, 10**6), which=st.sampled_from(
           ["收支预算总表", "支出预算总表", "财政拨款收支预算总表", "财政拨款支出预算表（功能科目）"]))
def test_any_consistent_budget_passes_and_one_changed_total_is_found(
        tmp_path_factory, book, first, second, share, wage_share, abroad, cars, reception,
        meetings, slip, which):
    basic = max(1, int((first + second) * share))
    wages = max(1, int(basic * wage_share))
    tables = consistent_budget(first, second, basic, wages, abroad, cars, reception, meetings)
    folder = tmp_path_factory.mktemp("budget")
    clean = audit_file(write_tables(folder / "ok.xlsx", tables), book)
    assert _rules(clean) == []
    # One total off by `slip` 分 (beyond what rounding of the shown figures allows: two
    # figures one 分 apart still meet) in one table: some identity says so.
    rows = tables[which]
    target = next(r for r in rows if any(c in ("支出合计", "合计") for c in r)) if which != "支出预算总表" \
        else rows[1]
    column = max(i for i, c in enumerate(target) if c and c[0].isdigit())
    value = int(target[column].replace(",", "").replace(".", "")) + slip
    target[column] = f"{value // 100:,}.{value % 100:02d}"
    broken = audit_file(write_tables(folder / "bad.xlsx", tables), book)
    assert any(r.startswith(("FA", "FB")) for r in _rules(broken)), (which, target)


def _word_export(title: str, rows: list[list[str]]) -> str:
    """A table as Word's text export prints it: a cell a line after a tab, rows apart."""
    return title + "\n单位：元\n" + "\n".join("".join(f"\t{c}\n" for c in row) for row in rows)


def test_a_units_expenditure_table_in_a_word_export_is_checked(tmp_path, book):
    def table(total: str) -> str:
        return _word_export("2022年单位支出预算表", [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "1,500.00", "1,000.00", "500.00"],
            ["2050201", "学前教育", total, "1,000.00", "500.00"]])
    ok, wrong = tmp_path / "ok.txt", tmp_path / "wrong.txt"
    ok.write_text(table("1,500.00"), encoding="utf-8")
    wrong.write_text(table("1,600.00"), encoding="utf-8")
    assert "FA021" not in _rules(audit_file(str(ok), book))
    assert "FA021" in _rules(audit_file(str(wrong), book))


def test_numbered_budget_part_heading_ties_its_sub_sections_to_the_tables(tmp_path, book):
    # `一、…预算编制说明` numbered, its sections sub-headings: the 机关运行经费 stated in
    # （二） is the table's.
    def document(stated: str) -> str:
        return ("某局2023年部门预算\n目录\n一、2023年部门预算编制说明\n二、2023年部门预算表\n\n"
                "一、2023年部门预算编制说明\n（一）部门职能\n本局负责某项工作。\n"
                f"（二）机关运行经费\n2023年本部门机关运行经费预算{stated}万元，主要用于办公。\n\n"
                "二、2023年部门预算表\n\n“三公”经费和机关运行经费预算表\n单位：万元\n"
                "| “三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费 | 机关运行经费 |\n"
                "|---|---|---|---|---|\n| 3.00 | 0.00 | 2.00 | 1.00 | 55.00 |\n")
    ok, wrong = tmp_path / "ok.txt", tmp_path / "wrong.txt"
    ok.write_text(document("55.00"), encoding="utf-8")
    wrong.write_text(document("50.00"), encoding="utf-8")
    clean = audit_file(str(ok), book)
    assert "FA301" not in _rules(clean)
    assert "FA301" in {e.rule for e in clean.evaluations if e.verdict == "pass"}
    assert "FA301" in _rules(audit_file(str(wrong), book))


def _three_public_text(figures: str, second_header: str = "费 小计 购置费 运行费") -> str:
    """A budget's 三公 table copied out of a PDF as text: two header lines (the vehicles'
    parts and a wrapped word's end on the second) and one line of figures, in 元."""
    return ("某厅2019年部门预算\n“三公”经费、会议费、培训费支出预算表\n单位：元\n"
            "“三公”经费合计 因公出国（境） 公务用车购置及运行费 公务接待费 会议费 培训费\n"
            f"{second_header}\n{figures}\n")


def test_a_three_public_table_in_text_is_read_by_its_header_lines(tmp_path, book):
    path = tmp_path / "t7.txt"
    # 50,000 + 70,000 + 30,000 = 150,000; 70,000 = 20,000 + 50,000.
    path.write_text(_three_public_text("150,000.00 50,000.00 70,000.00 20,000.00 50,000.00 "
                                       "30,000.00 12,000.00 45,000.00"), encoding="utf-8")
    result = audit_file(str(path), book)
    assert "FA040" in {e.rule for e in result.evaluations if e.verdict == "pass"}
    assert "FA040" not in _rules(result)
    path.write_text(_three_public_text("160,000.00 50,000.00 70,000.00 20,000.00 50,000.00 "
                                       "30,000.00 12,000.00 45,000.00"), encoding="utf-8")
    [finding] = [f for f in audit_file(str(path), book).findings if f.rule == "FA040"]
    assert finding.reported == "160000.00元" and finding.expected == "150000.00元"


@pytest.mark.parametrize("second_header, figures", [
    # A word below that is neither a vehicle's part nor a wrapped word's end.
    ("费 小计 购置费 运行费 其他", "160,000.00 50,000.00 70,000.00 20,000.00 50,000.00 30,000.00 12,000.00 45,000.00"),
    # One figure fewer than the columns the header names: which one is missing is a guess.
    ("费 小计 购置费 运行费", "160,000.00 50,000.00 70,000.00 50,000.00 30,000.00 12,000.00 45,000.00"),
])
def test_a_three_public_text_header_that_cannot_place_every_figure_is_not_read(
        tmp_path, book, second_header, figures):
    path = tmp_path / "t7.txt"
    path.write_text(_three_public_text(figures, second_header), encoding="utf-8")
    result = audit_file(str(path), book)
    assert "FA040" not in {e.rule for e in result.evaluations if e.verdict != "skip"}


def test_an_amount_glued_to_the_next_halfs_numbered_label_is_split():
    from auditor.recognise.final_accounts_layout import split_text_row

    # The text layer dropped the space between two cells: the amount is the left half's.
    assert split_text_row("一、一般公共预算资金 91,016,775.35一、一般公共服务支出 82,096,797.42 82,096,797.42") == [
        ("", "一、一般公共预算资金", ["91,016,775.35"]),
        ("", "一、一般公共服务支出", ["82,096,797.42", "82,096,797.42"])]


def _income_budget(path, total: float) -> str:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "收支总表"
    for row in (["某局2025年财务收支预算总表"], ["", "", "", "单位：万元"],
                ["收入项目", "预算数", "支出项目", "预算数"],
                ["一、一般公共预算拨款收入", 950.25, "一、教育支出", 1050.75],
                ["二、事业收入", 60.50, "", None],
                ["本年收入合计", 1010.75, "本年支出合计", 1050.75],
                ["上年结转结余", 40.00, "年末结转结余", 0],
                ["收入总计", 1050.75, "支出总计", 1050.75]):
        ws.append(row)
    ws = wb.create_sheet("收入总表")
    for row in (["某局2025年收入预算总表"], ["", "", "", "", "单位：万元"],
                ["科目编码", "科目名称", "合计", "上年结转", "事业收入"],
                ["", "合计", total, 40.00, 60.50],
                ["205", "教育支出", total, 40.00, 60.50]):
        ws.append(row)
    wb.save(path)
    return str(path)


def test_an_income_budget_total_may_hold_the_carry_over(tmp_path, book):
    # 收入预算总表 合计 1050.75 = the year's income 1010.75 + its 上年结转 column 40.00.
    clean = audit_file(_income_budget(tmp_path / "in.xlsx", 1050.75), book)
    assert "FA101" not in _rules(clean)
    wrong = audit_file(_income_budget(tmp_path / "wrong.xlsx", 1060.75), book)
    assert "FA101" in _rules(wrong)


@pytest.mark.parametrize("title, slot", [
    ("表二支出决算表", "T3"), ("表三一般公共预算财政拨款支出决算表", "T5"), ("表12收入决算表", "T2"),
    ("表一收入支出决算总表", "T1")])
def test_a_tables_number_glued_to_its_title(title, slot, book):
    # A PDF's text glues 表二 to the title; 表三一般… is 表三 and 一般…, not 表三一 and 般….
    from auditor import vocabulary

    with vocabulary.using(book.vocabulary):
        matched = match_title(title)
    assert matched is not None and matched[0].slot == slot


@pytest.mark.parametrize("title, slot, budget", [
    ("2024年部门收支总表", "T1", True), ("2024年部门收入总表", "T2", True),
    ("2024年部门支出总表", "T3", True), ("2024年一般公共预算财政拨款支出表", "T5", True),
    ("2024年一般公共预算财政拨款基本支出表", "T6", True),
    ("2024年政府性基金预算财政拨款支出表", "T8", True),
    ("2024年一般公共预算“三公”经费财政拨款支出表", "T7", True),
    # The 决算 tables keep their own titles.
    ("2023年一般公共预算财政拨款支出决算表", "T5", False),
    ("一般公共预算财政拨款“三公”经费支出决算表", "T7", False)])
def test_budget_titles_without_the_word_budget(title, slot, budget):
    """北京's 部门预算 tables are titled 部门收支总表, 一般公共预算财政拨款支出表 …"""
    matched = match_title(title)
    assert matched is not None and (matched[0].slot, matched[1]) == (slot, budget)


def _halves(wages: str = "150.00") -> list[list[str]]:
    """基本支出 by 经济分类 in two halves side by side, each under its group's name."""
    return [["人员经费", "", "", "公用经费", "", ""],
            ["经济科目编码", "经济科目名称", "预算数", "经济科目编码", "经济科目名称", "预算数"],
            ["301", "工资福利支出", wages, "302", "商品和服务支出", "40.00"],
            ["30101", "基本工资", "100.00", "30201", "办公费", "25.00"],
            ["30102", "津贴补贴", "50.00", "30211", "差旅费", "15.00"],
            ["", "人员经费合计", "150.00", "", "公用经费合计", "40.00"]]


def test_codes_under_a_group_header_are_codes_not_the_groups_amounts(tmp_path, book):
    ok = audit_file(write_tables(tmp_path / "ok.xlsx",
                                 {"2024年一般公共预算财政拨款基本支出表": _halves()}), book)
    assert _rules(ok) == []
    assert any(e.rule == "FA001" and e.verdict == "pass" for e in ok.evaluations)
    bad = audit_file(write_tables(tmp_path / "bad.xlsx",
                                  {"2024年一般公共预算财政拨款基本支出表": _halves("160.00")}), book)
    # 工资福利支出 160.00 ≠ 100.00 + 50.00; nothing is read from the code columns.
    assert "FA001" in _rules(bad) and "FA023" not in _rules(bad)
    assert all("301" not in f.reported for f in bad.findings)


def _income_by_fund(total: str = "150.00", with_appropriation: bool = False) -> list[list[str]]:
    """山东's 收入总表: the 财政拨款 by fund, one column each, and no 财政拨款收入 column."""
    head = ["科目编码", "科目名称", "合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入"]
    rows = [["", "合计", total, "120.00", "10.00", "20.00"],
            ["201", "一般公共服务支出", total, "120.00", "10.00", "20.00"]]
    if with_appropriation:
        head.insert(3, "财政拨款收入")
        for row in rows:
            row.insert(3, "130.00")
    return [head, *rows]


def test_income_by_fund_columns_add_up_to_the_total(tmp_path, book):
    ok = audit_file(write_tables(tmp_path / "ok.xlsx", {"收入预算总表": _income_by_fund()}), book)
    assert _rules(ok) == [] and any(e.rule == "FA020" and e.verdict == "pass" for e in ok.evaluations)
    bad = audit_file(write_tables(tmp_path / "bad.xlsx", {"收入预算总表": _income_by_fund("160.00")}), book)
    assert "FA020" in _rules(bad)  # 120 + 10 + 20 = 150
    # Beside a 财政拨款收入 column the funds may be its breakdown: not summed with it.
    both = audit_file(write_tables(tmp_path / "both.xlsx",
                                   {"收入预算总表": _income_by_fund(with_appropriation=True)}), book)
    assert not any(e.rule == "FA020" for e in both.evaluations)


def _three_public_by_year(this_year_total: str = "12.24") -> list[list[str]]:
    """The 三公 budget of last year and this year side by side, six columns each."""
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    second = ["", "", "小计", "购置费", "运行费", ""]
    return [["2023年预算数", "", "", "", "", "", "2024年预算数", "", "", "", "", ""],
            items + items, second + second,
            ["39.98", "0.00", "35.78", "26.50", "9.28", "4.20",
             this_year_total, "0.00", "8.64", "0.00", "8.64", "3.60"]]


def test_a_three_public_table_by_year_is_read_in_its_latest_year(tmp_path, book):
    title = "2024年一般公共预算“三公”经费财政拨款支出表"
    ok = audit_file(write_tables(tmp_path / "ok.xlsx", {title: _three_public_by_year()}), book)
    assert _rules(ok) == []
    t7 = _table(ok, "T7")
    assert t7.facts["预算数.合计"].quantity.value == Decimal("12.24")  # not 2023's 39.98
    bad = audit_file(write_tables(tmp_path / "bad.xlsx", {title: _three_public_by_year("13.24")}), book)
    [finding] = [f for f in bad.findings if f.rule == "FA040"]
    assert (finding.reported, finding.expected) == ("13.24万元", "12.24万元")  # 0 + 8.64 + 3.60


def _fund_by_kuan(first_item: str = "360.00") -> list[list[str]]:
    """A 政府性基金 决算 table giving its income and balances by 款 only (blank on the 项)."""
    return [["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"],
            ["", "合计", "0.00", "562.00", "538.00", "24.00"],
            ["213", "农林水支出", "0.00", "562.00", "538.00", "24.00"],
            ["21366", "大中型水库库区基金安排的支出", "0.00", "562.00", "538.00", "24.00"],
            ["2136601", "基础设施建设和经济发展", "", "", first_item, ""],
            ["2136602", "解决移民遗留问题", "", "", "178.00", ""]]


def test_a_column_given_only_at_the_level_above_is_not_read_as_zeros(tmp_path, book):
    title = "2023年政府性基金预算财政拨款收入支出决算表"
    ok = audit_file(write_tables(tmp_path / "ok.xlsx", {title: _fund_by_kuan()}), book)
    def errors(result):  # a 决算 of one table also lacks the others (FA201 warnings)
        return sorted(f.rule for f in result.findings if f.severity == "error")

    assert errors(ok) == []  # no 本年收入 562 ≠ 0 + 0, no 0 ≠ 360 per 项
    assert any(e.rule == "FA001" and e.verdict == "pass" for e in ok.evaluations)  # 本年支出
    bad = audit_file(write_tables(tmp_path / "bad.xlsx", {title: _fund_by_kuan("350.00")}), book)
    assert errors(bad) == ["FA001"]  # 538 ≠ 350 + 178
