"""SARIF for GitHub code scanning: rule help, fingerprints, relative URIs and a region on
every result; checked against the SARIF 2.1.0 schema always, and against the SARIF
Multitool's GitHub rules where the Multitool is installed (.ci/run installs it from npm)."""

from __future__ import annotations

import json
import os
import platform
import shutil
import stat
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(
    encoding="utf-8"))
RULES_URL = "https://example.org/audit-rules/blob/main/docs/rules.md"


def sarif(*args) -> dict:
    result = CliRunner().invoke(main, ["run", "--format", "sarif", *[str(a) for a in args]])
    assert result.exit_code in (0, 1), result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


@pytest.fixture(scope="module")
def samples_log():
    return sarif("--rules-url", RULES_URL, "--sarif-root", ROOT, SAMPLES)


def test_every_rule_has_descriptions_help_and_a_help_uri(samples_log):
    rules = samples_log["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) > 50
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == f"{RULES_URL}#{rule['id'].lower()}"
        formula = rule["properties"].get("formula")
        if formula:
            assert " ".join(formula.split()) in rule["help"]["markdown"]
    se001 = next(r for r in rules if r["id"] == "SE001")
    # the example finding of the rule, as the catalogue shows it
    assert "背街小巷环境精细化整治项目" in se001["help"]["text"]
    anchors = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in rules:
        assert f"### {rule['id']}\n" in anchors


def test_every_result_has_a_region_a_fingerprint_and_a_relative_uri(samples_log):
    run = samples_log["runs"][0]
    results = run["results"]
    assert len(results) > 50
    fingerprints = set()
    for result in results:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["region"]["startLine"] >= 1
        uri = physical["artifactLocation"]["uri"]
        assert uri.startswith("samples/") and "://" not in uri
        # unique within a file (code scanning tells files apart by their URI)
        key = (uri, result["partialFingerprints"]["auditRulesFinding/v1"])
        assert key not in fingerprints
        fingerprints.add(key)
        logical = result["locations"][0].get("logicalLocations")
        if logical and logical[0]["kind"] == "element":
            assert logical[0]["fullyQualifiedName"] in result["message"]["text"]
    workbook = next(r for r in results if r["ruleId"] == "SE001"
                    and "planted" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert workbook["locations"][0]["physicalLocation"]["region"] == {"startLine": 7,
                                                                      "startColumn": 8}
    assert "错误示例!H7" in workbook["message"]["text"]
    for artifact in run["artifacts"]:
        assert "://" not in artifact["location"]["uri"]


def test_an_absolute_path_argument_is_relative_to_the_root(tmp_path, monkeypatch):
    folder = tmp_path / "repo" / "reports"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES / "planted-errors-selfeval.xlsx", folder / "自评表.xlsx")
    monkeypatch.chdir(tmp_path / "repo")
    log = sarif(folder / "自评表.xlsx")
    [artifact] = log["runs"][0]["artifacts"]
    assert artifact["location"]["uri"] == "reports/%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx"
    log = sarif("--sarif-root", folder, folder / "自评表.xlsx")
    assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx"


def test_fingerprints_are_those_of_the_baseline(tmp_path):
    from auditor.baseline import fingerprint
    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import audit_file

    path = SAMPLES / "planted-errors-selfeval.xlsx"
    log = sarif(path)
    result = audit_file(str(path), load_rulebook())
    expected = {f"{fingerprint(f)}:1" for f in result.findings}
    got = {r["partialFingerprints"]["auditRulesFinding/v1"] for r in log["runs"][0]["results"]}
    assert got == expected


def test_results_against_a_baseline_are_new(tmp_path):
    base = tmp_path / "b.json"
    planted = SAMPLES / "planted-errors-selfeval.xlsx"
    CliRunner().invoke(main, ["baseline", "-o", str(base), str(SAMPLES / "fengtai-2021-selfeval.xlsx")])
    log = sarif("--baseline", base, planted)
    results = log["runs"][0]["results"]
    assert results and all(r["baselineState"] == "new" for r in results)
    assert log["runs"][0]["properties"]["baseline"]["known"] == 0


def _multitool() -> Path | None:
    given = os.environ.get("SARIF_MULTITOOL")
    if given:
        return Path(given)
    system = {"Linux": "linux", "Darwin": "darwin", "Windows": "win32"}.get(platform.system())
    name = "Sarif.Multitool.exe" if system == "win32" else "Sarif.Multitool"
    for folder in (ROOT / ".ci" / "node", Path.cwd()):
        binary = folder / "node_modules" / "@microsoft" / f"sarif-multitool-{system}" / name
        if binary.is_file():
            return binary
    found = shutil.which("sarif-multitool")
    return Path(found) if found else None


def test_github_rules_of_the_sarif_multitool(samples_log, tmp_path):
    tool = _multitool()
    if tool is None:
        pytest.skip("SARIF Multitool not installed (npm install @microsoft/sarif-multitool)")
    if not os.access(tool, os.X_OK):  # npm may leave out the package's chmod script
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "audit.sarif"
    log.write_text(json.dumps(samples_log, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "validation.sarif"
    # GitHub's rules (Ghas) with the SARIF spec rules; the kinds go as one ';' list.
    done = subprocess.run([str(tool), "validate", "--rule-kind", "Ghas;Sarif", str(log),
                           "--output", str(out), "--log", "ForceOverwrite"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    findings = [r for run in json.loads(out.read_text(encoding="utf-8-sig"))["runs"]
                for r in run.get("results", [])]
    assert findings == [], [(r["ruleId"], r["message"]) for r in findings][:10]
