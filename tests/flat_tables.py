"""Tables of `final_accounts_variants` written as a PDF text extract writes them.

pdftotext without -layout prints a table row by row, its cells in reading order apart by
a space; a blank cell is simply missing; a header cell too wide for its column is cut into
lines (`本年收入合` / `计`); a 科目编码 in 类/款/项 columns reads `201 06 01`. Nothing here is
copied from a real document: the tables are the synthetic ones of the workbook tests.
"""

from __future__ import annotations

from decimal import Decimal

from final_accounts_variants import Table, shown


def _fragments(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _figure(value: object, unit: str) -> str | None:
    if value is None or value == "":
        return None
    return f"{shown(Decimal(value), unit):,.2f}"


def flat_table(table: Table, unit: str = "万元", header_width: int = 5,
               wrap_names: dict[str, int] | None = None, glued_codes: bool = False,
               glued_cells: bool = False) -> list[str]:
    """The table's lines: title, unit, the header cut into fragments, one line per row.

    `wrap_names`: a row key → the length at which that row's 科目名称 goes on to the next
    line (with the row's figures after it, as pdftotext prints a wrapped cell).
    `glued_codes`: `2010601` for `201 06 01`; `glued_cells`: code, name and first figure
    without a space between them (`2010601行政运行1,511.89 …`).
    """
    lines = [table.title, f"单位：{unit}"]
    values = sorted(table.columns.values())
    first_value = values[0]
    top = table.header[0]
    # The label columns' header words, then each value column's name, wrapped.
    lines.append("项目")
    for c in values:
        lines.extend(_fragments(top[c], header_width))
    # The code column's header follows the last value column's, glued to its last line.
    lines[-1] += "支出功能分类 科目名称科目编码"
    lines.append("类 款 项")
    wrap_names = wrap_names or {}
    for key, row in zip(table.keys, table.rows):
        labels = [str(cell) for cell in row[:first_value] if cell not in (None, "")]
        if key != "合计" and (glued_codes or glued_cells):
            labels = ["".join(labels[:-1]), labels[-1]]
        figures = [f for f in (_figure(row[c], unit) for c in values) if f is not None]
        name = labels[-1]
        if glued_cells and key != "合计":
            lines.append("".join(labels + figures[:1]) + "".join(" " + f for f in figures[1:]))
        elif key in wrap_names:
            cut = wrap_names[key]
            lines.append(" ".join(labels[:-1] + [name[:cut]]))
            lines.append(" ".join([name[cut:]] + figures))
        else:
            lines.append(" ".join(labels + figures))
    lines.extend(table.notes)
    return lines


def every_figure_printed(table: Table) -> Table:
    """The table with every blank cell printed as 0.00: a row has a figure per column."""
    for row in table.rows:
        for c in table.columns.values():
            if row[c] is None:
                row[c] = Decimal(0)
    return table


def document(*tables: list[str], prose: str = "") -> str:
    """A text extract: a page per table, then the prose (if any) on a page of its own."""
    pages = [["第二部分 部门决算表"]] + [list(t) for t in tables]
    if prose:
        pages.append(["第三部分 部门决算情况说明", prose])
    out = []
    for number, page in enumerate(pages, start=1):
        out.append(f"=== page {number} ===")
        out.extend(page)
        out.append("")
    return "\n".join(out)
