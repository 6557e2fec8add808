"""What the nine 部门决算 tables (and their 部门预算 counterparts) are called and hold.

Tables are told apart by title, never by position: a region's set may add tables
(机关运行经费, 政府采购) or order them differently. Columns are told apart by header words.
Everything here is vocabulary; how a table is read lives in `final_accounts_layout` and
`final_accounts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .labels import compact, label_key


@dataclass(frozen=True)
class TableSpec:
    slot: str  # T1 … T9
    kind: str  # the subject kind rules apply to
    final_title: str  # the 决算 table's title
    budget_title: str  # the usual 预算 counterpart
    # Title patterns (on the compacted title), most specific first across all specs.
    final_patterns: tuple[str, ...]
    budget_patterns: tuple[str, ...]
    layout: str  # coded | summary | appropriation | economic | three_public
    # Unused: a table's column labels are the vocabulary group `fa.columns.<kind>`
    # (rules/vocabulary/final_accounts.yaml). Kept so that specs may still be written with it.
    columns: tuple = ()


TABLES: tuple[TableSpec, ...] = (
    TableSpec("T4", "t4_appropriation", "财政拨款收入支出决算总表", "财政拨款收支预算总表",
              ("财政拨款收入支出决算总表",), ("财政拨款收支预算总表", "财政拨款收支总表"),
              "appropriation"),
    TableSpec("T1", "t1_summary", "收入支出决算总表", "财务收支预算总表",
              ("收入支出决算总表",), ("财务收支预算总表", "收支预算总表"), "summary"),
    TableSpec("T8", "t8_fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算支出功能分类预算表",
              ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"),
              ("政府性基金预算支出功能分类预算表", "政府性基金预算支出预算表", "政府性基金预算支出表"),
              "coded"),
    TableSpec("T9", "t9_state_capital", "国有资本经营预算财政拨款收入支出决算表",
              "国有资本经营预算支出功能分类预算表",
              ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
              ("国有资本经营预算支出功能分类预算表", "国有资本经营预算支出预算表", "国有资本经营预算支出表"),
              "coded"),
    TableSpec("T6", "t6_basic_economic", "一般公共预算财政拨款基本支出决算表",
              "一般公共预算基本支出部门预算经济分类预算表",
              ("一般公共预算财政拨款基本支出决算表",),
              ("一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出预算表",
               "一般公共预算基本支出经济分类预算表", "一般公共预算基本支出表"),
              "economic"),
    TableSpec("T5", "t5_general_expenditure", "一般公共预算财政拨款支出决算表",
              "一般公共预算支出功能分类预算表",
              ("一般公共预算财政拨款支出决算表",),
              ("一般公共预算支出功能分类预算表", "一般公共预算支出预算表", "一般公共预算支出表"),
              "coded"),
    TableSpec("T7", "t7_three_public", "财政拨款“三公”经费支出决算表", "“三公”经费和机关运行经费预算表",
              ("三公经费支出决算表", "三公经费决算表"),
              ("三公经费和机关运行经费预算表", "三公经费预算表", "三公经费支出预算表"),
              "three_public"),
    # Tables some regions or years add, told apart by title so that they are not taken
    # for T3 (`…支出决算表`); they are recognised and listed, not checked.
    TableSpec("X1", "fa_extra_table", "机关运行经费支出决算表", "机关运行经费预算表",
              ("机关运行经费支出决算表", "机关运行经费决算表"), ("机关运行经费预算表",), "extra"),
    TableSpec("X2", "fa_extra_table", "政府采购支出决算表", "政府采购预算表",
              ("政府采购支出决算表", "政府采购情况表", "政府采购决算表"), ("政府采购预算表",), "extra"),
    TableSpec("X3", "fa_extra_table", "国有资产占用情况表", "国有资产占用情况表",
              ("国有资产占用情况表", "国有资产情况表"), (), "extra"),
    # `=`: the whole title, not a suffix (`一般公共预算财政拨款支出决算表` ends in 支出决算表).
    TableSpec("T2", "t2_income", "收入决算表", "部门收入预算总表",
              ("=收入决算表",), ("=收入预算总表", "=收入预算表"), "coded"),
    TableSpec("T3", "t3_expenditure", "支出决算表", "部门支出预算总表",
              ("=支出决算表",), ("=支出预算总表", "=支出预算表"), "coded"),
)
BY_SLOT = {spec.slot: spec for spec in TABLES}
SLOTS = tuple(f"T{i}" for i in range(1, 10))

def title_key(text: str) -> str:
    """A title without spaces, quotes, its year and 部门 prefix: `2025年部门收入预算总表` → 收入预算总表."""
    key = compact(text)
    key = re.sub(r"[“”\"'‘’「」]", "", key)
    key = re.sub(r"^.*?(?:(?:19|20)\d{2}年度?)", "", key) if re.search(r"(?:19|20)\d{2}年", key) else key
    return key.removeprefix("部门").removeprefix("区级")


def match_title(text: str) -> tuple[TableSpec, bool] | None:
    """The table a title names, and whether it is the budget counterpart."""
    key = title_key(text)
    if len(key) > 40 or "说明" in key or "情况" in key:
        return None
    key = re.sub(r"[（(]续[)）]$", "", key)
    for spec in TABLES:
        for budget, patterns in ((False, spec.final_patterns), (True, spec.budget_patterns)):
            for pattern in patterns:
                if pattern.startswith("="):
                    if key == pattern[1:]:
                        return spec, budget
                elif key.endswith(pattern):
                    return spec, budget
    return None


def column_name(spec: TableSpec, label: str) -> str | None:
    """The column a header cell names in this kind of table, or None (not read)."""
    from .. import vocabulary

    try:
        group = vocabulary.group(f"fa.columns.{spec.kind}")
    except KeyError:
        # A kind the vocabulary has no columns for: those a spec still lists, else none.
        key = compact(label)
        return next((name for name, words in spec.columns if any(w in key for w in words)), None)
    return group.name_of(label)


class _Classes(Mapping[str, str]):
    """支出功能分类 类 code → name, read from the vocabulary group `fa.function_classes`."""

    def __init__(self, by_name: bool):
        self.by_name = by_name

    def _table(self) -> dict[str, str]:
        from .. import vocabulary

        group = vocabulary.group("fa.function_classes")
        if self.by_name:
            return {label_key(alias): code for code in group.terms
                    for alias in group.aliases(code) if not alias.isdigit()}
        return {code: next((a for a in group.aliases(code) if not a.isdigit()), code)
                for code in group.terms}

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


# 2024 政府收支分类科目, 支出功能分类 类: code → name (the names T1/T4 rows use), and back.
CLASS_NAMES: Mapping[str, str] = _Classes(by_name=False)
CLASS_BY_NAME: Mapping[str, str] = _Classes(by_name=True)


def class_code(label: str) -> str | None:
    """The 类 code a T1/T4 row label names (`一、一般公共服务支出` → 201), or None."""
    from .. import vocabulary

    if label_key(label).isdigit():
        return None  # a figure or a bare code, not a class's name
    return vocabulary.name_of("fa.function_classes", label)


# 经济分类 items that the 三公 table restates (T6 item → T7 column).
THREE_PUBLIC_ITEMS = {
    "30212": "因公出国（境）费",
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "31013": "公务用车购置费",
}

# The 情况说明 sections a 决算公开 carries (besides one per table): name → words of its heading.
PROSE_SECTIONS = {
    "三公经费": ("三公",),
    "机关运行经费": ("机关运行经费",),
    "政府采购": ("政府采购",),
    "国有资产占用": ("国有资产占用", "国有资产"),
    "绩效": ("绩效",),
    "名词解释": ("名词解释",),
}
