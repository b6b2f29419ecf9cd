"""Sympy matrix algebra with symbolic dimensions, for proofs of linear-model identities.

Shared by the proofs of the over-parameterised and benign-overfitting parts (C19–C21, C31):
matrices are ``sympy.MatrixSymbol`` of symbolic size; a 1 × 1 or trace-valued expression is
compared as the trace of its expansion, where nothing commutes (:func:`scalar`); trace
cyclicity is proved once for all sizes as a finite double sum (:func:`trace_cyclicity`) and
then applied as a rewrite (:func:`rotate`); the expectation over the noise of a squared error
goes through a map that is affine in (ε, εεᵀ) (:func:`linear_estimator_risk_steps`).  A step
sympy cannot decide is evaluated exactly at a concrete instance when one is given
(:func:`step_or_witness`): a false step is refuted there, a true one stays undecided.

Part of the authors' surface beside :mod:`theorems.strategies` and :mod:`theorems.tolerances`.
"""

from __future__ import annotations

import sympy

from theorems import InconclusiveProof

__all__ = ["linear_estimator_risk_steps", "rotate", "scalar", "step_or_witness", "trace_cyclicity"]


def scalar(M):
    """A 1 × 1 (or trace-valued) matrix expression as a scalar sympy can simplify: tr of its expansion.

    Expanding a matrix expression distributes products over sums (order kept: nothing commutes), and
    tr is linear, so equal expansions give equal sums of trace monomials."""
    return sympy.Trace(sympy.expand(M)).doit()


def rotate(trace):
    """tr(A₁A₂…A_k) → tr(A₂…A_kA₁): trace cyclicity, proved for all sizes by ``trace_cyclicity``."""
    factors = trace.arg.args
    return sympy.Trace(sympy.MatMul(*factors[1:], factors[0])).doit()


def trace_cyclicity(evidence) -> None:
    """tr(AB) = tr(BA) for A (n × p) and B (p × n), n, p symbolic: the two double sums, Fubini-reordered."""
    n, p = sympy.symbols("n p", integer=True, positive=True)
    i, j = sympy.symbols("i j", integer=True)
    A, B = sympy.MatrixSymbol("A", n, p), sympy.MatrixSymbol("B", p, n)
    ab = sympy.Sum(A[i, j] * B[j, i], (j, 0, p - 1), (i, 0, n - 1))      # Σ_i (AB)_ii
    ba = sympy.Sum(B[j, i] * A[i, j], (i, 0, n - 1), (j, 0, p - 1))      # Σ_j (BA)_jj
    evidence.symbolic(ab, ba.reorder((0, 1)), name="trace cyclicity tr(AB) = tr(BA)",
                      assumptions="A n × p, B p × n, all n, p ≥ 1; a finite double sum in either order")


def step_or_witness(evidence, lhs, rhs, *, name: str, assumptions: str, witness: dict | None = None) -> None:
    """``evidence.symbolic(lhs, rhs)``; if sympy cannot decide and a ``witness`` (a substitution of
    concrete matrices and sizes for the symbols) is given, the same step is evaluated exactly there
    before it is reported undecided: a false step is refuted at the witness, a true one stays
    undecided (a concrete instance is never a proof)."""
    try:
        evidence.symbolic(lhs, rhs, name=name, assumptions=assumptions)
    except InconclusiveProof:
        if witness is not None:
            def at_witness(e):
                return sympy.nsimplify(sympy.sympify(e).xreplace(witness).doit())
            evidence.exact(at_witness(lhs), at_witness(rhs), name=f"{name}, at the concrete instance",
                           at={str(k): v.tolist() if hasattr(v, "tolist") else v for k, v in witness.items()})
        raise


def linear_estimator_risk_steps(evidence, *, n, p, X, L, beta, cov, eps, noise_mean, noise_cov,
                                 symbolic_names: str = ""):
    """E_ε‖Ly − β*‖²_Σ, y = Xβ* + ε, from ε's first two moments: the shared steps of C20 and C31.

    ``L`` is the estimator's matrix (X⁺, or Xᵀ(XXᵀ + λI)⁻¹); ``noise_mean``/``noise_cov`` the moments
    used (0 and σ²I for the claim).  Returns f(Eε, Eεεᵀ) and a, for the caller's last step.  The function
    f(m, C) = aᵀΣa + aᵀΣLm + mᵀLᵀΣa + tr(LᵀΣLC), a = (LX − I)β*, is what the error's square is at
    (m, C) = (ε, εεᵀ); f is affine, so E f(ε, εεᵀ) = f(Eε, Eεεᵀ).
    """
    a = (L * X - sympy.Identity(p)) * beta
    err = L * (X * beta + eps) - beta

    def f(m, C):
        return scalar(a.T * cov * a + a.T * cov * L * m + m.T * L.T * cov * a) + scalar(L.T * cov * L * C)

    quad = sympy.Trace(sympy.MatMul(eps.T, L.T, cov, L, eps))
    evidence.symbolic(scalar(err.T * cov * err),
                      scalar(a.T * cov * a + a.T * cov * L * eps + eps.T * L.T * cov * a) + quad,
                      name="‖Ly − β*‖²_Σ expanded (y = Xβ* + ε)", assumptions=symbolic_names)
    evidence.symbolic(f(eps, eps * eps.T), scalar(a.T * cov * a + a.T * cov * L * eps + eps.T * L.T * cov * a)
                      + scalar(rotate(quad).arg), name="… = f(ε, εεᵀ) (εᵀQε = tr(Qεεᵀ), cyclicity)", assumptions=symbolic_names)
    s = sympy.Symbol("s", real=True)
    t = 1 - s
    m1, m2 = sympy.MatrixSymbol("m_1", n, 1), sympy.MatrixSymbol("m_2", n, 1)
    C1, C2 = sympy.MatrixSymbol("C_1", n, n), sympy.MatrixSymbol("C_2", n, n)
    evidence.symbolic(f(s * m1 + t * m2, s * C1 + t * C2), s * f(m1, C1) + t * f(m2, C2),
                      name="f affine in (m, C), so E_ε f(ε, εεᵀ) = f(Eε, Eεεᵀ)", assumptions=symbolic_names)
    return f(noise_mean, noise_cov), a
