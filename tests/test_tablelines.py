"""Table text, decided by the readers (`readers.tablelines`), and the prose stage trusting it."""

from __future__ import annotations

import pytest

from auditor.model import Location, Paragraph
from auditor.readers.tablelines import (is_header_row, is_pipe_row, is_row, is_table_text,
                                        is_unit_line, mark)
from auditor.readers.text import parse_text
from auditor.recognise.prose.grammar import rejoin


@pytest.mark.parametrize("line", [
    "合计 1,234.50 987.00 247.50",  # a row: figures apart from the label
    "2080501 行政单位离退休 52.30 52.30",  # a coded row
    "四、其他支出 12.00",  # an item marker is no clause
    "城市维护费 0.75 -",
    "８０.５ ７０.２",  # full-width figures
])
def test_a_row_of_a_table(line):
    assert is_row(line) and is_table_text(line)


@pytest.mark.parametrize("line", [
    "科目编码  科目名称  本年预算数",  # fields apart by runs of spaces
    "项目\t上年决算数\t本年决算数",  # …by tabs
    "项目 2030年预算数 2031年预算数",  # two years' columns, spaced by one
    "| 收入 | 支出 |",  # framed by pipes
])
def test_a_header_row(line):
    assert is_header_row(line) and is_table_text(line)


@pytest.mark.parametrize("line", ["单位：万元", "金额单位: 元", "单位：千元 "])
def test_a_unit_line(line):
    assert is_unit_line(line) and is_table_text(line)


def test_a_row_drawn_with_pipes_even_with_punctuation():
    assert is_pipe_row("甲支出100万元，| 乙支出50万元。 |") and is_table_text("甲 | 乙，丙 | 丁")


@pytest.mark.parametrize("line", [
    "本年支出合计 120.50 万元，比上年增加 3.20 万元。",  # prose with spaced figures
    "其中：基本支出  80.00 万元，项目支出  40.50 万元。",  # …and runs of spaces
    "示范项目2030年决算数12万元，2030年预算数12万元，与预算持平。",  # two years, in sentences
])
def test_prose_with_figures_is_no_table_text(line):
    assert not is_table_text(line)


@pytest.mark.parametrize("line", [
    "第三部分 某某局 2030 年度部门预算情况说明",  # a PDF extract spaces the year
    "一、2030年部门预算情况",
    "某某中心 2030 年 6 月",
])
def test_a_heading_with_a_year_is_no_table_text(line):
    assert not is_table_text(line)


def test_a_page_number_printed_mid_line_is_no_figure():
    assert not is_table_text("与上年相比增— 6 —加")
    assert is_table_text("合计— 6 — 15.00 12.00")


def test_mark_records_the_paragraph_and_its_last_line():
    both, tail, none = mark([
        Paragraph("合计 10.00 8.00", Location("r.docx", line=1)),
        Paragraph("汇总如下，见下表。\n合计 10.00 8.00", Location("r.docx", line=2)),
        Paragraph("本年收入10万元，支出8万元。", Location("r.docx", line=3)),
    ])
    assert (both.table_text, both.table_end) == (True, True)
    assert (tail.table_text, tail.table_end) == (False, True)
    assert (none.table_text, none.table_end) == (False, False)


def test_every_reader_of_paragraphs_marks_them():
    document = parse_text("说明如下，详见下表\n\n单位：万元\n\n本年收入10万元，支出8万元。\n", "r.txt")
    assert [(p.text, p.table_text) for p in document.paragraphs] == [
        ("说明如下，详见下表", False), ("单位：万元", True), ("本年收入10万元，支出8万元。", False)]


# ------------------------------------------------------------ the prose stage trusts it


def _pdf_lines(*texts: str, marked: bool | None = None) -> list[Paragraph]:
    """Consecutive lines of one PDF page, each a paragraph; `marked` overrides the reader."""
    paragraphs = mark([Paragraph(text, Location("r.pdf", line=i + 1, page=1))
                       for i, text in enumerate(texts)])
    if marked is not None:
        for paragraph in paragraphs[1:]:
            paragraph.table_text = paragraph.table_end = marked
    return paragraphs


CUT = "本年支出合计一百万元，其中基本支出"


def test_rejoin_joins_a_sentence_cut_by_the_layout():
    assert [p.text for p in rejoin(_pdf_lines(CUT, "八十万元。"))] == [CUT + "八十万元。"]


def test_a_paragraph_the_reader_marked_as_table_text_is_never_joined():
    # The same words, marked by the reader as a table's row: kept apart, whatever they say.
    assert [p.text for p in rejoin(_pdf_lines(CUT, "八十万元。", marked=True))] == \
        [CUT, "八十万元。"]
    # A row the reader marked so, after a sentence cut mid-way.
    assert [p.text for p in rejoin(_pdf_lines(CUT, "基本支出 80.00 70.00"))] == \
        [CUT, "基本支出 80.00 70.00"]


def test_nothing_is_joined_to_a_paragraph_whose_last_line_is_table_text():
    previous = Paragraph("汇总如下，\n合计 10.00 8.00", Location("r.docx", line=1), [], [],
                         table_text=False, table_end=True)
    following = Paragraph("其中基本支出八十万元。", Location("r.docx", line=2))
    assert len(rejoin([previous, following])) == 2
    previous.table_end = False
    assert len(rejoin([previous, following])) == 1
