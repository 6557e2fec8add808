"""The real reports in ../shared/seeds as they are, end to end."""

from __future__ import annotations

import json

from click.testing import CliRunner

from auditor.cli import main
from conftest import shared_path


def run_json(path):
    result = CliRunner().invoke(main, ["run", "--format", "json", str(path)])
    return result.exit_code, json.loads(result.output)


def test_twelve_forms_in_the_2021_report():
    code, document = run_json(shared_path("seeds", "003_701c19d1405d5246.txt"))
    [file] = document["files"]
    assert file["recognised"]["selfeval_form"] == 12
    findings = document["findings"]
    # The published forms add up: no identity of a form fails once rounding is allowed for
    # (the prose around them is checked in test_prose_documents.py).
    assert [f for f in findings if f["severity"] == "error" and f["rule"].startswith("SE")] == []
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    # The 50000 typed into the 万元 block is reported once, by whichever rule reads it first:
    # SE015 (out of scale with the other forms) or PR040 (5万元 in the report's prose).
    slips = [f for f in findings if f["kind"] == "unit_slip" and f["reported"] == "50000万元"
             and f["rule"] in ("SE015", "PR040")]
    slip = slips[0]
    assert {f["line"] for f in slips} == {slip["line"]}
    assert slip["subject"] in ("城指中心内部审计专项经费", "内部审计专项经费")
    assert slip["reported"] == "50000万元" and slip["expected"] == "5万元"
    assert slip["line"] is not None
    [year] = by_rule["SE014"]
    assert year["subject"] == "城指中心内部审计专项经费" and year["reported"] == "2020"
    assert code == 1  # the prose has real errors
