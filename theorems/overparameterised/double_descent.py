"""Double descent: sample-wise, exactly (C27), and with random ReLU features (C25, C26).

Proof idea.  Sample-wise: for isotropic Gaussian designs with p fixed, the exact finite-n risk of
min-norm least squares increases with n on part of the over-parameterised side ("more data can
hurt"), shown in exact rationals and confirmed by a Monte Carlo.  Random features: the min-norm
test error peaks at the interpolation threshold N ≈ n and ridge lowers the peak; no theorem bounds
the probability of these shapes, so each is restated as "shown by an independent replicate with
probability ≥ 0.9" and tested by the binomial law of the count over 8 replicates.

References: Nakkiran et al. 2020 (ICLR); Belkin, Hsu, Ma, Mandal 2019 (PNAS 116(32)); Hastie,
Montanari, Rosset, Tibshirani 2022 (Ann. Statist. 50(2)); Mei & Montanari 2022 (CPAM 75).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.linear_models.bias_variance import (
    conditional_bias_variance,
    isotropic_gaussian_expected_risk,
)
from constructions.linear_models.random_features import double_descent_curve
from constructions.sweeps import grid, run_sweep
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

from ._common import _ALPHA, _LECTURE, _NO_SHRINK, _condition

# ---------------------------------------------------------------------------
# C27  sample-wise double descent: "more data can hurt", exactly
# ---------------------------------------------------------------------------
#: The catalogue's example: p = 100, r² = σ² = 1, and its rounded values of E R(n).
_DDD_P = 100
_DDD_VALUES = {50: (Fraction(15204, 10**4), Fraction(1, 2 * 10**4)), 80: (Fraction(44105, 10**4), Fraction(1, 2 * 10**4)),
               90: (Fraction(101, 10), Fraction(0)), 95: (Fraction(238, 10), Fraction(0)),
               150: (Fraction(20408, 10**4), Fraction(1, 2 * 10**4)), 300: (Fraction(5025, 10**4), Fraction(1, 2 * 10**4))}
#: Sample sizes of the Monte Carlo sweep drawn in the figure (|n − p| ≥ 20: inverse-Wishart tails tame).
_DDD_SWEEP = (20, 50, 80, 150, 300)
_DDD_REPS = 200


def _finite_n_risk(n: int, p: int, r2: Fraction, sigma2: Fraction) -> Fraction:
    """E R(β̂) of min-norm LS for isotropic Gaussian X, exactly (|n − p| ≥ 2)."""
    if p > n + 1:
        return r2 * (1 - Fraction(n, p)) + sigma2 * Fraction(n, p - n - 1)
    return sigma2 * Fraction(p, n - p - 1)


def _mc_risk(n: int, p: int, rng: np.random.Generator, evidence) -> tuple[float, float]:
    """Mean and standard error of _DDD_REPS exact conditional risks R_X, r² = σ² = 1, Σ = I.

    Batched over the designs: with the Cholesky factor C of the Gram matrix (XXᵀ for p > n, XᵀX
    for p < n), V_X = tr(Gram⁻¹) = ‖C⁻¹‖²_F and, for p > n, B_X = ‖β*‖² − ‖C⁻¹Xβ*‖².  The first
    design is cross-checked against ``conditional_bias_variance``."""
    beta = rng.standard_normal(p)
    beta /= np.linalg.norm(beta)
    Xs = rng.standard_normal((_DDD_REPS, n, p))
    wide = p > n
    gram = Xs @ Xs.transpose(0, 2, 1) if wide else Xs.transpose(0, 2, 1) @ Xs
    c_inv = np.linalg.inv(np.linalg.cholesky(gram))
    risk = np.sum(c_inv * c_inv, axis=(1, 2))
    if wide:
        w = np.einsum("rij,rj->ri", c_inv, Xs @ beta)
        risk += 1.0 - np.sum(w * w, axis=1)
    check = conditional_bias_variance(Xs[0], beta, cov=np.ones(p), noise_var=1.0).risk
    kappa = _condition(Xs[0])
    evidence.close(risk[0], check, rtol=64 * (n + p) * kappa**2 * EPS, name="batched R_X (first design)",
                   why="two Gram/LS routes: 64(n + p)κ(X)²·eps", at={"n": n, "p": p})
    return float(risk.mean()), float(risk.std(ddof=1) / math.sqrt(risk.size))


@claim(
    id="deep_double_descent", kind=Kind.STATISTICAL, catalogue="C27",
    statement="Sample-wise double descent, exactly: for isotropic Gaussian designs with p fixed, the min-norm "
              "risk increases with n on the over-parameterised side from n₀ = p − 1 − √(p(p − 1)/SNR) up to "
              "n = p − 2 (for SNR = 1: on all of 1 ≤ n ≤ p − 2), e.g. p = 100: n = 90 is worse than n = 50",
    formula="E R(n) = r²(1 − n/p) + σ²n/(p − n − 1) (n ≤ p − 2);  σ²p/(n − p − 1) (n ≥ p + 2);  "
            "E R(n + 1) > E R(n) iff n ≳ n₀ = p − 1 − √(p(p − 1)σ²/r²)",
    source=Source("Nakkiran, Kaplun, Bansal, Yang, Barak, Sutskever 2020, ICLR (J. Stat. Mech. 2021) — "
                  "the linear analogue; formula HMRT 2022 §2", lecture=_LECTURE),
    hypotheses=("x ~ N(0, I_p), p fixed, n varies", "‖β*‖² = r², Var ε = σ², E[ε | x] = 0", "β̂ = X⁺y"),
    implicit=("deep-network experiments (ResNet, Transformers, epoch-wise double descent) are out of scope: "
              "only the linear model's exact finite-n risk is checked",),
)
@settings(max_examples=3)  # 400 designs of Monte Carlo per example (≈ 0.5 s); the first also sweeps 5 sizes
@given(p=st.integers(4, 120), snr=st.fractions(Fraction(1, 10), 10, max_denominator=10), seed=seeds())
@example(p=_DDD_P, snr=Fraction(1), seed=0)  # the catalogue's example; also the figure's data
def deep_double_descent(p, snr, seed, evidence):
    """More data hurts between n₀ and p − 2: exact monotonicity in rationals, the catalogue's numbers, Monte Carlo.

    Statement: with f(n) = r²(1 − n/p) + σ²n/(p − n − 1) on 1 ≤ n ≤ p − 2 (convex: f″ > 0),
    f(n + 1) > f(n) whenever n ≥ n₀ = p − 1 − √(p(p − 1)/SNR) and f(n + 1) < f(n) whenever
    n + 1 ≤ n₀; for SNR = 1, n₀ < 1, so f increases on all of [1, p − 2]; on n ≥ p + 2 the risk
    σ²p/(n − p − 1) decreases.  For p = 100, r² = σ² = 1: f(50) = 1.5204, f(80) = 4.4105,
    f(90) = 10.1, f(95) = 23.8, f(150) = 2.0408, f(300) = 0.5025.
    Checked as: exact rationals for every consecutive pair in [1, p − 2] (the comparisons with n₀
    done on squares, (p − 1 − n)² vs p(p − 1)/SNR) and on [p + 2, 3p]; the catalogue's numbers
    exactly (10.1 and 23.8 are exact) or to their 4 decimals; ``isotropic_gaussian_expected_risk``
    (floats) against the rationals to 8 eps; statistical — z-tests (α = 1e-6) of the mean of 200
    exact conditional risks R_X = ‖(I − Π)β*‖² + σ² tr(Gram⁻¹) (batched Cholesky; the first design
    of each batch cross-checked against ``conditional_bias_variance`` to 64(n + p)κ(X)²·eps) at
    p = 100, n ∈ {50, 80} against f, and of their difference against
    f(80) − f(50) = 2.89 (the Monte Carlo confirms "more data hurts"); on the pinned example also
    n ∈ {20, 150, 300} (the figure).
    Domain: p ∈ [4, 120], SNR = r²/σ² rational in [0.1, 10] (σ² = 1); Monte Carlo at p = 100,
    r² = σ² = 1.
    Deviation from the lecture: the lecture's claim is about deep networks (Nakkiran et al.); only
    its exact linear analogue is executable here, and the claim says so.
    """
    r2, sigma2 = snr, Fraction(1)
    at = {"p": p, "snr": snr}
    # over-parameterised side: sign of f(n + 1) − f(n) against n₀ (compared on squares)
    edge = p * (p - 1) / snr  # (p − 1 − n₀)²
    for n in range(1, p - 2):
        diff = _finite_n_risk(n + 1, p, r2, sigma2) - _finite_n_risk(n, p, r2, sigma2)
        if (p - 1 - n) ** 2 <= edge:       # n ≥ n₀: f increasing on [n, n + 1]
            evidence.exact(diff, 0, ">", name="f(n + 1) − f(n), n ≥ n₀", at=dict(at, n=n))
        elif (p - 2 - n) ** 2 >= edge:     # n + 1 ≤ n₀: f decreasing on [n, n + 1]
            evidence.exact(diff, 0, "<", name="f(n + 1) − f(n), n + 1 ≤ n₀", at=dict(at, n=n))
    if snr == 1:
        evidence.exact((p - 2) ** 2, edge, "<", name="(p − 2)²", rhs_name="p(p − 1)/SNR (so n₀ < 1)", at=at)
    for n in range(p + 2, 3 * p):
        evidence.exact(_finite_n_risk(n + 1, p, r2, sigma2), _finite_n_risk(n, p, r2, sigma2), "<",
                       name="f(n + 1), n ≥ p + 2", rhs_name="f(n)", at=dict(at, n=n))
    ns = [n for n in (1, p // 2, p - 2, p + 2, 2 * p) if n >= 1 and abs(n - p) >= 2]
    exact = np.array([float(_finite_n_risk(n, p, r2, sigma2)) for n in ns])
    floats = np.array([isotropic_gaussian_expected_risk(n, p, r2=float(r2), sigma2=1.0).risk for n in ns])
    evidence.close(floats, exact, rtol=8 * EPS, name="isotropic_gaussian_expected_risk",
                   why="≤ 4 roundings of a sum of two positive terms (8 eps)", at=dict(at, n=np.array(ns)))

    # the catalogue's numbers (p = 100, r² = σ² = 1)
    one = Fraction(1)
    for n, (value, half_ulp) in _DDD_VALUES.items():
        f = _finite_n_risk(n, _DDD_P, one, one)
        if half_ulp:
            evidence.exact(abs(f - value), half_ulp, "<=", name=f"|E R({n}) − catalogue|", rhs_name="half a unit in "
                           "the last digit", at={"p": _DDD_P, "n": n})
        else:
            evidence.exact(f, value, name=f"E R({n})", at={"p": _DDD_P, "n": n})
    evidence.exact(_finite_n_risk(90, _DDD_P, one, one), _finite_n_risk(50, _DDD_P, one, one), ">",
                   name="E R(n = 90)", rhs_name="E R(n = 50)", at={"p": _DDD_P})

    # Monte Carlo at p = 100
    rng = np.random.default_rng(seed)
    first = "sample_wise_double_descent" not in evidence.figures
    sweep = _DDD_SWEEP if first else (50, 80)
    mc = {}
    for n in sweep:
        mean, se = _mc_risk(n, _DDD_P, rng, evidence)
        mc[n] = (mean, se)
        evidence.confidence(mean, se, float(_finite_n_risk(n, _DDD_P, one, one)), name=f"mean R_X (n = {n})",
                            alpha=_ALPHA, at={"p": _DDD_P, "n": n, "seed": seed})
    diff_truth = float(_finite_n_risk(80, _DDD_P, one, one) - _finite_n_risk(50, _DDD_P, one, one))
    evidence.confidence(mc[80][0] - mc[50][0], math.hypot(mc[80][1], mc[50][1]), diff_truth,
                        name="mean R_X(80) − mean R_X(50)", alpha=_ALPHA, at={"p": _DDD_P, "seed": seed})
    if first:
        grid = [n for n in range(5, 3 * _DDD_P + 1) if abs(n - _DDD_P) >= 2]
        limit = [float(1 - Fraction(n, _DDD_P) + Fraction(n, _DDD_P - n)) if n < _DDD_P  # r²(1 − 1/γ) + σ²/(γ − 1)
                 else float(Fraction(_DDD_P, n - _DDD_P)) for n in grid]                # σ²γ/(1 − γ)
        evidence.figure(
            "sample_wise_double_descent", kind="lines",
            title=f"Min-norm risk against n at p = {_DDD_P} (isotropic Gaussian, r² = σ² = 1)",
            xlabel="n (training samples)", ylabel="E‖β̂ − β*‖²", logx=False, logy=True,
            series=[{"x": grid, "y": [float(_finite_n_risk(n, _DDD_P, one, one)) for n in grid],
                     "label": "exact finite-n E R", "style": "line"},
                    {"x": grid, "y": limit, "label": "HMRT limit at γ = p/n", "style": "dashed"},
                    {"x": list(sweep), "y": [mc[n][0] for n in sweep], "yerr": [mc[n][1] for n in sweep],
                     "label": f"Monte Carlo ({_DDD_REPS} designs, ± 1 s.e.)", "style": "points"}])


@deep_double_descent.control("more data never hurts: E R(n₂) ≤ E R(n₁) for n₁ < n₂")
@settings(phases=_NO_SHRINK)
@given(p=st.integers(4, 120), data=st.data())
@example(p=_DDD_P, data=None)  # n₁ = 50, n₂ = 90 at r² = σ² = 1: 10.1 > 1.5204
def deep_double_descent_more_data_never_hurts(p, data, evidence):
    if data is None:
        n1, n2, snr = 50, 90, Fraction(1)
    else:
        n1 = data.draw(st.integers(1, p - 3), label="n1")
        n2 = data.draw(st.integers(n1 + 1, p - 2), label="n2")
        snr = data.draw(st.fractions(Fraction(1, 10), 10, max_denominator=10), label="snr")
    evidence.exact(_finite_n_risk(n2, p, snr, Fraction(1)), _finite_n_risk(n1, p, snr, Fraction(1)), "<=",
                   name="E R(n₂)", rhs_name="E R(n₁)", at={"p": p, "n1": n1, "n2": n2, "snr": snr})


# ---------------------------------------------------------------------------
# C25, C26  random ReLU features: the double-descent shape
# ---------------------------------------------------------------------------
_RF_N, _RF_D = 40, 10
_RF_GRID = np.array([4, 8, 16, 24, 32, 36, 40, 44, 48, 60, 80, 120, 160])
_RF_LAMBDA = 0.1
_RF_LAMBDA_GRID = (1e-3, 1e-2, 1e-1, 1.0, 10.0)
#: The shape thresholds, against 1000 seeds (n = 40, d = 10, 5 draws × 500 test points per curve):
#: argmax of the min-norm curve at N = n in 1000/1000; peak/error(4n) min 13.5, 1% quantile 23.9;
#: min-norm peak / ridge(λ = 0.1) peak min 5.66, 1% quantile 12.4.  No theorem bounds the probability
#: of these shapes, so the claims are restated as "each independent replicate shows the shape with
#: probability ≥ 0.9" and tested by the binomial law of the count over 8 replicates (below).
_RF_RATIO = 2.0
#: Replicates per example and the null probability: H₀: q ≥ 0.9 is rejected when at most 1 of 8 replicates
#: shows the shape, P(Bin(8, 0.9) ≤ 1) = 7.3e-7 < α = 1e-6 for every q ≥ 0.9 (the tail decreases in q).
_RF_REPLICATES, _RF_Q0 = 8, 0.9


def _rf_curve(seed: int, lam: float):
    return double_descent_curve(_RF_GRID, n_train=_RF_N, d=_RF_D, rng=np.random.default_rng(seed), lam=lam,
                                n_test=500, n_draws=5)


def _rf_replicate_seeds(seed: int) -> list[int]:
    """Seeds of the independent replicates of one example (SeedSequence of the Hypothesis seed)."""
    return [int(s) for s in np.random.SeedSequence(seed).generate_state(_RF_REPLICATES)]


def _peak_in_band(curve_error, lo: float, hi: float) -> bool:
    return bool(lo <= float(_RF_GRID[int(np.argmax(curve_error))]) <= hi)


def _binomial_shape_test(evidence, shown: list[bool], *, event: str, at) -> None:
    """H₀: each replicate shows ``event`` with probability ≥ _RF_Q0; p = P(Bin(k, _RF_Q0) ≤ #shown).

    A valid p-value for the composite H₀ (the binomial CDF at a fixed count decreases in q), so the
    false-alarm rate is ≤ α whatever the true q ≥ _RF_Q0 is; no per-replicate probability is assumed."""
    from scipy.stats import binom

    count = int(sum(shown))
    evidence.statistical(name=f"replicates with {event}: {count}/{len(shown)}",
                         test=f"binomial, H₀: P(shape) ≥ {_RF_Q0:g} per replicate",
                         p_value=float(binom.cdf(count, len(shown), _RF_Q0)), alpha=_ALPHA, at=at)


@claim(
    id="double_descent_belkin", kind=Kind.STATISTICAL, catalogue="C26",
    statement="Random ReLU features with min-norm fits: the test error peaks at the interpolation threshold "
              "N ≈ n and falls again for N > n (error at N = 4n below half the peak), in ≥ 90% of replicates",
    formula="P(argmax_N err(N) ∈ [0.8n, 1.2n] and max_N err(N) > 2·err(4n)) ≥ 0.9",
    source=Source("Belkin, Hsu, Ma, Mandal 2019, PNAS 116(32):15849–15854", lecture=_LECTURE),
    hypotheses=("squared loss, min-norm least squares on N random features", "n fixed, N swept"),
    implicit=("the peak's height depends on the smallest singular value of the n × N feature matrix",),
)
@settings(max_examples=3)  # 8 replicate curves (5 draws each) per example ≈ 0.25 s
@given(seed=seeds())
def double_descent_belkin(seed, evidence):
    """In ≥ 90% of replicates the min-norm curve peaks in [0.8n, 1.2n] and drops by more than 2× at N = 4n.

    Statement: for n = 40 training points z ~ N(0, I₁₀), y = ⟨β, z⟩ + N(0, 0.25), features
    ReLU(Wz) with W_{jk} ~ N(0, 1/10), the mean test error over 5 draws (one replicate), as a
    function of N ∈ {4, …, 160}, is largest at some N ∈ [32, 48] and that peak exceeds twice the
    error at N = 160 — with probability q ≥ 0.9 per replicate.
    Checked as: statistical — per example 8 independent replicates (seeds from the example's
    seed by ``SeedSequence``); H₀: q ≥ 0.9 is rejected when ≤ 1 of 8 show the shape:
    P(Bin(8, 0.9) ≤ 1) = 7.3e-7 ≤ α = 1e-6 for every q ≥ 0.9, so the false-alarm rate is designed
    without knowing q.  Why a restatement: no theorem bounds the probability of the shape (Belkin et
    al. is empirical), so "the curve has this shape" cannot get a designed rate; "it has it in at
    least 90% of replicates" can.  Measured over 1000 seeds: argmax at N = n in all 1000, peak/err(4n)
    ≥ 13.5, so q ≈ 1.
    Domain: n = 40, d = 10, N ∈ {4, 8, 16, 24, 32, 36, 40, 44, 48, 60, 80, 120, 160}, σ = 0.5.
    Deviation from the lecture: qualitative only (Belkin et al. is empirical); no numbers asserted,
    and "peaks" is read as "peaks in ≥ 90% of replicates".
    """
    shown = []
    for r in _rf_replicate_seeds(seed):
        err = _rf_curve(r, 0.0).test_error
        shown.append(_peak_in_band(err, 0.8 * _RF_N, 1.2 * _RF_N)
                     and float(err.max()) > _RF_RATIO * float(err[_RF_GRID == 4 * _RF_N][0]))
    _binomial_shape_test(evidence, shown, event="argmax_N err(N) ∈ [0.8n, 1.2n] and peak > 2·err(4n)",
                         at={"seed": seed})


@double_descent_belkin.control("the peak placed at N = n/2: argmax_N err(N) ∈ [0.4n, 0.6n]")
@settings(max_examples=3, phases=_NO_SHRINK)
@given(seed=seeds())
@example(seed=0)  # argmax at N = n = 40 for all 1000 seeds measured: 0 of 8 replicates, p = 1e-8
def double_descent_belkin_peak_at_half_n(seed, evidence):
    shown = [_peak_in_band(_rf_curve(r, 0.0).test_error, 0.4 * _RF_N, 0.6 * _RF_N) for r in _rf_replicate_seeds(seed)]
    _binomial_shape_test(evidence, shown, event="argmax_N err(N) ∈ [0.4n, 0.6n]", at={"seed": seed})


@claim(
    id="hmrt_random_features", kind=Kind.STATISTICAL, catalogue="C25",
    statement="A two-layer network with a random, untrained first layer behaves like over-parameterised linear "
              "regression: its min-norm test error peaks at N ≈ n, and ridge λ > 0 lowers the peak "
              "(in ≥ 90% of replicates)",
    formula="P(argmax_N err₀(N) ∈ [0.8n, 1.2n] and max_N err₀(N) > 2·max_N err_λ(N)) ≥ 0.9 (λ = 0.1)",
    source=Source("Hastie, Montanari, Rosset, Tibshirani 2022, Ann. Statist. 50(2) §§1, 8 (random-features "
                  "model, qualitative); Mei & Montanari 2022, CPAM 75", lecture=_LECTURE),
    hypotheses=("x = ReLU(Wz), W random and fixed, only the second layer fitted", "n fixed, N swept"),
    implicit=("HMRT's/Mei–Montanari's exact nonlinear risk formulas are not reproduced; shape only",),
)
@settings(max_examples=2)  # 8 replicates × two curves per example ≈ 0.5 s; with the pinned seed 3 examples
@given(seed=seeds())
@example(seed=0)  # the figure's data
def hmrt_random_features(seed, evidence):
    """Random ReLU features: in ≥ 90% of replicates the min-norm peak sits at N ≈ n and ridge λ = 0.1 lowers it 2×.

    Statement: in ``double_descent_belkin``'s setting, with probability q ≥ 0.9 per replicate, the
    min-norm curve err₀ peaks in [0.8n, 1.2n] and its peak exceeds twice the whole ridge curve's
    maximum max_N err_λ(N), λ = 0.1 (same data and features: common random numbers).
    Checked as: statistical — the binomial test of ``double_descent_belkin`` (8 replicates, H₀:
    q ≥ 0.9 rejected at ≤ 1 success, false-alarm rate 7.3e-7 ≤ α = 1e-6 for every q ≥ 0.9).
    Measured over 1000 seeds: peak ratio ≥ 5.66 (1% quantile 12.4), argmax at N = n always: q ≈ 1.
    Domain: n = 40, d = 10, N ∈ {4, …, 160}, λ ∈ {0, 0.1}.
    Deviation from the lecture: the lecture says the restricted network "behaves like linear
    regression" without a formula; only the shape is asserted, as a per-replicate probability.
    λ = 0.1 lowers the peak but does not always remove the bump at N ≈ n (its argmax is at 32–48
    for 60% of seeds); an oracle-tuned λ removes it (the control).
    """
    shown = []
    for i, r in enumerate(_rf_replicate_seeds(seed)):
        base, ridged = _rf_curve(r, 0.0), _rf_curve(r, _RF_LAMBDA)
        shown.append(_peak_in_band(base.test_error, 0.8 * _RF_N, 1.2 * _RF_N)
                     and float(base.test_error.max()) > _RF_RATIO * float(ridged.test_error.max()))
        if i == 0 and "random_features_double_descent" not in evidence.figures:
            evidence.figure(
                "random_features_double_descent", kind="lines",
                title=f"Random ReLU features: test error against N (n = {_RF_N}, d = {_RF_D}, replicate seed {r})",
                xlabel="N (random features)", ylabel="test MSE against ⟨β, z⟩", logx=True, logy=True,
                series=[{"x": _RF_GRID.tolist(), "y": base.test_error.tolist(),
                         "yerr": base.standard_error.tolist(),
                         "label": "min-norm (λ = 0), ± 1 s.e. over 5 draws", "style": "line"},
                        {"x": _RF_GRID.tolist(), "y": ridged.test_error.tolist(),
                         "yerr": ridged.standard_error.tolist(), "label": f"ridge λ = {_RF_LAMBDA:g}",
                         "style": "line"},
                        {"x": [_RF_N, _RF_N], "y": [float(ridged.test_error.min()), float(base.test_error.max())],
                         "label": "N = n", "style": "dashed"}])
    _binomial_shape_test(evidence, shown, event="min-norm peak in [0.8n, 1.2n] and > 2·max ridge error",
                         at={"seed": seed})


@hmrt_random_features.control(
    "the peak survives optimally tuned ridge: argmax_N min_λ err_λ(N) ∈ [0.8n, 1.2n] (λ over 10⁻³…10)")
@settings(max_examples=3, phases=_NO_SHRINK)  # 8 replicates × five curves per example ≈ 1.2 s
@given(seed=seeds())
@example(seed=0)  # the oracle-tuned curve's argmax is N = 4 (the smallest N) for 30/30 seeds measured
def hmrt_random_features_peak_survives_tuned_ridge(seed, evidence):
    shown = []
    for r in _rf_replicate_seeds(seed):
        curves = run_sweep(_rf_curve, grid(seed=[r], lam=_RF_LAMBDA_GRID)).values  # one seed: CRN
        shown.append(_peak_in_band(np.min([c.test_error for c in curves], axis=0), 0.8 * _RF_N, 1.2 * _RF_N))
    _binomial_shape_test(evidence, shown, event="argmax_N min_λ err_λ(N) ∈ [0.8n, 1.2n]", at={"seed": seed})
