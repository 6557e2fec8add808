"""`--annotate`: the marked copy of a workbook, and the input left untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.annotate import AnnotateError, annotate_workbook
from auditor.cli import main
from auditor.model import Finding, Location
from auditor.pipeline import audit_file
from auditor.report import Report
from reporting_inputs import broken_spec, markdown_form, mixed_workbook


def run(*args):
    """Exit code, standard output, standard error."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workbook(tmp_path):
    return mixed_workbook(tmp_path / "mixed.xlsx")


def test_annotated_copy_marks_cells_and_lists_findings(workbook, tmp_path):
    before = digest(workbook)
    target = tmp_path / "out" / "marked.xlsx"
    code, _, _ = run("run", "--annotate", target, workbook)
    assert code == 1
    assert digest(workbook) == before  # the input is never written
    original, marked = load_workbook(workbook), load_workbook(target)
    assert marked.sheetnames == ["审核结果", *original.sheetnames]
    assert marked.active.title == "审核结果"
    summary = marked["审核结果"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0] == ("级别", "规则", "位置", "表格", "说明", "报告值", "重算值")
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("错误", "SE008", "表1!H19"), ("警告", "SE010", "表1!I14"), ("提示", "AR001", "附注")]
    assert summary["C2"].hyperlink.location == "'表1'!H19"
    assert summary["C4"].hyperlink.location == "'附注'!A1"
    sheet = marked["表1"]
    assert sheet["H19"].fill.fgColor.rgb.endswith("FFC7CE")  # error: red
    assert sheet["I14"].fill.fgColor.rgb.endswith("FFEB9C")  # warning: amber
    comment = sheet["H19"].comment.text
    assert "SE008" in comment and "报告值：99.86" in comment and "重算值：97.86" in comment
    # Everything else is as it was: values and formulas, formats, merges, widths, styles.
    for name in original.sheetnames:
        a, b = original[name], marked[name]
        assert [[c.value for c in row] for row in a.iter_rows()] == \
            [[c.value for c in row] for row in b.iter_rows()]
        assert [[c.number_format for c in row] for row in a.iter_rows()] == \
            [[c.number_format for c in row] for row in b.iter_rows()]
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        assert {k: d.width for k, d in a.column_dimensions.items()} == \
            {k: d.width for k, d in b.column_dimensions.items()}
    notes = marked["附注"]
    assert notes["D3"].value == "=SUM(B3:C3)" and notes["D3"].fill.fgColor.rgb.endswith("FFFF00")
    assert notes["A1"].font.b and notes["A1"].comment is None
    untouched = original["表1"]["H18"].fill.fgColor.rgb
    assert sheet["H18"].fill.fgColor.rgb == untouched


def test_english_annotation(workbook, tmp_path):
    target = tmp_path / "marked.xlsx"
    run("run", "--lang", "en", "--annotate", target, workbook)
    marked = load_workbook(target)
    assert marked.sheetnames[0] == "Audit findings"
    assert "Recomputed: 97.86" in marked["表1"]["H19"].comment.text


def test_refuses_to_overwrite_the_input(workbook):
    before = digest(workbook)
    code, out, err = run("run", "--annotate", workbook, workbook)
    assert code == 2 and "refusing to overwrite" in out + err
    assert digest(workbook) == before


def test_refuses_the_input_under_another_spelling(workbook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = digest(workbook)
    code, out, err = run("run", "--annotate", "./sub/../mixed.xlsx", workbook)
    assert code == 2 and digest(workbook) == before


def test_annotate_dir_for_many_files(tmp_path):
    first = mixed_workbook(tmp_path / "a.xlsx")
    (tmp_path / "b").mkdir()
    second = mixed_workbook(tmp_path / "b" / "a.xlsx")  # same name, another folder
    text = markdown_form(tmp_path / "form.md", broken_spec())
    (tmp_path / "old.xls").write_bytes(b"not really a workbook")
    out = tmp_path / "marked"
    code, stdout, stderr = run("run", "--annotate-dir", out, first, second, text,
                               tmp_path / "old.xls")
    assert sorted(p.name for p in out.iterdir()) == ["a-2.annotated.xlsx", "a.annotated.xlsx"]
    # One line each on standard error; standard output holds only the report.
    assert "form.md：不是工作簿" in stderr and "--format html" in stderr
    assert "old.xls：无法为 .xls" in stderr and "a-2.annotated.xlsx" in stderr
    assert "不是工作簿" not in stdout


def test_annotate_needs_one_workbook(tmp_path):
    first = mixed_workbook(tmp_path / "a.xlsx")
    second = mixed_workbook(tmp_path / "b.xlsx")
    code, out, err = run("run", "--annotate", tmp_path / "x.xlsx", first, second)
    assert code == 2 and "--annotate-dir" in out + err


def test_a_finding_on_a_merged_cell_goes_on_its_top_left(workbook, tmp_path, book):
    result = audit_file(str(workbook), book)
    result.findings.append(Finding("SE999", "warning", "合并单元格里的发现",
                                   Location(str(workbook), "附注", "B6"), title="测试"))
    target = tmp_path / "merged.xlsx"
    marked = annotate_workbook(result, target, Report([result], book))
    assert marked.cells == 3 and marked.listed == 4
    notes = load_workbook(target)["附注"]
    assert "合并单元格里的发现" in notes["A5"].comment.text
    assert notes["A5"].fill.fgColor.rgb.endswith("FFEB9C")


def test_text_from_a_document_never_becomes_a_formula(workbook, tmp_path, book):
    result = audit_file(str(workbook), book)
    result.findings.append(Finding("SE999", "info", "=HYPERLINK(\"http://x\")",
                                   Location(str(workbook), "表1", "A1")))
    target = tmp_path / "safe.xlsx"
    annotate_workbook(result, target, Report([result], book))
    summary = load_workbook(target)["审核结果"]
    cell = next(c for row in summary.iter_rows() for c in row
                if c.value == "=HYPERLINK(\"http://x\")")
    assert cell.data_type == "s"


def test_an_unwritable_format_is_said_in_one_line(tmp_path, book):
    from auditor.model import FileResult

    result = FileResult(path=str(tmp_path / "old.xls"))
    with pytest.raises(AnnotateError, match="另存为 .xlsx"):
        annotate_workbook(result, tmp_path / "x.xlsx", Report([result], book))
