"""Benchmarks: DenseNetwork evaluation against references timed in the same run.

Wide networks (ReLU, sigmoid, tanh) are measured against plain GEMM of the same shapes
(the rate baseline: a forward pass can at best match its matrix products), a naive numpy
layer loop and, when importable, torch's float64 CPU forward pass.  Yarotsky's narrow deep
square networks are measured against the closed-form hat composition, the library's
closed form :func:`constructions.approximation.sawtooth.square_approximant` and the naive layer loop.

Each benchmark times one kernel; ``extra_info`` records the group (the kernels of one group
are compared by ``scripts/performance_report.py``), the role (``kernel`` or ``reference``),
sizes and the flop count.  With ``--benchmark-disable`` (CI) the same code runs once on a
small batch as a correctness test.
"""

import itertools

import numpy as np
import pytest

from constructions.approximation.sawtooth import square_approximant, yarotsky_square_network
from constructions.networks.activations import activation_function
from constructions.networks.dense import DenseNetwork

EPS = np.finfo(float).eps
N_CHECK = 300  # points per batch when benchmarks are disabled (CI correctness run)
INPUT_DIM = 16
# (width, depth = number of affine layers, points when timed): about 20 GFLOP per call
WIDE = [(256, 8, 20_000), (1024, 4, 5_000)]
N_NARROW = 100_000
ACTIVATIONS = ["relu", "sigmoid", "tanh"]
YAROTSKY_M = [20, 60]


def _points(request, n_timed):
    """``n_timed`` points when timing, a small batch when benchmarks are disabled (CI)."""
    return N_CHECK if not request.getfixturevalue("timing") else n_timed


def _random_network(width, depth, activation):
    rng = np.random.default_rng(width + depth)
    sizes = [INPUT_DIM] + [width] * (depth - 1) + [1]
    weights = tuple(rng.standard_normal((o, i)) / np.sqrt(i)
                    for i, o in itertools.pairwise(sizes))
    biases = tuple(0.1 * rng.standard_normal(o) for o in sizes[1:])
    return DenseNetwork(weights, biases, activation)


def _flops(net, n):
    return 2 * n * sum(int(w.size) for w in net.weights)


def _naive_forward(net, x):
    """The textbook layer loop: z ← σ(z Aᵀ + b), one full-batch array per layer."""
    sigma = activation_function(net.activation)
    z = x
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = z @ w.T + b
        if i < net.depth - 1:
            z = sigma(z)
    return z[:, 0] if net.output_dim == 1 else z


def _forward_tolerance(net, reference):
    # each layer's product rounds with relative error <= K·eps (K = fan-in); the weights are
    # scaled by 1/sqrt(fan-in), so layers are ~1-Lipschitz and the errors add over the depth
    fan_in = max(w.shape[1] for w in net.weights)
    return 4 * net.depth * fan_in * EPS * (1.0 + float(np.max(np.abs(reference))))


def _record(benchmark, *, group, kernel, role, **sizes):
    benchmark.group = group
    benchmark.extra_info.update(group=group, kernel=kernel, role=role, **sizes)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("width", "depth", "n_timed"), WIDE)
@pytest.mark.parametrize("kernel", ["network", "naive_loop", "gemm", "torch"])
def test_bench_wide_network(benchmark, request, width, depth, n_timed, activation, kernel):
    n_points = _points(request, n_timed)
    net = _random_network(width, depth, activation)
    x = np.random.default_rng(0).standard_normal((n_points, INPUT_DIM))
    role = "kernel" if kernel == "network" else "reference"
    _record(benchmark, group=f"wide {activation} width={width} depth={depth}", kernel=kernel,
            role=role, n_points=n_points, width=width, depth=depth, activation=activation,
            flops=_flops(net, n_points))
    if kernel == "gemm":
        # the matrix products of the forward pass alone, on preallocated operands
        rng = np.random.default_rng(1)
        inputs = [rng.standard_normal((n_points, w.shape[1])) for w in net.weights]
        outputs = [np.empty((n_points, w.shape[0])) for w in net.weights]

        def products():
            for z, w, o in zip(inputs, net.weights, outputs, strict=True):
                np.matmul(z, w.T, out=o)

        benchmark(products)
        for z, w, o in zip(inputs, net.weights, outputs, strict=True):
            # same products, rounding <= K·eps·max|z|·max|w| for fan-in K
            atol = w.shape[1] * EPS * np.abs(z[:3]).max() * np.abs(w).max()
            np.testing.assert_allclose(o[:3], z[:3] @ w.T, rtol=0, atol=atol)
        return
    reference = _naive_forward(net, x)
    if kernel == "network":
        out = benchmark(net, x)
    elif kernel == "naive_loop":
        out = benchmark(_naive_forward, net, x)
    else:
        torch = pytest.importorskip("torch")
        layers = []
        for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(w))
                linear.bias.copy_(torch.from_numpy(b))
            layers.append(linear)
            if i < net.depth - 1:
                layers.append({"relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid,
                               "tanh": torch.nn.Tanh}[activation]())
        model = torch.nn.Sequential(*layers).eval()
        xt = torch.from_numpy(x)

        def forward():
            with torch.inference_mode():
                return model(xt)

        out = benchmark(forward).numpy()[:, 0]
    np.testing.assert_allclose(out, reference, rtol=0, atol=_forward_tolerance(net, reference))


def _hat_composition(x, m):
    """Closed form of Yarotsky's f_m: u ← 1 − |1 − 2u| (the hat), y ← y − u/4^s, in place."""
    u, y, t = x.copy(), x.copy(), np.empty_like(x)
    for s in range(1, m + 1):
        np.multiply(u, 2.0, out=u)
        np.subtract(1.0, u, out=u)
        np.abs(u, out=u)
        np.subtract(1.0, u, out=u)
        np.multiply(u, 0.25**s, out=t)
        y -= t
    return y


@pytest.mark.parametrize("m", YAROTSKY_M)
@pytest.mark.parametrize("kernel",
                         ["network", "naive_loop", "hat_composition", "square_approximant"])
def test_bench_yarotsky_network(benchmark, request, m, kernel):
    n_points = _points(request, N_NARROW)
    net = yarotsky_square_network(m)
    x = np.random.default_rng(2).uniform(0.0, 1.0, n_points)
    role = "kernel" if kernel == "network" else "reference"
    _record(benchmark, group=f"yarotsky width=3 m={m}", kernel=kernel, role=role,
            n_points=n_points, width=net.width, depth=net.depth, layers=m,
            flops=_flops(net, n_points))
    if kernel == "network":
        out = benchmark(net, x)
    elif kernel == "naive_loop":
        out = benchmark(_naive_forward, net, x[:, None])
    elif kernel == "hat_composition":
        out = benchmark(_hat_composition, x, m)
    else:
        out = benchmark(square_approximant, x, m=m)
    # every route computes f_m; all operations are exact on dyadics except the final sum of
    # m terms of size <= 1, which rounds by <= (m + 1) eps (see tests/approximation/test_sawtooth.py)
    np.testing.assert_allclose(out, square_approximant(x, m=m), rtol=0, atol=4 * (m + 1) * EPS)
