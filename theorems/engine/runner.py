"""Run one claim record and turn what happened into a :class:`Result`.

Nothing else runs properties: the pytest plugin calls :func:`run_claim` for
each item, and the command line reads the plugin's records.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import time
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any

import hypothesis
import hypothesis.core
import numpy as np

from theorems.engine.claims import Claim, Role
from theorems.engine.evidence import ClaimViolation, Evidence, InconclusiveProof, format_value
from theorems.engine.verdicts import EmptyEvidence, Verdict, verdict_of

__all__ = ["Result", "run_claim"]


@dataclass
class Result:
    """What one claim, control or literal statement showed in one run."""

    id: str
    role: str
    kind: str
    catalogue: str
    source: str
    statement: str
    verdict: str | None
    ok: bool
    outcome: str
    examples: int
    checks: int
    worst_ratio: float | None = None
    worst_where: dict[str, Any] = field(default_factory=dict)
    worst_name: str | None = None
    counterexample: str | None = None
    proofs: list[str] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)
    undecided: list[dict[str, Any]] = field(default_factory=list)
    statistics: list[dict[str, Any]] = field(default_factory=list)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    reproduce: str | None = None
    error: str | None = None
    seconds: float = 0.0
    origin: str = "built-in"
    #: what the claim's proof covers ("all m ≥ 1"); None without a proof or when it was undecided
    scope: str | None = None
    #: seconds spent in the claim's proof (its ``.proof`` function), 0 without one
    proof_seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["worst_where"] = {k: _jsonable(v) for k, v in self.worst_where.items()}
        for group in ("certificates", "undecided", "statistics"):
            for rec in d[group]:
                rec["at"] = {k: _jsonable(v) for k, v in rec.get("at", {}).items()}
        # plain JSON types only (numpy scalars in figure data too): the record crosses process
        # boundaries under pytest-xdist, whose serializer knows no numpy types
        return json.loads(json.dumps(d, default=_json_default))

    @property
    def evidence_summary(self) -> str:
        """One line of evidence for the verdict table."""
        parts = []
        if self.proofs:
            parts.append(f"{len(self.proofs)} symbolic" + (f" for {self.scope}" if self.scope else ""))
        whole = [c for c in self.certificates if c["whole_claim"]]
        if whole:
            parts.append(f"certified sup<={whole[0]['upper']:.3g}")
        if self.examples:
            parts.append(f"{self.examples} example{'s' if self.examples != 1 else ''}")
        cert = [c for c in self.certificates if not c["whole_claim"]]
        if cert:
            parts.append(f"{len(cert)} certified")
        gaps = [u for u in self.undecided if "reason" not in u]
        if gaps:
            gap = max(u["upper"] - u["lower"] for u in gaps)
            parts.append(f"{len(gaps)} undecided (gap {gap:.2g})")
        parts += [f"proof undecided: {u['reason']}" for u in self.undecided if "reason" in u]
        if self.statistics:
            worst = min(self.statistics, key=lambda s: s["p_value"])
            parts.append(f"{len(self.statistics)} tests, min p={worst['p_value']:.2g} (α={worst['alpha']:.0e})")
        if self.worst_ratio is not None and self.verdict != Verdict.REFUTED:
            parts.append(f"worst ratio {self.worst_ratio:.3g}")
        if self.counterexample:
            parts.append(self.counterexample.splitlines()[0])
        if self.error:
            parts.append(self.error.splitlines()[-1])
        return "; ".join(parts)


def _json_default(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    return format_value(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, bool | int | float | str) or v is None:
        return v
    try:
        return float(v)
    except (TypeError, ValueError):
        return format_value(v)


def claim_seed(claim_id: str, base: int | None = None) -> int:
    """The seed of a derandomized search of ``claim_id``: a hash of the id and ``base``.

    Hypothesis derandomizes by hashing the property's source, so that editing a docstring or an
    import path inside it changes every example a ``ci`` run draws.  Keyed to the claim's id
    (stable by design) and to ``--hypothesis-seed`` when one is given, a derandomized run draws
    the same examples across refactors, and a chosen seed takes effect under ``ci`` too.
    """
    digest = hashlib.sha256(f"{claim_id}\0{'' if base is None else base}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _run_search(c: Claim, ev: Evidence) -> None:
    handle = c.property.hypothesis
    original = handle.inner_test
    keyed = (hypothesis.settings.default.derandomize
             and getattr(c.property, "_hypothesis_internal_use_seed", None) is None)
    if keyed:
        hypothesis.seed(claim_seed(c.id, getattr(hypothesis.core, "global_force_seed", None)))(c.property)

    @functools.wraps(original)
    def counted(*args, **kwargs):
        ev.begin_example()
        original(*args, **kwargs)
        ev.end_example()

    handle.inner_test = counted
    try:
        c.property(evidence=ev)
    finally:
        handle.inner_test = original
        if keyed:
            c.property._hypothesis_internal_use_seed = None


_BLOB = re.compile(r"@reproduce_failure\('([^']+)', (b'[^']*')\)")


def _reproduction(claim_id: str, exc: ClaimViolation) -> str | None:
    """A line that replays the refutation when pasted into Python."""
    for n in getattr(exc, "__notes__", []):
        m = _BLOB.search(n)
        if m:
            return f"from theorems.replay import replay; replay({claim_id!r}, {m.group(1)!r}, {m.group(2)})"
    # Hypothesis says "Falsifying explicit example" (older) or "Failing explicit example" (newer)
    if any(re.match(r"(Falsifying|Failing) explicit example", n) for n in getattr(exc, "__notes__", [])):
        return f"from theorems.replay import replay; replay({claim_id!r})"
    return None


def _counterexample(exc: ClaimViolation) -> str:
    lines = [str(exc)]
    for n in getattr(exc, "__notes__", []):
        if n.startswith("Draw "):
            lines.append(n.strip())
        if n.startswith(("Falsifying", "Failing")):
            # one line: "Falsifying example: name(a=1, b=2, evidence=evidence)"
            lines.append(re.sub(r",\s*\)", ")", re.sub(r"\(\s+", "(", re.sub(r"\n\s*", " ", re.sub(r"\s*#[^\n]*", "", n)))))
    return "\n".join(lines)


def _run_proof(c: Claim, ev: Evidence) -> tuple[str | None, float]:
    """Run the proof of ``c``; (its scope, its time).  Undecided: (None, time), nothing kept.

    A proof that raises :class:`InconclusiveProof` leaves no proof or certificate behind (its
    finished steps prove nothing on their own) and one undecided record with the reason.
    """
    n_proofs, n_certs, n_checks = len(ev.proofs), len(ev.certificates), ev.n_checks
    ev.in_proof = True
    t0 = time.perf_counter()
    try:
        c.proof_fn(evidence=ev)
    except InconclusiveProof as exc:
        del ev.proofs[n_proofs:], ev.certificates[n_certs:]
        ev.n_checks = n_checks
        ev.undecided.append({"name": f"proof of {c.id}", "reason": str(exc).splitlines()[0],
                             "scope": c.proof_scope, "lower": 0.0, "upper": 0.0, "at": {}})
        return None, time.perf_counter() - t0
    finally:
        ev.in_proof = False
    return c.proof_scope, time.perf_counter() - t0


def run_claim(c: Claim) -> Result:
    """Run the proof (if any) and the property of ``c``; never raises for a refutation."""
    ev = Evidence(c.id)
    violation: ClaimViolation | None = None
    error: str | None = None
    start = time.perf_counter()
    scope: str | None = None
    proof_seconds = 0.0
    try:
        if c.proof_fn is not None:
            scope, proof_seconds = _run_proof(c, ev)
        ev.in_proof = not c.is_search
        if c.is_search:
            _run_search(c, ev)
        else:
            c.property(evidence=ev)
    except ClaimViolation as exc:
        violation = exc
    except Exception as exc:  # a crash is neither a proof nor a refutation
        error = "".join(traceback.format_exception(exc, limit=-3)).rstrip()
    seconds = time.perf_counter() - start

    verdict: Verdict | None = None
    if error is None:
        try:
            verdict = verdict_of(ev, violation)
        except EmptyEvidence as exc:
            error = f"EmptyEvidence: {exc}"

    expected_refuted = c.role is not Role.CLAIM
    if error is not None:
        ok, outcome = False, "error"
    elif verdict is Verdict.REFUTED:
        ok = expected_refuted
        outcome = "refuted as expected" if ok else "refuted"
    else:
        ok = not expected_refuted
        outcome = str(verdict) if ok else f"{verdict}, but should be refuted"

    worst = ev.worst
    return Result(
        id=c.id, role=str(c.role), kind=str(c.kind), catalogue=c.catalogue, source=str(c.source),
        statement=c.statement, verdict=None if verdict is None else str(verdict), ok=ok, outcome=outcome,
        examples=ev.n_examples, checks=ev.n_checks,
        worst_ratio=None if worst is None else worst.ratio,
        worst_where={} if worst is None else worst.at, worst_name=None if worst is None else worst.name,
        counterexample=None if violation is None else _counterexample(violation),
        reproduce=None if violation is None else _reproduction(c.id, violation),
        proofs=list(ev.proofs), certificates=list(ev.certificates), undecided=list(ev.undecided),
        statistics=list(ev.statistics), figures=dict(ev.figures), error=error, seconds=seconds,
        origin=c.origin, scope=scope if verdict is Verdict.PROVED or ev.proofs else None,
        proof_seconds=proof_seconds,
    )
