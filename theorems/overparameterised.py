"""Over-parameterised linear models: min-norm interpolation, bias–variance, Marchenko–Pastur, HMRT.

Proof idea.  Given X, the min-norm estimator β̂ = X⁺y is affine in the noise, so E_ε‖β̂ − β*‖²_Σ
splits exactly into ‖X⁺Xβ* − β*‖²_Σ and σ² tr(X⁺X⁺ᵀΣ) (C20); the expectation depends on the noise
only through its first two moments, so it is computed here *exactly* over a finite noise law with
mean 0 and covariance σ²I (the 2n points ±σ√n·e_i).  Whitening X = ZΣ^{1/2} turns tr(Σ̂⁻¹Σ) into
the spectral sum tr((ZᵀZ/n)⁻¹) (C21, with the lecture's Σ^{1/2} corrected to Σ^{−1/2}); the
spectrum of ZᵀZ/n follows Marchenko–Pastur (C22), and for Gaussian isotropic designs the
inverse-Wishart mean gives the exact finite-n risk whose limits are the HMRT curves (C23).  The
excess-risk identity (C19) is exact on finite distributions with rational atoms.

References: Hastie, Montanari, Rosset, Tibshirani 2022 (Ann. Statist. 50(2):949–986);
Marchenko & Pastur 1967; Bai & Silverstein 2010 (Spectral Analysis of Large Dimensional Random
Matrices, Ch. 3); Tsigler & Bartlett 2023 (JMLR 24); Belkin, Hsu, Ma, Mandal 2019 (PNAS 116(32));
Nakkiran et al. 2020 (ICLR).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import scipy.integrate
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from constructions.bias_variance import (
    conditional_bias_variance,
    isotropic_gaussian_expected_risk,
    ols_variance_trace,
    whitened_design,
    whitened_inverse_eigenvalue_sum,
)
from constructions.designs import design, standardized_entries
from constructions.estimators import min_norm_interpolator
from constructions.hmrt import isotropic_limit, optimal_overparameterization_ratio
from constructions.marchenko_pastur import (
    empirical_spectrum,
    kolmogorov_distance,
    mp_inverse_moment,
    mp_moment,
    mp_support,
)

from .claims import Kind, Source, claim
from .strategies import seeds
from .tolerances import EPS

_LECTURE = "過剰パラメータの理論 / 二重降下"
_HMRT = Source("Hastie, Montanari, Rosset, Tibshirani 2022, Ann. Statist. 50(2):949–986, Thm 1", lecture=_LECTURE)

# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------
_SIZES = st.integers(2, 14)
_SPREADS = st.floats(1.0, 10.0, allow_nan=False, allow_infinity=False)   # κ(Σ) of the drawn covariance
_NONSCALAR_SPREADS = st.floats(2.0, 10.0, allow_nan=False, allow_infinity=False)
_NOISE = st.floats(0.1, 2.0, allow_nan=False, allow_infinity=False)
#: Controls and literal statements are refuted by nearly every draw; a "smaller" seed explains nothing.
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)


def _covariance_design(n: int, p: int, spread: float, seed: int):
    """A rotated design with Σ's eigenvalues geometric in [1, spread], and a random β*."""
    rng = np.random.default_rng(seed)
    eig = np.geomspace(1.0, spread, p)
    d = design(n, eig, rng=rng, rotate=True)
    beta = rng.standard_normal(p)
    return d, beta


def _condition(A: np.ndarray) -> float:
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else math.inf


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
    Checked as: floating identity between (i) the left side computed exactly as the average over the
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
    Checked as: floating identity, ``ols_variance_trace`` (QR of X) against
    ``whitened_inverse_eigenvalue_sum`` (singular values of Z), rtol 8p(κ(X)² + κ(Z)² + κ(Σ))·eps.
    Domain: p ≤ n ≤ 14 (p = min(drawn p, n)), Σ rotated with eigenvalues geometric in [1, 10].
    Deviation from the lecture: the lecture writes Z = XΣ^{1/2} (refuted:
    ``variance_trace_identity_as_stated``) and does not say p ≤ n.  The expectation
    E tr((ZᵀZ)⁻¹) = p/(n − p − 1) is checked by Monte Carlo in ``hmrt_isotropic`` (its p < n branch).
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


# ---------------------------------------------------------------------------
# C23  HMRT isotropic: exact finite-n Gaussian risk, Monte Carlo, derived facts
# ---------------------------------------------------------------------------
#: (n, p) pairs away from the threshold so that tr((XᵀX)⁻¹) has finite variance (|n − p| ≥ 10).
_HMRT_SIZES = st.sampled_from([(40, 20), (60, 30), (20, 40), (30, 90), (25, 60)])
_HMRT_REPS = 300          # designs per Monte Carlo estimate
_ALPHA = 1e-6             # designed per-test false-alarm rate
_R2, _SIGMA2 = 1.0, 0.5


def _conditional_risks(n, p, rng, *, lam=0.0, r2=_R2, sigma2=_SIGMA2) -> np.ndarray:
    """R_X = B_X + V_X (exact given X) for _HMRT_REPS isotropic Gaussian designs, β* with ‖β*‖² = r²."""
    beta = rng.standard_normal(p)
    beta *= math.sqrt(r2) / np.linalg.norm(beta)
    ones = np.ones(p)
    return np.array([conditional_bias_variance(standardized_entries(n, p, rng=rng), beta, cov=ones,
                                               noise_var=sigma2, lam=lam).risk for _ in range(_HMRT_REPS)])


def _isotropic_limit_exact(gamma: Fraction, r2: Fraction, sigma2: Fraction) -> Fraction:
    return sigma2 * gamma / (1 - gamma) if gamma < 1 else r2 * (1 - 1 / gamma) + sigma2 / (gamma - 1)


@claim(
    id="hmrt_isotropic", kind=Kind.STATISTICAL, catalogue="C23",
    statement="For isotropic Gaussian designs the min-norm risk has an exact finite-n mean whose limits are "
              "σ²γ/(1−γ) and r²(1−1/γ)+σ²/(γ−1); on γ > 1 the risk is minimised at γ* = √SNR/(√SNR−1) iff SNR > 1",
    formula="E R = σ²p/(n−p−1) (p < n−1);  r²(1 − n/p) + σ²n/(p−n−1) (p > n+1);  "
            "γ* = √SNR/(√SNR − 1)",
    source=_HMRT,
    hypotheses=("x ~ N(0, I_p)", "‖β*‖² = r², Var ε = σ², E[ε | x] = 0", "p/n → γ"),
    implicit=("the finite-n formula needs Gaussian rows (rotation invariance + inverse-Wishart mean)",),
)
@settings(max_examples=6)  # each example is a 300-design Monte Carlo; 6 covers the five sizes and then some
@given(sizes=_HMRT_SIZES, seed=seeds(), root_snr=st.fractions(Fraction(101, 100), 10, max_denominator=100))
def hmrt_isotropic(sizes, seed, root_snr, evidence):
    """Monte Carlo of the exact conditional risk agrees with the finite-n Gaussian formula; derived facts exact.

    Statement: E_X R_X(β̂) = σ²p/(n − p − 1) for p < n − 1 and r²(1 − n/p) + σ²n/(p − n − 1) for
    p > n + 1 (X with iid N(0, 1) entries); these tend to σ²γ/(1 − γ) and r²(1 − 1/γ) + σ²/(γ − 1);
    for SNR = r²/σ² > 1 the limit on γ > 1 has a strict interior minimum at γ* = √SNR/(√SNR − 1).
    Checked as: statistical — z-test (α = 1e-6 per example) of the mean of 300 exact conditional
    risks R_X = B_X + V_X (``conditional_bias_variance``) against ``isotropic_gaussian_expected_risk``;
    exact rational arithmetic for the derived facts: at γ* (√SNR rational) the derivative
    r²/γ² − σ²/(γ − 1)² is 0 and the risk is < the risk at γ*(1 ± 1/100); ``isotropic_limit`` and
    ``optimal_overparameterization_ratio`` agrees with the exact γ* to 4(1 + γ*)·eps; the finite-n mean at
    (n, p) = (kn₀, kp₀), k = 10³, is within 3/k (relative) of the limit.
    Domain: (n, p) ∈ {(40, 20), (60, 30), (20, 40), (30, 90), (25, 60)}, r² = 1, σ² = 0.5; √SNR
    rational in (1.01, 10].
    Deviation from the lecture: the lecture states only the limits; the finite-n formulas (sharper, and
    exact for Gaussian designs) are what the Monte Carlo is compared with.  The global infimum of the
    risk is at γ → 0 in this model: over-parameterisation never wins here.
    """
    n, p = sizes
    rng = np.random.default_rng(seed)
    risks = _conditional_risks(n, p, rng)
    truth = isotropic_gaussian_expected_risk(n, p, r2=_R2, sigma2=_SIGMA2).risk
    evidence.confidence(float(risks.mean()), float(risks.std(ddof=1) / math.sqrt(risks.size)), truth,
                        name="mean R_X(β̂)", alpha=_ALPHA, at={"n": n, "p": p, "seed": seed})

    # limits of the finite-n formula: n → ∞ along p/n = γ (k = 1000 gives a 1/k-order gap)
    k = 1000
    gamma = p / n
    far = isotropic_gaussian_expected_risk(k * n, k * p, r2=_R2, sigma2=_SIGMA2).risk
    lim = isotropic_limit(gamma, r2=_R2, sigma2=_SIGMA2).risk
    evidence.bound(abs(far - lim), 3 * lim / k, name="|E R(kn, kp) − limit|", rhs_name="3·limit/k",
                   at={"n": n, "p": p, "k": k})

    # derived facts, exactly: r² = SNR·σ² with √SNR = t rational
    t = root_snr
    sigma2 = Fraction(1, 2)
    r2 = t * t * sigma2
    g_star = t / (t - 1)
    evidence.exact(r2 / g_star**2 - sigma2 / (g_star - 1) ** 2, 0, name="d risk/dγ at γ*", at={"sqrt_snr": t})
    for g in (g_star * Fraction(99, 100), g_star * Fraction(101, 100)):
        if g > 1:
            evidence.exact(_isotropic_limit_exact(g_star, r2, sigma2), _isotropic_limit_exact(g, r2, sigma2), "<",
                           name="risk(γ*)", rhs_name=f"risk({float(g):.4g})", at={"sqrt_snr": t})
    evidence.close(optimal_overparameterization_ratio(float(t * t)), float(g_star), rtol=4 * EPS * (1 + float(g_star)),
                   name="optimal_overparameterization_ratio",
                   why="4 eps times the condition √SNR/(√SNR − 1) = γ* of the subtraction √SNR − 1",
                   at={"sqrt_snr": t})


@hmrt_isotropic.control("ridge λ = n/2 > 0 in place of the min-norm fit, compared with the ridgeless formula")
@settings(max_examples=3, phases=_NO_SHRINK)  # a 300-design Monte Carlo each; the gap is tens of standard errors
@given(sizes=_HMRT_SIZES, seed=seeds())
def hmrt_isotropic_ridge(sizes, seed, evidence):
    n, p = sizes
    risks = _conditional_risks(n, p, np.random.default_rng(seed), lam=n / 2)
    truth = isotropic_gaussian_expected_risk(n, p, r2=_R2, sigma2=_SIGMA2).risk
    evidence.confidence(float(risks.mean()), float(risks.std(ddof=1) / math.sqrt(risks.size)), truth,
                        name="mean ridge R_X", alpha=_ALPHA, at={"n": n, "p": p, "seed": seed})


@hmrt_isotropic.control("‖β*‖² growing with p (r² = p/10) while the formula keeps r² = 1")
@settings(max_examples=3, phases=_NO_SHRINK)  # as above
@given(sizes=st.sampled_from([(20, 40), (30, 90), (25, 60)]), seed=seeds())
def hmrt_isotropic_growing_signal(sizes, seed, evidence):
    n, p = sizes
    risks = _conditional_risks(n, p, np.random.default_rng(seed), r2=p / 10)
    truth = isotropic_gaussian_expected_risk(n, p, r2=_R2, sigma2=_SIGMA2).risk
    evidence.confidence(float(risks.mean()), float(risks.std(ddof=1) / math.sqrt(risks.size)), truth,
                        name="mean R_X with r² = p/10", alpha=_ALPHA, at={"n": n, "p": p, "seed": seed})


# ---------------------------------------------------------------------------
# C22  Marchenko–Pastur: moments by quadrature, empirical spectra
# ---------------------------------------------------------------------------
_GAMMAS = st.one_of(st.floats(0.05, 0.95, allow_nan=False, allow_infinity=False),
                    st.floats(1.05, 5.0, allow_nan=False, allow_infinity=False))
_MP_SIZES = st.sampled_from([(400, 100), (200, 100), (100, 200), (100, 300)])
_MP_DISTRIBUTIONS = st.sampled_from(["gaussian", "rademacher", "uniform"])


def _mp_integral(power: int, gamma: float) -> tuple[float, float]:
    """∫ s^power f_γ(s) ds over the continuous part, by QUADPACK's QAWS (weight √((s − λ₋)(λ₊ − s)))."""
    a, b = mp_support(gamma)
    value, abserr = scipy.integrate.quad(lambda s: s ** (power - 1) / (2 * np.pi * gamma), a, b,
                                         weight="alg", wvar=(0.5, 0.5), epsabs=0.0, epsrel=1e-13, limit=200)
    return value, abserr


def _dkw_allowance(m: int, alpha: float) -> float:
    """√(log(2/α)/(2m)): the DKW–Massart band for m iid draws at level α, used as an explicit allowance."""
    return math.sqrt(math.log(2 / alpha) / (2 * m))


@claim(
    id="marchenko_pastur", kind=Kind.BOUND, catalogue="C22",
    statement="The spectrum of ZᵀZ/n follows Marchenko–Pastur: moments 1 and 1 + γ, ∫s⁻¹dF = 1/(1−γ) (γ < 1), "
              "and the empirical spectral CDF is close to F_γ",
    formula="f_γ(s) = √((λ₊ − s)(s − λ₋))/(2πγs),  λ± = (1 ± √γ)²;  ∫s dF = 1, ∫s² dF = 1 + γ, "
            "∫s⁻¹dF = 1/(1 − γ) (γ < 1), 1/(γ(γ − 1)) on s > 0 (γ > 1)",
    source=Source("Marchenko & Pastur 1967, Mat. Sb. 72(114); Bai & Silverstein 2010, Thm 3.6", lecture=_LECTURE),
    hypotheses=("Z n × p with iid entries, mean 0, variance 1", "p/n → γ ∈ (0, ∞)"),
    implicit=("from ESD convergence to (1/p)Σ1/λ_j → ∫s⁻¹dF needs λ_min bounded away from 0 (Bai–Yin)",),
)
@settings(max_examples=30)  # each example takes one SVD of up to 400 × 300; 30 covers sizes × laws
@given(gamma=_GAMMAS, sizes=_MP_SIZES, distribution=_MP_DISTRIBUTIONS, seed=seeds())
def marchenko_pastur(gamma, sizes, distribution, seed, evidence):
    """MP moments agree with quadrature; empirical spectra lie within an explicit Kolmogorov allowance of F_γ.

    Statement: the continuous part of F_γ has mass min(1, 1/γ), ∫s dF = 1, ∫s² dF = 1 + γ (the atom
    at 0 contributes nothing), ∫_{s>0} s⁻¹ dF = 1/(1 − γ) for γ < 1 and 1/(γ(γ − 1)) for γ > 1; and
    the eigenvalues of ZᵀZ/n have Kolmogorov distance to F_{p/n} at most √(log(2/α)/(2p)), α = 1e-6.
    Checked as: (i) floating identity, QUADPACK QAWS quadrature of the density formula (weight
    √((s − λ₋)(λ₊ − s)) times s^{k−1}/(2πγ)) against the closed forms (``mp_moment``,
    ``mp_inverse_moment``), atol = 10 × quad's error estimate, rtol = 64 eps; (ii) a bound: ``kolmogorov_distance`` ≤ the DKW–Massart band for p iid draws at
    α = 1e-6.  The eigenvalues are not iid, so (ii) is an explicit finite-n *allowance*, not a test with
    a designed false-alarm rate: measured distances (20 seeds per size) are ≤ 0.033, 8–15× below it.
    Domain: γ ∈ [0.05, 0.95] ∪ [1.05, 5] for the integrals; (n, p) ∈ {(400, 100), (200, 100),
    (100, 200), (100, 300)}; Gaussian, Rademacher and uniform entries.
    Deviation from the lecture: the lecture uses ∫s⁻¹dF_γ without saying it needs γ < 1 and λ_min
    bounded away from 0.
    """
    at = {"gamma": gamma}
    mass, err0 = _mp_integral(0, gamma)
    first, err1 = _mp_integral(1, gamma)
    second, err2 = _mp_integral(2, gamma)
    inverse, errm = _mp_integral(-1, gamma)
    why = "10 × QUADPACK's error estimate + 64 eps"
    for name, value, err, exact in (("∫_{s>0} dF", mass, err0, min(1.0, 1.0 / gamma)),
                                     ("∫s dF", first, err1, 1.0),
                                     ("∫s² dF", second, err2, 1.0 + gamma),
                                     ("∫_{s>0} s⁻¹ dF", inverse, errm, mp_inverse_moment(gamma))):
        evidence.close(value, exact, rtol=64 * EPS, atol=10 * err, name=name, why=why, at=at)
    evidence.close(first, mp_moment(1, gamma=gamma), rtol=64 * EPS, atol=10 * err1, name="mp_moment(1)",
                   why=why, at=at)
    evidence.close(second, mp_moment(2, gamma=gamma), rtol=64 * EPS, atol=10 * err2, name="mp_moment(2)",
                   why=why, at=at)

    n, p = sizes
    ev = empirical_spectrum(n, p, rng=np.random.default_rng(seed), distribution=distribution)
    evidence.bound(kolmogorov_distance(ev, gamma=p / n), _dkw_allowance(p, _ALPHA),
                   name="sup|F_emp − F_γ|", rhs_name="√(log(2/α)/(2p))",
                   at={"n": n, "p": p, "distribution": distribution, "seed": seed})


@marchenko_pastur.control("Cauchy entries (no finite variance) in place of standardised ones")
@settings(max_examples=5, phases=_NO_SHRINK)  # every Cauchy draw measured gives distance ≥ 1/3 ≫ the allowance
@given(sizes=_MP_SIZES, seed=seeds())
def marchenko_pastur_cauchy_entries(sizes, seed, evidence):
    n, p = sizes
    ev = empirical_spectrum(n, p, rng=np.random.default_rng(seed), distribution="cauchy")
    evidence.bound(kolmogorov_distance(ev, gamma=p / n), _dkw_allowance(p, _ALPHA),
                   name="sup|F_emp − F_γ| (Cauchy)", rhs_name="√(log(2/α)/(2p))",
                   at={"n": n, "p": p, "seed": seed})


# ---------------------------------------------------------------------------
# C19  excess risk = ‖β̂ − β*‖²_Σ, exactly on finite distributions
# ---------------------------------------------------------------------------
_SMALL_RATIONALS = st.integers(-4, 4).map(lambda v: Fraction(v, 2))


@st.composite
def _finite_regression_problems(draw, *, correlated: bool = False):
    """x uniform on k rational points of Q^p; ε | x = ±c(x) with equal weights (E[ε | x] = 0), or, with
    ``correlated``, ε | x = m(x) ± c(x) with m(x) = x₁³ − x₁ (E[εx] ≠ 0 in general)."""
    p = draw(st.integers(1, 3), label="p")
    k = draw(st.integers(1, 5), label="support size")
    vec = st.lists(_SMALL_RATIONALS, min_size=p, max_size=p)
    xs = draw(st.lists(vec, min_size=k, max_size=k), label="x atoms")
    cs = draw(st.lists(_SMALL_RATIONALS, min_size=k, max_size=k), label="noise scales c(x)")
    beta = draw(vec, label="beta*")
    beta_hat = draw(vec, label="beta_hat")
    means = [x[0] ** 3 - x[0] if correlated else Fraction(0) for x in xs]
    return xs, cs, means, beta, beta_hat


def _dot(u, v) -> Fraction:
    return sum((a * b for a, b in zip(u, v)), Fraction(0))


def _excess_risk_two_ways(xs, cs, means, beta, beta_hat) -> tuple[Fraction, Fraction]:
    """E[(y − xᵀβ̂)² − (y − xᵀβ*)²] by enumeration, and (β̂ − β*)ᵀE[xxᵀ](β̂ − β*), both exact."""
    k = len(xs)
    risk = Fraction(0)
    for x, c, m in zip(xs, cs, means):
        for eps in (m + c, m - c):
            y = _dot(x, beta) + eps
            risk += Fraction(1, 2 * k) * ((y - _dot(x, beta_hat)) ** 2 - (y - _dot(x, beta)) ** 2)
    d = [a - b for a, b in zip(beta_hat, beta)]
    quad = sum((Fraction(1, k) * _dot(x, d) ** 2 for x in xs), Fraction(0))
    return risk, quad


@claim(
    id="excess_risk_identity", kind=Kind.IDENTITY, catalogue="C19",
    statement="When E[ε | X] = 0 the excess risk of any fixed β̂ is its squared Σ-distance to β*",
    formula="R(β̂) = E[(Y − xᵀβ̂)² − (Y − xᵀβ*)²] = ‖β̂ − β*‖²_Σ,  Σ = E[xxᵀ]",
    source=Source("Lecture slide (excess risk of linear regression); HMRT 2022 §2", lecture=_LECTURE),
    hypotheses=("E[ε | x] = 0, ε = Y − xᵀβ*", "β̂ fixed (independent of the test point)"),
    implicit=("Σ is the second moment E[xxᵀ], the covariance only for centred x",),
)
@given(problem=_finite_regression_problems())
def excess_risk_identity(problem, evidence):
    """R(β̂) = ‖β̂ − β*‖²_Σ exactly, on finite distributions with rational atoms.

    Statement: for x and ε with E[ε | x] = 0 and finite second moments, and β̂ fixed,
    E[(Y − xᵀβ̂)² − (Y − xᵀβ*)²] = (β̂ − β*)ᵀE[xxᵀ](β̂ − β*).
    Checked as: exact rational arithmetic (fractions) on finite laws: x uniform on k atoms, ε | x = ±c(x).
    Domain: p ∈ {1, 2, 3}, k ≤ 5 atoms, coordinates, c(x), β*, β̂ in {−2, −3/2, …, 2}.
    Deviation from the lecture: the lecture leaves E[ε | X] = 0 and Σ = E[xxᵀ] (not the covariance)
    implicit.
    """
    risk, quad = _excess_risk_two_ways(*problem)
    evidence.exact(risk, quad, name="R(β̂)", rhs_name="‖β̂ − β*‖²_Σ", at={"problem": problem})


@excess_risk_identity.control("noise correlated with the features: E[ε | x] = x₁³ − x₁ ≠ 0")
@settings(phases=_NO_SHRINK)
# x = 2, ε = 6 ± 0, β* = 0, β̂ = 1: R = E[(6 − 2)² − 6²] = −20, but ‖β̂ − β*‖²_Σ = 4.
@example(problem=([[Fraction(2)]], [Fraction(0)], [Fraction(6)], [Fraction(0)], [Fraction(1)]))
@given(problem=_finite_regression_problems(correlated=True))
def excess_risk_identity_correlated_noise(problem, evidence):
    risk, quad = _excess_risk_two_ways(*problem)
    evidence.exact(risk, quad, name="R(β̂)", rhs_name="‖β̂ − β*‖²_Σ", at={"problem": problem})
