"""Recognisers: which forms and tables a document holds, found by their labels.

Each recogniser looks at a `Document` and returns the `Subject`s it recognised and the
grids it claimed; a grid nobody claims is reported as unrecognised, never guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Location, Subject, Text
from ..numbers import normalise
from . import selfeval


@dataclass
class Recognition:
    subjects: list[Subject] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # indices into document.grids
    notes: list[tuple[Location, str]] = field(default_factory=list)
    note_grids: list[set[int]] = field(default_factory=list)  # each note's grids, where known
    # Grids a recogniser has a note on but read nothing from (项目名称 as a column header).
    noted: set[int] = field(default_factory=set)


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def document_year(document: Document) -> int | None:
    """The year a document reports on: `2021年度` in its first lines, else its file name."""
    for grid in document.grids[:3]:
        for row in grid.rows[:6]:
            for cell in row:
                match = _TITLE_YEAR.search(normalise(cell.text))
                if match:
                    return int(match.group(1))
    for paragraph in document.paragraphs[:30]:
        match = _TITLE_YEAR.search(normalise(paragraph.text))
        if match:
            return int(match.group(1))
    match = _FILE_YEAR.search(Path(document.path).name)
    return int(match.group(1)) if match else None


def _captions(document: Document) -> dict[int, list[Text]]:
    """Grid index → the short paragraphs just above it on its page (its title, a
    `部门名称：… 金额单位：万元` line), since the grid before it; at most three."""
    positioned = [((p.location.page or 0, p.location.line), p) for p in document.paragraphs
                  if p.location.line is not None]
    if not positioned:
        return {}
    positioned.sort(key=lambda item: item[0])
    keys = [key for key, _ in positioned]
    captions: dict[int, list[Text]] = {}
    previous: tuple[int, int] | None = None
    for index, grid in enumerate(document.grids):
        if grid.location.line is None:
            continue
        here = (grid.location.page or 0, grid.location.line)
        low = bisect_left(keys, max(previous, (here[0], 0)) if previous else (here[0], 0))
        above = [p for _, p in positioned[low:bisect_left(keys, here)]][-3:]
        captions[index] = [Text(p.text.strip(), p.location) for p in above if len(p.text) <= 60]
        previous = here
    return captions


def _selfeval(document: Document, year: int | None) -> Recognition:
    result = Recognition()
    captions = _captions(document)
    for grid, indices in selfeval.page_runs(document.grids):
        forms, notes = selfeval.recognise(grid, year, captions.get(indices[0], []))
        if forms:
            result.claimed.update(indices)
        elif notes:
            result.noted.update(indices)  # a note only: another table may yet be read there
        result.subjects.extend(forms)
        result.notes.extend((grid.location, note) for note in notes)
        result.note_grids.extend(set(indices) for _ in notes)
    return result


def _final_accounts(document: Document, year: int | None) -> Recognition:
    from . import final_accounts

    bundle, claimed, notes = final_accounts.recognise(document, year)
    return Recognition([bundle] if bundle else [], claimed, notes)


def _prose(document: Document, year: int | None) -> Recognition:
    # The prose grammar is imported only for a document with prose: a workbook of forms
    # has none, and its start-up is spared the grammar's patterns.
    if not document.paragraphs:
        return Recognition()
    from . import prose

    return Recognition(subjects=prose.recognise(document, year))


def _link_prose(root: Subject) -> None:
    if root.collections.get("prose_list"):
        from .prose import link_forms

        link_forms(root)


RECOGNISERS = [_selfeval, _final_accounts, _prose]
# Run once every recogniser has run: connect subjects found by different recognisers
# (a project's prose to its 自评表). Each takes the document subject.
LINKERS = [_link_prose]


def recognise(document: Document) -> tuple[Subject, Recognition]:
    """The document as a subject whose collections are the forms and tables found in it."""
    year = document_year(document)
    root = Subject("document", Path(document.path).name, Location(document.path))
    if year is not None:
        root.meta["year"] = year
    combined = Recognition()
    results = [(recogniser, recogniser(document, year)) for recogniser in RECOGNISERS]
    # A grid read as a 决算/预算 table is not a 自评表 that failed: its 项目名称 header
    # says nothing about a missing 项目资金 block.
    tables = set(next((found.claimed for recogniser, found in results
                       if recogniser is _final_accounts), set()))
    for recogniser, found in results:
        combined.claimed |= found.claimed
        for subject in found.subjects:
            subject.parent = root
            root.collections.setdefault(subject.kind, []).append(subject)
            combined.subjects.append(subject)
    before = set(combined.claimed)
    _score_tables(document, combined, root)
    _summaries(document, combined, root)
    # …nor is a grid then read as a score table or a summary of the forms.
    tables |= combined.claimed - before
    for recogniser, found in results:
        for index, note in enumerate(found.notes):
            grids = found.note_grids[index] if index < len(found.note_grids) else set()
            if recogniser is _selfeval and grids and grids <= tables:
                continue
            combined.notes.append(note)
        combined.claimed |= found.noted
    for linker in LINKERS:
        linker(root)
    return root, combined


def _unclaimed_tables(document: Document, combined: Recognition, root: Subject,
                      recognise_grid) -> None:
    """Tables of one kind among the grids no other recogniser claimed."""
    for index, grid in enumerate(document.grids):
        if index in combined.claimed:
            continue
        table = recognise_grid(grid)
        if table is None:
            continue
        combined.claimed.add(index)
        table.parent = root
        root.collections.setdefault(table.kind, []).append(table)
        combined.subjects.append(table)


def _score_tables(document: Document, combined: Recognition, root: Subject) -> None:
    """Indicator score tables (部门整体 forms) among the grids no one claimed."""
    from . import scores

    _unclaimed_tables(document, combined, root, scores.recognise)


def _summaries(document: Document, combined: Recognition, root: Subject) -> None:
    """Summaries of the projects' self-evaluations among the grids no one claimed, each
    row tied to its project's 自评表 in the same document."""
    from . import summaries

    forms = root.collections.get("selfeval_form", [])

    def recognise_grid(grid):
        summary = summaries.recognise(grid)
        if summary is not None:
            summaries.link_forms(summary, forms)
        return summary

    _unclaimed_tables(document, combined, root, recognise_grid)
