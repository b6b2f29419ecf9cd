"""Bad input for ``constructions.networks``: dense networks, activations, exact algebra.

The registry of this folder's public callables (see ``tests/bad_input_kit.py`` for the
corruptions and the checks; ``tests/test_bad_input.py`` checks that every public callable
has an entry somewhere).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from bad_input_kit import (
    INF,
    NAN,
    Entry,
    arrays,
    counts,
    frozen_dataclasses_test,
    intervals,
    networks,
    options,
    registry_tests,
    tiny_relu,
)
from hypothesis import strategies as st


def _registry() -> dict[str, Entry]:
    return {
        # activations
        "constructions.networks.activations.activation_function": Entry(
            lambda: {"name": "relu"}, {"name": options}, says={"name": "activation"}
        ),
        "constructions.networks.activations.is_piecewise_linear": Entry(
            lambda: {"name": "relu"}, {"name": options}, says={"name": "activation"}
        ),
        # network_algebra
        "constructions.networks.algebra.affine_network": Entry(
            lambda: {"matrix": [[1.0, 1.0]], "bias": [0.5], "activation": "relu"},
            {"matrix": arrays(), "bias": arrays(longer=True), "activation": options},
        ),
        "constructions.networks.algebra.compose": Entry(
            lambda: {"outer": tiny_relu(), "inner": tiny_relu()},
            {"outer": networks, "inner": networks},
        ),
        "constructions.networks.algebra.evaluate_exact": Entry(
            lambda: {"network": tiny_relu(), "points": [Fraction(1, 3)]},
            {"network": networks, "points": lambda _v: st.sampled_from(["abc", [NAN], [INF]])},
        ),
        "constructions.networks.algebra.exact_pieces": Entry(
            lambda: {"network": tiny_relu(), "interval": (0, 1)},
            {"network": networks, "interval": intervals},
        ),
        "constructions.networks.algebra.fraction_array": Entry(
            lambda: {"values": [0.5, "1/3"]},
            {"values": lambda _v: st.sampled_from([[NAN], [INF], ["x"]])},
        ),
        "constructions.networks.algebra.relu_abs_network": Entry(
            lambda: {"dim": 1}, {"dim": counts(1)}
        ),
        "constructions.networks.algebra.relu_identity_network": Entry(
            lambda: {"dim": 1, "n_hidden_layers": 2},
            {"dim": counts(1), "n_hidden_layers": counts(1)},
        ),
        "constructions.networks.algebra.stack_parallel": Entry(
            lambda: {"networks": [tiny_relu(), tiny_relu()], "shared_input": False},
            {"networks": lambda _v: st.sampled_from([[], ["net"], "net"])},
        ),
        # networks (owned by another helper; covered, not fixed here)
        "constructions.networks.dense.DenseNetwork": Entry(
            lambda: {"weights": (np.ones((1, 1)),), "biases": (np.zeros(1),), "activation": "relu"},
            {
                "weights": lambda _v: st.sampled_from(
                    [(np.full((1, 1), NAN),), (np.ones((1, 1, 1)),), ()]
                ),
                "biases": lambda _v: st.sampled_from([(np.full(1, INF),), (np.zeros(2),), ()]),
                "activation": options,
            },
        ),
        "constructions.networks.dense.dense_parameter_count": Entry(
            lambda: {"input_dim": 2, "hidden_widths": [3], "output_dim": 1},
            {
                "input_dim": counts(1),
                "hidden_widths": lambda _v: st.sampled_from([[0], [-1], [2.5], "3"]),
                "output_dim": counts(1),
            },
        ),
        "constructions.networks.dense.network_from_layers": Entry(
            lambda: {"layers": [(np.ones((1, 1)), np.zeros(1))], "activation": "relu"},
            {
                "layers": lambda _v: st.sampled_from(
                    [[], [(np.ones((1, 1)), np.zeros(2))], [(np.full((1, 1), NAN), np.zeros(1))]]
                ),
                "activation": options,
            },
        ),
    }


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test("constructions.networks")
