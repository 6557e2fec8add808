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


PDF_EXTRACT = """https://example.org/report.pdf

=== page 21 ===
第三部分上海市普陀区财政局2024年度部门决算情况
说明
一、收入支出决算总体情况说明
上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入
支出总计减少56.95万元，下降1.87%。主要原因：基本支出中人员进出及退休变化，
以及项目支出中合同支付进度条款等原因减少支付。
二、收入决算情况说明
本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他
收入6.2万元，占0.21%；
一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出
（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；
卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占

=== page 22 ===
15.16%；
5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休
（项）。主要用于：退休人员经费支出。年初预算为 85.55 万元，支出决算为84.65万
元。
合计 2,940.05 2,336.91 603.14
本年收入合计 2,946.25 本年支出合计 2,940.05
"""


def test_pdf_extract_lines_join_into_paragraphs():
    doc = parse_text(PDF_EXTRACT, "x.txt")
    texts = [p.text for p in doc.paragraphs]
    assert "一、收入支出决算总体情况说明" in texts  # a heading stays alone
    total = next(p for p in doc.paragraphs if p.text.startswith("上海市普陀区财政局2024"))
    assert total.text.endswith("等原因减少支付。") and "收入支出总计减少56.95万元" in total.text
    assert total.location.line == 7 and total.location_at(total.text.index("56.95")).line == 8
    shares = next(p for p in doc.paragraphs if p.text.startswith("一般公共预算财政拨款支出"))
    # A line ending in ；, a page break and a wrapped （类） do not end the paragraph.
    assert shares.text.endswith("占15.16%；")
    end = shares.location_at(shares.text.index("15.16%"))
    assert (end.page, end.line) == (22, 18) and shares.location.page == 21
    item = next(p for p in doc.paragraphs if p.text.startswith("5、"))
    assert "行政单位离退休（项）。主要用于" in item.text and item.text.endswith("84.65万元。")
    # Rows of a table flattened to text stay lines of their own.
    assert "合计 2,940.05 2,336.91 603.14" in texts
    assert "本年收入合计 2,946.25 本年支出合计 2,940.05" in texts


def test_word_export_lines_are_paragraphs_of_their_own():
    text = ("（一）收入决算说明\n"
            "2021年度本年收入合计2735.41万元，比上年减少535.4万元\n"
            "1、加强人员管理、减少人员流动率\n"
            "2、提升人员业务能力与水平\n"
            "2018年区财政共拨付项目1,462,124.33 元，其中：1. 维护经费75,296.33 元；2.处置机制经费\n"
            "323,205.00元。\n")
    doc = parse_text(text, "x.txt")
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == ["（一）收入决算说明", "2021年度本年收入合计2735.41万元，比上年减少535.4万元",
                         "1、加强人员管理、减少人员流动率", "2、提升人员业务能力与水平"]
    # A sentence a manual line break cut in two (no punctuation at the break) is one.
    assert texts[4].endswith("2.处置机制经费323,205.00元。")
    assert doc.paragraphs[4].location_at(texts[4].index("323,205")).line == 6


def test_bookmarks_left_by_word_are_dropped():
    doc = parse_text("[bookmark: _GoBack]八、下一步改进措施\n", "x.txt")
    assert doc.paragraphs[0].text == "八、下一步改进措施"


# Tab-separated rows, one row a line (a table typed or exported with a tab between cells).
TAB_SUMMARY = (
    "收入支出决算总表\n单位：万元\n"
    "收入项目\t金额\t支出项目\t金额\n"
    "财政拨款收入\t500.00\t一般公共服务支出\t300.00\n"
    "\t\t教育支出\t150.00\n"
    "\t\t住房保障支出\t{housing}\n"
    "本年收入合计\t500.00\t本年支出合计\t500.00\n"
    "收入总计\t500.00\t支出总计\t500.00\n"
    "\n二、说明\n"
)


def test_tab_rows_with_blank_left_cells_are_one_aligned_grid():
    doc = parse_text(TAB_SUMMARY.format(housing="50.00"), "x.txt")
    [grid] = doc.grids
    texts = [[c.text for c in row] for row in grid.rows]
    assert len(texts) == 6 and all(len(row) == 4 for row in texts)
    assert texts[2] == ["", "", "教育支出", "150.00"]
    assert grid.aligned and grid.rows[3][3].location.line == 6
    assert [p.text for p in doc.paragraphs] == ["收入支出决算总表", "单位：万元", "二、说明"]


def test_tab_summary_is_read_and_checked(tmp_path, book):
    from auditor.pipeline import audit_file

    ok, wrong = tmp_path / "ok.txt", tmp_path / "wrong.txt"
    ok.write_text(TAB_SUMMARY.format(housing="50.00"), encoding="utf-8")
    wrong.write_text(TAB_SUMMARY.format(housing="60.00"), encoding="utf-8")
    clean = audit_file(str(ok), book)
    assert not [f for f in clean.findings if f.severity == "error"]
    assert not [f for f in clean.findings if f.rule == "AR001"]
    errors = {f.rule for f in audit_file(str(wrong), book).findings if f.severity == "error"}
    assert errors  # 300 + 150 + 60 ≠ 本年支出合计 500


def test_tab_form_with_head_lines_and_merged_cells_dropped():
    text = ("项目支出绩效自评表\n单位：万元\n项目名称：某示范项目\n主管部门：甲局　　实施单位：乙中心\n"
            "项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t10.00\t10.00\t9.00\t10\t90.00%\t9.00\n"
            "总分\t100\t90.00\n")
    doc = parse_text(text, "x.txt")
    [grid] = doc.grids
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[0] == ["项目名称", "某示范项目"]
    assert texts[1] == ["主管部门", "甲局", "实施单位", "乙中心"]
    assert texts[-1] == ["总分", "100", "90.00"] and not grid.aligned
    assert grid.location.line == 3
    assert [p.text for p in doc.paragraphs] == ["项目支出绩效自评表", "单位：万元"]


def test_tabs_lining_text_up_by_eye_are_no_grid():
    # A short row with a blank between filled cells: its tabs' count follows the width of
    # the text, not the columns. The lines stay text.
    text = "项目\t\t\t金额\n一般公共预算收入\t100.00\n其他\t\t\t5.00\t备注\n"
    doc = parse_text(text, "x.txt")
    assert not doc.grids and len(doc.paragraphs) == 3


# A form copied out of a sheet: merged cells left blank, so a shorter row holds blanks
# between filled cells, yet each figure stands under its column's header.
KEPT_BLANKS_FORM = (
    "项目名称\t某街道2023年道路养护项目\n"
    "项目资金\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t50.00\t60.00\t54.00\t10\t{rate}\t9.00\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因\n"
    "\t产出指标\t数量指标\t养护里程\t≥10公里\t12公里\t50\t50\t\n"
    "\t效益指标\t社会效益指标\t群众满意度\t≥90%\t95%\t40\t40\t\n"
    "总分\t\t\t\t\t\t100\t99.00\n"
)


def test_a_form_with_its_blank_cells_kept_is_an_aligned_grid():
    doc = parse_text(KEPT_BLANKS_FORM.format(rate="90.00%"), "x.txt")
    [grid] = doc.grids
    assert grid.aligned and {len(row) for row in grid.rows} == {9}
    assert grid.rows[2][6].text == "90.00%" and grid.rows[6][7].text == "99.00"
    assert not doc.paragraphs


def test_a_form_with_its_blank_cells_kept_is_checked(tmp_path, book):
    from auditor.pipeline import audit_file

    ok, wrong = tmp_path / "ok.txt", tmp_path / "wrong.txt"
    ok.write_text(KEPT_BLANKS_FORM.format(rate="90.00%"), encoding="utf-8")
    wrong.write_text(KEPT_BLANKS_FORM.format(rate="95.00%"), encoding="utf-8")
    assert not [f for f in audit_file(str(ok), book).findings if f.severity == "error"]
    errors = [f for f in audit_file(str(wrong), book).findings if f.severity == "error"]
    # 54.00 ÷ 60.00 = 90.00%, not 95.00% (and 得分 9.00 then follows neither)
    assert "SE001" in {f.rule for f in errors}


def test_a_coded_table_in_tab_rows_keeps_its_blank_cells():
    # Tab-separated, not flattened: each figure stays in its column, blanks too.
    text = ("支出决算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "合计\t\t30.00\t20.00\t10.00\n201\t一般公共服务支出\t30.00\t\t10.00\n")
    doc = parse_text(text, "x.txt")
    [grid] = doc.grids
    assert [c.text for c in grid.rows[2]] == ["201", "一般公共服务支出", "30.00", "", "10.00"]
    # Not taken for a flattened PDF table, whose short rows would count as not checked.
    from auditor.readers.texttables import find_regions

    assert find_regions(text.splitlines(), "x.txt") == []


def test_a_heading_line_above_an_aligned_tab_table_stays_text():
    text = "收入决算表\n编制单位：某局\n项目\t金额\n合计\t10.00\n"
    doc = parse_text(text, "x.txt")
    [grid] = doc.grids
    assert grid.aligned and [c.text for c in grid.rows[0]] == ["项目", "金额"]
    assert [p.text for p in doc.paragraphs] == ["收入决算表", "编制单位：某局"]


def test_a_pipe_table_without_its_outer_pipes_is_a_table():
    from auditor.readers.text import parse_text

    text = ("表一 收入支出决算总表\n单位：万元\n收入项目|金额|支出项目|金额\n"
            "财政拨款收入|100.50|卫生健康支出|90.25\n收入总计|100.50|支出总计|90.25\n"
            "\n本单位收入总计100.50万元，详见上表|附表。\n")
    doc = parse_text(text, "x.txt")
    [grid] = doc.grids
    assert [c.text for c in grid.rows[0]] == ["收入项目", "金额", "支出项目", "金额"]
    assert len(grid.rows) == 3
    # A lone line with a pipe or two in a sentence stays prose.
    assert any("详见上表" in p.text for p in doc.paragraphs)


def test_a_number_cut_by_the_wrap_is_one_number_again():
    from auditor.readers.wrapping import joiner

    assert joiner("年初预算为5", "08.00万元") == ""      # 508.00
    assert joiner("完成年初预算的97", ".74%") == ""
    assert joiner("Word", "export") == " "              # Latin words keep their space
    assert joiner("共有车辆 5", "6 辆") == " "           # figures set apart by a space stay so
    assert joiner("支出决算为", "796.50万元") == ""
