"""Helpers shared by the claims of :mod:`theorems.universal_approximation` (not a claim module).

The accuracy and steepness strategies, the ε of a target (relative to its Lipschitz
constant), the sup-error certificate on [0, 1], the one-hidden-layer witness (staircase,
tanh staircase, ReLU interpolant) and the bias-free weights of the controls.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

from constructions.approximation.piecewise_linear import interpolation_error_bound, relu_interpolant
from constructions.approximation.sigmoid_constructions import staircase_network
from constructions.certification import certify_sup_error
from constructions.networks.dense import DenseNetwork, network_from_layers

_fraction = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)

_UNIT_INTERVAL = [(0.0, 1.0)]

#: ε is drawn relative to the target's Lipschitz constant L (ε = r·max(L, 1)), which keeps the
#: number of steps J ≈ c(K)·L/ε ≤ 2.4·50 and the certification fast.
_accuracy_ratios = st.floats(min_value=1 / 50, max_value=0.5, allow_nan=False, allow_infinity=False)
_steepness_factors = st.floats(min_value=2.0, max_value=20.0, allow_nan=False, allow_infinity=False)


def _accuracy(f, ratio):
    return ratio * max(f.lipschitz, 1.0)


def _certify(net, f, eps, box=_UNIT_INTERVAL, **options):
    return certify_sup_error(net, f.target if hasattr(f, "target") else f, box, eps=eps, **options)


def _tanh_from_logistic(net: DenseNetwork) -> DenseNetwork:
    """The same function with tanh units: σ(s) = (1 + tanh(s/2))/2."""
    (w1, b1), (w2, b2) = zip(net.weights, net.biases, strict=True)
    return network_from_layers([(w1 / 2, b1 / 2), (w2 / 2, b2 + w2.sum(axis=1) / 2)], activation="tanh")


def _one_hidden_layer_witness(f, eps, activation):
    """A one-hidden-layer network with bias for f and ε, and its proven error bound."""
    if activation == "relu":
        # L·h/2 ≤ ε with h = 1/n; the factor 1 + 2^-20 keeps the bound strictly below ε
        # although the knots i/n are rounded to float64.
        n = max(1, math.ceil(f.lipschitz / (2 * eps) * (1 + 2.0**-20)))
        knots = np.arange(n + 1) / n
        return (relu_interpolant(knots, f(knots)),
                interpolation_error_bound(dim=1, mesh=1 / n, lipschitz=f.lipschitz))
    net, design = staircase_network(f, eps=eps, lipschitz=f.lipschitz)
    return (net if activation == "sigmoid" else _tanh_from_logistic(net)), design.bound


_bias_free_weights = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False, allow_infinity=False)
