"""Least-squares estimators: the minimum-norm interpolator and ridge regression.

β̂ = X⁺y is the ordinary least-squares fit when p ≤ n (full column rank) and the
minimum-ℓ₂-norm interpolator when p > n (full row rank); ridge is
β̂_λ = Xᵀ(XXᵀ + λI_n)⁻¹y = (XᵀX + λI_p)⁻¹Xᵀy, and λ → 0⁺ gives X⁺y.

Each call picks the fastest route that is accurate for the given matrix and
says which one it took:

* ``"gram_cholesky"`` (p ≥ n): Cholesky of G = XXᵀ + λI_n, β̂ = XᵀG⁻¹y.  Cheapest
  for wide X, but the relative error is about cond(G)·eps = cond(X)²·eps at λ = 0,
  so it is used only when LAPACK's condition estimate of G is at most
  :data:`MAX_GRAM_CONDITION`.
* ``"normal_cholesky"`` (p < n, λ > 0): Cholesky of XᵀX + λI_p, same rule.
* ``"qr"`` (p < n, λ = 0): Householder QR, β̂ = R⁻¹Qᵀy (Q applied, never formed);
  backward stable, used when
  the estimate of cond(R) = cond(X) is at most :data:`MAX_TRIANGULAR_CONDITION`.
* ``"svd"``: the fallback for ill-conditioned or rank-deficient X (LAPACK gelsd at
  λ = 0, an explicit thin SVD with filter factors s/(s² + λ) at λ > 0).

Measured on this machine (CLAIMS.md, Numerical notes): the Gram route is
10–15× faster than gelsd on well-conditioned designs but loses about six digits
at cond(X) = 10⁶; hence the condition check and the fallback.

References
----------
Hastie, Montanari, Rosset, Tibshirani, Ann. Statist. 50 (2022) — min-norm LS;
Tsigler & Bartlett, JMLR 24 (2023) — ridge θ̂ = Xᵀ(XXᵀ + λI)⁻¹y.
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 過剰パラメータ線形モデル.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy.linalg import lapack

from constructions.validation import check_finite_array, check_real

__all__ = [
    "MAX_GRAM_CONDITION",
    "MAX_TRIANGULAR_CONDITION",
    "ROUTES",
    "LinearFit",
    "min_norm_interpolator",
    "ridge",
]

#: Largest LAPACK 1-norm condition estimate of the Gram (or normal) matrix for which
#: the Cholesky routes are used: their relative error is then ≲ 1e8·eps ≈ 2e-8.
MAX_GRAM_CONDITION = 1e8
#: Largest condition estimate of R in the QR route; beyond it the numerical rank is
#: in doubt and the SVD (which decides rank with a singular-value cutoff) takes over.
MAX_TRIANGULAR_CONDITION = 1e10
ROUTES = ("gram_cholesky", "normal_cholesky", "qr", "svd")


@dataclass(frozen=True, eq=False)
class LinearFit:
    """Coefficients of a least-squares fit and how they were computed.

    Attributes
    ----------
    coef : ndarray, shape (p,) or (p, k)
        β̂ (one column per right-hand side when y had k columns).
    route : str
        One of :data:`ROUTES`.
    condition_estimate : float
        Condition number of the matrix the route inverted: LAPACK's 1-norm estimate
        for G = XXᵀ + λI, XᵀX + λI or R; for the SVD route the exact 2-norm value
        s_max/s_min of X (λ = 0) or (s_max² + λ)/(s_min² + λ) (λ > 0).  ``inf`` for a
        rank-deficient X.
    lam : float
        Ridge parameter λ (0 for the min-norm/OLS fit).
    """

    coef: np.ndarray
    route: str
    condition_estimate: float
    lam: float

    def predict(self, X) -> np.ndarray:
        """Return Xβ̂ for a design ``X`` of shape (m, p)."""
        X = check_finite_array("X", X, ndim=2)
        if X.shape[1] != self.coef.shape[0]:
            raise ValueError(f"X has {X.shape[1]} columns but coef has {self.coef.shape[0]} rows; "
                             "allowed: equal")
        return X @ self.coef


def _validated(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = check_finite_array("X", X, ndim=2)
    y = check_finite_array("y", y, ndim=(1, 2))
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X has shape {X.shape}; allowed: at least one row and one column")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y has {y.shape[0]} rows but X has {X.shape[0]}; allowed: equal")
    return X, y


def _cholesky_solve(G: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Solve G c = rhs by Cholesky; None if G is not numerically positive definite
    or its condition estimate exceeds MAX_GRAM_CONDITION."""
    anorm = float(np.abs(G).sum(axis=0).max())
    try:
        factor = scipy.linalg.cho_factor(G, lower=False, overwrite_a=True, check_finite=False)
    except np.linalg.LinAlgError:
        return None
    rcond, info = lapack.dpocon(factor[0], anorm, uplo="U")
    cond = np.inf if rcond == 0.0 or info != 0 else 1.0 / rcond
    if cond > MAX_GRAM_CONDITION:
        return None
    return scipy.linalg.cho_solve(factor, rhs, check_finite=False), cond


def _svd_fit(X: np.ndarray, y: np.ndarray, lam: float) -> LinearFit:
    if lam == 0.0:
        coef, _, rank, s = scipy.linalg.lstsq(X, y, lapack_driver="gelsd", check_finite=False)
        full = rank == min(X.shape) and s[-1] > 0
        cond = float(s[0] / s[-1]) if full else np.inf
        return LinearFit(coef=coef, route="svd", condition_estimate=cond, lam=lam)
    U, s, Vt = scipy.linalg.svd(X, full_matrices=False, check_finite=False)
    filt = s / (s * s + lam)
    coef = Vt.T @ (filt[:, None] * (U.T @ y)) if y.ndim == 2 else Vt.T @ (filt * (U.T @ y))
    cond = float((s[0] ** 2 + lam) / (s[-1] ** 2 + lam))
    return LinearFit(coef=coef, route="svd", condition_estimate=cond, lam=lam)


def _fit(X: np.ndarray, y: np.ndarray, lam: float) -> LinearFit:
    n, p = X.shape
    if p >= n:
        G = X @ X.T
        if lam:
            G[np.diag_indices(n)] += lam
        solved = _cholesky_solve(G, y)
        if solved is not None:
            c, cond = solved
            return LinearFit(coef=X.T @ c, route="gram_cholesky", condition_estimate=cond, lam=lam)
    elif lam > 0.0:
        G = X.T @ X
        G[np.diag_indices(p)] += lam
        solved = _cholesky_solve(G, X.T @ y)
        if solved is not None:
            coef, cond = solved
            return LinearFit(coef=coef, route="normal_cholesky", condition_estimate=cond, lam=lam)
    else:
        # Qᵀy by applying the Householder reflectors (Q is never formed): (yᵀQ)ᵀ
        qty, R = scipy.linalg.qr_multiply(X, y.T, mode="right")
        rcond, info = lapack.dtrcon(R, norm="1", uplo="U", diag="N")
        cond = np.inf if rcond == 0.0 or info != 0 else 1.0 / rcond
        if cond <= MAX_TRIANGULAR_CONDITION:
            coef = scipy.linalg.solve_triangular(R, qty.T, check_finite=False)
            return LinearFit(coef=coef, route="qr", condition_estimate=cond, lam=lam)
    return _svd_fit(X, y, lam)


def min_norm_interpolator(X, y) -> LinearFit:
    """Return β̂ = X⁺y: OLS for p ≤ n, the minimum-ℓ₂-norm interpolator for p > n.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix (finite).
    y : array_like, shape (n,) or (n, k)
        Responses; k columns are fitted at once with one factorisation (e.g. k noise
        draws for one design, or y = I_n to obtain X⁺ itself).

    Returns
    -------
    LinearFit
        ``coef`` = X⁺y, the ``route`` taken and its ``condition_estimate``.

    Raises
    ------
    ValueError
        If X is not a finite 2-D array with at least one row and column, or y does not
        have n finite rows.

    Notes
    -----
    For p ≥ n and rank n, X⁺ = Xᵀ(XXᵀ)⁻¹ and Xβ̂ = y (interpolation); for p ≤ n and
    rank p, X⁺ = (XᵀX)⁻¹Xᵀ.  The route is chosen as described in the module
    docstring; a rank-deficient X always ends on the SVD route, where X⁺ is defined
    with LAPACK gelsd's default singular-value cutoff (eps·s_max).

    References
    ----------
    Hastie, Montanari, Rosset & Tibshirani, "Surprises in high-dimensional ridgeless
    least squares interpolation", Ann. Statist. 50 (2022); lecture, 過剰パラメータ.

    Examples
    --------
    >>> import numpy as np
    >>> fit = min_norm_interpolator(np.array([[2.0, 0.0]]), np.array([4.0]))
    >>> fit.coef.tolist(), fit.route
    ([2.0, 0.0], 'gram_cholesky')
    """
    X, y = _validated(X, y)
    return _fit(X, y, 0.0)


def ridge(X, y, *, lam) -> LinearFit:
    """Return the ridge estimator β̂_λ = Xᵀ(XXᵀ + λI_n)⁻¹y, λ ≥ 0.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,) or (n, k)
    lam : float
        λ ≥ 0; λ = 0 returns :func:`min_norm_interpolator` (X⁺y).

    Returns
    -------
    LinearFit

    Raises
    ------
    ValueError
        On bad X or y (as :func:`min_norm_interpolator`) or λ < 0 / not finite.

    Notes
    -----
    Xᵀ(XXᵀ + λI_n)⁻¹ = (XᵀX + λI_p)⁻¹Xᵀ (push-through identity): the n×n system is
    solved when p ≥ n, the p×p one when p < n.  Negative λ (which Tsigler–Bartlett
    §8 show can be optimal) is not supported here: the system may be indefinite.

    References
    ----------
    Tsigler & Bartlett, "Benign overfitting in ridge regression", JMLR 24 (2023).

    Examples
    --------
    >>> import numpy as np
    >>> ridge(np.array([[2.0, 0.0]]), np.array([32.0]), lam=12.0).coef.tolist()
    [4.0, 0.0]
    """
    X, y = _validated(X, y)
    lam = check_real("lam", lam, min_value=0.0)
    return _fit(X, y, lam)
