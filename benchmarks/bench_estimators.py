"""Benchmarks: min-norm interpolation / OLS against numpy.linalg.lstsq and pinv in the same run.

Run: python -m pytest benchmarks/bench_estimators.py --benchmark-enable -p no:cacheprovider
(pyproject disables benchmarks by default; then each kernel runs once as a smoke test).
"""

import numpy as np
import pytest
import scipy.linalg

from constructions.linear_models.estimators import min_norm_interpolator

SHAPES = [(200, 400), (500, 2000), (1000, 5000), (2000, 1000)]
CHECK_SCALE = 10  # without --benchmark-enable (CI) each shape is divided by this: a correctness run
EPS = np.finfo(float).eps

KERNELS = {
    "min_norm_interpolator": lambda X, y: min_norm_interpolator(X, y).coef,
    "numpy_lstsq": lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0],
    "numpy_pinv": lambda X, y: np.linalg.pinv(X) @ y,
}


@pytest.mark.parametrize("kernel", list(KERNELS))
@pytest.mark.parametrize(("n", "p"), SHAPES, ids=[f"n{n}_p{p}" for n, p in SHAPES])
def test_bench_min_norm_interpolator(benchmark, timing, kernel, n, p):
    if not timing:
        n, p = n // CHECK_SCALE, p // CHECK_SCALE
    rng = np.random.default_rng(n * 100003 + p)
    X, y = rng.standard_normal((n, p)), rng.standard_normal(n)
    benchmark.extra_info.update({"n": n, "p": p, "kernel": kernel})
    if kernel == "min_norm_interpolator":
        benchmark.extra_info["route"] = min_norm_interpolator(X, y).route
    coef = benchmark(KERNELS[kernel], X, y)
    ref = scipy.linalg.lstsq(X, y, lapack_driver="gelsd")[0]
    s = np.linalg.svd(X, compute_uv=False)
    kappa = s[0] / s[-1]
    # Gaussian designs here have κ ≤ 6; the Gram route's error ≲ κ²·eps, SVD/QR ≲ κ·eps (+κ²tanθ)
    np.testing.assert_allclose(coef, ref, rtol=0,
                               atol=64 * EPS * kappa**2 * max(n, p) ** 0.5 * np.abs(ref).max())
