"""自评表 laid out short: a funds block of one unlabelled row, or no funds block at all."""

from auditor.pipeline import audit_file


def _workbook(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return str(path)


def _one_row_funds(score: float) -> list[tuple]:
    return [("某单位2022年度项目支出绩效自评表",),
            ("项目名称", "区域监测与评价", None, None, "项目负责人", "陈某"),
            ("资金情况\n（万元）", "预算数", "执行数", "执行率", "权重", "自评得分"),
            (None, 118, 112.64, 0.9546, 10, 9.55),
            ("指标类型", "指标名称", "指标值", "完成值", "权重", "自评得分", "扣分说明"),
            ("产出", "监测报告编制数量", "≥1份", "1份", 40, 40),
            ("产出", "报告提交时间", "10月底前", "10月26日", 10, score),
            ("效益", "监测结果被采纳数", "≥3项", "4项", 30, 30),
            ("满意度", "使用部门满意度", "≥90%", "95%", 10, 10),
            ("合计", None, None, None, 100, 89.55 + score)]


def test_a_funds_block_of_one_unlabelled_row_is_its_total(tmp_path, book):
    result = audit_file(_workbook(tmp_path / "ok.xlsx", _one_row_funds(10)), book)
    passed = {e.rule for e in result.evaluations if e.verdict == "pass"}
    assert {"SE001", "SE004", "SE008"} <= passed  # 112.64 ÷ 118 = 95.46%; 9.55 + 90 = 99.55
    assert not [f for f in result.findings if f.severity == "error"]
    wrong = audit_file(_workbook(tmp_path / "wrong.xlsx", _one_row_funds(11)), book)
    [finding] = [f for f in wrong.findings if f.severity == "error"]
    assert (finding.rule, finding.reported) == ("SE004", "11")  # above its weight 10


def _no_funds(total: float, with_total_row: bool = True) -> list[tuple]:
    rows = [("2019年度项目支出绩效自评表",),
            ("项目名称：科技成果转化信息服务", None, None, None, None, None, "填报单位：某所"),
            ("一级指标", "分值", "二级指标", "三级指标", "评分标准", "目标值", "实际值", "得分"),
            ("预算执行", 20, "资金使用", "预算执行率", "执行率×分值", "100%", "96.80%", 19.36),
            ("产出", 50, "数量", "发布信息条数", "达标得满分", "≥2000条", "2316条", 30),
            (None, None, "质量", "审核合格率", "达标得满分", "≥98%", "99.10%", 20),
            ("效益", 20, "社会效益", "促成技术合同数", "每少1项扣0.5分", "≥50项", "47项", 18.5),
            ("满意度", 10, "服务对象满意度", "企业满意度", "达标得满分", "≥85%", "91.40%", 10)]
    if with_total_row:
        rows.append(("合计", 100, None, None, None, None, None, total))
    return rows


def test_a_form_without_a_funds_block_has_its_scores_checked(tmp_path, book):
    ok = audit_file(_workbook(tmp_path / "ok.xlsx", _no_funds(97.86)), book)
    assert "SE008" in {e.rule for e in ok.evaluations if e.verdict == "pass"}
    assert not [f for f in ok.findings if f.severity == "error"]
    [finding] = [f for f in audit_file(_workbook(tmp_path / "bad.xlsx", _no_funds(95.86)), book).findings
                 if f.severity == "error"]
    assert (finding.rule, finding.reported, finding.expected) == ("SE008", "95.86", "97.86")
    # The 分值 beside the 一级指标 is the dimension's (50 over two indicators): no
    # indicator is held to it, none is read as its weight.
    [form] = ok.subjects
    assert not any(m.facts["分值"].reported for m in form.collections["指标"] if "分值" in m.facts)


def test_an_indicator_table_without_a_total_row_is_no_form(tmp_path, book):
    result = audit_file(_workbook(tmp_path / "cut.xlsx", _no_funds(0, with_total_row=False)), book)
    assert not result.subjects and not [f for f in result.findings if f.severity == "error"]


def _overall_form(path, project_spent: str, rate: str) -> str:
    """A 部门整体 form whose funds are broken down into 基本支出 and 项目支出."""
    path.write_text(
        "2023年度部门整体绩效自评表\n部门（单位）名称,某街道办事处,,,,,,\n"
        "年度预算执行情况（万元）,年初预算数,全年预算数,全年执行数,分值,执行率,得分,\n"
        f"年度资金总额,\"4,520.00\",\"4,986.30\",\"4,812.64\",10,96.52%,9.65,\n"
        "其中：基本支出,\"2,150.00\",\"2,186.20\",\"2,164.08\",—,98.99%,—,\n"
        f"　　　项目支出,\"2,370.00\",\"2,800.10\",\"{project_spent}\",—,{rate},—,\n"
        "一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,得分,偏差原因分析及改进措施\n"
        "产出指标,数量指标,整治小区数,50,≥6个,6个,50,\n效益指标,社会效益指标,群众安全感,30,≥95%,96.3%,30,\n"
        "满意度指标,服务对象满意度指标,居民满意度,10,≥90%,92.6%,10,\n总分,,,100,,,99.65,\n",
        encoding="utf-8")
    return str(path)


def test_an_overall_forms_funds_by_what_they_were_spent_on(tmp_path, book):
    ok = audit_file(_overall_form(tmp_path / "ok.csv", "2,648.56", "94.59%"), book)
    assert [e.verdict for e in ok.evaluations if e.rule == "SE020"] == ["pass"] * 3
    assert not [f for f in ok.findings if f.severity == "error"]
    rate = audit_file(_overall_form(tmp_path / "rate.csv", "2,648.56", "84.59%"), book)
    assert [(f.rule, f.reported) for f in rate.findings if f.severity == "error"] == [("SE001", "84.59%")]
    parts = audit_file(_overall_form(tmp_path / "parts.csv", "2,638.56", "94.23%"), book)
    [finding] = [f for f in parts.findings if f.severity == "error"]
    assert (finding.rule, finding.reported, finding.expected) == ("SE020", "4812.64万元", "4802.64万元")


def test_a_funds_block_in_a_layout_not_read_gives_no_zero_funds_score(tmp_path, book):
    # 项目资金 over rows of 年初预算数 / 全年预算数 / 全年执行数 with the sources across, the
    # block's 分值 | 执行率 | 得分 beside the first row: read, its funds score is 9.67, and
    # 9.67 + 50 + 30 + 8 = 97.67 (no funds score of zero taken for a block not read).
    rows = [("2021年度项目支出绩效自评表",), ("项目名称", "某储备项目"),
            ("项目资金", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "分值", "执行率", "得分"),
            ("年初预算数", 3000000, 2600000, 300000, 10, 0.9666, 9.67),
            ("全年预算数（A）", 3400000, 3000000, 400000),
            ("全年执行数（B）", 3286470, 2986470, 300000),
            ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "自评得分"),
            ("产出指标", "数量指标", "储备防护服", "≥20000套", "21500套", 50, 50),
            ("效益指标", "社会效益", "保障到位率", "100%", "100%", 30, 30),
            ("满意度指标", "满意度", "使用单位满意度", "≥90%", "95%", 10, 8),
            ("总分", None, None, None, None, 100, 97.67)]
    result = audit_file(_workbook(tmp_path / "turned.xlsx", rows), book)
    assert not [f for f in result.findings if f.rule in ("SE006", "SE008", "SE009")]
    assert "SE008" in {e.rule for e in result.evaluations if e.verdict == "pass"}


def _transposed_with_scores(first_total: float) -> list[tuple]:
    """Sources across, 年初预算数 … down, and the block's 分值 | 执行率 | 得分 in the header
    row after the sources (one figure each, beside the first row); 单位：元 above."""
    return [("2023年度项目支出绩效自评表",),
            ("项目名称", "农村饮水工程维护"),
            ("主管部门", "某县水利局", None, None, "实施单位", "某县水利局"),
            (None, None, None, None, None, None, None, "金额单位：元"),
            ("项目资金", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金",
             "分值", "执行率", "得分"),
            ("年初预算数", first_total, 1_500_000, 200_000, None, 10, 0.95, 9.5),
            ("全年预算数", 2_000_000, 1_800_000, 200_000),
            ("全年执行数", 1_900_000, 1_720_000, 180_000),
            ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
            ("产出指标", "数量指标", "维护供水站点", "≥40处", "42处", 50, 50),
            ("效益指标", "社会效益指标", "农村供水保证率", "≥95%", "96%", 30, 30),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
            ("总分", None, None, None, None, 100, 99.5)]


def test_a_transposed_block_with_its_own_score_columns_is_read_in_its_unit(tmp_path, book):
    ok = audit_file(_workbook(tmp_path / "ok.xlsx", _transposed_with_scores(1_700_000)), book)
    passed = {e.rule for e in ok.evaluations if e.verdict == "pass"}
    assert {"SE001", "SE003", "SE008"} <= passed  # 1,900,000 ÷ 2,000,000 = 95%; 9.5 + 90
    assert not ok.findings
    bad = audit_file(_workbook(tmp_path / "bad.xlsx", _transposed_with_scores(1_800_000)), book)
    [finding] = bad.findings
    # 1,500,000 + 200,000 = 1,700,000 元; in 元, as the line above the block says.
    assert (finding.rule, finding.reported, finding.expected) == ("SE003", "1800000元", "1700000元")
