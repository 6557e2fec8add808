"""The formula language's first evaluator, which walks a formula's syntax tree each time.

Rules are evaluated by the closures `compile_formula` builds once (auditor.checks.expr).
This walker is the reference they were built from, kept for two uses only: the tests
check that both give the same outcome on every formula, and `benchmarks/rules_speed.py`
measures the compiled evaluator against it. Nothing in the pipeline calls it.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from typing import Any, Callable

from ..interval import Interval
from .expr import (_ARITH_OPS, _COMPARE_OPS, _RESCALED, FUNCTIONS, Formula,
                   FormulaError, Outcome, Truth, UnitSlip, Value, _all, _any, _arithmetic,
                   _combine_kind, _compare, _Missing, _not, _number,
                   _Column, _slipped_figure)
from ..model import Fact, Subject
from ..numbers import Quantity


def _value_of(fact: Fact) -> Value:
    """A figure's Value, worked out again at every reading (as the walker always did)."""
    if not fact.reported:
        raise _Missing(fact.name)
    quantity = fact.quantity
    assert isinstance(quantity, Quantity)
    factor = _RESCALED.get().get(fact.location)
    if factor is not None:
        return Value(quantity.interval.scaled(factor), quantity.kind, fact.location, quantity,
                     fact.label or fact.name, quantity.decimals, quantity.base_value * factor)
    return Value(quantity.interval, quantity.kind, fact.location, quantity,
                 fact.label or fact.name, quantity.decimals, quantity.base_value)


def walk(formula: Formula, scope: Subject) -> Outcome:
    """The outcome of `formula` over `scope`, by walking its tree (see the module's note)."""
    return TreeWalker(formula, scope).truth()


class TreeWalker:
    def __init__(self, formula: Formula, scope: Subject):
        self.formula = formula
        self.scope = scope

    # -- entry points

    def truth(self) -> Outcome:
        return self._condition(self.formula.tree.body)

    def value(self) -> Value:
        result = self._eval(self.formula.tree.body)
        return _number(result)

    # -- the walk

    def _name(self, name: str) -> Any:
        name = self.formula.quoted.get(name, name)
        found = self.scope.lookup(name)
        if found is None:
            raise _Missing(name)
        if isinstance(found, Fact):
            return _value_of(found)
        return found

    def _attribute(self, node: ast.Attribute) -> Any:
        parts = []
        current: ast.AST = node
        while isinstance(current, ast.Attribute):
            parts.append(self.formula.quoted.get(current.attr, current.attr))
            current = current.value
        if not isinstance(current, ast.Name):
            raise FormulaError("attributes apply to names only")
        parts.append(self.formula.quoted.get(current.id, current.id))
        parts.reverse()
        dotted = ".".join(parts)
        found = self.scope.lookup(dotted)
        if isinstance(found, Fact):
            return _value_of(found)
        if found is not None:
            return found
        base = self.scope.lookup(parts[0])
        if isinstance(base, list) and len(parts) == 2:
            return _Column(base, parts[1])
        raise _Missing(dotted)

    def _eval(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return node.value
            segment = ast.get_source_segment(self.formula.prepared, node) or repr(node.value)
            number = Decimal(segment)
            return Value(Interval.exact(number), decimals=max(-int(number.as_tuple().exponent), 0),
                         point=number)
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.Attribute):
            return self._attribute(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return _not(self._condition(node.operand))
            operand = _number(self._eval(node.operand))
            if isinstance(node.op, ast.USub):
                return Value(-operand.iv, operand.kind, point=-operand.estimate,
                             leaves=operand.figures)
            return operand
        if isinstance(node, ast.BinOp):
            op = _ARITH_OPS[type(node.op)]
            a = _number(self._eval(node.left))
            b = _number(self._eval(node.right))
            iv = {"+": lambda: a.iv + b.iv, "-": lambda: a.iv - b.iv,
                  "*": lambda: a.iv * b.iv, "/": lambda: a.iv / b.iv}[op]()
            decimals = max(a.decimals or 0, b.decimals or 0) if op in "+-" else None
            return Value(iv, _combine_kind(a, b, op), a.where or b.where, decimals=decimals,
                         point=_arithmetic(a.estimate, b.estimate, op),
                         leaves=a.figures + b.figures)
        if isinstance(node, ast.BoolOp):
            outcomes = [self._condition(v) for v in node.values]
            return _all(outcomes) if isinstance(node.op, ast.And) else _any(outcomes)
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.Call):
            function = FUNCTIONS[node.func.id]  # type: ignore[union-attr]
            args = [self._lazy(a) for a in node.args]
            kwargs = {k.arg: self._lazy(k.value) for k in node.keywords if k.arg}
            return function(self, args, kwargs)
        raise FormulaError(f"{type(node).__name__} is not allowed")

    def _lazy(self, node: ast.AST) -> Callable[[], Any]:
        return lambda: self._eval(node)

    def _condition(self, node: ast.AST) -> Outcome:
        try:
            result = self._eval(node)
        except (_Missing, ZeroDivisionError):
            # An operand not reported, or a zero base (a rate of nothing): no verdict.
            return Outcome(Truth.NA)
        if isinstance(result, Outcome):
            return result
        raise FormulaError(f"{ast.unparse(node)} is not a condition (it gives a value)")

    def _compare(self, node: ast.Compare) -> Outcome:
        outcomes = []
        left_node, left = node.left, self._eval(node.left)
        for op_node, right_node in zip(node.ops, node.comparators):
            op = _COMPARE_OPS[type(op_node)]
            right = self._eval(right_node)
            outcome = _compare(left, right, op)
            if outcome.truth is Truth.FALSE and op == "==" and outcome.slip is None \
                    and isinstance(left, Value) and isinstance(right, Value):
                outcome.slip = self._slipped_figure(left_node, right_node, left, right)
            outcomes.append(outcome)
            left_node, left = right_node, right
        return _all(outcomes)

    def _slipped_figure(self, left_node: ast.AST, right_node: ast.AST, left: Value,
                        right: Value) -> UnitSlip | None:
        """The compiled path's search for a slipped figure, re-evaluating through this walk."""
        return _slipped_figure(self, lambda _: self._eval(left_node),
                               lambda _: self._eval(right_node), left, right)
        return None
