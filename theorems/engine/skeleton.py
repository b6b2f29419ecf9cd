"""``python -m theorems new``: append a claim skeleton to a claim module.

The skeleton has every piece a claim needs (metadata, a Hypothesis property, one
negative control, the docstring headings of docs/extending.md) and cannot pass before it is
filled in: both properties raise :class:`NotImplementedError`, which the checker
reports as an error, never as a verdict.  docs/extending.md says how to fill it.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from theorems.engine.claims import _ID, REGISTRY, Kind
from theorems.engine.sections import SECTIONS, load_all

__all__ = ["SkeletonError", "claim_skeleton", "write_skeleton"]

PACKAGE_DIR = Path(__file__).resolve().parents[1]


class SkeletonError(ValueError):
    """A request the skeleton writer refuses; the message is one readable line."""


#: Per kind: the Hypothesis arguments of the skeleton, and the evidence to record.
_KIND_HINTS = {
    Kind.IDENTITY: ("n=st.integers(min_value=1, max_value=20)",
                    "evidence.exact(lhs, rhs, name=...) for exact numbers, or evidence.close(lhs, rhs, "
                    "rtol=..., name=..., why=...) for floats"),
    Kind.BOUND: ("n=st.integers(min_value=1, max_value=20)",
                 "evidence.bound(lhs, rhs, name=..., rhs_name=..., at=...); evidence.certified(...) for a "
                 "certified sup-norm bound"),
    Kind.RATE: ("n=st.integers(min_value=1, max_value=20)",
                "evidence.bound(error, C * n ** -rate, ...) with an explicit constant C, or a log-log slope "
                "fitted on a geometric sweep (constructions.approximation.rates)"),
    Kind.STATISTICAL: ("seed=st.integers(min_value=0, max_value=2**32 - 1)",
                       "evidence.confidence(estimate, stderr, truth, name=..., alpha=1e-6) with "
                       "rng = np.random.default_rng(seed)"),
    Kind.EXISTENCE: ("n=st.integers(min_value=1, max_value=20)",
                     "build the object with constructions/, then evidence.exact / bound / certified on it"),
}


def claim_skeleton(claim_id: str, *, kind: str, lecture: str | None) -> str:
    """The source text of a claim skeleton with one control (no imports).

    ``lecture=None`` writes a claim from outside the lecture: no catalogue entry and no lecture
    section (both are optional for such a claim).
    """
    kind = Kind(kind)
    given_args, hint = _KIND_HINTS[kind]
    arg = given_args.split("=", 1)[0]
    # break at spaces only: a break after a hyphen ("sup-" / "norm") would read "sup- norm"
    pieces = textwrap.wrap(f"claim {claim_id}: build the objects, then record {hint}", 80,
                           break_on_hyphens=False)
    message = "\n".join("        " + repr(p + (" " if i < len(pieces) - 1 else "")) for i, p in enumerate(pieces))
    catalogue = "" if lecture is None else ', catalogue="C??"'
    section = "" if lecture is None else f', lecture="{lecture}"'
    return f'''

@claim(
    id="{claim_id}", kind=Kind.{kind.name}{catalogue},
    statement="(one line in words: what is claimed, for which objects)",
    formula="(the formula, as the source writes it)",
    source=Source("(authors year, venue, theorem number)"{section}),
    hypotheses=("(each hypothesis the source states)",),
    implicit=("(each hypothesis the source leaves implicit)",),
)
@given({given_args})
def {claim_id}({arg}, evidence):
    """(One line in words.)

    Statement: (the precise statement checked).
    Checked as: (identity / certified bound / search / statistical test, and how).
    Domain: (the ranges the strategies actually explore).
    Deviation from the lecture: (none, or what differs and why).
    """
    raise NotImplementedError(
{message})


@{claim_id}.control("(which hypothesis is dropped, or what is changed)")
@given({given_args})
def {claim_id}_without_hypothesis({arg}, evidence):
    raise NotImplementedError("control of {claim_id}: change one thing so that the claim fails, "
                              "and record the same evidence as the claim")
'''


_NEW_MODULE = '''"""Claims: {claim_id} (an external claim module; see docs/extending.md)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from theorems import Kind, Source, claim
'''


def _target(section: str | None, target: str | None) -> tuple[Path, str | None, bool]:
    """(file, lecture name, inside the package?) for the options of ``new``."""
    if target is not None:
        path = Path(target).resolve()
        if not path.parent.is_dir() or path.is_dir() or path.suffix != ".py":
            raise SkeletonError(f"new: --target {target}: must be a .py file in an existing directory")
        inside = path.parent.parent == PACKAGE_DIR
        section_of = next((s for s in SECTIONS if inside and s.module == path.parent.name), None)
        if section_of is None and inside:
            return path, "(lecture section)", inside
        return path, section_of.lecture if section_of else None, inside
    if section is None:
        raise SkeletonError("new: --section is required (one of: "
                            f"{', '.join(s.module for s in SECTIONS)}), or --target FILE")
    found = next((s for s in SECTIONS if s.module == section), None)
    if found is None:
        raise SkeletonError(f"new: --section {section!r} is not a lecture section (one of: "
                            f"{', '.join(s.module for s in SECTIONS)})")
    return PACKAGE_DIR / section / "{claim_id}.py", found.lecture, True


def _bound_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _with_imports(text: str, *, inside: bool) -> str:
    """``text`` with the imports the skeleton uses added after its last top-level import."""
    tree = ast.parse(text)
    bound = _bound_names(tree)
    claims_from = "theorems"  # the authors' surface, inside the package and out
    wanted = [("given", "from hypothesis import given"),
              ("st", "from hypothesis import strategies as st"),
              ("claim", f"from {claims_from} import Kind, Source, claim")]
    missing = [line for name, line in wanted if name not in bound]
    if "claim" in bound and not {"Kind", "Source"} <= bound:
        missing.append(f"from {claims_from} import Kind, Source")
    if not missing:
        return text
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    lines = text.splitlines(keepends=True)
    if imports:
        at = imports[-1].end_lineno
    elif tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
        at = tree.body[0].end_lineno  # after the module docstring
    else:
        at = 0
    block = "".join(line + "\n" for line in missing)
    if at and not lines[at - 1].endswith("\n"):
        block = "\n" + block
    return "".join(lines[:at]) + block + "".join(lines[at:])


def write_skeleton(claim_id: str, *, kind: str, section: str | None = None,
                   target: str | Path | None = None) -> Path:
    """Write the skeleton of ``claim_id`` (with one control); return the file written.

    With ``section``, a new file ``theorems/<section>/<claim_id>.py`` in the part's package
    (refused if it exists: nothing tracked is edited); with ``target``, appended to that file
    (created with a docstring if missing).  Imports the skeleton needs are added when the file
    lacks them.

    Raises
    ------
    SkeletonError
        For an id that is not snake_case, ends in ``_as_stated`` or exists already (in the
        registry or in the file), an unknown kind or section, or no section and no target.
    """
    if not isinstance(claim_id, str) or not _ID.match(claim_id):
        raise SkeletonError(f"new: claim id {claim_id!r} must be snake_case ASCII (a-z, 0-9, _; a letter first)")
    if claim_id.endswith("_as_stated"):
        raise SkeletonError(f"new: {claim_id!r}: write the lecture's literal wording (_as_stated) by hand, "
                            "next to the claim that corrects it (docs/extending.md)")
    try:
        Kind(kind)
    except ValueError:
        raise SkeletonError(f"new: --kind {kind!r} is not a kind (one of: {', '.join(map(str, Kind))})") from None
    path, lecture, inside = _target(section, None if target is None else str(target))
    if target is None:
        # a part's new claim gets a file of its own in the part's package: nothing tracked is edited
        path = Path(str(path).format(claim_id=claim_id))
        if path.exists():
            raise SkeletonError(f"new: {path} exists already; choose another id or edit that file")
    load_all()
    if claim_id in REGISTRY:
        raise SkeletonError(f"new: claim id {claim_id!r} exists already (in {REGISTRY[claim_id].module})")
    text = path.read_text(encoding="utf-8") if path.exists() else _NEW_MODULE.format(claim_id=claim_id)
    if re.search(rf'''\bid=["']{claim_id}["']|^def {claim_id}\b''', text, flags=re.MULTILINE):
        raise SkeletonError(f"new: claim id {claim_id!r} exists already in {path}")
    try:
        text = _with_imports(text, inside=inside)
    except SyntaxError as exc:
        raise SkeletonError(f"new: {path} does not parse ({exc.msg}, line {exc.lineno}); fix it first") from None
    path.write_text(text.rstrip("\n") + "\n" + claim_skeleton(claim_id, kind=kind, lecture=lecture),
                    encoding="utf-8")
    return path
