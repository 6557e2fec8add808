"""部门决算/预算公开: the nine tables as subjects, and the set of them as one subject.

`recognise(document, year)` finds the tables (`final_accounts_layout`), reads each into a
subject whose facts and collections the rule pack `rules/final_accounts.yaml` checks:

- every table: `行` (its rows, each with a fact per column) and `汇总` (each parent row and
  column with its `下级` rows: 合计 → 类 → 款 → 项 by code prefix; 301 → 30101 …);
- T1/T4: rows by label (本年收入合计, 年初结转和结余, 总计 …), 类 rows in `支出功能分类`,
  T4's funds in `资金` (年初 + 本年收入 = 本年支出 + 年末 per fund);
- T7: `栏` (预算数 and 决算数, each with 合计 and its parts).

The set (kind `final_accounts`) carries every table's facts under its slot (`T1.本年收入合计`,
`T6.30212`), the 类 rows of T1–T5 side by side in `类`, which tables and prose sections are
present (`应有表`, `应有章节`), and the paragraphs (`段落`) for template residue.

A figure is bound to a column only when its position says so (a grid) or the row's own
identity does (a text line whose first figure is the sum of the rest is the 合计); any
other figure is left unplaced, so that no finding comes from a guessed column.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Cell, Document, Fact, Location, Subject, Text
from ..numbers import NOT_REPORTED, Quantity, parse_figure
from .final_accounts_layout import BUDGET_COLUMNS, RATE, Block, Entry, find_blocks, is_rate
from .. import vocabulary
from .final_accounts_registry import BY_SLOT, PROSE_SECTIONS, SLOTS, TableSpec, class_code
from .labels import compact, label_key

FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
_THREE_PUBLIC_ORDER = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费",
                       "公务用车运行维护费", "公务接待费")
_PART_COLUMNS = {
    "t2_income": ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
    "t3_expenditure": ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
    "t5_general_expenditure": ("基本支出", "项目支出"),
    "t6_basic_economic": ("人员经费", "公用经费"),
}
# Columns of a table in the order a text line gives them when none is blank.
_TEXT_ORDER = {
    "t5_general_expenditure": ("合计", "基本支出", "项目支出"),
    "t8_fund": ("年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"),
    "t9_state_capital": ("年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出",
                         "年末结转和结余"),
}


def _holds_figure(entry: Entry) -> bool:
    """An entry with a figure that is not blank: leaving it unread loses something."""
    cells = list(entry.values.values()) + entry.unplaced
    return any(cell.text.strip() for cell in cells)


def _holds_amount(facts: dict[str, Fact]) -> bool:
    """A figure other than an exact zero: a sum without it would be short."""
    return any(isinstance(f.quantity, Quantity) and not (f.quantity.interval.lo == f.quantity.interval.hi == 0)
               for f in facts.values())


def _unread(block: Block, entry: Entry) -> None:
    if _holds_figure(entry):
        label = f"{entry.code} {entry.label}".strip()
        vocabulary.unread(block.title, label, entry.location or block.location)


# ---------------------------------------------------------------- facts


def _quantity(cell: Cell, unit: str) -> Quantity | None:
    parsed = parse_figure(cell.text)
    if parsed is None:
        return None
    if parsed is NOT_REPORTED:
        # A blank cell of a table's column is nothing spent: zero, exactly.
        return Quantity(Decimal(0), 2, unit, "amount", True, "")
    assert isinstance(parsed, Quantity)
    return parsed.with_unit(unit) if parsed.kind != "amount" else parsed


def _fact(name: str, cell: Cell, unit: str, label: str = "") -> Fact | None:
    quantity = _quantity(cell, unit)
    if quantity is None:
        return None
    return Fact(name, quantity, cell.location, label or name)


def _meets_sum(total: Quantity, parts: list[Quantity]) -> bool:
    if not parts:
        return False
    iv = parts[0].interval
    for part in parts[1:]:
        iv = iv + part.interval
    return total.interval.meets(iv)


def _resolve(entry: Entry, spec: TableSpec, unit: str, columns: tuple[str, ...] = ()) -> dict[str, Fact]:
    """The entry's figures by column: as the grid placed them, or as a text line allows."""
    label = f"{entry.code} {entry.label}".strip()
    facts: dict[str, Fact] = {}
    for name, cell in entry.values.items():
        fact = _fact(name, cell, unit, f"{label} {name}")
        if fact is not None:
            facts[name] = fact
    if entry.values or not entry.unplaced:
        return facts
    cells = entry.unplaced
    if columns and len(cells) == len(columns):
        for name, cell in zip(columns, cells):
            fact = _fact(name, cell, unit, f"{label} {name}")
            if fact is not None:
                facts[name] = fact
        return facts
    quantities = [_quantity(c, unit) for c in cells]
    if any(q is None for q in quantities) or spec.kind in ("t8_fund", "t9_state_capital"):
        return facts  # T8/T9 start with 年初结转, not a total: nothing is certain
    if len(cells) == 1 or _meets_sum(quantities[0], quantities[1:]):  # type: ignore[arg-type]
        fact = _fact("合计", cells[0], unit, f"{label} 合计")
        if fact is not None:
            facts["合计"] = fact
    return facts


# Columns read only for a rate column's check (the budget it is of, and the rate itself):
# no sums over them, no facts of the table.
_RATE_COLUMNS = (RATE, *BUDGET_COLUMNS)


def _rate_fact(fact: Fact) -> Fact | None:
    """A rate column's figure as the percentage it is; None for a blank or "—" (no rate
    given: its budget is 0) or a figure that is no number."""
    quantity = fact.quantity
    if not isinstance(quantity, Quantity) or not fact.reported or not quantity.text.strip():
        return None
    return Fact(fact.name, quantity.with_unit("%"), fact.location, fact.label)


def _rate_member(table: Subject, name: str, rate: Fact, budget: Fact, spent: Fact) -> Subject:
    """One row's (or 三公 item's) rate with the two amounts it is computed from."""
    member = Subject("fa_rate", f"{table.name} {name}", rate.location, parent=table)
    member.add(Fact("完成率", rate.quantity, rate.location, rate.label))
    member.add(Fact("预算", budget.quantity, budget.location, budget.label))
    member.add(Fact("决算", spent.quantity, spent.location, spent.label))
    return member


def _row_rates(block: Block, table: Subject, facts: dict[str, Fact], name: str,
               row: Subject | None) -> Subject | None:
    """A row's rate-column figures (taken out of its facts by the caller): its budget
    columns kept in `row.meta["budgets"]` (for the prose's rate of that row), and the
    rate's check when the budget it is of is certain (`Block.rate_base`)."""
    base = block.rate_base
    if row is not None:
        row.meta["budgets"] = {key: facts[key] for key in BUDGET_COLUMNS if key in facts}
    if block.budget or not base or RATE not in facts or base not in facts or "合计" not in facts:
        return None
    rate = _rate_fact(facts[RATE])
    if rate is None:
        return None
    return _rate_member(table, name, rate, facts[base], facts["合计"])


def _row_subject(kind: str, entry: Entry, facts: dict[str, Fact]) -> Subject:
    name = f"{entry.code} {entry.label}".strip() or "合计"
    subject = Subject(kind, name, entry.location or Location(""), dict(facts))
    subject.texts["科目编码"] = Text(entry.code, subject.location)
    subject.texts["科目名称"] = Text(entry.label, subject.location)
    return subject


# ---------------------------------------------------------------- hierarchy sums


def _sum_members(parents: list[tuple[Subject, list[Subject]]]) -> list[Subject]:
    """For each parent row and column, the parent's figure with its children's (`下级`)."""
    members = []
    for parent, children in parents:
        if not children:
            continue
        for column, fact in parent.facts.items():
            if not all(column in child.facts for child in children):
                continue  # a child's figure in this column is unknown: no verdict
            sum_subject = Subject("fa_sum", f"{parent.name}（{column}）", fact.location,
                                  {"值": fact})
            sum_subject.collections["下级"] = [
                Subject("fa_part", child.name, child.facts[column].location,
                        {"值": child.facts[column]}, parent=sum_subject)
                for child in children]
            members.append(sum_subject)
    return members


def _unitemised(tree: list[tuple[Subject, list[Subject]]]) -> None:
    """A column a parent row fills and every one of its children leaves blank is not
    broken down at their level (a 政府性基金 table giving its 本年收入 by 款 only): there the
    children's blanks are no zeros, and their figures in it are not read."""
    for parent, children in tree:
        for column, fact in parent.facts.items():
            if not (children and fact.reported and fact.quantity.value != 0):
                continue
            if all(column in child.meta.get("blank", ()) for child in children):
                for child in children:
                    child.facts.pop(column, None)
                    unread = child.facts.get("未分项列")
                    count = (unread.quantity.value if unread else 0) + 1
                    child.add(_count("未分项列", int(count), child.location))


def _tree(rows: list[Subject], total: Subject | None, economic: bool) -> list[tuple[Subject, list[Subject]]]:
    by_code = {r.texts["科目编码"].text: r for r in rows if r.texts["科目编码"].text}
    children: dict[int, list[Subject]] = {}
    parents: dict[int, Subject] = {}
    for row in rows:
        code = row.texts["科目编码"].text
        if not code:
            continue
        parent: Subject | None = None
        prefix = code
        while len(prefix) > 3 and parent is None:
            prefix = prefix[:-2]
            parent = by_code.get(prefix)
        if parent is None and len(code) == 3:
            parent = total
        if parent is None:
            continue
        parents[id(parent)] = parent
        children.setdefault(id(parent), []).append(row)
    return [(parents[key], kids) for key, kids in children.items()]


# ---------------------------------------------------------------- table readers


def _table_subject(block: Block, unit: str) -> Subject:
    spec = block.spec
    subject = Subject(spec.kind, block.title, block.location)
    subject.texts["表名"] = Text(block.title, block.location)
    subject.texts["口径"] = Text("预算" if block.budget else "决算", block.location)
    notes = "\n".join(text for text, _ in block.notes)
    if notes:
        subject.texts["说明"] = Text(notes, block.notes[0][1])
    subject.meta.update(slot=spec.slot, unit=unit, budget=block.budget, aligned=block.aligned)
    # The value columns in their order, to try a misread column (auditor.checks.causes).
    subject.meta["columns"] = [name for role, name in block.columns or [] if role == "value" and name]
    return subject


def _coded(block: Block, subject: Subject, unit: str) -> None:
    spec = block.spec
    economic = spec.layout == "economic"
    order = _TEXT_ORDER.get(spec.kind, ())
    if any(len(entry.unplaced) > len(order) for entry in block.entries if not entry.values):
        # A line with more figures than the template's columns: this table prints others
        # too (年初预算 before 支出合计), so a line's figures cannot be placed by the template.
        order = ()
    rows: list[Subject] = []
    total: Subject | None = None
    single = economic and not block.budget  # one 决算数 column per half
    orphans = False
    rates: list[Subject] = []
    for entry in block.entries:
        # "类 款 项 合计 2,946.25 …": a text extract puts the header's last row on the total's line.
        key = re.sub(r"^(?:类款项|类款|科目编码)", "", label_key(entry.label))
        if single and not block.aligned and entry.code and not entry.values and not entry.unplaced:
            # A text line keeps every figure of a one-column table, the wrapped ones joined
            # back: a 科目 line left without one is a blank cell.
            entry.values["合计"] = Cell("", 0, 0, entry.location or block.location)
        facts = _resolve(entry, spec, unit, order)
        aside = {key: facts.pop(key) for key in _RATE_COLUMNS if key in facts}
        economic_total = vocabulary.name_of("fa.economic_totals", key) if economic else None
        if not entry.code and economic_total:
            for fact in facts.values():
                subject.add(Fact(economic_total, fact.quantity, fact.location, economic_total))
            continue
        if not entry.code and (vocabulary.name_of("fa.coded_total", key) or (
                not key and "合计" in facts and total is None and not rows)):
            # A row of figures without any label (江苏 支出预算总表: one row under 合计 |
            # 基本支出 | 项目支出 …) is the table's total when its 合计 column says so.
            total = _row_subject("fa_row", entry, facts)
            total.name = "合计"
            rate = _row_rates(block, subject, {**facts, **aside}, "合计", total)
            if rate is not None:
                rates.append(rate)
            for name, fact in facts.items():
                subject.add(Fact(name, fact.quantity, fact.location, f"合计 {name}"))
            continue
        if not entry.code:
            if not key and any(c.text.strip() for c in list(entry.values.values()) + entry.unplaced):
                # Figures whose row lost its code and name (the reader dropped them): any
                # sum over this table may miss that row.
                orphans = True
            _unread(block, entry)  # a heading or a note; with figures, a row not known
            continue
        row = _row_subject("fa_row", entry, facts)
        row.meta["level"] = {3: "类", 5: "款", 7: "项"}.get(len(entry.code), "")
        row.meta["blank"] = {name for name, cell in entry.values.items() if not cell.text.strip()}
        rows.append(row)
        rate = _row_rates(block, subject, {**facts, **aside}, row.name, row)
        if rate is not None:
            rates.append(rate)
        if economic and "合计" in facts:
            subject.add(Fact(entry.code, facts["合计"].quantity, facts["合计"].location,
                             row.name))
    # Rows keep no parent: a row without a figure must not borrow the table's total.
    members = rows + ([total] if total is not None else [])
    subject.collections["行"] = members
    subject.collections["类"] = [r for r in rows if len(r.texts["科目编码"].text) == 3]
    tree = _tree(rows, total, economic)
    _unitemised(tree)
    sums = [] if orphans or block.lost_rows else _sum_members(tree)
    for member in sums:
        member.parent = subject
    subject.collections["汇总"] = sums
    subject.meta["rows"] = rows
    subject.meta["rates"] = rates


def _lists_sources(block: Block) -> bool:
    """A 收入预算总表 whose rows are the sources themselves (江苏: 一般公共预算资金 小计,
    其他资金 小计 …), not 功能分类 科目 with a column per source."""
    return block.spec.kind == "t2_income" and block.budget and not any(e.code for e in block.entries) \
        and any(compact(e.label).endswith("小计") for e in block.entries)


def _groups_certain(block: Block) -> bool:
    """Every 小计 row names its group: a bare 小计 (the group's name centred on a row
    below it) leaves open which items it covers."""
    return not any(label_key(e.label) == "小计" for e in block.entries)


def _income_sources(block: Block, subject: Subject, unit: str) -> None:
    """Sources as rows: 收入总计, then groups that each open with a 小计 row and list their
    items below it. 收入总计 = Σ小计; a 小计 = Σ its items (a 其中 row is inside its item)."""
    total: Subject | None = None
    groups: list[tuple[Subject, list[Subject]]] = []
    rows: list[Subject] = []
    for entry in block.entries:
        raw = compact(entry.label)
        key = label_key(entry.label)
        facts = _resolve(entry, block.spec, unit)
        value = facts.get("合计") or (next(iter(facts.values())) if len(facts) == 1 else None)
        if not key:
            continue
        row = Subject("fa_row", key, entry.location or block.location,
                      {"合计": value} if value is not None else {})
        row.texts["科目编码"] = Text("", row.location)
        row.texts["科目名称"] = Text(key, row.location)
        if key in ("收入总计", "合计", "总计", "收入合计") and total is None and not groups:
            total, row.name = row, "收入总计"
            if value is not None:
                subject.add(Fact("收入总计", value.quantity, value.location, key))
            continue
        rows.append(row)
        if raw.endswith("小计") and len(raw) > 2:
            row.name = raw[:-2]
            groups.append((row, []))
            if value is not None and row.name not in subject.facts:
                subject.add(Fact(row.name, value.quantity, value.location, key))
        elif groups and not re.match(r"^(?:其中|含)", raw):
            groups[-1][1].append(row)
    subject.collections["行"] = ([total] if total else []) + rows
    subject.collections["类"] = []
    parents = [(head, items) for head, items in groups if items]
    if not _groups_certain(block):
        parents = []
    if total is not None and groups and _groups_certain(block):
        parents.insert(0, (total, [head for head, _ in groups]))
    sums = _sum_members(parents)
    for member in sums:
        member.parent = subject
    subject.collections["汇总"] = sums
    subject.meta["rows"] = rows


_CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _procurement_level(entry: Entry) -> int | None:
    """0 a 采购品目大类 (一、货物A), 2 an item (it names its 采购组织形式), 1 a 专项 between."""
    from .. import vocabulary

    if not entry.parts:
        return None
    if _CATEGORY.match(entry.parts[0]):
        return 0
    if any(vocabulary.name_of("final_accounts.procurement_forms", part) for part in entry.parts):
        return 2
    return 1


def _procurement(block: Block, subject: Subject, unit: str) -> None:
    """政府采购预算表: 合计 over the 大类, each 大类 over its 专项, each 专项 over its items.
    A row is placed by what it says (a 大类's number, an item's 采购组织形式), not by its
    column, which moves between a table's pages. Any row with other than one figure, or a
    row above its 大类, leaves the table unchecked."""
    total: Subject | None = None
    parents: list[tuple[Subject, list[Subject]]] = []
    chain: dict[int, tuple[Subject, list[Subject]]] = {}
    certain = True
    rows: list[Subject] = []
    for entry in block.entries:
        figures = [c for c in list(entry.values.values()) + entry.unplaced if c.text.strip()]
        key = label_key(entry.label)
        if not key and not figures:
            continue
        if len(figures) != 1:
            certain = certain and not figures and not entry.parts  # a wrapped name alone is fine
            continue
        fact = _fact("合计", figures[0], unit, f"{key} 合计")
        if fact is None:
            certain = False
            continue
        row = Subject("fa_row", key or "合计", entry.location or block.location, {"合计": fact})
        if vocabulary.name_of("fa.coded_total", key) and total is None and not rows:
            total = row
            subject.add(Fact("合计", fact.quantity, fact.location, "合计"))
            parents.append((total, []))
            chain = {-1: parents[-1]}
            continue
        level = _procurement_level(entry)
        holder = chain.get((level or 0) - 1)
        if level is None or holder is None:
            certain = False
            continue
        rows.append(row)
        holder[1].append(row)
        pair = (row, [])
        parents.append(pair)
        chain[level] = pair
        for deeper in [k for k in chain if k > level]:
            del chain[deeper]
    subject.collections["行"] = rows
    sums = []
    if certain and total is not None and not block.lost_rows:
        for parent, children in parents:
            if not children:
                continue
            member = Subject("fa_sum", f"{parent.name}（合计）", parent.facts["合计"].location,
                             {"值": parent.facts["合计"]}, parent=subject)
            member.collections["下级"] = [Subject("fa_part", c.name, c.facts["合计"].location,
                                                {"值": c.facts["合计"]}, parent=member)
                                        for c in children]
            sums.append(member)
    subject.collections["汇总"] = sums


_T1_EXPENDITURE_ROWS = {"本年支出合计", "结余分配", "年末结转和结余", "支出总计"}
_T4_EXPENDITURE_ROWS = {"本年支出合计", "年末结转和结余", "支出总计"}


def _side_of(entry: Entry, block: Block, rows_group: str, expenditure_rows: set[str]) -> int:
    """0 for the income half, 1 for the expenditure half: by column, or on a text line by name."""
    if block.aligned:
        return 0 if entry.side == 0 else 1
    if entry.side >= 1:
        return 1
    if class_code(entry.label) or vocabulary.name_of("fa.expenditure_nature", entry.label):
        return 1
    return 1 if vocabulary.name_of(rows_group, entry.label) in expenditure_rows else 0


# A total printed blank is not read as zero: where parts have figures, a blank total is
# more likely a figure the layout put elsewhere than nothing at all.
_T1_TOTALS = {"本年收入合计", "本年支出合计", "收入总计", "支出总计"}


def _blank(fact: Fact, entry: Entry) -> bool:
    cells = list(entry.values.values()) + entry.unplaced
    return not any(c.location == fact.location and c.text.strip() for c in cells)


def _value_of(facts: dict[str, Fact], column: str) -> Fact | None:
    return facts.get(column) or (next(iter(facts.values())) if len(facts) == 1 else None)


def _expenditure_row(entry: Entry, row: Subject, amount: Fact | None, table: Subject,
                     classes: list[Subject], uses: list[Subject]) -> bool:
    """Places a row of a summary table's expenditure half (T1, T4): a 类, by its code or its
    name, or a use (基本支出, 项目支出, 单位预留机动经费: 江苏 lists these beside or instead of the
    类). False when it is neither: the caller lists it as unread."""
    code = entry.code or class_code(entry.label)
    if code:
        row.texts["科目编码"] = Text(code, row.location)
        classes.append(row)
        return True
    nature = vocabulary.name_of("fa.expenditure_nature", entry.label)
    if nature is None:
        return False
    row.name = nature
    uses.append(row)
    if amount is not None and nature not in table.facts:
        table.add(Fact(nature, amount.quantity, amount.location, row.texts["科目名称"].text))
    return True


def _summary(block: Block, subject: Subject, unit: str) -> None:
    """T1: income rows left, expenditure rows right, each named by the vocabulary.

    A row the vocabulary does not name is not read; when it holds an amount, its half's
    sums (本年收入合计 = Σ收入来源, 本年支出合计 = Σ类) are not checked: they would be short.
    """
    income: list[Subject] = []
    parents: list[tuple[Subject, list[Subject]]] = []
    classes: list[Subject] = []
    uses: list[Subject] = []
    complete = {0: True, 1: True}
    seen_total = {0: False, 1: False}
    year_totals: set[str] = set()
    last_income: Subject | None = None
    for entry in block.entries:
        raw = compact(entry.label)
        key = label_key(entry.label)
        if not key:
            continue
        facts = _resolve(entry, block.spec, unit)
        value = facts.get("金额") or _value_of(facts, "决算数")
        side = _side_of(entry, block, "fa.rows.t1_summary", _T1_EXPENDITURE_ROWS)
        name = vocabulary.name_of("fa.rows.t1_summary", entry.label)
        if name == "总计":
            name = "收入总计" if side == 0 and not seen_total[0] else "支出总计"
        if name in ("本年收入合计", "本年支出合计") and name in year_totals \
                and label_key(entry.label) in ("收入合计", "支出合计"):
            # 江苏: 当年收入小计, 上年结转资金, then 收入合计: the total of both.
            name = "收入总计" if name == "本年收入合计" else "支出总计"
        if name in ("本年收入合计", "本年支出合计"):
            year_totals.add(name)
        if name in ("收入总计", "支出总计"):
            seen_total[0 if name == "收入总计" else 1] = True
        if name is not None:
            if value is not None and not (name in _T1_TOTALS and _blank(value, entry)) \
                    and name not in subject.facts:
                subject.add(Fact(name, value.quantity, value.location, name))
            continue
        row = Subject("fa_row", key, entry.location or block.location,
                      {"金额": Fact("金额", value.quantity, value.location, key)} if value else {})
        row.texts["科目名称"] = Text(key, row.location)
        if side == 1:
            if entry.code and len(entry.code) != 3:
                continue  # a 款 or 项 under a class: the class row is what this table sums
            if not _expenditure_row(entry, row, value, subject, classes, uses):
                _unread(block, entry)
                complete[1] = complete[1] and not _holds_amount(facts)
            continue
        source = vocabulary.name_of("fa.income_sources", entry.label)
        if source is None:
            _unread(block, entry)
            complete[0] = complete[0] and not _holds_amount(facts)
            last_income = None  # a part below it is not the part of the row above
            continue
        if re.match(r"^\d+[.、．]", raw) and last_income is not None:
            # "1. 一般公共预算资金" under "一、财政拨款收入": a part of the item above.
            if not parents or parents[-1][0] is not last_income:
                parents.append((last_income, []))
            parents[-1][1].append(row)
            if source != "财政拨款收入" and value is not None and source not in subject.facts:
                # "1.一般公共预算" under 财政拨款: the fund's appropriation income.
                subject.add(Fact(source, value.quantity, value.location, key))
            continue
        income.append(row)
        last_income = row
        if value is not None and source not in subject.facts:
            subject.add(Fact(source, value.quantity, value.location, key))
    subject.collections["收入来源"] = income
    subject.collections["支出功能分类"] = classes
    subject.collections["支出用途"] = uses
    # A half with a row not read holding an amount: its sums are not checked (short).
    subject.add(_count("未读收入行", 0 if complete[0] else 1, block.location))
    subject.add(_count("未读支出行", 0 if complete[1] else 1, block.location))
    subject.collections["行"] = income + classes + uses
    sums = _sum_members(parents)
    for member in sums:
        member.parent = subject
    subject.collections["汇总"] = sums


def _appropriation(block: Block, subject: Subject, unit: str) -> None:
    """T4: income by fund on the left, 类 rows by fund on the right.

    The left half runs in sections (本年收入, then 年初结转和结余), each listing the funds;
    a fund row belongs to the section whose heading is above it. After a row the
    vocabulary does not name, or a fund listed twice in one section, no fund row is placed
    until the next heading: it would be read into the wrong section.
    """
    right_order = ("合计",) + FUNDS
    section: str | None = "本年收入"
    listed: dict[str, set[str]] = {"本年收入": set(), "年初": set()}
    classes: list[Subject] = []
    uses: list[Subject] = []
    expenditure_rows: list[Subject] = []
    complete = True
    complete_income = True
    seen_rows: set[str] = set()
    funds = {f: Subject("fa_fund", f, block.location) for f in FUNDS}
    for entry in block.entries:
        key = label_key(entry.label)
        if not key:
            continue
        side = _side_of(entry, block, "fa.rows.t4_appropriation", _T4_EXPENDITURE_ROWS)
        row_name = vocabulary.name_of("fa.rows.t4_appropriation", entry.label)
        if row_name == "本年支出合计" and key == "支出合计" and "年末结转和结余" in seen_rows:
            row_name = "支出总计"  # after 结转下年 (江苏): the total of both
        if row_name:
            seen_rows.add(row_name)
        if side == 0:
            facts = _resolve(entry, block.spec, unit)
            value = _value_of(facts, "决算数")
            fund = None if row_name else vocabulary.name_of("fa.funds", entry.label)
            if row_name == "年初结转和结余":
                section = "年初"
                name = "年初结转和结余"
            elif row_name == "本年收入" and not _by_fund(facts):
                section = "本年收入"
                continue
            elif row_name in ("本年收入", "本年收入合计") and not (
                    key == "收入合计" and "年初结转和结余" in seen_rows):
                name = "本年收入合计"
            elif row_name in ("总计", "收入总计", "本年收入合计"):
                # 收入合计 after the 上年结转 rows (江苏) is the total of both.
                name = "收入总计"
            elif fund and section is not None and fund not in listed[section]:
                if _holds_figure(entry):  # a blank row (or a header's word) lists nothing
                    listed[section].add(fund)
                name = f"{section}.{fund}"
            else:
                _unread(block, entry)
                complete_income = complete_income and not _holds_amount(facts)
                if fund or block.aligned and _holds_figure(entry):
                    section = None  # the rows below cannot be placed until a heading
                continue
            if name in ("年初结转和结余", "本年收入合计") and _by_fund(facts):
                # A left half with a column per fund: the row gives each fund's figure.
                _add_by_fund(subject, funds, facts, name, key)
                value = facts.get("合计")
            if value is not None:
                subject.add(Fact(name, value.quantity, value.location, key))
                if fund:
                    funds[fund].add(Fact("年初结转和结余" if section == "年初" else "本年收入",
                                         value.quantity, value.location, key))
            continue
        facts = _resolve(entry, block.spec, unit, right_order)
        if "决算数" in facts and "合计" not in facts:
            facts["合计"] = facts.pop("决算数")
        row = Subject("fa_row", key, entry.location or block.location, facts)
        row.texts["科目名称"] = Text(key, row.location)
        if row_name == "总计":
            row_name = "支出总计"
        if row_name not in _T4_EXPENDITURE_ROWS:
            if entry.code and len(entry.code) != 3:
                continue  # a 款 or 项 under a class: the class row is what this table sums
            if _expenditure_row(entry, row, facts.get("合计"), subject, classes, uses):
                expenditure_rows.append(row)
            else:
                _unread(block, entry)
                complete = complete and not _holds_amount(facts)
            continue
        row.name = row_name
        expenditure_rows.append(row)
        for column, fact in facts.items():
            name = row_name if column == "合计" else f"{row_name}.{column}"
            subject.add(Fact(name, fact.quantity, fact.location, f"{row_name} {column}"))
            if column in funds:
                target = {"年末结转和结余": "年末结转和结余", "本年支出合计": "本年支出"}.get(row_name)
                if target:
                    funds[column].add(Fact(target, fact.quantity, fact.location,
                                           f"{row_name} {column}"))
    if block.budget and not seen_rows & {"年初结转和结余", "年末结转和结余"}:
        # A budget without carry-over rows (江苏: 收入合计 | 支出合计): the year's totals
        # are the table's totals.
        for year_total, grand_total in (("本年收入合计", "收入总计"), ("本年支出合计", "支出总计")):
            if year_total in subject.facts and grand_total not in subject.facts:
                fact = subject.facts[year_total]
                subject.add(Fact(grand_total, fact.quantity, fact.location, fact.label))
    subject.collections["支出功能分类"] = classes
    subject.collections["支出用途"] = uses
    subject.add(_count("未读收入行", 0 if complete_income else 1, block.location))
    subject.add(_count("未读支出行", 0 if complete else 1, block.location))
    subject.collections["行"] = expenditure_rows
    subject.collections["资金"] = [f for f in funds.values() if f.facts and _opening_known(f, subject)]


def _by_fund(facts: dict[str, Fact]) -> dict[str, Fact]:
    return {fund: facts[fund] for fund in FUNDS if fund in facts}


def _add_by_fund(table: Subject, funds: dict[str, Subject], facts: dict[str, Fact],
                 name: str, label: str) -> None:
    prefix, target = ("年初", "年初结转和结余") if name == "年初结转和结余" else ("本年收入", "本年收入")
    for fund, fact in _by_fund(facts).items():
        table.add(Fact(f"{prefix}.{fund}", fact.quantity, fact.location, f"{label} {fund}"))
        funds[fund].add(Fact(target, fact.quantity, fact.location, f"{label} {fund}"))


def _opening_known(fund: Subject, table: Subject) -> bool:
    """A fund's 年初结转和结余 was read, or the table's is nothing (so the fund's is too).

    Otherwise the fund's balance identity is not checked: its 年初 would count as zero.
    """
    if "年初结转和结余" in fund.facts:
        return True
    opening = table.facts.get("年初结转和结余")
    return opening is not None and isinstance(opening.quantity, Quantity) \
        and opening.quantity.interval.lo == opening.quantity.interval.hi == 0


def _other_years_rows(block: Block, year: int | None) -> list[Entry]:
    """A 三公 table with a row per year (2024年预算 over 2025年预算, the items across): the
    rows of another year than the report's (or, the report's year not known, than the latest
    the rows name) hold last year's figures under this year's headers. They are not read."""
    years = {id(e): int(m.group(1)) for e in block.entries
             if (m := _ROW_YEAR.match(compact(e.label)))}
    if not years:
        return []
    named = set(years.values())
    keep = year if year in named else (max(named) if len(named) >= 2 else None)
    if keep is None:
        return []
    return [e for e in block.entries if years.get(id(e), keep) != keep]


_ROW_YEAR = re.compile(r"^((?:19|20)\d{2})年度?")


def _three_public(block: Block, subject: Subject, unit: str, year: int | None = None) -> None:
    sides: dict[str, Subject] = {}
    for entry in _other_years_rows(block, year):
        vocabulary.unread(block.title, entry.label, entry.location or block.location, "row")
        block.entries.remove(entry)
    if not any(e.values or e.unplaced for e in block.entries) and block.columns:
        # A header and no figure at all: every item of the table is nothing, exactly.
        blank = Entry("", "", values={name: Cell("", 0, 0, block.location)
                                      for role, name in block.columns if role == "value" and name})
        block.entries.append(blank)
    rates: dict[str, Fact] = {}
    for entry in block.entries:
        facts: dict[str, Fact] = {}
        for name, cell in entry.values.items():
            fact = _fact(name, cell, unit, name)
            if fact is not None and is_rate(name):
                rate = _rate_fact(fact)  # 完成率.公务接待费: the item's rate, no side
                if rate is not None and name not in rates:
                    rates[name] = Fact(name, rate.quantity, rate.location,
                                       f"{name.split('.', 1)[1]} 完成率")
            elif fact is not None:
                facts[name] = fact
        if not entry.values and len(entry.unplaced) == 12 and not block.budget:
            names = [f"{side}.{item}" for item in _THREE_PUBLIC_ORDER for side in ("预算数", "决算数")]
            for name, cell in zip(names, entry.unplaced):
                fact = _fact(name, cell, unit, name)
                if fact is not None:
                    facts[name] = fact
        for name, fact in facts.items():
            side, item = name.split(".", 1)
            holder = sides.setdefault(side, Subject("fa_side", side, fact.location))
            if item not in holder.facts:
                holder.add(Fact(item, fact.quantity, fact.location, f"{side} {item}"))
                subject.add(Fact(name, fact.quantity, fact.location, f"{side} {item}"))
    for side, holder in sides.items():
        if "三公经费合计" in holder.facts:
            # 江苏: 合计 covers “三公”经费, 会议费 and 培训费; the 三公 total is its 小计.
            _rename(holder, subject, side, "合计", "三公经费、会议费、培训费合计")
            _rename(holder, subject, side, "三公经费合计", "合计")
    subject.collections["栏"] = list(sides.values())
    # Each item's rate against its two sides, in a final table (a budget's has no 决算数).
    subject.meta["rates"] = [] if block.budget else [
        _rate_member(subject, item, rate, subject.facts[f"预算数.{item}"],
                     subject.facts[f"决算数.{item}"])
        for name, rate in rates.items() for item in [name.split(".", 1)[1]]
        if f"预算数.{item}" in subject.facts and f"决算数.{item}" in subject.facts]


def _rename(holder: Subject, table: Subject, side: str, old: str, new: str) -> None:
    for target, name in ((holder, old), (table, f"{side}.{old}")):
        fact = target.facts.pop(name, None)
        if fact is not None:
            target_name = new if target is holder else f"{side}.{new}"
            target.add(Fact(target_name, fact.quantity, fact.location, f"{side} {new}"))


# ---------------------------------------------------------------- the document


_KIND_WORDS = (("绩效", ("绩效自评", "绩效评价", "自评报告", "自评表")),
               ("决算", ("决算",)),
               ("预算", ("预算",)))


def document_kind(document: Document, blocks: list[Block]) -> str:
    """预算, 决算 or 绩效: from the title (the first lines), else from the tables found."""
    head = "".join(compact(p.text) for p in document.paragraphs[:4])
    if not head:
        head = "".join(compact(c.text) for g in document.grids[:1] for row in g.rows[:2] for c in row)
    for kind, words in _KIND_WORDS:
        if any(w in head for w in words):
            if kind == "预算" and "决算" in head:
                continue
            return kind
    if blocks:
        budget = sum(1 for b in blocks if b.budget)
        return "预算" if budget * 2 > len(blocks) else "决算"
    return ""


_AMOUNT = re.compile(r"\d,\d{3}(?:\.\d+)?|\d\.\d{2}")


def _figures_in_grids(document: Document, block: Block) -> int:
    return sum(len(_AMOUNT.findall(cell.text)) for index in block.grids
               if index < len(document.grids) for row in document.grids[index].rows for cell in row)


def _nonzero_figures(subject: Subject) -> int:
    """The amounts other than 0 that were read into a table (its rows included), each cell
    once: a table with only zeros printed in it may still be described as having no data."""
    places = set()
    pending = [subject]
    while pending:
        current = pending.pop()
        for fact in current.facts.values():
            if fact.reported and fact.quantity.kind == "amount" and fact.quantity.value != 0:
                places.add(fact.location)
        pending.extend(member for members in current.collections.values() for member in members)
    return len(places)


def _count(name: str, value: int, location: Location) -> Fact:
    return Fact(name, Quantity(Decimal(value), 0, None, "count", True, str(value)), location, name)


# A sentence of prose, and the words before its first figure: what it states a figure of.
_SENTENCE = re.compile(r"[^。；;！？]+")
_NONE = re.compile(r"无|未发生|没有|不涉及")
_FIRST_FIGURE = re.compile(r"\d[\d,.]*(?![\d,.]*[年月日])")  # a year or a date is no figure


# A numbered heading run into a paragraph, a sentence of its own: `（三）国有资产占用情况`.
_RUN_IN_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,2}[)）])"
                             r"([^，,：:\d]{2,24})$")


def _sections(document: Document) -> dict[str, Location | None]:
    """Each section a 决算公开 carries → where it stands: a heading that names it, or a
    sentence that states a figure of it or says it has none (the section's content run
    into another one, such as “三公”经费 under 其他重要事项)."""
    found: dict[str, Location | None] = {name: None for name in PROSE_SECTIONS}
    for paragraph in document.paragraphs:
        text = compact(paragraph.text)
        if len(text) <= 80:
            for name, words in PROSE_SECTIONS.items():
                if found[name] is None and any(w in text for w in words):
                    found[name] = paragraph.location
            continue
        for sentence in _SENTENCE.finditer(paragraph.text):
            figure = _FIRST_FIGURE.search(sentence.group())
            heading = _RUN_IN_HEADING.match(sentence.group())
            if heading is not None:
                subject = compact(heading.group(1))  # …万元。（三）国有资产占用情况。截至…
            elif figure is not None:
                subject = compact(sentence.group()[:figure.start()])
            elif _NONE.search(sentence.group()):
                subject = compact(sentence.group())  # 本单位无政府采购支出: said, as nil
            else:
                continue
            for name, words in PROSE_SECTIONS.items():
                if found[name] is None and any(w in subject for w in words):
                    found[name] = paragraph.location_at(sentence.start())
    return found


def _class_members(tables: dict[str, Subject], bundle: Subject) -> list[Subject]:
    """Each 类 with its row in T1 (支出), T2, T3, T4 and T5, for comparisons across tables."""
    members: dict[str, Subject] = {}

    def member(code: str, location: Location) -> Subject:
        if code not in members:
            subject = Subject("fa_class", code, location)
            members[code] = subject
        return members[code]

    for slot, collection in (("T1", "支出功能分类"), ("T4", "支出功能分类"), ("T2", "类"),
                             ("T3", "类"), ("T5", "类"), ("Y1", "类")):
        table = tables.get(slot)
        if table is None:
            continue
        for row in table.collections.get(collection, []):
            code = row.texts.get("科目编码", Text("", row.location)).text
            if not code:
                continue
            target = member(code, row.location)
            if slot in ("T1", "T4") or target.name == code:
                target.name = f"{code} {row.texts['科目名称'].text}"
            for name, fact in row.facts.items():
                target.add(Fact(f"{slot}行.{name}", fact.quantity, fact.location,
                                f"{slot} {row.name} {name}"))
            if slot == "T3":
                leaves = [r for r in table.meta.get("rows", [])
                          if r.texts["科目编码"].text.startswith(code) and len(r.texts["科目编码"].text) == 7]
                target.collections["T3项"] = leaves
    return list(members.values())


def recognise(document: Document, year: int | None) -> tuple[Subject | None, set[int], list]:
    blocks = find_blocks(document)
    if not blocks:
        return None, set(), []
    titled = {block.spec.slot for block in blocks if not block.from_section}
    # A section's restatement of a table the document also prints is not read twice.
    blocks = [block for block in blocks if not block.from_section or block.spec.slot not in titled]
    kind = document_kind(document, blocks)
    if kind == "绩效":
        return None, set(), []
    tables: dict[str, Subject] = {}
    subjects: list[Subject] = []
    claimed: set[int] = set()
    for block in blocks:
        unit = block.unit or "万元"
        subject = _table_subject(block, unit)
        layout = block.spec.layout
        if layout == "coded" and _lists_sources(block):
            _income_sources(block, subject, unit)
        elif layout in ("coded", "economic"):
            _coded(block, subject, unit)
        elif layout == "summary":
            _summary(block, subject, unit)
        elif layout == "appropriation":
            _appropriation(block, subject, unit)
        elif layout == "three_public":
            _three_public(block, subject, unit, year)
        elif layout == "procurement":
            _procurement(block, subject, unit)
        # "extra" tables (机关运行经费, 政府采购 …) are recognised and listed, not read.
        if block.unread_columns:
            for row in subject.collections.get("行", []) + subject.collections.get("栏", []):
                row.meta["unread_columns"] = True  # read in part: see checks.expr._sum
        # A table whose figures could not be read (its text in one cell) is not empty.
        figures = block.figures or _figures_in_grids(document, block)
        subject.facts["数据个数"] = _count("数据个数", figures, block.location)
        subject.facts["非零数据个数"] = _count("非零数据个数", _nonzero_figures(subject), block.location)
        claimed |= block.grids | block.claims
        if block.spec.slot in tables:
            continue  # the same table twice (a repeated title): the first one counts
        tables[block.spec.slot] = subject
        subjects.append(subject)
    location = Location(document.path)
    extras = [s for s in subjects if BY_SLOT.get(s.meta["slot"]) is None
              or BY_SLOT[s.meta["slot"]].layout == "extra"]
    subjects = [s for s in subjects if s not in extras]
    found = sum(1 for s in subjects if s.meta["slot"] in SLOTS)
    noun = "预算" if kind == "预算" else "决算"
    # A budget's set of tables varies by region (江苏 12, 上海 9): it is counted, not
    # measured against the nine of the 决算.
    count = f"{found}/9" if kind != "预算" else f"{len(subjects) + len(extras)}"
    bundle = Subject("final_accounts", f"部门{noun}公开（识别 {count} 张表）", location)
    bundle.meta.update(kind=kind, tables=found, slots=sorted(tables),
                       all_tables=len(subjects) + len(extras))
    bundle.texts["文档类型"] = Text(kind, location)
    for subject in subjects:
        subject.parent = bundle
        slot = subject.meta["slot"]
        for name, fact in subject.facts.items():
            bundle.add(Fact(f"{slot}.{name}", fact.quantity, fact.location, fact.label))
    bundle.collections["表"] = subjects
    for extra in extras:
        extra.parent = bundle
    bundle.collections["附加表"] = extras
    bundle.meta["extra_tables"] = [s.name for s in extras]
    sums = []
    for subject in subjects:
        for member in subject.collections.get("汇总", []):
            member.name = f"{subject.name} {member.name}"
            sums.append(member)
        subject.collections.pop("汇总", None)
    bundle.collections["汇总"] = sums
    rate_members = []
    for subject in subjects:
        for member in subject.meta.get("rates", []):
            member.parent = bundle
            rate_members.append(member)
    bundle.collections["表内比率"] = rate_members
    side = "预算数" if kind == "预算" else "决算数"
    for name, fact in list(bundle.facts.items()):
        if name.startswith(f"T7.{side}."):
            bundle.add(Fact("T7.当年." + name.split(".", 2)[2], fact.quantity, fact.location,
                            fact.label))
    bundle.collections["类"] = _class_members(tables, bundle)
    expected = []
    for slot in SLOTS:
        spec = BY_SLOT[slot]
        member = Subject("fa_expected", spec.budget_title if kind == "预算" else spec.final_title,
                         tables[slot].location if slot in tables else location, parent=bundle)
        member.add(_count("已识别", 1 if slot in tables else 0, member.location))
        member.texts["表名"] = Text(member.name, member.location)
        expected.append(member)
    bundle.collections["应有表"] = expected
    sections = []
    for name, where in _sections(document).items():
        member = Subject("fa_section", name, where or location, parent=bundle)
        member.add(_count("已找到", 1 if where else 0, member.location))
        sections.append(member)
    bundle.collections["应有章节"] = sections
    # The prose part (情况说明) is looked for only where a document has one.
    has_prose = any("情况说明" in compact(p.text) for p in document.paragraphs)
    bundle.add(_count("有情况说明", 1 if has_prose else 0, location))
    # Tables printed under their own titles: none when the document is the 情况说明 alone,
    # whose sections restate a table or two (the set of tables is not asked of it).
    bundle.add(_count("公开表数", len([s for s in titled if s in SLOTS]), location))
    from .final_accounts_prose import prose_claims, unit_slip_claims

    by_kind = {"fa_claim_amount": "金额说明", "fa_claim_name": "科目名称说明",
               "fa_claim_direction": "变动原因说明", "fa_claim_procurement": "政府采购说明",
               "fa_claim_item_rate": "三公分项完成率", "fa_claim_row_rate": "科目完成率说明",
               "fa_claim_unit": "元数说明"}
    for name in by_kind.values():
        bundle.collections[name] = []
    for claim in prose_claims(document, bundle, tables, kind) + unit_slip_claims(document, tables):
        bundle.collections[by_kind[claim.kind]].append(claim)
    # Template residue in the tables' own words (titles, notes) that are not prose
    # paragraphs: the prose pack reads those.
    prose = {compact(p.text) for p in document.paragraphs}
    paragraphs = []
    for block in blocks:
        for text, loc in [(block.title, block.location)] + block.notes:
            if compact(text) in prose:
                continue
            member = Subject("fa_paragraph", text.strip()[:30], loc, parent=bundle)
            member.texts["原文"] = Text(text, loc)
            paragraphs.append(member)
    bundle.collections["段落"] = paragraphs
    return bundle, claimed, []
