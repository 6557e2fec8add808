"""CSV exports of a single sheet, in UTF-8 or the GB18030 family Chinese offices use."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..model import Cell, Document, Grid, Location
from . import column_letter
from .textenc import decode


def read(path: str) -> Document:
    text = decode(Path(path).read_bytes())
    name = Path(path).stem
    rows = []
    for r, values in enumerate(csv.reader(io.StringIO(text))):
        rows.append([Cell(v, r, c, Location(path, name, f"{column_letter(c)}{r + 1}"))
                     for c, v in enumerate(values)])
    return Document(path=path, format="csv", grids=[Grid(name, rows, Location(path, name))])
