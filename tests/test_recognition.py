"""Recognition by labels: what is a 自评表 and what is not, wherever it stands."""

from decimal import Decimal

from openpyxl import Workbook

from auditor.pipeline import audit_file
from forms import consistent_spec, write_form


def test_unrecognised_sheet_is_an_info_not_a_guess(tmp_path, book):
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "本表为填报说明"
    ws["B3"] = 123.45
    wb.create_sheet("空表")
    write_form(wb.create_sheet("自评"), consistent_spec())
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    result = audit_file(str(path), book)
    [note] = result.findings
    assert (note.rule, note.severity, note.location.sheet) == ("AR001", "info", "说明")
    assert len(result.subjects) == 1


def test_anchor_without_funds_block_is_reported_not_checked(tmp_path, book):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "项目名称"
    ws["B1"] = "某项目"
    ws["A2"] = "年度总体目标"
    path = tmp_path / "partial.xlsx"
    wb.save(path)
    result = audit_file(str(path), book)
    # Nothing could be checked, which is said (AR004, issue 12) beside why the form was not read.
    assert [f.rule for f in result.findings] == ["AR004", "AR001"]
    assert "项目资金" in result.findings[1].message
    assert result.subjects == []


def test_labels_with_notes_and_line_breaks(tmp_path, book):
    spec = consistent_spec()
    spec.unit_label = "项目资金（万元）"
    wb = Workbook()
    write_form(wb.active, spec, top=7, left=4)
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    result = audit_file(str(path), book)
    [form] = result.subjects
    assert form.facts["全年预算数"].location.cell == "G12"  # under the header 全年预\n算数（A）
    assert form.facts["执行率"].quantity.value == Decimal("98.62")
    assert len(form.collections["指标"]) == 6
    assert result.findings == []


def test_unit_from_the_block_label(tmp_path, book):
    spec = consistent_spec()
    spec.unit_label = "项目资金（元）"
    for row in spec.funds.values():
        for column in ("年初预算数", "全年预算数", "全年执行数"):
            if column in row:
                row[column] = row[column] * 10_000
    spec.indicators[3].actual = "72.4万元"
    wb = Workbook()
    write_form(wb.active, spec)
    path = tmp_path / "yuan.xlsx"
    wb.save(path)
    result = audit_file(str(path), book)
    [form] = result.subjects
    assert form.meta["unit"] == "元"
    assert result.findings == []


def test_csv_export_of_a_form(tmp_path, book):
    # A sheet saved as CSV in GB18030 keeps its cells but loses merges and formats.
    rows = [
        ["项目名称", "示范项目", "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "73.41", "73.41", "72.4", "10", "98.62%", "9.86"],
        ["", "其中：当年财政拨款", "73.41", "73.41", "72.4", "—", "98.62%", "—"],
        ["", "上年结转资金", "", "", "", "—", "", "—"],
        ["", "其他资金", "", "", "", "—", "", "—"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "巡查", "12次", "12次", "50", "50", ""],
        ["", "效益指标", "社会效益指标", "改善", "好", "好", "30", "28", ""],
        ["", "满意度指标", "满意度", "满意度", "90%", "92%", "10", "10", ""],
        ["总分", "", "", "", "", "", "100", "96.86", ""],
    ]
    text = "\n".join(",".join(r) for r in rows) + "\n"
    path = tmp_path / "form.csv"
    path.write_bytes(text.encode("gb18030"))
    result = audit_file(str(path), book)
    assert result.status == "ok"
    assert len(result.subjects) == 1
    assert sorted(f.rule for f in result.findings) == ["SE008", "SE010"]


def test_a_department_wide_form_is_read_like_a_project_form(tmp_path, book):
    # 部门整体支出绩效自评表: 部门（单位）名称 where a project form has 项目名称, and its funds
    # block headed 年度预算执行情况; its identities are the same.
    spec = consistent_spec("某街道办事处")
    spec.unit_label = "年度预算执行情况（万元）"
    wb = Workbook()
    write_form(wb.active, spec)
    [anchor] = [c for row in wb.active.iter_rows() for c in row if c.value == "项目名称"]
    anchor.value = "部门（单位）名称"
    path = tmp_path / "dept.xlsx"
    wb.save(path)
    result = audit_file(str(path), book)
    [form] = result.subjects
    assert form.name == "某街道办事处" and result.findings == []
    wb.active[form.facts["总分"].location.cell] = 90.01
    wrong = tmp_path / "dept-wrong.xlsx"
    wb.save(wrong)
    assert "SE008" in {f.rule for f in audit_file(str(wrong), book).findings}
