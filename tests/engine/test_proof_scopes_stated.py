"""Every built-in proof says what it covers: a proof without a scope would read as "all values"."""

from __future__ import annotations

from theorems.engine.claims import REGISTRY
from theorems.engine.sections import load_all


def test_every_built_in_proof_states_its_scope():
    load_all()
    missing = sorted(c.id for c in REGISTRY.values()
                     if c.is_built_in and c.proof_fn is not None and not c.proof_scope)
    assert not missing, f"proofs without a scope: {missing}, but every proof should say what it covers"
