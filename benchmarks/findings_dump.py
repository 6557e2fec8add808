"""Every finding and check count of `audit_file` over the samples and ../shared, as JSON.

    python benchmarks/findings_dump.py > before.json
    ... change the engine ...
    python benchmarks/findings_dump.py > after.json && cmp before.json after.json

For changes that must not change results (the formula compiler, caches): the two dumps
must be byte-identical. Timings are left out so that equal results give equal bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FOLDERS = [ROOT / "samples", ROOT.parent / "shared"]


def documents() -> list[str]:
    from auditor.batch import expand

    return expand([str(folder) for folder in FOLDERS if folder.exists()])


def dump(path: str, book) -> dict:
    from auditor.pipeline import audit_file

    result = audit_file(path, book)
    return {
        "path": str(Path(path).relative_to(ROOT.parent)),
        "status": result.status, "error": result.error, "checks": result.checks,
        "evaluations": [list(e) for e in result.evaluations],
        "findings": [{"rule": f.rule, "severity": f.severity, "message": f.message,
                      "location": [f.location.path and Path(f.location.path).name,
                                   f.location.sheet, f.location.cell, f.location.line,
                                   f.location.page],
                      "reported": f.reported, "expected": f.expected, "kind": f.kind,
                      "related": [[r.sheet, r.cell, r.line, r.page] for r in f.related],
                      "context": f.context, "span": list(f.span) if f.span else None}
                     for f in result.findings],
    }


def main() -> None:
    from auditor.checks.pack import load_rulebook

    book = load_rulebook()
    out = [dump(path, book) for path in documents()]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
