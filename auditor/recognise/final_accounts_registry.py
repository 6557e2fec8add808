"""What the nine 部门决算 tables (and their 部门预算 counterparts) are called and hold.

Tables are told apart by title, never by position: a region's set may add tables
(机关运行经费, 政府采购) or order them differently. Columns are told apart by header words.
Everything here is vocabulary; how a table is read lives in `final_accounts_layout` and
`final_accounts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import normalise
from .labels import compact


@dataclass(frozen=True)
class TableSpec:
    slot: str  # T1 … T9; X extras (listed, not read); Y budget tables without a 决算 twin
    kind: str  # the subject kind rules apply to
    final_title: str  # the 决算 table's title
    budget_title: str  # the usual 预算 counterpart
    layout: str  # coded | summary | appropriation | economic | three_public | extra
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # canonical name, header words


_INCOME = (("合计", ("本年收入合计", "收入预算合计", "合计", "小计", "金额")),
           ("财政拨款收入", ("财政拨款",)),
           ("上级补助收入", ("上级补助",)),
           ("经营收入", ("经营收入",)),
           ("事业收入", ("事业收入",)),
           ("附属单位上缴收入", ("附属单位",)),
           ("其他收入", ("其他收入",)),
           ("使用非财政拨款结余", ("非财政拨款结余",)),
           ("上年结转", ("上年结转",)))
_EXPENDITURE = (("合计", ("本年支出合计", "支出预算合计", "合计", "小计")),
                ("基本支出", ("基本支出",)),
                ("项目支出", ("项目支出",)),
                ("上缴上级支出", ("上缴上级",)),
                ("经营支出", ("经营支出",)),
                ("对附属单位补助支出", ("对附属单位",)),
                ("单位预留机动经费", ("预留机动经费",)),
                ("结转下年资金", ("结转下年",)))
_FUND = (("年初结转和结余", ("年初结转",)),
         ("年末结转和结余", ("年末结转",)),
         ("本年收入", ("本年收入",)),
         ("基本支出", ("基本支出",)),
         ("项目支出", ("项目支出",)),
         ("本年支出合计", ("本年支出合计", "本年支出小计", "合计", "小计", "本年支出", "金额")))
_ECONOMIC = (("人员经费", ("人员经费",)),
             ("公用经费", ("公用经费",)),
             ("合计", ("决算数", "预算数", "合计", "金额")))

TABLES: tuple[TableSpec, ...] = (
    TableSpec("T1", "t1_summary", "收入支出决算总表", "财务收支预算总表", "summary",
              (("决算数", ("决算数", "预算数", "金额")),)),
    TableSpec("T2", "t2_income", "收入决算表", "部门收入预算总表", "coded", _INCOME),
    TableSpec("T3", "t3_expenditure", "支出决算表", "部门支出预算总表", "coded", _EXPENDITURE),
    TableSpec("T4", "t4_appropriation", "财政拨款收入支出决算总表", "财政拨款收支预算总表",
              "appropriation",
              (("合计", ("合计",)), ("一般公共预算", ("一般公共预算",)),
               ("政府性基金预算", ("政府性基金",)), ("国有资本经营预算", ("国有资本经营",)),
               ("决算数", ("决算数", "预算数", "金额")))),
    TableSpec("T5", "t5_general_expenditure", "一般公共预算财政拨款支出决算表",
              "一般公共预算支出功能分类预算表", "coded",
              (("合计", ("合计", "小计", "金额")), ("基本支出", ("基本支出",)),
               ("项目支出", ("项目支出",)))),
    TableSpec("T6", "t6_basic_economic", "一般公共预算财政拨款基本支出决算表",
              "一般公共预算基本支出部门预算经济分类预算表", "economic", _ECONOMIC),
    TableSpec("T7", "t7_three_public", "财政拨款“三公”经费支出决算表", "“三公”经费和机关运行经费预算表",
              "three_public"),
    TableSpec("T8", "t8_fund", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算支出功能分类预算表",
              "coded", _FUND),
    TableSpec("T9", "t9_state_capital", "国有资本经营预算财政拨款收入支出决算表",
              "国有资本经营预算支出功能分类预算表", "coded", _FUND),
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
# What a title line may carry after the title: the unit's name and the unit of amounts.
_AFTER_TITLE = re.compile(r"(?:编制部门|编制单位|部门|单位)[:：].*$")


def title_text(text: str) -> str:
    """A title as printed, without what follows it on its line (部门：…, 单位：万元)."""
    return _AFTER_TITLE.sub("", re.sub(r"\s+", " ", text).strip()).strip() or text.strip()


def title_key(text: str) -> str:
    """A title without spaces, quotes, its number, year and 部门 prefix, and whatever follows
    it on its line: `公开03表2018年部门支出预算总表部门：某厅 单位：万元` → 支出预算总表."""
    key = _TABLE_NUMBER.sub("", normalise(text or ""))
    key = compact(key)
    key = _AFTER_TITLE.sub("", key)
    key = re.sub(r"[“”\"'‘’「」]", "", key)
    key = re.sub(r"^[一二三四五六七八九十]+[、.．]", "", key)
    key = re.sub(r"^.*?(?:(?:19|20)\d{2}年度?)", "", key) if re.search(r"(?:19|20)\d{2}年", key) else key
    return key.removeprefix("部门").removeprefix("区级")


def match_title(text: str) -> tuple[TableSpec, bool] | None:
    """The table a title names (vocabulary `final_accounts.titles`), and whether it is the
    budget counterpart."""
    from .. import vocabulary

    key = title_key(text)
    if not key or len(key) > 40 or "说明" in key or "情况" in key:
        return None
    term = vocabulary.name_of("final_accounts.titles", key)
    if term is None:
        return None
    slot, _, basis = term.partition(".")
    spec = BY_SLOT.get(slot)
    if spec is None:
        return None
    return spec, basis == "预算"


def column_name(spec: TableSpec, label: str) -> str | None:
    key = compact(label)
    for name, words in spec.columns:
        if any(word in key for word in words):
            return name
    return None


# 2024 政府收支分类科目, 支出功能分类 类: code → name (the names T1/T4 rows use).
CLASS_NAMES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}
CLASS_BY_NAME = {name: code for code, name in CLASS_NAMES.items()}

# 经济分类 items that the 三公 table restates (T6 item → T7 column).
THREE_PUBLIC_ITEMS = {
    "30212": "因公出国（境）费",
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "31013": "公务用车购置费",
}

# 三公 table columns: (canonical, header words), most specific first.
THREE_PUBLIC_COLUMNS = (
    ("公务用车购置费", ("购置费",)),
    ("公务用车运行维护费", ("运行维护费", "运行费")),
    ("公务用车购置及运行维护费", ("小计", "公务用车购置及运行")),
    ("因公出国（境）费", ("因公出国",)),
    ("公务接待费", ("公务接待",)),
    ("机关运行经费", ("机关运行经费",)),
    ("会议费", ("会议费",)),
    ("培训费", ("培训费",)),
    ("合计", ("合计", "三公")),
)

# The 情况说明 sections a 决算公开 carries (besides one per table): name → words of its heading.
PROSE_SECTIONS = {
    "三公经费": ("三公",),
    "机关运行经费": ("机关运行经费",),
    "政府采购": ("政府采购",),
    "国有资产占用": ("国有资产占用", "国有资产"),
    "绩效": ("绩效",),
    "名词解释": ("名词解释",),
}
