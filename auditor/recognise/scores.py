"""Indicator score tables outside a 自评表: 一级指标 / 二级指标 / 分值 / 得分 and a 合计 row.

A department's overall self-evaluation (部门整体支出绩效自评) lists its indicators with their
weights and scores in a table of its own, with no 项目名称 and no funds block: the 自评表
recogniser has no anchor in it. Read here, strictly: a header row (the first, or under a
row or two of the form's own figures) naming an indicator column, a 分值 column and a 得分
column; body rows each with both figures (a row with neither is a heading of a group of
indicators); and a last row 合计/总分 with both.

A `小计` row closes the group of indicators above it (down to the previous 小计): when
every indicator row is in such a group, each 小计 is checked against its group. Anything
else (a 小计 with rows after it that no 小计 closes, a 合计 among the rows, a group's own
row with figures above its indicators', a row with only one of its figures, rows of
another width) leaves the table unread, reported as unrecognised, never guessed at.
"""

from __future__ import annotations

from .. import vocabulary
from ..facts import cell_fact
from ..model import Cell, Grid, Subject, Text
from .labels import compact

_COLUMNS = "selfeval.score_table_columns"
_TOTALS = "selfeval.score_table_totals"
_SUBTOTAL = ("小计", "合计", "总计", "总分")


def _text(cell) -> str:
    return compact(cell.text) if cell is not None else ""


def _add_scores(subject: Subject, row: list[Cell], columns: dict[str, int], name: str,
                header: list[str]) -> bool:
    """The row's weight and score (fact name → its column) onto the subject; False when
    either is not a figure."""
    for fact_name, column in columns.items():
        fact = cell_fact(fact_name, row[column], unit="分", kind="score", assigned=True,
                         label=f"{name}·{header[column]}")
        if fact is None or not fact.reported:
            return False
        subject.add(fact)
    return True


# The header stands first, or under the form's own lines (全年预算数 … 预算执行率 …).
_HEADER_WITHIN = 3


def _header_row(grid: Grid) -> tuple[int, int, int, list[int]] | None:
    """(row index, 分值 column, 得分 column, the indicator-name columns) of the header."""
    for index, row in enumerate(grid.rows[:_HEADER_WITHIN]):
        header = [_text(cell) for cell in row]
        named = [vocabulary.name_of(_COLUMNS, text) if text else None for text in header]
        weights = [i for i, name in enumerate(named) if name == "分值"]
        scores = [i for i, name in enumerate(named) if name == "得分"]
        # The indicator's own levels (一级指标, 三级指标), not its 年度指标值 or 完成值.
        labels = [i for i, text in enumerate(header) if "指标" in text and not text.endswith("值")]
        if len(weights) == 1 and len(scores) == 1 and labels:
            if max(labels) > min(weights[0], scores[0]):
                return None  # indicator names stand before the figures
            return index, weights[0], scores[0], labels
    return None


def recognise(grid: Grid) -> Subject | None:
    """The score table a grid is, or None."""
    found = _header_row(grid)
    if found is None:
        return None
    start, weight, score, labels = found
    if len(grid.rows) - start < 5:
        return None
    header = [_text(cell) for cell in grid.rows[start]]
    width = len(header)
    body = grid.rows[start + 1:-1]
    last = grid.rows[-1]
    if any(len(row) != width for row in grid.rows[start:]):
        return None
    total_label = next((_text(c) for c in last[:min(weight, score)] if _text(c)), "")
    if not total_label or vocabulary.name_of(_TOTALS, total_label) is None:
        return None
    table = Subject("score_table", "指标得分表", grid.location)
    if not _add_scores(table, last, {"合计分值": weight, "合计得分": score}, total_label, header):
        return None
    members: list[Subject] = []
    groups: list[Subject] = []
    group_start = 0  # the first indicator row no 小计 has closed yet
    for row in body:
        names = [_text(row[i]) for i in labels if _text(row[i])]
        if any(word in text for text in names for word in _SUBTOTAL):
            if not any(text.endswith("小计") for text in names) or group_start == len(members):
                return None  # a 合计 among the rows, or a 小计 of nothing
            group = Subject("score_group", names[-1], row[score].location, parent=table)
            if not _add_scores(group, row, {"分值": weight, "得分": score}, names[-1], header):
                return None
            group.collections["指标"] = members[group_start:]
            groups.append(group)
            group_start = len(members)
            continue
        if not _text(row[weight]) and not _text(row[score]):
            continue  # a heading row of a group of indicators
        levels = [_text(row[i]) for i in labels]
        if len(levels) >= 2 and not levels[-1] and any(levels[:-1]):
            return None  # a group's own row with figures: its indicators' rows make it up
        name = names[-1] if names else ""
        member = Subject("score_row", name or "（未命名）", row[score].location, parent=table)
        if not _add_scores(member, row, {"分值": weight, "得分": score}, name, header):
            return None
        member.texts["指标"] = Text(name, row[0].location)
        members.append(member)
    if len(members) < 3 or (groups and group_start != len(members)):
        return None  # too few rows, or rows after the last 小计 that none closes
    table.collections["指标"] = members
    if groups:
        table.collections["小计"] = groups
    return table
