"""Tests for constructions.linear_models.estimators: min-norm interpolation and ridge, per route."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.designs import matrix_with_condition_number
from constructions.linear_models.estimators import ROUTES, min_norm_interpolator, ridge

EPS = np.finfo(float).eps
# Two backward-stable solvers differ by ≲ c·eps·(κ + κ²·tanθ) (LS perturbation theory); c = 64
# covers the dimension-dependent constants of QR/SVD for n, p ≤ 100 (worst seen ≈ 5).
C_STABLE = 64.0


def _relative_gap(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(b), np.finfo(float).tiny)


def _tolerance(X, coef, y, route):
    s = np.linalg.svd(X, compute_uv=False)
    kappa = s[0] / s[-1]
    resid = np.linalg.norm(X @ coef - y)
    tan_theta = resid / max(s[0] * np.linalg.norm(coef), np.finfo(float).tiny)
    if route in ("gram_cholesky", "normal_cholesky"):
        return C_STABLE * EPS * kappa**2 * (1 + tan_theta)  # squares the condition number
    return C_STABLE * EPS * (kappa + kappa**2 * tan_theta)


@settings(deadline=None, max_examples=60)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), p=st.integers(1, 80),
       log_cond=st.floats(0.0, 7.0))
def test_min_norm_interpolator_matches_pinv_within_condition_derived_tolerance(
        seed, n, p, log_cond):
    rng = np.random.default_rng(seed)
    X = matrix_with_condition_number(n, p, cond=10.0**log_cond, rng=rng)
    y = rng.standard_normal(n)
    fit = min_norm_interpolator(X, y)
    ref = np.linalg.pinv(X) @ y
    gap, tol = _relative_gap(fit.coef, ref), _tolerance(X, ref, y, fit.route)
    assert fit.route in ROUTES
    assert gap <= tol, (f"|β̂ − pinv(X)y|/|pinv(X)y|={gap:.3e}, but should be <= {tol:.3e} "
                        f"[route={fit.route}, n={n}, p={p}, cond=1e{log_cond:.2f}]")


def test_min_norm_interpolator_takes_the_gram_route_for_wide_well_conditioned_designs():
    X = np.random.default_rng(0).standard_normal((50, 200))
    assert min_norm_interpolator(X, np.ones(50)).route == "gram_cholesky"


def test_min_norm_interpolator_takes_the_qr_route_for_tall_designs():
    X = np.random.default_rng(0).standard_normal((200, 50))
    assert min_norm_interpolator(X, np.ones(200)).route == "qr"


def test_min_norm_interpolator_falls_back_to_svd_at_cond_1e6_and_keeps_the_digits():
    rng = np.random.default_rng(1)
    X = matrix_with_condition_number(50, 200, cond=1e6, rng=rng)
    y = rng.standard_normal(50)
    fit = min_norm_interpolator(X, y)
    ref = np.linalg.pinv(X) @ y
    assert fit.route == "svd"
    # the Gram route would lose ~κ²·eps ≈ 1e-4 here; the SVD route stays at κ·eps scale
    assert _relative_gap(fit.coef, ref) <= C_STABLE * EPS * 1e6


def test_min_norm_interpolator_of_a_rank_deficient_design_uses_svd_and_has_infinite_condition():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((30, 3)) @ rng.standard_normal((3, 10))  # rank 3
    y = rng.standard_normal(30)
    fit = min_norm_interpolator(X, y)
    assert fit.route == "svd"
    assert fit.condition_estimate == np.inf
    np.testing.assert_allclose(fit.coef, np.linalg.pinv(X, rcond=1e-10) @ y,
                               rtol=1e-8, atol=0)  # κ of the rank-3 part ≈ 30: 1e-8 is loose


def test_min_norm_interpolator_interpolates_when_p_exceeds_n():
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((40, 120)), rng.standard_normal(40)
    fit = min_norm_interpolator(X, y)
    kappa = np.linalg.cond(X)
    np.testing.assert_allclose(fit.predict(X), y, rtol=0,
                               atol=C_STABLE * EPS * kappa**2 * np.linalg.norm(y))


def test_min_norm_interpolator_fits_several_right_hand_sides_column_by_column():
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((20, 60)), rng.standard_normal((20, 3))
    joint = min_norm_interpolator(X, Y).coef
    for j in range(3):
        # same factorisation, different BLAS blocking: agreement to a few ulps of κ²
        np.testing.assert_allclose(joint[:, j], min_norm_interpolator(X, Y[:, j]).coef,
                                   rtol=1e-12, atol=1e-14)


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), p=st.integers(1, 80),
       log_cond=st.floats(0.0, 6.0), log_lam=st.floats(-8.0, 2.0))
def test_ridge_matches_the_svd_filter_formula(seed, n, p, log_cond, log_lam):
    rng = np.random.default_rng(seed)
    X = matrix_with_condition_number(n, p, cond=10.0**log_cond, rng=rng)
    y, lam = rng.standard_normal(n), 10.0**log_lam
    fit = ridge(X, y, lam=lam)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    ref = Vt.T @ (s / (s * s + lam) * (U.T @ y))
    kappa_sys = (s[0] ** 2 + lam) / (s[-1] ** 2 + lam)
    gap = _relative_gap(fit.coef, ref)
    # the regularised system has condition κ_sys; both routes are accurate to c·κ_sys·eps
    tol = C_STABLE * EPS * kappa_sys
    assert gap <= tol, (f"ridge gap={gap:.3e}, but should be <= {tol:.3e} "
                        f"[route={fit.route}, lam={lam:.2e}]")


def test_ridge_with_lambda_zero_is_the_min_norm_interpolator():
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((10, 30)), rng.standard_normal(10)
    np.testing.assert_array_equal(ridge(X, y, lam=0.0).coef, min_norm_interpolator(X, y).coef)


def test_ridge_takes_the_normal_equations_route_for_tall_designs():
    X = np.random.default_rng(0).standard_normal((200, 20))
    assert ridge(X, np.ones(200), lam=1.0).route == "normal_cholesky"


def test_min_norm_interpolator_of_a_tiny_scale_design_is_exact_by_scale_equivariance():
    """(cX)⁺ = X⁺/c: X = (1 0), c = 2⁻⁵²⁰ (c² below dpocon's range) gives β̂ = (y/c, 0)."""
    c = 2.0**-520
    fit = min_norm_interpolator(np.array([[c, 0.0]]), np.array([3.0]))
    # one singular value, a power of two: the division is exact
    np.testing.assert_array_equal(fit.coef, [3.0 * 2.0**520, 0.0])
    assert fit.condition_estimate == 1.0


@pytest.mark.parametrize(("n", "p"), [(30, 60), (60, 30)])
def test_ridge_falls_back_to_svd_when_the_regularised_system_is_ill_conditioned(n, p):
    """cond(X) = 1e6, λ = 1e-10: κ_sys = (1 + λ)/(1e-12 + λ) ≈ 1e10 > 1e8 forces the SVD route."""
    rng = np.random.default_rng(6)
    X = matrix_with_condition_number(n, p, cond=1e6, rng=rng)
    y, lam = rng.standard_normal(n), 1e-10
    fit = ridge(X, y, lam=lam)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    kappa_sys = (s[0] ** 2 + lam) / (s[-1] ** 2 + lam)
    assert fit.route == "svd"
    # the same rule as the filter-formula property: accurate to c·κ_sys·eps
    ref = Vt.T @ (s / (s * s + lam) * (U.T @ y))
    assert _relative_gap(fit.coef, ref) <= C_STABLE * EPS * kappa_sys


@pytest.mark.parametrize(("X", "y", "match"), [
    (np.ones(3), np.ones(3), "ndim"),
    (np.ones((3, 2)), np.ones(4), "rows"),
    (np.full((2, 2), np.nan), np.ones(2), "non-finite"),
    (np.ones((0, 2)), np.ones(0), "at least one row"),
])
def test_min_norm_interpolator_rejects_bad_input(X, y, match):
    with pytest.raises(ValueError, match=match):
        min_norm_interpolator(X, y)


def test_ridge_rejects_negative_lambda():
    with pytest.raises(ValueError, match="lam"):
        ridge(np.eye(2), np.ones(2), lam=-1.0)


def test_gram_route_is_taken_at_condition_estimate_exactly_max_gram_condition():
    """The Gram/Cholesky route is used when cond(G) is *at most* MAX_GRAM_CONDITION, the bound included."""
    from constructions.linear_models.estimators import MAX_GRAM_CONDITION

    # G = XXᵀ = diag(1e8, 1) exactly; LAPACK's estimate ‖G‖₁‖G⁻¹‖₁ is exact for a diagonal factor
    fit = min_norm_interpolator(np.diag([1e4, 1.0]), np.array([1e4, 1.0]))
    assert fit.condition_estimate == MAX_GRAM_CONDITION, (
        f"condition_estimate={fit.condition_estimate!r}, but should be {MAX_GRAM_CONDITION!r}")
    assert fit.route == "gram_cholesky", f"route={fit.route!r}, but should be 'gram_cholesky'"
    assert fit.coef.tolist() == [1.0, 1.0], f"coef={fit.coef.tolist()}, but should be [1.0, 1.0]"


def test_min_norm_interpolator_of_a_huge_scale_design_is_exact_by_scale_equivariance():
    """(cX)⁺ = X⁺/c: X = (1 0), c = 2⁵²⁰ (XXᵀ = 2¹⁰⁴⁰ overflows to inf) still gives β̂ = (y/c, 0)."""
    c = 2.0**520
    with np.errstate(over="ignore"):  # the overflowing Gram matrix is expected; SVD takes over
        fit = min_norm_interpolator(np.array([[c, 0.0]]), np.array([3.0]))
    # one singular value, a power of two: the division is exact
    np.testing.assert_array_equal(fit.coef, [3.0 * 2.0**-520, 0.0])
    assert fit.route == "svd", f"route={fit.route!r}, but should be 'svd'"


def test_ridge_on_the_svd_route_reports_the_regularised_condition_number():
    """X = diag(2²⁰, 1), λ = 1: κ_sys = (s_max² + λ)/(s_min² + λ) = (2⁴⁰ + 1)/2 > 1e8 ⇒ SVD route."""
    fit = ridge(np.diag([2.0**20, 1.0]), np.array([1.0, 1.0]), lam=1.0)
    assert fit.route == "svd", f"route={fit.route!r}, but should be 'svd'"
    # singular values of a diagonal matrix come out to a few ulps; 4 ulp-sized factors enter
    np.testing.assert_allclose(fit.condition_estimate, (2.0**40 + 1.0) / 2.0, rtol=C_STABLE * EPS)
    # and the coefficients are the filter factors s/(s² + λ) applied to Uᵀy
    np.testing.assert_allclose(fit.coef, [2.0**20 / (2.0**40 + 1.0), 0.5], rtol=C_STABLE * EPS)
