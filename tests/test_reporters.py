"""SARIF, JUnit and the options every format shares (--output, --lang), end to end."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from click.testing import CliRunner

from auditor.cli import main
from auditor.model import Evaluation, FileResult
from auditor.report import FORMATS, Report, checked, render
from reporting_inputs import broken_spec, markdown_form, mixed_workbook

SCHEMAS = Path(__file__).parent / "schemas"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def inputs(tmp_path):
    return [mixed_workbook(tmp_path / "mixed.xlsx"), markdown_form(tmp_path / "form.md", broken_spec())]


def sarif(*args):
    code, out = run("run", "--format", "sarif", *args)
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    return code, log


def test_sarif_is_valid_and_holds_every_finding(inputs, tmp_path):
    code, log = sarif("--sarif-root", tmp_path, *inputs, tmp_path / "missing.xlsx")
    assert code == 1
    [run_] = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    se008 = by_id["SE008"]
    assert se008["shortDescription"]["text"] == "总分 = 资金得分 + Σ指标得分"
    assert se008["properties"]["title_en"] == "Total score = funds score + Σ indicator scores"
    # The rule's check as written in its pack (folded onto one line).
    assert se008["properties"]["formula"].startswith("总分 == 资金得分 + sum(指标.得分) or (approx(")
    assert se008["defaultConfiguration"]["level"] == "error"
    assert by_id["AR001"]["defaultConfiguration"]["level"] == "note"
    results = run_["results"]
    assert sorted((r["ruleId"], r["level"]) for r in results) == [
        ("AR001", "note"), ("SE008", "error"), ("SE008", "error"),
        ("SE010", "warning"), ("SE010", "warning")]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    uris = [a["location"]["uri"] for a in run_["artifacts"]]
    cell = next(r for r in results if r["ruleId"] == "SE008"
                and "logicalLocations" in r["locations"][0])
    [logical] = cell["locations"][0]["logicalLocations"]
    assert logical["fullyQualifiedName"] == "表1!H19" and logical["kind"] == "element"
    # relative to --sarif-root, never a file:// URI (code scanning cannot place those)
    assert uris[cell["locations"][0]["physicalLocation"]["artifactLocation"]["index"]] \
        == "mixed.xlsx"
    assert cell["locations"][0]["physicalLocation"]["region"] == {"startLine": 19,
                                                                 "startColumn": 8}
    assert cell["message"]["text"].endswith("（表1!H19）")
    assert cell["properties"]["reported"] == "99.86" and cell["properties"]["expected"] == "97.86"
    line = next(r for r in results if r["ruleId"] == "SE008" and r is not cell)
    assert line["locations"][0]["physicalLocation"]["region"] == {"startLine": 20}
    # The unreadable file is a notification, not a result.
    [note] = run_["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and "missing.xlsx" in note["message"]["text"]


def test_sarif_relative_paths_stay_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mixed_workbook(tmp_path / "预算 表.xlsx")
    _, log = sarif("预算 表.xlsx")
    [artifact] = log["runs"][0]["artifacts"]
    assert artifact["location"]["uri"] == "%E9%A2%84%E7%AE%97%20%E8%A1%A8.xlsx"


def test_sarif_in_english(inputs):
    _, log = sarif("--lang", "en", inputs[0])
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["SE008"]["shortDescription"]["text"].startswith("Total score")
    assert rules["SE008"]["properties"]["title_zh"] == "总分 = 资金得分 + Σ指标得分"
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any(m.startswith("'示范项目': total score reported 99.86") for m in messages)


def junit(*args):
    code, out = run("run", "--format", "junit", *args)
    JUNIT_SCHEMA.validate(out)
    import xml.etree.ElementTree as ET

    return code, ET.fromstring(out)


def test_junit_is_valid_with_a_case_per_rule_and_form(inputs, tmp_path):
    code, root = junit(*inputs, tmp_path / "missing.xlsx")
    assert code == 1
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(p) for p in inputs] + [str(tmp_path / "missing.xlsx")]
    book, text, missing = suites
    names = [c.get("name").split()[0] for c in book.findall("testcase")]
    # Every rule of the 自评表 pack was checked once on the one form, and the
    # unrecognised sheet is a skipped case of its own.
    assert sorted(set(names)) == ["AR001"] + [f"SE{i:03d}" for i in range(1, 16)]
    assert int(book.get("tests")) == len(names)
    [failed] = [c for c in book.findall("testcase") if c.find("failure") is not None]
    assert failed.get("name").startswith("SE008 ") and failed.get("classname") == "示范项目"
    assert "表1!H19" in failed.find("failure").text
    assert book.get("failures") == "1" and book.get("errors") == "0"
    warned = next(c for c in book.findall("testcase") if c.get("name").startswith("SE010"))
    assert warned.find("failure") is None and "问题整改率" in warned.find("system-out").text
    unrecognised = next(c for c in book.findall("testcase") if c.get("name").startswith("AR001"))
    assert unrecognised.find("skipped") is not None and unrecognised.get("classname") == "附注"
    assert text.get("failures") == "1" and "第20行" in text.find("testcase/failure").text
    assert missing.get("errors") == "1" and missing.find("testcase/error") is not None
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))


def test_junit_fails_on_warnings_when_asked(inputs):
    code, root = junit("--fail-on", "warning", inputs[0])
    assert code == 1
    failed = sorted(c.get("name").split()[0] for c in root.iter("testcase")
                    if c.find("failure") is not None)
    assert failed == ["SE008", "SE010"]


def test_junit_strips_characters_xml_cannot_hold(book):
    result = FileResult(path="a\x0bb.xlsx", status="error", error="bad\x01byte")
    out = render(Report([result], book), "junit")
    JUNIT_SCHEMA.validate(out)
    assert "\x0b" not in out and "\x01" not in out


def test_checked_gathers_members_per_rule_and_form():
    result = FileResult(path="x", evaluations=[
        Evaluation("SE001", "甲", "selfeval_form", "pass"),
        Evaluation("SE001", "甲", "selfeval_form", "fail"),
        Evaluation("SE001", "乙", "selfeval_form", "skip"),
        Evaluation("SE002", "甲", "selfeval_form", "pass"),
        Evaluation("SE002", "甲", "selfeval_form", "skip")])
    assert [(c.rule, c.subject, c.verdict) for c in checked(result)] == [
        ("SE001", "甲", "fail"), ("SE001", "乙", "skip"), ("SE002", "甲", "pass")]


def test_engine_records_every_evaluation(inputs, book):
    from auditor.pipeline import audit_file

    result = audit_file(str(inputs[0]), book)
    assert result.checks == sum(e.verdict != "skip" for e in result.evaluations)
    failed = {(e.rule, e.subject) for e in result.evaluations if e.verdict == "fail"}
    assert failed == {("SE008", "示范项目"), ("SE010", "示范项目")}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_writes_to_output_in_either_language(inputs, tmp_path, fmt, lang):
    target = tmp_path / f"out.{fmt}"
    code, out = run("run", "--format", fmt, "--lang", lang, "--output", target, inputs[0])
    assert code == 1 and out == ""
    written = target.read_text(encoding="utf-8")
    if lang == "zh":
        assert "总分报告为 99.86" in written
    else:
        assert "total score reported 99.86" in written and "总分报告为" not in written


def test_output_never_overwrites_an_input(inputs):
    before = Path(inputs[0]).read_bytes()
    code, out = run("run", "--format", "json", "--output", inputs[0], inputs[0])
    assert code == 2 and "refusing to overwrite" in out
    assert Path(inputs[0]).read_bytes() == before


def test_reporters_hold_no_user_facing_words_of_their_own(book):
    """Every ui.* key a reporter asks for exists in both languages."""
    import re

    root = Path(__file__).resolve().parents[1] / "auditor"
    keys = set()
    for path in [*root.glob("report/*.py"), root / "annotate.py", root / "catalogue.py"]:
        keys |= set(re.findall(r"""["'](ui\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    keys = {k for k in keys if not k.endswith(".")}
    missing = sorted(k for k in keys if not (book.messages.get(k, {}).get("zh")
                                             and book.messages.get(k, {}).get("en")))
    assert keys and missing == []


def test_locations_are_worded_in_the_report_language(inputs):
    _, root = junit("--lang", "en", inputs[1])
    failure = root.find("testsuite/testcase/failure").text
    assert "line 20:" in failure and "第20行" not in failure
    _, root = junit(inputs[1])
    assert "第20行" in root.find("testsuite/testcase/failure").text


def test_sarif_pdf_locations_give_page_and_line_as_properties(book):
    from auditor.model import Finding, Location

    finding = Finding("AR001", "info", "第6页表1：未识别", Location("a.pdf", None, None, 13, 6))
    log = json.loads(render(Report([FileResult("a.pdf", findings=[finding])], book), "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [location] = log["runs"][0]["results"][0]["locations"]
    # code scanning needs a region on every result: the line, counted on its page
    assert location["physicalLocation"]["region"] == {"startLine": 13}
    assert location["properties"] == {"page": 6, "line": 13}
