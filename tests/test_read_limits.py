"""The read stage refuses what it should not read, before the work, in one plain line."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from auditor import limits as limits_module
from auditor.cli import main
from auditor.limits import DEFAULT, Limits, current
from auditor.pipeline import audit_file
from auditor.readers import ReadError, read_document
import badfiles

# Words of a Python exception or a library's error that must never reach a user.
TECHNICAL = re.compile(r"Error\b|Exception|Traceback|CRC|Errno|line \d+, column|decompress|"
                       r"Calamine|Cfb|zlib|BadZip|\bNone\b")


def refused(path, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(str(path), limits)
    message = str(caught.value)
    assert message and "\n" not in message and not TECHNICAL.search(message), message
    return caught.value


def make(tmp_path, name: str) -> str:
    path = tmp_path / name
    maker = dict(badfiles.corpus())[name]
    path.write_bytes(maker())
    return str(path)


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    error = refused(fifo)  # opening it would block for ever
    assert error.key == "read.not_regular" and "管道" in str(error)


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    error = refused(link)
    assert error.key == "read.not_regular" and "设备" in str(error)
    assert "a device" in error.message(lang="en")


def test_a_folder_and_a_missing_file(tmp_path):
    (tmp_path / "d.xlsx").mkdir()
    assert refused(tmp_path / "d.xlsx").key == "read.directory"
    assert refused(tmp_path / "nope.xlsx").key == "read.not_found"


@pytest.mark.parametrize("ext", [".xlsx", ".xls", ".docx", ".pdf", ".csv", ".txt"])
def test_an_empty_file_says_it_is_empty(tmp_path, ext):
    path = tmp_path / f"empty{ext}"
    path.write_bytes(b"")
    assert str(refused(path)) == "文件是空的（0 字节）"


def test_corner_cells_are_not_padded_into_a_rectangle(tmp_path):
    """A1 and XFD1048576 only: the used range is refused before calamine builds it."""
    error = refused(make(tmp_path, "huge-corners.xlsx"))
    assert error.key == "read.too_many_cells"
    assert "A1:XFD1048576" in str(error) and "--max-cells" in str(error)


def test_a_lying_dimension_and_empty_styled_cells_do_not_count(tmp_path):
    for name in ("huge-dimension-lie.xlsx", "huge-styled-empties.xlsx"):
        document = read_document(make(tmp_path, name))
        assert [[c.text for c in row] for row in document.grids[0].rows] == [["1"]]


def test_a_two_gigabyte_sheet_is_refused_from_the_zip_directory(tmp_path):
    error = refused(make(tmp_path, "bomb-sheet-2gb-honest.xlsx"))
    assert str(error) == "文件过大：工作表 Sheet1 解压后 2.0 GB，超过上限 200 MB（--max-part-mb）"
    assert error.message(lang="en") == (
        "file too large: worksheet Sheet1 unpacks to 2.0 GB, above the limit of 200 MB "
        "(--max-part-mb)")


@pytest.mark.parametrize("part,words", [("sheet", "工作表 Sheet1"),
                                        ("strings", "共享字符串表"), ("styles", "样式表")])
def test_a_part_lying_about_its_size_is_stopped_while_unpacking(tmp_path, part, words):
    error = refused(make(tmp_path, f"bomb-{part}-2gb-lying.xlsx"))
    assert error.key == "read.size_lie" and words in str(error)


def test_a_document_bomb_is_refused(tmp_path):
    assert refused(make(tmp_path, "bomb-document-2gb-honest.docx")).key == "read.part_too_large"
    assert refused(make(tmp_path, "bomb-document-2gb-lying.docx")).key == "read.size_lie"


def test_the_total_and_the_ratio_have_their_own_limits(tmp_path):
    # Its parts compress too well for the ratio: the total is checked with that raised.
    total = make(tmp_path, "bomb-total.xlsx")
    assert refused(total).key == "read.ratio_too_high"
    assert refused(total, Limits(max_ratio=10 ** 6)).key == "read.total_too_large"
    error = refused(make(tmp_path, "bomb-ratio.xlsx"))
    assert error.key == "read.ratio_too_high" and "--max-ratio" in str(error)
    # Raised, the same workbook is read: 5 MB of rows without cell references.
    rows = read_document(make(tmp_path, "bomb-ratio.xlsx"), Limits(max_ratio=100_000)).grids[0].rows
    assert len(rows) > 100_000 and {row[0].text for row in rows} == {"1"}


def test_text_limits(tmp_path):
    assert refused(make(tmp_path, "huge-10mb-line.txt")).key == "read.line_too_long"
    line = tmp_path / "line.txt"
    line.write_text("一" * 300_000, encoding="utf-8")
    error = refused(line)
    assert error.key == "read.line_too_long" and "第 1 行" in str(error)
    figures = tmp_path / "figures.txt"
    figures.write_text(" ".join(str(i % 10) for i in range(50_000)), encoding="utf-8")
    error = refused(figures)
    assert error.key == "read.too_many_figures" and "--max-figures-per-line" in str(error)
    many = tmp_path / "many.txt"
    many.write_text("收入 1 万元。\n" * 40_000, encoding="utf-8")
    assert refused(many).key == "read.too_many_lines"
    assert read_document(str(many), Limits(max_lines=50_000)).paragraphs


def test_csv_cells_and_docx_paragraphs(tmp_path):
    csv = tmp_path / "wide.csv"
    csv.write_text("a,b,c,d\n" * 30, encoding="utf-8")
    assert refused(csv, Limits(max_cells=100)).key == "read.too_many_cells"
    assert read_document(str(csv)).grids[0].height == 30
    paragraphs = make(tmp_path, "huge-50k-paragraphs.docx")  # the same paragraph, 50,000 times
    assert refused(paragraphs, Limits(max_ratio=10 ** 6)).key == "read.too_many_lines"


def test_pdf_pages_limit():
    path = os.path.join(badfiles.SAMPLES, "chenggong-2019-project-report.pdf")
    error = refused(path, Limits(max_pages=1))
    assert error.key == "read.too_many_pages" and "--max-pages" in str(error)


def test_encrypted_files_are_called_encrypted_not_damaged(tmp_path):
    for name in ("encrypted-ole.xlsx", "encrypted-ole.docx", "encrypted-pdf.pdf",
                 "encrypted-zipflag.xlsx"):
        error = refused(make(tmp_path, name))
        assert error.key == "read.encrypted", name
        assert "密码" in str(error) and "password" in error.message(lang="en")


def test_renamed_files_say_what_they_really_are(tmp_path):
    html = make(tmp_path, "renamed-html-as.xls")
    error = refused(html)
    assert error.key == "read.wrong_format" and "网页（HTML）" in str(error)
    assert "a web page (HTML)" in error.message(lang="en")
    assert "Excel 工作簿（.xlsx）" in str(refused(make(tmp_path, "renamed-xlsx-as.pdf")))
    assert "Word 文档" in str(refused(make(tmp_path, "renamed-docx-as.xlsx")))
    # Every kind of content the sniffer can name has words in both languages.
    text_as_pdf = tmp_path / "notes.pdf"
    text_as_pdf.write_text("本年收入合计2946.25万元。\n", encoding="utf-8")
    error = refused(text_as_pdf)
    assert "而是文本文件" in str(error) and "read.kind" not in error.message(lang="en")


def test_an_xls_named_xlsx_is_read_as_what_it_is(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("表1")
    sheet.write(0, 0, "项目名称")
    sheet.write(0, 1, 12.5)
    path = tmp_path / "renamed.xlsx"
    book.save(str(path))
    document = read_document(str(path))
    assert [c.text for c in document.grids[0].rows[0]] == ["项目名称", "12.5"]


def test_damaged_zip_parts_are_damaged_in_plain_words(tmp_path):
    assert refused(make(tmp_path, "broken-no-workbook.xlsx")).key == "read.wrong_format"  # a zip
    for name in ("broken-bad-crc.xlsx", "broken-bad-deflate.xlsx", "broken-sheet-xml.xlsx", "broken-styles-xml.xlsx", "broken-method.xlsx"):
        error = refused(make(tmp_path, name))
        assert error.key in ("read.corrupt", "read.failed"), (name, error.key)
        assert error.detail  # the technical cause stays for --verbose


def test_entity_attacks_are_not_expanded(tmp_path):
    for name, _ in badfiles.corpus():
        if not name.startswith("entity-"):
            continue
        path = make(tmp_path, name)
        try:
            document = read_document(path)
        except ReadError as exc:
            assert "\n" not in str(exc) and not TECHNICAL.search(str(exc))
            continue
        text = "".join(c.text for g in document.grids for r in g.rows for c in r)
        text += "".join(p.text for p in document.paragraphs)
        assert "lollollol" not in text and "root:" not in text, name


def test_the_report_language_reaches_the_message(tmp_path, book):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    result = audit_file(str(path), book, "en")
    assert result.status == "error" and result.error == "the file is empty (0 bytes)"
    assert audit_file(str(path), book, "zh").error == "文件是空的（0 字节）"


def test_limits_are_options_of_run_and_facts(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("项目名称,金额\n行政运行,100.00\n", encoding="utf-8")
    runner = CliRunner()
    try:
        refused_run = runner.invoke(main, ["run", "--max-cells", "2", str(wide)])
        assert "--max-cells" in refused_run.output and refused_run.exit_code != 0
        facts = runner.invoke(main, ["facts", "--max-cells", "2", str(wide)])
        assert "--max-cells" in facts.output and facts.exit_code == 2
        allowed = runner.invoke(main, ["run", str(wide)])
        assert "--max-cells" not in allowed.output
        # The same names are the configuration keys: click's default_map sets them.
        configured = runner.invoke(main, ["run", str(wide)],
                                   default_map={"run": {"max_cells": 2}})
        assert "--max-cells" in configured.output
    finally:
        limits_module.configure(DEFAULT)


def test_limits_reach_worker_processes_through_the_environment(monkeypatch):
    monkeypatch.delenv("AUDIT_RULES_LIMITS", raising=False)
    try:
        limits_module.configure(Limits(max_cells=77))
        assert os.environ["AUDIT_RULES_LIMITS"]
        limits_module._current = None  # a fresh worker process knows only the environment
        assert current().max_cells == 77 and current().max_pages == DEFAULT.max_pages
    finally:
        limits_module.configure(DEFAULT)
    assert "AUDIT_RULES_LIMITS" not in os.environ and current() == DEFAULT
