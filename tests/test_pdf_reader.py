import pytest

from auditor.readers import ReadError, read_document
from conftest import shared_path
from pdfs import blank_pdf, ruled_table, text_at, write


def _page_with_prose(c):
    text_at(c, 72, 60, "一、收入支出决算总体情况说明")
    # A paragraph wrapped over two lines: the first runs to the right margin.
    text_at(c, 96, 80, "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他")
    text_at(c, 72, 96, "收入6.20万元，占0.21%。")
    text_at(c, 72, 116, "二、支出决算情况说明")
    # Latin digits set a few points below their Chinese line (another font's baseline).
    text_at(c, 72, 136, "年初预算为")
    text_at(c, 134, 140, "1560.05")
    text_at(c, 180, 136, "万元，支出决算为")
    text_at(c, 278, 140, "1511.89")
    text_at(c, 324, 136, "万元。")


def _page_with_tables(c):
    text_at(c, 250, 40, "支出决算表")
    text_at(c, 450, 60, "单位：万元")
    ruled_table(c, 60, 80, [60, 160, 80, 80, 80], [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["2010602", "一般行政管理事务", "10.00", "", "10.00"],
    ])
    # No ruling: amounts keep their column by position, the blank one stays blank.
    text_at(c, 60, 220, "科目名称")
    text_at(c, 300, 220, "合计")
    text_at(c, 380, 220, "基本支出")
    text_at(c, 460, 220, "项目支出")
    rows = [("行政运行", "1,511.89", "1,503.52", "8.37"),
            ("一般行政管理事务", "10.00", "", "10.00"),
            ("信息化建设", "135.25", "", "135.25")]
    for i, (label, total, basic, project) in enumerate(rows):
        y = 240 + 18 * i
        text_at(c, 60, y, label)
        text_at(c, 300, y, total)
        if basic:
            text_at(c, 380, y, basic)
        text_at(c, 460, y, project)


@pytest.fixture
def sample_pdf(tmp_path):
    return write(tmp_path / "sample.pdf", [_page_with_prose, _page_with_tables])


def test_paragraphs_join_wrapped_lines_and_keep_line_numbers(sample_pdf):
    doc = read_document(str(sample_pdf))
    assert doc.format == "pdf"
    texts = [p.text for p in doc.paragraphs if p.location.page == 1]
    assert texts[1] == "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.20万元，占0.21%。"
    wrapped = doc.paragraphs[1]
    assert wrapped.location.line == 2
    assert wrapped.line_starts[-1][1] == 3
    assert wrapped.location_at(wrapped.text.index("6.20")).line == 3
    assert texts[2] == "二、支出决算情况说明"


def test_digits_below_the_baseline_stay_on_their_line(sample_pdf):
    doc = read_document(str(sample_pdf))
    last = [p for p in doc.paragraphs if p.location.page == 1][-1]
    assert last.text.replace(" ", "") == "年初预算为1560.05万元，支出决算为1511.89万元。"
    assert last.location.line == 5


def test_ruled_table_keeps_blank_cells(sample_pdf):
    doc = read_document(str(sample_pdf))
    ruled = doc.grids[0]
    assert ruled.aligned and ruled.location.page == 2
    assert [c.text for c in ruled.rows[2]] == ["2010602", "一般行政管理事务", "10.00", "", "10.00"]
    assert ruled.rows[1][2].location.page == 2 and ruled.rows[1][2].location.line is not None
    # The title and unit above the table are paragraphs; the table's text is not.
    page2 = [p.text for p in doc.paragraphs if p.location.page == 2]
    assert page2[:2] == ["支出决算表", "单位：万元"]
    assert not any("一般公共服务支出" in t for t in page2)


def test_unruled_amounts_keep_their_column(sample_pdf):
    doc = read_document(str(sample_pdf))
    grid = doc.grids[1]
    rows = [[c.text for c in row] for row in grid.rows]
    assert rows[0] == ["科目名称", "合计", "基本支出", "项目支出"]
    assert rows[2] == ["一般行政管理事务", "10.00", "", "10.00"]
    assert rows[1] == ["行政运行", "1,511.89", "1,503.52", "8.37"]


def test_pdf_without_text_is_refused_in_one_line(tmp_path):
    with pytest.raises(ReadError) as caught:
        read_document(str(blank_pdf(tmp_path / "scan.pdf")))
    assert "扫描件" in str(caught.value) and "\n" not in str(caught.value)


def test_corrupt_pdf_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(ReadError) as caught:
        read_document(str(bad))
    assert "\n" not in str(caught.value)


def test_real_final_accounts_pdf():
    doc = read_document(str(shared_path("realdocs", "putuo-finance-bureau-2024-final.pdf")))
    income = next(g for g in doc.grids if g.location.page == 8)
    row = next(r for r in income.rows if "一般行政管理事务" in "".join(c.text for c in r))
    assert [c.text for c in row if c.text][-3:] == ["16.19", "10.00", "6.19"]
    assert row[-1].text == "6.19"  # 其他收入, the last column, not the next one along
    total = next(p for p in doc.paragraphs if "财政拨款收入支出总计" in p.text)
    assert total.location.page == 21


def test_minus_sign_that_ends_a_line_is_kept(tmp_path):
    # pdfium reports a hyphen at the end of a line as a soft hyphen; in Chinese text it is
    # the sign of the figure on the next line.
    from pdfs import text_at, write

    path = write(tmp_path / "minus.pdf", [lambda c: (
        text_at(c, 72, 100, "2021年全年资金决算支出3656.79万元，预算数3919.52万元，预决算差异率为-"),
        text_at(c, 72, 118, "6.70%。"))])
    from auditor.readers import read_document

    text = "".join(p.text for p in read_document(str(path)).paragraphs)
    assert "差异率为-6.70%" in text


def test_a_figure_wrapped_inside_a_cell_is_one_figure(tmp_path):
    # A narrow column wraps 430420.2元 over two lines of one ruled cell.
    from pdfs import ruled_table, text_at, write

    def draw(c):
        ruled_table(c, 50, 60, [120, 60], [["实际完成值", ""], ["", ""]], height=40)
        text_at(c, 173, 114, "43042", 10)
        text_at(c, 173, 128, "0.2元", 10)

    path = write(tmp_path / "wrap.pdf", [draw])
    from auditor.readers import read_document

    [grid] = read_document(str(path)).grids
    assert [c.text for c in grid.rows[1]] == ["", "430420.2元"]


def _scaled_text(c, x: float, y_from_top: float, text: str, size: float) -> None:
    """Text in a 1pt font scaled up by the transformation matrix, as some converters write."""
    c.saveState()
    c.transform(size, 0, 0, size, x, 842 - y_from_top)
    c.setFont("STSong-Light", 1)
    c.drawString(0, 0, text)
    c.restoreState()


def test_lines_of_a_scaled_one_point_font_join_into_their_paragraph(tmp_path):
    # pdfium reports such a font as 1pt: the line gaps of 16pt text looked like paragraph
    # breaks, every line became its own paragraph and a label wrapped at “三|公” was cut.
    def page(c):
        _scaled_text(c, 96, 80, "本单位2019年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）", 16)
        _scaled_text(c, 72, 108, "费支出70万元，占“三公”经费的13.77%；公务用车购置及运行费支出411.20万元，占“三", 16)
        _scaled_text(c, 72, 136, "公”经费的80.92%。", 16)
        _scaled_text(c, 96, 164, "二、政府采购情况", 16)

    doc = read_document(str(write(tmp_path / "scaled.pdf", [page])))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].endswith("占“三公”经费的80.92%。") and texts[0].startswith("本单位2019")
    assert texts[1] == "二、政府采购情况"
