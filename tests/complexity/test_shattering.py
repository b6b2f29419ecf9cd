"""Tests for constructions.complexity.shattering: exact realisability of labelings by tiny ReLU nets."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from constructions.complexity.shattering import (
    decide_shattering,
    largest_shattered_size,
    realising_network,
)
from constructions.networks.dense import network_from_layers


@st.composite
def spread_points(draw, *, size):
    """Distinct points built with gaps in [0.05, 3] (well separated by construction)."""
    start = draw(st.floats(-5, 5))
    gaps = draw(st.lists(st.floats(0.05, 3.0), min_size=size - 1, max_size=size - 1))
    return start + np.concatenate(([0.0], np.cumsum(gaps)))


@pytest.mark.parametrize(("n_hidden", "expected"), [(1, 2), (2, 3)])
def test_largest_shattered_equally_spaced_set_has_u_plus_1_points(n_hidden, expected):
    search = largest_shattered_size(n_hidden, max_points=n_hidden + 2)
    assert search.size == expected
    assert search.shattered_by_size == {m: m <= expected for m in range(1, n_hidden + 3)}


@settings(deadline=None, max_examples=10)
@given(data=st.data(), n_hidden=st.sampled_from([1, 2]))
def test_every_well_spread_set_of_u_plus_1_points_is_shattered(data, n_hidden):
    points = data.draw(spread_points(size=n_hidden + 1), label="points")
    assert decide_shattering(points, n_hidden=n_hidden).shattered


@settings(deadline=None, max_examples=5)
@given(data=st.data(), n_hidden=st.sampled_from([1, 2]))
def test_alternating_labels_on_u_plus_2_points_are_never_realised_for_u_le_2(data, n_hidden):
    # measured: U ≤ 2 units change sign at most U times on any tested set (C17's [D] allows U + 1)
    points = data.draw(spread_points(size=n_hidden + 2), label="points")
    labels = np.arange(n_hidden + 2) % 2
    assert realising_network(points, labels, n_hidden=n_hidden) is None


@settings(deadline=None, max_examples=30)
@given(n_hidden=st.sampled_from([1, 2]), seed=st.integers(0, 2**32 - 1))
def test_labels_of_a_random_network_are_found_realisable(n_hidden, seed):
    """Soundness of "unrealisable": a labeling some network produces must be found."""
    rng = np.random.default_rng(seed)
    points = np.sort(rng.uniform(-2, 2, size=n_hidden + 2))
    net = network_from_layers([(rng.standard_normal((n_hidden, 1)), rng.standard_normal(n_hidden)),
                               (rng.standard_normal((1, n_hidden)), rng.standard_normal(1))],
                              activation="relu")
    f = net(points)
    assume(np.min(np.abs(f)) > 1e-6)  # a sign the network decides robustly
    labels = (f > 0).astype(int)
    witness = realising_network(points, labels, n_hidden=n_hidden)
    assert witness is not None
    assert ((witness(points) > 0).astype(int) == labels).all()


def test_witness_network_has_the_requested_size_and_labels():
    points = np.array([0.0, 1.0, 2.0])
    net = realising_network(points, [0, 1, 0], n_hidden=2)
    assert net.hidden_widths == (2,) and net.activation == "relu"
    assert (net(points) > 0).tolist() == [False, True, False]


def test_one_unit_cannot_realise_a_bump():
    assert realising_network([0.0, 1.0, 2.0], [0, 1, 0], n_hidden=1) is None
    result = decide_shattering([0.0, 1.0, 2.0], n_hidden=1)
    assert not result.shattered and result.unrealised_labels == (1, 0, 1)


def test_three_units_shatter_five_equally_spaced_points():
    # measured: VCdim ≥ U + 2 for U = 3, so the pattern U + 1 of U ≤ 2 does not continue
    assert decide_shattering(np.arange(5.0), n_hidden=3).shattered


@pytest.mark.parametrize(("points", "labels", "match"), [
    ([0.0, 0.0], [0, 1], "repeated"),
    ([0.0, 1.0], [0, 2], "outside"),
    ([0.0, 1.0], [0], "shape"),
    ([], [], "empty"),
    ([0.0, np.inf], [0, 1], "non-finite"),
])
def test_realising_network_rejects_bad_input(points, labels, match):
    with pytest.raises(ValueError, match=match):
        realising_network(points, labels, n_hidden=1)


def test_search_rejects_bad_arguments():
    with pytest.raises(ValueError, match="n_hidden"):
        decide_shattering([0.0], n_hidden=0)
    with pytest.raises(ValueError, match="needs rng"):
        largest_shattered_size(1, max_points=2, n_random_sets=1)
    with pytest.raises(ValueError, match="max_points"):
        largest_shattered_size(1, max_points=0)


def test_shattering_result_holds_its_sorted_points_read_only():
    """A (frozen, possibly memoised) ShatteringResult cannot be altered through its point set."""
    result = decide_shattering([2.0, 0.0, 1.0], n_hidden=2)
    assert result.points.tolist() == [0.0, 1.0, 2.0], f"points={result.points}, but should be sorted"
    with pytest.raises(ValueError, match="read-only"):
        result.points[0] = 5.0


@pytest.mark.parametrize("n_hidden", [1, 2])
def test_search_counts_the_linear_programs_of_every_size_it_decides(n_hidden):
    """The search's LP count is the sum of the counts of its per-size decisions on 0, 1, …, m − 1."""
    # mutation run: starting the tally at −1 instead of 0 went unnoticed
    max_points = n_hidden + 2
    search = largest_shattered_size(n_hidden, max_points=max_points)
    per_size = [decide_shattering(np.arange(m, dtype=float), n_hidden=n_hidden).n_linear_programs
                for m in range(1, max_points + 1)]
    assert search.n_linear_programs == sum(per_size), (
        f"n_linear_programs={search.n_linear_programs}, but should be {sum(per_size)} "
        f"= sum of {per_size} [n_hidden={n_hidden}, max_points={max_points}]")
