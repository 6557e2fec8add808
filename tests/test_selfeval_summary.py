"""A summary of the projects' self-evaluations (项目支出绩效自评结果汇总表) beside the forms."""

from __future__ import annotations

import openpyxl

from forms import consistent_spec, write_form

from auditor.pipeline import audit_file


def _workbook(path, score_a="99.86", rate_b=0.9862, total_budget=146.82, twice=False):
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总表"
    rows = [("2023年度项目支出绩效自评结果汇总表",), (None, None, None, None, "单位：万元"),
            ("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分"),
            (1, "市容巡查项目", 73.41, 72.4, 0.9862, float(score_a)),
            (2, "道路保洁", 73.41, 72.4, rate_b, 99.86),
            (None, "合计", total_budget, 144.8, 0.9862, "—"),
            ("注：得分以各项目自评表为准。",)]
    for row in rows:
        summary.append(list(row))
    for index, name in enumerate(["市容巡查", "道路保洁项目"] + (["道路保洁"] if twice else [])):
        write_form(wb.create_sheet(f"表{index + 1}"), consistent_spec(name))
    wb.save(path)
    return str(path)


def _rules(result):
    return sorted(f.rule for f in result.findings if f.severity == "error")


def test_a_summary_that_agrees_with_its_forms(tmp_path, book):
    result = audit_file(_workbook(tmp_path / "ok.xlsx"), book)
    assert _rules(result) == []
    passed = [e.rule for e in result.evaluations if e.verdict == "pass"]
    # Both rows' scores against their forms (名称 with or without 项目), both rows' rates,
    # and the total.
    assert passed.count("SE025") == 2 and passed.count("SE023") == 2 and "SE024" in passed
    assert not [f for f in result.findings if f.rule == "AR001"]


def test_a_summary_row_that_differs_from_its_form_or_its_own_figures(tmp_path, book):
    result = audit_file(_workbook(tmp_path / "bad.xlsx", score_a="98.86", rate_b=0.9662,
                                  total_budget=156.82), book)
    assert _rules(result) == ["SE023", "SE024", "SE025"]
    score = next(f for f in result.findings if f.rule == "SE025")
    assert (score.reported, score.expected) == ("98.86", "99.86")
    rate = next(f for f in result.findings if f.rule == "SE023")
    assert (rate.reported, rate.expected) == ("96.62%", "98.62%")  # 72.40 ÷ 73.41


def test_a_row_two_forms_could_be_is_compared_with_neither(tmp_path, book):
    result = audit_file(_workbook(tmp_path / "two.xlsx", twice=True), book)
    assert [e.rule for e in result.evaluations if e.verdict == "pass"].count("SE025") == 1
