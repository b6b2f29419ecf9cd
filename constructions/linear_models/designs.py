"""Random designs with a prescribed covariance spectrum.

Rows are x_i = Σ^{1/2} z_i with z_i having iid standardised entries (mean 0,
variance 1), so X = ZΣ^{1/2} and E[x xᵀ] = Σ.  Σ = V diag(λ) Vᵀ is diagonal
(V = I) or rotated by a Haar-random orthogonal V (``scipy.stats.ortho_group``).

Conditioning.  For iid standardised Z of shape (n, p), the singular values of
Z/√n fill [1 − √γ, 1 + √γ] as n grows (γ = p/n; Bai–Yin, finite fourth moment),
so cond(Z) ≈ (1 + √γ)/(1 − √γ): n ≥ 4p gives cond(Z) ≲ 3 and n ≥ 2p about 6
for large n, but that is asymptotic, not a guarantee.  Where a test needs a
*guaranteed* condition number, :func:`matrix_with_condition_number` builds
X = U diag(s) Vᵀ with exactly the singular values asked for (the array-api-tests
habit: build well-conditioned inputs, do not filter them).

References
----------
Bai & Yin, Ann. Probab. 21 (1993) (extreme eigenvalues); HMRT, Ann. Statist. 50
(2022) §2 (x = Σ^{1/2}z).  Lecture, 過剰パラメータ線形モデル.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import ortho_group

from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "DISTRIBUTIONS",
    "Design",
    "covariance_matrix",
    "design",
    "matrix_with_condition_number",
    "standardized_entries",
]

#: Entry laws: mean 0 and variance 1, except "cauchy" (no mean, no variance), which
#: exists only as a negative control for Marchenko–Pastur.  "student_t3" (Student t with
#: 3 degrees of freedom over √3: variance 1, infinite fourth moment) is the heavy-tailed
#: control of the Gaussian-only finite-n formulas (inverse-Wishart mean).
DISTRIBUTIONS = ("gaussian", "rademacher", "uniform", "cauchy", "student_t3")


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    return rng


def standardized_entries(n, p, *, distribution="gaussian", rng) -> np.ndarray:
    """Return an (n, p) array of iid entries with mean 0 and variance 1.

    Parameters
    ----------
    n, p : int
        Shape, each ≥ 1.
    distribution : {"gaussian", "rademacher", "uniform", "cauchy", "student_t3"}
        "uniform" is U[−√3, √3]; "cauchy" is standard Cauchy (heavy-tailed control);
        "student_t3" is t₃/√3 (variance 1, infinite fourth moment).
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (n, p)

    Raises
    ------
    ValueError
        On a bad shape, distribution name or rng.

    Examples
    --------
    >>> import numpy as np
    >>> z = standardized_entries(2, 3, distribution="rademacher", rng=np.random.default_rng(0))
    >>> sorted(set(np.abs(z).ravel().tolist()))
    [1.0]
    """
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    check_one_of("distribution", distribution, DISTRIBUTIONS)
    rng = _check_rng(rng)
    if distribution == "gaussian":
        return rng.standard_normal((n, p))
    if distribution == "rademacher":
        return rng.choice(np.array([-1.0, 1.0]), size=(n, p))
    if distribution == "uniform":
        return rng.uniform(-np.sqrt(3.0), np.sqrt(3.0), size=(n, p))
    if distribution == "student_t3":
        return rng.standard_t(3, size=(n, p)) / np.sqrt(3.0)  # Var t_ν = ν/(ν − 2) = 3
    return rng.standard_cauchy((n, p))


def covariance_matrix(eigenvalues, *, eigenvectors=None) -> np.ndarray:
    """Return Σ = V diag(λ) Vᵀ (V = I when ``eigenvectors`` is None).

    Examples
    --------
    >>> covariance_matrix([2.0, 1.0]).tolist()
    [[2.0, 0.0], [0.0, 1.0]]
    """
    lam = check_finite_array("eigenvalues", eigenvalues, ndim=1)
    if np.any(lam < 0):
        raise ValueError(f"eigenvalues has minimum {lam.min()!r}; allowed: all >= 0")
    if eigenvectors is None:
        return np.diag(lam)
    V = check_finite_array("eigenvectors", eigenvectors, ndim=2)
    if V.shape != (lam.size, lam.size):
        raise ValueError(f"eigenvectors has shape {V.shape}; allowed: ({lam.size}, {lam.size})")
    return (V * lam) @ V.T


@dataclass(frozen=True, eq=False)
class Design:
    """A design X = ZΣ^{1/2} together with its ingredients.

    Attributes
    ----------
    X : ndarray (n, p)
        The design; rows x_i = Σ^{1/2} z_i.
    Z : ndarray (n, p)
        Standardised entries (whitened design: Z = XΣ^{−1/2}).
    eigenvalues : ndarray (p,)
        Spectrum of Σ (as given, not sorted).
    eigenvectors : ndarray (p, p) or None
        V with Σ = V diag(λ) Vᵀ; None means V = I (diagonal Σ).
    """

    X: np.ndarray
    Z: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray | None

    @property
    def n(self) -> int:
        return self.X.shape[0]

    @property
    def p(self) -> int:
        return self.X.shape[1]

    @property
    def covariance(self) -> np.ndarray:
        """Σ as a dense (p, p) matrix."""
        return covariance_matrix(self.eigenvalues, eigenvectors=self.eigenvectors)

    @property
    def covariance_sqrt(self) -> np.ndarray:
        """The symmetric square root Σ^{1/2}."""
        return covariance_matrix(np.sqrt(self.eigenvalues), eigenvectors=self.eigenvectors)


def design(n, eigenvalues, *, rng, distribution="gaussian", rotate=False) -> Design:
    """Draw a design with n rows and covariance spectrum ``eigenvalues``.

    Parameters
    ----------
    n : int
        Number of rows, ≥ 1.
    eigenvalues : array_like, shape (p,)
        Spectrum of Σ, all ≥ 0.
    rng : numpy.random.Generator
    distribution : str
        Entry law of Z, one of :data:`DISTRIBUTIONS`.
    rotate : bool
        If True, Σ = V diag(λ) Vᵀ with V Haar-distributed on O(p); else Σ = diag(λ).

    Returns
    -------
    Design

    Raises
    ------
    ValueError
        On bad n, eigenvalues, distribution or rng.

    Notes
    -----
    X = ZΣ^{1/2}, Σ^{1/2} = V diag(√λ) Vᵀ, so E[XᵀX]/n = Σ.  Non-Gaussian Z with a
    rotation gives rows that are not coordinate-independent in any basis but V's.

    Examples
    --------
    >>> import numpy as np
    >>> d = design(3, [4.0, 1.0], rng=np.random.default_rng(0), distribution="rademacher")
    >>> sorted(set(np.abs(d.X).ravel().tolist()))
    [1.0, 2.0]
    """
    lam = check_finite_array("eigenvalues", eigenvalues, ndim=1)
    if lam.size == 0 or np.any(lam < 0):
        raise ValueError(f"eigenvalues={lam!r}; allowed: non-empty, all >= 0")
    Z = standardized_entries(n, lam.size, distribution=distribution, rng=rng)
    if rotate:
        V = ortho_group.rvs(lam.size, random_state=rng) if lam.size > 1 else np.ones((1, 1))
        X = ((Z @ V) * np.sqrt(lam)) @ V.T
    else:
        V = None
        X = Z * np.sqrt(lam)
    return Design(X=X, Z=Z, eigenvalues=lam, eigenvectors=V)


def matrix_with_condition_number(n, p, *, cond, rng) -> np.ndarray:
    """Return an (n, p) matrix whose 2-norm condition number is ``cond`` by construction.

    Parameters
    ----------
    n, p : int
    cond : float
        ≥ 1; the singular values are geometrically spaced from 1 down to 1/cond.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (n, p)
        U diag(s) Vᵀ, U and V with orthonormal columns (QR of Gaussian matrices).
        When min(n, p) = 1 the matrix has one singular value and condition 1.

    Notes
    -----
    The computed matrix has condition number cond·(1 + O(cond·eps)): forming the
    product perturbs the smallest singular value by about eps·s_max.

    Examples
    --------
    >>> import numpy as np
    >>> A = matrix_with_condition_number(5, 3, cond=100.0, rng=np.random.default_rng(0))
    >>> round(float(np.linalg.cond(A)), 6)
    100.0
    """
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    cond = check_real("cond", cond, min_value=1.0)
    rng = _check_rng(rng)
    k = min(n, p)
    U = np.linalg.qr(rng.standard_normal((n, k)))[0]
    V = np.linalg.qr(rng.standard_normal((p, k)))[0]
    s = np.geomspace(1.0, 1.0 / cond, k) if k > 1 else np.ones(1)
    return (U * s) @ V.T
