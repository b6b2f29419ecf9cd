"""Activation functions by name.

The lecture writes σ for any activation; a network here carries the *name* of
its activation so that evaluation, certification and counting all agree on
which function is meant.

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), section 深層学習入門.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.special import expit

__all__ = ["ACTIVATIONS", "LEAKY_RELU_SLOPE", "activation_function", "is_piecewise_linear"]

#: Negative-side slope of ``"leaky_relu"``.
LEAKY_RELU_SLOPE = 0.01


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _leaky_relu(z: np.ndarray) -> np.ndarray:
    return np.where(z >= 0.0, z, LEAKY_RELU_SLOPE * z)


def _identity(z: np.ndarray) -> np.ndarray:
    return z


def _square(z: np.ndarray) -> np.ndarray:
    return z * z


#: name -> elementwise function.  ``square`` is the polynomial activation used
#: by negative controls of the universal approximation theorem (Leshno et al. 1993).
ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "sigmoid": expit,
    "tanh": np.tanh,
    "identity": _identity,
    "square": _square,
}

_PIECEWISE_LINEAR = frozenset({"relu", "leaky_relu", "identity"})


def activation_function(name: str) -> Callable[[np.ndarray], np.ndarray]:
    """Return the elementwise function called ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`ACTIVATIONS`.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation={name!r} is not supported; allowed: {', '.join(map(repr, ACTIVATIONS))}"
        ) from None


def is_piecewise_linear(name: str) -> bool:
    """Whether networks with activation ``name`` compute piecewise-linear functions."""
    activation_function(name)
    return name in _PIECEWISE_LINEAR
