"""Tests for constructions.approximation.polynomial_activation (CLAIMS.md C03 negative control)."""


import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.polynomial_activation import (
    alternation_lower_bound,
    best_polynomial_approximation,
    square_network_from_polynomial,
)
from constructions.networks.dense import network_from_layers

U = np.finfo(float).eps / 2



@pytest.mark.parametrize("degree", [2, 3])
def test_best_quadratic_error_for_abs_is_one_eighth(degree):
    fit = best_polynomial_approximation(np.abs, degree=degree, lipschitz=1.0)
    # the enclosure [lower, upper] is proven (de la Vallée Poussin / Lipschitz margin)
    assert fit.error_lower <= 0.125 <= fit.error_upper
    assert fit.error_upper - fit.error_lower <= 1e-5


def test_best_quadratic_error_for_cube_is_one_quarter():
    fit = best_polynomial_approximation(lambda x: x**3, degree=2, lipschitz=3.0)
    assert fit.error_lower <= 0.25 <= fit.error_upper
    assert fit.error_upper - fit.error_lower <= 1e-5
    # best approximant is ¾x (x³ − ¾x = T₃/4); LP coefficients agree to the enclosure width
    np.testing.assert_allclose(np.pad(fit.power_coefficients, (0, 3))[:3], [0, 0.75, 0],
                               rtol=0, atol=1e-4)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), width=st.integers(1, 20))
def test_square_networks_of_any_width_are_quadratics(seed, width):
    rng = np.random.default_rng(seed)
    net = network_from_layers([(rng.standard_normal((width, 1)), rng.standard_normal(width)),
                               (rng.standard_normal((1, width)), rng.standard_normal(1))],
                              activation="square")
    x = np.linspace(-1, 1, 50)
    quad = np.polynomial.Polynomial.fit(x, net(x), 2)
    scale = np.sum(np.abs(net.weights[1])) * (1 + np.max(np.abs(net.weights[0])) +
                                               np.max(np.abs(net.biases[0]))) ** 2
    np.testing.assert_allclose(quad(x), net(x), rtol=0, atol=1e3 * U * scale)  # lstsq ~ κ·u


def test_square_network_realises_the_best_quadratic_for_abs():
    fit = best_polynomial_approximation(np.abs, degree=2, lipschitz=1.0)
    net = square_network_from_polynomial(fit.power_coefficients)
    x = np.linspace(-1, 1, 10001)
    assert np.max(np.abs(net(x) - np.abs(x))) <= fit.error_upper


_COEFFICIENTS = st.floats(-10.0, 10.0, allow_nan=False, allow_infinity=False)


@settings(deadline=None, max_examples=30)
@example(a0=0.0, a1=1.0, a2=0.0)  # the linear term alone: x = ((x + 1)² − (x − 1)²)/4
@given(a0=_COEFFICIENTS, a1=_COEFFICIENTS, a2=_COEFFICIENTS)
def test_square_network_realises_every_quadratic(a0, a1, a2):
    """Three squares give a_0 + a_1 x + a_2 x² exactly (polarisation (x+1)² − (x−1)² = 4x)."""
    net = square_network_from_polynomial([a0, a1, a2])
    x = np.linspace(-2.0, 2.0, 81)
    want = a0 + a1 * x + a2 * x**2
    # each side: ≤ 8 roundings of terms bounded by |a_0| + |a_1|(|x| + 1)²/2 + |a_2|x²
    scale = abs(a0) + abs(a1) * (np.abs(x) + 1) ** 2 / 2 + abs(a2) * x**2
    gap = np.abs(net(x) - want)
    i = int(np.argmax(gap / (16 * U * scale + np.finfo(float).tiny)))
    assert np.all(gap <= 16 * U * scale), (
        f"|net(x) − p(x)|={gap[i]:.3e} at x={x[i]}, but should be <= 16u·scale={16 * U * scale[i]:.3e} "
        f"[square_network_from_polynomial([{a0}, {a1}, {a2}])]")


def test_alternation_lower_bound_counts_sign_changes():
    assert alternation_lower_bound([1.0, 1.0, -1.0], degree=1) == 0.0
    assert alternation_lower_bound([0.0, 0.0], degree=0) == 0.0
    assert alternation_lower_bound([0.5, -0.25, 0.5], degree=1) == 0.25


@pytest.mark.parametrize("kwargs,match", [
    (dict(degree=-1), "degree"), (dict(n_nodes=2), "n_nodes"), (dict(lipschitz=-1.0), "lipschitz"),
])
def test_best_polynomial_bad_inputs_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        best_polynomial_approximation(np.abs, **kwargs)


def test_square_network_rejects_cubic():
    with pytest.raises(ValueError, match="degree"):
        square_network_from_polynomial([0.0, 0.0, 0.0, 1.0])


def test_upper_bound_margin_covers_the_markov_extremal_slope_of_t3():
    """f = T_3, degree 3: the Lipschitz margin has L_p ≥ |p'(±1)| (Markov, sharp: |T_3'(1)| = 9)."""
    t3 = lambda x: 4 * x**3 - 3 * x  # noqa: E731  (sup |T_3'| = 9 on [−1, 1])
    fit = best_polynomial_approximation(t3, degree=3, n_nodes=201, lipschitz=9.0, n_check=3)
    grid = np.array([-1.0, 0.0, 1.0])  # n_check = 3: gap g = 1
    coef = fit.chebyshev_coefficients
    grid_max = float(np.max(np.abs(t3(grid) - np.polynomial.chebyshev.chebval(grid, coef))))
    lip_p = 2.0 * (fit.error_upper - grid_max) - 9.0  # upper = grid max + (L_f + L_p)·g/2
    slope = np.polynomial.chebyshev.chebval([-1.0, 1.0], np.polynomial.chebyshev.chebder(coef))
    # E_3(T_3) = 0, so p ≈ T_3 and |p'(±1)| ≈ 9 (> 2·3 = 6); 1e-3 is loose: it guards only that
    assert abs(coef[3] - 1.0) < 1e-3
    # both sides are a few roundings of sums of terms ≤ 20 in magnitude: 64·u·20 covers them
    assert lip_p >= float(np.max(np.abs(slope))) - 64 * U * 20
