"""Universal approximation (普遍近似定理), made constructive.

The lecture's one-dimensional proof (「シンプルな証明 (d = 1次元の場合)」) builds
a rectangle out of two logistic units, g(x) = σ(a(x + b)) − σ(a(x + b′)),
and stacks rectangles into a staircase.  The rectangle needs b > b′, which
the lecture leaves implicit, and approximates the indicator only away from
the endpoints: 1 − σ(t) ≤ e^{−t} gives |g − 1_{[−b,−b′]}| ≤ 2e^{−aδ} at
distance ≥ δ from both endpoints (catalogue C04).

Proof ideas of the other claims:

* C05 ``sigmoid_staircase``: J steps of height f(i/J) − f((i−1)/J) at the cell
  midpoints, steepness a = K·J; on each cell the active step interpolates between
  neighbouring values (error ≤ ω(1/J)) and the others are e^{−K/2}-small.  The sup
  error over all of [0, 1] is certified per example by interval branch-and-bound; targets include
  compositions of elementary functions with a certified Lipschitz constant.
* C03 ``uat_leshno``: the staircase (logistic, tanh) and the piecewise-linear
  interpolant (ReLU) are one-hidden-layer witnesses with biases; on [0, 1]² the ReLU network
  of the Kuhn-triangulation interpolant (error ≤ L h d/(d+1) or (M h²/2)ρ_d, with L and M
  certified by interval arithmetic on sympy's derivatives) is certified too.  Controls: a
  one-hidden-layer t²-network is a quadratic (best errors 1/8 for |x|, 1/4 for x³);
  without biases ReLU/tanh networks vanish at 0; a bias-free logistic layer has
  f(x) + f(−x) constant (best error ½ for x²).
* C06 ``min_width``: one unit per layer, inputs and a shifted accumulator carried
  through ReLU unchanged: width d_x + 2.  Logistic: channels t ↦ 4(σ(ht) − ½)/h = t + O(h²t³),
  the deep network's distance to the shallow one certified by interval arithmetic on both.
  Controls: width-1 networks with a monotone activation are monotone, so they stay ½ away
  from 4x(1 − x); with h ≥ 2 the channels are far from linear.
* C07 ``mhaskar_shallow_rate``: the k-th finite difference of φ(b + jhx) is
  h^k x^k φ^{(k)}(b) + O(h^{k+1}) (B-spline form of the remainder); at b = 0 it is odd.

Citation keys: Cybenko 1989; Leshno–Lin–Pinkus–Schocken 1993; Kidger–Lyons 2020;
Park–Yun–Lee–Shin 2021; Mhaskar 1996.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.certification import FourierSeriesTarget, certify_sup_error
from constructions.certification.lipschitz import certify_derivative_bound
from constructions.certification.network_target import NetworkTarget
from constructions.deep_narrow import (
    MONOTONE_ACTIVATIONS,
    best_monotone_error,
    deep_narrow_logistic,
    deep_narrow_logistic_error_bound,
    deep_narrow_relu,
    identity_scale_for,
    logistic_weight_rounding_bound,
    rearrangement_rounding_bound,
)
from constructions.monomials import (
    finite_difference_network,
    monomial_error_bound,
    monomial_network,
    monomial_rounding_estimate,
)
from constructions.networks import DenseNetwork, network_from_layers
from constructions.piecewise_linear import (
    grid_vertices,
    interpolation_error_bound,
    kuhn_interpolant_network,
    relu_interpolant,
)
from constructions.polynomial_activation import best_polynomial_approximation
from constructions.sigmoid_constructions import (
    rectangle_error_bound,
    rectangle_indicator,
    staircase_error_bound,
    staircase_network,
    staircase_network_with,
)
from constructions.sigmoid_constructions import sigmoid_rectangle as rectangle_network

from .claims import Kind, Source, claim
from .strategies import (
    ElementaryFunction,
    LipschitzFunction,
    elementary_functions,
    lipschitz_functions,
    seeds,
)
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


# ---------------------------------------------------------------------------------------------
# C05 sigmoid_staircase, C03 uat_leshno, C06 min_width, C07 mhaskar_shallow_rate
# ---------------------------------------------------------------------------------------------

_UNIT_INTERVAL = [(0.0, 1.0)]
_SYMMETRIC_INTERVAL = [(-1.0, 1.0)]

#: ε is drawn relative to the target's Lipschitz constant L (ε = r·max(L, 1)), which keeps the
#: number of steps J ≈ c(K)·L/ε ≤ 2.4·50 and the certification fast.
_accuracy_ratios = st.floats(min_value=1 / 50, max_value=0.5, allow_nan=False, allow_infinity=False)
_steepness_factors = st.floats(min_value=2.0, max_value=20.0, allow_nan=False, allow_infinity=False)


def _accuracy(f, ratio):
    return ratio * max(f.lipschitz, 1.0)


def _certify(net, f, eps, box=_UNIT_INTERVAL, **options):
    return certify_sup_error(net, f.target if hasattr(f, "target") else f, box, eps=eps, **options)


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


# --- C03 -------------------------------------------------------------------------------------

def _tanh_from_logistic(net: DenseNetwork) -> DenseNetwork:
    """The same function with tanh units: σ(s) = (1 + tanh(s/2))/2."""
    (w1, b1), (w2, b2) = zip(net.weights, net.biases, strict=True)
    return network_from_layers([(w1 / 2, b1 / 2), (w2 / 2, b2 + w2.sum(axis=1) / 2)], activation="tanh")


def _one_hidden_layer_witness(f, eps, activation):
    """A one-hidden-layer network with bias for f and ε, and its proven error bound."""
    if activation == "relu":
        # L·h/2 ≤ ε with h = 1/n; the factor 1 + 2^-20 keeps the bound strictly below ε
        # although the knots i/n are rounded to float64.
        n = max(1, math.ceil(f.lipschitz / (2 * eps) * (1 + 2.0**-20)))
        knots = np.arange(n + 1) / n
        return (relu_interpolant(knots, f(knots)),
                interpolation_error_bound(dim=1, mesh=1 / n, lipschitz=f.lipschitz))
    net, design = staircase_network(f, eps=eps, lipschitz=f.lipschitz)
    return (net if activation == "sigmoid" else _tanh_from_logistic(net)), design.bound


_LESHNO_SOURCE = Source("Leshno, Lin, Pinkus, Schocken 1993, Neural Networks 6:861–867, main theorem",
                        lecture="普遍近似定理")


@claim(
    id="uat_leshno", kind=Kind.EXISTENCE, catalogue="C03",
    statement="One hidden layer with a non-polynomial activation and biases approximates every continuous "
              "f uniformly on a compact set: for every ε > 0 some network is within ε",
    formula="∀f ∈ C([0,1]) ∀ε > 0 ∃ c_0, c_k, w_k, θ_k:  sup_{[0,1]} |f − c_0 − Σ_k c_k σ(w_k x + θ_k)| ≤ ε",
    source=_LESHNO_SOURCE,
    hypotheses=("σ locally bounded, continuous a.e., not a polynomial", "one hidden layer, unbounded width",
                "biases (thresholds) θ_k in the hidden layer"),
    implicit=("the bias is essential (controls)", "approximation on compact sets, not on all of R^d",
              "no bound on the number of units"),
)
@given(f=lipschitz_functions(), ratio=_accuracy_ratios,
       activation=st.sampled_from(["sigmoid", "tanh", "relu", "relu, also d = 2"]), data=st.data())
def uat_leshno(f, ratio, activation, evidence, data):
    """Logistic, tanh and ReLU networks with one hidden layer and biases reach every ε on generated f.

    Statement: for σ ∈ {logistic, tanh, ReLU} (non-polynomial), every f generated below and every
    ε > 0 there is a one-hidden-layer σ-network with biases within ε of f on [0, 1].
    Checked as: constructive search: the witness is the staircase (logistic; tanh through
    σ(s) = (1 + tanh(s/2))/2) or the piecewise-linear interpolant on n = ⌈L/(2ε)⌉ cells (ReLU,
    bound L/(2n)); per example its depth is checked (one hidden layer), its proven bound ≤ ε, and
    its sup error on the whole of [0, 1] is certified ≤ ε (exactly, by piece enumeration, for
    ReLU against a piecewise-linear f).  d = 2 (in a quarter of the examples): f an
    elementary expression in (x0, x1) with certified L ≥ sup(|∂₀f| + |∂₁f|) (ℓ∞ Lipschitz) and
    M ≥ sup Σ_{i,k}|∂_i∂_k f| (interval arithmetic on sympy's derivatives); the witness is
    kuhn_interpolant_network on the n×n grid with n the smallest for which the proven bound
    L h·2/3 or (M h²/2)ρ₂ (h = 1/n, piecewise_linear.interpolation_error_bound) is ≤ ε; its
    sup error on the whole of [0, 1]² is certified ≤ ε by branch-and-bound.
    Domain: as sigmoid_staircase (Lipschitz piecewise-linear and trigonometric targets,
    ε/max(L, 1) ∈ [1/50, 1/2]); d = 1 on [0, 1] (any compact interval by an affine change of x).
    d = 2: expression trees of height ≤ 2, ε/max(L, 1) ∈ [1/4, 1/2] or ε/max(M, 1) ∈
    [1/16, 1/2], so n ≤ 3 (the certifier's cost on the Kuhn network grows fast with n; d = 3
    is not checked: one certificate there took 14 s).
    Deviation from the lecture: the lecture says "NN can approximate any continuous function"
    with no depth, bias or compactness; Leshno et al. need the bias and prove density on
    compacta, and "non-polynomial" is necessary only at bounded depth: deep narrow networks with a
    non-affine polynomial activation are universal (Kidger–Lyons 2020, catalogue C06).  The
    claim is stated for one hidden layer; the d = 2 witness has ⌈log₂ d⌉ + 2 = 3 hidden layers,
    so it shows uniform approximation on [0, 1]² by ReLU networks with biases, not Leshno's
    one-hidden-layer statement in d = 2.  Control: a grid 4 times coarser than the bound asks.
    """
    eps = _accuracy(f, ratio)
    also_2d = activation == "relu, also d = 2"
    activation = "relu" if also_2d else activation
    net, bound = _one_hidden_layer_witness(f, eps, activation)
    at = {"f": f, "eps": eps, "activation": activation, "units": net.n_units}
    evidence.exact(net.n_hidden_layers, 1, name="hidden layers", at=at)
    evidence.bound(bound, eps, name="proven bound", rhs_name="ε", at=at)
    evidence.certified(_certify(net, f, eps), eps, name="|f − f_θ|", domain="[0, 1]", at=at)
    if also_2d:  # d = 2: the Kuhn-interpolant witness, drawn only here (ci time)
        _check_kuhn_witness(evidence, **_draw_kuhn_example(data))


# --- C03, d ≥ 2: ReLU networks of the Kuhn (Freudenthal) interpolant ----------------------------

#: ε/C ranges (C = max(L, 1) or max(M, 1)) that keep n ≤ 3 cells per axis: the certifier's cost on the
#: Kuhn network grows fast with n and d (measured, d = 2: n = 3 0.2 s, n = 5 2 s; d = 3, n = 2: 14 s).
_KUHN_RATIOS = {"lipschitz": (1 / 4, 1 / 2), "hessian": (1 / 16, 1 / 2)}


def _draw_kuhn_example(data):
    rule = data.draw(st.sampled_from(sorted(_KUHN_RATIOS)), label="error bound from")
    g = data.draw(elementary_functions(dim=2, max_depth=2), label="f on [0,1]²")
    lo, hi = _KUHN_RATIOS[rule]
    ratio = data.draw(st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False),
                      label="ε / C")
    return {"g": g, "rule": rule, "ratio": ratio}


def _kuhn_witness(g, eps, rule, *, coarsen=1):
    """The Kuhn-interpolant network for g and ε, its bound and n (``coarsen`` > 1: the control)."""
    d = g.dim
    if rule == "lipschitz":  # L h d/(d + 1) ≤ ε
        n = math.ceil(g.lipschitz * d / ((d + 1) * eps) * (1 + 2.0**-20))
    else:  # (M h²/2) ρ_d ≤ ε
        n = math.ceil(math.sqrt(interpolation_error_bound(dim=d, mesh=1.0, hessian_bound=g.hessian_bound) / eps)
                      * (1 + 2.0**-20))
    # the factor 1 + 2^-20 keeps the bound below ε although the grid values are float64 roundings
    n = max(1, math.ceil(n / coarsen))
    values = g(grid_vertices(dim=d, n_cells=n)).reshape((n + 1,) * d)
    kind = {"lipschitz": {"lipschitz": g.lipschitz}, "hessian": {"hessian_bound": g.hessian_bound}}[rule]
    # offset = mean value: the same function on [0,1]^d, 5–10× fewer boxes for the certifier (measured)
    return (kuhn_interpolant_network(values, offset=float(np.mean(values))),
            interpolation_error_bound(dim=d, mesh=1 / n, **kind), n)


def _kuhn_constant(g, rule):
    return max(g.lipschitz if rule == "lipschitz" else g.hessian_bound, 1.0)


def _check_kuhn_witness(evidence, *, g, rule, ratio):
    d = g.dim
    eps = ratio * _kuhn_constant(g, rule)
    net, bound, n = _kuhn_witness(g, eps, rule)
    at = {"f": g, "d": d, "eps": eps, "bound from": rule, "n": n, "units": net.n_units}
    evidence.exact(net.n_hidden_layers, math.ceil(math.log2(d)) + 2, name="hidden layers (Kuhn network)",
                   rhs_name="⌈log₂ d⌉ + 2", at=at)
    # the record names (and so the hypothesis.target labels) of the 1-D witness are reused: labels
    # of their own would add a hill-climbing pass over these costlier examples
    evidence.bound(bound, eps, name="proven bound", rhs_name="ε", at=at)
    evidence.certified(certify_sup_error(net, g.target, [(0.0, 1.0)] * d, eps=eps, method="branch-and-bound"),
                       eps, name="|f − f_θ|", domain="[0, 1]^d", at=at)


def _elementary(expr, symbols):
    """An ElementaryFunction with its certified Lipschitz constant (for pinned examples)."""
    bound = certify_derivative_bound(expr, symbols, [(0.0, 1.0)] * len(symbols), order=1).upper
    return ElementaryFunction(expr, symbols, bound)


_X2 = tuple(sympy.symbols("x0:2"))
#: sin(πx0)·sin(πx1) vanishes at the corners of [0, 1]², so the one-cell interpolant is ≡ 0 (error 1).
_SINE_BUMP = _elementary(sympy.sin(sympy.pi * _X2[0]) * sympy.sin(sympy.pi * _X2[1]), _X2)


@uat_leshno.control("d = 2, grid coarser than the bound asks (n = ⌈n_ε/4⌉ cells per axis): the Kuhn "
                    "network is within ε of f on [0, 1]²",
                    formula="sup_{[0,1]²} |f − I_h f| ≤ ε with h = 1/⌈n_ε/4⌉, n_ε from L h d/(d+1) ≤ ε "
                            "or (M h²/2)ρ_d ≤ ε")
@given(g=elementary_functions(dim=2, max_depth=2), rule=st.sampled_from(sorted(_KUHN_RATIOS)), share=_fraction)
@example(g=_SINE_BUMP, rule="lipschitz", share=0.0)  # ε = L/4: n_ε = 3 → n = 1, I_h f ≡ 0, error 1 > ε ≈ 0.79
def uat_leshno_with_a_coarse_grid(g, rule, share, evidence):
    lo, hi = _KUHN_RATIOS[rule]
    eps = (lo + share * (hi - lo)) * _kuhn_constant(g, rule)
    net, _, n = _kuhn_witness(g, eps, rule, coarsen=4)
    evidence.certified(certify_sup_error(net, g.target, [(0.0, 1.0)] * 2, eps=eps, method="branch-and-bound"),
                       eps, name="|f − f_θ| (coarse grid)", domain="[0, 1]²",
                       at={"f": g, "eps": eps, "bound from": rule, "n": n})


@cache
def _square_activation_fit(name: str):
    """Enclosure of the best degree-≤2 error E_2(f) on [−1, 1] (LP on 4001 Chebyshev nodes)."""
    f, lipschitz = {"|x|": (np.abs, 1.0), "x³": (lambda x: x**3, 3.0)}[name]
    return best_polynomial_approximation(f, degree=2, lipschitz=lipschitz)


_EXACT_SQUARE_ERROR = {"|x|": "1/8", "x³": "1/4"}


@uat_leshno.control("σ(t) = t², a polynomial: one hidden layer of any width approximates |x| and x³ on [−1, 1] "
                    "within every ε ∈ (0, 0.12]",
                    formula="inf_θ sup_{[−1,1]} |f − c_0 − Σ_k c_k (w_k x + θ_k)²| = E_2(f) ≤ ε")
@given(target=st.sampled_from(["|x|", "x³"]),
       eps=st.floats(min_value=1e-3, max_value=0.12, allow_nan=False, allow_infinity=False))
@example(target="|x|", eps=0.1)  # E_2(|x|) = 1/8 > 0.1
def uat_leshno_with_square_activation(target, eps, evidence):
    # Every such network is a polynomial of degree ≤ 2 and every such polynomial is one
    # (3 units), so the best error over all widths is E_2(f): exactly 1/8 for |x| (x² + 1/8)
    # and 1/4 for x³ (x³ − ¾x = T_3/4).  error_lower is the de la Vallée Poussin bound.
    fit = _square_activation_fit(target)
    evidence.bound(fit.error_lower, eps, name=f"min error of t²-networks for {target} (certified lower end)",
                   rhs_name="ε", at={"f": target, "eps": eps, "exact": _EXACT_SQUARE_ERROR[target],
                                     "bracket": (fit.error_lower, fit.error_upper)})


_bias_free_weights = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False, allow_infinity=False)


@uat_leshno.control("biases dropped everywhere (ReLU or tanh): every bias-free network of any width and depth "
                    "offered for f ≡ 1 on [−1, 1] is within ε < 1",
                    formula="sup_{[−1,1]} |1 − f_θ| ≥ |1 − f_θ(0)| = 1, since f_θ(0) = 0 without biases")
@given(activation=st.sampled_from(["relu", "tanh"]), widths=st.lists(st.integers(1, 8), min_size=1, max_size=4),
       seed=seeds(), eps=st.floats(min_value=0.01, max_value=0.99, allow_nan=False, allow_infinity=False))
@example(activation="relu", widths=[8, 8], seed=0, eps=0.5)  # any bias-free net: f_θ(0) = 0, error ≥ 1
def uat_leshno_without_biases(activation, widths, seed, eps, evidence):
    # The statement "some bias-free network is within ε" fails because every candidate fails:
    # σ(0) = 0 for ReLU and tanh, so a network without any bias maps 0 to 0.
    rng = np.random.default_rng(seed)
    sizes = [1, *widths, 1]
    net = network_from_layers([(rng.standard_normal((o, i)), np.zeros(o)) for i, o in zip(sizes[:-1], sizes[1:], strict=True)],
                              activation=activation)
    gap = abs(1.0 - float(net(np.zeros(1))[0]))
    evidence.bound(gap, eps, name="|1 − f_θ(0)| (≤ sup error)", rhs_name="ε",
                   at={"activation": activation, "widths": tuple(widths), "eps": eps})


@uat_leshno.control("biases dropped (logistic, one hidden layer, output bias kept): every bias-free network "
                    "offered for x² on [−1, 1] is within ε < ½",
                    formula="f_θ(x) + f_θ(−x) = const ⇒ sup_{[−1,1]} |x² − f_θ| ≥ ½ (attained by f_θ ≡ ½)")
@given(inner=st.lists(_bias_free_weights, min_size=1, max_size=8),
       outer=st.lists(_bias_free_weights, min_size=8, max_size=8),
       offset=_bias_free_weights, eps=st.floats(min_value=0.01, max_value=0.49, allow_nan=False, allow_infinity=False))
@example(inner=[0.0], outer=[0.0] * 8, offset=0.5, eps=0.49)  # the best bias-free network: f_θ ≡ ½, error ½
def uat_leshno_logistic_without_biases(inner, outer, offset, eps, evidence):
    # σ(t) + σ(−t) = 1, so f_θ(x) + f_θ(−x) = C; at x = 0, 1, −1 the errors |C/2|, |1 − f_θ(±1)|
    # cannot all be below ½ (their sum over ±1 is ≥ |2 − C|).  Every candidate fails.
    outer = outer[:len(inner)]
    net = network_from_layers([(np.array(inner)[:, None], np.zeros(len(inner))),
                               (np.array(outer)[None, :], np.array([offset]))], activation="sigmoid")
    x = np.array([-1.0, 0.0, 1.0])
    gap = float(np.max(np.abs(x**2 - net(x))))
    evidence.bound(gap, eps, name="max_{x∈{−1,0,1}} |x² − f_θ(x)| (≤ sup error)", rhs_name="ε",
                   at={"inner": tuple(inner), "outer": tuple(outer), "offset": offset, "eps": eps})


# --- C06 -------------------------------------------------------------------------------------

#: ε/S for the logistic rearrangement (S = Σ|c_k|): h = identity_scale_for(N, ε) then ranges over ≈ [0.005, 1].
_logistic_accuracies = st.floats(min_value=1e-4, max_value=1e-1, allow_nan=False, allow_infinity=False)


_MIN_WIDTH_SOURCE = Source("Kidger & Lyons 2020 (COLT), deep narrow construction; Park, Yun, Lee, Shin 2021 (ICLR)",
                           lecture="深さと幅 / 幅の下限")


@claim(
    id="min_width", kind=Kind.EXISTENCE, catalogue="C06",
    statement="A one-hidden-layer ReLU network on [0,1]^{d_x} with K units is computed by a deep ReLU network "
              "of width d_x + 2 and K hidden layers; hence width d_x + 2 suffices for uniform approximation "
              "(logistic: within an explicit O(h²) bound, identity channels approximated)",
    formula="deep_narrow(N) has hidden widths (d_x + 2,)·K and deep_narrow(N) = N on [0,1]^{d_x};  "
            "logistic: sup_{[0,1]} |deep_narrow_logistic(N, h) − N| ≤ B(h) = O(h²)",
    source=_MIN_WIDTH_SOURCE,
    hypotheses=("ReLU activation (logistic: identity channels t ↦ 4(σ(ht) − ½)/h)", "inputs in [0,1]^{d_x}",
                "scalar output (d_y = 1)", "unbounded depth"),
    implicit=("the lecture's max{d_x+2, d_y+2} (uniform norm, any non-polynomial σ) is not what Park et al. prove",
              "floating point: equal up to a derived rounding bound (logistic: plus the rounding of the "
              "stored weights, whose effect grows like 1/h)"),
)
@given(d=st.integers(min_value=1, max_value=3), K=st.integers(min_value=1, max_value=40), seed=seeds(),
       scale=st.floats(min_value=0.1, max_value=10.0, allow_nan=False, allow_infinity=False),
       f=lipschitz_functions(), ratio=_accuracy_ratios, log_units=st.integers(min_value=2, max_value=12),
       log_dim=st.integers(min_value=1, max_value=2), log_accuracy=_logistic_accuracies)
def min_width(d, K, seed, scale, f, ratio, log_units, log_dim, log_accuracy, evidence):
    """Width d_x + 2 and equality with the shallow network; a certified width-3 approximant.

    Statement: for every one-hidden-layer ReLU network N: [0,1]^{d_x} → R with K units, the
    rearrangement (one unit per layer, carrying the inputs and a shifted accumulator) has K
    hidden layers of width d_x + 2 and equals N on [0,1]^{d_x}; applied to the ReLU interpolant
    of f, a width-3 (= d_x + 2) network is within ε of f.
    Checked as: search.  (i) Random shallow networks (standard normal weights times ``scale``):
    the widths exactly, and |deep − N| ≤ rearrangement_rounding_bound(N) (an a-priori float64
    error bound, γ_n = nu/(1 − nu) per dot product) at 512 random points and the corners.
    (ii) d_x = 1: deep_narrow_relu(interpolant of f) has width 3 and its sup error on [0, 1] is
    certified ≤ ε.  (iii) Logistic, d_x ∈ {1, 2}: a random shallow logistic N (K units, weights
    standard normal times min(scale, 3)), ε = r·Σ|c_k|, h = identity_scale_for(N, ε) and the
    width-(d_x + 2) network deep_narrow_logistic(N, h) (identity channels t ↦ 4(σ(ht) − ½)/h):
    its widths exactly, the exact-weight bound B(h) = deep_narrow_logistic_error_bound ≤ ε, and
    sup_{[0,1]^d_x} |deep − N| certified ≤ B(h) + logistic_weight_rounding_bound (interval
    arithmetic on both networks, certification.network_target: a statement about the real
    functions of the stored float64 weights; the second term bounds the effect of rounding the
    weights 4w/h, b − 2Σw/h, hc/S, 4S/h, c_0 − 2S/h).
    Domain: d_x ∈ {1, 2, 3}, K ≤ 40, scale ∈ [0.1, 10]; f, ε as in uat_leshno; (iii) K ∈ [2, 12],
    r ∈ [10⁻⁴, 10⁻¹] (h from ≈ 0.005 to 1) for d_x = 1, r ∈ [10⁻², 10⁻¹] for d_x = 2.
    Control (iii): h ∈ [2, 8].
    Deviation from the lecture: the lecture attributes "σ non-polynomial ⇒ width
    max{d_x+2, d_y+2} suffices for uniform approximation" to Park et al. 2021.  What is proven
    (catalogue C06): Park et al.: ReLU, L^p norm, w_min = max{d_x+1, d_y} exactly; with ReLU
    that width is not enough for the uniform norm; ReLU+STEP, uniform: max{d_x+1, d_y}; general
    continuous non-polynomial σ (C¹ at a point with σ′ ≠ 0): width max{d_x+2, d_y+1} in L^p.
    Kidger–Lyons 2020, uniform norm on compacta: width d_x + d_y + 1 for such σ (d_x + d_y + 2
    for non-affine polynomials).  For d_y = 1 the lecture's d_x + 2 is Kidger–Lyons' width
    (needing the C¹ condition, not only "non-polynomial"); for d_x, d_y ≥ 2 the cited sources do
    not establish max{d_x+2, d_y+2}.  No counterexample is known to us, so no ``_as_stated``
    record is registered: the suite states the proven scalar ReLU version.
    """
    rng = np.random.default_rng(seed)
    shallow = network_from_layers([(scale * rng.standard_normal((K, d)), scale * rng.standard_normal(K)),
                                   (scale * rng.standard_normal((1, K)), scale * rng.standard_normal(1))],
                                  activation="relu")
    deep = deep_narrow_relu(shallow)
    at = {"d_x": d, "K": K, "seed": seed, "scale": scale}
    evidence.exact(deep.hidden_widths, (d + 2,) * K, name="hidden widths", rhs_name="(d_x + 2,)·K", at=at)
    corners = np.indices((2,) * d).reshape(d, -1).T.astype(float)
    x = np.concatenate([rng.uniform(0.0, 1.0, size=(512, d)), corners])
    x_arg = x[:, 0] if d == 1 else x
    evidence.bound(np.abs(deep(x_arg) - shallow(x_arg)), rearrangement_rounding_bound(shallow),
                   name="|deep − shallow|", rhs_name="rounding bound", at=dict(at, x_1=x[:, 0]))
    eps = _accuracy(f, ratio)
    interpolant, _ = _one_hidden_layer_witness(f, eps, "relu")
    narrow = deep_narrow_relu(interpolant)
    at = {"f": f, "eps": eps, "depth": narrow.depth}
    evidence.exact(narrow.width, 3, name="width", rhs_name="d_x + 2", at=at)
    # branch-and-bound, not exact piece enumeration: the rational arithmetic through K layers is slow
    evidence.certified(_certify(narrow, f, eps, method="branch-and-bound"), eps, name="|f − deep narrow|", domain="[0, 1]", at=at)
    # d_x = 2 only with ε/S ≥ 10⁻² (smaller ε: up to 1 s per certificate in 2-D, measured)
    _check_logistic_rearrangement(evidence, seed=seed, K=log_units, d=log_dim, scale=min(scale, 3.0),
                                  accuracy=log_accuracy if log_dim == 1 else max(log_accuracy, 1e-2))


def _random_logistic_shallow(seed, K, scale, d=1):
    rng = np.random.default_rng([seed, 1])  # a stream of its own, apart from the ReLU network's
    return network_from_layers([(scale * rng.standard_normal((K, d)), scale * rng.standard_normal(K)),
                                (scale * rng.standard_normal((1, K)), scale * rng.standard_normal(1))],
                               activation="sigmoid")


def _logistic_accuracy(shallow, accuracy):
    return accuracy * max(float(np.abs(shallow.weights[1]).sum()), 1e-3)


def _check_logistic_rearrangement(evidence, *, seed, K, d, scale, accuracy):
    """(iii) deep_narrow_logistic(N, h) within the exact-weight bound plus weight rounding of N."""
    shallow = _random_logistic_shallow(seed, K, scale, d)
    eps = _logistic_accuracy(shallow, accuracy)
    h = identity_scale_for(shallow, eps=eps)
    deep = deep_narrow_logistic(shallow, identity_scale=h)
    bound = deep_narrow_logistic_error_bound(shallow, identity_scale=h)
    total = bound + logistic_weight_rounding_bound(shallow, identity_scale=h)
    at = {"seed": seed, "K": K, "d_x": d, "scale": scale, "eps": eps, "h": h, "bound": bound}
    evidence.exact(deep.hidden_widths, (d + 2,) * K, name="hidden widths (logistic)", rhs_name="(d_x + 2,)·K",
                   at=at)
    evidence.bound(bound, eps, name="logistic rearrangement bound", rhs_name="ε", at=at)
    evidence.certified(certify_sup_error(deep, NetworkTarget(shallow), [(0.0, 1.0)] * d, eps=total), total,
                       name="|deep logistic − shallow|", domain="[0, 1]^d_x", at=at)


def _four_x_one_minus_x(x):
    return 4 * x * (1 - x)


@min_width.control("width d_x + 2 lowered to d_x = 1 (monotone activation, any depth): every drawn width-1 "
                   "network is within δ < ½ of 4x(1 − x) on [0, 1]",
                   formula="width-1 nets are monotone ⇒ sup_{[0,1]} |4x(1−x) − g| ≥ ½")
@given(activation=st.sampled_from(MONOTONE_ACTIVATIONS),
       layers=st.lists(st.tuples(_bias_free_weights, _bias_free_weights), min_size=2, max_size=21),
       delta=st.floats(min_value=0.01, max_value=0.49, allow_nan=False, allow_infinity=False))
@example(activation="relu", layers=[(0.0, 0.0), (0.0, 0.5)], delta=0.49)  # g ≡ ½: the best monotone fit
def min_width_with_width_one(activation, layers, delta, evidence):
    # A composition of monotone maps is monotone; at x = 0, ½, 1 the target is 0, 1, 0, so a
    # monotone g errs by ≥ ½ at one of them (best_monotone_error).  The universally quantified
    # statement fails on every candidate, which is what refutes "width 1 suffices".
    net = network_from_layers([(np.array([[w]]), np.array([b])) for w, b in layers], activation=activation)
    x = np.array([0.0, 0.5, 1.0])
    gap = float(np.max(np.abs(_four_x_one_minus_x(x) - net(x))))
    evidence.bound(gap, delta, name="max_{x∈{0,½,1}} |4x(1−x) − g(x)| (≤ sup error)", rhs_name="δ",
                   at={"activation": activation, "depth": len(layers), "delta": delta,
                       "monotone lower bound": best_monotone_error(_four_x_one_minus_x(x))})


@min_width.control("identity channels not near-linear: identity_scale h ∈ [2, 8] instead of "
                   "identity_scale_for(N, ε): the deep logistic network is within ε of N on [0, 1]",
                   formula="sup_{[0,1]} |deep_narrow_logistic(N, h) − N| ≤ ε,  h ≥ 2")
@given(seed=seeds(), K=st.integers(min_value=2, max_value=12),
       scale=st.floats(min_value=0.5, max_value=3.0, allow_nan=False, allow_infinity=False),
       accuracy=_logistic_accuracies,
       h=st.floats(min_value=2.0, max_value=8.0, allow_nan=False, allow_infinity=False))
@example(seed=0, K=5, scale=3.0, accuracy=1e-2, h=4.0)  # measured: sup ≥ 0.249 > ε ≈ 0.114
def min_width_with_a_large_identity_scale(seed, K, scale, accuracy, h, evidence):
    # ι_h(σ(h t)) = t − h²t³/12 + … is far from t when h|t| is not small, and the error enters
    # every later unit and the accumulator (ι_4(σ(4t)) = σ(4) − ½ ≈ 0.48 instead of 1 at t = 1).
    shallow = _random_logistic_shallow(seed, K, scale)
    eps = _logistic_accuracy(shallow, accuracy)
    deep = deep_narrow_logistic(shallow, identity_scale=h)
    evidence.certified(certify_sup_error(deep, NetworkTarget(shallow), _UNIT_INTERVAL, eps=eps), eps,
                       name="|deep logistic − shallow| with a large h", domain="[0, 1]",
                       at={"seed": seed, "K": K, "scale": scale, "eps": eps, "h": h})


# --- C07 -------------------------------------------------------------------------------------

_MHASKAR_SOURCE = Source("Mhaskar 1996, Neural Computation 8(1):164–177 (monomials by finite differences)",
                         lecture="近似レート (σ sigmoid, L = 2)")


@claim(
    id="mhaskar_shallow_rate", kind=Kind.RATE, catalogue="C07",
    statement="k+1 logistic units at b = 1 give x^k on [−1, 1] within the explicit O(h) bound, and for "
              "β = 1, d = 1 one hidden layer of J logistic units reaches error ≤ C·L/J (O(W^{−β/d}))",
    formula="sup_{|x|≤1} |D_h^k(x)/φ^{(k)}(1) − x^k| ≤ (kh/2) max_{|t−1|≤kh}|φ^{(k+1)}(t)|/|φ^{(k)}(1)|;  "
            "J·sup_{[0,1]} |f_J − f| ≤ L(3/2 + 2e^{−K/2}/(1 − e^{−K}))",
    source=_MHASKAR_SOURCE,
    hypotheses=("φ the logistic function, smooth and not a polynomial", "expansion point b with φ^{(k)}(b) ≠ 0",
                "one hidden layer (L = 2)", "f Lipschitz (β = 1, d = 1) for the rate"),
    implicit=("W ≍ number of neurons", "integer smoothness β; Sobolev ball", "only β = 1, d = 1 checked here"),
)
@settings(max_examples=50)  # two certifications per example; 50 keeps the claim near 5 s under ci
@given(k=st.integers(min_value=1, max_value=4),
       h=st.floats(min_value=0.01, max_value=0.2, allow_nan=False, allow_infinity=False),
       f=lipschitz_functions().filter(lambda f: f.lipschitz > 0),  # a rate for constant f is vacuous
       J=st.integers(min_value=1, max_value=120), K=_steepness_factors)
def mhaskar_shallow_rate(k, h, f, J, K, evidence):
    """Monomials from k + 1 logistic units, and the β = 1, d = 1 rate of the staircase.

    Statement: (i) the network D_h^k(x)/φ^{(k)}(1) of k + 1 logistic units is within
    (kh/2)·max_{|t−1|≤kh}|φ^{(k+1)}(t)|/|φ^{(k)}(1)| of x^k on [−1, 1]; (ii) for f with Lipschitz
    constant L on [0, 1], the J-unit staircase with a = K·J has J·sup|f_J − f| ≤ L·c(K),
    c(K) = 3/2 + 2e^{−K/2}/(1 − e^{−K}), so the error is O(1/J) = O(W^{−1}), W = 3J + 1.
    Checked as: search; per example both sup errors are certified on the whole interval
    (interval branch-and-bound).  In (i) ε = bound + monomial_rounding_estimate: the network's
    weights are float64 roundings of h^{−k}C(k,j)/φ^{(k)}(1), whose effect the estimate covers
    (it is an estimate, documented in constructions.monomials, not a proof).
    Domain: k ≤ 4, h ∈ [0.01, 0.2]; J ≤ 120, K ∈ [2, 20], f as in sigmoid_staircase.
    Deviation from the lecture: the lecture's O(W^{−β/d}) for sigmoid networks (Mhaskar 1996)
    is for Sobolev balls with integer β, via an operator built from these monomials; only the
    monomial ingredient and the β = d = 1 special case are checked (no higher-β rate is claimed
    from least-squares fits).
    """
    eps = monomial_error_bound(k=k, h=h) + monomial_rounding_estimate(k=k, h=h)
    x = sympy.Symbol("x")
    evidence.certified(certify_sup_error(monomial_network(k=k, h=h), x**k, _SYMMETRIC_INTERVAL, eps=eps), eps,
                       name="|D_h^k/φ^(k)(1) − x^k|", domain="[−1, 1]", at={"k": k, "h": h})
    rate_bound = staircase_error_bound(J, K, modulus=lambda t: f.lipschitz * t)
    net = staircase_network_with(f, J=J, steepness=K * J)
    evidence.certified(_certify(net, f, rate_bound), rate_bound, name="|f_J − f|", domain="[0, 1]",
                       at={"f": f, "J": J, "K": K, "J·bound": J * rate_bound})


@mhaskar_shallow_rate.control("expansion point b = 0, where φ″(0) = 0: some multiple c·D_h^2 is within ε < 1 "
                              "of x² on [−1, 1]",
                              formula="D_h^2 is odd at b = 0 ⇒ sup_{|x|≤1} |x² − c·D_h^2(x)| ≥ 1 for every c")
@given(h=st.floats(min_value=1e-3, max_value=0.2, allow_nan=False, allow_infinity=False),
       c=st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False),
       eps=st.floats(min_value=0.01, max_value=0.99, allow_nan=False, allow_infinity=False))
@example(h=0.01, c=1.0, eps=0.5)  # D_h^2 ≈ 0 at b = 0: the error at x = ±1 is ≈ 1
def mhaskar_shallow_rate_expanded_at_zero(h, c, eps, evidence):
    # φ − ½ is odd, so D_h^2(−x) = −D_h^2(x) at b = 0: c·D_h^2 is odd and cannot follow the even x²;
    # at x = ±1 one of |1 ∓ c·D_h^2(1)| is ≥ 1.  (monomial_network refuses b = 0 for k = 2.)
    net = finite_difference_network(k=2, h=h, b=0.0)
    x = np.array([-1.0, 1.0])
    gap = float(np.max(np.abs(x**2 - c * net(x))))
    evidence.bound(gap, eps, name="max_{x=±1} |x² − c·D_h^2(x)| (≤ sup error)", rhs_name="ε",
                   at={"h": h, "c": c, "eps": eps})
