"""Exact linear pieces of a 1-D piecewise-linear network, and the exact sup error.

A network with ReLU, leaky ReLU or identity activation is a continuous
piecewise-linear function of x ∈ R.  Its pieces are found layer by layer in
exact rational arithmetic (every float weight is a dyadic rational): on each
current piece every pre-activation is affine, a + b x; its zero −a/b, if
inside the piece, is a new breakpoint; on the refined pieces the activation
pattern is read off at the midpoint.  No rounding happens, so the breakpoints,
slopes and intercepts are exact.

The sup of |f − f_θ| over an interval is then exact:

* piecewise-linear f: both functions are linear between consecutive points of
  the union of their breakpoints, so the sup is attained at one of them;
* polynomial f with rational coefficients: on each piece the maximum of
  |p(x) − (s x + t)| is at an end or at a zero of p′ − s; zeros are rational for
  deg p ≤ 2, otherwise they are isolated in rational intervals of width ≤ 2^-60
  (``sympy.Poly.intervals``) and bounded rigorously, so ``lower`` and ``upper``
  differ by at most max|d″| · 2^-120 per zero.

References
----------
D. Yarotsky, "Error bounds for approximations with deep ReLU networks", Neural Networks 94
(2017), Prop. 2 (x² by sawtooth compositions; the exact sup 2^{−2m−2}).
R. Arora, A. Basu, P. Mianjy, A. Mukherjee, "Understanding deep neural networks with
rectified linear units", ICLR 2018 (piecewise-linear structure).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 深さの効果.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from constructions.certification.result import Enclosure
from constructions.certification.targets import ExpressionTarget, PiecewiseLinearTarget
from constructions.networks.activations import LEAKY_RELU_SLOPE, is_piecewise_linear
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_integer, check_interval

__all__ = ["LinearPieces", "exact_sup_error", "linear_pieces"]


@dataclass(frozen=True)
class LinearPieces:
    """f_θ(x) = slopes[k] x + intercepts[k] on [breakpoints[k], breakpoints[k+1]], exactly.

    Examples
    --------
    >>> import numpy as np
    >>> from constructions.networks.dense import network_from_layers
    >>> net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, -1.0])),
    ...                            (np.array([[1.0, -2.0]]), np.array([0.0]))], activation="relu")
    >>> p = linear_pieces(net, (-1.0, 2.0))
    >>> [str(b) for b in p.breakpoints], [str(s) for s in p.slopes]
    (['-1', '0', '1', '2'], ['0', '1', '-1'])
    """

    breakpoints: tuple[Fraction, ...]
    slopes: tuple[Fraction, ...]
    intercepts: tuple[Fraction, ...]

    def __call__(self, x: Fraction) -> Fraction:
        k = min(max(bisect_right(self.breakpoints, x) - 1, 0), len(self.slopes) - 1)
        return self.slopes[k] * x + self.intercepts[k]


def _fractions(a) -> np.ndarray:
    return np.vectorize(Fraction, otypes=[object])(np.asarray(a, dtype=float))


def _check_network(network) -> None:
    if not isinstance(network, DenseNetwork):
        raise TypeError(f"network={network!r} must be a DenseNetwork")


def _check_interval(interval) -> tuple[float, float]:
    try:
        lo, hi = interval
    except (TypeError, ValueError):
        raise ValueError(f"interval={interval!r} must be a pair (lo, hi)") from None
    return check_interval("interval", lo, hi)


def _check_max_work(max_work) -> int | None:
    return None if max_work is None else check_integer("max_work", max_work, min_value=1)


def linear_pieces(network: DenseNetwork, interval, *, max_work: int | None = None):
    """Exact linear pieces of a 1-D piecewise-linear network on ``interval``.

    Parameters
    ----------
    network : DenseNetwork
        ``input_dim == output_dim == 1``; activation relu, leaky_relu or identity.
    interval : (lo, hi)
    max_work : int, optional
        Give up (return ``None``) once pieces × weights processed exceeds this.

    Returns
    -------
    LinearPieces or None

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`DenseNetwork`.
    ValueError
        For a network that is not R -> R piecewise linear, an empty/inverted/non-finite
        ``interval``, or ``max_work < 1``.
    """
    _check_network(network)
    lo, hi = _check_interval(interval)
    max_work = _check_max_work(max_work)
    if network.input_dim != 1 or network.output_dim != 1:
        raise ValueError(f"network maps R^{network.input_dim} to R^{network.output_dim}; "
                         "allowed: R -> R")
    if not is_piecewise_linear(network.activation):
        raise ValueError(f"network.activation={network.activation!r}; allowed: piecewise linear")
    neg = {"relu": Fraction(0), "leaky_relu": Fraction(LEAKY_RELU_SLOPE),
           "identity": Fraction(1)}[network.activation]
    xs = [Fraction(lo), Fraction(hi)]
    slope = np.array([[Fraction(1)]], dtype=object)
    icept = np.array([[Fraction(0)]], dtype=object)
    work = 0
    last = network.depth - 1
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        work += len(xs) * w.size
        if max_work is not None and work > max_work:
            return None
        wf, bf = _fractions(w), _fractions(b)
        pa, pc = slope @ wf.T, icept @ wf.T + bf
        if i == last:
            slope, icept = pa, pc
            break
        roots = set()
        for k in range(len(xs) - 1):
            left, right = xs[k], xs[k + 1]
            for a, c in zip(pa[k], pc[k], strict=True):
                if a != 0:
                    r = -c / a
                    if left < r < right:
                        roots.add(r)
        new_xs = sorted(set(xs) | roots)
        parent = [bisect_right(xs, x) - 1 for x in new_xs[:-1]]
        mids = [(u + v) / 2 for u, v in zip(new_xs[:-1], new_xs[1:], strict=True)]
        pa, pc = pa[parent], pc[parent]
        z = pa * np.array(mids, dtype=object)[:, None] + pc
        gate = np.where(z > 0, Fraction(1), neg)
        slope, icept, xs = pa * gate, pc * gate, new_xs
    return LinearPieces(tuple(xs), tuple(slope[:, 0]), tuple(icept[:, 0]))


def _float_down(q: Fraction) -> float:
    f = float(q)
    return float(np.nextafter(f, -np.inf)) if Fraction(f) > q else f


def _float_up(q: Fraction) -> float:
    f = float(q)
    return float(np.nextafter(f, np.inf)) if Fraction(f) < q else f


def _poly_eval(coeffs, x):
    acc = Fraction(0)
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def _pl_value(t, v, x):
    if x <= t[0]:
        return v[0]
    if x >= t[-1]:
        return v[-1]
    k = bisect_right(t, x) - 1
    if t[k] == x:
        return v[k]
    return v[k] + (v[k + 1] - v[k]) * (x - t[k]) / (t[k + 1] - t[k])


def _sup_piecewise_linear(pieces, target, lo, hi):
    t = [Fraction(float(s)) for s in target.breakpoints]
    v = [Fraction(float(s)) for s in target.values]
    pts = sorted(set(pieces.breakpoints) | {s for s in t if lo < s < hi})
    vals = [abs(_pl_value(t, v, x) - pieces(x)) for x in pts]
    k = max(range(len(vals)), key=vals.__getitem__)
    return vals[k], vals[k], pts[k]


def _sup_polynomial(pieces, coeffs, x_sym):
    best_lo, best_hi, arg = Fraction(-1), Fraction(-1), None
    deg = len(coeffs) - 1
    for k in range(len(pieces.slopes)):
        a, b = pieces.breakpoints[k], pieces.breakpoints[k + 1]
        d = [*coeffs, *[Fraction(0)] * max(0, 2 - len(coeffs))]
        d[0] -= pieces.intercepts[k]
        d[1] -= pieces.slopes[k]
        cands = [(abs(_poly_eval(d, a)), Fraction(0), a), (abs(_poly_eval(d, b)), Fraction(0), b)]
        if deg == 2 and d[2] != 0:
            r = -d[1] / (2 * d[2])
            if a < r < b:
                cands.append((abs(_poly_eval(d, r)), Fraction(0), r))
        elif deg > 2:
            dp = [j * d[j] for j in range(1, len(d))]
            big_r = max(abs(a), abs(b))
            m2 = sum(abs(d[j]) * j * (j - 1) * big_r ** (j - 2) for j in range(2, len(d)))
            poly = sp.Poly([sp.Rational(c.numerator, c.denominator) for c in reversed(dp)], x_sym)
            for (s, u), _ in poly.intervals(inf=a, sup=b, eps=Fraction(1, 2**60)):
                s, u = Fraction(int(s.p), int(s.q)), Fraction(int(u.p), int(u.q))
                vs, vu = abs(_poly_eval(d, s)), abs(_poly_eval(d, u))
                top = max(vs, vu)
                cands.append((top, m2 * (u - s) ** 2, s if vs >= vu else u))
        for val, slack, x in cands:
            if val > best_lo:
                best_lo, arg = val, x
            best_hi = max(best_hi, val + slack)
    return best_lo, best_hi, arg


def exact_sup_error(network, target, interval, *, max_work: int | None = None):
    """sup_{x∈interval} |f(x) − f_θ(x)| by exact piece enumeration, as an ``Enclosure``.

    Returns ``None`` when ``max_work`` is exceeded.  ``lower``/``upper`` are the exact
    rational bounds rounded down/up to float64; ``exact`` holds the rational when the
    maximiser is exactly known (piecewise-linear targets, polynomials of degree ≤ 2).

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`DenseNetwork`.
    ValueError
        As :func:`linear_pieces`, or for a target that is neither piecewise linear nor a
        polynomial.
    """
    _check_network(network)
    lo, hi = _check_interval(interval)
    max_work = _check_max_work(max_work)
    pieces = linear_pieces(network, (lo, hi), max_work=max_work)
    if pieces is None:
        return None
    if isinstance(target, PiecewiseLinearTarget):
        low, high, arg = _sup_piecewise_linear(pieces, target, Fraction(lo), Fraction(hi))
    elif isinstance(target, ExpressionTarget) and target.polynomial_coefficients() is not None:
        low, high, arg = _sup_polynomial(pieces, target.polynomial_coefficients(),
                                         target.symbols[0])
    else:
        raise ValueError(f"target={target!r}; allowed: PiecewiseLinearTarget or a polynomial")
    return Enclosure(lower=_float_down(low), upper=_float_up(high), witness=(float(arg),),
                     n_boxes=len(pieces.slopes), method="pieces", exhaustive=True,
                     converged=True, exact=low if low == high else None)
