"""Interval kernels of the certifier contain the exact values (checked against mpmath at 60 digits).

The enclosures must hold for the exact real function at every point of the interval,
so each check evaluates the function in mpmath at the interval's ends and at an interior
point (all exact float64 values, converted exactly) and compares without tolerance.
"""

import doctest
import importlib
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.certification import (
    bounds,
    certify_sup_error,
    elementary,
    intervals,
    linear_pieces,
)
from constructions.networks.dense import network_from_layers

mpmath.mp.dps = 60

FUNCTIONS = {
    "exp": (elementary.interval_exp, mpmath.exp, (-700.0, 700.0)),
    "log": (elementary.interval_log, mpmath.log, (1e-300, 1e300)),
    "sqrt": (elementary.interval_sqrt, mpmath.sqrt, (0.0, 1e300)),
    "sin": (elementary.interval_sin, mpmath.sin, (-1e6, 1e6)),
    "cos": (elementary.interval_cos, mpmath.cos, (-1e6, 1e6)),
    "tanh": (elementary.interval_tanh, mpmath.tanh, (-50.0, 50.0)),
    "atan": (elementary.interval_atan, mpmath.atan, (-1e10, 1e10)),
    "cosh": (elementary.interval_cosh, mpmath.cosh, (-700.0, 700.0)),
    "logistic": (elementary.interval_expit, lambda t: 1 / (1 + mpmath.exp(-t)), (-800.0, 800.0)),
    "cube": (lambda lo, hi: elementary.interval_pow_int(lo, hi, 3), lambda t: t**3, (-1e5, 1e5)),
    "inverse_square": (lambda lo, hi: elementary.interval_pow_int(lo, hi, -2), lambda t: t**-2,
                       (0.5, 1e5)),
}


def intervals_in(lo, hi):
    return st.tuples(st.floats(lo, hi), st.floats(0.0, 1.0), st.floats(0.0, 1.0)).map(
        lambda t: (t[0], min(hi, t[0] + t[1] * (hi - lo) * 1e-3 * 10 ** (3 * t[2]))))


@pytest.mark.parametrize("name", list(FUNCTIONS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_interval_function_contains_exact_values_at_ends_and_inside(name, data):
    kernel, exact, (dom_lo, dom_hi) = FUNCTIONS[name]
    a, b = data.draw(intervals_in(dom_lo, dom_hi), label="interval")
    mid = data.draw(st.floats(a, b), label="point")
    lo, hi = kernel(np.array([a]), np.array([b]))
    for x in (a, mid, b):
        value = exact(mpmath.mpf(x))
        assert mpmath.mpf(lo[0]) <= value <= mpmath.mpf(hi[0]), (
            f"{name}({x!r})={value}, but should be in [{lo[0]!r}, {hi[0]!r}] for [{a!r}, {b!r}]")


@settings(max_examples=100, deadline=None)
@given(a=st.floats(-1e3, 1e3), w=st.floats(0.0, 30.0), frac=st.floats(0.0, 1.0))
def test_sin_enclosure_contains_interior_extrema(a, w, frac):
    lo, hi = elementary.interval_sin(np.array([a]), np.array([a + w]))
    x = a + frac * w
    assert mpmath.mpf(lo[0]) <= mpmath.sin(mpmath.mpf(x)) <= mpmath.mpf(hi[0])
    k = mpmath.ceil((mpmath.mpf(a) - mpmath.pi / 2) / (2 * mpmath.pi))
    if mpmath.pi / 2 + 2 * mpmath.pi * k <= a + w:      # a maximum of sin lies inside
        assert hi[0] == 1.0


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu"])
@settings(max_examples=50, deadline=None)
@given(a=st.floats(-60.0, 60.0), w=st.floats(0.0, 5.0), frac=st.floats(0.0, 1.0))
@example(a=5.153382844904915e-49, w=0.0, frac=0.0)  # found by a randomized run: the slope bound is exactly ¼ here
def test_activation_value_and_slope_intervals_contain_exact_values(activation, a, w, frac):
    exact = {"sigmoid": (lambda t: 1 / (1 + mpmath.exp(-t)),
                         # σ'(t) = 1/(4 cosh²(t/2)): never rounds above its maximum ¼ (e^{−t}/(1 + e^{−t})²
                         # did, by 4e-62 at t = 5e-49, where the certified bound is exactly ¼)
                         lambda t: 1 / (4 * mpmath.cosh(t / 2) ** 2)),
             "tanh": (mpmath.tanh, lambda t: 1 - mpmath.tanh(t) ** 2),
             "relu": (lambda t: max(t, 0), lambda t: 1 if t > 0 else 0),
             "leaky_relu": (lambda t: t if t >= 0 else mpmath.mpf(0.01) * t,
                            lambda t: 1 if t > 0 else mpmath.mpf(0.01))}[activation]
    lo, hi = np.array([[a, a]]), np.array([[a + w, a + w]])
    vlo, vhi = bounds.activation_interval(activation, lo, hi)
    slo, shi = bounds.activation_slope_interval(activation, lo, hi)
    x = mpmath.mpf(a + frac * w)
    assert mpmath.mpf(vlo[0, 0]) <= exact[0](x) <= mpmath.mpf(vhi[0, 0])
    assert mpmath.mpf(slo[0, 0]) <= exact[1](x) <= mpmath.mpf(shi[0, 0])


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), m=st.integers(1, 4))
def test_affine_interval_contains_exact_rational_products(seed, n, m):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(m, n)) * 10.0 ** rng.integers(-3, 4, size=(m, n))
    b = rng.normal(size=m)
    x = rng.normal(size=(1, n))
    lo, hi = intervals.affine_interval(w, b, x, x)
    for k in range(m):
        exact = sum(Fraction(w[k, j]) * Fraction(x[0, j]) for j in range(n)) + Fraction(b[k])
        assert Fraction(lo[0, k]) <= exact <= Fraction(hi[0, k])


def test_relu_network_against_cubic_target_brackets_the_exact_sup():
    x = sp.Symbol("x")
    net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, -0.5])),
                               (np.array([[0.25, 0.5]]), np.array([0.0]))], activation="relu")
    enc = certify_sup_error(net, x**3, [(0.0, 0.5)])
    # on [0, ½] the error is |x³ − x/4|, maximal at x = 1/√12: 1/(6√12) = 0.048112...
    exact_sup = 1 / (6 * 12**0.5)
    assert enc.method == "pieces"
    assert enc.lower <= exact_sup * (1 + 4e-16) and exact_sup * (1 - 4e-16) <= enc.upper
    assert enc.upper - enc.lower <= 1e-15
    assert enc.exact is None            # the maximiser 1/√12 is irrational
    assert len(linear_pieces(net, (0.0, 1.0)).slopes) == 2


@pytest.mark.parametrize("module", ["intervals", "elementary", "expressions", "targets",
                                    "bounds", "pieces", "enclosure"])
def test_docstring_examples_run(module):
    mod = importlib.import_module(f"constructions.certification.{module}")
    failed, _ = doctest.testmod(mod, verbose=False)
    assert failed == 0


#: interval endpoints down to subnormals: where the sum's absolute rounding term n·2^-1074 matters
_ENDPOINT = st.floats(-1e-300, 1e-300, allow_nan=False, allow_subnormal=True) | st.just(0.0)


@given(st.lists(st.tuples(_ENDPOINT, _ENDPOINT).map(sorted), min_size=1, max_size=6))
@example([(0.0, 0.0), (0.0, 0.0), (0.0, 0.0)])
@settings(max_examples=200)
def test_interval_sum_contains_the_exact_sum_down_to_subnormals(pairs):
    lo = np.array([p[0] for p in pairs])
    hi = np.array([p[1] for p in pairs])
    slo, shi = intervals.interval_sum(lo, hi)
    exact_lo = sum(Fraction(x) for x in lo)
    exact_hi = sum(Fraction(x) for x in hi)
    assert Fraction(float(slo)) <= exact_lo and exact_hi <= Fraction(float(shi)), (
        f"interval_sum = [{slo!r}, {shi!r}], but should contain [{exact_lo}, {exact_hi}] [interval_sum]"
    )


def test_an_undefined_interval_sum_is_the_whole_line():
    # [-inf, 1] + [inf, inf]: the float sums are NaN; the only sound answer is (-inf, inf)
    slo, shi = intervals.interval_sum(np.array([-np.inf, np.inf]), np.array([1.0, np.inf]))
    assert (float(slo), float(shi)) == (-np.inf, np.inf), (
        f"interval_sum = [{slo}, {shi}], but should be [-inf, inf] for an undefined sum [interval_sum]"
    )


#: inputs k·2^-1074: every product w·x lands among the subnormals, where its rounding error is the
#: absolute 2^-1075 of underflow, not a relative one (the (n + 2)·4·2^-1074 of affine_interval)
_SUBNORMAL_MULTIPLES = st.integers(-2**20, 2**20).map(lambda k: k * intervals._TINY)


@given(st.lists(st.tuples(st.floats(-1.0, 1.0), _SUBNORMAL_MULTIPLES), min_size=1, max_size=8),
       st.booleans())
# worked case: three products 0.5·2^-1074 each round (to even) to 0; the exact sum is 1.5·2^-1074
@example([(0.5, intervals._TINY)] * 3, False)
@settings(max_examples=200, deadline=None)
def test_affine_interval_contains_exact_products_that_underflow(terms, with_bias):
    w = np.array([[t[0] for t in terms]])
    x = np.array([[t[1] for t in terms]])
    b = np.array([3 * intervals._TINY]) if with_bias else None
    lo, hi = intervals.affine_interval(w, b, x, x)
    exact = sum(Fraction(wj) * Fraction(xj) for wj, xj in terms)
    exact += Fraction(b[0]) if with_bias else 0
    assert Fraction(float(lo[0, 0])) <= exact <= Fraction(float(hi[0, 0])), (
        f"affine_interval = [{lo[0, 0]!r}, {hi[0, 0]!r}], but should contain W x + b = "
        f"{float(exact)!r} ({exact / Fraction(intervals._TINY)} · 2^-1074) "
        f"[affine_interval, n={len(terms)}]"
    )


@pytest.mark.parametrize("point", [True, False])
def test_affine_map_of_an_empty_input_is_its_bias(point):
    """W x + b with W of shape (m, 0) is the empty sum plus b: the enclosure holds b, tightly."""
    w = np.zeros((3, 0))
    b = np.array([1.0, -2.5, 0.0])
    x = np.zeros((2, 0))
    lo, hi = intervals.affine_interval(w, b, x, x if point else x.copy())
    assert lo.shape == hi.shape == (2, 3), f"shape {lo.shape}, but should be (2, 3)"
    # radius (γ_2 + 16u)|b| + 8·2^-1074 by affine_interval's Notes: below 20u|b| + 2^-1070
    u = intervals.UNIT_ROUNDOFF
    assert np.all(lo <= b) and np.all(b <= hi), f"[{lo}, {hi}], but should contain b={b}"
    assert np.all(hi - lo <= 40 * u * np.abs(b) + 2.0**-1069), (
        f"width {hi - lo}, but should be at most 2(20u|b| + 2^-1070) [affine_interval, n=0]")


@pytest.mark.parametrize("lo, hi, expected", [
    (2.0, 3.0, (2.0, 3.0)),          # positive: |·| is the identity
    (-3.0, -2.0, (2.0, 3.0)),        # negative: the ends swap
    (-1.0, 2.0, (0.0, 2.0)),         # straddles 0: the minimum |x| = 0 is attained inside
    (-2.5, 0.0, (0.0, 2.5)),         # touches 0 at an end
    (0.0, 0.0, (0.0, 0.0)),
], ids=["positive", "negative", "straddles-0", "ends-at-0", "zero"])
def test_absolute_value_of_an_interval_is_its_exact_range(lo, hi, expected):
    """|[lo, hi]| = {|x| : lo ≤ x ≤ hi}, exactly (no rounding: |·|, min and max are exact)."""
    lo_arr, hi_arr = np.array([lo, lo]), np.array([hi, hi])
    result = intervals.interval_abs(lo_arr, hi_arr)
    assert result is not None, "interval_abs returned None, but should return (lo, hi)"
    alo, ahi = result
    assert np.all(alo == expected[0]) and np.all(ahi == expected[1]), (
        f"interval_abs([{lo}, {hi}]) = [{alo}, {ahi}], but should be {list(expected)} [interval_abs]")
