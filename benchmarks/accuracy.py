"""Accuracy on hand-labelled real documents: precision and recall, development and held-out sets.

    python benchmarks/accuracy.py               # both sets, a line per document
    python benchmarks/accuracy.py --split holdout
    python benchmarks/accuracy.py --show false  # list the false and unjudged findings

The labels are data in `tests/labels/*.yaml`, one entry per document:

    documents:
      - path: realdocs/putuo-finance-bureau-2024-final.pdf   # under shared/ (or samples/…)
        split: dev                 # dev: developed on | holdout: measured before looking
        tables: 9                  # optional: tables present, for the recognition count
        inconsistencies:           # every real inconsistency found by hand
          - id: fb24-total
            where: 第21页 第14行
            what: 情况说明“财政拨款收入支出总计0.3万元”，表中为 2961.68万元
        synthetic: true            # optional: written by an independent author with
                                   # planted errors (reported apart from real documents)
        clean: true                # optional: checked by hand, nothing found; any error
                                   # or warning finding on it is false
        verdicts:                  # the verdict on each finding the tool gave
          - rule: FA301
            where: 第21页 第14行     # the finding's location as the table report words it
            reported: 0.3万元       # optional, tells two findings at one place apart
            # says: “绩效”          # optional: words of its message, where rule, place and
                                   # figure are the same for two findings
            verdict: true          # true | false
            finds: fb24-total      # optional: the inconsistency this finding reports
            note: 0.3 ≠ 2961.68 (T4 总计)
            # open: true           # on a false verdict: not fixed yet (tests tolerate it)

Precision counts the error and warning findings that carry a verdict (info findings are
notes for the reader, not claims of an inconsistency); findings without a verdict are
counted as unjudged and shown, so that a label file that falls behind the tool is visible.
Recall is the share of labelled inconsistencies that a true finding `finds`; an
inconsistency marked `sure: false` (the labeller could not be certain) is left out of it.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "labels"


def shared_root() -> Path:
    given = os.environ.get("AUDIT_RULES_SHARED")
    if given:
        return Path(given)
    beside = ROOT.parent / "shared"
    return beside if (beside / "seeds").is_dir() else ROOT / "tests" / "shared"


def resolve(path: str) -> Path | None:
    for base in (shared_root(), ROOT):
        candidate = base / path
        if candidate.exists():
            return candidate
    return None


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    unjudged: int = 0
    found: int = 0  # labelled inconsistencies a true finding reports
    inconsistencies: int = 0
    by_severity: dict[str, list[int]] = field(default_factory=dict)  # severity → [true, false]

    def add(self, other: Tally) -> None:
        self.true += other.true
        self.false += other.false
        self.unjudged += other.unjudged
        self.found += other.found
        self.inconsistencies += other.inconsistencies
        for severity, (t, f) in other.by_severity.items():
            mine = self.by_severity.setdefault(severity, [0, 0])
            mine[0] += t
            mine[1] += f

    @property
    def precision(self) -> str:
        judged = self.true + self.false
        return f"{self.true / judged:.0%}" if judged else "—"

    @property
    def recall(self) -> str:
        return f"{self.found / self.inconsistencies:.0%}" if self.inconsistencies else "—"


def load_labels() -> list[dict]:
    import yaml

    documents = []
    for file in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for entry in data.get("documents") or []:
            entry["_source"] = file.name
            documents.append(entry)
    return documents


def where_of(finding, report) -> str:
    return report.where(finding.location)


def matches(verdict: dict, finding, where: str) -> bool:
    """Whether a labelled verdict is about this finding: its rule, place and figure, and the
    words its message must hold (`says`) where findings of one rule share a place."""
    return (verdict.get("rule") == finding.rule and str(verdict.get("where", "")) == where
            and ("reported" not in verdict or str(verdict["reported"]) == (finding.reported or ""))
            and str(verdict.get("says", "")) in (finding.message or ""))


def judged(entry: dict, result, report) -> list[tuple[object, dict | None]]:
    """Each error and warning finding with the verdict labelled for it (None: unjudged)."""
    verdicts = list(entry.get("verdicts") or [])
    pairs = []
    for finding in result.findings:
        if finding.severity == "info":
            continue
        where = where_of(finding, report)
        match = next((v for v in verdicts if matches(v, finding, where)), None)
        if match is not None:
            verdicts.remove(match)
        pairs.append((finding, match))
    return pairs


def judge(entry: dict, result, report, show: set[str]) -> Tally:
    sure = [i for i in entry.get("inconsistencies") or [] if i.get("sure", True) is not False]
    tally = Tally(inconsistencies=len(sure))
    found: set[str] = set()
    for finding, match in judged(entry, result, report):
        where = where_of(finding, report)
        counts = tally.by_severity.setdefault(finding.severity, [0, 0])
        if match is None and entry.get("clean"):
            match = {"verdict": False, "note": "the document is labelled clean"}
        if match is None:
            tally.unjudged += 1
            if "unjudged" in show:
                print(f"    ? {finding.rule} {where} {finding.reported or ''}: {finding.message}")
            continue
        if match.get("verdict") is True:
            tally.true += 1
            counts[0] += 1
            if match.get("finds"):
                found.add(str(match["finds"]))
        else:
            tally.false += 1
            counts[1] += 1
            if "false" in show:
                print(f"    ✗ {finding.rule} {where}: {finding.message}  ({match.get('note', '')})")
    known = {str(i.get("id")) for i in sure}
    tally.found = len(found & known)
    if "missed" in show:
        for item in sure:
            if str(item.get("id")) not in found:
                print(f"    – missed {item.get('id')} {item.get('where', '')}: {item.get('what', '')}")
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--show", action="append", default=[],
                        choices=["false", "unjudged", "missed"],
                        help="list findings judged false, findings without a verdict, or "
                             "inconsistencies no finding reports")
    args = parser.parse_args()

    from auditor.checks.pack import load_rulebook
    from auditor.pipeline import audit_file
    from auditor.report import Report

    book = load_rulebook()
    documents = load_labels()
    if not documents:
        print(f"no labels in {LABELS}")
        return 1
    totals: dict[str, Tally] = {}
    print(f"{'document':58} {'split':7} {'tables':>6} {'checks':>6} {'true':>4} {'false':>5} "
          f"{'?':>3} {'found':>7}")
    for entry in documents:
        split = entry.get("split", "dev")
        if args.split != "all" and split != args.split:
            continue
        path = resolve(str(entry["path"]))
        if path is None:
            print(f"{entry['path']:58} {split:7} not found")
            continue
        result = audit_file(str(path), book)
        report = Report([result], book, "zh", 0.0)
        tally = judge(entry, result, report, set(args.show))
        tables = sum(len(s.collections.get("表", [])) or 1 for s in result.subjects
                     if not s.kind.startswith("prose"))
        expected = entry.get("tables")
        table_text = f"{tables}/{expected}" if expected is not None else str(tables)
        print(f"{str(entry['path'])[-58:]:58} {split:7} {table_text:>6} {result.checks:>6} "
              f"{tally.true:>4} {tally.false:>5} {tally.unjudged:>3} "
              f"{tally.found:>3}/{tally.inconsistencies:<3}")
        # Documents an independent author wrote, with planted errors, are reported apart:
        # they test phrasing nobody here chose, not what real documents hold.
        part = f"{split}, synthetic" if entry.get("synthetic") else split
        totals.setdefault(part, Tally()).add(tally)
    print()
    for split, tally in totals.items():
        severities = ", ".join(f"{s} {t}/{t + f}" for s, (t, f) in sorted(tally.by_severity.items())
                               if t + f)
        print(f"{split:15} precision {tally.precision:>4} ({tally.true}/{tally.true + tally.false}; "
              f"{severities or 'none judged'}; {tally.unjudged} unjudged)   "
              f"recall {tally.recall:>4} ({tally.found}/{tally.inconsistencies})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
