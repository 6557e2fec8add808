"""The sample workbooks end to end: the published forms and the planted errors."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import main
from conftest import SAMPLES


def run_json(*args):
    result = CliRunner().invoke(main, ["run", "--format", "json", *map(str, args)])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("name", ["fengtai-2021-selfeval.xlsx",
                                  "fengtai-2021-selfeval-stacked.xlsx"])
def test_published_forms_transcribed(name):
    code, document = run_json(SAMPLES / name)
    assert code == 0  # no error: the published identities hold within rounding
    assert document["files"][0]["recognised"] == {"selfeval_form": 12}
    findings = document["findings"]
    assert {f["severity"] for f in findings} == {"warning"}
    [slip] = [f for f in findings if f["kind"] == "unit_slip"]
    assert slip["subject"] == "城指中心内部审计专项经费"
    assert (slip["reported"], slip["expected"]) == ("50000万元", "5万元")
    assert slip["cell"] and slip["sheet"]
    assert [f["subject"] for f in findings if f["rule"] == "SE014"] == ["城指中心内部审计专项经费"]


def test_every_planted_error_is_found_where_it_was_planted():
    plan = yaml.safe_load((SAMPLES / "planted-errors.yaml").read_text(encoding="utf-8"))
    code, document = run_json(SAMPLES / plan["workbook"])
    assert code == 1
    findings = document["findings"]
    for error in plan["errors"]:
        cells = {error["cell"], *error.get("related_cells", [])}
        rules = {error["rule"], *error.get("other_rules", [])}
        hits = [f for f in findings if f["sheet"] == error["sheet"] and f["cell"] in cells
                and (f["rule"] in rules or f["kind"] == "unit_slip")]
        assert hits, f"{error['id']} ({error['what']}) not reported"
    clean = [f for f in findings if f["sheet"] in plan["clean"] + plan["empty"] + plan["prose"]]
    assert clean == []
    assert {f["sheet"] for f in findings if f["rule"] == "AR001"} == set(plan["unrecognised"])
    slips = [f for f in findings if f["kind"] == "unit_slip"]
    assert all("10⁴" in f["message"] and "城市道路照明设施维护项目" in f["message"] for f in slips)
    assert len({(f["cell"], f["reported"]) for f in slips}) == len(slips)  # said once per cell
