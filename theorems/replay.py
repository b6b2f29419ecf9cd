"""Replay a refutation from the line the checker printed.

``replay("param_count_as_stated", "6.155.2", b"AXic...")`` reruns exactly the
shrunk counterexample (Hypothesis' ``@reproduce_failure`` blob);
``replay("claim/control")`` reruns the claim's pinned ``@example`` cases and
``replay("claim", x=1, y=2)`` one example given by its arguments.  Either way the :class:`~theorems.engine.evidence.ClaimViolation` is
raised, with its readable message.
"""

from __future__ import annotations

from hypothesis import reproduce_failure

from theorems.engine.claims import get_claim
from theorems.engine.evidence import Evidence
from theorems.engine.sections import load_all

__all__ = ["replay"]


def replay(claim_id: str, version: str | None = None, blob: bytes | None = None, **arguments):
    """Rerun one example of a claim; raise ``ClaimViolation`` if it refutes the claim."""
    load_all()
    c = get_claim(claim_id)
    evidence = Evidence(c.id)
    if not c.is_search:
        if version is not None or arguments:
            raise ValueError(f"claim {claim_id!r} runs once; replay it without arguments")
        return c.property(evidence=evidence)
    if version is not None:
        if blob is None:
            raise ValueError("replay(): a Hypothesis version needs its blob")
        return reproduce_failure(version, blob)(c.property)(evidence=evidence)
    inner = c.property.hypothesis.inner_test
    if arguments:
        evidence.begin_example()
        return inner(evidence=evidence, **arguments)
    examples = getattr(c.property, "hypothesis_explicit_examples", [])
    if not examples:
        raise ValueError(f"claim {claim_id!r} has no pinned @example; pass its version and blob, or its arguments")
    for ex in examples:
        evidence.begin_example()
        inner(*ex.args, evidence=evidence, **ex.kwargs)
    return None
