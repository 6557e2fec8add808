"""Speed of audit-rules: the samples, a batch of many workbooks, and start-up.

    python benchmarks/bench.py              # all measurements
    python benchmarks/bench.py --files 2000 # a larger batch

Prints a table of measurements (medians of --repeat runs). Nothing here is asserted: the
numbers are for the closing notes of issues and for spotting regressions by eye.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_samples(repeat: int) -> list[tuple[str, str]]:
    from auditor.batch import audit_paths, expand
    from auditor.checks.pack import load_rulebook

    book = load_rulebook()
    files = expand([str(ROOT / "samples")])
    results = []

    def run():
        results[:] = list(audit_paths(files, book))

    seconds = median_time(run, repeat)
    checks = sum(r.checks for r in results)
    findings = sum(len(r.findings) for r in results)
    return [("samples: files", str(len(files))), ("samples: checks", str(checks)),
            ("samples: findings", str(findings)), ("samples: seconds (all, in process)",
                                                  f"{seconds:.3f}")]


def bench_batch(count: int, repeat: int) -> list[tuple[str, str]]:
    from openpyxl import Workbook

    from auditor.batch import audit_paths
    from auditor.checks.pack import load_rulebook
    from forms import consistent_spec, write_form

    book = load_rulebook()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        wb = Workbook()
        write_form(wb.active, consistent_spec())
        first = Path(folder) / "form0.xlsx"
        wb.save(first)
        files = [str(first)]
        for i in range(1, count):
            target = Path(folder) / f"form{i}.xlsx"
            shutil.copyfile(first, target)
            files.append(str(target))
        for jobs in (1, 2):
            seconds = median_time(lambda: list(audit_paths(files, book, jobs=jobs)), repeat)
            rows.append((f"batch of {count} one-form workbooks, jobs={jobs}: files/s",
                         f"{count / seconds:.0f}"))
    return rows


def bench_startup(repeat: int) -> list[tuple[str, str]]:
    exe = shutil.which("audit-rules")
    if exe is None:
        return [("start-up", "audit-rules not installed")]
    sample = next((ROOT / "samples").glob("*.xlsx"), None)
    rows = [("start-up: audit-rules --version (s)",
             f"{median_time(lambda: subprocess.run([exe, '--version'], capture_output=True), repeat):.3f}")]
    if sample:
        rows.append((f"one run: audit-rules run {sample.name} (s)",
                     f"{median_time(lambda: subprocess.run([exe, 'run', str(sample)], capture_output=True), repeat):.3f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = bench_samples(args.repeat) + bench_startup(args.repeat) + bench_batch(args.files, args.repeat)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
