"""Bad input for ``constructions.approximation``: bases, rates, Yarotsky, sawtooth and the rest.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).
"""

from __future__ import annotations

import math

import numpy as np
from bad_input_kit import (
    INF,
    NAN,
    Entry,
    arrays,
    counts,
    finite,
    frozen_dataclasses_test,
    functions,
    intervals,
    networks,
    nonnegative,
    options,
    positive,
    probability,
    reals,
    registry_tests,
    rng,
    symbolic_dims,
    symbolic_positive,
    tiny_logistic,
    tiny_relu,
)
from hypothesis import strategies as st

from constructions.networks.dense import network_from_layers


def _taylor_derivatives():
    from constructions.approximation.local_taylor import sympy_derivatives

    return sympy_derivatives("x**2", ["x"])


def _tiny_relu_network():
    return network_from_layers([(np.ones((2, 1)), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))],
                               activation="relu")


def _registry() -> dict[str, Entry]:
    x3 = np.array([0.0, 0.25, 0.5])
    return {
        # bases
        "constructions.approximation.bases.chebyshev_interpolant": Entry(
            lambda: {"f": np.sin, "n_coefficients": 3, "domain": (-1.0, 1.0)},
            {"f": functions, "n_coefficients": counts(1), "domain": intervals},
        ),
        "constructions.approximation.bases.fourier_series": Entry(
            lambda: {"f": np.cos, "n_harmonics": 2, "period": (-math.pi, math.pi), "n_samples": 16},
            {
                "f": functions,
                "n_harmonics": counts(0),
                "period": intervals,
                "n_samples": counts(5, allow_none=True),
            },
        ),
        "constructions.approximation.bases.gibbs_overshoot": Entry(
            lambda: {"n_harmonics": 1}, {"n_harmonics": counts(1)}
        ),
        "constructions.approximation.bases.step_fourier_series": Entry(
            lambda: {"n_harmonics": 3}, {"n_harmonics": counts(0)}
        ),
        "constructions.approximation.bases.sup_error_on_grid": Entry(
            lambda: {"f": np.sin, "g": np.cos, "grid": x3},
            {"f": functions, "g": functions, "grid": arrays(wrong_ndim=False, empty=True)},
        ),
        "constructions.approximation.bases.truncate_fourier": Entry(
            lambda: {"samples": np.cos(2 * np.pi * np.arange(8) / 8), "n_harmonics": 1},
            {"samples": arrays(empty=True), "n_harmonics": counts(0)},
        ),
        "constructions.approximation.bases.gibbs_constant": Entry(dict),
        # box_counting
        "constructions.approximation.box_counting.box_counts": Entry(
            lambda: {
                "points": [[0.1, 0.1], [0.2, 0.2], [0.9, 0.9]],
                "deltas": [1.0, 0.5],
                "n_shifts": 2,
            },
            {"points": arrays(empty=True), "deltas": arrays(empty=True), "n_shifts": counts(1)},
        ),
        "constructions.approximation.box_counting.circle_in_ambient_space": Entry(
            lambda: {"n": 5, "ambient_dim": 3, "rng": rng()},
            {"n": counts(1), "ambient_dim": counts(2)},
        ),
        "constructions.approximation.box_counting.estimate_box_dimension": Entry(
            lambda: {
                "points": np.random.default_rng(0).random((50, 2)),
                "n_scales": 3,
                "n_shifts": 2,
                "confidence": 0.9,
            },
            {
                "points": arrays(empty=True),
                "deltas": arrays(),
                "n_shifts": counts(1),
                "n_scales": counts(2),
                "confidence": probability,
            },
        ),
        "constructions.approximation.box_counting.koch_curve": Entry(lambda: {"level": 1}, {"level": counts(0)}),
        "constructions.approximation.box_counting.uniform_square": Entry(
            lambda: {"n": 3, "rng": rng()}, {"n": counts(1)}
        ),
        # deep_narrow
        "constructions.approximation.deep_narrow.accumulator_shift": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.approximation.deep_narrow.best_monotone_error": Entry(
            lambda: {"values": [0.0, 1.0, 0.0]}, {"values": arrays(empty=True)}
        ),
        "constructions.approximation.deep_narrow.best_monotone_fit": Entry(
            lambda: {"values": [0.0, 1.0, 0.0], "increasing": True}, {"values": arrays(empty=True)}
        ),
        "constructions.approximation.deep_narrow.deep_narrow_logistic": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.approximation.deep_narrow.deep_narrow_logistic_error_bound": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.approximation.deep_narrow.deep_narrow_relu": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.approximation.deep_narrow.identity_scale_for": Entry(
            lambda: {"shallow": tiny_logistic(), "eps": 0.01},
            {"shallow": networks, "eps": positive},
        ),
        "constructions.approximation.deep_narrow.logistic_identity_error_bound": Entry(
            lambda: {"t_max": 1.0, "identity_scale": 0.1},
            {"t_max": nonnegative, "identity_scale": positive},
        ),
        "constructions.approximation.deep_narrow.logistic_weight_rounding_bound": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.approximation.deep_narrow.random_width_one_network": Entry(
            lambda: {"rng": rng(), "n_hidden_layers": 2, "activation": "relu", "scale": 1.0},
            {"n_hidden_layers": counts(1), "activation": options, "scale": positive},
        ),
        "constructions.approximation.deep_narrow.rearrangement_rounding_bound": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.approximation.deep_narrow.shallow_parts": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks, "activation": options}
        ),
        # local_taylor
        "constructions.approximation.local_taylor.local_taylor_network": Entry(
            lambda: {
                "derivatives": _taylor_derivatives(),
                "dim": 1,
                "smoothness": 2,
                "n_cells": 2,
                "multiplication_depth": 1,
                "derivative_bound": 2.0,
            },
            {
                "derivatives": functions,
                "dim": counts(1),
                "smoothness": counts(1),
                "n_cells": counts(1),
                "multiplication_depth": counts(1),
                "derivative_bound": nonnegative,
            },
        ),
        "constructions.approximation.local_taylor.local_taylor_network_for": Entry(
            lambda: {
                "eps": 0.5,
                "derivatives": _taylor_derivatives(),
                "dim": 1,
                "smoothness": 2,
                "derivative_bound": 2.0,
            },
            {
                "eps": positive,
                "derivatives": functions,
                "dim": counts(1),
                "smoothness": counts(1),
                "derivative_bound": nonnegative,
            },
        ),
        "constructions.approximation.local_taylor.network_rounding_bound": Entry(
            lambda: {"network": _tiny_relu_network(), "x": np.array([0.0, 0.5, 1.0])},
            {"network": networks, "x": arrays(max_ndim=2)},
        ),
        "constructions.approximation.local_taylor.sympy_derivatives": Entry(
            lambda: {"expr": "x**2", "symbols": ["x"]},
            {
                "expr": lambda _v: st.sampled_from(["x +", "y**2", "(("]),
                "symbols": lambda _v: st.sampled_from([[], [3.0], ["y"]]),
            },
        ),
        "constructions.approximation.local_taylor.taylor_remainder_bound": Entry(
            lambda: {"dim": 2, "smoothness": 2, "n_cells": 4, "derivative_bound": 1.0},
            {
                "dim": counts(1),
                "smoothness": counts(1),
                "n_cells": counts(1),
                "derivative_bound": nonnegative,
            },
        ),
        # monomials
        "constructions.approximation.monomials.finite_difference_network": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 0.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.approximation.monomials.finite_difference_values": Entry(
            lambda: {"x": [1.0], "k": 1, "h": 0.5, "b": 0.0, "dps": 30},
            {"x": arrays(), "k": counts(1), "h": positive, "b": finite, "dps": counts(1)},
        ),
        "constructions.approximation.monomials.logistic_derivative": Entry(
            lambda: {"k": 2, "b": 0}, {"k": counts(0)}
        ),
        "constructions.approximation.monomials.logistic_derivative_bound": Entry(
            lambda: {"k": 3, "lo": -1.0, "hi": 1.0}, {"k": counts(0), "lo": finite, "hi": finite}
        ),
        "constructions.approximation.monomials.logistic_derivative_polynomial": Entry(
            lambda: {"k": 2}, {"k": counts(0)}
        ),
        "constructions.approximation.monomials.monomial_error_bound": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.approximation.monomials.monomial_network": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.approximation.monomials.monomial_rounding_estimate": Entry(
            lambda: {"k": 1, "h": 0.5, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        # piecewise_linear
        "constructions.approximation.piecewise_linear.freudenthal_hat": Entry(
            lambda: {"z": [[0.0, 0.0], [0.5, 0.5]]}, {"z": arrays()}
        ),
        "constructions.approximation.piecewise_linear.grid_vertices": Entry(
            lambda: {"dim": 2, "n_cells": 1}, {"dim": counts(1), "n_cells": counts(1)}
        ),
        "constructions.approximation.piecewise_linear.interpolation_error_bound": Entry(
            lambda: {"dim": 1, "mesh": 0.5, "lipschitz": 1.0},
            {"dim": counts(1), "mesh": nonnegative, "lipschitz": nonnegative},
        ),
        "constructions.approximation.piecewise_linear.kuhn_interpolant": Entry(
            lambda: {"grid_values": [[0.0, 1.0], [1.0, 3.0]], "x": [[0.5, 0.5]]},
            {"grid_values": arrays(), "x": arrays()},
        ),
        "constructions.approximation.piecewise_linear.kuhn_interpolant_network": Entry(
            lambda: {"grid_values": [[0.0, 1.0], [1.0, 3.0]], "offset": 0.0},
            {"grid_values": arrays(), "offset": finite},
        ),
        "constructions.approximation.piecewise_linear.relu_interpolant": Entry(
            lambda: {"knots": [0.0, 0.5, 1.0], "values": [0.0, 1.0, 0.0]},
            {"knots": arrays(empty=True), "values": arrays(longer=True)},
        ),
        # polynomial_activation
        "constructions.approximation.polynomial_activation.alternation_lower_bound": Entry(
            lambda: {"residual": [0.1, -0.2, 0.3, -0.1], "degree": 1},
            {"residual": arrays(), "degree": counts(0)},
        ),
        "constructions.approximation.polynomial_activation.best_polynomial_approximation": Entry(
            lambda: {"f": np.abs, "degree": 2, "n_nodes": 21, "lipschitz": 1.0, "n_check": 101},
            {
                "f": functions,
                "degree": counts(0),
                "n_nodes": counts(4),
                "lipschitz": nonnegative,
                "n_check": counts(2),
            },
        ),
        "constructions.approximation.polynomial_activation.square_network_from_polynomial": Entry(
            lambda: {"power_coefficients": [0.125, 0.0, 1.0]}, {"power_coefficients": arrays()}
        ),
        # rates
        "constructions.approximation.rates.bounded_ratio": Entry(
            lambda: {
                "sizes": [10.0, 100.0, 1000.0, 10000.0],
                "x": [0.3, 0.03, 0.003, 0.0003],
                "y": [0.1, 0.01, 0.001, 0.0001],
                "growth_factor": 1.0,
            },
            {
                "sizes": arrays(empty=True),
                "x": arrays(longer=True),
                "y": arrays(longer=True),
                "growth_factor": reals(1.0),
            },
        ),
        "constructions.approximation.rates.fit_loglog_slope": Entry(
            lambda: {
                "sizes": [1, 2, 4, 8],
                "values": [1.0, 0.25, 0.0625, 0.015625],
                "confidence": 0.95,
            },
            {"sizes": arrays(empty=True), "values": arrays(longer=True), "confidence": probability},
        ),
        "constructions.approximation.rates.geometric_sizes": Entry(
            lambda: {"start": 1, "stop": 1000, "num": 4},
            {"start": positive, "stop": positive, "num": counts(2)},
        ),
        # sawtooth
        "constructions.approximation.sawtooth.hat_network": Entry(dict),
        "constructions.approximation.sawtooth.sawtooth": Entry(
            lambda: {"x": x3, "s": 2}, {"x": arrays(wrong_ndim=False), "s": counts(0)}
        ),
        "constructions.approximation.sawtooth.sawtooth_exact": Entry(
            lambda: {"x": ["1/3"], "s": 3},
            {"x": lambda _v: st.sampled_from([["abc"], [NAN], [INF]]), "s": counts(0)},
        ),
        "constructions.approximation.sawtooth.sawtooth_network": Entry(lambda: {"s": 2}, {"s": counts(1)}),
        "constructions.approximation.sawtooth.shallow_square_error_lower_bound": Entry(
            lambda: {"units": 3}, {"units": counts(0)}
        ),
        "constructions.approximation.sawtooth.square_approximant": Entry(
            lambda: {"x": x3, "m": 1}, {"x": arrays(wrong_ndim=False), "m": counts(0)}
        ),
        "constructions.approximation.sawtooth.square_approximant_error": Entry(
            lambda: {"m": 2}, {"m": counts(0)}
        ),
        "constructions.approximation.sawtooth.square_approximant_exact": Entry(
            lambda: {"x": ["3/8"], "m": 2},
            {"x": lambda _v: st.sampled_from([["abc"], [NAN], [INF]]), "m": counts(0)},
        ),
        "constructions.approximation.sawtooth.sup_error_against_square": Entry(
            lambda: {"network": tiny_relu()}, {"network": networks}
        ),
        "constructions.approximation.sawtooth.yarotsky_square_network": Entry(
            lambda: {"m": 1, "weight_base": 4, "activation": "relu"},
            {"m": counts(0), "weight_base": counts(1), "activation": options},
        ),
        # sigmoid_constructions
        "constructions.approximation.sigmoid_constructions.rectangle_error_bound": Entry(
            lambda: {"a": 1.0, "delta": 0.0}, {"a": positive, "delta": nonnegative}
        ),
        "constructions.approximation.sigmoid_constructions.rectangle_indicator": Entry(
            lambda: {"x": [-1.0, 0.0], "b": 0.7, "b_prime": 0.2},
            {"x": arrays(), "b": finite, "b_prime": finite},
        ),
        "constructions.approximation.sigmoid_constructions.rectangle_limit": Entry(
            lambda: {"x": [-1.0, 0.0], "b": 0.7, "b_prime": 0.2},
            {"x": arrays(), "b": finite, "b_prime": finite},
        ),
        "constructions.approximation.sigmoid_constructions.sigmoid_rectangle": Entry(
            lambda: {"a": 50.0, "b": 0.7, "b_prime": 0.2},
            {"a": positive, "b": finite, "b_prime": reals(hi=0.7, strict_hi=True)},
        ),
        "constructions.approximation.sigmoid_constructions.staircase_error_bound": Entry(
            lambda: {"J": 4, "K": 10.0, "modulus": lambda t: t},
            {"J": counts(1), "K": positive, "modulus": functions, "form": options},
        ),
        "constructions.approximation.sigmoid_constructions.staircase_network": Entry(
            lambda: {"f": lambda x: x, "eps": 0.3, "lipschitz": 1.0},
            {
                "f": functions,
                "eps": positive,
                "lipschitz": positive,
                "steepness_factor": positive,
                "bound_form": options,
            },
        ),
        "constructions.approximation.sigmoid_constructions.staircase_network_with": Entry(
            lambda: {"f": lambda x: x, "J": 4, "steepness": 1.0},
            {"f": functions, "J": counts(1), "steepness": positive},
        ),
        # singularities
        "constructions.approximation.singularities.PiecewiseSmoothTarget": Entry(
            lambda: {"boundary": np.cos, "above": np.sin, "below": np.cos},
            {"boundary": functions, "above": functions, "below": functions},
        ),
        "constructions.approximation.singularities.boundary_indicator_network": Entry(
            lambda: {"boundary": lambda t: 0.5 + 0 * t, "n_pieces": 2, "eps": 0.01},
            {"boundary": functions, "n_pieces": counts(1), "eps": positive},
        ),
        "constructions.approximation.singularities.dnn_approximation_exponents": Entry(
            lambda: {"a": 2, "b": 2, "dim": 2},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.approximation.singularities.dnn_estimation_exponent": Entry(
            lambda: {"a": 2, "b": 2, "dim": 2},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.approximation.singularities.dnn_faster_than_linear": Entry(
            lambda: {"a": 1, "b": 1, "dim": 4},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.approximation.singularities.indicator_l2_error": Entry(
            lambda: {
                "boundary": lambda t: 0.5 + 0 * t,
                "n_pieces": 1,
                "eps": 0.03,
                "n_quadrature": 4,
            },
            {
                "boundary": functions,
                "n_pieces": counts(1),
                "eps": positive,
                "n_quadrature": counts(1),
            },
        ),
        "constructions.approximation.singularities.linear_estimator_exponent": Entry(
            lambda: {"a": 2, "dim": 2}, {"a": symbolic_positive, "dim": symbolic_dims}
        ),
        "constructions.approximation.singularities.phase_boundary_identity": Entry(dict),
        "constructions.approximation.singularities.piecewise_constant_l2_error": Entry(
            lambda: {"boundary": lambda t: 0.5 + 0 * t, "n_cells": 2, "n_samples": 4},
            {"boundary": functions, "n_cells": counts(1), "n_samples": counts(1)},
        ),
        "constructions.approximation.singularities.relu_step_network": Entry(
            lambda: {"eps": 0.5}, {"eps": positive}
        ),
        "constructions.approximation.singularities.step_l2_error": Entry(lambda: {"eps": 0.1}, {"eps": positive}),
        "constructions.approximation.singularities.step_l2_error_exact": Entry(
            lambda: {"eps": "1/12", "half_width": 1},
            {
                "eps": lambda _v: st.sampled_from([0, -1, "-1/2", NAN, INF]),
                "half_width": lambda _v: st.sampled_from([0, -1, NAN, INF]),
            },
        ),
        "constructions.approximation.singularities.wavy_boundary_target": Entry(
            lambda: {"amplitude": 0.2, "frequency": 1},
            {"amplitude": nonnegative, "frequency": counts(0)},
        ),
        # yarotsky
        "constructions.approximation.yarotsky.approximate_product": Entry(
            lambda: {"x": [0.5, -1.0], "y": [0.5, 0.0], "m": 2, "bound": 1.0},
            {"x": arrays(), "y": arrays(longer=True), "m": counts(0), "bound": positive},
        ),
        "constructions.approximation.yarotsky.interpolant_error_bound": Entry(
            lambda: {"n_pieces": 2, "second_derivative_sup": 2.0, "length": 1.0},
            {"n_pieces": counts(1), "second_derivative_sup": nonnegative, "length": positive},
        ),
        "constructions.approximation.yarotsky.multiplication_depth_for": Entry(
            lambda: {"eps": 1e-2, "bound": 3.0}, {"eps": positive, "bound": positive}
        ),
        "constructions.approximation.yarotsky.multiplication_error_bound": Entry(
            lambda: {"m": 2, "bound": 3.0}, {"m": counts(0), "bound": positive}
        ),
        "constructions.approximation.yarotsky.multiplication_network": Entry(
            lambda: {"m": 2, "bound": 1.0}, {"m": counts(0), "bound": positive, "scale": positive}
        ),
        "constructions.approximation.yarotsky.pl_interpolant_network": Entry(
            lambda: {"breakpoints": [0.0, 0.5, 1.0], "values": [0.0, 0.25, 1.0]},
            {"breakpoints": arrays(empty=True), "values": arrays(longer=True)},
        ),
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test(
    "constructions.approximation")
