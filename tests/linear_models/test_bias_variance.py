"""Tests for constructions.linear_models.bias_variance (C19–C21, C31 decomposition)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.bias_variance import (
    conditional_bias_variance,
    conditional_risks_isotropic,
    excess_risk,
    expected_inverse_wishart_trace,
    inverse_gram_traces,
    inverse_wishart_trace_variance,
    isotropic_gaussian_expected_risk,
    ols_variance_trace,
    whitened_inverse_eigenvalue_sum,
)
from constructions.linear_models.designs import design
from constructions.linear_models.estimators import ridge

EPS = np.finfo(float).eps


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 25), p=st.integers(1, 40),
       lam=st.sampled_from([0.0, 0.1, 3.0]), rotate=st.booleans())
def test_bias_plus_variance_equals_the_noise_average_of_the_excess_risk(seed, n, p, lam, rotate):
    # E_ε of a quadratic in ε with Cov ε = σ²I equals its average over the 2n points ±σ√n e_i:
    # an exact finite quadrature, so B + V must match it to rounding.
    rng = np.random.default_rng(seed)
    d = design(n, rng.uniform(0.2, 5.0, p), rng=rng, rotate=rotate)
    beta, sigma2 = rng.standard_normal(p), 0.7
    bv = conditional_bias_variance(d.X, beta, cov=d.covariance, noise_var=sigma2, lam=lam)
    noise = np.sqrt(sigma2 * n) * np.hstack([np.eye(n), -np.eye(n)])
    fits = ridge(d.X, (d.X @ beta)[:, None] + noise, lam=lam)
    avg = float(np.mean(excess_risk(fits.coef, beta, cov=d.covariance)))
    kappa = fits.condition_estimate
    # both sides come from the same L up to one more product; error ≲ κ·eps relative, κ ≤ 1e8
    np.testing.assert_allclose(bv.risk, avg, rtol=64 * EPS * min(kappa, 1e8) * n, atol=0)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 25), p=st.integers(1, 40))
def test_min_norm_bias_and_variance_match_the_pseudoinverse_formulas(seed, n, p):
    rng = np.random.default_rng(seed)
    d = design(n, rng.uniform(0.2, 5.0, p), rng=rng, rotate=True)
    S, beta = d.covariance, rng.standard_normal(p)
    bv = conditional_bias_variance(d.X, beta, cov=S, noise_var=2.0)
    Xp = np.linalg.pinv(d.X)
    Q = np.eye(p) - Xp @ d.X
    bias, var = beta @ Q @ S @ Q @ beta, 2.0 * np.trace(Xp @ Xp.T @ S)
    kappa = np.linalg.cond(d.X)
    tol = 64 * EPS * kappa**2 * max(n, p)  # Gram route: κ² (see estimators)
    np.testing.assert_allclose(bv.variance, var, rtol=tol, atol=0)
    np.testing.assert_allclose(bv.bias, bias, rtol=tol, atol=tol * beta @ S @ beta)


def test_min_norm_bias_vanishes_when_p_le_n():
    rng = np.random.default_rng(0)
    d = design(50, np.linspace(1, 4, 20), rng=rng, rotate=True)
    beta = rng.standard_normal(20)
    bv = conditional_bias_variance(d.X, beta, cov=d.covariance, noise_var=1.0)
    # (I − Π)β is rounding: ≲ κ·eps·‖β‖ with κ ≈ 4 here
    assert bv.bias <= (1e3 * EPS * np.linalg.norm(beta)) ** 2 * 4.0


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), p=st.integers(2, 15), extra=st.integers(2, 30))
def test_variance_trace_equals_the_inverse_eigenvalue_sum_of_the_correctly_whitened_design(
        seed, p, extra):
    rng = np.random.default_rng(seed)
    d = design(p + extra, rng.uniform(0.2, 5.0, p), rng=rng, rotate=True)
    lhs = ols_variance_trace(d.X, d.covariance)
    rhs = whitened_inverse_eigenvalue_sum(d.X, d.covariance, whitening="inverse_sqrt")
    kappa = np.linalg.cond(d.Z) * np.linalg.cond(d.covariance)  # whitening adds cond(Σ)
    np.testing.assert_allclose(lhs, rhs, rtol=64 * EPS * kappa**2 * p, atol=0)


def test_lecture_whitening_z_equals_x_sigma_half_breaks_the_variance_identity():
    rng = np.random.default_rng(1)
    d = design(60, [4.0, 2.0, 1.0, 0.5], rng=rng, rotate=True)
    lhs = ols_variance_trace(d.X, d.covariance)
    literal = whitened_inverse_eigenvalue_sum(d.X, d.covariance, whitening="sqrt")
    assert abs(literal - lhs) > 0.1 * lhs, (lhs, literal)


def test_inverse_wishart_trace_mean_matches_monte_carlo_at_n200_p60():
    rng = np.random.default_rng(2)
    n, p, reps = 200, 60, 60
    draws = [np.trace(np.linalg.inv(z.T @ z)) for z in rng.standard_normal((reps, n, p))]
    mean, se = np.mean(draws), np.std(draws, ddof=1) / np.sqrt(reps)
    exact = expected_inverse_wishart_trace(n, p)
    assert exact == 60 / 139
    assert abs(mean - exact) <= 5 * se  # 5 se: two-sided false alarm ≈ 6e-7 (normal approx.)


def test_inverse_wishart_trace_variance_at_p1_is_the_variance_of_an_inverse_chi_square():
    import sympy as sp

    x, n = sp.symbols("x n", positive=True)
    for nn in (5, 8, 13):
        density = x ** (sp.Rational(nn, 2) - 1) * sp.exp(-x / 2) / (2 ** sp.Rational(nn, 2) * sp.gamma(sp.Rational(nn, 2)))
        m1 = sp.integrate(density / x, (x, 0, sp.oo))
        m2 = sp.integrate(density / x**2, (x, 0, sp.oo))
        exact = m2 - m1**2
        assert exact == sp.Rational(2, (nn - 2) ** 2 * (nn - 4))
        # a ratio of small integers: ≤ 4 roundings
        assert abs(inverse_wishart_trace_variance(nn, 1) - float(exact)) <= 4 * EPS * float(exact)


def test_inverse_wishart_trace_variance_matches_monte_carlo_at_n20_p10():
    rng = np.random.default_rng(4)
    traces = inverse_gram_traces(rng.standard_normal((20000, 20, 10)))
    exact = inverse_wishart_trace_variance(20, 10)
    assert exact == 2 * 10 * 19 / (10 * 81 * 7)
    # sample variance of a law with 5 finite moments: its sd is ≈ 0.1·exact here (measured over 20 seeds);
    # a 35% band is 3.5 such sds (a loose, explained check of the formula, which the claim relies on)
    assert abs(traces.var(ddof=1) / exact - 1) <= 0.35


def test_inverse_wishart_trace_variance_is_infinite_up_to_n_eq_p_plus_3():
    assert inverse_wishart_trace_variance(8, 5) == float("inf")
    assert inverse_wishart_trace_variance(9, 5) == 2 * 5 * 8 / (4 * 9 * 1)


def test_inverse_gram_traces_equal_the_trace_of_each_inverse():
    Z = np.random.default_rng(5).standard_normal((7, 9, 4))
    ref = np.array([np.trace(np.linalg.inv(z.T @ z)) for z in Z])
    # κ(Z)² ≤ 100 for these shapes; Cholesky and LU routes agree to κ²·p·eps
    np.testing.assert_allclose(inverse_gram_traces(Z), ref, rtol=64 * 100 * EPS, atol=0)


@settings(deadline=None, max_examples=20)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12), p=st.integers(1, 12),
       lam=st.sampled_from([0.0, 0.1, 3.0]))
def test_batched_isotropic_risks_equal_conditional_bias_plus_variance(seed, n, p, lam):
    rng = np.random.default_rng(seed)
    if lam == 0.0 and abs(n - p) < 2:
        return  # square-ish Gaussian designs can be arbitrarily ill-conditioned; covered by lam > 0
    X, beta = rng.standard_normal((3, n, p)), rng.standard_normal(p)
    got = conditional_risks_isotropic(X, beta, noise_var=0.7, lam=lam)
    ref = [conditional_bias_variance(x, beta, cov=np.ones(p), noise_var=0.7, lam=lam).risk for x in X]
    kappa = max(np.linalg.cond(x) for x in X)
    # two Gram/LS routes, each ≲ κ(X)²·eps relative (ridge only improves the conditioning)
    np.testing.assert_allclose(got, ref, rtol=64 * (n + p) * kappa**2 * EPS, atol=0)


def test_batched_ridge_risk_at_lambda_one_is_the_worked_value():
    """X = (1 0), β* = (1, 1), λ = 1: L = Xᵀ/2, B_X = ‖(½, 1)‖² = 5/4, V_X = σ²‖L‖²_F = σ²/4."""
    got = conditional_risks_isotropic(np.array([[[1.0, 0.0]]]), [1.0, 1.0], noise_var=2.0, lam=1.0)
    # a Cholesky of 2, an inverse and a few products of O(1) numbers: ≤ 8 roundings
    np.testing.assert_allclose(got, [5 / 4 + 2.0 / 4], rtol=8 * EPS, atol=0)


def test_inverse_gram_traces_reject_a_rank_deficient_design():
    with pytest.raises(ValueError, match="rank"):
        inverse_gram_traces(np.zeros((1, 3, 2)))


@pytest.mark.parametrize("Z", [
    np.array([[[0.7, 0.1]]]),  # n = 1 < p = 2; rounding leaves its Gram matrix a positive pivot
    np.random.default_rng(0).standard_normal((3, 2, 3)),
], ids=["one_point_in_the_plane", "two_points_in_3d"])
def test_inverse_gram_traces_refuse_fewer_observations_than_dimensions(Z):
    """n < p: ZᵀZ has rank n < p, so tr((ZᵀZ)⁻¹) does not exist and the shape is refused."""
    with pytest.raises(ValueError, match="n >= p"):
        inverse_gram_traces(Z)


def test_isotropic_gaussian_expected_risk_reproduces_the_more_data_hurts_numbers():
    got = {n: isotropic_gaussian_expected_risk(n, 100, r2=1.0, sigma2=1.0).risk
           for n in (50, 80, 90, 95, 150, 300)}
    # catalogue C27 (4 decimals); exact rationals r²(1 − n/p) + σ²n/(p − n − 1) etc.
    assert got[50] == 0.5 + 50 / 49 and round(got[50], 4) == 1.5204
    assert round(got[80], 4) == 4.4105 and round(got[90], 1) == 10.1 and round(got[95], 1) == 23.8
    assert round(got[150], 4) == 2.0408 and round(got[300], 4) == 0.5025


def test_isotropic_gaussian_expected_risk_is_infinite_near_the_threshold():
    for p in (99, 100, 101):
        assert isotropic_gaussian_expected_risk(100, p, r2=1.0, sigma2=1.0).variance == np.inf
    assert isotropic_gaussian_expected_risk(100, 100, r2=1.0, sigma2=0.0).risk == 0.0


def test_isotropic_gaussian_expected_risk_matches_monte_carlo_of_the_conditional_risk():
    rng = np.random.default_rng(3)
    n, p, reps = 40, 80, 200
    beta = np.ones(p) / np.sqrt(p)
    draws = [conditional_bias_variance(rng.standard_normal((n, p)), beta, cov=np.ones(p),
                                       noise_var=0.5).risk for _ in range(reps)]
    mean, se = np.mean(draws), np.std(draws, ddof=1) / np.sqrt(reps)
    exact = isotropic_gaussian_expected_risk(n, p, r2=1.0, sigma2=0.5).risk
    assert abs(mean - exact) <= 5 * se, (mean, se, exact)  # false alarm ≈ 6e-7


def test_excess_risk_accepts_diagonal_or_full_covariance():
    assert excess_risk([1.0, 2.0], [0.0, 0.0], cov=[1.0, 3.0]) == 13.0
    assert excess_risk([1.0, 2.0], [0.0, 0.0], cov=np.diag([1.0, 3.0])) == 13.0
    np.testing.assert_array_equal(
        excess_risk(np.array([[1.0, 0.0], [2.0, 1.0]]), [0.0, 0.0], cov=[1.0, 3.0]), [13.0, 3.0])


@pytest.mark.parametrize(("call", "match"), [
    (lambda: excess_risk([1.0], [1.0, 2.0], cov=[1.0, 1.0]), "rows"),
    (lambda: conditional_bias_variance(np.eye(2), [1.0], cov=[1.0], noise_var=1.0), "columns"),
    (lambda: conditional_bias_variance(np.eye(2), [1.0, 1.0], cov=[1.0, 1.0], noise_var=-1.0),
     "noise_var"),
    (lambda: ols_variance_trace(np.ones((2, 3)), np.ones(3)), "p <= n"),
    (lambda: ols_variance_trace(np.ones((3, 2)), np.ones(2)), "rank"),
    (lambda: whitened_inverse_eigenvalue_sum(np.eye(2), [1.0, 0.0]), "eigenvalue"),
    (lambda: whitened_inverse_eigenvalue_sum(np.eye(2), [1.0, 1.0], whitening="cbrt"), "whitening"),
    (lambda: expected_inverse_wishart_trace(5, 10), "singular"),
    (lambda: conditional_risks_isotropic(np.eye(3)[None, :, :2], [1.0], noise_var=1.0), "beta 1"),
    (lambda: conditional_risks_isotropic(np.zeros((0, 3, 2)), [1.0, 1.0], noise_var=1.0), "R >= 1"),
])
def test_bias_variance_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_ols_variance_trace_refuses_a_design_whose_qr_overflows():
    """A finite X whose column norm overflows (entries ~1.7e308) gives a NaN in R's diagonal;
    the rank check must refuse it with a ValueError, not pass NaN on as tr(Σ̂⁻¹Σ)."""
    X = np.array([[1, 1.7e308, 1], [1, 1.7e308, 2], [1, 1, 3], [0.5, 2, -1]])
    with np.errstate(over="ignore", invalid="ignore"), pytest.raises(ValueError, match="overflows"):
        ols_variance_trace(X, np.eye(3))
