"""Benchmark: Yarotsky's square network layer by layer vs the closed-form sawtooth, 10^6 points."""

import numpy as np
import pytest

from constructions.approximation.sawtooth import square_approximant, yarotsky_square_network

N_POINTS = 1_000_000
EPS = np.finfo(float).eps


@pytest.fixture(scope="module")
def points():
    return np.random.default_rng(2024).uniform(0.0, 1.0, N_POINTS)


@pytest.mark.parametrize("m", [4, 16])
def test_bench_yarotsky_network_layer_by_layer(benchmark, points, m):
    net = yarotsky_square_network(m)
    benchmark.extra_info.update(n_points=N_POINTS, m=m, n_params=net.n_params, width=net.width)
    out = benchmark(net, points)
    # checked after timing: the network is f_m (see tests/approximation/test_sawtooth.py for the tolerance)
    np.testing.assert_allclose(out, square_approximant(points, m=m), rtol=0.0, atol=4 * (m + 1) * EPS)


@pytest.mark.parametrize("m", [4, 16])
def test_bench_closed_form_sawtooth_sum(benchmark, points, m):
    benchmark.extra_info.update(n_points=N_POINTS, m=m)
    out = benchmark(square_approximant, points, m=m)
    assert np.all(out >= points * points - 4 * (m + 1) * EPS)  # one-sided: f_m >= x²
    assert np.all(out - points * points <= 2.0 ** (-2 * m - 2) + 4 * (m + 1) * EPS)
