"""The lecture's benign-overfitting picture: cosine features on [0, π].

Data (Tsigler–Bartlett 2023, Fig. 1; the lecture's 「データ数 60, パラメタ数 2000」):
x_i ~ U[0, π], y_i = cos(3x_i) + N(0, 0.4²), n = 60.  Features w_m cos(mx) for
m = 1, …, P with weights w_m = 1 ("none"), m^{−1/2} ("inv_sqrt", i.e. feature
covariance eigenvalues λ_m ∝ 1/m) or m^{−1} ("inv").  The fit is OLS when P < n and
the minimum-norm interpolator when P ≥ n (both are X⁺y,
:func:`constructions.linear_models.estimators.min_norm_interpolator`).

The constant feature (m = 0) is **not** included: f* = cos 3x has no constant part,
and the catalogue's reproduction (CLAIMS.md C31, 50 draws) pins m = 1..P — its P = 3
mean MSE 0.0078 is ≈ 3σ²/n = 0.008 (three features), not 4σ²/n.

Test error is (1/π)∫₀^π (f̂ − f*)² dx, computed exactly by Parseval (the catalogue's
numbers used a fine grid; same to ~1e-3).

References
----------
Tsigler & Bartlett, "Benign overfitting in ridge regression", JMLR 24 (2023) Fig. 1;
lecture, 良性過適合 (図).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.linear_models.estimators import min_norm_interpolator
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "WEIGHTINGS",
    "CosineFit",
    "cosine_features",
    "cosine_regression_data",
    "fit_cosine_features",
    "true_function",
]

WEIGHTINGS = ("none", "inv_sqrt", "inv")


def true_function(x) -> np.ndarray:
    """Return f*(x) = cos(3x).

    Examples
    --------
    >>> true_function([0.0]).tolist()
    [1.0]
    """
    return np.cos(3.0 * check_finite_array("x", x))


def _weights(n_features: int, weighting: str) -> np.ndarray:
    m = np.arange(1, n_features + 1, dtype=float)
    return {"none": np.ones_like(m), "inv_sqrt": m**-0.5, "inv": 1.0 / m}[weighting]


def cosine_features(x, *, n_features, weighting="none") -> np.ndarray:
    """Return the (len(x), P) matrix with entries w_m cos(m x_i), m = 1..P.

    Parameters
    ----------
    x : array_like, shape (n,)
    n_features : int
        P ≥ 1.
    weighting : {"none", "inv_sqrt", "inv"}
        w_m = 1, m^{−1/2} or m^{−1}.

    Returns
    -------
    ndarray, shape (n, P)

    Raises
    ------
    ValueError
        On non-finite x, P < 1 or an unknown weighting.

    Examples
    --------
    >>> cosine_features([0.0], n_features=3, weighting="inv").tolist()
    [[1.0, 0.5, 0.3333333333333333]]
    """
    x = check_finite_array("x", x, ndim=1)
    P = check_integer("n_features", n_features, min_value=1)
    check_one_of("weighting", weighting, WEIGHTINGS)
    return np.cos(np.outer(x, np.arange(1, P + 1))) * _weights(P, weighting)


def cosine_regression_data(*, rng, n=60, noise_sd=0.4) -> tuple[np.ndarray, np.ndarray]:
    """Draw (x, y): x_i ~ U[0, π], y_i = cos(3x_i) + N(0, noise_sd²).

    Examples
    --------
    >>> x, y = cosine_regression_data(rng=np.random.default_rng(0), n=5, noise_sd=0.0)
    >>> bool(np.all(y == np.cos(3 * x)))
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    n = check_integer("n", n, min_value=1)
    noise_sd = check_real("noise_sd", noise_sd, min_value=0.0)
    x = rng.uniform(0.0, np.pi, size=n)
    return x, np.cos(3.0 * x) + noise_sd * rng.standard_normal(n)


@dataclass(frozen=True, eq=False)
class CosineFit:
    """A fitted cosine-feature model f̂(x) = Σ_m β̂_m w_m cos(mx).

    Attributes
    ----------
    coef : ndarray (P,)
        β̂ in the weighted-feature coordinates.
    weighting : str
    route : str
        Estimator route (see :mod:`constructions.linear_models.estimators`).
    """

    coef: np.ndarray
    weighting: str
    route: str

    @property
    def n_features(self) -> int:
        return self.coef.size

    @property
    def cosine_coefficients(self) -> np.ndarray:
        """a_m = β̂_m w_m: f̂(x) = Σ_m a_m cos(mx)."""
        return self.coef * _weights(self.coef.size, self.weighting)

    def __call__(self, x) -> np.ndarray:
        x = check_finite_array("x", x, ndim=1)
        return np.cos(np.outer(x, np.arange(1, self.n_features + 1))) @ self.cosine_coefficients

    def band(self, *, low=1, high=None) -> CosineFit:
        """Return the part Σ_{low ≤ m ≤ high} a_m cos(mx) of f̂ (the other coefficients set to 0).

        Parameters
        ----------
        low, high : int
            1 ≤ low; high ≥ low − 1 (None: P).  ``band(high=k)`` and ``band(low=k + 1)`` split f̂
            into a low- and a high-frequency part whose sum is f̂.

        Examples
        --------
        >>> fit = CosineFit(coef=np.array([1.0, 2.0, 3.0]), weighting="none", route="qr")
        >>> fit.band(high=1).coef.tolist(), fit.band(low=2).coef.tolist()
        ([1.0, 0.0, 0.0], [0.0, 2.0, 3.0])
        """
        P = self.n_features
        low = check_integer("low", low, min_value=1)
        high = P if high is None else check_integer("high", high, min_value=low - 1)
        keep = np.zeros(P, dtype=bool)
        keep[low - 1:high] = True
        return CosineFit(coef=np.where(keep, self.coef, 0.0), weighting=self.weighting, route=self.route)

    def mean_square(self) -> float:
        """Return (1/π)∫₀^π f̂(x)² dx = ½ Σ_m a_m², exactly (Parseval).

        Examples
        --------
        >>> CosineFit(coef=np.array([0.0, 2.0]), weighting="none", route="qr").mean_square()
        2.0
        """
        a = self.cosine_coefficients
        return 0.5 * float(a @ a)

    def mse_against_truth(self) -> float:
        """Return (1/π)∫₀^π (f̂ − f*)² dx = ½ Σ_m (a_m − δ_{m3})², exactly (Parseval).

        Notes
        -----
        {cos mx}_{m≥1} is orthogonal on [0, π] with ∫₀^π cos²(mx) dx = π/2.  This is the
        limit of the grid MSE the catalogue used (2001-point grid: same to ~1e-3).
        """
        a = self.cosine_coefficients.copy()
        if a.size >= 3:
            a[2] -= 1.0
            return 0.5 * float(a @ a)
        return 0.5 * float(a @ a) + 0.5


def fit_cosine_features(x, y, *, n_features, weighting="none") -> CosineFit:
    """Fit y on the cosine features by X⁺y (OLS if P < n, min-norm interpolation if P ≥ n).

    Returns
    -------
    CosineFit

    Notes
    -----
    With weights w_m the minimum-norm solution minimises Σ_m a_m²/w_m² over interpolating
    cosine series — weighting 1/√m penalises high frequencies, so the fit puts f*'s
    low-frequency part in a few coefficients and spreads the noise over many
    high-frequency ones with small L² norm (benign overfitting).

    Examples
    --------
    >>> x = np.array([0.0, np.pi])
    >>> fit = fit_cosine_features(x, np.cos(3 * x), n_features=1)
    >>> fit.coef.round(12).tolist(), fit.route
    ([1.0], 'qr')
    """
    X = cosine_features(x, n_features=n_features, weighting=weighting)
    if X.shape[0] == 0:
        raise ValueError("x is empty; allowed: at least one point")
    y = check_finite_array("y", y, ndim=1)
    fit = min_norm_interpolator(X, y)
    return CosineFit(coef=fit.coef, weighting=weighting, route=fit.route)
