"""Tests for constructions.approximation.sawtooth: the hat, the sawtooth g_s and Yarotsky's f_m (C08)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.approximation.sawtooth import (
    hat_network,
    sawtooth,
    sawtooth_exact,
    sawtooth_network,
    shallow_square_error_lower_bound,
    square_approximant,
    square_approximant_error,
    square_approximant_exact,
    sup_error_against_square,
    yarotsky_square_network,
)
from constructions.networks.algebra import evaluate_exact, exact_pieces
from constructions.networks.dense import DenseNetwork, dense_parameter_count

EPS = np.finfo(float).eps



def test_hat_is_zero_outside_the_unit_interval():
    x = np.array([-3.0, -1e-9, 1.0 + 1e-9, 5.0])
    np.testing.assert_array_equal(hat_network()(x), np.zeros(4))


@pytest.mark.parametrize("s", [1, 2, 3, 6])
def test_sawtooth_has_2_pow_s_minus_1_teeth(s):
    xs, vals = exact_pieces(sawtooth_network(s), interval=(0, 1))
    assert xs.tolist() == [Fraction(k, 2 ** s) for k in range(2 ** s + 1)]
    assert sum(v == 1 for v in vals) == 2 ** (s - 1)
    assert sum(v == 0 for v in vals) == 2 ** (s - 1) + 1


@settings(deadline=None, max_examples=25)
@given(s=st.integers(1, 50), seed=st.integers(0, 2**32 - 1))
def test_sawtooth_network_equals_closed_form_bit_for_bit(s, seed):
    # both routes are exact in float64 on [0, 1] (see the Notes of sawtooth and the network)
    x = np.random.default_rng(seed).uniform(0.0, 1.0, 2000)
    np.testing.assert_array_equal(sawtooth_network(s)(x), sawtooth(x, s=s))


@settings(deadline=None, max_examples=50)
@given(s=st.integers(1, 200), num=st.integers(0, 2**40), den=st.integers(1, 2**40))
def test_closed_form_sawtooth_is_exact_at_floats(s, num, den):
    x = min(num / den, 1.0)
    assert Fraction(float(sawtooth([x], s=s)[0])) == sawtooth_exact([x], s=s)[0]


def test_float_sawtooth_vanishes_beyond_54_compositions_but_exact_does_not():
    x = 1.0 / 3.0
    assert sawtooth([x], s=60)[0] == 0.0
    assert sawtooth_exact(["1/3"], s=60)[0] == Fraction(2, 3)


@pytest.mark.parametrize("m", range(1, 11))
def test_square_approximant_interpolates_x_squared_at_dyadic_nodes(m):
    nodes = [Fraction(k, 2 ** m) for k in range(2 ** m + 1)]
    expected = [t * t for t in nodes]
    assert square_approximant_exact(nodes, m=m).tolist() == expected
    assert evaluate_exact(yarotsky_square_network(m), nodes).tolist() == expected


def test_zeroth_square_approximant_is_the_chord_x():
    """f_0(x) = x (the chord of x² through 0 and 1), float and exact, with error 1/4 at x = 1/2."""
    x = np.linspace(0.0, 1.0, 17)
    np.testing.assert_array_equal(square_approximant(x, m=0), x)  # no term subtracted: exact
    nodes = [Fraction(k, 8) for k in range(9)]
    assert square_approximant_exact(nodes, m=0).tolist() == nodes
    half = Fraction(1, 2)
    assert square_approximant_exact([half], m=0)[0] - half**2 == square_approximant_error(0)


@pytest.mark.parametrize("m", range(1, 11))
def test_network_sup_error_is_exactly_2_pow_minus_2m_minus_2_at_midpoints(m):
    cert = sup_error_against_square(yarotsky_square_network(m))
    assert cert.error == square_approximant_error(m) == Fraction(1, 2 ** (2 * m + 2))
    assert cert.argmax == tuple(Fraction(2 * k - 1, 2 ** (m + 1)) for k in range(1, 2 ** m + 1))
    assert cert.one_sided
    assert cert.n_pieces == 2 ** m


@pytest.mark.parametrize("m", [1, 2, 5, 17, 40])
def test_network_has_width_3_and_3m_units_and_12m_minus_2_params(m):
    net = yarotsky_square_network(m)
    assert (net.width, net.n_units, net.n_hidden_layers, net.depth) == (3, 3 * m, m, m + 1)
    assert net.n_params == 12 * m - 2 == dense_parameter_count(1, [3] * m, 1)


@pytest.mark.parametrize("m", [1, 2, 8, 14, 20])
def test_network_agrees_with_closed_form_on_1e5_points(m):
    x = np.random.default_rng(m).uniform(0.0, 1.0, 100_000)
    # the sawtooth part is exact in both; the y-chain has m+1 sums of 3 terms of
    # magnitude <= 2 (network) and m subtractions (closed form): <= 2 roundings of
    # size <= 2 eps per layer each
    tol = 4.0 * (m + 1) * EPS
    np.testing.assert_allclose(yarotsky_square_network(m)(x), square_approximant(x, m=m),
                               rtol=0.0, atol=tol)


@pytest.mark.parametrize("m", [30, 60])
def test_deep_square_approximant_is_exact_in_rationals(m):
    x = [Fraction(1, 3), Fraction(5, 7), Fraction(2 ** m - 1, 2 ** (m + 1))]
    err = square_approximant_exact(x, m=m) - np.array([t * t for t in x], dtype=object)
    assert all(0 <= e <= square_approximant_error(m) for e in err)
    assert err[2] == square_approximant_error(m)  # a midpoint attains the bound


def test_weights_2_pow_minus_s_control_does_not_converge():
    errors = [sup_error_against_square(yarotsky_square_network(m, weight_base=2)).error
              for m in (1, 3, 6)]
    assert min(errors) >= Fraction(1, 4)


def test_identity_activation_control_is_affine_and_at_least_one_eighth_off():
    for m in (1, 4):
        cert = sup_error_against_square(yarotsky_square_network(m, activation="identity"))
        assert cert.n_pieces == 1
        assert cert.error >= shallow_square_error_lower_bound(0) == Fraction(1, 8)


def test_shallow_lower_bound_needs_exponentially_many_units_to_match_depth():
    m = 10
    units = 2 ** m // 2  # U + 1 = 2^(m-1) < 2^(m-1/2) units are too few
    assert shallow_square_error_lower_bound(units - 1) > square_approximant_error(m)


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="m=0"):
        yarotsky_square_network(0)
    with pytest.raises(ValueError, match="weight_base"):
        yarotsky_square_network(3, weight_base=1)
    with pytest.raises(ValueError, match="activation"):
        yarotsky_square_network(3, activation="cosine")
    with pytest.raises(ValueError, match="allowed: 0 <= x <= 1"):
        square_approximant([1.5], m=2)
    with pytest.raises(ValueError, match="outside"):
        square_approximant_exact(["-1/2"], m=2)
    with pytest.raises(ValueError, match="s=0"):
        sawtooth([0.5], s=0)
    with pytest.raises(ValueError, match="non-finite"):
        sawtooth([np.nan], s=1)
    with pytest.raises(ValueError, match="s="):
        sawtooth_network(-1)


@pytest.mark.parametrize("units", [2, 4, 8])
def test_shallow_lower_bound_is_below_the_exact_error_of_the_shifted_chord_network(units):
    """1/(8(U+1)²) ≤ the error 1/(8U²) of an explicit U-unit shallow ReLU net (chord − h²/8)."""
    h = 1.0 / units  # dyadic: every weight below is exact, so the certificate is exact
    # the chord of x² through the nodes kh has slope (2k+1)h on [kh, (k+1)h]: jumps h, 2h, 2h, …
    jumps = np.concatenate([[h], np.full(units - 1, 2 * h)])
    net = DenseNetwork((np.ones((units, 1)), jumps[None, :]),
                       (-np.arange(units) * h, np.array([-h * h / 8])), "relu")
    cert = sup_error_against_square(net)
    assert cert.error == Fraction(1, 8 * units**2)  # h²/8 on each of the U pieces
    assert shallow_square_error_lower_bound(units) <= cert.error
    # the bound's own derivation: U + 1 equal pieces of length h' = 1/(U + 1), error h'²/8
    assert shallow_square_error_lower_bound(units - 1) == Fraction(1, 8 * units**2)
