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


def _readme_block(after: str) -> str:
    """The first ```yaml block of the README after the words `after`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index(after)) + len("```yaml\n")
    return text[start:text.index("```", start)]


def _git_repo(folder: Path, files: dict[str, Path]) -> None:
    import shutil
    import subprocess

    folder.mkdir()
    for name, source in files.items():
        shutil.copy(source, folder / name)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "."], cwd=folder, check=True)
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "commit",
                    "-qm", "reports"], cwd=folder, check=True)


def _env() -> dict[str, str]:
    import os
    import sys

    env = dict(os.environ)
    # the installed `audit-rules` and `pre-commit` are beside this interpreter
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def test_the_readme_local_hook_works_as_written(tmp_path):
    import shutil
    import subprocess
    import sys

    if shutil.which("git") is None:
        import pytest

        pytest.skip("git is not installed")
    repo = tmp_path / "reports"
    _git_repo(repo, {"自评表.xlsx": ROOT / "samples" / "planted-errors-selfeval.xlsx"})
    (repo / ".pre-commit-config.yaml").write_text(
        _readme_block("a local hook needs no"), encoding="utf-8")
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    done = subprocess.run(command, cwd=repo, env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1 and "Failed" in done.stdout, done.stdout + done.stderr
    assert "SE001" in done.stdout and "错误示例!H7" in done.stdout
    # the same hook passes once the errors are accepted in a baseline
    base = subprocess.run(["audit-rules", "baseline", "-o", "audit-baseline.json", "自评表.xlsx"],
                          cwd=repo, env=_env(), capture_output=True, text=True, timeout=300)
    assert base.returncode == 0, base.stderr
    (repo / ".audit-rules.toml").write_text('baseline = "audit-baseline.json"\n',
                                            encoding="utf-8")
    done = subprocess.run(command, cwd=repo, env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "Passed" in done.stdout, done.stdout + done.stderr


def test_try_repo_runs_the_hook_of_this_repository(tmp_path):
    """What `pre-commit try-repo <audit-rules> audit-rules` does for a report repository:
    installs this checkout into pre-commit's environment (from PyPI: a few minutes the
    first time) and audits the files."""
    import shutil
    import subprocess
    import sys

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of audit-rules")
    repo = tmp_path / "reports"
    _git_repo(repo, {"自评表.xlsx": ROOT / "samples" / "planted-errors-selfeval.xlsx"})
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT),
                           "audit-rules", "--files", "自评表.xlsx"], cwd=repo, env=_env(),
                          capture_output=True, text=True, timeout=1200)
    if done.returncode not in (0, 1) or "Installing environment" in done.stdout \
            and "audit-rules" not in done.stdout:
        pytest.fail(done.stdout[-3000:] + done.stderr[-3000:])
    assert done.returncode == 1 and "SE001" in done.stdout, done.stdout[-3000:]
