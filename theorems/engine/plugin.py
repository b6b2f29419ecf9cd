"""The pytest plugin: pytest and Hypothesis are the theorem checker's runner.

Collects every claim module of the :mod:`theorems` package as a file of
items (one per claim, per control and per literal lecture statement), runs
each through :func:`theorems.engine.runner.run_claim`, selects by ``--claim ID``,
prints the verdict table at the end and writes ``--claims-json FILE``.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from theorems.engine.claims import REGISTRY, Claim, Role
from theorems.engine.external import ExternalClaimsError, load_claims_path, load_entry_points
from theorems.engine.files import write_atomic
from theorems.engine.profiles import default_profile, register_profiles
from theorems.engine.runner import Result, claim_seed_basis, count_records, run_claim

JSON_SCHEMA = "dl-lecture-theorems/results/1"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: folders of the package that hold machinery, not claims
NOT_PARTS = ("engine", "report")
_RESULTS = pytest.StashKey[list]()
_EXTERNAL = pytest.StashKey[list]()

register_profiles()
settings.load_profile(default_profile())


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("theorems", "theorem checker")
    group.addoption("--claim", action="append", default=[], metavar="ID",
                    help="run only this claim (with its controls and literal statement), or only this control; repeatable")
    group.addoption("--claims-progress", action="store_true", default=False,
                    help="show one status line on stderr: the claim running and how many remain "
                         "(replaces the per-item letters; `python -m theorems check` sets it on a terminal)")
    group.addoption("--claims-role", action="append", default=[], choices=[str(r) for r in Role],
                    help="run only the records of this role (claim, control, as_stated); repeatable")
    group.addoption("--claims-json", metavar="FILE", default=None,
                    help="write one JSON record per claim, control and literal statement")
    group.addoption("--claims-path", action="append", default=[], metavar="DIR",
                    help="also check the claim modules DIR/*.py (not _*.py, test_*.py); repeatable")
    group.addoption("--no-entry-point-claims", action="store_true", default=False,
                    help="do not check the claims that installed packages declare (entry points "
                         "'dl_lecture_theorems.claims')")


def _order(c: Claim) -> list:
    """Lecture order of a record: section, then position of its property in the module."""
    from theorems.engine.sections import SECTIONS

    names = [f"theorems.{sec.module}" for sec in SECTIONS]
    section = names.index(c.part) if c.part in names else len(names)
    return [section, c.part, c.seq, c.id]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    props = dict(report.user_properties) if report.when == "call" else {}
    if "claim_result" in props and _COLLECTED is not None:
        _COLLECTED.append((props.get("claim_order", []), Result(**props["claim_result"])))


def _results(config: pytest.Config) -> list[Result]:
    return [r for _, r in sorted(config.stash.get(_RESULTS, []), key=lambda pair: pair[0])]


_COLLECTED: list | None = None


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    global _COLLECTED
    _COLLECTED = config.stash[_RESULTS] = []
    path = config.getoption("claims_json", None)
    if path:
        parent = Path(path).resolve().parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise pytest.UsageError(f"--claims-json={path}: directory {parent} does not exist or is not writable")
    try:
        claim_seed_basis(config.getoption("hypothesis_seed", None))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[_EXTERNAL] = []
    for directory in config.getoption("claims_path", None) or []:
        try:
            config.stash[_EXTERNAL] += load_claims_path(directory)
        except ExternalClaimsError as exc:
            raise pytest.UsageError(str(exc)) from None


class ClaimCheckFailed(Exception):
    def __init__(self, result: Result):
        super().__init__(result.outcome)
        self.result = result


class ClaimItem(pytest.Item):
    """One claim, control or literal lecture statement."""

    def __init__(self, *, claim: Claim, **kwargs):
        super().__init__(**kwargs)
        self.claim = claim

    def runtest(self) -> None:
        result = run_claim(self.claim)
        # Results travel in user_properties, so that pytest-xdist workers hand them to the controller.
        self.user_properties.append(("claim_result", result.to_json()))
        self.user_properties.append(("claim_order", _order(self.claim)))
        if not result.ok:
            raise ClaimCheckFailed(result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ClaimCheckFailed):
            r = excinfo.value.result
            lines = [f"{r.id} ({r.role}): {r.outcome}", f"  statement: {r.statement}"]
            if r.counterexample:
                lines += ["  counterexample:", *("    " + s for s in r.counterexample.splitlines())]
            if r.error:
                lines += ["  error:", *("    " + s for s in r.error.splitlines())]
            if r.role != "claim" and r.verdict != "refuted":
                lines.append("  a control or literal statement that is not refuted means the search "
                             "lost its power: strengthen the strategy, target(), or pin an @example")
            return "\n".join(lines)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"{self.claim.role} {self.claim.id}"


class ClaimModule(pytest.File):
    """A module of :mod:`theorems` that declares claims."""

    module_name: str | None = None

    def collect(self):
        modname = self.module_name or _module_name(Path(self.path).resolve())
        importlib.import_module(modname)
        for c in [c for c in REGISTRY.values() if c.module == modname and c.parent is None]:
            yield ClaimItem.from_parent(self, name=c.id, claim=c)
            for ctl in c.controls:
                yield ClaimItem.from_parent(self, name=ctl.id, claim=ctl)


def _module_name(path: Path) -> str | None:
    """``theorems.<part>`` or ``theorems.<part>.<sub>`` for a claim module of the package, else None."""
    if path.suffix != ".py" or path.name.startswith("_"):
        return None
    try:
        rel = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    except ValueError:
        return None
    if len(rel) == 1 or (len(rel) == 2 and rel[0] not in NOT_PARTS):
        return ".".join(("theorems", *rel))
    return None


def pytest_collect_file(file_path: Path, parent):
    modname = _module_name(Path(file_path).resolve())
    if modname is None:
        return None
    importlib.import_module(modname)
    if any(c.module == modname for c in REGISTRY.values()):
        return ClaimModule.from_parent(parent, path=file_path)
    return None


def _selected(c: Claim, ids: set[str]) -> bool:
    root = c.parent or c
    return c.id in ids or root.id in ids or (root.corrects in ids if root.corrects else False) or any(
        other.corrects == root.id for other in REGISTRY.values() if other.id in ids)


class ExternalClaimModule(ClaimModule):
    """A claim module from outside the package (``--claims-path`` or an entry point)."""

    def __init__(self, *, module_name: str, **kwargs):
        super().__init__(**kwargs)
        self.module_name = module_name


def _external_items(session: pytest.Session, items: list[pytest.Item]) -> list[pytest.Item]:
    """Items of the external claim modules not collected yet.

    ``--claims-path`` modules always; entry-point modules when the session checks claims
    (it collected some, or was given ``--claims-path`` or ``--claim``) and
    ``--no-entry-point-claims`` is off, so that a run of unit tests runs no external claims.
    """
    config = session.config
    modules = list(config.stash.get(_EXTERNAL, []))
    checking = bool(modules) or bool(config.getoption("claim", None)) or any(
        isinstance(i, ClaimItem) for i in items)
    if checking and not config.getoption("no_entry_point_claims", False):
        try:
            modules += load_entry_points()
        except ExternalClaimsError as exc:
            raise pytest.UsageError(str(exc)) from None
    seen = {i.claim.module for i in items if isinstance(i, ClaimItem)}
    new: list[pytest.Item] = []
    for module in modules:
        if module.__name__ in seen or getattr(module, "__file__", None) is None:
            continue
        seen.add(module.__name__)
        path = Path(module.__file__).resolve()
        try:
            nodeid = path.relative_to(config.rootpath).as_posix()
        except ValueError:  # outside the rootdir: the absolute path names it
            nodeid = path.as_posix()
        node = ExternalClaimModule.from_parent(session, path=path, nodeid=nodeid, module_name=module.__name__)
        new += [i for i in session.genitems(node) if isinstance(i, pytest.Item)]
    return new


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    items += _external_items(session, items)
    ids = set(config.getoption("claim") or [])
    roles = set(config.getoption("claims_role") or [])
    if not ids and not roles:
        return
    unknown = sorted(i for i in ids if i not in REGISTRY)
    if unknown:
        raise pytest.UsageError(f"--claim {', '.join(unknown)}: unknown claim id "
                                "(`python -m theorems list` shows the ids)")
    keep, drop = [], []
    for item in items:
        wanted = isinstance(item, ClaimItem) and (not ids or _selected(item.claim, ids)) and (
            not roles or str(item.claim.role) in roles)
        (keep if wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


#: --claims-progress: node id -> (position, number of claim items, claim id); the logstart and
#: logfinish hooks receive no config, hence a module-level table.
_PROGRESS: dict[str, tuple[int, int, str]] = {}


def pytest_collection_finish(session: pytest.Session) -> None:
    _PROGRESS.clear()
    if session.config.getoption("claims_progress", False):
        claims = [i for i in session.items if isinstance(i, ClaimItem)]
        _PROGRESS.update({i.nodeid: (k, len(claims), i.claim.id) for k, i in enumerate(claims, 1)})


def _progress_line(text: str) -> None:
    import shutil

    width = shutil.get_terminal_size().columns - 1
    sys.stderr.write("\r\x1b[K" + text[:width])
    sys.stderr.flush()


def pytest_runtest_logstart(nodeid: str, location) -> None:
    if nodeid in _PROGRESS:
        k, n, claim_id = _PROGRESS[nodeid]
        done = round(20 * (k - 1) / n)
        _progress_line(f"[{'#' * done}{'.' * (20 - done)}] {k}/{n} {claim_id} ({n - k} remain after it)")


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    if nodeid in _PROGRESS:
        _progress_line("")


def pytest_report_teststatus(report, config: pytest.Config):
    if report.nodeid in _PROGRESS and report.when == "call":
        return report.outcome, "", report.outcome.upper()  # the status line shows progress instead
    return None


def verdict_table(results: list[Result]) -> list[str]:
    """The verdict table: id, outcome, evidence, source, time."""
    if not results:
        return []
    w_id = max(len(r.id) for r in results)
    w_out = max(len(r.outcome) for r in results)
    lines = []
    for r in results:
        mark = "" if r.ok else "  <-- FAILED"
        ev = r.evidence_summary
        ev = ev if len(ev) <= 110 else ev[:107] + "..."
        origin = "" if r.origin == "built-in" else f"  [{r.origin}]"
        lines.append(f"{r.id:<{w_id}}  {r.outcome:<{w_out}}  {r.seconds:6.2f}s  {r.catalogue or '-':<4} {ev}{origin}{mark}")
    lines.append("")
    lines.append(count_records(results).line())
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    results = _results(config)
    if not results or _is_xdist_worker(config):
        return
    terminalreporter.section("theorem checker: verdicts")
    for line in verdict_table(results):
        terminalreporter.write_line(line)


def _versions() -> dict[str, str]:
    import hypothesis
    import numpy
    import scipy
    import sympy

    return {"python": platform.python_version(), "numpy": numpy.__version__, "scipy": scipy.__version__,
            "sympy": sympy.__version__, "hypothesis": hypothesis.__version__, "pytest": pytest.__version__}


def _seeding(derandomized: bool, seed: int | None) -> str:
    """What governed the examples each search drew (see :func:`theorems.engine.runner.claim_seed`)."""
    if derandomized:
        return "claim id" if seed is None else "claim id + seed"
    return "random" if seed is None else "seed"


def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    config = session.config
    path = config.getoption("claims_json", None)
    if not path or _is_xdist_worker(config):
        return
    profile = config.getoption("hypothesis_profile", None) or default_profile()
    derandomized = bool(settings.get_profile(profile).derandomize)
    seed = claim_seed_basis(config.getoption("hypothesis_seed", None))
    results = _results(config)
    doc = {
        "schema": JSON_SCHEMA,
        "profile": profile,
        "seed": seed,
        "derandomized": derandomized,
        "seeding": _seeding(derandomized, seed),
        "versions": _versions(),
        "machine": {"platform": platform.platform(), "processor": platform.machine(),
                    "cpus": os.cpu_count(), "argv": sys.argv[1:]},
        "summary": count_records(results).to_json(),
        "results": [r.to_json() for r in results],
    }
    write_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
