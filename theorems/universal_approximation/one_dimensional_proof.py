"""The lecture's one-dimensional proof: logistic rectangles and staircases (C04, C05).

Lecture section 「普遍近似定理 / シンプルな証明 (d = 1次元の場合)」.

* C04 ``sigmoid_rectangle``: two logistic units make a rectangle,
  g(x) = σ(a(x + b)) − σ(a(x + b′)).  The rectangle needs b > b′, which the lecture leaves
  implicit, and approximates the indicator only away from the endpoints: 1 − σ(t) ≤ e^{−t}
  gives |g − 1_{[−b,−b′]}| ≤ 2e^{−aδ} at distance ≥ δ from both endpoints; proved for all
  a > 0, b > b′, δ ≥ 0 by this chain of sympy steps (``sigmoid_rectangle_for_all_parameters``).
* C05 ``sigmoid_staircase``: J steps of height f(i/J) − f((i−1)/J) at the cell midpoints,
  steepness a = K·J; on each cell the active step interpolates between neighbouring values
  (error ≤ ω(1/J)) and the others are e^{−K/2}-small.  The sup error over all of [0, 1] is
  certified per example by interval branch-and-bound; targets include compositions of
  elementary functions with a certified Lipschitz constant.

Citation keys: Cybenko 1989; Leshno–Lin–Pinkus–Schocken 1993.
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from constructions.approximation.sigmoid_constructions import (
    rectangle_error_bound,
    rectangle_indicator,
    staircase_network,
    staircase_network_with,
)
from constructions.approximation.sigmoid_constructions import sigmoid_rectangle as rectangle_network
from constructions.certification import FourierSeriesTarget
from theorems import Kind, Source, claim
from theorems.strategies import LipschitzFunction, elementary_functions, lipschitz_functions
from theorems.tolerances import logistic_difference_slack

from ._common import _accuracy, _accuracy_ratios, _certify, _fraction, _steepness_factors

_RECTANGLE_SOURCE = Source("Lecture proof sketch (d = 1); Cybenko 1989, Leshno et al. 1993 (Neural Networks 6)",
                           lecture="普遍近似定理 / シンプルな証明 (d = 1次元の場合)")

_steepness = st.floats(min_value=1.0, max_value=400.0, allow_nan=False, allow_infinity=False)
_shift = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False)
_length = st.floats(min_value=0.05, max_value=2.0, allow_nan=False, allow_infinity=False)

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
    """Two logistic units are within 2e^{−aδ} of the indicator at distance ≥ δ from its endpoints.

    Checked as: proof (sympy, for all a > 0, b > b′, δ ≥ 0) — 0 ≤ σ ≤ 1, σ(t) ≤ e^t, 1 − σ(t) ≤ e^{−t},
    σ increasing (so g ≥ 0), e^{−a(δ + r)} ≤ e^{−aδ}: outside [−b, −b′] 0 ≤ g ≤ e^{−aδ}, inside
    0 ≤ 1 − g = σ(−t₁) + σ(t₂) ≤ 2e^{−aδ}; exponentials are positive symbols (e^u ≥ 1 for u ≥ 0 written
    1 + p).  Search: float64 evaluation at ≈ 2000 points at distance ≥ δ (the points at distance exactly δ
    included), within the logistic rounding slack.
    Domain: the proof all a > 0, b > b′, δ ≥ 0; the search a ∈ [1, 400], b′ ∈ [−2, 2], b − b′ ∈ [0.05, 2],
    δ up to half the length.
    """
    b = b_prime + length
    delta = share * length / 2  # at most half the rectangle, so interior points exist
    x = _points_at_distance(b, b_prime, delta)
    g = rectangle_network(a, b, b_prime)
    gx = g(x)
    err = np.abs(gx - rectangle_indicator(x, b, b_prime))
    evidence.bound(err, rectangle_error_bound(a, delta), name="|g(x) − 1(x)|", rhs_name="2e^{−aδ}",
                   at={"a": a, "b": b, "b_prime": b_prime, "delta": delta, "x": x},
                   slack=logistic_difference_slack(2), why_slack="two logistic values and an indicator")
    if delta <= 0.1 * length:  # the figure shows the transitions, so only examples that check close to them
        _record_rectangle(evidence, x=x, g=gx, a=a, b=b, b_prime=b_prime)


#: Figure of sigmoid_rectangle: one example per range of the rescaled steepness a·(b − b′).
_RECTANGLE_FIGURE = "rectangles for several steepness values"
_RECTANGLE_STEEPNESS_BANDS = ((2.0, 8.0), (8.0, 30.0), (30.0, 120.0), (120.0, 800.0))


def _record_rectangle(evidence, *, x, g, a, b, b_prime) -> None:
    """Add the first example of each steepness band to the figure, in the rescaled u = (x + b)/(b − b′)."""
    length = b - b_prime
    band = next((i for i, (lo, hi) in enumerate(_RECTANGLE_STEEPNESS_BANDS) if lo <= a * length < hi), None)
    old = evidence.figures.get(_RECTANGLE_FIGURE, {}).get("series", [])
    if band is None or any(s.get("band") == band for s in old):
        return
    u = (x + b) / length
    keep = (u >= -0.75) & (u <= 1.75)
    series = [s for s in old if "band" in s] + [
        {"x": u[keep][::3].tolist(), "y": g[keep][::3].tolist(), "label": f"a·(b − b′) = {a * length:.3g}", "style": "points",
         "band": band}]
    series.sort(key=lambda s: s["band"])
    indicator = {"x": [-0.75, 0.0, 1.0, 1.75], "y": [0.0, 1.0, 0.0, 0.0], "label": "1{x ∈ [−b, −b′]}",
                 "style": "step"}
    evidence.figure(_RECTANGLE_FIGURE, kind="lines",
                    title="g(x) = σ(a(x+b)) − σ(a(x+b′)) at the checked points (gaps: within δ of an endpoint)",
                    xlabel="u = (x + b)/(b − b′)", ylabel="g", logx=False, logy=False,
                    series=[*series, indicator])


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


#: Symbols of the rectangle's proof: E = e^t > 0 for any real t; e^{aδ} = 1 + p, e^{ar} = 1 + ρ and
#: e^{s} = 1 + κ for s, r, δ ≥ 0 and a > 0 (the one fact of exp used: e^u ≥ 1 for u ≥ 0).
_E = sympy.Symbol("E", positive=True)
_p, _rho, _kappa = sympy.symbols("p rho kappa", nonnegative=True)


def _logistic(e_t):
    """σ(t) = 1/(1 + e^{−t}), written in E = e^t."""
    return 1 / (1 + 1 / e_t)


def _prove_rectangle(evidence, claimed) -> None:
    """|g − 1_{[−b,−b′]}| ≤ claimed at distance δ + r (r ≥ 0) from both endpoints, for every a > 0, b > b′."""
    sig = _logistic(_E)
    evidence.symbolic(sig, 0, ">=", name="σ(t) ≥ 0", assumptions="E = e^t > 0")
    evidence.symbolic(sig, 1, "<=", name="σ(t) ≤ 1", assumptions="E = e^t > 0")
    evidence.symbolic(sig, _E, "<=", name="σ(t) ≤ e^t", assumptions="E = e^t > 0")
    evidence.symbolic(1 - sig, 1 / _E, "<=", name="1 − σ(t) ≤ e^{−t}", assumptions="E = e^t > 0")
    evidence.symbolic(_logistic(_E * (1 + _kappa)), sig, ">=", name="σ(t + s) ≥ σ(t): g = σ(t₁) − σ(t₂) ≥ 0",
                      assumptions="s = t₁ − t₂ = a(b − b′) ≥ 0, e^s = 1 + κ")
    decay = 1 / (1 + _p)  # e^{−aδ}
    evidence.symbolic(decay / (1 + _rho), decay, "<=", name="e^{−a(δ + r)} ≤ e^{−aδ}",
                      assumptions="a > 0, r ≥ 0: e^{ar} = 1 + ρ")
    # left of −b (t₁ = a(x + b) = −a(δ + r)): 0 ≤ g ≤ σ(t₁) ≤ e^{t₁} ≤ e^{−aδ};
    # right of −b′ (t₂ = a(δ + r)): 0 ≤ g ≤ 1 − σ(t₂) ≤ e^{−t₂} ≤ e^{−aδ}
    evidence.symbolic(decay, claimed, "<=", name="outside [−b, −b′]: e^{−aδ} ≤ bound")
    # inside (t₁ = a(δ + r) ≥ aδ, t₂ = −a(δ + r′)): 0 ≤ 1 − g = (1 − σ(t₁)) + σ(t₂) ≤ e^{−t₁} + e^{t₂}
    t1, t2 = sympy.symbols("t_1 t_2", real=True)
    evidence.symbolic(1 - (_logistic(sympy.exp(t1)) - _logistic(sympy.exp(t2))),
                      (1 - _logistic(sympy.exp(t1))) + _logistic(sympy.exp(t2)), name="1 − g = σ(−t₁) + σ(t₂)")
    evidence.symbolic(decay + decay, claimed, "<=", name="inside: e^{−t₁} + e^{t₂} ≤ 2e^{−aδ} ≤ bound")


@sigmoid_rectangle.proof(scope="all a > 0, b > b′, δ ≥ 0 and all x at distance ≥ δ from −b and −b′")
def sigmoid_rectangle_for_all_parameters(evidence):
    _prove_rectangle(evidence, 2 / (1 + _p))


@sigmoid_rectangle.control("proof with the bound e^{−aδ} in place of 2e^{−aδ} (false inside: at the centre of a "
                           "rectangle of length 2δ the error is 2/(1 + e^{aδ}))")
def sigmoid_rectangle_proof_with_bound_e_minus_a_delta(evidence):
    _prove_rectangle(evidence, 1 / (1 + _p))


# ---------------------------------------------------------------------------------------------
# C05 sigmoid_staircase
# ---------------------------------------------------------------------------------------------

@claim(
    id="sigmoid_staircase", kind=Kind.BOUND, catalogue="C05",
    statement="For every Lipschitz f on [0, 1] and ε > 0 the staircase of J logistic units with steepness "
              "a = K·J, J read off the explicit bound, is within ε of f uniformly on [0, 1]",
    formula="f_J(x) = f(0) + Σ_{i=1}^J (f(i/J) − f((i−1)/J)) σ(KJ(x − (i−½)/J));  "
            "sup_{[0,1]} |f_J − f| ≤ ω(1/(2J)) + ω(1/J)(1 + 2e^{−K/2}/(1 − e^{−K})) ≤ ε",
    source=_RECTANGLE_SOURCE,
    hypotheses=("f continuous on [0, 1] with modulus of continuity ω (here ω(t) = L·t)", "ε > 0",
                "σ the logistic function", "steepness a = K·J with K > 0"),
    implicit=("the steepness grows with J: with a fixed a the staircase tends to a smoothed f, not to f",
              "one hidden layer of J units (the lecture's rectangles use 2J)",
              "uniform approximation on the compact [0, 1] only"),
)
@given(f=st.one_of(lipschitz_functions(), elementary_functions()), ratio=_accuracy_ratios, K=_steepness_factors,
       form=st.sampled_from(["catalogue", "sharp"]))
def sigmoid_staircase(f, ratio, K, form, evidence):
    """The staircase network of J logistic units approximates every Lipschitz f within ε.

    Statement: for f with Lipschitz constant L on [0, 1], ε > 0 and K > 0, the network
    f_J(x) = f(0) + Σ_i Δ_i σ(KJ(x − m_i)) with the smallest J whose bound (catalogue form, or the
    sharper ω(1/J)(1 + e^{−K/2} coth(K/2))) is ≤ ε satisfies sup_{[0,1]} |f_J − f| ≤ ε.
    Checked as: search over f (random Lipschitz piecewise-linear functions, trigonometric
    polynomials, and compositions of elementary functions whose Lipschitz constant sup|f′| is
    certified by interval arithmetic on sympy's derivative; theorems.strategies), ε, K and the
    bound form; per example the sup error over
    the whole of [0, 1] is certified ≤ ε by interval branch-and-bound
    (constructions.certification), and the design's bound is checked ≤ ε.  The verdict stays
    "no counterexample" (with N certified examples) because the claim quantifies over all f.
    Domain: ≤ 12 linear pieces with values in [−2, 2], or trigonometric degree ≤ 4 with
    coefficients in [−1, 1], or expression trees of height ≤ 3 over sin, cos, exp, tanh, atan,
    √(1 + u²), +, × with affine leaves and certified L ≤ 1000; ε/max(L, 1) ∈ [1/50, 1/2];
    K ∈ [2, 20]; J up to ≈ 120.
    Deviation from the lecture: the lecture writes "Σ e_i g(c_i x − w_i) → f" with rectangles
    (2J units) and no rate; here one step per grid cell (J units) and an explicit bound; the
    steepness must grow with J (control below).
    """
    eps = _accuracy(f, ratio)
    net, design = staircase_network(f, eps=eps, lipschitz=f.lipschitz, steepness_factor=K, bound_form=form)
    at = {"f": f, "eps": eps, "J": design.J, "K": K, "form": form}
    evidence.bound(design.bound, eps, name="staircase bound", rhs_name="ε", at=at)
    evidence.certified(_certify(net, f, eps), eps, name="|f_J − f|", domain="[0, 1]", at=at)
    if 6 <= design.J <= 30 and f.lipschitz > 1 and "staircase against f" not in evidence.figures:
        x = np.linspace(0.0, 1.0, 801)  # one representative example: few enough steps to see
        evidence.figure("staircase against f", kind="lines",
                        title=f"Staircase of J = {design.J} logistic units, a = K·J = {design.a:.3g}, ε = {eps:.3g}",
                        xlabel="x", ylabel="value", logx=False, logy=False,
                        series=[{"x": x.tolist(), "y": f(x).tolist(), "label": f.description, "style": "line"},
                                {"x": x.tolist(), "y": net(x).tolist(), "label": "f_J (certified sup error ≤ ε)",
                                 "style": "dashed"}])


@sigmoid_staircase.control("steepness held fixed (a = 1) while J grows beyond the J the bound asks for")
@given(f=lipschitz_functions(), ratio=_accuracy_ratios, more=st.integers(min_value=1, max_value=4))
@example(f=LipschitzFunction(FourierSeriesTarget([0.0], [0.0, 1.0]), 2 * math.pi, "f(x) = sin(2πx)"),
         ratio=1 / 50, more=4)  # catalogue C05: with a = 1, f_J → a smoothed f whose error stays ≈ 1
def sigmoid_staircase_with_fixed_steepness(f, ratio, more, evidence):
    eps = _accuracy(f, ratio)
    _, design = staircase_network(f, eps=eps, lipschitz=f.lipschitz)
    J = more * design.J
    net = staircase_network_with(f, J=J, steepness=1.0)
    evidence.certified(_certify(net, f, eps), eps, name="|f_J − f| with a = 1", domain="[0, 1]",
                       at={"f": f, "eps": eps, "J": J})
