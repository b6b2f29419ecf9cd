"""Universal approximation (普遍近似定理), made constructive.

The lecture's one-dimensional proof (「シンプルな証明 (d = 1次元の場合)」) builds
a rectangle out of two logistic units, g(x) = σ(a(x + b)) − σ(a(x + b′)),
and stacks rectangles into a staircase.  The rectangle needs b > b′, which
the lecture leaves implicit, and approximates the indicator only away from
the endpoints: 1 − σ(t) ≤ e^{−t} gives |g − 1_{[−b,−b′]}| ≤ 2e^{−aδ} at
distance ≥ δ from both endpoints (catalogue C04).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from constructions.sigmoid_constructions import (
    rectangle_error_bound,
    rectangle_indicator,
    sigmoid_rectangle as rectangle_network,
)

from .claims import Kind, Source, claim
from .tolerances import logistic_difference_slack

_RECTANGLE_SOURCE = Source("Lecture proof sketch (d = 1); Cybenko 1989, Leshno et al. 1993 (Neural Networks 6)",
                           lecture="普遍近似定理 / シンプルな証明 (d = 1次元の場合)")

_steepness = st.floats(min_value=1.0, max_value=400.0, allow_nan=False, allow_infinity=False)
_shift = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False)
_length = st.floats(min_value=0.05, max_value=2.0, allow_nan=False, allow_infinity=False)
_fraction = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)

#: points per test grid; the grid always contains the points at distance exactly δ.
_GRID = 2001


def _points_at_distance(b, b_prime, delta):
    """Points of [−b−2, −b′+2] at distance ≥ δ from both endpoints −b and −b′ (b > b′)."""
    left, right = -b, -b_prime
    x = np.concatenate([np.linspace(left - 2.0, left - delta, _GRID // 4),
                        np.linspace(left + delta, right - delta, _GRID // 2),
                        np.linspace(right + delta, right + 2.0, _GRID // 4)])
    return x[(np.abs(x - left) >= delta) & (np.abs(x - right) >= delta)]


@claim(
    id="sigmoid_rectangle", kind=Kind.BOUND, catalogue="C04",
    statement="Two logistic units make a rectangle: σ(a(x+b)) − σ(a(x+b′)) is within 2e^{−aδ} of "
              "1{x ∈ [−b, −b′]} at distance ≥ δ from the endpoints",
    formula="|σ(a(x+b)) − σ(a(x+b′)) − 1_{[−b,−b′]}(x)| ≤ 2e^{−aδ}  if dist(x, {−b, −b′}) ≥ δ",
    source=_RECTANGLE_SOURCE,
    hypotheses=("σ the logistic function", "a > 0", "dist(x, {−b, −b′}) ≥ δ ≥ 0"),
    implicit=("b > b′ (else the rectangle is empty and the limit is −1 on (−b′, −b))",
              "the convergence is not uniform: at the endpoints g = ½ for every a"),
)
@given(a=_steepness, b_prime=_shift, length=_length, share=_fraction)
def sigmoid_rectangle(a, b_prime, length, share, evidence):
    b = b_prime + length
    delta = share * length / 2  # at most half the rectangle, so interior points exist
    x = _points_at_distance(b, b_prime, delta)
    g = rectangle_network(a, b, b_prime)
    err = np.abs(g(x) - rectangle_indicator(x, b, b_prime))
    evidence.bound(err, rectangle_error_bound(a, delta), name="|g(x) − 1(x)|", rhs_name="2e^{−aδ}",
                   at={"a": a, "b": b, "b_prime": b_prime, "delta": delta, "x": x},
                   slack=logistic_difference_slack(2), why_slack="two logistic values and an indicator")


@sigmoid_rectangle.control("b > b′ dropped: the endpoints are inverted (b < b′)")
@given(a=_steepness, b=_shift, length=_length, share=_fraction)
def sigmoid_rectangle_inverted(a, b, length, share, evidence):
    b_prime = b + length  # b < b′: the lecture's formula without its implicit hypothesis
    delta = share * length / 2
    x = _points_at_distance(b_prime, b, delta)  # same endpoints, swapped roles
    g = rectangle_network(a, b, b_prime, allow_inverted=True)
    target = ((x >= -b) & (x <= -b_prime)).astype(float)  # the indicator of [−b, −b′]: empty here
    evidence.bound(np.abs(g(x) - target), rectangle_error_bound(a, delta), name="|g(x) − 1(x)|",
                   rhs_name="2e^{−aδ}", at={"a": a, "b": b, "b_prime": b_prime, "delta": delta, "x": x},
                   slack=logistic_difference_slack(2), why_slack="two logistic values and an indicator")


@sigmoid_rectangle.control("distance to the endpoints dropped: the bound claimed at every x, endpoints included")
@given(a=_steepness, b_prime=_shift, length=_length, share=_fraction)
def sigmoid_rectangle_near_endpoints(a, b_prime, length, share, evidence):
    b = b_prime + length
    delta = share * length / 2
    x = np.concatenate([np.linspace(-b - 2.0, -b_prime + 2.0, _GRID), [-b, -b_prime]])
    g = rectangle_network(a, b, b_prime)
    evidence.bound(np.abs(g(x) - rectangle_indicator(x, b, b_prime)), rectangle_error_bound(a, delta),
                   name="|g(x) − 1(x)|", rhs_name="2e^{−aδ}",
                   at={"a": a, "b": b, "b_prime": b_prime, "delta": delta, "x": x},
                   slack=logistic_difference_slack(2), why_slack="two logistic values and an indicator")
