"""Certified sup-norm enclosures: soundness, exactness, tightness, power, bad input.

Reference values: Yarotsky's interpolant f_m of x² on [0, 1] has sup error exactly
2^{−2m−2} (CLAIMS.md C08, Yarotsky 2017 Prop. 2); exact sups of 1-D ReLU networks
against piecewise-linear targets are recomputed here in rational arithmetic from the
closed-form breakpoints −b_i/w_i of a one-hidden-layer network.
"""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from constructions.certification import (
    ChebyshevSeriesTarget,
    Enclosure,
    FourierSeriesTarget,
    LipschitzTarget,
    PiecewiseLinearTarget,
    certify_sup_error,
    linear_pieces,
    sample_sup_error,
)
from constructions.networks.activations import LEAKY_RELU_SLOPE
from constructions.networks.dense import network_from_layers

EPS = float(np.finfo(float).eps)
X0, X1 = sp.symbols("x0 x1")


# ------------------------------------------------------------------ constructions
def random_network(seed, *, input_dim, widths, activation, scale=1.5):
    rng = np.random.default_rng(seed)
    sizes = [input_dim, *widths, 1]
    layers = [(rng.normal(0.0, scale / np.sqrt(n_in), (n_out, n_in)), rng.normal(0.0, 0.5, n_out))
              for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    return network_from_layers(layers, activation=activation)


def yarotsky_square(m):
    """Width-3 dense ReLU net: layer s holds relu(u), relu(u − ½), relu(y) (CLAIMS.md C08)."""
    layers = [(np.array([[1.0], [1.0], [1.0]]), np.array([0.0, -0.5, 0.0]))]
    for s in range(1, m + 1):
        # (u_s, y_s) = A (relu(u), relu(u − ½), relu(y)); u_s = 2a − 4b, y_s = c − u_s/4^s
        a = np.array([[2.0, -4.0, 0.0], [-2.0 / 4**s, 4.0 / 4**s, 1.0]])
        if s < m:
            layers.append((np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]) @ a,
                           np.array([0.0, -0.5, 0.0])))
        else:
            layers.append((a[1:], np.array([0.0])))
    return network_from_layers(layers, activation="relu")


def spiked_identity(position, *, half_width, height):
    """relu(x) plus a ReLU hat of the given height on [position ± half_width] (x ≥ 0)."""
    p, w = position, half_width
    w1 = np.ones((4, 1))
    b1 = np.array([0.0, -(p - w), -p, -(p + w)])
    w2 = np.array([[1.0, height / w, -2.0 * height / w, height / w]])
    return network_from_layers([(w1, b1), (w2, np.zeros(1))], activation="relu")


# ------------------------------------------------------------------ targets for the meta-test
TARGETS_2D = [
    (sp.sin(3 * X0) * sp.cos(2 * X1), lambda x: np.sin(3 * x[:, 0]) * np.cos(2 * x[:, 1])),
    (X0**2 - X1 + sp.exp(-X0 * X1), lambda x: x[:, 0] ** 2 - x[:, 1] + np.exp(-x[:, 0] * x[:, 1])),
    (sp.Abs(X0 - X1) + sp.tanh(X1), lambda x: np.abs(x[:, 0] - x[:, 1]) + np.tanh(x[:, 1])),
]
TARGETS_1D = [
    (sp.sin(2 * sp.pi * X0), lambda x: np.sin(2 * np.pi * x[:, 0])),
    (sp.sqrt(X0**2 + 1) * sp.log(2 + X0),
     lambda x: np.sqrt(x[:, 0] ** 2 + 1) * np.log(2 + x[:, 0])),
    (PiecewiseLinearTarget([-1.0, -0.2, 0.3, 1.0], [0.5, -0.5, 1.0, 0.0]),
     lambda x: np.interp(x[:, 0], [-1.0, -0.2, 0.3, 1.0], [0.5, -0.5, 1.0, 0.0])),
    (ChebyshevSeriesTarget([0.1, -0.5, 0.3, 0.0, 0.2]),
     lambda x: np.polynomial.chebyshev.chebval(x[:, 0], [0.1, -0.5, 0.3, 0.0, 0.2])),
    (FourierSeriesTarget([0.2, 0.5], [0.0, -0.3, 0.25], period=2.0),
     lambda x: 0.2 + 0.5 * np.cos(np.pi * x[:, 0]) - 0.3 * np.sin(np.pi * x[:, 0])
     + 0.25 * np.sin(2 * np.pi * x[:, 0])),
    (LipschitzTarget(np.cos, lipschitz=1.0), lambda x: np.cos(x[:, 0])),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1),
       activation=st.sampled_from(["relu", "leaky_relu", "sigmoid", "tanh", "identity"]),
       input_dim=st.integers(1, 2),
       widths=st.lists(st.integers(1, 6), min_size=0, max_size=3),
       target_index=st.integers(0, 5),
       lo=st.floats(-1.0, 0.5), width=st.floats(0.01, 0.5))
# found by Hypothesis: an affine network (no hidden layer) against a target without gradient
@example(seed=0, activation="relu", input_dim=1, widths=[], target_index=5, lo=0.0, width=0.5)
def test_enclosure_brackets_the_dense_grid_maximum(seed, activation, input_dim, widths,
                                                   target_index, lo, width):
    net = random_network(seed, input_dim=input_dim, widths=widths, activation=activation)
    targets = TARGETS_1D if input_dim == 1 else TARGETS_2D
    target, numeric = targets[target_index % len(targets)]
    box = [(lo, lo + width)] * input_dim
    enc = certify_sup_error(net, target, box, rtol=0.05, budget=600)
    n = 2001 if input_dim == 1 else 81
    axes = [np.linspace(a, b, n) for a, b in box]
    grid = np.stack([g.ravel() for g in np.meshgrid(*axes)], axis=1)
    grid = np.concatenate([grid, np.array([enc.witness])])
    vals = np.abs(numeric(grid) - net(grid))
    # float64 evaluation of these O(1)-weight, width <= 6 networks and targets is accurate to
    # far below 1e-12 (a few dozen roundings of O(1) quantities)
    tol = 1e-12 * (1.0 + np.abs(numeric(grid)).max() + np.abs(net(grid)).max())
    assert vals.max() <= enc.upper + tol, (
        f"grid max={vals.max()!r} at x={grid[np.argmax(vals)]}, but should be <= "
        f"upper={enc.upper!r} [certify_sup_error({activation}, widths={widths}, box={box})]")
    assert enc.lower <= vals[-1] + tol, (
        f"lower={enc.lower!r}, but should be <= |f - f_theta|(witness)={vals[-1]!r}")
    assert enc.lower <= enc.upper


def exact_one_layer(net, x: Fraction) -> Fraction:
    """Independent rational evaluation of a one-hidden-layer network at x."""
    (w1, w2), (b1, b2) = net.weights, net.biases
    slope = {"relu": Fraction(0), "leaky_relu": Fraction(LEAKY_RELU_SLOPE),
             "identity": Fraction(1)}[net.activation]
    out = Fraction(b2[0])
    for wi, bi, vi in zip(w1[:, 0], b1, w2[0], strict=True):
        z = Fraction(wi) * x + Fraction(bi)
        out += Fraction(vi) * (z if z > 0 else slope * z)
    return out


def exact_interp(t, v, x):
    t, v = [Fraction(s) for s in t], [Fraction(s) for s in v]
    if x <= t[0]:
        return v[0]
    if x >= t[-1]:
        return v[-1]
    k = max(i for i in range(len(t)) if t[i] <= x)
    return v[k] if t[k] == x else v[k] + (v[k + 1] - v[k]) * (x - t[k]) / (t[k + 1] - t[k])


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), width=st.integers(1, 8),
       activation=st.sampled_from(["relu", "leaky_relu", "identity"]),
       n_breaks=st.integers(2, 6))
def test_relu_network_against_piecewise_linear_target_is_exact(seed, width, activation,
                                                               n_breaks):
    net = random_network(seed, input_dim=1, widths=[width], activation=activation)
    rng = np.random.default_rng(seed + 1)
    t = np.sort(rng.uniform(-1.5, 1.5, n_breaks))
    v = rng.normal(size=n_breaks)
    target = PiecewiseLinearTarget(t, v)
    lo, hi = -1.0, 1.0
    enc = certify_sup_error(net, target, [(lo, hi)])
    w1, b1 = net.weights[0][:, 0], net.biases[0]
    kinks = {-Fraction(b) / Fraction(w) for w, b in zip(w1, b1, strict=True) if w != 0}
    points = {Fraction(lo), Fraction(hi)} | {p for p in kinks | set(map(Fraction, t))
                                             if lo < p < hi}
    exact = max(abs(exact_interp(t, v, p) - exact_one_layer(net, p)) for p in points)
    assert enc.method == "pieces"
    assert enc.exact == exact, f"exact={enc.exact}, but should be {exact}"
    assert Fraction(enc.lower) <= exact <= Fraction(enc.upper)
    assert enc.upper == enc.lower or Fraction(float(exact)) != exact


def test_yarotsky_m6_piece_enumeration_returns_exactly_two_pow_minus_14():
    enc = certify_sup_error(yarotsky_square(6), X0**2, [(0.0, 1.0)])
    assert enc.method == "pieces"
    assert enc.exact == Fraction(1, 2**14)
    assert enc.lower == enc.upper == 2.0**-14
    assert len(linear_pieces(yarotsky_square(6), (0.0, 1.0)).slopes) == 2**6


def test_yarotsky_m4_branch_and_bound_is_within_one_percent_of_two_pow_minus_10():
    enc = certify_sup_error(yarotsky_square(4), X0**2, [(0.0, 1.0)], method="branch-and-bound",
                            gap=0.005 * 2.0**-10)
    assert enc.lower <= 2.0**-10 <= enc.upper
    ratio = enc.upper / 2.0**-10
    assert ratio <= 1.01, f"upper/2^-10={ratio}, but should be <= 1.01 [m=4]"
    assert enc.status(1.01 * 2.0**-10) == "proved"
    assert enc.status(0.99 * 2.0**-10) == "refuted"


@settings(max_examples=20, deadline=None)
@given(n=st.integers(2, 200).filter(lambda n: math.isqrt(n) ** 2 != n))
def test_planted_spike_is_caught_by_certifier_and_missed_by_sampling(n):
    # position: fractional part of √n, irrational, computed at run time (not a literal)
    position = min(max(math.sqrt(n) % 1.0, 0.01), 0.99)
    net = spiked_identity(position, half_width=1e-4, height=0.1)
    enc = certify_sup_error(net, X0, [(0.0, 1.0)], eps=0.05, method="branch-and-bound")
    assert enc.status(0.05) == "refuted", f"certifier said {enc.status(0.05)} [{enc}]"
    assert abs(enc.witness[0] - position) < 1e-4
    assert enc.n_boxes <= 64, f"n_boxes={enc.n_boxes}, but should be <= 64"
    # the same budget of uniform samples: a point lands where the error exceeds 0.05 with
    # probability 1e-4, so n_boxes <= 64 samples miss with probability >= 0.99; with the seed
    # fixed to n this was checked to miss for every non-square n in [2, 200]
    sampled = sample_sup_error(net, X0, [(0.0, 1.0)], n_points=enc.n_boxes,
                               rng=np.random.default_rng(n))
    assert sampled.status(0.05) == "undecided", f"sampling found the spike: {sampled}"


def test_planted_spike_sampling_misses_on_fixed_seeds():
    position = math.sqrt(2) - 1
    net = spiked_identity(position, half_width=1e-4, height=0.1)
    enc = certify_sup_error(net, X0, [(0.0, 1.0)], eps=0.05, method="branch-and-bound")
    misses = [sample_sup_error(net, X0, [(0.0, 1.0)], n_points=enc.n_boxes,
                               rng=np.random.default_rng(seed)).status(0.05) == "undecided"
              for seed in range(20)]
    assert enc.status(0.05) == "refuted"
    # P(one run hits) = 1 − (1 − 1e-4)^n_boxes < 0.5 %; the seeds 0..19 were checked to miss
    assert sum(misses) == 20, f"sampling found the spike in {20 - sum(misses)} of 20 runs"


def test_unspiked_network_is_proved():
    net = network_from_layers([(np.ones((1, 1)), np.zeros(1)), (np.ones((1, 1)), np.zeros(1))],
                              activation="relu")
    enc = certify_sup_error(net, sp.sin(X0), [(0.0, 0.5)], eps=0.03, method="branch-and-bound")
    # sup_{[0, 1/2]} |x − sin x| = 1/2 − sin(1/2) = 0.0205744...
    assert enc.status(0.03) == "proved"
    assert enc.lower <= 0.5 - math.sin(0.5) <= enc.upper


def test_sigmoid_staircase_certified_error_matches_the_grid():
    j, k = 40, 10.0
    i = np.arange(1, j + 1)
    delta = np.sin(2 * np.pi * i / j) - np.sin(2 * np.pi * (i - 1) / j)
    net = network_from_layers([(np.full((j, 1), k * j), -k * j * (i - 0.5) / j),
                               (delta[None, :], np.zeros(1))], activation="sigmoid")
    enc = certify_sup_error(net, sp.sin(2 * sp.pi * X0), [(0.0, 1.0)], gap=1e-5)
    grid = np.linspace(0.0, 1.0, 200001)
    grid_max = np.abs(np.sin(2 * np.pi * grid) - net(grid)).max()
    assert enc.lower <= grid_max + 1e-12 <= enc.upper + 2e-12   # 1e-12: float evaluation error
    assert enc.gap <= 1e-5
    assert 0.0285 <= enc.upper <= 0.0286   # CLAIMS.md C05: J = 40 → sup err 0.0285


# ------------------------------------------------------------------ bad input
RELU = network_from_layers([(np.ones((2, 1)), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))],
                           activation="relu")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"box": [(1.0, 0.0)]}, "box"),
    ({"box": [(0.0, 0.0)]}, "box"),
    ({"box": []}, "box"),
    ({"box": [(0.0, float("nan"))]}, "box"),
    ({"box": [(0.0, 1.0), (0.0, 1.0)]}, "box"),
    ({"eps": 0.0}, "eps"),
    ({"eps": -1.0}, "eps"),
    ({"gap": -1.0}, "gap"),
    ({"budget": 0}, "budget"),
    ({"method": "magic"}, "method"),
    ({"target": sp.Symbol("y") + X0 * 0 + sp.Symbol("z")}, "symbol"),
    ({"target": sp.tan(X0)}, "not supported"),
    ({"target": sp.gamma(X0)}, "not supported"),
    ({"target": "x"}, "target"),
])
def test_bad_input_raises_value_error_naming_the_argument(kwargs, match):
    args = {"network": RELU, "target": X0**2, "box": [(0.0, 1.0)], **kwargs}
    with pytest.raises(ValueError, match=match):
        certify_sup_error(args.pop("network"), args.pop("target"), args.pop("box"), **args)


def test_nan_weights_and_unsupported_networks_raise_value_error():
    with pytest.raises(ValueError, match="weights"):
        network_from_layers([(np.array([[np.nan]]), np.zeros(1))], activation="relu")
    square = network_from_layers([(np.ones((1, 1)), np.zeros(1)), (np.ones((1, 1)), np.zeros(1))],
                                 activation="square")
    with pytest.raises(ValueError, match="activation"):
        certify_sup_error(square, X0, [(0.0, 1.0)])
    two_out = network_from_layers([(np.ones((2, 1)), np.zeros(2))], activation="relu")
    with pytest.raises(ValueError, match="output_dim"):
        certify_sup_error(two_out, X0, [(0.0, 1.0)])
    with pytest.raises(ValueError, match="pieces"):
        certify_sup_error(RELU, sp.sin(X0), [(0.0, 1.0)], method="pieces")
    with pytest.raises(ValueError, match="domain"):
        certify_sup_error(RELU, ChebyshevSeriesTarget([1.0, 2.0]), [(0.0, 2.0)])
    with pytest.raises(ValueError, match="eps"):
        Enclosure(0.0, 1.0, (0.0,), 1, "pieces").status(0.0)
