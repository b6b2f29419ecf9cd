"""Outward-rounded interval arithmetic on numpy arrays.

An interval array is a pair ``(lo, hi)`` of float64 arrays of one shape; the
real interval ``[lo[i], hi[i]]`` contains every exact value the operation can
take.  Every operation rounds outward, so the enclosure survives floating point:

* ``+``, ``−``, ``×``, ``/`` and ``sqrt`` are correctly rounded in IEEE 754, so one
  outward step of one ulp (:func:`round_down`, :func:`round_up`) covers them;
* elementary functions (``exp``, ``log``, ``sin``, ``expit``, …) are widened by
  :data:`ELEMENTARY_ULPS` units in the last place plus the smallest subnormal
  (underflow).  This assumes numpy's/libm's float64 elementary functions are
  accurate to within a few ulps, which numpy documents for its SIMD kernels
  (≤ 4 ulp) and glibc for its libm (≤ 1–2 ulp).  The assumption serves the search
  only: every certificate is re-checked with these functions in arb ball
  arithmetic (:mod:`.rigorous`), and an unconfirmed one decides nothing;
* dot products (``affine_interval``) carry Higham's a priori bound
  γ_n = n u / (1 − n u) on the rounding error of any summation order, with or
  without FMA, so BLAS may be used.

A NaN produced by ``0 · ∞`` or ``∞ − ∞`` is replaced by the whole line, never by
a point.

References
----------
R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009.
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM 2002, §3.1.
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理 (sup-norm statements).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "ELEMENTARY_ULPS",
    "UNIT_ROUNDOFF",
    "affine_interval",
    "gamma",
    "interval_abs",
    "interval_add",
    "interval_div",
    "interval_mul",
    "interval_scale",
    "interval_sum",
    "round_down",
    "round_up",
    "widen",
]

#: u = 2^-53, the unit roundoff of float64.
UNIT_ROUNDOFF = 2.0**-53
#: ulps by which results of elementary functions are widened (see module notes).
ELEMENTARY_ULPS = 4
_TINY = float(np.finfo(np.float64).smallest_subnormal)
_PAD = 2.0**-52


def round_down(x):
    """A float ≤ every real number that ``x`` (a correctly rounded result) may stand for.

    Subtracts |x| 2^-52 (at least one ulp of x) plus a subnormal: cheaper than
    ``np.nextafter`` and never less outward.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        return x - (np.abs(x) * _PAD + _TINY)


def round_up(x):
    """A float ≥ every real number that ``x`` (a correctly rounded result) may stand for."""
    with np.errstate(invalid="ignore", over="ignore"):
        return x + (np.abs(x) * _PAD + _TINY)


def gamma(n: int) -> float:
    """Higham's γ_n = n u/(1 − n u), padded upward (bound on relative dot-product error)."""
    nu = n * UNIT_ROUNDOFF
    return float(round_up(2.0 * nu / (1.0 - nu)))


def _sanitize(lo, hi):
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    return lo, hi


def widen(lo, hi, *, ulps: int = ELEMENTARY_ULPS):
    """Widen ``[lo, hi]`` by ``ulps`` units in the last place (and a subnormal) each side.

    |x| 2^-52 is at least one ulp of x; one extra ulp absorbs the rounding of the widening.
    """
    pad = (ulps + 1) * _PAD
    with np.errstate(invalid="ignore", over="ignore"):
        lo = lo - (np.abs(lo) * pad + 2 * _TINY)
        hi = hi + (np.abs(hi) * pad + 2 * _TINY)
    return _sanitize(lo, hi)


def interval_add(alo, ahi, blo, bhi):
    """[a] + [b], outward rounded."""
    with np.errstate(invalid="ignore"):
        return _sanitize(round_down(alo + blo), round_up(ahi + bhi))


def interval_scale(c, lo, hi):
    """c · [lo, hi] for a float array ``c`` (exact real number), outward rounded."""
    with np.errstate(invalid="ignore"):
        p, q = c * lo, c * hi
        return _sanitize(round_down(np.minimum(p, q)), round_up(np.maximum(p, q)))


def interval_mul(alo, ahi, blo, bhi):
    """[a] · [b], outward rounded (the hull of the four end products)."""
    with np.errstate(invalid="ignore"):
        p1, p2, p3, p4 = alo * blo, alo * bhi, ahi * blo, ahi * bhi
        lo = np.minimum(np.minimum(p1, p2), np.minimum(p3, p4))
        hi = np.maximum(np.maximum(p1, p2), np.maximum(p3, p4))
        bad = np.isnan(p1) | np.isnan(p2) | np.isnan(p3) | np.isnan(p4)
    lo = np.where(bad, -np.inf, round_down(lo))
    hi = np.where(bad, np.inf, round_up(hi))
    return lo, hi


def interval_div(alo, ahi, blo, bhi):
    """[a] / [b]; the whole line where ``[b]`` contains 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        zero = (blo <= 0.0) & (bhi >= 0.0)
        rlo = np.where(zero, 1.0, round_down(1.0 / bhi))
        rhi = np.where(zero, 1.0, round_up(1.0 / blo))
    lo, hi = interval_mul(alo, ahi, rlo, rhi)
    return np.where(zero, -np.inf, lo), np.where(zero, np.inf, hi)


def interval_abs(lo, hi):
    """|[lo, hi]| (exact)."""
    alo = np.where((lo <= 0.0) & (hi >= 0.0), 0.0, np.minimum(np.abs(lo), np.abs(hi)))
    return alo, np.maximum(np.abs(lo), np.abs(hi))


def interval_sum(lo, hi, *, axis: int = -1):
    """Σ [lo_k, hi_k] along ``axis`` with a γ_n rounding term."""
    n = lo.shape[axis]
    g = gamma(n + 1)
    with np.errstate(invalid="ignore"):
        slo, shi = lo.sum(axis=axis), hi.sum(axis=axis)
        elo = g * np.abs(lo).sum(axis=axis) + n * _TINY
        ehi = g * np.abs(hi).sum(axis=axis) + n * _TINY
        return _sanitize(round_down(slo - elo), round_up(shi + ehi))


def affine_interval(weight, bias, lo, hi):
    """Enclose ``W x + b`` for every x in the boxes ``[lo, hi]``.

    Parameters
    ----------
    weight : ndarray, shape (m, n)
    bias : ndarray, shape (m,) or None
    lo, hi : ndarray, shape (..., n)
        Pass the same array twice (``lo is hi``) for points.

    Returns
    -------
    (lo, hi) : ndarrays of shape (..., m)

    Notes
    -----
    Midpoint–radius form: with c = (lo + hi)/2 and r ≥ max(hi − c, c − lo),
    W x + b ∈ W c + b ± |W| r.  The computed W c + b, |W| r carry at most
    γ_{n+2} T rounding error, T = |W||c| + |b| + |W| r (Higham 2002, Lemma 3.1);
    the radius is err = |W| r + (γ_{n+2} + 16u) T, where the extra 16u T covers the
    rounding of err itself and of the final ``mid ± err`` (|mid ± err| ≤ 2.1 T).
    """
    absw = np.abs(weight)
    n = weight.shape[1]
    g = gamma(n + 2) + 16.0 * UNIT_ROUNDOFF
    with np.errstate(invalid="ignore", over="ignore"):
        if lo is hi:                      # a point: no radius
            c, r = lo, None
        else:
            c = 0.5 * lo + 0.5 * hi
            r = ((hi - lo) * (0.5 + 4.0 * UNIT_ROUNDOFF)
                 + (np.abs(c) * (4.0 * UNIT_ROUNDOFF) + 2 * _TINY))
        if n == 1:                        # outer product: broadcasting beats matmul
            mid = c * weight[:, 0]
            total = np.abs(mid)
            if r is not None:
                rad = r * absw[:, 0]
                total += rad
        else:
            mid = c @ weight.T
            total = np.abs(c) @ absw.T
            if r is not None:
                rad = r @ absw.T
                total += rad
        if bias is not None:
            mid += bias
            total += np.abs(bias)
        err = total * g
        err += (n + 2) * 4.0 * _TINY
        if r is not None:
            err += rad
        out_lo, out_hi = mid - err, mid + err
        if not np.all(np.isfinite(err)):
            out_lo, out_hi = _sanitize(out_lo, out_hi)
        return out_lo, out_hi
