"""Tests for constructions.approximation.rates: geometric sweeps, log-log fits, bounded ratios (C00)."""


import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.approximation.rates import bounded_ratio, fit_loglog_slope, geometric_sizes


def test_geometric_sizes_are_increasing_unique_integers_with_both_ends():
    s = geometric_sizes(3, 5000, num=12)
    assert s[0] == 3 and s[-1] == 5000 and np.all(np.diff(s) > 0)


def test_geometric_sizes_accept_two_points_and_reject_one():
    """A sweep needs num >= 2 sizes (docstring): num=2 gives the two ends, num=1 is rejected."""
    assert geometric_sizes(3, 7, num=2).tolist() == [3, 7]
    np.testing.assert_array_equal(geometric_sizes(0.5, 2.0, num=2, integer=False), [0.5, 2.0])
    with pytest.raises(ValueError, match="num"):
        geometric_sizes(3, 7, num=1)


@settings(deadline=None, max_examples=50)
@given(slope=st.floats(-4, 4), c=st.floats(0.01, 100.0))
def test_fit_recovers_an_exact_power_law(slope, c):
    n = geometric_sizes(10, 10_000, num=8)
    fit = fit_loglog_slope(n, c * n.astype(float) ** slope)
    # log of a float power law is exact to ~|slope|·log(1e4)·eps; lstsq conditioning is O(1)
    assert fit.slope == pytest.approx(slope, abs=1e-9, rel=0.0)
    assert fit.ci_low - 1e-9 <= slope <= fit.ci_high + 1e-9


def test_fit_of_a_constant_curve_has_slope_zero_and_a_zero_width_interval():
    """log y constant: slope 0, zero residuals, so se = 0 and the interval [0, 0] contains 0."""
    # [1, 2, 4] is symmetric in log x, the case where linregress leaves se NaN and the fallback
    # se = sqrt(RSS/(n-2)/S_xx) applies; every quantity here is exact (zero residuals)
    fit = fit_loglog_slope([1, 2, 4], [0.5, 0.5, 0.5])
    assert (fit.slope, fit.stderr, fit.ci_low, fit.ci_high) == (0.0, 0.0, 0.0, 0.0)
    assert fit.contains(0.0)


@settings(deadline=None, max_examples=50)
@given(seed=st.integers(0, 2**32 - 1))
def test_slope_interval_is_closed(seed):
    """contains() is membership of the closed [ci_low, ci_high]: ends in, their neighbours out."""
    rng = np.random.default_rng(seed)
    n = geometric_sizes(10, 1e4, num=8)
    fit = fit_loglog_slope(n, n ** -1.0 * np.exp(0.1 * rng.standard_normal(n.size)))
    assert fit.contains(fit.ci_low) and fit.contains(fit.ci_high)
    assert not fit.contains(np.nextafter(fit.ci_low, -np.inf))
    assert not fit.contains(np.nextafter(fit.ci_high, np.inf))


def _student_t_quantile(p, dof):
    """Closed-form t quantiles: ν = 1 (Cauchy) tan(π(p − ½)); ν = 2 (2p − 1)/√(2p(1 − p))."""
    return math.tan(math.pi * (p - 0.5)) if dof == 1 else (2 * p - 1) / math.sqrt(2 * p * (1 - p))


@pytest.mark.parametrize("confidence", [0.5, 0.9, 0.95])
@pytest.mark.parametrize(("sizes", "values"), [([1, 2, 4], [1.0, 0.6, 0.2]),
                                               ([1, 2, 4, 8], [1.0, 0.6, 0.2, 0.15])])
def test_slope_interval_half_width_is_the_t_quantile_with_n_minus_two_dof(
        sizes, values, confidence):
    """The slope interval is slope ± t_{n−2}((1 + c)/2)·se: n − 2 residual degrees of freedom."""
    fit = fit_loglog_slope(sizes, values, confidence=confidence)
    t = _student_t_quantile(0.5 + confidence / 2, len(sizes) - 2)
    half = (fit.ci_high - fit.ci_low) / 2
    # the ends are rounded at the scale |slope| + half; tan at π·0.475 has condition number ≈ 19
    tol = 64 * np.finfo(float).eps * (abs(fit.slope) + half)
    assert abs(half - t * fit.stderr) <= tol, (
        f"half-width={half!r}, but should be t·se={t * fit.stderr!r} (t_{len(sizes) - 2}={t!r}) "
        f"[fit_loglog_slope(n={len(sizes)}, confidence={confidence})]")


def test_log_log_fit_is_an_immutable_value():
    """A fit is a frozen record: its fields cannot be reassigned and equal fits hash equal."""
    fit = fit_loglog_slope([1, 2, 4, 8], [1.0, 0.25, 0.0625, 0.015625])
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.slope = 0.0  # type: ignore[misc]
    assert hash(fit) == hash(dataclasses.replace(fit))


def test_ci_covers_the_true_slope_at_the_stated_rate():
    # noisy power law, independent Gaussian log-noise: the t-interval is exact
    rng = np.random.default_rng(12345)
    n = geometric_sizes(10, 1e5, num=10)
    hits = sum(fit_loglog_slope(n, n ** -1.5 * np.exp(0.1 * rng.standard_normal(n.size)),
                                confidence=0.9).contains(-1.5) for _ in range(1000))
    # Binomial(1000, 0.9): sd = 9.5; ±6 sd gives a false-alarm rate below 1e-8
    assert abs(hits - 900) <= 57


def test_bounded_ratio_flags_n_log_n_but_not_a_constant_multiple():
    n = geometric_sizes(10, 1e6, num=12).astype(float)
    good = bounded_ratio(n, 3.0 / n + 1.0 / n**2, 1.0 / n)
    assert not good.grows and 3.0 <= good.witness_constant <= 3.0 + 1.0 / n[good.ratios.size // 2]
    bad = bounded_ratio(n, np.log(n) / n, 1.0 / n)
    assert bad.grows and bad.argmax_size == n[-1]


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="at least 3"):
        fit_loglog_slope([1, 2], [1.0, 2.0])
    with pytest.raises(ValueError, match="> 0"):
        fit_loglog_slope([1, 2, 3], [1.0, 0.0, 2.0])
    with pytest.raises(ValueError, match="all equal"):
        fit_loglog_slope([2, 2, 2], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="confidence"):
        fit_loglog_slope([1, 2, 3], [1.0, 2.0, 3.0], confidence=1.0)
    with pytest.raises(ValueError, match="start"):
        geometric_sizes(10, 1, num=3)
    with pytest.raises(ValueError, match="increasing"):
        bounded_ratio([1, 1], [1.0, 1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="zero"):
        bounded_ratio([1, 2], [1.0, 1.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="growth_factor"):
        bounded_ratio([1, 2], [1.0, 1.0], [1.0, 1.0], growth_factor=0.5)


def test_bounded_ratio_against_the_constant_sequence_one_is_the_absolute_value():
    """y_N = 1 is a legal comparison sequence (ratio |x_N|); only y_N = 0 is rejected."""
    r = bounded_ratio([1, 2, 3, 4], [2.0, -1.0, 0.5, -0.25], [1.0, 1.0, 1.0, 1.0])
    assert r.ratios.tolist() == [2.0, 1.0, 0.5, 0.25]  # |x|/1 is exact
    summary = (r.witness_constant, r.first_half_max, r.threshold, r.argmax_size)
    assert summary == (0.5, 2.0, 2.0, 1.0)
    assert not r.grows
    with pytest.raises(ValueError, match="zero"):
        bounded_ratio([1, 2], [1.0, 1.0], [2.0, 0.0])
