"""A claim read but not checked is counted and shown, never silently dropped or guessed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from auditor.cli import main
from prose_inputs import write

# 30 is 20% of the 150 budgeted and 25% of the 120 spent: which 部门支出 is the base is a guess.
AMBIGUOUS = ("一、预算情况\n2024年度部门支出预算为150.00万元。\n"
             "二、决算情况\n2024年度部门支出决算为120.00万元。\n"
             "三、其他\n办公费30.00万元，占部门支出的25.00%。\n")
CLEAR = "2024年度部门支出决算为120.00万元。其中办公费30.00万元，占部门支出的20.00%。\n"


def _run(*args: str):
    return CliRunner().invoke(main, ["run", *args])


def test_the_summary_counts_claims_not_checked(tmp_path):
    path = write(tmp_path, AMBIGUOUS, "ambiguous.txt")
    outcome = _run(str(path))
    assert "未核对 1 处（占比的基数不明确 1）" in outcome.output
    assert "PR009" not in outcome.output
    english = _run(str(path), "--lang", "en")
    assert "1 claims not checked (base of a share unclear 1)" in english.output


def test_json_gives_the_counts_by_reason(tmp_path):
    path = write(tmp_path, AMBIGUOUS, "ambiguous.txt")
    data = json.loads(_run(str(path), "--format", "json").output)
    assert data["files"][0]["not_checked"] == {"share_base": 1}


def test_a_clear_claim_is_checked_and_nothing_is_left_over(tmp_path):
    path = write(tmp_path, CLEAR, "clear.txt")
    outcome = _run(str(path), "--format", "json")
    data = json.loads(outcome.output)
    assert data["files"][0]["not_checked"] == {}
    # 30 ÷ 120 = 25.00%, printed 20.00%: checked (as a part's share of its total), and found.
    [finding] = data["findings"]
    assert finding["rule"] == "PR005" and finding["expected"] == "25.00%"


def test_facts_lists_each_claim_not_checked_with_its_place(tmp_path):
    path = write(tmp_path, AMBIGUOUS, "ambiguous.txt")
    outcome = CliRunner().invoke(main, ["facts", str(path)])
    assert "“办公费” 第6行：占比的基数不明确" in outcome.output
    data = json.loads(CliRunner().invoke(main, ["facts", str(path), "--format", "json"]).output)
    assert data["files"][0]["not_checked"] == [
        {"what": "办公费", "reason": "share_base", "location": "第6行"}]
