"""The whole bad-file corpus (tests/badfiles.py) through `audit_file`, counted.

Each file is audited in a worker process under a 4 GB address-space limit and a wall-time
limit, so a blow-up or a hang is counted rather than fatal; a worker that dies or hangs
is replaced. Printed: files, ok, refused, crashes (an exception escaped, or the worker
died), hangs, memory blow-ups, inputs modified, per-file wall time (median, max), the
workers' peak memory, and every distinct refusal message with its count.

    python benchmarks/badfiles.py [--timeout 60] [--keep DIR] [--lang zh|en]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 4 * 1024 ** 3


def worker(lang: str) -> None:
    """Reads paths from stdin, prints one JSON line per file."""
    import re

    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import audit_file

    book = load_rulebook()
    for line in sys.stdin:
        path = line.rstrip("\n")
        started = time.perf_counter()
        try:
            result = audit_file(path, book, lang)
            answer = {"status": result.status, "error": result.error}
        except MemoryError:
            answer = {"status": "memory"}
        except BaseException as exc:  # noqa: BLE001 - what escaped is what is counted
            answer = {"status": "crash", "error": f"{type(exc).__name__}: {exc}"[:300]}
        answer["seconds"] = time.perf_counter() - started
        answer["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        answer["message"] = re.sub(r"\d[\d,.]*", "N", answer.get("error") or "")
        print(json.dumps(answer, ensure_ascii=False), flush=True)


class Worker:
    def __init__(self, lang: str):
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--lang", lang], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
            preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(ROOT)})

    def ask(self, path: str, timeout: float) -> dict | None:
        """The answer, or None when the worker hung (then it is killed)."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            self.process.kill()
            self.process.wait()
            return None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            return {"status": "died", "returncode": self.process.returncode}
        return json.loads(line)

    def alive(self) -> bool:
        return self.process.poll() is None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", help="write the corpus here and keep it")
    parser.add_argument("--only", help="only files whose name contains this")
    args = parser.parse_args()
    if args.worker:
        worker(args.lang)
        return
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from badfiles import write

    folder = Path(args.keep or tempfile.mkdtemp(prefix="badfiles-"))
    made = time.perf_counter()
    files = [p for p in write(folder) if not args.only or args.only in p.name]
    print(f"corpus: {len(files)} files in {folder} ({time.perf_counter() - made:.1f} s to make)")
    hashes = {p: digest(p) for p in files}
    counts: collections.Counter[str] = collections.Counter()
    messages: collections.Counter[str] = collections.Counter()
    problems = []
    times = []
    peak = 0
    current = Worker(args.lang)
    for path in files:
        if not current.alive():
            current = Worker(args.lang)
        answer = current.ask(str(path), args.timeout)
        if answer is None:
            counts["hang"] += 1
            problems.append((path.name, "hang"))
            current = Worker(args.lang)
            continue
        status = answer["status"]
        if status in ("died", "memory"):
            counts["memory" if status == "memory" or answer.get("returncode") in (-9, -6) else "crash"] += 1
            problems.append((path.name, status))
            current = Worker(args.lang)
            continue
        if status == "crash":
            counts["crash"] += 1
            problems.append((path.name, answer["error"]))
            continue
        times.append((answer["seconds"], path.name))
        peak = max(peak, answer["peak_kib"])
        counts[status] += 1
        if status == "error":
            if not answer["error"] or "\n" in answer["error"]:
                counts["bad message"] += 1
                problems.append((path.name, repr(answer["error"])))
            messages[answer["message"]] += 1
    modified = [p.name for p in files if digest(p) != hashes[p]]
    times.sort()
    print(f"ok {counts['ok']}, refused {counts['error']}, crashes {counts['crash']}, "
          f"hangs (> {args.timeout:g} s) {counts['hang']}, memory blow-ups {counts['memory']}, "
          f"bad messages {counts['bad message']}, inputs modified {len(modified)}")
    if times:
        print(f"per-file wall time: median {times[len(times) // 2][0]:.3f} s, "
              f"max {times[-1][0]:.2f} s ({times[-1][1]}); over 5 s: "
              f"{sum(1 for t, _ in times if t > 5)}")
    print(f"peak memory of a worker: {peak / 1024:.0f} MiB (limit {MEMORY // 1024 ** 2} MiB)")
    for name, what in problems:
        print(f"  PROBLEM {name}: {what}")
    print(f"{len(messages)} distinct messages (figures as N):")
    for message, count in messages.most_common():
        print(f"  {count:5d}  {message}")
    if not args.keep:
        for path in files:
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
