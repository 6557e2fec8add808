"""A table's note against the table: a note that says the table is empty under figures."""

import pytest
from openpyxl import load_workbook

from auditor.pipeline import audit_file
from conftest import SAMPLES

CLEAN = SAMPLES / "putuo-finance-bureau-2024-final.xlsx"
THREE_PUBLIC = "财政拨款“三公”经费支出决算表"
FUND = "政府性基金预算财政拨款收入支出决算表"


def _with_note(tmp_path, book, sheet, note, figures=None):
    workbook = load_workbook(CLEAN)
    ws = workbook[sheet]
    ws.cell(row=ws.max_row + 2, column=1, value=note)
    for cell, value in (figures or {}).items():
        ws[cell] = value
    path = tmp_path / "noted.xlsx"
    workbook.save(path)
    return audit_file(str(path), book)


def _fa205(result):
    return [f for f in result.findings if f.rule == "FA205"]


def test_published_notes_are_consistent(book):
    # The 政府性基金 table is empty and says so; the 三公 table has figures and no such note.
    assert _fa205(audit_file(str(CLEAN), book)) == []


@pytest.mark.parametrize("note", ["注：本部门无“三公”经费支出，故本表为空表。",
                                  "说明：本单位本年度没有财政拨款“三公”经费支出，故本表无数据。"])
def test_note_saying_empty_under_figures(tmp_path, book, note):
    [finding] = _fa205(_with_note(tmp_path, book, THREE_PUBLIC, note))
    assert THREE_PUBLIC in finding.message and finding.severity == "warning"


def test_note_saying_empty_under_zeros_only(tmp_path, book):
    # 0.00 printed in every cell is no data: the note may say the table is empty.
    result = _with_note(tmp_path, book, THREE_PUBLIC, "注：本部门无“三公”经费支出，故本表无数据。",
                        {"A8": 0, "K8": 0})
    assert _fa205(result) == []


def test_other_notes_under_figures(tmp_path, book):
    result = _with_note(tmp_path, book, THREE_PUBLIC, "注：本表反映部门本年度“三公”经费支出预决算情况。")
    assert _fa205(result) == []
