"""`--annotate`: a copy of an input workbook with the cells that have findings marked.

Each cell with a finding is filled in its severity's colour (error red, warning amber,
info blue) and given a comment with the rule, the message and the reported and
recomputed values; a first sheet lists every finding with a link to its cell. The copy is
made with openpyxl from the workbook as saved (not `data_only`), so formulas, styles,
merged cells, column widths and the other sheets stay as they were. The input is never
written: a target that resolves to an input path is refused.

What openpyxl cannot carry through a load and save (charts, images, pivot tables, form
controls) is lost in the copy; the input keeps them.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import FileResult, Finding
from .report import SEVERITY_ORDER, Report
from .report.safe import put_cell_text as _put_text

WRITABLE = (".xlsx", ".xlsm")
# Workbooks openpyxl can read but not write, or cannot read at all.
UNWRITABLE = (".xls", ".xlsb", ".ods")

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
FONTS = {"error": "9C0006", "warning": "9C5700", "info": "1F4E79"}


class AnnotateError(Exception):
    """An annotated copy that cannot or must not be written; the message is for the user."""


def same_file(a: str | Path, b: str | Path) -> bool:
    first, second = Path(a), Path(b)
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
    except OSError:
        pass
    return first.resolve() == second.resolve()


def annotated_name(source: str, folder: Path, taken: set[Path]) -> Path:
    """`<stem>.annotated.xlsx` in `folder`, numbered when two inputs share a stem."""
    stem, suffix = Path(source).stem, Path(source).suffix.lower()
    candidate = folder / f"{stem}.annotated{suffix}"
    number = 2
    while candidate.resolve() in taken:
        candidate = folder / f"{stem}-{number}.annotated{suffix}"
        number += 1
    taken.add(candidate.resolve())
    return candidate


@dataclass
class Marked:
    cells: int = 0  # cells filled and commented
    listed: int = 0  # findings on the summary sheet


def _anchor(ws, coordinate: str) -> str:
    """The cell a comment can go on: a merged range's top-left cell."""
    for merged in ws.merged_cells.ranges:
        if coordinate in merged:
            return merged.start_cell.coordinate
    return coordinate


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _comment_text(report: Report, findings: list[Finding]) -> str:
    parts = [report.text("ui.annotate.comment", rule=f.rule, title=f.title, message=f.message,
                         reported=f.reported or "—", expected=f.expected or "—")
             for f in findings]
    return "\n\n".join(parts)


def _mark_cells(wb, report: Report, findings: list[Finding]) -> int:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        loc = finding.location
        if loc.sheet in wb.sheetnames and loc.cell:
            ws = wb[loc.sheet]
            by_cell.setdefault((loc.sheet, _anchor(ws, loc.cell)), []).append(finding)
    author = report.text("ui.annotate.author")
    for (sheet, coordinate), found in by_cell.items():
        cell = wb[sheet][coordinate]
        worst = min(found, key=lambda f: SEVERITY_ORDER.get(f.severity, 9)).severity
        cell.fill = PatternFill(fill_type="solid", start_color=FILLS.get(worst, FILLS["info"]),
                                end_color=FILLS.get(worst, FILLS["info"]))
        text = _comment_text(report, found)
        if cell.comment is not None and cell.comment.text:
            text = cell.comment.text.rstrip() + "\n\n" + text
        lines = sum(1 + len(line) // 24 for line in text.splitlines())
        cell.comment = Comment(text, author, height=min(max(lines, 4) * 16, 600), width=320)
    return len(by_cell)


def _summary_sheet(wb, report: Report, findings: list[Finding]) -> int:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(report.text("ui.annotate.sheet"), 0)
    # About 140 characters: A4 landscape at a readable size once fitted to the page width.
    columns = [("severity", 8), ("rule", 9), ("location", 16), ("subject", 24),
               ("message", 60), ("reported", 13), ("expected", 13)]
    for index, (key, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=index)
        _put_text(cell, report.text(f"ui.col.{key}"))
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = width
    ordered = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
    for row, finding in enumerate(ordered, 2):
        loc = finding.location
        values = [report.severity(finding.severity), finding.rule, report.where(loc),
                  finding.subject or "", finding.message, finding.reported or "",
                  finding.expected or ""]
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=col)
            _put_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        badge = ws.cell(row=row, column=1)
        badge.fill = PatternFill(fill_type="solid", start_color=FILLS.get(finding.severity, FILLS["info"]),
                                 end_color=FILLS.get(finding.severity, FILLS["info"]))
        badge.font = Font(color=FONTS.get(finding.severity, FONTS["info"]))
        if loc.sheet in wb.sheetnames:
            link = ws.cell(row=row, column=3)
            target = _anchor(wb[loc.sheet], loc.cell) if loc.cell else "A1"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{_quoted(loc.sheet)}!{target}",
                                       display=report.where(loc))
            link.style = "Hyperlink"  # a named style resets the cell's own: set them again
            link.alignment = Alignment(wrap_text=True, vertical="top")
            _put_text(link, report.where(loc))
    ws.freeze_panes = "A2"
    if ordered:
        ws.auto_filter.ref = f"A1:G{len(ordered) + 1}"
    _print_setup(ws)
    # Open on the findings: only this tab selected (several selected tabs would be grouped).
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = 0
    return len(ordered)


def _print_setup(ws) -> None:
    """A4 landscape, one page wide (as many pages long as it takes), the header row on
    every page: the list an officer prints and signs off."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True


def annotate_workbook(result: FileResult, target: str | Path, report: Report,
                      inputs: list[str] = ()) -> Marked:
    """Writes the annotated copy of `result.path` to `target`."""
    source = Path(result.path)
    target = Path(target)
    suffix = source.suffix.lower()
    if suffix in UNWRITABLE:
        raise AnnotateError(report.text("ui.annotate.xls", path=result.path))
    if suffix not in WRITABLE:
        raise AnnotateError(report.text("ui.annotate.text", path=result.path))
    if result.status != "ok":
        raise AnnotateError(report.text("ui.annotate.unread", path=result.path))
    if any(same_file(target, given) for given in (result.path, *inputs)):
        raise AnnotateError(report.text("ui.annotate.same", path=target))
    from openpyxl import load_workbook

    try:
        wb = load_workbook(source, keep_vba=target.suffix.lower() == ".xlsm", rich_text=True)
        marked = Marked(cells=_mark_cells(wb, report, result.findings))
        marked.listed = _summary_sheet(wb, report, result.findings)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and move into place: never a half-written workbook.
        handle, temporary = tempfile.mkstemp(suffix=target.suffix, dir=target.parent)
        os.close(handle)
        try:
            wb.save(temporary)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes it private; a copy need not be
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except AnnotateError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on odd workbooks
        raise AnnotateError(report.text("ui.annotate.failed", path=result.path,
                                        error=f"{type(exc).__name__}: {exc}")) from None
    return marked
