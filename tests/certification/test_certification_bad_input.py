"""Bad input for ``constructions.certification``: the user-facing API of the certification.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from bad_input_kit import (
    Entry,
    arrays,
    boxes,
    counts,
    finite,
    frozen_dataclasses_test,
    functions,
    intervals,
    networks,
    nonnegative,
    options,
    positive,
    registry_tests,
    rng,
    tiny_relu,
)
from hypothesis import strategies as st


def hat_target():
    from constructions.certification import PiecewiseLinearTarget

    return PiecewiseLinearTarget([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])


def _registry() -> dict[str, Entry]:
    return {
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
        "constructions.certification.result.Enclosure": Entry(
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
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test(
    "constructions.certification")
