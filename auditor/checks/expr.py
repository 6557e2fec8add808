"""The formula language of rule packs, evaluated over intervals and never with `eval`.

A formula is a Python expression parsed with `ast` and walked by an allow-list evaluator:
Decimal literals (exact, from their source text), names of facts (`执行率`, dotted
`当年财政拨款.全年预算数`, or back-quoted `` `因公出国（境）费` ``), + − × ÷, comparisons,
and/or/not, and a handful of functions. `100%` is a literal; `×`, `÷`, `≤`, `≥`, `≠` may be
written as such.

Comparisons are three-valued because figures are intervals: `a == b` is MAYBE when the
ranges meet, FALSE when they cannot be equal. A check fails only on FALSE; a `when`
condition holds on TRUE or MAYBE. A name that is absent or not reported makes the
comparison NA: the check did not run.
"""

from __future__ import annotations

import ast
import contextvars
import enum
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from ..interval import ARITHMETIC, Interval
from ..model import Fact, Location, Subject, Text
from ..numbers import Quantity, years_in
from ..recognise.labels import compact, label_key
from . import refusals


class FormulaError(ValueError):
    """A formula that cannot be parsed or uses what the language does not allow.

    `code` and `values` name a refusal in the message catalogue (rules/packs.yaml), so that
    the pack loader can say it in the user's language.
    """

    def __init__(self, message: str, code: str | None = None, values: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.values = values or {}


class Truth(enum.Enum):
    TRUE = "true"
    MAYBE = "maybe"
    FALSE = "false"
    NA = "na"  # an operand was not reported: no verdict

    @property
    def holds(self) -> bool:
        return self in (Truth.TRUE, Truth.MAYBE)


# Not frozen, but hashed and compared as if it were (nothing changes a Value once made): a
# frozen dataclass sets each of its nine fields through object.__setattr__, and a Value is
# made for every figure a rule reads and every step of arithmetic.
@dataclass(slots=True, unsafe_hash=True)
class Value:
    """A figure while a formula is evaluated: its range, kind and, if reported, its origin."""

    iv: Interval
    kind: str = "number"  # amount | percent | score | count | number | ratio
    where: Location | None = None
    quantity: Quantity | None = None  # set when the value is one reported figure
    label: str = ""
    decimals: int | None = None  # digits worth printing, for values worked out from figures
    # The value worked out from the figures as shown, as a reader would recompute it: the
    # number printed as "expected". The interval decides; this only speaks.
    point: Decimal | None = None
    # The reported figures a worked-out value was computed from.
    leaves: tuple[Value, ...] = ()

    @property
    def estimate(self) -> Decimal:
        return self.point if self.point is not None else self.iv.mid

    @property
    def figures(self) -> tuple[Value, ...]:
        """The reported figures behind this value (itself, when it is one)."""
        if self.leaves:
            return self.leaves
        return (self,) if self.quantity is not None and self.where is not None else ()


@dataclass(frozen=True)
class UnitSlip:
    factor: int  # 10**k
    wrong: Value  # the figure that looks entered in the wrong unit
    right: Value
    intended: Interval  # what `wrong` would be in the right unit


@dataclass(slots=True)
class Outcome:
    truth: Truth
    left: Value | Text | None = None  # the comparison that failed, for the message
    right: Value | Text | None = None
    op: str = ""
    slip: UnitSlip | None = None
    where: Location | None = None


class _Missing(Exception):
    """An operand is absent or not reported."""


@dataclass
class _Column:
    """`指标.分值`: one attribute over a collection's members."""

    members: list[Subject]
    attribute: str
    values: list[Any] = field(default_factory=list)


_OPERATOR_WORDS = {"×": "*", "÷": "/", "≤": "<=", "≥": ">=", "≠": "!=", "＝": "=",
                   "（": "(", "）": ")", "，": ","}
_QUOTED = re.compile(r"`([^`]+)`|(\"[^\"]*\"|'[^']*')")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def _prepare(source: str) -> tuple[str, dict[str, str]]:
    """Back-quoted names become identifiers; `100%` and ×÷≤≥ become Python."""
    quoted: dict[str, str] = {}
    out = []
    position = 0
    for match in _QUOTED.finditer(source):
        out.append(_plain(source[position:match.start()]))
        if match.group(1) is not None:
            placeholder = f"_q{len(quoted)}"
            quoted[placeholder] = match.group(1).strip()
            out.append(placeholder)
        else:
            out.append(match.group(2))
        position = match.end()
    out.append(_plain(source[position:]))
    return "".join(out), quoted


def _plain(segment: str) -> str:
    for word, replacement in _OPERATOR_WORDS.items():
        segment = segment.replace(word, replacement)
    return _PERCENT.sub(r"(\1/100)", segment)


_ALLOWED = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub,
            ast.UAdd, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Compare, ast.Eq,
            ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Call, ast.Name, ast.Attribute,
            ast.Constant, ast.Load, ast.keyword)


# Bounds a formula must keep to be loaded. A rule pack may come from anyone: a formula
# nested too deeply or too long would exhaust the interpreter's stack, a literal of a
# million digits its memory; the shipped formulas stay far inside (depth 6, 150 chars).
MAX_FORMULA_CHARS = 2000
MAX_DEPTH = 64
MAX_LITERAL_DIGITS = 30  # significant digits of a numeric literal
MAX_LITERAL_EXPONENT = 30  # |exponent| of a numeric literal (1e30 and 1e-30 pass)
MAX_TEXT_CHARS = 200  # a quoted text in a formula (a label to match)

# Positional arguments each function takes (least, most; None: any number), and whether it
# takes keyword filters (`total(指标.分值, 一级指标="产出指标")`).
ARITY: dict[str, tuple[int, int | None, bool]] = {
    "sum": (1, None, True), "total": (1, None, True), "count": (1, None, True),
    "min": (1, None, False), "max": (1, None, False), "abs": (1, 1, False),
    "filled": (1, 1, False), "absent": (1, 1, False), "mentions": (1, None, False), "earliest_year": (1, None, False),
    "scale_consistent": (2, 2, False), "repeats_parent": (2, 2, False),
    "agrees": (2, 2, False), "approx": (2, 3, False), "nonzero": (1, 2, False),
    "has_unit": (1, 1, False), "same_unit": (2, 2, False), "same_figure": (2, 2, False),
}

# Nodes that are part of their parent's syntax, not a level of nesting.
_MARKERS = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)


@dataclass
class Formula:
    source: str
    tree: ast.Expression
    prepared: str
    quoted: dict[str, str]
    # Built once by compile_formula: the formula as a condition (an Outcome) and as a value.
    condition: Callable[[Evaluator], Outcome] = field(init=False, repr=False, compare=False)
    evaluate: Node = field(init=False, repr=False, compare=False)
    # The formula as a `when`: only whether it holds, found with and/or cut short.
    guard: Callable[[Evaluator], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiler = _Compiler(self)
        self.condition = compiler.condition(self.tree.body)
        self.evaluate = compiler.value(self.tree.body)
        self.guard = compiler.guard(self.tree.body)

    def __getstate__(self) -> dict[str, Any]:
        # Closures do not pickle; the checked tree does, and compiles again on loading.
        return {"source": self.source, "tree": self.tree, "prepared": self.prepared,
                "quoted": self.quoted}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Compiled on first use (`__getattr__`), not here: a book read back from the cache
        # holds every pack's formulas (187 shipped), and a run uses those of the packs for
        # its kinds of document only; compiling them all took 16 ms of each start.
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not yet set: the closures of a formula read back.
        if name in _COMPILED and "tree" in self.__dict__:
            self.__post_init__()
            return self.__dict__[name]
        raise AttributeError(name)

    def names(self) -> set[str]:
        found = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
                found.add(self.quoted.get(node.id, node.id))
        return found


_COMPILED = frozenset({"condition", "evaluate", "guard"})  # what __post_init__ builds


def _refused(code: str, **values: Any) -> FormulaError:
    return FormulaError(refusals.text(code, "zh", **values), code, values)


def compile_formula(source: str) -> Formula:
    if not isinstance(source, str) or not source.strip():
        raise _refused("pack.formula.empty")
    if len(source) > MAX_FORMULA_CHARS:
        raise _refused("pack.formula.long", chars=len(source), limit=MAX_FORMULA_CHARS)
    prepared, quoted = _prepare(source.strip())
    try:
        tree = ast.parse(prepared, mode="eval")
    except SyntaxError as exc:
        raise _refused("pack.formula.syntax", formula=_short(source), problem=exc.msg) from None
    except (RecursionError, MemoryError, ValueError):
        # CPython's parser gives up on some deep nestings before any SyntaxError.
        raise _refused("pack.formula.deep", limit=MAX_DEPTH) from None
    _check_tree(tree, source, prepared, quoted)
    return Formula(source, tree, prepared, quoted)


def _check_tree(tree: ast.Expression, source: str, prepared: str, quoted: dict[str, str]) -> None:
    """Refuses what the language does not allow, iteratively (no recursion on user input)."""
    for node, depth in _nodes(tree):
        if depth > MAX_DEPTH:
            raise _refused("pack.formula.deep", limit=MAX_DEPTH)
        if not isinstance(node, _ALLOWED):
            raise _refused("pack.formula.construct", construct=type(node).__name__,
                           formula=_short(source))
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                name = _short(getattr(node.func, "id", None)
                              or ast.get_source_segment(prepared, node.func) or "?")
                raise _refused("pack.formula.function", function=name,
                               allowed=", ".join(sorted(FUNCTIONS)))
            _check_call(node, node.func.id)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float, str)):
                raise _refused("pack.formula.constant", constant=_short(repr(node.value)))
            _check_literal(node, prepared)
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_") and node.attr not in quoted:
                raise _refused("pack.formula.private", name=_short(node.attr))
            base: ast.AST = node
            while isinstance(base, ast.Attribute):
                base = base.value
            if not isinstance(base, ast.Name):
                raise _refused("pack.formula.attribute", formula=_short(source))


def _short(text: str, limit: int = 60) -> str:
    """A formula as quoted in a refusal: one line, and not all of a 2,000-character one."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _nodes(tree: ast.Expression) -> Iterable[tuple[ast.AST, int]]:
    """Every node of the tree with its depth (1 for the body), without recursion."""
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        # An operator (`+`, `not`, `==`) is checked like any node but is no level of its own.
        stack.extend((child, depth if isinstance(child, _MARKERS) else depth + 1)
                     for child in ast.iter_child_nodes(node))


def _check_call(node: ast.Call, name: str) -> None:
    least, most, filters = ARITY.get(name, (0, None, True))  # a function added without bounds
    given = len(node.args)
    if given < least or (most is not None and given > most):
        wanted = str(least) if least == most else \
            f"{least}–{most}" if most is not None else f"≥{least}"
        raise _refused("pack.formula.arity", function=name, wanted=wanted, given=given)
    if node.keywords and (not filters or any(k.arg is None for k in node.keywords)):
        raise _refused("pack.formula.keywords", function=name)


def _check_literal(node: ast.Constant, prepared: str) -> None:
    if isinstance(node.value, str):
        if len(node.value) > MAX_TEXT_CHARS:
            raise _refused("pack.formula.text", chars=len(node.value), limit=MAX_TEXT_CHARS)
        return
    segment = ast.get_source_segment(prepared, node) or repr(node.value)
    try:
        number = Decimal(segment)
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite():
        raise _refused("pack.formula.literal", literal=segment[:40])
    digits = len(number.as_tuple().digits)
    if digits > MAX_LITERAL_DIGITS or abs(number.adjusted()) > MAX_LITERAL_EXPONENT:
        raise _refused("pack.formula.huge", literal=segment[:40] + ("…" if len(segment) > 40 else ""),
                       limit=MAX_LITERAL_DIGITS)


# ---------------------------------------------------------------- evaluation


# Figures read as if typed in another unit while a failed comparison is retried (by cell).
_RESCALED: contextvars.ContextVar[dict[Location, Decimal]] = contextvars.ContextVar(
    "rescaled", default={})


# Each figure's Value, by the identity of its Fact (kept in the entry, so that an id is
# never reused while remembered): a figure is read by many rules, and working out its
# interval costs more than the comparison it is read for. Bounded for long batches.
_VALUES: dict[int, tuple[Fact, Value]] = {}
_CACHED_VALUES = 1 << 15


def _value_of(fact: Fact) -> Value:
    entry = _VALUES.get(id(fact))
    if entry is not None and entry[0] is fact and not _RESCALED.get():
        return entry[1]  # only reported figures are kept
    return _read_value(fact)


def _read_value(fact: Fact) -> Value:
    if not fact.reported:
        raise _Missing(fact.name)
    quantity = fact.quantity
    assert isinstance(quantity, Quantity)
    rescaled = _RESCALED.get()
    factor = rescaled.get(fact.location) if rescaled else None
    if factor is not None:
        return Value(quantity.interval.scaled(factor), quantity.kind, fact.location, quantity,
                     fact.label or fact.name, quantity.decimals, quantity.base_value * factor)
    entry = _VALUES.get(id(fact))
    if entry is not None and entry[0] is fact:
        return entry[1]
    value = Value(quantity.interval, quantity.kind, fact.location, quantity,
                  fact.label or fact.name, quantity.decimals, quantity.base_value)
    if len(_VALUES) >= _CACHED_VALUES:
        _VALUES.clear()
    _VALUES[id(fact)] = (fact, value)
    return value


def _number(value: Any) -> Value:
    if isinstance(value, Value):
        return value
    if isinstance(value, Text):
        raise FormulaError(f"text {value.text[:20]!r} used as a number")
    if isinstance(value, _Column):
        raise FormulaError(f"{value.attribute} of a collection used as one number; use sum()")
    raise FormulaError(f"{value!r} is not a number")


def _combine_kind(a: Value, b: Value, op: str) -> str:
    if op in "+-":
        return a.kind if a.kind == b.kind else "number"
    if op == "*":
        if a.kind == "number":
            return b.kind
        if b.kind == "number":
            return a.kind
        return "number"
    if a.kind == b.kind == "amount":
        return "ratio"
    if b.kind == "number":
        return a.kind
    return "number"


def _single_comparison(left_node: Node, op: str, right_node: Node) -> Node:
    """`a op b`: what the chain of comparisons gives for one link, with less work.

    A chain's verdict is `_all` of its links: the failed link itself, or a bare outcome of
    the link's truth (a comparison is never NA). Only a failed link needs its sides.
    """
    test = _INTERVAL_TESTS[op]

    def comparison(ev: Evaluator) -> Outcome:
        left = left_node(ev)
        right = right_node(ev)
        if type(left) is Value and type(right) is Value:
            truth = test(left.iv, right.iv)
            if truth is not Truth.FALSE:
                return Outcome(truth)
        outcome = _compare(left, right, op)
        if outcome.truth is not Truth.FALSE:
            return Outcome(outcome.truth)
        if op == "==" and outcome.slip is None and isinstance(left, Value) \
                and isinstance(right, Value):
            outcome.slip = _slipped_figure(ev, left_node, right_node, left, right)
        return outcome
    return comparison


def _text_comparison(left_node: Node, op: str, text: str) -> Node:
    """`a == "成本指标"` (or !=): `_single_comparison` of a quoted text, its key worked out once.

    The other side is compared as a text whatever it is, as `_compare` does when one side
    is a text; a failed comparison keeps it when it is a Text, for the message.
    """
    wanted = label_key(text)
    equal = op == "=="

    def text_comparison(ev: Evaluator) -> Outcome:
        left = left_node(ev)
        key = label_key(left.text if isinstance(left, Text) else str(left))
        if (key == wanted) == equal:
            return Outcome(Truth.TRUE)
        return Outcome(Truth.FALSE, left if isinstance(left, Text) else None, None, op)
    return text_comparison


def _equal(a: Interval, b: Interval) -> Truth:
    if not (a.lo <= b.hi and b.lo <= a.hi):  # a.meets(b)
        return Truth.FALSE
    return Truth.TRUE if a.lo == a.hi == b.lo == b.hi else Truth.MAYBE


def _unequal(a: Interval, b: Interval) -> Truth:
    if not (a.lo <= b.hi and b.lo <= a.hi):
        return Truth.TRUE
    return Truth.FALSE if a.lo == a.hi == b.lo == b.hi else Truth.MAYBE


def _less(a: Interval, b: Interval) -> Truth:
    if a.hi < b.lo:
        return Truth.TRUE
    if a.lo >= b.hi:
        return Truth.FALSE
    return Truth.MAYBE


def _less_or_equal(a: Interval, b: Interval) -> Truth:
    if a.hi <= b.lo:
        return Truth.TRUE
    if a.lo > b.hi:
        return Truth.FALSE
    return Truth.MAYBE


# Each comparison as its own function, chosen once when a formula is compiled; they give
# what _compare_intervals gives.
_INTERVAL_TESTS: dict[str, Callable[[Interval, Interval], Truth]] = {
    "==": _equal, "!=": _unequal, "<": _less, "<=": _less_or_equal,
    ">": lambda a, b: _less(b, a), ">=": lambda a, b: _less_or_equal(b, a)}


def _compare_intervals(a: Interval, b: Interval, op: str) -> Truth:
    if op == "==":
        if not a.meets(b):
            return Truth.FALSE
        return Truth.TRUE if a.lo == a.hi == b.lo == b.hi else Truth.MAYBE
    if op == "!=":
        if not a.meets(b):
            return Truth.TRUE
        return Truth.FALSE if a.lo == a.hi == b.lo == b.hi else Truth.MAYBE
    if op in ("<", "<="):
        strict = op == "<"
        if (a.hi < b.lo) or (not strict and a.hi <= b.lo):
            return Truth.TRUE
        if (a.lo > b.hi) or (strict and a.lo >= b.hi):
            return Truth.FALSE
        return Truth.MAYBE
    if op in (">", ">="):
        flipped = {">": "<", ">=": "<="}[op]
        return _compare_intervals(b, a, flipped)
    raise FormulaError(f"unknown comparison {op}")


SLIP_FACTORS = (10_000, 1_000, 100_000_000)


def _unit_slip(left: Value, right: Value) -> UnitSlip | None:
    """Two amounts that disagree by 10⁴ (or 10³, 10⁸): one was typed in the wrong unit."""
    if left.kind != "amount" or right.kind != "amount":
        return None
    if left.iv.lo <= 0 <= left.iv.hi or right.iv.lo <= 0 <= right.iv.hi:
        return None  # a zero (or blank) is no amount typed in another unit
    for factor in SLIP_FACTORS:
        f = Decimal(factor)
        for big, small in ((left, right), (right, left)):
            if big.iv.scaled(1 / f).meets(small.iv) and abs(big.iv.mid) > abs(small.iv.mid):
                # A whole number of 元 typed into a 万元 column is the usual slip: the larger
                # figure is the wrong one unless it is a computed value with no cell.
                wrong, other = (big, small) if big.where is not None else (small, big)
                intended = wrong.iv.scaled(1 / f) if wrong is big else wrong.iv.scaled(f)
                return UnitSlip(factor, wrong, other, intended)
    return None


# The point values' arithmetic is the intervals' (the same precision and rounding).
_POINT_OPS = {"+": ARITHMETIC.add, "-": ARITHMETIC.subtract, "*": ARITHMETIC.multiply}


def _arithmetic(a: Decimal, b: Decimal, op: str) -> Decimal | None:
    if op == "/":
        return ARITHMETIC.divide(a, b) if b else None
    return _POINT_OPS[op](a, b)


_COMPARE_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                ast.GtE: ">="}
_ARITH_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class Evaluator:
    """One evaluation of a compiled formula over one subject (what the functions see)."""

    __slots__ = ("formula", "scope")

    def __init__(self, formula: Formula, scope: Subject):
        self.formula = formula
        self.scope = scope

    def truth(self) -> Outcome:
        return self.formula.condition(self)

    def value(self) -> Value:
        return _number(self.formula.evaluate(self))


# A compiled node: given the evaluation, the node's value (a Value, a Text, a str, a
# collection's column or an Outcome), raising _Missing for an operand not reported.
Node = Callable[[Evaluator], Any]


class _Compiler:
    """Turns a checked syntax tree into nested closures, once per formula.

    Every closure does what the tree walker (auditor.checks.walk) does at its node, in the
    same order and through the same helpers, so that outcomes are identical; the work of
    finding the node's kind, resolving back-quoted names and reading literals from the
    source text is done here instead of at every evaluation.
    """

    def __init__(self, formula: Formula):
        self.prepared = formula.prepared
        self.quoted = formula.quoted

    def value(self, node: ast.AST) -> Node:
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None:
            raise FormulaError(f"{type(node).__name__} is not allowed")
        return method(node)

    def condition(self, node: ast.AST) -> Callable[[Evaluator], Outcome]:
        value = self.value(node)

        def condition(ev: Evaluator) -> Outcome:
            try:
                result = value(ev)
            except (_Missing, ZeroDivisionError):
                # An operand not reported, or a zero base (a rate of nothing): no verdict.
                return Outcome(Truth.NA)
            if isinstance(result, Outcome):
                return result
            raise FormulaError(f"{ast.unparse(node)} is not a condition (it gives a value)")
        return condition

    def guard(self, node: ast.AST) -> Callable[[Evaluator], bool]:
        """Whether the condition holds (TRUE or MAYBE), as `condition(ev).truth.holds` gives.

        A `when` needs no more than that, so `and` may stop at the first operand that does
        not hold and `or` at the first that does, where a condition evaluates every operand
        to report the right one. The operands left out must be ones that cannot raise: an
        error in them is raised as before, by evaluating them anyway.
        """
        if not isinstance(node, ast.BoolOp):
            condition = self.condition(node)
            return lambda ev: condition(ev).truth.holds
        guards = [self.guard(v) for v in node.values]
        conditions = [self.condition(v) for v in node.values]
        # For each operand, whether every operand after it is safe to leave out.
        rest_safe = [all(_quiet(v) for v in node.values[i + 1:])
                     for i in range(len(node.values))]
        decisive = isinstance(node.op, ast.Or)  # the result an operand settles: or on True

        def cut_short(ev: Evaluator) -> bool:
            for i, guard in enumerate(guards):
                if guard(ev) is decisive:
                    if not rest_safe[i]:
                        for condition in conditions[i + 1:]:
                            condition(ev)  # for its errors only
                    return decisive
            return not decisive
        return cut_short

    # -- the nodes

    def _constant(self, node: ast.Constant) -> Node:
        if isinstance(node.value, str):
            text = node.value
            return lambda ev: text
        constant = literal_value(node, self.prepared)
        return lambda ev: constant

    def _name(self, node: ast.Name) -> Node:
        name = self.quoted.get(node.id, node.id)

        def name_value(ev: Evaluator) -> Any:
            found = ev.scope.lookup(name)
            if found is None:
                raise _Missing(name)
            if isinstance(found, Fact):
                # _value_of, its cached case written out: the commonest step of all.
                entry = _VALUES.get(id(found))
                if entry is not None and entry[0] is found and not _RESCALED.get():
                    return entry[1]
                return _read_value(found)
            return found
        return name_value

    def _attribute(self, node: ast.Attribute) -> Node:
        parts = []
        current: ast.AST = node
        while isinstance(current, ast.Attribute):
            parts.append(self.quoted.get(current.attr, current.attr))
            current = current.value
        if not isinstance(current, ast.Name):
            raise FormulaError("attributes apply to names only")
        parts.append(self.quoted.get(current.id, current.id))
        parts.reverse()
        dotted = ".".join(parts)
        head = parts[0]
        column = parts[1] if len(parts) == 2 else None

        def attribute_value(ev: Evaluator) -> Any:
            found = ev.scope.lookup(dotted)
            if isinstance(found, Fact):
                return _value_of(found)
            if found is not None:
                return found
            base = ev.scope.lookup(head)
            if isinstance(base, list) and column is not None:
                return _Column(base, column)
            raise _Missing(dotted)
        return attribute_value

    def _unaryop(self, node: ast.UnaryOp) -> Node:
        if isinstance(node.op, ast.Not):
            condition = self.condition(node.operand)
            return lambda ev: _not(condition(ev))
        operand = self.value(node.operand)
        if isinstance(node.op, ast.USub):
            def negative(ev: Evaluator) -> Value:
                value = _number(operand(ev))
                return Value(-value.iv, value.kind, point=-value.estimate, leaves=value.figures)
            return negative
        return lambda ev: _number(operand(ev))

    def _binop(self, node: ast.BinOp) -> Node:
        op = _ARITH_OPS[type(node.op)]
        left, right = self.value(node.left), self.value(node.right)
        combine = _INTERVAL_OPS[op]
        additive = op in "+-"

        def arithmetic(ev: Evaluator) -> Value:
            a = _number(left(ev))
            b = _number(right(ev))
            iv = combine(a.iv, b.iv)
            decimals = max(a.decimals or 0, b.decimals or 0) if additive else None
            return Value(iv, _combine_kind(a, b, op), a.where or b.where, decimals=decimals,
                         point=_arithmetic(a.estimate, b.estimate, op),
                         leaves=a.figures + b.figures)
        return arithmetic

    def _boolop(self, node: ast.BoolOp) -> Node:
        conditions = [self.condition(v) for v in node.values]
        join = _all if isinstance(node.op, ast.And) else _any
        # Every operand is evaluated (no short cut): an NA beside a FALSE must be seen.
        return lambda ev: join([condition(ev) for condition in conditions])

    def _compare(self, node: ast.Compare) -> Node:
        first = self.value(node.left)
        chain = [(_COMPARE_OPS[type(op)], self.value(right))
                 for op, right in zip(node.ops, node.comparators)]
        if len(chain) == 1:
            right = node.comparators[0]
            if _is_text(right) and chain[0][0] in ("==", "!="):
                return _text_comparison(first, chain[0][0], right.value)  # type: ignore[attr-defined]
            return _single_comparison(first, *chain[0])

        links = [(op, _INTERVAL_TESTS[op], right) for op, right in chain]

        def comparison(ev: Evaluator) -> Outcome:
            outcomes = []
            left_node, left = first, first(ev)
            for op, test, right_node in links:
                right = right_node(ev)
                if type(left) is Value and type(right) is Value:
                    truth = test(left.iv, right.iv)
                    if truth is not Truth.FALSE:
                        # _all reads no more than the truth of a link that did not fail.
                        outcomes.append(Outcome(truth))
                        left_node, left = right_node, right
                        continue
                outcome = _compare(left, right, op)
                if outcome.truth is Truth.FALSE and op == "==" and outcome.slip is None \
                        and isinstance(left, Value) and isinstance(right, Value):
                    outcome.slip = _slipped_figure(ev, left_node, right_node, left, right)
                outcomes.append(outcome)
                left_node, left = right_node, right
            return _all(outcomes)
        return comparison

    def _call(self, node: ast.Call) -> Node:
        function = FUNCTIONS[node.func.id]  # type: ignore[union-attr]
        args = [self.value(a) for a in node.args]
        kwargs = [(k.arg, self.value(k.value)) for k in node.keywords if k.arg]

        if not kwargs:
            return lambda ev: function(ev, [partial(a, ev) for a in args], _NO_KEYWORDS)

        def call(ev: Evaluator) -> Any:
            return function(ev, [partial(a, ev) for a in args],
                            {name: partial(v, ev) for name, v in kwargs})
        return call


def _quiet(node: ast.AST) -> bool:
    """True when the node, evaluated as a condition, cannot raise (beyond what a condition
    turns into NA): its evaluation may then be left out when its outcome does not matter.

    Conservative: names and literals, text comparisons with == and != against a quoted text,
    filled() and mentions() of those, and and/or/not of such conditions.
    """
    if isinstance(node, ast.BoolOp):
        return all(_quiet(v) for v in node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _quiet(node.operand)
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        # Each pair compares as texts when either side is a quoted text; texts compare
        # with == and != without error whatever the other side is.
        return all(_plain_operand(o) for o in operands) and all(
            isinstance(op, (ast.Eq, ast.NotEq)) and (_is_text(a) or _is_text(b))
            for op, a, b in zip(node.ops, operands, operands[1:]))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("filled", "mentions") and not node.keywords:
        return all(_plain_operand(a) for a in node.args)
    return False


def _plain_operand(node: ast.AST) -> bool:
    """A name, a dotted name or a literal: looked up or read, never computed with."""
    return isinstance(node, (ast.Name, ast.Attribute, ast.Constant))


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# The keyword arguments of a call that has none (read only, shared by every call).
_NO_KEYWORDS: Mapping[str, Callable[[], Any]] = MappingProxyType({})

_INTERVAL_OPS: dict[str, Callable[[Interval, Interval], Interval]] = {
    "+": Interval.__add__, "-": Interval.__sub__, "*": Interval.__mul__,
    "/": Interval.__truediv__}


def literal_value(node: ast.Constant, prepared: str) -> Value:
    """A numeric literal as written (`0.1` is exactly 1/10, never the float nearest it)."""
    segment = ast.get_source_segment(prepared, node) or repr(node.value)
    number = Decimal(segment)
    return Value(Interval.exact(number), decimals=max(-int(number.as_tuple().exponent), 0),
                 point=number)


def _slipped_figure(ev: Evaluator, left_node: Node, right_node: Node, left: Value,
                    right: Value) -> UnitSlip | None:
    """The one amount behind a failed equation that, read in another unit, makes it hold.

    A part typed in 元 into a 万元 column breaks its total (and the rate computed from
    it) without being a whole side of the equation. Only a figure out of scale with every
    other amount of the equation (over 100 times, or under a hundredth) is tried, so an
    ordinary wrong figure is never explained away as a slip.
    """
    amounts = [v for v in (*left.figures, *right.figures) if v.kind == "amount"]
    # Each size once, in order: the smallest and largest of the *other* figures are then the
    # first ones from either end standing elsewhere (an equation may hold a hundred amounts).
    sized = sorted(((abs(v.iv.mid), v.where) for v in amounts), key=lambda pair: pair[0])
    for figure in amounts:
        size = abs(figure.iv.mid)
        smallest = next((s for s, where in sized if where != figure.where), None)
        if smallest is None or size == 0 or smallest == 0:
            continue
        largest = next(s for s, where in reversed(sized) if where != figure.where)
        for factor in SLIP_FACTORS:
            f = Decimal(factor)
            if size > 100 * largest:
                scale = 1 / f
            elif size * 100 < smallest:
                scale = f
            else:
                break
            token = _RESCALED.set({**_RESCALED.get(), figure.where: scale})
            try:
                a, b = _number(left_node(ev)), _number(right_node(ev))
            except (_Missing, ZeroDivisionError):
                continue
            finally:
                _RESCALED.reset(token)
            if _compare_intervals(a.iv, b.iv, "==").holds:
                other = right if figure in right.figures else left
                rest = [v for v in amounts if v.where != figure.where]
                return UnitSlip(factor, figure, rest[0] if len(rest) == 1 else other,
                                figure.iv.scaled(scale))
    return None


def _compare(left: Any, right: Any, op: str) -> Outcome:
    if isinstance(left, (Text, str)) or isinstance(right, (Text, str)):
        a = label_key(left.text if isinstance(left, Text) else str(left))
        b = label_key(right.text if isinstance(right, Text) else str(right))
        if op not in ("==", "!="):
            raise FormulaError("texts compare with == and != only")
        same = a == b
        truth = Truth.TRUE if same == (op == "==") else Truth.FALSE
        return Outcome(truth, left if isinstance(left, Text) else None,
                       right if isinstance(right, Text) else None, op)
    a, b = _number(left), _number(right)
    truth = _compare_intervals(a.iv, b.iv, op)
    slip = _unit_slip(a, b) if truth is Truth.FALSE and op == "==" else None
    return Outcome(truth, a, b, op, slip, a.where or b.where)


def _not(outcome: Outcome) -> Outcome:
    flipped = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(outcome.truth,
                                                                     outcome.truth)
    return Outcome(flipped, outcome.left, outcome.right, outcome.op, None, outcome.where)


def _all(outcomes: list[Outcome]) -> Outcome:
    for outcome in outcomes:
        if outcome.truth is Truth.FALSE:
            return outcome
    if any(o.truth is Truth.NA for o in outcomes):
        return Outcome(Truth.NA)
    if any(o.truth is Truth.MAYBE for o in outcomes):
        return Outcome(Truth.MAYBE)
    return Outcome(Truth.TRUE)


def _any(outcomes: list[Outcome]) -> Outcome:
    if any(o.truth is Truth.TRUE for o in outcomes):
        return Outcome(Truth.TRUE)
    if any(o.truth is Truth.MAYBE for o in outcomes):
        return Outcome(Truth.MAYBE)
    failed = [o for o in outcomes if o.truth is Truth.FALSE]
    if failed:
        return failed[0]
    return Outcome(Truth.NA)


# ---------------------------------------------------------------- functions
# Each takes the evaluator, the positional and keyword arguments as thunks, and returns a
# Value or an Outcome. Arguments are thunks so that a function may treat a missing operand
# itself (sum() counts a blank part as nothing).


def _force(thunk: Callable[[], Any]) -> Any:
    try:
        return thunk()
    except _Missing:
        return None


def _column_values(column: _Column, where: dict[str, str] | None = None) -> list[Any]:
    values = []
    # The filters' label keys once, not once per member.
    wanted = [(name, label_key(text)) for name, text in where.items()] if where else ()
    for member in column.members:
        if not all(_key_matches(member.lookup(name), key) for name, key in wanted):
            continue
        found = member.lookup(column.attribute)
        if isinstance(found, Fact):
            values.append(_value_of(found) if found.reported else None)
        else:
            values.append(found)
    return values


def _text_matches(found: Any, wanted: str) -> bool:
    return isinstance(found, Text) and label_key(found.text) == label_key(wanted)


def _key_matches(found: Any, key: str) -> bool:
    """`_text_matches` against a label key already worked out."""
    return isinstance(found, Text) and label_key(found.text) == key


def _numbers(evaluator: Evaluator, args: list, kwargs: dict,
             forced: list[Any] | None = None) -> list[Value | None]:
    """The arguments' values, a column's in order; `forced` gets what each argument gave."""
    where = {k: str(v()) for k, v in kwargs.items()}
    values: list[Value | None] = []
    for thunk in args:
        got = _force(thunk)
        if forced is not None:
            forced.append(got)
        if isinstance(got, _Column):
            values.extend(v if isinstance(v, Value) or v is None else _number(v)
                          for v in _column_values(got, where))
        elif isinstance(got, list):
            raise FormulaError("name a collection's attribute: sum(指标.分值)")
        else:
            values.append(_number(got) if got is not None else None)
    return values


def _partial(scope: Subject) -> bool:
    """Whether the subject is a table's row read without some of its figures (a column of
    figures under a header not known): a sum across the columns read would be taken for the
    sum of the whole row. A column's own sums (下级 rows under their 汇总) are whole."""
    return bool(scope.meta.get("unread_columns"))


def _sum(evaluator: Evaluator, args: list, kwargs: dict) -> Value:
    """Σ of the reported values; a blank part counts as nothing, all blank is no total."""
    if _partial(evaluator.scope):
        raise _Missing("sum() across a row read in part")
    forced: list[Any] = []
    values = [v for v in _numbers(evaluator, args, kwargs, forced) if v is not None]
    if not values:
        raise _Missing("sum()")
    total = values[0].iv
    for v in values[1:]:
        total = total + v.iv
    kind = values[0].kind if all(v.kind == values[0].kind for v in values) else "number"
    label = "".join(str(k()) for k in kwargs.values())
    first = forced[0] if forced else None  # what the first argument gave, read once
    if isinstance(first, _Column):
        label = f"{label}{first.attribute}合计" if label else f"{first.attribute}合计"
    nonzero = [v for v in values if not (v.iv.lo == v.iv.hi == 0)]
    if len(nonzero) == 1 and nonzero[0].quantity is not None:
        # Every other part is an exact zero (a blank cell): the sum is that one figure, and
        # a message or a unit slip should point at it.
        only = nonzero[0]
        return Value(total, kind, only.where, only.quantity, label or only.label, only.decimals)
    return Value(total, kind, values[0].where, label=label,
                 decimals=max(v.decimals or 0 for v in values),
                 point=sum((v.estimate for v in values), Decimal(0)),
                 leaves=tuple(f for v in values for f in v.figures))


def _count(evaluator: Evaluator, args: list, kwargs: dict) -> Value:
    values = [v for v in _numbers(evaluator, args, kwargs) if v is not None]
    return Value(Interval.exact(len(values)), "count")


def _extreme(pick: str) -> Callable:
    def function(evaluator: Evaluator, args: list, kwargs: dict) -> Value:
        values = [_number(a()) for a in args]
        if not values:
            raise FormulaError(f"{pick}() needs arguments")
        result = values[0]
        for v in values[1:]:
            iv = result.iv.min(v.iv) if pick == "min" else result.iv.max(v.iv)
            point = (min if pick == "min" else max)(result.estimate, v.estimate)
            result = Value(iv, result.kind if result.kind == v.kind else "number",
                           result.where or v.where, point=point,
                           leaves=result.figures + v.figures)
        return result
    return function


def _abs(evaluator: Evaluator, args: list, kwargs: dict) -> Value:
    value = _number(args[0]())
    return Value(abs(value.iv), value.kind, value.where, point=abs(value.estimate))


def _filled(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """TRUE when the first argument is reported (a figure) or non-empty (a text)."""
    thunk = args[0]
    try:
        got = thunk()
    except _Missing as missing:
        where = _location_of(evaluator, str(missing))
        # Not reported is "empty"; a column the form does not have at all is no verdict.
        return Outcome(Truth.FALSE if where else Truth.NA, where=where)
    if isinstance(got, Text):
        return Outcome(Truth.TRUE if compact(got.text) else Truth.FALSE, got, None,
                       where=got.location)
    return Outcome(Truth.TRUE, got if isinstance(got, Value) else None)


def _absent(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """TRUE when the subject has no such column at all (a 三公 table without the vehicles'
    subtotal); a column that is there, blank or not, is not absent. Never NA, so that two
    rules can split the subjects between them (FA040 and FA043)."""
    try:
        args[0]()
    except _Missing as missing:
        return Outcome(Truth.FALSE if _location_of(evaluator, str(missing)) else Truth.TRUE)
    return Outcome(Truth.FALSE)


def _location_of(evaluator: Evaluator, name: str) -> Location | None:
    found = evaluator.scope.lookup(name)
    if isinstance(found, (Fact, Text)):
        return found.location
    return None


def _mentions(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """TRUE when the text (first argument) contains any of the words that follow."""
    got = _force(args[0])
    words = [str(a()) for a in args[1:]]
    if not isinstance(got, Text):
        return Outcome(Truth.FALSE)
    text = compact(got.text)
    return Outcome(Truth.TRUE if any(w in text for w in words) else Truth.FALSE, got,
                   where=got.location)


def _earliest_year(evaluator: Evaluator, args: list, kwargs: dict) -> Value:
    """The earliest `20xx年` written in the given texts, located where it is written."""
    best: tuple[int, Location] | None = None
    for thunk in args:
        got = _force(thunk)
        if not isinstance(got, Text):
            continue
        for year, _, _ in years_in(got.text):
            if best is None or year < best[0]:
                best = (year, got.location)
    if best is None:
        raise _Missing("year")
    quantity = Quantity(Decimal(best[0]), 0, "年", "number", True, f"{best[0]}年")
    return Value(Interval.exact(best[0]), "number", best[1], quantity, "年份")


def _peers_scale(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """FALSE when a figure is 10³/10⁴/10⁸ times out of scale with all its peers.

    `scale_consistent(全年预算数, 自评表.全年预算数)`: the value, then the same figure on the
    other forms (its own entry among them is left out). It fails only when the figure is
    over a hundred times every peer (or under a hundredth of every one) while the figure
    divided (multiplied) by the factor falls inside the peers' range, as a 50000 among
    万元 amounts of 12 to 300 does.
    """
    value = _number(args[0]())
    got = args[1]()
    if not isinstance(got, _Column):
        raise FormulaError("scale_consistent() takes a value and a collection's attribute")
    peers = [v for v in _column_values(got) if isinstance(v, Value)
             and v.where != value.where and v.iv.mid > 0]
    if len(peers) < 3 or value.iv.mid <= 0:
        return Outcome(Truth.NA)
    low = min(p.iv.mid for p in peers)
    high = max(p.iv.mid for p in peers)
    x = value.iv.mid
    for factor in SLIP_FACTORS:
        f = Decimal(factor)
        if x > 100 * high and low / 10 <= x / f <= high * 10:
            intended = value.iv.scaled(1 / f)
            slip = UnitSlip(factor, value, Value(Interval(low, high), value.kind), intended)
            return Outcome(Truth.FALSE, value, None, "scale", slip, value.where)
        if x * 100 < low and low / 10 <= x * f <= high * 10:
            slip = UnitSlip(factor, value, Value(Interval(low, high), value.kind),
                            value.iv.scaled(f))
            return Outcome(Truth.FALSE, value, None, "scale", slip, value.where)
    return Outcome(Truth.TRUE)


def _repeats_parent(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """TRUE when one part equals the total while the other parts already add up to it.

    `repeats_parent(下级.值, 值)`: a detail row printed equal to its parent (a 项 copied
    from its 款) makes Σ parts exceed the total by exactly that row; saying so is more
    useful than "the sum is off". The outcome points at the repeated part. FALSE when the
    parts add up (nothing repeated) or there are fewer than two non-zero parts.
    """
    got = _force(args[0])
    if not isinstance(got, _Column):
        raise FormulaError("repeats_parent() takes a collection's attribute and a total")
    total = _number(args[1]())
    parts = [v for v in _column_values(got) if isinstance(v, Value)]
    nonzero = [v for v in parts if not (v.iv.lo == v.iv.hi == 0)]
    if len(nonzero) < 2:
        return Outcome(Truth.FALSE)
    whole = parts[0].iv
    for v in parts[1:]:
        whole = whole + v.iv
    if whole.meets(total.iv):
        return Outcome(Truth.FALSE)
    for i, v in enumerate(nonzero):
        if not v.iv.meets(total.iv):
            continue
        rest = [w for j, w in enumerate(nonzero) if j != i]
        others = rest[0].iv
        for w in rest[1:]:
            others = others + w.iv
        if others.meets(total.iv):
            return Outcome(Truth.TRUE, v, total, "==", where=v.where)
    return Outcome(Truth.FALSE)


def _agrees(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """`a == b` without the unit-slip reading: for a restatement checked against its source
    (a sentence against its table cell), where a factor of 10⁴ is no evidence of which one
    was typed in the wrong unit."""
    a, b = _number(args[0]()), _number(args[1]())
    return Outcome(_compare_intervals(a.iv, b.iv, "=="), a, b, "==", None, a.where or b.where)
def _approx(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """`approx(a, b, slack)`: a == b with b's range widened by ±slack on each side.

    For figures a writer may have moved by a known amount on purpose (shares printed to
    add up to 100%); with slack 0 it is `a == b`.
    """
    a = _number(args[0]())
    b = _number(args[1]())
    slack = _number(args[2]()).iv.hi if len(args) > 2 else Decimal(0)
    widened = Value(Interval(b.iv.lo - abs(slack), b.iv.hi + abs(slack)), b.kind, b.where,
                    b.quantity, b.label, b.decimals)
    truth = _compare_intervals(a.iv, widened.iv, "==")
    return Outcome(truth, a, b, "==", None, a.where or b.where)


def _nonzero(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """FALSE when the value may be zero (its range holds 0): a base no rate can divide by.

    `nonzero(base, rate)`: the optional second argument is the figure the zero base makes
    undefined; a finding reports it (and "undefined" as the recomputation).
    """
    value = _number(args[0]())
    truth = Truth.FALSE if value.iv.lo <= 0 <= value.iv.hi else Truth.TRUE
    if len(args) > 1:
        shown = _number(args[1]())
        where = shown.where or value.where
        return Outcome(truth, shown, Text("无定义 (undefined)", where or Location("")), "!=",
                       None, where)
    return Outcome(truth, value, Value(Interval.exact(0), value.kind), "!=", None, value.where)


def _has_unit(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """FALSE when the reported figure was written without a unit (a bare 13.95)."""
    value = _number(args[0]())
    if value.quantity is None:
        return Outcome(Truth.NA)
    truth = Truth.TRUE if value.quantity.unit else Truth.FALSE
    return Outcome(truth, value, None, "unit", None, value.where)


def _unit_family(quantity: Quantity) -> str | None:
    unit = quantity.unit
    if unit in ("万", "万元"):
        return "万元"
    if unit in ("亿", "亿元"):
        return "亿元"
    return unit


def _same_unit(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """`same_unit(x, 部分.金额)`: FALSE when x is written in another unit than its peers.

    The peers are the same figure of the collection's other members (x's own entry left
    out); they must be at least two and all agree on one unit, which x does not use
    (one amount in 元 among amounts in 万元).
    """
    value = _number(args[0]())
    got = args[1]()
    if not isinstance(got, _Column):
        raise FormulaError("same_unit() takes a value and a collection's attribute")
    if value.quantity is None:
        return Outcome(Truth.NA)
    # The value's own entry is left out by identity: figures of one line share a location.
    peers = [v for v in _column_values(got) if isinstance(v, Value) and v.quantity is not None
             and v.quantity is not value.quantity]
    units = {_unit_family(v.quantity) for v in peers if v.quantity is not None}
    if len(peers) < 2 or len(units) != 1:
        return Outcome(Truth.NA)
    unit = units.pop()
    if _unit_family(value.quantity) == unit:
        return Outcome(Truth.TRUE)
    restated = replace_unit(value.quantity, unit)
    shown = Text(restated.shown(), value.where or Location(""))
    return Outcome(Truth.FALSE, value, shown, "unit", None, value.where)


def _same_figure(evaluator: Evaluator, args: list, kwargs: dict) -> Outcome:
    """`same_figure(a, b)`: one quantity printed in two places is printed alike.

    Two figures of one unit shown to the same decimals are roundings of one value: they
    must be the same digits, though their ranges touch (326.71 and 326.72 share the point
    326.715, where only rounding down one and up the other would print both). Figures of
    different precision or unit are compared as ranges, like `==`.
    """
    a, b = _number(args[0]()), _number(args[1]())
    qa, qb = a.quantity, b.quantity
    if qa is not None and qb is not None and qa.decimals == qb.decimals \
            and qa.unit == qb.unit and not qa.exact and not qb.exact:
        truth = Truth.TRUE if qa.value == qb.value else Truth.FALSE
        return Outcome(truth, a, b, "==", None, a.where or b.where)
    return _compare(a, b, "==")


def replace_unit(quantity: Quantity, unit: str | None) -> Quantity:
    """The quantity's own value restated in `unit` (for a message)."""
    from dataclasses import replace

    from ..numbers import MONEY_UNITS

    if quantity.kind == "amount" and quantity.unit in MONEY_UNITS and unit in MONEY_UNITS:
        value = quantity.value * MONEY_UNITS[quantity.unit] / MONEY_UNITS[unit]
        shift = (MONEY_UNITS[quantity.unit] / MONEY_UNITS[unit]).adjusted()
        decimals = max(quantity.decimals - shift, 0)
        value = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        if decimals:
            value = value.normalize()
        decimals = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
        return replace(quantity, value=value, unit=unit, decimals=decimals, text="")
    return replace(quantity, unit=unit, text="")


FUNCTIONS: dict[str, Callable[[Evaluator, list, dict], Any]] = {
    "sum": _sum,
    "total": _sum,  # `total(指标.分值, 一级指标="产出指标")` reads better with a filter
    "count": _count,
    "min": _extreme("min"),
    "max": _extreme("max"),
    "abs": _abs,
    "filled": _filled,
    "absent": _absent,
    "mentions": _mentions,
    "earliest_year": _earliest_year,
    "scale_consistent": _peers_scale,
    "repeats_parent": _repeats_parent,
    "agrees": _agrees,
    "approx": _approx,
    "nonzero": _nonzero,
    "has_unit": _has_unit,
    "same_unit": _same_unit,
    "same_figure": _same_figure,
}


def evaluate(formula: Formula, scope: Subject) -> Outcome:
    return Evaluator(formula, scope).truth()


def holds(formula: Formula, scope: Subject) -> bool:
    """`evaluate(formula, scope).truth.holds`, found with the least work (for a `when`)."""
    return formula.guard(Evaluator(formula, scope))


def iter_names(formulas: Iterable[Formula]) -> set[str]:
    names: set[str] = set()
    for formula in formulas:
        names |= formula.names()
    return names
