"""Tests for constructions.approximation.yarotsky: the product network ×̃ (C09) and the PL interpolant (C10)."""

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.yarotsky import (
    approximate_product,
    interpolant_error_bound,
    multiplication_depth_for,
    multiplication_error_bound,
    multiplication_network,
    pl_interpolant_network,
)
from constructions.networks.algebra import evaluate_exact

EPS = np.finfo(float).eps



def _grid(bound, n):
    g = np.linspace(-bound, bound, n)
    xx, yy = np.meshgrid(g, g)
    return np.column_stack([xx.ravel(), yy.ravel()])


@pytest.mark.parametrize(("m", "bound"), [(1, 1.0), (4, 3.0), (6, 1.0), (8, 0.5)])
def test_product_error_is_within_m_squared_2_pow_minus_2m_on_a_grid(m, bound):
    p = _grid(bound, 241)
    err = np.abs(multiplication_network(m=m, bound=bound)(p) - p[:, 0] * p[:, 1])
    # round-off: m+2 layers of 3-term sums of size <= 2, scaled by the prefactor 2M^2,
    # plus the rounding of xy itself
    slack = 2.0 * bound**2 * 8.0 * (m + 2) * EPS
    assert err.max() <= multiplication_error_bound(m=m, bound=bound) + slack


def test_product_bound_is_attained_at_m4_bound3():
    # x = y = 2M/2^(m+1): |x|/(2M) is a midpoint (f_m − t² = δ), |x+y|/(2M) a node, so
    # ×̃ − xy = −4M²δ exactly: the lower half of the bound is attained
    m, bound = 4, 3.0
    t = Fraction(1, 2 ** (m + 1))  # a midpoint of the f_m grid
    x = float(2 * bound * t)
    val = evaluate_exact(multiplication_network(m=m, bound=bound), [[x, x]])[0]
    assert Fraction(x) ** 2 - val == Fraction(multiplication_error_bound(m=m, bound=bound))
    p = _grid(bound, 801)
    err = np.abs(multiplication_network(m=m, bound=bound)(p) - p[:, 0] * p[:, 1]).max()
    assert err >= 0.99 * multiplication_error_bound(m=m, bound=bound)


@settings(deadline=None, max_examples=30)
@given(m=st.integers(1, 8), y=st.fractions(-3, 3, max_denominator=2**20), first=st.booleans())
def test_product_is_exactly_zero_when_a_factor_is_zero(m, y, first):
    point = [0, y] if first else [y, 0]
    assert evaluate_exact(multiplication_network(m=m, bound=3.0), [point])[0] == 0


def test_product_network_matches_closed_form():
    p = _grid(2.0, 101)
    net = multiplication_network(m=5, bound=2.0)
    # both evaluate f_m to ~(m+1)·4 eps, scaled by 2M^2 and three terms
    np.testing.assert_allclose(net(p), approximate_product(p[:, 0], p[:, 1], m=5, bound=2.0),
                               rtol=0.0, atol=3 * 2 * 4.0 * 4 * 6 * EPS)


def test_product_network_architecture():
    net = multiplication_network(m=4, bound=3.0)
    assert net.hidden_widths == (6, 9, 9, 9, 9)
    assert net.n_units == 6 + 9 * 4
    assert net.n_params == 6 * 3 + 9 * 7 + 3 * 9 * 10 + 10


def test_scaling_by_m_instead_of_2m_control_fails_at_the_corner():
    bound = 3.0
    bad = multiplication_network(m=6, bound=bound, scale=bound)
    err = abs(bad(np.array([[bound, bound]]))[0] - bound * bound)
    assert err > 10 * multiplication_error_bound(m=6, bound=bound)


@pytest.mark.parametrize(("eps", "bound"), [(1e-2, 3.0), (1e-6, 1.0), (0.5, 0.1), (1e-12, 7.0)])
def test_depth_for_eps_is_the_smallest_sufficient_m(eps, bound):
    m = multiplication_depth_for(eps, bound=bound)
    assert multiplication_error_bound(m=m, bound=bound) <= eps
    assert m == 1 or multiplication_error_bound(m=m - 1, bound=bound) > eps


@settings(deadline=None, max_examples=200)
@example(bound=1.5, m=537)  # 2.25·2^-1074: subnormal, rounding to nearest gave 2^-1074·2 < exact
@example(bound=0.1, m=1)  # M² is not a float: rounded to nearest it may land below
@given(bound=st.floats(1e-3, 1e3), m=st.integers(0, 560))
def test_error_bound_is_the_smallest_float_at_or_above_m_squared_2_pow_minus_2m(bound, m):
    """The returned bound is never below the exact M²·2^{−2m}, and one float less would be."""
    got = multiplication_error_bound(m=m, bound=bound)
    exact = Fraction(bound) ** 2 / 4**m
    assert Fraction(got) >= exact
    assert Fraction(math.nextafter(got, -math.inf)) < exact


@settings(deadline=None, max_examples=100)
# eps = 7.8e-312 is subnormal: log2(M/√ε) lands just above 515, the initial guess is 516 and only
# the step down on "bound(m − 1) <= ε" (equality here) finds the smallest depth
@example(bound=0.3, m=515)
@given(bound=st.floats(1e-3, 1e3), m=st.integers(1, 520))  # M² 2^{−2m} >= 2^{−1060} > 0
def test_depth_for_the_depth_m_bound_is_m(bound, m):
    """ε = M² 2^{−2m} is met at depth m (with equality) and not at m − 1: depth_for(ε) = m."""
    eps = multiplication_error_bound(m=m, bound=bound)
    got = multiplication_depth_for(eps, bound=bound)
    assert got == m, (
        f"depth={got}, but should be {m} [multiplication_depth_for({eps!r}, bound={bound!r})]")


def test_pl_interpolant_has_3k_plus_1_params_and_interpolates():
    k = 7
    t = np.linspace(0.0, 1.0, k + 1)
    v = np.sin(2 * np.pi * t)
    net = pl_interpolant_network(t, v)
    assert net.n_params == 3 * k + 1 and net.n_units == k
    np.testing.assert_allclose(net(t), v, rtol=0.0, atol=16 * k * EPS)  # k-term sums of O(2π) terms


@pytest.mark.parametrize("k", [4, 16, 64])
def test_pl_interpolant_of_sin_meets_h2_bound_tightly_for_fine_grids(k):
    t = np.linspace(0.0, 1.0, k + 1)
    net = pl_interpolant_network(t, np.sin(2 * np.pi * t))
    x = np.linspace(0.0, 1.0, 20_001)
    err = np.abs(net(x) - np.sin(2 * np.pi * x)).max()
    bound = interpolant_error_bound(n_pieces=k, second_derivative_sup=4 * np.pi**2)
    assert err <= bound
    # tight once a piece centre sits near the maximum of |f''| (k = 4: nodes at the peaks)
    assert k < 16 or err >= 0.9 * bound


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="bound"):
        multiplication_network(m=2, bound=0.0)
    with pytest.raises(ValueError, match="m=0"):
        multiplication_network(m=0, bound=1.0)
    with pytest.raises(ValueError, match="bound"):
        approximate_product([2.0], [0.0], m=2, bound=1.0)
    with pytest.raises(ValueError, match="increasing"):
        pl_interpolant_network([0.0, 0.0, 1.0], [0.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="shapes"):
        pl_interpolant_network([0.0, 1.0], [0.0])
    # mutation run (docs/mutation-six.md): `t.size < 2` -> `t.size < 1` survived
    with pytest.raises(ValueError, match="at least 2 entries"):
        pl_interpolant_network([0.0], [1.0])
    with pytest.raises(ValueError, match="eps"):
        multiplication_depth_for(0.0, bound=1.0)
