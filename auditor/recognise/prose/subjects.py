"""Claims as subjects for the rule engine (rules in `rules/prose.yaml`).

Each kind of claim becomes a `Subject` whose facts carry the figures under the names the
rules use, located where each figure stands:

| kind | one per | facts |
|---|---|---|
| `prose_breakdown` | total with its parts | 总额, 合计, 列举完整, 隐含总额, 总额变动 (when the total and every part state a change); members `部分` (`prose_part`: 金额, 占比, 占比容差, 变动额) |
| `prose_share` | share of a named base | 金额, 占比, 基数 |
| `prose_change` | value with its change | 本年数, 变动额, 增长率 (signed by their verbs), 上年数 (when stated), text 增减依据 |
| `prose_rate` | named rate of a passage | the rate (执行率, 年初预算完成率, …, 比率) and its operands (执行数, 预算, 年初预算, 全年预算, 调整数, 结余, 到位, 计划, 分子, 分母) |
| `prose_comparison` | 决算数大于/小于/等于预算数 | 决算数, 预算数, text 关系 |
| `prose_list` | run of project passages | 总预算, 总执行数 (when a sentence states the list's totals); members `项目` (`prose_project`: 预算, 执行数, 执行率, 得分, and 自评表… once linked) |
| `prose_repeat` | quantity stated twice (a 科目's amount at a paragraph's head and its 支出决算/预算安排 in it too) | 首次; members `再次` (`prose_mention`: 金额) |
| `prose_year` | year of an earlier report | 目标年份 or 预算年份, 年度 |
| `prose_wording` | template residue | text 模板残留 |
| `prose_unit` | figure missing its unit | 数值, text 应有单位 |
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from decimal import Decimal

from ...coverage import not_checked
from ...facts import derived_fact
from ...model import Document, Fact, Location, Subject, Text
from ...numbers import Quantity, normalise
from . import lexicon as lx
from .grammar import (Claim, Comparison, Figure, Group, Passage, Prose, Rate, comparable,
                      labels_match, share_of_total)
from .lookup import ClaimLookup

ONE = Decimal(1)


def _fact(name: str, figure: Figure, label: str = "", signed: bool = False) -> Fact:
    quantity = figure.signed() if signed else figure.quantity
    return Fact(name, quantity, figure.location, label or name)


def _flag(name: str, location: Location) -> Fact:
    return derived_fact(name, ONE, location, label=name)


def _order(figure: Figure) -> tuple[int, int]:
    return figure.paragraph, figure.start


# ---------------------------------------------------------------------------- lists of parts


def _share_of_group(claim: Claim, group: Group) -> bool:
    return share_of_total(claim, group)


def _nil(figure: Figure, group: Group) -> Figure:
    """A part written `0万元` among amounts shown to the 0.01 (`公务用车购置费0万元；公务接待费
    4.20万元`) is nothing, exactly: an amount that rounds to 0 but is not nothing would be
    written to the list's own decimals (0.30万元). In a list of whole amounts a 0 is rounded
    like the others."""
    quantity = figure.quantity
    if quantity.kind != "amount" or quantity.value != 0 or quantity.decimals != 0 or quantity.exact:
        return figure
    others = [p.figure for p in group.parts if p.figure is not figure]
    if group.total is not None:
        others.append(group.total.figure)
    if not any(o.quantity.kind == "amount" and o.quantity.decimals > 0 for o in others):
        return figure
    return replace(figure, quantity=replace(quantity, exact=True))


def _breakdown(group: Group) -> Subject:
    anchor = group.total.figure if group.total else group.parts[0].figure
    subject = Subject("prose_breakdown", group.name, anchor.location)
    if group.total is not None:
        subject.add(_fact("总额", group.total.figure, group.total.label))
    else:
        subject.add(_flag("隐含总额", anchor.location))
    if group.closing is not None:
        subject.add(_fact("合计", group.closing, "合计"))
    subject.add(Fact("百分之百", Quantity(Decimal(100), 0, "%", "percent", True, "100%"),
                     anchor.location, "100%"))
    if group.exhaustive or group.closing is not None:
        subject.add(_flag("列举完整", anchor.location))
    subject.texts["列举方式"] = Text(group.listing, anchor.location)
    if _changes_alike(group):
        assert group.total is not None and group.total.change is not None
        subject.add(_fact("总额变动", group.total.change, f"{group.total.label}变动额", signed=True))
        subject.add(_flag("变动齐全", anchor.location))
    shares = [p.share for p in group.parts if _share_of_group(p, group)]
    # An unnamed total is the sum of its parts: its list is whole by construction.
    plugged = (len(shares) == len(group.parts) >= 2
               and (group.exhaustive or group.total is None)
               and sum(s.quantity.value for s in shares if s) == 100)
    members = []
    for part in group.parts:
        member = Subject("prose_part", part.label or "（未命名）", part.location, parent=subject)
        member.add(_fact("金额", _nil(part.figure, group), part.label))
        if part.change is not None and "变动齐全" in subject.facts:
            member.add(_fact("变动额", part.change, f"{part.label}变动额", signed=True))
        if _share_of_group(part, group):
            assert part.share is not None
            member.add(_fact("占比", part.share, f"{part.label}占比"))
            # Shares printed to add up to exactly 100% may each carry one unit of their
            # last digit moved by the rounding that made them add up.
            decimals = part.share.quantity.decimals
            slack = ONE.scaleb(-decimals) if plugged else Decimal(0)
            member.add(Fact("占比容差", Quantity(slack, decimals, "%", "percent", True),
                            part.share.location, "占比容差"))
        members.append(member)
    subject.collections["部分"] = members
    return subject


def _changes_alike(group: Group) -> bool:
    """Whether the total and every part state a change against the same thing (比上年):
    then the parts' changes add up to the total's, when the parts are all of it."""
    claims = [group.total, *group.parts] if group.total is not None else []
    if len(claims) < 3 or any(c is None or c.change is None for c in claims):
        return False
    against = {comparable(c.compared_with or "上年") for c in claims if c is not None}
    units = {c.change.quantity.kind for c in claims if c is not None and c.change}
    return len(against) == 1 and units == {"amount"}


def _base_candidates(claim: Claim, base: str, short: str, lookup: ClaimLookup,
                     totals: list[int], core: str = "") -> list[Claim]:
    """Every claim `_base_for` may take, in reading order: those of the share's passage,
    those its base's words name (score 2 or more), and, for a base of three characters
    or fewer, every outermost total (see lookup.py: a superset, never fewer)."""
    orders = lookup.named(base, endings=True) | lookup.named(short, endings=True)
    if core:
        orders |= lookup.named(core, endings=True)
    orders.update(lookup.in_passage(claim.passage))
    if len(short) <= 3:
        orders.update(totals)
    return [lookup.claims[order] for order in sorted(orders)]


def _base_for(claim: Claim, lookup: ClaimLookup, totals: list[int]) -> Claim | None:
    """The value a share names as its base (`占政府采购支出总额的…`), stated before it."""
    if claim.share_base is None:
        return None
    base = comparable(claim.share_base)
    short = base.lstrip("总")
    # `占项目支出预算的100%` also names 项目支出 (a budget's 项目支出 is a budget): so
    # that 支出预算, which only ends the same, is not taken for it unchallenged.
    core = re.sub(r"(?:预算|决算)(?:数|额)?$", "", base)
    scored: list[tuple[int, Claim]] = []
    for other in _base_candidates(claim, base, short, lookup, totals,
                                  core if len(core) >= 2 else ""):
        if other is claim or _order(other.figure) >= _order(claim.figure):
            continue
        if other.kind != claim.kind or other.reference:
            continue
        named = max(labels_match(base, other.label), labels_match(short, other.label),
                    labels_match(core, other.label) if len(core) >= 2 else 0)
        if named < 4 and _siblings(claim.label, other.label):
            continue  # 项目支出 占全年支出的…: 基本支出 is not what the share is of
        outermost = bool(other.opens) and other.group is None
        if other.passage is not claim.passage and named < 2 \
                and not (len(short) <= 3 and outermost):
            continue  # a base from another passage must be named by its own words
        score = named
        if other.opens:
            score += 1  # a total with parts is what shares are usually of
            if other.group is None:
                score += 1  # …and the outermost one most of all
        if score >= 3 or (score >= 2 and len(short) <= 3 and other.opens):
            scored.append((score, other))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [other for score, other in scored if score == top]
    values = {other.figure.quantity.interval for other in best}
    if len(values) > 1 and not _nearest_is_clear(best, claim):
        return None  # two values answer to the base's name: which one is meant is a guess
    return best[-1]


def _siblings(a: str, b: str) -> bool:
    """Two kinds of one thing (项目支出, 基本支出: one word each before one head): neither is
    the other's base. (一般公共预算财政拨款支出 names a scope, and may be 项目支出's base.)"""
    a, b = comparable(a), comparable(b)
    return a[-2:] == b[-2:] and 1 <= len(a) - 2 <= 3 and 1 <= len(b) - 2 <= 3 \
        and a not in b and b not in a


def _bare_share_runs(passage: Passage) -> list[list[Claim]]:
    """Amounts stated one after another in a passage, each with a share of nothing named
    (`A收入…，占87.01%；B收入…，占12.30%`) and listed under no total."""
    runs: list[list[Claim]] = [[]]
    for claim in passage.claims:
        if claim.reference:
            continue
        if claim.kind == "amount" and claim.share is not None and claim.share_base is None \
                and claim.group is None:
            runs[-1].append(claim)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= 2]


def _shares_of_a_stated_sum(prose: Prose) -> list[Group]:
    """Shares of nothing named, of amounts listed under no total, whose amounts add up to
    a total stated before them (`收支预算总额5,041.50万元。` … `一般公共预算拨款收入4,386.50万元，
    占87.01%；政府性基金…620.00万元，占12.30%；其他收入35.00万元，占0.69%`): they are the
    parts of that total. Two different values that the sum could be leave them unchecked."""
    groups = []
    position = {id(claim): order for order, claim in enumerate(prose.claims)}
    for passage in prose.passages:
        for run in _bare_share_runs(passage):
            total = run[0].figure.quantity.interval
            for claim in run[1:]:
                total = total + claim.figure.quantity.interval
            first = position.get(id(run[0]))
            if first is None:
                continue
            found = [c for c in prose.claims[:first] if c.kind == "amount" and not c.reference
                     and c.figure.quantity.interval.meets(total)]
            if not found or len({c.figure.quantity.interval for c in found}) > 1:
                continue
            groups.append(Group(found[-1], list(run), listing="列举", label=found[-1].label))
    return groups


def _nearest_is_clear(best: list[Claim], claim: Claim) -> bool:
    """Whether the latest of equally named bases stands in the share's own passage."""
    return best[-1].passage is claim.passage and all(
        other.passage is not claim.passage for other in best[:-1])


def _share(claim: Claim, base: Claim) -> Subject:
    assert claim.share is not None
    subject = Subject("prose_share", claim.label, claim.share.location)
    subject.add(_fact("金额", claim.figure, claim.label))
    subject.add(_fact("占比", claim.share, f"{claim.label}占比"))
    subject.add(_fact("基数", base.figure, base.label))
    subject.texts["基数名称"] = Text(base.label, base.location)
    return subject


# ---------------------------------------------------------------------------- changes, rates


def _change(claim: Claim) -> Subject:
    stated = claim.change or claim.growth
    assert stated is not None
    subject = Subject("prose_change", _named(claim), stated.location)
    subject.add(_fact("本年数", claim.figure, claim.label))
    if claim.change is not None:
        subject.add(_fact("变动额", claim.change, "变动额", signed=True))
    if claim.growth is not None:
        subject.add(_fact("增长率", claim.growth, "增长率", signed=True))
    if claim.previous is not None:
        subject.add(_fact("上年数", claim.previous.figure, claim.previous.label))
    # Which figure the rate is of: the change stated, or (none stated) last year's value.
    basis = "变动额" if claim.change is not None else "上年数"
    subject.texts["增减依据"] = Text(basis, stated.location)
    subject.texts["比较对象"] = Text(claim.compared_with or "上年", stated.location)
    return subject


_DENOMINATOR = ("全年预算", "预算", "年初预算")
_OPERANDS = {
    "执行率": ("执行数",),
    "年初预算完成率": ("执行数", "年初预算", "全年预算"),
    "全年预算完成率": ("执行数", "全年预算"),
    "预算完成率": ("执行数",),
    "结余率": ("结余",),
    "差异率": ("执行数",),
    "节约率": ("执行数",),
    "到位率": ("到位", "计划"),
}


# Rates of spending over budget: an amount right before one is what was spent (节约率 and
# the like follow the amount saved instead).
_SPENDING_RATES = ("执行率", "年初预算完成率", "全年预算完成率", "预算完成率")


def _candidates(passage: Passage, rate: Rate) -> list[Claim]:
    """The values a rate may be computed from: stated before it in its passage.

    A rate right after a part listed under a total, in the same sentence, is about that
    part, whose own budget the prose does not give: no candidates then.
    """
    inside = set(map(id, passage.claims))
    before = [c for c in passage.claims if _order(c.figure) < _order(rate.figure)]
    if before:
        nearest = before[-1]
        if nearest.group is not None and id(nearest.group.total) in inside \
                and nearest.sentence == rate.sentence:
            return []
    found = []
    for claim in passage.claims:
        if _order(claim.figure) >= _order(rate.figure) or claim.reference:
            continue
        if claim.group is not None and claim.group.total is not None \
                and id(claim.group.total) in inside:
            continue  # a part listed under a total of the same passage
        found.append(claim)
    subject = comparable(rate.subject)
    if subject not in lx.GENERIC_SUBJECTS and len(subject) >= 2:
        found = [c for c in found if subject in comparable(c.label)]
    return found


def _latest(claims: list[Claim], role: str) -> Claim | None:
    matching = [c for c in claims if c.role == role]
    return matching[-1] if matching else None


def _nearest_amount(passage: Passage, rate: Rate) -> Claim | None:
    """The amount stated last before the rate in its sentence."""
    before = [c for c in passage.claims if c.kind == "amount" and not c.reference
              and c.sentence == rate.sentence and _order(c.figure) < _order(rate.figure)]
    return before[-1] if before else None


def _nearest_count(passage: Passage, rate: Rate) -> Claim | None:
    """The count stated last before the rate in its sentence, listed or not."""
    before = [c for c in passage.claims if c.kind == "count" and not c.reference
              and c.sentence == rate.sentence and _order(c.figure) < _order(rate.figure)]
    return before[-1] if before else None


_SPENT_WORDS = re.compile(r"(?:实际)?(?:执行数?|支出数?|决算数?|使用)$")


def _parallel_budget(passage: Passage, part: Claim) -> Claim | None:
    """The budget of a part listed under the spending, when the budget before was listed
    part by part too and exactly one of its parts bears this part's name (当年财政拨款执行
    → 当年财政拨款). None otherwise: the part's budget is not guessed."""
    if part.parent is None or part.role != "执行数":
        return None
    stem = _SPENT_WORDS.sub("", comparable(part.label))
    if len(stem) < 2:
        return None
    same = [c for c in passage.claims
            if c.kind == "amount" and c.parent is not None and c.parent.role in _DENOMINATOR
            and not c.reference and _order(c.figure) < _order(part.figure)
            and comparable(c.label) == stem]
    return same[0] if len(same) == 1 else None


def _rate(passage: Passage, rate: Rate, name: str,
          previous: Passage | None = None) -> Subject | None:
    if rate.operands is not None:
        done, target = rate.operands
        subject = Subject("prose_rate", name, rate.figure.location)
        subject.add(_fact("比率", rate.figure, rate.wording or rate.name))
        subject.add(_fact("分子", done.figure, done.label))
        subject.add(_fact("分母", target.figure, target.label))
        subject.texts["比率名称"] = Text(rate.name, rate.figure.location)
        return subject
    if rate.name in ("执行率", "预算完成率"):
        part = _nearest_amount(passage, rate)
        budget = _parallel_budget(passage, part) if part is not None else None
        if budget is not None:
            # 全年预算196.50万元，其中：当年财政拨款180.00万元…；全年实际支出183.26万元，
            # 其中：当年财政拨款执行168.45万元，执行率95.38%: the part's rate, of its own
            # budget, listed by the same name under the budget before.
            subject = Subject("prose_rate", name, rate.figure.location)
            subject.add(_fact(rate.name, rate.figure, rate.wording or rate.name, signed=True))
            subject.add(_fact("执行数", part.figure, part.label))
            subject.add(_fact("预算", budget.figure, budget.label))
            subject.add(derived_fact("调整数", Decimal(0), budget.location, kind="amount",
                                     unit=budget.figure.quantity.unit, label="调整数"))
            subject.texts["比率名称"] = Text(rate.name, rate.figure.location)
            return subject
    counted = rate.name not in _OPERANDS
    # A count rate's words name its numerator (按时办结率: 按时办结), not who it is about.
    candidates = _candidates(passage, Rate(rate.name, rate.figure, rate.wording, "",
                                           rate.sentence) if counted else rate)
    clause = _clause_counts(passage, rate) if counted else []
    if not candidates and not clause:
        return None
    subject = Subject("prose_rate", name, rate.figure.location)
    if rate.name in _OPERANDS:
        subject.add(_fact(rate.name, rate.figure, rate.wording or rate.name, signed=True))
        amounts = [c for c in candidates if c.kind == "amount"]
        nearest = _nearest_amount(passage, rate) if rate.name in _SPENDING_RATES else None
        if nearest is not None and nearest.role is None:
            # 公务用车运行维护费32,640.00元，完成预算的81.60%: the rate of the item right
            # before it, whose budget the prose does not give; not the sentence's total's.
            return None
        for role in _OPERANDS[rate.name]:
            claim = _latest(amounts, role)
            if claim is not None:
                subject.add(_fact(role, claim.figure, claim.label))
        budget = next((c for c in (_latest(amounts, r) for r in _DENOMINATOR) if c), None)
        if rate.name == "到位率" and "计划" not in subject.facts and budget is not None:
            subject.add(_fact("计划", budget.figure, budget.label))
        if budget is not None and rate.name not in ("年初预算完成率", "全年预算完成率", "到位率"):
            subject.add(_fact("预算", budget.figure, budget.label))
            adjustments = [a for a in passage.adjustments
                           if _order(budget.figure) < _order(a) < _order(rate.figure)]
            if rate.name == "执行率" and (budget.role == "全年预算" or not adjustments):
                subject.add(derived_fact("调整数", Decimal(0), budget.location, kind="amount",
                                         unit=budget.figure.quantity.unit, label="调整数"))
            if budget.role != "全年预算":
                if adjustments and rate.name == "执行率":
                    total = sum((a.signed().value for a in adjustments), Decimal(0))
                    first = adjustments[0]
                    decimals = max(a.quantity.decimals for a in adjustments)
                    quantity = Quantity(total, decimals, first.quantity.unit, "amount",
                                        False, "".join(a.text for a in adjustments))
                    subject.add(Fact("调整数", quantity, first.location, "调整数"))
        if rate.name == "全年预算完成率" and "全年预算" not in subject.facts and budget:
            subject.add(_fact("全年预算", budget.figure, budget.label))
        if rate.name == "年初预算完成率" and "年初预算" not in subject.facts and budget:
            subject.add(_fact("年初预算", budget.figure, budget.label))
    elif clause:
        if not _clause_rate(subject, clause, rate):
            return None
    else:
        stem = rate.name[:-1]
        counts = [c for c in candidates if c.kind == "count"]
        numerator = next((c for c in reversed(counts) if c.role and c.role in stem
                          and comparable(rate.subject) in comparable(c.label)), None)
        denominator = next((c for c in reversed(counts) if c.role == "受理"), None)
        if denominator is None and counts and counts[0] is not numerator:
            denominator = counts[0]
        if denominator is None and numerator is not None:
            denominator = _intake_of_item_before(passage, previous, numerator)
        nearest = _nearest_count(passage, rate)
        if nearest is not None and nearest is not numerator and nearest is not denominator:
            # 网上举报81件，办结率100%: the rate is of the count right before it, which is
            # neither operand found; pairing it with others would be a guess.
            return None
        subject.add(_fact("比率", rate.figure, rate.wording or rate.name))
        if numerator is not None:
            subject.add(_fact("分子", numerator.figure, numerator.label))
        if denominator is not None:
            subject.add(_fact("分母", denominator.figure, denominator.label))
    subject.texts["比率名称"] = Text(rate.name, rate.figure.location)
    return subject


def _what_is_counted(claim: Claim) -> str:
    """What a count counts: its label's words after its role word (全年受理政务服务事项 →
    政务服务事项), or before it when none follow (来信来访受理 → 来信来访)."""
    text = comparable(claim.label)
    found = [(text.rfind(word), word) for word in lx.COUNT_ROLES if word in text]
    if not found:
        return text
    position, word = max(found, key=lambda f: (f[0] + len(f[1]), len(f[1])))
    after = text[position + len(word):]
    return after if len(after) >= 2 else text[:position]


def _intake_of_item_before(passage: Passage, previous: Passage | None,
                           numerator: Claim) -> Claim | None:
    """The intake a count rate is of, stated in the numbered item right before the rate's
    (`1．…受理政务服务事项48,236件。` `2．…办结政务服务事项48,011件，办结率…`): the one
    受理 count there, in the numerator's unit, counting what the numerator counts."""
    if previous is None or passage.item is None or previous.item is None \
            or previous.item[0] != passage.item[0] or previous.item[1] != passage.item[1] - 1:
        return None
    counted = _what_is_counted(numerator)
    if len(counted) < 2 or counted in lx.GENERIC_SUBJECTS:
        return None
    intakes = [c for c in previous.claims if c.kind == "count" and c.role == "受理"
               and not c.reference and not c.bound
               and c.figure.quantity.unit == numerator.figure.quantity.unit]
    if len(intakes) != 1 or labels_match(counted, _what_is_counted(intakes[0])) < 2:
        return None
    return intakes[0]


def _clause_counts(passage: Passage, rate: Rate) -> list[Claim]:
    """The counts of a listed rate's own clause, when there is more than its numerator
    (`…；办结1140件，办结率95%` goes back to the sentence's total: no clause of its own)."""
    if rate.clause is None:
        return []
    counts = [c for c in passage.claims if c.kind == "count" and not c.reference
              and rate.clause <= _order(c.figure) < _order(rate.figure)]
    return counts if len(counts) >= 2 else []


def _clause_rate(subject: Subject, counts: list[Claim], rate: Rate) -> bool:
    """A count rate inside a list, of the counts of its own clause: `巡查上报40166件，办结
    39581件，办结率为98.8%` — its numerator the clause's count named by the rate's stem, its
    denominator the clause's other count. Anything else in the clause leaves it unchecked."""
    stem = rate.name[:-1]
    named = [c for c in counts if c.role and c.role in stem]
    others = [c for c in counts if c not in named]
    if len(named) != 1 or len(others) != 1 or others[0].figure.quantity.unit \
            != named[0].figure.quantity.unit:
        return False
    if _order(others[0].figure) > _order(named[0].figure) \
            or (others[0].role or "受理") != "受理":
        return False  # 办结1900件，回复1800件: the other count is no intake the rate is of
    subject.add(_fact("比率", rate.figure, rate.wording or rate.name))
    subject.add(_fact("分子", named[0].figure, named[0].label))
    subject.add(_fact("分母", others[0].figure, others[0].label))
    return True


def _named(claim: Claim) -> str:
    """A claim's name for a finding: a restatement (预算安排) is named by its 科目 too."""
    passage = claim.passage
    if passage is not None and passage.restates is not None and passage.restates[1] is claim:
        return f"{_unquoted(passage.restates[0].label)}·{claim.label}"
    return claim.label


def _unquoted(label: str) -> str:
    return re.sub(r"[“”\"「」『』]", "", label)


def _restatement(head: Claim, restated: Claim) -> Subject:
    """A 科目's amount at its paragraph's head and restated in it: one quantity said twice."""
    name = _unquoted(head.label)
    subject = Subject("prose_repeat", name, head.location)
    subject.add(Fact("首次", head.figure.quantity, head.figure.location, "段首"))
    member = Subject("prose_mention", name, restated.location, parent=subject)
    member.add(_fact("金额", restated.figure, restated.label))
    subject.collections["再次"] = [member]
    return subject


def _comparison(passage: Passage, comparison: Comparison) -> Subject | None:
    """`决算数小于预算数`: the passage's spending against the budget it names."""
    position = (comparison.paragraph, comparison.start)
    amounts = [c for c in passage.claims if c.kind == "amount" and not c.reference
               and _order(c.figure) < position
               and not (c.group is not None and c.group.total in passage.claims)]
    spent = _latest(amounts, "执行数")
    order = {"年初预算": ("年初预算", "预算", "全年预算"), "全年预算": ("全年预算", "预算"),
             "预算": ("全年预算", "预算", "年初预算")}[comparison.budget]
    budget = next((c for c in (_latest(amounts, r) for r in order) if c), None)
    if spent is None or budget is None:
        return None
    subject = Subject("prose_comparison", comparison.wording, comparison.location)
    subject.add(_fact("决算数", spent.figure, spent.label))
    subject.add(_fact("预算数", budget.figure, budget.label))
    subject.texts["关系"] = Text(comparison.relation, comparison.location)
    subject.texts["表述"] = Text(comparison.wording, comparison.location)
    return subject


# ---------------------------------------------------------------------------- projects


def _item_score(score: Claim, claims: list[Claim]) -> bool:
    """Whether a score is an item's, given with that item's weight just before it
    (`预算执行率为94.99%，该项分值10分，得分9.50分`), not the project's overall score."""
    before = [c for c in claims if c.sentence == score.sentence
              and _order(c.figure) < _order(score.figure)]
    return bool(before) and before[-1].kind == "score" and "分值" in before[-1].label


def _project(passage: Passage) -> Subject | None:
    claims = [c for c in passage.claims if not c.reference
              and not (c.group is not None and c.group.total in passage.claims)]
    amounts = [c for c in claims if c.kind == "amount"]
    budget = next((c for c in (_latest(amounts, r) for r in _DENOMINATOR) if c), None)
    spent = _latest(amounts, "执行数")
    score = _latest([c for c in claims if c.kind == "score" and not _item_score(c, claims)],
                    "得分")
    # A rate in a clause of a list (`其中：当年财政拨款执行168.45万元，执行率95.38%；…`) is that
    # part's, not the project's.
    rate = next((r for r in passage.rates if r.name == "执行率" and r.clause is None
                 and comparable(r.subject) in lx.GENERIC_SUBJECTS), None)
    present = [x for x in (budget, spent, score, rate) if x is not None]
    if budget is None and spent is None:
        return None
    if len(present) < 2 and not (passage.subject and budget is not None):
        return None  # a named project with only its budget still stands in its list
    name = passage.subject or ""
    subject = Subject("prose_project", name or "（未写明项目名称）", passage.location)
    subject.meta["named"] = bool(name)
    subject.meta["text"] = normalise(passage.text)
    subject.meta["passage"] = passage
    if name:
        subject.texts["项目名称"] = Text(name, passage.location)
    if budget is not None:
        subject.add(_fact("预算", budget.figure, budget.label))
    if spent is not None:
        subject.add(_fact("执行数", spent.figure, spent.label))
    if rate is not None:
        subject.add(_fact("执行率", rate.figure, rate.wording))
    if score is not None:
        subject.add(_fact("得分", score.figure, score.label))
    return subject


# A passage giving the project's own overall score (经综合评价，该项目绩效自评得分96.19分), not a
# department's (部门整体支出绩效自评得分) nor an indicator's (产出指标得分).
_THE_PROJECT = re.compile(r"(?:该|本)项目")
_NOT_THE_PROJECT = re.compile(r"部门|整体|单位")
_OVERALL = re.compile(r"综合|总分|自评得分|评价得分")


def _overall_score(passage: Passage) -> tuple[Claim, str] | None:
    """The one overall score a passage of no money gives, and its words up to it.

    Several scores: the dimensions' (each named by its 指标 or 执行率) and then the overall
    one in the same sentence (预算执行率得分9.49分，产出指标得分51分，…，综合自评得分为98.94
    分); anything else is not one overall score.
    """
    scores = [c for c in passage.claims if c.kind == "score" and c.role == "得分"
              and not c.reference]
    if passage.subject or any(c.kind == "amount" for c in passage.claims):
        return None
    if len(scores) > 1:
        overall = [c for c in scores if _OVERALL.search(normalise(c.label))
                   and not re.search(r"指标|分值|执行率", normalise(c.label))]
        parts = [c for c in scores if re.search(r"指标|执行率", normalise(c.label))]
        if len(overall) != 1 or len(parts) != len(scores) - 1 \
                or overall[0].sentence != parts[-1].sentence:
            return None
        text = normalise(passage.text)
        label = normalise(overall[0].label)
        return overall[0], text[:text.find(label) + len(label)]
    if len(scores) == 1:
        text = normalise(passage.text)
        label = normalise(scores[0].label)
        return scores[0], text[:text.find(label) + len(label)]
    return None


def _project_score(passage: Passage) -> Subject | None:
    """The score a one-project report gives its project, in a passage of no money."""
    found = _overall_score(passage)
    if found is None:
        return None
    score, words = found
    if not _THE_PROJECT.search(words) or _NOT_THE_PROJECT.search(words) \
            or re.search(r"指标|分值", normalise(score.label)):
        return None
    subject = Subject("prose_project", "（未写明项目名称）", passage.location)
    subject.meta.update(named=False, text=normalise(passage.text), passage=passage,
                        score_only=True)
    subject.add(_fact("得分", score.figure, score.label))
    return subject


_THE_DEPARTMENT = re.compile(r"本部门|本单位|部门整体|单位整体")


def _department_score(passage: Passage) -> Subject | None:
    """The score a 部门整体 report gives the department (本部门对2023年度部门整体支出开展了
    自评，自评得分95.93分), in a passage of no money.

    A passage naming neither the department nor a project (经自评，…综合自评得分93.64分)
    gives the score of whatever the report is on: marked `unnamed`, it is compared with a
    score table only when it is the document's one such passage (see link).
    """
    found = _overall_score(passage)
    if found is None:
        return None
    score, words = found
    if re.search(r"指标|分值|项目", normalise(score.label)) \
            or not _OVERALL.search(normalise(score.label)):
        return None
    unnamed = not _THE_DEPARTMENT.search(words)
    if unnamed and (_THE_PROJECT.search(words) or _NOT_THE_PROJECT.search(words)):
        return None
    subject = Subject("prose_project", "部门整体", passage.location)
    subject.meta.update(named=False, text=normalise(passage.text), passage=passage,
                        score_only=True, department=True, unnamed=unnamed)
    subject.add(_fact("得分", score.figure, score.label))
    return subject


def _lists(prose: Prose) -> list[Subject]:
    """Runs of consecutive passages about projects: siblings for unit comparisons."""
    lists: list[Subject] = []
    run: list[Subject] = []
    previous = -2

    def close() -> None:
        if run:
            first = run[0]
            holder = Subject("prose_list", first.name if len(run) == 1 else
                             f"{first.name}等{len(run)}个项目", first.location)
            for member in run:
                member.parent = holder
            holder.collections["项目"] = list(run)
            lists.append(holder)

    for index, passage in enumerate(prose.passages):
        if not passage.claims and not passage.rates:
            continue
        project = _project(passage)
        if project is None:
            close()
            run = []
            previous = -2
            score = _project_score(passage) or _department_score(passage)
            if score is not None:
                run = [score]  # a list of its own: it is compared with its form alone
                close()
                run = []
            continue
        if index != previous + 1 and not _only_blank_between(prose, previous, index):
            close()
            run = []
        run.append(project)
        previous = index
    close()
    totals = _StatedTotals(prose)
    for holder in lists:
        _summary(holder, totals)
    return lists


class _StatedTotals:
    """Every sentence stating a budget and then its spending (`项目预算1812.64万元，实际执行
    1500.83万元`), ordered by the budget's range, so that those whose range meets a sum
    are found by bisection instead of by reading every passage again for every list."""

    def __init__(self, prose: Prose):
        found = []
        for passage in prose.passages:
            values = [c for c in passage.claims if not c.reference]
            for first, second in zip(values, values[1:]):
                if first.kind != "amount" or second.kind != "amount" or second.role != "执行数" \
                        or lx.ROLE_FAMILY.get(first.role or "") != "预算" \
                        or first.sentence != second.sentence or second.group is not None:
                    continue
                found.append((first.figure.quantity.interval, len(found), passage, first, second))
        found.sort(key=lambda stated: stated[0].lo)
        self.stated = found
        self.lows = [stated[0].lo for stated in found]
        self.widest = max((stated[0].width for stated in found), default=Decimal(0))

    def first_meeting(self, low: Decimal, high: Decimal,
                      own: set[int]) -> tuple[Claim, Claim] | None:
        """The first in reading order, outside the passages `own`, whose budget's range
        meets [low, high]."""
        # A range meeting [low, high] starts at or below high, and at or above low less
        # the widest range.
        window = self.stated[bisect_left(self.lows, low - self.widest):
                             bisect_right(self.lows, high)]
        meeting = [stated for stated in window if stated[0].lo <= high and low <= stated[0].hi
                   and id(stated[2]) not in own]
        if not meeting:
            return None
        first = min(meeting, key=lambda stated: stated[1])
        return first[3], first[4]


def _summary(holder: Subject, totals: _StatedTotals) -> None:
    """The totals a report states for a list of projects: `项目预算1812.64万元，实际执行1500.83万元`.

    A value stated elsewhere with a budget's role whose range meets the sum of the listed
    projects' budgets, followed in its sentence by the spending, is the list's total: the
    listed spendings must then add up to that spending.
    """
    members = holder.collections["项目"]
    budgets = [m.facts["预算"] for m in members if "预算" in m.facts]
    if len(budgets) < 3 or len(budgets) != len(members):
        return
    low = sum(f.interval.lo for f in budgets)
    high = sum(f.interval.hi for f in budgets)
    found = totals.first_meeting(low, high, {id(m.meta["passage"]) for m in members})
    if found is not None:
        first, second = found
        holder.add(_fact("总预算", first.figure, first.label))
        holder.add(_fact("总执行数", second.figure, second.label))


def _only_blank_between(prose: Prose, first: int, last: int) -> bool:
    if first < 0:
        return False
    return all(not p.claims and not p.rates and not re.match(r"\s*(?:[一二三四五六七八九十]+、|"
                                                               r"[（(][一二三四五六七八九十]+[)）])",
                                                               normalise(p.text))
               for p in prose.passages[first + 1:last])


# ---------------------------------------------------------------------------- repeats

_SPECIFIC = 6  # characters a label needs to name one quantity wherever it stands


def _repeat_key(claim: Claim) -> tuple | None:
    if claim.reference or claim.bound or claim.kind != "amount":
        return None  # a target (增收80元以上) is not restated by the value reached (72元)
    label = comparable(claim.label)
    label = re.sub(r"^[\d.、．]+", "", label)
    if len(label) < _SPECIFIC or re.search(r"[，,、比较与同]", label):
        return None
    stripped = label
    for word in sorted((*lx.AMOUNT_ROLES, *lx.RELATIVE_WORDS), key=len, reverse=True):
        stripped = stripped.replace(word, "")
    if len(stripped.strip("数额金的")) < 3:
        return None  # 年初预算数, 实际完成目标: names a role, not a quantity
    if label.endswith((*lx.CHANGE_UP, *lx.CHANGE_DOWN, *lx.GROWTH_UP, *lx.GROWTH_DOWN)):
        return None  # 增减相抵后增加: the change of whatever its sentence is about
    if _CLASSIFICATION_ITEM.search(claim.label):
        return ("claim", label, claim.year, _scope(claim))
    return ("claim", label, claim.year)


# 办公费（款）, 行政运行（项）: an item of the classification names a category, whose amount
# depends on what it is an item of (基本支出, 机关运行经费, 一般公共预算 or 财政拨款).
_CLASSIFICATION_ITEM = re.compile(r"[（(][类款项][)）]")


def _scope(claim: Claim) -> str | None:
    """What the claim is listed as a part of (its list's total), None when it is not."""
    if claim.group is None:
        return None
    return comparable(claim.group.name)


def _one_scope(claims: list[Claim], sections: dict[int, str | None],
               funds: dict[int, str] | None = None) -> bool:
    """Whether the mentions of a label are not parts of lists under different totals, nor
    in the sections of different projects, nor in parts of the report about different funds
    (三、支出决算 and 五、一般公共预算财政拨款支出决算 name the same 类 over other money)."""
    projects = {sections.get(id(c.passage)) for c in claims} - {None}
    if funds is not None and len({funds.get(id(c.passage), "") for c in claims}) > 1:
        return False
    return len({_scope(c) for c in claims} - {None}) <= 1 and len(projects) <= 1


def _funds_of_parts(prose: Prose) -> dict[int, str]:
    """The money each passage's part of the report is about, by its top-level heading
    (五、一般公共预算财政拨款支出决算情况说明 → 一般公共预算财政拨款); '' for all of it."""
    current = ""
    funds: dict[int, str] = {}
    for passage in prose.passages:
        text = normalise(passage.text).strip()
        if _TOP_HEADING.match(text) and not re.search(r"[，,；;。！？]", text) and len(text) <= 40:
            current = "".join(word for word in _FUND_WORDS if word in text)
        funds[id(passage)] = current
    return funds


_FUND_WORDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")


_TOP_HEADING = re.compile(r"\s*[一二三四五六七八九十]+\s*[、.．]")


def _project_sections(prose: Prose) -> dict[int, str | None]:
    """The project whose section each passage stands in: a heading that names a project
    (（一）网格化管理经费项目) opens one; a top-level heading (二、…) closes it."""
    current: str | None = None
    sections: dict[int, str | None] = {}
    for passage in prose.passages:
        text = normalise(passage.text).strip()
        if not re.search(r"[，,；;。！？]", text) and len(text) <= 40:
            name = re.sub(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）]?\s*[、.．]?)", "", text)
            if lx.PROJECT_SUFFIX.search(name.rstrip("：:")):
                current = name
            elif _TOP_HEADING.match(text):
                current = None
        sections[id(passage)] = current
    return sections


def _repeats(prose: Prose, lists: list[Subject]) -> list[Subject]:
    mentions: dict[tuple, list[tuple[Fact, str]]] = {}
    claims_of: dict[tuple, list[Claim]] = {}
    in_projects = {id(project.meta["passage"]) for holder in lists
                   for project in holder.collections["项目"]}
    for claim in prose.claims:
        if id(claim.passage) in in_projects:
            continue  # compared project by project instead
        key = _repeat_key(claim)
        if key is not None:
            mentions.setdefault(key, []).append((_fact("金额", claim.figure, claim.label),
                                                 claim.label))
            claims_of.setdefault(key, []).append(claim)
    sections = _project_sections(prose)
    funds = _funds_of_parts(prose)
    for key, claims in claims_of.items():
        if not _one_scope(claims, sections, funds):
            del mentions[key]  # the same words under two totals: two quantities, or a guess
    for holder in lists:
        for project in holder.collections["项目"]:
            if not project.meta.get("named"):
                continue
            name = _project_key(project.name)
            for role in ("预算", "执行数", "执行率", "得分"):
                fact = project.facts.get(role)
                if fact is not None:
                    mentions.setdefault(("project", name, role), []).append(
                        (Fact("金额", fact.quantity, fact.location, f"{project.name}{role}"),
                         f"{project.name}{role}"))
    subjects = []
    for key, found in mentions.items():
        if len(found) < 2:
            continue
        first, label = found[0]
        subject = Subject("prose_repeat", label, first.location)
        subject.add(Fact("首次", first.quantity, first.location, "前文"))
        members = []
        for fact, _ in found[1:]:
            if fact.location == first.location:
                continue
            member = Subject("prose_mention", label, fact.location, parent=subject)
            member.add(fact)
            members.append(member)
        if members:
            subject.collections["再次"] = members
            subjects.append(subject)
    return subjects


def _project_key(name: str) -> str:
    key = comparable(name)
    return re.sub(r"(?:项目)$", "", key)


# ---------------------------------------------------------------------------- wording

# Template words a writer was to replace: alternatives left side by side, XX placeholders
# (not the masked digits of a telephone or ID number: 0791-8652XXXX),
# and the template's own instruction under an empty table (also in FA204 for workbooks).
_RESIDUE = re.compile(r"(?:增长|下降|增加|减少|上升|降低)[（(](?:增长|下降|增加|减少|上升|降低)[)）]"
                      r"|(?<![A-Za-z\dXＸ×])[XＸ×]{2,}(?![A-Za-z\d])|(?<![A-Za-z\dxｘ])[xｘ]{2,}(?![A-Za-z\d])"
                      r"|仍保留该表格式[，,]?并?在本表下方作下述说明|仍保留该表格式|在本表下方作下述说明")
# The fields a published form masks for privacy: ×× there is a redaction, not a placeholder.
_MASKED_FIELD = re.compile(r"(?:填表人|填报人|联系人|负责人|经办人|审核人|联系电话|电话|手机|身份证号?)"
                           r"[：:]\s*[^，,。；;：:]{0,12}$")
# An amount left blank: the unit right after the verb that should carry the figure
# (`政府性基金支出预算支出 万元。`).
_BLANK_AMOUNT = re.compile(r"(?<![\d.,，%])(?:为|是|支出|收入|安排|增加|减少|共计|达到|拨付)"
                           r"\s*(?:万元|亿元|元)(?=[。，,；;）)]|$)")
# `X（类）Y（项）`: a 项 hangs under a 款, so an X that no 类 is called is the 款, labelled 类.
_CLASS_THEN_ITEM = re.compile(r"(?P<name>[^，,。；;：:、（）()\d“”\"\s．.]{2,20})（类）"
                              r"[^，,。；;：:、（）()\d“”\"\s]{2,30}（项）")
_STALE_TARGET = re.compile(r"(?:超额完成|完成|实现|达到|超过)[^，,。；;]{0,6}?((?:19|20)\d{2})\s*年度?的?"
                           r"[^，,。；;]{0,6}?(?:目标|任务|计划|指标)")
_STALE_DEADLINE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:\d{1,2}\s*月)?\s*(?:底|末|年底)?\s*"
                             r"(?:前|以前|之前)\s*(?:完成|实施|启动|上线|建成|实现)")
_BUDGET_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:年初预算|年初预算数)")
# …not the year whose budget a section reports executed (2022年预算执行情况).
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:部门|单位)?(?:决算|预算(?!执行))"
                          r"(?:情况说明|说明|报表|表)?")
# The template's sentence on the units a disclosure covers (纳入本部门2019年部门汇总预算编制
# 范围的预算单位共计1家): its year is the disclosure's own.
_SCOPE_YEAR = re.compile(r"纳入[^，,。；;]{0,12}?((?:19|20)\d{2})\s*年度?[^，,。；;]{0,12}?"
                         r"(?:预算|决算)(?:的)?编制范围")
_YEAR_END = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")
_HEADING_TEXT = re.compile(r"[，,；;。！？]")


def _is_class_name(name: str) -> bool:
    """Whether a 支出功能分类 类 is called so (its 支出 may be left off: 住房保障（类）)."""
    from ..final_accounts_registry import class_code

    return any(class_code(candidate) for candidate in (name, f"{name}支出"))


# A section heading that opens with its year (四、2021年“三公”经费支出预算情况), and the year
# a sentence of a section's opening states first.
_SECTION_HEAD_YEAR = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*"
                                r"((?:19|20)\d{2})\s*年度?(?![\d月])")
_FIRST_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ITEM_TITLE = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(][\d一二三四五六七八九十]+[)）])\s*[^，,；;。：:]{1,12}[。：:]")


def _section_year(document: Document, index: int, text: str, year: int) -> Subject | None:
    """A section heading whose year is not the report's while its section opens by stating
    the report's year (`四、2021年“三公”经费支出预算情况` over `2022年“三公”经费预算…`):
    a heading left over from an earlier report. A section that opens otherwise (on the year
    its heading names, or on none) is not judged."""
    match = _SECTION_HEAD_YEAR.match(text)
    if match is None or int(match.group(1)) == year or _REPORT_YEAR.search(text):
        return None
    for following in document.paragraphs[index + 1:index + 5]:
        body = normalise(following.text).strip()
        if not body or not _HEADING_TEXT.search(body):
            continue  # a sub-heading (（一）产出情况)
        body = _ITEM_TITLE.sub("", body, count=1)  # 1.登记业务量。2020年共受理…
        first = _FIRST_YEAR.search(body[:40])
        if first is None or first.start() > 12 or int(first.group(1)) != year:
            return None
        location = document.paragraphs[index].location_at(match.start(1))
        return _year_subject("报告年份", int(match.group(1)), year, text, text[-40:], location)
    return None


def _year_subject(name: str, found: int, year: int, context: str, title: str,
                  location: Location) -> Subject:
    """A year the prose states (`name`: 报告年份, 目标年份 …) beside the report's own."""
    subject = Subject("prose_year", title, location)
    subject.add(derived_fact(name, Decimal(found), location, label=name))
    subject.facts[name] = replace(subject.facts[name], quantity=Quantity(
        Decimal(found), 0, "年", "number", True, f"{found}年"))
    subject.add(derived_fact("年度", Decimal(year), location, label="年度"))
    subject.texts["语境"] = Text(context, location)
    return subject


def _wording(document: Document, prose: Prose, year: int | None) -> list[Subject]:
    subjects = []
    final_accounts = any("决算" in normalise(p.text) for p in document.paragraphs[:40])
    for passage in prose.passages:
        for index in passage.paragraphs:
            paragraph = document.paragraphs[index]
            text = normalise(paragraph.text)
            for match in _RESIDUE.finditer(text):
                if _MASKED_FIELD.search(text[max(0, match.start() - 24):match.start()]) \
                        and match.start() > 0 and "\u4e00" <= text[match.start() - 1] <= "\u9fff":
                    continue  # 填表人：周××: a name masked (a number's are after its digits)
                location = paragraph.location_at(match.start())
                subject = Subject("prose_wording", match.group(0), location)
                subject.texts["模板残留"] = Text(match.group(0), location)
                subjects.append(subject)
            for match in _CLASS_THEN_ITEM.finditer(text):
                name = match.group("name")
                if _is_class_name(name):
                    continue
                location = paragraph.location_at(match.start("name"))
                subject = Subject("prose_wording", f"{name}（类）", location)
                subject.texts["级次存疑"] = Text(f"{name}（类）", location)
                subjects.append(subject)
            for match in _BLANK_AMOUNT.finditer(text):
                if "单位" in text[max(0, match.start() - 4):match.start()]:
                    continue  # 金额单位均为万元: the unit stated, no amount left out
                location = paragraph.location_at(match.start())
                sentence_start = max(text.rfind(ch, 0, match.start()) for ch in "。；;，,") + 1
                words = text[max(sentence_start, match.start() - 30):match.end()]
                subject = Subject("prose_wording", words, location)
                subject.texts["金额空缺"] = Text(words, location)
                subjects.append(subject)
            if year is None:
                continue
            # A table's header row in a text export (its reader says so) is no heading.
            heading = not _HEADING_TEXT.search(text) and not paragraph.table_text
            for pattern, name in ((_STALE_TARGET, "目标年份"), (_STALE_DEADLINE, "目标年份"),
                                  (_BUDGET_YEAR, "预算年份"), (_REPORT_YEAR, "报告年份"),
                                  (_YEAR_END, "截至年份"), (_SCOPE_YEAR, "编制年份")):
                if name in ("预算年份", "截至年份") and not final_accounts:
                    continue
                if name == "报告年份" and not heading:
                    continue  # the report naming itself: its title and part headings
                for match in pattern.finditer(text):
                    found = int(match.group(1))
                    location = paragraph.location_at(match.start(1))
                    context = text[max(text.rfind("。", 0, match.start()) + 1, 0):match.end()]
                    if name == "报告年份":
                        context = text
                    subjects.append(_year_subject(name, found, year, context, context[-40:],
                                                  location))
            if heading:
                section = _section_year(document, index, text, year)
                if section is not None:
                    subjects.append(section)
        for figure, unit, words in passage.bare:
            subject = Subject("prose_unit", words or figure.text, figure.location)
            subject.add(Fact("数值", figure.quantity, figure.location, words))
            subject.texts["应有单位"] = Text(unit, figure.location)
            subjects.append(subject)
    return subjects


# ---------------------------------------------------------------------------- all


def build_subjects(document: Document, prose: Prose, year: int | None) -> list[Subject]:
    document = prose.document or document
    subjects: list[Subject] = []
    grouped_shares = set()
    for group in prose.groups:
        if group.additive:
            subjects.append(_breakdown(group))
        elif group.total is not None:
            not_checked(group.total.label, "not_additive", group.total.location)
        grouped_shares.update(id(p) for p in group.parts if _share_of_group(p, group))
    for group in _shares_of_a_stated_sum(prose):
        subjects.append(_breakdown(group))
        grouped_shares.update(id(p) for p in group.parts)
    lookup = ClaimLookup(prose.claims, comparable)
    totals = [order for order, claim in enumerate(prose.claims)
              if claim.opens and claim.group is None]  # outermost totals with parts
    for claim in prose.claims:
        if claim.share is not None and id(claim) not in grouped_shares:
            base = _base_for(claim, lookup, totals)
            if base is not None:
                subjects.append(_share(claim, base))
            else:
                not_checked(claim.label, "share_base", claim.share.location)
        if claim.change is not None or (claim.growth is not None
                                        and claim.previous is not None):
            subjects.append(_change(claim))
    for order, passage in enumerate(prose.passages):
        for rate in passage.rates:
            name = f"{passage.subject}·{rate.name}" if passage.subject else rate.name
            subject = _rate(passage, rate, name,
                            prose.passages[order - 1] if order else None)
            if subject is not None:
                subjects.append(subject)
            else:
                not_checked(rate.wording or rate.name, "rate_operands", rate.figure.location)
        if passage.restates is not None:
            subjects.append(_restatement(*passage.restates))
        for words, figure in passage.unattached:
            not_checked(words, "comparison_operands", figure.location)
        for comparison in passage.comparisons:
            subject = _comparison(passage, comparison)
            if subject is not None:
                subjects.append(subject)
            else:
                not_checked(comparison.wording, "comparison_operands", comparison.location)
    lists = _lists(prose)
    subjects.extend(lists)
    subjects.extend(_repeats(prose, lists))
    subjects.extend(_wording(document, prose, year))
    return subjects
