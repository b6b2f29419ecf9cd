"""Tests for constructions.certification.lipschitz (certified derivative bounds) and the
elementary-function strategy built on it (theorems.strategies.elementary_functions)."""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

from constructions.certification import ExpressionTarget
from constructions.certification.intervals import round_down
from constructions.certification.lipschitz import certify_derivative_bound
from theorems.strategies import elementary_functions

x = sp.Symbol("x")
x0, x1 = sp.symbols("x0:2")


def _enclosed_values(target, points):
    """Outward-rounded enclosures [lo, hi] of f at the points: no float tolerance needed below."""
    p = points if points.ndim == 2 else points[:, None]
    return target.enclose(p, p)


def _smallest_possible(dlo, dhi):
    """The least |v| over v ∈ [dlo, dhi]: a sound lower end of a difference's magnitude."""
    return np.maximum(np.maximum(dlo, -dhi), 0.0)


@settings(deadline=None, max_examples=30)
@given(f=elementary_functions())
def test_certified_lipschitz_constant_bounds_every_finite_difference_slope(f):
    # On a grid of step h = 2^-13 (exact), every slope |f(x_{i+1}) − f(x_i)|/h is ≤ sup|f′| ≤ L by
    # the mean-value theorem; with enclosed values the smallest possible slope must be ≤ L.
    t = np.arange(2**13 + 1) / 2**13
    lo, hi = _enclosed_values(f.target, t)
    least = _smallest_possible(round_down(lo[1:] - hi[:-1]), -round_down(lo[:-1] - hi[1:])) * 2**13
    assert np.max(least) <= f.lipschitz, (f, float(np.max(least)))


@settings(deadline=None, max_examples=10)
@given(f=elementary_functions(dim=2, max_depth=2))
def test_certified_bounds_in_two_dimensions_bound_slopes_and_second_differences(f):
    # ℓ∞ Lipschitz: |f(p + h u) − f(p)| ≤ L h for ‖u‖_∞ = 1; Hessian: the second difference
    # f(p + hu) − 2f(p) + f(p − hu) = h² uᵀ∇²f(ξ)u is ≤ M h² in magnitude.
    g = np.linspace(0.0, 1.0, 33)
    p = np.stack(np.meshgrid(g, g, indexing="ij"), axis=-1).reshape(-1, 2)
    h = 2.0**-8
    flo, fhi = _enclosed_values(f.target, p)
    M = f.hessian_bound
    for u in ([1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, -1.0]):
        q = np.clip(p + h * np.array(u), 0.0, 1.0)
        r = np.clip(p - h * np.array(u), 0.0, 1.0)
        inside = np.all(q == p + h * np.array(u), axis=1) & np.all(r == p - h * np.array(u), axis=1)
        qlo, qhi = _enclosed_values(f.target, q)
        rlo, rhi = _enclosed_values(f.target, r)
        slope = _smallest_possible(round_down(qlo - fhi), -round_down(flo - qhi)) / np.max(np.abs(q - p), axis=1).clip(h)
        assert np.max(slope) <= f.lipschitz, (f, u)
        second = _smallest_possible(round_down(qlo + rlo - 2 * fhi), -round_down(2 * flo - qhi - rhi))[inside]
        assert np.max(second) <= M * h * h, (f, u)


def test_sin_two_pi_x_gets_a_tight_lipschitz_constant():
    b = certify_derivative_bound(sp.sin(2 * sp.pi * x), (x,), [(0.0, 1.0)])
    assert 2 * math.pi <= b.upper <= 2 * math.pi * (1 + 1e-9)  # the sup sits at a cell edge (x = 0)
    assert b.sampled <= b.upper


def test_hessian_bound_counts_mixed_partials_twice():
    # f = x0·x1: ∂₀∂₁f = 1 and the diagonal vanishes, so Σ_{i,k} |∂_i∂_k f| = 2 exactly.
    assert certify_derivative_bound(x0 * x1, (x0, x1), [(0.0, 1.0)] * 2, order=2).upper == pytest.approx(2.0, rel=1e-15)


def test_unbounded_derivative_gives_an_infinite_bound():
    assert certify_derivative_bound(sp.sqrt(x), (x,), [(0.0, 1.0)]).upper == math.inf


def test_bad_arguments_raise_value_errors():
    with pytest.raises(ValueError, match="symbols"):
        certify_derivative_bound(x, (), [(0.0, 1.0)])
    with pytest.raises(ValueError, match="free symbols"):
        certify_derivative_bound(x * x1, (x,), [(0.0, 1.0)])
    with pytest.raises(ValueError, match="order"):
        certify_derivative_bound(x, (x,), [(0.0, 1.0)], order=3)
    with pytest.raises(ValueError, match="box"):
        certify_derivative_bound(x, (x,), [(1.0, 0.0)])
    with pytest.raises(ValueError, match="cannot be enclosed"):
        certify_derivative_bound(sp.tan(x), (x,), [(0.0, 1.0)])


def test_elementary_function_target_is_the_expression():
    f = ExpressionTarget(sp.exp(x), (x,))
    np.testing.assert_allclose(f(np.array([0.0, 1.0])), [1.0, math.e], rtol=4 * np.finfo(float).eps, atol=0)


def test_a_single_cell_samples_the_slope_at_the_box_centre():
    """One cell (cells_per_axis = 1) is allowed; f = 3x − x²/2 on [0, 2] samples |f′(1)| = 2 ≤ upper."""
    # f′(1) = 3 − 1 = 2 exactly in floats; upper encloses max |f′| = 3 on [0, 2]
    b = certify_derivative_bound(3 * x - x**2 / 2, (x,), [(0.0, 2.0)], cells_per_axis=1)
    assert b.n_cells == 1
    assert b.sampled == 2.0, f"sampled={b.sampled}, but should be |f'(1)| = 2"
    assert 3.0 <= b.upper


def test_default_one_dimensional_partition_has_1024_cells_sampled_at_their_centres():
    """Default d = 1 partition: 1024 cells; f = x²/2 on [0, 1] samples f′ at the last centre 2047/2048."""
    # edges k/1024 and their midpoints (2k + 1)/2048 are exact floats, f′(c) = c exactly
    b = certify_derivative_bound(x**2 / 2, (x,), [(0.0, 1.0)])
    assert b.n_cells == 1024, f"n_cells={b.n_cells}, but the documented default for d = 1 is 1024"
    assert b.sampled == 2047 / 2048, f"sampled={b.sampled}, but should be f'(2047/2048) = 2047/2048"
    assert 1.0 <= b.upper


def test_default_two_dimensional_partition_has_64_cells_per_axis():
    """Default d = 2 partition: 64 × 64 cells; f = (x0² + x1²)/2 on [0, 1]² samples |x0| + |x1| at 127/128."""
    # edges k/64 and midpoints (2k + 1)/128 are exact floats, ∂_i f(c) = c_i exactly
    b = certify_derivative_bound((x0**2 + x1**2) / 2, (x0, x1), [(0.0, 1.0)] * 2)
    assert b.n_cells == 64**2, f"n_cells={b.n_cells}, but the documented default for d = 2 is 64 x 64"
    assert b.sampled == 127 / 64, f"sampled={b.sampled}, but should be 2 * 127/128 = 127/64"
    assert 2.0 <= b.upper  # sup of |x0| + |x1| on [0, 1]² is 2, at (1, 1)


def test_cells_per_axis_beyond_one_million_is_refused():
    """cells_per_axis is limited to 10**6 (the error states the range): 10**6 + 1 raises ValueError."""
    with pytest.raises(ValueError, match="cells_per_axis"):
        certify_derivative_bound(x, (x,), [(0.0, 1.0)], cells_per_axis=10**6 + 1)
