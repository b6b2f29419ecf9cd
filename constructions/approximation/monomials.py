"""Monomials from finite differences of the logistic function (Mhaskar's ingredient, C07).

With k + 1 logistic units, the k-th forward difference of step h x at the expansion point b,

    D_h^k(x) = h^{−k} Σ_{j=0}^k (−1)^{k−j} C(k, j) φ(b + j h x),

tends to φ^{(k)}(b) x^k uniformly on [−1, 1] as h → 0.  Dividing by φ^{(k)}(b) needs
φ^{(k)}(b) ≠ 0: at b = 0 the logistic's even derivatives (k ≥ 2) vanish (φ − ½ is odd), so
x², x⁴, … cannot be produced there — the negative control.

Derivatives exactly: φ^{(k)} = P_k(φ) with P_0(s) = s, P_{k+1}(s) = P_k′(s) s (1 − s).

Error bound (:func:`monomial_error_bound`): Δ_{hx}^k φ(b) = (hx)^k ∫_0^k M_k(τ) φ^{(k)}(b + hxτ) dτ
with M_k the cardinal B-spline (integral 1, mean k/2), hence for |x| ≤ 1

    |D_h^k(x)/φ^{(k)}(b) − x^k|
        ≤ |x|^{k+1} · (k h / 2) · max_{|t−b|≤kh} |φ^{(k+1)}(t)| / |φ^{(k)}(b)|.

References
----------
Mhaskar, "Neural networks for optimal approximation of smooth and analytic functions",
Neural Computation 8(1) (1996).  Lecture (今泉, 2024), 近似レート (σ sigmoid, L = 2).
CLAIMS.md C07.
"""

from __future__ import annotations

import math
from functools import cache

import mpmath
import numpy as np
import sympy

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "finite_difference_network",
    "finite_difference_values",
    "logistic_derivative",
    "logistic_derivative_bound",
    "logistic_derivative_polynomial",
    "monomial_error_bound",
    "monomial_network",
    "monomial_rounding_estimate",
]

_S = sympy.Symbol("s")
_DIGITS = 40  # decimal digits for enclosing exact derivative values
_UNIT_ROUNDOFF = np.finfo(float).eps / 2


@cache
def logistic_derivative_polynomial(k: int) -> sympy.Poly:
    """P_k with φ^{(k)} = P_k(φ), φ the logistic function, as a sympy Poly in s.

    Examples
    --------
    >>> logistic_derivative_polynomial(2).as_expr()
    2*s**3 - 3*s**2 + s
    """
    k = check_integer("k", k, min_value=0)
    if k == 0:
        return sympy.Poly(_S, _S)
    prev = logistic_derivative_polynomial(k - 1)
    return sympy.Poly(sympy.expand(prev.diff(_S).as_expr() * _S * (1 - _S)), _S)


def _exact_point(b) -> sympy.Rational:
    return sympy.Rational(check_real("b", b))


def _logistic_exact(t: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-t)) if t != 0 else sympy.Rational(1, 2)


def logistic_derivative(k, b) -> sympy.Expr:
    """φ^{(k)}(b) exactly (b is read as the exact binary value of the float).

    Notes
    -----
    For b ≠ 0 rational, e^{−b} is transcendental (Lindemann), so φ(b) is transcendental and
    P_k(φ(b)) ≠ 0 for k ≥ 1; φ^{(k)}(b) = 0 happens only at b = 0 with P_k(½) = 0, i.e. for
    even k ≥ 2.  The returned expression is P_k(1/(1 + e^{−b})), not simplified.

    Examples
    --------
    >>> logistic_derivative(2, 0)
    0
    >>> logistic_derivative(1, 0)
    1/4
    >>> float(logistic_derivative(2, 1))  # doctest: +ELLIPSIS
    -0.0908577...
    """
    k = check_integer("k", k, min_value=0)
    s = _logistic_exact(_exact_point(b))
    return logistic_derivative_polynomial(k).as_expr().subs(_S, s)


def _derivative_value_mp(k: int, b) -> mpmath.mpf:
    with mpmath.workdps(_DIGITS):
        s = mpmath.mpf(1) / (1 + mpmath.exp(-mpmath.mpf(_exact_point(b).p) / _exact_point(b).q))
        coeffs = [mpmath.mpf(int(c.p)) / int(c.q)
                  for c in logistic_derivative_polynomial(k).all_coeffs()]
        return mpmath.polyval(coeffs, s)


def _nonzero_derivative(k: int, b) -> float:
    value = _derivative_value_mp(k, b)
    exactly_zero = _exact_point(b) == 0 and logistic_derivative(k, 0) == 0
    if exactly_zero or abs(value) < mpmath.mpf(10) ** (-_DIGITS // 2):
        raise ValueError(f"phi^({k})(b) = 0 at b={b!r}: the finite difference tends to 0, not to a "
                         f"multiple of x^{k}; allowed: an expansion point with phi^({k})(b) != 0 "
                         "(e.g. b=1)")
    return float(value)


def logistic_derivative_bound(k, lo, hi) -> float:
    """max_{t∈[lo, hi]} |φ^{(k)}(t)|, rounded up to a float.

    Notes
    -----
    On [lo, hi] the logistic runs over s ∈ [φ(lo), φ(hi)], so the maximum of |P_k(s)| is taken
    at an endpoint or at a real root of P_k′ in that interval (sympy ``real_roots``, exact);
    candidates are evaluated with 40 digits and the result is rounded upward.

    Examples
    --------
    >>> logistic_derivative_bound(3, -10, 10)  # |φ‴| ≤ 1/8, attained at 0
    0.125
    """
    k = check_integer("k", k, min_value=0)
    lo_r = sympy.Rational(check_real("lo", lo))
    hi_r = sympy.Rational(check_real("hi", hi))
    if not lo_r <= hi_r:
        raise ValueError(f"lo={lo!r} > hi={hi!r}; allowed: lo <= hi")
    poly = logistic_derivative_polynomial(k)
    s_lo, s_hi = _logistic_exact(lo_r), _logistic_exact(hi_r)
    candidates = [s_lo, s_hi]
    derivative = poly.diff(_S)
    if derivative.degree() > 0:
        candidates += [r for r in sympy.real_roots(derivative)
                       if bool((r - s_lo).evalf(_DIGITS) >= 0)
                       and bool((s_hi - r).evalf(_DIGITS) >= 0)]
    best = max(abs(poly.as_expr().subs(_S, c).evalf(_DIGITS)) for c in candidates)
    value = float(best)
    return value if value >= best else math.nextafter(value, math.inf)


def _check_kh(k, h) -> tuple[int, float]:
    return (check_integer("k", k, min_value=1),
            check_real("h", h, min_value=0.0, strict_min=True))


def finite_difference_network(*, k, h, b) -> DenseNetwork:
    """k + 1 logistic units computing D_h^k(x) = h^{−k} Σ_j (−1)^{k−j} C(k,j) φ(b + j h x).

    Examples
    --------
    >>> net = finite_difference_network(k=2, h=1e-2, b=0.0)
    >>> net.n_units, bool(np.max(np.abs(net(np.linspace(-1, 1, 5)))) < 1e-2)
    (3, True)
    """
    k, h = _check_kh(k, h)
    b = check_real("b", b)
    j = np.arange(k + 1)
    signs = np.array([(-1) ** (k - i) * math.comb(k, i) for i in range(k + 1)], dtype=float)
    return network_from_layers(
        [((j * h)[:, None].astype(float), np.full(k + 1, b)), (signs[None, :] / h**k, np.zeros(1))],
        activation="sigmoid")


def monomial_network(*, k, h, b=1.0) -> DenseNetwork:
    """k + 1 logistic units approximating x^k on [−1, 1]: D_h^k / φ^{(k)}(b).

    Parameters
    ----------
    k : int
        Degree, k ≥ 1.
    h : float
        Difference step, h > 0 (error O(h), rounding O(2^k u / h^k)).
    b : float
        Expansion point; default 1 (all φ^{(k)}(1), k ≤ 10, are non-zero).

    Raises
    ------
    ValueError
        Bad k or h, or φ^{(k)}(b) = 0 (for instance b = 0 with k even), or numerically zero:
        |φ^{(k)}(b)| < 10^−20 at the 40 digits it is evaluated to (e.g. k = 1, b = 47).

    Examples
    --------
    >>> net = monomial_network(k=2, h=1e-3)
    >>> x = np.linspace(-1, 1, 101)
    >>> bool(np.max(np.abs(net(x) - x**2)) <= monomial_error_bound(k=2, h=1e-3, b=1.0) + 1e-6)
    True
    """
    k, h = _check_kh(k, h)
    scale = _nonzero_derivative(k, b)
    base = finite_difference_network(k=k, h=h, b=b)
    return network_from_layers([(base.weights[0], base.biases[0]),
                                (base.weights[1] / scale, base.biases[1])], activation="sigmoid")


def monomial_error_bound(*, k, h, b=1.0) -> float:
    """Bound (k h/2)·max_{|t−b|≤kh}|φ^{(k+1)}|/|φ^{(k)}(b)| on |D_h^k/φ^{(k)}(b) − x^k|, |x| ≤ 1.

    Exact-arithmetic bound (see the module notes); add :func:`monomial_rounding_estimate`
    for float64 evaluation.

    Examples
    --------
    >>> round(monomial_error_bound(k=2, h=1e-2), 5)
    0.00416
    """
    k, h = _check_kh(k, h)
    scale = abs(_nonzero_derivative(k, b))
    b_f = check_real("b", b)
    top = logistic_derivative_bound(k + 1, b_f - k * h, b_f + k * h)
    return k * h / 2.0 * top / scale


def monomial_rounding_estimate(*, k, h, b=1.0) -> float:
    """Estimate of the float64 rounding in :func:`monomial_network` on [−1, 1].

    Each of the k + 1 terms carries ≈ 2u relative error from ``expit`` and ≈ u(|b| + k h)/4 from
    rounding its argument, amplified by Σ_j C(k, j) = 2^k and divided by h^k |φ^{(k)}(b)|; a
    safety factor k + 2 covers the summation.  An estimate, not a proof (``expit`` has no
    documented ulp bound).

    Examples
    --------
    >>> bool(monomial_rounding_estimate(k=1, h=0.5) < 1e-13)
    True
    """
    k, h = _check_kh(k, h)
    scale = abs(_nonzero_derivative(k, b))
    b_f = check_real("b", b)
    per_term = _UNIT_ROUNDOFF * (2.0 + (abs(b_f) + k * h) / 4.0)
    return (k + 2) * 2.0**k * per_term / (h**k * scale)


def finite_difference_values(x, *, k, h, b, dps=50) -> np.ndarray:
    """D_h^k(x) evaluated with mpmath at ``dps`` digits (the network's exact-arithmetic value).

    A reference for tests of :func:`monomial_error_bound` free of rounding; loops over points
    in Python (mpmath is scalar), so keep ``x`` small.

    Examples
    --------
    >>> float(finite_difference_values([1.0], k=1, h=0.5, b=0.0)[0])  # (φ(0.5) − φ(0))/0.5
    0.24491866240370913
    """
    x = check_finite_array("x", x, ndim=1)
    k, h = _check_kh(k, h)
    b = check_real("b", b)
    dps = check_integer("dps", dps, min_value=15)
    with mpmath.workdps(dps):
        hm, bm = mpmath.mpf(h), mpmath.mpf(b)
        weights = [(-1) ** (k - j) * math.comb(k, j) for j in range(k + 1)]
        out = [mpmath.fsum(w / (1 + mpmath.exp(-(bm + j * hm * mpmath.mpf(xi))))
                           for j, w in enumerate(weights)) / hm**k for xi in x.tolist()]
        return np.array([float(v) for v in out])
