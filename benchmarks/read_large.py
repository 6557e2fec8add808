"""A 1.2M-cell workbook: the tool against a raw python-calamine read, in one run.

Builds (in a temporary folder, never committed) a workbook of 100,000 rows × 12 columns
with shared strings and number formats (`0.00`, `#,##0.00`, `0.00%`, `#,##0`), then
measures, each in a fresh process so peak memory is its own:
- raw: `CalamineWorkbook.from_path` + `to_python()` of every sheet (the yardstick);
- read: `read_document` (limits, zip check, style scan, calamine, cells with shown text);
- run: `audit-rules run --format json` (read, recognise, rules, report), its CPU and peak
  those of the worker process that audits the file too (a run that timed out is marked);
- before (with --before): the openpyxl reader that the calamine one replaced;
and prints CPU seconds, wall seconds and peak RSS with the ratios to the yardstick.
Targets (issue 11): run ≤ 5× raw, peak ≤ 200 MiB.

    python benchmarks/read_large.py [--rows 100000] [--cols 12] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_MEASURE = r"""
import json, resource, sys, time
what, path = sys.argv[1], sys.argv[2]
status = "ok"
cpu, wall = time.process_time(), time.perf_counter()
if what == "raw":
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(path)
    cells = sum(len(r) for n in book.sheet_names for r in book.get_sheet_by_name(n).to_python())
elif what == "read":
    from auditor.readers import read_document
    doc = read_document(path)
    cells = sum(len(r) for g in doc.grids for r in g.rows)
elif what == "before":
    sys.path.insert(0, "tests")
    from xlsx_reference import read
    doc = read(path)
    cells = sum(len(r) for g in doc.grids for r in g.rows)
else:
    from auditor.cli import main
    sys.argv = ["audit-rules", "run", "--format", "json", "-o", path + ".json", path]
    try:
        main()
    except SystemExit:
        pass
    cells = 0
    # Whether the file was audited at all: a run that timed out measures the timeout.
    status = json.load(open(path + ".json"))["files"][0]["status"]
# `run` audits the file in a child process (the isolation of --timeout/--max-memory-mb):
# its CPU and its peak count, not just this process's.
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
                  "wall": time.perf_counter() - wall,
                  "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024,
                  "cells": cells, "status": status}))
"""

_FORMATS = ["0.00", "#,##0.00", "0.00%", "#,##0"]


def build(path: Path, rows: int, cols: int) -> None:
    """A workbook written as XML directly: openpyxl takes a minute for 1.2M cells."""
    rng = random.Random(11)
    names = [f"项目{i:05d}" for i in range(2000)]
    strings = ["项目名称"] + [f"金额{c}" for c in range(1, cols)] + names
    index = {s: i for i, s in enumerate(strings)}
    numfmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{f}"/>'
                      for i, f in enumerate(_FORMATS))
    xfs = '<xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{164 + i}" applyNumberFormat="1"/>'
                                         for i in range(len(_FORMATS)))
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.'
              f'openxmlformats.org/spreadsheetml/2006/main"><numFmts count="{len(_FORMATS)}">'
              f'{numfmts}</numFmts><cellXfs count="{len(_FORMATS) + 1}">{xfs}</cellXfs></styleSheet>')
    letters = [chr(65 + c) for c in range(cols)]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" '
            f'Target="styles.xml"/><Relationship Id="rId3" Type="{rel}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'))
        archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/sharedStrings.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{s}</t></si>" for s in strings)
            + "</sst>"))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                        "<sheetData>".encode())
            header = "".join(f'<c r="{letters[c]}1" t="s"><v>{c}</v></c>' for c in range(cols))
            sheet.write(f'<row r="1">{header}</row>'.encode())
            for r in range(2, rows + 1):
                cells = [f'<c r="A{r}" t="s"><v>{index[names[r % len(names)]]}</v></c>']
                for c in range(1, cols):
                    style = 1 + c % len(_FORMATS)
                    value = rng.randrange(1, 10_000_000) / 100
                    cells.append(f'<c r="{letters[c]}{r}" s="{style}"><v>{value}</v></c>')
                sheet.write(f'<row r="{r}">{"".join(cells)}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")


def measure(what: str, path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _MEASURE, what, str(path)], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cols", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-run", action="store_true", help="measure raw and read only")
    parser.add_argument("--before", action="store_true",
                        help="also the openpyxl reader the calamine one replaced (tests/xlsx_reference.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.xlsx"
        build(path, args.rows, args.cols)
        print(f"workbook: {args.rows * args.cols:,} cells, {path.stat().st_size / 2 ** 20:.1f} MiB")
        kinds = ["raw", "read"] + (["before"] if args.before else []) + \
            ([] if args.skip_run else ["run"])
        best: dict[str, dict] = {}
        for _ in range(args.repeat):  # interleaved, so a busy machine slows all alike
            for kind in kinds:
                result = measure(kind, path)
                if kind not in best or result["cpu"] < best[kind]["cpu"]:
                    best[kind] = result
        raw = best["raw"]
        print(f"{'':6} {'CPU s':>8} {'wall s':>8} {'peak MiB':>9} {'CPU ×raw':>9} {'peak ×raw':>9}")
        for kind in kinds:
            r = best[kind]
            print(f"{kind:6} {r['cpu']:8.2f} {r['wall']:8.2f} {r['peak_mib']:9.0f} "
                  f"{r['cpu'] / raw['cpu']:9.2f} {r['peak_mib'] / raw['peak_mib']:9.2f}"
                  + ("" if r["status"] == "ok" else f"  (file {r['status']})"))
        print("targets: run ≤ 5× raw CPU, peak ≤ 200 MiB")


if __name__ == "__main__":
    main()
