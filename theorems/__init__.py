"""The lecture's claims as executable properties, and the engine that checks them.

This package's top level is the one import surface for claim authors::

    from theorems import Evidence, InconclusiveProof, Kind, Source, claim
    from theorems.strategies import seeds            # shared Hypothesis strategies
    from theorems.tolerances import EPS              # named tolerances

A claim is written once, with its metadata, next to its property (:func:`claim`); evidence
is recorded through :class:`Evidence`; the verdict is derived from the evidence by the engine
(:mod:`theorems.engine`, not for authors); pytest with the engine's plugin runs the claims
and ``python -m theorems`` is its command line.  The lecture's parts are the packages
``theorems/<part>/``.
"""

from theorems.engine.claims import Kind, Source, claim
from theorems.engine.evidence import ClaimViolation, Evidence, InconclusiveProof
from theorems.engine.verdicts import Verdict

__all__ = ["ClaimViolation", "Evidence", "InconclusiveProof", "Kind", "Source", "Verdict", "claim"]
