"""One hidden layer, a non-polynomial activation and biases are universal (C03).

Lecture section 「普遍近似定理」.

C03 ``uat_leshno``: the staircase (logistic, tanh) and the piecewise-linear interpolant
(ReLU) are one-hidden-layer witnesses with biases; on [0, 1]² the ReLU network of the
Kuhn-triangulation interpolant (error ≤ L h d/(d+1) or (M h²/2)ρ_d, with L and M certified
by interval arithmetic on sympy's derivatives) is certified too.  Controls: a
one-hidden-layer t²-network is a quadratic (best errors 1/8 for |x|, 1/4 for x³); without
biases ReLU/tanh networks vanish at 0; a bias-free logistic layer has f(x) + f(−x) constant
(best error ½ for x²).

Citation keys: Leshno–Lin–Pinkus–Schocken 1993; Kidger–Lyons 2020.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from constructions.approximation.piecewise_linear import (
    grid_vertices,
    interpolation_error_bound,
    kuhn_interpolant_network,
)
from constructions.approximation.polynomial_activation import best_polynomial_approximation
from constructions.certification import certify_sup_error
from constructions.certification.lipschitz import certify_derivative_bound
from constructions.networks.dense import network_from_layers
from theorems import Kind, Source, claim
from theorems.strategies import ElementaryFunction, elementary_functions, lipschitz_functions, seeds

from ._common import (
    _accuracy,
    _accuracy_ratios,
    _bias_free_weights,
    _certify,
    _fraction,
    _one_hidden_layer_witness,
)

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
