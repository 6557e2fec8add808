"""The configuration file and rule selection: each changes what is reported and the exit
status; command-line flags win; a bad file is one line naming the file and the key."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import main
from auditor.selection import Selection, SelectionError
from forms import consistent_spec, write_form


def workbook(path: Path, *specs) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for i, spec in enumerate(specs):
        write_form(wb.create_sheet(f"表{i + 1}"), spec)
    wb.save(path)
    return path


@pytest.fixture
def warned(tmp_path, monkeypatch):
    """A form whose only findings are SE009 warnings: 5 points moved from 效益 to 产出
    (weights 55/25 instead of 50/30, full marks, 总分 unchanged)."""
    monkeypatch.chdir(tmp_path)
    spec = consistent_spec()
    spec.indicators[3].weight = spec.indicators[3].score = 15
    spec.indicators[4].weight = spec.indicators[4].score = 25
    return workbook(tmp_path / "warned.xlsx", spec)


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def rules_of(*args) -> tuple[int, list[str], str]:
    code, out, err = invoke("run", "--format", "json", *args)
    if code in (0, 1):
        return code, sorted(f["rule"] for f in json.loads(out)["findings"]), err
    return code, [], err


def severities(*args) -> dict[str, str]:
    code, out, _ = invoke("run", "--format", "json", *args)
    return {f["rule"]: f["severity"] for f in json.loads(out)["findings"]}


def test_the_fixture_has_a_warning(warned):
    code, rules, _ = rules_of(warned)
    assert set(rules) == {"SE009"} and code == 0
    assert invoke("run", "--fail-on", "warning", warned)[0] == 1


def test_ignore_and_select_change_findings_and_exit(warned):
    code, rules, _ = rules_of("--fail-on", "warning", "--ignore", "SE009", warned)
    assert "SE009" not in rules and code == 0
    code, rules, _ = rules_of("--fail-on", "warning", "--select", "SE00", "--ignore", "SE009",
                              warned)
    assert rules == [] and code == 0
    code, rules, _ = rules_of("--select", "SE009", warned)
    assert set(rules) == {"SE009"}
    # the more specific code wins: select SE009 beats ignore SE
    code, rules, _ = rules_of("--select", "SE009", "--ignore", "SE", warned)
    assert set(rules) == {"SE009"}


def test_select_keeps_an_error_beside_ignored_warnings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = consistent_spec()
    spec.indicators[3].weight = spec.indicators[3].score = 15
    spec.indicators[4].weight = spec.indicators[4].score = 25
    spec.total_score = Decimal("97.86")
    both = workbook(tmp_path / "both.xlsx", spec)
    code, rules, _ = rules_of(both)
    assert "SE009" in rules and "SE008" in rules and code == 1
    code, rules, _ = rules_of("--select", "SE008", both)
    assert set(rules) == {"SE008"} and code == 1
    code, rules, _ = rules_of("--ignore", "SE008", both)
    assert "SE008" not in rules and "SE009" in rules and code == 0


def test_severity_override_changes_level_and_exit(warned):
    assert severities(warned)["SE009"] == "warning"
    assert severities("--severity", "SE009=error", warned)["SE009"] == "error"
    assert invoke("run", "--severity", "SE009=error", warned)[0] == 1
    assert invoke("run", "--fail-on", "warning", "--severity", "SE009=info", warned)[0] == 0


def test_unknown_code_or_level_is_a_usage_error(warned):
    code, _, err = invoke("run", "--select", "XY9", warned)
    assert code == 2 and "XY9" in err
    code, _, err = invoke("run", "--severity", "SE009=fatal", warned)
    assert code == 2 and "SE009=fatal" in err


def test_config_file_sets_options_and_the_command_line_wins(warned, tmp_path):
    (tmp_path / ".audit-rules.toml").write_text(
        'fail-on = "warning"\nformat = "json"\n[severity]\nSE009 = "error"\n',
        encoding="utf-8")
    code, out, _ = invoke("run", warned)
    assert code == 1
    assert {f["rule"]: f["severity"] for f in json.loads(out)["findings"]}["SE009"] == "error"
    code, out, _ = invoke("run", "--severity", "SE009=info", "--fail-on", "error", warned)
    assert code == 0 and json.loads(out)["findings"]


def test_pyproject_table_found_from_a_subfolder(warned, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.audit-rules]\nignore = ["SE009"]\nfail-on = "warning"\n'
        '[tool.audit-rules.run]\nformat = "json"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    import os

    os.chdir(sub)
    code, out, _ = invoke("run", warned)
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert "SE009" not in rules
    code, out, _ = invoke("--no-config", "run", warned)
    assert "SE009" in out and not out.lstrip().startswith("{")


def test_rule_pack_paths_are_relative_to_the_config_file(warned, tmp_path):
    pack = tmp_path / "packs" / "our.yaml"
    pack.parent.mkdir()
    pack.write_text("pack: our\ndisable: [SE009]\nrules: []\n", encoding="utf-8")
    (tmp_path / ".audit-rules.toml").write_text('rules = ["packs/our.yaml"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    import os

    os.chdir(sub)
    code, rules, err = rules_of(warned)
    assert code in (0, 1), err
    assert "SE009" not in rules


def test_show_config_names_each_source(warned, tmp_path):
    (tmp_path / ".audit-rules.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    code, out, _ = invoke("run", "--show-config", "--lang", "en")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "fail-on" in lines and "warning" in lines["fail-on"]
    assert ".audit-rules.toml" in lines["fail-on"]
    assert "command line" in lines["lang"]
    assert "default" in lines["format"]


@pytest.mark.parametrize("text, words", [
    ("fail-on = \n", ["not valid TOML"]),
    ("colour = \"red\"\n", ["unknown key", "colour"]),
    ("fail-on = \"sometimes\"\n", ["fail-on", "sometimes"]),
    ("jobs = \"many\"\n", ["jobs", "many"]),
    ("[severity]\nSE009 = \"fatal\"\n", ["severity", "fatal"]),
    ("[run]\nannotate-all = true\n", ["run.annotate-all"]),
])
def test_a_bad_config_file_is_one_line_naming_file_and_key(warned, tmp_path, text, words):
    (tmp_path / ".audit-rules.toml").write_text(text, encoding="utf-8")
    code, out, err = invoke("run", warned)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert ".audit-rules.toml" in err
    for word in words:
        assert word in err


def test_selection_precedence():
    selection = Selection.parse(select=["SE", "PR0"], ignore=["SE009", "PR05"])
    assert selection.keeps("SE001") and not selection.keeps("SE009")
    assert selection.keeps("PR010") and not selection.keeps("PR050")
    assert not selection.keeps("FA001")
    assert Selection.parse(severity=["SE=info", "SE009=error"]).severity_of("SE009", "warning") \
        == "error"
    with pytest.raises(SelectionError):
        Selection.parse(severity=["SE009"])


def test_nothing_checked_is_a_warning_not_a_pass(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    junk = tmp_path / "junk.csv"
    junk.write_text("甲,乙\n1,2\n", encoding="utf-8")
    code, out, _ = invoke("run", junk)
    assert code == 0 and "未能核对任何数字" in out and "未发现问题" not in out
    code, out, _ = invoke("run", "--lang", "en", "--fail-on", "warning", junk)
    assert code == 1 and "no figure could be checked" in out
    report = json.loads(invoke("run", "--format", "json", junk)[1])
    assert [f["severity"] for f in report["findings"] if f["rule"] == "AR004"] == ["warning"]


def test_a_checked_file_has_no_nothing_checked_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    clean = workbook(tmp_path / "clean.xlsx", consistent_spec())
    code, out, _ = invoke("run", "--format", "json", clean)
    assert code == 0 and json.loads(out)["findings"] == []
    assert json.loads(out)["files"][0]["checks"] > 0


def test_total_score_off_is_still_found_with_the_weights_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = consistent_spec()
    spec.total_score = Decimal("97.86")
    broken = workbook(tmp_path / "broken.xlsx", spec)
    code, rules, _ = rules_of("--ignore", "SE009", broken)
    assert code == 1 and rules


REGION = """\
pack: region
disable: [SE009]
rules:
  - id: SE002
    replaces: SE002
    applies_to: selfeval_form
    title: 资金得分不超过分值（本地区口径）
    title_en: Funds score within its weight (regional version)
    severity: info
    each: 资金行
    check: 资金得分 <= 资金分值
"""


def test_a_pack_replaces_and_disables_shipped_rules(warned, tmp_path):
    pack = tmp_path / "region.yaml"
    pack.write_text(REGION, encoding="utf-8")
    code, rules, _ = rules_of("--fail-on", "warning", "--rules", pack, warned)
    assert "SE009" not in rules and code == 0
    code, out, _ = invoke("rules", "--format", "json", "--rules", pack)
    records = {(r["id"], r["status"]): r for r in json.loads(out)}
    assert records[("SE009", "disabled")]["changed_by"] == str(pack)
    assert records[("SE002", "replaced")]["replaced_by"] == "SE002"
    assert records[("SE002", "active")]["severity"] == "info"
    assert records[("SE002", "active")]["replaces"] == "SE002"
    code, out, _ = invoke("rules", "--lang", "en", "--rules", pack)
    assert "disabled by" in out and "replaced by SE002" in out


@pytest.mark.parametrize("text, words", [
    ("pack: x\ndisable: [SE999]\nrules: []\n", ["disable SE999", "no such rule"]),
    ("pack: x\ndisable: SE009\nrules: []\n", ["disable must be a list"]),
    ("pack: x\nrules:\n  - {id: X1, replaces: SE777, title: t, severity: info, "
     "applies_to: selfeval_form, check: 总分 <= 100}\n", ["X1", "replaces SE777"]),
])
def test_a_pack_changing_a_rule_that_does_not_exist_is_refused(warned, tmp_path, text, words):
    pack = tmp_path / "bad.yaml"
    pack.write_text(text, encoding="utf-8")
    code, _, err = invoke("run", "--rules", pack, warned)
    assert code == 2 and "Traceback" not in err
    for word in words:
        assert word in err


def test_a_form_noting_its_adjusted_weights_is_not_held_to_the_standard(tmp_path):
    # The same 55/25 form, with a note under it that the weights were adjusted with approval.
    spec = consistent_spec()
    spec.indicators[3].weight = spec.indicators[3].score = 15
    spec.indicators[4].weight = spec.indicators[4].score = 25
    wb = Workbook()
    where = write_form(wb.active, spec)
    wb.active.cell(row=where["bottom"] + 2, column=1,
                   value="注：经财政部门同意，本项目产出指标权重调整为55分、效益指标权重调整为25分。")
    noted = tmp_path / "noted.xlsx"
    wb.save(noted)
    code, rules, _ = rules_of("--fail-on", "warning", noted)
    assert "SE009" not in rules and code == 0
    # A note on something else leaves the standard in force.
    wb.active.cell(row=where["bottom"] + 2, column=1, value="注：本表金额单位为万元，得分保留两位小数。")
    other = tmp_path / "other.xlsx"
    wb.save(other)
    assert "SE009" in rules_of(other)[1]
