"""Speed of the rule engine: compiled formulas against the tree walker, the cached rule
book against building it, label keys computed against asked for, and start-up.

    python benchmarks/rules_speed.py             # everything, 5 repeats
    python benchmarks/rules_speed.py --repeat 9 --skip-startup

Every figure is a ratio against something measured in the same run, on the same machine
at the same moment (CPU time, best of --repeat), so that a busy machine slows both sides:
- rule evaluation per file (samples/ and ../shared/): the compiled closures against the
  tree walker they replaced (auditor.checks.walk), and against a yardstick, a plain
  Python loop adding up the same documents' reported Decimals once per evaluation;
- loading the rule book: built from the YAML, read back from the cache file, and from
  this process's memo;
- start-up of `audit-rules run <small form>` without and with the cached book, against
  `python -c pass`;
- label normalisation per file: how often it is asked for, how often computed.
Nothing is asserted; the figures are for the closing notes and for spotting regressions.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SMALL_FORM = ROOT / "samples" / "planted-errors-selfeval.xlsx"


def best_cpu(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return min(times)


def evaluation(repeat: int) -> None:
    from findings_dump import documents

    from auditor.checks import engine as engine_module
    from auditor.checks.engine import Engine, RunStats
    from auditor.checks.expr import evaluate
    from auditor.checks.pack import load_rulebook
    from auditor.checks.walk import walk
    from auditor.model import Fact
    from auditor.pipeline import recognise_file
    from auditor.readers import ReadError

    book = load_rulebook()
    print("Rule evaluation per file (CPU ms, best of %d)" % repeat)
    print(f"{'file':48} {'evals':>6} {'walker':>8} {'compiled':>9} {'speed-up':>9} "
          f"{'yardstick':>10} {'compiled/yard':>13}")
    totals = [0.0, 0.0, 0.0]
    for path in documents():
        try:
            recognised = recognise_file(path, book)
        except ReadError:
            continue
        root = recognised.root

        def run(evaluator) -> int:
            engine_module.evaluate = evaluator
            try:
                stats = RunStats()
                Engine(book, "zh", recognised.document.paragraphs).run([root], stats)
                return len(stats.evaluations)
            finally:
                engine_module.evaluate = evaluate

        evaluations = run(evaluate)
        if run(walk) != evaluations:
            raise SystemExit(f"{path}: the walker and the compiled formulas disagree")
        if not evaluations:
            continue
        figures = [fact.quantity.value for subject in root.walk()
                   for fact in subject.facts.values()
                   if isinstance(fact, Fact) and fact.reported] or [Decimal(1)]

        def yardstick() -> None:
            # One pass over the document's figures per evaluation: the least any
            # evaluator that reads every figure must do.
            for _ in range(evaluations):
                total = Decimal(0)
                for value in figures[:8]:
                    total += value

        walker = best_cpu(lambda: run(walk), repeat)
        compiled = best_cpu(lambda: run(evaluate), repeat)
        yard = best_cpu(yardstick, repeat)
        for i, t in enumerate((walker, compiled, yard)):
            totals[i] += t
        name = os.path.relpath(path, ROOT.parent)
        print(f"{name[:48]:48} {evaluations:6} {walker * 1000:8.1f} {compiled * 1000:9.1f} "
              f"{walker / compiled:8.2f}× {yard * 1000:10.2f} {compiled / yard:12.1f}×")
    walker, compiled, yard = totals
    print(f"{'all files':48} {'':6} {walker * 1000:8.1f} {compiled * 1000:9.1f} "
          f"{walker / compiled:8.2f}× {yard * 1000:10.2f} {compiled / yard:12.1f}×")
    print()


def book_loading(repeat: int) -> None:
    from auditor.checks import bookcache
    from auditor.checks.pack import load_rulebook

    with tempfile.TemporaryDirectory() as folder:
        os.environ["AUDIT_RULES_CACHE_DIR"] = "off"

        def build() -> None:
            bookcache._memo.clear()
            load_rulebook()

        built = best_cpu(build, repeat)
        os.environ["AUDIT_RULES_CACHE_DIR"] = folder
        build()  # writes the cache file

        def from_disk() -> None:
            bookcache._memo.clear()
            load_rulebook()

        disk = best_cpu(from_disk, repeat)
        memo = best_cpu(load_rulebook, repeat)
        del os.environ["AUDIT_RULES_CACHE_DIR"]
    print("Loading the rule book (CPU ms, best of %d)" % repeat)
    print(f"  built from the packs  {built * 1000:7.1f}")
    print(f"  read from the cache   {disk * 1000:7.1f}   {built / disk:5.1f}× faster")
    print(f"  from the process memo {memo * 1000:7.1f}   {built / memo:5.1f}× faster")
    print()


def child_cpu(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(repeat: int) -> None:
    run = [sys.executable, "-m", "auditor.cli", "run", str(SMALL_FORM)]
    with tempfile.TemporaryDirectory() as folder:
        cold = {**os.environ, "AUDIT_RULES_CACHE_DIR": "off"}
        warm = {**os.environ, "AUDIT_RULES_CACHE_DIR": folder}
        child_cpu(run, warm)  # fills the cache
        rows = {"python -c pass": [], "run, book built": [], "run, book cached": []}
        for _ in range(repeat):  # interleaved, so that load changes hit all three alike
            rows["python -c pass"].append(child_cpu([sys.executable, "-c", "pass"], cold))
            rows["run, book built"].append(child_cpu(run, cold))
            rows["run, book cached"].append(child_cpu(run, warm))
    base = statistics.median(rows["python -c pass"])
    print(f"Start-up: audit-rules run {SMALL_FORM.name} (CPU ms, median of {repeat})")
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"  {name:18} {median * 1000:7.0f}   {median / base:5.1f}× python -c pass")
    built = statistics.median(rows["run, book built"])
    cached = statistics.median(rows["run, book cached"])
    print(f"  the cached book saves {(built - cached) * 1000:.0f} ms ({built / cached:.2f}×)")
    print()


def label_keys() -> None:
    from findings_dump import documents

    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import recognise_file
    from auditor.readers import ReadError
    from auditor.recognise import labels

    book = load_rulebook()
    asked = computed = files = 0
    for path in documents():
        labels.compact.cache_clear()
        labels.label_key.cache_clear()
        try:
            recognise_file(path, book)
        except ReadError:
            continue
        for function in (labels.compact, labels.label_key):
            info = function.cache_info()
            asked += info.hits + info.misses
            computed += info.misses
        files += 1
    print(f"Label normalisation over {files} files (each file with an empty cache): "
          f"{asked} asked, {computed} computed ({asked / max(computed, 1):.1f}× fewer)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    evaluation(args.repeat)
    book_loading(args.repeat)
    if not args.skip_startup:
        startup(args.repeat)
    label_keys()


if __name__ == "__main__":
    main()
