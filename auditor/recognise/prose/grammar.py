"""From report prose to claims: each figure with what it is and how it relates to the others.

A small grammar over the figures of a passage (a paragraph, or a numbered item with the
paragraphs that continue it). Every figure is read with its label (the words before it
back to the previous clause or figure) and classified:

- a **value**: an amount, a count or a score the prose states (`本年收入合计2735.41万元`);
- a **change** of the value before it (`比上年减少535.4万元`: signed by its verb);
- a **growth** rate of that change (`下降16.37%`), a **share** of a total (`占收入合计的99.93%`);
- a **named rate** of the passage (`执行率45.37%`, `完成年初预算的98.20%`, `办结率95%`);
- an **adjustment** of the budget (`10月调减168万元`).

Between figures, connective words shape them into claims: `其中` and `主要包括`/`主要用于以下
方面`/`分别为` open a list of parts of the value before them (nested lists too, closed by
`；` or the end of the sentence), `（含…）` includes a part, `合计`/`共计` after the parts
closes them, `X中，` at the head of a sentence lists the parts of X, and a paragraph ending
in `其中：`/`如下：` makes the numbered items that follow parts of what it states, item
by item and role by role (年初预算 with 年初预算, 支出决算 with 支出决算).

The result is data for the checks (`subjects.py`) and for any other consumer:
`read_prose(document).claims` are the values in reading order, each a `Claim` with its
label, role, change, growth, share, parts and passage; `.groups` the lists of parts; and
`.passages` the passages with their named rates and their subject (a project's name).
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass, field, replace

from ...coverage import not_checked
from ...model import Document, Location, Paragraph
from ...numbers import Quantity, normalise, scan_figures, years_in
from ...readers.tablelines import INLINE_PAGE_NUMBER as _INLINE_PAGE_NUMBER
from . import lexicon as lx
from .lookup import ClaimLookup

_CLAUSE_END = "，,；;。！？!?"
_SENTENCE_END = "。！？!?"
_SEMICOLON = "；;"
_OPEN = "（("
_CLOSE = "）)"
_URL = re.compile(r"https?://\S+|www\.\S+")
_QUOTED_NAME = re.compile(r"[“\"「『]([^”\"」』]{4,40})[”\"」』](?:项目|工作|经费)")
_ITEM = re.compile(r"^\s*(?:(?P<num>\d{1,2})\s*(?:[、.．](?!\d)|[.．](?=(?:19|20)\d\d年))|[（(](?P<pnum>\d{1,2})[)）]|"
                   r"(?P<cn>[一二三四五六七八九十]{1,3})\s*[、.．]|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[)）]|"
                   r"(?P<circ>[①-⑳]))")
_HEADING_ONLY = re.compile(r"[，,；;。！？]")
_YEAR_LEAD = re.compile(r"^(?:截至|截止)?\s*((?:19|20)\d{2})\s*年度?")
_CN_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}
# The words naming a year compared with (较2022年度的, 比2020年度决算): the whole label, or
# its end (…支出决算比2020年度决算, the figure after them that year's value).
_COMPARED_WORDS = r"(?:较|比|与|同)((?:19|20)\d{2})\s*年度?的?(?:(?:年初)?(?:预算|决算|执行|支出|收入)(?:数|额)?)?$"
_COMPARED_YEAR = re.compile("^" + _COMPARED_WORDS)
_COMPARED_AT_END = re.compile(_COMPARED_WORDS)
# (预算调整为1,452.75万元 is the budget it was adjusted to: a budget.)
_KIND_WORDS = re.compile(r"预算|决算|支出|执行|收入|结余")
_ADJUSTMENT = re.compile(r"调整(?:数|额|金额|资金)?[：:]?$")
_NAMED_KIND = re.compile(r"^上一?年度?的?(预算|决算|执行|支出)(?:数|额)?$")
_TRAILING_FIGURE = re.compile(r"[\d,]+(?:\.\d+)?\s*(?:亿元|万元|千元|元)?$")
_COMPARING = re.compile(r"比|较|同比|环比|相比|上年|去年|上一年")


# ---------------------------------------------------------------------------- records


@dataclass(eq=False)
class Figure:
    """A number in the prose: its quantity as shown, where it stands and its sign."""

    quantity: Quantity
    text: str
    location: Location
    paragraph: int  # index into the paragraphs read (`Prose.document.paragraphs`)
    start: int  # offsets in that paragraph's text
    end: int
    sign: int = 1  # −1 for 减少/下降/调减: the value is read as a signed change
    sentence: int = 0  # index of its sentence in the passage

    def signed(self) -> Quantity:
        if self.sign >= 0:
            return self.quantity
        return replace(self.quantity, value=-self.quantity.value)


@dataclass(eq=False)
class Claim:
    """A value the prose states, with what it says about it."""

    label: str  # what the value is: 本年收入合计, 财政拨款收入, 项目预算
    figure: Figure
    kind: str  # amount | count | score
    role: str | None  # 预算 年初预算 全年预算 执行数 结余 收入 受理 办结 得分 …
    year: int | None = None  # a year written with it (2021年度本年收入合计)
    change: Figure | None = None  # 比上年增加/减少 …, signed
    growth: Figure | None = None  # 增长/下降 …%, signed
    compared_with: str = ""  # 上年, 2021年年初预算
    share: Figure | None = None  # 占 …%
    share_base: str | None = None  # 占收入合计的 → 收入合计; None: the total it is part of
    group: Group | None = None  # the list it is a part of
    opens: list[Group] = field(default_factory=list)  # the lists of its parts
    passage: Passage | None = None
    sentence: int = 0
    reference: bool = False  # stated as what another is compared with (与/比 …, 上年执行数)
    previous: Claim | None = None  # its value of the year before, stated (上年执行数0.00万元)
    bound: bool = False  # a target or a limit (增收80元以上, 不少于600人次), not a value reached

    @property
    def parts(self) -> list[Claim]:
        return [part for group in self.opens for part in group.parts]

    @property
    def parent(self) -> Claim | None:
        return self.group.total if self.group else None

    @property
    def location(self) -> Location:
        return self.figure.location


@dataclass(eq=False)
class Group:
    """A total and the parts the prose lists under it."""

    total: Claim | None  # None: the parts of something unnamed (`X中，` not found)
    parts: list[Claim] = field(default_factory=list)
    listing: str = "其中"  # 其中 | 包括 | 含 | 中 | 列举 | 条目
    closing: Figure | None = None  # 合计/共计 after the parts
    role: str | None = None  # for lists of items compared role by role
    nested: bool = False
    sentence: int = 0
    label: str = ""
    additive: bool = True  # False: the parts are not of one measure; their sum is not checked
    enumerated: bool = False  # parts joined by 、 (货物…、工程…、服务…): a ； ends the list
    # Its total stands after a ； of its sentence (…；公务用车…28.30万元，其中购置费…，运行费…；
    # 公务接待费…): the list is of one item of a ；-separated series, and the next ； ends it.
    in_item: bool = False

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        if self.total is not None:
            return self.total.label
        return "（所列各项）"

    @property
    def exhaustive(self) -> bool:
        """Whether the parts are all of the total, not only some of them."""
        if self.closing is not None:
            return True
        if self.total is not None and self.total.kind == "score" and len(self.parts) >= 2:
            return True  # a score is broken down into all its dimensions
        if self.total is not None and (_covers_three_public(self.total.label, self.parts)
                                       or _covers_vehicles(self.total.label, self.parts)
                                       or _covers_basic(self.total.label, self.parts)):
            return True  # 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 are all of 三公
        if len(self.parts) >= 2 and _REMAINDER.match(comparable(self.parts[-1].label)) \
                and not any(_REMAINDER.match(comparable(p.label)) for p in self.parts[:-1]) \
                and all(p.kind == "amount" for p in self.parts) and self.total is not None \
                and self.total.kind == "amount":
            return True  # …及其他商品和服务支出13.73万元: the last part is all the rest
        shares = [p.share for p in self.parts if share_of_total(p, self)]
        if len(shares) == len(self.parts) >= 2:
            low = sum(s.quantity.interval.lo for s in shares)
            high = sum(s.quantity.interval.hi for s in shares)
            return low <= 1 <= high
        return False


def _covers_three_public(total: str, parts: list[Claim]) -> bool:
    """Whether the parts of a “三公” total name each of its three items, the vehicles as
    one item or as 购置 and 运行 both (the items are fixed nationally: their sum is all)."""
    if "三公" not in total or any(p.kind != "amount" for p in parts):
        return False
    labels = [comparable(p.label) for p in parts]
    def named(*words: str) -> bool:
        return any(all(w in label for w in words) for label in labels)
    vehicles = named("购置", "运行") or (named("购置") and (named("运行") or named("运维")))
    return named("出国") and named("接待") and vehicles and len(parts) <= 5


def _covers_vehicles(total: str, parts: list[Claim]) -> bool:
    """Whether the parts of 公务用车购置及运行（维护）费 are its 购置费 and its 运行（维护）费:
    the two it is made of, by its name."""
    text = comparable(total)
    if not ("公务用车" in text and "购置" in text and "运行" in text) or len(parts) != 2 \
            or any(p.kind != "amount" for p in parts):
        return False
    labels = [comparable(p.label) for p in parts]
    buying = [label for label in labels if "购置" in label and "运行" not in label]
    running = [label for label in labels if ("运行" in label or "运维" in label)
               and "购置" not in label]
    return len(buying) == 1 and len(running) == 1


# A part that is all the rest of its total: 其他商品和服务支出, 其他支出, 其他收入 (not a
# named kind of 其他, such as 其他交通费用, an economic classification of its own).
_REMAINDER = re.compile(r"^(?:及|和|以及)?其他(?:商品和服务支出|支出|收入|费用|资金)?$")


def _covers_basic(total: str, parts: list[Claim]) -> bool:
    """Whether the parts of a 基本支出 are its 人员经费 and its 公用经费: what it is made of,
    by definition (基本支出：人员经费和公用经费)."""
    text = comparable(total)
    if not text.endswith(("基本支出", "基本支出预算", "基本支出决算")) or len(parts) != 2 \
            or any(p.kind != "amount" for p in parts):
        return False
    return sorted(comparable(p.label) for p in parts) == sorted(("人员经费", "公用经费"))


def share_of_total(claim: Claim, group: Group) -> bool:
    """Whether the claim's share is of the total it is listed under (占收入合计的 …)."""
    if claim.share is None:
        return False
    if claim.share_base is None:
        return True
    base = comparable(claim.share_base).lstrip("总")
    if group.total is None:
        # `“三公”经费预算支出中，A…占“三公”经费的a%；B…`: the unnamed total is the sum of
        # the parts only when the list is whole, which shares adding up to 100% show.
        return (bool(group.label) and labels_match(base, group.label) >= 1
                and _shares_make_whole(group))
    return labels_match(base, group.total.label) >= 1 or base in ("合计", "总额", "总计", "")


def _shares_make_whole(group: Group) -> bool:
    """Whether every part has a share and the shares add up to 100% within their rounding."""
    shares = [part.share for part in group.parts]
    if len(shares) < 2 or any(share is None for share in shares):
        return False
    total = sum(share.quantity.value for share in shares if share is not None)
    slack = sum(Decimal(5).scaleb(-share.quantity.decimals - 1) for share in shares
                if share is not None)
    return abs(total - 100) <= slack


@dataclass(eq=False)
class Rate:
    """A rate the passage names (执行率 45.37%), to be recomputed from its values."""

    name: str  # 执行率 年初预算完成率 全年预算完成率 预算完成率 结余率 差异率 节约率 到位率 办结率 …
    figure: Figure
    wording: str  # the words before it
    subject: str  # who it is about when the words name someone ('' = the passage's)
    sentence: int = 0
    bare: bool = False  # written without its %
    # Where its clause opens when it stands in a list (after 其中 or a `；` of its sentence):
    # (paragraph, offset). Such a rate is of the counts of that clause alone.
    clause: tuple[int, int] | None = None
    # (done, target) when the words name both: `完成…1200人，完成年度目标1000人的120.00%`.
    operands: tuple[Claim, Claim] | None = None


@dataclass(eq=False)
class Comparison:
    """`决算数小于预算数`: a stated direction between two values of the passage."""

    relation: str  # 大于 | 小于 | 等于
    wording: str
    location: Location
    paragraph: int
    start: int
    budget: str  # the budget named: 预算 | 年初预算 | 全年预算


_COMPARISON = re.compile(
    r"(?P<a>决算数|支出决算数?|决算支出|实际支出数?|执行数)\s*(?:与|同|比|较)?\s*"
    r"(?P<b>全年预算数?|年初预算数?|调整后预算数?|预算数?)?\s*"
    r"(?P<rel>大于|高于|超过|多于|小于|低于|少于|等于|相等|一致|相同|(?<!基本)持平)"
    r"\s*(?P<b2>全年预算数?|年初预算数?|调整后预算数?|预算数?)?")
_RELATION = {"大于": "大于", "高于": "大于", "超过": "大于", "多于": "大于", "小于": "小于",
             "低于": "小于", "少于": "小于", "等于": "等于", "相等": "等于", "一致": "等于",
             "相同": "等于", "持平": "等于"}


def _comparisons(paragraph: Paragraph, index: int) -> list[Comparison]:
    found = []
    for match in _COMPARISON.finditer(normalise(paragraph.text)):
        budget = match.group("b") or match.group("b2")
        if not budget:
            continue
        role = "年初预算" if "年初" in budget else "全年预算" if (
            "全年" in budget or "调整后" in budget) else "预算"
        found.append(Comparison(_RELATION[match.group("rel")], match.group(0),
                                paragraph.location_at(match.start()), index, match.start(),
                                role))
    return found


@dataclass(eq=False)
class Passage:
    """A paragraph, or a numbered item with the paragraphs that continue it."""

    paragraphs: list[int]
    texts: list[str]
    location: Location
    subject: str | None = None  # the project it is about, when it names one
    claims: list[Claim] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    adjustments: list[Figure] = field(default_factory=list)
    bare: list[tuple[Figure, str, str]] = field(default_factory=list)  # (figure, slot, words)
    comparisons: list[Comparison] = field(default_factory=list)
    item: tuple[str, int] | None = None  # numbering style and number of a list item
    restates: tuple[Claim, Claim] | None = None  # (head amount of a 科目, the same restated)
    # Figures read but compared with nothing: a change whose words pick out no one value
    # (收入、支出各减少… beside two 收入), a 科目's head amount restated twice. Counted as
    # not checked.
    unattached: list[tuple[str, Figure]] = field(default_factory=list)
    intro: str | None = None  # ends by introducing the items that follow (其中：/如下：)

    @property
    def text(self) -> str:
        return "".join(self.texts)


@dataclass
class Prose:
    claims: list[Claim] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    year: int | None = None
    document: Document | None = None  # the prose read: paragraphs split mid-sentence rejoined


# ---------------------------------------------------------------------------- words


def _strip_brackets(text: str) -> str:
    return re.sub(r"[（(][^（()）]*[)）]", "", text)


def clean_label(before: str) -> tuple[str, int | None]:
    """What a figure is, from the words before it; and a year written there."""
    text = re.sub(r"\s+", "", before)
    if "：" in text or ":" in text:
        head, _, tail = text.replace(":", "：").rpartition("：")
        text = tail if tail else head
    text = text.lstrip("·•●◆■□▪-－—*、，,")
    match = _ITEM.match(text)
    if match:
        text = text[match.end():]
    changed = True
    year = None
    while changed:
        changed = False
        for word in sorted(lx.LEAD_WORDS, key=len, reverse=True):
            if text.startswith(word) and len(text) > len(word):
                text = text[len(word):].lstrip("：:，,")
                changed = True
        match = _YEAR_LEAD.match(text)
        if match:
            year = int(match.group(1))
            text = text[match.end():]
            changed = True
    changed = True
    while changed:
        changed = False
        for word in sorted(lx.TRAIL_WORDS, key=len, reverse=True):
            if word == "约" and text.endswith(("节约", "制约")):
                continue
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)]
                changed = True
    return text.strip("：:，,"), year


def role_of(label: str, roles: dict[str, str]) -> str | None:
    """The role whose keyword ends last in the label (the head noun comes last)."""
    best: tuple[int, int, str] | None = None
    for word, role in roles.items():
        position = label.rfind(word)
        if position < 0:
            continue
        key = (position + len(word), len(word), role)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def _rate_word(label: str) -> tuple[str, str] | None:
    """(canonical rate, the words before the rate word) when the label ends in a rate word."""
    text = re.sub(r"(?:为|是|达到|达|(?<![节制])约|:|：)+$", "", label)
    for word in sorted(lx.RATE_WORDS, key=len, reverse=True):
        if text.endswith(word):
            return lx.RATE_WORDS[word], text[: -len(word)]
    if text.endswith("节约"):
        return "节约率", text[:-2]
    match = lx.COUNT_RATE.search(text)
    if match:
        return match.group(1) + "率", text[: match.start()]
    return None


def _direction(text: str, up, down) -> int:
    """+1 when the text ends in a word of `up`, -1 in one of `down`, else 0."""
    if any(text.endswith(word) for word in up):
        return 1
    if any(text.endswith(word) for word in down):
        return -1
    return 0


def _growth_word(label: str) -> int:
    text = _strip_brackets(re.sub(r"(?:为|了|是|约|达)+$", "", label))
    text = re.sub(r"(?:为|了|是|约|达)+$", "", text)
    return _direction(text, lx.GROWTH_UP, lx.GROWTH_DOWN)


# A change to a new level (增加到, 降至): the figure is the level reached, not the change;
# its base is the figure after 由/从 before it.
_TRANSITION = re.compile(r"(?:增加|增长|提高|上升|减少|下降|降低|扩大|缩减)(?:到|至)$|(?:增|降|减|升)至$")
_FROM = re.compile(r"(?:由|从)")


def _change_word(label: str) -> tuple[int, str]:
    """(sign, the words before the verb) when the label ends in a verb of change."""
    text = re.sub(r"(?:了|为|约|达)+$", "", label)
    for words, sign in ((lx.CHANGE_UP, 1), (lx.CHANGE_DOWN, -1)):
        for word in sorted(words, key=len, reverse=True):
            if text.endswith(word) and (len(word) > 1 or re.search(r"(比|较)", text)):
                return sign, text[: -len(word)]
    return 0, label


def _adjust_word(label: str) -> int:
    text = re.sub(r"(?:金额|资金|预算|数|了|为|约)+$", "", label)
    return _direction(text, lx.ADJUST_UP, lx.ADJUST_DOWN)


def _bare_role(label: str) -> bool:
    """A label that is only a role (实际支出, 预算数, 办结): it names no part of anything."""
    text = comparable(label)
    for word in sorted((*lx.AMOUNT_ROLES, *lx.COUNT_ROLES), key=len, reverse=True):
        text = text.replace(word, "")
    text = text.rstrip("数额")
    return text in lx.GENERIC_SUBJECTS or len(text) <= 1


def _share_base(label: str) -> str | None:
    """`占收入合计的` → 收入合计; `占` → ''; None when the label is not a share."""
    text = label
    position = text.rfind("占")
    if position < 0:
        return None
    base = text[position + 1:]
    base = re.sub(r"^(?:比|比重|比例)", "", base)
    base = re.sub(r"(?:的|的比重|的比例|比重|比例|为|是|达|约|:|：)+$", "", base)
    return base


def comparable(label: str) -> str:
    """A label reduced for comparison: no years, quotes, 本年/当年, spaces."""
    text = re.sub(r"\s+", "", label)
    text = re.sub(r"(?:19|20)\d{2}年度?", "", text)
    text = re.sub(r"[“”\"'‘’「」『』]", "", text)
    for word in ("本年度", "本年", "当年", "本期", "全年", "年度"):
        text = text.replace(word, "")
    return text


def labels_match(wanted: str, label: str) -> int:
    """How well `label` names what `wanted` says (0: not at all; higher is better)."""
    a, b = comparable(wanted), comparable(label)
    if not a or not b:
        return 0
    if a == b:
        return 4
    short = min(len(a), len(b))
    if b.startswith(a) and short >= 3:
        return 3
    if b.endswith(a) or a.endswith(b):
        return 2 if short >= 3 else 1
    if short >= 4 and (a in b or b in a):
        return 1
    return 0


# ---------------------------------------------------------------------------- tokens


@dataclass
class _Token:
    figure: Figure
    before: str  # words back to the previous clause boundary or figure
    gap: str  # everything since the previous figure (since the paragraph start: first)
    in_brackets: str | None  # the bracket's opening words when the figure is inside （…）
    sentence: int
    first: bool


def _mask(text: str) -> str:
    """URLs, titles and document numbers hide figures that are not figures."""
    text = _URL.sub(lambda m: " " * len(m.group(0)), text)
    text = re.sub(r"〔[^〕]{0,12}〕\s*\d+\s*号", lambda m: " " * len(m.group(0)), text)
    text = re.sub(r"《[^》]{0,60}》", lambda m: " " * len(m.group(0)), text)
    return text


_MONEY_UNIT = re.compile(r"\d\s*(?:万元|亿元|千元|元)")
_COUNT_AFTER = re.compile(r"\s*[多余]?[件人次台辆个家条部项名户所座套批篇场期天类笔册张份本剂]")


def _percent_slot(before: str) -> bool:
    """Words after which a percentage stands (增长, 占…的, 执行率为)."""
    raw = re.sub(r"\s+", "", before)
    label, _ = clean_label(raw)
    return bool(_growth_word(raw) or _share_base(raw) is not None or _rate_word(label)
                or _rate_word(raw))


_AMOUNT_SLOT = re.compile(r"(?:预算|预算数|决算|决算数|支出|执行数|收入|结余|资金|经费|金额|拨款)$")


def _amount_slot(before: str) -> bool:
    """Words after which an amount stands (项目预算, 实际支出为)."""
    label, _ = clean_label(re.sub(r"\s+", "", before))
    return bool(_AMOUNT_SLOT.search(label))


def _open_bracket(text: str, position: int) -> int | None:
    """Where the bracket enclosing `position` opens, if one does."""
    depth = 0
    for index in range(position - 1, -1, -1):
        ch = text[index]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return index
            depth -= 1
        elif ch in _SENTENCE_END:
            return None
    return None


def _tokens(paragraph: Paragraph, index: int, money: bool) -> list[_Token]:
    text = normalise(paragraph.text)
    masked = _mask(text)
    tokens: list[_Token] = []
    previous_end = 0
    sentence = 0
    for found in scan_figures(masked):
        quantity = found.quantity
        start, end = found.start, found.end
        rest = masked[end:end + 4]
        if found.per or rest[:1] in "/每" or rest.startswith(("钟", "之")):
            continue
        if quantity.kind == "number" and re.match(r"\s*(?:年|月|日|号|时|季度|周)", rest):
            continue
        if quantity.kind == "number" and re.match(r"\s*倍", rest):
            continue  # 增长16倍: a multiple, not a percentage that lost its %
        if quantity.kind == "number" and quantity.unit in ("万", "亿"):
            if _COUNT_AFTER.match(rest) or not money:
                continue  # 1万多条: a count; 万 outside money talk: not an amount
            quantity = quantity.with_unit(quantity.unit + "元")
        gap = text[previous_end:start]
        boundary = max(previous_end, max(text.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1)
        opened = _open_bracket(text, start)
        in_brackets = None
        if opened is not None:
            in_brackets = text[opened + 1:start]
            boundary = max(boundary, opened + 1)
        before = text[boundary:start]
        if quantity.kind == "number" and quantity.unit is None and not _percent_slot(before) \
                and not (money and _amount_slot(before)
                         and (quantity.decimals or abs(quantity.value) >= 10)):
            continue  # a number with no unit: a code, an ordinal, a name (96005热线)
        sentence += sum(1 for ch in gap if ch in _SENTENCE_END)
        figure = Figure(quantity, text[start:end].strip(), paragraph.location_at(start), index,
                        start, end)
        tokens.append(_Token(figure, text[boundary:start], gap, in_brackets, sentence,
                             previous_end == 0))
        previous_end = end
    return tokens


_CODE_LEAD = re.compile(r"(?<![\d.])\d{3}(?:\d{2}){0,2}\s*[\u4e00-\u9fff（）()、]+\s*$")
_NEXT_NUMBER = re.compile(r"\s*[-—]?\d")


def _table_row(paragraph: Paragraph, token: _Token) -> bool:
    """A figure of a table row that text extraction glued to prose: its label opens with a
    classification code (212城乡社区支出, 2120501), or another figure follows it after
    nothing but spaces (the row's next column)."""
    if _CODE_LEAD.search(token.before):
        return True
    text = normalise(paragraph.text)
    end = token.figure.end
    spaced = text[end - 1:end].isspace() or text[end:end + 1].isspace()
    return spaced and bool(_NEXT_NUMBER.match(text, end))


# ---------------------------------------------------------------------------- passages


def _item_number(text: str) -> tuple[str, int] | None:
    match = _ITEM.match(text)
    if not match:
        return None
    if match.group("num"):
        style = "num" + ("、" if "、" in match.group(0) else ".")
        return style, int(match.group("num"))
    if match.group("pnum"):
        return "(num)", int(match.group("pnum"))
    if match.group("cn"):
        return "cn", _CN_DIGITS.get(match.group("cn")[-1], 0) if len(match.group("cn")) == 1 \
            else 10 + _CN_DIGITS.get(match.group("cn")[-1], 0)
    if match.group("pcn"):
        return "(cn)", _CN_DIGITS.get(match.group("pcn")[-1], 0)
    return "circ", ord(match.group("circ")) - ord("①") + 1


_BULLET = re.compile(r"^\s*[·•●◆■□▪]")


def _passages(document: Document) -> list[Passage]:
    """Paragraphs as passages; a numbered item keeps the paragraphs that continue it.

    An item continues onto the next paragraphs when it ends by introducing them (`其中：`)
    or when the text is a PDF extract, where a line ending in `。` split the item.
    """
    passages: list[Passage] = []
    current: Passage | None = None
    for index, paragraph in enumerate(document.paragraphs):
        text = normalise(paragraph.text)
        numbered = _item_number(text)
        heading = numbered is not None and not _HEADING_ONLY.search(text)
        continues = (current is not None and current.item is not None and numbered is None
                     and not _BULLET.match(text) and bool(_HEADING_ONLY.search(text))
                     and bool(_HEADING_ONLY.search(current.texts[0]))
                     and (paragraph.location.page is not None
                          or current.text.rstrip().endswith(("：", ":"))))
        if continues:
            assert current is not None
            current.paragraphs.append(index)
            current.texts.append(paragraph.text)
            continue
        current = Passage([index], [paragraph.text], paragraph.location,
                          item=numbered if numbered and not heading else None)
        passages.append(current)
    return passages


# ---------------------------------------------------------------------------- the parse


class _Parser:
    def __init__(self, document: Document, prose: Prose):
        self.document = document
        self.prose = prose
        self.named = ClaimLookup(prose.claims, comparable)

    def passage(self, passage: Passage) -> None:
        money = bool(_MONEY_UNIT.search(normalise(passage.text))) or any(
            w in passage.text for w in ("预算", "经费", "资金", "金额"))
        stack: list[Group] = []  # open lists, innermost last
        sentence_base = 0
        list_mode = False
        for index in passage.paragraphs:
            paragraph = self.document.paragraphs[index]
            body = _ITEM.sub("", normalise(paragraph.text), count=1)
            if not re.search(r"[，,；;。：:！？]", re.sub(r"(?<=\d),(?=\d{3})", "", body)):
                continue  # a title, or a table row flattened to text
            if paragraph.table_text:
                continue  # a row of a table (its reader says so): its cells are not sentences
            tokens = _tokens(paragraph, index, money)
            passage.comparisons.extend(_comparisons(paragraph, index))
            last_sentence = sentence_base
            for token in tokens:
                token.sentence += sentence_base
                token.figure.sentence = token.sentence
                self._gap(passage, token, stack)
                self._token(passage, token, stack)
                last_sentence = token.sentence
            ending = normalise(paragraph.text).rstrip()
            if ending.endswith(("：", ":")):
                # `……其中：` and the parts on the paragraphs that follow.
                tail = ending[tokens[-1].figure.end:] if tokens else ending
                if passage.claims and (lx.WHERE_OF in tail
                                       or any(w in tail for w in lx.PART_OPENERS)):
                    self._open(passage, stack, "其中" if lx.WHERE_OF in tail else "包括",
                               last_sentence)
                list_mode = bool(stack)
            elif not list_mode:
                stack.clear()  # a paragraph ends its sentence
            sentence_base = last_sentence + 1
        passage.subject = _project_name(passage)
        passage.restates = _restated_head(passage)
        if passage.restates is _TWICE:
            passage.restates = None
            head = next(c for c in passage.claims if c.kind == "amount")
            passage.unattached.append((head.label, head.figure))
        intro = normalise(passage.texts[-1]).strip()
        if lx.LIST_INTRO.search(intro) or lx.LIST_INTRO_LABEL.search(intro):
            passage.intro = intro

    # -- markers between figures

    def _gap(self, passage: Passage, token: _Token, stack: list[Group]) -> None:
        gap = token.gap
        # Walk the gap left to right: sentence ends, semicolons and openers in order.
        position = 0
        sentence = token.sentence - sum(1 for ch in gap if ch in _SENTENCE_END)
        if token.first and not stack:
            self._of_clause(passage, gap, sentence, stack, token)
        while position < len(gap):
            ch = gap[position]
            if ch in _SENTENCE_END:
                sentence += 1
                stack.clear()
                position += 1
                # `X中，` at the head of a sentence lists the parts of X; so does a
                # numbered enumeration right after a sentence stating one value.
                self._of_clause(passage, gap[position:], sentence, stack, token)
                if not stack and re.match(r"\s*(?:1\s*[、.．](?!\d)|[（(]1[)）]|①)",
                                          gap[position:]):
                    previous = [c for c in passage.claims if c.sentence == sentence - 1
                                and not c.reference]
                    if previous and len({c.kind for c in previous}) == 1 and \
                            len(previous) == 1:
                        self._open(passage, stack, "列举", sentence)
                continue
            if ch in _SEMICOLON:
                while len(stack) > 1 and stack[-1].nested:
                    stack.pop()
                if stack and (stack[-1].enumerated or stack[-1].in_item
                              or _procurement_kinds(stack[-1])):
                    stack.pop()  # `其中货物…、工程…、服务…；授予中小企业…`: the list is over
                position += 1
                continue
            if gap.startswith(lx.BESIDES, position) and (
                    position == 0 or gap[position - 1] in _CLAUSE_END):
                stack.clear()  # `其中：在编26人，编外7人；另有退休人员14人`: not one of them
                position += 2
                continue
            if gap.startswith(lx.WHERE_OF, position) and not self._bracketed(gap, position):
                self._open(passage, stack, "其中", sentence, token, _named_before(gap, position))
                position += len(lx.WHERE_OF)
                continue
            opener = next((w for w in sorted(lx.PART_OPENERS, key=len, reverse=True)
                           if gap.startswith(w, position)), None)
            if opener is not None:
                if not self._bracketed(gap, position):
                    self._open(passage, stack, "包括", sentence, token,
                               _named_before(gap, position))
                position += len(opener)
                continue
            position += 1

    @staticmethod
    def _bracketed(gap: str, position: int) -> bool:
        opened = max(gap.rfind(ch, 0, position) for ch in _OPEN)
        closed = max(gap.rfind(ch, 0, position) for ch in _CLOSE)
        return opened > closed

    def _of_clause(self, passage: Passage, text: str, sentence: int, stack: list[Group],
                   token: _Token) -> None:
        match = re.match(r"\s*(?P<label>[^，,；;。:：]{2,60}?)中[，,:：]", text)
        if not match or match.group("label").startswith(("在", "其", "集")):
            return
        # 江苏省委办公厅2019年度一般公共预算拨款安排的“三公”经费预算支出中: what is listed is
        # what follows the last 的.
        label = re.sub(r"^.*的(?=.{2})", "", match.group("label"))
        if len(label) > 30:
            return
        total = self._find(label, passage, before=token.figure)
        group = Group(total, listing="中", sentence=sentence,
                      label="" if total else label)
        if total is not None:
            total.opens.append(group)
        stack.append(group)
        self.prose.groups.append(group)

    def _open(self, passage: Passage, stack: list[Group], listing: str, sentence: int,
              first: _Token | None = None, named: str = "") -> None:
        values = [c for c in passage.claims if not c.reference]
        if not values:
            return
        total = values[-1]
        if named and named not in comparable(total.label) \
                and comparable(total.label) not in named and not labels_match(named, total.label):
            # `…年初结转和结余115.42万元；支出总计包括…`: the list names what it breaks down,
            # and that is not the value before it.
            not_checked(named, "list_parent", total.location)
            stack.clear()
            return
        if lx.TARGET.search(total.label):
            # 超额完成目标任务22000件，其中…: what follows details what was done, not the target.
            stack.clear()
            return
        stated = [c for c in values if c.sentence == total.sentence and c.group is None]
        if total.sentence < sentence and len(stated) > 1:
            # `…因公出国费70万元，…公务接待费27万元。具体如下：` opens a new sentence about
            # the whole one before, not about its last value. Only a first part of the same
            # measure as exactly one of them (`收入…，支出…。其中：基本支出…`) says which it
            # breaks down; otherwise it is counted, not guessed.
            total = _same_measure(stated, first) if first is not None else None
            if total is None:
                not_checked(values[-1].label, "list_parent", values[-1].location)
                stack.clear()
                return
        nested = bool(stack) and total.group is stack[-1]
        if nested and _parallel_totals(stack[-1].total, total):
            # `收入总计944.40万元，其中…；支出总计944.40万元，其中…`: a second total of the
            # same rank, with its own parts, is no part of the first.
            stack[-1].parts.remove(total)
            total.group = None
            nested = False
        if not nested:
            stack.clear()
        group = Group(total, listing=listing, nested=nested, sentence=sentence,
                      in_item=total.sentence == sentence and self._opens_own_clause(total.figure, []))
        total.opens.append(group)
        stack.append(group)
        self.prose.groups.append(group)

    # -- one figure

    def _token(self, passage: Passage, token: _Token, stack: list[Group]) -> None:
        figure = token.figure
        quantity = figure.quantity
        label, year = clean_label(token.before)
        raw = re.sub(r"\s+", "", token.before)
        if token.in_brackets is not None and quantity.kind in ("amount", "count", "score"):
            self._bracketed_figure(passage, token, label, year, stack)
            return
        if quantity.kind == "number" and quantity.unit is None and not _percent_slot(raw):
            if _table_row(self.document.paragraphs[figure.paragraph], token):
                return  # 212城乡社区支出15411.43: a table's row in the text, its unit in the header
            # 项目预算126，实际支出43.04万元: an amount written without its unit.
            units = [t.figure.quantity.unit for t in self._money(passage)]
            passage.bare.append((figure, max(set(units), key=units.count) if units else "万元",
                                 raw))
            return
        if quantity.kind == "percent" or (quantity.kind == "number" and quantity.unit is None):
            self._percent(passage, token, label, raw, stack)
            return
        if quantity.kind not in ("amount", "count", "score"):
            return
        adjust = _adjust_word(label) if quantity.kind == "amount" else 0
        if adjust:
            figure.sign = adjust
            passage.adjustments.append(figure)
            return
        if _TRANSITION.search(raw) and self._transition(passage, token, year):
            return
        sign, subject = _change_word(label)
        if sign and not _COMPARING.search(self._sentence_text(figure)):
            sign = 0  # 支持商销稳增长30.00万: a name, not a change; changes compare with something
        if sign:
            figure.sign = sign
            self._change(passage, token, subject)
            return
        if label in lx.CLOSING_TOTALS or re.fullmatch(r"(?:合计|共计|总计)(?:为)?", label):
            if stack and stack[-1].parts and stack[-1].closing is None:
                stack[-1].closing = figure
                stack.pop()
                return
        roles = {"amount": lx.AMOUNT_ROLES, "count": lx.COUNT_ROLES,
                 "score": lx.SCORE_ROLES}[quantity.kind]
        if label in lx.CLOSING_TOTALS:
            label = self._clause_before(figure) + label
        previous_year = bool(lx.PREVIOUS_YEAR.match(label))
        # `X支出决算比2020年度决算41.20万元减少4.68万元`: the figure after the words that
        # name the year compared with is that year's value, not X's own.
        compared = _COMPARED_AT_END.search(raw)
        if compared is not None:
            year = int(compared.group(1))
        # 年中预算调整319.34万元: the change made to the budget (either way), not a budget.
        role = None if _ADJUSTMENT.search(raw) else role_of(label, roles)
        claim = Claim(label, figure, quantity.kind, role, year,
                      passage=passage, sentence=token.sentence,
                      reference=previous_year or compared is not None
                      or bool(re.match(r"(?:与|比|较|同)", raw)))
        claim.bound = self._bound(figure, raw)
        # A part of the innermost open list, when it is the same kind of figure; last
        # year's value stated beside a part is that part's base, not another part.
        # A value compared with (较2022年度的2,214.90万元) is no part of the list it stands in.
        while stack and not previous_year and not claim.reference:
            group = stack[-1]
            total_kind = group.total.kind if group.total else (
                group.parts[0].kind if group.parts else quantity.kind)
            conflict = (group.total is not None and group.total.role and claim.role
                        and lx.ROLE_FAMILY.get(group.total.role)
                        and lx.ROLE_FAMILY.get(claim.role)
                        and lx.ROLE_FAMILY[group.total.role] != lx.ROLE_FAMILY[claim.role]
                        and _bare_role(claim.label)
                        and not _sibling_class(claim, group))
            if conflict:
                stack.pop()
                continue
            if total_kind != quantity.kind:
                break
            like = group.total or (group.parts[0] if group.parts else None)
            if quantity.kind == "count" and like is not None \
                    and like.figure.quantity.unit != quantity.unit:
                break  # 0台 is not one of the 辆 of a fleet
            if group.parts and "、" in token.gap and not re.search(r"[，,；;。]", token.gap):
                group.enumerated = True
            group.parts.append(claim)
            claim.group = group
            break
        passage.claims.append(claim)
        self.prose.claims.append(claim)

    def _money(self, passage: Passage) -> list[_Token]:
        found = []
        for index in passage.paragraphs:
            for token in _tokens(self.document.paragraphs[index], index, True):
                if token.figure.quantity.kind == "amount":
                    found.append(token)
        return found

    def _bracketed_figure(self, passage: Passage, token: _Token, label: str,
                          year: int | None, stack: list[Group]) -> None:
        words = re.sub(r"\s+", "", token.in_brackets or "")
        if not words.startswith(lx.INCLUDED) or token.figure.quantity.kind != "amount":
            self._bracketed_previous(passage, token, label, year)
            return
        values = [c for c in passage.claims if c.sentence == token.sentence]
        if not values:
            return
        total = values[-1]
        group = next((g for g in total.opens if g.listing == "含"), None)
        if group is None:
            group = Group(total, listing="含", sentence=token.sentence, nested=True)
            total.opens.append(group)
            self.prose.groups.append(group)
        claim = Claim(label, token.figure, "amount", role_of(label, lx.AMOUNT_ROLES), year,
                      passage=passage, sentence=token.sentence, group=group)
        group.parts.append(claim)
        self.prose.claims.append(claim)

    def _bracketed_previous(self, passage: Passage, token: _Token, label: str,
                            year: int | None) -> None:
        """`本年支出合计增加476.27万元，增长7.66%（2022年度本年支出合计为6,102.85万元）`:
        the value of an earlier year, in brackets right after a change of the value of that
        name, is the base of that change."""
        if year is None:
            return
        changed = [c for c in self.prose.claims if c.change is not None
                   and c.change.paragraph in passage.paragraphs
                   and c.change.sentence == token.sentence
                   and c.change.start < token.figure.start]
        if not changed:
            return
        target = max(changed, key=lambda c: c.change.start)  # type: ignore[union-attr]
        own_year = target.year or self.prose.year
        if target.previous is not None or own_year is None or year >= own_year \
                or target.kind != token.figure.quantity.kind \
                or len(comparable(label)) < 4 \
                or not comparable(target.label).endswith(comparable(label)):
            return
        base = Claim(label, token.figure, target.kind, target.role, year, passage=passage,
                     sentence=token.sentence, reference=True)
        passage.claims.append(base)
        self.prose.claims.append(base)
        target.previous = base

    def _transition(self, passage: Passage, token: _Token, year: int | None) -> bool:
        """`由2023年的186,400人次增加到194,230人次`: the figure after 增加到 is the new value,
        the one after 由/从 in its clause the old one (its base), not a change by that much.
        False when no such base stands just before it (the figure is then read as usual)."""
        figure = token.figure
        before = [c for c in passage.claims if c.sentence == token.sentence
                  and c.kind == figure.quantity.kind and not c.reference]
        base = before[-1] if before else None
        if base is None or not _FROM.search(base.label) or base.change is not None:
            return False
        subject = _FROM.split(base.label, maxsplit=1)[0]
        if len(comparable(subject)) < 2:
            return False
        base.reference = True
        roles = {"amount": lx.AMOUNT_ROLES, "count": lx.COUNT_ROLES, "score": lx.SCORE_ROLES}
        claim = Claim(subject, figure, figure.quantity.kind,
                      role_of(subject, roles[figure.quantity.kind]), year,
                      passage=passage, sentence=token.sentence)
        claim.previous = base
        passage.claims.append(claim)
        self.prose.claims.append(claim)
        return True

    def _change(self, passage: Passage, token: _Token, subject: str) -> None:
        figure = token.figure
        base = self._named_base(passage, figure)
        # A limit (控制在预算14.00万元以内) is no value that changed since last year.
        same = [c for c in passage.claims if c.sentence == token.sentence
                and c.kind == figure.quantity.kind and not c.reference and not c.bound]
        if base is _AMBIGUOUS:
            passage.unattached.append((subject, figure))
            return
        if base is not None:
            same = [c for c in same if c is not base and c.year != base.year]
            if not same:
                # `X852.13万元，占…。与2018年度决算数905.47万元相比，减少43.34万元`: the change
                # of the one value the sentence before states.
                before = self._sole_value_before(passage, token, opening=False)
                if before is None or before.year == base.year:
                    passage.unattached.append((subject, figure))
                    return
                same = [before]
            base.reference = True
            if same[-1].change is None:
                same[-1].change = figure
                same[-1].previous = base
                same[-1].compared_with = self._compared_with(figure)
            return
        names = _shorthand_names(subject)
        if names is not None:
            # `收入、支出各减少100万元`: the change of each value named, or of none when a
            # name does not pick out one value of the sentence.
            if not same:
                # `收入总计…，支出总计…。与上年相比，收入、支出总计各增加…`: the values the
                # sentence before states, when this one states none.
                same = [c for c in passage.claims if c.sentence == token.sentence - 1
                        and c.kind == figure.quantity.kind and not c.reference]
            targets = [self._named_in(same, name) for name in names]
            distinct = {id(t): t for t in targets}
            if len(distinct) == 1:
                targets = list(distinct.values())  # 收入、支出预算总计…收入、支出各增加: one value
            if all(t is not None and t.change is None for t in targets) \
                    and len(distinct) in (1, len(targets)):
                for target in targets:
                    assert target is not None
                    target.change = figure
                    target.compared_with = self._compared_with(figure)
            else:
                passage.unattached.append((subject, figure))
            return
        if len(same) > 1 and self._opens_own_clause(figure, same):
            # `支出决算36,500元，年初预算52,000元，完成预算的70.19%；比上年减少8,712元`: a
            # change that opens its own clause after several values names none of them…
            named = _NAMED_KIND.match(self._compared_with(figure))
            family = ("预算" if named.group(1) == "预算" else "执行") if named else None
            of_kind = [c for c in same if lx.ROLE_FAMILY.get(c.role or "") == family]
            if len(of_kind) != 1 or of_kind[0].change is not None:
                passage.unattached.append((subject, figure))
                return
            # …unless it names the kind of one of them (`…支出决算为8.64万元，完成预算的
            # 72.02%；较上年决算减少1.82万元`: last year's 决算, so this year's 决算 changed).
            target = of_kind[0]
            target.change = figure
            target.previous = self._stated_previous(passage, target, figure)
            target.compared_with = self._compared_with(figure)
            return
        target = same[-1] if same else None
        words, _ = clean_label(re.sub(r"(?:比|较|同比|环比|与)[^，,；;。]*$", "", subject))
        if target is None and not re.sub(r"(?:上一?年|去年|同期|(?:19|20)\d{2}年度?|相比?|年)", "",
                                         comparable(words)):
            target = self._sole_value_before(passage, token)
        if target is None and comparable(words):
            candidates = [c for c in passage.claims if c.kind == figure.quantity.kind
                          and labels_match(words, c.label) >= 2]
            target = candidates[-1] if candidates else self._named_just_before(
                passage, words, figure.quantity.kind)
            if target is not None and candidates and not _KIND_WORDS.search(comparable(words)) \
                    and self._of_two_kinds(passage, target, figure):
                # `“三公”经费预算18.60万元，实际支出14.27万元…。“三公”经费较上年减少1.27万元`:
                # the name fits the budget's words, but the spending is as much its value.
                passage.unattached.append((subject, figure))
                return
        if target is None or target.change is not None:
            # A change of a value stated in another passage, or of one already changed:
            # read, and counted as not checked rather than dropped unseen.
            passage.unattached.append((subject, figure))
            return
        target.change = figure
        target.previous = self._stated_previous(passage, target, figure)
        target.compared_with = self._compared_with(figure)

    def _of_two_kinds(self, passage: Passage, target: Claim, figure: Figure) -> bool:
        """Whether the target's sentence states a value of another kind beside it (a budget
        beside spending) and the change's words name neither kind."""
        if _NAMED_KIND.match(self._compared_with(figure)):
            return False
        family = lx.ROLE_FAMILY.get(target.role or "")
        return any(c is not target and c.sentence == target.sentence and c.kind == target.kind
                   and not c.reference and c.group is None
                   and lx.ROLE_FAMILY.get(c.role or "") not in (None, family)
                   for c in passage.claims)

    def _bound(self, figure: Figure, words: str) -> bool:
        """Whether the figure is a target or a limit rather than a value reached."""
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        return text.startswith(_BOUND_AFTER, figure.end) or bool(_BOUND_BEFORE.search(words))

    def _opens_own_clause(self, figure: Figure, values: list[Claim]) -> bool:
        """Whether a `；` of its sentence stands between the figure and all of `values`."""
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        start = max(text.rfind(ch, 0, figure.start) for ch in _SENTENCE_END) + 1
        marks = [m.end() for m in re.finditer(r"[；;]", text[start:figure.start])]
        if not marks:
            return False
        clause = (figure.paragraph, start + marks[-1])
        return all((c.figure.paragraph, c.figure.start) < clause for c in values)

    def _compared_with(self, figure: Figure) -> str:
        sentence_text = self._sentence_text(figure)
        match = re.search(r"与(?P<what>[^，,；;。]{1,24}?)相比", sentence_text) or re.search(
            r"(?:比|较)(?P<what>[^，,；;。]{1,24}?)(?:增加|减少|增长|下降|上升|降低|节约|多|少)",
            sentence_text)
        return match.group("what") if match else ""

    @staticmethod
    def _named_in(claims: list[Claim], name: str) -> Claim | None:
        """The one value among `claims` whose label holds `name`, outside any list."""
        found = [c for c in claims if c.group is None and name in comparable(c.label)]
        return found[0] if len(found) == 1 else None

    def _named_base(self, passage: Passage, figure: Figure) -> Claim | None:
        """The value a change names as its base by year and words (`比2023年预算执行数增加`),
        when one value of its sentence, and only one, is stated with that year and name."""
        what = self._compared_with(figure)
        match = re.match(r"\s*((?:19|20)\d{2})\s*年度?(.*)$", what)
        if not match or not comparable(match.group(2)):
            return None
        # `与2018年度决算数905.47万元相比`: the base's figure stands in the words that name it.
        year, words = int(match.group(1)), _TRAILING_FIGURE.sub("", match.group(2))
        found = [c for c in passage.claims if c.sentence == figure.sentence
                 and c.year == year and c.kind in ("amount", "count")
                 and (labels_match(words, c.label) >= 2
                      or (c.reference and _COMPARED_AT_END.search(c.label) is not None))]
        if len(found) > 1:
            return _AMBIGUOUS
        return found[0] if found else None

    def _last_year(self, claim: Claim, target: Claim) -> bool:
        """Whether a compared value is named as last year's: 上年执行数, or by the year before
        the value's own (`本年支出合计2,398.07万元，较2022年度的2,214.90万元增加…` in 2023)."""
        if lx.PREVIOUS_YEAR.match(claim.label):
            return True
        match = _COMPARED_YEAR.match(claim.label)
        own = target.year or self.prose.year
        return bool(match) and own is not None and int(match.group(1)) == own - 1

    def _stated_previous(self, passage: Passage, target: Claim,
                         before: Figure | None = None) -> Claim | None:
        """Last year's value stated after the value and before its change, when one value of
        that kind, and only one, is (`支出120万元，上年执行数100万元，增加20万元`)."""
        limit = (before.paragraph, before.start) if before is not None else None
        found = [c for c in passage.claims if c.reference and c.sentence == target.sentence
                 and c.kind == target.kind and self._last_year(c, target)
                 and (c.figure.paragraph, c.figure.start)
                 > (target.figure.paragraph, target.figure.start)
                 and (limit is None or (c.figure.paragraph, c.figure.start) < limit)]
        return found[0] if len(found) == 1 else None

    def _named_just_before(self, passage: Passage, words: str, kind: str) -> Claim | None:
        """`…支出总计包括本年支出合计6,570.12万元…。` then, opening the next paragraph,
        `与上年相比，…本年支出合计增加476.27万元`: the one value of the passage just before
        whose name is exactly the change's subject."""
        order = next((i for i, p in enumerate(self.prose.passages) if p is passage), 0)
        if order == 0:
            return None
        name = comparable(words)
        if len(name) < 4:
            return None  # 收入, 支出: too short to name one value of another passage
        # The label may keep the words that listed it (收入总计包括本年收入合计).
        found = [c for c in self.prose.passages[order - 1].claims if c.kind == kind
                 and not c.reference and comparable(c.label).endswith(name)]
        return found[0] if len(found) == 1 else None

    def _sole_value_before(self, passage: Passage, token: _Token,
                           opening: bool = True) -> Claim | None:
        """`基本支出预算数为9964.07万元。与上年相比增加941.62万元`: a sentence that opens with
        a change of nothing named is about the sentence before, when that one states one
        value of the kind, and only one. With `opening` False the sentence may open
        otherwise (with the base it names: `与2018年度决算数905.47万元相比，减少…`)."""
        opening_text = self._sentence_text(token.figure)
        if opening and (not re.match(r"\s*(?:与|比|较|同比)", opening_text)
                        or "，" in opening_text.rstrip("，, ")):
            return None
        before = [c for c in passage.claims if c.sentence == token.sentence - 1
                  and not c.reference]
        if len(before) != 1 or before[0].kind != token.figure.quantity.kind \
                or before[0].group is not None:
            return None
        return before[0]

    def _clause_before(self, figure: Figure) -> str:
        """The clause before the figure's own (…日常公用经费支出，合计110.61万元)."""
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        own = max(text.rfind(ch, 0, figure.start) for ch in _CLAUSE_END)
        if own <= 0 or text[own] in _SENTENCE_END:
            return ""
        start = max(text.rfind(ch, 0, own) for ch in _CLAUSE_END) + 1
        label, _ = clean_label(text[start:own])
        return label

    def _sentence_text(self, figure: Figure) -> str:
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        start = max(text.rfind(ch, 0, figure.start) for ch in _SENTENCE_END) + 1
        return text[start:figure.start]

    def _percent(self, passage: Passage, token: _Token, label: str, raw: str,
                 stack: list[Group]) -> None:
        figure = token.figure
        bare = figure.quantity.kind == "number"
        same = [c for c in passage.claims if c.sentence == token.sentence]
        base = _share_base(raw)
        if base is not None and bare and self._bare_share(token, raw, same):
            # `财政拨款收入762.30万元，占76.23；`: a share that lost its %. Read as the share
            # it can only be, and reported as lacking its unit.
            passage.bare.append((replace(figure), "%", raw))
            figure.quantity = figure.quantity.with_unit("%")
            bare = False
        if base is not None and not bare:
            if same and same[-1].share is None:
                same[-1].share = figure
                same[-1].share_base = base or None
            return
        growth = _growth_word(raw)
        if growth:
            if bare:
                passage.bare.append((figure, "%", raw))
                return
            figure.sign = growth
            # The value changed may stand in the passage before (`_named_just_before`).
            changed = [c for c in self.prose.claims if c.change is not None
                       and c.growth is None and c.change.paragraph in passage.paragraphs
                       and c.change.sentence == token.sentence]
            if changed:
                # One change stated for several values (收入、支出各减少…) has one rate too.
                for claim in changed:
                    if claim.change is changed[-1].change:
                        claim.growth = figure
                return
            base = self._named_base(passage, figure)
            if base is _AMBIGUOUS:
                passage.unattached.append((raw, figure))
                return
            if base is not None:
                # `2023年执行数为0.00万元，2024年预算安排25.00万元，比2023年执行数增加100%`:
                # the growth of the sentence's other value, from the base it names.
                current = [c for c in same if c is not base and not c.reference
                           and c.year != base.year and c.kind == base.kind]
                base.reference = True
                if current and current[-1].growth is None and current[-1].change is None:
                    current[-1].growth = figure
                    current[-1].previous = base
                    current[-1].compared_with = self._compared_with(figure)
                return
            if same and same[-1].previous is None and same[-1].reference \
                    and lx.PREVIOUS_YEAR.match(same[-1].label):
                # `支出100万元，上年执行数0.00万元，增长100.00%`: the growth of the value
                # whose base was just stated.
                current = [c for c in same if not c.reference]
                if current and current[-1].growth is None and current[-1].change is None:
                    current[-1].growth = figure
                    current[-1].previous = self._stated_previous(passage, current[-1])
                return
            if same and same[-1].growth is None and same[-1].change is None:
                same[-1].growth = figure
            return
        rate = _rate_word(label) or _rate_word(raw)
        if rate is None:
            if not bare:
                operands = self._target_met(same, raw)
                if operands is not None:
                    passage.rates.append(Rate("目标完成率", figure, raw, "", token.sentence,
                                              operands=operands))
            return
        name, subject = rate
        subject_words, _ = clean_label(subject)
        if bare:
            if figure.quantity.value != 0:
                passage.bare.append((figure, "%", raw))
            return
        passage.rates.append(Rate(name, figure, raw, subject_words, token.sentence,
                                  clause=self._list_clause(figure)))

    @staticmethod
    def _target_met(same: list[Claim], raw: str) -> tuple[Claim, Claim] | None:
        """(done, target) of a percentage of a target met, when the sentence states both:
        `接种12450剂次，完成年度目标12000剂次的103.75%` (the target right before `的`) or
        `培训312人，年度目标为350人，完成目标的89.14%`. One value of the target's kind and
        unit besides the target, and only one, is what was done."""
        if not same:
            return None
        if re.fullmatch(r"次?的(?:比例)?(?:为|是|达)?", raw) \
                and lx.TARGET_MET.search(same[-1].label):  # 次: the rest of 人次, 剂次
            target = same[-1]
        elif lx.TARGET_MET_WORDS.fullmatch(raw):
            targets = [c for c in same if lx.TARGET.search(c.label) and not c.reference]
            if len(targets) != 1:
                return None
            target = targets[0]
        else:
            return None
        if target.kind != "count":
            return None
        unit = target.figure.quantity.unit
        done = [c for c in same if c is not target and not c.reference and not c.bound
                and c.kind == target.kind and c.figure.quantity.unit == unit]
        if len(done) != 1 or target.bound or target.group is not None:
            return None
        return done[0], target

    def _bare_share(self, token: _Token, raw: str, same: list[Claim]) -> bool:
        """Whether a number after 占 with no unit can only be a percentage: right after the
        words of a share, at most 100, ending its clause, and the value before it in the
        sentence an amount without a share."""
        figure = token.figure
        if any(word in raw for word in lx.NOT_SHARE) or not same:
            return False
        if not re.search(r"占[^，,；;。\d]{0,20}$", raw):
            return False
        value = figure.quantity.value
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        ends = re.match(r"\s*(?:[，,；;。）)]|$)", text[figure.end:])
        last = same[-1]
        return bool(ends) and 0 < value <= 100 and last.kind == "amount" \
            and last.share is None and not last.reference

    def _list_clause(self, figure: Figure) -> tuple[int, int] | None:
        """Where the figure's clause opens when its sentence lists parts before it: after
        the last `；` or the `其中：` since the sentence began (巡查上报40166件，办结39581件，
        办结率为98.8%；…)."""
        text = normalise(self.document.paragraphs[figure.paragraph].text)
        start = max(text.rfind(ch, 0, figure.start) for ch in _SENTENCE_END) + 1
        span = text[start:figure.start]
        marks = [m.end() for m in re.finditer(r"[；;]|其中[:：，,]?", span)]
        if not marks:
            return None
        return figure.paragraph, start + marks[-1]

    # -- lookups

    def _find(self, label: str, passage: Passage, before: Figure | None) -> Claim | None:
        """The latest value stated before `before` whose label names `label`."""
        limit = (before.paragraph, before.start) if before is not None else None
        best: tuple[int, int] | None = None
        found = None
        for order, claim in self.named.candidates(label, passage):
            if limit is not None and (claim.figure.paragraph, claim.figure.start) >= limit:
                continue
            score = labels_match(label, claim.label)
            if claim.passage is not passage and score < 3 \
                    and not _same_subject(label, claim):
                continue  # elsewhere a value is named by its own words, not by an ending
                # (经费预算支出 ends “三公”经费预算支出 and many another)
            if score >= 2 and (best is None or (score, order) >= best):
                best, found = (score, order), claim
        return found


# Words before a list's opener that only qualify it (资金主要包括, 分别为): they name nothing.
_OPENER_QUALIFIERS = re.compile(r"(?:主要|具体|分别|其|均|共|全部|一共|总共|合计|含|还|并|另|又|也)+$")


def _named_before(gap: str, position: int) -> str:
    """What the words right before a list's opener name, within its clause (支出总计包括 →
    支出总计); '' when the opener follows a figure or a comma."""
    words = re.split(r"[，,；;。：:、！？!?]", gap[:position])[-1]
    words = _OPENER_QUALIFIERS.sub("", comparable(words))
    words = re.sub(r"^(?:的|和|及|与|并且|并)", "", words)
    # Only a name of a sum counts (支出总计包括); 按街道划分分别为 says how, not what.
    return words if len(words) >= 2 and _SUM_NAME.search(words) else ""


_SUM_NAME = re.compile(r"(?:总计|合计|总额|总数|收入|支出|经费|资金|预算|决算|费|额)$")


_TOTAL_WORDS = ("总计", "合计", "总额")


def _parallel_totals(outer: Claim | None, inner: Claim) -> bool:
    """Whether two values are totals of one rank (收入总计 and 支出总计): same closing word."""
    if outer is None:
        return False
    a, b = comparable(outer.label), comparable(inner.label)
    return any(a.endswith(w) and b.endswith(w) for w in _TOTAL_WORDS)


def _same_measure(candidates: list[Claim], first: _Token) -> Claim | None:
    """The one candidate whose role is of the family of the list's first part, if only one is."""
    kind = first.figure.quantity.kind
    roles = {"amount": lx.AMOUNT_ROLES, "count": lx.COUNT_ROLES, "score": lx.SCORE_ROLES}.get(kind)
    if roles is None:
        return None
    role = role_of(clean_label(first.before)[0], roles)
    if role is None:
        return None
    family = lx.ROLE_FAMILY.get(role, role)
    matching = [c for c in candidates if c.kind == kind and c.role is not None
                and lx.ROLE_FAMILY.get(c.role, c.role) == family]
    return matching[0] if len(matching) == 1 else None


def _sibling_class(claim: Claim, group: Group) -> bool:
    """Whether the claim is one class of a fixed classification another part of the list
    already is (`其中：基本支出…；项目支出…`): a part of the list, not the passage's spending."""
    classes = [c for c in lx.FIXED_CLASSES if comparable(claim.label) in c]
    return any(comparable(part.label) in c and comparable(part.label) != comparable(claim.label)
               for part in group.parts for c in classes)


def _shorthand_names(words: str) -> list[str] | None:
    """`收入、支出各` → [收入, 支出]: the subjects of one change stated for each; None when the
    words before a change are not such a list."""
    text = re.sub(r"^.*[，,；;]", "", re.sub(r"\s+", "", words))
    text = re.sub(r"(?:比|较|同比|与)[^，,；;。]*$", "", text)  # 均比上年…
    each = next((w for w in lx.EACH_WORDS if text.endswith(w)), None)
    if each is None:
        return None
    names = re.split(f"[{lx.SHORTHAND_JOINS}]", text[: -len(each)])
    if len(names) < 2 or any(len(comparable(n)) < 2 for n in names):
        return None
    return [comparable(n) for n in names]


def _same_subject(label: str, claim: Claim) -> bool:
    """Whether the sentence of `claim` is about what `label` names: its first value's label
    starts as `label` does (“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元)."""
    if claim.passage is None:
        return False
    first = next((c for c in claim.passage.claims if c.sentence == claim.sentence), claim)
    a, b = comparable(label), comparable(first.label)
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common >= 4


# What `_named_base` answers when two values of the sentence have the year and name.
_AMBIGUOUS = Claim("（不明确）", Figure(Quantity(Decimal(0), 0), "", Location(""), -1, 0, 0),
                   "amount", None)


def _restated_head(passage: Passage) -> tuple[Claim, Claim] | None:
    """`行政运行（项）120.50万元，…。年初预算为100万元，支出决算为120.50万元`: the amount a
    paragraph opens with for a 科目, and the one value later in it that restates it — its
    spending when the paragraph states one, else its budget. None when there is no such
    head or restatement; `_TWICE` when two values could be the restatement."""
    amounts = [c for c in passage.claims if c.kind == "amount"]
    if not amounts:
        return None
    head = amounts[0]
    if head.sentence != 0 or head.opens or head.group is not None or head.reference \
            or not lx.CLASSIFIED_HEAD.search(head.label):
        return None
    later = [c for c in amounts[1:] if not c.reference and c.group is None and not c.opens]
    for role, words in lx.RESTATEMENTS.items():
        restated = [c for c in later if words.match(comparable(c.label))]
        if restated:
            return (head, restated[0]) if len(restated) == 1 else _TWICE
    return None


# Words that make a figure a bound: after it (80元以上) or right before it (不低于95%).
_BOUND_AFTER = ("以上", "以下", "以内", "之内", "左右")
_BOUND_BEFORE = re.compile(r"(?:不低于|不少于|不多于|不高于|不超过|低于|高于|大于|小于|[≥≤<>＜＞])$")

# What `_restated_head` answers when the paragraph restates its head amount more than once.
_TWICE = (_AMBIGUOUS, _AMBIGUOUS)


def _project_name(passage: Passage) -> str | None:
    """The project a passage reports on, when it names one."""
    text = normalise(passage.text)
    first = re.split(r"[。！？]", text, maxsplit=1)[0]
    match = _QUOTED_NAME.search(first)
    if match:
        return match.group(1)
    head = re.split(r"[，,；;：:]", first, maxsplit=1)[0].strip()
    head = _ITEM.sub("", head).lstrip("·•● ").strip()
    head = re.sub(r"^(?:(?:19|20)\d{2}年度?)", "", head)
    figures = [f for f in scan_figures(head) if f.quantity.kind != "number"]
    if 4 <= len(head) <= 40 and not figures and not years_in(head) \
            and lx.PROJECT_SUFFIX.search(head):
        return head
    for claim in passage.claims:
        if claim.kind != "amount" or claim.sentence > 0:
            continue
        label = re.sub(r"(?:年初预算|全年预算|预算数|预算金额|预算资金|预算)$", "", claim.label)
        inner = re.findall(r"[（(]([^（()）]*)[)）]", label)
        if label != claim.label and 4 <= len(label) <= 40 and any(
                lx.PROJECT_SUFFIX.search(candidate)
                for candidate in [label, _strip_brackets(label), *inner] if candidate):
            return label
        break
    return None


# ---------------------------------------------------------------------------- lists of items


def _list_items(prose: Prose, parser: _Parser) -> None:
    """A passage ending in `其中：`/`如下：` and the numbered items after it."""
    passages = prose.passages
    for position, intro in enumerate(passages):
        if intro.intro is None:
            continue
        items: list[Passage] = []
        style = None
        for following in passages[position + 1:]:
            if following.item is None:
                break
            if style is None:
                if following.item[1] != 1:
                    break
                style = following.item[0]
            elif following.item[0] != style or following.item[1] != len(items) + 1:
                break
            items.append(following)
        if len(items) < 2:
            continue
        listing = "其中" if "其中" in intro.intro else "包括"
        stating = intro
        if not intro.claims and position > 0 and passages[position - 1].claims \
                and passages[position - 1].item is None and "其中" in intro.intro:
            # `……完成年初预算的95.89%。` / `决算数小于预算数的主要原因：……。其中：`
            stating = passages[position - 1]
        # A value compared with (比2017年7.50万元) is no total of the items that follow.
        totals = [c for c in stating.claims if not c.reference
                  and (c.group is None or c.group.total not in stating.claims)]
        if not totals:
            match = lx.LIST_INTRO_LABEL.search(intro.intro)
            if not match:
                continue
            first = items[0].claims[0].figure if items[0].claims else None
            total = parser._find(match.group("label"), intro, first)
            if total is None:
                continue
            totals = [total]
        by_role = _totals_by_role(totals)
        if len({c.role for c in totals}) > len(by_role):
            not_checked(totals[-1].label, "list_parent", totals[-1].location)
        for role, total in by_role.items():
            parts = []
            for item in items:
                values = [c for c in item.claims if c.kind == total.kind and c.group is None
                          and (role is None or c.role == role)]
                if len(values) != 1:
                    parts = []
                    break
                parts.append(values[0])
            if not parts or _parallel(total, parts):
                continue
            group = Group(total, parts, listing=listing, role=role,
                          label=f"{total.label}（分项）" if role is None else total.label)
            total.opens.append(group)
            for part in parts:
                part.group = group
            prose.groups.append(group)


# A heading's own score in brackets: `（三）效益指标完成情况（分值30分，得分27分）`.
_HEADING_SCORE = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）](?P<name>[^，,。；;（(]{0,16}指标)[^，,。；;（(]{0,8}"
                            r"[（(]\s*分值\s*\d+(?:\.\d+)?\s*分\s*[，,、；;]\s*得分\s*"
                            r"(?P<score>\d+(?:\.\d+)?\s*分)\s*[)）]")


def _scored_sections(prose: Prose) -> None:
    """A heading that gives a dimension's score (`（三）效益指标完成情况（分值30分，得分27分）`)
    and the numbered items under it, each closing on its own score (`…扣2分，得13分`): the
    heading's score is the sum of the items'. An item with no score of its own, or one
    already listed elsewhere, leaves the heading unchecked."""
    assert prose.document is not None
    passages = prose.passages
    for position, heading in enumerate(passages):
        if heading.item is None or "cn" not in heading.item[0]:
            continue
        index = heading.paragraphs[0]
        paragraph = prose.document.paragraphs[index]
        text = normalise(paragraph.text)
        match = _HEADING_SCORE.match(text)
        if match is None or re.search(r"预算|资金|执行", match.group("name")):
            continue  # the funds item's score is computed from its rate: rounded
        items: list[Passage] = []
        for following in passages[position + 1:]:
            if following.item is None or "cn" in following.item[0]:
                break
            if following.item[1] != len(items) + 1 or (items and following.item[0] != items[0].item[0]):
                items = []
                break
            items.append(following)
        parts = []
        for item in items:
            own = [c for c in item.claims if c.kind == "score"
                   and (c.role == "得分" or c.label.endswith("得"))]
            if not own or own[-1].group is not None or own[-1].opens:
                parts = []
                break
            parts.append(own[-1])
        if len(parts) < 2:
            continue
        found = next(scan_figures(match.group("score")))
        at = match.start("score")
        figure = Figure(found.quantity, match.group("score"), paragraph.location_at(at), index,
                        at, match.end("score"))
        total = Claim(f"{match.group('name')}得分", figure, "score", "得分", passage=heading)
        # Indicator scores are assigned, exact as shown (DOMAIN.md), and so is their sum.
        for claim in (total, *parts):
            claim.figure.quantity = replace(claim.figure.quantity, exact=True)
        group = Group(total, parts, listing="条目", label=f"{total.label}（各项）")
        total.opens.append(group)
        for part in parts:
            part.group = group
        prose.groups.append(group)


_BOTH_SIDES = re.compile(r"收[、和及与]?支|收入[、和及与]支出")


def _sides_apart(group: Group) -> bool:
    """Parts of both sides of a two-sided total (`收、支总计…。其中：本年收入合计…；本年支出合计…`):
    the income side's and the spending side's amounts each make the total, not together."""
    if group.total is None or not _BOTH_SIDES.search(comparable(group.total.label)):
        return False
    labels = [comparable(c.label) for c in group.parts]
    income = any("收入" in label or "年初结转" in label for label in labels)
    spending = any("支出" in label or "年末结转" in label for label in labels)
    return income and spending


_OPENING = re.compile(r"年初.{0,8}结转")
_CLOSING = re.compile(r"年末.{0,8}结转|结转下年")


def _other_sides_part(group: Group) -> bool:
    """A total of one side with a part of the other (`财政拨款收入总计…、支出总计….其中：…本年
    收入…；年初…结转和结余…；年末…结转和结余…`): the closing balance is the spending side's, so
    the list is not all the income total's."""
    if group.total is None:
        return False
    total = comparable(group.total.label)
    labels = [comparable(c.label) for c in group.parts]
    if "收入" in total and "支出" not in total:
        return any(_CLOSING.search(label) or ("支出" in label and "收入" not in label)
                   for label in labels)
    if "支出" in total and "收入" not in total:
        return any(_OPENING.search(label) or ("收入" in label and "支出" not in label)
                   for label in labels)
    return False


def _procurement_kinds(group: Group) -> bool:
    """Whether the list's parts are all kinds of procurement (货物类, 工程类, 服务类)."""
    return bool(group.parts) and all(lx.PROCUREMENT_KINDS.match(comparable(p.label))
                                     for p in group.parts)


def _mixed_measures(group: Group) -> bool:
    """Parts listed together that do not add up: a quota among headcounts (核定编制数 beside
    在编 and 临聘), two measures per channel (网上受理600件、办结550件，电话受理…), or the two
    sides of a two-sided total."""
    if _sides_apart(group) or _other_sides_part(group):
        return True
    if any(part.bound for part in group.parts):
        return True  # `…38,000人次，其中：…不少于25,000人次`: a floor, not a part's value
    amounts = [c for c in group.parts if c.kind == "amount"]
    if {"预算", "执行"} <= {lx.ROLE_FAMILY.get(c.role or "") for c in amounts}:
        return True  # 其中：A年初预算为…，支出决算为…；B年初预算为…: budgets beside spending
    counts = [c for c in group.parts if c.kind == "count"]
    total = group.total
    if total is not None and total.kind == "count" and lx.STAFF.search(comparable(total.label)) \
            and not lx.NOT_STAFF.search(comparable(total.label)) \
            and any(lx.NOT_STAFF.search(comparable(c.label)) for c in counts):
        return True  # 在编教职工…，其中专任教师…；离退休人员…；在校学生…
    if len(counts) < 2:
        return False
    quota = {bool(lx.QUOTA.search(comparable(c.label))) for c in counts}
    families = {lx.ROLE_FAMILY.get(c.role or "") for c in counts} - {None}
    return len(quota) > 1 or len(families) > 1


def _totals_by_role(totals: list[Claim]) -> dict[str | None, Claim]:
    """The value each role's items are parts of, when the intro names one per role.

    `…因公出国费70万元，…公务接待费27万元。具体情况如下：` details the whole sentence: two
    values of one role before the intro leave it open which one the items are parts of, and
    that role's items are then not read as anyone's parts.
    """
    if len(totals) == 1:
        return {None: totals[0]}
    by_role: dict[str | None, list[Claim]] = {}
    for claim in totals:
        by_role.setdefault(claim.role, []).append(claim)
    return {role: claims[0] for role, claims in by_role.items() if len(claims) == 1}


def _parallel(total: Claim, parts: list[Claim]) -> bool:
    """Items that are totals themselves (收入预算总计, 支出预算总计 under 收入、支出预算总计):
    the same total seen from two sides, not its parts."""
    def closing(label: str) -> str | None:
        return next((w for w in lx.CLOSING_TOTALS if comparable(label).endswith(w)), None)
    word = closing(total.label)
    return word is not None and all(closing(part.label) == word for part in parts)


_ENDS = tuple("。！？；：!?;:")


def _joined(first: Paragraph, second: Paragraph) -> Paragraph:
    offset = len(first.text)
    line_starts = list(first.line_starts) or [(0, first.location.line or 0)]
    line_starts.append((offset, second.location.line or 0))
    line_starts += [(offset + start, line) for start, line in second.line_starts if start]
    page_starts = list(first.page_starts)
    if second.location.page != first.location_at(offset - 1).page:
        page_starts.append((offset, second.location.page or 0))
    page_starts += [(offset + start, page) for start, page in second.page_starts if start]
    # The reader's word on table text carries over: neither part's joined end is a table's
    # row (else they would not be joined), and the last line is the second part's.
    return Paragraph(first.text + second.text, first.location, line_starts, page_starts,
                     table_text=first.table_text or second.table_text,
                     table_end=second.table_end)


def _last_line(paragraph: Paragraph) -> tuple[int, int]:
    location = paragraph.location_at(max(len(paragraph.text) - 1, 0))
    return location.page or 0, location.line or 0


# A page's number printed in its footer: `17`, `— 6 —`, `- 6 -`, `第 6 页`.
_PAGE_NUMBER = re.compile(r"\s*(?:\d{1,3}|[—－\-–]+\s*\d{1,3}\s*[—－\-–]+|第\s*\d{1,3}\s*页"
                          r"(?:\s*[/共]\s*\d{1,3}\s*页?)?)\s*")
# A line that can only continue the one before: the level of a 科目 whose name wrapped.
_SUBJECT_LEVEL = re.compile(r"^\s*[（(][类款项][)）]")
# …and a line that stops at a 类 or 款 level goes on to the 科目's next level on the next line.
_OPEN_LEVEL = re.compile(r"[（(][类款][)）]\s*$")


def without_page_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The text without its page furniture: a footer read as a line, or caught mid-sentence
    (`与上年相比增— 6 —加941.62万元`), would cut what it stands in."""
    out = []
    for paragraph in paragraphs:
        if paragraph.page_starts == [] and _PAGE_NUMBER.fullmatch(paragraph.text) \
                and paragraph.location.page is not None:
            continue
        text = _INLINE_PAGE_NUMBER.sub(lambda m: " " * len(m.group(0)), paragraph.text)
        out.append(paragraph if text == paragraph.text else replace(paragraph, text=text))
    return out


def rejoin(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs a reader split mid-sentence, joined again.

    A paragraph that stops without ending its sentence (`…，占本年财政拨款支出0.03%；社会保障和
    就业支出`), followed on the next lines by one that does not open a heading or an item
    (`187.73万元，占…`), is one paragraph cut by the layout.
    """
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if out:
            previous = out[-1]
            text = normalise(previous.text).rstrip()
            page, line = _last_line(previous)
            next_page, next_line = paragraph.location.page or 0, paragraph.location.line or 0
            near = (next_page == page and 0 < next_line - line <= 2) or (
                next_page == page + 1 and next_line <= 3)
            following = normalise(paragraph.text)
            wrapped_name = near and text and (
                _SUBJECT_LEVEL.match(following)
                or (_OPEN_LEVEL.search(text) and not _HEADING_ONLY.search(text)
                    and not _ITEM.match(following) and not _BULLET.match(following)))
            if previous.table_end or paragraph.table_text:
                # A table's row, header or unit line (its reader says so): never part of a
                # sentence.
                out.append(paragraph)
                continue
            if wrapped_name or near and text and not text.endswith(_ENDS) \
                    and _HEADING_ONLY.search(text) \
                    and not _ITEM.match(normalise(paragraph.text)) \
                    and not _BULLET.match(paragraph.text):
                out[-1] = _joined(previous, paragraph)
                continue
        out.append(paragraph)
    return out


def _component_of(part: str, whole: str) -> bool:
    """Whether a label names one component of a compound one (公务用车运行费 of
    公务用车购置及运行费: its head's words and the component after 及)."""
    # Short names only, one conjunction: 社会保障和就业支出（类）… is no compound of two.
    match = re.fullmatch(r"(?P<head>[^及和与（(]{2,10})(?:及|和|与)(?P<tail>[^及和与（(]{2,6})", whole)
    if match is None or part == whole or re.search(r"[及和与]", part):
        return False
    head, tail = match.group("head"), match.group("tail")
    common = next((k for k in range(min(len(head), len(part)), 0, -1) if part[:k] == head[:k]), 0)
    return part.startswith(head) or (common >= 2 and part.endswith(tail))


def _drop_components(group: Group) -> None:
    """A part named as a component of a sibling listed before it (…公务用车购置及运行费24.00万元，
    …，公务用车运行费24.00万元；公务接待费…) is within that sibling, not beside it: it is
    not one of the list's parts."""
    kept: list[Claim] = []
    for part in group.parts:
        label = comparable(part.label)
        if any(_component_of(label, comparable(s.label)) for s in kept):
            part.group = None
            continue
        kept.append(part)
    group.parts = kept


def read_prose(document: Document, year: int | None = None) -> Prose:
    """The claims of a document's prose (see the module docstring); `year` is the year the
    document reports on, when known."""
    prose = Prose(year=year)
    document = Document(document.path, document.format, document.grids,
                        rejoin(without_page_numbers(document.paragraphs)))
    prose.document = document
    parser = _Parser(document, prose)
    prose.passages = _passages(document)
    for passage in prose.passages:
        parser.passage(passage)
    _list_items(prose, parser)
    _scored_sections(prose)
    for group in prose.groups:
        _drop_components(group)
    prose.groups = [g for g in prose.groups if g.parts]
    for group in prose.groups:
        group.additive = not _mixed_measures(group)
    return prose


def extract_claims(document: Document) -> list[Claim]:
    """Every value the prose states, in reading order, with its relations (see `Claim`)."""
    return read_prose(document).claims


__all__ = ["Claim", "Comparison", "Figure", "Group", "Passage", "Prose", "Rate", "extract_claims",
           "read_prose", "rejoin", "clean_label", "role_of", "labels_match", "comparable",
           "share_of_total"]
