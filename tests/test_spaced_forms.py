"""Forms a text extract flattened with single spaces between cells (readers/spacedforms)."""

from auditor.readers.spacedforms import find_forms
from auditor.readers.text import parse_text

FORM = """项目支出绩效自评表
项目名称 某区2022年河道保洁项目
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 80.00 100.00 90.00 10 {rate} 9.00
其中：财政拨款 80.00 100.00 90.00 — — —
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 保洁河道长度 ≥40公里 42公里 30 30
质量指标 水面保洁合格率 ≥95% 93% 20 18 汛期漂浮物增多，下年度增加巡河频次
时效指标 保洁完成时限 2022年12月31日前 2022年12月20日 10 10
效益指标 社会效益指标 群众满意度 ≥90% 92% 30 30
总分 100 {total}
"""


def _rows(text: str) -> list[list[str]]:
    [(grid, _)] = find_forms(text.splitlines(), "x.txt", set()).values()
    return [[c.text for c in row] for row in grid.rows]


def test_a_row_that_lost_its_left_labels_is_placed_under_its_columns():
    rows = _rows(FORM.format(rate="90.00%", total="97.00"))
    assert len({len(r) for r in rows}) == 1
    # 质量指标's row lost 一级指标 (typed once, for the rows below 产出指标).
    assert rows[6][:7] == ["", "质量指标", "水面保洁合格率", "≥95%", "93%", "20", "18"]
    assert rows[6][7].startswith("汛期")
    assert rows[7][1:4] == ["时效指标", "保洁完成时限", "2022年12月31日前"]
    assert rows[-1][4:7] == ["总分", "100", "97.00"]  # the foot: its totals under 分值, 得分


def test_a_spaced_form_is_audited(tmp_path, book):
    from auditor.pipeline import audit_file

    ok, wrong = tmp_path / "ok.txt", tmp_path / "wrong.txt"
    ok.write_text(FORM.format(rate="90.00%", total="97.00"), encoding="utf-8")
    wrong.write_text(FORM.format(rate="95.00%", total="98.00"), encoding="utf-8")
    clean = audit_file(str(ok), book)
    assert not [f for f in clean.findings if f.severity == "error"]
    assert {"SE001", "SE008"} <= {e.rule for e in clean.evaluations if e.verdict == "pass"}
    errors = {f.rule for f in audit_file(str(wrong), book).findings if f.severity == "error"}
    # 90 ÷ 100 = 90.00%, not 95.00%; 9 + 30 + 18 + 10 + 30 = 97, not 98.
    assert {"SE001", "SE008"} <= errors


def test_a_row_that_may_have_lost_a_value_leaves_the_lines_as_text():
    # 质量指标's row holds one value fewer than the columns: which one is blank is a guess.
    text = FORM.format(rate="90.00%", total="97.00").replace("≥95% 93% 20 18", "≥95% 20 18")
    assert find_forms(text.splitlines(), "x.txt", set()) == {}
    assert not parse_text(text, "x.txt").grids


def test_coded_rows_two_halves_and_lined_up_columns_are_no_spaced_form():
    coded = "科目编码 科目名称 合计 基本支出 项目支出\n201 一般公共服务支出 30.00 20.00 10.00\n" \
            "20101 人大事务 30.00 20.00\n"
    halves = "收入 金额 支出 金额\n财政拨款收入 50.00 教育支出 30.00\n上年结转 5.00 卫生支出 25.00\n"
    layout = "项目    预算数    决算数\n合计    4.00      3.05\n公务接待费    4.00    3.05\n"
    for text in (coded, halves, layout):
        assert find_forms(text.splitlines(), "x.txt", set()) == {}


REPORT = """二、项目资金使用情况
截至2022年12月31日，项目实际支出90.00万元，预算执行率为{rate}。
"""


def test_the_unnamed_passage_of_a_one_project_report_is_checked_against_its_form(tmp_path, book):
    from auditor.pipeline import audit_file

    form = FORM.format(rate="90.00%", total="97.00")
    path = tmp_path / "report.txt"
    path.write_text(form + "\n" + REPORT.format(rate="90.00%"), encoding="utf-8")
    result = audit_file(str(path), book)
    assert "PR042" in {e.rule for e in result.evaluations if e.verdict == "pass"}
    path.write_text(form + "\n" + REPORT.format(rate="95.00%"), encoding="utf-8")
    assert "PR042" in {f.rule for f in audit_file(str(path), book).findings}
    # Beside a second form, the same passage is tied to neither by its figures alone.
    second = form.replace("河道保洁", "绿化养护").replace("90.00 10", "95.00 10")
    path.write_text(form + "\n" + second + "\n" + REPORT.format(rate="95.00%"), encoding="utf-8")
    result = audit_file(str(path), book)
    assert "PR042" not in {e.rule for e in result.evaluations if e.verdict in ("pass", "fail")}


def test_a_one_project_reports_score_is_checked_against_its_forms_total(tmp_path, book):
    from auditor.pipeline import audit_file

    form = FORM.format(rate="90.00%", total="97.00")
    path = tmp_path / "score.txt"
    for said, found in (("97.00", False), ("98.00", True)):
        path.write_text(form + f"\n四、自评结论\n经综合评价，该项目绩效自评得分{said}分，评价等级为“优”。\n",
                        encoding="utf-8")
        assert ("PR043" in {f.rule for f in audit_file(str(path), book).findings}) is found
    # A department's score is not its project's.
    path.write_text(form + "\n经综合评价，部门整体支出绩效自评得分98.00分。\n", encoding="utf-8")
    result = audit_file(str(path), book)
    assert "PR043" not in {e.rule for e in result.evaluations if e.verdict in ("pass", "fail")}
