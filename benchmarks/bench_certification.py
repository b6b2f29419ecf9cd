"""Benchmarks: certified sup error of a 1000-unit sigmoid staircase vs dense sampling.

The staircase is CLAIMS.md C05: f_J(x) = f(0) + Σ_i Δ_i σ(a(x − m_i)), a = 10 J, for
f = sin 2πx on [0, 1]; its sup error is ≈ 1.139/J.  Dense sampling on a grid of
2^14 + 1 points (about the resolution of the certifier's finest boxes) suggests ε, and
proves nothing; the certifier proves ``sup |f − f_J| ≤ 1.25 ε``, or closes the gap
between its lower and upper bound to 1 %.

Run: python -m pytest benchmarks/bench_certification.py --benchmark-enable -p no:cacheprovider
"""

import numpy as np
import pytest
import sympy as sp

from constructions.certification import certify_sup_error
from constructions.networks.dense import network_from_layers

J = 1000
X = sp.Symbol("x")
TARGET = sp.sin(2 * sp.pi * X)
GRID_POINTS = 2**14 + 1
GROUP = f"certified sup error: logistic staircase J={J}"


def staircase(j, *, k=10.0):
    i = np.arange(1, j + 1)
    delta = np.sin(2 * np.pi * i / j) - np.sin(2 * np.pi * (i - 1) / j)
    a = k * j
    return network_from_layers([(np.full((j, 1), a), -a * (i - 0.5) / j),
                                (delta[None, :], np.zeros(1))], activation="sigmoid")


def dense_sampling(net, n):
    grid = np.linspace(0.0, 1.0, n)
    return float(np.abs(np.sin(2 * np.pi * grid) - net(grid)).max())


# float64 evaluation error of a 1000-term sum of O(1/J)-weighted logistic values: < 1e-13
EVAL_TOL = 1e-13


@pytest.fixture(scope="module")
def net():
    return staircase(J)


@pytest.fixture(scope="module")
def sampled_max(net):
    return dense_sampling(net, GRID_POINTS)


@pytest.mark.parametrize("mode", ["eps_1.25x", "rtol_1e-2"])
def test_bench_certify_staircase(benchmark, net, sampled_max, mode):
    eps = 1.25 * sampled_max
    kwargs = {"eps": eps} if mode == "eps_1.25x" else {"rtol": 1e-2}
    enc = benchmark(certify_sup_error, net, TARGET, [(0.0, 1.0)], **kwargs)
    benchmark.extra_info.update({"group": GROUP, "kernel": f"certify ({mode})", "role": "kernel",
                                 "units": J, "mode": mode, "items": enc.n_boxes, "unit": "boxes",
                                 "lower": enc.lower, "upper": enc.upper, "gap": enc.gap,
                                 "sampled_max": sampled_max})
    assert enc.converged
    assert sampled_max <= enc.upper + EVAL_TOL
    w = np.array(enc.witness)
    assert enc.lower <= abs(np.sin(2 * np.pi * w[0]) - net(w)[0]) + EVAL_TOL
    if mode == "eps_1.25x":
        assert enc.status(eps) == "proved"
    else:
        assert enc.gap <= 1e-2 * enc.upper


def test_bench_dense_sampling_staircase(benchmark, net):
    value = benchmark(dense_sampling, net, GRID_POINTS)
    benchmark.extra_info.update({"group": GROUP, "kernel": "dense sampling (proves nothing)",
                                 "role": "reference", "units": J, "points": GRID_POINTS, "max": value})
    # CLAIMS.md C05: J · sup error → 1.139 for K = 10
    assert 1.10 / J <= value <= 1.15 / J
