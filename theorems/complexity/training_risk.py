"""Training versus test risk (学習の設定; catalogue C01).

For θ fixed in advance the empirical risk R_n(θ) is unbiased for R(θ), exact on finite
problems by enumerating every sample; the fitted θ̂ is optimistic: for OLS on Gaussian
designs E[training MSE] = σ²(1 − p/n) against E[test MSE] = σ²(1 + p/(n − p − 1)), checked
by z-tests on Monte Carlo replicates.  Controls: θ̂ = ERM(D_n) (exact) and the OLS training
MSE (Monte Carlo) taken as unbiased estimates of their test risks.

References: Hastie, Tibshirani, Friedman 2009, §7.4; the inverse-Wishart mean.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.complexity.risks import (
    FiniteLearningProblem,
    expected_ols_test_mse,
    expected_ols_training_mse,
    ols_risk_replicates,
)
from theorems import Kind, Source, claim
from theorems.strategies import finite_learning_problems, seeds

from ._common import _ALPHA, _NO_SHRINK, _mean_and_stderr

# ---------------------------------------------------------------------------
# C01  Training versus test risk
# ---------------------------------------------------------------------------
_OLS_REPLICATES = 1000
#: n − p ≥ 10 keeps the fourth moment of tr((XᵀX)⁻¹) finite, so the z-test's standard error is reliable.
_OLS_MIN_RESIDUAL_DOF = 10
_NOISE_VARIANCES = st.sampled_from([Fraction(1, 4), Fraction(1), Fraction(4)])


@st.composite
def _ols_sizes(draw):
    p = draw(st.integers(1, 10), label="p")
    n = draw(st.integers(p + _OLS_MIN_RESIDUAL_DOF, 5 * p + 20), label="n")
    return n, p



@claim(
    id="train_vs_test_risk", kind=Kind.STATISTICAL, catalogue="C01",
    statement="For a fixed θ (independent of the sample) the empirical risk is unbiased for the "
              "population risk; for OLS on Gaussian designs E[training MSE] = σ²(1 − p/n) and "
              "E[test MSE] = σ²(1 + p/(n−p−1))",
    formula="E_{D_n}[R_n(θ)] = R(θ);  E R_n(β̂) = σ²(1 − p/n),  E R(β̂) = σ²(1 + p/(n − p − 1))",
    source=Source("Lecture definitions of R_n and R; OLS expectations: e.g. Hastie, Tibshirani, "
                  "Friedman 2009, §7.4 and the inverse-Wishart mean (CLAIMS.md C01)",
                  lecture="学習の設定"),
    hypotheses=("D_n i.i.d. from the population", "θ fixed, i.e. chosen without looking at D_n"),
    implicit=("OLS: x ~ N(0, I_p), y = xᵀβ* + ε, ε ~ N(0, σ²) independent of x, n ≥ p + 2 "
              "(test MSE formula); here n ≥ p + 10 for the Monte Carlo",),
)
# each example also runs 1000 OLS replicates (≈ 0.05 s); 30 examples suffice for the z-tests
@settings(max_examples=30)
@given(problem=finite_learning_problems(), n=st.integers(1, 4), sizes=_ols_sizes(),
       noise=_NOISE_VARIANCES, seed=seeds())
def train_vs_test_risk(problem, n, sizes, noise, seed, evidence):
    """The empirical risk of a fixed θ is unbiased; the training risk of the fitted θ̂ is optimistic.

    Statement: E_{D_n}[R_n(θ)] = R(θ) for every θ fixed in advance; for the ERM θ̂,
    E[R_n(θ̂)] ≤ E[R(θ̂)]; for OLS, E[‖y − Xβ̂‖²/n] = σ²(1 − p/n), E[σ² + ‖β̂ − β*‖²] = σ²(1 + p/(n−p−1))
    and E[R_n(θ₀)] = R(θ₀) for a fixed θ₀.
    Checked as: exact rational identity (``FiniteLearningProblem.expectation_over_samples`` enumerates every
    sample) for every θ of the table, and the ERM inequality exactly; three z-tests (α = 1e-6 each) of
    Monte Carlo means over 1000 OLS replicates against the exact expectations.
    Domain: finite problems with ≤ 5 support points, ≤ 5 predictors, squared or 0–1 loss, n ∈ {1, …, 4};
    OLS with p ∈ [1, 10], n ∈ [p + 10, 5p + 20], σ² ∈ {1/4, 1, 4}, β*, θ₀ ~ N(0, I_p) from the seed.
    Deviation from the lecture: the lecture defines R_n and R without saying that R_n estimates R only
    for θ chosen independently of the sample; the control shows what fails for θ̂.
    """
    at = {"n": n}
    for theta in range(problem.n_models):
        mean = problem.expectation_over_samples(n, lambda s, t=theta: problem.empirical_risk(t, s))
        evidence.exact(mean, problem.population_risk(theta), name="E[R_n(θ)]", rhs_name="R(θ)",
                       at={**at, "theta": theta})
    train = problem.expectation_over_samples(n, lambda s: problem.empirical_risk(problem.erm(s), s))
    test = problem.expectation_over_samples(n, lambda s: problem.population_risk(problem.erm(s)))
    evidence.exact(train, test, "<=", name="E[R_n(θ̂_ERM)]", rhs_name="E[R(θ̂_ERM)]", at=at)

    n_ols, p = sizes
    rng = np.random.default_rng(seed)
    beta, theta0 = rng.standard_normal(p), rng.standard_normal(p)
    out = ols_risk_replicates(n_ols, p, noise_variance=float(noise), n_replicates=_OLS_REPLICATES,
                              rng=rng, beta_star=beta, theta_fixed=theta0)
    at = {"n": n_ols, "p": p, "sigma2": noise, "seed": seed}
    for values, truth, name in (
            (out.training_mse, expected_ols_training_mse(n_ols, p, noise_variance=noise), "mean R_n(β̂)"),
            (out.test_mse, expected_ols_test_mse(n_ols, p, noise_variance=noise), "mean R(β̂)"),
            (out.fixed_training_mse, out.fixed_risk, "mean R_n(θ₀)")):
        estimate, stderr = _mean_and_stderr(values)
        evidence.confidence(estimate, stderr, float(truth), name=name, alpha=_ALPHA, at=at)


_COIN = FiniteLearningProblem(points=((0, 0), (1, 1)), probabilities=(Fraction(1, 2), Fraction(1, 2)),
                              predictions=((0, 0), (1, 1)), loss="zero_one")


@train_vs_test_risk.control(
    "θ data-dependent: θ̂ = ERM(D_n) in place of a fixed θ, exactly on finite problems")
@example(problem=_COIN, n=1)  # two constant predictors on a fair coin: E R_n(θ̂) = 0 but E R(θ̂) = 1/2
@given(problem=finite_learning_problems(), n=st.integers(1, 4))
def train_vs_test_risk_for_erm(problem, n, evidence):
    train = problem.expectation_over_samples(n, lambda s: problem.empirical_risk(problem.erm(s), s))
    test = problem.expectation_over_samples(n, lambda s: problem.population_risk(problem.erm(s)))
    evidence.exact(train, test, name="E[R_n(θ̂_ERM)]", rhs_name="E[R(θ̂_ERM)]", at={"n": n})


@train_vs_test_risk.control(
    "θ data-dependent: the OLS training MSE taken as an unbiased estimate of its test MSE")
@settings(max_examples=5, phases=_NO_SHRINK)  # refuted by z ≥ 13 at the least favourable sizes
@given(sizes=_ols_sizes(), noise=_NOISE_VARIANCES, seed=seeds())
def train_vs_test_risk_for_ols(sizes, noise, seed, evidence):
    n, p = sizes
    out = ols_risk_replicates(n, p, noise_variance=float(noise), n_replicates=_OLS_REPLICATES,
                              rng=np.random.default_rng(seed))
    estimate, stderr = _mean_and_stderr(out.training_mse)
    evidence.confidence(estimate, stderr, float(expected_ols_test_mse(n, p, noise_variance=noise)),
                        name="mean R_n(β̂) vs σ²(1 + p/(n−p−1))", alpha=_ALPHA,
                        at={"n": n, "p": p, "sigma2": noise, "seed": seed})

