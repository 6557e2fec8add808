"""Inputs for the reporter tests: a workbook with findings of every severity, and the
same kind of form as a text export, so each format is exercised on cells and on lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from forms import consistent_spec, write_form

# A form name a browser would run if a reporter forgot to escape it.
HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">&"示范"项目'


def broken_spec(name: str = "示范项目"):
    """SE008 (error: total 99.86 where the scores add up to 97.86) and SE010 (warning:
    13 of 15 with no reason)."""
    spec = consistent_spec(name)
    spec.indicators[1].score = 13
    spec.total_score = Decimal("99.86")
    return spec


def mixed_workbook(path: Path, name: str = "示范项目") -> Path:
    """表1: a form with an error and a warning; 附注: prose, a formula, styles, a merge and
    a column width (an unrecognised table: an info finding) that the annotated copy keeps."""
    wb = Workbook()
    wb.remove(wb.active)
    write_form(wb.create_sheet("表1"), broken_spec(name))
    notes = wb.create_sheet("附注")
    notes["A1"] = "附注：本表金额单位为万元。"
    notes["A1"].font = Font(bold=True, color="FF0000")
    notes["B3"] = 1.5
    notes["C3"] = 2.25
    notes["D3"] = "=SUM(B3:C3)"
    notes["D3"].fill = PatternFill(fill_type="solid", start_color="FFFF00", end_color="FFFF00")
    notes.merge_cells("A5:C6")
    notes["A5"] = "合并单元格"
    notes.column_dimensions["A"].width = 33
    wb.save(path)
    return path


def markdown_form(path: Path, spec) -> Path:
    """The form as a pipe table in a .md export, with a sentence of prose after it."""
    wb = Workbook()
    ws = wb.active
    write_form(ws, spec)
    covered = set()
    for merged in ws.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    lines = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=9), 1):
        texts = []
        for c, cell in enumerate(row, 1):
            value = cell.value
            if (r, c) in covered or value is None:
                texts.append("")
            elif isinstance(value, Decimal) and "%" in cell.number_format:
                texts.append(f"{value * 100:.2f}%")
            else:
                texts.append(str(value).replace("\n", ""))
        lines.append("| " + " | ".join(texts) + " |")
        if r == 1:
            lines.append("|" + "---|" * 9)
    text = "\n".join(lines) + "\n\n项目全年执行数72.4万元，执行率98.62%。\n"
    path.write_text(text, encoding="utf-8")
    return path
