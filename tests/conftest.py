from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The shared reference documents sit beside the repository in the team's workspace; a
# clean checkout (CI) has copies of them in tests/shared. AUDIT_RULES_SHARED overrides both.
SHARED = Path(os.environ.get("AUDIT_RULES_SHARED") or (
    ROOT.parent / "shared" if (ROOT.parent / "shared" / "seeds").is_dir() else ROOT / "tests" / "shared"))
SAMPLES = ROOT / "samples"

# The suite builds books from many packs of its own; in the user's cache folder (16 books
# kept) they would push out the shipped book that every real start reads back, and the next
# starts would build it again. The suite keeps its books apart (its subprocesses too).
if "AUDIT_RULES_CACHE_DIR" not in os.environ:
    os.environ["AUDIT_RULES_CACHE_DIR"] = tempfile.mkdtemp(prefix="audit-rules-tests-")
    atexit.register(shutil.rmtree, os.environ["AUDIT_RULES_CACHE_DIR"], ignore_errors=True)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared reference documents not found at {SHARED} (set AUDIT_RULES_SHARED)")
    return path


@pytest.fixture(scope="session")
def book():
    from auditor.checks.pack import load_rulebook

    return load_rulebook()


@pytest.fixture
def audit_forms(tmp_path, book):
    """Writes forms into a workbook (one sheet each, or placed as given) and audits it."""
    from openpyxl import Workbook

    from auditor.pipeline import audit_file
    from forms import write_form

    def run(*specs, placements=None, name="forms.xlsx"):
        workbook = Workbook()
        workbook.remove(workbook.active)
        addresses = []
        for index, spec in enumerate(specs):
            if placements:
                sheet_name, top, left = placements[index]
                ws = workbook[sheet_name] if sheet_name in workbook.sheetnames \
                    else workbook.create_sheet(sheet_name)
            else:
                ws = workbook.create_sheet(f"表{index + 1}")
                top, left = 1, 1
            addresses.append((ws.title, write_form(ws, spec, top, left)))
        path = tmp_path / name
        workbook.save(path)
        return audit_file(str(path), book), addresses

    return run
