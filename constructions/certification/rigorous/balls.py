"""Ball arithmetic with proven error bounds (python-flint's ``arb``), rounded out to float64 arrays.

Arb (F. Johansson) represents a real number as a ball [m ± r] and guarantees that the ball of
every operation, including exp, log, sin, atan, …, contains the exact result of the operation on
every point of the input balls.  :func:`ball_map` evaluates one function on every float of an
array this way and returns float64 arrays ``lo ≤ f(x) ≤ hi``; the rounding of the ball to
float64 is outward (the midpoint's own rounding error is folded into the radius, then
:func:`.intervals.round_down` / :func:`.intervals.round_up` cover the final subtraction).
Nothing here trusts the platform's libm: this is what makes the re-check of a certificate
(:mod:`.rigorous`) rigorous where the vectorised search pass (:mod:`.elementary`) assumes
numpy's elementary functions to be accurate to a few ulps.

``python-flint`` is imported lazily; :func:`available` says whether it is installed.

References
----------
F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic",
IEEE Trans. Computers 66 (2017) 1281–1292.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

import numpy as np

from constructions.certification.intervals import round_down, round_up

__all__ = ["ARB_PRECISION", "available", "ball_map", "ball_range", "flint", "precision"]

#: working precision (bits) of the elementwise ball evaluations: radii ≈ 2^-64 relative, far
#: below the float64 ulp the results are rounded to.
ARB_PRECISION = 64
_HALF_ULP = 2.0**-53


def flint():
    """The ``flint`` module (python-flint), or ImportError naming the missing dependency."""
    try:
        import flint as _flint
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the rigorous re-check needs python-flint "
                          "(pip install python-flint)") from exc
    return _flint


def available() -> bool:
    """Whether python-flint is importable."""
    try:
        flint()
    except ImportError:
        return False
    return True


@contextmanager
def precision(bits: int):
    """Set arb's working precision for the block (restored afterwards)."""
    ctx = flint().ctx
    old = ctx.prec
    ctx.prec = bits
    try:
        yield
    finally:
        ctx.prec = old


def _logistic(x):
    return 1 / (1 + (-x).exp())


def _logistic_slope(x):
    e = (-abs(x)).exp()
    d = 1 + e
    return e / (d * d)


_FUNCTIONS: dict[str, Callable] = {
    "exp": lambda x: x.exp(),
    "log": lambda x: x.log(),
    "sin": lambda x: x.sin(),
    "cos": lambda x: x.cos(),
    "tanh": lambda x: x.tanh(),
    "sinh": lambda x: x.sinh(),
    "cosh": lambda x: x.cosh(),
    "atan": lambda x: x.atan(),
    "acos": lambda x: x.acos(),
    "logistic": _logistic,
    "logistic_slope": _logistic_slope,
}


def _function(name, exponent):
    arb = flint().arb
    if name == "pow":
        if isinstance(exponent, (int, np.integer)):
            n = int(exponent)
            return lambda z: z**n
        q = arb(float(exponent))
        return lambda z: z**q
    return _FUNCTIONS[name] if isinstance(name, str) else name


def _round_out(balls):
    """Float64 arrays lo ≤ ball ≤ hi for a list of arb balls (outward; NaN → whole line)."""
    mid = np.array([float(b.mid()) for b in balls])
    rad = np.array([float(b.rad()) for b in balls])
    with np.errstate(invalid="ignore", over="ignore"):
        # |float(m) − m| ≤ |float(m)| 2^-53: folded into the radius, rounded up
        r = round_up(rad + np.abs(mid) * _HALF_ULP)
        a, b = round_down(mid - r), round_up(mid + r)
    bad = np.isnan(a) | np.isnan(b)
    return np.where(bad, -np.inf, a), np.where(bad, np.inf, b)


def ball_map(name: str | Callable, x, *, exponent=None):
    """Outward float64 enclosure ``(lo, hi)`` of f(x) for every float of the array ``x``.

    Parameters
    ----------
    name : str or callable
        One of ``exp, log, sin, cos, tanh, sinh, cosh, atan, acos, logistic, logistic_slope``,
        ``"pow"`` (then ``exponent`` is an int or a float, exact), or a callable arb → arb.
    x : array_like of float
        Non-finite entries get the whole line ``(-inf, inf)`` (callers clamp to the range).

    Returns
    -------
    (lo, hi) : float64 arrays of the shape of ``x``
        Entries where arb returns an indeterminate ball (e.g. log 0) are ``(-inf, inf)``.
    """
    fn = _function(name, exponent)
    arb = flint().arb
    x = np.asarray(x, dtype=float)
    flat = x.ravel()
    lo = np.full(flat.shape, -np.inf)
    hi = np.full(flat.shape, np.inf)
    idx = np.flatnonzero(np.isfinite(flat))
    if idx.size:
        with precision(ARB_PRECISION):
            lo[idx], hi[idx] = _round_out([fn(arb(v)) for v in flat[idx].tolist()])
    return lo.reshape(x.shape), hi.reshape(x.shape)


#: intervals narrower than this relative width are evaluated as one ball (a point-like
#: pre-activation): arb's enclosure of f over the ball then costs one evaluation instead of two.
_NARROW = 2.0**-30


def ball_range(name: str | Callable, lo, hi, *, kind: str = "increasing", exponent=None):
    """Outward float64 enclosure of f([lo_i, hi_i]) for every interval of the arrays.

    Narrow intervals are evaluated once, on the arb ball ``arb(lo).union(arb(hi))`` (an enclosure
    of the range for any f); wide ones at their two ends, combined by ``kind``: ``"increasing"``,
    ``"decreasing"`` or ``"hull"`` (the hull of the two end values — callers add interior
    extrema themselves).
    """
    fn = _function(name, exponent)
    arb = flint().arb
    lo, hi = np.broadcast_arrays(np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))
    shape = lo.shape
    lo, hi = lo.ravel(), hi.ravel()
    out_lo = np.full(lo.shape, -np.inf)
    out_hi = np.full(lo.shape, np.inf)
    finite = np.isfinite(lo) & np.isfinite(hi)
    with np.errstate(invalid="ignore", over="ignore"):
        narrow = finite & (hi - lo <= _NARROW * np.maximum(np.abs(lo), np.abs(hi)))
    idx = np.flatnonzero(narrow)
    if idx.size:
        with precision(ARB_PRECISION):
            # arb(lo).union(arb(hi)): the exact hull, its midpoint held to 64 bits (a float midpoint
            # would be off by half an ulp, a large share of a few-ulp-wide interval)
            out_lo[idx], out_hi[idx] = _round_out(
                [fn(arb(a).union(arb(b))) for a, b in zip(lo[idx].tolist(), hi[idx].tolist(),
                                                          strict=True)])
    wide = np.flatnonzero(~narrow)
    if wide.size:
        alo, ahi = ball_map(name, lo[wide], exponent=exponent)
        blo, bhi = ball_map(name, hi[wide], exponent=exponent)
        if kind == "increasing":
            out_lo[wide], out_hi[wide] = alo, bhi
        elif kind == "decreasing":
            out_lo[wide], out_hi[wide] = blo, ahi
        else:
            out_lo[wide], out_hi[wide] = np.minimum(alo, blo), np.maximum(ahi, bhi)
    return out_lo.reshape(shape), out_hi.reshape(shape)
