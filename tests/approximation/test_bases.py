"""Tests for constructions.approximation.bases: Chebyshev and Fourier comparators, Gibbs overshoot (C14)."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.bases import (
    chebyshev_interpolant,
    fourier_series,
    gibbs_constant,
    gibbs_overshoot,
    step_fourier_series,
    sup_error_on_grid,
    truncate_fourier,
)
from constructions.approximation.rates import fit_loglog_slope

EPS = np.finfo(float).eps


def test_chebyshev_interpolant_reproduces_polynomials_of_lower_degree():
    p = chebyshev_interpolant(lambda x: 1 - 2 * x**3, n_coefficients=4, domain=(0.0, 2.0))
    x = np.linspace(0.0, 2.0, 101)
    # Chebyshev interpolation is backward stable: a few eps times the values' scale (|f| <= 15)
    np.testing.assert_allclose(p(x), 1 - 2 * x**3, rtol=0.0, atol=64 * 15 * EPS)


def test_chebyshev_error_of_abs_x_decays_like_one_over_w():
    # β = 1 (|x|): Bernstein, E_n(|x|) ~ 0.2802/n; interpolation loses at most a log factor
    ws = np.array([9, 17, 33, 65, 129])
    grid = np.linspace(-1.0, 1.0, 20_001)
    errs = [sup_error_on_grid(np.abs, chebyshev_interpolant(np.abs, n_coefficients=w), grid).error
            for w in ws]
    fit = fit_loglog_slope(ws, errs)
    assert -1.1 <= fit.slope <= -0.9


def test_fourier_series_of_a_trigonometric_polynomial_is_exact():
    f = lambda x: 1.0 + 2 * np.cos(x) - 3 * np.sin(2 * x)  # noqa: E731
    s = fourier_series(f, n_harmonics=3, period=(0.0, 2 * np.pi))
    x = np.linspace(-4, 4, 101)
    np.testing.assert_allclose(s(x), f(x), rtol=0.0, atol=64 * 6 * EPS)  # FFT: O(log N) eps
    assert s.n_coefficients == 7


@pytest.mark.parametrize("n_samples", [5, 6, 7, 8])
def test_fourier_series_of_degree_k_is_exact_from_any_n_samples_above_2k(n_samples):
    """N > 2K samples alias no harmonic ≤ K into another: a degree-K trig polynomial is exact."""
    f = lambda x: 1.0 + 2 * np.cos(x) + 4 * np.cos(2 * x) - 3 * np.sin(2 * x)  # noqa: E731
    s = fourier_series(f, n_harmonics=2, n_samples=n_samples)
    # abscissae err by ≤ |x|·eps ≤ 4 eps, times Lip f ≤ 16, doubled (2·c): 128 eps; an FFT of
    # N ≤ 8 values |f| ≤ 10: 3·10 eps; origin phase πK·eps·|c| ≤ 2π·5 eps ≈ 32 eps: under 256 eps
    tol = 256 * EPS
    np.testing.assert_allclose(s.cos_coef, [2.0, 2.0, 4.0], rtol=0.0, atol=tol)
    np.testing.assert_allclose(s.sin_coef, [0.0, 0.0, -3.0], rtol=0.0, atol=tol)


@pytest.mark.parametrize("n_samples", [3, 4])
def test_fourier_series_rejects_n_samples_at_or_below_2k(n_samples):
    """N > 2K is required: on N = 2K equispaced samples sin(Kx) vanishes, so it is lost."""
    with pytest.raises(ValueError, match="n_samples"):
        fourier_series(np.sin, n_harmonics=2, n_samples=n_samples)


def test_fft_coefficients_of_the_step_match_the_exact_series_to_aliasing_order():
    n = 2**14
    s = fourier_series(lambda x: (x >= 0).astype(float), n_harmonics=21, n_samples=n)
    exact = step_fourier_series(n_harmonics=21)
    # trapezoidal rule on a jump: O(1/N) error per coefficient (2 samples sit on jumps)
    np.testing.assert_allclose(s.sin_coef, exact.sin_coef, rtol=0.0, atol=4.0 / n)
    np.testing.assert_allclose(s.cos_coef, exact.cos_coef, rtol=0.0, atol=4.0 / n)


@settings(deadline=None, max_examples=25)
@example(start=1.0)  # a/(b − a) = 1/(2π): the origin shift is a genuine, non-real phase
@given(start=st.floats(-10.0, 10.0, allow_nan=False, allow_infinity=False))
def test_fourier_coefficients_do_not_depend_on_where_the_period_starts(start):
    """A 2π-periodic f has the same cos/sin coefficients on every window [a, a + 2π)."""
    f = lambda x: 1.0 + 2 * np.cos(x) - 3 * np.sin(2 * x)  # noqa: E731
    s = fourier_series(f, n_harmonics=3, period=(start, start + 2 * np.pi))
    # sample abscissae err by |x|·eps ≤ 17 eps, times Lip f ≤ 8, doubled (2·c): 272 eps; FFT
    # log2(N)·max|f|·eps = 72 eps; origin phase 2πK|a|/(b − a)·eps·|c| ≤ 45 eps: under 512 eps
    tol = 512 * EPS
    np.testing.assert_allclose(s.cos_coef, [2.0, 2.0, 0.0, 0.0], rtol=0.0, atol=tol,
                               err_msg=f"cos_coef for period=({start}, {start} + 2π)")
    np.testing.assert_allclose(s.sin_coef, [0.0, 0.0, -3.0, 0.0], rtol=0.0, atol=tol,
                               err_msg=f"sin_coef for period=({start}, {start} + 2π)")


@pytest.mark.parametrize("k", [1, 5, 51])
def test_gibbs_overshoot_is_the_max_over_a_fine_grid(k):
    x = np.linspace(1e-6, np.pi - 1e-6, 200_001)
    grid_max = step_fourier_series(n_harmonics=k)(x).max() - 1.0
    closed = gibbs_overshoot(n_harmonics=k)
    assert grid_max <= closed + 64 * k * EPS  # grid points cannot beat the true max
    assert closed - grid_max <= 1e-6 * k  # the grid resolves the peak: S'' = O(k^2), h = 1.6e-5


def test_gibbs_overshoot_tends_to_0_0895_and_does_not_vanish():
    assert gibbs_constant() == pytest.approx(0.0894898722360836, rel=1e-12, abs=0.0)  # mpmath Si(pi)/pi - 1/2
    over = [gibbs_overshoot(n_harmonics=k) for k in (11, 101, 1001, 10001)]
    assert all(a > b > gibbs_constant() for a, b in zip(over[:-1], over[1:]))
    assert over[-1] - gibbs_constant() < 1e-6


def test_tensor_truncation_keeps_low_modes_in_two_dimensions():
    n = 32
    x = 2 * np.pi * np.arange(n) / n
    xx, yy = np.meshgrid(x, x, indexing="ij")
    low = np.cos(xx) * np.sin(2 * yy)
    out = truncate_fourier(low + np.cos(5 * xx), n_harmonics=2)
    np.testing.assert_allclose(out, low, rtol=0.0, atol=64 * EPS * np.log2(n * n))


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="n_coefficients"):
        chebyshev_interpolant(np.sin, n_coefficients=0)
    with pytest.raises(ValueError, match="domain"):
        chebyshev_interpolant(np.sin, n_coefficients=3, domain=(1.0, 1.0))
    with pytest.raises(ValueError, match="not callable"):
        fourier_series(3.0, n_harmonics=2)
    with pytest.raises(ValueError, match="n_samples"):
        fourier_series(np.sin, n_harmonics=10, n_samples=8)
    with pytest.raises(ValueError, match="n_harmonics"):
        gibbs_overshoot(n_harmonics=0)
    with pytest.raises(ValueError, match="points per axis"):
        truncate_fourier(np.zeros((4, 4)), n_harmonics=2)
    with pytest.raises(ValueError, match="empty"):
        sup_error_on_grid(np.sin, np.cos, np.array([]))
