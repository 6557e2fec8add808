"""The .xlsx reader through calamine gives the recognisers what the openpyxl reader gave."""

from __future__ import annotations

import datetime as dt
import glob
import os
import random
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.readers import read_document
from auditor.readers.ooxml import SheetScanner
from xlsx_reference import read as openpyxl_read

from auditor.readers.textsheets import read_text_sheets


def reference_read(path: str):
    """openpyxl's cells, with the prose sheets taken out as the reader does after reading."""
    return read_text_sheets(openpyxl_read(path))

ROOT = Path(__file__).resolve().parents[1]

FORMATS = ["General", "0", "0.00", "#,##0", "#,##0.00", "0%", "0.00%", "0.0%", "0.000",
           "#,##0.00_);(#,##0.00)", "#,##0_);[Red](#,##0)", "0.00;-0.00;", "0.0#", "#.##",
           '"¥"#,##0.00', r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)', "0.00_ ",
           "[$-804]#,##0.00", "@", "0.00E+00", "#,##0.0000", "0.00%;[Red]-0.00%", ";;;"]
DATE_FORMATS = ["yyyy-mm-dd", "yyyy年m月d日", "m/d/yy h:mm", "mm-dd-yy", "General"]


def shown(document) -> list:
    """Each grid's name, merged ranges and text, trailing blank rows and columns dropped
    (openpyxl kept styled empty cells at the edges; they hold nothing a reader sees)."""
    out = []
    for grid in document.grids:
        rows = [[cell.text for cell in row] for row in grid.rows]
        while rows and not any(rows[-1]):
            rows.pop()
        width = max((max((i + 1 for i, t in enumerate(r) if t), default=0) for r in rows),
                    default=0)
        rows = [r[:width] + [""] * (width - len(r)) for r in rows]
        locations = {(c.row, c.col): c.location for row in grid.rows for c in row}
        out.append((grid.name, sorted(grid.merged), rows,
                    [locations[(r, c)] for r in range(len(rows)) for c in range(width)]))
    return out


def generated_workbook(path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    book = openpyxl.Workbook()
    for index in range(2):
        sheet = book.active if index == 0 else book.create_sheet(f"表{index + 1}")
        top, left = rng.randrange(1, 4), rng.randrange(1, 4)  # data not starting at A1
        for r in range(top, top + 25):
            for c in range(left, left + len(FORMATS) // 2):
                cell = sheet.cell(r, c)
                kind = rng.random()
                if kind < 0.6:
                    cell.value = rng.choice([rng.uniform(-1e6, 1e6), rng.randrange(-10 ** 6, 10 ** 6),
                                             round(rng.uniform(0, 2), 4), 0, 0.005, 2.675, -0.5])
                elif kind < 0.75:
                    cell.value = rng.choice(["项目名称", "全年预算数", "  ", "=SUM(A1)", "-", "12.50"])
                elif kind < 0.8:
                    cell.value = rng.choice([True, False])
                elif kind < 0.85:
                    cell.value = dt.datetime(2021, rng.randrange(1, 13), 3, rng.choice([0, 9]), 30)
                elif kind < 0.88:
                    cell.value = dt.date(2022, 6, rng.randrange(1, 28))
                # A date format on a date; numbers under the others. (A number such as -0.5
                # under a date format is no date: openpyxl showed 1899-12-29 12:00:00,
                # calamine a time of day. No disclosure holds one.)
                dated = isinstance(cell.value, dt.date)
                cell.number_format = rng.choice(DATE_FORMATS if dated else FORMATS)
        sheet.merge_cells(start_row=top, start_column=left, end_row=top, end_column=left + 2)
        sheet.merge_cells(start_row=top + 3, start_column=left, end_row=top + 6, end_column=left)
        sheet.cell(top + 40, left + 20).number_format = "0.00"  # a styled empty cell far out
    book.save(path)
    return path


@pytest.mark.parametrize("seed", range(6))
def test_generated_workbooks_read_as_openpyxl_read_them(tmp_path, seed):
    path = generated_workbook(tmp_path / f"formats{seed}.xlsx", seed)
    assert shown(read_document(str(path))) == shown(reference_read(str(path)))


def workbooks() -> list[str]:
    found = sorted(glob.glob(str(ROOT / "samples" / "*.xlsx")))
    found += sorted(glob.glob(str(ROOT / "tests" / "**" / "*.xlsx"), recursive=True))
    return found


@pytest.mark.parametrize("path", workbooks(), ids=os.path.basename)
def test_samples_read_as_openpyxl_read_them(path):
    assert shown(read_document(path)) == shown(reference_read(path))


def test_generated_form_variants_read_as_openpyxl_read_them(tmp_path):
    from selfeval_variants import VARIANTS, clean_form, write_workbook

    layouts = [layout for layout in VARIANTS if layout.fmt == "xlsx"]
    assert len(layouts) >= 10
    for index, layout in enumerate(layouts):
        path, _ = write_workbook(layout, [clean_form(), clean_form("第二项目")], tmp_path,
                                 f"variant{index}")
        assert shown(read_document(str(path))) == shown(reference_read(str(path))), layout.name


def test_shown_precision_comes_from_the_cell_style(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for column, (value, fmt) in enumerate([(0.9974, "0.00%"), (21.96, "0.00"), (1500, "#,##0.00"),
                                           (12.3456, "0.0"), (-3.2, "#,##0.00_);(#,##0.00)")]):
        sheet.cell(3, column + 3, value).number_format = fmt
    book.save(tmp_path / "p.xlsx")
    row = read_document(str(tmp_path / "p.xlsx")).grids[0].rows[2]
    assert [c.text for c in row] == ["", "", "99.74%", "21.96", "1,500.00", "12.3", "(3.20)"]
    assert row[2].location.cell == "C3"


def scan_of(xml: bytes, cuts: list[int]) -> tuple:
    scanner = SheetScanner()
    start = 0
    for cut in sorted(set(cuts)):
        scanner.feed(xml[start:cut])
        start = cut
    scanner.feed(xml[start:])
    scan = scanner.close()
    return scan.rows, scan.cols, scan.style_map(), scan.merged


SHEET = (b'<worksheet><sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="C1" s="1">'
         b'<v>1.5</v></c></row><row r="4"><c r="B4"><v>2</v></c><c r="AB4" s="3"/></row>'
         b'</sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>')
LATE_STYLE = (b'<worksheet><sheetData><row r="1" s="5" customFormat="1"><c r="A1" t="n" s="2">'
              b'<v>1</v></c><c r="B1" s="3"><v>2</v></c></row></sheetData></worksheet>')
# The fast form with what its one pass must tell apart: s="0" (no style), an empty styled
# cell (a style, no content), an attribute after s, a style of 7 digits (none kept).
FAST_EDGES = (b'<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="0">'
              b'<v>1</v></c><c r="C2" s="7"/><c r="D2" s="12" t="n"><v>2</v></c></row><row r="5">'
              b'<c r="E5" s="1234567"><v>3</v></c><c r="F5" s="3"><v>4</v></c><c r="G9" s="5"/>'
              b'</row></sheetData></worksheet>')
PREFIXED = (b'<x:worksheet><x:sheetData><x:row r="2"><x:c s="4" r="B2"><x:v>1</x:v></x:c><x:c>'
            b'<x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>')


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, len(SHEET)), max_size=12), st.lists(st.integers(0, len(PREFIXED)),
                                                                    max_size=12))
def test_the_sheet_scan_does_not_depend_on_where_the_chunks_are_cut(cuts, other_cuts):
    assert scan_of(SHEET, cuts) == (4, 3, {(0, 0): 2, (0, 2): 1, (3, 27): 3}, [(0, 0, 1, 1)])
    assert scan_of(LATE_STYLE, cuts) == (1, 2, {(0, 0): 2, (0, 1): 3}, [])
    assert scan_of(FAST_EDGES, cuts) == (5, 6, {(1, 2): 7, (1, 3): 12, (4, 5): 3, (8, 6): 5}, [])
    # Prefixed tags, `s` before `r`, a cell without a reference: the general path.
    assert scan_of(PREFIXED, other_cuts) == (2, 3, {(1, 1): 4}, [])


def test_the_read_path_imports_no_numpy_pandas_or_openpyxl():
    code = ("import sys\nfrom auditor.cli import main\n"
            "sys.argv = ['audit-rules', 'run', '--format', 'json', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'numpy', 'pandas', 'pandera', 'openpyxl'})\n"
            "print('HEAVY', heavy, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "samples" / "planted-errors-selfeval.xlsx")],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert '"findings"' in done.stdout
    assert "HEAVY []" in done.stderr, done.stderr[-500:]


def test_a_file_too_large_for_memory_reads_as_one_read_from_memory(tmp_path, monkeypatch):
    from auditor.readers import xlsx

    path = str(generated_workbook(tmp_path / "large.xlsx", 7))
    from_memory = shown(read_document(path))
    monkeypatch.setattr(xlsx, "_IN_MEMORY", 0)  # every file read from its open handle
    assert shown(read_document(path)) == from_memory


def test_parsed_parts_are_shared_by_content_and_a_refusal_is_never_cached():
    from defusedxml import EntitiesForbidden

    from auditor.readers.ooxml import cell_formats

    styles = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<numFmts><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
              b'<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>'
              b'</styleSheet>')
    assert list(cell_formats(styles)) == ["General", "0.0", "0.00%"]
    assert cell_formats(bytes(styles)) is cell_formats(styles)
    hostile = b'<!DOCTYPE s [<!ENTITY e "x">]>' + styles
    for _ in range(2):
        with pytest.raises(EntitiesForbidden):
            cell_formats(hostile)
