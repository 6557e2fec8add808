"""A worksheet that holds prose, not a table: the 说明 sheet of a workbook of 部门预算 tables,
one paragraph to a row in its first column. Its rows are the document's paragraphs (each at
its cell), so that the prose is read as prose; the sheet is then no grid, since no table
recogniser has anything to find in it."""

from __future__ import annotations

import re

from ..model import Document, Grid, Paragraph
from ..numbers import parse_figure

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[。；;]")
# A sheet is prose when nearly all of its rows are one text cell, and some of them sentences.
_LEAST_ROWS = 5
_SHARE = 0.8


def _text_cell(row) -> object | None:
    """The row's one cell, when it is a text of some words (a figure is never rendered here:
    a sheet of figures is left as it was read)."""
    if any(c.shows_number for c in row):
        return None
    filled = [c for c in row if c.text.strip()]
    if len(filled) != 1:
        return None
    cell = filled[0]
    text = cell.text.strip()
    if len(_CJK.findall(text)) < 2 or parse_figure(text) is not None:
        return None
    return cell


def _prose_rows(grid: Grid) -> list | None:
    cells, others = [], 0
    for row in grid.rows:
        cell = _text_cell(row)
        if cell is not None:
            cells.append(cell)
        elif any(c.shows_number or c.text.strip() for c in row):
            others += 1
            if others > _LEAST_ROWS and others > (1 - _SHARE) * (len(cells) + others):
                return None  # a sheet of tables: given up on within a few rows
    if len(cells) < _LEAST_ROWS or len(cells) < _SHARE * (len(cells) + others):
        return None
    if sum(1 for c in cells if _SENTENCE.search(c.text) and len(c.text.strip()) >= 20) < 2:
        return None
    return cells


def read_text_sheets(document: Document) -> Document:
    """Moves the prose sheets of a workbook into its paragraphs, in sheet order."""
    kept: list[Grid] = []
    for grid in document.grids:
        cells = _prose_rows(grid)
        if cells is None:
            kept.append(grid)
            continue
        for cell in cells:
            for line in cell.text.splitlines():
                if line.strip():
                    document.paragraphs.append(Paragraph(line.strip(), cell.location))
    document.grids = kept
    return document
