"""Running rule packs over recognised subjects and turning failed checks into findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..interval import Interval
from ..model import Evaluation, Fact, Figure, Finding, Location, Paragraph, Subject, Text
from ..numbers import Quantity, format_value
from .causes import Failure
from .context import ProseIndex
from .expr import Outcome, Truth, UnitSlip, Value, evaluate, holds
from .pack import Rule, RuleBook

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _unit_label(quantity: Quantity) -> str:
    if quantity.kind in ("amount", "percent"):
        return quantity.unit or ""
    if quantity.kind == "count" and quantity.unit:
        return quantity.unit
    return ""


def show(quantity: Quantity) -> str:
    """A reported figure as the user saw it, with the unit its block gives it."""
    return format_value(quantity.value, quantity.decimals, _unit_label(quantity))


def show_interval(iv: Interval, like: Quantity | None, kind: str = "number",
                  computed_decimals: int | None = None, point: Decimal | None = None) -> str:
    """A recomputed value, written like the figure it is compared with.

    `point` is the value recomputed from the figures as shown (96.05 ÷ 102 = 94.17%); the
    interval's middle stands in where there is none. A sum of figures with decimals keeps
    them (94.5, not 94, against a reported 97).
    """
    middle = point if point is not None else iv.mid
    if like is None:
        scale = Decimal("0.01") if kind in ("percent", "ratio") else Decimal(1)
        value = middle / scale
        return format_value(value, 2 if computed_decimals is None else computed_decimals,
                            "%" if scale != 1 else "")
    value = middle / like.scale
    decimals = max(like.decimals, computed_decimals or 0)
    text = format_value(value, decimals)
    # Never print the expected value so that it reads like the reported one.
    while text == format_value(like.value, like.decimals) and decimals < like.decimals + 4:
        decimals += 1
        text = format_value(value, decimals)
    return text + _unit_label(like)


def _shown(value: Any) -> str | None:
    if isinstance(value, Value):
        if value.quantity is not None:
            return show(value.quantity)
        return show_interval(value.iv, None, value.kind, value.decimals, value.point)
    if isinstance(value, Text):
        return value.text.strip()
    return None


def show_in_unit_of(quantity: Quantity, like: Quantity) -> str:
    """A reported figure restated in another figure's unit, keeping its own precision."""
    if quantity.unit == like.unit or quantity.kind != like.kind:
        return show(quantity)
    shift = (quantity.scale / like.scale).adjusted()
    decimals = max(quantity.decimals - shift, 0)
    text = format_value(quantity.base_value / like.scale, decimals)
    # 2684000.00元 in 万元 is 268.40万元, not 268.400000万元: zeros past the other figure's
    # own decimals say nothing (5863.775797万元 keeps its digits).
    while decimals > like.decimals and text.endswith("0"):
        text, decimals = text[:-1], decimals - 1
    return text.rstrip(".") + _unit_label(like)


def show_scaled(iv: Interval, like: Quantity, factor: int, down: bool) -> str:
    """A figure divided (or multiplied) by 10ᵏ, keeping its significant digits."""
    shift = len(str(factor)) - 1
    decimals = like.decimals + shift if down else max(like.decimals - shift, 0)
    text = format_value(iv.mid / like.scale, decimals)
    if "." in text and decimals > like.decimals:
        text = text.rstrip("0").rstrip(".")
    return text + _unit_label(like)


def _expected(outcome: Outcome) -> str | None:
    left, right = outcome.left, outcome.right
    if isinstance(right, Value):
        like = left.quantity if isinstance(left, Value) else None
        if outcome.op in ("<", "<=", ">", ">=") and right.quantity is not None:
            prefix = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}[outcome.op]
            return prefix + show(right.quantity)
        if right.quantity is not None and like is not None:
            return show_in_unit_of(right.quantity, like)
        return show_interval(right.iv, like, right.kind, right.decimals, right.point)
    if isinstance(right, Text):
        return right.text.strip()
    return None


class _Names(dict):
    """Message placeholders: fixed ones first, then any fact or text of the subject."""

    def __init__(self, scope: Subject, fixed: dict[str, Any]):
        super().__init__(fixed)
        self.scope = scope

    def __missing__(self, key: str) -> str:
        found = self.scope.lookup(key)
        if isinstance(found, Fact):
            return show(found.quantity) if isinstance(found.quantity, Quantity) else "—"
        if isinstance(found, Text):
            return found.text.strip()
        return "{" + key + "}"


def _figures(outcome: Outcome) -> list[Figure]:
    """The reported figures behind both sides of a failed check, each once, in order."""
    sides = ((outcome.slip.wrong, outcome.slip.right) if outcome.slip is not None
             else (outcome.left, outcome.right))
    seen: set[tuple] = set()
    figures = []
    for side in sides:
        for value in getattr(side, "figures", ()):
            if value.quantity is None or value.where is None:
                continue
            key = (value.where, value.quantity.text)
            if key in seen:
                continue
            seen.add(key)
            figures.append(Figure(value.label, show(value.quantity), value.where))
    return figures


def _named_figures(rule: Rule, scope: Subject) -> list[Figure]:
    """For a check that fails on a condition rather than a comparison (a score below full
    marks without a reason): the reported figures its formula names."""
    from .pack import formula_names

    names: set[str] = set()
    for formula in (rule.when, rule.check):
        if formula is not None:
            names |= formula_names(formula)
    figures = []
    for name in sorted(names):
        fact = scope.lookup(name) if "." not in name else None
        if isinstance(fact, Fact) and isinstance(fact.quantity, Quantity) and fact.location.path:
            figures.append(Figure(fact.label or name, show(fact.quantity), fact.location))
    return figures


def _factor_text(factor: int) -> str:
    exponent = len(str(factor)) - 1
    return "10" + str(exponent).translate(_SUPERSCRIPT)


@dataclass
class RunStats:
    checks: int = 0  # evaluations that reached a verdict
    skipped: int = 0  # evaluations with an operand not reported
    # (rule, subject, subject kind, pass|fail|skip) for every evaluation a `when` let run
    evaluations: list[Evaluation] = field(default_factory=list)


def _about(target: Subject, scope: Subject) -> Subject:
    # A document-level rule run over each form is about that form.
    return scope if target.kind == "document" and scope is not target else target


class Engine:
    def __init__(self, book: RuleBook, lang: str = "zh", paragraphs: list[Paragraph] = ()):
        self.book = book
        self.lang = lang
        # The document's prose, to quote the sentence of a finding about a figure in it.
        self.prose = ProseIndex(list(paragraphs))
        # Every failed check with its name, and the names of those that held: for
        # grouping failures under one cause (auditor.checks.causes).
        self.failures: list[Failure] = []
        self.held: set[tuple[str, str, str]] = set()

    def run(self, subjects: list[Subject], stats: RunStats | None = None) -> list[Finding]:
        stats = stats if stats is not None else RunStats()
        findings: list[Finding] = []
        by_kind: dict[str, list[Subject]] = {}
        for subject in subjects:
            for node in subject.walk():
                by_kind.setdefault(node.kind, []).append(node)
        # Most rules are for kinds of subject a file does not have: one test each.
        runnable = [rule for rule in self.book.rules if rule.applies_to in by_kind
                    and not rule.builtin and rule.check is not None]
        for rule in runnable:
            for target in by_kind[rule.applies_to]:
                scopes = target.collections.get(rule.each, []) if rule.each else [target]
                for scope in scopes:
                    finding = self._check(rule, target, scope, stats)
                    if finding is not None:
                        findings.append(finding)
        return findings

    def _check(self, rule: Rule, target: Subject, scope: Subject,
               stats: RunStats) -> Finding | None:
        if rule.when is not None:
            if not holds(rule.when, scope):
                return None
        assert rule.check is not None
        outcome = evaluate(rule.check, scope)
        about = _about(target, scope)
        verdict = ("skip" if outcome.truth is Truth.NA else
                   "fail" if outcome.truth is Truth.FALSE else "pass")
        stats.evaluations.append(Evaluation(rule.id, about.name, about.kind, verdict))
        if outcome.truth is Truth.NA:
            stats.skipped += 1
            return None
        stats.checks += 1
        if outcome.truth is not Truth.FALSE:
            self.held.add((rule.id, target.name, scope.name))
            return None
        finding = self.finding(rule, target, scope, outcome)
        self.failures.append(Failure((rule.id, target.name, scope.name), finding))
        return finding

    def finding(self, rule: Rule, target: Subject, scope: Subject,
                outcome: Outcome) -> Finding:
        member = scope.name if scope is not target else ""
        fixed: dict[str, Any] = {
            "subject": target.name, "member": member, "title": rule.text("title", self.lang),
            "reported": _shown(outcome.left) or "", "expected": _expected(outcome) or "",
            "label": getattr(outcome.left, "label", "") or "",
        }
        location = outcome.where or scope.location
        if rule.at:
            pointed = scope.lookup(rule.at)
            if isinstance(pointed, (Fact, Text)) and pointed.location.path:
                location = pointed.location
        kind = rule.kind
        related: list[Location] = []
        if outcome.slip is not None:
            kind = "unit_slip"
            self._slip_names(outcome.slip, fixed)
            location = outcome.slip.wrong.where or location
            if outcome.slip.right.where:
                related.append(outcome.slip.right.where)
            template = rule.text("message", self.lang) if rule.kind == "unit_slip" \
                else self.book.message("unit_slip", self.lang)
        else:
            template = rule.text("message", self.lang)
            for side in (outcome.left, outcome.right):
                where = getattr(side, "where", None) or getattr(side, "location", None)
                if where and where != location:
                    related.append(where)
        if not template:
            template = self.book.message("default", self.lang) or "{title}: {reported} ≠ {expected}"
        message = template.format_map(_Names(scope, fixed))
        about = _about(target, scope)
        finding = Finding(
            rule=rule.id, severity=rule.severity, message=message, location=location,
            reported=fixed["reported"] or None, expected=fixed["expected"] or None,
            title=rule.text("title", self.lang), subject=about.name, subject_kind=about.kind,
            kind=kind, related=related,
            figures=_figures(outcome) or _named_figures(rule, scope),
        )
        if self.prose:
            figure = outcome.slip.wrong if outcome.slip is not None else outcome.left
            quantity = getattr(figure, "quantity", None)
            quoted = self.prose.sentence(location, quantity.text if quantity else None)
            if quoted is not None:
                finding.context, finding.span = quoted
        return finding

    def _slip_names(self, slip: UnitSlip, fixed: dict[str, Any]) -> None:
        wrong = slip.wrong
        like = wrong.quantity
        fixed["reported"] = _shown(wrong) or ""
        fixed["label"] = wrong.label
        down = slip.intended.mid < wrong.iv.mid
        fixed["intended"] = show_scaled(slip.intended, like, slip.factor, down) if like else ""
        fixed["expected"] = fixed["intended"]
        right = slip.right
        if right.quantity is None and right.iv.lo != right.iv.hi and like is not None:
            # The peers' range, in the wrong figure's unit.
            low = format_value(right.iv.lo / like.scale, 2).rstrip("0").rstrip(".")
            high = format_value(right.iv.hi / like.scale, 2).rstrip("0").rstrip(".")
            fixed["other"] = f"{low}～{high}{_unit_label(like)}"
        else:
            fixed["other"] = _shown(right) or ""
        fixed["factor"] = _factor_text(slip.factor)
        bigger = wrong.iv.mid > slip.intended.mid
        unit = like.unit if like and like.unit else ""
        smaller_unit = {"万元": "元", "亿元": "万元", "千元": "元"}.get(unit, "")
        larger_unit = {"元": "万元", "万元": "亿元", "千元": "万元"}.get(unit, "")
        fixed["hint"] = (f"按{smaller_unit}填入{unit}栏？" if bigger and smaller_unit else
                         f"按{larger_unit}填入{unit}栏？" if not bigger and larger_unit else "")
        fixed["hint_en"] = (f"entered in {smaller_unit}?" if bigger and smaller_unit else
                            f"entered in {larger_unit}?" if not bigger and larger_unit else "")


def builtin_finding(book: RuleBook, name: str, location: Location, lang: str = "zh",
                    **values: Any) -> Finding | None:
    """A finding of a rule the pipeline itself raises (an unrecognised sheet)."""
    rule = book.builtin(name)
    if rule is None:
        return None
    fixed = {"title": rule.text("title", lang), **values}
    template = rule.text("message", lang) or "{title}"
    message = template.format_map(_Names(Subject("document", "", location), fixed))
    return Finding(rule=rule.id, severity=rule.severity, message=message, location=location,
                   title=rule.text("title", lang), kind=rule.kind)
