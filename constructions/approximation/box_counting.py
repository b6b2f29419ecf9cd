"""Box-counting estimates of the Minkowski dimension, and point clouds to estimate it on.

The upper Minkowski dimension of a bounded set S is
dim_M S = limsup_{δ→0} log N(S, δ) / log(1/δ), N(S, δ) the number of grid
cubes of side δ that meet S.  Nakada–Imaizumi (2020) show that ReLU networks
reach the rate W^{−β/d} for any d > dim_M Supp(µ): the intrinsic, not the
ambient, dimension decides.  Here N(δ) is counted on a sample (the number of
distinct rows of ⌊x/δ⌋) over a geometric sequence of δ, and the dimension is
the slope of log N against log(1/δ) (:func:`constructions.approximation.rates.fit_loglog_slope`).

Notes
-----
A sample of n points can show at most n boxes, so the smallest δ must keep
N(δ) well below n; and at large δ a handful of boxes gives a biased count.
The estimator is only as good as the chosen range of δ — the default range
below is a heuristic, stated, not a theorem.

References
----------
R. Nakada, M. Imaizumi, "Adaptive approximation and generalization of deep
neural network with intrinsic dimensionality", JMLR 21(174):1–38 (2020).
K. Falconer, *Fractal Geometry*, 3rd ed., Wiley 2014, §2.1 and §3.1 (box counting).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 内在次元.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.approximation.rates import LogLogFit, fit_loglog_slope
from constructions.validation import check_finite_array, check_integer

__all__ = [
    "BoxCountingEstimate",
    "box_counts",
    "circle_in_ambient_space",
    "estimate_box_dimension",
    "koch_curve",
    "uniform_square",
]


def box_counts(points, deltas, *, n_shifts: int = 1) -> np.ndarray:
    """Number of δ-grid cubes containing at least one point, for each δ (mean over grid shifts).

    Parameters
    ----------
    points : array_like, shape (n, D)
    deltas : array_like, shape (k,)
        Positive box sides.
    n_shifts : int
        Number of grid offsets averaged over (≥ 1).  Shift 1 is the grid anchored
        at the sample's lower corner; further shifts are the deterministic
        low-discrepancy offsets frac(½ + j·(φ_D^{−1}, …, φ_D^{−D})) (generalised golden ratio φ_D).

    Returns
    -------
    ndarray of float, shape (k,)
        Mean count per δ (integers when ``n_shifts == 1``).

    Notes
    -----
    A cube is the row ⌊(x − x_min)/δ + shift⌋; the rows are encoded as one
    mixed-radix int64 key when the index ranges allow it (else compared as rows),
    and counted with :func:`numpy.unique`.  Averaging over shifts removes most of
    the bias of a grid aligned with a self-similar set (the Koch curve's vertices
    lie on the 3-adic grid lines).

    Examples
    --------
    >>> box_counts([[0.1, 0.1], [0.2, 0.2], [0.9, 0.9]], [1.0, 0.5]).tolist()
    [1.0, 2.0]
    """
    x = _check_points(points)
    d = check_finite_array("deltas", deltas, ndim=1)
    if d.size == 0 or np.any(d <= 0):
        raise ValueError("deltas must be non-empty and > 0")
    k = check_integer("n_shifts", n_shifts, min_value=1)
    offsets = _grid_offsets(k, x.shape[1])
    z = x - x.min(axis=0)
    return np.array([np.mean([_count_cells(np.floor(z / delta + off).astype(np.int64))
                              for off in offsets]) for delta in d])


def _count_cells(idx: np.ndarray) -> int:
    idx = idx - idx.min(axis=0)
    radix = idx.max(axis=0) + 1
    if np.sum(np.log2(radix.astype(float))) < 62:
        key = idx[:, 0]
        for j in range(1, idx.shape[1]):
            key = key * radix[j] + idx[:, j]
        return int(np.unique(key).size)
    return int(np.unique(idx, axis=0).shape[0])


def _grid_offsets(n: int, dim: int) -> np.ndarray:
    phi = 2.0
    for _ in range(60):  # fixed point of φ = (1 + φ)^{1/(D+1)}
        phi = (1.0 + phi) ** (1.0 / (dim + 1))
    alpha = phi ** -np.arange(1, dim + 1)
    offsets = np.mod(0.5 + np.outer(np.arange(n), alpha), 1.0)
    offsets[0] = 0.0
    return offsets


@dataclass(frozen=True)
class BoxCountingEstimate:
    """A box-counting dimension estimate with the data behind it.

    Attributes
    ----------
    dimension : float
        Fitted slope of log N(δ) against log(1/δ).
    fit : LogLogFit
        The fit of N against 1/δ (slope = dimension, with its CI).
    deltas, counts : ndarray
        The scales used and the (shift-averaged) box counts there.
    """

    dimension: float
    fit: LogLogFit
    deltas: np.ndarray
    counts: np.ndarray

    @property
    def stderr(self) -> float:
        return self.fit.stderr


def estimate_box_dimension(points, *, deltas=None, n_scales: int = 8, n_shifts: int = 8,
                           confidence: float = 0.95) -> BoxCountingEstimate:
    """Box-counting (Minkowski) dimension of a sampled set.

    Parameters
    ----------
    points : array_like, shape (n, D)
    deltas : array_like, optional
        Box sides (≥ 3 distinct).  Default: ``n_scales`` geometric values from
        diam/4 down to the side at which a D₀-dimensional set would need about
        n/16 boxes, with D₀ = 2 — a heuristic range, see Notes.
    n_scales : int
        Number of default scales (≥ 3).
    n_shifts : int
        Grid offsets averaged over at each scale (see :func:`box_counts`).
    confidence : float
        Confidence of the slope interval.

    Returns
    -------
    BoxCountingEstimate

    Notes
    -----
    Default smallest δ: diam · (16/n)^{1/2}.  For a set of dimension ≤ 2 sampled
    with n points this keeps N(δ) ≲ n/16, so nearly every occupied box holds
    several points.  Pass ``deltas`` explicitly for anything else.

    Examples
    --------
    >>> import numpy as np
    >>> est = estimate_box_dimension(koch_curve(level=8), deltas=3.0 ** -np.arange(2, 7))
    >>> round(est.dimension, 2)
    1.25
    """
    x = _check_points(points)
    if deltas is None:
        k = check_integer("n_scales", n_scales, min_value=3)
        diam = float(np.max(x.max(axis=0) - x.min(axis=0)))
        if diam == 0.0:
            raise ValueError("points are all equal; allowed: a set with positive diameter")
        d = np.geomspace(diam / 4.0, diam * np.sqrt(16.0 / x.shape[0]), k)
    else:
        d = check_finite_array("deltas", deltas, ndim=1)
        if d.size < 3:
            raise ValueError(f"deltas has {d.size} entries; allowed: at least 3 (a slope fit)")
    counts = box_counts(x, d, n_shifts=n_shifts)
    fit = fit_loglog_slope(1.0 / d, counts, confidence=confidence)
    return BoxCountingEstimate(dimension=fit.slope, fit=fit, deltas=d, counts=counts)


def koch_curve(*, level: int) -> np.ndarray:
    """Vertices of the level-``level`` Koch curve from (0, 0) to (1, 0), exact iteration.

    Parameters
    ----------
    level : int
        0 ≤ level ≤ 12; the curve has 4^level segments of length 3^{−level}.

    Returns
    -------
    ndarray, shape (4^level + 1, 2)

    Notes
    -----
    Each segment p → q becomes p, p + v, p + v + R(60°)v, p + 2v with v = (q − p)/3.
    Vectorised over all segments of a level.  dim_M = log 4 / log 3 ≈ 1.2619.

    Examples
    --------
    >>> koch_curve(level=1).round(6).tolist()
    [[0.0, 0.0], [0.333333, 0.0], [0.5, 0.288675], [0.666667, 0.0], [1.0, 0.0]]
    """
    lv = check_integer("level", level, min_value=0, max_value=12)
    pts = np.array([[0.0, 0.0], [1.0, 0.0]])
    c, s = 0.5, np.sqrt(3.0) / 2.0
    rot = np.array([[c, -s], [s, c]])
    for _ in range(lv):
        p, q = pts[:-1], pts[1:]
        v = (q - p) / 3.0
        new = np.stack([p, p + v, p + v + v @ rot.T, p + 2.0 * v], axis=1).reshape(-1, 2)
        pts = np.vstack([new, pts[-1:]])
    return pts


def circle_in_ambient_space(n: int, *, ambient_dim: int, rng: np.random.Generator) -> np.ndarray:
    """n uniform points on a unit circle in a random 2-plane of R^D.

    Parameters
    ----------
    n : int
        Number of points (≥ 1).
    ambient_dim : int
        D ≥ 2.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (n, D)

    Examples
    --------
    >>> import numpy as np
    >>> x = circle_in_ambient_space(5, ambient_dim=4, rng=np.random.default_rng(0))
    >>> x.shape, bool(np.allclose(np.linalg.norm(x, axis=1), 1.0, rtol=0.0, atol=1e-12))
    ((5, 4), True)
    """
    k = check_integer("n", n, min_value=1)
    dim = check_integer("ambient_dim", ambient_dim, min_value=2)
    _check_rng(rng)
    frame, _ = np.linalg.qr(rng.standard_normal((dim, 2)))
    theta = rng.uniform(0.0, 2.0 * np.pi, size=k)
    return np.column_stack([np.cos(theta), np.sin(theta)]) @ frame.T


def uniform_square(n: int, *, rng: np.random.Generator) -> np.ndarray:
    """n points uniform on [0, 1]² (the negative control: dimension 2, not 1).

    Examples
    --------
    >>> import numpy as np
    >>> uniform_square(3, rng=np.random.default_rng(0)).shape
    (3, 2)
    """
    k = check_integer("n", n, min_value=1)
    _check_rng(rng)
    return rng.uniform(0.0, 1.0, size=(k, 2))


def _check_points(points) -> np.ndarray:
    x = check_finite_array("points", points, ndim=2)
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"points has shape {x.shape}; allowed: (n, D) with n, D >= 1")
    return x


def _check_rng(rng) -> None:
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} is not a numpy.random.Generator")

