"""Builds the Word samples in samples/ from the seed reports' text exports (run from the root).

    python samples/build_docx_samples.py [SEEDS_DIR]

Each seed is a Word document exported to text: a paragraph per line, a table cell per line
starting with a tab, table rows separated by blank lines. This script reads a seed with
the tool's own text reader and writes it back as a .docx with python-docx: every paragraph
as a paragraph, every table as a real Word table. The export dropped the cells a
horizontal merge covered, so a row shorter than its table gets spans back: in a row with
figures (or a header row of five cells or more) the first cell spans the missing columns,
which keeps the figures under their headers; in other rows (label and value) the values
take them. The 总分 row of a 自评表 keeps no trace of its empty cells, so its figures are
put back under 分值 and 得分 (the last figure is the score; one before it is the weight).
A blank first cell under a first cell of the same span continues it as a vertical merge
(`项目资金（万元）`, `绩效指标`), as in the published forms. Nothing else is changed: the
figures, their precision and the errors the reports contain are the seeds'.

Output is deterministic (fixed core properties and zip entry dates).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
SAMPLES = {
    "003_701c19d1405d5246.txt": "fengtai-2021-final-accounts-report.docx",
    "000_110345ea8efaabfe.txt": "chenggong-2019-project-report.docx",
    "002_2110093e932e6a59.txt": "lusong-2022-department-report.docx",
}
FIXED = datetime(2024, 1, 1)


def _spans(cells: list[str], width: int) -> list[int]:
    from auditor.numbers import Quantity, parse_figure

    extra = width - len(cells)
    spans = [1] * len(cells)
    if extra <= 0:
        return spans
    if len(cells) >= 5 or any(isinstance(parse_figure(c), Quantity) for c in cells[1:]):
        spans[0] += extra
        return spans
    values = list(range(1, len(cells), 2)) or [0]
    for i in range(extra):
        spans[values[-1 - i % len(values)]] += 1
    return spans


def _total_row(texts: list[str], width: int) -> tuple[list[str], list[int]]:
    """总分 | … | 分值 | 得分 | 偏差原因: the figures under the last columns but one."""
    figures = [t for t in texts[1:] if t.strip()]
    weight, score = (figures[-2], figures[-1]) if len(figures) >= 2 else ("", figures[-1]) \
        if figures else ("", "")
    return [texts[0], weight, score, ""], [width - 3, 1, 1, 1]


def _table(document, grid) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    width = max(len(row) for row in grid.rows)
    table = document.add_table(rows=len(grid.rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    previous: tuple[int, str] | None = None  # (span, text) of the first cell above
    for r, row in enumerate(grid.rows):
        texts = [cell.text for cell in row]
        spans = _spans(texts, width)
        if texts and texts[0].strip() == "总分" and width >= 4:
            texts, spans = _total_row(texts, width)
        col = 0
        for index, (text, span) in enumerate(zip(texts, spans)):
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            cell.text = text
            if index == 0:
                if not text.strip() and previous is not None and previous[0] == span:
                    merge = OxmlElement("w:vMerge")  # continue the cell above
                    cell._tc.get_or_add_tcPr().append(merge)
                    above = table.cell(r - 1, 0)._tc.get_or_add_tcPr()
                    if above.find(qn("w:vMerge")) is None:
                        restart = OxmlElement("w:vMerge")
                        restart.set(qn("w:val"), "restart")
                        above.append(restart)
                previous = (span, text)
            col += span


def build(seed: Path, target: Path) -> None:
    import docx

    from auditor.readers.text import parse_text
    from auditor.readers.textenc import decode

    source = parse_text(decode(seed.read_bytes()), str(seed))
    items = [(p.location.line or 0, "p", p) for p in source.paragraphs]
    items += [(g.location.line or 0, "t", g) for g in source.grids]
    document = docx.Document()
    properties = document.core_properties
    properties.created = properties.modified = FIXED
    properties.author = properties.last_modified_by = "audit-rules samples"
    properties.title = target.stem
    for _, kind, item in sorted(items, key=lambda entry: entry[0]):
        if kind == "p":
            document.add_paragraph(item.text)
        else:
            _table(document, item)
    buffer = io.BytesIO()
    document.save(buffer)
    # Fixed zip entry dates, so that the sample changes only when its content does.
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            data = zin.read(info.filename)
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, data)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    for seed_name, sample_name in SAMPLES.items():
        seed = SEEDS / seed_name
        target = HERE / sample_name
        build(seed, target)
        print(f"{seed} → {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
