"""Bad input for ``constructions.pac_bayes``: kl bounds, finite class, Rademacher, digits.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).  The result records ``PacBayesBound``, ``RademacherEstimate``,
``DigitsTask`` and ``DigitsPacBayes`` are returned, never built from user input.
"""

from __future__ import annotations

import numpy as np
from bad_input_kit import (
    Entry,
    arrays,
    counts,
    frozen_dataclasses_test,
    nonnegative,
    positive,
    probability,
    reals,
    registry_tests,
    rng,
)
from hypothesis import strategies as st

_P = "constructions.pac_bayes"
_not_a_bool = lambda _v: st.sampled_from([1, 0, "yes", None])  # noqa: E731
_not_a_task = lambda _v: st.sampled_from(["task", 3, None])  # noqa: E731
# array_like probabilities: a value outside [0, 1], a NaN or inf entry, text
_bad_probabilities = lambda _v: st.sampled_from(  # noqa: E731
    [-0.1, 1.5, float("nan"), "abc", [0.5, float("inf")], [0.5, -1e-300]]
)


def _task():
    from constructions.pac_bayes.finite_class import noisy_threshold_task

    return noisy_threshold_task(3, threshold=1, noise=0.1)


def _registry() -> dict[str, Entry]:
    return {
        f"{_P}.kl_bounds.binary_kl": Entry(
            lambda: {"q": 0.2, "p": 0.5},
            {"q": _bad_probabilities, "p": _bad_probabilities},
        ),
        f"{_P}.kl_bounds.kl_inverse_upper": Entry(
            lambda: {"q": 0.2, "c": 0.1}, {"q": reals(0.0, 1.0), "c": nonnegative}
        ),
        f"{_P}.kl_bounds.sample_convergence_upper": Entry(
            lambda: {"empirical_mean": 0.1, "n_samples": 10, "delta": 0.05},
            {"empirical_mean": reals(0.0, 1.0), "n_samples": counts(1), "delta": probability},
        ),
        f"{_P}.kl_bounds.discrete_kl": Entry(
            lambda: {"q": np.array([0.5, 0.5]), "p": np.array([0.25, 0.75])},
            {"q": arrays(longer=True), "p": arrays(longer=True)},
        ),
        f"{_P}.kl_bounds.gaussian_kl": Entry(
            lambda: {
                "mean_q": np.array([0.1, 0.2]),
                "std_q": np.array([1.0, 0.5]),
                "mean_p": np.array([0.0, 0.0]),
                "var_p": 1.0,
            },
            {
                "mean_q": arrays(longer=True),
                "std_q": arrays(longer=True),
                "mean_p": arrays(longer=True),
                "var_p": positive,
            },
        ),
        f"{_P}.kl_bounds.pac_bayes_kl_bound": Entry(
            lambda: {
                "empirical_risk": 0.1,
                "kl_divergence": 1.0,
                "n": 100,
                "delta": 0.05,
                "extra_log_term": 0.0,
            },
            {
                "empirical_risk": reals(0.0, 1.0),
                "kl_divergence": nonnegative,
                "n": counts(8),
                "delta": probability,
                "extra_log_term": nonnegative,
            },
        ),
        f"{_P}.finite_class.FiniteTask": Entry(
            lambda: {
                "marginal": np.array([0.5, 0.5]),
                "eta": np.array([0.0, 1.0]),
                "predictions": np.array([[0.0, 1.0], [1.0, 1.0]]),
            },
            {
                "marginal": arrays(longer=True),
                "eta": arrays(longer=True),
                "predictions": arrays(longer=False),
            },
        ),
        f"{_P}.finite_class.noisy_threshold_task": Entry(
            lambda: {"k": 3, "threshold": 1, "noise": 0.1},
            {"k": counts(2), "threshold": counts(0), "noise": reals(0.0, 0.5)},
        ),
        f"{_P}.finite_class.sample_empirical_risks": Entry(
            lambda: {"task": _task(), "n": 5, "n_repeats": 2, "rng": rng()},
            {"task": _not_a_task, "n": counts(1), "n_repeats": counts(1)},
        ),
        f"{_P}.finite_class.gibbs_posterior": Entry(
            lambda: {
                "prior": np.array([0.5, 0.5]),
                "empirical_risks": np.array([0.1, 0.2]),
                "beta": 1.0,
                "n": 5,
            },
            {
                "prior": arrays(longer=True),
                "empirical_risks": arrays(max_ndim=2, longer=True),
                "beta": nonnegative,
                "n": counts(1),
            },
        ),
        f"{_P}.rademacher.golowich_rakhlin_shamir_bound": Entry(
            lambda: {"x": np.ones((3, 2)), "norms": [1.0, 1.0]},
            {"x": arrays(), "norms": lambda _v: st.sampled_from([[], [0.0], [-1.0, 1.0], ["a"]])},
        ),
        f"{_P}.rademacher.single_unit_rademacher_lower": Entry(
            lambda: {
                "x": np.ones((3, 2)),
                "weight_norm": 1.0,
                "output_norm": 1.0,
                "n_sign_draws": 4,
                "rng": rng(),
                "n_restarts": 2,
                "n_steps": 2,
            },
            {
                "x": arrays(),
                "weight_norm": positive,
                "output_norm": positive,
                "n_sign_draws": counts(2),
                "n_restarts": counts(1),
                "n_steps": counts(0),
            },
        ),
        f"{_P}.rademacher.two_layer_rademacher_lower": Entry(
            lambda: {
                "x": np.ones((3, 2)),
                "width": 2,
                "weight_norm": 1.0,
                "output_norm": 1.0,
                "n_sign_draws": 4,
                "rng": rng(),
                "n_steps": 2,
            },
            {
                "x": arrays(),
                "width": counts(1),
                "weight_norm": positive,
                "output_norm": positive,
                "n_sign_draws": counts(2),
                "n_steps": counts(0),
            },
        ),
        f"{_P}.stochastic_network.digits_binary_task": Entry(
            lambda: {"n_train": 100, "random_labels": False, "seed": 0},
            {"n_train": counts(8), "random_labels": _not_a_bool, "seed": counts(0)},
        ),
        f"{_P}.stochastic_network.digits_pac_bayes": Entry(
            lambda: {
                "hidden": 2,
                "n_train": 100,
                "random_labels": False,
                "seed": 0,
                "delta": 0.04,
                "delta_mc": 0.01,
                "mc_samples": 5,
                "train_steps": 2,
                "bound_steps": 2,
            },
            {
                "hidden": counts(1),
                "n_train": counts(8),
                "random_labels": _not_a_bool,
                "seed": counts(0),
                "delta": probability,
                "delta_mc": probability,
                "mc_samples": counts(1),
                "train_steps": counts(0),
                "bound_steps": counts(0),
            },
        ),
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test("constructions.pac_bayes")
