"""Run one claim record and turn what happened into a :class:`Result`.

Nothing else runs properties: the pytest plugin calls :func:`run_claim` for
each item, and the command line reads the plugin's records.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import re
import time
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any

import hypothesis
import hypothesis.core
import numpy as np

try:
    from hypothesis.strategies import DataObject
except ImportError:  # older Hypothesis does not export it
    from hypothesis.strategies._internal.core import DataObject

from theorems.engine.claims import Claim, Role
from theorems.engine.evidence import ClaimViolation, Evidence, InconclusiveProof, format_value
from theorems.engine.values import UnencodableValue, encode_arguments, recording_draws
from theorems.engine.verdicts import EmptyEvidence, Verdict, verdict_of

__all__ = ["Counts", "Result", "count_records", "run_claim"]


@dataclass
class Result:
    """What one claim, control or literal statement showed in one run."""

    id: str
    role: str
    kind: str
    catalogue: str | None
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
    #: the shrunk counterexample as data: the failing call's arguments in the tagged JSON encoding
    #: of :mod:`theorems.engine.values`; None when there is none or one could not be encoded
    counterexample_values: dict[str, Any] | None = None
    #: why a refutation has no ``counterexample_values`` (which argument could not be encoded)
    counterexample_note: str | None = None
    #: Hypothesis' ``@reproduce_failure`` blob, ``{"hypothesis": version, "blob": text}``: replays
    #: the counterexample on that Hypothesis version only
    reproduce_blob: dict[str, str] | None = None
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
            took = f" in {self.proof_seconds:.2f}s" if self.proof_seconds else ""
            parts.append(f"{len(self.proofs)} symbolic{took}" + (f" for {self.scope}" if self.scope else ""))
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
            n = len(self.statistics)
            parts.append(f"{n} test{'s' if n != 1 else ''}, min p={worst['p_value']:.2g} (α={worst['alpha']:.0e})")
        if self.worst_ratio is not None and self.verdict != Verdict.REFUTED:
            # a bound whose name carries its value ("PAC-Bayes bound on R(Q) = 0.379") shows it
            named = f" ({self.worst_name})" if self.worst_name and " = " in self.worst_name else ""
            parts.append(f"worst ratio {self.worst_ratio:.3g}{named}")
        if self.counterexample:
            parts.append(self.counterexample.splitlines()[0])
        if self.error:  # a crash: the exception's type and message lead the line
            parts.insert(0, self.error.splitlines()[0])
        return "; ".join(parts)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``"1 claim"``, ``"2 claims"``."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


#: outcomes of the records of role ``claim``, in the order the summaries list them
CLAIM_VERDICTS = ("proved", "no counterexample", "consistent", "refuted", "error")


@dataclass(frozen=True)
class Counts:
    """The one vocabulary of counts of a run, used by the verdict table, the JSON and the report.

    A **claim** is a record of role ``claim`` (must hold), a **literal statement** one of role
    ``as_stated`` (the lecture's own wording, false, must be refuted), a **control** one of role
    ``control`` (a hypothesis dropped, must be refuted).
    """

    claims: int
    literal_statements: int
    controls: int
    #: claims by verdict (:data:`CLAIM_VERDICTS`; ``error`` for a crash)
    claims_by_verdict: dict[str, int]
    literal_statements_refuted: int
    controls_refuted: int
    #: records whose outcome is not what their role requires (a refuted claim, an unrefuted
    #: control or literal statement, a crash)
    failed: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """``43 claims: 5 proved, …; 4 literal statements and 66 controls, 70/70 refuted as expected; 0 failed``."""
        by = [f"{n} {v}" for v, n in self.claims_by_verdict.items() if n or v in CLAIM_VERDICTS[:3]]
        expected = self.literal_statements + self.controls
        refuted = self.literal_statements_refuted + self.controls_refuted
        others = (f"{plural(self.literal_statements, 'literal statement')} and "
                  f"{plural(self.controls, 'control')}, {refuted}/{expected} refuted as expected")
        return f"{plural(self.claims, 'claim')}: {', '.join(by)}; {others}; {self.failed} failed"


def count_records(records) -> Counts:
    """The :class:`Counts` of ``records`` (:class:`Result` objects or their JSON dicts)."""
    rows = [r.to_json() if isinstance(r, Result) else r for r in records]
    claims = [r for r in rows if r.get("role") == "claim"]
    by = dict.fromkeys(CLAIM_VERDICTS, 0)
    for r in claims:
        key = "error" if r.get("outcome") == "error" or r.get("verdict") not in by else r["verdict"]
        by[key] += 1
    literal = [r for r in rows if r.get("role") == "as_stated"]
    controls = [r for r in rows if r.get("role") == "control"]
    return Counts(claims=len(claims), literal_statements=len(literal), controls=len(controls),
                  claims_by_verdict=by,
                  literal_statements_refuted=sum(r.get("outcome") == "refuted as expected" for r in literal),
                  controls_refuted=sum(r.get("outcome") == "refuted as expected" for r in controls),
                  failed=sum(not r.get("ok") for r in rows))


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


class _Failing:
    """The arguments of the last call of a property that raised :class:`ClaimViolation`."""

    def __init__(self) -> None:
        self.values: dict[str, Any] | None = None
        self.note: str | None = None
        self.seen = False

    def record(self, signature: inspect.Signature, args: tuple, kwargs: dict, draws: dict) -> None:
        bound = dict(signature.bind_partial(*args, **kwargs).arguments, **draws)
        self.seen = True
        try:
            self.values = encode_arguments({k: v for k, v in bound.items() if k != "evidence"})
            self.note = None
        except UnencodableValue as exc:
            self.values, self.note = None, str(exc)


def claim_seed_basis(value: Any) -> int | None:
    """The ``--hypothesis-seed`` of a run as an int (None without one).

    Raises
    ------
    ValueError
        The seed is not an integer.
    """
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"--hypothesis-seed={value!r}; allowed: an integer") from None


def _run_search(c: Claim, ev: Evidence, failing: _Failing) -> None:
    handle = c.property.hypothesis
    original = handle.inner_test
    signature = inspect.signature(original)
    keyed = (hypothesis.settings.default.derandomize
             and getattr(c.property, "_hypothesis_internal_use_seed", None) is None)
    if keyed:
        hypothesis.seed(claim_seed(c.id, getattr(hypothesis.core, "global_force_seed", None)))(c.property)

    @functools.wraps(original)
    def counted(*args, **kwargs):
        ev.begin_example()
        draws = {k: recording_draws(v) for k, v in kwargs.items() if isinstance(v, DataObject)}
        try:
            original(*args, **kwargs)
        except ClaimViolation:
            # the last failing call is the shrunk counterexample Hypothesis reports
            failing.record(signature, args, kwargs, draws)
            raise
        ev.end_example()

    handle.inner_test = counted
    try:
        c.property(evidence=ev)
    finally:
        handle.inner_test = original
        if keyed:
            c.property._hypothesis_internal_use_seed = None


_BLOB = re.compile(r"@reproduce_failure\('([^']+)', (b'[^']*')\)")


def _blob(exc: BaseException) -> dict[str, str] | None:
    """Hypothesis' ``@reproduce_failure`` blob in the notes of ``exc``, if any."""
    for n in getattr(exc, "__notes__", []):
        m = _BLOB.search(n)
        if m:
            return {"hypothesis": m.group(1), "blob": m.group(2)[2:-1]}
    return None


def _reproduction(claim_id: str, values: dict[str, Any] | None, blob: dict[str, str] | None,
                  exc: ClaimViolation) -> str | None:
    """A line that replays the refutation when pasted into Python, on any Hypothesis if it can."""
    if values is not None:
        text = json.dumps(values, ensure_ascii=False, separators=(", ", ": "))
        return f"from theorems.replay import replay; replay({claim_id!r}, values={text!r})"
    # Hypothesis says "Falsifying explicit example" (older) or "Failing explicit example" (newer):
    # a pinned @example, which replay(id) reruns on any version
    if any(re.match(r"(Falsifying|Failing) explicit example", n) for n in getattr(exc, "__notes__", [])):
        return f"from theorems.replay import replay; replay({claim_id!r})"
    if blob is not None:  # bound to the Hypothesis version that wrote it
        return (f"from theorems.replay import replay; "
                f"replay({claim_id!r}, {blob['hypothesis']!r}, {blob['blob'].encode()!r})")
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


def _error_text(exc: BaseException) -> str:
    """The record of a crash: the exception's type and message first, then the rest.

    The verdict table shows the first line, so it leads with ``TypeError: ...`` rather than
    with Hypothesis' notes (the ``@reproduce_failure`` blob, the falsifying example), which
    follow it, with the last frames of the traceback.
    """
    message = str(exc).strip()
    head_line = f"{type(exc).__name__}: {message.splitlines()[0]}" if message else type(exc).__name__
    tb = "".join(traceback.format_exception(exc, limit=-3)).rstrip()
    return f"{head_line}\n{tb}"


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
    failing = _Failing()
    in_property = False
    try:
        if c.proof_fn is not None:
            scope, proof_seconds = _run_proof(c, ev)
        ev.in_proof = not c.is_search
        in_property = True
        if c.is_search:
            _run_search(c, ev, failing)
        else:
            c.property(evidence=ev)
    except ClaimViolation as exc:
        violation = exc
    except Exception as exc:  # a crash is neither a proof nor a refutation
        error = _error_text(exc)
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

    values, note, blob = None, None, None
    if violation is not None:
        blob = _blob(violation)
        if not in_property:
            note = "the claim's proof refuted it (it runs once and takes no arguments)"
        elif not c.is_search:
            values = {}  # a property that runs once: replay(id) reruns it
        elif failing.seen:
            values, note = failing.values, failing.note
        else:
            note = "no failing call of the property was seen"
    worst = ev.worst
    return Result(
        id=c.id, role=str(c.role), kind=str(c.kind), catalogue=c.catalogue, source=str(c.source),
        statement=c.statement, verdict=None if verdict is None else str(verdict), ok=ok, outcome=outcome,
        examples=ev.n_examples, checks=ev.n_checks,
        worst_ratio=None if worst is None else worst.ratio,
        worst_where={} if worst is None else worst.at, worst_name=None if worst is None else worst.name,
        counterexample=None if violation is None else _counterexample(violation),
        counterexample_values=values, counterexample_note=note, reproduce_blob=blob,
        reproduce=(None if violation is None or not in_property
                   else _reproduction(c.id, values, blob, violation)),
        proofs=list(ev.proofs), certificates=list(ev.certificates), undecided=list(ev.undecided),
        statistics=list(ev.statistics), figures=dict(ev.figures), error=error, seconds=seconds,
        origin=c.origin, scope=scope if verdict is Verdict.PROVED or ev.proofs else None,
        proof_seconds=proof_seconds,
    )
