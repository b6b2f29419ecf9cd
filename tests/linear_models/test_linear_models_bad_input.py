"""Bad input for ``constructions.linear_models``: designs, estimators, spectra, risk formulas.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).
"""

from __future__ import annotations

import numpy as np
from bad_input_kit import (
    NAN,
    Entry,
    arrays,
    counts,
    finite,
    frozen_dataclasses_test,
    nonnegative,
    options,
    positive,
    probability,
    reals,
    registry_tests,
    rng,
)
from hypothesis import strategies as st


def _registry() -> dict[str, Entry]:
    x3 = np.array([0.0, 0.25, 0.5])
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    return {
        # bias_variance
        "constructions.linear_models.bias_variance.conditional_bias_variance": Entry(
            lambda: {"X": X, "beta": [1.0, 1.0], "cov": [1.0, 2.0], "noise_var": 0.5, "lam": 0.1},
            {
                "X": arrays(),
                "beta": arrays(longer=True),
                "cov": arrays(longer=True),
                "noise_var": nonnegative,
                "lam": nonnegative,
            },
        ),
        "constructions.linear_models.bias_variance.conditional_risks_isotropic": Entry(
            lambda: {"X": np.array([[[1.0, 0.0]]]), "beta": [1.0, 1.0], "noise_var": 2.0, "lam": 0.0},
            {"X": arrays(empty=True), "beta": arrays(longer=True), "noise_var": nonnegative, "lam": nonnegative},
        ),
        "constructions.linear_models.bias_variance.excess_risk": Entry(
            lambda: {"beta_hat": [1.0, 1.0], "beta": [0.0, 0.0], "cov": [2.0, 3.0]},
            {
                "beta_hat": arrays(max_ndim=2),
                "beta": arrays(longer=True),
                "cov": arrays(longer=True),
            },
        ),
        "constructions.linear_models.bias_variance.expected_inverse_wishart_trace": Entry(
            lambda: {"n": 20, "p": 5}, {"n": counts(1), "p": counts(1)}
        ),
        "constructions.linear_models.bias_variance.inverse_gram_traces": Entry(
            lambda: {"Z": np.array([[[2.0, 0.0], [0.0, 4.0]]])}, {"Z": arrays(empty=True)}
        ),
        "constructions.linear_models.bias_variance.inverse_wishart_trace_variance": Entry(
            lambda: {"n": 20, "p": 5}, {"n": counts(1), "p": counts(1)}
        ),
        "constructions.linear_models.bias_variance.isotropic_gaussian_expected_risk": Entry(
            lambda: {"n": 20, "p": 5, "r2": 1.0, "sigma2": 1.0},
            {"n": counts(1), "p": counts(1), "r2": nonnegative, "sigma2": nonnegative},
        ),
        "constructions.linear_models.bias_variance.ols_variance_trace": Entry(
            lambda: {"X": X, "cov": [1.0, 2.0]}, {"X": arrays(), "cov": arrays(longer=True)}
        ),
        "constructions.linear_models.bias_variance.whitened_design": Entry(
            lambda: {"X": X, "cov": [4.0, 9.0], "whitening": "sqrt"},
            {"X": arrays(), "cov": arrays(longer=True), "whitening": options},
        ),
        "constructions.linear_models.bias_variance.whitened_inverse_eigenvalue_sum": Entry(
            lambda: {"X": X, "cov": [4.0, 9.0], "whitening": "sqrt"},
            {"X": arrays(), "cov": arrays(longer=True), "whitening": options},
        ),
        # cosine_features
        "constructions.linear_models.cosine_features.cosine_features": Entry(
            lambda: {"x": x3, "n_features": 3, "weighting": "inv"},
            {"x": arrays(), "n_features": counts(1), "weighting": options},
        ),
        "constructions.linear_models.cosine_features.cosine_regression_data": Entry(
            lambda: {"rng": rng(), "n": 5, "noise_sd": 0.1},
            {"n": counts(1), "noise_sd": nonnegative},
        ),
        "constructions.linear_models.cosine_features.fit_cosine_features": Entry(
            lambda: {"x": x3, "y": np.cos(3 * x3), "n_features": 2, "weighting": "none"},
            {
                "x": arrays(empty=True),
                "y": arrays(longer=True),
                "n_features": counts(1),
                "weighting": options,
            },
        ),
        "constructions.linear_models.cosine_features.true_function": Entry(
            lambda: {"x": x3}, {"x": arrays(wrong_ndim=False)}
        ),
        # designs
        "constructions.linear_models.designs.covariance_matrix": Entry(
            lambda: {"eigenvalues": [2.0, 1.0]}, {"eigenvalues": arrays()}
        ),
        "constructions.linear_models.designs.design": Entry(
            lambda: {"n": 3, "eigenvalues": [4.0, 1.0], "rng": rng(), "distribution": "rademacher"},
            {"n": counts(1), "eigenvalues": arrays(empty=True), "distribution": options},
        ),
        "constructions.linear_models.designs.matrix_with_condition_number": Entry(
            lambda: {"n": 5, "p": 3, "cond": 100.0, "rng": rng()},
            {"n": counts(1), "p": counts(1), "cond": reals(1.0)},
        ),
        "constructions.linear_models.designs.standardized_entries": Entry(
            lambda: {"n": 2, "p": 3, "distribution": "gaussian", "rng": rng()},
            {"n": counts(1), "p": counts(1), "distribution": options},
        ),
        # effective_ranks
        "constructions.linear_models.effective_ranks.HarmonicTruncation": Entry(
            lambda: {"p": 10}, {"p": counts(1)}
        ),
        "constructions.linear_models.effective_ranks.Interval": Entry(
            lambda: {"lo": 0.0, "hi": 1.0},
            {
                "lo": lambda _v: st.sampled_from([NAN, 2.0]),
                "hi": lambda _v: st.sampled_from([NAN, -1.0]),
            },
        ),
        "constructions.linear_models.effective_ranks.PowerLogSpectrum": Entry(
            lambda: {"alpha": 1.0, "beta": 2.0, "n_explicit": 64},
            {"alpha": positive, "beta": finite, "n_explicit": counts(1)},
        ),
        "constructions.linear_models.effective_ranks.bllt_terms": Entry(
            lambda: {"eigenvalues": np.ones(20), "n": 4, "b": 1.0, "delta": 0.5},
            {
                "eigenvalues": arrays(empty=True),
                "n": counts(1),
                "b": positive,
                "delta": probability,
            },
        ),
        "constructions.linear_models.effective_ranks.critical_index": Entry(
            lambda: {"eigenvalues": np.ones(10), "n": 4, "b": 2.0},
            {"eigenvalues": arrays(empty=True), "n": counts(1), "b": positive},
        ),
        "constructions.linear_models.effective_ranks.effective_ranks": Entry(
            lambda: {"eigenvalues": [1.0, 1.0, 1.0]}, {"eigenvalues": arrays(empty=True)}
        ),
        "constructions.linear_models.effective_ranks.truncated_exponential_spectrum": Entry(
            lambda: {"p": 4, "eps": 0.5, "tau": 2.0}, {"p": counts(1), "eps": nonnegative}
        ),
        # estimators
        "constructions.linear_models.estimators.min_norm_interpolator": Entry(
            lambda: {"X": np.array([[2.0, 0.0]]), "y": np.array([4.0])},
            {"X": arrays(), "y": arrays(max_ndim=2, longer=True)},
        ),
        "constructions.linear_models.estimators.ridge": Entry(
            lambda: {"X": X, "y": np.array([1.0, 2.0, 3.0]), "lam": 0.5},
            {"X": arrays(), "y": arrays(max_ndim=2, longer=True), "lam": nonnegative},
        ),
        # hmrt
        "constructions.linear_models.hmrt.general_sigma_limit": Entry(
            lambda: {"gamma": 3.0, "h_atoms": [1.0], "h_weights": [1.0], "r2": 1.0, "sigma2": 0.5},
            {
                "gamma": positive,
                "h_atoms": arrays(empty=True),
                "h_weights": arrays(longer=True),
                "r2": nonnegative,
                "sigma2": nonnegative,
            },
        ),
        "constructions.linear_models.hmrt.isotropic_limit": Entry(
            lambda: {"gamma": 0.5, "r2": 1.0, "sigma2": 0.5},
            {"gamma": positive, "r2": nonnegative, "sigma2": nonnegative},
        ),
        "constructions.linear_models.hmrt.optimal_overparameterization_ratio": Entry(
            lambda: {"snr": 4.0}, {"snr": nonnegative}
        ),
        "constructions.linear_models.hmrt.solve_c0": Entry(
            lambda: {"gamma": 3.0, "atoms": [1.0], "weights": [1.0]},
            {"gamma": positive, "atoms": arrays(empty=True), "weights": arrays(longer=True)},
        ),
        # marchenko_pastur
        "constructions.linear_models.marchenko_pastur.empirical_spectrum": Entry(
            lambda: {"n": 3, "p": 5, "rng": rng(), "distribution": "gaussian"},
            {"n": counts(1), "p": counts(1), "distribution": options},
        ),
        "constructions.linear_models.marchenko_pastur.kolmogorov_distance": Entry(
            lambda: {"eigenvalues": [0.0, 0.0, 0.0, 1.0], "gamma": 4.0},
            {"eigenvalues": arrays(empty=True), "gamma": positive},
        ),
        "constructions.linear_models.marchenko_pastur.mp_atom": Entry(
            lambda: {"gamma": 4.0}, {"gamma": positive}
        ),
        "constructions.linear_models.marchenko_pastur.mp_cdf": Entry(
            lambda: {"s": 1.0, "gamma": 4.0},
            {"s": lambda _v: st.sampled_from([NAN, "abc"]), "gamma": positive},
        ),
        "constructions.linear_models.marchenko_pastur.mp_density": Entry(
            lambda: {"s": 1.0, "gamma": 4.0},
            {"s": lambda _v: st.sampled_from([NAN, "abc"]), "gamma": positive},
        ),
        "constructions.linear_models.marchenko_pastur.mp_inverse_moment": Entry(
            lambda: {"gamma": 0.5}, {"gamma": positive}
        ),
        "constructions.linear_models.marchenko_pastur.mp_moment": Entry(
            lambda: {"k": 2, "gamma": 0.5}, {"k": counts(0), "gamma": positive}
        ),
        "constructions.linear_models.marchenko_pastur.mp_support": Entry(
            lambda: {"gamma": 0.25}, {"gamma": positive}
        ),
        "constructions.linear_models.marchenko_pastur.wishart_trace_moment": Entry(
            lambda: {"k": 2, "n": 4, "p": 3}, {"k": counts(1), "n": counts(1), "p": counts(1)}
        ),
        # random_features
        "constructions.linear_models.random_features.double_descent_curve": Entry(
            lambda: {
                "n_features": [2, 4],
                "n_train": 5,
                "d": 2,
                "rng": rng(),
                "n_test": 5,
                "n_draws": 2,
            },
            {
                "n_features": lambda _v: st.sampled_from([[0], [-1], [2.5], []]),
                "n_train": counts(1),
                "d": counts(1),
                "lam": nonnegative,
                "noise_sd": nonnegative,
                "n_test": counts(1),
                "n_draws": counts(2),
                "n_noise": counts(1),
            },
        ),
        "constructions.linear_models.random_features.random_feature_weights": Entry(
            lambda: {"n_features": 3, "d": 2, "rng": rng()},
            {"n_features": counts(1), "d": counts(1)},
        ),
        "constructions.linear_models.random_features.relu_random_features": Entry(
            lambda: {"Z": np.array([[1.0, -1.0]]), "W": np.eye(2)},
            {
                "Z": arrays(),
                "W": lambda _v: st.sampled_from([np.ones((2, 3)), np.full((2, 2), NAN), "abc"]),
            },
        ),
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test(
    "constructions.linear_models")
