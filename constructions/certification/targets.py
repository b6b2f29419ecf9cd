"""Target functions f whose distance to a network is certified.

A target knows three things about itself on a batch of boxes ``[lo, hi]``
(arrays of shape (B, d)):

* ``target(x)`` — float values at points (for sampling and plots);
* ``enclose(lo, hi)`` — a sound interval containing f(box) for every box;
* ``enclose_gradient(lo, hi)`` — a sound interval for ∇f on every box (a Clarke
  generalised gradient where f has kinks), or ``None`` if unavailable.  It feeds
  the mean-value form f(x) ∈ f(c) + ∇f(box)·(x − c) used for tightness.

Supported classes: :class:`ExpressionTarget` (sympy elementary expressions),
:class:`PiecewiseLinearTarget` (1-D), :class:`ChebyshevSeriesTarget` and
:class:`FourierSeriesTarget` (finite series, 1-D), :class:`LipschitzTarget` (a
callable with a declared Lipschitz constant).  :func:`as_target` converts a raw
sympy expression.

References
----------
G. Lebourg, "Valeur moyenne pour gradient généralisé", C. R. Acad. Sci. Paris 281 (1975)
(mean-value theorem with Clarke gradients).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy as sp
from numpy.polynomial import chebyshev as cheb

from constructions.certification import elementary as el
from constructions.certification.expressions import compile_interval_expression
from constructions.certification.intervals import (
    UNIT_ROUNDOFF,
    interval_add,
    interval_div,
    interval_mul,
    interval_scale,
    interval_sum,
    round_down,
    round_up,
    widen,
)
from constructions.validation import check_finite_array, check_integer, check_interval, check_real

__all__ = [
    "ChebyshevSeriesTarget",
    "ExpressionTarget",
    "FourierSeriesTarget",
    "LipschitzTarget",
    "PiecewiseLinearTarget",
    "Target",
    "as_target",
]


class Target(ABC):
    """Interface of a certifiable target function f : R^d → R."""

    input_dim: int

    @abstractmethod
    def __call__(self, x) -> np.ndarray:
        """Float values at points ``x`` of shape (n, d) (or (n,) when d = 1)."""

    @abstractmethod
    def enclose(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sound bounds (B,), (B,) on f over each box ``[lo[b], hi[b]]``."""

    def enclose_gradient(self, lo, hi):
        """Sound bounds (B, d), (B, d) on ∇f over each box, or ``None``."""
        return None

    def check_box(self, box: np.ndarray) -> None:
        """Raise ``ValueError`` if the target is not certifiable on ``box`` (shape (d, 2))."""
        if box.shape[0] != self.input_dim:
            raise ValueError(f"box has {box.shape[0]} dimensions but target takes "
                             f"{self.input_dim}; allowed: equal")

    def _points(self, x) -> np.ndarray:
        z = check_finite_array("x", x, ndim=(1, 2))
        if z.ndim == 1:
            z = z[:, None]
        if z.shape[1] != self.input_dim:
            raise ValueError(f"x has shape {z.shape}; allowed: (n, {self.input_dim})")
        return z


# --------------------------------------------------------------------------- sympy
@dataclass(frozen=True, eq=False)
class ExpressionTarget(Target):
    """A sympy expression in ``symbols`` built from elementary functions.

    Parameters
    ----------
    expr : sympy.Expr
    symbols : sequence of sympy.Symbol
        Coordinates x_0, …, x_{d−1} in order.

    Raises
    ------
    ValueError
        If ``expr`` has a free symbol not in ``symbols`` or an unsupported node.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> x = sp.Symbol("x")
    >>> t = ExpressionTarget(x**2 - x, (x,))
    >>> lo, hi = t.enclose(np.array([[2.0]]), np.array([[3.0]]))
    >>> float(lo[0]) <= 2.0 and 6.0 <= float(hi[0])
    True
    """

    expr: sp.Expr
    symbols: tuple
    _value: Callable = field(init=False, repr=False)
    _gradient: tuple | None = field(init=False, repr=False)
    _numeric: Callable = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            expr = sp.sympify(self.expr)
        except (sp.SympifyError, TypeError) as exc:
            raise ValueError(f"expr={self.expr!r} (the target) is not a sympy expression: "
                             f"{exc}") from None
        symbols = tuple(self.symbols)
        if not symbols or not all(isinstance(s, sp.Symbol) for s in symbols):
            raise ValueError(f"symbols={self.symbols!r} must be a non-empty sequence of "
                             "sympy Symbols")
        extra = expr.free_symbols - set(symbols)
        if extra:
            raise ValueError(f"target has free symbols {sorted(map(str, extra))} not in "
                             f"symbols={list(symbols)}")
        real = tuple(sp.Symbol(f"_r{j}", real=True) for j in range(len(symbols)))
        expr_r = expr.subs(dict(zip(symbols, real, strict=True)))
        try:
            value = compile_interval_expression(expr_r, real)
        except ValueError as exc:
            raise ValueError(f"expr={expr} (the target) cannot be certified: {exc}") from None
        try:
            grads = tuple(compile_interval_expression(sp.diff(expr_r, s), real) for s in real)
        except ValueError:
            grads = None
        object.__setattr__(self, "expr", expr)
        object.__setattr__(self, "symbols", symbols)
        object.__setattr__(self, "_value", value)
        object.__setattr__(self, "_gradient", grads)
        object.__setattr__(self, "_numeric", sp.lambdify(real, expr_r, modules="numpy"))

    @property
    def input_dim(self) -> int:
        return len(self.symbols)

    def __call__(self, x) -> np.ndarray:
        z = self._points(x)
        out = self._numeric(*z.T)
        return np.broadcast_to(np.asarray(out, dtype=float), (z.shape[0],)).copy()

    def enclose(self, lo, hi):
        return self._value(list(lo.T), list(hi.T))

    def enclose_gradient(self, lo, hi):
        if self._gradient is None:
            return None
        parts = [g(list(lo.T), list(hi.T)) for g in self._gradient]
        shape = (lo.shape[0],)
        return (np.stack([np.broadcast_to(p[0], shape) for p in parts], axis=1),
                np.stack([np.broadcast_to(p[1], shape) for p in parts], axis=1))

    def polynomial_coefficients(self) -> tuple[Fraction, ...] | None:
        """Exact coefficients c_0, c_1, … if f is a 1-D polynomial with rational coefficients."""
        if self.input_dim != 1 or not self.expr.is_polynomial(self.symbols[0]):
            return None
        poly = sp.Poly(self.expr, self.symbols[0])
        coeffs = []
        for c in reversed(poly.all_coeffs()):
            if c.is_Rational:
                coeffs.append(Fraction(int(c.p), int(c.q)))
            elif c.is_Float:
                coeffs.append(Fraction(float(c)))
            else:
                return None
        return tuple(coeffs)


# --------------------------------------------------------------------- piecewise linear
def _sparse_table(values: np.ndarray, reduce) -> list[np.ndarray]:
    table = [values]
    span = 1
    while 2 * span <= values.shape[0]:
        prev = table[-1]
        table.append(reduce(prev[:-span], prev[span:]))
        span *= 2
    return table


def _range_query(table, reduce, i0: np.ndarray, i1: np.ndarray) -> np.ndarray:
    """reduce(values[i0..i1]) (inclusive) for index arrays with i0 <= i1."""
    length = i1 - i0 + 1
    level = np.floor(np.log2(np.maximum(length, 1))).astype(int)
    out = np.empty(i0.shape)
    for k in np.unique(level):
        sel = level == k
        out[sel] = reduce(table[k][i0[sel]], table[k][i1[sel] - (1 << k) + 1])
    return out


@dataclass(frozen=True, eq=False)
class PiecewiseLinearTarget(Target):
    """The continuous piecewise-linear interpolant of ``(breakpoints[i], values[i])`` on R.

    Outside ``[breakpoints[0], breakpoints[-1]]`` it is constant (as ``np.interp``).

    Examples
    --------
    >>> import numpy as np
    >>> hat = PiecewiseLinearTarget([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])
    >>> hat(np.array([0.25, 0.5])).tolist()
    [0.5, 1.0]
    """

    breakpoints: np.ndarray
    values: np.ndarray
    input_dim: int = field(default=1, init=False)

    def __post_init__(self) -> None:
        t = check_finite_array("breakpoints", self.breakpoints, ndim=1)
        v = check_finite_array("values", self.values, ndim=1)
        if t.shape[0] < 2 or v.shape != t.shape:
            raise ValueError(f"breakpoints has shape {t.shape} and values {v.shape}; "
                             "allowed: equal shapes with at least 2 entries")
        if not np.all(np.diff(t) > 0):
            raise ValueError("breakpoints must be strictly increasing")
        slopes = np.diff(v) / np.diff(t)
        slo, shi = widen(slopes, slopes)
        pad = np.zeros(1)
        object.__setattr__(self, "breakpoints", t)
        object.__setattr__(self, "values", v)
        object.__setattr__(self, "_vmax", _sparse_table(v, np.maximum))
        object.__setattr__(self, "_vmin", _sparse_table(v, np.minimum))
        object.__setattr__(self, "_smax", _sparse_table(np.concatenate([pad, shi, pad]),
                                                        np.maximum))
        object.__setattr__(self, "_smin", _sparse_table(np.concatenate([pad, slo, pad]),
                                                        np.minimum))

    def __call__(self, x) -> np.ndarray:
        return np.interp(self._points(x)[:, 0], self.breakpoints, self.values)

    def _value_at(self, x):
        t, v = self.breakpoints, self.values
        j = np.clip(np.searchsorted(t, x, side="right") - 1, 0, t.shape[0] - 2)
        v0, v1 = v[j], v[j + 1]
        if el.is_rigorous():
            return self._value_at_by_intervals(x, j)
        f = np.interp(x, t, v)
        # np.interp evaluates v0 + s (x − t_j): a few roundings, each ≤ u(|v0| + |v1 − v0|)
        err = 16.0 * UNIT_ROUNDOFF * (np.abs(v0) + np.abs(v1)) + 1e-300
        lo = np.maximum(round_down(f - err), np.minimum(v0, v1))
        hi = np.minimum(round_up(f + err), np.maximum(v0, v1))
        return lo, hi

    def _value_at_by_intervals(self, x, j):
        """v_j + (v_{j+1} − v_j)(x − t_j)/(t_{j+1} − t_j) in outward-rounded interval arithmetic.

        Used by the rigorous re-check instead of the a-priori error bound on ``np.interp``'s
        implementation: only IEEE 754 correctly rounded operations are relied on.
        """
        t, v = self.breakpoints, self.values
        t0, t1, v0, v1 = t[j], t[j + 1], v[j], v[j + 1]
        dv = interval_add(v1, v1, -v0, -v0)
        dt = interval_add(t1, t1, -t0, -t0)
        dx = interval_add(x, x, -t0, -t0)
        slo, shi = interval_mul(*interval_div(*dv, *dt), *dx)
        lo, hi = interval_add(v0, v0, slo, shi)
        lo = np.maximum(lo, np.minimum(v0, v1))   # x ∈ [t_j, t_{j+1}]: between the two values
        hi = np.minimum(hi, np.maximum(v0, v1))
        left, right = x <= t[0], x >= t[-1]       # constant outside the breakpoints
        lo = np.where(left, v[0], np.where(right, v[-1], lo))
        hi = np.where(left, v[0], np.where(right, v[-1], hi))
        return lo, hi

    def enclose(self, lo, hi):
        a, b = lo[:, 0], hi[:, 0]
        alo, ahi = self._value_at(a)
        blo, bhi = self._value_at(b)
        rlo, rhi = np.minimum(alo, blo), np.maximum(ahi, bhi)
        t = self.breakpoints
        i0 = np.searchsorted(t, a, side="left")
        i1 = np.searchsorted(t, b, side="right") - 1
        inner = i0 <= i1
        if np.any(inner):
            rlo[inner] = np.minimum(rlo[inner], _range_query(self._vmin, np.minimum,
                                                             i0[inner], i1[inner]))
            rhi[inner] = np.maximum(rhi[inner], _range_query(self._vmax, np.maximum,
                                                             i0[inner], i1[inner]))
        return rlo, rhi

    def enclose_gradient(self, lo, hi):
        t = self.breakpoints
        p0 = np.searchsorted(t, lo[:, 0], side="left")
        p1 = np.searchsorted(t, hi[:, 0], side="right")
        return (_range_query(self._smin, np.minimum, p0, p1)[:, None],
                _range_query(self._smax, np.maximum, p0, p1)[:, None])


# ------------------------------------------------------------------------- series
def _coefficient_intervals(coefs: Sequence[Fraction]) -> tuple[np.ndarray, np.ndarray]:
    mid = np.array([float(c) for c in coefs])
    exact = np.array([Fraction(m) == c for m, c in zip(mid, coefs, strict=True)])
    return np.where(exact, mid, round_down(mid)), np.where(exact, mid, round_up(mid))


def _trig_sum(theta_lo, theta_hi, c_lo, c_hi, s_lo=None, s_hi=None):
    """Σ_k c_k cos(k θ) + s_k sin(k θ) over θ ∈ [θ_lo, θ_hi] (B,), coefficient intervals (K+1,)."""
    k = np.arange(c_lo.shape[0], dtype=float)
    klo, khi = interval_scale(k[None, :], theta_lo[:, None], theta_hi[:, None])
    cos_lo, cos_hi = el.interval_cos(klo, khi)
    tlo, thi = interval_mul(cos_lo, cos_hi, c_lo[None, :], c_hi[None, :])
    if s_lo is not None:
        sin_lo, sin_hi = el.interval_sin(klo, khi)
        ulo, uhi = interval_mul(sin_lo, sin_hi, s_lo[None, :], s_hi[None, :])
        tlo = np.concatenate([tlo, ulo], axis=1)
        thi = np.concatenate([thi, uhi], axis=1)
    return interval_sum(tlo, thi, axis=1)


@dataclass(frozen=True, eq=False)
class ChebyshevSeriesTarget(Target):
    """f(x) = Σ_k c_k T_k(t), t = (2x − a − b)/(b − a), on ``domain = (a, b)``.

    Enclosed term by term through T_k(t) = cos(k arccos t); the derivative series
    (``numpy.polynomial.chebyshev.chebder`` in exact rationals) feeds the mean-value form.

    Examples
    --------
    >>> import numpy as np
    >>> t = ChebyshevSeriesTarget([0.0, 0.0, 1.0])   # T_2 = 2x^2 - 1
    >>> t(np.array([0.0, 1.0])).tolist()
    [-1.0, 1.0]
    """

    coefficients: np.ndarray
    domain: tuple[float, float] = (-1.0, 1.0)
    input_dim: int = field(default=1, init=False)

    def __post_init__(self) -> None:
        c = check_finite_array("coefficients", self.coefficients, ndim=1)
        if c.shape[0] == 0:
            raise ValueError("coefficients is empty; allowed: at least one coefficient")
        a, b = check_interval("domain", *self.domain)
        exact = np.array([*map(Fraction, c), Fraction(0)], dtype=object)
        scale = Fraction(2) / (Fraction(b) - Fraction(a))
        der = (cheb.chebder(exact) * scale if c.shape[0] > 1
               else np.array([Fraction(0)], dtype=object))
        object.__setattr__(self, "coefficients", c)
        object.__setattr__(self, "domain", (a, b))
        object.__setattr__(self, "_c", _coefficient_intervals(list(exact[:-1])))
        object.__setattr__(self, "_d", _coefficient_intervals(list(der)))

    def check_box(self, box) -> None:
        super().check_box(box)
        a, b = self.domain
        if box[0, 0] < a or box[0, 1] > b:
            raise ValueError(f"box={box.tolist()} leaves the series domain {self.domain}; "
                             "allowed: box inside domain")

    def __call__(self, x) -> np.ndarray:
        a, b = self.domain
        return cheb.chebval((2.0 * self._points(x)[:, 0] - a - b) / (b - a), self.coefficients)

    def _theta(self, lo, hi):
        a, b = self.domain
        shift = np.full(lo.shape[0], -(a + b))
        slo, shi = widen(shift, shift, ulps=1)
        nlo, nhi = interval_add(2.0 * lo[:, 0], 2.0 * hi[:, 0], slo, shi)
        wlo, whi = widen(np.full_like(nlo, b - a), np.full_like(nlo, b - a), ulps=1)
        tlo, thi = interval_div(nlo, nhi, wlo, whi)
        tlo, thi = np.clip(tlo, -1.0, 1.0), np.clip(thi, -1.0, 1.0)
        if el.is_rigorous():   # arccos is decreasing
            th_lo, th_hi = el.point_enclosure("acos", thi)[0], el.point_enclosure("acos", tlo)[1]
        else:
            th_lo, th_hi = widen(np.arccos(thi), np.arccos(tlo))
        return np.maximum(th_lo, 0.0), np.minimum(th_hi, el.PI_HI)

    def enclose(self, lo, hi):
        return _trig_sum(*self._theta(lo, hi), *self._c)

    def enclose_gradient(self, lo, hi):
        glo, ghi = _trig_sum(*self._theta(lo, hi), *self._d)
        return glo[:, None], ghi[:, None]


@dataclass(frozen=True, eq=False)
class FourierSeriesTarget(Target):
    """f(x) = Σ_{k=0}^K a_k cos(k ω (x − x_0)) + b_k sin(k ω (x − x_0)), ω = 2π/period.

    Examples
    --------
    >>> import numpy as np
    >>> t = FourierSeriesTarget([0.0], [0.0, 1.0])   # sin(2π x)
    >>> round(float(t(np.array([0.25]))[0]), 12)
    1.0
    """

    cos_coefficients: np.ndarray
    sin_coefficients: np.ndarray | None = None
    period: float = 1.0
    origin: float = 0.0
    input_dim: int = field(default=1, init=False)

    def __post_init__(self) -> None:
        a = check_finite_array("cos_coefficients", self.cos_coefficients, ndim=1)
        b = (np.zeros(1) if self.sin_coefficients is None
             else check_finite_array("sin_coefficients", self.sin_coefficients, ndim=1))
        n = max(a.shape[0], b.shape[0], 1)
        a = np.concatenate([a, np.zeros(n - a.shape[0])])
        b = np.concatenate([b, np.zeros(n - b.shape[0])])
        b[0] = 0.0
        period = check_real("period", self.period, min_value=0.0, strict_min=True)
        origin = check_real("origin", self.origin)
        om_lo = float(round_down(2.0 * el.PI_LO / period))
        om_hi = float(round_up(2.0 * el.PI_HI / period))
        k = np.arange(n, dtype=float)
        kw_lo, kw_hi = interval_scale(k, np.full(n, om_lo), np.full(n, om_hi))
        dc = interval_scale(b, kw_lo, kw_hi)           # d/dx b_k sin = b_k k ω cos
        ds = interval_scale(-a, kw_lo, kw_hi)          # d/dx a_k cos = −a_k k ω sin
        for name, val in (("cos_coefficients", a), ("sin_coefficients", b), ("period", period),
                          ("origin", origin), ("_omega", (om_lo, om_hi)), ("_dc", dc), ("_ds", ds)):
            object.__setattr__(self, name, val)

    def __call__(self, x) -> np.ndarray:
        z = self._points(x)[:, 0] - self.origin
        k = np.arange(self.cos_coefficients.shape[0])
        arg = 2.0 * np.pi / self.period * np.outer(z, k)
        return np.cos(arg) @ self.cos_coefficients + np.sin(arg) @ self.sin_coefficients

    def _theta(self, lo, hi):
        o = np.full(lo.shape[0], -self.origin)
        zlo, zhi = interval_add(lo[:, 0], hi[:, 0], o, o)
        return interval_mul(zlo, zhi, np.full_like(zlo, self._omega[0]),
                            np.full_like(zhi, self._omega[1]))

    def enclose(self, lo, hi):
        a, b = self.cos_coefficients, self.sin_coefficients
        return _trig_sum(*self._theta(lo, hi), a, a, b, b)

    def enclose_gradient(self, lo, hi):
        glo, ghi = _trig_sum(*self._theta(lo, hi), *self._dc, *self._ds)
        return glo[:, None], ghi[:, None]


# ----------------------------------------------------------------------- Lipschitz
@dataclass(frozen=True, eq=False)
class LipschitzTarget(Target):
    """A vectorised callable f with a declared Lipschitz constant L (Euclidean norm).

    ``f(box) ⊆ f(c) ± (L ‖r‖₂ + abs_error)``, c the box centre and r its half-widths.
    The caller vouches for L and for ``|computed f(c) − f(c)| ≤ abs_error``.

    Examples
    --------
    >>> import numpy as np
    >>> t = LipschitzTarget(np.sin, lipschitz=1.0)
    >>> lo, hi = t.enclose(np.array([[0.0]]), np.array([[0.2]]))
    >>> bool(lo[0] <= np.sin(0.0) and np.sin(0.2) <= hi[0])
    True
    """

    function: Callable
    lipschitz: float
    input_dim: int = 1
    abs_error: float = 0.0

    def __post_init__(self) -> None:
        if not callable(self.function):
            raise ValueError(f"function={self.function!r} must be callable")
        check_real("lipschitz", self.lipschitz, min_value=0.0)
        check_integer("input_dim", self.input_dim, min_value=1)
        check_real("abs_error", self.abs_error, min_value=0.0)

    def __call__(self, x) -> np.ndarray:
        z = self._points(x)
        arg = z[:, 0] if self.input_dim == 1 else z
        return np.asarray(self.function(arg), dtype=float).reshape(z.shape[0])

    def enclose(self, lo, hi):
        c = 0.5 * lo + 0.5 * hi
        r = round_up(np.maximum(hi - c, c - lo))
        radius = round_up(np.sqrt(np.sum(r * r, axis=1)) * (1.0 + 8.0 * UNIT_ROUNDOFF))
        w = round_up(round_up(self.lipschitz * radius) + self.abs_error)
        f = self(c)
        return round_down(f - w), round_up(f + w)


def as_target(target, input_dim: int) -> Target:
    """Return ``target`` as a :class:`Target` (sympy expressions become :class:`ExpressionTarget`).

    A sympy expression's coordinates are the symbols ``x0, …, x{d−1}``, or its single free
    symbol when ``input_dim == 1``.
    """
    input_dim = check_integer("input_dim", input_dim, min_value=1)
    if isinstance(target, Target):
        return target
    if isinstance(target, (sp.Basic, int, float)):
        expr = sp.sympify(target)
        names = [sp.Symbol(f"x{j}") for j in range(input_dim)]
        free = expr.free_symbols
        if input_dim == 1 and len(free) == 1 and not free <= set(names):
            names = list(free)
        return ExpressionTarget(expr, tuple(names))
    raise ValueError(f"target={target!r} is not supported; allowed: a sympy expression, "
                     "PiecewiseLinearTarget, ChebyshevSeriesTarget, FourierSeriesTarget, "
                     "LipschitzTarget")
