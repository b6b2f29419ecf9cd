"""Tests for constructions.complexity.uniform_deviation: the KS distance and bound-failure frequencies."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.stats import kstest

from constructions.complexity.uniform_deviation import (
    bound_exceedances,
    count_exceedances,
    ks_distance_uniform,
    uniform_deviation_replicates,
)
from constructions.complexity.vc_dimension import dkw_epsilon, vc_generalization_bound

EPS = np.finfo(float).eps
#: Designed false-alarm rate of each statistical test below (fixed seeds besides).
FALSE_ALARM = 1e-6


@settings(deadline=None)
@given(x=st.lists(st.floats(0, 1), min_size=1, max_size=50))
def test_ks_distance_equals_scipy_kstest_statistic(x):
    # same formula, values in [0, 1]: one rounding of i/n − x per term, so 2 ulps of 1.
    assert_allclose(ks_distance_uniform(x), kstest(x, "uniform").statistic, rtol=0, atol=2 * EPS)


@settings(deadline=None)
@given(x=st.lists(st.floats(0, 1), min_size=1, max_size=50))
def test_ks_distance_equals_sup_over_both_sides_of_every_jump(x):
    xs = np.sort(np.asarray(x))
    t = np.concatenate([xs, np.nextafter(xs, -1.0), [0.0, 1.0]])
    ecdf = np.searchsorted(xs, t, side="right") / xs.size
    direct = np.max(np.abs(ecdf - np.clip(t, 0, 1)))
    # probing 1 ulp left of a jump misses at most 1 ulp of the 1-Lipschitz F; plus rounding.
    assert_allclose(ks_distance_uniform(x), direct, rtol=0, atol=4 * EPS)


def test_ks_distance_rows_are_replicates():
    rng = np.random.default_rng(5)
    samples = rng.random((6, 9))
    assert ks_distance_uniform(samples).tolist() == [ks_distance_uniform(r) for r in samples]


@pytest.mark.parametrize(("bound", "n"), [("dkw", 20), ("dkw", 200), ("vc", 20), ("vc", 200)])
def test_bound_fails_with_frequency_at_most_delta(bound, n):
    out = bound_exceedances(n, delta=0.05, n_replicates=20_000, rng=np.random.default_rng(n),
                            bound=bound)
    # exact binomial one-sided test of P(failure) ≤ δ at level FALSE_ALARM
    assert out.p_value() > FALSE_ALARM, out


def test_halved_dkw_epsilon_fails_far_more_often_than_delta():
    """Control: the same test has power — ε/2 is exceeded with frequency ≫ δ."""
    n, delta = 200, 0.05
    d = uniform_deviation_replicates(n, n_replicates=2_000, rng=np.random.default_rng(11))
    out = count_exceedances(d, dkw_epsilon(n, delta=delta) / 2, delta=delta)
    assert out.frequency > 0.5 and out.p_value() < FALSE_ALARM


def test_exceedance_counts_ties_as_failures():
    out = count_exceedances([0.1, 0.2, 0.3], 0.2, delta=0.5)
    assert (out.n_exceed, out.n_replicates, out.frequency) == (2, 3, 2 / 3)


@pytest.mark.parametrize(("samples", "match"), [
    ([1.5], "outside"), ([[]], "n >= 1"), ([np.nan], "non-finite"), (np.zeros((1, 1, 1)), "ndim"),
])
def test_ks_distance_rejects_bad_samples(samples, match):
    with pytest.raises(ValueError, match=match):
        ks_distance_uniform(samples)


def test_exceedance_helpers_reject_bad_arguments():
    with pytest.raises(ValueError, match="bound"):
        bound_exceedances(10, delta=0.1, n_replicates=1, rng=np.random.default_rng(0),
                          bound="hoeffding")
    with pytest.raises(ValueError, match="delta"):
        count_exceedances([0.1], 0.2, delta=0.0)
    with pytest.raises(ValueError, match="empty"):
        count_exceedances([], 0.2, delta=0.1)


@pytest.mark.parametrize("n", [1, 20])
def test_each_bound_counts_against_its_own_epsilon(n):
    """ε is √(ln(2/δ)/(2n)) for "dkw" (the default) and the d = 1 VC bound for "vc"."""
    delta, rng = 0.05, np.random.default_rng(3)
    expected = {"dkw": dkw_epsilon(n, delta=delta),
                "vc": vc_generalization_bound(1, n, delta=delta)}
    assert bound_exceedances(n, delta=delta, n_replicates=2, rng=rng).epsilon == expected["dkw"]
    for bound, eps in expected.items():
        out = bound_exceedances(n, delta=delta, n_replicates=2, rng=rng, bound=bound)
        assert out.epsilon == eps, (
            f"epsilon={out.epsilon}, but should be {eps} [bound={bound!r}, n={n}]")


@pytest.mark.parametrize("n", [0, -1])
def test_bound_exceedances_rejects_a_sample_size_below_one(n):
    """A bound on D_n needs n ≥ 1 points; the error names that domain."""
    with pytest.raises(ValueError, match=r"allowed: n >= 1"):
        bound_exceedances(n, delta=0.05, n_replicates=2, rng=np.random.default_rng(0))


def test_an_exceedance_count_is_an_immutable_value():
    """A count is a value: equal counts are equal and hashable, and its fields cannot be rebound."""
    a, b = (count_exceedances([0.1, 0.3], 0.2, delta=0.05) for _ in range(2))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.n_exceed = 0
