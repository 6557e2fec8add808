"""What drawing the findings costs, against auditing them: the yardstick is the audit of
the same files in the same run.

    python benchmarks/screens.py            # the samples
    python benchmarks/screens.py --repeat 9

Prints, for each way of showing the findings (plain table, terminal table by rich, HTML,
annotated workbook), its median time and its ratio to the audit's median. Nothing is
asserted: the ratios are for the closing notes and for spotting regressions by eye.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import median_time  # noqa: E402  (one way of timing for every benchmark)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from auditor.annotate import annotate_workbook
    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import audit_file
    from auditor.report import Report
    from auditor.report import html, table

    book = load_rulebook()
    files = sorted(str(p) for p in (ROOT / "samples").iterdir()
                   if p.suffix in (".xlsx", ".docx"))
    results = []

    def audit():
        results[:] = [audit_file(path, book) for path in files]

    yardstick = median_time(audit, args.repeat)
    report = Report(results, book)
    terminal = Report(results, book, terminal=True)
    os.environ.setdefault("COLUMNS", "100")
    folder = Path(tempfile.mkdtemp())

    def annotate():
        for index, result in enumerate(results):
            if result.path.endswith(".xlsx"):
                annotate_workbook(result, folder / f"{index}.xlsx", report)

    findings = sum(len(r.findings) for r in results)
    print(f"{len(files)} files, {findings} findings; audit (yardstick): {yardstick * 1000:.1f} ms")
    print(f"{'output':<24}{'ms':>10}{'÷ audit':>10}")
    for name, function in (("plain table", lambda: table.render(report)),
                           ("terminal table (rich)", lambda: table.render(terminal)),
                           ("html", lambda: html.render(report)),
                           ("annotated workbooks", annotate)):
        seconds = median_time(function, args.repeat)
        print(f"{name:<24}{seconds * 1000:>10.1f}{seconds / yardstick:>10.3f}")


if __name__ == "__main__":
    main()
