"""`audit-rules facts`: what the rules see, as a table and as data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import main
from forms import consistent_spec, write_form

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def form_workbook(path: Path) -> tuple[Path, dict]:
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    where = write_form(ws, consistent_spec("示范项目"))
    wb.save(path)
    return path, where


def facts_json(*args) -> dict:
    code, out = run("facts", "--format", "json", *args)
    assert code == 0, out
    return json.loads(out)


def test_json_gives_each_fact_with_value_unit_precision_and_cell(tmp_path):
    path, _ = form_workbook(tmp_path / "form.xlsx")
    [item] = facts_json(path)["files"]
    [form] = item["subjects"]
    assert form["kind"] == "selfeval_form" and form["name"] == "示范项目"
    facts = {f["name"]: f for f in form["facts"]}
    budget = facts["全年预算数"]
    assert Decimal(budget["value"]) == Decimal("73.41")
    assert budget["unit"] == "万元" and budget["decimals"] == 2 and budget["type"] == "amount"
    assert budget["location"].startswith("表1!")
    rows = {m["name"]: m for m in form["collections"]["资金行"]}
    assert "年度资金总额" in rows
    assert {f["name"] for f in rows["年度资金总额"]["facts"]} >= {"全年预算数", "全年执行数", "执行率"}
    assert item["unrecognised"] == [] and item["unread"] == []


def test_table_lists_forms_and_members(tmp_path):
    path, _ = form_workbook(tmp_path / "form.xlsx")
    code, out = run("facts", path)
    assert code == 0
    assert "项目支出绩效自评表「示范项目」" in out
    assert "[资金行]" in out and "[指标]" in out
    assert "73.41" in out and "万元" in out


def test_unrecognised_sheets_are_listed(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本表为填报说明"
    wb.save(tmp_path / "notes.xlsx")
    [item] = facts_json(tmp_path / "notes.xlsx")["files"]
    assert item["subjects"] == []
    assert [g["name"] for g in item["unrecognised"]] == ["说明"]
    code, out = run("facts", "--lang", "en", tmp_path / "notes.xlsx")
    assert "Not recognised:" in out and "说明" in out


def test_kind_filter_finds_tables_inside_the_set():
    data = facts_json("--kind", "t7", SAMPLES / "putuo-finance-bureau-2024-final.xlsx")
    kinds = {s["kind"] for s in data["files"][0]["subjects"]}
    assert kinds == {"t7_three_public"}


def test_works_on_every_sample():
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix.lower() not in (".xlsx", ".docx", ".pdf", ".txt", ".csv"):
            continue
        data = facts_json(path)
        assert data["files"][0]["subjects"], path.name


def test_a_file_that_cannot_be_read_is_named_and_exits_2(tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a workbook")
    code, out = run("facts", bad)
    assert code == 2
    assert "broken.xlsx" in out and "Traceback" not in out
