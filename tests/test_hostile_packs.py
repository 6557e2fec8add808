"""Hostile rule packs are refused at load: one line naming the file (and the rule), in
Chinese and English, within a second, and never a crash, a hang or Python's internals."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from auditor.checks.expr import MAX_DEPTH, compile_formula
from auditor.checks.limits import check_yaml_shape
from auditor.checks.pack import RulePackError, _builtin_texts, load_rulebook, parse_pack
from auditor.cli import main

from hostile_packs import hostile_packs

PACKS = hostile_packs()
INTERNALS = ("Traceback", "<class", "object at 0x", "Error:", "Exception")


def write(tmp_path, content) -> str:
    path = tmp_path / "hostile.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_the_generator_makes_over_fifty_kinds():
    assert len(PACKS) >= 50
    assert len({name for name, _ in PACKS}) == len(PACKS)


@pytest.mark.parametrize("name,content", PACKS, ids=[name for name, _ in PACKS])
def test_hostile_pack_is_refused_in_one_line(tmp_path, name, content):
    path = write(tmp_path, content)
    load_rulebook()  # the shipped packs once, so that the time below is the hostile one's
    # CPU time: the machine may be shared, and the bound is on the work, not the queue.
    started = time.process_time()
    with pytest.raises(RulePackError) as excinfo:
        load_rulebook([path])
    elapsed = time.process_time() - started
    assert elapsed < 1.0, f"{name}: refused after {elapsed:.2f} s"
    for lang in ("zh", "en"):
        text = excinfo.value.text(lang)
        assert text.startswith(path), text
        assert "\n" not in text and len(text) < 400, text
        assert not any(word in text for word in INTERNALS if word not in path), text
    if name.startswith(("formula:", "template:")) and "null byte" not in name:
        assert "rule HX001" in str(excinfo.value)  # a NUL is refused by the YAML reader


@pytest.mark.parametrize("name", ["formula: unary minus ×1000", "template: attribute {reported.__class__}",
                                  "yaml: billion laughs", "field: title a mapping"])
def test_cli_refuses_a_hostile_pack_as_a_usage_error(tmp_path, name):
    content = dict(PACKS)[name]
    path = write(tmp_path, content)
    runner = CliRunner()
    zh = runner.invoke(main, ["rules", "--rules", path])
    en = runner.invoke(main, ["rules", "--rules", path, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 2
    assert zh.exception is None or isinstance(zh.exception, SystemExit)
    assert "规则包无法使用" in zh.output and path in zh.output
    assert "rule pack refused" in en.output and path in en.output


def test_refusal_words_in_both_languages(tmp_path):
    path = write(tmp_path, dict(PACKS)["formula: unary minus ×100"])
    with pytest.raises(RulePackError) as excinfo:
        load_rulebook([path])
    assert excinfo.value.text("zh") == f"{path}: rule HX001: check: 公式嵌套过深（超过 {MAX_DEPTH} 层）"
    assert excinfo.value.text("en") == (f"{path}: rule HX001: check: formula nested too deeply "
                                        f"(more than {MAX_DEPTH} levels)")


@pytest.mark.parametrize("name", ["yaml: 100k nested [", "yaml: 100k nested block sequences",
                                  "formula: unary minus ×100000", "formula: sum of 20000 terms"])
def test_the_process_survives(tmp_path, name):
    """In a process of its own: a C stack overflow would kill it, not raise."""
    path = write(tmp_path, dict(PACKS)[name])
    done = subprocess.run([sys.executable, "-m", "auditor.cli", "rules", "--rules", path],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and path in done.stderr


def test_a_special_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(RulePackError, match="不是普通文件"):
        load_rulebook([str(fifo)])


def test_the_shipped_packs_keep_inside_the_limits():
    """Measured as a stranger's pack would be: the limits leave the shipped ones far inside."""
    for source, text, _ in _builtin_texts():
        check_yaml_shape(text, source)
        rules, _, _ = parse_pack(text, source, shipped=False)
        for rule in rules:
            for formula in (rule.check, rule.when):
                if formula is not None:
                    compile_formula(formula.source)


def test_limits_leave_room_for_real_formulas():
    compile_formula(" + ".join(f"`项目{i}`" for i in range(40)) + " == 合计")
    compile_formula("-" * 50 + "执行率 == 1")
    compile_formula("执行率 == 123456789012345678901234567890")
    compile_formula("金额 <= 1e30 and 金额 >= 1e-30")
