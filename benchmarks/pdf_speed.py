"""The PDFs of ../shared through our reader and through bare pdfplumber, in one run.

    python benchmarks/pdf_speed.py             # every PDF of ../shared/realdocs*
    python benchmarks/pdf_speed.py --repeat 3  # best of three per file and reader

For each PDF, in one process and in turn (so both readers meet the same load):
- ours: `read_document` (pdfium's text layer for prose pages, pdfplumber's words and table
  finder for ruled pages, lines, paragraphs, tables);
- bare: `pdfplumber.open` and `extract_text()` of every page, the yardstick;
CPU seconds (time.process_time), the best of --repeat. Prints s/page of each, per file and
for all the pages together, and ours ÷ bare (below 1: ours is faster). Issue 11's last
figure: 0.038 s/page ours, 0.053 bare.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared"

from rules_speed import best_cpu  # noqa: E402


def bare(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def ours(path: Path) -> None:
    from auditor.readers import read_document

    read_document(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = sorted(SHARED.glob("realdocs*/*.pdf"))
    ours(files[0]), bare(files[0])  # imports and first-use set-up, not counted
    total_pages = total_ours = total_bare = 0.0
    print(f"{'file':<64} {'pages':>5} {'ours s/p':>9} {'bare s/p':>9} {'ours ÷ bare':>11}")
    for path in files:
        pages = bare(path)
        mine = best_cpu(lambda: ours(path), args.repeat)
        yardstick = best_cpu(lambda: bare(path), args.repeat)
        total_pages += pages
        total_ours += mine
        total_bare += yardstick
        print(f"{path.parent.name + '/' + path.name:<64} {pages:>5} {mine / pages:9.3f} "
              f"{yardstick / pages:9.3f} {mine / yardstick:11.2f}")
    print(f"{'all ' + str(len(files)) + ' PDFs':<64} {int(total_pages):>5} "
          f"{total_ours / total_pages:9.3f} {total_bare / total_pages:9.3f} "
          f"{total_ours / total_bare:11.2f}")


if __name__ == "__main__":
    main()
