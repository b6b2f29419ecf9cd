"""Tests for constructions.linear_models.hmrt (C23, C24, C27)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from constructions.linear_models.bias_variance import conditional_bias_variance
from constructions.linear_models.designs import design
from constructions.linear_models.hmrt import (
    general_sigma_limit,
    isotropic_gaussian_expected_risk,
    isotropic_limit,
    optimal_overparameterization_ratio,
    solve_c0,
)

EPS = np.finfo(float).eps


def test_isotropic_limit_branches():
    assert isotropic_limit(0.5, r2=1.0, sigma2=0.5) == isotropic_limit(0.5, r2=7.0, sigma2=0.5)
    assert isotropic_limit(0.5, r2=1.0, sigma2=0.5).risk == 0.5
    lim = isotropic_limit(4.0, r2=2.0, sigma2=0.3)
    assert (lim.bias, lim.variance) == (2.0 * 0.75, 0.3 / 3.0)
    assert isotropic_limit(1.0, r2=1.0, sigma2=0.5).variance == np.inf


def test_isotropic_limit_at_the_interpolation_threshold_without_noise_is_zero():
    """γ = 1, σ² = 0: bias r²(1 − 1/γ) = 0 and variance 0 (not ∞): the documented σ² = 0 case."""
    lim = isotropic_limit(1.0, r2=2.0, sigma2=0.0)
    assert (lim.bias, lim.variance) == (0.0, 0.0)


def test_finite_n_gaussian_risk_converges_to_the_isotropic_limit():
    for gamma in (0.25, 0.5, 2.0, 3.0):
        gaps = []
        for n in (10**2, 10**4, 10**6):
            p = int(gamma * n)
            gaps.append(abs(isotropic_gaussian_expected_risk(n, p, r2=1.0, sigma2=0.5).risk
                            - isotropic_limit(gamma, r2=1.0, sigma2=0.5).risk))
        assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-5, (gamma, gaps)


def test_catalogue_finite_n_numbers():
    # CLAIMS.md C23 (r² = 1, σ² = 0.5): exact 0.5025, 1.0025, 0.9170
    got = [isotropic_gaussian_expected_risk(n, p, r2=1.0, sigma2=0.5).risk
           for n, p in ((400, 200), (200, 400), (150, 600))]
    assert [round(v, 4) for v in got] == [0.5025, 1.0025, 0.9170]


def test_optimal_overparameterization_ratio_is_the_sympy_critical_point():
    g, snr = sp.symbols("gamma snr", positive=True)
    risk = snr * (1 - 1 / g) + 1 / (g - 1)  # σ² = 1, r² = SNR
    crit = sp.solve(sp.diff(risk, g), g)
    for value in (1.5, 4.0, 9.0):
        roots = [float(c.subs(snr, value)) for c in crit if float(c.subs(snr, value)) > 1]
        assert len(roots) == 1
        np.testing.assert_allclose(optimal_overparameterization_ratio(value), roots[0],
                                   rtol=4 * EPS)
        num = minimize_scalar(lambda t, v=value: isotropic_limit(t, r2=v, sigma2=1.0).risk,
                              bounds=(1.0001, 100.0), method="bounded", options={"xatol": 1e-10})
        # bounded Brent locates a smooth minimum to ~√eps relative in γ
        np.testing.assert_allclose(num.x, optimal_overparameterization_ratio(value), rtol=1e-6)


def test_no_interior_minimum_when_snr_at_most_one():
    assert optimal_overparameterization_ratio(1.0) == np.inf
    risks = [isotropic_limit(t, r2=0.8, sigma2=1.0).risk for t in np.linspace(1.1, 50, 200)]
    assert np.all(np.diff(risks) < 0)


def test_c0_isotropic_reduction_is_one_over_gamma_minus_one():
    for gamma in (1.1, 2.0, 3.0, 10.0):
        c0 = solve_c0(gamma, atoms=[1.0], weights=[1.0])
        np.testing.assert_allclose(c0 * gamma, 1.0 / (gamma - 1.0), rtol=16 * EPS)


@settings(deadline=None, max_examples=60)
@given(gamma=st.floats(1.01, 100.0),
       atoms=st.lists(st.floats(0.1, 10.0), min_size=1, max_size=3),
       raw=st.lists(st.floats(0.1, 1.0), min_size=3, max_size=3))
@example(gamma=17.75, atoms=[1.0], raw=[1.0, 1.0, 1.0])  # a 5·eps bracket misses here
@example(gamma=20.75, atoms=[4.0, 1.0], raw=[1.0, 1.0, 1.0])  # and here (the C24 spectrum)
def test_c0_is_bracketed_to_four_eps_relative(gamma, atoms, raw):
    """c₀ is found to rtol 4·eps: Σ wᵢ/(1 + cγsᵢ) − (1 − 1/γ) changes sign on c₀(1 ± 4·eps)."""
    s = np.array(atoms)
    w = np.array(raw[: s.size]) / np.sum(raw[: s.size])
    c0 = solve_c0(gamma, atoms=s, weights=w)

    def excess(c):
        return float(np.sum(w / (1.0 + c * gamma * s))) - (1.0 - 1.0 / gamma)

    # brentq stops with a sign change between floats less than 4·eps·c₀ apart, and the computed
    # excess is non-increasing in c (every rounded step is monotone): so its sign flips inside
    lo, hi = c0 - 4 * EPS * c0, c0 + 4 * EPS * c0
    assert excess(lo) >= 0.0 >= excess(hi), (
        f"excess(c0(1 - 4eps))={excess(lo)!r}, excess(c0(1 + 4eps))={excess(hi)!r}, but should be "
        f">= 0 and <= 0 [solve_c0(gamma={gamma!r}, atoms={atoms!r}, weights={w.tolist()!r})]")


def test_general_sigma_limit_with_identity_reduces_to_the_isotropic_limit():
    for gamma in (0.3, 1.5, 3.0):
        gen = general_sigma_limit(gamma, h_atoms=[1.0], h_weights=[1.0], r2=1.3, sigma2=0.4)
        iso = isotropic_limit(gamma, r2=1.3, sigma2=0.4)
        np.testing.assert_allclose([gen.bias, gen.variance], [iso.bias, iso.variance],
                                   rtol=64 * EPS, atol=64 * EPS)


def test_general_sigma_limit_reproduces_the_catalogue_numbers():
    # CLAIMS.md C24: H = G = ½δ₄ + ½δ₁, γ = 3, σ² = 0.5 ⇒ c₀ = 0.076764, B = 1.4474, B + V = 1.7772
    lim = general_sigma_limit(3.0, h_atoms=[4.0, 1.0], h_weights=[0.5, 0.5], r2=1.0, sigma2=0.5)
    assert round(lim.c0, 6) == 0.076764
    assert round(lim.bias, 4) == 1.4474 and round(lim.variance, 4) == 0.3298
    assert round(lim.risk, 4) == 1.7772


def test_aligning_beta_with_the_top_eigenvector_changes_the_bias():
    h = {"h_atoms": [4.0, 1.0], "h_weights": [0.5, 0.5], "r2": 1.0, "sigma2": 0.5}
    aligned = general_sigma_limit(3.0, g_weights=[1.0, 0.0], **h)
    assert aligned.bias > general_sigma_limit(3.0, **h).bias + 0.3


def test_general_sigma_limit_agrees_with_the_conditional_risk_at_n300_p900():
    # β with exactly half its mass on each eigenspace (G = H); exact E_ε risk given X,
    # 4 designs.  Measured per-design sd of B ≈ 0.02, so se ≈ 0.01; 0.05 also absorbs the
    # O(1/√n) finite-size deviation (measured mean 1.4517 vs 1.4474).
    rng = np.random.default_rng(0)
    lam = np.repeat([4.0, 1.0], 450)
    lim = general_sigma_limit(3.0, h_atoms=[4.0, 1.0], h_weights=[0.5, 0.5], r2=1.0, sigma2=0.5)
    risks = []
    for _ in range(4):
        d = design(300, lam, rng=rng)
        b = rng.standard_normal((2, 450))
        beta = np.sqrt(0.5) * (b / np.linalg.norm(b, axis=1, keepdims=True)).ravel()
        risks.append(conditional_bias_variance(d.X, beta, cov=lam, noise_var=0.5).risk)
    assert abs(np.mean(risks) - lim.risk) <= 0.05, (np.mean(risks), lim.risk)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: isotropic_limit(0.0, r2=1.0, sigma2=1.0), "gamma"),
    (lambda: solve_c0(1.0, atoms=[1.0], weights=[1.0]), "gamma"),
    (lambda: solve_c0(2.0, atoms=[0.0], weights=[1.0]), "h_atoms"),
    (lambda: solve_c0(2.0, atoms=[1.0, 2.0], weights=[0.5, 0.6]), "sum"),
    (lambda: general_sigma_limit(1.0, h_atoms=[1.0], h_weights=[1.0], r2=1.0, sigma2=1.0),
     "threshold"),
    (lambda: general_sigma_limit(2.0, h_atoms=[1.0], h_weights=[1.0], g_weights=[1.0, 0.0],
                                 r2=1.0, sigma2=1.0), "shape"),
    (lambda: optimal_overparameterization_ratio(-1.0), "snr"),
])
def test_hmrt_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
