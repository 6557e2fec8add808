"""Builds the 决算公开 sample workbooks from the published PDF, value for value.

    python samples/build_putuo_samples.py [path/to/putuo-finance-bureau-2024-final.pdf]

Writes, beside this script:
- `putuo-finance-bureau-2024-final.xlsx`: the nine tables of the 上海市普陀区财政局 2024
  决算公开, one sheet each: title, `单位：万元`, the header rows (merged as in the PDF), the
  rows as published (figures as numbers shown with two decimals, blanks blank), notes;
- `putuo-finance-bureau-2024-final-planted.xlsx`: the same with the errors listed in
  `PLANTED` (and in samples/README.md) planted in it.

The tables are read with audit-rules' own PDF reader and table finder; the workbook is
what a finance bureau fills in before the PDF is printed.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_PDF = ROOT.parent / "shared" / "realdocs" / "putuo-finance-bureau-2024-final.pdf"

# (sheet, row label match, column header match, new text, what it breaks)
PLANTED = [
    ("支出决算表", "2010601", 5, "1,530.52",
     "行政运行基本支出 1,503.52 改为 1,530.52：行 合计≠基本+项目，财政事务/一般公共服务/合计 的基本支出≠Σ下级"),
    ("收入支出决算总表", "年末结转和结余", 3, "55.43",
     "年末结转和结余 55.34 改为 55.43：支出总计≠本年支出合计+结余分配+年末结转和结余"),
    ("一般公共预算财政拨款基本支出决算表", "30217", 7, "1.20",
     "30217 公务接待费填 1.20（30211 差旅费相应改为空）：超过“三公”表公务接待费决算数（空白）"),
    ("一般公共预算财政拨款基本支出决算表", "30211", 7, "",
     "（与上一条配套，使 302 合计不变）"),
    ("财政拨款“三公”经费支出决算表", "0.95", 0, "0.59",
     "三公 预算数合计 0.95 改为 0.59：合计≠因公出国+公务用车+公务接待"),
    ("财政拨款收入支出决算总表", "一般公共服务支出", 4, "21,066,600.00",
     "一般公共服务支出 一般公共预算列 2,106.66 万元按元填成 21,066,600.00：单位错误"),
]
# A detail row equal to its parent while its siblings already add up to the parent.
PLANTED_ROW = ("一般公共预算财政拨款支出决算表", "2210203",
               ["221", "02", "99", "其他住房改革支出", "445.69", "445.69", ""],
               "插入 2210299 其他住房改革支出 445.69（与上级 22102 相同，而其余明细之和已等于上级）")
PLANTED_NOTE = ("政府性基金预算财政拨款收入支出决算表", "上海市普陀区财政局", "上海市普陀区XX局",
                "“本表无数据”的注里留下模板文字 XX")


def _table_rows(pdf: Path) -> list[tuple[str, str, list[list[str]], list[tuple], list[str]]]:
    sys.path.insert(0, str(ROOT))
    from auditor.readers import read_document
    from auditor.recognise.final_accounts_layout import find_blocks

    document = read_document(str(pdf))
    tables = []
    seen = set()
    for block in find_blocks(document):
        if block.spec.slot in seen:
            continue
        seen.add(block.spec.slot)
        rows: list[list[str]] = []
        merged: list[tuple] = []
        for index in sorted(block.grids):
            grid = document.grids[index]
            offset = len(rows)
            rows.extend([cell.text for cell in row] for row in grid.rows)
            if offset == 0:
                merged = list(grid.merged)
        tables.append((block.title, block.unit or "万元", rows, merged,
                       [text for text, _ in block.notes]))
    return tables


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").strip()
    try:
        return Decimal(cleaned) if cleaned and any(ch.isdigit() for ch in cleaned) and "." in cleaned else None
    except ArithmeticError:
        return None


def _write(tables, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, unit, rows, merged, notes in tables:
        sheet = workbook.create_sheet(title[:31])
        sheet.cell(1, 1, title).font = Font(bold=True, size=14)
        sheet.cell(2, 1, f"单位：{unit}")
        top = 3
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                value = _number(text)
                cell = sheet.cell(top + r, c + 1)
                if value is not None:
                    cell.value = float(value)
                    cell.number_format = "#,##0.00"
                elif text:
                    cell.value = text
                    cell.alignment = Alignment(wrap_text=True)
        for r1, c1, r2, c2 in merged:
            if all(not rows[r][c] for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1) and r < len(rows) and c < len(rows[r])):
                sheet.merge_cells(start_row=top + r1, start_column=c1 + 1,
                                  end_row=top + r2, end_column=c2 + 1)
        for offset, note in enumerate(notes):
            sheet.cell(top + len(rows) + 1 + offset, 1, note)
        for c in range(1, 13):
            sheet.column_dimensions[sheet.cell(1, c).column_letter].width = 14
    workbook.save(path)


def _plant(tables):
    planted = []
    for title, unit, rows, merged, notes in tables:
        rows = [list(r) for r in rows]
        notes = list(notes)
        for sheet, match, col, text, _ in PLANTED:
            if sheet != title:
                continue
            for row in rows:
                joined = "".join(row).replace("\n", "")
                if match in joined or match == "".join(row[:3]):
                    row[col] = text
                    break
            else:
                raise SystemExit(f"cannot plant {match!r} in {sheet}")
        if title == PLANTED_ROW[0]:
            at = next(i for i, row in enumerate(rows) if "".join(row[:3]) == PLANTED_ROW[1])
            rows.insert(at + 1, list(PLANTED_ROW[2]))
        if title == PLANTED_NOTE[0]:
            notes = [n.replace(PLANTED_NOTE[1], PLANTED_NOTE[2]) for n in notes]
        planted.append((title, unit, rows, merged, notes))
    return planted


def main() -> None:
    pdf = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PDF
    tables = _table_rows(pdf)
    if len(tables) != 9:
        raise SystemExit(f"expected the nine tables in {pdf}, found {len(tables)}")
    _write(tables, HERE / "putuo-finance-bureau-2024-final.xlsx")
    _write(_plant(tables), HERE / "putuo-finance-bureau-2024-final-planted.xlsx")
    print("wrote", HERE / "putuo-finance-bureau-2024-final.xlsx")
    print("wrote", HERE / "putuo-finance-bureau-2024-final-planted.xlsx")


if __name__ == "__main__":
    main()
