"""Unit tests of constructions.networks.dense: architecture counts and the blocked evaluation path."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

import constructions.networks.dense as networks
from constructions.networks.activations import activation_function
from constructions.networks.dense import DenseNetwork, dense_parameter_count, network_from_layers

EPS = np.finfo(float).eps
ACTIVATIONS = ["relu", "leaky_relu", "sigmoid", "tanh", "identity", "square"]


def _random_network(rng, sizes, activation):
    weights = tuple(rng.standard_normal((o, i)) / np.sqrt(i) for i, o in itertools.pairwise(sizes))
    biases = tuple(0.1 * rng.standard_normal(o) for o in sizes[1:])
    return DenseNetwork(weights, biases, activation)


def _naive_forward(net, x):
    """Reference: the textbook layer loop with the activations of constructions.networks.activations."""
    sigma = activation_function(net.activation)
    z = x[:, None] if x.ndim == 1 else x
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = z @ w.T + b
        if i < net.depth - 1:
            z = sigma(z)
    return z[:, 0] if net.output_dim == 1 else z


def _tolerance(net, reference):
    # per layer the product rounds by <= K·eps relative to Σ|w||z| (K = fan-in), the sigmoid
    # adds <= 2 ulp; weights scaled by 1/sqrt(K) keep layers ~1-Lipschitz, so errors add up
    # over the depth (the square activation at most doubles relative errors per layer)
    fan_in = max(w.shape[1] for w in net.weights)
    growth = 2.0 ** net.depth if net.activation == "square" else 1.0
    scale = 1.0 + float(np.max(np.abs(reference), initial=0.0))
    return 4 * net.depth * (fan_in + 2) * EPS * growth * scale


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 7 points, so that small batches cross several block boundaries."""
    monkeypatch.setattr(networks, "_BLOCK_ELEMENTS", 1)
    monkeypatch.setattr(networks, "_MIN_BLOCK", 7)


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), activation=st.sampled_from(ACTIVATIONS),
       sizes=st.lists(st.integers(1, 12), min_size=2, max_size=6),
       n=st.integers(1, 40))
def test_blocked_evaluation_agrees_with_the_naive_layer_loop(seed, activation, sizes, n):
    rng = np.random.default_rng(seed)
    net = _random_network(rng, sizes, activation)
    x = rng.standard_normal((n, sizes[0]))
    reference = _naive_forward(net, x)
    np.testing.assert_allclose(net(x), reference, rtol=0, atol=_tolerance(net, reference))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("sizes", [[3, 5, 4, 2], [1, 3, 3, 3, 1], [2, 40, 1]])
def test_evaluation_across_block_boundaries_agrees_with_the_naive_layer_loop(
        small_blocks, activation, sizes):
    rng = np.random.default_rng(len(sizes))
    net = _random_network(rng, sizes, activation)
    x = rng.standard_normal((23, sizes[0]))  # 3 full blocks of 7 and one of 2
    reference = _naive_forward(net, x)
    np.testing.assert_allclose(net(x), reference, rtol=0, atol=_tolerance(net, reference))


def test_relu_network_evaluation_is_bitwise_the_naive_one_on_exact_dyadic_data(small_blocks):
    # every product and sum is exact on small dyadics, so any summation order gives the same bits
    rng = np.random.default_rng(3)
    sizes = [2, 4, 4, 1]
    net = network_from_layers([(rng.integers(-4, 5, (o, i)) / 4, rng.integers(-4, 5, o) / 8)
                               for i, o in itertools.pairwise(sizes)],
                              activation="relu")
    x = rng.integers(-16, 17, (30, 2)) / 16
    np.testing.assert_array_equal(net(x), _naive_forward(net, x))


def test_wide_network_evaluation_agrees_with_the_naive_layer_loop():
    rng = np.random.default_rng(4)
    net = _random_network(rng, [16, 300, 300, 3], "tanh")
    x = rng.standard_normal((5000, 16))  # several blocks of the default size
    reference = _naive_forward(net, x)
    out = net(x)
    assert out.shape == (5000, 3)
    np.testing.assert_allclose(out, reference, rtol=0, atol=_tolerance(net, reference))


def test_sigmoid_layer_is_within_two_ulp_of_the_logistic_and_exact_in_the_far_tail():
    z = np.concatenate([np.linspace(-40.0, 40.0, 2001), [-700.0, -708.5, -720.0, -745.0, -800.0]])
    got = z.copy()
    networks._sigmoid_(got, np.empty_like(got))
    normal = z > -700.0
    # expit and the in-place chain are each within ~2 ulp of the exact logistic
    np.testing.assert_allclose(got[normal], expit(z[normal]), rtol=4 * EPS, atol=0)
    # in the tail σ(z) = e^z to within rounding (scipy's expit flushes it to 0 below −709)
    np.testing.assert_allclose(got[~normal], np.exp(z[~normal]), rtol=2 * EPS, atol=0)


def test_sigmoid_network_with_huge_preactivations_raises_no_overflow_warning():
    net = network_from_layers([(np.array([[1.0], [-1.0]]), np.zeros(2)),
                               (np.array([[1.0, 1.0]]), np.zeros(1))], activation="sigmoid")
    out = net(np.array([-1e6, -800.0, 0.0, 800.0, 1e6]))  # filterwarnings=error would fail here
    np.testing.assert_array_equal(out, [1.0, 1.0, 1.0, 1.0, 1.0])


def test_scalar_output_has_shape_n_and_vector_output_has_shape_n_by_d_out():
    rng = np.random.default_rng(5)
    assert _random_network(rng, [1, 3, 1], "relu")(np.zeros(4)).shape == (4,)
    assert _random_network(rng, [2, 3, 2], "relu")(np.zeros((4, 2))).shape == (4, 2)


def test_empty_batch_gives_an_empty_output():
    rng = np.random.default_rng(6)
    assert _random_network(rng, [1, 3, 1], "relu")(np.zeros(0)).shape == (0,)
    assert _random_network(rng, [2, 3, 2], "relu")(np.zeros((0, 2))).shape == (0, 2)


def test_evaluation_does_not_modify_its_input():
    rng = np.random.default_rng(7)
    net = _random_network(rng, [3, 4, 1], "sigmoid")
    x = rng.standard_normal((10, 3))
    before = x.copy()
    net(x)
    np.testing.assert_array_equal(x, before)


def test_parameter_counts_match_the_layer_sizes():
    rng = np.random.default_rng(8)
    net = _random_network(rng, [2, 5, 3, 1], "relu")
    assert (net.depth, net.n_hidden_layers, net.width, net.n_units) == (3, 2, 5, 8)
    assert net.n_params == dense_parameter_count(2, [5, 3], 1) == 2 * 5 + 5 + 5 * 3 + 3 + 3 + 1


def test_weights_are_read_only():
    net = _random_network(np.random.default_rng(9), [1, 2, 1], "relu")
    with pytest.raises(ValueError, match="read-only"):
        net.weights[0][0, 0] = 1.0


def test_biases_are_read_only():
    # mutation run (docs/mutation-six.md): `b.setflags(write=False)` -> `write=True` survived
    net = _random_network(np.random.default_rng(9), [1, 2, 1], "relu")
    with pytest.raises(ValueError, match="read-only"):
        net.biases[0][0] = 1.0


def test_nonzero_parameter_count_counts_the_nonzero_weights_and_biases_exactly():
    # mutation run (docs/mutation-six.md): `return sum(...)` -> `return None` survived
    net = DenseNetwork((np.array([[1.0], [0.0], [-2.0]]), np.array([[0.0, 3.0, 0.0]])),
                       (np.array([0.0, 0.5, 0.0]), np.array([0.0])), "relu")
    assert net.n_nonzero_params == 4, f"n_nonzero_params={net.n_nonzero_params}, but should be 4"
    assert net.n_params == 10, f"n_params={net.n_params}, but should be 10"


def test_hidden_preactivations_of_a_one_dimensional_batch_are_the_layer_loops():
    # mutation run (docs/mutation-six.md): `z.ndim == 1` -> `z.ndim == 2` in the reshape survived
    net = _random_network(np.random.default_rng(11), [1, 3, 2, 1], "tanh")
    x = np.array([-0.5, 0.0, 0.25, 1.0])
    z, expected = x[:, None], []
    for w, b in zip(net.weights[:-1], net.biases[:-1], strict=True):
        expected.append(z @ w.T + b)
        z = np.tanh(expected[-1])
    got = net.hidden_preactivations(x)
    shapes = [p.shape for p in got]
    assert shapes == [(4, 3), (4, 2)], f"shapes={shapes}, but should be [(4, 3), (4, 2)]"
    for k, (p, e) in enumerate(zip(got, expected, strict=True)):
        # the same products in the same order: equal up to the BLAS kernel's summation order
        np.testing.assert_allclose(p, e, rtol=8 * EPS, atol=8 * EPS, err_msg=f"hidden layer {k}")


def test_input_of_the_wrong_width_raises_value_error():
    net = _random_network(np.random.default_rng(10), [2, 3, 1], "relu")
    with pytest.raises(ValueError, match="allowed: \\(n, 2\\)"):
        net(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="allowed: \\(n, 2\\)"):
        net(np.zeros(4))


def test_non_finite_input_raises_value_error():
    net = _random_network(np.random.default_rng(11), [1, 3, 1], "relu")
    with pytest.raises(ValueError, match="x"):
        net(np.array([0.0, np.nan]))


def test_mismatched_layer_shapes_raise_value_error():
    with pytest.raises(ValueError, match="weights\\[1\\] takes 2 inputs"):
        DenseNetwork((np.ones((3, 1)), np.ones((1, 2))), (np.zeros(3), np.zeros(1)), "relu")
    with pytest.raises(ValueError, match="biases\\[0\\] has 2 entries"):
        DenseNetwork((np.ones((3, 1)),), (np.zeros(2),), "relu")


def test_unknown_activation_raises_value_error():
    with pytest.raises(ValueError, match="activation='softplus'"):
        DenseNetwork((np.ones((1, 1)),), (np.zeros(1),), "softplus")


@pytest.mark.parametrize("shapes", [[(1, 0)], [(0, 2), (1, 0)]], ids=["input_dim 0", "width 0"])
def test_a_network_with_a_zero_dimension_is_rejected_when_built(shapes):
    """input_dim = 0 or a width of 0 is refused up front (it used to build, then fail when called:
    ZeroDivisionError in the evaluation's blocking)."""
    layers = [(np.zeros(s), np.zeros(s[0])) for s in shapes]
    with pytest.raises(ValueError, match="no zero dimension"):
        network_from_layers(layers, activation="relu")


def test_wide_network_evaluation_keeps_its_three_buffers_within_the_documented_64_mib():
    """A block's activations (units × block float64) stay ≤ 64 MiB per buffer, three buffers, for a
    width-2048 layer on 8192 points (the block is 4096 points, not all 8192)."""
    import tracemalloc

    width, n = 2048, 8192
    net = network_from_layers([(np.ones((width, 1)), np.zeros(width)),
                               (np.ones((1, width)) / width, np.zeros(1))], activation="relu")
    x = np.linspace(-1.0, 1.0, n)
    tracemalloc.start()
    try:
        out = net(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # the output sums 2048 equal terms relu(x)·2^-11 (each exact): round-off ≤ width·eps·|x| ≤ width·eps
    np.testing.assert_allclose(out, np.maximum(x, 0.0), rtol=0, atol=4 * width * EPS)
    # three 64 MiB buffers (192 MiB measured with numpy 2.4), plus a fourth's worth of slack for
    # temporaries another numpy may add: blocks of all 8192 points would need 3 × 128 = 384 MiB
    bound = 4 * 64 * 2**20
    assert peak <= bound, f"peak={peak / 2**20:.1f} MiB, but should be <= {bound / 2**20:.0f} MiB"
