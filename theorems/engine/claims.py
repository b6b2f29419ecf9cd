"""The claim model: metadata and property, written once.

A claim is a property function decorated with :func:`claim`; its negative
controls hang off it (``@my_claim.control("…")``) and an optional proof that
covers the whole statement hangs off it too (``@my_claim.proof``).  The
registry built here is the single source of the catalogue
(``python -m theorems list``, ``docs/claims.md``), of the checker's items and of
the JSON records.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["BUILT_IN", "REGISTRY", "Claim", "Kind", "Role", "Source", "all_claims", "claim", "get_claim",
           "origin_of", "set_origin"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Kind(enum.StrEnum):
    """What sort of mathematical statement a claim is."""

    IDENTITY = "identity"
    BOUND = "bound"
    RATE = "rate"
    STATISTICAL = "statistical"
    EXISTENCE = "existence"


class Role(enum.StrEnum):
    """How the checker treats a property's outcome."""

    CLAIM = "claim"            #: must not be refuted
    AS_STATED = "as_stated"    #: the lecture's literal wording; must be refuted
    CONTROL = "control"        #: a hypothesis dropped or a constant sharpened; must be refuted


@dataclass(frozen=True)
class Source:
    """Where a claim comes from.

    Parameters
    ----------
    reference : str
        Paper and year, with the theorem number where known.
    lecture : str, optional
        Section of the lecture 「深層学習・人工知能の数理」 (今泉 2024).  Required for the
        claims of this repository; a claim from outside the lecture (``--claims-path``, an
        entry point) may have none.
    """

    reference: str
    lecture: str | None = None

    def __str__(self) -> str:
        return self.reference if self.lecture is None else f"{self.reference} [{self.lecture}]"


@dataclass(eq=False)
class Claim:
    """A claim (or control, or literal lecture statement) and its property."""

    id: str
    kind: Kind
    statement: str
    formula: str
    source: Source
    hypotheses: tuple[str, ...]
    implicit: tuple[str, ...]
    #: the catalogue entry ("C12"); None for a claim from outside the lecture that has none
    catalogue: str | None
    role: Role
    property: Callable
    module: str
    parent: Claim | None = None
    corrects: str | None = None
    controls: list[Claim] = field(default_factory=list)
    proof_fn: Callable | None = None
    #: what the proof covers ("all m ≥ 1", "d = 2, N = 3"); None for a proof that does not say
    proof_scope: str | None = None
    origin: str = "built-in"
    #: position in the order of declaration (import order of the parts' modules, then source order)
    seq: int = 0

    @property
    def is_built_in(self) -> bool:
        """Whether the claim is one of this repository's own (a module of :mod:`theorems`)."""
        return self.origin == BUILT_IN

    @property
    def expects_refutation(self) -> bool:
        return self.role is not Role.CLAIM

    @property
    def is_search(self) -> bool:
        """Whether the property is a Hypothesis search (``@given``) or runs once."""
        return hasattr(self.property, "hypothesis")

    @property
    def part(self) -> str:
        """The part of the lecture the claim belongs to: ``theorems.<part>`` for a claim declared
        in ``theorems/<part>.py`` or in a module of the package ``theorems/<part>/``; the
        declaring module itself for a claim from outside the package."""
        return part_of(self.module)

    @property
    def section(self) -> str:
        return self.part.rsplit(".", 1)[-1]

    def control(self, dropped: str, *, formula: str | None = None) -> Callable[[Callable], Claim]:
        """Declare a negative control: ``dropped`` says which hypothesis is dropped or what is changed.

        The control's property is written like the claim's and must be refuted.
        """
        if self.role is not Role.CLAIM:
            raise ValueError(f"control on {self.id!r}: controls hang off claims, not off {self.role} records")

        def register(fn: Callable) -> Claim:
            name = getattr(fn, "__name__", None)
            name = name.removeprefix(f"{self.id}_")
            _check_property(fn, f"control of {self.id}")
            ctl = Claim(
                id=f"{self.id}/{name}", kind=self.kind, statement=dropped,
                formula=formula or self.formula, source=self.source,
                hypotheses=self.hypotheses, implicit=self.implicit, catalogue=self.catalogue,
                role=Role.CONTROL, property=fn, module=fn.__module__, parent=self,
            )
            _register(ctl)
            self.controls.append(ctl)
            return ctl

        return register

    def proof(self, fn: Callable | None = None, *, scope: str | None = None):
        """Attach a proof that covers the whole statement (symbolic, or certified on the whole domain).

        Use as ``@my_claim.proof(scope="all m ≥ 1")``: the scope says for which parameters the
        proof holds ("all d, N ≥ 1", "d = 2, N = 3", "every X of full row rank") and is shown
        beside the verdict.  The proof runs once; the claim's property remains the search that
        cross-checks the constructed objects against the proved formula.  A proof that raises
        :class:`~theorems.engine.evidence.InconclusiveProof` (sympy could not decide, a solver
        timed out) is recorded as undecided with its reason, never as a proof.
        """
        if scope is not None and (not isinstance(scope, str) or not scope.strip()):
            raise ValueError(f"proof of {self.id!r}: scope={scope!r} must be a non-empty string")

        def attach(f: Callable) -> Callable:
            if hasattr(f, "hypothesis"):
                raise ValueError(f"proof of {self.id!r} must run once: it cannot be a @given search")
            self.proof_fn = f
            self.proof_scope = scope
            return f

        return attach if fn is None else attach(fn)


REGISTRY: dict[str, Claim] = {}

#: The origin of the claims declared in the modules of this package.
BUILT_IN = "built-in"

#: Origins of claim modules loaded from outside the package, by module (or package) name.
_ORIGINS: dict[str, str] = {}


def origin_of(module: str) -> str:
    """Where the claims declared in ``module`` come from.

    ``"built-in"`` for the modules of :mod:`theorems`; what :func:`set_origin` recorded for
    external modules (``"entry point <dist>:<name>"``, ``"path <DIR>"``) or their packages;
    else ``"module <name>"``.
    """
    if module == "theorems" or module.startswith("theorems."):
        return BUILT_IN
    parts = module.split(".")
    for k in range(len(parts), 0, -1):
        origin = _ORIGINS.get(".".join(parts[:k]))
        if origin is not None:
            return origin
    return f"module {module}"


def set_origin(module: str, origin: str) -> None:
    """Record that ``module`` (and its submodules) come from ``origin``; updates registered claims."""
    if not origin.strip():
        raise ValueError(f"origin={origin!r} must be a non-empty string")
    _ORIGINS[module] = origin
    for c in REGISTRY.values():
        c.origin = origin_of(c.module)


_SEQ = itertools.count()


def part_of(module: str) -> str:
    """``theorems.<part>`` for ``theorems.<part>`` and ``theorems.<part>.<sub>``; else ``module``."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "theorems" and len(parts) > 2 else module


def _register(c: Claim) -> None:
    if c.id in REGISTRY and REGISTRY[c.id].module != c.module:
        raise ValueError(f"claim id {c.id!r} is declared twice ({REGISTRY[c.id].module} and {c.module})")
    c.origin = origin_of(c.module)
    c.seq = REGISTRY[c.id].seq if c.id in REGISTRY else next(_SEQ)
    REGISTRY[c.id] = c


def _check_property(fn: Callable, what: str) -> None:
    target = getattr(getattr(fn, "hypothesis", None), "inner_test", fn)
    params = inspect.signature(target).parameters
    if "evidence" not in params:
        raise ValueError(f"{what}: the property {fn.__name__!r} must take an 'evidence' argument")


def claim(*, id: str, kind: Kind, statement: str, formula: str, source: Source,
          hypotheses, implicit=(), catalogue: str | None = None, as_stated: bool = False,
          corrects: str | None = None) -> Callable[[Callable], Claim]:
    """Declare a claim: its metadata and its property, in one place.

    Parameters
    ----------
    id : str
        Stable snake_case id from the catalogue (``yarotsky_square``); a literal
        lecture statement that is false ends in ``_as_stated``.
    kind : Kind
    statement, formula : str
        One line in words; the formula.
    source : Source
    hypotheses, implicit : sequence of str
        The hypotheses the lecture states, and those it leaves implicit.
    catalogue : str, optional
        The entry of the lecture's catalogue of claims (``"C12"``; ``python -m theorems list``
        shows them).  Required for the claims of this repository (and so is the source's
        ``lecture`` section); a claim from outside the lecture may leave both out.
    as_stated : bool
        The lecture's literal wording, expected to be refuted.
    corrects : str, optional
        For a corrected claim, the id of the ``_as_stated`` record it corrects.
    """
    if not isinstance(id, str) or not _ID.match(id):
        raise ValueError(f"id={id!r} must be snake_case ASCII")
    if as_stated != id.endswith("_as_stated"):
        raise ValueError(f"id={id!r}: a literal lecture statement, and only one, ends in '_as_stated'")
    for name, value in (("statement", statement), ("formula", formula), ("catalogue", catalogue)):
        if (value is not None or name != "catalogue") and (not isinstance(value, str) or not value.strip()):
            raise ValueError(f"claim {id!r}: {name} must be a non-empty string")
    if not isinstance(source, Source):
        raise ValueError(f"claim {id!r}: source must be a Source")
    if source.lecture is not None and (not isinstance(source.lecture, str) or not source.lecture.strip()):
        raise ValueError(f"claim {id!r}: Source(lecture={source.lecture!r}) must be a non-empty string or None")
    hypotheses, implicit = tuple(hypotheses), tuple(implicit)
    if not hypotheses:
        raise ValueError(f"claim {id!r}: hypotheses must list at least one hypothesis")

    def register(fn: Callable) -> Claim:
        _check_property(fn, f"claim {id}")
        if origin_of(fn.__module__) == BUILT_IN:
            missing = [w for w, v in (("catalogue=", catalogue), ("Source(lecture=...)", source.lecture))
                       if v is None]
            if missing:
                raise ValueError(f"claim {id!r}: a claim of the lecture needs {' and '.join(missing)} "
                                 "(only claims from outside the package may leave them out)")
        c = Claim(id=id, kind=Kind(kind), statement=statement, formula=formula, source=source,
                  hypotheses=hypotheses, implicit=implicit, catalogue=catalogue,
                  role=Role.AS_STATED if as_stated else Role.CLAIM, property=fn,
                  module=fn.__module__, corrects=corrects)
        _register(c)
        return c

    return register


def all_claims(*, include_controls: bool = True) -> list[Claim]:
    """Every registered record, in declaration order."""
    return [c for c in REGISTRY.values() if include_controls or c.role is not Role.CONTROL]


def get_claim(claim_id: str) -> Claim:
    try:
        return REGISTRY[claim_id]
    except KeyError:
        raise ValueError(f"unknown claim id {claim_id!r}; `python -m theorems list` shows the ids") from None
