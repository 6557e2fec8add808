"""The batch runner: per-file budgets, a worker killed under a file, exit status, determinism,
streaming, the progress bar, the cache and the data formats."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from auditor.batch import FileAudit, audit_paths, expand
from auditor.cache import ResultCache
from auditor.checks.pack import load_rulebook
from auditor.cli import main
from auditor.isolation import Budget
from auditor.spool import ResultSpool
from forms import consistent_spec, write_form

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def book():
    return load_rulebook()


@pytest.fixture
def good(tmp_path):
    wb = Workbook()
    write_form(wb.active, consistent_spec())
    path = tmp_path / "good.xlsx"
    wb.save(path)
    return path


def slow_text(path: Path, lines: int = 20_000) -> Path:
    """A real prose document large enough to take seconds: every line a claim to check."""
    path.write_text("\n".join(
        f"2021年项目{i}预算{100 + i}万元，支出{90 + i}万元，执行率{(90 + i) / (100 + i) * 100:.2f}%。"
        for i in range(lines)), encoding="utf-8")
    return path


def large_csv(path: Path, rows: int = 60_000) -> Path:
    """A sheet whose cells take some tens of MB once read: over a tiny memory budget."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for i in range(rows):
            writer.writerow([f"项目{i}", i, i * 2, "备注文字" * 3])
    return path


def statuses(document) -> dict[str, tuple[str, str | None]]:
    return {Path(f["path"]).name: (f["status"], f["error"]) for f in document["files"]}


# --- isolation -------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_budget_is_stopped_and_the_run_goes_on(tmp_path, good, jobs):
    slow = slow_text(tmp_path / "slow.txt")
    started = time.monotonic()
    # The good files first: a fresh worker's first file has a few more seconds for imports.
    code, out, _ = run("run", "--format", "json", "--timeout", "0.5", "--jobs", jobs,
                       good, good, slow, good)
    assert time.monotonic() - started < 30
    document = json.loads(out)
    found = statuses(document)
    assert found["slow.txt"] == ("error", "处理超时（超过 0.5 秒，--timeout）")
    assert found["good.xlsx"][0] == "ok"
    assert document["summary"]["unreadable"] == 1
    assert code == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_stopped_inside_a_chunk_leaves_the_rest_of_the_chunk_audited(tmp_path, good, jobs):
    """Workers take several files at a time: the files after a stopped one in its chunk go
    to the worker that replaces it, each audited once, in the order of the inputs."""
    from auditor.isolation import supervise

    slow = slow_text(tmp_path / "slow.txt")
    paths = [str(good)] * 20 + [str(slow)] + [str(good)] * 20
    job = FileAudit(load_rulebook(), "zh")
    budget = Budget(seconds=0.5, memory_mb=0)
    seen = list(supervise(list(enumerate(paths)), jobs, job, job.say, budget))
    assert sorted(index for index, _result, _lost in seen) == list(range(len(paths)))
    by_index = {index: (result, lost) for index, result, lost in seen}
    result, lost = by_index[20]
    assert lost and result.status == "error" and "超时" in result.error
    assert all(by_index[i][0].status == "ok" and not by_index[i][1]
               for i in range(len(paths)) if i != 20)
    assert len(seen) == len(paths)


def test_a_file_over_the_memory_budget_is_stopped_and_the_run_goes_on(tmp_path, good):
    big = large_csv(tmp_path / "big.csv", rows=150_000)
    # 80 MB: above what a fresh worker needs to import a workbook library, well below the
    # big sheet's cells.
    # The reader's own line limit is raised: this is about the memory budget.
    code, out, _ = run("run", "--format", "json", "--lang", "en", "--max-memory-mb", "80",
                       "--max-lines", "1000000", big, good)
    found = statuses(json.loads(out))
    assert found["big.csv"] == ("error", "ran out of memory (limit 80 MB, --max-memory-mb)")
    assert found["good.xlsx"][0] == "ok"
    assert code == 1


def test_the_same_file_within_its_budgets_is_audited(tmp_path):
    slow = slow_text(tmp_path / "slow.txt", lines=200)
    code, out, _ = run("run", "--format", "json", slow)
    assert statuses(json.loads(out))["slow.txt"][0] == "ok"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the worker through /proc")
def test_a_worker_killed_by_a_signal_is_reported_and_replaced(tmp_path, good):
    slow = slow_text(tmp_path / "slow.txt", lines=60_000)
    command = [sys.executable, "-m", "auditor.cli", "run", "--format", "json", "--timeout", "0",
               "--max-lines", "1000000", str(slow), str(good)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = _children(process.pid)
        assert workers, "no worker process started"
        time.sleep(1.0)  # into the slow file
        os.kill(workers[0], signal.SIGKILL)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in err
    found = statuses(json.loads(out))
    assert found["slow.txt"] == ("error", "处理时进程异常退出（SIGKILL）")
    assert found["good.xlsx"][0] == "ok"  # audited by the worker that replaced it
    assert process.returncode == 1


# --- exit status -----------------------------------------------------------------------

def test_a_missing_input_beside_a_good_one_exits_one_with_a_line(tmp_path, good):
    missing = tmp_path / "missing.xlsx"
    code, out, err = run("run", good, missing)
    assert code == 1
    assert "missing.xlsx" in out and "Traceback" not in out + err
    code, out, err = run("run", "--format", "json", "-o", tmp_path / "out.json", good, missing)
    assert code == 1 and f"{missing}：无法读取" in err


def test_a_bug_on_one_file_exits_three_with_one_line_and_verbose_shows_it(
        tmp_path, good, monkeypatch):
    import auditor.pipeline as pipeline

    real = pipeline.audit_file

    def failing(path, book, lang="zh"):
        if path.endswith("bug.xlsx"):
            raise ZeroDivisionError("a bug")
        return real(path, book, lang)

    monkeypatch.setattr(pipeline, "audit_file", failing)
    bug = tmp_path / "bug.xlsx"
    bug.write_bytes(good.read_bytes())
    for budgets in ([], ["--timeout", "0", "--max-memory-mb", "0"]):  # a worker, in-process
        code, out, err = run("run", "--format", "json", *budgets, bug, good)
        assert code == 3
        found = statuses(json.loads(out))
        assert found["bug.xlsx"] == ("error", "内部错误：本工具处理此文件时出错（--verbose 显示详情）")
        assert found["good.xlsx"][0] == "ok"
        assert "Traceback" not in out + err
        code, out, err = run("run", "--verbose", *budgets, bug, good)
        assert code == 3 and "ZeroDivisionError: a bug" in err and "Traceback" in err


def test_verbose_prints_what_lies_behind_an_unreadable_file(tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 broken")
    code, out, err = run("run", "--verbose", corrupt)
    assert code == 1
    assert "corrupt.xlsx" in err and len(err.strip().splitlines()) >= 2


def test_no_supported_file_names_the_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["run", str(empty)])
    assert result.exit_code == 2 and str(empty) in result.output


# --- determinism -----------------------------------------------------------------------

def test_json_is_byte_identical_whatever_jobs_budgets_or_cache(tmp_path, good):
    inputs = [SAMPLES, good, tmp_path / "missing.xlsx"]
    first = run("run", "--format", "json", *inputs)[1]
    assert '"seconds"' not in first
    cache = tmp_path / "cache"
    for options in (["--jobs", "2"], ["--timeout", "0", "--max-memory-mb", "0"],
                    ["--cache", cache], ["--cache", cache, "--jobs", "2"]):
        assert run("run", "--format", "json", *options, *inputs)[1] == first, options
    timed = json.loads(run("run", "--format", "json", "--timings", good)[1])
    assert isinstance(timed["files"][0]["seconds"], float)


def test_results_come_in_the_order_of_the_inputs(book, tmp_path, good):
    slow = slow_text(tmp_path / "slow.txt", lines=3000)
    files = [str(slow)] + [str(good)] * 5 + expand([str(SAMPLES)])
    for jobs in (1, 2, 3):
        assert [r.path for r in audit_paths(files, book, jobs=jobs, budget=Budget())] == files


def test_spool_keeps_results_on_disk_and_counts_them(book, good):
    spool = ResultSpool()
    results = list(audit_paths(expand([str(SAMPLES)]), book))
    for result in results:
        spool.append(result)
    assert len(spool) == len(results)
    assert [r.path for r in spool] == [r.path for r in results]
    assert spool[-1].findings == results[-1].findings
    assert sum(spool.counts.values()) == sum(len(r.findings) for r in results)
    spool.close()


# --- progress --------------------------------------------------------------------------

def test_progress_bar_only_when_asked_or_on_a_terminal(good):
    _, _, err = run("run", "--progress", good, good)
    # files done of all, the rate and the findings so far (the bar is cleared at the end)
    assert "1/2" in err and "file/s" in err and "问题 0" in err
    assert run("run", good)[2] == ""  # not a terminal: silent
    assert run("run", "--no-progress", good)[2] == ""


def test_progress_is_silent_in_ci(monkeypatch):
    from auditor.runflow import show_progress

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert show_progress(None, Terminal()) is True
    monkeypatch.setenv("CI", "true")
    assert show_progress(None, Terminal()) is False
    assert show_progress(True, Terminal()) is True


# --- cache -----------------------------------------------------------------------------

def _key(results):
    return [(r.path, r.status, r.error, r.checks, r.evaluations,
             [(f.rule, f.message, f.location, f.reported, f.expected) for f in r.findings])
            for r in results]


def test_cache_answers_unchanged_files_and_resumes(book, tmp_path, good):
    files = expand([str(SAMPLES)]) + [str(good)]
    folder = tmp_path / "cache"
    fresh = list(audit_paths(files, book))
    cache = ResultCache(folder)
    # An interrupted run: stopped after three files.
    for count, _result in enumerate(audit_paths(files, book, cache=cache), 1):
        if count == 3:
            break
    cache = ResultCache(folder)
    again = list(audit_paths(files, book, cache=cache))
    assert cache.hits >= 3 and cache.misses == len(files) - cache.hits
    cache = ResultCache(folder)
    assert _key(list(audit_paths(files, book, cache=cache))) == _key(fresh) == _key(again)
    assert (cache.hits, cache.misses) == (len(files), 0)


def test_cache_entry_changes_with_the_file_and_the_packs(book, tmp_path, good):
    folder = tmp_path / "cache"
    key = ResultCache(folder).key(str(good))
    assert ResultCache(folder).key(str(good)) == key
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\nrules: []\n", encoding="utf-8")
    assert ResultCache(folder, (str(pack),)).key(str(good)) != key
    assert ResultCache(folder, lang="en").key(str(good)) != key
    wb = Workbook()
    spec = consistent_spec()
    spec.total_score += 1
    write_form(wb.active, spec)
    wb.save(good)
    assert ResultCache(folder).key(str(good)) != key


def test_a_corrupt_cache_entry_is_ignored(book, tmp_path, good):
    folder = tmp_path / "cache"
    first = list(audit_paths([str(good)], book, cache=ResultCache(folder)))
    [entry] = list(folder.rglob("*.pickle"))
    entry.write_bytes(entry.read_bytes()[:20])
    cache = ResultCache(folder)
    assert _key(list(audit_paths([str(good)], book, cache=cache))) == _key(first)
    assert cache.hits == 0
    cache = ResultCache(folder)  # and replaced by a good entry
    list(audit_paths([str(good)], book, cache=cache))
    assert cache.hits == 1


def test_a_timeout_is_not_cached(book, tmp_path, good):
    slow = slow_text(tmp_path / "slow.txt")
    folder = tmp_path / "cache"
    [first, result] = audit_paths([str(good), str(slow)], book, budget=Budget(seconds=0.3),
                                  cache=ResultCache(folder))
    assert first.status == "ok" and result.status == "error"
    assert len(list(folder.rglob("*.pickle"))) == 1


# --- data formats ----------------------------------------------------------------------

def test_csv_and_parquet_read_back_with_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    planted = SAMPLES / "planted-errors-selfeval.xlsx"
    document = json.loads(run("run", "--format", "json", planted)[1])
    run("run", "--format", "csv", "-o", tmp_path / "audit.csv", planted)
    run("run", "--format", "parquet", "-o", tmp_path / "audit.parquet", planted)
    for findings, checks in (
            (pd.read_csv(tmp_path / "audit.csv"), pd.read_csv(tmp_path / "audit.checks.csv")),
            (pd.read_parquet(tmp_path / "audit.parquet"),
             pd.read_parquet(tmp_path / "audit.checks.parquet"))):
        assert len(findings) == len(document["findings"])
        assert list(findings["rule"]) == [f["rule"] for f in document["findings"]]
        se001 = findings[(findings["rule"] == "SE001") & (findings["cell"] == "H7")].iloc[0]
        assert float(se001["reported_value"]) == 85.42 and float(se001["expected_value"]) == 80.42
        assert abs(float(se001["difference"]) - 5.0) < 1e-9 and se001["value_unit"] == "%"
        assert se001["location"] == "错误示例!H7" and se001["document_kind"] == "selfeval_form"
        assert set(checks["verdict"]) <= {"passed", "failed", "not_run"}
        assert (checks["failed"] > 0).sum() == (checks["verdict"] == "failed").sum()
        failed_rules = set(checks.loc[checks["verdict"] == "failed", "rule"])
        assert {"SE001", "SE011"} <= failed_rules
        assert checks["passed"].sum() + checks["failed"].sum() > 0
    parquet = pd.read_parquet(tmp_path / "audit.parquet")
    assert str(parquet["year"].dtype).startswith("Int") or parquet["year"].dtype.kind in "if"


def test_csv_to_standard_output_streams_rows(good, tmp_path):
    planted = SAMPLES / "planted-errors-selfeval.xlsx"
    code, out, _ = run("run", "--format", "csv", planted, good)
    assert code == 1
    rows = list(csv.DictReader(out.splitlines()))
    assert rows and {r["file"] for r in rows} == {str(planted)}


def test_parquet_needs_an_output_file(good):
    code, _, err = run("run", "--format", "parquet", good)
    assert code == 2 and "--output" in err
