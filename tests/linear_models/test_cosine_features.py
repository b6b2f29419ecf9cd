"""Tests for constructions.linear_models.cosine_features (the lecture's benign-overfitting picture, C31)."""

import numpy as np
import pytest

from constructions.linear_models.cosine_features import (
    CosineFit,
    cosine_features,
    cosine_regression_data,
    fit_cosine_features,
    true_function,
)

EPS = np.finfo(float).eps


def test_features_are_weighted_cosines_without_a_constant_column():
    x = np.array([0.0, np.pi / 2])
    F = cosine_features(x, n_features=4, weighting="inv_sqrt")
    np.testing.assert_array_equal(F[0], np.arange(1, 5) ** -0.5)  # cos(0) = 1 for m = 1..4
    np.testing.assert_allclose(F[1], np.cos(np.arange(1, 5) * np.pi / 2) * np.arange(1, 5) ** -0.5,
                               rtol=0, atol=4 * EPS)


def test_inv_weighting_is_one_over_m_and_the_square_of_inv_sqrt():
    """w_m = 1/m for "inv": at x = 0 the row is (1, 1/2, 1/3, 1/4), the inv_sqrt row squared."""
    F = cosine_features([0.0], n_features=4, weighting="inv")
    # cos(0) = 1 exactly and 1/m is one correctly rounded division: exact equality
    assert F[0].tolist() == [1.0, 1 / 2, 1 / 3, 1 / 4]
    G = cosine_features([0.0], n_features=4, weighting="inv_sqrt")
    # (m^{-1/2})² vs 1/m: pow within 1 ulp (doubled by squaring), the square and 1/m within
    # half an ulp each: at most 3 eps relative
    np.testing.assert_allclose(F, G**2, rtol=3 * EPS, atol=0)


def test_parseval_error_equals_the_fine_grid_mse():
    x, y = cosine_regression_data(rng=np.random.default_rng(0))
    fit = fit_cosine_features(x, y, n_features=200, weighting="inv_sqrt")
    g = np.linspace(0, np.pi, 20001)
    grid = np.mean((fit(g) - true_function(g)) ** 2)
    # equispaced mean ≈ (1/π)∫ with O(1/grid) endpoint error for a 200-term series
    np.testing.assert_allclose(fit.mse_against_truth(), grid, rtol=2e-3)


def test_ols_below_n_and_min_norm_interpolation_above_n():
    x, y = cosine_regression_data(rng=np.random.default_rng(1))
    assert fit_cosine_features(x, y, n_features=3).route == "qr"
    fit = fit_cosine_features(x, y, n_features=2000, weighting="inv_sqrt")
    assert fit.route in ("gram_cholesky", "svd")
    X = cosine_features(x, n_features=2000, weighting="inv_sqrt")
    kappa = np.linalg.cond(X)
    # training residual at rounding level: Gram route error ≲ κ²·eps·‖y‖ (κ ≈ 20 here)
    np.testing.assert_allclose(fit(x), y, rtol=0, atol=64 * EPS * kappa**2 * np.linalg.norm(y))


def test_weighted_min_norm_fit_beats_the_unweighted_one_over_many_draws():
    # Robust contrast (CLAIMS.md C31: 50-draw means 0.498 unweighted, median 0.059 for 1/√m).
    rng = np.random.default_rng(2)
    unweighted, weighted = [], []
    for _ in range(20):
        x, y = cosine_regression_data(rng=rng)
        unweighted.append(fit_cosine_features(x, y, n_features=2000).mse_against_truth())
        weighted.append(fit_cosine_features(x, y, n_features=2000,
                                            weighting="inv_sqrt").mse_against_truth())
    unweighted, weighted = np.array(unweighted), np.array(weighted)
    assert 0.4 <= np.mean(unweighted) <= 0.6  # ≈ ‖f*‖² = 0.5: the fit predicts ≈ 0
    assert np.median(weighted) <= 0.12 < 0.4 <= np.median(unweighted)
    assert np.mean(weighted < unweighted) >= 0.9


def test_weighted_fit_puts_f_star_in_the_low_frequencies_and_noise_in_small_high_ones():
    x, y = cosine_regression_data(rng=np.random.default_rng(3))
    a = fit_cosine_features(x, y, n_features=2000, weighting="inv_sqrt").cosine_coefficients
    assert abs(a[2] - 1.0) < 0.3  # the cos 3x coefficient
    assert 0.5 * np.sum(a[10:] ** 2) < 0.1  # L² mass of the high-frequency part


def test_low_and_high_bands_add_up_to_the_fit_and_split_the_error_by_parseval():
    x, y = cosine_regression_data(rng=np.random.default_rng(5))
    fit = fit_cosine_features(x, y, n_features=300, weighting="inv_sqrt")
    low, high = fit.band(high=11), fit.band(low=12)
    np.testing.assert_array_equal(low.coef + high.coef, fit.coef)  # disjoint supports: exact
    # orthogonality of {cos mx}: the error splits exactly into the low part's error and ‖f_high‖²
    # (sums of ≤ 300 squares: relative rounding ≤ 300·eps, 4× margin)
    np.testing.assert_allclose(low.mse_against_truth() + high.mean_square(), fit.mse_against_truth(),
                               rtol=1200 * EPS)
    g = np.linspace(0, np.pi, 20001)
    np.testing.assert_allclose(high.mean_square(), np.mean(high(g) ** 2), rtol=2e-3)  # grid ≈ (1/π)∫
    assert fit.band(low=5, high=4).mean_square() == 0.0  # an empty band


def test_three_features_recover_cos_3x_at_the_parametric_rate():
    rng = np.random.default_rng(4)
    errs = [fit_cosine_features(*cosine_regression_data(rng=rng), n_features=3).mse_against_truth()
            for _ in range(50)]
    # E ≈ ½·3σ²·(2/n) = 3·0.16/60 = 0.008 (catalogue 0.0078); sd of the mean ≈ 0.001
    assert 0.004 <= np.mean(errs) <= 0.013


def test_regression_data_accepts_a_single_sample():
    """n = 1 is in the domain n >= 1: one x in [0, π], and y = cos 3x when noise_sd = 0."""
    x, y = cosine_regression_data(rng=np.random.default_rng(6), n=1, noise_sd=0.0)
    assert x.shape == y.shape == (1,)
    assert 0.0 <= x[0] <= np.pi
    assert y[0] == np.cos(3.0 * x[0])  # the same expression evaluated twice: exact


@pytest.mark.parametrize(("call", "match"), [
    (lambda: cosine_features([0.0], n_features=0), "n_features"),
    (lambda: cosine_features([0.0], n_features=2, weighting="sqrt"), "weighting"),
    (lambda: cosine_features([np.nan], n_features=2), "non-finite"),
    (lambda: cosine_regression_data(rng=1), "rng"),
    (lambda: cosine_regression_data(rng=np.random.default_rng(0), n=0), "n"),
    (lambda: cosine_regression_data(rng=np.random.default_rng(0), noise_sd=-1.0), "noise_sd"),
    (lambda: fit_cosine_features([0.0, 1.0], [1.0, 0.0], n_features=3).band(low=0), "low"),
    (lambda: fit_cosine_features([0.0, 1.0], [1.0, 0.0], n_features=3).band(low=3, high=1), "high"),
])
def test_cosine_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("coef", [[0.0], [1.0, 2.0], [0.5, -0.25]])
def test_fewer_than_three_features_miss_cos_3x_whose_mean_square_is_one_half(coef):
    """P < 3 cannot represent f* = cos 3x: the error is ½Σa_m² + ½, that of the series padded to P = 3."""
    # mutation run: `+ 0.5` -> `- 0.5` (f*'s mass ½ subtracted) went unnoticed; dyadic
    # coefficients make every sum exact, so both sides are compared bitwise
    fit = CosineFit(coef=np.array(coef), weighting="none", route="qr")
    padded = CosineFit(coef=np.array(coef + [0.0] * (3 - len(coef))), weighting="none", route="qr")
    expected = 0.5 * sum(c * c for c in coef) + 0.5
    assert fit.mse_against_truth() == padded.mse_against_truth() == expected, (
        f"mse_against_truth={fit.mse_against_truth()}, but should be {expected} [coef={coef}]")
