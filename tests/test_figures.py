"""Every recomputation names the reported figures it used, each with its place.

A reader checks a finding by finding its figures again: a finding that says "71.73% should
be 71.65%" is only quick to verify when it also says where 2106.66 and 2940.05 were read.
"""

from __future__ import annotations

import json

import pytest

from auditor.pipeline import audit_file
from conftest import SAMPLES, shared_path

RECOMPUTED = ("mismatch", "unit_slip")


def _recomputations(result):
    return [f for f in result.findings if f.kind in RECOMPUTED and f.severity != "info"
            and f.expected]


@pytest.mark.parametrize("name", ["planted-errors-selfeval.xlsx",
                                  "putuo-finance-bureau-2024-final-planted.xlsx",
                                  "fengtai-2021-final-accounts-report.docx",
                                  "chenggong-2019-project-report.pdf"])
def test_every_recomputation_names_its_figures(book, name):
    result = audit_file(str(SAMPLES / name), book)
    findings = _recomputations(result)
    assert findings, "the planted samples have recomputed findings"
    for finding in findings:
        assert finding.figures, f"{finding.rule} at {finding.location} names no figure"
        for figure in finding.figures:
            where = figure.location
            assert where.cell or where.line, f"{finding.rule}: {figure} has no cell or line"
            assert figure.shown and figure.shown[0] in "-−0123456789."


def test_a_sum_names_every_part(book):
    result = audit_file(str(SAMPLES / "planted-errors-selfeval.xlsx"), book)
    # 资金分值 10 and the indicators' 分值 sum to 105, not 100: each 分值 cell is named.
    sums = [f for f in result.findings if f.rule == "SE006"]
    assert sums
    for finding in sums:
        assert len(finding.figures) >= 3
        assert len({figure.location.cell for figure in finding.figures}) == len(finding.figures)


def test_a_prose_share_names_part_and_total(book):
    path = shared_path("realdocs", "putuo-finance-bureau-2024-final.pdf")
    result = audit_file(str(path), book)
    share = next(f for f in result.findings if f.rule == "PR005")
    shown = [figure.shown for figure in share.figures]
    # 2106.66 ÷ 2940.05 = 71.65%, printed 71.73%: all three figures, each on its page and line.
    assert shown == ["71.73%", "2106.66万元", "2940.05万元"]
    assert all(figure.location.page == 21 and figure.location.line for figure in share.figures)


def test_json_carries_the_figures(book, tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    outcome = CliRunner().invoke(main, ["run", str(SAMPLES / "planted-errors-selfeval.xlsx"),
                                        "--format", "json"])
    data = json.loads(outcome.output)
    with_figures = [f for f in data["findings"] if f["figures"]]
    assert with_figures
    figure = with_figures[0]["figures"][0]
    assert set(figure) == {"label", "shown", "sheet", "cell", "line", "page"}
    assert figure["cell"]
