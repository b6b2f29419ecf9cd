"""Exact bias, variance and excess risk of min-norm and ridge fits.

Model: y = Xβ* + ε, E[ε | X] = 0, Cov(ε | X) = σ²I_n, Σ = E[x xᵀ].  For a fit
β̂ = Ly that is linear in y (L = X⁺ for min-norm/OLS, L = Xᵀ(XXᵀ + λI)⁻¹ for ridge):

* excess risk R(β̂) = ‖β̂ − β*‖²_Σ = (β̂ − β*)ᵀΣ(β̂ − β*)  (C19);
* E_ε‖β̂ − β*‖²_Σ = B + V with B = ‖(LX − I)β*‖²_Σ and V = σ² tr(LᵀΣL)  (C20, and
  Tsigler–Bartlett's B, V with A = λI + XXᵀ: TB's V is ours divided by σ²)  (C31);
  for min-norm LX = Π = X⁺X, so B = β*ᵀ(I − Π)Σ(I − Π)β*, zero when rank X = p;
* the variance identity (C21), for p ≤ n and rank p:
  tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹) = Σ_j 1/λ_j(ZᵀZ/n), Σ̂ = XᵀX/n, **Z = XΣ^{−1/2}**.
  The lecture writes Z = XΣ^{1/2}; that whitening is kept (``whitening="sqrt"``)
  so the literal statement can be refuted;
* exact Gaussian expectations: E tr((ZᵀZ)⁻¹) = p/(n − p − 1) (inverse-Wishart mean,
  n > p + 1), so for isotropic Gaussian X, E R = σ²p/(n − p − 1) (p < n − 1) and
  E R = r²(1 − n/p) + σ²n/(p − n − 1) (p > n + 1; bias by rotation invariance,
  variance by the inverse-Wishart mean of XXᵀ).

References
----------
Hastie, Montanari, Rosset & Tibshirani, Ann. Statist. 50 (2022); Tsigler & Bartlett,
JMLR 24 (2023) §2; lecture, 過剰パラメータ線形モデル (bias–variance, variance identity).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from constructions.linear_models.estimators import ridge
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "WHITENINGS",
    "BiasVariance",
    "conditional_bias_variance",
    "conditional_risks_isotropic",
    "excess_risk",
    "expected_inverse_wishart_trace",
    "inverse_gram_traces",
    "inverse_wishart_trace_variance",
    "isotropic_gaussian_expected_risk",
    "ols_variance_trace",
    "whitened_design",
    "whitened_inverse_eigenvalue_sum",
]

#: "inverse_sqrt": Z = XΣ^{−1/2} (correct); "sqrt": Z = XΣ^{1/2} (the lecture's typo).
WHITENINGS = ("inverse_sqrt", "sqrt")


@dataclass(frozen=True)
class BiasVariance:
    """A bias–variance pair; ``risk`` = bias + variance (variance includes σ²)."""

    bias: float
    variance: float

    @property
    def risk(self) -> float:
        return self.bias + self.variance


def _covariance(cov, p: int) -> np.ndarray:
    """Return Σ as given: a (p,) diagonal or a (p, p) symmetric matrix."""
    S = check_finite_array("cov", cov, ndim=(1, 2))
    if S.shape not in ((p,), (p, p)):
        raise ValueError(f"cov has shape {S.shape}; allowed: ({p},) diagonal or ({p}, {p})")
    return S


def _apply(S: np.ndarray, v: np.ndarray) -> np.ndarray:
    return S[:, None] * v if (S.ndim == 1 and v.ndim == 2) else (S * v if S.ndim == 1 else S @ v)


def excess_risk(beta_hat, beta, *, cov):
    """Return ‖β̂ − β*‖²_Σ = (β̂ − β*)ᵀΣ(β̂ − β*).

    Parameters
    ----------
    beta_hat : array_like, shape (p,) or (p, k)
        One estimate, or k estimates as columns.
    beta : array_like, shape (p,)
        β*.
    cov : array_like, shape (p,) or (p, p)
        Σ, as its diagonal or as a matrix.

    Returns
    -------
    float, or ndarray of shape (k,)

    Notes
    -----
    Equals R(β̂) = E[(y − xᵀβ̂)² − (y − xᵀβ*)²] when E[ε | x] = 0 and Σ = E[xxᵀ]
    (second moment); otherwise the cross term −2E[εxᵀ](β̂ − β*) appears (C19).

    Examples
    --------
    >>> excess_risk([1.0, 1.0], [0.0, 0.0], cov=[2.0, 3.0])
    5.0
    """
    b = check_finite_array("beta", beta, ndim=1)
    bh = check_finite_array("beta_hat", beta_hat, ndim=(1, 2))
    if bh.shape[0] != b.size:
        raise ValueError(f"beta_hat has {bh.shape[0]} rows but beta has {b.size}; allowed: equal")
    S = _covariance(cov, b.size)
    d = bh - (b[:, None] if bh.ndim == 2 else b)
    out = np.sum(d * _apply(S, d), axis=0)
    return float(out) if bh.ndim == 1 else out


def conditional_bias_variance(X, beta, *, cov, noise_var, lam=0.0) -> BiasVariance:
    """Return the exact B and V of E_ε‖β̂ − β*‖²_Σ given X, for min-norm (λ = 0) or ridge.

    Parameters
    ----------
    X : array_like, shape (n, p)
    beta : array_like, shape (p,)
        β* (Tsigler–Bartlett's θ*).
    cov : array_like, shape (p,) or (p, p)
        Σ.
    noise_var : float
        σ² ≥ 0.
    lam : float
        λ ≥ 0 (0: β̂ = X⁺y).

    Returns
    -------
    BiasVariance
        bias = ‖(LX − I)β*‖²_Σ, variance = σ² tr(LᵀΣL), L = Xᵀ(XXᵀ + λI)⁻¹ (= X⁺ at λ = 0).

    Raises
    ------
    ValueError
        On non-finite or mis-shaped input, σ² < 0 or λ < 0.

    Notes
    -----
    E_εβ̂ = LXβ*, Cov_ε(β̂) = σ²LLᵀ, so E_ε‖β̂ − β*‖²_Σ = ‖E_εβ̂ − β*‖²_Σ + tr(Cov_ε(β̂)Σ)
    exactly (C20).  L is computed with one factorisation by
    :func:`constructions.linear_models.estimators.ridge` applied to y = I_n.  At λ = 0 and rank X = p
    the bias is zero up to rounding (≈ κ(X)·eps·‖β*‖²_Σ).

    References
    ----------
    Tsigler & Bartlett, JMLR 24 (2023), eq. for B and V with A = λI_n + XXᵀ.

    Examples
    --------
    >>> import numpy as np
    >>> bv = conditional_bias_variance(np.array([[1.0, 0.0]]), [1.0, 1.0], cov=[1.0, 1.0],
    ...                                noise_var=2.0)
    >>> bv.bias, bv.variance
    (1.0, 2.0)
    """
    X = check_finite_array("X", X, ndim=2)
    b = check_finite_array("beta", beta, ndim=1)
    if b.size != X.shape[1]:
        raise ValueError(f"beta has {b.size} entries but X has {X.shape[1]} columns; "
                         "allowed: equal")
    S = _covariance(cov, b.size)
    noise_var = check_real("noise_var", noise_var, min_value=0.0)
    L = ridge(X, np.eye(X.shape[0]), lam=lam).coef
    d = L @ (X @ b) - b
    bias = float(d @ _apply(S, d))
    variance = noise_var * float(np.sum(L * _apply(S, L)))
    return BiasVariance(bias=bias, variance=variance)


def conditional_risks_isotropic(X, beta, *, noise_var, lam=0.0) -> np.ndarray:
    """Return B_X + V_X of :func:`conditional_bias_variance` with Σ = I for a stack of designs.

    Parameters
    ----------
    X : array_like, shape (R, n, p)
        R designs.
    beta : array_like, shape (p,)
        β*.
    noise_var : float
        σ² ≥ 0.
    lam : float
        λ ≥ 0 (0: min-norm).

    Returns
    -------
    ndarray, shape (R,)

    Raises
    ------
    ValueError
        On non-finite or mis-shaped input, σ² < 0, λ < 0, or a design whose Gram matrix is not
        numerically positive definite (rank-deficient X at λ = 0).

    Notes
    -----
    Batched (no loop over designs).  λ = 0 and p < n: B_X = 0, V_X = σ² tr((XᵀX)⁻¹)
    (:func:`inverse_gram_traces`).  Otherwise A = XXᵀ + λI = CCᵀ (Cholesky), M = C⁻¹X, so
    LX = XᵀA⁻¹X = MᵀM, B_X = ‖MᵀMβ* − β*‖² and V_X = σ² tr(A⁻¹XXᵀA⁻¹) = σ²‖C⁻ᵀM‖²_F; at λ = 0
    these are ‖β*‖² − ‖C⁻¹Xβ*‖² and σ²‖C⁻¹‖²_F.  The Gram route costs relative accuracy
    ≈ κ(X)²·eps (absolute κ(X)²·eps·‖β*‖² in B_X), like :func:`conditional_bias_variance`.

    Examples
    --------
    >>> X = np.array([[[1.0, 0.0]]])  # one design, n = 1, p = 2
    >>> conditional_risks_isotropic(X, [1.0, 1.0], noise_var=2.0).tolist()  # B = 1, V = 2
    [3.0]
    """
    X = check_finite_array("X", X, ndim=3)
    b = check_finite_array("beta", beta, ndim=1)
    R, n, p = X.shape
    if b.size != p or R == 0:
        raise ValueError(f"X has shape {X.shape} and beta {b.size} entries; allowed: (R >= 1, n, p) and p")
    noise_var = check_real("noise_var", noise_var, min_value=0.0)
    lam = check_real("lam", lam, min_value=0.0)
    if lam == 0.0 and p < n:
        return noise_var * inverse_gram_traces(X)
    try:
        c = np.linalg.cholesky(X @ X.transpose(0, 2, 1) + lam * np.eye(n))
    except np.linalg.LinAlgError:
        raise ValueError("X has a rank-deficient design at lam=0; allowed: rank min(n, p)") from None
    c_inv = np.linalg.inv(c)
    if lam == 0.0:  # Π = XᵀA⁻¹X: B_X = ‖β*‖² − ‖C⁻¹Xβ*‖², V_X = σ² tr(A⁻¹) = σ²‖C⁻¹‖²_F (no n × p products)
        w = (c_inv @ (X @ b)[:, :, None])[:, :, 0]
        return float(b @ b) - np.sum(w * w, axis=1) + noise_var * np.sum(c_inv * c_inv, axis=(1, 2))
    M = c_inv @ X
    d = (M.transpose(0, 2, 1) @ (M @ b)[:, :, None])[:, :, 0] - b
    K = c_inv.transpose(0, 2, 1) @ M
    return np.sum(d * d, axis=1) + noise_var * np.sum(K * K, axis=(1, 2))


def _sqrt_cov(S: np.ndarray, power: float) -> np.ndarray:
    """Σ^{power} for power = ±1/2 (diagonal vector or symmetric matrix)."""
    w = S if S.ndim == 1 else None
    if S.ndim == 2:
        w, V = scipy.linalg.eigh(S)
    if np.any(w <= 0):
        raise ValueError(f"cov has smallest eigenvalue {float(np.min(w))!r}; allowed: > 0")
    return w**power if S.ndim == 1 else (V * w**power) @ V.T


def whitened_design(X, cov, *, whitening="inverse_sqrt") -> np.ndarray:
    """Return Z = XΣ^{−1/2} (``"inverse_sqrt"``) or the lecture's Z = XΣ^{1/2} (``"sqrt"``).

    Examples
    --------
    >>> whitened_design([[2.0, 3.0]], [4.0, 9.0]).tolist()
    [[1.0, 1.0]]
    """
    X = check_finite_array("X", X, ndim=2)
    S = _covariance(cov, X.shape[1])
    check_one_of("whitening", whitening, WHITENINGS)
    R = _sqrt_cov(S, -0.5 if whitening == "inverse_sqrt" else 0.5)
    return X * R if R.ndim == 1 else X @ R


def _full_column_rank_r(X: np.ndarray) -> np.ndarray:
    n, p = X.shape
    if p > n:
        raise ValueError(f"X has shape {X.shape}; allowed: p <= n (Σ̂ = XᵀX/n must be invertible)")
    R = scipy.linalg.qr(X, mode="r", check_finite=False)[0][:p]
    if not np.min(np.abs(np.diag(R))) > np.finfo(float).eps * np.max(np.abs(np.diag(R))) * n:
        raise ValueError("X is numerically rank deficient or overflows its QR; allowed: rank p")
    return R


def ols_variance_trace(X, cov) -> float:
    """Return tr(Σ̂⁻¹Σ), Σ̂ = XᵀX/n, for p ≤ n and rank X = p.

    Notes
    -----
    With XᵀX = RᵀR (QR), tr(Σ̂⁻¹Σ) = n·tr(MᵀΣM), M = R⁻¹; relative error ≈ κ(X)²·eps.
    Then V(β̂) = (σ²/n)·tr(Σ̂⁻¹Σ) is the OLS variance (C21).

    Examples
    --------
    >>> ols_variance_trace([[1.0, 0.0], [0.0, 1.0]], [3.0, 5.0])
    16.0
    """
    X = check_finite_array("X", X, ndim=2)
    S = _covariance(cov, X.shape[1])
    R = _full_column_rank_r(X)
    M = scipy.linalg.solve_triangular(R, np.eye(R.shape[0]), check_finite=False)
    return float(X.shape[0] * np.sum(M * _apply(S, M)))


def whitened_inverse_eigenvalue_sum(X, cov, *, whitening="inverse_sqrt") -> float:
    """Return Σ_j 1/λ_j(ZᵀZ/n) for Z from :func:`whitened_design` (p ≤ n, rank p).

    Notes
    -----
    With Z = XΣ^{−1/2}: Σ̂ = Σ^{1/2}(ZᵀZ/n)Σ^{1/2}, so tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹), the sum
    returned here.  The lecture's Z = XΣ^{1/2} equals Z₀Σ with Z₀ = XΣ^{−1/2}, so its
    sum is tr(Σ⁻¹(Z₀ᵀZ₀/n)⁻¹Σ⁻¹): equal for Σ = I, off by the factor c⁻² for Σ = cI,
    different in general.  Computed as n·Σ_j s_j(Z)⁻².

    Examples
    --------
    >>> whitened_inverse_eigenvalue_sum([[2.0, 0.0], [0.0, 3.0]], [4.0, 9.0])
    4.0
    """
    Z = whitened_design(X, cov, whitening=whitening)
    _full_column_rank_r(Z)
    s = scipy.linalg.svdvals(Z, check_finite=False)
    return float(Z.shape[0] * np.sum(s**-2.0))


def expected_inverse_wishart_trace(n, p) -> float:
    """Return E tr((ZᵀZ)⁻¹) = p/(n − p − 1) for Z (n × p) with iid N(0, 1) entries.

    ``inf`` when n ∈ {p, p + 1} (the mean of the inverse Wishart is infinite).

    Raises
    ------
    ValueError
        If n < p (ZᵀZ is singular) or n, p < 1.

    Examples
    --------
    >>> expected_inverse_wishart_trace(200, 60)
    0.4316546762589928
    """
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    if n < p:
        raise ValueError(f"n={n} < p={p}: ZᵀZ is singular; allowed: n >= p")
    return p / (n - p - 1) if n > p + 1 else float("inf")


def inverse_wishart_trace_variance(n, p) -> float:
    """Return Var tr((ZᵀZ)⁻¹) = 2p(n − 1)/((n − p)(n − p − 1)²(n − p − 3)), Z (n × p) iid N(0, 1).

    ``inf`` when p ≤ n ≤ p + 3 (the second moment, or already the mean, is infinite).

    Raises
    ------
    ValueError
        If n < p (ZᵀZ is singular) or n, p < 1.

    Notes
    -----
    W = ZᵀZ ~ Wishart_p(n, I), so W⁻¹ is inverse Wishart with ν = n, Ψ = I, and for ν > p + 3
    Cov(W⁻¹_ij, W⁻¹_kl) = [2Ψ_ijΨ_kl + (ν − p − 1)(Ψ_ikΨ_jl + Ψ_ilΨ_kj)] / ((ν − p)(ν − p − 1)²(ν − p − 3)).
    With Ψ = I: Var W⁻¹_ii = 2/((m − 1)²(m − 3)) and Cov(W⁻¹_ii, W⁻¹_jj) = 2/(m(m − 1)²(m − 3))
    (m = n − p, i ≠ j); summing p variances and p(p − 1) covariances gives the formula.  For
    p = 1 it is Var(1/χ²_n) = 2/((n − 2)²(n − 4)).

    References
    ----------
    Press, *Applied Multivariate Analysis* (1982) §5.2; von Rosen, "Moments for the inverted
    Wishart distribution", Scand. J. Statist. 15 (1988) 97–109.  Lecture, 過剰パラメータ (C21).

    Examples
    --------
    >>> inverse_wishart_trace_variance(10, 1)  # 2/(8²·6)
    0.005208333333333333
    """
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    if n < p:
        raise ValueError(f"n={n} < p={p}: ZᵀZ is singular; allowed: n >= p")
    m = n - p
    return 2 * p * (n - 1) / (m * (m - 1) ** 2 * (m - 3)) if m > 3 else float("inf")


def inverse_gram_traces(Z) -> np.ndarray:
    """Return tr((Z_rᵀZ_r)⁻¹) for a stack of designs Z of shape (R, n, p), n ≥ p.

    Notes
    -----
    With the Cholesky factor C_r of Z_rᵀZ_r, tr((Z_rᵀZ_r)⁻¹) = ‖C_r⁻¹‖²_F: one batched Cholesky
    and triangular inverse (no Python loop over r).  Relative error ≈ κ(Z_r)²·eps.

    Raises
    ------
    ValueError
        On a non-finite or mis-shaped stack, n < p, or a Gram matrix that is not numerically
        positive definite.

    Examples
    --------
    >>> inverse_gram_traces(np.array([[[2.0, 0.0], [0.0, 4.0]]])).tolist()  # 1/4 + 1/16
    [0.3125]
    """
    Z = check_finite_array("Z", Z, ndim=3)
    if Z.shape[1] < Z.shape[2] or Z.shape[0] == 0:
        raise ValueError(f"Z has shape {Z.shape}; allowed: (R, n, p) with R >= 1 and n >= p")
    try:
        c = np.linalg.cholesky(Z.transpose(0, 2, 1) @ Z)
    except np.linalg.LinAlgError:
        raise ValueError("Z has a rank-deficient design; allowed: rank p for every r") from None
    c_inv = np.linalg.inv(c)
    return np.sum(c_inv * c_inv, axis=(1, 2))


def isotropic_gaussian_expected_risk(n, p, *, r2, sigma2) -> BiasVariance:
    """Return E R of min-norm LS for X with iid N(0, 1) entries and ‖β*‖² = r² (exact, finite n).

    Parameters
    ----------
    n, p : int
    r2 : float
        ‖β*‖² ≥ 0.
    sigma2 : float
        σ² ≥ 0.

    Returns
    -------
    BiasVariance
        p < n − 1: (0, σ²p/(n − p − 1)); p > n + 1: (r²(1 − n/p), σ²n/(p − n − 1));
        n − 1 ≤ p ≤ n + 1: variance ``inf`` when σ² > 0 (0 when σ² = 0), bias as above
        (0 for p ≤ n).

    Notes
    -----
    Bias: Π = X⁺X is a uniformly random rank-min(n, p) projection, so
    E‖(I − Π)β*‖² = r²(1 − n/p) for p > n.  Variance: σ² tr((XᵀX)⁻¹) (p < n) or
    σ² tr((XXᵀ)⁻¹) (p > n), inverse-Wishart means.  Limits: C23 (HMRT 2022).

    Examples
    --------
    >>> isotropic_gaussian_expected_risk(50, 100, r2=1.0, sigma2=1.0).risk
    1.5204081632653061
    """
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    r2 = check_real("r2", r2, min_value=0.0)
    sigma2 = check_real("sigma2", sigma2, min_value=0.0)
    bias = r2 * (1.0 - n / p) if p > n else 0.0
    m, k = (n, p) if p < n else (p, n)
    if sigma2 == 0.0:
        variance = 0.0
    else:
        variance = sigma2 * k / (m - k - 1) if m > k + 1 else float("inf")
    return BiasVariance(bias=bias, variance=variance)
