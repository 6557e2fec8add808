"""CSV exports of a single sheet, in UTF-8 or the GB18030 family Chinese offices use."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Grid, Location
from . import column_letter
from .textenc import decode
from .textlimits import check_cells, check_lines, check_size


def read(path: str, limits: Limits = DEFAULT) -> Document:
    check_size(os.path.getsize(path), limits)
    text = decode(Path(path).read_bytes())
    check_lines(text.splitlines(), limits)
    name = Path(path).stem
    # The lines passed the length limit; a quoted field may still join lines into one.
    csv.field_size_limit(max(limits.max_line_chars, 131072))
    parsed = list(csv.reader(io.StringIO(text)))
    check_cells(name, len(parsed), max((len(values) for values in parsed), default=0), limits)
    rows = []
    for r, values in enumerate(parsed):
        rows.append([Cell(v, r, c, Location(path, name, f"{column_letter(c)}{r + 1}"))
                     for c, v in enumerate(values)])
    return Document(path=path, format="csv", grids=[Grid(name, rows, Location(path, name))])
