"""The tree reads as the design: parts import the authors' surface only, the engine no part.

A claim module (``theorems/<part>.py`` or a module of ``theorems/<part>/``) imports
:mod:`theorems` (``claim``, ``Kind``, ``Source``, ``Evidence``), :mod:`theorems.strategies`,
:mod:`theorems.tolerances` and :mod:`constructions`; never :mod:`theorems.engine` or
:mod:`theorems.report`.  The engine and the reporters import no part; :mod:`constructions`
imports neither :mod:`theorems` nor hypothesis nor pytest; no import circle anywhere.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SURFACE = {"theorems", "theorems.strategies", "theorems.tolerances", "theorems.matrix_proofs"}
MACHINERY = ("engine", "report")
MAX_LINES = 600
MAX_MODULES = 12


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mod = _module(path)
    pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py") if "__pycache__" not in p.parts)


def _is_part(path: Path) -> bool:
    rel = path.relative_to(ROOT / "theorems").parts
    if rel[0] in MACHINERY or path.name == "__main__.py":
        return False
    return len(rel) == 2 or (len(rel) == 1 and _module(path) not in SURFACE and path.name != "replay.py")


PARTS = [p for p in _python_files("theorems") if _is_part(p)]


@pytest.mark.parametrize("path", PARTS, ids=[str(p.relative_to(ROOT)) for p in PARTS])
def test_a_part_imports_the_authors_surface_only(path):
    bad = sorted(m for m in _imports(path) if m.startswith(tuple(f"theorems.{x}" for x in MACHINERY)))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}, but should import only {sorted(SURFACE)}"


def test_the_engine_and_reporters_import_no_part():
    parts = {_module(p) for p in PARTS} | {_module(p).rpartition(".")[0] for p in PARTS if p.parent.name != "theorems"}
    parts -= {"theorems"}
    for path in _python_files("theorems/engine", "theorems/report"):
        bad = sorted(_imports(path) & parts)
        assert not bad, f"{path.relative_to(ROOT)} imports the parts {bad}, but should import none"


def test_constructions_import_neither_theorems_nor_the_test_tools():
    for path in _python_files("constructions"):
        bad = sorted(m for m in _imports(path) if m.split(".")[0] in {"theorems", "hypothesis", "pytest"})
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}, but should import none of them"


def test_there_is_no_import_circle():
    files = _python_files("theorems", "constructions")
    names = {_module(p) for p in files}
    graph = {_module(p): {m for m in _imports(p) if m in names and m != _module(p)} for p in files}
    # a package's __init__ re-exporting its modules is not a circle through the package
    for mod, deps in graph.items():
        graph[mod] = {d for d in deps if not mod.startswith(d + ".")}
    state: dict[str, int] = {}

    def visit(m, stack):
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycle = stack[stack.index(d):] + [d]
                pytest.fail(f"import circle: {' -> '.join(cycle)}, but there should be none")
            if d not in state:
                visit(d, [*stack, d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


@pytest.mark.parametrize("path", _python_files("theorems"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_of_theorems_is_over_600_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines, but should have <= {MAX_LINES}: split it"


def test_no_folder_holds_more_than_12_modules():
    for folder in [ROOT / "theorems", ROOT / "constructions",
                   *[p for p in (ROOT / "theorems").rglob("*") if p.is_dir() and p.name != "__pycache__"],
                   *[p for p in (ROOT / "constructions").rglob("*") if p.is_dir() and p.name != "__pycache__"]]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= MAX_MODULES, (
            f"{folder.relative_to(ROOT)} holds {len(modules)} modules, but should hold <= {MAX_MODULES}")
