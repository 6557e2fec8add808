"""The `audit-rules` command end to end: outputs, exit codes, bad input, rule packs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.cli import main
from forms import consistent_spec, write_form

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "report-v1.json").read_text())


def workbook(path: Path, *specs) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for i, spec in enumerate(specs):
        write_form(wb.create_sheet(f"表{i + 1}"), spec)
    wb.save(path)
    return path


@pytest.fixture
def clean(tmp_path):
    return workbook(tmp_path / "clean.xlsx", consistent_spec())


@pytest.fixture
def broken(tmp_path):
    spec = consistent_spec()
    spec.total_score = Decimal("97.86")
    return workbook(tmp_path / "broken.xlsx", spec)


@pytest.fixture
def warned(tmp_path):
    spec = consistent_spec()
    spec.indicators[1].score = 13
    spec.total_score = Decimal("97.86")
    return workbook(tmp_path / "warned.xlsx", spec)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def report(*args):
    code, out = run("run", "--format", "json", *args)
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    return code, document


def test_clean_file_exits_zero(clean):
    code, out = run("run", clean)
    assert code == 0
    assert "0 个错误" in out


def test_error_exits_one_and_json_shape(broken):
    code, document = report(broken)
    assert code == 1
    [finding] = document["findings"]
    assert finding["rule"] == "SE008"
    assert finding["path"] == str(broken)
    assert finding["sheet"] == "表1" and finding["cell"].startswith("H")
    assert finding["reported"] == "97.86" and finding["expected"] == "99.86"
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0,
                                   "unreadable": 0}
    assert document["files"][0]["status"] == "ok"


def test_fail_on_levels(warned, broken):
    assert run("run", warned)[0] == 0
    assert run("run", "--fail-on", "warning", warned)[0] == 1
    assert run("run", "--fail-on", "never", broken)[0] == 0


def test_table_output_lists_the_recomputation(broken):
    code, out = run("run", broken)
    assert code == 1
    assert "SE008" in out and "97.86" in out and "99.86" in out


def test_english_messages(broken):
    code, out = run("run", "--lang", "en", broken)
    assert "total score reported 97.86" in out
    assert "表1!H" in out and "第" not in out


def test_batch_goes_on_past_bad_files(tmp_path, clean, broken):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"this is not a zip file")
    missing = tmp_path / "missing.xlsx"
    unsupported = tmp_path / "notes.odt2"
    unsupported.write_text("x")
    code, document = report(clean, corrupt, missing, unsupported, broken)
    assert code == 1
    statuses = {Path(f["path"]).name: (f["status"], f["error"]) for f in document["files"]}
    assert statuses["clean.xlsx"][0] == "ok" and statuses["broken.xlsx"][0] == "ok"
    for name in ("corrupt.xlsx", "missing.xlsx", "notes.odt2"):
        status, error = statuses[name]
        assert status == "error" and error and "\n" not in error


def test_unreadable_only_exits_one(tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 broken")
    code, out = run("run", corrupt)
    assert code == 1
    assert "corrupt.xlsx" in out and "Traceback" not in out


def test_folder_is_searched(tmp_path, clean, broken):
    (tmp_path / "~$lock.xlsx").write_bytes(b"")  # an Office lock file is not a workbook
    shutil.copyfile(broken, tmp_path / "broken.annotated.xlsx")  # a marked copy, not an input
    (tmp_path / "README.md").write_text("预算100万元，支出120万元，执行率50%。\n", encoding="utf-8")
    code, document = report(tmp_path)
    assert sorted(Path(f["path"]).name for f in document["files"]) == ["broken.xlsx", "clean.xlsx"]


def test_usage_errors_exit_two(tmp_path):
    assert run("run")[0] == 2
    assert run("run", "--format", "nope", tmp_path)[0] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("run", empty)[0] == 2


def test_input_file_is_not_modified(broken):
    before = broken.read_bytes()
    run("run", broken)
    assert broken.read_bytes() == before


def test_rules_listing_and_user_pack(tmp_path, clean):
    code, out = run("rules")
    assert code == 0 and "SE001" in out and "执行率" in out
    pack = tmp_path / "strict.yaml"
    pack.write_text("pack: strict\napplies_to: selfeval_form\nrules:\n"
                    "  - id: ST001\n    title: 执行率须达到99%\n    title_en: Rate at least 99%\n"
                    "    severity: error\n    check: 执行率 >= 99%\n", encoding="utf-8")
    code, out = run("rules", "--rules", pack)
    assert "ST001" in out
    code, document = report("--rules", pack, clean)
    assert code == 1
    assert [f["rule"] for f in document["findings"]] == ["ST001"]


def test_malformed_user_pack_is_a_usage_error(tmp_path, clean):
    pack = tmp_path / "bad.yaml"
    pack.write_text("rules:\n  - id: BAD001\n    title: t\n    severity: error\n"
                    "    applies_to: selfeval_form\n    check: 执行率 ==\n", encoding="utf-8")
    code, out = run("run", "--rules", pack, clean)
    assert code == 2
    assert "bad.yaml" in out and "BAD001" in out


def test_output_file(tmp_path, broken):
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    code, out = run("run", "--format", "json", "--output", target, broken)
    assert code == 1 and out == ""
    jsonschema.validate(json.loads(target.read_text(encoding="utf-8")), SCHEMA)


def test_installed_command_runs(clean):
    exe = shutil.which("audit-rules") or str(Path(sys.executable).parent / "audit-rules")
    completed = subprocess.run([exe, "run", "--format", "json", str(clean)],
                               capture_output=True, text=True, encoding="utf-8")
    assert completed.returncode == 0, completed.stderr
    jsonschema.validate(json.loads(completed.stdout), SCHEMA)
