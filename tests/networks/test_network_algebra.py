"""Tests for constructions.networks.algebra: composition, parallel stacking, exact evaluation."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.networks.algebra import (
    affine_network,
    compose,
    evaluate_exact,
    exact_pieces,
    fraction_array,
    relu_abs_network,
    relu_identity_network,
    stack_parallel,
)
from constructions.networks.dense import network_from_layers

EPS = np.finfo(float).eps



def _random_relu_net(rng, sizes):
    layers = [(rng.standard_normal((b, a)), rng.standard_normal(b)) for a, b in zip(sizes[:-1], sizes[1:])]
    return network_from_layers(layers, activation="relu")


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1))
def test_compose_evaluates_outer_after_inner(seed):
    rng = np.random.default_rng(seed)
    inner, outer = _random_relu_net(rng, [2, 4, 3]), _random_relu_net(rng, [3, 5, 1])
    x = rng.uniform(-1, 1, (50, 2))
    both = compose(outer, inner)
    assert both.depth == outer.depth + inner.depth - 1
    # merging reassociates sums of <= 5 products of O(1) normals: a few hundred eps at most
    ref = outer(inner(x))
    scale = 1.0 + np.abs(ref).max()
    np.testing.assert_allclose(both(x), ref, rtol=0, atol=1e3 * EPS * scale)


def test_stack_parallel_concatenates_inputs_and_outputs():
    a, b = relu_abs_network(1), relu_identity_network(1)
    pair = stack_parallel([a, b])
    x = np.array([[-2.0, -3.0], [1.5, 0.25]])
    np.testing.assert_array_equal(pair(x), np.array([[2.0, -3.0], [1.5, 0.25]]))
    assert pair.hidden_widths == (4,)


def test_stack_parallel_with_shared_input_reads_one_input():
    both = stack_parallel([relu_abs_network(1), relu_identity_network(1)], shared_input=True)
    np.testing.assert_array_equal(both(np.array([-0.5])), np.array([[0.5, -0.5]]))


def test_relu_identity_network_is_exact_at_any_depth():
    x = np.array([-1e300, -1.5, -0.0, 3e-310, 7.25])
    np.testing.assert_array_equal(relu_identity_network(1, n_hidden_layers=5)(x), x)


def test_evaluate_exact_matches_rational_arithmetic():
    net = compose(affine_network([[3.0]]), relu_abs_network(1))
    assert evaluate_exact(net, ["-1/3", "2/7"]).tolist() == [Fraction(1), Fraction(6, 7)]


def test_exact_pieces_of_abs_has_one_kink_at_zero():
    xs, vals = exact_pieces(relu_abs_network(1), interval=("-1/3", 2))
    assert xs.tolist() == [Fraction(-1, 3), Fraction(0), Fraction(2)]
    assert vals.tolist() == [Fraction(1, 3), Fraction(0), Fraction(2)]


def test_exact_pieces_of_an_affine_relu_network_are_only_the_interval_ends():
    """relu(x) − relu(−x) = x is affine: the crossing at 0 is no kink, so only the ends remain."""
    xs, vals = exact_pieces(relu_identity_network(1), interval=(-1, 2))
    assert xs.tolist() == [Fraction(-1), Fraction(2)]
    assert vals.tolist() == [Fraction(-1), Fraction(2)]


@settings(deadline=None, max_examples=20)
@given(seed=st.integers(0, 2**32 - 1))
def test_exact_pieces_agree_with_exact_evaluation_between_breakpoints(seed):
    rng = np.random.default_rng(seed)
    net = _random_relu_net(rng, [1, 4, 4, 1])
    xs, vals = exact_pieces(net, interval=(-2, 2))
    mids = (xs[:-1] + xs[1:]) / 2
    np.testing.assert_array_equal(evaluate_exact(net, mids), (vals[:-1] + vals[1:]) / 2)
    np.testing.assert_array_equal(evaluate_exact(net, xs), vals)


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="activation"):
        compose(affine_network([[1.0]], activation="tanh"), relu_abs_network(1))
    with pytest.raises(ValueError, match="input_dim"):
        compose(relu_abs_network(2), relu_abs_network(1))
    with pytest.raises(ValueError, match="depths"):
        stack_parallel([relu_abs_network(1), relu_identity_network(1, n_hidden_layers=2)])
    with pytest.raises(ValueError, match="empty"):
        stack_parallel([])
    with pytest.raises(ValueError, match="not supported"):
        evaluate_exact(network_from_layers([(np.ones((1, 1)), np.zeros(1))] * 2,
                                           activation="sigmoid"), [0.0])
    with pytest.raises(ValueError, match="rational"):
        fraction_array([float("nan")])
    with pytest.raises(ValueError, match="interval"):
        exact_pieces(relu_abs_network(1), interval=(1, 0))
    with pytest.raises(ValueError, match="n_hidden_layers"):
        relu_identity_network(1, n_hidden_layers=0)
