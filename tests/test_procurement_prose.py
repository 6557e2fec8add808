"""The 政府采购 paragraph of a 决算: amounts won by 中小企业 are parts of the year's procurement."""

import pytest

from auditor.pipeline import audit_file

DOC = """上海市某局2024年度部门决算
一般公共预算财政拨款支出决算表
单位：万元
201 一般公共服务支出 100.00 80.00 20.00
2010601 行政运行 100.00 80.00 20.00
合计 100.00 80.00 20.00
第三部分 上海市某局2024年度部门决算情况说明
十一、其他重要事项的情况说明
（一）机关运行经费支出情况
机关运行经费支出10.00万元。
（二）政府采购支出情况
上海市某局2024年度政府采购金额（以合同签订为准）为{total}万元，其中：货物采购金额{total}万元、工程采购金额0万元、服务采购金额0万元。
2024年度本部门面向中小企业预留政府采购项目预算金额{reserved}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或
成交的，采购金额{reserved}万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{other}万元。{extra}
"""


def _run(tmp_path, book, total="21.07", reserved="21.07", other="0", extra=""):
    path = tmp_path / "final.txt"
    path.write_text(DOC.format(total=total, reserved=reserved, other=other, extra=extra),
                    encoding="utf-8")
    result = audit_file(str(path), book)
    checked = [e for e in result.evaluations if e.rule == "FA312" and e.verdict != "skip"]
    return [f for f in result.findings if f.rule == "FA312"], checked


@pytest.mark.parametrize("total,reserved,other", [
    ("21.07", "21.07", "0"), ("251.25", "246.47", "4.79"),  # 251.26 is 251.25 rounded twice
    ("2319.21", "225.10", "0.00")])
def test_parts_within_the_total(tmp_path, book, total, reserved, other):
    findings, checked = _run(tmp_path, book, total, reserved, other)
    assert findings == [] and len(checked) == 1


@pytest.mark.parametrize("total,reserved,other", [
    ("21.07", "21.07", "21.07"), ("251.25", "246.47", "4.81")])
def test_parts_over_the_total(tmp_path, book, total, reserved, other):
    [finding], _ = _run(tmp_path, book, total, reserved, other)
    assert finding.severity == "error" and total in finding.message


def test_a_part_stated_twice_is_not_checked(tmp_path, book):
    # Two figures for the other projects: which one is meant is a guess.
    extra = "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额30.00万元。"
    findings, checked = _run(tmp_path, book, other="21.07", extra=extra)
    assert findings == [] and checked == []
