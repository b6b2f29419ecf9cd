"""Proofs, for every size, of the bias–variance identity (C20) and the whitened trace identity (C21).

Proof idea.  C20: with y = Xβ* + ε the error X⁺y − β* = a + X⁺ε, a = (X⁺X − I)β*, so its squared
Σ-norm is f(ε, εεᵀ) for a function f linear in its two arguments; hence its mean is f(0, σ²I), and
the Penrose symmetry (X⁺X)ᵀ = X⁺X and trace cyclicity put f(0, σ²I) in the form B + V.  For X of
full column rank, X⁺ = (XᵀX)⁻¹Xᵀ (the normal equations), so X⁺X = I and B = 0.  C21: with
S = Σ^{1/2} and Z = XS⁻¹, Σ̂ = S(ZᵀZ/n)S; the inverse of a product of invertible matrices and trace
cyclicity give tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹).  Every matrix is a MatrixSymbol of symbolic size n × p.

The controls run the same steps on the false variants (the bias dropped; the lecture's Z = XΣ^{1/2}):
sympy cannot decide the false step, which is then evaluated exactly at a 1 × 2 (C20) or 1 × 1 (C21)
instance and refuted there.

References: Penrose 1955 (Proc. Cambridge Philos. Soc. 51); Hastie, Montanari, Rosset, Tibshirani
2022 (Ann. Statist. 50(2), §§2–3).
"""

from __future__ import annotations

import sympy

from theorems.matrix_proofs import (
    linear_estimator_risk_steps,
    rotate,
    scalar,
    step_or_witness,
    trace_cyclicity,
)

from .bias_variance import bias_variance_minnorm, variance_trace_identity

_n, _p = sympy.symbols("n p", integer=True, positive=True)
_X = sympy.MatrixSymbol("X", _n, _p)
_XP = sympy.MatrixSymbol("X^+", _p, _n)                   # the pseudo-inverse, by its Penrose properties
_BETA = sympy.MatrixSymbol("beta*", _p, 1)
_COV = sympy.MatrixSymbol("Sigma", _p, _p)
_EPS = sympy.MatrixSymbol("epsilon", _n, 1)
_SIGMA2 = sympy.Symbol("sigma2", positive=True)


# ---------------------------------------------------------------------------
# C20  bias–variance of the min-norm interpolator
# ---------------------------------------------------------------------------
def _bias_variance_steps(evidence, *, with_bias: bool = True, witness: dict | None = None) -> None:
    names = "X n × p, X⁺ p × n, β* ∈ ℝ^p, Σ p × p, all n, p ≥ 1; E ε = 0, E εεᵀ = σ²I_n"
    trace_cyclicity(evidence)
    mean, a = linear_estimator_risk_steps(
        evidence, n=_n, p=_p, X=_X, L=_XP, beta=_BETA, cov=_COV, eps=_EPS,
        noise_mean=sympy.ZeroMatrix(_n, 1), noise_cov=_SIGMA2 * sympy.Identity(_n), symbolic_names=names)
    raw_bias, raw_variance = scalar(a.T * _COV * a), scalar(_SIGMA2 * _XP.T * _COV * _XP)
    step_or_witness(evidence, mean, (raw_bias if with_bias else 0) + raw_variance,
          name="E_ε‖X⁺y − β*‖²_Σ = f(0, σ²I) = " + ("aᵀΣa + σ² tr(X⁺ᵀΣX⁺)" if with_bias else "σ² tr(X⁺ᵀΣX⁺)"),
          assumptions=names, witness=witness)
    proj, identity = _XP * _X, sympy.Identity(_p)
    # aᵀ = β*ᵀ(X⁺X − I)ᵀ = β*ᵀ(X⁺X − I) by the Penrose symmetry (X⁺X)ᵀ = X⁺X
    a_t = a.T.doit().subs(_X.T * _XP.T, proj)
    evidence.symbolic(scalar(a_t * _COV * a), scalar(_BETA.T * (identity - proj) * _COV * (identity - proj) * _BETA),
                      name="aᵀΣa = B = β*ᵀ(I − Π)Σ(I − Π)β*, Π = X⁺X = Πᵀ", assumptions=names)
    evidence.symbolic(_SIGMA2 * rotate(rotate(sympy.Trace(_XP.T * _COV * _XP))), _SIGMA2 * sympy.Trace(_XP * _XP.T * _COV),
                      name="σ² tr(X⁺ᵀΣX⁺) = V = σ² tr(X⁺X⁺ᵀΣ) (cyclicity twice)", assumptions=names)
    # p ≤ n, rank p: the normal equations XᵀXβ̂ = Xᵀy give X⁺ = (XᵀX)⁻¹Xᵀ, so Π = I and B = 0
    normal = sympy.Inverse(_X.T * _X) * _X.T
    evidence.symbolic(scalar(_BETA.T * (identity - normal * _X) * _COV * (identity - normal * _X) * _BETA), 0,
                      name="B = 0 when X⁺ = (XᵀX)⁻¹Xᵀ (full column rank p ≤ n)", assumptions=names)


@bias_variance_minnorm.proof(scope="all n, p ≥ 1, every X (n × p), β*, Σ, every noise law with E ε = 0, "
                                   "Cov ε = σ²I_n; B = 0 for every X of full column rank p ≤ n")
def bias_variance_minnorm_from_two_moments(evidence):
    """E‖X⁺y − β*‖²_Σ = B + V from E ε = 0 and E εεᵀ = σ²I, for every size; B = 0 at full column rank."""
    _bias_variance_steps(evidence)


@bias_variance_minnorm.control("proof with the bias term dropped: E_ε‖β̂ − β*‖²_Σ claimed to be V alone")
def bias_variance_minnorm_proof_without_bias(evidence):
    # n = 1, p = 2: X = (1, 0), X⁺ = (1, 0)ᵀ, β* = e₂, Σ = I, σ² = 1: B + V = 1 + 1, but V = 1
    witness = {_n: 1, _p: 2, _X: sympy.Matrix([[1, 0]]), _XP: sympy.Matrix([[1], [0]]),
               _BETA: sympy.Matrix([[0], [1]]), _COV: sympy.eye(2), _SIGMA2: 1}
    _bias_variance_steps(evidence, with_bias=False, witness=witness)


# ---------------------------------------------------------------------------
# C21  tr(Σ̂⁻¹Σ) = tr((ZᵀZ/n)⁻¹), Z = XΣ^{−1/2}
# ---------------------------------------------------------------------------
def _whitened_trace_steps(evidence, *, power: int, witness: dict | None = None) -> None:
    """With S = Σ^{1/2} (symmetric, invertible) and Z = XS^power (power = −1 for the claim): Σ̂ = SWS for
    W = ZᵀZ/n, so tr(Σ̂⁻¹Σ) = tr(S⁻¹W⁻¹S⁻¹SS) = tr(S⁻¹W⁻¹S) = tr(W⁻¹)."""
    names = "X n × p of rank p ≤ n, S = Σ^{1/2} p × p symmetric invertible, all n ≥ p ≥ 1"
    S = sympy.MatrixSymbol("S", _p, _p)
    T = sympy.MatrixSymbol("T", _p, _p)                      # a generic test matrix: tr(TA) = tr(TB) ∀T ⟺ A = B
    symmetric = {S.T: S, S.I.T: S.I, S.T.I: S.I}
    Z = _X * (S.I if power == -1 else S)
    gram = (Z.T * Z / _n).subs(symmetric)
    step_or_witness(evidence, scalar(T * (_X.T * _X / _n)), scalar((T * S * gram * S).subs(symmetric).doit()),
          name="Σ̂ = XᵀX/n = S(ZᵀZ/n)S", assumptions=names + "; T a generic p × p matrix", witness=witness)
    W = sympy.MatrixSymbol("W", _p, _p)                      # W = ZᵀZ/n, invertible as Z has rank p
    inverse = sympy.Inverse(S * W * S).doit()
    evidence.symbolic(scalar(T * inverse * S * W * S), sympy.Trace(T),
                      name="(SWS)⁻¹ = S⁻¹W⁻¹S⁻¹ (inverse of a product of invertible matrices)", assumptions=names)
    trace_cyclicity(evidence)
    evidence.symbolic(rotate(sympy.Trace((inverse * S * S).doit())), sympy.Trace(W.I),
                      name="tr(Σ̂⁻¹Σ) = tr(S⁻¹W⁻¹S) = tr(W⁻¹S S⁻¹) = tr((ZᵀZ/n)⁻¹)", assumptions=names)


@variance_trace_identity.proof(scope="all n ≥ p ≥ 1, every X of full column rank p ≤ n and every Σ ≻ 0")
def variance_trace_identity_by_whitening(evidence):
    """Σ̂ = Σ^{1/2}(ZᵀZ/n)Σ^{1/2}, then the inverse of a product and trace cyclicity."""
    _whitened_trace_steps(evidence, power=-1)


@variance_trace_identity.control("proof with the lecture's whitening Z = XΣ^{1/2} in place of XΣ^{−1/2}")
def variance_trace_identity_proof_with_lecture_whitening(evidence):
    # n = p = 1, X = 1, Σ = 4 (S = 2), T = 1: Σ̂ = 1, but S(ZᵀZ/n)S = 2·4·2 = 16
    S, T = sympy.MatrixSymbol("S", _p, _p), sympy.MatrixSymbol("T", _p, _p)
    witness = {_n: 1, _p: 1, _X: sympy.Matrix([[1]]), S: sympy.Matrix([[2]]), T: sympy.Matrix([[1]])}
    _whitened_trace_steps(evidence, power=1, witness=witness)
