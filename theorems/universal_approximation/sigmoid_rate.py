"""Approximation rate of shallow sigmoid networks: monomials by finite differences (C07).

Lecture section 「近似レート (σ sigmoid, L = 2)」.

C07 ``mhaskar_shallow_rate``: the k-th finite difference of φ(b + jhx) is
h^k x^k φ^{(k)}(b) + O(h^{k+1}) (B-spline form of the remainder); at b = 0 it is odd.

Citation keys: Mhaskar 1996.
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.monomials import (
    finite_difference_network,
    monomial_error_bound,
    monomial_network,
    monomial_rounding_estimate,
)
from constructions.approximation.sigmoid_constructions import (
    staircase_error_bound,
    staircase_network_with,
)
from constructions.certification import certify_sup_error
from theorems import Kind, Source, claim
from theorems.strategies import lipschitz_functions

from ._common import _certify, _steepness_factors

_SYMMETRIC_INTERVAL = [(-1.0, 1.0)]

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
    (it is an estimate, documented in constructions.approximation.monomials, not a proof).
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
