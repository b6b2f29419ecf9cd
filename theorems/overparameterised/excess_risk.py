"""The excess risk of a linear predictor is its squared Σ-distance to β* (C19), exactly.

Proof idea.  When E[ε | x] = 0 the cross term of (Y − xᵀβ̂)² − (Y − xᵀβ*)² vanishes, so the excess
risk of any fixed β̂ is (β̂ − β*)ᵀE[xxᵀ](β̂ − β*).  Checked in exact rational arithmetic on finite
distributions with rational atoms; the control correlates the noise with the features.

References: Hastie, Montanari, Rosset, Tibshirani 2022 (Ann. Statist. 50(2), §2).
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from theorems import Kind, Source, claim
from theorems.matrix_proofs import scalar, step_or_witness

from ._common import _LECTURE, _NO_SHRINK

# ---------------------------------------------------------------------------
# C19  excess risk = ‖β̂ − β*‖²_Σ, exactly on finite distributions
# ---------------------------------------------------------------------------
_SMALL_RATIONALS = st.integers(-4, 4).map(lambda v: Fraction(v, 2))


@st.composite
def _finite_regression_problems(draw, *, correlated: bool = False):
    """x uniform on k rational points of Q^p; ε | x = ±c(x) with equal weights (E[ε | x] = 0), or, with
    ``correlated``, ε | x = m(x) ± c(x) with m(x) = x₁³ − x₁ (E[εx] ≠ 0 in general)."""
    p = draw(st.integers(1, 3), label="p")
    k = draw(st.integers(1, 5), label="support size")
    vec = st.lists(_SMALL_RATIONALS, min_size=p, max_size=p)
    xs = draw(st.lists(vec, min_size=k, max_size=k), label="x atoms")
    cs = draw(st.lists(_SMALL_RATIONALS, min_size=k, max_size=k), label="noise scales c(x)")
    beta = draw(vec, label="beta*")
    beta_hat = draw(vec, label="beta_hat")
    means = [x[0] ** 3 - x[0] if correlated else Fraction(0) for x in xs]
    return xs, cs, means, beta, beta_hat


def _dot(u, v) -> Fraction:
    return sum((a * b for a, b in zip(u, v)), Fraction(0))


def _excess_risk_two_ways(xs, cs, means, beta, beta_hat) -> tuple[Fraction, Fraction]:
    """E[(y − xᵀβ̂)² − (y − xᵀβ*)²] by enumeration, and (β̂ − β*)ᵀE[xxᵀ](β̂ − β*), both exact."""
    k = len(xs)
    risk = Fraction(0)
    for x, c, m in zip(xs, cs, means):
        for eps in (m + c, m - c):
            y = _dot(x, beta) + eps
            risk += Fraction(1, 2 * k) * ((y - _dot(x, beta_hat)) ** 2 - (y - _dot(x, beta)) ** 2)
    d = [a - b for a, b in zip(beta_hat, beta)]
    quad = sum((Fraction(1, k) * _dot(x, d) ** 2 for x in xs), Fraction(0))
    return risk, quad


@claim(
    id="excess_risk_identity", kind=Kind.IDENTITY, catalogue="C19",
    statement="When E[ε | X] = 0 the excess risk of any fixed β̂ is its squared Σ-distance to β*",
    formula="R(β̂) = E[(Y − xᵀβ̂)² − (Y − xᵀβ*)²] = ‖β̂ − β*‖²_Σ,  Σ = E[xxᵀ]",
    source=Source("Lecture slide (excess risk of linear regression); HMRT 2022 §2", lecture=_LECTURE),
    hypotheses=("E[ε | x] = 0, ε = Y − xᵀβ*", "β̂ fixed (independent of the test point)"),
    implicit=("Σ is the second moment E[xxᵀ], the covariance only for centred x",),
)
@given(problem=_finite_regression_problems())
def excess_risk_identity(problem, evidence):
    """R(β̂) = ‖β̂ − β*‖²_Σ exactly, on finite distributions with rational atoms.

    Statement: for x and ε with E[ε | x] = 0 and finite second moments, and β̂ fixed,
    E[(Y − xᵀβ̂)² − (Y − xᵀβ*)²] = (β̂ − β*)ᵀE[xxᵀ](β̂ − β*).
    Checked as: proof (``excess_risk_identity_by_linearity``, sympy, x, β*, β̂ MatrixSymbols of symbolic size
    p): the pointwise square is a linear function g of (xxᵀ, xε), so its mean is g(Σ, E[xε]) = g(Σ, 0);
    and exact rational arithmetic (fractions) on finite laws: x uniform on k atoms, ε | x = ±c(x).
    Domain: proof for all p ≥ 1; search p ∈ {1, 2, 3}, k ≤ 5 atoms, coordinates, c(x), β*, β̂ in {−2, −3/2, …, 2}.
    Deviation from the lecture: the lecture leaves E[ε | X] = 0 and Σ = E[xxᵀ] (not the covariance)
    implicit.
    """
    risk, quad = _excess_risk_two_ways(*problem)
    evidence.exact(risk, quad, name="R(β̂)", rhs_name="‖β̂ − β*‖²_Σ", at={"problem": problem})


@excess_risk_identity.control("noise correlated with the features: E[ε | x] = x₁³ − x₁ ≠ 0")
@settings(phases=_NO_SHRINK)
# x = 2, ε = 6 ± 0, β* = 0, β̂ = 1: R = E[(6 − 2)² − 6²] = −20, but ‖β̂ − β*‖²_Σ = 4.
@example(problem=([[Fraction(2)]], [Fraction(0)], [Fraction(6)], [Fraction(0)], [Fraction(1)]))
@given(problem=_finite_regression_problems(correlated=True))
def excess_risk_identity_correlated_noise(problem, evidence):
    risk, quad = _excess_risk_two_ways(*problem)
    evidence.exact(risk, quad, name="R(β̂)", rhs_name="‖β̂ − β*‖²_Σ", at={"problem": problem})


# The proof: the pointwise square expanded with symbolic p, then linearity of the expectation.
def _excess_risk_steps(evidence, *, noise_feature_moment, witness=None) -> None:
    """(Y − xᵀβ̂)² − (Y − xᵀβ*)² = g(xxᵀ, xε) with g(M, m) = dᵀMd − mᵀd − dᵀm, d = β̂ − β*; g is linear,
    so the expectation is g(Σ, E[xε]); E[xε] = E[x E[ε | x]] = 0 leaves dᵀΣd.  ``noise_feature_moment``
    is the E[xε] used in the last step (0 for the claim)."""
    p = sympy.Symbol("p", integer=True, positive=True)
    x, beta, beta_hat = (sympy.MatrixSymbol(s, p, 1) for s in ("x", "beta*", "beta_hat"))
    eps = sympy.MatrixSymbol("epsilon", 1, 1)             # the scalar noise as a 1 × 1 matrix
    cov = sympy.MatrixSymbol("Sigma", p, p)
    d = beta_hat - beta
    y = x.T * beta + eps

    def g(M, m):
        return scalar(d.T * M * d - m.T * d - d.T * m)

    names = "x, β*, β̂ ∈ ℝ^p, ε ∈ ℝ, all p ≥ 1 (MatrixSymbol of symbolic size)"
    evidence.symbolic(scalar((y - x.T * beta_hat).T * (y - x.T * beta_hat) - (y - x.T * beta).T * (y - x.T * beta)),
                      g(x * x.T, x * eps), name="(Y − xᵀβ̂)² − (Y − xᵀβ*)² = g(xxᵀ, xε), Y = xᵀβ* + ε",
                      assumptions=names)
    s, t = sympy.symbols("s t", real=True)
    M1, M2 = sympy.MatrixSymbol("M_1", p, p), sympy.MatrixSymbol("M_2", p, p)
    m1, m2 = sympy.MatrixSymbol("m_1", p, 1), sympy.MatrixSymbol("m_2", p, 1)
    evidence.symbolic(g(s * M1 + t * M2, s * m1 + t * m2), s * g(M1, m1) + t * g(M2, m2),
                      name="g linear, so E g(xxᵀ, xε) = g(E xxᵀ, E xε) = g(Σ, E[xε])", assumptions=names)
    step_or_witness(evidence, g(cov, noise_feature_moment), scalar(d.T * cov * d), name="g(Σ, E[xε]) = ‖β̂ − β*‖²_Σ",
          assumptions=names + "; E[xε] = E[x·E[ε | x]]", witness=witness)


@excess_risk_identity.proof(scope="all p ≥ 1, every law of (x, ε) with E[ε | x] = 0 and finite second "
                                  "moments, every fixed β̂, β* ∈ ℝ^p")
def excess_risk_identity_by_linearity(evidence):
    """The cross term 2E[εxᵀ](β* − β̂) vanishes because E[xε] = E[x E[ε | x]] = 0."""
    p = sympy.Symbol("p", integer=True, positive=True)
    _excess_risk_steps(evidence, noise_feature_moment=sympy.ZeroMatrix(p, 1))


@excess_risk_identity.control("proof with E[xε] = m ≠ 0 (noise correlated with the features) in the last step")
def excess_risk_identity_proof_with_correlated_noise(evidence):
    # the control's example: x = 2, ε = 6 (so Σ = 4, E[xε] = 12), β* = 0, β̂ = 1: g = 4 − 24 = −20 ≠ 4
    p = sympy.Symbol("p", integer=True, positive=True)
    m = sympy.MatrixSymbol("m", p, 1)
    witness = {p: 1, m: sympy.Matrix([[12]]), sympy.MatrixSymbol("Sigma", p, p): sympy.Matrix([[4]]),
               sympy.MatrixSymbol("beta*", p, 1): sympy.Matrix([[0]]),
               sympy.MatrixSymbol("beta_hat", p, 1): sympy.Matrix([[1]])}
    _excess_risk_steps(evidence, noise_feature_moment=m, witness=witness)
