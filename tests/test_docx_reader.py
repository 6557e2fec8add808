"""The .docx reader: paragraphs in order with their ordinals, tables with merged cells."""

from __future__ import annotations

import pytest

from auditor.pipeline import audit_file
from auditor.readers import ReadError, read_document
from conftest import SAMPLES
from prose_inputs import write


def _word(tmp_path, build) -> str:
    import docx

    document = docx.Document()
    build(document)
    path = tmp_path / "report.docx"
    document.save(path)
    return str(path)


def test_paragraphs_keep_their_ordinal_and_tables_their_place(tmp_path):
    def build(document):
        document.add_paragraph("2021年度部门决算")
        document.add_paragraph("")
        document.add_paragraph("本年收入合计2735.41万元，比上年减少535.4万元，下降16.37%。")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "项目"
        table.cell(0, 1).text = "金额"
        table.cell(1, 0).text = "甲"
        table.cell(1, 1).text = "1.5"
        document.add_paragraph("表后文字。")

    document = read_document(_word(tmp_path, build))
    assert document.format == "docx"
    assert [(p.text, p.location.line) for p in document.paragraphs] == [
        ("2021年度部门决算", 1), ("本年收入合计2735.41万元，比上年减少535.4万元，下降16.37%。", 3),
        ("表后文字。", 4)]
    [grid] = document.grids
    assert grid.name == "表1" and grid.aligned
    assert [[c.text for c in row] for row in grid.rows] == [["项目", "金额"], ["甲", "1.5"]]
    assert grid.rows[1][1].location.sheet == "表1" and grid.rows[1][1].location.cell == "B2"


def test_merged_cells_are_read_once(tmp_path):
    def build(document):
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "项目名称"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "项目资金\n（万元）"
        table.cell(1, 1).text = "全年预算数"
        table.cell(1, 2).text = "全年执行数"
        table.cell(2, 1).text = "12"
        table.cell(2, 2).text = "5.444"

    [grid] = read_document(_word(tmp_path, build)).grids
    texts = [[c.text for c in row] for row in grid.rows]
    # python-docx's row.cells would repeat 项目名称 three times and 项目资金 twice.
    assert texts == [["项目名称", "", ""], ["项目资金\n（万元）", "全年预算数", "全年执行数"],
                     ["", "12", "5.444"]]
    assert sorted(grid.merged) == [(0, 0, 0, 2), (1, 0, 2, 0)]
    assert grid.shown(2, 0) == "项目资金\n（万元）" and grid.shown(0, 2) == "项目名称"


def test_not_a_word_document_is_one_clear_line(tmp_path):
    path = write(tmp_path, "plain text, not a zip", "broken.docx")
    with pytest.raises(ReadError) as raised:
        read_document(str(path))
    assert "docx" in str(raised.value) and "\n" not in str(raised.value)


def test_prose_and_a_form_in_word(tmp_path, book):
    """A report in Word: its prose checked, its 自评表 (a real table) recognised and matched."""
    def build(document):
        document.add_paragraph("2021年度部门决算")
        document.add_paragraph("接诉即办工作经费项目，该项目经费预算12万元，实际支出5.444万元，执行率45.37%，"
                               "该项目综合评价79.08分。")
        rows = [["项目名称", "接诉即办工作经费", "", "", "", "", "", ""],
                ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["", "年度资金总额", "12", "12", "5.444", "10", "45.37%", "4.54"],
                ["", "当年财政拨款", "12", "12", "5.444", "10", "45.37%", "4.54"],
                ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["", "产出指标", "数量指标", "开会次数", "4次", "4次", "90", "79.54"],
                ["总分", "", "", "", "", "", "100", "84.08"]]
        table = document.add_table(rows=len(rows), cols=8)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        table.cell(0, 1).merge(table.cell(0, 7))
        table.cell(1, 0).merge(table.cell(3, 0))

    result = audit_file(_word(tmp_path, build), book)
    assert [s.kind for s in result.subjects].count("selfeval_form") == 1
    [finding] = [f for f in result.findings if f.rule == "PR043"]
    assert finding.reported == "79.08" and finding.expected == "84.08"
    assert finding.location.line == 2


@pytest.mark.parametrize("name, expected", [
    ("chenggong-2019-project-report.docx", {"PR021": 1, "PR046": 1}),
    ("lusong-2022-department-report.docx", {}),
])
def test_word_samples(name, expected, book):
    result = audit_file(str(SAMPLES / name), book)
    found: dict[str, int] = {}
    for finding in result.findings:
        found[finding.rule] = found.get(finding.rule, 0) + 1
    assert found == expected


def test_a_word_table_is_read_under_the_title_above_it(tmp_path, book):
    def build(document, carry):
        document.add_paragraph("某局2022年度部门决算情况说明")
        document.add_paragraph("一、收入支出决算总体情况说明")
        document.add_paragraph("2022年度收入总计105.60万元，支出总计105.60万元。")
        document.add_paragraph("收入支出决算总表")
        document.add_paragraph("单位：万元")
        rows = [("项目", "决算数", "项目", "决算数"),
                ("一般公共预算财政拨款收入", "100.25", "一般公共服务支出", "90.15"),
                ("本年收入合计", "100.25", "本年支出合计", "90.15"),
                ("年初结转和结余", "5.35", "年末结转和结余", carry),
                ("收入总计", "105.60", "支出总计", "105.60")]
        table = document.add_table(rows=len(rows), cols=4)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("二、其他重要事项的情况说明")

    document = read_document(_word(tmp_path, lambda d: build(d, "15.45")))
    assert document.grids[0].location.line == 5  # after the 单位 line, the 5th paragraph
    result = audit_file(_word(tmp_path, lambda d: build(d, "15.45")), book)
    assert not [f for f in result.findings if f.rule == "FA202"]  # the table has its figures
    assert "FA011" in {e.rule for e in result.evaluations if e.verdict == "pass"}
