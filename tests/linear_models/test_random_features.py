"""Tests for constructions.linear_models.random_features (C25, C26): shape of the double-descent curve."""

import numpy as np
import pytest

from constructions.linear_models.random_features import (
    double_descent_curve,
    random_feature_weights,
    relu_random_features,
)

N_TRAIN = 60
GRID = np.array([15, 30, 45, 55, 60, 65, 75, 120, 240])


@pytest.fixture(scope="module")
def curves():
    kw = {"n_train": N_TRAIN, "d": 8, "n_test": 300, "n_draws": 4, "noise_sd": 0.5}
    return (double_descent_curve(GRID, rng=np.random.default_rng(0), **kw),
            double_descent_curve(GRID, rng=np.random.default_rng(0), lam=0.1, **kw))


def test_min_norm_random_features_peak_near_the_interpolation_threshold(curves):
    c = curves[0]
    assert 0.8 * N_TRAIN <= c.peak_n_features <= 1.2 * N_TRAIN, c.test_error


def test_test_error_falls_again_beyond_the_threshold(curves):
    c = curves[0]
    peak, far = c.test_error.max(), c.test_error[c.n_features == 4 * N_TRAIN][0]
    assert peak / far > 2, c.test_error


def test_ridge_lowers_the_peak(curves):
    plain, ridged = curves
    assert ridged.test_error.max() < 0.5 * plain.test_error.max()


def test_relu_features_are_the_positive_part_of_zw_transpose():
    rng = np.random.default_rng(1)
    Z, W = rng.standard_normal((5, 3)), random_feature_weights(4, 3, rng=rng)
    np.testing.assert_array_equal(relu_random_features(Z, W), np.maximum(Z @ W.T, 0.0))


def test_noise_draws_share_one_factorisation_and_reduce_the_spread():
    c = double_descent_curve([10, 200], n_train=30, d=4, rng=np.random.default_rng(2),
                             n_draws=3, n_noise=5, n_test=100)
    assert c.test_error.shape == c.standard_error.shape == (2,)
    assert np.all(np.isfinite(c.standard_error))


@pytest.mark.parametrize(("call", "match"), [
    (lambda: relu_random_features(np.ones((2, 3)), np.ones((4, 2))), "columns"),
    (lambda: random_feature_weights(0, 3, rng=np.random.default_rng(0)), "n_features"),
    (lambda: double_descent_curve([0, 5], n_train=5, d=2, rng=np.random.default_rng(0)),
     "n_features"),
    (lambda: double_descent_curve([5], n_train=5, d=2, rng=np.random.default_rng(0), lam=-1.0),
     "lam"),
    (lambda: double_descent_curve([5], n_train=5, d=2, rng=np.random.default_rng(0), n_draws=1),
     "n_draws"),
])
def test_random_feature_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_null_predictor_risk_is_the_unit_signal_power_of_the_target():
    """λ → ∞ forces f̂ → 0, so the test error is E⟨β, z⟩² = ‖β‖² = 1 for the unit-norm target β."""
    n_test, n_draws = 1000, 10
    c = double_descent_curve([5], n_train=20, d=5, rng=np.random.default_rng(3), lam=1e12,
                             n_test=n_test, n_draws=n_draws)
    # ⟨β, z⟩² ~ χ²₁ (mean 1, sd √2) over n_test·n_draws points; |f̂| ~ ‖Φ‖‖y‖/λ ≲ 1e-9 is negligible
    tol = 6 * np.sqrt(2.0 / (n_test * n_draws))  # 6 sd: false alarm ≈ 2e-9
    assert abs(c.test_error[0] - 1.0) <= tol, (
        f"null-predictor risk={c.test_error[0]:.4f}, but should be 1 ± {tol:.4f}")


def test_double_descent_curve_accepts_a_single_random_feature():
    """N = 1 is the documented lower end of the feature range (each N ≥ 1)."""
    c = double_descent_curve([1], n_train=10, d=3, rng=np.random.default_rng(4), n_draws=2,
                             n_test=50)
    assert c.n_features.tolist() == [1] and c.peak_n_features == 1
    assert c.test_error.shape == (1,) and np.all(np.isfinite(c.test_error))
