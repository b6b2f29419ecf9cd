"""Tests for constructions.approximation.box_counting: Minkowski dimension by box counting (C16)."""


import numpy as np
import pytest

from constructions.approximation.box_counting import (
    box_counts,
    circle_in_ambient_space,
    estimate_box_dimension,
    koch_curve,
    uniform_square,
)

KOCH_DIMENSION = np.log(4.0) / np.log(3.0)
#: Measured pre-asymptotic bias of shift-averaged box counting at δ = 3^-2 … 3^-6 on the
#: level-8 Koch curve: 1.254 vs 1.262 (local slopes rise to 1.260 only at δ ≈ 3^-7).
BOX_COUNTING_BIAS = 0.02



def test_koch_curve_has_4_pow_level_segments_of_length_3_pow_minus_level():
    pts = koch_curve(level=5)
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    assert pts.shape == (4**5 + 1, 2)
    # coordinates of size <= 1 carry ~level roundings; a difference of two of them, relative
    # to a segment of length 3^-level, is off by up to 4·level·eps·3^level
    np.testing.assert_allclose(seg, 3.0**-5, rtol=4 * 5 * np.finfo(float).eps * 3**5, atol=0.0)
    np.testing.assert_array_equal(pts[[0, -1]], [[0.0, 0.0], [1.0, 0.0]])


def test_koch_dimension_estimate_is_log4_over_log3():
    est = estimate_box_dimension(koch_curve(level=8), deltas=3.0 ** -np.arange(2, 7), n_shifts=8)
    assert est.fit.contains(KOCH_DIMENSION) or abs(est.dimension - KOCH_DIMENSION) <= BOX_COUNTING_BIAS
    assert abs(est.dimension - KOCH_DIMENSION) <= BOX_COUNTING_BIAS


@pytest.mark.parametrize("ambient_dim", [2, 3, 10])
def test_circle_in_ambient_space_has_dimension_one(ambient_dim):
    x = circle_in_ambient_space(20_000, ambient_dim=ambient_dim, rng=np.random.default_rng(7))
    est = estimate_box_dimension(x, deltas=np.geomspace(0.3, 0.01, 8))
    assert abs(est.dimension - 1.0) <= 0.05


def test_uniform_square_control_is_not_one_dimensional():
    est = estimate_box_dimension(uniform_square(20_000, rng=np.random.default_rng(3)),
                                 deltas=np.geomspace(0.2, 0.02, 6))
    assert est.fit.ci_low > 1.5


def test_shifted_counts_are_integers_without_shifts_and_box_count_is_monotone():
    x = uniform_square(1000, rng=np.random.default_rng(0))
    c = box_counts(x, [0.5, 0.25, 0.125])
    assert np.all(c == np.round(c)) and np.all(np.diff(c) > 0)


def test_high_dimensional_cells_fall_back_to_row_comparison():
    x = circle_in_ambient_space(500, ambient_dim=40, rng=np.random.default_rng(1))
    # 40 axes × ~2000 cells each overflows an int64 key: the row route must agree with a set
    delta = 1e-3
    cells = {tuple(row) for row in np.floor((x - x.min(axis=0)) / delta).astype(np.int64)}
    assert box_counts(x, [delta])[0] == len(cells)


def test_default_scales_run_from_a_quarter_diameter_to_the_n_over_16_box_side():
    """Default δ: geometric from diam/4 to diam·(16/n)^{1/2}, diam the largest coordinate extent."""
    x = koch_curve(level=4) + np.array([3.0, -2.0])  # away from the origin: extents, not sums
    est = estimate_box_dimension(x, n_scales=5)
    diam = float(np.max(np.ptp(x, axis=0)))  # 1 up to the translation's rounding
    # endpoints of np.geomspace are its arguments up to a couple of roundings
    np.testing.assert_allclose(est.deltas[[0, -1]], [diam / 4, diam * np.sqrt(16 / x.shape[0])],
                               rtol=4 * np.finfo(float).eps, atol=0.0)
    assert est.deltas.size == 5 and np.all(np.diff(est.deltas) < 0)


def test_default_estimate_averages_box_counts_over_eight_grid_shifts():
    """The default n_shifts of estimate_box_dimension is 8: counts = box_counts(…, n_shifts=8)."""
    x = koch_curve(level=5)
    deltas = 3.0 ** -np.arange(1, 5)
    est = estimate_box_dimension(x, deltas=deltas)
    # the same arithmetic on the same grids: equal bit for bit
    np.testing.assert_array_equal(est.counts, box_counts(x, deltas, n_shifts=8))
    assert est.dimension == estimate_box_dimension(x, deltas=deltas, n_shifts=8).dimension


def test_bad_inputs_raise_value_error():
    with pytest.raises(ValueError, match="deltas"):
        box_counts([[0.0, 0.0]], [0.0])
    with pytest.raises(ValueError, match="level"):
        koch_curve(level=13)
    with pytest.raises(ValueError, match="rng"):
        uniform_square(3, rng=0)
    with pytest.raises(ValueError, match="ambient_dim"):
        circle_in_ambient_space(3, ambient_dim=1, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="positive diameter"):
        estimate_box_dimension(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="shape"):
        estimate_box_dimension(np.zeros((0, 2)))
