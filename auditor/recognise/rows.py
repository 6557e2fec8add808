"""Rows of a grid as a reader sees them, whether its columns line up or not.

In a workbook or a Word table every cell has a column, and a merged range shows its text
once. In a text export a horizontal merge becomes one cell, so positions in a row need not
match the header's. `Row` hides the difference: a header's `Slot` finds its value in a row
by column where columns line up, and by position from the row's right-hand end (where the
figures are) where they do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Cell, Grid
from .labels import compact, label_key


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a header cell stands: its column, and its position counted from the row end."""

    col: int
    span: int
    from_end: int


_COVERED = "rows.covered"


def _covered(grid: Grid) -> dict[int, set[int]]:
    """Row → the columns of its cells covered by a merge from the left (the merge shows
    its text once, at its origin). Worked out once per grid: each of its rows asks."""
    found = grid.memo.get(_COVERED)
    if found is None:
        found = {}
        for r1, c1, r2, c2 in grid.merged:
            for col in range(c1, c2 + 1):
                r, c = grid.origin(r1, col)
                if r == r1 and c != col:
                    found.setdefault(r1, set()).add(col)
        grid.memo[_COVERED] = found
    return found


_SPANS = "rows.spans"


def _spans(grid: Grid) -> dict[tuple[int, int], int]:
    """(row, col) of each merge's origin → the merge's width (the first merge listed
    there, should two start at one cell). Worked out once per grid."""
    found = grid.memo.get(_SPANS)
    if found is None:
        found = {}
        for r1, c1, r2, c2 in grid.merged:
            found.setdefault((r1, c1), c2 - c1 + 1)
        grid.memo[_SPANS] = found
    return found


class Row:
    def __init__(self, grid: Grid, index: int, first_col: int = 0, last_col: int | None = None):
        self.grid = grid
        self.index = index
        covered = _covered(grid).get(index) if grid.aligned else None
        cells = grid.rows[index]
        if covered or first_col > 0 or last_col is not None:
            cells = [cell for cell in cells
                     if first_col <= cell.col and (last_col is None or cell.col <= last_col)
                     and not (covered and cell.col in covered)]
        self.cells: list[Cell] = list(cells)
        self._by_col: dict[int, Cell] | None | bool = False  # made when `at` first asks

    def _columns(self) -> dict[int, Cell] | None:
        """Each cell by its column, for `at` to look there rather than along the row; None
        unless the columns rise from cell to cell, as in every reader's rows."""
        by_col = {cell.col: cell for cell in self.cells}
        cols = list(by_col)
        if len(cols) != len(self.cells) or cols != sorted(cols):
            return None
        return by_col

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def keys(self) -> list[str]:
        return [label_key(c.text) for c in self.cells]

    def is_blank(self) -> bool:
        return all(not compact(c.text) for c in self.cells)

    def find(self, *names: str, prefix: bool = False) -> Cell | None:
        for cell in self.cells:
            key = label_key(cell.text)
            if key in names or (prefix and any(key.startswith(n) for n in names)):
                return cell
        return None

    def slot(self, cell: Cell, position: int | None = None) -> Slot:
        """The slot of one of this row's cells (`position`, its index in `cells`, when the
        caller knows it)."""
        span = _spans(self.grid).get((self.index, cell.col), 1) if self.grid.aligned else 1
        if position is None:
            position = next(i for i, c in enumerate(self.cells) if c is cell)
        return Slot(cell.col, span, len(self.cells) - position)

    def at(self, slot: Slot, header_width: int) -> Cell | None:
        """The cell of this row under a header slot."""
        if self.grid.aligned:
            by_col = self._by_col
            if by_col is False:
                by_col = self._by_col = self._columns()
            if by_col is not None and slot.span == 1:
                return by_col.get(slot.col)
            cells = self.cells if by_col is None else \
                [by_col[c] for c in range(slot.col, slot.col + slot.span) if c in by_col]
            chosen = None
            for cell in cells:
                if slot.col <= cell.col < slot.col + slot.span:
                    if chosen is None or (not chosen.text.strip() and cell.text.strip()):
                        chosen = cell
            return chosen
        # Without columns: rows as wide as the header line up cell for cell; narrower ones
        # keep their figures at the right-hand end.
        position = len(self.cells) - slot.from_end
        if len(self.cells) == header_width:
            position = header_width - slot.from_end
        if 0 <= position < len(self.cells):
            return self.cells[position]
        return None

    def after(self, cell: Cell) -> list[Cell]:
        index = next(i for i, c in enumerate(self.cells) if c is cell)
        return self.cells[index + 1:]

    def carried(self, slot: Slot, header_width: int) -> Cell | None:
        """Like `at`, but a vertical merge yields the text of its top cell."""
        cell = self.at(slot, header_width)
        if cell is not None and self.grid.aligned and not cell.text.strip():
            r, c = self.grid.origin(self.index, cell.col)
            if (r, c) != (self.index, cell.col):
                return self.grid.cell(r, c)
        return cell


class Rows(Sequence):
    """Rows first..end-1 of a grid as `Row`s, each made when first asked for: a form's
    region may run to the end of a large sheet of which a recogniser reads a few rows."""

    def __init__(self, grid: Grid, first: int, end: int, first_col: int = 0,
                 last_col: int | None = None):
        self._grid, self._first, self._end = grid, first, max(end, first)
        self._cols = (first_col, last_col)
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return self._end - self._first

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = Row(self._grid, self._first + index, *self._cols)
        return row
