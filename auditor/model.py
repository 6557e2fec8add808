"""The records passed between the pipeline's stages.

read → `Document` (grids of `Cell`s and `Paragraph`s, each with a `Location`)
recognise + facts → `Subject` (a form or table, its `Fact`s by meaning)
rules → `Finding`s, gathered per input in a `FileResult`.

Nothing after the readers knows which file format a cell or a paragraph came from: a
`Location` says where to point the user, and that is all that travels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from decimal import Decimal
from typing import Any, Iterator, NamedTuple

from .interval import Interval
from .numbers import NOT_REPORTED, NotReported, Quantity


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    sheet: str | None = None  # worksheet, or the table's name in a document
    cell: str | None = None  # A1 reference on `sheet`
    line: int | None = None  # 1-based line of a text input
    page: int | None = None  # 1-based page of a PDF

    def __reduce__(self):
        # By its constructor: a frozen dataclass with slots pickles through a state that
        # dataclasses works out field by field, a cost paid for every location of every
        # result a worker sends and the spool keeps.
        return (Location, (self.path, self.sheet, self.cell, self.line, self.page))

    def describe(self, page: str = "第{page}页", line: str = "第{line}行") -> str:
        """Where this is, for a person: `表1!H19`, `第3页 第20行` (the words are templates)."""
        parts = []
        if self.page is not None:
            page_words = page.format(page=self.page)
            # A PDF table's cells are named after their page (第6页表1!B3): say the page once.
            if not (self.sheet and self.sheet.startswith(page_words)):
                parts.append(page_words)
        if self.sheet and self.cell:
            parts.append(f"{self.sheet}!{self.cell}")
        elif self.sheet or self.cell:
            parts.append(self.sheet or self.cell or "")
        if self.line is not None:
            parts.append(line.format(line=self.line))
        return " ".join(parts)


class Places:
    """Where the cells of one table stand, named when asked: a reader that makes a
    million cells gives them one of these instead of a `Location` each."""

    __slots__ = ()

    def location(self, row: int, col: int) -> Location:
        raise NotImplementedError

    def render(self, value: object) -> str:
        """The text a `NumberCell` of these places shows for its value."""
        raise NotImplementedError


class Cell:
    """One cell: its text as the reader of the document sees it ('' when blank) and its
    0-based position in its grid. Its `Location` is given, or named by its table's
    `Places` on first use (most cells of a large sheet are never pointed at)."""

    __slots__ = ("text", "row", "col", "_where")  # _where: a Location, or Places till asked

    def __init__(self, text: str, row: int, col: int, location: Location | None = None,
                 places: Places | None = None):
        self.text = text
        self.row = row
        self.col = col
        self._where = location if location is not None else places

    @property
    def location(self) -> Location:
        where = self._where
        if type(where) is not Location and where is not None:
            where = where.location(self.row, self.col)
            self._settle(where)
        return where

    def _settle(self, location: Location) -> None:
        self._where = location

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cell):
            return NotImplemented
        return (self.text, self.row, self.col, self.location) == \
            (other.text, other.row, other.col, other.location)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it replaced

    def __repr__(self) -> str:
        return f"Cell(text={self.text!r}, row={self.row}, col={self.col}, location={self.location!r})"

    def __reduce__(self):
        return (Cell, (self.text, self.row, self.col, self.location))

    # True when the cell holds a number the reader renders (`NumberCell`): its text is then
    # never blank and made of digits, signs, separators, brackets and % alone, and a scan
    # for labels may pass it by without rendering it.
    shows_number = False


_TEXT = Cell.text  # the slot under NumberCell's property


class NumberCell(Cell):
    """A cell holding a number, its shown text rendered by its places (those of its
    sheet and number format) when first read: a large sheet's figures are mostly never
    read, and rendering them is what costs. The value waits in the text's own slot, so
    that a million of these cost no more than a million cells."""

    __slots__ = ()
    shows_number = True

    def __init__(self, value: float | int, places: Places, row: int, col: int):
        _TEXT.__set__(self, value)
        self.row, self.col = row, col
        self._where = places

    @property  # type: ignore[override]
    def text(self) -> str:
        value = _TEXT.__get__(self)
        if type(value) is str:
            return value
        text = self._where.render(value)  # not yet settled: _where is still the places
        _TEXT.__set__(self, text)
        return text

    @text.setter
    def text(self, value: str) -> None:
        _TEXT.__set__(self, value)

    def _settle(self, location: Location) -> None:
        self.text  # rendered while its places are at hand
        self._where = location


@dataclass(slots=True)
class Grid:
    """A table: a worksheet, a Word table, a table in a PDF or a text export."""

    name: str
    rows: list[list[Cell]]
    location: Location
    # Merged ranges as inclusive 0-based (first_row, first_col, last_row, last_col).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # False when rows are lists of cells whose positions need not line up into columns
    # (a text export drops the cells a horizontal merge covers).
    aligned: bool = True
    _origin: dict[tuple[int, int], tuple[int, int]] | None = None
    # What a recogniser found by scanning every cell (its 项目名称 anchors), kept so that
    # a large sheet is scanned once, not each time it is asked about.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def height(self) -> int:
        return len(self.rows)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def text(self, row: int, col: int) -> str:
        cell = self.cell(row, col)
        return cell.text if cell else ""

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range covering (row, col), or (row, col)."""
        if self._origin is None:
            self._origin = {}
            for r1, c1, r2, c2 in self.merged:
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        self._origin[(r, c)] = (r1, c1)
        return self._origin.get((row, col), (row, col))

    def shown(self, row: int, col: int) -> str:
        """What a reader sees at (row, col): a merged range shows its top-left text."""
        r, c = self.origin(row, col)
        return self.text(r, c)


@dataclass(slots=True)
class Paragraph:
    text: str
    location: Location
    # Line of each character offset where a paragraph joins wrapped lines: offsets at which
    # a new source line starts, with that line's number.
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    # Likewise the offsets at which a paragraph running over a page break enters a new page.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    # Set by the reader (`readers.tablelines`): the paragraph is table text — a row of a
    # table it could not rebuild as a grid, a header row, a `单位：万元` line — and so is
    # its last line (after its last line break), never part of a sentence.
    table_text: bool = False
    table_end: bool = False

    def location_at(self, offset: int) -> Location:
        """Where the character at `offset` stands in the source."""
        line = self.location.line
        for start, number in self.line_starts:
            if start <= offset:
                line = number
        page = self.location.page
        for start, number in self.page_starts:
            if start <= offset:
                page = number
        if line == self.location.line and page == self.location.page:
            return self.location
        return Location(self.location.path, self.location.sheet, self.location.cell, line, page)


@dataclass(slots=True)
class Document:
    path: str
    format: str  # xlsx, xls, csv, docx, pdf, txt
    grids: list[Grid] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure with its meaning: what it is (`name`), its value and where it stands."""

    name: str
    quantity: Quantity | NotReported
    location: Location
    label: str = ""  # the row/column labels a reader would use to find it

    @property
    def reported(self) -> bool:
        return self.quantity is not NOT_REPORTED

    @property
    def interval(self) -> Interval:
        if not isinstance(self.quantity, Quantity):
            raise ValueError(f"{self.name} is not reported")
        return self.quantity.interval

    def shown(self) -> str:
        return self.quantity.shown() if isinstance(self.quantity, Quantity) else "—"


@dataclass(frozen=True, slots=True)
class Text:
    """A label or a piece of prose a rule may read (an indicator's 三级指标, a reason)."""

    text: str
    location: Location


@dataclass(slots=True)
class Subject:
    """One recognised form or table, or the document itself: what rules are checked on."""

    kind: str  # selfeval_form, document, …: the `applies_to` of rules
    name: str
    location: Location
    facts: dict[str, Fact] = field(default_factory=dict)
    texts: dict[str, Text] = field(default_factory=dict)  # labels and prose of the subject
    collections: dict[str, list[Subject]] = field(default_factory=dict)
    parent: Subject | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def add(self, fact: Fact) -> None:
        self.facts[fact.name] = fact

    def lookup(self, name: str) -> Fact | list[Subject] | Text | None:
        """A name as a rule sees it: own facts first, then the enclosing subject's."""
        scope: Subject | None = self
        while scope is not None:
            if name in scope.facts:
                return scope.facts[name]
            if name in scope.collections:
                return scope.collections[name]
            if name in scope.texts:
                return scope.texts[name]
            scope = scope.parent
        return None

    def walk(self) -> Iterator[Subject]:
        yield self
        for members in self.collections.values():
            for member in members:
                yield from member.walk()


SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported figure a finding was worked out from, as a reader finds it again."""

    label: str  # the row/column labels or the words before it in prose
    shown: str  # as printed, with its unit: "2106.66万元", "71.73%"
    location: Location

    def __reduce__(self):  # by its constructor, as `Location`
        return (Figure, (self.label, self.shown, self.location))


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    location: Location
    reported: str | None = None
    expected: str | None = None
    title: str = ""
    subject: str | None = None  # the form or table's name
    subject_kind: str | None = None
    kind: str = "mismatch"  # mismatch | unit_slip | policy | unrecognised | …
    related: list[Location] = field(default_factory=list)
    # For a figure that stands in prose: the sentence around it and the figure's span
    # (start, end offsets in `context`), so a report can show the number in its sentence.
    # None for figures in tables and whenever the source text is not known.
    context: str | None = None
    span: tuple[int, int] | None = None
    # Every reported figure the recomputation used, each with its place.
    figures: list[Figure] = field(default_factory=list)


class Evaluation(NamedTuple):
    """One rule checked on one form or table: what a CI report counts as a test case."""

    rule: str
    subject: str  # the form or table's name (as in `Finding.subject`)
    subject_kind: str
    verdict: str  # pass | fail | skip (an operand not reported)


@dataclass(slots=True)
class FileResult:
    path: str
    status: str = "ok"  # ok | error
    error: str | None = None
    format: str | None = None
    findings: list[Finding] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    checks: int = 0  # rule evaluations that ran to a verdict
    seconds: float = 0.0
    # Every rule × form/table evaluation (one per member for `each` rules), in run order.
    evaluations: list[Evaluation] = field(default_factory=list)
    # Claims read but not checked, by reason (auditor.coverage): what a pass does not cover.
    not_checked: dict[str, int] = field(default_factory=dict)
    # Why a file could not be audited, for `--verbose`: a reader's technical detail or the
    # traceback of a bug; `internal` marks the latter (exit status 3).
    detail: str | None = None
    internal: bool = False

    def __reduce__(self):
        # The evaluations as plain tuples (a named tuple pickles through a Python method
        # each): a result crosses from a worker and into the spool, and is read back for
        # the report.
        return (_file_result, (self.path, self.status, self.error, self.format, self.findings,
                               self.subjects, self.checks, self.seconds,
                               tuple(map(tuple, self.evaluations)), self.not_checked,
                               self.detail, self.internal))


# A pickled row back as an `Evaluation`, in C (`Evaluation._make` is a Python call a row).
_evaluation = partial(tuple.__new__, Evaluation)


def _file_result(path, status, error, format, findings, subjects, checks, seconds, evaluations,
                 not_checked, detail, internal) -> FileResult:
    return FileResult(path, status, error, format, findings, subjects, checks, seconds,
                      list(map(_evaluation, evaluations)), not_checked, detail, internal)
