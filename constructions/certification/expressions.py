"""Compile a sympy expression into a vectorised interval evaluator.

The expression tree is walked once; each node becomes a closure that maps the
interval arrays of the symbols to the interval array of the node (the natural
interval extension, Moore 1966).  Supported: numbers and constants (π, e, …),
``+``, ``×``, powers (integer, rational, real; ``x**(1/2)`` is ``sqrt``), ``exp``,
``log``, ``sqrt``, ``sin``, ``cos``, ``tanh``,
``sinh``, ``cosh``, ``atan``, ``Abs``, ``sign``, ``Min``, ``Max``.  Anything else
raises ``ValueError`` naming the node
(``tan``, for instance, is left out: its poles need more care than it is worth).

References
----------
R. E. Moore, *Interval Analysis*, Prentice-Hall 1966 (natural interval extension).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np
import sympy as sp

from constructions.certification import elementary as el
from constructions.certification.intervals import (
    interval_add,
    interval_div,
    interval_mul,
    round_down,
    round_up,
)

__all__ = ["compile_interval_expression", "enclose_number"]

IntervalFn = Callable[[Sequence[np.ndarray], Sequence[np.ndarray]], tuple[np.ndarray, np.ndarray]]

_UNARY = {
    sp.exp: el.interval_exp,
    sp.log: el.interval_log,
    sp.sin: el.interval_sin,
    sp.cos: el.interval_cos,
    sp.tanh: el.interval_tanh,
    sp.sinh: el.interval_sinh,
    sp.cosh: el.interval_cosh,
    sp.atan: el.interval_atan,
    sp.Abs: None,  # handled below (exact)
    sp.sign: el.interval_sign,
}


def enclose_number(value) -> tuple[float, float]:
    """Floats ``(a, b)`` with a ≤ value ≤ b for a real sympy number (exact when representable)."""
    value = sp.sympify(value)
    if value.is_Rational:
        exact = Fraction(int(value.p), int(value.q))
        f = float(exact)
        if Fraction(f) == exact:
            return f, f
        return (float(round_down(f)), f) if Fraction(f) > exact else (f, float(round_up(f)))
    if value.is_Float:
        f = float(value)
        if Fraction(f) == Fraction(str(value.evalf(40))):
            return f, f
    approx = sp.N(value, 40)
    if not approx.is_real or not approx.is_finite:
        raise ValueError(f"target constant {value} is not a finite real number")
    f = float(approx)
    return float(round_down(f)), float(round_up(f))


def compile_interval_expression(expr, symbols) -> IntervalFn:
    """Return ``fn(lo_list, hi_list) -> (lo, hi)`` enclosing ``expr`` on boxes.

    Parameters
    ----------
    expr : sympy.Expr
    symbols : sequence of sympy.Symbol
        ``lo_list[j]``, ``hi_list[j]`` are the bounds of ``symbols[j]``.

    Raises
    ------
    ValueError
        If ``expr`` contains a node outside the supported elementary functions.
    """
    index = {s: j for j, s in enumerate(symbols)}
    return _compile(sp.sympify(expr), index)


def _const(a: float, b: float) -> IntervalFn:
    def fn(lo, hi):
        shape = np.shape(lo[0])
        return np.full(shape, a), np.full(shape, b)
    return fn


def _compile(node, index) -> IntervalFn:
    if node.is_Symbol:
        if node not in index:
            raise ValueError(f"target has free symbol {node}; allowed: {list(index)}")
        j = index[node]
        return lambda lo, hi: (lo[j], hi[j])
    if node.is_number:
        a, b = enclose_number(node)
        return _const(a, b)
    if node.is_Add or node.is_Mul:
        parts = [_compile(arg, index) for arg in node.args]
        combine = interval_add if node.is_Add else interval_mul

        def fn(lo, hi):
            alo, ahi = parts[0](lo, hi)
            for part in parts[1:]:
                blo, bhi = part(lo, hi)
                alo, ahi = combine(alo, ahi, blo, bhi)
            return alo, ahi
        return fn
    if node.is_Pow:
        return _compile_pow(node, index)
    if isinstance(node, (sp.Min, sp.Max)):
        parts = [_compile(arg, index) for arg in node.args]
        red = np.minimum if isinstance(node, sp.Min) else np.maximum

        def fn(lo, hi):
            vals = [p(lo, hi) for p in parts]
            return red.reduce([v[0] for v in vals]), red.reduce([v[1] for v in vals])
        return fn
    func = node.func
    if func in _UNARY and len(node.args) == 1:
        inner = _compile(node.args[0], index)
        if func is sp.Abs:
            def fn(lo, hi):
                a, b = inner(lo, hi)
                return _abs(a, b)
            return fn
        op = _UNARY[func]
        return lambda lo, hi: op(*inner(lo, hi))
    raise ValueError(
        f"target expression node {node} ({func.__name__}) is not supported; allowed: numbers, "
        "symbols, +, *, powers, exp, log, sqrt, sin, cos, tanh, sinh, cosh, atan, Abs, sign, "
        "Min, Max"
    )


def _abs(a, b):
    zero = (a <= 0.0) & (b >= 0.0)
    return np.where(zero, 0.0, np.minimum(np.abs(a), np.abs(b))), np.maximum(np.abs(a), np.abs(b))


def _compile_pow(node, index) -> IntervalFn:
    base, expo = node.args
    inner = _compile(base, index)
    if expo.is_Integer:
        n = int(expo)
        return lambda lo, hi: el.interval_pow_int(*inner(lo, hi), n)
    if expo == sp.Rational(1, 2):
        return lambda lo, hi: el.interval_sqrt(*inner(lo, hi))
    if expo == sp.Rational(-1, 2):
        def fn(lo, hi):
            a, b = el.interval_sqrt(*inner(lo, hi))
            return interval_div(np.ones_like(a), np.ones_like(b), a, b)
        return fn
    if expo.is_number:
        p_lo, p_hi = enclose_number(expo)
        p = float(sp.N(expo, 20))
        return lambda lo, hi: el.interval_pow_real(*inner(lo, hi), p, p_lo, p_hi)
    # general power a^b = exp(b log a)
    as_exp = sp.exp(expo * sp.log(base), evaluate=False)
    return _compile(as_exp, index)
