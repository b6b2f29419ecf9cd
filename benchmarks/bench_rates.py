"""Benchmarks: a rate sweep end to end (build + evaluate + sup error) for Yarotsky's networks.

Two sweeps, each timed as one call: the square network f_m over m (error 2^{−2m−2}, exact on the
dyadic grid k/2^{m+1}), and the local-Taylor network of :mod:`constructions.approximation.local_taylor` over a
geometric sweep of ε (d = 2, β = 2, f = sin(x + y + 1/3), D₂ = 1).  ``extra_info`` records the
sizes and the W of every point.  The results are checked after timing (exact error / bound and
bounded W-ratio).

Run: python -m pytest benchmarks/bench_rates.py --benchmark-enable -p no:cacheprovider
(pyproject disables benchmarks by default; then each sweep runs once, shortened, as a correctness
test).
"""

import numpy as np
import sympy

from constructions.approximation.local_taylor import (
    local_taylor_network_for,
    network_rounding_bound,
    sympy_derivatives,
)
from constructions.approximation.rates import bounded_ratio, fit_loglog_slope
from constructions.approximation.sawtooth import yarotsky_square_network

SQUARE_DEPTHS = {True: list(range(1, 21)), False: list(range(1, 9))}  # timed / CI correctness run
TAYLOR_EPS = {True: 2.0 ** -np.arange(1, 7), False: 2.0 ** -np.arange(1, 4)}  # N up to 16 / 6
TAYLOR_POINTS_PER_CELL = 4


def square_rate_sweep(depths):
    """(W, sup error) of f_m on the dyadic grid k/2^{m+1} (which contains the maximisers)."""
    w, err = [], []
    for m in depths:
        net = yarotsky_square_network(m)
        x = np.arange(2 ** (m + 1) + 1) / 2 ** (m + 1)
        w.append(net.n_params)
        err.append(float(np.max(np.abs(net(x) - x * x))))
    return np.array(w), np.array(err)


def taylor_rate_sweep(eps_values):
    """(W, N, grid sup error, error bound, rounding bound) of the local-Taylor network per ε."""
    x, y = sympy.symbols("x y")
    df = sympy_derivatives(sympy.sin(x + y + sympy.Rational(1, 3)), [x, y])
    rows = []
    for eps in eps_values:
        approx = local_taylor_network_for(float(eps), df, dim=2, smoothness=2, derivative_bound=1.0)
        g = np.linspace(0.0, 1.0, TAYLOR_POINTS_PER_CELL * approx.n_cells + 1)
        p = np.stack(np.meshgrid(g, g, indexing="ij"), axis=-1).reshape(-1, 2)
        err = float(np.max(np.abs(approx.network(p) - np.sin(p[:, 0] + p[:, 1] + 1.0 / 3.0))))
        rows.append(
            (
                approx.n_weights,
                approx.n_cells,
                err,
                approx.error_bound,
                float(network_rounding_bound(approx.network, p).max()),
            )
        )
    return tuple(np.array(c) for c in zip(*rows, strict=True))


def test_bench_square_rate_sweep(benchmark, timing):
    depths = SQUARE_DEPTHS[timing]
    benchmark.extra_info.update(kernel="square network rate sweep", depths=depths)
    w, err = benchmark(square_rate_sweep, depths)
    benchmark.extra_info["W"] = w.tolist()
    # checked after timing: dyadic weights and points: float64 is exact up to m ≈ 26 (sawtooth.py)
    assert err.tolist() == [2.0 ** (-2 * m - 2) for m in depths]
    assert fit_loglog_slope(w, err).slope < -4  # exponential in W: the log-log slope keeps falling


def test_bench_local_taylor_rate_sweep(benchmark, timing):
    eps = TAYLOR_EPS[timing]
    benchmark.extra_info.update(
        kernel="local-Taylor network rate sweep (d = 2, β = 2)", eps=eps.tolist()
    )
    w, n, err, bound, rounding = benchmark(taylor_rate_sweep, eps)
    benchmark.extra_info.update(W=w.tolist(), N=n.tolist())
    # checked after timing: the explicit bound (grid max ≤ sup) and W = O(ε^{−1}(ln(1/ε) + 1))
    assert np.all(err <= bound + rounding)
    assert np.all(bound <= eps)
    assert not bounded_ratio(1.0 / eps, w, (np.log(1.0 / eps) + 1.0) / eps).grows
