"""What the nine 部门决算 tables (and their 部门预算 counterparts) are called and hold.

Tables are told apart by title, never by position: a region's set may add tables
(机关运行经费, 政府采购) or order them differently. Columns are told apart by header words.
Everything here is vocabulary; how a table is read lives in `final_accounts_layout` and
`final_accounts`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..numbers import normalise
from .labels import compact, label_key


@dataclass(frozen=True)
class TableSpec:
    slot: str  # T1 … T9; X extras (listed, not read); Y budget tables without a 决算 twin
    kind: str  # the subject kind rules apply to
    final_title: str  # the 决算 table's title
    budget_title: str  # the usual 预算 counterpart
    layout: str  # coded | summary | appropriation | economic | three_public | procurement | extra
    # A table's column labels are the vocabulary group `fa.columns.<kind>`
    # (rules/vocabulary/*.yaml); a kind without such a group reads these.
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # canonical name, header words


_ECONOMIC = (("人员经费", ("人员经费",)),
             ("公用经费", ("公用经费",)),
             ("合计", ("决算数", "预算数", "合计", "金额")))

TABLES: tuple[TableSpec, ...] = (
    TableSpec("T1", "t1_summary", "收入支出决算总表", "财务收支预算总表", "summary"),
    TableSpec("T2", "t2_income", "收入决算表", "部门收入预算总表", "coded"),
    TableSpec("T3", "t3_expenditure", "支出决算表", "部门支出预算总表", "coded"),
    TableSpec("T4", "t4_appropriation", "财政拨款收入支出决算总表", "财政拨款收支预算总表",
              "appropriation"),
    TableSpec("T5", "t5_general_expenditure", "一般公共预算财政拨款支出决算表",
              "一般公共预算支出功能分类预算表", "coded"),
    TableSpec("T6", "t6_basic_economic", "一般公共预算财政拨款基本支出决算表",
              "一般公共预算基本支出部门预算经济分类预算表", "economic"),
    TableSpec("T7", "t7_three_public", "财政拨款“三公”经费支出决算表", "“三公”经费和机关运行经费预算表",
              "three_public"),
    TableSpec("T8", "t8_fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算支出功能分类预算表",
              "coded"),
    TableSpec("T9", "t9_state_capital", "国有资本经营预算财政拨款收入支出决算表",
              "国有资本经营预算支出功能分类预算表", "coded"),
    # Budget tables some regions publish besides the nine (江苏: 12 张公开表).
    TableSpec("Y1", "ty1_appropriation_expenditure", "", "财政拨款支出预算表（功能科目）", "coded",
              (("合计", ("合计", "小计", "金额")), ("基本支出", ("基本支出",)),
               ("项目支出", ("项目支出",)))),
    TableSpec("Y2", "ty2_appropriation_basic", "", "财政拨款基本支出预算表（经济科目）", "economic",
              _ECONOMIC),
    TableSpec("Y3", "ty3_running_costs", "", "一般公共预算机关运行经费支出预算表", "economic",
              (("合计", ("机关运行经费", "金额", "合计")),)),
    TableSpec("Y4", "ty4_procurement", "", "政府采购预算表", "procurement",
              (("合计", ("总计", "合计", "金额", "预算数")),)),
    # Tables recognised and listed, not checked (so that they are not taken for T3).
    TableSpec("X1", "fa_extra_table", "机关运行经费支出决算表", "机关运行经费预算表", "extra"),
    TableSpec("X2", "fa_extra_table", "政府采购支出决算表", "政府采购预算表", "extra"),
    TableSpec("X3", "fa_extra_table", "国有资产占用情况表", "国有资产占用情况表", "extra"),
)
BY_SLOT = {spec.slot: spec for spec in TABLES}
SLOTS = tuple(f"T{i}" for i in range(1, 10))

# A table's number: `公开03表`, `公开表五`, and a leading `表三` where a space or a quote
# ends it (`表十一般公共预算…` glued would be ambiguous).
_TABLE_NUMBER = re.compile(r"公开\s*(?:\d+|[一二三四五六七八九十]+)\s*表[:：]?|公开表\s*(?:\d+|[一二三四五六七八九十]+)"
                           r"|^\s*表\s*(?:\d+|[一二三四五六七八九十]+)(?=[\s“\"'‘:：]|$)")
_GLUED_NUMBER = re.compile(r"^表(\d+|[一二三四五六七八九十]+)")
# What a title line may carry after the title: the unit's name and the unit of amounts.
_AFTER_TITLE = re.compile(r"(?:编制部门|编制单位|部门|单位)[:：].*$")


def title_text(text: str) -> str:
    """A title as printed, without what follows it on its line (部门：…, 单位：万元)."""
    return _AFTER_TITLE.sub("", re.sub(r"\s+", " ", text).strip()).strip() or text.strip()


# Every short row of every grid is asked whether it is a table's title, a 自评表's rows too;
# the key is a function of the text alone. Bounded, so that a batch keeps a flat memory.
@functools.lru_cache(maxsize=1 << 14)
def title_key(text: str) -> str:
    """A title without spaces, quotes, its number, year and 部门 prefix, and whatever follows
    it on its line: `公开03表2018年部门支出预算总表部门：某厅 单位：万元` → 支出预算总表."""
    key = _TABLE_NUMBER.sub("", normalise(text or ""))
    key = compact(key)
    key = _AFTER_TITLE.sub("", key)
    key = re.sub(r"[“”\"'‘’「」]", "", key)
    key = re.sub(r"^[一二三四五六七八九十]+[、.．]", "", key)
    key = re.sub(r"^.*?(?:(?:19|20)\d{2}年度?)", "", key) if re.search(r"(?:19|20)\d{2}年", key) else key
    return key.removeprefix("部门").removeprefix("区级").removeprefix("单位")


def match_title(text: str) -> tuple[TableSpec, bool] | None:
    """The table a title names (vocabulary `final_accounts.titles`), and whether it is the
    budget counterpart."""
    from .. import vocabulary

    key = title_key(text)
    if not key or len(key) > 40 or "说明" in key or "情况" in key:
        return None
    term = vocabulary.name_of("final_accounts.titles", key)
    glued = _GLUED_NUMBER.match(key)
    if term is None and glued:
        # `表二支出决算表`, as a PDF's text glues the number to the title: the shortest
        # number that leaves a title (表三一般公共预算… is 表三, then 一般公共预算…).
        digits = glued.group(1)
        for cut in range(1, len(digits) + 1):
            term = vocabulary.name_of("final_accounts.titles", key[1 + cut:])
            if term is not None:
                break
    if term is None:
        return None
    slot, _, basis = term.partition(".")
    spec = BY_SLOT.get(slot)
    if spec is None:
        return None
    return spec, basis == "预算"


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
