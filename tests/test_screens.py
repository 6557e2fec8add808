"""What people see: the terminal table, safe outputs, and one language at a time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from wcwidth import wcswidth

from auditor.annotate import annotate_workbook
from auditor.cli import main
from auditor.model import FileResult, Finding, Location
from auditor.pipeline import audit_file
from auditor.report import Report, by_severity
from auditor.report.safe import terminal_text
from auditor.report.table import render
from reporting_inputs import mixed_workbook

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "samples" / "planted-errors-selfeval.xlsx"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BIDI = "\u202e\u2066\u200f"


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def display_width(line: str) -> int:
    return wcswidth(ANSI.sub("", line))


@pytest.fixture(scope="module")
def planted(book):
    return audit_file(str(PLANTED), book)


# --- the terminal table ----------------------------------------------------------------

def test_terminal_table_fits_80_columns_and_colours_severities(planted, book, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    report = Report([planted], book, terminal=True)
    text = render(report)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert "\x1b[" in text  # coloured
    assert "\x1b[1;31m错误" in text  # errors in bold red
    plain = ANSI.sub("", text)
    # every finding is there, the message column wrapped rather than cut
    for finding in planted.findings:
        assert finding.rule in plain
    assert "80.42%" in plain


def test_terminal_table_honours_no_color(planted, book, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    text = render(Report([planted], book, terminal=True))
    assert "\x1b[3" not in text and "\x1b[1;3" not in text  # no colour codes


def test_plain_output_fits_an_explicit_width(tmp_path):
    for columns in ("80", "100"):
        code, out, _ = run("run", PLANTED, env={"COLUMNS": columns})
        assert code == 1
        assert "\x1b[" not in out  # not a terminal: no escape codes
        assert max(display_width(line) for line in out.splitlines()) <= int(columns)
        assert "SE001" in out and "SE011" in out


def test_plain_output_without_columns_is_as_before(tmp_path):
    code, out, _ = run("run", PLANTED, env={"COLUMNS": None})
    lines = out.splitlines()
    assert lines[1].split() == ["级别", "规则", "位置", "说明", "报告值", "重算值"]
    assert lines[2].startswith("------")


def test_findings_are_sorted_by_severity_then_position(book):
    def finding(rule, severity, sheet, cell):
        return Finding(rule, severity, "m", Location("x.xlsx", sheet, cell))

    found = [finding("A", "info", "表1", "A1"), finding("B", "error", "表2", "B2"),
             finding("C", "warning", "表1", "C9"), finding("D", "error", "表1", "H10"),
             finding("E", "error", "表1", "H9"), finding("F", "error", "表1", "AA9")]
    assert [f.rule for f in by_severity(found)] == ["E", "F", "D", "B", "C", "A"]
    code, out, _ = run("run", PLANTED)
    severities = [line.split()[0] for line in out.splitlines()[3:]
                  if line[:2] in ("错误", "警告", "提示")]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)


# --- safe outputs ------------------------------------------------------------------------

def test_terminal_text_drops_controls_and_bidi():
    assert terminal_text("金额\u202e001\u202c万元\x1b[2J\x07\u2066x\u2069\u200e") == "金额001万元[2Jx"
    assert terminal_text("一行\n两行\t三") == "一行 两行 三"
    assert terminal_text("\x85\x9b31m") == " 31m"


def test_table_shows_no_bidi_or_control_characters_from_a_document(book, tmp_path):
    name = f"示范{BIDI}项目\x1b[31m"
    result = FileResult(path=str(tmp_path / f"a{BIDI}.xlsx"))
    result.findings = [Finding("SE001", "error", f"“{name}”执行率不符", Location(
        result.path, f"表{BIDI}1", "H7"), reported="1\u202e0", subject=name)]
    for terminal in (False, True):
        text = render(Report([result], book, terminal=terminal))
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\x00-\x09\x0b-\x1a\x1c-\x1f]",
                             ANSI.sub("", text))
        assert "示范项目" in ANSI.sub("", text)


DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
             "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]


def test_annotated_cells_are_never_formulas_and_stay_readable(tmp_path, book):
    workbook = mixed_workbook(tmp_path / "mixed.xlsx")
    result = audit_file(str(workbook), book)
    for index, text in enumerate(DANGEROUS):
        result.findings.append(Finding(f"X{index:03d}", "warning", text,
                                       Location(str(workbook), "表1", "A1"), reported=text,
                                       expected="-5万元", subject=text))
    target = tmp_path / "safe.xlsx"
    annotate_workbook(result, target, Report([result], book))
    marked = load_workbook(target)
    summary = marked["审核结果"]
    cells = [c for row in summary.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    for text in DANGEROUS:
        assert text in values  # the text itself, readable as written
    for cell in cells:
        if cell.value in DANGEROUS:
            assert cell.quotePrefix, cell.coordinate  # Excel keeps it text when edited
        if cell.value == "-5万元":
            assert not cell.quotePrefix  # a signed figure is data, left as it is
    # Nothing in the sheets either: the comments hold text only.
    for ws in marked.worksheets:
        assert not [c.coordinate for row in ws.iter_rows() for c in row
                    if c.data_type == "f" and ws.title == summary.title]


def test_findings_sheet_wraps_and_prints_on_a4_landscape_one_page_wide(tmp_path, book, planted):
    target = tmp_path / "marked.xlsx"
    annotate_workbook(planted, target, Report([planted], book))
    ws = load_workbook(target)["审核结果"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.alignment.wrap_text, cell.coordinate
    assert ws["C2"].hyperlink is not None and ws["C2"].alignment.wrap_text


# (click itself writes UTF-8 to a stream that says ASCII, so only real code pages here.)
@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_a_console_that_lacks_characters_gets_stand_ins(encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "200"}
    env.pop("PYTHONUTF8", None)
    done = subprocess.run([sys.executable, "-m", "auditor.cli", "run", str(PLANTED)],
                          capture_output=True, env=env, timeout=300, cwd=ROOT)
    assert done.returncode == 1, done.stderr.decode(encoding, "replace")[-2000:]
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode(encoding)  # what the console shows, without decoding errors
    assert "SE011" in out and "10^4" in out  # 10⁴ where the console has no superscript
    assert "单位错误" in out and "−" not in out


# --- one language at a time ---------------------------------------------------------------

def _options():
    for name, command in [("main", main), *main.commands.items()]:
        with click.Context(command, info_name=name) as ctx:
            for param in command.get_params(ctx):
                if isinstance(param, click.Option):
                    yield name, param


def test_every_command_and_option_has_help_in_both_languages():
    from auditor.clitext import option_help, text

    missing = []
    for name in ["main", *main.commands]:
        for lang in ("zh", "en"):
            if not text(f"command.{name}", lang):
                missing.append(f"command.{name} ({lang})")
    for name, param in _options():
        for lang in ("zh", "en"):
            if not option_help(name, param, lang):
                missing.append(f"{name} {'/'.join(param.opts)} ({lang})")
    assert missing == [], "add these to rules/messages/cli.yaml: " + ", ".join(missing)


def test_help_follows_the_language():
    _, zh, _ = run("run", "--help")
    assert "用法" in zh and "输出格式" in zh and "显示本帮助并退出" in zh and "Usage" not in zh
    for args, env in ((["run", "--lang", "en", "--help"], None),
                      (["run", "--help", "--lang=en"], None),
                      (["run", "--help"], {"AUDIT_RULES_LANG": "en"})):
        _, en, _ = run(*args, env=env)
        assert "Usage:" in en and "Output format" in en and "Show this message" in en
        assert not re.search("[\u4e00-\u9fff]", en), en
    _, top, _ = run("--help", env={"AUDIT_RULES_LANG": "en"})
    assert "Commands:" in top and not re.search("[\u4e00-\u9fff]", top)
    _, top, _ = run("--help")
    assert "命令" in top and "审核工作簿" in top


def test_usage_errors_follow_the_language(tmp_path):
    cases = [(["run"], "缺少参数", "Missing argument"),
             (["run", "--nope", tmp_path], "没有选项", "No such option"),
             (["run", "--format", "nope", tmp_path], "的值无效", "Invalid value")]
    for args, zh, en in cases:
        code, _, err = run(*args)
        assert code == 2 and zh in err and "错误：" in err and "Error" not in err, err
        code, _, err = run(*args, "--lang", "en")
        assert code == 2 and en in err and not re.search("[\u4e00-\u9fff]", err), err


def test_the_environment_sets_the_output_language_too(tmp_path):
    code, out, _ = run("run", PLANTED, env={"AUDIT_RULES_LANG": "en"})
    assert code == 1 and "errors" in out and "个错误" not in out
    code, out, _ = run("run", "--lang", "zh", PLANTED, env={"AUDIT_RULES_LANG": "en"})
    assert "个错误" in out
    code, out, _ = run("run", PLANTED, env={"AUDIT_RULES_LANG": None})
    assert "个错误" in out  # the choice lasts one run, not the process


def test_every_kind_of_form_or_table_has_a_name_in_both_languages(book):
    kinds = sorted(book.vocabulary.subjects)
    assert "prose_project" in kinds
    missing = [k for k in kinds for lang in ("zh", "en")
               if not book.messages.get(f"kind.{k}", {}).get(lang)]
    assert missing == []
    report = Report([], book, "en")
    assert report.kind_name("prose_project") == "project in a prose passage"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_real_80_column_terminal_the_table_fits_and_is_coloured():
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen([sys.executable, "-m", "auditor.cli", "run", str(PLANTED)],
                               stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=300) == 1
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert "\x1b[1;31m" in text  # errors in red
    assert max(display_width(line) for line in text.splitlines()) <= 80
    assert "SE011" in text


def test_facts_table_shows_no_bidi_or_control_characters(tmp_path):
    workbook = mixed_workbook(tmp_path / "mixed.xlsx", name=f"示范{BIDI}项目\x85")
    code, out, _ = run("facts", workbook)
    assert code == 0 and "示范项目" in out
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\x85]", out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_an_80_column_terminal(lang):
    for command in [[], *([name] for name in main.commands)]:
        code, out, _ = run(*command, "--help", env={"COLUMNS": "80", "AUDIT_RULES_LANG": lang})
        assert code == 0
        widest = max(display_width(line) for line in out.splitlines())
        assert widest <= 80, (command, widest)
