"""Benchmarks: building and evaluating universal-approximation constructions on 10^5 points."""

import numpy as np

from constructions.approximation.deep_narrow import deep_narrow_relu, rearrangement_rounding_bound
from constructions.approximation.sigmoid_constructions import staircase_network_with
from constructions.networks.dense import network_from_layers

N_POINTS = 100_000


def _sin(x):
    return np.sin(2 * np.pi * x)


def test_bench_staircase_build_and_evaluate_1000_units(benchmark):
    x = np.linspace(0.0, 1.0, N_POINTS)

    def kernel():
        net = staircase_network_with(_sin, J=1000, steepness=10.0 * 1000)
        return net, net(x)

    net, y = benchmark(kernel)
    benchmark.extra_info.update(n_points=N_POINTS, n_units=net.n_units, n_params=net.n_params)
    # K = 10 staircase error for sin 2πx: J·err → 1.139 (catalogue C05); 2/J is generous
    assert np.max(np.abs(y - _sin(x))) <= 2.0 / 1000


def test_bench_deep_narrow_relu_evaluate(benchmark):
    rng = np.random.default_rng(0)
    d, K = 4, 50
    shallow = network_from_layers(
        [(rng.standard_normal((K, d)), rng.standard_normal(K)),
         (rng.standard_normal((1, K)), np.zeros(1))], activation="relu")
    deep = deep_narrow_relu(shallow)
    x = rng.random((N_POINTS, d))
    y = benchmark(deep, x)
    benchmark.extra_info.update(n_points=N_POINTS, width=deep.width,
                                n_hidden_layers=deep.n_hidden_layers, n_params=deep.n_params)
    assert np.max(np.abs(y - shallow(x))) <= rearrangement_rounding_bound(shallow)
