"""The batch runner's speed and memory, as ratios against a yardstick measured in the same run.

    python benchmarks/batch.py                  # 10,000 small 自评表 forms
    python benchmarks/batch.py --files 2000     # a quicker look

Prints, for the same generated files:
- the raw python-calamine read (every sheet to Python values): files/s, the yardstick;
- `audit-rules run` at --jobs 1 and --jobs 2 (each file in a supervised worker under the
  default budgets), and at --jobs 1 with the budgets off (all in one process): files/s and
  the tool's wall and CPU time per file as multiples of the raw read's (CPU against CPU);
- the peak resident memory of the run (the largest of its processes) at 1,000 files and at
  all of them, and their ratio (flat memory: close to 1);
- start-up: `audit-rules --version` and one small form, wall and CPU seconds (median of 5),
  once with the package's bytecode compiled (as `pip install` leaves it) and once with the
  package's own modules compiled from source at each start (an editable install under
  PYTHONDONTWRITEBYTECODE, as in this workplace's shells);
  `--startup-only` measures just these.

Nothing is asserted: the figures are for the closing notes and the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# Runs a command and prints its wall seconds, CPU seconds (its processes together) and the
# peak resident memory of the largest of them (KiB): one process per measurement, so that
# the peaks of different runs never mix.
_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, check=True, env=env).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def make_forms(folder: Path, count: int) -> list[Path]:
    """`count` copies of one generated 自评表 form, each with its own project name (so its
    own bytes): no cache keyed on content, the tool's or the OS's, makes a copy free."""
    import zipfile

    from openpyxl import Workbook

    from forms import consistent_spec, write_form

    name = "示范项目"
    wb = Workbook()
    write_form(wb.active, consistent_spec(name))
    first = folder / "form00000.xlsx"
    wb.save(first)
    with zipfile.ZipFile(first) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    files = [first]
    for i in range(1, count):
        target = folder / f"form{i:05d}.xlsx"
        renamed = f"{name}{i:05d}".encode()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in parts:
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(name.encode(), renamed)
                archive.writestr(info, data)
        files.append(target)
    return files


def raw_read(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds for python-calamine to read every sheet of every file into
    Python values. The CPU seconds are the yardstick of the CPU ratios: on a machine
    shared with other work, wall time says more about the neighbours than about the code."""
    from python_calamine import CalamineWorkbook

    started, cpu = time.perf_counter(), time.process_time()
    for path in files:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
    return time.perf_counter() - started, time.process_time() - cpu


def tool(*args: str) -> list[str]:
    return [sys.executable, "-m", "auditor.cli", *args]


def startup(form: Path) -> list[tuple[str, str]]:
    import auditor

    package = Path(auditor.__file__).parent
    compiled = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    sources = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    commands = {
        "--version": tool("--version"),
        "one small form (budgets on)": tool("run", "--no-progress", str(form)),
        "one small form (budgets off)": tool("run", "--no-progress", "--timeout", "0",
                                             "--max-memory-mb", "0", str(form)),
    }
    rows = []
    for how, env in (("bytecode", compiled), ("from source", sources)):
        if how == "bytecode":
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=compiled,
                           check=True, stdout=subprocess.DEVNULL)
        else:  # the package's own bytecode gone: its modules compiled at every start
            for cache in package.rglob("__pycache__"):
                shutil.rmtree(cache)
        for label, command in commands.items():
            runs = [measure(command, env) for _ in range(5)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rows.append((f"start-up ({how}): {label}, wall s", f"{wall:.3f}"))
            rows.append((f"start-up ({how}): {label}, CPU s", f"{cpu:.3f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000,
                        help="the smaller batch whose peak memory the full one is compared with")
    parser.add_argument("--startup-only", action="store_true", help="measure start-up only")
    options = parser.parse_args()
    count, few = options.files, options.small
    if options.startup_only:
        with tempfile.TemporaryDirectory() as tmp:
            [form] = make_forms(Path(tmp), 1)
            for name, value in startup(form):
                print(f"{name:<54}  {value}")
        return
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "forms"
        folder.mkdir()
        files = make_forms(folder, count)
        small = Path(tmp) / "small"
        small.mkdir()
        for path in files[:few]:
            shutil.copyfile(path, small / path.name)
        out = str(Path(tmp) / "out.json")

        raw, raw_cpu = raw_read(files)
        rows.append(("raw python-calamine read: files/s", f"{count / raw:.0f}"))
        rows.append(("raw python-calamine read: CPU ms per file", f"{raw_cpu / count * 1000:.3f}"))
        runs = {
            "jobs 1 (budgets on)": ["--jobs", "1"],
            "jobs 2 (budgets on)": ["--jobs", "2"],
            "jobs 1 (budgets off, in process)": ["--jobs", "1", "--timeout", "0",
                                                 "--max-memory-mb", "0"],
        }
        peaks = {}
        for label, extra in runs.items():
            wall, cpu, peak = measure(tool("run", "--format", "json", "-o", out,
                                           "--no-progress", *extra, str(folder)))
            per_file = wall / count
            rows.append((f"audit-rules {label}: files/s", f"{count / wall:.0f}"))
            rows.append((f"audit-rules {label}: wall per file ÷ raw read per file",
                         f"{per_file / (raw / count):.1f}×"))
            rows.append((f"audit-rules {label}: CPU per file ÷ raw read per file",
                         f"{cpu / raw_cpu:.1f}×"))
            rows.append((f"audit-rules {label}: CPU ms per file", f"{cpu / count * 1000:.2f}"))
            peaks[label] = peak
            document = json.loads(Path(out).read_text(encoding="utf-8"))
            assert document["summary"]["files"] == count
        for label in ("jobs 1 (budgets on)", "jobs 1 (budgets off, in process)"):
            extra = runs[label]
            _wall, _cpu, peak_small = measure(tool("run", "--format", "json", "-o", out,
                                                   "--no-progress", *extra, str(small)))
            rows.append((f"peak RSS {label}: {few:,} files", f"{peak_small / 1024:.0f} MiB"))
            rows.append((f"peak RSS {label}: {count:,} files", f"{peaks[label] / 1024:.0f} MiB"))
            rows.append((f"peak RSS {label}: ratio {count:,} ÷ {few:,}",
                         f"{peaks[label] / peak_small:.3f}"))
        rows.extend(startup(files[0]))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
