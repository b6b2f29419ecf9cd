"""Evidence: what a property records while Hypothesis runs it.

One :class:`Evidence` object per run of a claim.  Every comparison a property
makes goes through it, so that the verdict can be *derived* from what was
actually shown (:mod:`theorems.engine.verdicts`) and a failed comparison raises one
exception type, :class:`ClaimViolation`, whose message has one grammar (docs/extending.md)::

    |g(x) − 1(x)|=0.31, but should be <= 2e^{-aδ}=0.0135 (ratio 23) [claim sigmoid_rectangle: a=50, x=-0.7]
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

__all__ = ["ClaimViolation", "Evidence", "InconclusiveProof", "Worst", "format_value"]

_RELATIONS = {"==": operator.eq, "<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}


class ClaimViolation(AssertionError):
    """A property found a counterexample to the statement it checks."""

    def __init__(self, message: str, *, at: dict[str, Any] | None = None, ratio: float | None = None):
        super().__init__(message)
        self.at = dict(at or {})
        self.ratio = ratio


class InconclusiveProof(RuntimeError):
    """A symbolic check could neither prove nor refute its statement.

    This is an error of the claim's author (choose another proof route), never
    a verdict: a proof that does not go through is not evidence either way.
    """


def format_value(v: Any) -> str:
    """Short, readable rendering of a number for failure messages."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | np.integer):
        return str(int(v))
    if isinstance(v, Fraction):
        return str(v) if v.denominator == 1 else f"{v} (≈{float(v):.6g})"
    if isinstance(v, float | np.floating):
        return f"{float(v):.6g}"
    if isinstance(v, sympy.Basic):
        return str(v)
    if isinstance(v, np.ndarray):
        return np.array2string(v, precision=6, threshold=8)
    if isinstance(v, tuple | list):
        return "(" + ", ".join(format_value(x) for x in v) + ")"
    return repr(v)


def _format_at(at: dict[str, Any] | None) -> str:
    return ", ".join(f"{k}={format_value(v)}" for k, v in (at or {}).items())


@dataclass
class Worst:
    """The comparison that came closest to a violation: ratio lhs/rhs and where."""

    ratio: float
    name: str
    at: dict[str, Any]


@dataclass(repr=False)
class Evidence:
    """Recorder of one claim run.

    Methods
    -------
    exact(lhs, rhs, relation)        integers, fractions, sympy numbers; no tolerance
    close(lhs, rhs, rtol=, atol=)    floating identity with a named tolerance
    bound(lhs, rhs)                  inequality lhs <= rhs; steers Hypothesis with ``target``
    symbolic(lhs, rhs, relation)     sympy proof of an identity or inequality for all values
    certified(enclosure, eps)        a certified sup-norm enclosure (constructions.certification)
    statistical(p_value, alpha)      a test with a designed false-alarm rate
    confidence(estimate, stderr, truth, alpha)  z-test of an estimate against its formula
    """

    claim_id: str
    n_examples: int = 0
    n_checks: int = 0
    worst: Worst | None = None
    proofs: list[str] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)
    undecided: list[dict[str, Any]] = field(default_factory=list)
    statistics: list[dict[str, Any]] = field(default_factory=list)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: wall time of the rigorous re-checks of the certificates recorded (``certified``)
    recheck_seconds: float = 0.0
    in_proof: bool = False
    _targets: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:  # shown in Hypothesis' "Falsifying example" line
        return "evidence"

    def _repr_pretty_(self, p, cycle) -> None:  # Hypothesis' pretty printer
        p.text("evidence")

    # -- bookkeeping used by the runner ---------------------------------
    def begin_example(self) -> None:
        self.n_examples += 1
        self._targets = {}

    def end_example(self) -> None:
        from hypothesis import target

        for label, value in self._targets.items():
            if math.isfinite(value):
                target(value, label=label)
        self._targets = {}

    @property
    def proved(self) -> bool:
        """A proof or certificate that covers the whole claim was recorded."""
        return any(c["whole_claim"] for c in self.certificates) or bool(self.proofs)

    # -- recording helpers ----------------------------------------------
    def _fail(self, message: str, at: dict[str, Any] | None, ratio: float | None = None):
        from hypothesis import note
        from hypothesis.control import currently_in_test_context

        where = _format_at(at)
        full = f"{message} [claim {self.claim_id}{': ' + where if where else ''}]"
        if self.n_examples and not self.in_proof and currently_in_test_context():
            note(full)
        raise ClaimViolation(full, at=at, ratio=ratio)

    def _observe(self, ratio: float, name: str, at: dict[str, Any] | None) -> None:
        self.n_checks += 1
        if not math.isfinite(ratio):
            return
        if self.worst is None or ratio > self.worst.ratio:
            self.worst = Worst(ratio=ratio, name=name, at=dict(at or {}))
        if self.n_examples and not self.in_proof:
            self._targets[name] = max(ratio, self._targets.get(name, -math.inf))

    # -- exact comparisons ----------------------------------------------
    def exact(self, lhs, rhs, relation: str = "==", *, name: str = "lhs", rhs_name: str | None = None,
              at: dict[str, Any] | None = None) -> None:
        """Record ``lhs <relation> rhs`` for exact numbers (int, Fraction, sympy); no tolerance.

        ``name`` (default ``"lhs"``) and ``rhs_name`` label the two sides in the failure message.
        """
        if relation not in _RELATIONS:
            raise ValueError(f"relation={relation!r}; allowed: {', '.join(_RELATIONS)}")
        for side, v in (("lhs", lhs), ("rhs", rhs)):
            if isinstance(v, float | np.floating):
                raise TypeError(f"exact(): {side}={v!r} is a float; use close() or bound() for floats")
        holds = _RELATIONS[relation](lhs, rhs)
        if isinstance(holds, sympy.Basic):
            if holds not in (sympy.true, sympy.false):
                raise InconclusiveProof(f"exact(): {name} {relation} {rhs_name or rhs} did not evaluate to a truth value")
            holds = bool(holds)
        if not holds:
            self.n_checks += 1
            self._fail(f"{name}={format_value(lhs)}, but should be {relation} "
                       f"{rhs_name + '=' if rhs_name else ''}{format_value(rhs)}", at)
        ratio = _exact_ratio(lhs, rhs, relation)
        if ratio is None:
            self.n_checks += 1
        else:  # an inequality between positive numbers: steer the search towards equality
            self._observe(ratio, name, at)

    # -- floating point --------------------------------------------------
    def close(self, lhs, rhs, *, rtol: float, atol: float = 0.0, name: str, why: str,
              at: dict[str, Any] | None = None) -> None:
        """Record lhs ≈ rhs elementwise: |lhs − rhs| <= atol + rtol·|rhs|.

        ``why`` says where the tolerance comes from (see :mod:`theorems.tolerances`).
        """
        if not why:
            raise ValueError("close(): why must justify the tolerance")
        lhs_a, rhs_a = np.broadcast_arrays(np.asarray(lhs, dtype=float), np.asarray(rhs, dtype=float))
        if lhs_a.size == 0:
            raise ValueError(f"close(): {name} is empty; nothing would be checked")
        allowed = atol + rtol * np.abs(rhs_a)
        err = np.abs(lhs_a - rhs_a)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(allowed > 0, err / allowed, np.where(err > 0, np.inf, 0.0))
        i = int(np.argmax(ratio)) if ratio.size else 0
        where = _pick(at, i, lhs_a.shape)
        r = float(ratio.flat[i]) if ratio.size else 0.0
        if not np.all(np.isfinite(lhs_a)) or err.flat[i] > allowed.flat[i]:
            bad = int(np.argmax(~np.isfinite(lhs_a))) if not np.all(np.isfinite(lhs_a)) else i
            where = _pick(at, bad, lhs_a.shape)
            self.n_checks += 1
            self._fail(f"{name}={format_value(lhs_a.flat[bad])}, but should be "
                       f"{format_value(rhs_a.flat[bad])} within rtol={rtol:.3g}, atol={atol:.3g} "
                       f"({why}; ratio {r:.3g})", where, r)
        self._observe(r, name, where)

    def bound(self, lhs, rhs, *, name: str, rhs_name: str, at: dict[str, Any] | None = None,
              slack: float = 0.0, why_slack: str | None = None) -> None:
        """Record lhs <= rhs (+ slack) elementwise, keeping the worst ratio lhs/rhs.

        ``slack`` is for evaluation round-off only and needs ``why_slack``.
        The largest ratio of the example feeds ``hypothesis.target``.
        """
        if slack and not why_slack:
            raise ValueError("bound(): a non-zero slack needs why_slack")
        lhs_a, rhs_a = np.broadcast_arrays(np.asarray(lhs, dtype=float), np.asarray(rhs, dtype=float))
        if lhs_a.size == 0:
            raise ValueError(f"bound(): {name} is empty; nothing would be checked")
        excess = lhs_a - rhs_a - slack
        excess = np.where(np.isnan(excess), np.inf, excess)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(rhs_a > 0, lhs_a / rhs_a, np.where(lhs_a > 0, np.inf, 0.0))
        i = int(np.argmax(excess))
        where = _pick(at, i, lhs_a.shape)
        if excess.flat[i] > 0:
            self.n_checks += 1
            r = float(ratio.flat[i])
            self._fail(f"{name}={format_value(lhs_a.flat[i])}, but should be <= "
                       f"{rhs_name}={format_value(rhs_a.flat[i])} (ratio {r:.4g})", where, r)
        j = int(np.nanargmax(ratio)) if np.any(~np.isnan(ratio)) else i
        self._observe(float(ratio.flat[j]), name, _pick(at, j, lhs_a.shape))

    # -- proofs ------------------------------------------------------------
    def symbolic(self, lhs, rhs=0, relation: str = "==", *, name: str, assumptions: str = "") -> None:
        """Prove ``lhs <relation> rhs`` for all values of its symbols with sympy.

        ``==`` is proved when ``simplify(lhs − rhs)`` is 0; ``<=`` / ``>=`` when
        the difference is provably non-negative under the symbols' assumptions
        (``sympy.Symbol(..., positive=True)`` etc., summarised in ``assumptions``).
        A difference that sympy shows to be a non-zero number refutes; anything
        else raises :class:`InconclusiveProof`.
        """
        lhs, rhs = sympy.sympify(lhs), sympy.sympify(rhs)
        if relation == "==":
            diff = sympy.simplify(lhs - rhs)
            ok = diff == 0
            bad = diff.is_zero is False and not diff.free_symbols
        elif relation in ("<=", ">="):
            diff = sympy.factor(sympy.simplify(rhs - lhs if relation == "<=" else lhs - rhs))
            ok = diff.is_nonnegative is True
            bad = diff.is_negative is True
        else:
            raise ValueError(f"relation={relation!r}; allowed: '==', '<=', '>='")
        self.n_checks += 1
        if ok:
            self.proofs.append(f"{name}: {lhs} {relation} {rhs}" + (f" ({assumptions})" if assumptions else ""))
            return
        if bad:
            self._fail(f"{name}: {lhs} {relation} {rhs} is false (difference {diff})", None)
        raise InconclusiveProof(f"{name}: sympy could not decide {lhs} {relation} {rhs} "
                                f"(difference {diff}); give the symbols assumptions or another route")

    def certified(self, enclosure, eps: float, *, name: str, domain: str,
                  at: dict[str, Any] | None = None) -> None:
        """Record a certified two-sided enclosure of a supremum against ``eps``.

        ``enclosure`` has ``lower``, ``upper`` and ``witness`` (see
        :mod:`constructions.certification`).  ``upper <= eps`` certifies the
        bound on ``domain``; ``lower > eps`` refutes it at the witness; otherwise
        the gap is recorded as undecided (never as a proof).

        Only an end that the rigorous re-check in ball arithmetic confirmed
        (``enclosure.upper_rigorous`` / ``lower_rigorous``, set by
        ``certify_sup_error``) decides anything: a certificate whose re-check
        failed or never ran is not a certificate, and is recorded as undecided
        with the re-check's reason — not as a proof, and not as a refutation
        either, since the claim has not been shown false.  The record keeps the
        re-check's method and time.
        """
        lower, upper = float(enclosure.lower), float(enclosure.upper)
        upper_ok = bool(getattr(enclosure, "upper_rigorous", False))
        lower_ok = bool(getattr(enclosure, "lower_rigorous", False))
        record = {"name": name, "domain": domain, "lower": lower, "upper": upper, "eps": float(eps),
                  "whole_claim": self.in_proof, "at": dict(at or {}),
                  "recheck": getattr(enclosure, "recheck_method", "none")}
        # the time goes to a total, not into the record: records must not differ between runs
        self.recheck_seconds += float(getattr(enclosure, "recheck_seconds", 0.0))
        note = getattr(enclosure, "recheck_note", "") or "the enclosure was not re-checked rigorously"
        if lower > eps and lower_ok:
            self.n_checks += 1
            where = dict(at or {}, witness=getattr(enclosure, "witness", None))
            self._fail(f"sup {name} >= {lower:.6g} (witnessed), but should be <= {eps:.6g} on {domain}",
                       where, lower / eps if eps > 0 else math.inf)
        if upper <= eps and upper_ok:
            self.certificates.append(record)
        else:
            if (upper <= eps and not upper_ok) or (lower > eps and not lower_ok):
                record["why"] = f"re-check failed: {note}"
            self.undecided.append(record)
        self._observe(lower / eps if eps > 0 else math.inf, name, at)

    # -- pictures --------------------------------------------------------------
    def figure(self, name: str, **data) -> None:
        """Keep the data a figure of this claim is drawn from (the last call per name wins).

        The data must be what the property computed, not a second computation:
        arrays, numbers and strings, drawn later by :mod:`theorems.report.figures`
        (``python -m theorems report``) and written to the JSON of ``check --json``
        under ``results[i].figures[name]``.  Record it once (on one representative
        example, or in a ``.proof`` / run-once property), not on every example.

        Schema (keys other than these are kept in the JSON and ignored when drawing):

        ``kind="lines"``
            ``title``, ``xlabel``, ``ylabel`` (str); ``logx``, ``logy`` (bool);
            ``series``: list of ``{"x": [...], "y": [...], "label": str,
            "style": "line" | "points" | "step" | "dashed", "yerr": [...] (optional)}``;
            non-positive values are dropped on a log axis; ``shade`` (optional): list of
            ``{"y_from": a, "y_to": b, "label": str}`` or ``{"x_from": a, "x_to": b, ...}``
            bands drawn behind the series (``None`` for an edge of the axes), e.g. the
            region where a bound is vacuous.
        ``kind="histogram"``
            ``title``, ``xlabel``, ``ylabel`` (str); ``samples``: list of numbers, drawn as a
            density-normalised histogram with ``bins`` (int, default 30) bins;
            ``overlay`` (optional): list of ``{"x": [...], "y": [...], "label": str}`` curves
            drawn over it (e.g. the density the samples should follow).

        Example: ``evidence.figure("error against W", kind="lines", title="…", xlabel="W",
        ylabel="sup error", logx=True, logy=True, series=[{"x": W, "y": err, "label":
        "measured", "style": "points"}])``.
        """
        self.figures[name] = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in data.items()}

    # -- statistics ----------------------------------------------------------
    def statistical(self, *, name: str, test: str, p_value: float, alpha: float,
                    at: dict[str, Any] | None = None) -> None:
        """Record a hypothesis test: the claim is rejected when ``p_value < alpha``.

        ``alpha`` is the designed false-alarm rate of this one test.
        """
        if not 0 < alpha < 0.5:
            raise ValueError(f"alpha={alpha!r}; allowed: 0 < alpha < 0.5")
        self.statistics.append({"name": name, "test": test, "p_value": float(p_value), "alpha": alpha,
                                "at": dict(at or {})})
        self.n_checks += 1
        if p_value < alpha:
            self._fail(f"{name}: {test} p={p_value:.3g}, but should be >= α={alpha:.3g} "
                       "(designed false-alarm rate)", at)

    def confidence(self, estimate: float, stderr: float, truth: float, *, name: str, alpha: float,
                   at: dict[str, Any] | None = None) -> None:
        """Two-sided z-test of a Monte Carlo ``estimate`` (with ``stderr``) against its formula ``truth``."""
        from scipy.stats import norm

        if not stderr > 0:
            raise ValueError(f"stderr={stderr!r}; allowed: stderr > 0")
        z = abs(estimate - truth) / stderr
        p = float(2 * norm.sf(z))
        half = float(norm.isf(alpha / 2) * stderr)
        self.statistical(name=f"{name}={estimate:.6g} vs {truth:.6g} ± {half:.3g}", test="z-test",
                         p_value=p, alpha=alpha, at=at)


def _exact_ratio(lhs, rhs, relation: str) -> float | None:
    """lhs/rhs for ``<=``/``<`` (rhs/lhs for ``>=``/``>``) between positive reals, else None."""
    if relation in ("==",):
        return None
    num, den = (lhs, rhs) if relation in ("<=", "<") else (rhs, lhs)
    try:
        num_f, den_f = float(num), float(den)
    except (TypeError, ValueError):
        return None
    if den_f > 0 and num_f >= 0:
        return num_f / den_f
    return None


def _pick(at: dict[str, Any] | None, i: int, shape: tuple[int, ...]) -> dict[str, Any]:
    """The entries of ``at`` at flat index ``i`` (arrays aligned with the compared values)."""
    out = {}
    for k, v in (at or {}).items():
        if isinstance(v, np.ndarray) and v.shape == shape and v.ndim > 0:
            out[k] = v.flat[i].item()
        else:
            out[k] = v
    return out
