"""Writing report prose (and a 项目支出绩效自评表 as Word exports it) for tests."""

from __future__ import annotations

from pathlib import Path

import pytest


def selfeval_export(name: str, budget: str, spent: str, rate: str, score: str, *,
                    initial: str | None = None, funds_score: str = "10",
                    year: int = 2021) -> str:
    """One form in the text Word writes for it: a cell per line, each starting with a tab.

    The form is consistent in itself (execution rate, funds score, weights, total) as far as
    the given figures are; tests of prose-vs-form rules vary the prose, not the form.
    """
    initial = initial if initial is not None else budget
    rest = float(score) - float(funds_score)
    rows = [
        ["项目名称", name],
        ["主管部门", "某区城市管理监督指挥中心", "实施单位", "某区城市管理监督指挥中心"],
        ["项目资金\n（万元）", "", "年初预\n算数", "全年预\n算数", "全年\n执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", initial, budget, spent, "10", rate, funds_score],
        ["", "其中：当年财政\n拨款", initial, budget, spent, "10", rate, funds_score],
        ["", "      上年结转资金", "", "", "", "—", "", "—"],
        ["", "  其他资金", "", "", "", "—", "", "—"],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["", "保障平台安全稳定运行", "完成了平台运维保障工作。"],
        ["绩\n效\n指\n标", "一级指标", "二级指标", "三级指标", "年度\n\n指标值", "实际\n\n完成值",
         "分值", "得分", "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "设备正常运行", "全年运行", "全年运行", "90",
         f"{rest:g}", "加强运维。" if rest < 90 else ""],
        ["总分", "100", score],
    ]
    lines = [f"{year}年度项目支出绩效自评表"]
    for row in rows:
        for cell in row:
            first, *more = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(more)
        lines.append("")
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "report.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def audit(tmp_path, book):
    """Audits a text written to a file: `audit(text, name="report.txt", encoding="utf-8")`."""
    from auditor.pipeline import audit_file

    def run(text: str, name: str = "report.txt", encoding: str = "utf-8"):
        return audit_file(str(write(tmp_path, text, name, encoding)), book)
    return run


def findings(result, rule: str):
    return [f for f in result.findings if f.rule == rule]


def prose_findings(result):
    return [f for f in result.findings if f.rule.startswith("PR")]
