"""A workbook's prose sheet (its 说明, a paragraph to a row) is read as paragraphs."""

from auditor.pipeline import audit_file
from auditor.readers import read_document

NOTES = ["某局2024年部门预算", "第三部分 其他重要事项的情况说明", "一、“三公”经费预算情况",
         "2024年“三公”经费财政拨款预算21.00万元，比上年预算减少19.00万元，下降{rate}。",
         "二、机关运行经费预算",
         "2024年本部门机关运行经费财政拨款预算268.40万元，比上年预算减少3.16万元，主要是压减一般性支出。",
         "三、政府采购预算情况", "2024年部门政府采购预算100.00万元，其中：货物预算60.00万元、服务预算40.00万元。"]


def _workbook(path, notes, table_rows=()):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部门预算说明"
    for line in notes:
        ws.append([line])
    if table_rows:
        other = wb.create_sheet("表1")
        for row in table_rows:
            other.append(list(row))
    wb.save(path)
    return str(path)


def test_a_sheet_of_one_text_cell_per_row_is_prose(tmp_path, book):
    path = _workbook(tmp_path / "notes.xlsx", [n.format(rate="47.50%") for n in NOTES],
                     [("项目", "金额"), ("合计", 1.0)])
    document = read_document(path)
    assert [g.name for g in document.grids] == ["表1"]
    assert document.paragraphs[3].text.startswith("2024年“三公”经费") and \
        document.paragraphs[3].location.cell == "A4"
    assert not [f for f in audit_file(path, book).findings if f.severity != "info"]
    wrong = _workbook(tmp_path / "wrong.xlsx", [n.format(rate="90.48%") for n in NOTES])
    [finding] = [f for f in audit_file(wrong, book).findings if f.rule == "PR010"]
    assert finding.expected == "-47.50%" and finding.location.cell == "A4"


def test_a_sheet_with_a_table_in_it_stays_a_grid(tmp_path):
    # Rows of several cells (a table under the text) make it no prose sheet.
    rows = [n.format(rate="47.50%") for n in NOTES[:4]]
    path = _workbook(tmp_path / "mixed.xlsx", rows)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for row in [("项目", "预算数", "执行数")] + [(f"项目{k}", 10, 9) for k in range(6)]:
        wb["部门预算说明"].append(list(row))
    wb.save(path)
    document = read_document(path)
    assert [g.name for g in document.grids] == ["部门预算说明"] and not document.paragraphs


def test_a_converted_figure_is_shown_without_zeros_past_its_own_decimals():
    from decimal import Decimal

    from auditor.checks.engine import show_in_unit_of
    from auditor.numbers import Quantity

    like = Quantity(Decimal("286.40"), 2, "万元", "amount")
    assert show_in_unit_of(Quantity(Decimal("2684000.00"), 2, "元", "amount"), like) == "268.40万元"
    assert show_in_unit_of(Quantity(Decimal("58637757.97"), 2, "元", "amount"), like) == "5863.775797万元"
