"""A proof states its scope; an undecided or wrong proof is never recorded as a proof."""

from __future__ import annotations

import sympy
from hypothesis import given
from hypothesis import strategies as st

from theorems import Kind, Source, claim
from theorems.engine.claims import REGISTRY
from theorems.engine.runner import run_claim

_SRC = Source("test of the engine", lecture="(none)")
m = sympy.Symbol("m", integer=True, positive=True)


def _claim(claim_id):
    @claim(id=claim_id, kind=Kind.IDENTITY, catalogue="C00", statement="4^-m·4 = 4^-(m-1)",
           formula="4^{-m}·4 = 4^{-(m-1)}", source=_SRC, hypotheses=("m ≥ 1",))
    @given(k=st.integers(1, 5))
    def prop(k, evidence):
        evidence.exact(sympy.Rational(4) ** -k * 4, sympy.Rational(4) ** -(k - 1), name="4^-k·4")

    return prop


def _forget(*ids):
    for i in ids:
        REGISTRY.pop(i, None)


def test_a_proof_with_a_scope_reads_proved_with_that_scope():
    c = _claim("scratch_scoped_proof")

    @c.proof(scope="all m ≥ 1")
    def _(evidence):
        evidence.symbolic(4**-m * 4, 4 ** -(m - 1), name="4^-m·4")

    try:
        r = run_claim(c)
        assert (r.verdict, r.scope) == ("proved", "all m ≥ 1")
        assert r.proof_seconds > 0
        assert f"symbolic in {r.proof_seconds:.2f}s for all m ≥ 1" in r.evidence_summary
    finally:
        _forget(c.id)


def test_a_planted_wrong_inductive_step_is_never_proved():
    c = _claim("scratch_wrong_step")

    @c.proof(scope="all m ≥ 1")
    def _(evidence):
        # the step of a false induction: f(m) = 4^-m would need f(m+1) = f(m)/2
        evidence.symbolic(4 ** -(m + 1), 4**-m / 2, name="inductive step")

    try:
        r = run_claim(c)
        assert r.verdict != "proved" and r.scope is None and r.proofs == []
        assert r.verdict == "refuted" or any("inductive step" in u.get("reason", "") for u in r.undecided)
    finally:
        _forget(c.id)


def test_an_undecidable_step_is_undecided_with_a_reason_never_proved():
    c = _claim("scratch_undecided_step")
    x = sympy.Symbol("x", real=True)

    @c.proof(scope="all x")
    def _(evidence):
        evidence.symbolic(sympy.Integer(1), sympy.Integer(1), name="a true first step")
        evidence.symbolic(sympy.sin(x) ** 2, x**2, "<=", name="sin² x ≤ x² (sympy cannot decide it)")

    try:
        r = run_claim(c)
        assert r.verdict == "no counterexample", r
        assert r.proofs == [] and r.scope is None
        assert any("reason" in u and "could not decide" in u["reason"] for u in r.undecided)
        assert "proof undecided" in r.evidence_summary
    finally:
        _forget(c.id)
