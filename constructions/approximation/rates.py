"""Rate helpers: geometric sweeps, log–log slope fits with confidence intervals, bounded ratios.

A rate claim "error = O(W^{−γ})" is checked in one of two ways (CLAIMS.md C00):
as a bound with an explicit constant, or — when no constant is known — by
fitting the slope of log error against log W on a geometric sweep of sizes
and asking whether the slope's confidence interval is compatible with −γ,
**and** whether x_N / y_N stays bounded over the explored range.  These are
the reusable pieces; they know nothing about networks.

Notes
-----
* The slope interval is the ordinary least-squares one,
  b̂ ± t_{1−(1−c)/2, n−2} · se(b̂), with se from :func:`scipy.stats.linregress`.
  It treats the residuals as independent noise; for deterministic error curves
  the residuals are systematic (pre-asymptotic curvature), so the interval is
  a tolerance band, not a probability statement.
* Big-O (C00): x_N = O(y_N) iff ∃ N′, C with |x_N| ≤ C|y_N| for N > N′.  On a
  finite range this is only evidence: :func:`bounded_ratio` reports the witness
  constant C = max over the tail N > N′ and whether the ratio is still growing.

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 記法 (O-notation) and 近似レート.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = ["BoundedRatio", "LogLogFit", "bounded_ratio", "fit_loglog_slope", "geometric_sizes"]


def geometric_sizes(start: float, stop: float, *, num: int, integer: bool = True) -> np.ndarray:
    """A geometric sweep start … stop (inclusive) of ``num`` sizes.

    Parameters
    ----------
    start, stop : float
        0 < start < stop.
    num : int
        Number of sizes requested (≥ 2).
    integer : bool
        Round to integers and drop duplicates (then fewer than ``num`` may remain).

    Returns
    -------
    ndarray
        Increasing sizes (int64 when ``integer``).

    Examples
    --------
    >>> geometric_sizes(1, 1000, num=4).tolist()
    [1, 10, 100, 1000]
    """
    a = check_real("start", start, min_value=0.0, strict_min=True)
    b = check_real("stop", stop, min_value=0.0, strict_min=True)
    if not a < b:
        raise ValueError(f"start={start!r}, stop={stop!r}; allowed: 0 < start < stop")
    n = check_integer("num", num, min_value=2)
    sizes = np.geomspace(a, b, n)
    if integer:
        return np.unique(np.rint(sizes).astype(np.int64))
    return sizes


@dataclass(frozen=True)
class LogLogFit:
    """Least-squares fit log y = intercept + slope · log x, with a t-interval for the slope."""

    slope: float
    intercept: float
    stderr: float
    ci_low: float
    ci_high: float
    confidence: float
    n_points: int

    def contains(self, exponent: float) -> bool:
        """Whether ``exponent`` lies in [ci_low, ci_high]."""
        return self.ci_low <= exponent <= self.ci_high

    def predict(self, x) -> np.ndarray:
        """exp(intercept) · x^slope."""
        return np.exp(self.intercept) * np.asarray(x, dtype=float) ** self.slope


def fit_loglog_slope(sizes, values, *, confidence: float = 0.95) -> LogLogFit:
    """Fit the slope of log ``values`` against log ``sizes`` and its confidence interval.

    Parameters
    ----------
    sizes, values : array_like, shape (n,)
        Positive, n ≥ 3 (a slope and its error need one residual degree of freedom).
    confidence : float
        In (0, 1).

    Returns
    -------
    LogLogFit

    Raises
    ------
    ValueError
        Non-positive entries, n < 3, mismatched shapes, all sizes equal.

    Examples
    --------
    >>> fit = fit_loglog_slope([1, 2, 4, 8], [1.0, 0.25, 0.0625, 0.015625])
    >>> round(fit.slope, 12), fit.contains(-2.0)
    (-2.0, True)
    """
    x = check_finite_array("sizes", sizes, ndim=1)
    y = check_finite_array("values", values, ndim=1)
    c = check_real("confidence", confidence, min_value=0.0, max_value=1.0,
                   strict_min=True, strict_max=True)
    if x.shape != y.shape:
        raise ValueError(f"sizes has shape {x.shape} but values {y.shape}; allowed: equal")
    if x.size < 3:
        raise ValueError(f"sizes has {x.size} entries; allowed: at least 3")
    if np.any(x <= 0) or np.any(y <= 0):
        raise ValueError("sizes and values must be > 0 for a log-log fit")
    if np.all(x == x[0]):
        raise ValueError("sizes are all equal; allowed: at least two distinct sizes")
    lx, ly = np.log(x), np.log(y)
    res = stats.linregress(lx, ly)
    stderr = float(res.stderr)
    if not np.isfinite(stderr):  # linregress leaves it NaN when log y is constant
        resid = ly - (res.intercept + res.slope * lx)
        stderr = float(np.sqrt(resid @ resid / (x.size - 2) / np.sum((lx - lx.mean()) ** 2)))
    half = float(stats.t.ppf(0.5 + c / 2.0, x.size - 2)) * stderr
    return LogLogFit(slope=float(res.slope), intercept=float(res.intercept),
                     stderr=stderr, ci_low=float(res.slope) - half,
                     ci_high=float(res.slope) + half, confidence=c, n_points=int(x.size))


@dataclass(frozen=True)
class BoundedRatio:
    """Evidence for x_N = O(y_N) on a finite range (C00).

    Attributes
    ----------
    ratios : ndarray
        |x_N| / |y_N| in the order of ``sizes``.
    witness_constant : float
        C = max ratio over the tail N > N′ (the second half of the sweep).
    threshold : float
        N′, the last size of the first half.
    first_half_max, last_half_max : float
        Max ratio over each half of the sweep.
    grows : bool
        last_half_max > growth_factor · first_half_max: the ratio is still rising,
        evidence *against* boundedness.
    argmax_size : float
        Size at which the overall max ratio occurs.
    """

    ratios: np.ndarray
    witness_constant: float
    threshold: float
    first_half_max: float
    last_half_max: float
    grows: bool
    argmax_size: float


def bounded_ratio(sizes, x, y, *, growth_factor: float = 1.0) -> BoundedRatio:
    """Ratio |x_N| / |y_N| over a sweep, its witness constant and whether it still grows.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Increasing sizes N, n ≥ 2.
    x, y : array_like, shape (n,)
        The sequences; y non-zero.
    growth_factor : float
        ≥ 1.  Ratio counts as growing when the second-half max exceeds this
        multiple of the first-half max; 1.0 flags any increase (a ratio that
        converges *upward* to C is then flagged too — raise the factor for those).

    Returns
    -------
    BoundedRatio

    Examples
    --------
    >>> import numpy as np
    >>> n = np.array([10.0, 100.0, 1000.0, 10000.0])
    >>> bounded_ratio(n, 3.0 / n, 1.0 / n).witness_constant
    3.0
    >>> bounded_ratio(n, np.log(n) / n, 1.0 / n).grows
    True
    """
    n = check_finite_array("sizes", sizes, ndim=1)
    xv = check_finite_array("x", x, ndim=1)
    yv = check_finite_array("y", y, ndim=1)
    g = check_real("growth_factor", growth_factor, min_value=1.0)
    if not (n.shape == xv.shape == yv.shape) or n.size < 2:
        raise ValueError(f"sizes, x, y have shapes {n.shape}, {xv.shape}, {yv.shape}; "
                         "allowed: equal, with at least 2 entries")
    if np.any(np.diff(n) <= 0):
        raise ValueError("sizes are not strictly increasing")
    if np.any(yv == 0):
        raise ValueError("y has zero entries; allowed: y_N != 0")
    ratios = np.abs(xv) / np.abs(yv)
    half = n.size // 2
    first, last = float(ratios[:half].max()), float(ratios[half:].max())
    return BoundedRatio(ratios=ratios, witness_constant=last, threshold=float(n[half - 1]),
                        first_half_max=first, last_half_max=last, grows=bool(last > g * first),
                        argmax_size=float(n[int(np.argmax(ratios))]))
