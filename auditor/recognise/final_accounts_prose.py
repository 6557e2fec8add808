"""情况说明 against the tables: the amounts of a 决算/预算公开's prose, each bound to its cell.

The prose of a 部门决算 restates its tables section by section (一、收入支出决算总体情况说明
… 七、“三公”经费 …). The prose pack (`recognise.prose`, `rules/prose.yaml`) checks the prose
against itself — shares, growth rates, completion rates, direction words, units, years,
template residue; this module ties the prose to the tables, which only it knows:

- an amount after a table's own words (`本年收入合计2946.25万元` → 收入支出决算总表 本年收入合计;
  `一般公共服务支出（类）2106.66万元` → 一般公共预算财政拨款支出决算表 201), in the section
  that speaks of that table (a 预算's 编制说明 and its “X（类）Y（款）Z（项）”938.99万元 list too);
- the spending of a 科目 chain `X（类）Y（款）Z（项）…支出决算为B万元` → that T5 row; a 科目 the
  table names otherwise (found by its amount, when one row under the 类 has it) is reported
  as a wording warning.

A statement whose figure cannot be tied to one cell (an unknown phrase, a 科目 that is not
in the table and no amount that picks one out) is left alone: no finding from a guess. The
phrases are read with a small grammar of this module's own: the prose pack's claims carry a
label and role, not the section of a 决算 and the table cell a figure restates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..coverage import not_checked
from ..model import Document, Fact, Location, Subject, Text
from ..numbers import Quantity, normalise, scan_figures
from .final_accounts_registry import CLASS_BY_NAME
from .labels import compact, label_key

# Section headings of the 情况说明, most specific first: words → section key.
_SECTIONS = (
    ("财政拨款收入支出决算总体情况", "S4"),
    ("收入支出决算总体情况", "S1"),
    ("一般公共预算财政拨款基本支出", "S6"),
    ("一般公共预算财政拨款支出", "S5"),
    ("三公", "S7"),
    ("政府性基金", "S8"),
    ("国有资本经营", "S9"),
    ("收入决算情况", "S2"),
    ("支出决算情况", "S3"),
    ("机关运行经费", "S10"),
    ("政府采购", "S11"),
    ("国有资产", "S12"),
    ("绩效", "S13"),
    ("名词解释", "END"),
)
_BUDGET_PART = re.compile(r"预算编制说明$|其他相关情况说明$|预算收支情况说明$")
# The part whose sub-headings are its sections (B1): 编制说明, or 部门预算收支情况说明.
_B1_PART = re.compile(r"编制说明|预算收支情况说明")
_PART_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_END = re.compile(r"[。！!？?]$")

# Per section: (phrase, bundle fact it restates). The figure right after the phrase (after
# 为/是/：/支出/决算) is the statement's amount.
_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "S1": (("收入支出总计", "T1.收入总计"), ("年初结转和结余", "T1.年初结转和结余"),
           ("年末结转和结余", "T1.年末结转和结余")),
    "S2": (("本年收入合计", "T1.本年收入合计"), ("财政拨款收入", "T2.财政拨款收入"),
           ("上级补助收入", "T1.上级补助收入"), ("事业收入", "T1.事业收入"),
           ("经营收入", "T1.经营收入"), ("附属单位上缴收入", "T1.附属单位上缴收入"),
           ("其他收入", "T1.其他收入")),
    "S3": (("本年支出合计", "T1.本年支出合计"), ("年末结转和结余", "T1.年末结转和结余"),
           ("基本支出", "T3.基本支出"),
           ("项目支出", "T3.项目支出"), ("上缴上级支出", "T3.上缴上级支出"),
           ("经营支出", "T3.经营支出"), ("对附属单位补助支出", "T3.对附属单位补助支出")),
    "S4": (("财政拨款收入支出总计", "T4.收入总计"),),
    "S5": (("一般公共预算财政拨款支出", "T5.合计"),),
    "S6": (("一般公共预算财政拨款基本支出", "T5.基本支出"), ("人员经费", "T6.人员经费合计"),
           ("公用经费", "T6.公用经费合计")),
    "S7": (("因公出国（境）费", "T7.决算数.因公出国（境）费"),
           ("公务用车购置及运行维护费", "T7.决算数.公务用车购置及运行维护费"),
           ("公务用车购置", "T7.决算数.公务用车购置费"),
           ("公务用车运行维护", "T7.决算数.公务用车运行维护费"),
           ("公务接待费", "T7.决算数.公务接待费")),
}
# The same for a 部门预算 (tables in 元 are compared in 万元 through their intervals).
_BUDGET_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "B1": (("收入预算", "T1.收入总计"), ("财政拨款收入", "T4.收入总计"),
           ("事业单位经营收入", "T1.经营收入"), ("事业收入", "T1.事业收入"),
           ("其他收入", "T1.其他收入"), ("支出预算", "T1.支出总计"),
           ("财政拨款支出预算", "T4.支出总计"),
           ("一般公共预算(?:拨款)?支出预算", "T4.支出总计.一般公共预算"),
           ("政府性基金(?:预算)?(?:拨款)?支出预算", "T4.支出总计.政府性基金预算"),
           ("国有资本经营预算(?:拨款)?支出预算", "T4.支出总计.国有资本经营预算")),
    "S7": (("[“\"]?三公[”\"]?经费预算数", "T7.预算数.合计"),
           ("因公出国（境）费", "T7.预算数.因公出国（境）费"),
           ("公务用车购置及运行(?:维护)?费", "T7.预算数.公务用车购置及运行维护费"),
           ("公务用车购置费", "T7.预算数.公务用车购置费"),
           ("公务用车运行(?:维护)?费", "T7.预算数.公务用车运行维护费"),
           ("公务接待费", "T7.预算数.公务接待费")),
    "S10": (("机关运行经费(?:财政拨款)?预算(?:数)?", "T7.预算数.机关运行经费"),),
    # The year's procurement budget against the 政府采购预算表's 合计.
    "S11": (("政府采购(?:支出)?预算总额", "Y4.合计"),),
}
# Words that, right before a phrase, make it another total's (一般公共预算|支出预算).
_QUALIFIED = re.compile(r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政拨款|"
                        r"基本|项目|上级补助|事业|经营)$")
# Characters a phrase may follow and still be the table's own words (2021年度事业收入,
# 其中事业收入, 的事业收入, 本年…, and the end of the unit's name: 区商务委员会收入预算,
# 本部门机关运行经费): any other word before it makes it another thing (教育事业收入).
_OPEN_BEFORE = set("年度的中其本全为是及和与") | set("会局委办门位院校心站所处厅室队馆道府司")
# Words that may stand between a phrase and its amount.
_BRIDGE = re.compile(r"^(?:（[^（）]{0,12}）)?(?:支出|财政拨款支出)?(?:决算数?|预算数?)?(?:为|是|：|:)?\s*$")
_CHAIN = re.compile(r"([^，。；、（）\d]{2,30}?)（类）(?:([^，。；（）\d]{2,30}?)（款）)?(?:([^，。；（）\d]{2,30}?)（项）)?")
# A 科目 chain and its amount: “X（类）Y（款）Z（项）”938.99万元, also with the words that
# join them in writing (”科目20.00万元, ”支出预算为20.00万元, ”：20.00万元).
_CHAIN_AMOUNT = re.compile(r"[“\"]?(?P<chain>[^，。；“”\"]{2,60}?（项）)[”\"]?\s*"
                           r"(?:科目)?(?:支出)?(?:预算数?)?(?:安排)?(?:为|是)?[：:]?\s*"
                           r"(?P<a>[\d,.]+)\s*万元")
# A change stated with its rate, and the reason given for it (one each in a 科目's paragraph).
_CHANGE_DIRECTION = re.compile(r"比[^，。；]{0,24}?(?P<d>增加|增长|减少|下降)\s*[\d,.]+\s*[%％]")
_REASON = re.compile(r"原因(?:是|为)?[：:](?P<reason>[^。；]*)")
_REASON_OF = re.compile(r"(?P<subject>[^，、；：:\d]{2,60}?)(?:经费|支出|预算)?(?P<d>增加|增长|减少|下降)")
_DIRECTION = {"增加": "增加", "增长": "增加", "减少": "减少", "下降": "减少"}
# The 政府采购 paragraph of a 上海 决算 (the template's wording, spaces and line breaks aside).
_WAN = r"\s*(?P<a>[\d,]+(?:\.\d+)?)\s*万元"
_PROCUREMENT = {
    "政府采购总额": re.compile(r"政府采购金额\s*(?:[（(]以合同签订为准[)）])?\s*为" + _WAN),
    "预留项目中小企业成交": re.compile(
        r"在面向中小企业预留的政府采购项目中[，,]\s*由中小企业供应商中标或成交的[，,]\s*采购金额" + _WAN),
    "其他项目中小企业成交": re.compile(
        r"在其他政府采购项目中[，,]\s*由中小企业供应商中标或成交的[，,]\s*采购金额" + _WAN),
}
# The 三公 items (and the total), each with its spending and its rate of the budget:
# `公务接待费支出决算为0.39万元，完成预算的13.68%`, `公务接待费3.27万元，完成预算的65.40%`. Only
# 支出/决算/为 may stand between the item and its amount (`公务接待费预算5.00万元` is no spending).
_THREE_ITEMS = {"因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行维护费",
                "公务用车购置及运行维护费": "公务用车购置及运行维护费", "公务接待费": "公务接待费",
                "公务用车购置费": "公务用车购置费", "公务用车运行维护费": "公务用车运行维护费",
                "公务用车运行费": "公务用车运行维护费", "“三公”经费": "合计", "\"三公\"经费": "合计",
                "三公经费": "合计"}
_THREE_ITEM = re.compile(r"(?P<item>" + "|".join(re.escape(k) for k in sorted(_THREE_ITEMS, key=len, reverse=True))
                         + r")(?:财政拨款)?(?:支出)?(?:决算(?:数)?)?(?:为|是)?\s*(?P<b>[\d,.]+)\s*万元[，,]?\s*"
                         r"完成(?:年初)?预算(?:数)?的\s*(?P<r>[\d.]+)\s*[%％]")
# An item's title sentence that is only its 科目 chain, and the number that opens an item.
_CHAIN_TITLE = re.compile(r"\d{1,2}[、.．]\s*(?P<chain>[^，。；：:\d]{2,90}?（项）)[。.]?")
_ITEM_START = re.compile(r"\s*(?:\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）])")
_RATE = re.compile(r"(?P<k1>年初|全年)预算(?:数)?为?\s*(?P<a>[\d,.]+)\s*万元[，,]?\s*"
                   r"(?:(?:全年|调整后)预算(?:数)?为?\s*(?P<c>[\d,.]+)\s*万元[，,]?\s*)?"
                   r"支出决算(?:数)?为?\s*(?P<b>[\d,.]+)\s*万元"
                   r"(?:[，,。]?\s*完成(?P<k2>年初|全年)?预算(?:数)?的\s*(?P<r>[\d.]+)\s*%)?")
# A 科目's spending and its rate without the budget (`农田建设（项）：支出决算1,204.36万元，完成
# 年初预算的96.24%`): the budget is the 科目's row's in the table (`_named_row_claims`).
_OWN_RATE = re.compile(r"支出决算(?:数)?(?:为|是)?[：:]?\s*(?P<b>[\d,.]+)\s*万元[，,]?\s*"
                       r"完成(?P<k>年初|全年)预算(?:数)?的\s*(?P<r>[\d.]+)\s*[%％]")
_OWN_BASE = {"年初": "年初预算数", "全年": "全年预算数"}
_THREE_RATE = re.compile(r"年初预算为\s*(?P<a>[\d,.]+)\s*万元.{0,4}?支出决算为\s*(?P<b>[\d,.]+)\s*万元"
                         r".{0,4}?完成预算的\s*(?P<r>[\d.]+)\s*%")


@dataclass
class _Text:
    """The prose of a section joined across wrapped lines, with where each offset came from."""

    text: str
    starts: list[tuple[int, Location]]

    def location(self, offset: int) -> Location:
        where = self.starts[0][1]
        for start, loc in self.starts:
            if start <= offset:
                where = loc
        return where


def _budget_part(key: str) -> bool:
    """A budget's part heading, numbered or not (`一、2022年部门预算编制说明`); a 目录 line of
    the same words before it only starts the part early, before any amount."""
    return bool(_BUDGET_PART.search(key)) and len(key) < 30 and (
        not _HEADING.match(key) or bool(_PART_NUMBER.match(key)))


def _statements(document: Document) -> list[tuple[str, _Text]]:
    """Sentences of the 情况说明 part, by section, joined across lines and pages."""
    out: list[tuple[str, _Text]] = []
    section = ""
    started = False
    budget_part = False  # in a budget's 编制说明, whose sub-headings are its sections
    current: _Text | None = None
    for paragraph in document.paragraphs:
        # ASCII brackets as the full-width ones the grammar expects (same length: offsets hold).
        raw = normalise(paragraph.text).strip().replace("(", "（").replace(")", "）")
        key = compact(raw)
        if not key:
            continue
        if not started:
            # The part's heading ("第三部分 … 决算情况说明", perhaps wrapped over two lines).
            if key.startswith("第三部分") or ("决算情况说明" in key and not _HEADING.match(key)):
                started = True
            elif _budget_part(key):
                started = True
                section = "B1" if _B1_PART.search(key) else ""
                budget_part = section == "B1"
            continue
        if _budget_part(key):
            section = "B1" if _B1_PART.search(key) else ""
            budget_part = section == "B1"
            current = None
            continue
        if _HEADING.match(key) and len(key) < 60 and not re.search(r"\d\s*(?:万元|元|%)", key):
            found = next((name for words, name in _SECTIONS if words in key), "")
            if key.startswith(("（", "(")):
                # A sub-heading stays in its section; under a budget's 编制说明 (B1, whose
                # sub-headings are the sections: （五）“三公”经费预算) it names its own.
                section = (found or "B1") if budget_part else section or found
            else:
                section, budget_part = found, False
            if section == "END":
                if not out:
                    # 名词解释 listed in the 目录, before any statement: the part starts later.
                    started, section = False, ""
                    continue
                break
            current = None
            continue
        locations = [(0, paragraph.location)] + [
            (start, paragraph.location_at(start)) for start, _ in paragraph.line_starts if start > 0]
        if current is not None and out and out[-1][1] is current and not _END.search(
                current.text) and not _HEADING.match(key):
            base = len(current.text)
            current.text += raw
            current.starts.extend((base + start, loc) for start, loc in locations)
            continue
        current = _Text(raw, list(locations))
        out.append((section, current))
    return out


def _amount(text: str, start: int) -> tuple[Quantity, int] | None:
    """The money figure after `start`, if only bridge words stand before it."""
    for figure in scan_figures(text[start:start + 40]):
        if figure.quantity.kind != "amount":
            return None
        if not _BRIDGE.match(compact(text[start:start + figure.start])):
            return None
        return figure.quantity, start + figure.start
    return None


def _number(text: str, unit: str) -> Quantity | None:
    digits = text.replace(",", "")
    try:
        value = Decimal(digits)
    except ArithmeticError:
        return None
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    if unit == "%":
        return Quantity(value, decimals, "%", "percent", False, f"{text}%")
    return Quantity(value, decimals, unit, "amount", False, f"{text}{unit}")


def _claim(kind: str, name: str, where: Location, **facts: Quantity | Fact | None) -> Subject:
    subject = Subject(kind, name, where)
    for key, value in facts.items():
        if value is None:
            continue
        if isinstance(value, Fact):
            subject.add(Fact(key, value.quantity, value.location, value.label))
        else:
            subject.add(Fact(key, value, where, key))
    return subject


def _row_by_chain(rows: list[Subject], names: list[str | None]) -> tuple[Subject | None, bool]:
    """The T5 row a 类/款/项 chain names, and whether every name matched the table's."""
    class_code = CLASS_BY_NAME.get(label_key(names[0] or ""))
    if not class_code:
        return None, False
    by_code = {r.texts["科目编码"].text: r for r in rows}
    level = [n for n in names[1:] if n]
    candidates = [r for r in rows if r.texts["科目编码"].text.startswith(class_code)
                  and len(r.texts["科目编码"].text) == 3 + 2 * len(level)]
    for row in candidates:
        code = row.texts["科目编码"].text
        chain = [by_code.get(code[:k]) for k in range(5, len(code) + 1, 2)]
        if all(c is not None and label_key(c.texts["科目名称"].text) == label_key(n)
               for c, n in zip(chain, level)):
            return row, True
    return None, False


# A 款 or 项 named alone at the head of its statement (“（6）城乡社区环境卫生（项）：”), no
# sentence between it and the figures.
_LONE_NAME = re.compile(r"(?P<name>[^，。；、：:（）()\d\s]{2,30})（(?P<level>款|项)）[：:，,]?[^。；;]*$")


def _named_row_claims(rows: list[Subject], head: str, actual: Quantity,
                      where: Location, rate: tuple[Quantity, str, Location] | None = None,
                      whole_only: bool = False) -> list[Subject]:
    """The amount of a 款 or 项 named without its 类 against the one T5 row of that name at
    that level; a name several rows have (行政运行 under many 款) or none is not guessed.
    With the rate the statement gives (完成年初预算的96.24%: its value, the budget column it
    is of and its place), that rate against the row's budget in that column too."""
    match = _LONE_NAME.search(head)
    if match is None or not rows:
        return []
    depth = 5 if match.group("level") == "款" else 7
    # "8.农田建设（项）": the item's number is no part of the name.
    bare = match.group("name").lstrip(".．、")
    key = label_key(bare)
    same = [r for r in rows if len(r.texts["科目编码"].text) == depth
            and label_key(r.texts["科目名称"].text) == key]
    name = f"{bare}（{match.group('level')}）"
    if len(same) != 1 or "合计" not in same[0].facts or (whole_only and _both_kinds(same[0])):
        not_checked(name, "table_claim", where)
        return []
    return [_claim("fa_claim_amount", name, where, 说明值=actual, 表值=same[0].facts["合计"]),
            *_row_rate_claims(same[0], name, actual, rate)]


def _both_kinds(row: Subject) -> bool:
    """A row with both a 基本支出 and a 项目支出 amount (neither blank nor zero)."""
    def spent(name: str) -> bool:
        fact = row.facts.get(name)
        return fact is not None and fact.reported and not fact.interval.hi == fact.interval.lo == 0
    return spent("基本支出") and spent("项目支出")


def _row_rate_claims(row: Subject, name: str, actual: Quantity,
                     rate: tuple[Quantity, str, Location] | None) -> list[Subject]:
    """A statement's rate of a 科目 against the budget of its one table row, in the column
    the rate names (年初预算数); none when the table has no such column."""
    if rate is None:
        return []
    value, base, where = rate
    budget = row.meta.get("budgets", {}).get(base)
    if budget is None:
        not_checked(name, "rate_operands", where)
        return []
    return [_claim("fa_claim_row_rate", name, where, 说明决算=actual, 表预算=budget, 完成率=value)]


def _chain_claims(rows: list[Subject], names: list[str | None], actual: Quantity,
                  where: Location, chain_where: Location,
                  rate: tuple[Quantity, str, Location] | None = None) -> list[Subject]:
    """The amount a 科目 chain states against its table row; a name the table does not have
    (found by the amount, when one row under the 类 has it) as a wording warning."""
    claims: list[Subject] = []
    row, _ = _row_by_chain(rows, names)
    if row is None:
        code = CLASS_BY_NAME.get(label_key(names[0] or ""))
        depth = 3 + 2 * len([n for n in names[1:] if n])
        matches = [r for r in rows if code and r.texts["科目编码"].text.startswith(code)
                   and len(r.texts["科目编码"].text) == depth and "合计" in r.facts
                   and r.facts["合计"].interval.meets(actual.interval)]
        if len(matches) != 1:
            # Several rows or none under the 类 have the amount: which 科目 is meant is a guess.
            not_checked("".join(n for n in names if n), "table_claim", where)
            return claims
        row = matches[0]
        wrong = _claim("fa_claim_name", "".join(n for n in names if n), chain_where)
        wrong.texts["说明名称"] = Text("".join(f"{n}（{lv}）" for n, lv in zip(
            names, ("类", "款", "项")) if n), chain_where)
        wrong.texts["表名称"] = Text(_chain_name(row, rows), row.location)
        claims.append(wrong)
    if "合计" in row.facts:
        claims.append(_claim("fa_claim_amount", "".join(n for n in names if n), where,
                             说明值=actual, 表值=row.facts["合计"]))
        claims.extend(_row_rate_claims(row, "".join(n for n in names if n), actual, rate))
    return claims


def _reason_claim(statement: _Text, names: list[str | None], start: int) -> list[Subject]:
    """The direction of a 科目's change against the direction its reason gives, when the reason
    is about that same 科目 ("比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务
    经费增加"). A reason about anything else (人员增加, 项目调整) says nothing of the direction."""
    text = statement.text
    changes = list(_CHANGE_DIRECTION.finditer(text, start))
    reasons = list(_REASON.finditer(text, start))
    if len(changes) != 1 or len(reasons) != 1 or reasons[0].start() < changes[0].end():
        return []
    reason = _REASON_OF.fullmatch(reasons[0].group("reason").strip())
    if reason is None:
        return []
    own = {label_key(n) for n in names[1:] if n} | {label_key("".join(n for n in names[1:] if n))}
    if label_key(reason.group("subject")) not in own:
        return []
    change, why = changes[0], reasons[0]
    claim = _claim("fa_claim_direction", "".join(n for n in names if n),
                   statement.location(why.start("reason")))
    claim.texts["变动方向"] = Text(_DIRECTION[change.group("d")], statement.location(change.start("d")))
    claim.texts["原因方向"] = Text(_DIRECTION[reason.group("d")], statement.location(why.start("reason")))
    claim.texts["原因"] = Text(why.group("reason").strip(), statement.location(why.start("reason")))
    return [claim]


def _three_public_items(statement: _Text, start: int, table_fact) -> list[Subject]:
    """The items after the 三公 total (`其中：公务接待费支出决算为0.39万元，完成预算的13.68%`):
    each item's spending against its cell of the 三公 table, and its rate against that
    table's budget for the item, which the prose does not restate."""
    claims: list[Subject] = []
    seen: set[str] = set()
    for match in _THREE_ITEM.finditer(statement.text, start):
        item = _THREE_ITEMS[match.group("item")]
        if item in seen:
            return claims  # an item twice: which figure is its own is a guess
        seen.add(item)
        actual = _number(match.group("b"), "万元")
        rate = _number(match.group("r"), "%")
        spent, budget = table_fact(f"T7.决算数.{item}"), table_fact(f"T7.预算数.{item}")
        where = statement.location(match.start("b"))
        if actual is None or rate is None:
            continue
        name = "“三公”经费" if item == "合计" else item
        if spent is not None:
            claims.append(_claim("fa_claim_amount", f"{name}决算数", where, 说明值=actual, 表值=spent))
        if budget is not None:
            claims.append(_claim("fa_claim_item_rate", name, statement.location(match.start("r")),
                                 说明决算=actual, 表预算=budget, 完成率=rate))
    return claims


def _procurement_claims(statements: list[_Text]) -> list[Subject]:
    """The 政府采购 paragraph's amounts won by 中小企业, in the projects reserved for them and in
    the others: two parts of the year's procurement, so together no more than its total. Each
    amount must be stated once; otherwise which figure is which is a guess."""
    found: dict[str, list[tuple[Quantity, Location]]] = {name: [] for name in _PROCUREMENT}
    for statement in statements:
        for name, pattern in _PROCUREMENT.items():
            for match in pattern.finditer(statement.text):
                quantity = _number(match.group("a"), "万元")
                if quantity is not None:
                    found[name].append((quantity, statement.location(match.start("a"))))
    if not any(found.values()):
        return []
    if any(len(values) != 1 for values in found.values()):
        not_checked("政府采购中小企业成交金额", "table_claim",
                    next(values[0][1] for values in found.values() if values))
        return []
    claim = _claim("fa_claim_procurement", "政府采购", found["政府采购总额"][0][1])
    for name, values in found.items():
        claim.facts[name] = Fact(name, values[0][0], values[0][1], name)
    return [claim]


def prose_claims(document: Document, bundle: Subject, tables: dict[str, Subject],
                 kind: str = "决算") -> list[Subject]:
    claims: list[Subject] = []
    phrases = _BUDGET_PHRASES if kind == "预算" else _PHRASES
    t5_rows = tables["T5"].meta.get("rows", []) if "T5" in tables else []

    def table_fact(name: str) -> Fact | None:
        return bundle.facts.get(name)

    statements = _statements(document)
    titled: tuple[re.Match, Location] | None = None  # the 科目 an item's title sentence named
    for section, statement in statements:
        text = statement.text
        # Amounts after a table's words: the longest phrase at a place wins
        # (财政拨款支出预算 before 支出预算).
        taken: set[int] = set()
        bound: dict[int, Fact] = {}  # offset of a prose amount → the table cell it restates
        spans: list[tuple[int, int]] = []
        found_phrases = sorted(
            ((m.start(), m.end(), m.group(0), fact_name) for pattern, fact_name in phrases.get(section, ())
             for m in re.finditer(pattern if pattern[0] in "[(" or "(?" in pattern
                                  else re.escape(pattern), text)),
            key=lambda item: item[0] - item[1])
        for start, end, phrase, fact_name in found_phrases:
            if any(s < end and start < e for s, e in spans):
                continue
            if _QUALIFIED.search(text[max(0, start - 8):start]) or (
                    start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"
                    and text[start - 1] not in _OPEN_BEFORE):
                # …or 教育事业收入22905.40万元: a part of the 事业收入, not the 事业收入.
                # 一般公共预算支出预算 is not the 支出预算 its last words are: another total
                # (no phrase here names it), so neither this phrase nor one inside it binds.
                spans.append((start, end))
                continue
            found = _amount(text, end)
            if found is None:
                continue
            # The place is this phrase's even when its cell is unknown (a text extract that
            # lost the column): a shorter phrase inside it must not take its amount.
            spans.append((start, end))
            quantity, offset = found
            bridge = text[end:offset]
            if kind != "预算" and "预算" in bridge and "决算" not in bridge:
                # 公务用车购置及运行维护费支出预算为445.00万元，支出决算为426.51万元: the
                # figure after 预算 is the budget, in the 三公 table's 预算数; elsewhere the
                # table a 决算 prints holds no budget to compare it with.
                if not fact_name.startswith("T7.决算数."):
                    continue
                fact_name = fact_name.replace("T7.决算数.", "T7.预算数.", 1)
            target = table_fact(fact_name)
            if target is None or offset in taken:
                continue
            taken.add(offset)
            bound[offset] = target
            claims.append(_claim("fa_claim_amount", phrase.strip("“”\""), statement.location(offset),
                                 说明值=quantity, 表值=target))
        # 科目 chains with their amounts (a 预算's “X（类）Y（款）Z（项）”938.99万元).
        if section == "B1":
            for match in _CHAIN_AMOUNT.finditer(text):
                chain = _CHAIN.search(match.group("chain"))
                quantity = _number(match.group("a"), "万元")
                if quantity is None:
                    continue
                if chain is None:
                    # “2.城乡社区环境卫生（项）186.00万元”: a 项 named alone, against the one
                    # row of that name; the amount may be its 项目支出 only, so a row with
                    # both 基本支出 and 项目支出 is not compared.
                    claims.extend(_named_row_claims(
                        t5_rows, text[:match.start("a")], quantity,
                        statement.location(match.start("a")), whole_only=True))
                    continue
                names = [re.sub(r"^.*?[0-9]+[、.]\s*", "", chain.group(1)), chain.group(2), chain.group(3)]
                claims.extend(_chain_claims(t5_rows, names, quantity,
                                            statement.location(match.start("a")),
                                            statement.location(match.start())))
                if len(_CHAIN.findall(text)) == 1:
                    claims.extend(_reason_claim(statement, names, match.end()))
        # 类 rows listed with their amounts (section 五).
        if section == "S5":
            for match in re.finditer(r"([^，。；、：:（）\d]{2,20})（类）\s*([\d,.]+)\s*万元", text):
                name = re.sub(r"^.*?[：:；，]", "", match.group(1))
                code = CLASS_BY_NAME.get(label_key(name))
                row = next((r for r in t5_rows if r.texts["科目编码"].text == code), None)
                quantity = _number(match.group(2), "万元")
                if quantity is None:
                    continue
                if row is None:
                    # A 类 the table does not have by that name: the one with this amount.
                    same = [r for r in t5_rows if len(r.texts["科目编码"].text) == 3
                            and "合计" in r.facts and r.facts["合计"].interval.meets(quantity.interval)]
                    if len(same) == 1:
                        wrong = _claim("fa_claim_name", name, statement.location(match.start(1)))
                        wrong.texts["说明名称"] = Text(f"{name}（类）", wrong.location)
                        wrong.texts["表名称"] = Text(_chain_name(same[0], t5_rows), same[0].location)
                        claims.append(wrong)
                    elif t5_rows:
                        not_checked(f"{name}（类）", "table_claim", statement.location(match.start(2)))
                    continue
                if "合计" not in row.facts:
                    continue
                claims.append(_claim("fa_claim_amount", f"{match.group(1)}（类）",
                                     statement.location(match.start(2)),
                                     说明值=quantity, 表值=row.facts["合计"]))
        # Statements of a 科目's budget and spending: the spending against its table row
        # (the rate and the direction words are the prose pack's to check).
        # A numbered item whose first sentence is only its 科目 (“12、X（类）Y（款）Z（项）。”)
        # names the 科目 of the sentences after it, up to the next item or section.
        title = _CHAIN_TITLE.fullmatch(text.strip()) if section == "S5" else None
        if section != "S5" or _ITEM_START.match(text):
            titled = None
        rate_pattern = _THREE_RATE if section == "S7" else _RATE
        # …and in section 五, a 科目's spending with its rate and no budget (_OWN_RATE).
        own = [] if section != "S5" else [
            m for m in _OWN_RATE.finditer(text)
            if not any(r.start() <= m.start() < r.end() for r in _RATE.finditer(text))]
        for match in sorted([*rate_pattern.finditer(text), *own], key=lambda m: m.start()):
            actual = _number(match.group("b"), "万元")
            where = statement.location(match.start("b"))
            rate = None
            if match.re is _OWN_RATE:
                # Spending and its rate without the budget: the budget is the row's.
                value = _number(match.group("r"), "%")
                if value is None:
                    continue
                rate = (value, _OWN_BASE[match.group("k")], statement.location(match.start("r")))
            elif section == "S7":
                # The 三公 total's own sentence (“三公”经费财政拨款支出年初预算为…), not an
                # item's of the 其中 after it (…；公务接待费年初预算为1.50万元，支出决算为…).
                clause = re.split(r"[；;。]|其中", text[:match.start()])[-1]
                if "三公" not in clause:
                    continue
                budget = _number(match.group("a"), "万元")
                for side, figure in (("预算数", budget), ("决算数", actual)):
                    target = table_fact(f"T7.{side}.合计")
                    if target is not None and figure is not None:
                        claims.append(_claim("fa_claim_amount", f"“三公”经费{side}",
                                             where, 说明值=figure, 表值=target))
                continue
            if section != "S5" or actual is None:
                continue
            head = text[max(0, match.start() - 120):match.start()]
            chains = list(_CHAIN.finditer(head))
            if chains:
                chain = chains[-1]
                chain_where = statement.location(max(0, match.start() - 120) + chain.start())
            elif titled is not None:
                chain, chain_where = titled  # the item's title sentence names its 科目
            else:
                claims.extend(_named_row_claims(t5_rows, head, actual, where, rate))
                continue
            names = [re.sub(r"^.*?[0-9]+[、.]", "", chain.group(1) or ""), chain.group(2),
                     chain.group(3)]
            claims.extend(_chain_claims(t5_rows, names, actual, where, chain_where, rate))
        if section == "S7" and kind != "预算":
            # Each item's spending and rate, after the total's 年初预算…支出决算 sentence when
            # there is one (its own figures are read above), else anywhere in the statement.
            first = rate_pattern.search(text)
            claims.extend(_three_public_items(statement, first.end() if first else 0, table_fact))
        chain_of_title = _CHAIN.search(title.group("chain")) if title is not None else None
        if chain_of_title is not None:
            titled = (chain_of_title, statement.location(0))
    # Under its own sub-heading, the 政府采购 paragraph may stand in the section before it.
    claims.extend(_procurement_claims([statement for _, statement in statements]))
    return claims


def _chain_name(row: Subject, rows: list[Subject]) -> str:
    code = row.texts["科目编码"].text
    by_code = {r.texts["科目编码"].text: r for r in rows}
    parts = []
    for k, level in zip(range(3, len(code) + 1, 2), ("类", "款", "项")):
        node = by_code.get(code[:k])
        if node is not None:
            parts.append(f"{node.texts['科目名称'].text}（{level}）")
    return "".join(parts)


# A 万元 amount of the prose that is a table's 元 figure, digit for digit: the unit was not
# converted (1863520.00万元 for the 1,863,520.00 元 of 302). Taken only when the figure has
# enough significant digits for the match not to be chance, and when read in 万元 it dwarfs
# every other amount of the prose: a figure that is really in 万元 is a part of the
# department's money, so a table read in the wrong unit cannot make it one.
_SLIP_DIGITS = 5
_SLIP_MARGIN = 100


def _significant_digits(value: Decimal) -> int:
    digits = format(abs(value), "f").replace(".", "").strip("0")
    return len(digits)


def unit_slip_claims(document: Document, tables: dict[str, Subject]) -> list[Subject]:
    amounts: list[tuple[Quantity, Location]] = []
    for paragraph in document.paragraphs:
        if paragraph.table_text:
            continue
        for figure in scan_figures(paragraph.text):
            quantity = figure.quantity
            if quantity.kind == "amount" and quantity.unit in ("万元", "元") and not figure.per:
                amounts.append((quantity, paragraph.location_at(figure.start)))
    in_wan = sorted(q.value * q.scale / 10000 for q, _ in amounts)
    if len(in_wan) < 3:
        return []
    yuan: dict[Decimal, Fact] = {}
    for table in tables.values():
        for subject in table.walk():
            for fact in subject.facts.values():
                quantity = fact.quantity
                if fact.reported and quantity.kind == "amount" and quantity.unit == "元":
                    yuan.setdefault(quantity.value, fact)
    claims = []
    for quantity, where in amounts:
        if quantity.unit != "万元" or _significant_digits(quantity.value) < _SLIP_DIGITS:
            continue
        target = yuan.get(quantity.value)
        others = list(in_wan)
        others.remove(quantity.value)
        if target is None or not others or quantity.value < _SLIP_MARGIN * max(others):
            continue
        claims.append(_claim("fa_claim_unit", target.label or target.name, where,
                             说明值=quantity, 表值=target))
    return claims
