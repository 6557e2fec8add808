from auditor.readers import read_document
from auditor.readers.text import parse_text

WORD_EXPORT = (
    "三、项目支出绩效自评表\n"
    "\t项目名称\n\t示范项目\n\n"
    "\t项目资金\n（万元）\n\t\n\t年初预\n算数\n\t全年\n\n执行数\n\t得分\n\n"
    "\t\n\t年度资金总额\n\t21.96\n\t21.96\n\t10\n"
    "\n说明文字在表后。\n"
)


def test_word_export_cells_rows_and_continuations():
    doc = parse_text(WORD_EXPORT, "x.txt")
    [grid] = doc.grids
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[0] == ["项目名称", "示范项目"]
    assert texts[1] == ["项目资金\n（万元）", "", "年初预\n算数", "全年\n\n执行数", "得分"]
    assert texts[2] == ["", "年度资金总额", "21.96", "21.96", "10"]
    assert grid.rows[2][2].location.line == 17
    assert [p.text for p in doc.paragraphs] == ["三、项目支出绩效自评表", "说明文字在表后。"]
    assert doc.paragraphs[1].location.line == 21
    assert not grid.aligned


def test_heading_after_table_is_not_a_cell():
    doc = parse_text("\t总分\n\t97\n\n二、下一节\n\t项目名称\n\t乙\n", "x.txt")
    assert [p.text for p in doc.paragraphs] == ["二、下一节"]
    assert [[c.text for c in r] for r in doc.grids[0].rows] == [["总分", "97"]]


def test_pipe_tables_and_pages():
    doc = parse_text("=== page 3 ===\n| 项目 | 金额 |\n|---|---|\n| 甲 | 1.5 |\n正文\n", "x.md")
    [grid] = doc.grids
    assert [[c.text for c in r] for r in grid.rows] == [["项目", "金额"], ["甲", "1.5"]]
    assert grid.rows[1][1].location.page == 3
    assert doc.paragraphs[0].location.line == 5


def test_gb18030_is_detected(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("预算126万元，执行率99.74%。".encode("gb18030"))
    doc = read_document(str(path))
    assert doc.paragraphs[0].text == "预算126万元，执行率99.74%。"
