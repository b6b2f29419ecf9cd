"""Interval extensions of the elementary functions, vectorised and outward rounded.

Each function maps interval arrays ``(lo, hi)`` to an interval array that
contains the exact range of the function on every ``[lo[i], hi[i]]``.
Monotone functions are evaluated at the ends; ``sin``/``cos`` add ±1 where an
extremum k π/2 may lie in the interval (decided on a slightly enlarged
interval, so a rounding error can only add an extremum, never lose one);
``cosh`` and even powers add their minimum when the interval contains 0.
Outside a function's domain (``log`` of a negative number, …) the result is the
whole line: an honest "unknown", never a point.

References
----------
R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009, ch. 5.
"""

from __future__ import annotations

import math

import numpy as np

from .intervals import (
    ELEMENTARY_ULPS,
    interval_div,
    round_down,
    round_up,
    widen,
)

__all__ = [
    "PI_HI",
    "PI_LO",
    "interval_atan",
    "interval_cos",
    "interval_cosh",
    "interval_exp",
    "interval_expit",
    "interval_log",
    "interval_pow_int",
    "interval_pow_real",
    "interval_sign",
    "interval_sin",
    "interval_sinh",
    "interval_sqrt",
    "interval_tanh",
    "logistic",
    "logistic_slope",
]

#: float64 neighbours enclosing π (math.pi is π correctly rounded).
PI_LO, PI_HI = float(round_down(math.pi)), float(round_up(math.pi))


def _monotone(fun, lo, hi, *, increasing: bool = True):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        a, b = fun(lo), fun(hi)
    return widen(a, b) if increasing else widen(b, a)


def interval_exp(lo, hi):
    a, b = _monotone(np.exp, lo, hi)
    return np.maximum(a, 0.0), b


def logistic(t):
    """σ(t) = 1/(1 + e^{−t}) via e^{−|t|} (no overflow; relative error ≤ (ELEMENTARY_ULPS + 2) u).

    ``scipy.special.expit`` is several times slower; the certifier calls this on every
    (box, unit) pair.
    """
    e = np.exp(-np.abs(t))
    return np.where(t >= 0.0, 1.0, e) / (1.0 + e)


def logistic_slope(t):
    """σ′(t) = σ(t) σ(−t) = e^{−|t|}/(1 + e^{−|t|})² (relative error ≤ (ELEMENTARY_ULPS + 4) u)."""
    e = np.exp(-np.abs(t))
    d = 1.0 + e
    return e / (d * d)


def interval_expit(lo, hi):
    """Logistic sigmoid σ(t) = 1/(1 + e^{−t}), increasing."""
    a, b = widen(logistic(lo), logistic(hi), ulps=ELEMENTARY_ULPS + 2)
    return np.clip(a, 0.0, 1.0), np.clip(b, 0.0, 1.0)


def interval_tanh(lo, hi):
    a, b = _monotone(np.tanh, lo, hi)
    return np.clip(a, -1.0, 1.0), np.clip(b, -1.0, 1.0)


def interval_atan(lo, hi):
    return _monotone(np.arctan, lo, hi)


def interval_sinh(lo, hi):
    return _monotone(np.sinh, lo, hi)


def interval_sqrt(lo, hi):
    """√ on [0, ∞); IEEE sqrt is correctly rounded, one outward step suffices."""
    with np.errstate(invalid="ignore"):
        a = round_down(np.sqrt(np.maximum(lo, 0.0)))
        b = round_up(np.sqrt(hi))
    bad = hi < 0.0
    a = np.where(lo < 0.0, 0.0, np.maximum(a, 0.0))
    return np.where(bad, -np.inf, a), np.where(bad | np.isnan(b), np.inf, b)


def interval_log(lo, hi):
    with np.errstate(divide="ignore", invalid="ignore"):
        a, b = _monotone(np.log, np.maximum(lo, 0.0), hi)
    bad = hi <= 0.0
    a = np.where(lo <= 0.0, -np.inf, a)
    return np.where(bad, -np.inf, a), np.where(bad, np.inf, b)


def interval_cosh(lo, hi):
    with np.errstate(over="ignore"):
        a, b = np.cosh(lo), np.cosh(hi)
    mlo, mhi = widen(np.minimum(a, b), np.maximum(a, b))
    zero = (lo <= 0.0) & (hi >= 0.0)
    return np.where(zero, 1.0, np.maximum(mlo, 1.0)), mhi


def interval_sign(lo, hi):
    """sign is monotone; at 0 the hull [−1, 1] of one-sided values is the Clarke gradient of |x|."""
    a = np.where(lo > 0.0, 1.0, -1.0)
    b = np.where(hi < 0.0, -1.0, 1.0)
    return a, b


def _contains_point(lo, hi, phase):
    """Whether [lo, hi] (slightly enlarged) contains phase + 2πk for some integer k."""
    two_pi_lo = 2.0 * PI_LO
    slack = 8.0 * np.abs(np.spacing(np.maximum(np.abs(lo), np.abs(hi)))) + 1e-300
    with np.errstate(invalid="ignore"):
        k = np.ceil((lo - slack - phase) / two_pi_lo - 1e-9)
        # the candidate k−1, k, k+1 all tested: the division above is inexact
        hit = np.zeros(np.shape(lo), dtype=bool)
        for dk in (-1.0, 0.0, 1.0):
            kk = k + dk
            plo = np.minimum(kk * 2.0 * PI_LO, kk * 2.0 * PI_HI) + phase
            phi = np.maximum(kk * 2.0 * PI_LO, kk * 2.0 * PI_HI) + phase
            slack_p = 8.0 * np.abs(np.spacing(np.maximum(np.abs(plo), np.abs(phi)))) + 1e-300
            hit |= (phi + slack_p >= lo - slack) & (plo - slack_p <= hi + slack)
    return hit


def interval_sin(lo, hi):
    """sin with its maxima π/2 + 2πk and minima −π/2 + 2πk accounted for."""
    return _periodic(np.sin, lo, hi, max_phase=0.5 * math.pi, min_phase=-0.5 * math.pi)


def interval_cos(lo, hi):
    """cos with its maxima 2πk and minima π + 2πk accounted for."""
    return _periodic(np.cos, lo, hi, max_phase=0.0, min_phase=math.pi)


def _periodic(fun, lo, hi, *, max_phase, min_phase):
    finite = np.isfinite(lo) & np.isfinite(hi)
    wide = ~finite | (hi - np.where(finite, lo, 0.0) >= 6.0)
    slo, shi = np.where(finite, lo, 0.0), np.where(finite, hi, 0.0)
    a, b = fun(slo), fun(shi)
    mlo, mhi = widen(np.minimum(a, b), np.maximum(a, b))
    top = wide | _contains_point(slo, shi, max_phase)
    bottom = wide | _contains_point(slo, shi, min_phase)
    mhi = np.where(top, 1.0, np.minimum(mhi, 1.0))
    mlo = np.where(bottom, -1.0, np.maximum(mlo, -1.0))
    return mlo, mhi


def interval_pow_int(lo, hi, n: int):
    """x^n for an integer n (negative n through 1/x^|n|)."""
    if n == 0:
        return np.ones_like(lo), np.ones_like(hi)
    m = abs(n)
    with np.errstate(over="ignore", invalid="ignore"):
        a, b = lo**m, hi**m
    if m % 2:
        plo, phi = widen(a, b)
    else:
        zero = (lo <= 0.0) & (hi >= 0.0)
        plo, phi = widen(np.minimum(a, b), np.maximum(a, b))
        plo = np.where(zero, 0.0, np.maximum(plo, 0.0))
    if n > 0:
        return plo, phi
    return interval_div(np.ones_like(plo), np.ones_like(phi), plo, phi)


def interval_pow_real(lo, hi, p: float, p_lo: float, p_hi: float):
    """x^p for a non-integer exponent p ∈ [p_lo, p_hi], defined for x ≥ 0 (x > 0 if p < 0)."""
    if p_lo > 0.0:
        with np.errstate(invalid="ignore"):
            c_lo, c_hi = np.maximum(lo, 0.0), np.maximum(hi, 0.0)
            cand = [base**q for base in (c_lo, c_hi) for q in (p_lo, p_hi)]
        a = np.minimum.reduce(cand)
        b = np.maximum.reduce(cand)
        a, b = widen(a, b)
        a = np.maximum(a, 0.0)
        bad = lo < 0.0
        return np.where(bad, -np.inf, a), np.where(bad, np.inf, b)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cand = [base**q for base in (lo, hi) for q in (p_lo, p_hi)]
    a = np.minimum.reduce(cand)
    b = np.maximum.reduce(cand)
    a, b = widen(a, b)
    bad = lo <= 0.0
    return np.where(bad, -np.inf, np.maximum(a, 0.0)), np.where(bad, np.inf, b)
