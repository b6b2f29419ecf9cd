"""A proof, for every size, of Tsigler–Bartlett's exact conditional decomposition (C31).

Proof idea.  θ̂ = Ly with L = XᵀA⁻¹, A = λI + XXᵀ, so θ̂ − θ* = a + Lε with a = (LX − I)θ*.  Its
squared Σ-norm is f(ε, εεᵀ) with f(m, C) = aᵀΣa + aᵀΣLm + mᵀLᵀΣa + tr(LᵀΣLC), an affine map; its
mean is therefore f(E ε, E εεᵀ) = f(0, σ²I) = aᵀΣa + σ² tr(LᵀΣL), and A = Aᵀ with trace cyclicity
turns σ² tr(LᵀΣL) = σ² tr(A⁻¹XΣXᵀA⁻¹) into Tsigler–Bartlett's V.  Every matrix is a MatrixSymbol
of symbolic size n × p.  The control runs the same steps with a noise of mean μ ≠ 0 (the claim's
own control's noise law) and is refuted at a 1 × 1 instance where sympy cannot decide.

References: Tsigler & Bartlett 2023 (JMLR 24, §2).
"""

from __future__ import annotations

import sympy

from theorems.matrix_proofs import (
    linear_estimator_risk_steps,
    scalar,
    step_or_witness,
    trace_cyclicity,
)

from .tsigler_bartlett import tsigler_bartlett_ridge

_n, _p = sympy.symbols("n p", integer=True, positive=True)
_X = sympy.MatrixSymbol("X", _n, _p)
_A = sympy.MatrixSymbol("A", _n, _n)                    # A = λI + XXᵀ: symmetric, invertible by hypothesis
_THETA = sympy.MatrixSymbol("theta*", _p, 1)
_COV = sympy.MatrixSymbol("Sigma", _p, _p)
_EPS = sympy.MatrixSymbol("epsilon", _n, 1)
_SIGMA2 = sympy.Symbol("sigma2", positive=True)
_NAMES = "X n × p, A = λI + XXᵀ n × n symmetric invertible, θ* ∈ ℝ^p, Σ p × p, all n, p ≥ 1"


def _ridge_steps(evidence, *, noise_mean, witness: dict | None = None) -> None:
    """E_ε‖θ̂ − θ*‖²_Σ = B + σ²V for θ̂ = XᵀA⁻¹y, from the noise's first two moments."""
    trace_cyclicity(evidence)
    L = _X.T * _A.I
    # the noise's second moment: Cov ε + (Eε)(Eε)ᵀ = σ²I + μμᵀ
    mean, a = linear_estimator_risk_steps(
        evidence, n=_n, p=_p, X=_X, L=L, beta=_THETA, cov=_COV, eps=_EPS, noise_mean=noise_mean,
        noise_cov=_SIGMA2 * sympy.Identity(_n) + noise_mean * noise_mean.T, symbolic_names=_NAMES)
    raw_bias, raw_variance = scalar(a.T * _COV * a), scalar(_SIGMA2 * L.T * _COV * L)
    step_or_witness(evidence, mean, raw_bias + raw_variance,
                    name="E_ε‖θ̂ − θ*‖²_Σ = aᵀΣa + σ² tr(LᵀΣL), L = XᵀA⁻¹",
                    assumptions=_NAMES + "; Cov ε = σ²I", witness=witness)
    evidence.symbolic(_SIGMA2 * sympy.Trace((L.T * _COV * L).subs(_A.I.T, _A.I)),
                      _SIGMA2 * sympy.Trace(_A.I * _X * _COV * _X.T * _A.I),
                      name="σ² tr(LᵀΣL) = σ² tr(A⁻¹XΣXᵀA⁻¹) = σ²V (Lᵀ = A⁻ᵀX = A⁻¹X, A = Aᵀ)", assumptions=_NAMES)
    # B: aᵀΣa is ‖(XᵀA⁻¹X − I)θ*‖²_Σ by definition of the Σ-norm (a = (XᵀA⁻¹X − I)θ*)


@tsigler_bartlett_ridge.proof(scope="all n, p ≥ 1, every X (n × p), θ*, Σ, λ ≥ 0 with λI + XXᵀ invertible, "
                                    "every noise law with E ε = 0, Cov ε = σ²I_n")
def tsigler_bartlett_ridge_from_two_moments(evidence):
    """E_ε‖θ̂ − θ*‖²_Σ = B + σ²V from E ε = 0 and Cov ε = σ²I, for every size."""
    _ridge_steps(evidence, noise_mean=sympy.ZeroMatrix(_n, 1))


@tsigler_bartlett_ridge.control("proof with a noise mean μ ≠ 0 (Cov ε = σ²I kept)")
def tsigler_bartlett_ridge_proof_with_biased_noise(evidence):
    # the claim control's example: n = p = 1, X = 1, λ = 0 (A = 1), θ* = 0, Σ = 1, ε ∈ {0, 2}: μ = 1, σ² = 1;
    # E θ̂² = 2, but B + σ²V = 1
    mu = sympy.MatrixSymbol("mu", _n, 1)
    one = sympy.Matrix([[1]])
    witness = {_n: 1, _p: 1, _X: one, _A: one, _THETA: sympy.Matrix([[0]]), _COV: one, mu: one, _SIGMA2: 1}
    _ridge_steps(evidence, noise_mean=mu, witness=witness)
