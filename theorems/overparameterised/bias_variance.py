"""Bias–variance of the min-norm interpolator (C20) and the OLS variance as a spectral sum (C21).

Proof idea.  Given X, the min-norm estimator β̂ = X⁺y is affine in the noise, so E_ε‖β̂ − β*‖²_Σ
splits exactly into ‖X⁺Xβ* − β*‖²_Σ and σ² tr(X⁺X⁺ᵀΣ) (C20); the expectation depends on the noise
only through its first two moments, so it is computed here *exactly* over a finite noise law with
mean 0 and covariance σ²I (the 2n points ±σ√n·e_i).  Whitening X = ZΣ^{1/2} turns tr(Σ̂⁻¹Σ) into
the spectral sum tr((ZᵀZ/n)⁻¹) (C21, with the lecture's Σ^{1/2} corrected to Σ^{−1/2}); for
Gaussian Z its mean is the inverse-Wishart mean p/(n − p − 1), tested by a median of means that
needs only the exact variance (Chebyshev per block, binomial tail).

References: Tsigler & Bartlett 2023 (JMLR 24); Hastie, Montanari, Rosset, Tibshirani 2022
(Ann. Statist. 50(2), §§2–3); Press 1982 §5.2; von Rosen 1988 (Scand. J. Statist. 15).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.bias_variance import (
    conditional_bias_variance,
    expected_inverse_wishart_trace,
    inverse_gram_traces,
    inverse_wishart_trace_variance,
    ols_variance_trace,
    whitened_design,
    whitened_inverse_eigenvalue_sum,
)
from constructions.linear_models.designs import design, standardized_entries
from constructions.linear_models.estimators import min_norm_interpolator
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

from ._common import _ALPHA, _LECTURE, _NO_SHRINK, _condition

# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------
_SIZES = st.integers(2, 14)
_SPREADS = st.floats(1.0, 10.0, allow_nan=False, allow_infinity=False)   # κ(Σ) of the drawn covariance
_NONSCALAR_SPREADS = st.floats(2.0, 10.0, allow_nan=False, allow_infinity=False)
_NOISE = st.floats(0.1, 2.0, allow_nan=False, allow_infinity=False)


def _covariance_design(n: int, p: int, spread: float, seed: int):
    """A rotated design with Σ's eigenvalues geometric in [1, spread], and a random β*."""
    rng = np.random.default_rng(seed)
    eig = np.geomspace(1.0, spread, p)
    d = design(n, eig, rng=rng, rotate=True)
    beta = rng.standard_normal(p)
    return d, beta



def _two_point_noise(n: int, sigma2: float) -> np.ndarray:
    """The 2n noise vectors ±σ√n·e_i as columns: mean 0 and covariance exactly σ²I under the uniform law."""
    E = math.sqrt(sigma2 * n) * np.eye(n)
    return np.hstack([E, -E])


def _exact_noise_average(X, beta, cov, sigma2) -> float:
    """E_ε‖β̂ − β*‖²_Σ over the two-point noise law, from the fitted estimator itself (one factorisation)."""
    n = X.shape[0]
    Y = (X @ beta)[:, None] + _two_point_noise(n, sigma2)
    B = min_norm_interpolator(X, Y).coef
    D = B - beta[:, None]
    return float(np.mean(np.sum(D * (cov @ D), axis=0)))


def _linear_algebra_tolerance(X: np.ndarray, cov: np.ndarray) -> float:
    """rtol for two routes to a quadratic form in X⁺: first-order perturbation of a least-squares
    solution is κ(X)² eps (κ(X) eps when the residual vanishes), times the dimension for the
    accumulated sums and κ(Σ) for the Σ-weighted norm; the factor 16 covers the two routes."""
    n, p = X.shape
    return 16 * (n + p) * _condition(X) ** 2 * _condition(cov) * EPS


# ---------------------------------------------------------------------------
# C20  bias–variance decomposition of the min-norm interpolator
# ---------------------------------------------------------------------------
@claim(
    id="bias_variance_minnorm", kind=Kind.IDENTITY, catalogue="C20",
    statement="Given X, the Σ-risk of the min-norm interpolator averaged over the noise is bias + variance; "
              "the bias vanishes when p ≤ n",
    formula="E_ε‖β̂ − β*‖²_Σ = ‖E_εβ̂ − β*‖²_Σ + tr(Cov_ε(β̂)Σ) = β*ᵀ(I−Π)Σ(I−Π)β* + σ² tr(X⁺X⁺ᵀΣ)",
    source=Source("Lecture slide (bias–variance of ridgeless LS); Tsigler & Bartlett 2023, JMLR 24; "
                  "HMRT 2022 §2", lecture=_LECTURE),
    hypotheses=("X fixed", "E ε = 0, Cov ε = σ²I_n", "β̂ = X⁺y"),
    implicit=("Π = X⁺X is the projection on the row space of X; for p ≤ n and rank p, Π = I",),
)
@given(n=_SIZES, p=_SIZES, spread=_SPREADS, sigma2=_NOISE, seed=seeds())
def bias_variance_minnorm(n, p, spread, sigma2, seed, evidence):
    """E_ε‖β̂ − β*‖²_Σ = B + V exactly, for every design drawn; B = 0 for p ≤ n.

    Statement: for fixed X (n × p), ε with mean 0 and covariance σ²I, β̂ = X⁺(Xβ* + ε):
    E_ε‖β̂ − β*‖²_Σ = B + V with B = ‖(I − X⁺X)β*‖²_Σ and V = σ² tr(X⁺X⁺ᵀΣ); B = 0 if rank X = p.
    Checked as: proof for all n, p (``bias_variance_proofs``, sympy with MatrixSymbols of symbolic
    size, from E ε = 0, E εεᵀ = σ²I, the Penrose symmetry (X⁺X)ᵀ = X⁺X and the normal equations);
    floating identity between (i) the left side computed exactly as the average over the
    2n-point noise law ±σ√n·e_i (mean 0, covariance σ²I: the expectation of a quadratic in ε depends
    only on these two moments) with β̂ from ``min_norm_interpolator`` on all 2n right-hand sides, (ii)
    B + V from ``conditional_bias_variance`` and (iii) B + V from ``numpy.linalg.pinv``; rtol
    16(n + p)κ(X)²κ(Σ)·eps.  For p ≤ n, B ≤ the same rtol × ‖β*‖²_Σ.
    Domain: n, p ∈ [2, 14], Σ rotated by a Haar matrix with eigenvalues geometric in [1, κ(Σ)],
    κ(Σ) ∈ [1, 10], σ² ∈ [0.1, 2], Gaussian X.
    Deviation from the lecture: none; the lecture writes R(β̂) for the left side, which is C19's risk
    only when E[ε | X] = 0.
    """
    d, beta = _covariance_design(n, p, spread, seed)
    X, cov = d.X, d.covariance
    rtol = _linear_algebra_tolerance(X, cov)
    why = "16(n+p)κ(X)²κ(Σ)·eps, first-order LS perturbation"
    at = {"n": n, "p": p, "spread": spread, "sigma2": sigma2, "seed": seed}

    lhs = _exact_noise_average(X, beta, cov, sigma2)
    bv = conditional_bias_variance(X, beta, cov=cov, noise_var=sigma2)
    Xp = np.linalg.pinv(X)
    r = beta - Xp @ (X @ beta)
    bias_pinv = float(r @ cov @ r)
    var_pinv = sigma2 * float(np.trace(Xp @ Xp.T @ cov))
    evidence.close(lhs, bv.risk, rtol=rtol, name="E_ε‖β̂ − β*‖²_Σ (two-point noise law)",
                   why=why, at=at)
    evidence.close(bias_pinv + var_pinv, bv.risk, rtol=rtol, name="B + V via pinv", why=why, at=at)
    evidence.close(var_pinv, bv.variance, rtol=rtol, name="V via pinv", why=why, at=at)
    if p <= n:
        scale = float(beta @ cov @ beta)
        evidence.bound(bv.bias, rtol * scale, name="B (p ≤ n)", rhs_name="rtol·‖β*‖²_Σ", at=at)


@bias_variance_minnorm.control("the bias term dropped for p > n: the risk claimed to be V alone")
@settings(phases=_NO_SHRINK)
@given(n=st.integers(2, 10), extra=st.integers(1, 10), spread=_SPREADS, sigma2=_NOISE, seed=seeds())
def bias_variance_minnorm_without_bias(n, extra, spread, sigma2, seed, evidence):
    p = n + extra
    d, beta = _covariance_design(n, p, spread, seed)
    X, cov = d.X, d.covariance
    lhs = _exact_noise_average(X, beta, cov, sigma2)
    bv = conditional_bias_variance(X, beta, cov=cov, noise_var=sigma2)
    evidence.close(lhs, bv.variance, rtol=_linear_algebra_tolerance(X, cov),
                   name="E_ε‖β̂ − β*‖²_Σ", why="16(n+p)κ(X)²κ(Σ)·eps, as in the claim",
                   at={"n": n, "p": p, "spread": spread, "seed": seed})


# ---------------------------------------------------------------------------
# C21  the variance as a spectral sum of the whitened design
# ---------------------------------------------------------------------------
def _trace_tolerance(X: np.ndarray, Z: np.ndarray, cov: np.ndarray) -> float:
    """rtol for tr(Σ̂⁻¹Σ) by QR of X against n Σ s_j(Z)⁻²: each route is accurate to κ² eps of the
    matrix it factors (the squared inverse singular values), whitening adds κ(Σ) eps; 8p for sums."""
    p = X.shape[1]
    return 8 * p * (_condition(X) ** 2 + _condition(Z) ** 2 + _condition(cov)) * EPS


_C21_FORMULA = "(σ²/n) tr(Σ̂⁻¹Σ) = (σ²/n) Σ_j 1/λ_j(ZᵀZ/n),  Σ̂ = XᵀX/n"
_C21_SOURCE = Source("Lecture slide (OLS variance via the whitened design); HMRT 2022 §3", lecture=_LECTURE)


@claim(
    id="variance_trace_identity_as_stated", kind=Kind.IDENTITY, catalogue="C21", as_stated=True,
    statement="The lecture's whitening Z = XΣ^{1/2} turns tr(Σ̂⁻¹Σ) into Σ_j 1/λ_j(ZᵀZ/n)",
    formula=_C21_FORMULA + ",  Z = XΣ^{1/2}", source=_C21_SOURCE,
    hypotheses=("p ≤ n, rank X = p", "rows x_i = Σ^{1/2} z_i"),
)
@settings(phases=_NO_SHRINK)
@given(n=st.integers(3, 14), p=st.integers(2, 14), spread=_NONSCALAR_SPREADS, seed=seeds())
def variance_trace_identity_as_stated(n, p, spread, seed, evidence):
    """The literal lecture statement, Z = XΣ^{1/2}: refuted for every non-scalar Σ.

    Statement: tr(Σ̂⁻¹Σ) = Σ_j 1/λ_j(ZᵀZ/n) with Z = XΣ^{1/2}.
    Checked as: floating identity with the derived tolerance of ``variance_trace_identity``.
    Domain: p ≤ n ≤ 14, κ(Σ) ∈ [2, 10], rotated Σ.
    Deviation from the lecture: this is the lecture's text; XΣ^{1/2} = Z₀Σ with Z₀ = XΣ^{−1/2},
    so the sum is tr(Σ⁻¹(Z₀ᵀZ₀/n)⁻¹Σ⁻¹) — equal only when Σ = I.
    """
    p = min(p, n)
    d, _ = _covariance_design(n, p, spread, seed)
    X, cov = d.X, d.covariance
    Z = whitened_design(X, cov, whitening="sqrt")
    evidence.close(whitened_inverse_eigenvalue_sum(X, cov, whitening="sqrt"), ols_variance_trace(X, cov),
                   rtol=_trace_tolerance(X, Z, cov), name="Σ_j 1/λ_j(ZᵀZ/n), Z = XΣ^{1/2}",
                   why="8p(κ(X)² + κ(Z)² + κ(Σ))·eps", at={"n": n, "p": p, "spread": spread, "seed": seed})


@claim(
    id="variance_trace_identity", kind=Kind.IDENTITY, catalogue="C21",
    corrects="variance_trace_identity_as_stated",
    statement="With the whitened design Z = XΣ^{−1/2}, the OLS variance trace is the spectral sum of ZᵀZ/n",
    formula=_C21_FORMULA + ",  Z = XΣ^{−1/2}", source=_C21_SOURCE,
    hypotheses=("p ≤ n, rank X = p", "Σ positive definite"),
    implicit=("for p > n the pseudo-inverse version depends on Σ, not only on the spectrum of ZᵀZ/n",),
)
@given(n=st.integers(2, 14), p=st.integers(1, 14), spread=_SPREADS, seed=seeds())
def variance_trace_identity(n, p, spread, seed, evidence):
    """tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹) with Z = XΣ^{−1/2}, per instance, for p ≤ n.

    Statement: for X of rank p ≤ n and Σ ≻ 0, Σ̂ = XᵀX/n = Σ^{1/2}(ZᵀZ/n)Σ^{1/2}, so
    tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹) = Σ_j 1/λ_j(ZᵀZ/n); times σ²/n this is the OLS variance V.
    Checked as: proof for all n ≥ p (``bias_variance_proofs``, sympy with MatrixSymbols of symbolic
    size: Σ̂ = S(ZᵀZ/n)S, the inverse of a product, trace cyclicity); floating identity,
    ``ols_variance_trace`` (QR of X) against
    ``whitened_inverse_eigenvalue_sum`` (singular values of Z), rtol 8p(κ(X)² + κ(Z)² + κ(Σ))·eps.
    Domain: p ≤ n ≤ 14 (p = min(drawn p, n)), Σ rotated with eigenvalues geometric in [1, 10].
    Deviation from the lecture: the lecture writes Z = XΣ^{1/2} (refuted:
    ``variance_trace_identity_as_stated``) and does not say p ≤ n.  The expectation
    E tr((ZᵀZ)⁻¹) = p/(n − p − 1) is its own statistical claim, ``variance_trace_expectation``.
    """
    p = min(p, n)
    d, _ = _covariance_design(n, p, spread, seed)
    X, cov = d.X, d.covariance
    Z = whitened_design(X, cov)
    evidence.close(whitened_inverse_eigenvalue_sum(X, cov), ols_variance_trace(X, cov),
                   rtol=_trace_tolerance(X, Z, cov), name="Σ_j 1/λ_j(ZᵀZ/n), Z = XΣ^{−1/2}",
                   why="8p(κ(X)² + κ(Z)² + κ(Σ))·eps", at={"n": n, "p": p, "spread": spread, "seed": seed})


@variance_trace_identity.control("p > n with pseudo-inverses: tr(Σ̂⁺Σ) against Σ over the non-zero 1/λ_j(ZᵀZ/n)")
@settings(phases=_NO_SHRINK)
@given(n=st.integers(2, 10), extra=st.integers(1, 10), spread=_NONSCALAR_SPREADS, seed=seeds())
def variance_trace_identity_overparameterised(n, extra, spread, seed, evidence):
    p = n + extra
    d, _ = _covariance_design(n, p, spread, seed)
    X, cov = d.X, d.covariance
    Z = whitened_design(X, cov)
    s = np.linalg.svd(Z, compute_uv=False)[:n]
    spectral = n * float(np.sum(s**-2.0))
    pinv_trace = n * float(np.trace(np.linalg.pinv(X.T @ X) @ cov))
    evidence.close(spectral, pinv_trace, rtol=_trace_tolerance(X, Z, cov),
                   name="Σ_{λ_j>0} 1/λ_j(ZᵀZ/n)", why="the claim's tolerance (κ over the n non-zero singular values)",
                   at={"n": n, "p": p, "spread": spread, "seed": seed})


#: Median of means: 25 blocks of 100 designs.  With the exact variance v of one trace, a block mean
#: misses the truth by ≥ t with probability ≤ q = v/(100t²) (Chebyshev); the median misses only if ≥ 13
#: blocks do, probability ≤ P(Bin(25, q) ≥ 13).  k = 25 minimises the half-width (14.6·√(v/R) at
#: α = 1e-6, against 4.9·√(v/R) for a z-test that would lean on the central limit theorem).
_MOM_BLOCKS, _MOM_BLOCK_SIZE = 25, 100


def _median_of_means_test(values: np.ndarray, truth: float, variance: float) -> tuple[float, float]:
    """(median of block means, p-value) of H₀: E value = truth, given the exact Var(value).

    Valid for any law with that mean and variance (no normal approximation): the p-value is
    P(Bin(k, q) ≥ ⌈k/2⌉) with q = min(1, variance/(b·d²)), d the median's distance to ``truth``."""
    from scipy.stats import binom

    blocks = values.reshape(_MOM_BLOCKS, _MOM_BLOCK_SIZE).mean(axis=1)
    median = float(np.median(blocks))
    d = abs(median - truth)
    q = 1.0 if d == 0 else min(1.0, variance / (_MOM_BLOCK_SIZE * d * d))
    return median, float(binom.sf((_MOM_BLOCKS + 1) // 2 - 1, _MOM_BLOCKS, q))


def _inverse_gram_trace_check(n: int, p: int, seed: int, distribution: str, evidence, *, label: str) -> None:
    """The median-of-means test of E tr((ZᵀZ)⁻¹) = p/(n − p − 1) on R = 2500 designs of ``distribution``."""
    rng = np.random.default_rng(seed)
    Z = standardized_entries(_MOM_BLOCKS * _MOM_BLOCK_SIZE * n, p, distribution=distribution, rng=rng)
    Z = Z.reshape(_MOM_BLOCKS * _MOM_BLOCK_SIZE, n, p)
    traces = inverse_gram_traces(Z)
    at = {"n": n, "p": p, "seed": seed}
    eye = np.eye(p)
    evidence.close(traces[0], ols_variance_trace(Z[0], eye) / n, rtol=_trace_tolerance(Z[0], Z[0], eye),
                   name="batched tr((ZᵀZ)⁻¹) (first design)", why="8p(2κ(Z)² + 1)·eps, as in the identity",
                   at=at)
    truth = expected_inverse_wishart_trace(n, p)
    median, p_value = _median_of_means_test(traces, truth, inverse_wishart_trace_variance(n, p))
    evidence.statistical(name=f"median of block means of tr((ZᵀZ)⁻¹) ({label})={median:.5g} vs p/(n − p − 1)"
                              f"={truth:.5g}",
                         test="median of 25 means of 100, Chebyshev per block with the exact variance, "
                              "binomial tail", p_value=p_value, alpha=_ALPHA, at=at)


@claim(
    id="variance_trace_expectation", kind=Kind.STATISTICAL, catalogue="C21",
    statement="For Gaussian Z (n > p + 1) the mean of tr((ZᵀZ)⁻¹) is p/(n − p − 1), so E V = σ²p/(n − p − 1)",
    formula="E tr((ZᵀZ)⁻¹) = p/(n − p − 1);  Var tr((ZᵀZ)⁻¹) = 2p(n − 1)/((n − p)(n − p − 1)²(n − p − 3))",
    source=Source("Lecture slide (OLS variance via the whitened design); inverse-Wishart moments: Press 1982 "
                  "§5.2, von Rosen 1988 (Scand. J. Statist. 15)", lecture=_LECTURE),
    hypotheses=("Z n × p with iid N(0, 1) entries", "n > p + 1"),
    implicit=("the finite-n mean needs Gaussian entries (ZᵀZ Wishart); other laws agree only as n → ∞",),
)
@settings(max_examples=10)  # 2500 designs per example (≤ 0.15 s); 10 examples cover small and large n − p
@given(p=st.integers(1, 12), extra=st.integers(4, 30), seed=seeds())
def variance_trace_expectation(p, extra, seed, evidence):
    """A median-of-means test, with a rigorous false-alarm rate, of E tr((ZᵀZ)⁻¹) = p/(n − p − 1).

    Statement: for Z (n × p) with iid N(0, 1) entries and n > p + 1, E tr((ZᵀZ)⁻¹) = p/(n − p − 1)
    (ZᵀZ ~ Wishart_p(n, I), E W⁻¹ = I/(n − p − 1)); times σ² this is E V of OLS (C21).
    Checked as: statistical — R = 2500 Gaussian designs, tr((ZᵀZ)⁻¹) of each by a batched Cholesky
    (``inverse_gram_traces``; the first cross-checked against ``ols_variance_trace``); the median of
    25 block means (100 designs each) is tested against p/(n − p − 1) with a p-value that needs only
    the exact variance v = 2p(n − 1)/((n − p)(n − p − 1)²(n − p − 3)) (inverse-Wishart covariances,
    ``inverse_wishart_trace_variance``): a block mean is off by ≥ d with probability ≤ v/(100d²)
    (Chebyshev), and the median only if ≥ 13 of 25 independent blocks are, so
    p = P(Bin(25, v/(100d²)) ≥ 13).  The false-alarm rate is ≤ α = 1e-6 by construction — no
    central-limit approximation, which matters here: tr(W⁻¹) has finite moments only of order
    < (n − p + 1)/2 (its diagonal entries are 1/χ²_{n−p+1}).
    The price is the half-width 14.6·√(v/R) instead of a z-test's 4.9·√(v/R).
    Domain: p ∈ [1, 12], n − p ∈ [4, 30] (n > p + 3, where v is finite).
    Deviation from the lecture: none (the lecture states the limit σ²γ/(1 − γ); the exact finite-n
    mean is from the catalogue).
    """
    _inverse_gram_trace_check(p + extra, p, seed, "gaussian", evidence, label="Gaussian")


@variance_trace_expectation.control("heavy-tailed entries t₃/√3 (variance 1, no fourth moment) in place of Gaussian")
@settings(max_examples=3, phases=_NO_SHRINK)  # the t₃ mean exceeds the formula by 30–70%, > 5 half-widths
@given(p=st.integers(1, 12), extra=st.integers(4, 30), seed=seeds())
def variance_trace_expectation_student_t_entries(p, extra, seed, evidence):
    _inverse_gram_trace_check(p + extra, p, seed, "student_t3", evidence, label="t₃/√3 entries")
