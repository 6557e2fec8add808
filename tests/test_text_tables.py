"""Flattened 科目 tables in a PDF text extract: rebuilt as grids only where every row's
figures can be put in their columns; otherwise left to the text lines and counted as not
checked. The extracts are written from the synthetic tables (tests/flat_tables.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import final_accounts_variants as variants
from flat_tables import document, every_figure_printed, flat_table

from auditor.coverage import collecting
from auditor.pipeline import audit_file
from auditor.readers.text import parse_text

D = Decimal


def _parse(text: str):
    with collecting() as abstained:
        doc = parse_text(text, "x.txt")
    return doc, abstained


def _audit(tmp_path, book, text: str):
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    result = audit_file(str(path), book)
    assert result.status == "ok"
    return result


def _on(result, title: str, rule: str | None = None):
    """Findings on the table titled so (sums over it are the set's, named in the message);
    FA201, the other tables missing from a one-table document, is not about it."""
    return [f for f in result.findings if title in (f.subject or "") + (f.message or "")
            and f.rule != "FA201" and (rule is None or f.rule == rule)]


def _t5(change=None):
    tables = [every_figure_printed(variants.t5(variants.Layout()))]
    if change is not None:
        change(tables)
    return tables[0]


def _t2(change=None):
    tables = [every_figure_printed(variants.t2(variants.Layout()))]
    if change is not None:
        change(tables)
    return tables[0]


def test_full_rows_are_rebuilt_with_codes_names_and_line_locations():
    table = _t5()
    lines = flat_table(table, wrap_names={"2080505": 8})
    doc, abstained = _parse(document(lines))
    [grid] = doc.grids
    rows = [[c.text for c in row] for row in grid.rows]
    assert rows[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert rows[1][:2] == ["201", "一般公共服务支出"]
    assert ["2010601", "行政运行", "1,511.89", "1,503.52", "8.37"] in rows
    # The name wrapped onto the next line is one name again; its figures stand on that line.
    [wrapped] = [row for row in grid.rows if row[0].text == "2080505"]
    assert wrapped[1].text == "机关事业单位基本养老保险缴费支出"
    assert wrapped[2].location.line == wrapped[0].location.line + 1
    assert rows[-1][:2] == ["", "合计"]
    assert not abstained
    # The table's lines are the grid's: no paragraph holds them.
    assert not any("行政运行" in p.text or "1,511.89" in p.text for p in doc.paragraphs)


def test_glued_codes_are_codes():
    doc, _ = _parse(document(flat_table(_t5(), glued_codes=True)))
    [grid] = doc.grids
    assert [c.text for c in grid.rows[3][:2]] == ["2010601", "行政运行"]


def test_code_name_and_amount_glued_together_are_split(tmp_path, book):
    text = document(flat_table(_t5(), glued_cells=True))
    assert "2010601行政运行1,511.89 1,503.52 8.37" in text.splitlines()
    doc, _ = _parse(text)
    [grid] = doc.grids
    assert [c.text for c in grid.rows[3]] == ["2010601", "行政运行", "1,511.89", "1,503.52", "8.37"]
    table = _t5(lambda ts: variants.bump(ts, "T5", "2010601", "支出合计", D("10000")))
    result = _audit(tmp_path, book, document(flat_table(table, glued_cells=True)))
    assert _on(result, "一般公共预算财政拨款支出决算表")


def test_rebuilt_expenditure_table_passes(tmp_path, book):
    result = _audit(tmp_path, book, document(flat_table(_t5())))
    assert not _on(result, "一般公共预算财政拨款支出决算表")
    checked = [e for e in result.evaluations if e.subject_kind == "t5_general_expenditure"
               and e.verdict == "pass"]
    assert len(checked) >= 15  # every row: 合计 = 基本支出 + 项目支出


def test_rebuilt_expenditure_table_fails_on_a_wrong_part(tmp_path, book):
    # 2010601's 项目支出 10,000 元 too high: its row and the 款 above no longer add up.
    table = _t5(lambda ts: variants.bump(ts, "T5", "2010601", "项目支出", D("10000")))
    result = _audit(tmp_path, book, document(flat_table(table)))
    found = _on(result, "一般公共预算财政拨款支出决算表")
    assert found
    assert all(f.location.line is not None for f in found)
    lines = document(flat_table(table)).splitlines()
    assert any("2010601" in lines[f.location.line - 1].replace(" ", "") or
               "20106" in lines[f.location.line - 1].replace(" ", "") for f in found)


def test_rebuilt_income_table_passes_and_fails(tmp_path, book):
    clean = _audit(tmp_path, book, document(flat_table(_t2())))
    assert not _on(clean, "收入决算表")
    assert any(e.rule == "FA020" and e.verdict == "pass" for e in clean.evaluations)
    wrong = _t2(lambda ts: variants.bump(ts, "T2", "2010602", "其他收入", D("500")))
    result = _audit(tmp_path, book, document(flat_table(wrong)))
    assert _on(result, "收入决算表", "FA020")


def test_rows_short_of_figures_are_not_checked_not_guessed(tmp_path, book):
    # Blank cells printed as nothing: 一般行政管理事务 has 合计 and one part, either of two.
    table = variants.t5(variants.Layout())
    text = document(flat_table(table))
    doc, abstained = _parse(text)
    assert not doc.grids
    assert {a.reason for a in abstained} == {"table_row_ambiguous"}
    assert "2010602 一般行政管理事务" in {a.what for a in abstained}
    result = _audit(tmp_path, book, text)
    assert result.not_checked.get("table_row_ambiguous", 0) == len(abstained)
    assert not _on(result, "一般公共预算财政拨款支出决算表")


def test_a_wrong_figure_in_an_ambiguous_row_is_no_finding_of_a_guessed_column(tmp_path, book):
    # 2010602 prints 合计 and 项目支出 only; which column its second figure is in is unknown,
    # so a wrong 项目支出 there is not put down to 基本支出 or 项目支出.
    table = variants.t5(variants.Layout())
    variants.bump([table], "T5", "2010602", "项目支出", D("10000"))
    result = _audit(tmp_path, book, document(flat_table(table)))
    assert not any(f.rule in ("FA021", "FA022", "FA023") for f in _on(result, "一般公共预算"))
    assert result.not_checked.get("table_row_ambiguous", 0) > 0


def test_two_level_header_is_not_rebuilt():
    # 本年支出 over 小计 / 基本支出 / 项目支出: the text order is not the column order.
    table = variants._empty_fund_table("T8", "政府性基金预算财政拨款收入支出决算表", variants.Layout(),
                                       "政府性基金预算")
    lines = [table.title, "单位：万元", "项目", "年初结转和", "结余 本年收入", "本年支出",
             "年末结转和", "结余", "支出功能分类", "科目名称 小计 基本支出 项目支出科目编码",
             "类 款 项", "合计", *table.notes]
    doc, abstained = _parse(document(lines))
    assert not doc.grids and not abstained


def test_rows_left_after_the_region_keep_it_text():
    # A line the region cannot read (figures alone, after a row that has its own), then
    # more rows: rebuilding would leave rows of the table behind as text.
    lines = flat_table(_t5())
    at = next(i for i, line in enumerate(lines) if line.startswith("208 05 01"))
    lines.insert(at, "12.00 3.00")
    doc, abstained = _parse(document(lines))
    assert not doc.grids and not abstained


def test_word_and_pipe_tables_are_untouched():
    text = "收入决算表\n单位：万元\n| 科目名称 | 合计 |\n|---|---|\n| 行政运行 | 1.00 |\n"
    doc, abstained = _parse(text)
    [grid] = doc.grids
    assert [[c.text for c in r] for r in grid.rows] == [["科目名称", "合计"], ["行政运行", "1.00"]]
    assert not abstained


def _split_over_pages(lines: list[str], at: str) -> tuple[list[str], list[str]]:
    """The table's lines cut before the row starting `at`, the title repeated with （续）."""
    cut = next(i for i, line in enumerate(lines) if line.startswith(at))
    header_end = next(i for i, line in enumerate(lines) if line == "类 款 项") + 1
    title, *head = lines[:header_end]
    return lines[:cut], [f"{title}（续）", *head, *lines[cut:]]


def test_table_over_two_pages_is_one_table(tmp_path, book):
    first, second = _split_over_pages(flat_table(_t5()), "208 ")
    result = _audit(tmp_path, book, document(first, second))
    doc, _ = _parse(document(first, second))
    assert len(doc.grids) == 2
    assert not _on(result, "一般公共预算财政拨款支出决算表")
    assert not [f for f in result.findings if f.kind == "unrecognised"]
    [t5] = [s for top in result.subjects for s in top.walk()
            if s.kind == "t5_general_expenditure"]
    assert {r.texts["科目编码"].text for r in t5.collections["行"]} >= {"201", "208", "221"}


@pytest.mark.parametrize("ambiguous_page", ["first", "second"])
def test_a_page_with_an_ambiguous_row_keeps_the_whole_table_text(tmp_path, book, ambiguous_page):
    # A grid for one page and text lines for the other would read as two tables: the
    # text half's total against the grid's rows (false FA001), the grid unrecognised.
    table = _t5()
    key = "2010602" if ambiguous_page == "first" else "2210203"
    table.rows[table.index(key)][table.columns["基本支出"]] = None  # printed blank
    first, second = _split_over_pages(flat_table(table), "208 ")
    text = document(first, second)
    doc, abstained = _parse(text)
    assert not doc.grids
    assert [a.what.split()[0] for a in abstained] == [key]
    result = _audit(tmp_path, book, text)
    assert not _on(result, "一般公共预算财政拨款支出决算表")
    assert not [f for f in result.findings if f.kind == "unrecognised"]


def test_a_blank_last_row_does_not_take_the_next_title():
    # The last 科目 printed blank, then the next table: its title stays a title.
    table = _t5()
    row = table.rows[table.index("2210203")]
    for c in table.columns.values():
        row[c] = None
    lines = [line for line in flat_table(table) if not line.startswith("合计 ")]
    lines[-1] = "221 02 03 购房补贴"
    for text in (document(lines, flat_table(_t2())), document(lines + flat_table(_t2()))):
        doc, _ = _parse(text)  # the next table on the next page, or on the same one
        names = [row[1].text for grid in doc.grids for row in grid.rows]
        assert "购房补贴" in names
        assert any(p.text == "收入决算表" for p in doc.paragraphs)


def test_rebuilt_expenditure_by_use_table_passes_and_fails(tmp_path, book):
    t3 = every_figure_printed(variants.t3(variants.Layout()))
    clean = _audit(tmp_path, book, document(flat_table(t3)))
    assert not _on(clean, "支出决算表")
    assert any(e.rule == "FA021" and e.verdict == "pass" for e in clean.evaluations)
    # 0.30万元 off: more than the rounding of six two-decimal parts can give.
    variants.bump([t3], "T3", "2080501", "基本支出", D("3000"))
    result = _audit(tmp_path, book, document(flat_table(t3)))
    assert _on(result, "支出决算表", "FA021")


def _fund_budget(project: str) -> list[str]:
    """A 预算 fund table in 元 with one 科目 (its header over one row of columns)."""
    return ["2025年部门政府性基金预算支出功能分类预算表", "编制部门：示范单位 单位：元",
            "项目 政府性基金预算支出", "功能分类科目编码", "功能分类科目名称 合计 基本支出 项目支出",
            "类 款 项",
            "212 城乡社区支出 500,000.00 0.00 500,000.00",
            "212 08 国有土地使用权出让收入安排的支出 500,000.00 0.00 500,000.00",
            f"212 08 99 其他国有土地使用权出让收入安排的支出 500,000.00 0.00 {project}",
            "合计 500,000.00 0.00 500,000.00"]


def test_rebuilt_fund_table_passes_and_fails(tmp_path, book):
    doc, _ = _parse(document(_fund_budget("500,000.00")))
    [grid] = doc.grids
    assert [c.text for c in grid.rows[0]] == ["科目编码", "科目名称", "政府性基金预算支出合计",
                                              "基本支出", "项目支出"]
    clean = _audit(tmp_path, book, document(_fund_budget("500,000.00")))
    assert not _on(clean, "政府性基金预算")
    assert any(e.rule == "FA026" and e.verdict == "pass" for e in clean.evaluations)
    wrong = _audit(tmp_path, book, document(_fund_budget("450,000.00")))
    assert _on(wrong, "政府性基金预算", "FA026")


def test_glued_rows_kept_as_text_are_read_as_rows(tmp_path, book):
    # Rows short of figures stay text lines; glued, they are split all the same, so the
    # text lines give what the spaced ones give and no label goes unread.
    table = variants.t5(variants.Layout())
    spaced = _audit(tmp_path, book, document(flat_table(table)))
    glued = _audit(tmp_path, book, document(flat_table(table, glued_cells=True)))
    assert glued.checks == spaced.checks
    assert not [f for f in glued.findings if f.rule == "AR002"]
    doc, _ = _parse(document(flat_table(table, glued_cells=True)))
    assert any(p.text == "2010601 行政运行 1,511.89 1,503.52 8.37" for p in doc.paragraphs)


INCOME = "某县某局2024年度部门决算\n收入决算表\n单位：万元\n{header}\n{total}\n"


def test_a_row_read_without_a_column_of_figures_is_not_summed(tmp_path, book):
    # 调入资金 is no column the vocabulary knows: the row's figures read are not all of it,
    # so 120.50 against 100.25 + 10.10 + 8.15 is not checked (it may well hold).
    text = INCOME.format(header="项目\t本年收入合计\t财政拨款收入\t调入资金\t事业收入\t其他收入",
                         total="合计\t120.50\t100.25\t2.00\t10.10\t8.15")
    result = _audit(tmp_path, book, text)
    assert not _on(result, "收入决算表", "FA020")
    assert any(f.rule == "AR002" and "调入资金" in f.message for f in result.findings)
    # With the columns all known, the same row is summed and its slip found.
    text = INCOME.format(header="项目\t本年收入合计\t财政拨款收入\t事业收入\t其他收入",
                         total="合计\t120.50\t100.25\t10.10\t8.15")
    (tmp_path / "known").mkdir()
    [finding] = _on(_audit(tmp_path / "known", book, text), "收入决算表", "FA020")
    assert finding.expected.startswith("118.50")
