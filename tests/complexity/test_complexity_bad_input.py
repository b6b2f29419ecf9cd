"""Bad input for ``constructions.complexity``: risks, SGD, shattering, deviations, VC dimension.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).
"""

from __future__ import annotations

from bad_input_kit import (
    NAN,
    Entry,
    arrays,
    counts,
    frozen_dataclasses_test,
    networks,
    nonnegative,
    options,
    positive,
    probability,
    reals,
    registry_tests,
    rng,
    tiny_relu,
)
from hypothesis import strategies as st


def finite_problem():
    from constructions.complexity.risks import FiniteLearningProblem

    return FiniteLearningProblem(
        points=((0, 0), (1, 1)), probabilities=("1/2", "1/2"), predictions=((0, 0), (0, 1))
    )


def _registry() -> dict[str, Entry]:
    from constructions.complexity import vc_dimension as vc
    return {
        # risks
        "constructions.complexity.risks.FiniteLearningProblem": Entry(
            lambda: {
                "points": ((0, 0), (1, 1)),
                "probabilities": ("1/2", "1/2"),
                "predictions": ((0, 0), (0, 1)),
                "loss": "squared",
            },
            {
                "points": lambda _v: st.sampled_from([(), ((0, 0),), "ab"]),
                "probabilities": lambda _v: st.sampled_from(
                    [("1/2", "1/3"), ("-1", "2"), ("1",), "ab"]
                ),
                "predictions": lambda _v: st.sampled_from([(), ((0, 0, 0),), "ab"]),
                "loss": options,
            },
        ),
        "constructions.complexity.risks.NoisyThresholdProblem": Entry(
            lambda: {"t_star": 0.5, "eta": 0.1}, {"t_star": reals(0.0, 1.0), "eta": reals(0.0, 0.5)}
        ),
        "constructions.complexity.risks.cauchy_risk_differences": Entry(
            lambda: {"n": 5, "n_replicates": 3, "rng": rng(), "loss": "squared"},
            {"n": counts(1), "n_replicates": counts(1), "loss": options},
        ),
        "constructions.complexity.risks.error_decomposition": Entry(
            lambda: {"problem": finite_problem(), "sample": (0, 1), "theta_hat": 1},
            {
                "problem": lambda _v: st.sampled_from(["problem", 3]),
                "sample": lambda _v: st.sampled_from([(), (0, 5), "ab"]),
                "theta_hat": lambda _v: st.sampled_from([-1, 7, "a"]),
            },
        ),
        "constructions.complexity.risks.expected_ols_test_mse": Entry(
            lambda: {"n": 50, "p": 10, "noise_variance": 1},
            {"n": counts(1), "p": counts(1), "noise_variance": nonnegative},
        ),
        "constructions.complexity.risks.expected_ols_training_mse": Entry(
            lambda: {"n": 50, "p": 10, "noise_variance": 1},
            {"n": counts(1), "p": counts(1), "noise_variance": nonnegative},
        ),
        "constructions.complexity.risks.finite_problem_from_predictors": Entry(
            lambda: {
                "points": [(0, 0), (1, 1)],
                "probabilities": ["1/2", "1/2"],
                "predictors": [lambda x: 0 * x, lambda x: x],
            },
            {
                "points": lambda _v: st.sampled_from([[], "ab"]),
                "probabilities": lambda _v: st.sampled_from([["1/2", "1/3"], ["1"], "ab"]),
                "predictors": lambda _v: st.sampled_from([[], [3.0], 3.0]),
                "loss": options,
            },
        ),
        "constructions.complexity.risks.ols_risk_replicates": Entry(
            lambda: {
                "n": 5,
                "p": 1,
                "n_replicates": 2,
                "rng": rng(),
                "beta_star": [1.0],
                "theta_fixed": [0.5],
            },
            {
                "n": counts(1),
                "p": counts(1),
                "noise_variance": nonnegative,
                "n_replicates": counts(1),
                "beta_star": arrays(longer=True),
                "theta_fixed": arrays(longer=True),
            },
        ),
        "constructions.complexity.risks.random_feature_classifier_gap": Entry(
            lambda: {"n_train": 5, "n_features": 10, "n_test": 5, "rng": rng(), "input_dim": 2,
                     "label_noise": 0.0},
            {
                "n_train": counts(1),
                "n_features": counts(1),
                "n_test": counts(1),
                "input_dim": counts(1),
                "label_noise": reals(0.0, 0.5),
            },
        ),
        # sgd
        "constructions.complexity.sgd.decreasing_step_bound": Entry(
            lambda: {"initial_squared_error": 1.0, "mu": 0.5, "lipschitz": 2.0, "c": 4.0, "t0": 16.0,
                     "noise_trace": 1.0, "t": 3},
            {
                "initial_squared_error": nonnegative,
                "mu": positive,
                "lipschitz": reals(0.5),
                "c": reals(2.0, strict_lo=True),  # cμ > 1
                "t0": reals(8.0),  # t₀ ≥ cL
                "noise_trace": nonnegative,
                "t": lambda _v: st.sampled_from([-1, 1.5, "3", [0, -2]]),
            },
        ),
        "constructions.complexity.sgd.decreasing_step_sizes": Entry(
            lambda: {"c": 2.0, "t0": 4, "n_steps": 3},
            {"c": positive, "t0": positive, "n_steps": counts(1)},
        ),
        "constructions.complexity.sgd.sgd_expected_squared_error": Entry(
            lambda: {"hessian": [[1.0, 0.0], [0.0, 2.0]], "noise_covariance": [[1.0, 0.0], [0.0, 1.0]],
                     "initial_error": [1.0, -1.0], "step_sizes": [0.5, 0.25]},
            {
                "hessian": arrays(longer=True),
                "noise_covariance": arrays(longer=True),
                "initial_error": arrays(empty=True, longer=True),
                "step_sizes": arrays(),
            },
        ),
        "constructions.complexity.sgd.sgd_expected_squared_error_exact": Entry(
            lambda: {"hessian": [[1, 0], [0, 2]], "noise_covariance": [[1, 0], [0, 1]],
                     "initial_error": [1, -1], "step_sizes": ["1/2", "1/4"]},
            {
                "hessian": lambda _v: st.sampled_from([[[1.0, 0], [0, 1]], "ab", [[1, 2], [0, 1]], [[1, 0]]]),
                "noise_covariance": lambda _v: st.sampled_from([[[NAN, 0], [0, 1]], "ab", [[1, 2], [0, 1]]]),
                "initial_error": lambda _v: st.sampled_from([[], [0.5, 1], "ab", [1, 2, 3]]),
                "step_sizes": lambda _v: st.sampled_from([[0.5], ["-1"], [0], "ab"]),
            },
        ),
        "constructions.complexity.sgd.sgd_squared_error_bound": Entry(
            lambda: {"initial_squared_error": 1.0, "mu": 0.5, "lipschitz": 2.0, "step": 0.25,
                     "noise_trace": 1.0, "t": 3},
            {
                "initial_squared_error": nonnegative,
                "mu": positive,
                "lipschitz": reals(0.5),
                "step": reals(0.0, 1.0, strict_lo=True, strict_hi=True),  # 0 < η < 2/L
                "noise_trace": nonnegative,
                "t": counts(0),
            },
        ),
        "constructions.complexity.sgd.simulate_sgd_squared_errors": Entry(
            lambda: {"hessian": [[1.0, 0.0], [0.0, 2.0]], "noise_covariance": [[1.0, 0.0], [0.0, 1.0]],
                     "initial_error": [1.0, -1.0], "step_sizes": [0.5, 0.25], "n_runs": 2, "rng": rng()},
            {
                "hessian": arrays(longer=True),
                "noise_covariance": arrays(longer=True),
                "initial_error": arrays(empty=True, longer=True),
                "step_sizes": arrays(),
                "n_runs": counts(1),
            },
        ),
        # shattering
        "constructions.complexity.shattering.decide_shattering": Entry(
            lambda: {"points": [0.0, 1.0, 2.0], "n_hidden": 2},
            {"points": arrays(empty=True), "n_hidden": counts(1)},
        ),
        "constructions.complexity.shattering.largest_shattered_size": Entry(
            lambda: {"n_hidden": 1, "max_points": 3},
            {"n_hidden": counts(1), "max_points": counts(1), "n_random_sets": counts(0)},
        ),
        "constructions.complexity.shattering.realising_network": Entry(
            lambda: {"points": [0.0, 1.0, 2.0], "labels": [1, 0, 1], "n_hidden": 2},
            {
                "points": arrays(empty=True),
                "labels": lambda _v: st.sampled_from([[1, 0], [1, 0, 2], "ab"]),
                "n_hidden": counts(1),
            },
        ),
        # uniform_deviation
        "constructions.complexity.uniform_deviation.bound_exceedances": Entry(
            lambda: {"n": 10, "delta": 0.05, "n_replicates": 5, "rng": rng(), "bound": "dkw"},
            {"n": counts(1), "delta": probability, "n_replicates": counts(1), "bound": options},
        ),
        "constructions.complexity.uniform_deviation.count_exceedances": Entry(
            lambda: {"deviations": [0.1, 0.3, 0.2], "epsilon": 0.2, "delta": 0.05},
            {"deviations": arrays(empty=True), "epsilon": nonnegative, "delta": probability},
        ),
        "constructions.complexity.uniform_deviation.ks_distance_uniform": Entry(
            lambda: {"samples": [0.5, 0.25]}, {"samples": arrays(max_ndim=2, empty=True)}
        ),
        "constructions.complexity.uniform_deviation.uniform_deviation_replicates": Entry(
            lambda: {"n": 10, "n_replicates": 4, "rng": rng()},
            {"n": counts(1), "n_replicates": counts(1)},
        ),
        # vc_dimension
        "constructions.complexity.vc_dimension.LayeredArchitecture": Entry(
            lambda: {"units": (2, 1), "params": (4, 3)},
            {
                "units": lambda _v: st.sampled_from([(), (0, 1), (-1, 1), (2,), "ab"]),
                "params": lambda _v: st.sampled_from([(), (0, 3), (4,), "ab"]),
            },
        ),
        "constructions.complexity.vc_dimension.architecture_of": Entry(
            lambda: {"network": tiny_relu()}, {"network": networks}
        ),
        "constructions.complexity.vc_dimension.bhlm_vc_upper_bound": Entry(
            lambda: {"architecture": vc.dense_architecture(1, [2]), "breakpoints": 1, "degree": 1},
            {
                "architecture": lambda _v: st.sampled_from(["arch", 3]),
                "breakpoints": counts(1),
                "degree": counts(1),
            },
        ),
        "constructions.complexity.vc_dimension.dense_architecture": Entry(
            lambda: {"input_dim": 2, "hidden_widths": [3]},
            {
                "input_dim": counts(1),
                "hidden_widths": lambda _v: st.sampled_from([[0], [-1], [2.5], "3"]),
            },
        ),
        "constructions.complexity.vc_dimension.dkw_epsilon": Entry(
            lambda: {"n": 200, "delta": 0.05}, {"n": counts(1), "delta": probability}
        ),
        "constructions.complexity.vc_dimension.generalization_bound_for_size": Entry(
            lambda: {"n_params": 100, "depth": 3, "n": 1000, "delta": 0.05, "vc_constant": 1.0},
            {
                "n_params": counts(1),
                "depth": counts(1),
                "n": counts(1),
                "delta": probability,
                "vc_constant": positive,
            },
        ),
        "constructions.complexity.vc_dimension.log_growth_function_bound": Entry(
            lambda: {"vc_dim": 1, "m": 10}, {"vc_dim": positive, "m": counts(1)}
        ),
        "constructions.complexity.vc_dimension.vacuous_vc_dimension": Entry(
            lambda: {"n": 1000, "delta": 0.05}, {"n": counts(1), "delta": probability}
        ),
        "constructions.complexity.vc_dimension.vc_failure_probability": Entry(
            lambda: {"vc_dim": 1, "n": 10, "epsilon": 0.1},
            {"vc_dim": reals(0.0), "n": counts(1), "epsilon": nonnegative},
        ),
        "constructions.complexity.vc_dimension.vc_generalization_bound": Entry(
            lambda: {"vc_dim": 1, "n": 1000, "delta": 0.05},
            {"vc_dim": positive, "n": counts(1), "delta": probability},
        ),
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test("constructions.complexity")
