"""Bad input, everywhere: every public construction and the command line reject bad arguments.

Each public callable of every ``constructions`` module has an entry in :data:`REGISTRY`: a
factory of *valid* arguments (tiny, so the valid call is instant) and, per parameter, the kind
of corruption that is invalid for it (a size below its minimum, a non-finite or out-of-range
real, an array with a NaN, the wrong number of dimensions or a mismatched length, an empty or
inverted interval, a string where a number belongs, an unknown option name).  Hypothesis draws
the corrupted value; the call must raise ``ValueError`` or ``TypeError`` whose message names the
parameter, within a time limit, and must never return.  A parameter that legitimately accepts
any value of some kind (any real shift, say) is simply not corrupted in that way.

:func:`test_every_public_construction_has_a_bad_input_entry` makes the registry complete: a new
public function without an entry fails, with a message saying where to add one.  The exemptions are
listed in :data:`EXEMPT`, each with its reason.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import constructions
from constructions.networks import DenseNetwork, network_from_layers

NAN, INF = float("nan"), float("inf")
TIME_LIMIT_S = 5  # a bad argument must be rejected up front; 5 s is ~1000x any valid tiny call here


# --------------------------------------------------------------------------------------------------
# corruptions: each maps the valid value of a parameter to a strategy of invalid values for it
# --------------------------------------------------------------------------------------------------

Corruption = Callable[[object], st.SearchStrategy]


def counts(min_value: int = 1, *, allow_none: bool = False) -> Corruption:
    """Sizes/orders: integers below the minimum, non-integers, NaN, a numeric string."""
    odd = [2.5, NAN, "3", True] + ([] if allow_none else [None])
    return lambda _valid: st.one_of(st.integers(max_value=min_value - 1), st.sampled_from(odd))


def reals(
    lo: float | None = None,
    hi: float | None = None,
    *,
    strict_lo: bool = False,
    strict_hi: bool = False,
) -> Corruption:
    """Reals: NaN, ±inf, a numeric string, values outside ``lo .. hi`` (an open end if strict)."""
    parts = [st.sampled_from([NAN, INF, -INF, "1.0"])]
    if lo is not None:
        # the filters drop -0.0 when lo == 0.0 is allowed (Hypothesis orders -0.0 below 0.0)
        below = st.floats(max_value=lo, allow_nan=False)
        parts.append(below.filter(lambda v: v <= lo if strict_lo else v < lo))
    if hi is not None:
        above = st.floats(min_value=hi, allow_nan=False)
        parts.append(above.filter(lambda v: v >= hi if strict_hi else v > hi))
    return lambda _valid: st.one_of(*parts)


positive = reals(0.0, strict_lo=True)  # eps, h, bounds, scales: must be > 0
nonnegative = reals(0.0)
finite = reals()  # any real is allowed; only NaN, ±inf and strings are bad
probability = reals(0.0, 1.0, strict_lo=True, strict_hi=True)


def symbolic_dims(_valid) -> st.SearchStrategy:
    """Ambient dimensions D ≥ 2 that also accept symbols: integers below 2, non-integers, NaN."""
    return st.one_of(st.integers(max_value=1), st.sampled_from([2.5, NAN, INF]))


def symbolic_positive(_valid) -> st.SearchStrategy:
    """Exponents that also accept sympy symbols and numeric strings: only bad numbers are bad."""
    return st.one_of(st.sampled_from([NAN, INF, -INF]), st.floats(max_value=0.0, allow_nan=False))


def arrays(
    *,
    max_ndim: int | None = None,
    wrong_ndim: bool = True,
    empty: bool = False,
    longer: bool = False,
    nonfinite: bool = True,
) -> Corruption:
    """Arrays: a NaN/±inf entry, too many dimensions, text, an empty array, one entry too many.

    Too many dimensions means ``max_ndim + 1`` (default: the valid value's ``ndim + 1``);

    ``wrong_ndim=False`` for elementwise functions of arrays of any shape;
    ``longer`` only where a partner argument fixes the length (a mismatched shape);
    ``empty`` only where at least one entry is required.
    """

    def corrupt(valid):
        arr = np.asarray(valid, dtype=float)
        options = [st.just("abc")]
        if nonfinite:
            options.append(
                st.tuples(st.integers(0, arr.size - 1), st.sampled_from([NAN, INF, -INF])).map(
                    lambda iv: _with_entry(arr, *iv)
                )
            )
        if wrong_ndim:
            ndim = (arr.ndim if max_ndim is None else max_ndim) + 1
            options.append(st.just(np.full((1,) * ndim, 0.5)))
        if empty:
            options.append(st.just(arr[:0]))
        if longer:
            options.append(st.just(np.concatenate([arr, arr[:1]], axis=0)))
        return st.one_of(*options)

    return corrupt


def _with_entry(arr: np.ndarray, index: int, value: float) -> np.ndarray:
    out = arr.copy().ravel()
    out[index] = value
    return out.reshape(arr.shape)


def intervals(_valid) -> st.SearchStrategy:
    """Intervals/domains: inverted, empty (a point), a non-finite end, text."""
    return st.one_of(
        st.floats(-10, 10).map(lambda a: (a + 1.0, a)),
        st.floats(-10, 10).map(lambda a: (a, a)),
        st.sampled_from([(NAN, 1.0), (0.0, INF), (-INF, 0.0), "ab"]),
    )


def boxes(valid) -> st.SearchStrategy:
    """Boxes, one ``(lo, hi)`` row per input: a side inverted or empty, NaN, wrong dimension."""
    arr = np.asarray(valid, dtype=float)
    flat = arr.copy()
    flat[:, 1] = flat[:, 0]
    return st.sampled_from(
        [
            arr[:, ::-1].copy(),
            flat,
            np.full_like(arr, NAN),
            arr[:, :1],
            np.concatenate([arr, arr]),
            "abc",
        ]
    )


def options(_valid) -> st.SearchStrategy:
    """Named options: an unknown name, a number."""
    return st.sampled_from(["no_such_option", 3])


def networks(_valid) -> st.SearchStrategy:
    """Networks: anything that is not a DenseNetwork."""
    return st.sampled_from(["network", 3.0, None])


def functions(_valid) -> st.SearchStrategy:
    """Callables: a number or a string in place of a function."""
    return st.sampled_from([3.0, "sin"])


# --------------------------------------------------------------------------------------------------
# the registry
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """Valid arguments of one public callable, by parameter name, and how to corrupt each."""

    valid: Callable[[], dict]
    bad: dict[str, Corruption] = field(default_factory=dict)
    #: the word the error message uses for a parameter, where it is clearer than the parameter's
    #: name (``activation_function(name)`` says ``activation='…' is not supported``)
    says: dict[str, str] = field(default_factory=dict)


def _sweep_square(x):
    """A top-level (picklable) sweep function."""
    return x * x


def rng():
    return np.random.default_rng(0)


def _taylor_derivatives():
    from constructions.local_taylor import sympy_derivatives

    return sympy_derivatives("x**2", ["x"])


def _tiny_relu_network():
    return network_from_layers([(np.ones((2, 1)), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))],
                               activation="relu")


def tiny_relu() -> DenseNetwork:
    """x ↦ relu(x) + relu(x − 1/2) on R: one input, two hidden units, one output."""
    return network_from_layers(
        [
            (np.array([[1.0], [1.0]]), np.array([0.0, -0.5])),
            (np.array([[1.0, 1.0]]), np.array([0.0])),
        ],
        activation="relu",
    )


def tiny_logistic() -> DenseNetwork:
    return network_from_layers(
        [
            (np.array([[3.0], [-2.0]]), np.array([0.0, 1.0])),
            (np.array([[1.0, 1.0]]), np.array([0.5])),
        ],
        activation="sigmoid",
    )


def attention_weights():
    from constructions.attention import gd_attention_weights

    return gd_attention_weights(1, eta=1, n_context=2, exact=False)


def hat_target():
    from constructions.certification import PiecewiseLinearTarget

    return PiecewiseLinearTarget([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])


def finite_problem():
    from constructions.risks import FiniteLearningProblem

    return FiniteLearningProblem(
        points=((0, 0), (1, 1)), probabilities=("1/2", "1/2"), predictions=((0, 0), (0, 1))
    )


def _registry() -> dict[str, Entry]:
    from constructions import vc_dimension as vc

    x3 = np.array([0.0, 0.25, 0.5])
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    return {
        # activations
        "constructions.activations.activation_function": Entry(
            lambda: {"name": "relu"}, {"name": options}, says={"name": "activation"}
        ),
        "constructions.activations.is_piecewise_linear": Entry(
            lambda: {"name": "relu"}, {"name": options}, says={"name": "activation"}
        ),
        # attention
        "constructions.attention.AttentionWeights": Entry(
            lambda: {
                "key": np.eye(2),
                "query": np.eye(2),
                "value": np.eye(2),
                "projection": np.eye(2),
            },
            {"key": arrays(), "query": arrays(), "value": arrays(), "projection": arrays()},
        ),
        "constructions.attention.gd_attention_weights": Entry(
            lambda: {"d": 1, "eta": 1, "n_context": 1, "exact": False},
            {"d": counts(1), "eta": positive, "n_context": counts(1)},
        ),
        "constructions.attention.gd_one_step_prediction": Entry(
            lambda: {"X": np.eye(2), "y": [1.0, 2.0], "x_query": [1.0, 0.0], "eta": 0.5},
            {
                "X": arrays(),
                "y": arrays(longer=True),
                "x_query": arrays(longer=True),
                "eta": positive,
            },
        ),
        "constructions.attention.linear_self_attention": Entry(
            lambda: {"tokens": np.ones((3, 2)), "weights": attention_weights()},
            {
                "tokens": arrays(empty=True, longer=False),
                "weights": lambda _v: st.sampled_from(["w", 3]),
            },
        ),
        "constructions.attention.softmax_self_attention": Entry(
            lambda: {"tokens": np.ones((3, 2)), "weights": attention_weights()},
            {"tokens": arrays(empty=True), "weights": lambda _v: st.sampled_from(["w", 3])},
        ),
        # bases
        "constructions.bases.chebyshev_interpolant": Entry(
            lambda: {"f": np.sin, "n_coefficients": 3, "domain": (-1.0, 1.0)},
            {"f": functions, "n_coefficients": counts(1), "domain": intervals},
        ),
        "constructions.bases.fourier_series": Entry(
            lambda: {"f": np.cos, "n_harmonics": 2, "period": (-math.pi, math.pi), "n_samples": 16},
            {
                "f": functions,
                "n_harmonics": counts(0),
                "period": intervals,
                "n_samples": counts(5, allow_none=True),
            },
        ),
        "constructions.bases.gibbs_overshoot": Entry(
            lambda: {"n_harmonics": 1}, {"n_harmonics": counts(1)}
        ),
        "constructions.bases.step_fourier_series": Entry(
            lambda: {"n_harmonics": 3}, {"n_harmonics": counts(0)}
        ),
        "constructions.bases.sup_error_on_grid": Entry(
            lambda: {"f": np.sin, "g": np.cos, "grid": x3},
            {"f": functions, "g": functions, "grid": arrays(wrong_ndim=False, empty=True)},
        ),
        "constructions.bases.truncate_fourier": Entry(
            lambda: {"samples": np.cos(2 * np.pi * np.arange(8) / 8), "n_harmonics": 1},
            {"samples": arrays(empty=True), "n_harmonics": counts(0)},
        ),
        "constructions.bases.gibbs_constant": Entry(dict),
        # bias_variance
        "constructions.bias_variance.conditional_bias_variance": Entry(
            lambda: {"X": X, "beta": [1.0, 1.0], "cov": [1.0, 2.0], "noise_var": 0.5, "lam": 0.1},
            {
                "X": arrays(),
                "beta": arrays(longer=True),
                "cov": arrays(longer=True),
                "noise_var": nonnegative,
                "lam": nonnegative,
            },
        ),
        "constructions.bias_variance.conditional_risks_isotropic": Entry(
            lambda: {"X": np.array([[[1.0, 0.0]]]), "beta": [1.0, 1.0], "noise_var": 2.0, "lam": 0.0},
            {"X": arrays(empty=True), "beta": arrays(longer=True), "noise_var": nonnegative, "lam": nonnegative},
        ),
        "constructions.bias_variance.excess_risk": Entry(
            lambda: {"beta_hat": [1.0, 1.0], "beta": [0.0, 0.0], "cov": [2.0, 3.0]},
            {
                "beta_hat": arrays(max_ndim=2),
                "beta": arrays(longer=True),
                "cov": arrays(longer=True),
            },
        ),
        "constructions.bias_variance.expected_inverse_wishart_trace": Entry(
            lambda: {"n": 20, "p": 5}, {"n": counts(1), "p": counts(1)}
        ),
        "constructions.bias_variance.inverse_gram_traces": Entry(
            lambda: {"Z": np.array([[[2.0, 0.0], [0.0, 4.0]]])}, {"Z": arrays(empty=True)}
        ),
        "constructions.bias_variance.inverse_wishart_trace_variance": Entry(
            lambda: {"n": 20, "p": 5}, {"n": counts(1), "p": counts(1)}
        ),
        "constructions.bias_variance.isotropic_gaussian_expected_risk": Entry(
            lambda: {"n": 20, "p": 5, "r2": 1.0, "sigma2": 1.0},
            {"n": counts(1), "p": counts(1), "r2": nonnegative, "sigma2": nonnegative},
        ),
        "constructions.bias_variance.ols_variance_trace": Entry(
            lambda: {"X": X, "cov": [1.0, 2.0]}, {"X": arrays(), "cov": arrays(longer=True)}
        ),
        "constructions.bias_variance.whitened_design": Entry(
            lambda: {"X": X, "cov": [4.0, 9.0], "whitening": "sqrt"},
            {"X": arrays(), "cov": arrays(longer=True), "whitening": options},
        ),
        "constructions.bias_variance.whitened_inverse_eigenvalue_sum": Entry(
            lambda: {"X": X, "cov": [4.0, 9.0], "whitening": "sqrt"},
            {"X": arrays(), "cov": arrays(longer=True), "whitening": options},
        ),
        # box_counting
        "constructions.box_counting.box_counts": Entry(
            lambda: {
                "points": [[0.1, 0.1], [0.2, 0.2], [0.9, 0.9]],
                "deltas": [1.0, 0.5],
                "n_shifts": 2,
            },
            {"points": arrays(empty=True), "deltas": arrays(empty=True), "n_shifts": counts(1)},
        ),
        "constructions.box_counting.circle_in_ambient_space": Entry(
            lambda: {"n": 5, "ambient_dim": 3, "rng": rng()},
            {"n": counts(1), "ambient_dim": counts(2)},
        ),
        "constructions.box_counting.estimate_box_dimension": Entry(
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
        "constructions.box_counting.koch_curve": Entry(lambda: {"level": 1}, {"level": counts(0)}),
        "constructions.box_counting.uniform_square": Entry(
            lambda: {"n": 3, "rng": rng()}, {"n": counts(1)}
        ),
        # certification (the package's user-facing API)
        "constructions.certification.targets.ChebyshevSeriesTarget": Entry(
            lambda: {"coefficients": [0.0, 0.0, 1.0], "domain": (-1.0, 1.0)},
            {"coefficients": arrays(empty=True), "domain": intervals},
        ),
        "constructions.certification.targets.ExpressionTarget": Entry(
            lambda: {"expr": sp.Symbol("x") ** 2, "symbols": (sp.Symbol("x"),)},
            {
                "expr": lambda _v: st.sampled_from([3.5j, object()]),
                "symbols": lambda _v: st.sampled_from([(), "x", (sp.Symbol("y"),)]),
            },
        ),
        "constructions.certification.targets.FourierSeriesTarget": Entry(
            lambda: {
                "cos_coefficients": [0.0],
                "sin_coefficients": [0.0, 1.0],
                "period": 1.0,
                "origin": 0.0,
            },
            {
                "cos_coefficients": arrays(),
                "sin_coefficients": arrays(),
                "period": positive,
                "origin": finite,
            },
        ),
        "constructions.certification.targets.LipschitzTarget": Entry(
            lambda: {"function": np.sin, "lipschitz": 1.0, "input_dim": 1, "abs_error": 0.0},
            {
                "function": functions,
                "lipschitz": nonnegative,
                "input_dim": counts(1),
                "abs_error": nonnegative,
            },
        ),
        "constructions.certification.targets.PiecewiseLinearTarget": Entry(
            lambda: {"breakpoints": [0.0, 0.5, 1.0], "values": [0.0, 1.0, 0.0]},
            {"breakpoints": arrays(empty=True), "values": arrays(longer=True)},
        ),
        "constructions.certification.targets.as_target": Entry(
            lambda: {"target": hat_target(), "input_dim": 1},
            {"target": lambda _v: st.sampled_from([object(), [1, 2]]), "input_dim": counts(1)},
        ),
        "constructions.certification.enclosure.Enclosure": Entry(
            lambda: {
                "lower": 0.0,
                "upper": 1.0,
                "witness": (0.5,),
                "n_boxes": 1,
                "method": "pieces",
            }
        ),
        "constructions.certification.enclosure.certify_sup_error": Entry(
            lambda: {
                "network": tiny_relu(),
                "target": hat_target(),
                "box": [(0.0, 1.0)],
                "eps": 0.5,
                "rtol": 1e-3,
                "budget": 100,
                "method": "auto",
            },
            {
                "network": networks,
                "box": boxes,
                "eps": positive,
                "rtol": positive,
                "budget": counts(1),
                "method": options,
            },
        ),
        "constructions.certification.enclosure.sample_sup_error": Entry(
            lambda: {
                "network": tiny_relu(),
                "target": hat_target(),
                "box": [(0.0, 1.0)],
                "n_points": 5,
                "rng": rng(),
            },
            {"network": networks, "box": boxes, "n_points": counts(1)},
        ),
        "constructions.certification.enclosure.check_box": Entry(
            lambda: {"box": [(0.0, 1.0)], "input_dim": 1}, {"box": boxes, "input_dim": counts(1)}
        ),
        "constructions.certification.pieces.exact_sup_error": Entry(
            lambda: {"network": tiny_relu(), "target": hat_target(), "interval": (0.0, 1.0)},
            {"network": networks, "interval": intervals, "max_work": counts(1, allow_none=True)},
        ),
        "constructions.certification.pieces.linear_pieces": Entry(
            lambda: {"network": tiny_relu(), "interval": (0.0, 1.0)},
            {"network": networks, "interval": intervals, "max_work": counts(1, allow_none=True)},
        ),
        "constructions.certification.pieces.LinearPieces": Entry(
            lambda: {
                "breakpoints": (Fraction(0), Fraction(1)),
                "slopes": (Fraction(1),),
                "intercepts": (Fraction(0),),
            }
        ),
        "constructions.certification.bounds.network_interval": Entry(
            lambda: {"network": tiny_relu(), "lo": np.array([[0.0]]), "hi": np.array([[1.0]])},
            {"network": networks, "lo": arrays(), "hi": arrays()},
        ),
        "constructions.certification.bounds.network_gradient_interval": Entry(
            lambda: {"network": tiny_relu(), "lo": np.array([[0.0]]), "hi": np.array([[1.0]])},
            {"network": networks, "lo": arrays(), "hi": arrays()},
        ),
        "constructions.certification.lipschitz.certify_derivative_bound": Entry(
            lambda: {"expr": sp.Symbol("x") ** 2, "symbols": (sp.Symbol("x"),), "box": [(0.0, 1.0)],
                     "order": 1, "cells_per_axis": 4},
            {
                "expr": lambda _v: st.sampled_from([object(), "x +"]),
                "symbols": lambda _v: st.sampled_from([(), "x", (sp.Symbol("y"),)]),
                "box": boxes,
                "order": counts(1),
                "cells_per_axis": counts(1, allow_none=True),
            },
        ),
        "constructions.certification.network_target.NetworkTarget": Entry(
            lambda: {"network": tiny_relu()}, {"network": networks}
        ),
        # cosine_features
        "constructions.cosine_features.cosine_features": Entry(
            lambda: {"x": x3, "n_features": 3, "weighting": "inv"},
            {"x": arrays(), "n_features": counts(1), "weighting": options},
        ),
        "constructions.cosine_features.cosine_regression_data": Entry(
            lambda: {"rng": rng(), "n": 5, "noise_sd": 0.1},
            {"n": counts(1), "noise_sd": nonnegative},
        ),
        "constructions.cosine_features.fit_cosine_features": Entry(
            lambda: {"x": x3, "y": np.cos(3 * x3), "n_features": 2, "weighting": "none"},
            {
                "x": arrays(empty=True),
                "y": arrays(longer=True),
                "n_features": counts(1),
                "weighting": options,
            },
        ),
        "constructions.cosine_features.true_function": Entry(
            lambda: {"x": x3}, {"x": arrays(wrong_ndim=False)}
        ),
        # deep_narrow
        "constructions.deep_narrow.accumulator_shift": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.deep_narrow.best_monotone_error": Entry(
            lambda: {"values": [0.0, 1.0, 0.0]}, {"values": arrays(empty=True)}
        ),
        "constructions.deep_narrow.best_monotone_fit": Entry(
            lambda: {"values": [0.0, 1.0, 0.0], "increasing": True}, {"values": arrays(empty=True)}
        ),
        "constructions.deep_narrow.deep_narrow_logistic": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.deep_narrow.deep_narrow_logistic_error_bound": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.deep_narrow.deep_narrow_relu": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.deep_narrow.identity_scale_for": Entry(
            lambda: {"shallow": tiny_logistic(), "eps": 0.01},
            {"shallow": networks, "eps": positive},
        ),
        "constructions.deep_narrow.logistic_identity_error_bound": Entry(
            lambda: {"t_max": 1.0, "identity_scale": 0.1},
            {"t_max": nonnegative, "identity_scale": positive},
        ),
        "constructions.deep_narrow.logistic_weight_rounding_bound": Entry(
            lambda: {"shallow": tiny_logistic(), "identity_scale": 1e-3},
            {"shallow": networks, "identity_scale": positive},
        ),
        "constructions.deep_narrow.random_width_one_network": Entry(
            lambda: {"rng": rng(), "n_hidden_layers": 2, "activation": "relu", "scale": 1.0},
            {"n_hidden_layers": counts(1), "activation": options, "scale": positive},
        ),
        "constructions.deep_narrow.rearrangement_rounding_bound": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks}
        ),
        "constructions.deep_narrow.shallow_parts": Entry(
            lambda: {"shallow": tiny_relu()}, {"shallow": networks, "activation": options}
        ),
        # designs
        "constructions.designs.covariance_matrix": Entry(
            lambda: {"eigenvalues": [2.0, 1.0]}, {"eigenvalues": arrays()}
        ),
        "constructions.designs.design": Entry(
            lambda: {"n": 3, "eigenvalues": [4.0, 1.0], "rng": rng(), "distribution": "rademacher"},
            {"n": counts(1), "eigenvalues": arrays(empty=True), "distribution": options},
        ),
        "constructions.designs.matrix_with_condition_number": Entry(
            lambda: {"n": 5, "p": 3, "cond": 100.0, "rng": rng()},
            {"n": counts(1), "p": counts(1), "cond": reals(1.0)},
        ),
        "constructions.designs.standardized_entries": Entry(
            lambda: {"n": 2, "p": 3, "distribution": "gaussian", "rng": rng()},
            {"n": counts(1), "p": counts(1), "distribution": options},
        ),
        # effective_ranks
        "constructions.effective_ranks.HarmonicTruncation": Entry(
            lambda: {"p": 10}, {"p": counts(1)}
        ),
        "constructions.effective_ranks.Interval": Entry(
            lambda: {"lo": 0.0, "hi": 1.0},
            {
                "lo": lambda _v: st.sampled_from([NAN, 2.0]),
                "hi": lambda _v: st.sampled_from([NAN, -1.0]),
            },
        ),
        "constructions.effective_ranks.PowerLogSpectrum": Entry(
            lambda: {"alpha": 1.0, "beta": 2.0, "n_explicit": 64},
            {"alpha": positive, "beta": finite, "n_explicit": counts(1)},
        ),
        "constructions.effective_ranks.bllt_terms": Entry(
            lambda: {"eigenvalues": np.ones(20), "n": 4, "b": 1.0, "delta": 0.5},
            {
                "eigenvalues": arrays(empty=True),
                "n": counts(1),
                "b": positive,
                "delta": probability,
            },
        ),
        "constructions.effective_ranks.critical_index": Entry(
            lambda: {"eigenvalues": np.ones(10), "n": 4, "b": 2.0},
            {"eigenvalues": arrays(empty=True), "n": counts(1), "b": positive},
        ),
        "constructions.effective_ranks.effective_ranks": Entry(
            lambda: {"eigenvalues": [1.0, 1.0, 1.0]}, {"eigenvalues": arrays(empty=True)}
        ),
        "constructions.effective_ranks.truncated_exponential_spectrum": Entry(
            lambda: {"p": 4, "eps": 0.5, "tau": 2.0}, {"p": counts(1), "eps": nonnegative}
        ),
        # estimators
        "constructions.estimators.min_norm_interpolator": Entry(
            lambda: {"X": np.array([[2.0, 0.0]]), "y": np.array([4.0])},
            {"X": arrays(), "y": arrays(max_ndim=2, longer=True)},
        ),
        "constructions.estimators.ridge": Entry(
            lambda: {"X": X, "y": np.array([1.0, 2.0, 3.0]), "lam": 0.5},
            {"X": arrays(), "y": arrays(max_ndim=2, longer=True), "lam": nonnegative},
        ),
        # hmrt
        "constructions.hmrt.general_sigma_limit": Entry(
            lambda: {"gamma": 3.0, "h_atoms": [1.0], "h_weights": [1.0], "r2": 1.0, "sigma2": 0.5},
            {
                "gamma": positive,
                "h_atoms": arrays(empty=True),
                "h_weights": arrays(longer=True),
                "r2": nonnegative,
                "sigma2": nonnegative,
            },
        ),
        "constructions.hmrt.isotropic_limit": Entry(
            lambda: {"gamma": 0.5, "r2": 1.0, "sigma2": 0.5},
            {"gamma": positive, "r2": nonnegative, "sigma2": nonnegative},
        ),
        "constructions.hmrt.optimal_overparameterization_ratio": Entry(
            lambda: {"snr": 4.0}, {"snr": nonnegative}
        ),
        "constructions.hmrt.solve_c0": Entry(
            lambda: {"gamma": 3.0, "atoms": [1.0], "weights": [1.0]},
            {"gamma": positive, "atoms": arrays(empty=True), "weights": arrays(longer=True)},
        ),
        # local_taylor
        "constructions.local_taylor.local_taylor_network": Entry(
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
        "constructions.local_taylor.local_taylor_network_for": Entry(
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
        "constructions.local_taylor.network_rounding_bound": Entry(
            lambda: {"network": _tiny_relu_network(), "x": np.array([0.0, 0.5, 1.0])},
            {"network": networks, "x": arrays(max_ndim=2)},
        ),
        "constructions.local_taylor.sympy_derivatives": Entry(
            lambda: {"expr": "x**2", "symbols": ["x"]},
            {
                "expr": lambda _v: st.sampled_from(["x +", "y**2", "(("]),
                "symbols": lambda _v: st.sampled_from([[], [3.0], ["y"]]),
            },
        ),
        "constructions.local_taylor.taylor_remainder_bound": Entry(
            lambda: {"dim": 2, "smoothness": 2, "n_cells": 4, "derivative_bound": 1.0},
            {
                "dim": counts(1),
                "smoothness": counts(1),
                "n_cells": counts(1),
                "derivative_bound": nonnegative,
            },
        ),
        # marchenko_pastur
        "constructions.marchenko_pastur.empirical_spectrum": Entry(
            lambda: {"n": 3, "p": 5, "rng": rng(), "distribution": "gaussian"},
            {"n": counts(1), "p": counts(1), "distribution": options},
        ),
        "constructions.marchenko_pastur.kolmogorov_distance": Entry(
            lambda: {"eigenvalues": [0.0, 0.0, 0.0, 1.0], "gamma": 4.0},
            {"eigenvalues": arrays(empty=True), "gamma": positive},
        ),
        "constructions.marchenko_pastur.mp_atom": Entry(
            lambda: {"gamma": 4.0}, {"gamma": positive}
        ),
        "constructions.marchenko_pastur.mp_cdf": Entry(
            lambda: {"s": 1.0, "gamma": 4.0},
            {"s": lambda _v: st.sampled_from([NAN, "abc"]), "gamma": positive},
        ),
        "constructions.marchenko_pastur.mp_density": Entry(
            lambda: {"s": 1.0, "gamma": 4.0},
            {"s": lambda _v: st.sampled_from([NAN, "abc"]), "gamma": positive},
        ),
        "constructions.marchenko_pastur.mp_inverse_moment": Entry(
            lambda: {"gamma": 0.5}, {"gamma": positive}
        ),
        "constructions.marchenko_pastur.mp_moment": Entry(
            lambda: {"k": 2, "gamma": 0.5}, {"k": counts(0), "gamma": positive}
        ),
        "constructions.marchenko_pastur.mp_support": Entry(
            lambda: {"gamma": 0.25}, {"gamma": positive}
        ),
        "constructions.marchenko_pastur.wishart_trace_moment": Entry(
            lambda: {"k": 2, "n": 4, "p": 3}, {"k": counts(1), "n": counts(1), "p": counts(1)}
        ),
        # monomials
        "constructions.monomials.finite_difference_network": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 0.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.monomials.finite_difference_values": Entry(
            lambda: {"x": [1.0], "k": 1, "h": 0.5, "b": 0.0, "dps": 30},
            {"x": arrays(), "k": counts(1), "h": positive, "b": finite, "dps": counts(1)},
        ),
        "constructions.monomials.logistic_derivative": Entry(
            lambda: {"k": 2, "b": 0}, {"k": counts(0)}
        ),
        "constructions.monomials.logistic_derivative_bound": Entry(
            lambda: {"k": 3, "lo": -1.0, "hi": 1.0}, {"k": counts(0), "lo": finite, "hi": finite}
        ),
        "constructions.monomials.logistic_derivative_polynomial": Entry(
            lambda: {"k": 2}, {"k": counts(0)}
        ),
        "constructions.monomials.monomial_error_bound": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.monomials.monomial_network": Entry(
            lambda: {"k": 2, "h": 1e-2, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        "constructions.monomials.monomial_rounding_estimate": Entry(
            lambda: {"k": 1, "h": 0.5, "b": 1.0}, {"k": counts(1), "h": positive, "b": finite}
        ),
        # network_algebra
        "constructions.network_algebra.affine_network": Entry(
            lambda: {"matrix": [[1.0, 1.0]], "bias": [0.5], "activation": "relu"},
            {"matrix": arrays(), "bias": arrays(longer=True), "activation": options},
        ),
        "constructions.network_algebra.compose": Entry(
            lambda: {"outer": tiny_relu(), "inner": tiny_relu()},
            {"outer": networks, "inner": networks},
        ),
        "constructions.network_algebra.evaluate_exact": Entry(
            lambda: {"network": tiny_relu(), "points": [Fraction(1, 3)]},
            {"network": networks, "points": lambda _v: st.sampled_from(["abc", [NAN], [INF]])},
        ),
        "constructions.network_algebra.exact_pieces": Entry(
            lambda: {"network": tiny_relu(), "interval": (0, 1)},
            {"network": networks, "interval": intervals},
        ),
        "constructions.network_algebra.fraction_array": Entry(
            lambda: {"values": [0.5, "1/3"]},
            {"values": lambda _v: st.sampled_from([[NAN], [INF], ["x"]])},
        ),
        "constructions.network_algebra.relu_abs_network": Entry(
            lambda: {"dim": 1}, {"dim": counts(1)}
        ),
        "constructions.network_algebra.relu_identity_network": Entry(
            lambda: {"dim": 1, "n_hidden_layers": 2},
            {"dim": counts(1), "n_hidden_layers": counts(1)},
        ),
        "constructions.network_algebra.stack_parallel": Entry(
            lambda: {"networks": [tiny_relu(), tiny_relu()], "shared_input": False},
            {"networks": lambda _v: st.sampled_from([[], ["net"], "net"])},
        ),
        # networks (owned by another helper; covered, not fixed here)
        "constructions.networks.DenseNetwork": Entry(
            lambda: {"weights": (np.ones((1, 1)),), "biases": (np.zeros(1),), "activation": "relu"},
            {
                "weights": lambda _v: st.sampled_from(
                    [(np.full((1, 1), NAN),), (np.ones((1, 1, 1)),), ()]
                ),
                "biases": lambda _v: st.sampled_from([(np.full(1, INF),), (np.zeros(2),), ()]),
                "activation": options,
            },
        ),
        "constructions.networks.dense_parameter_count": Entry(
            lambda: {"input_dim": 2, "hidden_widths": [3], "output_dim": 1},
            {
                "input_dim": counts(1),
                "hidden_widths": lambda _v: st.sampled_from([[0], [-1], [2.5], "3"]),
                "output_dim": counts(1),
            },
        ),
        "constructions.networks.network_from_layers": Entry(
            lambda: {"layers": [(np.ones((1, 1)), np.zeros(1))], "activation": "relu"},
            {
                "layers": lambda _v: st.sampled_from(
                    [[], [(np.ones((1, 1)), np.zeros(2))], [(np.full((1, 1), NAN), np.zeros(1))]]
                ),
                "activation": options,
            },
        ),
        # piecewise_linear
        "constructions.piecewise_linear.freudenthal_hat": Entry(
            lambda: {"z": [[0.0, 0.0], [0.5, 0.5]]}, {"z": arrays()}
        ),
        "constructions.piecewise_linear.grid_vertices": Entry(
            lambda: {"dim": 2, "n_cells": 1}, {"dim": counts(1), "n_cells": counts(1)}
        ),
        "constructions.piecewise_linear.interpolation_error_bound": Entry(
            lambda: {"dim": 1, "mesh": 0.5, "lipschitz": 1.0},
            {"dim": counts(1), "mesh": nonnegative, "lipschitz": nonnegative},
        ),
        "constructions.piecewise_linear.kuhn_interpolant": Entry(
            lambda: {"grid_values": [[0.0, 1.0], [1.0, 3.0]], "x": [[0.5, 0.5]]},
            {"grid_values": arrays(), "x": arrays()},
        ),
        "constructions.piecewise_linear.kuhn_interpolant_network": Entry(
            lambda: {"grid_values": [[0.0, 1.0], [1.0, 3.0]], "offset": 0.0},
            {"grid_values": arrays(), "offset": finite},
        ),
        "constructions.piecewise_linear.relu_interpolant": Entry(
            lambda: {"knots": [0.0, 0.5, 1.0], "values": [0.0, 1.0, 0.0]},
            {"knots": arrays(empty=True), "values": arrays(longer=True)},
        ),
        # polynomial_activation
        "constructions.polynomial_activation.alternation_lower_bound": Entry(
            lambda: {"residual": [0.1, -0.2, 0.3, -0.1], "degree": 1},
            {"residual": arrays(), "degree": counts(0)},
        ),
        "constructions.polynomial_activation.best_polynomial_approximation": Entry(
            lambda: {"f": np.abs, "degree": 2, "n_nodes": 21, "lipschitz": 1.0, "n_check": 101},
            {
                "f": functions,
                "degree": counts(0),
                "n_nodes": counts(4),
                "lipschitz": nonnegative,
                "n_check": counts(2),
            },
        ),
        "constructions.polynomial_activation.square_network_from_polynomial": Entry(
            lambda: {"power_coefficients": [0.125, 0.0, 1.0]}, {"power_coefficients": arrays()}
        ),
        # random_features
        "constructions.random_features.double_descent_curve": Entry(
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
        "constructions.random_features.random_feature_weights": Entry(
            lambda: {"n_features": 3, "d": 2, "rng": rng()},
            {"n_features": counts(1), "d": counts(1)},
        ),
        "constructions.random_features.relu_random_features": Entry(
            lambda: {"Z": np.array([[1.0, -1.0]]), "W": np.eye(2)},
            {
                "Z": arrays(),
                "W": lambda _v: st.sampled_from([np.ones((2, 3)), np.full((2, 2), NAN), "abc"]),
            },
        ),
        # rates
        "constructions.rates.bounded_ratio": Entry(
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
        "constructions.rates.fit_loglog_slope": Entry(
            lambda: {
                "sizes": [1, 2, 4, 8],
                "values": [1.0, 0.25, 0.0625, 0.015625],
                "confidence": 0.95,
            },
            {"sizes": arrays(empty=True), "values": arrays(longer=True), "confidence": probability},
        ),
        # sweeps
        "constructions.sweeps.point_seed": Entry(
            lambda: {"base_seed": 1, "index": 2, "replicate": 0},
            {"base_seed": counts(0), "index": counts(0), "replicate": counts(0)},
        ),
        "constructions.sweeps.run_sweep": Entry(
            lambda: {"function": _sweep_square, "points": [{"x": 1}, {"x": 2}]},
            {"function": functions, "replicates": counts(1)},
        ),
        "constructions.sweeps.cache_key": Entry(
            lambda: {"function": _sweep_square, "point": {"x": 1}, "seed": 0},
            {"function": functions},
        ),
        "constructions.sweeps.sweep_executor": Entry(
            lambda: {"workers": None, "scheduler": None},
            {"workers": counts(1, allow_none=True)},
        ),
        "constructions.rates.geometric_sizes": Entry(
            lambda: {"start": 1, "stop": 1000, "num": 4},
            {"start": positive, "stop": positive, "num": counts(2)},
        ),
        # risks
        "constructions.risks.FiniteLearningProblem": Entry(
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
        "constructions.risks.NoisyThresholdProblem": Entry(
            lambda: {"t_star": 0.5, "eta": 0.1}, {"t_star": reals(0.0, 1.0), "eta": reals(0.0, 0.5)}
        ),
        "constructions.risks.cauchy_risk_differences": Entry(
            lambda: {"n": 5, "n_replicates": 3, "rng": rng(), "loss": "squared"},
            {"n": counts(1), "n_replicates": counts(1), "loss": options},
        ),
        "constructions.risks.error_decomposition": Entry(
            lambda: {"problem": finite_problem(), "sample": (0, 1), "theta_hat": 1},
            {
                "problem": lambda _v: st.sampled_from(["problem", 3]),
                "sample": lambda _v: st.sampled_from([(), (0, 5), "ab"]),
                "theta_hat": lambda _v: st.sampled_from([-1, 7, "a"]),
            },
        ),
        "constructions.risks.expected_ols_test_mse": Entry(
            lambda: {"n": 50, "p": 10, "noise_variance": 1},
            {"n": counts(1), "p": counts(1), "noise_variance": nonnegative},
        ),
        "constructions.risks.expected_ols_training_mse": Entry(
            lambda: {"n": 50, "p": 10, "noise_variance": 1},
            {"n": counts(1), "p": counts(1), "noise_variance": nonnegative},
        ),
        "constructions.risks.finite_problem_from_predictors": Entry(
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
        "constructions.risks.ols_risk_replicates": Entry(
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
        "constructions.risks.random_feature_classifier_gap": Entry(
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
        # sawtooth
        "constructions.sawtooth.hat_network": Entry(dict),
        "constructions.sawtooth.sawtooth": Entry(
            lambda: {"x": x3, "s": 2}, {"x": arrays(wrong_ndim=False), "s": counts(0)}
        ),
        "constructions.sawtooth.sawtooth_exact": Entry(
            lambda: {"x": ["1/3"], "s": 3},
            {"x": lambda _v: st.sampled_from([["abc"], [NAN], [INF]]), "s": counts(0)},
        ),
        "constructions.sawtooth.sawtooth_network": Entry(lambda: {"s": 2}, {"s": counts(1)}),
        "constructions.sawtooth.shallow_square_error_lower_bound": Entry(
            lambda: {"units": 3}, {"units": counts(0)}
        ),
        "constructions.sawtooth.square_approximant": Entry(
            lambda: {"x": x3, "m": 1}, {"x": arrays(wrong_ndim=False), "m": counts(0)}
        ),
        "constructions.sawtooth.square_approximant_error": Entry(
            lambda: {"m": 2}, {"m": counts(0)}
        ),
        "constructions.sawtooth.square_approximant_exact": Entry(
            lambda: {"x": ["3/8"], "m": 2},
            {"x": lambda _v: st.sampled_from([["abc"], [NAN], [INF]]), "m": counts(0)},
        ),
        "constructions.sawtooth.sup_error_against_square": Entry(
            lambda: {"network": tiny_relu()}, {"network": networks}
        ),
        "constructions.sawtooth.yarotsky_square_network": Entry(
            lambda: {"m": 1, "weight_base": 4, "activation": "relu"},
            {"m": counts(0), "weight_base": counts(1), "activation": options},
        ),
        # sgd
        "constructions.sgd.decreasing_step_bound": Entry(
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
        "constructions.sgd.decreasing_step_sizes": Entry(
            lambda: {"c": 2.0, "t0": 4, "n_steps": 3},
            {"c": positive, "t0": positive, "n_steps": counts(1)},
        ),
        "constructions.sgd.sgd_expected_squared_error": Entry(
            lambda: {"hessian": [[1.0, 0.0], [0.0, 2.0]], "noise_covariance": [[1.0, 0.0], [0.0, 1.0]],
                     "initial_error": [1.0, -1.0], "step_sizes": [0.5, 0.25]},
            {
                "hessian": arrays(longer=True),
                "noise_covariance": arrays(longer=True),
                "initial_error": arrays(empty=True, longer=True),
                "step_sizes": arrays(),
            },
        ),
        "constructions.sgd.sgd_expected_squared_error_exact": Entry(
            lambda: {"hessian": [[1, 0], [0, 2]], "noise_covariance": [[1, 0], [0, 1]],
                     "initial_error": [1, -1], "step_sizes": ["1/2", "1/4"]},
            {
                "hessian": lambda _v: st.sampled_from([[[1.0, 0], [0, 1]], "ab", [[1, 2], [0, 1]], [[1, 0]]]),
                "noise_covariance": lambda _v: st.sampled_from([[[NAN, 0], [0, 1]], "ab", [[1, 2], [0, 1]]]),
                "initial_error": lambda _v: st.sampled_from([[], [0.5, 1], "ab", [1, 2, 3]]),
                "step_sizes": lambda _v: st.sampled_from([[0.5], ["-1"], [0], "ab"]),
            },
        ),
        "constructions.sgd.sgd_squared_error_bound": Entry(
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
        "constructions.sgd.simulate_sgd_squared_errors": Entry(
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
        "constructions.shattering.decide_shattering": Entry(
            lambda: {"points": [0.0, 1.0, 2.0], "n_hidden": 2},
            {"points": arrays(empty=True), "n_hidden": counts(1)},
        ),
        "constructions.shattering.largest_shattered_size": Entry(
            lambda: {"n_hidden": 1, "max_points": 3},
            {"n_hidden": counts(1), "max_points": counts(1), "n_random_sets": counts(0)},
        ),
        "constructions.shattering.realising_network": Entry(
            lambda: {"points": [0.0, 1.0, 2.0], "labels": [1, 0, 1], "n_hidden": 2},
            {
                "points": arrays(empty=True),
                "labels": lambda _v: st.sampled_from([[1, 0], [1, 0, 2], "ab"]),
                "n_hidden": counts(1),
            },
        ),
        # sigmoid_constructions
        "constructions.sigmoid_constructions.rectangle_error_bound": Entry(
            lambda: {"a": 1.0, "delta": 0.0}, {"a": positive, "delta": nonnegative}
        ),
        "constructions.sigmoid_constructions.rectangle_indicator": Entry(
            lambda: {"x": [-1.0, 0.0], "b": 0.7, "b_prime": 0.2},
            {"x": arrays(), "b": finite, "b_prime": finite},
        ),
        "constructions.sigmoid_constructions.rectangle_limit": Entry(
            lambda: {"x": [-1.0, 0.0], "b": 0.7, "b_prime": 0.2},
            {"x": arrays(), "b": finite, "b_prime": finite},
        ),
        "constructions.sigmoid_constructions.sigmoid_rectangle": Entry(
            lambda: {"a": 50.0, "b": 0.7, "b_prime": 0.2},
            {"a": positive, "b": finite, "b_prime": reals(hi=0.7, strict_hi=True)},
        ),
        "constructions.sigmoid_constructions.staircase_error_bound": Entry(
            lambda: {"J": 4, "K": 10.0, "modulus": lambda t: t},
            {"J": counts(1), "K": positive, "modulus": functions, "form": options},
        ),
        "constructions.sigmoid_constructions.staircase_network": Entry(
            lambda: {"f": lambda x: x, "eps": 0.3, "lipschitz": 1.0},
            {
                "f": functions,
                "eps": positive,
                "lipschitz": positive,
                "steepness_factor": positive,
                "bound_form": options,
            },
        ),
        "constructions.sigmoid_constructions.staircase_network_with": Entry(
            lambda: {"f": lambda x: x, "J": 4, "steepness": 1.0},
            {"f": functions, "J": counts(1), "steepness": positive},
        ),
        # singularities
        "constructions.singularities.PiecewiseSmoothTarget": Entry(
            lambda: {"boundary": np.cos, "above": np.sin, "below": np.cos},
            {"boundary": functions, "above": functions, "below": functions},
        ),
        "constructions.singularities.boundary_indicator_network": Entry(
            lambda: {"boundary": lambda t: 0.5 + 0 * t, "n_pieces": 2, "eps": 0.01},
            {"boundary": functions, "n_pieces": counts(1), "eps": positive},
        ),
        "constructions.singularities.dnn_approximation_exponents": Entry(
            lambda: {"a": 2, "b": 2, "dim": 2},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.singularities.dnn_estimation_exponent": Entry(
            lambda: {"a": 2, "b": 2, "dim": 2},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.singularities.dnn_faster_than_linear": Entry(
            lambda: {"a": 1, "b": 1, "dim": 4},
            {"a": symbolic_positive, "b": symbolic_positive, "dim": symbolic_dims},
        ),
        "constructions.singularities.indicator_l2_error": Entry(
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
        "constructions.singularities.linear_estimator_exponent": Entry(
            lambda: {"a": 2, "dim": 2}, {"a": symbolic_positive, "dim": symbolic_dims}
        ),
        "constructions.singularities.phase_boundary_identity": Entry(dict),
        "constructions.singularities.piecewise_constant_l2_error": Entry(
            lambda: {"boundary": lambda t: 0.5 + 0 * t, "n_cells": 2, "n_samples": 4},
            {"boundary": functions, "n_cells": counts(1), "n_samples": counts(1)},
        ),
        "constructions.singularities.relu_step_network": Entry(
            lambda: {"eps": 0.5}, {"eps": positive}
        ),
        "constructions.singularities.step_l2_error": Entry(lambda: {"eps": 0.1}, {"eps": positive}),
        "constructions.singularities.step_l2_error_exact": Entry(
            lambda: {"eps": "1/12", "half_width": 1},
            {
                "eps": lambda _v: st.sampled_from([0, -1, "-1/2", NAN, INF]),
                "half_width": lambda _v: st.sampled_from([0, -1, NAN, INF]),
            },
        ),
        "constructions.singularities.wavy_boundary_target": Entry(
            lambda: {"amplitude": 0.2, "frequency": 1},
            {"amplitude": nonnegative, "frequency": counts(0)},
        ),
        # uniform_deviation
        "constructions.uniform_deviation.bound_exceedances": Entry(
            lambda: {"n": 10, "delta": 0.05, "n_replicates": 5, "rng": rng(), "bound": "dkw"},
            {"n": counts(1), "delta": probability, "n_replicates": counts(1), "bound": options},
        ),
        "constructions.uniform_deviation.count_exceedances": Entry(
            lambda: {"deviations": [0.1, 0.3, 0.2], "epsilon": 0.2, "delta": 0.05},
            {"deviations": arrays(empty=True), "epsilon": nonnegative, "delta": probability},
        ),
        "constructions.uniform_deviation.ks_distance_uniform": Entry(
            lambda: {"samples": [0.5, 0.25]}, {"samples": arrays(max_ndim=2, empty=True)}
        ),
        "constructions.uniform_deviation.uniform_deviation_replicates": Entry(
            lambda: {"n": 10, "n_replicates": 4, "rng": rng()},
            {"n": counts(1), "n_replicates": counts(1)},
        ),
        # vc_dimension
        "constructions.vc_dimension.LayeredArchitecture": Entry(
            lambda: {"units": (2, 1), "params": (4, 3)},
            {
                "units": lambda _v: st.sampled_from([(), (0, 1), (-1, 1), (2,), "ab"]),
                "params": lambda _v: st.sampled_from([(), (0, 3), (4,), "ab"]),
            },
        ),
        "constructions.vc_dimension.architecture_of": Entry(
            lambda: {"network": tiny_relu()}, {"network": networks}
        ),
        "constructions.vc_dimension.bhlm_vc_upper_bound": Entry(
            lambda: {"architecture": vc.dense_architecture(1, [2]), "breakpoints": 1, "degree": 1},
            {
                "architecture": lambda _v: st.sampled_from(["arch", 3]),
                "breakpoints": counts(1),
                "degree": counts(1),
            },
        ),
        "constructions.vc_dimension.dense_architecture": Entry(
            lambda: {"input_dim": 2, "hidden_widths": [3]},
            {
                "input_dim": counts(1),
                "hidden_widths": lambda _v: st.sampled_from([[0], [-1], [2.5], "3"]),
            },
        ),
        "constructions.vc_dimension.dkw_epsilon": Entry(
            lambda: {"n": 200, "delta": 0.05}, {"n": counts(1), "delta": probability}
        ),
        "constructions.vc_dimension.generalization_bound_for_size": Entry(
            lambda: {"n_params": 100, "depth": 3, "n": 1000, "delta": 0.05, "vc_constant": 1.0},
            {
                "n_params": counts(1),
                "depth": counts(1),
                "n": counts(1),
                "delta": probability,
                "vc_constant": positive,
            },
        ),
        "constructions.vc_dimension.log_growth_function_bound": Entry(
            lambda: {"vc_dim": 1, "m": 10}, {"vc_dim": positive, "m": counts(1)}
        ),
        "constructions.vc_dimension.vacuous_vc_dimension": Entry(
            lambda: {"n": 1000, "delta": 0.05}, {"n": counts(1), "delta": probability}
        ),
        "constructions.vc_dimension.vc_failure_probability": Entry(
            lambda: {"vc_dim": 1, "n": 10, "epsilon": 0.1},
            {"vc_dim": reals(0.0), "n": counts(1), "epsilon": nonnegative},
        ),
        "constructions.vc_dimension.vc_generalization_bound": Entry(
            lambda: {"vc_dim": 1, "n": 1000, "delta": 0.05},
            {"vc_dim": positive, "n": counts(1), "delta": probability},
        ),
        # yarotsky
        "constructions.yarotsky.approximate_product": Entry(
            lambda: {"x": [0.5, -1.0], "y": [0.5, 0.0], "m": 2, "bound": 1.0},
            {"x": arrays(), "y": arrays(longer=True), "m": counts(0), "bound": positive},
        ),
        "constructions.yarotsky.interpolant_error_bound": Entry(
            lambda: {"n_pieces": 2, "second_derivative_sup": 2.0, "length": 1.0},
            {"n_pieces": counts(1), "second_derivative_sup": nonnegative, "length": positive},
        ),
        "constructions.yarotsky.multiplication_depth_for": Entry(
            lambda: {"eps": 1e-2, "bound": 3.0}, {"eps": positive, "bound": positive}
        ),
        "constructions.yarotsky.multiplication_error_bound": Entry(
            lambda: {"m": 2, "bound": 3.0}, {"m": counts(0), "bound": positive}
        ),
        "constructions.yarotsky.multiplication_network": Entry(
            lambda: {"m": 2, "bound": 1.0}, {"m": counts(0), "bound": positive, "scale": positive}
        ),
        "constructions.yarotsky.pl_interpolant_network": Entry(
            lambda: {"breakpoints": [0.0, 0.5, 1.0], "values": [0.0, 0.25, 1.0]},
            {"breakpoints": arrays(empty=True), "values": arrays(longer=True)},
        ),
    }


REGISTRY = _registry()

#: Public callables that are not corrupted, each with its reason.  Result records are frozen
#: dataclasses that functions *return* (users read them, never build them from raw input); the
#: interval kernels are the IEEE-level inner loop of branch-and-bound, where NaN in, NaN out is the
#: specified behaviour and the user-facing entry points (certify_sup_error, network_interval, the
#: targets) validate before calling them.
RESULT_RECORDS = {
    "constructions.bases.SupError",
    "constructions.bias_variance.BiasVariance",
    "constructions.box_counting.BoxCountingEstimate",
    "constructions.certification.lipschitz.DerivativeBound",
    "constructions.cosine_features.CosineFit",
    "constructions.deep_narrow.ShallowParts",
    "constructions.designs.Design",
    "constructions.effective_ranks.BLLTTerms",
    "constructions.effective_ranks.EffectiveRanks",
    "constructions.estimators.LinearFit",
    "constructions.hmrt.GeneralSigmaLimit",
    "constructions.local_taylor.LocalTaylorNetwork",
    "constructions.polynomial_activation.PolynomialApproximation",
    "constructions.random_features.DoubleDescentCurve",
    "constructions.rates.BoundedRatio",
    "constructions.rates.LogLogFit",
    "constructions.risks.ErrorDecomposition",
    "constructions.risks.ClassifierGap",
    "constructions.risks.OLSRiskReplicates",
    "constructions.sawtooth.SquareErrorCertificate",
    "constructions.shattering.ShatteringResult",
    "constructions.shattering.ShatteringSearch",
    "constructions.sigmoid_constructions.StaircaseDesign",
    "constructions.uniform_deviation.ExceedanceCount",
    "constructions.vc_dimension.BHLMBound",
}
INTERVAL_KERNEL_MODULES = {
    "constructions.certification.intervals",
    "constructions.certification.elementary",
}
BOUND_KERNELS = {  # per-layer steps of bound propagation, called only by network_interval & co.
    "constructions.certification.bounds.activation_interval",
    "constructions.certification.bounds.activation_slope_interval",
    "constructions.certification.bounds.first_layer_product",
    "constructions.certification.bounds.network_output_interval",
    "constructions.certification.expressions.compile_interval_expression",
    "constructions.certification.expressions.enclose_number",
}
EXEMPT = {
    **{name: "result record (returned, never built from user input)" for name in RESULT_RECORDS},
    **{name: "inner kernel of certification; its callers validate" for name in BOUND_KERNELS},
    "constructions.bases.FourierSeries": "result record of fourier_series/step_fourier_series",
    "constructions.sweeps.SweepResult": "result record of run_sweep",
    "constructions.sweeps.grid": "takes only **axes (any names); an empty axis is tested in tests/test_sweeps.py",
    "constructions.certification.targets.Target": "abstract base class (cannot be instantiated)",
    "constructions.validation.check_expression": "the validators themselves",
    "constructions.validation.check_finite_array": "the validators themselves",
    "constructions.validation.check_integer": "the validators themselves",
    "constructions.validation.check_interval": "the validators themselves",
    "constructions.validation.check_one_of": "the validators themselves",
    "constructions.validation.check_real": "the validators themselves",
}


def public_callables() -> dict[str, object]:
    """Every public callable of every constructions module, by its defining ``module.name``."""
    found = {}
    for info in pkgutil.walk_packages(constructions.__path__, "constructions."):
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            names = [
                n
                for n, obj in vars(module).items()
                if not n.startswith("_") and getattr(obj, "__module__", None) == info.name
            ]
        for name in names:
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, dict):
                home = getattr(obj, "__module__", info.name)
                found[f"{home}.{getattr(obj, '__name__', name)}"] = obj
    return found


def resolve(key: str):
    module, _, name = key.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_public_construction_has_a_bad_input_entry():
    public = public_callables()
    missing = sorted(
        k
        for k in public
        if k not in REGISTRY
        and k not in EXEMPT
        and k.rpartition(".")[0] not in INTERVAL_KERNEL_MODULES
    )
    assert not missing, (
        f"public constructions without a bad-input entry: {missing}; add each to REGISTRY in "
        "tests/test_bad_input.py (valid arguments + the parameters to corrupt), "
        "or to EXEMPT with a reason"
    )
    stale = sorted(k for k in [*REGISTRY, *EXEMPT] if k not in public)
    assert not stale, f"REGISTRY/EXEMPT name callables that are no longer public: {stale}"


def test_every_corrupted_parameter_exists_in_the_signature():
    for key, entry in REGISTRY.items():
        params = inspect.signature(resolve(key)).parameters
        unknown = [p for p in [*entry.bad, *entry.valid()] if p not in params]
        assert not unknown, f"{key}: registry names parameters {unknown} not in {list(params)}"


# --------------------------------------------------------------------------------------------------
# the calls
# --------------------------------------------------------------------------------------------------


class CallTimedOut(Exception):
    pass


def _on_alarm(signum, frame):
    raise CallTimedOut


def call_with_time_limit(fn, kwargs):
    sig = inspect.signature(fn)
    bound = sig.bind(**kwargs)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(TIME_LIMIT_S)
    try:
        return fn(*bound.args, **bound.kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_valid_arguments_of_the_registry_are_accepted(key):
    call_with_time_limit(resolve(key), REGISTRY[key].valid())


#: Gaps found by this test in files the bad-input audit could not edit (constructions/networks.py,
#: constructions/certification/ and the new constructions/attention.py belong to other work).  Each
#: case is an xfail; not strict, because a run of a few examples may miss the offending value; a
#: fixed gap shows up as XPASS in the summary: remove it from here then.
KNOWN_GAPS: dict = {}

CASES = sorted((key, param) for key, entry in REGISTRY.items() for param in entry.bad)
CASE_PARAMS = [
    pytest.param(
        key,
        param,
        id=f"{key.rpartition('.')[2]}-{param}",
        marks=[pytest.mark.xfail(strict=False, reason=KNOWN_GAPS[key, param])]
        if (key, param) in KNOWN_GAPS
        else [],
    )
    for key, param in CASES
]


def test_known_gaps_name_registered_cases():
    stale = sorted(set(KNOWN_GAPS) - set(CASES))
    assert not stale, f"KNOWN_GAPS lists cases that are not in the registry: {stale}"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."


@pytest.mark.parametrize("key, param", CASE_PARAMS)
# ~600 cases x 5 draws keeps the file fast; no shrinking: a corrupted value is already one value,
# and the known gaps above would otherwise shrink on every run.
@settings(
    deadline=None,
    max_examples=5,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_invalid_argument_raises_an_error_naming_it(key, param, data):
    entry = REGISTRY[key]
    kwargs = entry.valid()
    kwargs[param] = data.draw(entry.bad[param](kwargs.get(param)), label=param)
    call = f"{key.rpartition('.')[2]}({param}={_short(kwargs[param])})"
    try:
        out = call_with_time_limit(resolve(key), kwargs)
    except CallTimedOut:
        pytest.fail(f"{call} ran past {TIME_LIMIT_S} s, but should raise ValueError at once")
    except (ValueError, TypeError) as exc:
        assert entry.says.get(param, param) in str(exc), (
            f"{call} raised {type(exc).__name__}({exc}), but should name {param!r}"
        )
        return
    except Exception as exc:  # the point is to report which kind escaped
        pytest.fail(
            f"{call} raised {type(exc).__name__}: {exc}, but should raise ValueError/TypeError"
        )
    pytest.fail(
        f"{call} returned {_short(out)}, but should raise ValueError/TypeError naming {param!r}"
    )


# --------------------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------------------

# Paths below a regular file ("{blocker}/...") cannot exist, even for root: a literal
# /nonexistent/dir would be created by `report --out` (it makes its directory) and then exist.
CLI_ERRORS = [
    ["check", "--profile", "nope"],
    ["check", "--claim", "nosuch"],
    ["check", "--json", "{blocker}/dir/x.json"],
    ["check", "--seed", "abc"],
    ["list", "--bogus"],
    ["report", "--out", "{blocker}/dir/r"],
    ["report", "--out", "{tmp}/r", "--from", "{tmp}/no_such_results.json"],
]
CLI_TIME_LIMIT_S = (
    60  # a user error is rejected before any claim runs (~2 s); a full run takes minutes
)


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """Start every bad command line at once (each is mostly interpreter start-up), then collect."""
    tmp = tmp_path_factory.mktemp("cli")
    blocker = tmp / "a_file"
    blocker.write_text("")
    procs = {}
    for args in CLI_ERRORS:
        argv = [a.format(blocker=blocker, tmp=tmp) for a in args]
        procs[tuple(args)] = (
            argv,
            subprocess.Popen(
                [sys.executable, "-m", "theorems", *argv],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    results = {}
    for key, (argv, proc) in procs.items():
        try:
            out, err = proc.communicate(timeout=CLI_TIME_LIMIT_S)
            results[key] = (argv, subprocess.CompletedProcess(argv, proc.returncode, out, err))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            results[key] = (argv, None)
    return results


@pytest.mark.parametrize("args", CLI_ERRORS, ids=[" ".join(a) for a in CLI_ERRORS])
def test_command_line_user_error_exits_2_with_one_line(args, cli_runs):
    argv, proc = cli_runs[tuple(args)]
    if proc is None:
        pytest.fail(
            f"`theorems {' '.join(argv)}` ran past {CLI_TIME_LIMIT_S} s, but should exit 2 at once"
        )
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, (
        f"exit {proc.returncode}, but should be 2; stderr: {proc.stderr[-500:]}"
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert len(lines) == 1, f"{len(lines)} stderr lines, but should be 1: {proc.stderr[-500:]}"
