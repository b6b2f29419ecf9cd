"""The lecture's claims as executable properties, and the engine that checks them.

A claim is written once, with its metadata, next to its property
(:func:`theorems.claims.claim`); evidence is recorded through
:class:`theorems.evidence.Evidence`; the verdict is derived from the evidence
by :func:`theorems.verdicts.verdict_of`; pytest (with the plugin
:mod:`theorems.plugin`) runs the claims and ``python -m theorems`` is its
command line.
"""

from .claims import Kind, Source, claim
from .evidence import ClaimViolation, Evidence
from .verdicts import Verdict

__all__ = ["ClaimViolation", "Evidence", "Kind", "Source", "Verdict", "claim"]
