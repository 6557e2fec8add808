"""决算 tables laid out unlike the samples: generated workbooks (tests/final_accounts_variants.py).

Each clean layout, rounding traps included, gives no error and no warning; one figure
changed in it is found on that figure's cell; labels the vocabulary does not know are
not read (and listed), never put into another row's place.
"""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import final_accounts_variants as variants
from auditor.pipeline import audit_file

D = Decimal


def _run(tmp_path, book, layout, change=None, name="variant.xlsx"):
    tables = variants.tables(layout)
    if change is not None:
        change(tables)
    path = tmp_path / name
    where = variants.write(path, layout, tables)
    result = audit_file(str(path), book)
    assert result.status == "ok"
    return result, where


def _bundle(result):
    [bundle] = [s for s in result.subjects if s.kind == "final_accounts"]
    return bundle


def _serious(result):
    return [f for f in result.findings if f.severity in ("error", "warning")]


def _at(finding) -> set[str]:
    """The cells a finding points at: its own and its related ones."""
    cells = {f"{finding.location.sheet}!{finding.location.cell}"}
    cells |= {f"{loc.sheet}!{loc.cell}" for loc in finding.related}
    return cells


LAYOUTS = {
    "plain": variants.Layout(),
    "stacked": variants.Layout(stacked=True),
    "stacked, yuan and wan": variants.Layout(stacked=True, units={"T2": "元", "T6": "元", "T7": "元"}),
    "yuan": variants.Layout(units={slot: "元" for slot in ("T1", "T2", "T3", "T4", "T5", "T6", "T7")}),
    "no numbering, one code column": variants.Layout(numbering=False, split_codes=False),
    "continued with title": variants.Layout(continued=("T1", "T3", "T4", "T6")),
    "continued without title": variants.Layout(continued=("T2", "T3", "T4", "T6"), continued_title=False),
    "text numbers": variants.Layout(text_numbers=True),
    "three public, 2 header rows": variants.Layout(three_public_header=2),
    "three public, 1 header row": variants.Layout(three_public_header=1),
    "three public, 1 row, short labels": variants.Layout(three_public_header=1, short_vehicle_labels=True),
    "T4 with a column per fund": variants.Layout(t4_fund_columns=True),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_clean_layout_gives_nothing(tmp_path, book, name):
    result, _ = _run(tmp_path, book, LAYOUTS[name])
    assert result.findings == [], [f.message for f in result.findings]
    bundle = _bundle(result)
    assert bundle.meta["tables"] == 9
    assert result.checks >= 400  # every table read, not skipped
    # The 三公 table is read whatever its unit and header: its items are figures.
    assert bundle.facts["T7.决算数.公务接待费"].quantity.value > 0
    assert bundle.facts["T7.决算数.公务用车购置及运行维护费"].quantity.value > 0


def _wan(yuan: str) -> D:
    return D(yuan)


# (layout, table, row key, column, new value in 元, rule expected)
INJECTED = [
    ("stacked", "T2", "2010602", "其他收入", D("71900.00"), "FA020"),
    ("stacked, yuan and wan", "T7", "三公", "决算数.公务接待费", D("9000"), "FA040"),
    ("yuan", "T6", "30201", "右", D("222733.05"), "FA001"),
    ("no numbering, one code column", "T5", "2080505", "支出合计", D("1617461.77"), "FA022"),
    ("continued with title", "T3", "2210203", "基本支出", D("2595047.38"), "FA021"),
    ("continued without title", "T4", "年末财政拨款结转和结余", "一般公共预算", D("226300.00"), "FA030"),
    ("text numbers", "T1", "本年收入合计", "收入", D("27307100.00"), "FA011"),
    ("three public, 2 header rows", "T7", "三公", "预算数.公务用车购置及运行维护费", D("35000"), "FA041"),
    ("three public, 1 header row", "T7", "三公", "决算数.因公出国（境）费", D("5000"), "FA040"),
    ("three public, 1 row, short labels", "T7", "三公", "预算数.公务用车购置费", D("5000"), "FA041"),
    ("plain", "T1", "卫生健康支出", "支出", D("619936.45"), "FA013"),
    ("T4 with a column per fund", "T4", "年初财政拨款结转和结余", "收入.一般公共预算", D("226300.00"), "FA037"),
]


@pytest.mark.parametrize("name,slot,key,column,value,rule", INJECTED, ids=[i[0] for i in INJECTED])
def test_injected_error_found_on_its_cell(tmp_path, book, name, slot, key, column, value, rule):
    result, where = _run(tmp_path, book, LAYOUTS[name],
                         lambda tables: variants.inject(tables, slot, key, column, value))
    cell = where[(slot, key, column)]
    errors = [f for f in result.findings if f.severity == "error"]
    report = (cell, [(f.rule, f.message, _at(f)) for f in errors])
    assert rule in {f.rule for f in errors}, report
    assert any(cell in _at(f) for f in errors), report
    assert not [f for f in result.findings if f.severity == "warning"]


# One wrong figure each, valid in every layout: (table, row key, column, 元 added).
BUMPS = [("T1", "本年收入合计", "收入", D("10000")), ("T2", "2010602", "其他收入", D("10000")),
         ("T3", "2210203", "基本支出", D("10000")), ("T4", "本年支出合计", "合计", D("10000")),
         ("T5", "2080505", "支出合计", D("10000")), ("T6", "30201", "右", D("10000")),
         ("T7", "三公", "决算数.公务接待费", D("1000"))]


def test_figures_over_all_layouts_and_wrong_figures(tmp_path, book, capsys):
    clean_with_findings, injected, found, on_cell, grouped = 0, 0, 0, 0, 0
    for index, layout in enumerate(LAYOUTS.values()):
        folder = tmp_path / str(index)
        folder.mkdir()
        result, _ = _run(folder, book, layout)
        clean_with_findings += bool(_serious(result))
        for slot, key, column, delta in BUMPS:
            result, where = _run(folder, book, layout,
                                 lambda t: variants.bump(t, slot, key, column, delta), "bumped.xlsx")
            errors = _errors(result)
            injected += 1
            found += bool(errors)
            on_cell += any(where[(slot, key, column)] in _at(f) for f in errors)
            grouped += any(f.rule == "AR003" for f in errors)
    with capsys.disabled():
        print(f"\n决算 variants: {len(LAYOUTS)} layouts, {len(LAYOUTS)} clean workbooks with a "
              f"finding: {clean_with_findings}; {injected} wrong figures, found {found} "
              f"({found / injected:.0%}), on the changed cell {on_cell} ({on_cell / injected:.0%}), "
              f"taken for a misreading {grouped}")
    assert clean_with_findings == 0
    assert found == injected and grouped == 0
    # A part of a sum (公务接待费 under the 三公 合计) is reported at the total, with the
    # sum's first part beside it: which figure is wrong, the total or a part, is not known.
    assert on_cell >= 0.85 * injected


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stacked=st.booleans(), numbering=st.booleans(), split=st.booleans(), text=st.booleans(),
       header=st.sampled_from([1, 2, 3]),
       yuan=st.sets(st.sampled_from(["T1", "T2", "T3", "T4", "T5", "T6", "T7"])),
       continued=st.sets(st.sampled_from(["T1", "T2", "T3", "T4", "T5", "T6"])),
       titled=st.booleans())
def test_any_mix_of_layouts_is_clean(tmp_path, book, stacked, numbering, split, text, header, yuan,
                                     continued, titled):
    layout = variants.Layout(stacked=stacked, numbering=numbering, split_codes=split,
                             text_numbers=text, three_public_header=header,
                             units={slot: "元" for slot in yuan},
                             continued=() if stacked else tuple(sorted(continued)),
                             continued_title=titled)
    result, _ = _run(tmp_path, book, layout)
    assert _serious(result) == [], [f.message for f in result.findings]
    assert _bundle(result).meta["tables"] == 9


# ---------------------------------------------------------------- the misreadings of issue 8


def _unread(result):
    return " ".join(f.message for f in result.findings if f.rule == "AR002")


def test_renamed_opening_balance_is_read_by_its_alias(tmp_path, book):
    layout = variants.Layout(renamed={"年初财政拨款结转和结余": "上年财政拨款结转和结余"})
    result, _ = _run(tmp_path, book, layout)
    assert result.findings == []
    bundle = _bundle(result)
    assert bundle.facts["T4.年初结转和结余"].quantity.value == D("21.63")
    [fund] = [f for f in bundle.collections["表"][3].collections["资金"] if f.name == "一般公共预算"]
    assert fund.facts["年初结转和结余"].quantity.value == D("21.63")


def test_unknown_opening_row_does_not_shift_the_fund_rows(tmp_path, book):
    # A 年初 row the vocabulary does not know: the fund rows under it are not read as this
    # year's income (FA031/FA113 would fail) and the fund's balance is not computed with a
    # 年初 of zero (FA037 would fail): they are listed as not read.
    layout = variants.Layout(renamed={"年初财政拨款结转和结余": "期初财政资金余额"})
    result, _ = _run(tmp_path, book, layout)
    assert _serious(result) == [], [f.message for f in result.findings]
    unread = _unread(result)
    assert "期初财政资金余额" in unread and "一般公共预算财政拨款" in unread
    t4 = _bundle(result).collections["表"][3]
    assert t4.facts["本年收入.一般公共预算"].quantity.value == D("2723.52")


def test_fund_listed_twice_in_one_section_is_not_read(tmp_path, book):
    # The 年初 heading left without a label: its fund rows below would list the funds a
    # second time under 本年收入; they are not read (and not taken for this year's income).
    layout = variants.Layout(renamed={"年初财政拨款结转和结余": " "})
    result, _ = _run(tmp_path, book, layout)
    assert _serious(result) == [], [f.message for f in result.findings]
    assert "一般公共预算财政拨款" in _unread(result)
    t4 = _bundle(result).collections["表"][3]
    assert t4.facts["本年收入.一般公共预算"].quantity.value == D("2723.52")
    assert not [f for f in t4.collections["资金"] if f.name == "一般公共预算"]


def test_unknown_income_row_is_not_an_income_source(tmp_path, book):
    # 其他收入 renamed to a label nobody lists: the row is not read; 本年收入合计 = Σ收入来源
    # is then not checked (it would be short by that row), not failed.
    layout = variants.Layout(renamed={"其他收入": "捐赠及杂项收入"})
    result, _ = _run(tmp_path, book, layout)
    assert _serious(result) == [], [f.message for f in result.findings]
    assert "捐赠及杂项收入" in _unread(result)
    t1 = _bundle(result).collections["表"][0]
    assert "捐赠及杂项收入" not in {m.name for m in t1.collections["收入来源"]}
    assert not any(e.rule == "FA011" and e.verdict != "skip" for e in result.evaluations)


def test_unknown_class_row_is_not_summed(tmp_path, book):
    layout = variants.Layout(renamed={"卫生健康支出": "卫生和健康事务"})
    result, _ = _run(tmp_path, book, layout)
    assert _serious(result) == [], [f.message for f in result.findings]
    assert "卫生和健康事务" in _unread(result)


def test_older_class_name_is_an_alias(tmp_path, book):
    layout = variants.Layout(renamed={"卫生健康支出": "医疗卫生与计划生育支出"})
    result, _ = _run(tmp_path, book, layout)
    assert result.findings == []
    assert any(e.rule == "FA013" and e.verdict == "pass" for e in result.evaluations)


def test_summary_facts_are_declared_terms_not_fragments(tmp_path, book):
    result, _ = _run(tmp_path, book, variants.Layout())
    t1 = _bundle(result).collections["表"][0]
    declared = set(book.vocabulary.subjects["t1_summary"].facts) | set(
        book.vocabulary.subjects["fa_table"].facts)
    assert set(t1.facts) <= declared, set(t1.facts) - declared


def test_three_public_subtotal_is_not_taken_for_running_costs(tmp_path, book):
    # 公务用车购置及运行维护费小计 contains 运行维护费: the longer alias wins.
    result, _ = _run(tmp_path, book, variants.Layout(three_public_header=1, short_vehicle_labels=True))
    t7 = _bundle(result)
    assert t7.facts["T7.决算数.公务用车购置及运行维护费"].quantity.value == D("2.43")
    assert t7.facts["T7.决算数.公务用车运行维护费"].quantity.value == D("2.43")
    assert t7.facts["T7.决算数.合计"].quantity.value == D("3.42")


def test_three_public_in_yuan_whole_numbers(tmp_path, book):
    # Whole 元 (`24310`, no decimals) are figures, not header words: the table is not empty.
    result, _ = _run(tmp_path, book, variants.Layout(units={"T7": "元"}))
    bundle = _bundle(result)
    running = bundle.facts["T7.决算数.公务用车运行维护费"].quantity
    assert running.unit == "元" and running.value == D("24310")
    assert {e.rule for e in result.evaluations if e.verdict == "pass"} >= {"FA108", "FA109"}


def test_three_public_column_without_side_is_not_guessed(tmp_path, book):
    # A final table's 三公 header that names the items but not 预算数/决算数: not read.
    def drop_sides(tables):
        t7 = next(t for t in tables if t.slot == "T7")
        t7.header = t7.header[:-1]

    result, _ = _run(tmp_path, book, variants.Layout(), drop_sides)
    assert not any(f.rule.startswith("FA04") for f in result.findings)
    assert "T7.决算数.合计" not in _bundle(result).facts


# ---------------------------------------------------------------- many failures, one cause


def _errors(result):
    return [f for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("change,layout,words", [
    (lambda t: variants.swap_columns(t, "T5", "基本支出", "支出合计"), variants.Layout(),
     ("“合计”与“基本支出”", "两列错位")),
    (lambda t: variants.swap_columns(t, "T2", "财政拨款收入", "收入合计"), variants.Layout(split_codes=False),
     ("“合计”与“财政拨款收入”", "两列错位")),
    (lambda t: variants.shift_columns(t, "T3", 1), variants.Layout(), ("向左移一列",)),
    (None, variants.Layout(units={"T3": "元"}, stated_units={"T3": "万元"}), ("以元计", "万元")),
    (None, variants.Layout(units={"T6": "元"}, stated_units={"T6": "万元"}, stacked=True), ("以元计",)),
], ids=["swap T5", "swap T2", "shift T3", "unit T3", "unit T6 stacked"])
def test_one_misreading_is_one_finding(tmp_path, book, change, layout, words):
    result, _ = _run(tmp_path, book, layout, change)
    errors = _errors(result)
    assert [f.rule for f in errors] == ["AR003"], [f.message for f in errors]
    [cause] = errors
    assert all(w in cause.message for w in words), cause.message
    count = int(cause.message.split("：", 1)[1].split("处", 1)[0])
    assert count >= 3 and len(cause.related) == count


def test_one_wrong_figure_is_still_its_own_finding(tmp_path, book):
    # 本年收入合计 typed wrong breaks three identities (FA010, FA011, FA101): no misreading
    # explains them, so each is reported, on the wrong figure's cell.
    result, where = _run(tmp_path, book, variants.Layout(),
                         lambda t: variants.inject(t, "T1", "本年收入合计", "收入", D("27397100.00")))
    rules = {f.rule for f in _errors(result)}
    assert rules == {"FA010", "FA011", "FA101"}, rules
    cell = where[("T1", "本年收入合计", "收入")]
    assert any(cell in _at(f) for f in _errors(result) if f.rule == "FA011")


def test_wrong_figures_in_one_column_are_not_taken_for_a_misreading(tmp_path, book):
    # Three items of one column typed wrong: three failures, but no swap, shift or unit
    # makes them hold, so they stay three findings.
    def change(tables):
        variants.inject(tables, "T5", "2080501", "基本支出", D("856548.33"))
        variants.inject(tables, "T5", "2101101", "基本支出", D("619936.45"))
        variants.inject(tables, "T5", "2210201", "基本支出", D("1881946.26"))

    result, _ = _run(tmp_path, book, variants.Layout(), change)
    rules = [f.rule for f in _errors(result)]
    assert "AR003" not in rules and rules.count("FA022") == 3, rules


def test_a_pack_alias_makes_an_unknown_row_read(tmp_path):
    # The 年初 row named as a department's own words: not read with the shipped vocabulary;
    # a user's pack adds the words as an alias of 年初结转和结余 and the balance is checked.
    from auditor.checks.pack import load_rulebook

    pack = tmp_path / "my-words.yaml"
    pack.write_text("pack: my-words\nvocabulary:\n  fa.rows.t4_appropriation:\n    terms:\n"
                    "      年初结转和结余: [期初财政资金余额]\n", encoding="utf-8")
    book = load_rulebook([str(pack)])
    layout = variants.Layout(renamed={"年初财政拨款结转和结余": "期初财政资金余额"})
    result, _ = _run(tmp_path, book, layout)
    assert result.findings == []
    assert any(e.rule == "FA037" and e.verdict == "pass" for e in result.evaluations)


def test_blank_summary_total_is_not_read_as_zero(tmp_path, book):
    # 本年支出合计 printed blank beside classes with figures: not a total of 0.00 (FA013
    # and FA012 would report it), a figure not read.
    result, _ = _run(tmp_path, book, variants.Layout(),
                     lambda t: variants.inject(t, "T1", "本年支出合计", "支出", None))
    assert not {"FA012", "FA013"} & {f.rule for f in _errors(result)}
    assert "T1.本年支出合计" not in _bundle(result).facts


_CELLS = st.one_of(
    st.none(), st.sampled_from(["合计", "总计", "本年收入合计", "年初财政拨款结转和结余", "一般公共预算财政拨款",
                                "一、一般公共服务支出", "项目", "决算数", "预算数", "类", "款", "项", "201", "20106",
                                "2010601", "小计", "购置费", "预算数", "其他收入", "注：本表无数据", "单位：元"]),
    st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=10**6),
    st.text(alphabet=st.characters(whitelist_categories=("Lo", "Nd", "Ll", "Po")), max_size=6))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.sampled_from(["收入支出决算总表", "财政拨款收入支出决算总表", "财政拨款“三公”经费支出决算表",
                              "支出决算表", "一般公共预算财政拨款基本支出决算表"]),
       rows=st.lists(st.lists(_CELLS, min_size=1, max_size=12), min_size=1, max_size=12))
def test_any_table_body_gives_no_traceback(tmp_path, book, title, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.append([title])
    ws.append(["单位：万元"])
    for row in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    path = tmp_path / "any.xlsx"
    workbook.save(path)
    result = audit_file(str(path), book)
    assert result.status == "ok"


def test_continued_tables_printed_as_pdf(tmp_path, book):
    # Printed, a table continued under a `（续）` title is a second grid whose header the
    # PDF reader may split otherwise: it is still the same table.
    from pdfs import print_workbook

    layout = LAYOUTS["continued with title"]
    variants.write(tmp_path / "continued.xlsx", layout)
    result = audit_file(str(print_workbook(tmp_path / "continued.xlsx", tmp_path / "continued.pdf")), book)
    assert _bundle(result).meta["tables"] == 9
    assert _serious(result) == [], [f.message for f in result.findings]
    tables = variants.tables(layout)
    variants.bump(tables, "T3", "2210203", "基本支出", D("10000"))
    variants.write(tmp_path / "bumped.xlsx", layout, tables)
    bumped = audit_file(str(print_workbook(tmp_path / "bumped.xlsx", tmp_path / "bumped.pdf")), book)
    assert "FA021" in {f.rule for f in _errors(bumped)}
