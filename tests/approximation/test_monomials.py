"""Tests for constructions.approximation.monomials (CLAIMS.md C07)."""


import numpy as np
import pytest
import sympy

from constructions.approximation.monomials import (
    finite_difference_network,
    finite_difference_values,
    logistic_derivative,
    logistic_derivative_bound,
    logistic_derivative_polynomial,
    monomial_error_bound,
    monomial_network,
    monomial_rounding_estimate,
)

X = np.linspace(-1.0, 1.0, 2001)



def test_derivative_polynomials_match_sympy_differentiation():
    t = sympy.Symbol("t")
    phi = 1 / (1 + sympy.exp(-t))
    for k in range(6):
        direct = sympy.diff(phi, t, k)
        via_poly = logistic_derivative_polynomial(k).as_expr().subs(sympy.Symbol("s"), phi)
        for point in (sympy.Rational(-3, 2), 0, sympy.Rational(1, 3), 2):
            diff = (direct - via_poly).subs(t, point).evalf(40)
            assert abs(diff) < sympy.Float("1e-35")  # 40-digit evaluation of an identity


def test_logistic_derivatives_at_one_are_non_zero_up_to_order_ten():
    for k in range(11):
        assert abs(float(logistic_derivative(k, 1))) > 1e-3


def test_even_logistic_derivatives_vanish_exactly_at_zero():
    for k in range(1, 11):
        value = logistic_derivative(k, 0)
        assert (value == 0) == (k % 2 == 0)


def test_logistic_third_derivative_bound_is_one_eighth():
    assert logistic_derivative_bound(3, -10, 10) == 0.125
    assert logistic_derivative_bound(1, -1, 1) == 0.25


@pytest.mark.parametrize(("k", "t"), [(1, 0.0), (3, 0.0), (2, 1.0), (4, -0.75)])
def test_derivative_bound_on_a_single_point_is_the_derivative_there(k, t):
    """On the degenerate interval [t, t] the max of |φ^(k)| is |φ^(k)(t)|, rounded up to a float."""
    exact = abs(logistic_derivative(k, t))
    value = logistic_derivative_bound(k, t, t)
    # rounded upward: the float is >= the exact value and its predecessor is below it
    assert value >= exact and np.nextafter(value, -np.inf) < exact, (
        f"bound={value!r}, but should be |phi^({k})({t})|={float(exact)!r} rounded up "
        f"[logistic_derivative_bound({k}, {t}, {t})]")


@pytest.mark.parametrize(("k", "h"), [(2, 1e-5), (3, 1e-4), (4, 1e-3)])
def test_rounding_estimate_covers_the_float_error_where_rounding_dominates(k, h):
    """Float64 network vs its exact value (mpmath): the rounding gap ~2^k u/h^k is <= estimate."""
    x = np.linspace(-1.0, 1.0, 41)
    exact = finite_difference_values(x, k=k, h=h, b=1.0, dps=60) / float(logistic_derivative(k, 1))
    gap = np.max(np.abs(monomial_network(k=k, h=h)(x) - exact))
    estimate = monomial_rounding_estimate(k=k, h=h)
    # the O(h) method error plays no part here: the comparison is with D_h^k itself, not x^k
    assert monomial_error_bound(k=k, h=h) < estimate
    assert gap <= estimate, (
        f"gap={gap:.3e}, but should be <= estimate={estimate:.3e} [k={k}, h={h}]")


def test_rounding_estimate_of_the_first_difference_at_zero_is_102_unit_roundoffs():
    """Worked example k = 1, h = ½, b = 0 (φ′(0) = ¼): (k+2)·2^k·u(2 + (|b|+kh)/4)/(h^k φ′(0)) = 102u."""
    u = 2.0**-53  # unit roundoff of float64
    # 3·2·u·(2 + 1/8) / (1/2 · 1/4) = 102u; every intermediate is a dyadic rational: exact
    assert monomial_rounding_estimate(k=1, h=0.5, b=0.0) == 102 * u


@pytest.mark.parametrize("k,h", [(1, 1e-2), (2, 1e-2), (2, 1e-3), (3, 1e-2), (3, 1e-3),
                                 (4, 3e-2), (5, 5e-2)])
def test_monomial_network_error_le_bound_plus_rounding(k, h):
    net = monomial_network(k=k, h=h)
    assert net.n_units == k + 1
    err = np.max(np.abs(net(X) - X**k))
    assert err <= monomial_error_bound(k=k, h=h) + monomial_rounding_estimate(k=k, h=h)


@pytest.mark.parametrize("k,b", [(2, 0.5), (3, -1.25), (1, 0.375)])
def test_monomial_network_at_a_non_integer_expansion_point_approximates_x_pow_k(k, b):
    """D_h^k/φ^(k)(b) → x^k for any b with φ^(k)(b) ≠ 0, not only integer b (b = p/q, q > 1)."""
    h = 1e-2
    net = monomial_network(k=k, h=h, b=b)
    err = np.max(np.abs(net(X) - X**k))
    assert err <= monomial_error_bound(k=k, h=h, b=b) + monomial_rounding_estimate(k=k, h=h, b=b)


def test_monomial_catalogue_numbers():
    # catalogue [N]: k=2: h=1e-2 → 3.97e-3, h=1e-3 → 3.90e-4; k=3, h=1e-3 → 5.25e-3
    for k, h, value in [(2, 1e-2, 3.97e-3), (2, 1e-3, 3.90e-4), (3, 1e-3, 5.25e-3)]:
        err = np.max(np.abs(monomial_network(k=k, h=h)(X) - X**k))
        assert err == pytest.approx(value, rel=5e-3)


@pytest.mark.parametrize("k,h", [(4, 1e-2), (6, 1e-2), (6, 1e-3)])
def test_exact_arithmetic_finite_difference_obeys_the_bound(k, h):
    x = np.linspace(-1, 1, 41)
    scale = float(logistic_derivative(k, 1))
    values = finite_difference_values(x, k=k, h=h, b=1.0) / scale
    # the mpmath values are rounded to float64 and divided: relative 2u on numbers ≤ 2
    assert np.max(np.abs(values - x**k)) <= monomial_error_bound(k=k, h=h) + 8 * np.finfo(float).eps


def test_error_decreases_linearly_in_h():
    errs = [np.max(np.abs(finite_difference_values(X[::50], k=2, h=h, b=1.0)
                          / float(logistic_derivative(2, 1)) - X[::50] ** 2))
            for h in (1e-2, 1e-3)]
    assert 9 < errs[0] / errs[1] < 11


def test_expansion_at_zero_is_rejected_for_even_degree():
    with pytest.raises(ValueError, match="phi\\^\\(2\\)"):
        monomial_network(k=2, h=1e-2, b=0.0)
    monomial_network(k=3, h=1e-2, b=0.0)  # odd derivatives are non-zero at 0


@pytest.mark.parametrize("h", [1e-1, 1e-2, 1e-3])
def test_second_difference_at_zero_vanishes_like_h(h):
    # D_h²(x) = x² φ″(ξ), |ξ| ≤ 2h, |φ″(ξ)| ≤ 2h max|φ‴| = h/4
    net = finite_difference_network(k=2, h=h, b=0.0)
    rounding = 8 * 4 * np.finfo(float).eps / h**2  # 2^k terms of size ≤ 1, rounded, over h²
    assert np.max(np.abs(net(X))) <= h / 4 + rounding


@pytest.mark.parametrize("kwargs,match", [
    (dict(k=0, h=0.1), "k"), (dict(k=2, h=0.0), "h"), (dict(k=2, h=0.1, b=np.inf), "b"),
    (dict(k=1.5, h=0.1), "k"),
])
def test_bad_inputs_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        monomial_network(**kwargs)


def test_derivative_bound_rejects_inverted_interval():
    with pytest.raises(ValueError, match="lo"):
        logistic_derivative_bound(2, 1.0, 0.0)
