"""Unit tests of constructions.pac_bayes.finite_class."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from constructions.pac_bayes.finite_class import (
    FiniteTask,
    gibbs_posterior,
    noisy_threshold_task,
    sample_empirical_risks,
)

EPS = float(np.finfo(float).eps)


def test_threshold_task_risks_are_noise_plus_misplaced_mass():
    task = noisy_threshold_task(5, threshold=2, noise=0.1)
    # h = 1[x ≥ t]: |t − 2| points on the wrong side (mass 1/5, error 0.9 each), the rest 0.1
    t = np.arange(6)
    expected = (np.abs(t - 2) * 0.9 + (5 - np.abs(t - 2)) * 0.1) / 5
    assert_allclose(task.risks[:6], expected, rtol=0, atol=8 * EPS)
    assert_allclose(task.risks[6:], 1 - expected, rtol=0, atol=8 * EPS)


def test_empirical_risks_average_to_the_risks():
    task = noisy_threshold_task(4, threshold=1, noise=0.2)
    r = sample_empirical_risks(task, 50, n_repeats=20_000, rng=np.random.default_rng(1))
    # each column is a mean of 20000 binomial(50)/50 values: stderr ≤ 0.5/√(10^6) = 5e-4; 6 stderr
    assert_allclose(r.mean(axis=0), task.risks, rtol=0, atol=3e-3)


def test_gibbs_posterior_concentrates_on_the_empirical_minimiser():
    q = gibbs_posterior([0.25] * 4, [0.3, 0.1, 0.2, 0.4], beta=100.0, n=100)
    assert q.argmax() == 1 and q[1] > 1 - 1e-100 * 0 - 1e-12 and abs(q.sum() - 1) < 4 * EPS


@pytest.mark.parametrize(
    "call",
    [
        lambda: noisy_threshold_task(1, threshold=0, noise=0.1),
        lambda: noisy_threshold_task(3, threshold=4, noise=0.1),
        lambda: noisy_threshold_task(3, threshold=1, noise=0.6),
        lambda: FiniteTask(np.array([0.5, 0.6]), np.array([0.0, 1.0]), np.array([[0, 1]])),
        lambda: FiniteTask(np.array([0.5, 0.5]), np.array([0.0, 1.0]), np.array([[0, 2]])),
        lambda: sample_empirical_risks("task", 5, n_repeats=2, rng=np.random.default_rng(0)),
        lambda: sample_empirical_risks(
            noisy_threshold_task(2, threshold=1, noise=0.0),
            0,
            n_repeats=2,
            rng=np.random.default_rng(0),
        ),
        lambda: gibbs_posterior([0.5, 0.5], [0.1, 0.2], beta=-1.0, n=5),
        lambda: gibbs_posterior([0.5, 0.5], [0.1, 0.2, 0.3], beta=1.0, n=5),
    ],
)
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_a_one_point_domain_is_a_finite_task():
    """|X| = 1 (marginal [1]) is a valid finite problem: H predictions of one point, each 0 or 1."""
    task = FiniteTask(np.array([1.0]), np.array([0.25]), np.array([[0.0], [1.0]]))
    assert task.n_hypotheses == 2, f"n_hypotheses={task.n_hypotheses}, but should be 2"
