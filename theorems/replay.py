"""Replay a refutation from the line the checker printed, or from a run's JSON record.

``replay("param_count_as_stated", values='{"d": 2, "N": 1, "L": 2}')`` reruns the shrunk
counterexample from its recorded values (the ``counterexample_values`` of the JSON record, in
the tagged encoding of :mod:`theorems.engine.values`) on any installed Hypothesis; this is the
``reproduce`` line of a record.  ``replay("claim", x=1, y=2)`` reruns one example given by its
arguments as Python values; ``replay("param_count_as_stated", "6.155.2", b"AXic...")`` reruns
Hypothesis' ``@reproduce_failure`` blob (on that Hypothesis version only);
``replay("claim/control")`` reruns the claim's pinned ``@example`` cases.  A refutation raises
the :class:`~theorems.engine.evidence.ClaimViolation`, with its readable message; an example
that no longer refutes returns ``None``.

From the command line, ``python -m theorems replay ID --from run.json`` replays the record of
``ID`` in a ``check --json`` file.
"""

from __future__ import annotations

import functools

from hypothesis import Phase, example, given, reproduce_failure, settings
from hypothesis import strategies as st

from theorems.engine.claims import get_claim
from theorems.engine.evidence import Evidence
from theorems.engine.sections import load_all
from theorems.engine.values import decode_arguments

__all__ = ["replay"]


def replay(claim_id: str, version: str | None = None, blob: bytes | None = None, *,
           values: str | dict | None = None, **arguments):
    """Rerun one example of a claim; raise ``ClaimViolation`` if it refutes the claim.

    Parameters
    ----------
    claim_id : str
        The id of the claim, control or literal statement.
    version, blob : str, bytes, optional
        Hypothesis' ``@reproduce_failure`` arguments (bound to that Hypothesis version).
    values : str or dict, optional
        The recorded arguments in the tagged JSON encoding (JSON text or its dict).
    **arguments
        The property's arguments as Python values.
    """
    load_all()
    c = get_claim(claim_id)
    if values is not None:
        if arguments or version is not None:
            raise ValueError("replay(): give values= alone, not with arguments or a blob")
        arguments = decode_arguments(values)
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
        return _run_example(inner, evidence, arguments)
    examples = getattr(c.property, "hypothesis_explicit_examples", [])
    if not examples:
        raise ValueError(f"claim {claim_id!r} has no pinned @example; pass its recorded values= "
                         "(the `reproduce` line of its JSON record) or its arguments")
    for ex in examples:
        evidence.begin_example()
        inner(*ex.args, evidence=evidence, **ex.kwargs)
    return None


def _run_example(inner, evidence: Evidence, arguments: dict) -> None:
    """Run ``inner`` on ``arguments`` as one explicit example of a fresh Hypothesis test.

    Inside a test, the property's own ``note()``, ``target()`` and ``assume()`` work as in the
    search; the claim's property is left untouched.
    """
    @functools.wraps(inner)
    def counted(*args, **kwargs):
        evidence.begin_example()
        inner(*args, **kwargs)

    test = given(**{name: st.just(v) for name, v in arguments.items()})(counted)
    test = example(**arguments)(test)
    test = settings(phases=[Phase.explicit], database=None, deadline=None, print_blob=False,
                    report_multiple_bugs=False)(test)
    return test(evidence=evidence)
