"""Tests for constructions.approximation.piecewise_linear (ReLU realisations of PL interpolation)."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.approximation.piecewise_linear import (
    freudenthal_hat,
    grid_vertices,
    interpolation_error_bound,
    kuhn_interpolant,
    kuhn_interpolant_network,
    relu_interpolant,
)
from constructions.certification import ExpressionTarget, certify_sup_error
from constructions.certification.lipschitz import certify_derivative_bound

U = np.finfo(float).eps / 2



@settings(deadline=None, max_examples=50)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 30))
def test_relu_interpolant_equals_numpy_interp_everywhere(seed, n):
    rng = np.random.default_rng(seed)
    knots = np.sort(rng.uniform(-2, 2, n + 1))
    if np.min(np.diff(knots)) < 1e-3:  # keep slopes (and so the rounding) moderate
        knots = np.linspace(-2, 2, n + 1)
    values = rng.uniform(-1, 1, n + 1)
    net = relu_interpolant(knots, values)
    assert net.n_units == n + 1 and net.depth == 2
    x = np.concatenate([knots, rng.uniform(-3, 3, 500)])
    slopes = np.abs(np.diff(values) / np.diff(knots))
    # each of n+2 terms |c_i|·|x − x_i| is rounded: error ≤ γ_{n+3}·(|y0| + Σ|c_i|·max|x − x_i|)
    scale = 1.0 + 2 * slopes.sum() * 5.0  # Σ|c_i| ≤ 2Σ|s_i|, |x − x_i| ≤ 5
    np.testing.assert_allclose(net(x), np.interp(x, knots, values), rtol=0,
                               atol=4 * (n + 3) * U * scale)


def test_relu_interpolant_bad_inputs_raise():
    with pytest.raises(ValueError, match="at least 2"):
        relu_interpolant([0.0], [1.0])
    with pytest.raises(ValueError, match="strictly increasing"):
        relu_interpolant([0.0, 0.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="shape"):
        relu_interpolant([0.0, 1.0], [1.0])
    with pytest.raises(ValueError, match="non-finite"):
        relu_interpolant([0.0, np.nan], [1.0, 2.0])


def _kuhn_tolerance(g, d, n):
    # each hat: 1 − M − N with |M|, |N| ≤ n (grid units), a few roundings per tree level;
    # at most 2^d hats are non-zero near a point (rounding at simplex faces included).
    levels = math.ceil(math.log2(d)) + 3 if d > 1 else 3
    return 8 * levels * (n + 1) * U * (2**d) * float(np.max(np.abs(g)))


@pytest.mark.parametrize("d,n", [(1, 7), (2, 1), (2, 5), (2, 12), (3, 3), (4, 2)])
def test_kuhn_network_equals_direct_interpolant(d, n):
    rng = np.random.default_rng(100 * d + n)
    g = rng.standard_normal((n + 1,) * d)
    net = kuhn_interpolant_network(g)
    x = np.concatenate([rng.random((3000, d)), grid_vertices(dim=d, n_cells=n)])
    np.testing.assert_allclose(net(x), kuhn_interpolant(g, x), rtol=0,
                               atol=_kuhn_tolerance(g, d, n))
    assert net.n_hidden_layers == (math.ceil(math.log2(d)) if d > 1 else 0) + 2


@pytest.mark.parametrize("d,n", [(1, 4), (2, 4), (3, 2)])
def test_kuhn_network_is_exact_at_the_vertices(d, n):
    rng = np.random.default_rng(d)
    g = rng.standard_normal((n + 1,) * d)
    np.testing.assert_allclose(kuhn_interpolant_network(g)(grid_vertices(dim=d, n_cells=n)),
                               g.reshape(-1), rtol=0, atol=_kuhn_tolerance(g, d, n))


def test_kuhn_network_in_one_dimension_equals_relu_interpolant():
    g = np.array([0.0, 2.0, -1.0, 0.5])
    x = np.linspace(0, 1, 101)
    np.testing.assert_allclose(kuhn_interpolant_network(g)(x[:, None]),
                               relu_interpolant(np.linspace(0, 1, 4), g)(x), rtol=0, atol=64 * U)


@pytest.mark.parametrize("d,n", [(1, 5), (2, 4), (3, 2)])
def test_kuhn_network_with_an_offset_is_the_same_function_on_the_cube(d, n):
    # the hats sum to 1 on [0,1]^d, so moving c from the hat weights to the output bias changes
    # nothing there; rounding: the tolerance of the plain network with |g| + |c| in place of |g|
    rng = np.random.default_rng(11 * d + n)
    g = 3.0 + rng.standard_normal((n + 1,) * d)
    x = np.concatenate([rng.random((2000, d)), grid_vertices(dim=d, n_cells=n)])
    shifted = kuhn_interpolant_network(g, offset=float(np.mean(g)))
    np.testing.assert_allclose(shifted(x), kuhn_interpolant(g, x), rtol=0,
                               atol=2 * _kuhn_tolerance(g, d, n))
    assert shifted.hidden_widths == kuhn_interpolant_network(g).hidden_widths


def test_certified_kuhn_witness_in_two_dimensions_meets_the_lipschitz_bound():
    # f = sin(πx0)·sin(πx1) with certified ℓ∞ Lipschitz constant L: the n = 4 interpolant network is
    # within L h·2/3 of f on the whole square (interval branch-and-bound, not sampling)
    x0, x1 = sympy.symbols("x0:2")
    f = sympy.sin(sympy.pi * x0) * sympy.sin(sympy.pi * x1)
    L = certify_derivative_bound(f, (x0, x1), [(0.0, 1.0)] * 2).upper
    n = 4
    target = ExpressionTarget(f, (x0, x1))
    values = target(grid_vertices(dim=2, n_cells=n)).reshape(n + 1, n + 1)
    bound = interpolation_error_bound(dim=2, mesh=1 / n, lipschitz=L)
    net = kuhn_interpolant_network(values, offset=float(np.mean(values)))
    enclosure = certify_sup_error(net, target, [(0.0, 1.0)] * 2, eps=bound, method="branch-and-bound")
    assert enclosure.status(bound) == "proved" and math.pi <= L <= 1.1 * math.pi


@pytest.mark.parametrize("d", [1, 2, 3])
def test_freudenthal_hats_form_a_partition_of_unity(d):
    n = 3
    rng = np.random.default_rng(d)
    x = rng.random((500, d))
    vertices = grid_vertices(dim=d, n_cells=n)
    total = sum(freudenthal_hat(n * x - n * v) for v in vertices)
    np.testing.assert_allclose(total, 1.0, rtol=0, atol=64 * U * len(vertices))


@pytest.mark.parametrize("d", [1, 2, 3])
def test_lipschitz_interpolation_bound_holds_for_a_cone(d):
    # f(z) = ‖z − x0‖_∞ is 1-Lipschitz in ℓ∞ and makes Σλ_j|f(w_j) − f(x0)| the whole error.
    n = 4
    rng = np.random.default_rng(7 + d)
    vertices = grid_vertices(dim=d, n_cells=n)
    bound = interpolation_error_bound(dim=d, mesh=1 / n, lipschitz=1.0)
    worst = 0.0
    for x0 in rng.random((200, d)):  # loop over cone apexes, vectorised in the vertices
        g = np.max(np.abs(vertices - x0), axis=1).reshape((n + 1,) * d)
        worst = max(worst, float(kuhn_interpolant(g, x0[None, :])[0]))
    assert worst <= bound + 16 * U
    if d == 1:
        assert worst >= 0.9 * bound  # sharp in 1-D: the apex at a cell midpoint gives h/2


@pytest.mark.parametrize("d", [1, 2, 3])
def test_hessian_interpolation_bound_holds_for_a_quadratic(d):
    # f = Σ x_i² has uᵀ∇²f u = 2‖u‖_2² ≤ 2d‖u‖_∞², so M = 2d.
    n = 5
    rng = np.random.default_rng(d)
    g = np.sum(grid_vertices(dim=d, n_cells=n) ** 2, axis=1).reshape((n + 1,) * d)
    x = rng.random((20000, d))
    err = np.max(np.abs(kuhn_interpolant(g, x) - np.sum(x**2, axis=1)))
    assert err <= interpolation_error_bound(dim=d, mesh=1 / n, hessian_bound=2.0 * d) + 64 * U


@pytest.mark.parametrize(("d", "rho"), [(1, 0.25), (2, 1 / 3 + 3**-1.5), (3, 0.625), (8, 22 / 27)])
def test_hessian_interpolation_bound_is_half_m_h_squared_times_rho_d(d, rho):
    """C² bound = (M h²/2) ρ_d, ρ_1 = 1/4, ρ_d = 1 − 2/(d+1) + (d+1)^{−3/2} (d ≥ 2)."""
    # M = 2, h = 1 leave ρ_d alone; ρ_1, ρ_3 are dyadic (exact); otherwise ≤ 3 roundings on each
    # side of intermediates of size ≤ 1, each ≤ U in absolute terms
    got = interpolation_error_bound(dim=d, mesh=1.0, hessian_bound=2.0)
    assert got == pytest.approx(rho, rel=0.0, abs=6 * U)
    # h = 1/2, M = 8: M h²/2 = 1 again, exactly
    assert interpolation_error_bound(dim=d, mesh=0.5, hessian_bound=8.0) == got


def test_interpolation_error_bound_bad_inputs_raise():
    with pytest.raises(ValueError, match="exactly one"):
        interpolation_error_bound(dim=2, mesh=0.1)
    with pytest.raises(ValueError, match="dim"):
        interpolation_error_bound(dim=0, mesh=0.1, lipschitz=1.0)
    with pytest.raises(ValueError, match="mesh"):
        interpolation_error_bound(dim=1, mesh=-0.1, lipschitz=1.0)


def test_kuhn_bad_inputs_raise():
    with pytest.raises(ValueError, match="grid_values"):
        kuhn_interpolant_network(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="grid_values"):
        kuhn_interpolant_network(np.zeros((1, 1)))
    with pytest.raises(ValueError, match="outside"):
        kuhn_interpolant(np.zeros((2, 2)), [[1.5, 0.0]])
    with pytest.raises(ValueError, match="shape"):
        kuhn_interpolant(np.zeros((2, 2)), [[0.5, 0.5, 0.5]])
