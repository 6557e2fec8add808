"""One small 自评表 form, audited over and over in one process: where its time goes.

Writes the consistent form of tests/forms.py to a temporary workbook, then in this one
process and interleaved (so a busy machine slows all alike) measures CPU per file of:
- raw: python-calamine's read of every sheet to Python values (the yardstick);
- read: `read_document`;
- recognise: recognition alone, on a document read once (`recognise` of auditor.recognise);
- audit: `audit_file` (read, recognise, rules);
and prints milliseconds per file and the ratio to the raw read.

    python benchmarks/form_recognition.py [--files 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _cpu_per_file(step, files: int) -> float:
    started = time.process_time()
    for _ in range(files):
        step()
    return (time.process_time() - started) / files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    from auditor import vocabulary
    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import audit_file
    from auditor.readers import read_document
    from auditor.recognise import recognise
    from forms import consistent_spec, write_form

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "form.xlsx")
        wb = Workbook()
        write_form(wb.active, consistent_spec())
        wb.save(path)
        book = load_rulebook()
        document = read_document(path)

        def raw() -> None:
            workbook = CalamineWorkbook.from_path(path)
            for name in workbook.sheet_names:
                workbook.get_sheet_by_name(name).to_python()

        def recognise_only() -> None:
            for grid in document.grids:  # as if read afresh: nothing the last pass found
                getattr(grid, "memo", {}).clear()
            with vocabulary.using(book.vocabulary):
                recognise(document)

        steps = {"raw": raw, "read": lambda: read_document(path),
                 "recognise": recognise_only, "audit": lambda: audit_file(path, book)}
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, step in steps.items():
                step()  # warm: caches as a batch's later files find them
                best[name] = min(best.get(name, float("inf")), _cpu_per_file(step, args.files))
        print(f"{'':10} {'CPU ms/file':>12} {'×raw':>7}")
        for name, seconds in best.items():
            print(f"{name:10} {seconds * 1000:12.3f} {seconds / best['raw']:7.2f}")


if __name__ == "__main__":
    main()
