"""Exact piece enumeration in ``constructions.certification.pieces``: worked cases in closed form."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from constructions.certification.pieces import exact_sup_error
from constructions.certification.targets import as_target
from constructions.networks.dense import network_from_layers

X = sp.Symbol("x")


def identity_relu():
    """f_θ(x) = relu(x): 0 on (−∞, 0], x on [0, ∞)."""
    return network_from_layers([(np.array([[1.0]]), np.array([0.0])),
                                (np.array([[1.0]]), np.array([0.0]))], activation="relu")


@pytest.mark.parametrize("interval, sup, arg", [
    ((0.0, 2.0), Fraction(2), 2.0),        # x² − x on [0, 2]: 2 at the right end (vertex: −1/4)
    ((-2.0, 0.0), Fraction(4), -2.0),      # x² − 0 on [−2, 0]: 4 at the left end
    ((0.0, 1.0), Fraction(1, 4), 0.5),     # x² − x on [0, 1]: 1/4 at the vertex x = 1/2
])
def test_sup_of_a_quadratic_against_relu_is_exact_at_ends_and_vertex(interval, sup, arg):
    """sup |x² − relu(x)| is found exactly (lower = upper = the rational) wherever it is attained."""
    enc = exact_sup_error(identity_relu(), as_target(X**2, 1), interval)
    assert enc.exact == sup, f"exact={enc.exact}, but should be {sup} on {interval}"
    assert enc.lower == enc.upper == float(sup), (
        f"[{enc.lower}, {enc.upper}], but should be [{sup}, {sup}] on {interval}")
    assert enc.witness == (arg,), f"witness={enc.witness}, but the sup is attained at {arg}"


def test_exact_sup_error_refuses_a_target_that_is_not_a_polynomial():
    """sin x is neither piecewise linear nor a polynomial: piece enumeration raises ValueError."""
    with pytest.raises(ValueError, match="polynomial"):
        exact_sup_error(identity_relu(), as_target(sp.sin(X), 1), (0.0, 1.0))
