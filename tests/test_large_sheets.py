"""What lets a large sheet be read and recognised fast and small: figures passed by
unnamed, cells that render their number and name their place when asked, a form's funds
header looked for near its anchor. Each shortcut must answer as the long way does."""

from __future__ import annotations

import copy
import pickle
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import vocabulary
from auditor.checks.pack import load_rulebook
from auditor.model import Cell, Grid, Location, NumberCell, Places
from auditor.readers import read_document
from auditor.readers.numfmt import render
from auditor.recognise import recognise, selfeval
from auditor.recognise.labels import label_key
from auditor.recognise.rows import Row, Rows
from auditor.vocabulary import Group

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_xlsx_reader import FORMATS  # noqa: E402

FIGURE_TEXTS = ["0", "12", "12.34", "1,234.50", "-7", "(1,234)", "99.74%", "3.", "301",
                "30101", "2021", "+5", "1.2.3", "%", "()", ",", "-"]


@pytest.fixture(scope="module")
def book():
    return load_rulebook()


def _long_way(group: Group, label: str) -> str | None:
    key = label_key(label)
    return group._find(key) if key else None


def test_every_shipped_group_names_a_figure_as_the_long_way_does(book):
    for group in book.vocabulary.groups.values():
        for text in FIGURE_TEXTS:
            assert group.name_of(text) == _long_way(group, text), (group.name, text)


def test_a_group_with_a_figure_alias_or_a_pattern_still_names_figures():
    plain = Group("t.plain")
    plain.add("合计", ["总计"])
    assert plain.names_no_figures and plain.cannot_name("12.5")
    coded = Group("t.coded")
    coded.add("工资福利支出", ["301"])
    assert not coded.names_no_figures and coded.name_of("301") == "工资福利支出"
    patterned = Group("t.patterned")
    patterned.add("类", [r"re:^\d{3}$"])
    assert patterned.name_of("302") == "类"
    assert not patterned.cannot_name("302")


def test_figures_are_not_kept_in_a_groups_memo(book):
    group = book.vocabulary.group(selfeval.FORM_FIELDS)
    before = len(group._cache)
    for number in range(1000):
        assert group.name_of(f"{number}.25") is None
    assert len(group._cache) == before


class _Places(Places):
    def __init__(self, number_format: str):
        self.number_format = number_format
        self.named = 0

    def location(self, row: int, col: int) -> Location:
        self.named += 1
        return Location("x.xlsx", "表", f"R{row}C{col}")

    def render(self, value: object) -> str:
        return render(value, self.number_format)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMATS), st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.integers(min_value=-10 ** 12, max_value=10 ** 12)))
def test_a_number_cell_shows_what_render_shows_and_only_figure_characters(number_format, value):
    cell = NumberCell(value, _Places(number_format), 2, 3)
    assert cell.shows_number
    text = cell.text
    assert text == render(value, number_format)
    # What the label scans rely on to pass a number cell by unread.
    assert text.strip() and vocabulary._FIGURE_CHARS.fullmatch(text), text


def test_a_cell_names_its_place_once_and_only_when_asked():
    places = _Places("0.00")
    cell = NumberCell(1.5, places, 4, 1)
    assert places.named == 0
    assert cell.location == Location("x.xlsx", "表", "R4C1")
    assert cell.location is cell.location and places.named == 1
    assert cell.text == "1.50"  # rendered before its places were let go
    plain = Cell("项目名称", 0, 0, None, places)
    assert plain.location.cell == "R0C0"
    assert Cell("x", 0, 0).location is None  # as before, a made-up cell may have none


def test_cells_travel_as_plain_cells_with_their_text_and_place():
    cell = NumberCell(0.9974, _Places("0.00%"), 1, 2)
    copied = pickle.loads(pickle.dumps(cell))
    assert type(copied) is Cell
    assert (copied.text, copied.row, copied.col, copied.location) == \
        ("99.74%", 1, 2, Location("x.xlsx", "表", "R1C2"))
    assert copied == cell


def test_region_rows_are_made_on_demand_and_behave_as_a_list():
    grid = Grid("g", [[Cell(f"{r}-{c}", r, c, Location("p", "g", f"{r}{c}")) for c in range(3)]
                      for r in range(6)], Location("p", "g"))
    rows = Rows(grid, 1, 5, 1, None)
    eager = [Row(grid, r, 1, None) for r in range(1, 5)]
    assert len(rows) == 4
    assert [r.texts() for r in rows] == [r.texts() for r in eager]
    assert [r.texts() for r in rows[1:3]] == [r.texts() for r in eager[1:3]]
    assert rows[-1].texts() == eager[-1].texts() and rows[0] is rows[0]
    with pytest.raises(IndexError):
        rows[4]


def _sheet_with_a_list(tmp_path, rows: int, funds_at: int | None = None) -> str:
    """A 项目名称 column over a list of projects; a funds header `funds_at` rows down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "金额", "数量", "单价", "合计"])
    for r in range(rows):
        if funds_at is not None and r == funds_at - 1:
            ws.append(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
            continue
        ws.append([f"项目{r}", r * 1.25, r, 0.5, r * 1.75])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    return str(path)


def test_a_list_with_a_项目名称_column_is_no_form_and_its_figures_are_never_rendered(tmp_path, book):
    document = read_document(_sheet_with_a_list(tmp_path, 300))
    with vocabulary.using(book.vocabulary):
        _, found = recognise(document)
    assert not found.subjects
    assert any("找不到“项目资金”" in note for _, note in found.notes)
    # Rows of more than three cells hold no table title: their numbers are shown only in
    # the rows under the anchor where a funds header is looked for.
    numbers = [c for row in document.grids[0].rows for c in row if c.shows_number]
    assert len(numbers) == 1200
    assert sum(type(Cell.text.__get__(c)) is str for c in numbers) <= 4 * selfeval._FUNDS_WITHIN


def test_a_funds_header_far_below_its_anchor_is_not_looked_for(tmp_path, book):
    # Within reach it is found (and read as a form); past it, the anchor is a list's header.
    near = read_document(_sheet_with_a_list(tmp_path, 30, funds_at=3))
    far = read_document(_sheet_with_a_list(tmp_path, 60, funds_at=selfeval._FUNDS_WITHIN + 5))
    with vocabulary.using(book.vocabulary):
        assert recognise(near)[1].subjects
        assert not recognise(far)[1].subjects


def test_anchors_are_found_again_under_another_or_a_changed_vocabulary(tmp_path, book):
    path = tmp_path / "renamed.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工程名称", "某工程"])
    wb.save(path)
    grid = read_document(str(path)).grids[0]
    with vocabulary.using(book.vocabulary):
        assert selfeval._anchors(grid) == []
    other = copy.deepcopy(book.vocabulary)
    other.group(selfeval.FORM_FIELDS).add("项目名称", ["工程名称"])
    with vocabulary.using(other):
        assert [c.text for c in selfeval._anchors(grid)] == ["工程名称"]
    changed = copy.deepcopy(book.vocabulary)
    with vocabulary.using(changed):
        assert selfeval._anchors(grid) == []
        changed.group(selfeval.FORM_FIELDS).add("项目名称", ["工程名称"])
        assert [c.text for c in selfeval._anchors(grid)] == ["工程名称"]
