"""Tests for constructions.approximation.singularities: the two-unit step, jump networks, exponent algebra (C15)."""


import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from constructions.approximation.rates import fit_loglog_slope
from constructions.approximation.singularities import (
    alpha,
    beta,
    boundary_indicator_network,
    dnn_estimation_exponent,
    dnn_faster_than_linear,
    indicator_l2_error,
    linear_estimator_exponent,
    phase_boundary_identity,
    piecewise_constant_l2_error,
    relu_step_network,
    step_l2_error,
    step_l2_error_exact,
    wavy_boundary_target,
)

U = np.finfo(float).eps / 2


def test_step_network_has_two_units_and_at_most_six_nonzero_params():
    g = relu_step_network(0.1)
    assert g.n_units == 2 and g.n_nonzero_params == 5 <= 6


def test_step_l2_error_is_sqrt_eps_over_3_symbolically():
    eps = sp.Symbol("epsilon", positive=True)
    assert sp.simplify(step_l2_error_exact() - sp.sqrt(eps / 3)) == 0
    assert step_l2_error_exact("1/10", 1) == sp.sqrt(sp.Rational(1, 30))


@pytest.mark.parametrize(("eps", "half_width"), [(0.1, 1.0), (0.01, 2.0), (0.5, 0.5)])
def test_step_l2_error_matches_quadrature_of_the_network(eps, half_width):
    g = relu_step_network(eps)
    sq = lambda x: (g(np.array([x]))[0] - (x >= 0)) ** 2  # noqa: E731
    val, abserr = integrate.quad(sq, -half_width, half_width, points=[-eps, 0.0], limit=200)
    # quad's own error estimate plus the network's O(eps_machine / eps) rounding of the ramp
    assert abs(np.sqrt(val) - step_l2_error(eps)) <= np.sqrt(abserr) + 1e-12


@settings(deadline=None, max_examples=50)
@given(amplitude=st.floats(0.0, 0.24), frequency=st.integers(1, 5),
       x1=st.floats(0.0, 1.0), x2_above=st.floats(0.75, 1.0), x2_below=st.floats(0.0, 0.25))
def test_wavy_target_is_one_plus_x1_x2_above_and_half_sin_pi_x1_x2_below(
        amplitude, frequency, x1, x2_above, x2_below):
    """f = 1 + x₁x₂ above h = 1/2 + a sin(2πk x₁), sin(πx₁)x₂/2 below (|h − 1/2| ≤ a < 1/4)."""
    f = wavy_boundary_target(amplitude=amplitude, frequency=frequency)
    got = f(np.array([[x1, x2_above], [x1, x2_below]]))
    # the formulas in floats: ≤ 3 roundings each plus sin's last-place error
    np.testing.assert_allclose(got, [1.0 + x1 * x2_above, 0.5 * np.sin(np.pi * x1) * x2_below],
                               rtol=8 * U, atol=0.0)


@settings(deadline=None, max_examples=30)
@given(k=st.integers(1, 12), x1=st.floats(0.0, 1.0), s=st.floats(-1.5, 0.5))
def test_indicator_network_is_the_ramp_of_x2_minus_the_k_piece_interpolant(k, x1, s):
    """Network = clip((x₂ − ĥ(x₁))/ε + 1, 0, 1), ĥ interpolating h at j/K; widths (K + 2, 2)."""
    h = lambda t: 0.25 + 0.5 * t * t  # noqa: E731  slopes of ĥ in [0, 1]
    eps = 0.05
    net = boundary_indicator_network(h, n_pieces=k, eps=eps)
    assert net.hidden_widths == (k + 2, 2) and net.n_units == k + 4
    nodes = np.linspace(0.0, 1.0, k + 1)
    h_hat = float(np.interp(x1, nodes, h(nodes)))
    x2 = h_hat + s * eps
    want = min(max((x2 - h_hat) / eps + 1.0, 0.0), 1.0)
    # x₂ − ĥ(x₁) is a sum of K + 2 ReLU terms, |coefficients| summing to ≤ 2 (slopes of ĥ in
    # [0, 1]), plus the pass-through: ≤ 8(K + 4)U absolute for network and reference alike;
    # the ramp scales it by 1/ε
    tol = 2 * 8 * (k + 4) * U / eps
    assert abs(float(net(np.array([[x1, x2]]))[0]) - want) <= tol


def test_indicator_l2_error_is_exact_for_a_parabolic_boundary():
    """h = 1/4 + t²/2, K = 1, ε = 1/5 (−ε ≤ h − ĥ ≤ 0): ‖g_ε(x₂ − ĥ) − 1{x₂ ≥ h}‖² = 1/40."""
    t, y = sp.symbols("t y", real=True)
    e, h, h_hat = sp.Rational(1, 5), sp.Rational(1, 4) + t**2 / 2, sp.Rational(1, 4) + t / 2
    # ramp (y − ĥ)/ε + 1 on [ĥ − ε, h] where the target is 0; 1 minus it on [h, ĥ] where it is 1
    inner = (sp.integrate(((y - h_hat) / e + 1) ** 2, (y, h_hat - e, h))
             + sp.integrate(((y - h_hat) / e) ** 2, (y, h, h_hat)))
    exact = sp.integrate(sp.expand(inner), (t, 0, 1))
    assert exact == sp.Rational(1, 40)
    got = indicator_l2_error(lambda x: 0.25 + 0.5 * x * x, n_pieces=1, eps=0.2)
    # Gauss–Legendre (16 nodes) is exact for the degree-6 integrand; round-off: δ to 2U with
    # |∂E/∂δ| <= 1, plus a weight-1 positive sum: <= 4U absolute on error² = 1/40, i.e. 160U
    # relative, halved by the square root
    assert got == pytest.approx(float(sp.sqrt(exact)), rel=80 * U, abs=0.0)


def test_indicator_network_realises_the_jump_away_from_the_ramp():
    target = wavy_boundary_target()
    net = boundary_indicator_network(target.boundary, n_pieces=64, eps=1e-3)
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 1.0, (20_000, 2))
    gap = x[:, 1] - target.boundary(x[:, 0])
    far = np.abs(gap) > 0.01  # |h − ĥ| <= (2π)²·0.2/(8·64²) < 3e-4 and the ramp is 1e-3 wide
    np.testing.assert_array_equal(net(x[far]), target.indicator(x[far]))


def test_indicator_l2_error_matches_a_midpoint_grid():
    target = wavy_boundary_target()
    k, eps = 8, 1e-2
    n = 700
    g = (np.arange(n) + 0.5) / n
    xx, yy = np.meshgrid(g, g)
    p = np.column_stack([xx.ravel(), yy.ravel()])
    net = boundary_indicator_network(target.boundary, n_pieces=k, eps=eps)
    grid = np.sqrt(np.mean((net(p) - target.indicator(p)) ** 2))
    # per column x₁ the integrand has one jump of size <= 1: midpoint-rule error <= 1/(2n);
    # the smooth ramp part adds O(1/(n² eps²)) = 2e-4 at most
    assert abs(grid**2 - indicator_l2_error(target.boundary, n_pieces=k, eps=eps) ** 2) <= 1.0 / n


def test_indicator_error_decays_like_one_over_k_with_eps_tied_to_k():
    # C² boundary: ‖h − ĥ‖₁ = O(K^{-2}), ε = K^{-2} ⇒ L² error = O(K^{-1}) = O(S^{-α/(2(D−1))}), α=2, D=2
    target = wavy_boundary_target()
    ks = np.array([8, 16, 32, 64, 128, 256])
    errs = [indicator_l2_error(target.boundary, n_pieces=int(k), eps=1.0 / k**2) for k in ks]
    fit = fit_loglog_slope(ks, errs)
    assert fit.ci_low - 0.05 <= -1.0 <= fit.ci_high + 0.05


def test_phase_boundary_is_proved_by_sympy():
    assert phase_boundary_identity()


def test_phase_condition_agrees_with_exponents_on_a_rational_grid():
    values = [sp.Rational(p, q) for p in (1, 2, 3, 5, 8) for q in (1, 2, 3)]
    for a in values:
        for b in values:
            for dim in (2, 3, 5, 10):
                faster = dnn_estimation_exponent(a, b, dim) > linear_estimator_exponent(a, dim)
                assert bool(faster) == bool(dnn_faster_than_linear(a, b, dim))


def test_exponents_are_exact_sympy_expressions():
    assert dnn_estimation_exponent(2, 1, 2) == sp.Rational(1, 2)
    assert sp.simplify(linear_estimator_exponent() - alpha / (2 * alpha + sp.Symbol("D", positive=True) - 1)) == 0
    assert beta in dnn_estimation_exponent().free_symbols


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="eps"):
        relu_step_network(0.0)
    with pytest.raises(ValueError, match="half_width"):
        step_l2_error_exact(2, 1)
    with pytest.raises(ValueError, match="eps"):
        step_l2_error_exact(-1, 1)
    with pytest.raises(ValueError, match="n_pieces"):
        boundary_indicator_network(np.sin, n_pieces=0, eps=0.1)
    with pytest.raises(ValueError, match="leaves"):
        indicator_l2_error(lambda t: 0.0 * t, n_pieces=2, eps=0.1)
    with pytest.raises(ValueError, match="amplitude"):
        wavy_boundary_target(amplitude=0.6)


@pytest.mark.parametrize(("n", "c"), [(1, 0.3), (4, 0.3), (7, 0.61)])
def test_piecewise_constant_error_of_a_horizontal_edge_is_sqrt_p_one_minus_p_over_n(n, c):
    # one row of cells is cut, each a fraction p = ⌈nc⌉ − nc above: error² = n · n^{−2} · p(1 − p)
    p = np.ceil(n * c) - n * c
    got = piecewise_constant_l2_error(lambda t: c + 0 * t, n_cells=n)
    # cell averages of a constant column are exact up to the rounding of n·c and a mean of ≤ 64 terms
    np.testing.assert_allclose(got, np.sqrt(p * (1 - p) / n), rtol=1e-12, atol=0.0)


def test_piecewise_constant_error_matches_a_fine_midpoint_grid():
    h = wavy_boundary_target().boundary
    n, r = 8, 256
    t = (np.arange(n * r) + 0.5) / (n * r)
    xx, yy = np.meshgrid(t, t, indexing="ij")
    ind = (yy >= h(xx)).astype(float)
    avg = ind.reshape(n, r, n, r).mean(axis=(1, 3))
    resid = ind - np.repeat(np.repeat(avg, r, axis=0), r, axis=1)
    # the x₂-midpoint rule misplaces each column's edge by ≤ 1/(2nr) (measured rel. gap 2e-5)
    np.testing.assert_allclose(piecewise_constant_l2_error(h, n_cells=n), np.sqrt(np.mean(resid ** 2)),
                               rtol=1e-3, atol=0.0)


def test_piecewise_constant_error_decays_like_w_to_the_minus_quarter():
    h = wavy_boundary_target().boundary
    ns = np.array([4, 8, 16, 32, 64])
    errs = [piecewise_constant_l2_error(h, n_cells=int(n)) for n in ns]
    fit = fit_loglog_slope(ns ** 2, errs)
    assert abs(fit.slope + 0.25) < 0.03  # measured −0.254 (n = 4 … 64); Θ(n) cut cells of area n^{−2}


def test_piecewise_constant_error_rejects_bad_input():
    with pytest.raises(ValueError, match="n_cells"):
        piecewise_constant_l2_error(lambda t: t, n_cells=0)
    with pytest.raises(ValueError, match="boundary"):
        piecewise_constant_l2_error(lambda t: 2.0 + t, n_cells=2)
    with pytest.raises(ValueError, match="boundary"):
        piecewise_constant_l2_error("h", n_cells=2)
