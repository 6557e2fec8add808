"""The pre-commit hook definition that report repositories use."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]


def test_hook_manifest_is_valid_and_runs_the_installed_command():
    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "audit-rules" and hook["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    command, subcommand = hook["entry"].split()
    assert command in scripts and subcommand == "run"
    files = re.compile(hook["files"])
    for name in ("决算/2024.xlsx", "a.XLSX", "b.xls", "c.docx", "d.pdf", "e.xlsm"):
        assert files.search(name), name
    for name in ("README.md", "build.py", "x.xlsx.bak", "notes.txt"):
        assert not files.search(name), name
