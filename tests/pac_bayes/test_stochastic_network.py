"""Unit tests of constructions.pac_bayes.stochastic_network (small and fast settings)."""

from __future__ import annotations

import pytest

from constructions.pac_bayes.stochastic_network import digits_binary_task, digits_pac_bayes

SMALL = dict(hidden=4, n_train=300, mc_samples=50, train_steps=50, bound_steps=100)


def test_digits_task_is_a_balanced_split_of_all_images():
    task = digits_binary_task(n_train=1500)
    assert task.n_train + task.n_test == 1797
    assert 0.45 < task.y_train.mean() < 0.55


def test_result_is_cached_per_process():
    assert digits_pac_bayes(**SMALL) is digits_pac_bayes(**SMALL)


def test_bound_is_above_the_monte_carlo_training_error():
    out = digits_pac_bayes(**SMALL)
    assert out.mc_train_error <= out.train_error_upper <= out.value <= 1.0
    assert out.n_params == 4 * 66 + 1 and out.confidence == pytest.approx(0.95, rel=0, abs=1e-15)


def test_random_labels_give_a_bound_above_one_half():
    assert digits_pac_bayes(random_labels=True, **SMALL).value > 0.5


@pytest.mark.parametrize(
    "kwargs",
    [
        {"hidden": 0},
        {"n_train": 5},
        {"n_train": 1797},
        {"seed": -1},
        {"delta": 0.0},
        {"delta_mc": 1.0},
        {"delta": 0.6, "delta_mc": 0.5},
        {"mc_samples": 0},
        {"train_steps": -1},
        {"random_labels": 1},
    ],
)
def test_bad_input_raises_value_error(kwargs):
    with pytest.raises(ValueError):
        digits_pac_bayes(**kwargs)


def test_digits_are_read_exactly_as_scikit_learn_reads_them():
    from sklearn.datasets import load_digits

    from constructions.pac_bayes.stochastic_network import _load_digits

    x, digit = load_digits(return_X_y=True)
    ours = _load_digits()
    assert (ours[0] == x).all() and (ours[1] == digit).all()
