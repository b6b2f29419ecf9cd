"""Verdicts, derived from evidence by one function and never written by hand.

* ``proved`` — a symbolic proof, or a certificate covering the whole claimed
  domain, was recorded (sampling alone never proves), and no part of the claim
  rests on a statistical test (a claim with both reads ``consistent``; its
  record still lists the proofs);
* ``no counterexample`` — Hypothesis searched and nothing violated the claim;
* ``consistent`` — a statistical claim agreed with its formula at a designed
  false-alarm rate;
* ``refuted`` — a counterexample was found.
"""

from __future__ import annotations

import enum

from theorems.engine.evidence import ClaimViolation, Evidence

__all__ = ["EmptyEvidence", "Verdict", "verdict_of"]


class Verdict(enum.StrEnum):
    PROVED = "proved"
    NO_COUNTEREXAMPLE = "no counterexample"
    CONSISTENT = "consistent"
    REFUTED = "refuted"


class EmptyEvidence(RuntimeError):
    """A property ran without checking anything: a claim that cannot fail is a defect."""


def verdict_of(evidence: Evidence, violation: ClaimViolation | None) -> Verdict:
    """The strongest verdict the evidence supports, and no stronger."""
    if violation is not None:
        return Verdict.REFUTED
    if evidence.n_checks == 0:
        raise EmptyEvidence(f"claim {evidence.claim_id} recorded no evidence: it checks nothing")
    if evidence.statistics:  # a statistical part caps the verdict, whatever else was proved
        return Verdict.CONSISTENT
    if evidence.proved:
        return Verdict.PROVED
    return Verdict.NO_COUNTEREXAMPLE
