"""Summaries of project self-evaluations (项目支出绩效自评结果汇总表): a project a row.

`序号 | 项目名称 | 实施单位 | 全年预算数 | 全年执行数 | 执行率 | 自评得分`, and a 合计 row. Read
strictly: a header naming the project column, its score and at least one amount; each row
below it either a project (its name, its figures) or the 合计; a note (`注：…`) ends it.
A row with figures and no name, or a second 合计, leaves the table unread.

Each row's score is compared with the 自评表 of the same project in the document, when
exactly one form has that name (after 项目/工作 endings and spaces are set aside): the same
figure written twice must be the same.
"""

from __future__ import annotations

from .. import vocabulary
from ..facts import cell_fact
from ..model import Cell, Fact, Grid, Subject, Text
from .labels import compact, unit_in

_COLUMNS = "selfeval.summary_columns"
_TOTALS = "selfeval.score_table_totals"
_KINDS = {"全年预算数": "amount", "全年执行数": "amount", "执行率": "percent", "得分": "score"}
# The header stands under the title and a unit line.
_HEADER_WITHIN = 6


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid.rows[:_HEADER_WITHIN]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            name = vocabulary.name_of(_COLUMNS, cell.text) if compact(cell.text) else None
            if name is not None and name not in columns:
                columns[name] = col
        if "项目名称" in columns and "得分" in columns and (
                "全年预算数" in columns or "全年执行数" in columns):
            return index, columns
    return None


def _unit(grid: Grid, header: int) -> str | None:
    for row in grid.rows[:header + 1]:
        for cell in row:
            if unit := unit_in(cell.text):
                return unit
    return None


def _cell(row: list[Cell], col: int) -> Cell | None:
    return row[col] if col < len(row) else None


def recognise(grid: Grid) -> Subject | None:
    """The summary a grid is, or None."""
    found = _header(grid)
    if found is None:
        return None
    start, columns = found
    unit = _unit(grid, start)
    summary = Subject("selfeval_summary", "项目绩效自评汇总表", grid.location)
    projects: list[Subject] = []
    total: Subject | None = None
    for row in grid.rows[start + 1:]:
        texts = [compact(c.text) for c in row]
        if not any(texts):
            continue
        if texts[0].startswith(("注", "说明", "备注")):
            break
        name_cell = _cell(row, columns["项目名称"])
        name = compact(name_cell.text) if name_cell is not None else ""
        is_total = any(vocabulary.name_of(_TOTALS, t) for t in texts[:columns["项目名称"] + 1] if t)
        if is_total:
            if total is not None:
                return None
            name = "合计"
        elif not name:
            return None  # figures without a project: what the row is cannot be said
        member = Subject("summary_row", name, (name_cell or row[0]).location, parent=summary)
        for fact_name, col in columns.items():
            if fact_name == "项目名称":
                continue
            fact = cell_fact(fact_name, _cell(row, col), unit=unit, kind=_KINDS[fact_name],
                             assigned=fact_name == "得分", label=f"{name}·{fact_name}")
            if fact is not None:
                member.add(fact)
        if is_total:
            total = member
            continue
        member.texts["项目名称"] = Text(name, member.location)
        projects.append(member)
    if len(projects) < 2:
        return None
    summary.collections["项目"] = projects
    if total is not None:
        for fact_name in ("全年预算数", "全年执行数"):
            if fact_name in total.facts:
                summary.add(Fact(f"合计{fact_name}", total.facts[fact_name].quantity,
                                 total.facts[fact_name].location, f"合计·{fact_name}"))
    return summary


def _key(name: str) -> str:
    key = compact(name)
    for ending in ("项目", "工作"):
        key = key.removesuffix(ending)
    return key


def link_forms(summary: Subject, forms: list[Subject]) -> None:
    """Each row's project's 自评表 total onto the row as 自评表总分, when one form has its name."""
    by_key: dict[str, list[Subject]] = {}
    for form in forms:
        by_key.setdefault(_key(form.name), []).append(form)
    for row in summary.collections.get("项目", []):
        same = by_key.get(_key(row.name), [])
        if len(same) != 1 or "总分" not in same[0].facts:
            continue
        form = same[0]
        total = form.facts["总分"]
        row.texts["自评表"] = Text(form.name, form.location)
        row.add(Fact("自评表总分", total.quantity, total.location, "自评表总分"))
