"""HMRT isotropic (C23): the exact finite-n Gaussian risk of min-norm least squares, and its limits.

Proof idea.  For isotropic Gaussian designs the inverse-Wishart mean gives the exact finite-n risk
σ²p/(n − p − 1) (p < n − 1) and r²(1 − n/p) + σ²n/(p − n − 1) (p > n + 1), whose limits are the
HMRT curves σ²γ/(1 − γ) and r²(1 − 1/γ) + σ²/(γ − 1).  Checked: a sympy proof of the limits, their
O(1/n) gaps and the optimal over-parameterisation γ* = √SNR/(√SNR − 1) (iff SNR > 1); a Monte
Carlo of exact conditional risks against the finite-n formula; exact rationals at drawn √SNR.

References: Hastie, Montanari, Rosset, Tibshirani 2022 (Ann. Statist. 50(2):949–986, Thm 1).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.bias_variance import (
    conditional_bias_variance,
    conditional_risks_isotropic,
    isotropic_gaussian_expected_risk,
)
from constructions.linear_models.hmrt import isotropic_limit, optimal_overparameterization_ratio
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

from ._common import _ALPHA, _LECTURE, _NO_SHRINK, _R2, _SIGMA2, _condition

_HMRT = Source("Hastie, Montanari, Rosset, Tibshirani 2022, Ann. Statist. 50(2):949–986, Thm 1", lecture=_LECTURE)

# ---------------------------------------------------------------------------
# C23  HMRT isotropic: exact finite-n Gaussian risk, Monte Carlo, derived facts
# ---------------------------------------------------------------------------
#: (n, p) pairs away from the threshold so that tr((XᵀX)⁻¹) has finite variance (|n − p| ≥ 10).
_HMRT_SIZES = st.sampled_from([(40, 20), (60, 30), (20, 40), (30, 90), (25, 60)])
_HMRT_REPS = 300          # designs per Monte Carlo estimate


def _conditional_risks(n, p, rng, *, lam=0.0, r2=_R2, sigma2=_SIGMA2, evidence=None) -> np.ndarray:
    """R_X = B_X + V_X (exact given X) for _HMRT_REPS isotropic Gaussian designs, β* with ‖β*‖² = r².

    Batched over the designs by ``conditional_risks_isotropic`` (the draws are those of _HMRT_REPS
    consecutive (n, p) draws).  With ``evidence`` the first design is cross-checked against
    ``conditional_bias_variance``."""
    beta = rng.standard_normal(p)
    beta *= math.sqrt(r2) / np.linalg.norm(beta)
    Xs = rng.standard_normal((_HMRT_REPS, n, p))
    risks = conditional_risks_isotropic(Xs, beta, noise_var=sigma2, lam=lam)
    if evidence is not None:
        check = conditional_bias_variance(Xs[0], beta, cov=np.ones(p), noise_var=sigma2, lam=lam).risk
        evidence.close(risks[0], check, rtol=64 * (n + p) * _condition(Xs[0]) ** 2 * EPS,
                       name="batched R_X (first design)", why="two Gram/LS routes: 64(n + p)κ(X)²·eps",
                       at={"n": n, "p": p, "lam": lam})
    return risks


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
    Checked as: proof (``hmrt_isotropic_derived_facts``, sympy) of the derived facts for all
    γ, r, σ: the limits of the finite-n formulas with their exact O(1/n) gaps, the sign of the
    derivative (so γ* is the unique minimiser on γ > 1 iff SNR > 1), monotonicity of the γ < 1
    branch, the blow-up at γ = 1 and the values at γ → 0, ∞; statistical — z-test (α = 1e-6 per
    example; normal approximation of a mean of 300) of the mean of 300 exact conditional risks
    R_X = B_X + V_X (batched; the first design cross-checked against ``conditional_bias_variance``)
    against ``isotropic_gaussian_expected_risk``; the finite-n mean itself is not proved here (its
    variance part is ``variance_trace_expectation``, with a rigorous test); and, per example,
    exact rational arithmetic at drawn √SNR as a cross-check of the proof: at γ* (√SNR rational) the derivative
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
    risks = _conditional_risks(n, p, rng, evidence=evidence)
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


@hmrt_isotropic.proof(scope="the derived facts only: all γ ∈ (0, 1) ∪ (1, ∞), σ, r > 0 (limits as n → ∞ with p = γn, "
                             "exact O(1/n) gaps, γ* unique iff SNR > 1); the finite-n Gaussian mean is tested, not proved")
def hmrt_isotropic_derived_facts(evidence):
    """sympy: the limits of the finite-n formulas and their O(1/n) gaps; γ* the unique minimiser iff SNR > 1.

    With σ, r > 0: the finite-n formulas at p = γn tend to the HMRT limits, with exact gaps
    σ²γ/((1 − γ)((1 − γ)n − 1)) and σ²/((γ − 1)((γ − 1)n − 1)) (the bias r²(1 − n/p) is the limit
    itself).  For SNR > 1 write r = (1 + u)σ, u > 0 (√SNR = 1 + u, γ* = (1 + u)/u): the derivative
    r²/γ² − σ²/(γ − 1)² of the γ > 1 limit factors as σu(γ − γ*)·P(γ) with P(1 + v) ≥ σ/(v²(1 + v)²)
    > 0 for v > 0, so the limit decreases on (1, γ*) and increases on (γ*, ∞): γ* is its unique
    minimiser on γ > 1.  For SNR ≤ 1 write r = σ/(1 + u₀), u₀ ≥ 0: −f′(1 + v)·v²(1 + v)²(1 + u₀)²/σ² ≥ 1,
    so the limit decreases strictly on (1, ∞) (no interior minimum; infimum r², the null risk, as γ → ∞).
    The γ < 1 branch increases (derivative ≥ 0 at γ = 1/(1 + w)) from 0 at γ → 0 (the global
    infimum) and both branches → ∞ at γ = 1 (the reciprocal → 0).
    """
    g, sig, u, v, w, n, r = sympy.symbols("gamma sigma u v w n r", positive=True)
    u0 = sympy.Symbol("u0", nonnegative=True)
    s2, r2 = sig**2, r**2
    under, over = s2 * g / (1 - g), r2 * (1 - 1 / g) + s2 / (g - 1)
    finite_under = s2 * (g * n) / (n - g * n - 1)                      # σ²p/(n − p − 1) at p = γn
    finite_over = r2 * (1 - n / (g * n)) + s2 * n / (g * n - n - 1)    # r²(1 − n/p) + σ²n/(p − n − 1)
    pos = "σ, r, γ, n, u, v, w > 0, u₀ ≥ 0"
    evidence.symbolic(sympy.limit(finite_under, n, sympy.oo), under, name="lim_{n→∞} E R(n, γn), γ < 1",
                      assumptions=pos)
    evidence.symbolic(sympy.limit(finite_over, n, sympy.oo), over, name="lim_{n→∞} E R(n, γn), γ > 1",
                      assumptions=pos)
    evidence.symbolic(finite_under - under, s2 * g / ((1 - g) * ((1 - g) * n - 1)), name="finite-n gap, γ < 1",
                      assumptions=pos)
    evidence.symbolic(finite_over - over, s2 / ((g - 1) * ((g - 1) * n - 1)), name="finite-n gap, γ > 1",
                      assumptions=pos)
    d = sympy.diff(over, g)
    evidence.symbolic(d, r2 / g**2 - s2 / (g - 1) ** 2, name="d/dγ [r²(1 − 1/γ) + σ²/(γ − 1)]", assumptions=pos)
    g_star = (1 + u) / u
    d_snr = d.subs(r, (1 + u) * sig)
    evidence.symbolic(d_snr.subs(g, g_star), 0, name="derivative at γ* = √SNR/(√SNR − 1), √SNR = 1 + u",
                      assumptions=pos)
    P = ((1 + u) * sig * (g - 1) + sig * g) / (g**2 * (g - 1) ** 2)
    evidence.symbolic(d_snr, sig * u * (g - g_star) * P, name="derivative = σu(γ − γ*)·P(γ)", assumptions=pos)
    evidence.symbolic(P.subs(g, 1 + v) * v**2 * (1 + v) ** 2 / sig, 1, ">=",
                      name="P(1 + v)·v²(1 + v)²/σ (so P > 0 on γ > 1)", assumptions=pos)
    evidence.symbolic(-d.subs(r, sig / (1 + u0)).subs(g, 1 + v) * v**2 * (1 + v) ** 2 * (1 + u0) ** 2 / s2, 1, ">=",
                      name="−derivative·v²(1 + v)²(1 + u₀)²/σ² at SNR = 1/(1 + u₀)² ≤ 1 (decreasing)",
                      assumptions=pos)
    evidence.symbolic(sympy.diff(under, g).subs(g, 1 / (1 + w)), 0, ">=", name="d/dγ σ²γ/(1 − γ) on γ < 1",
                      assumptions=pos)
    evidence.symbolic(sympy.limit(1 / under, g, 1, "-"), 0, name="1/risk as γ ↑ 1", assumptions=pos)
    evidence.symbolic(sympy.limit(1 / over, g, 1, "+"), 0, name="1/risk as γ ↓ 1", assumptions=pos)
    evidence.symbolic(sympy.limit(over, g, sympy.oo), r2, name="risk as γ → ∞ (null risk)", assumptions=pos)
    evidence.symbolic(sympy.limit(under, g, 0, "+"), 0, name="risk as γ → 0 (global infimum)", assumptions=pos)


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
