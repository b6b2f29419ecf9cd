"""Interval extensions of the elementary functions, vectorised and outward rounded.

Each function maps interval arrays ``(lo, hi)`` to an interval array that
contains the exact range of the function on every ``[lo[i], hi[i]]``.
Monotone functions are evaluated at the ends; ``sin``/``cos`` add ±1 where an
extremum k π/2 may lie in the interval (decided on a slightly enlarged
interval, so a rounding error can only add an extremum, never lose one);
``cosh`` and even powers add their minimum when the interval contains 0.
Outside a function's domain (``log`` of a negative number, …) the result is the
whole line: an honest "unknown", never a point.

Two backends evaluate the function values at the interval ends:

* the default, for the search: numpy's vectorised float64 functions, widened by
  :data:`.intervals.ELEMENTARY_ULPS` ulps — fast, but it *assumes* the platform's libm is
  accurate to a few ulps;
* inside ``with rigorous_elementary():`` (the re-check of a certificate, :mod:`.rigorous`):
  arb balls with proven error bounds (:func:`.balls.ball_map`), rounded outward to float64.
  Nothing is assumed about libm; the only floating-point facts used anywhere are IEEE 754's
  correctly rounded ``+ − × / sqrt``.

References
----------
R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009, ch. 5.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np

from constructions.certification.rigorous.balls import ball_map, ball_range
from constructions.certification.intervals import (
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
    "is_rigorous",
    "logistic",
    "logistic_slope",
    "point_enclosure",
    "rigorous_elementary",
]

#: float64 neighbours enclosing π (math.pi is π correctly rounded).
PI_LO, PI_HI = float(round_down(math.pi)), float(round_up(math.pi))


_RIGOROUS = [False]
#: numpy function -> name of its arb counterpart (:data:`.balls._FUNCTIONS`)
_ARB_NAMES = {np.exp: "exp", np.log: "log", np.sin: "sin", np.cos: "cos", np.tanh: "tanh",
              np.sinh: "sinh", np.cosh: "cosh", np.arctan: "atan", np.arccos: "acos"}


@contextmanager
def rigorous_elementary():
    """Evaluate every elementary function in arb (proven error bounds) inside the block."""
    old = _RIGOROUS[0]
    _RIGOROUS[0] = True
    try:
        yield
    finally:
        _RIGOROUS[0] = old


def is_rigorous() -> bool:
    """Whether the arb backend is active (inside :func:`rigorous_elementary`)."""
    return _RIGOROUS[0]


def point_enclosure(name: str, x, *, ulps: int = ELEMENTARY_ULPS):
    """``(lo, hi)`` enclosing f(x) at the floats ``x`` for f named ``name`` (see :mod:`.balls`).

    Default backend: numpy's value widened by ``ulps``; inside :func:`rigorous_elementary`: arb.
    """
    if _RIGOROUS[0]:
        return ball_map(name, x)
    fun = {"logistic": logistic, "logistic_slope": logistic_slope,
           **{v: k for k, v in _ARB_NAMES.items()}}[name]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        y = fun(x)
    return widen(y, y, ulps=ulps)


def _monotone(fun, lo, hi, *, increasing: bool = True):
    if _RIGOROUS[0]:
        return ball_range(_ARB_NAMES[fun], lo, hi,
                          kind="increasing" if increasing else "decreasing")
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
    if _RIGOROUS[0]:
        a, b = ball_range("logistic", lo, hi)
    else:
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
    if _RIGOROUS[0]:
        mlo, mhi = ball_range("cosh", lo, hi, kind="hull")
    else:
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
    if _RIGOROUS[0]:
        mlo, mhi = ball_range(_ARB_NAMES[fun], slo, shi, kind="hull")
    else:
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
    if _RIGOROUS[0]:
        (alo, ahi), (blo, bhi) = ball_map("pow", lo, exponent=m), ball_map("pow", hi, exponent=m)
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            a, b = lo**m, hi**m
    if m % 2:
        plo, phi = (alo, bhi) if _RIGOROUS[0] else widen(a, b)
    else:
        zero = (lo <= 0.0) & (hi >= 0.0)
        if _RIGOROUS[0]:
            plo, phi = np.minimum(alo, blo), np.maximum(ahi, bhi)
        else:
            plo, phi = widen(np.minimum(a, b), np.maximum(a, b))
        plo = np.where(zero, 0.0, np.maximum(plo, 0.0))
    if n > 0:
        return plo, phi
    return interval_div(np.ones_like(plo), np.ones_like(phi), plo, phi)


def interval_pow_real(lo, hi, p: float, p_lo: float, p_hi: float):
    """x^p for a non-integer exponent p ∈ [p_lo, p_hi], defined for x ≥ 0 (x > 0 if p < 0)."""
    if p_lo > 0.0:
        c_lo, c_hi = np.maximum(lo, 0.0), np.maximum(hi, 0.0)
        a, b = _real_powers((c_lo, c_hi), (p_lo, p_hi))
        a = np.maximum(a, 0.0)
        bad = lo < 0.0
        return np.where(bad, -np.inf, a), np.where(bad, np.inf, b)
    a, b = _real_powers((lo, hi), (p_lo, p_hi))
    bad = lo <= 0.0
    return np.where(bad, -np.inf, np.maximum(a, 0.0)), np.where(bad, np.inf, b)


def _real_powers(bases, exponents):
    """Hull of base^q over the end bases and end exponents (x^q is monotone in x and in q)."""
    if _RIGOROUS[0]:
        balls = [ball_map("pow", base, exponent=q) for base in bases for q in exponents]
        return np.minimum.reduce([b[0] for b in balls]), np.maximum.reduce([b[1] for b in balls])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cand = [base**q for base in bases for q in exponents]
    return widen(np.minimum.reduce(cand), np.maximum.reduce(cand))
