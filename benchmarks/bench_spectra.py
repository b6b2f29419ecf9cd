"""Benchmarks: the spectrum of ZᵀZ/n by eigvalsh of the Gram matrix vs squared singular values.

Per shape (n, p) two kernels on the same standardised Gaussian Z: ``svdvals`` (s_j(Z)²/n,
what :func:`constructions.linear_models.marchenko_pastur.empirical_spectrum` uses) and ``eigvalsh`` of
the smaller Gram matrix (ZᵀZ/n when p ≤ n, ZZᵀ/n otherwise, padded with the p − n
structural zeros); the report gives the eigvalsh route's speed relative to svdvals.  With
``--benchmark-disable`` the shapes shrink tenfold and the code runs once as a correctness test.
"""

import numpy as np
import pytest
import scipy.linalg

from constructions.linear_models.marchenko_pastur import standardized_entries

EPS = np.finfo(float).eps
SHAPES = [(2000, 500), (1000, 1000), (500, 2000), (4000, 200)]


def _eigvalsh_route(z):
    n, p = z.shape
    gram = z.T @ z if p <= n else z @ z.T
    ev = np.zeros(p)
    ev[p - min(n, p):] = scipy.linalg.eigvalsh(gram / n, check_finite=False)
    return np.sort(ev)


def _svdvals_route(z):
    n, p = z.shape
    s = scipy.linalg.svdvals(z, check_finite=False)
    ev = np.zeros(p)
    ev[p - s.size:] = np.sort(s**2 / n)
    return ev


@pytest.mark.parametrize(("n", "p"), SHAPES)
@pytest.mark.parametrize("kernel", ["svdvals", "eigvalsh"])
def test_bench_spectrum_of_gram_matrix(benchmark, request, n, p, kernel):
    if _benchmarks_disabled(request):
        n, p = n // 10, p // 10
    z = standardized_entries(n, p, distribution="gaussian", rng=np.random.default_rng(n + p))
    group = f"spectrum n={n} p={p}"
    benchmark.group = group
    # the library's current route (svdvals) is the reference the alternative is compared to
    role = "reference" if kernel == "svdvals" else "kernel"
    benchmark.extra_info.update(group=group, kernel=kernel, role=role, n=n, p=p,
                                flops=4 * n * p * min(n, p))
    route = _svdvals_route if kernel == "svdvals" else _eigvalsh_route
    ev = benchmark(route, z)
    other = _eigvalsh_route(z) if kernel == "svdvals" else _svdvals_route(z)
    # both are backward stable: eigenvalue errors <= c·min(n, p)·eps·λ_max (Weyl), c = 4
    np.testing.assert_allclose(ev, other, rtol=0, atol=4 * min(n, p) * EPS * float(ev[-1]))
    assert ev.shape == (p,)


def _benchmarks_disabled(request):
    # pyproject's addopts pass --benchmark-disable; --benchmark-enable overrides it
    config = request.config
    return config.getoption("benchmark_disable") and not config.getoption("benchmark_enable")
