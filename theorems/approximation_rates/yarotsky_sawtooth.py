"""Yarotsky's sawtooth construction: x² and the product xy by deep ReLU networks (C08, C09).

Lecture section 「滑らかな関数に対する近似レート」.

* ``yarotsky_square``: f_m = x − Σ g_s/4^s is the interpolant of x² at k/2^m; on a piece of
  length h the interpolant of x² is off by exactly h²/4 at the midpoint, hence 2^{−2m−2};
  proved for all m ≥ 1 by induction on the layers (:mod:`.yarotsky_proofs`), searched for all x
  by exact rational piece enumeration of the network as built.
* ``yarotsky_multiplication``: xy = ((x+y)² − x² − y²)/2 with each square replaced by
  f_m ≥ t² within δ: −4M²δ ≤ ×̃ − xy ≤ 2M²δ; proved for all m, M (:mod:`.yarotsky_proofs`),
  searched by exact evaluation at rational points.

Citation keys: Yarotsky 2017 (Neural Networks 94), Prop. 2 and Prop. 3.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from constructions.approximation.sawtooth import (
    sawtooth_network,
    shallow_square_error_lower_bound,
    square_approximant_error,
    sup_error_against_square,
    yarotsky_square_network,
)
from constructions.approximation.yarotsky import multiplication_network
from constructions.networks.algebra import evaluate_exact
from constructions.networks.dense import DenseNetwork
from theorems import Kind, Source, claim

# ---------------------------------------------------------------------------------------------
# Yarotsky's sawtooth construction (C08, C09)
# ---------------------------------------------------------------------------------------------

_YAROTSKY_SOURCE = Source("Yarotsky 2017, Neural Networks 94:103–114, Prop. 2 and Prop. 3",
                          lecture="滑らかな関数に対する近似レート")

#: m up to 10: the exact piece enumeration of f_10 (1024 pieces, Fractions) takes ~0.3 s.
_square_depths = st.integers(min_value=1, max_value=10)


@claim(
    id="yarotsky_square", kind=Kind.IDENTITY, catalogue="C08",
    statement="Yarotsky's width-3 ReLU network f_m with m hidden layers approximates x² on [0, 1] with sup "
              "error exactly 2^{−2m−2}, from above, attained at the midpoints (2k−1)/2^{m+1}; it has 3m units "
              "and 12m − 2 parameters",
    formula="sup_{[0,1]} |x² − f_m(x)| = 2^{−2m−2},  f_m = x − Σ_{s≤m} g_s/4^s ≥ x²,  #units = 3m,  W = 12m − 2",
    source=_YAROTSKY_SOURCE,
    hypotheses=("m ≥ 1", "x ∈ [0, 1]", "ReLU activation"),
    implicit=("dense layers of width 3, no skip connections (Yarotsky draws the construction with them)",
              "the identity is exact in rational arithmetic; float64 weights here are dyadic, hence exact"),
)
@given(m=_square_depths)
def yarotsky_square(m, evidence):
    """f_m equals the interpolant of x² at k/2^m, so its sup error is exactly 2^{−2m−2}.

    Statement: for every m ≥ 1 the network ``yarotsky_square_network(m)`` satisfies
    sup_{x∈[0,1]} |x² − f_m(x)| = 2^{−2m−2}, f_m(x) ≥ x² for all x, the sup is attained exactly at the 2^m
    midpoints (2k − 1)/2^{m+1}, and the network has 3m ReLU units and 12m − 2 parameters.
    Checked as: proof (:mod:`.yarotsky_proofs`, sympy) by induction on the layer index, for all m ≥ 1 — the
    layer map H(u) = 2σ(u) − 4σ(u − ½) turns each tooth of g_s into two teeth of g_{s+1} (four quarter pieces);
    f_{s−1} − f_s = g_s/4^s equals I_{s−1} − I_s for the interpolants I_s of x² on the grid 2^{−s}; on a cell
    of width h, I_m − x² = (x − a)(b − x) = h²/4 − h²(v − ½)²; counts 3m and 12m − 2.  Search: exact rational
    piece enumeration of the network as built (``exact_pieces``: every kink of every layer), so for each m the
    statement is checked for *all* x ∈ [0, 1], not on a grid; counts as integers.
    Domain: the proof all m ≥ 1; the search m ∈ {1, …, 10} (2 to 1024 pieces).
    Deviation from the lecture: the slide with this construction is lost; the statement follows Yarotsky's
    Prop. 2 with the constant made exact.  Yarotsky's network uses skip connections; this one is dense.
    """
    net = yarotsky_square_network(m)
    cert = sup_error_against_square(net)
    at = {"m": m}
    evidence.exact(cert.error, square_approximant_error(m), name="sup|x² − f_m|", rhs_name="2^{−2m−2}", at=at)
    evidence.exact(cert.one_sided, True, name="f_m ≥ x² on [0, 1]", at=at)
    midpoints = tuple(Fraction(2 * k - 1, 2 ** (m + 1)) for k in range(1, 2 ** m + 1))
    evidence.exact(cert.argmax, midpoints, name="argmax", rhs_name="{(2k−1)/2^{m+1}}", at=at)
    evidence.exact(net.n_units, 3 * m, name="#units", rhs_name="3m", at=at)
    evidence.exact(net.n_params, 12 * m - 2, name="W", rhs_name="12m − 2", at=at)
    evidence.exact(net.width, 3, name="width", at=at)
    _record_square_figures(evidence, net, m)


#: Figures of yarotsky_square are drawn on the dyadic grid k/64: f_m (m ≤ 3) and g_s (s ≤ 3) are
#: linear between its points and float64 evaluates them exactly there.
_DYADIC_GRID = np.arange(65) / 64


def _record_square_figures(evidence, net: DenseNetwork, m: int) -> None:
    if "sawtooth functions g_s" not in evidence.figures:
        evidence.figure("sawtooth functions g_s", kind="lines", title="Sawtooth g_s = g∘…∘g: 2^{s−1} teeth",
                        xlabel="x", ylabel="g_s(x)", logx=False, logy=False,
                        series=[{"x": _DYADIC_GRID.tolist(), "y": sawtooth_network(k)(_DYADIC_GRID).tolist(),
                                 "label": f"g_{k}", "style": "line"} for k in (1, 2, 3)])
    if m > 3:
        return
    old = [c for c in evidence.figures.get("f_m against x²", {}).get("series", []) if "m" in c]
    if any(c["m"] == m for c in old):
        return
    series = sorted([*old, {"x": _DYADIC_GRID.tolist(), "y": net(_DYADIC_GRID).tolist(), "label": f"f_{m}",
                            "style": "line", "m": m}], key=lambda c: c["m"])
    square = {"x": _DYADIC_GRID.tolist(), "y": (_DYADIC_GRID ** 2).tolist(), "label": "x²", "style": "dashed"}
    evidence.figure("f_m against x²", kind="lines", title="Yarotsky's f_m = x − Σ_{s≤m} g_s/4^s ≥ x², "
                    "error 2^{−2m−2}", xlabel="x", ylabel="value", logx=False, logy=False,
                    series=[*series, square])


@yarotsky_square.control("depth removed: a one-hidden-layer ReLU net with the same 3m units reaches 2^{−2m−2}")
@given(m=st.integers(min_value=1, max_value=30))
@example(m=5)  # the smallest m with 1/(8(3m+1)²) > 2^{−2m−2}; the search finds it too
def yarotsky_square_with_one_hidden_layer(m, evidence):
    # Any one-hidden-layer net with U units is piecewise linear with ≤ U + 1 pieces, so its error is at
    # least 1/(8(U+1)²) (shallow_square_error_lower_bound); the false claim is that this can be ≤ 2^{−2m−2}.
    evidence.exact(shallow_square_error_lower_bound(3 * m), square_approximant_error(m), "<=",
                   name="min error of 1 hidden layer, 3m units", rhs_name="2^{−2m−2}", at={"m": m})


@yarotsky_square.control("weights 2^{−s} instead of 4^{−s} on the sawtooth g_s")
@given(m=_square_depths)
@example(m=1)  # error 1/4 ≠ 1/16 already at m = 1; pinned so the exact enumeration is not shrunk over
def yarotsky_square_with_weights_two_pow_minus_s(m, evidence):
    cert = sup_error_against_square(yarotsky_square_network(m, weight_base=2))
    evidence.exact(cert.error, square_approximant_error(m), name="sup|x² − net|", rhs_name="2^{−2m−2}",
                   at={"m": m})


@yarotsky_square.control("ReLU replaced by the identity activation (the network becomes affine)")
@given(m=_square_depths)
@example(m=1)  # an affine map is ≥ 1/8 away from x²; pinned, as above
def yarotsky_square_with_identity_activation(m, evidence):
    cert = sup_error_against_square(yarotsky_square_network(m, activation="identity"))
    evidence.exact(cert.error, square_approximant_error(m), name="sup|x² − net|", rhs_name="2^{−2m−2}",
                   at={"m": m})


#: The product bound is attained exactly (e.g. at x = y = M/2 for m = 1), so the exact check needs a
#: network whose float weights 1/(2M) and 2M² are exactly the rationals of the construction: M a power of 2.
_product_bounds = st.integers(min_value=-3, max_value=4).map(lambda j: Fraction(2) ** j)
_product_depths = st.integers(min_value=1, max_value=6)
_unit_fractions = st.fractions(min_value=-1, max_value=1, max_denominator=2**12)


@claim(
    id="yarotsky_multiplication", kind=Kind.BOUND, catalogue="C09",
    statement="Yarotsky's product network ×̃(x, y) = 2M²[f_m(|x+y|/2M) − f_m(|x|/2M) − f_m(|y|/2M)] is within "
              "M²·2^{−2m} of xy on [−M, M]², and exactly 0 when x = 0 or y = 0",
    formula="|×̃(x, y) − xy| ≤ M²·2^{−2m} = 4M²·2^{−2m−2} on [−M, M]²;  ×̃(0, y) = ×̃(x, 0) = 0",
    source=_YAROTSKY_SOURCE,
    hypotheses=("M > 0", "m ≥ 1", "|x|, |y| ≤ M", "ReLU activation"),
    implicit=("the sharp constant: 0 ≤ f_m − t² ≤ 2^{−2m−2} gives −4M²δ ≤ ×̃ − xy ≤ 2M²δ, better than the "
              "triangle inequality's 6M²δ",),
)
@given(m=_product_depths, M=_product_bounds,
       xs=st.lists(_unit_fractions, min_size=1, max_size=4), ys=st.lists(_unit_fractions, min_size=1, max_size=4))
@example(m=1, M=Fraction(1), xs=[Fraction(1, 2)], ys=[Fraction(1, 2)])  # the bound is attained: −4M²δ
def yarotsky_multiplication(m, M, xs, ys, evidence):
    """×̃ is a network with error ≤ M²2^{−2m}, and it is exactly zero on the axes.

    Statement: for M > 0, m ≥ 1 and |x|, |y| ≤ M: |×̃(x, y) − xy| ≤ M²·2^{−2m}; ×̃(0, y) = ×̃(x, 0) = 0.
    Checked as: proof (:mod:`.yarotsky_proofs`, sympy, symbolic m and M) — the square's proved error
    0 ≤ f_m − t² ≤ 2^{−2m−2} on [0, 1]; with S = 2M every argument lies in [0, 1]; polarisation; ×̃ − xy is
    linear in the three square errors, checked at the 8 vertices of [0, δ]³; f_m(0) = 0 on the axes.
    Search: exact rational evaluation (``evaluate_exact``) of the dense network as built, at
    Hypothesis-drawn rational points (x, y) = M·(p/q, p′/q′), q, q′ ≤ 2^12, steered towards the bound by
    ``target``; the zeros exactly at the same x and y.  (In float64 ×̃(0, y) is not 0: up to 4e-16 for M = 3.)
    Domain: the proof all m ≥ 1, M > 0, (x, y) ∈ [−M, M]²; the search m ∈ {1, …, 6}, up to 4 points per example, M ∈ {1/8, 1/4, …, 16} (powers of 2, so the float weights 1/(2M), 2M² are the
    construction's rationals exactly; for other M the construction is M²·×̃₁(x/M, y/M) up to weight rounding).
    Deviation from the lecture: none (lecture slide lost); Yarotsky states ε, here the explicit M²2^{−2m}.
    """
    n = min(len(xs), len(ys))
    pts = [(M * x, M * y) for x, y in zip(xs[:n], ys[:n], strict=True)]
    net = multiplication_network(m=m, bound=float(M))
    values = evaluate_exact(net, pts)
    bound = M * M / 4 ** m
    for (x, y), v in zip(pts, values, strict=True):
        evidence.exact(abs(v - x * y), bound, "<=", name="|×̃(x,y) − xy|", rhs_name="M²2^{−2m}",
                       at={"m": m, "M": M, "x": x, "y": y})
    axes = [(Fraction(0), y) for _, y in pts] + [(x, Fraction(0)) for x, _ in pts]
    for (x, y), v in zip(axes, evaluate_exact(net, axes), strict=True):
        evidence.exact(v, Fraction(0), name="×̃ on an axis", at={"m": m, "M": M, "x": x, "y": y})


@yarotsky_multiplication.control("the arguments scaled by M instead of 2M (so |x + y|/M reaches 2, outside [0, 1])")
@given(m=_product_depths, M=_product_bounds,
       xs=st.lists(_unit_fractions, min_size=1, max_size=4), ys=st.lists(_unit_fractions, min_size=1, max_size=4))
@example(m=1, M=Fraction(1), xs=[Fraction(1)], ys=[Fraction(1)])  # x = y = M: |x+y|/M = 2; pinned (shrinking
# over exact evaluations is slow)
def yarotsky_multiplication_scaled_by_m(m, M, xs, ys, evidence):
    n = min(len(xs), len(ys))
    pts = [(M * x, M * y) for x, y in zip(xs[:n], ys[:n], strict=True)]
    values = evaluate_exact(multiplication_network(m=m, bound=float(M), scale=float(M)), pts)
    for (x, y), v in zip(pts, values, strict=True):
        evidence.exact(abs(v - x * y), M * M / 4 ** m, "<=", name="|×̃(x,y) − xy|", rhs_name="M²2^{−2m}",
                       at={"m": m, "M": M, "x": x, "y": y})
