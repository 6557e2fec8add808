"""Cost of auditing a text document at 1×, 10× and 50× its size, in one run.

    python benchmarks/text_scale.py            # 1×, 10×, 50×
    python benchmarks/text_scale.py --sizes 1 10   # a quicker look

How the documents are built (in a temporary folder, never committed): from ten real prose
reports — the .txt files of ../shared/realdocs and ../shared/seeds, then the prose of the
PDFs of ../shared/realdocs* that have no .txt copy, longest prose first, until there are
ten — each read as it is (a PDF's paragraphs one a line):
- 1×: each report on its own, ten documents; its cost is their mean;
- 10×: the ten reports one after another in one document;
- 50×: the ten reports five times over, each round in another order;
in the longer documents each report stands under its own heading (`附件N …`), as in a
compendium a bureau publishes. Every size holds each report equally often, so the work per
character is the same mix at every size, and a super-linear step shows as a rising cost per
character.

Each size is measured in fresh processes, after a warm-up on a two-line document (so that
imports and the rule book's loading are not counted), in CPU seconds of that process:
- run: `audit-rules run --timeout 0 --max-memory-mb 0 --format json` (read → recognise →
  rules → report);
- read and recognise: `read_document`, then the recognisers, on their own.
Prints characters, CPU seconds and ms per 1,000 characters, and cost(N×) ÷ cost(1×): the
target (issue 11) is cost(50×) ≤ 60 × cost(1×), per character at most 1.2× that at 1×.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORTS = 10

_MEASURE = r"""
import json, sys, time
what, path, out = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
limits = ["--max-lines", "1000000", "--max-text-mb", "100"]

def run(paths):
    from auditor.cli import main
    try:
        main(["run", "--timeout", "0", "--max-memory-mb", "0", "--format", "json",
              "-o", out, *limits, *paths])
    except SystemExit:
        pass

def stages(paths):
    from auditor.limits import Limits, configure
    from auditor.checks.pack import load_rulebook
    from auditor.readers import read_document
    from auditor.recognise import recognise
    from auditor.vocabulary import using
    configure(Limits(max_lines=1_000_000, max_text_mb=100))
    book = load_rulebook()
    read = recognition = 0.0
    for path in paths:
        started = time.process_time()
        document = read_document(path)
        read += time.process_time() - started
        started = time.process_time()
        with using(book.vocabulary):
            recognise(document)
        recognition += time.process_time() - started
    return read, recognition

warm = sys.argv[-1] + ".warm.txt"
open(warm, "w", encoding="utf-8").write(
    "2024年度部门决算说明\n本年收入合计100万元，其中财政拨款收入80万元，其他收入20万元。\n")
if what == "run":
    run([warm])
    started = time.process_time()
    run(path)
    print(json.dumps({"run": time.process_time() - started}))
else:
    stages([warm])
    read, recognition = stages(path)
    print(json.dumps({"read": read, "recognise": recognition}))
"""


def prose_of_pdf(path: Path) -> str:
    from auditor.readers import read_document

    return "\n".join(p.text for p in read_document(str(path)).paragraphs)


def reports() -> list[tuple[str, str]]:
    """The ten reports (name, text): every .txt, then the longest PDF prose without one."""
    texts = sorted(SHARED.glob("realdocs*/*.txt")) + sorted(SHARED.glob("seeds/*.txt"))
    found = [(p.stem, p.read_text(encoding="utf-8")) for p in texts]
    copied = {p.stem for p in texts}
    pdfs = [p for p in sorted(SHARED.glob("realdocs*/*.pdf")) if p.stem not in copied
            and not any(p.stem.startswith(stem) for stem in copied)]
    prose = sorted(((p.stem, prose_of_pdf(p)) for p in pdfs), key=lambda r: -len(r[1]))
    found.extend(prose[:max(0, REPORTS - len(found))])
    return found[:REPORTS]


def compendium(parts: list[tuple[str, str]], rounds: int) -> str:
    """The reports one after another, `rounds` times, each round in another order."""
    rng = random.Random(11)
    order = list(parts)
    chapters = []
    for _ in range(rounds):
        for name, text in order:
            chapters.append(f"附件{len(chapters) + 1}  {name}\n\n{text.strip()}\n")
        rng.shuffle(order)
    return "\n".join(chapters)


def measure(what: str, paths: list[Path], folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, what, *map(str, paths),
                          str(folder / "out.json")], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50],
                        help="multiples of one report (1, or multiples of 10)")
    args = parser.parse_args()
    parts = reports()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for size in args.sizes:
            if size == 1:
                paths = []
                for index, (stem, text) in enumerate(parts):
                    path = folder / f"report{index:02d}.txt"
                    path.write_text(text, encoding="utf-8")
                    paths.append(path)
                documents = len(paths)
            else:
                if size % len(parts):
                    parser.error(f"--sizes: {size} is not a multiple of {len(parts)}")
                paths = [folder / f"compendium{size}.txt"]
                paths[0].write_text(compendium(parts, size // len(parts)), encoding="utf-8")
                documents = 1
            chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
            cost = measure("run", paths, folder)["run"]
            stage = measure("stages", paths, folder)
            rows.append((size, documents, chars, cost, stage["read"], stage["recognise"]))
    base = rows[0] if rows[0][0] == 1 else None
    print(f"{len(parts)} reports: " + ", ".join(stem for stem, _ in parts))
    print(f"{'size':>5} {'docs':>4} {'chars':>9} {'run s':>8} {'ms/1k':>7} {'read ms/1k':>10} "
          f"{'recog ms/1k':>11} {'run ÷ 1×':>9} {'recog ÷ 1×':>10}")
    for size, documents, chars, cost, read, recognition in rows:
        per = 1000 / chars
        ratios = ""
        if base is not None:
            # cost(1×) is one report's: the mean of the ten audited on their own.
            one_run, one_recognition = base[3] / base[1], base[5] / base[1]
            ratios = (f"{cost / documents / one_run:9.1f} "
                      f"{recognition / documents / one_recognition:10.1f}")
        print(f"{size:>4}× {documents:>4} {chars:>9,} {cost:8.2f} {cost * per * 1000:7.2f} "
              f"{read * per * 1000:10.2f} {recognition * per * 1000:11.2f} {ratios}")
    if base is not None and rows[-1][0] > 1:
        size = rows[-1][0]
        print(f"cost({size}×) ÷ cost(1×) = {rows[-1][3] / (base[3] / base[1]):.1f} "
              f"(linear: {size}; target for 50×: ≤ 60)")


if __name__ == "__main__":
    main()
