"""Tests for constructions.approximation.local_taylor: Yarotsky's partition-of-unity × local-Taylor net (C10)."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.local_taylor import (
    local_taylor_network,
    local_taylor_network_for,
    network_rounding_bound,
    sympy_derivatives,
    taylor_remainder_bound,
)
from constructions.networks.algebra import evaluate_exact

X, Y = sympy.symbols("x y")


def _grid(dim, n_per_axis):
    g = np.linspace(0.0, 1.0, n_per_axis)
    return g if dim == 1 else np.stack(np.meshgrid(g, g, indexing="ij"), axis=-1).reshape(-1, 2)


def _exact_local_taylor(expr, syms, x, *, n, beta):
    """f₁(x) = Σ_m φ_m(x) P_m(x), the approximant before the products are replaced by ×̃ (numpy)."""
    d = len(syms)
    x = x.reshape(-1, d)
    total = np.zeros(x.shape[0])
    for idx in np.ndindex(*(beta,) * d):
        if sum(idx) >= beta:
            continue
        wrt = [(s, k) for s, k in zip(syms, idx, strict=True) if k]
        g = sympy.lambdify(syms, sympy.diff(expr, *wrt) if wrt else expr)
        for m in np.ndindex(*(n + 1,) * d):
            node = np.array(m) / n
            phi = np.prod(np.clip(1.0 - np.abs(n * x - np.array(m)), 0.0, None), axis=1)
            coef = float(g(*node)) / math.prod(math.factorial(k) for k in idx)
            total += phi * coef * np.prod((x - node) ** np.array(idx), axis=1)
    return total


def _target(dim):
    expr = sympy.sin(2 * X + 0.5) + X**3 / 3 if dim == 1 else sympy.sin(2 * X - Y + 0.5) + X * Y**2
    return expr, [X, Y][:dim]


@settings(deadline=None, max_examples=10)
@given(dim=st.integers(1, 2), beta=st.integers(1, 3), n=st.integers(1, 4), m=st.integers(1, 4))
def test_network_is_within_the_product_bound_of_the_exact_local_taylor_approximant(dim, beta, n, m):
    expr, syms = _target(dim)
    approx = local_taylor_network(
        sympy_derivatives(expr, syms),
        dim=dim,
        smoothness=beta,
        n_cells=n,
        multiplication_depth=m,
        derivative_bound=100.0,
    )
    x = _grid(dim, 4 * n + 1)
    gap = np.abs(approx.network(x) - _exact_local_taylor(expr, syms, x, n=n, beta=beta))
    # f₁ itself is summed in float64 from ≤ 3^d·6 terms of size ≤ 10: 64 ulp of 10 is ample
    slack = network_rounding_bound(approx.network, x) + 64 * 10 * np.finfo(float).eps
    assert np.all(gap <= approx.product_error_bound + slack)


def test_one_dimensional_beta_one_network_is_the_piecewise_linear_interpolant():
    df = sympy_derivatives(sympy.exp(X), [X])
    approx = local_taylor_network(
        df, dim=1, smoothness=1, n_cells=7, multiplication_depth=1, derivative_bound=math.e
    )
    x = np.linspace(0.0, 1.0, 701)
    nodes = np.linspace(0.0, 1.0, 8)
    assert approx.product_error_bound == 0.0
    # no products: a sum of ≤ 3 hat readouts of size ≤ e per point, 16 ulp
    np.testing.assert_allclose(
        approx.network(x),
        np.interp(x, nodes, np.exp(nodes)),
        rtol=0.0,
        atol=16 * math.e * np.finfo(float).eps,
    )


@settings(deadline=None, max_examples=10)
@example(dim=2, beta=1, n=1, m=1, k=12)  # every d = 2 term of the max is < 1 for 2^-12 f
@given(dim=st.integers(1, 2), beta=st.integers(1, 3), n=st.integers(1, 3), m=st.integers(1, 3),
       k=st.integers(0, 40))
def test_product_error_bound_is_positively_homogeneous_in_f(dim, beta, n, m, k):
    """The product bound is linear in c (S_{j,p} scales with c): bound(λf) = λ·bound(f), λ > 0."""
    expr, syms = _target(dim)
    df = sympy_derivatives(expr, syms)
    lam = 2.0**-k  # a power of two scales every float in the formula exactly (no underflow here)
    args = {"dim": dim, "smoothness": beta, "n_cells": n, "multiplication_depth": m,
            "derivative_bound": 1.0}
    bound = local_taylor_network(df, **args).product_error_bound
    scaled = local_taylor_network(lambda x, idx: lam * df(x, idx), **args).product_error_bound
    assert scaled == lam * bound, (
        f"bound(2^-{k} f)={scaled!r}, but should be 2^-{k}·bound(f)={lam * bound!r} "
        f"[local_taylor_network(dim={dim}, smoothness={beta}, n_cells={n}, "
        f"multiplication_depth={m})]")


@pytest.mark.parametrize(("dim", "beta"), [(1, 2), (1, 3), (2, 1), (2, 2), (2, 3)])
def test_sup_error_is_below_the_explicit_bound_on_a_fine_grid(dim, beta):
    expr, syms = _target(dim)
    # |∂ⁿ sin(2x − y + ½)| ≤ 2^β; the polynomial adds ≤ 2 (d = 1: (x³/3)‴ = 2; d = 2: ∂y²(xy²) = 2x)
    big_d = 2.0**beta + 2.0
    approx = local_taylor_network(
        sympy_derivatives(expr, syms),
        dim=dim,
        smoothness=beta,
        n_cells=3,
        multiplication_depth=4,
        derivative_bound=big_d,
    )
    x = _grid(dim, 25)  # 8 points per cell and axis
    f = sympy.lambdify(syms, expr)
    err = np.abs(approx.network(x) - (f(x) if dim == 1 else f(x[:, 0], x[:, 1])))
    assert err.max() <= approx.error_bound + network_rounding_bound(approx.network, x).max()
    assert approx.error_bound == approx.taylor_error_bound + approx.product_error_bound


def test_taylor_remainder_bound_is_d_over_n_to_the_beta_over_beta_factorial():
    assert (
        taylor_remainder_bound(dim=2, smoothness=3, n_cells=4, derivative_bound=6.0)
        == 6.0 * 0.5**3 / 6
    )


@pytest.mark.parametrize(
    ("dim", "beta", "n", "m"), [(1, 1, 3, 2), (1, 3, 4, 2), (2, 2, 3, 3), (2, 3, 2, 1)]
)
def test_architecture_has_the_stated_number_of_hidden_layers(dim, beta, n, m):
    expr, syms = _target(dim)
    approx = local_taylor_network(
        sympy_derivatives(expr, syms),
        dim=dim,
        smoothness=beta,
        n_cells=n,
        multiplication_depth=m,
        derivative_bound=1.0,
    )
    net = approx.network
    assert net.n_hidden_layers == 1 + (beta - 1) * (m + 1) + (m + 1 if dim == 2 else 0)
    assert (net.input_dim, net.output_dim) == (dim, 1)
    assert approx.n_weights == net.n_nonzero_params < net.n_params


@pytest.mark.parametrize(("dim", "eps"), [(1, 0.05), (1, 0.003), (2, 0.2)])
def test_network_for_eps_takes_the_smallest_sufficient_n_and_m(dim, eps):
    expr, syms = _target(dim)
    df = sympy_derivatives(expr, syms)
    a = local_taylor_network_for(eps, df, dim=dim, smoothness=2, derivative_bound=6.0)
    assert a.error_bound <= eps
    assert (
        a.taylor_error_bound
        <= eps / 2
        < taylor_remainder_bound(dim=dim, smoothness=2, n_cells=a.n_cells - 1, derivative_bound=6.0)
    )
    assert a.product_error_bound <= eps / 2
    if a.multiplication_depth > 1:
        shallower = local_taylor_network(
            df,
            dim=dim,
            smoothness=2,
            n_cells=a.n_cells,
            multiplication_depth=a.multiplication_depth - 1,
            derivative_bound=6.0,
        )
        assert shallower.product_error_bound > eps / 2


def test_rounding_bound_dominates_the_float_error_against_exact_evaluation():
    expr, syms = _target(1)
    net = local_taylor_network(
        sympy_derivatives(expr, syms),
        dim=1,
        smoothness=2,
        n_cells=2,
        multiplication_depth=2,
        derivative_bound=6.0,
    ).network
    x = np.array([0.0, 0.1, 0.25, 0.3, 0.7, 1.0])
    exact = evaluate_exact(net, [Fraction(v) for v in x])
    err = np.array(
        [abs(Fraction(float(v)) - e) for v, e in zip(net(x), exact, strict=True)], dtype=float
    )
    bound = network_rounding_bound(net, x)
    assert np.all(err <= bound)
    assert bound.max() < 1e-12  # and it is a rounding-size number


def test_sympy_derivatives_differentiate_and_keep_the_function_for_the_zero_index():
    df = sympy_derivatives("x**3*y", ["x", "y"])
    p = np.array([[2.0, 3.0]])
    assert df(p, (0, 0)).tolist() == [24.0]
    assert df(p, (2, 1)).tolist() == [12.0]
    assert sympy_derivatives("x", ["x"])(np.array([[5.0]]), (0,)).tolist() == [5.0]
    assert sympy_derivatives("1", ["x"])(np.zeros((3, 1)), (0,)).tolist() == [1.0, 1.0, 1.0]


_VALID = {"dim": 1, "smoothness": 2, "n_cells": 2, "multiplication_depth": 2, "derivative_bound": 1.0}


@pytest.mark.parametrize(("argument", "value"), [
    ("dim", 3), ("smoothness", 4), ("n_cells", 0), ("multiplication_depth", 0), ("derivative_bound", -1.0),
])
def test_local_taylor_network_names_the_argument_out_of_its_range(argument, value):
    with pytest.raises(ValueError, match=argument):
        local_taylor_network(sympy_derivatives("x", ["x"]), **{**_VALID, argument: value})


def test_bad_inputs_raise_value_error():
    df = sympy_derivatives("x", ["x"])
    with pytest.raises(ValueError, match="derivatives"):
        local_taylor_network(3.0, **_VALID)
    with pytest.raises(ValueError, match="derivatives"):
        local_taylor_network(lambda p, n: np.full(p.shape[0], np.nan), **{**_VALID, "smoothness": 1})
    with pytest.raises(ValueError, match="eps"):
        local_taylor_network_for(0.0, df, dim=1, smoothness=2, derivative_bound=1.0)
    with pytest.raises(ValueError, match="symbols"):
        sympy_derivatives("x*z", ["x"])
    with pytest.raises(ValueError, match="network"):
        network_rounding_bound("net", np.zeros(2))
