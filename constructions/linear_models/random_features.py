"""Random ReLU features and the double-descent curve (C25, C26).

The "restricted two-layer network" of the lecture: inputs z ∈ R^d, a random first layer
W (N × d, rows iid N(0, I_d/d), never trained), features φ(z) = ReLU(Wz) ∈ R^N, and a
linear second layer fitted by min-norm least squares (or ridge, λ ≥ 0) on n samples.
Target: y = ⟨β, z⟩ + ε with ‖β‖ = 1, z ~ N(0, I_d), ε ~ N(0, σ²) — a task the features
can represent only approximately, as in HMRT's nonlinear model x = φ(Wz).

As N grows through n the test error rises to a peak at the interpolation threshold
N ≈ n (the feature matrix is square and ill-conditioned) and falls again for N > n
(Belkin et al. 2019); ridge with λ > 0 removes the singularity.  Only this shape is
claimed; HMRT's/Mei–Montanari's exact nonlinear formulas are not reproduced.

References
----------
Belkin, Hsu, Ma & Mandal, PNAS 116 (2019); Hastie, Montanari, Rosset & Tibshirani,
Ann. Statist. 50 (2022) §§1, 8 (random-features model); Mei & Montanari, CPAM 75 (2022).
Lecture, 二重降下.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.linear_models.estimators import ridge
from constructions.sweeps import run_sweep
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "DoubleDescentCurve",
    "double_descent_curve",
    "random_feature_weights",
    "relu_random_features",
]


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    return rng


def random_feature_weights(n_features, d, *, rng) -> np.ndarray:
    """Return W of shape (N, d) with iid N(0, 1/d) entries (so ‖w_j‖² ≈ 1).

    Examples
    --------
    >>> random_feature_weights(3, 2, rng=np.random.default_rng(0)).shape
    (3, 2)
    """
    N = check_integer("n_features", n_features, min_value=1)
    d = check_integer("d", d, min_value=1)
    return _check_rng(rng).standard_normal((N, d)) / np.sqrt(d)


def relu_random_features(Z, W) -> np.ndarray:
    """Return Φ = ReLU(ZWᵀ), shape (n, N): row i is φ(z_i) = ReLU(Wz_i).

    Examples
    --------
    >>> relu_random_features(np.array([[1.0, -1.0]]), np.array([[1.0, 0.0], [0.0, 1.0]])).tolist()
    [[1.0, 0.0]]
    """
    Z = check_finite_array("Z", Z, ndim=2)
    W = check_finite_array("W", W, ndim=2)
    if Z.shape[1] != W.shape[1]:
        raise ValueError(f"Z has {Z.shape[1]} columns but W has {W.shape[1]}; allowed: equal")
    return np.maximum(Z @ W.T, 0.0)


@dataclass(frozen=True, eq=False)
class DoubleDescentCurve:
    """Test error of random-feature fits against the number of features N.

    Attributes
    ----------
    n_features : ndarray (m,)
        The N values.
    test_error : ndarray (m,)
        Mean over draws of the test MSE against the noiseless target E[(f̂(z) − ⟨β, z⟩)²]
        (estimated on ``n_test`` fresh points).
    standard_error : ndarray (m,)
        Standard error of that mean across the independent draws.
    n_train : int
    lam : float
    """

    n_features: np.ndarray
    test_error: np.ndarray
    standard_error: np.ndarray
    n_train: int
    lam: float

    @property
    def peak_n_features(self) -> int:
        """The N with the largest mean test error."""
        return int(self.n_features[np.argmax(self.test_error)])


def _draw_problem(rng, *, n_train, d, n_max, n_test, noise_sd, n_noise):
    """One draw of (β, W, Z, Z_test, Y) from ``rng``, in the order the serial loop drew them."""
    beta = rng.standard_normal(d)
    beta /= np.linalg.norm(beta)
    W = random_feature_weights(n_max, d, rng=rng)
    Z, Z_test = rng.standard_normal((n_train, d)), rng.standard_normal((n_test, d))
    Y = (Z @ beta)[:, None] + noise_sd * rng.standard_normal((n_train, n_noise))
    return beta, W, Z, Z_test, Y


def _draw_test_errors(*, state, n_features, lam, **shape) -> np.ndarray:
    """Test MSE at every N for the draw that starts at bit-generator ``state`` (one sweep point).

    The N values share one draw (nested features: the first N rows of one W), so a draw, not an
    (N, draw) pair, is the unit of work; the generator is rebuilt from its state so the point is
    small and the draw is the one the serial loop made."""
    bit_generator = getattr(np.random, state["bit_generator"])()
    bit_generator.state = state
    beta, W, Z, Z_test, Y = _draw_problem(np.random.Generator(bit_generator), **shape)
    F, F_test = relu_random_features(Z, W), relu_random_features(Z_test, W)
    f_test = Z_test @ beta
    errors = np.empty(len(n_features))
    for j, N in enumerate(n_features):
        coef = ridge(F[:, :N], Y, lam=lam).coef
        errors[j] = np.mean((F_test[:, :N] @ coef - f_test[:, None]) ** 2)
    return errors


def double_descent_curve(n_features, *, n_train, d, rng, lam=0.0, noise_sd=0.5,
                         n_test=1000, n_draws=10, n_noise=1, executor=None) -> DoubleDescentCurve:
    """Sweep the number of random ReLU features N for a fixed training-set size n.

    Parameters
    ----------
    n_features : array_like of int
        The N values (each ≥ 1).
    n_train : int
        n.
    d : int
        Input dimension.
    rng : numpy.random.Generator
    lam : float
        Ridge λ ≥ 0 (0: min-norm least squares).
    noise_sd : float
        σ ≥ 0 of the label noise.
    n_test : int
        Fresh test points per draw.
    n_draws : int
        Independent draws of (β, W, training and test inputs).
    n_noise : int
        Label-noise draws per design, fitted together as one multi-column right-hand side
        (one factorisation per (draw, N)).
    executor : None, concurrent.futures.Executor, or dask.distributed.Client
        Where the draws are fitted (see :func:`constructions.sweeps.run_sweep`); None: in this
        process.  The curve is bit-identical whichever executor runs it.

    Returns
    -------
    DoubleDescentCurve

    Notes
    -----
    Within a draw the features are nested (the first N rows of one W of size max N), so the
    curve is a common-random-numbers comparison across N.  Each draw contributes the mean over
    its ``n_noise`` fits, so the standard error is across independent draws.  The draws are the
    points of a sweep (:mod:`constructions.sweeps`): each point carries the state of ``rng`` at the
    start of its draw, so the draws are exactly those of one sequential pass over ``rng``, and
    ``rng`` is left where that pass leaves it.

    Examples
    --------
    >>> c = double_descent_curve([5, 40], n_train=20, d=3, rng=np.random.default_rng(0), n_draws=2)
    >>> c.test_error.shape
    (2,)
    """
    Ns = check_finite_array("n_features", n_features, ndim=1)
    if np.any(Ns != np.round(Ns)):
        raise ValueError(f"n_features={Ns.tolist()} has non-integers; allowed: integers >= 1")
    Ns = Ns.astype(np.int64)
    if Ns.size == 0 or np.any(Ns < 1):
        raise ValueError(f"n_features={Ns.tolist()}; allowed: non-empty, all >= 1")
    n = check_integer("n_train", n_train, min_value=1)
    d = check_integer("d", d, min_value=1)
    rng = _check_rng(rng)
    lam = check_real("lam", lam, min_value=0.0)
    noise_sd = check_real("noise_sd", noise_sd, min_value=0.0)
    n_test = check_integer("n_test", n_test, min_value=1)
    n_draws = check_integer("n_draws", n_draws, min_value=2)
    n_noise = check_integer("n_noise", n_noise, min_value=1)
    shape = {"n_train": n, "d": d, "n_max": int(Ns.max()), "n_test": n_test, "noise_sd": noise_sd,
             "n_noise": n_noise}
    points = []
    for _ in range(n_draws):  # record where each draw starts in rng's stream, then step over it
        points.append({"state": rng.bit_generator.state, "n_features": Ns, "lam": lam, **shape})
        _draw_problem(rng, **shape)
    errors = np.stack(run_sweep(_draw_test_errors, points, executor=executor).values)
    return DoubleDescentCurve(
        n_features=Ns, test_error=errors.mean(axis=0),
        standard_error=errors.std(axis=0, ddof=1) / np.sqrt(n_draws), n_train=n, lam=lam)
