"""Tests for constructions.linear_models.designs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.designs import (
    DISTRIBUTIONS,
    design,
    matrix_with_condition_number,
    standardized_entries,
)

EPS = np.finfo(float).eps


def test_rademacher_entries_are_plus_or_minus_one():
    z = standardized_entries(50, 40, distribution="rademacher", rng=np.random.default_rng(0))
    assert set(np.unique(z).tolist()) == {-1.0, 1.0}


@pytest.mark.parametrize("distribution", ["gaussian", "rademacher", "uniform"])
def test_standardized_entries_have_mean_zero_and_variance_one(distribution):
    z = standardized_entries(400, 250, distribution=distribution, rng=np.random.default_rng(1))
    m = z.size  # 1e5 entries; sd(mean) = 1/√m ≈ 3.2e-3, sd(var) ≤ √(2/m) ≈ 4.5e-3
    assert abs(z.mean()) <= 6 / np.sqrt(m)  # 6 sd: false alarm ≈ 2e-9
    assert abs(z.var() - 1.0) <= 6 * np.sqrt(2 / m)


def test_uniform_entries_lie_in_the_symmetric_interval_of_half_width_sqrt3():
    z = standardized_entries(100, 100, distribution="uniform", rng=np.random.default_rng(2))
    assert np.max(np.abs(z)) <= np.sqrt(3.0)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 30), p=st.integers(1, 20),
       rotate=st.booleans(), distribution=st.sampled_from(DISTRIBUTIONS[:3]))
def test_design_is_z_times_the_symmetric_square_root_of_sigma(seed, n, p, rotate, distribution):
    rng = np.random.default_rng(seed)
    lam = rng.uniform(0.1, 10.0, p)
    d = design(n, lam, rng=rng, distribution=distribution, rotate=rotate)
    ref = d.Z @ d.covariance_sqrt
    # both sides are products with an orthogonal V; error ≲ p·eps·‖Z‖·√λ_max
    np.testing.assert_allclose(d.X, ref, rtol=0,
                               atol=8 * p * EPS * np.abs(d.Z).max() * np.sqrt(lam.max()) * p)
    np.testing.assert_allclose(np.linalg.eigvalsh(d.covariance), np.sort(lam), rtol=0,
                               atol=8 * p * EPS * lam.max())


def test_design_without_rotation_has_diagonal_covariance():
    d = design(5, [3.0, 2.0, 1.0], rng=np.random.default_rng(0))
    assert d.eigenvectors is None
    np.testing.assert_array_equal(d.covariance, np.diag([3.0, 2.0, 1.0]))
    np.testing.assert_array_equal(d.X, d.Z * np.sqrt([3.0, 2.0, 1.0]))


def test_design_row_second_moment_approaches_sigma():
    rng = np.random.default_rng(3)
    d = design(20000, [4.0, 1.0, 0.25], rng=rng, rotate=True)
    emp = d.X.T @ d.X / d.n
    # entrywise sd of (XᵀX/n)_ij ≤ √(2/n)·λ_max ≈ 0.04; 6 sd
    np.testing.assert_allclose(emp, d.covariance, rtol=0, atol=6 * np.sqrt(2 / d.n) * 4.0)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 40), p=st.integers(2, 40),
       log_cond=st.floats(0.0, 8.0))
def test_matrix_with_condition_number_has_that_condition_number(seed, n, p, log_cond):
    cond = 10.0**log_cond
    A = matrix_with_condition_number(n, p, cond=cond, rng=np.random.default_rng(seed))
    # forming U diag(s) Vᵀ perturbs s_min by ≈ k·eps·s_max: relative error ≲ k·cond·eps
    np.testing.assert_allclose(np.linalg.cond(A), cond, rtol=16 * max(n, p) * cond * EPS)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"n": 0, "p": 2}, "n=0"),
    ({"n": 2, "p": 2, "distribution": "laplace"}, "distribution"),
    ({"n": 2, "p": 2, "rng": 0}, "rng"),
])
def test_standardized_entries_rejects_bad_input(kwargs, match):
    kwargs = {"rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(ValueError, match=match):
        standardized_entries(kwargs.pop("n"), kwargs.pop("p"), **kwargs)


def test_design_rejects_negative_eigenvalues():
    with pytest.raises(ValueError, match="eigenvalues"):
        design(3, [1.0, -1.0], rng=np.random.default_rng(0))


def test_matrix_with_condition_number_rejects_cond_below_one():
    with pytest.raises(ValueError, match="cond"):
        matrix_with_condition_number(3, 3, cond=0.5, rng=np.random.default_rng(0))


def test_student_t3_entries_follow_t3_over_sqrt3():
    from scipy.stats import kstest, t

    z = standardized_entries(200, 50, distribution="student_t3", rng=np.random.default_rng(7))
    # iid draws: the KS test's false-alarm rate is exactly the threshold 1e-6
    assert kstest(z.ravel() * np.sqrt(3.0), t(3).cdf).pvalue >= 1e-6


def test_cauchy_entries_follow_the_standard_cauchy_law():
    """The heavy-tailed control draws an (n, p) array of iid standard Cauchy entries."""
    from scipy.stats import cauchy, kstest

    z = standardized_entries(200, 50, distribution="cauchy", rng=np.random.default_rng(8))
    assert z.shape == (200, 50)
    # iid draws: the KS test's false-alarm rate is exactly the threshold 1e-6
    assert kstest(z.ravel(), cauchy.cdf).pvalue >= 1e-6


@pytest.mark.parametrize("rotate", [False, True])
def test_design_has_n_rows_and_p_columns_with_p_the_length_of_the_spectrum(rotate):
    """A design of n rows for a spectrum of length p reports n = rows and p = dim Σ."""
    d = design(7, [3.0, 2.0, 1.0], rng=np.random.default_rng(9), rotate=rotate)
    assert (d.n, d.p) == (7, 3), f"(n, p)={(d.n, d.p)}, but should be (7, 3)"
    assert d.X.shape == d.Z.shape == (d.n, d.p)
    assert d.covariance.shape == (d.p, d.p)
