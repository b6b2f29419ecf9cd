"""Claims from outside this repository: claim packages and folders of claim modules.

Two routes, both ending in the one registry (:data:`theorems.engine.claims.REGISTRY`),
so that the catalogue, the checker and the JSON treat external claims like the
lecture's own and show where each came from (``Claim.origin``):

* an installed package declares an entry point in the group
  :data:`ENTRY_POINT_GROUP`; each entry point names a module of claims
  (origin ``"entry point <distribution>:<name>"``)::

      [project.entry-points."dl_lecture_theorems.claims"]
      my_claims = "my_package.claims"

* ``--claims-path DIR`` (pytest and ``python -m theorems check/list``) imports
  every ``DIR/*.py`` not starting with ``_`` or ``test_`` for one run
  (origin ``"path DIR"``).  The folder becomes the package
  ``theorems_external.d<hash of DIR>``, so its modules may import each other
  relatively (``from . import _helpers``) and their names are stable per folder.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import sys
import types
from pathlib import Path

from theorems.engine.claims import _ORIGINS, REGISTRY, Claim, set_origin

__all__ = ["ENTRY_POINT_GROUP", "EXTERNAL_PACKAGE", "ExternalClaimsError", "claims_path_package",
           "forget_module", "load_claims_path", "load_entry_points", "module_claims"]

#: The entry-point group a claim package declares its claim modules in (named after the project).
ENTRY_POINT_GROUP = "dl_lecture_theorems.claims"

#: The package under which the modules of ``--claims-path`` folders are imported.
EXTERNAL_PACKAGE = "theorems_external"


class ExternalClaimsError(ValueError):
    """A claims folder or entry point that cannot be loaded; the message is one readable line."""


def claims_path_package(directory: str | Path) -> str:
    """The stable package name of a claims folder: ``theorems_external.d<10 hex digits of its path>``."""
    digest = hashlib.sha256(str(Path(directory).resolve()).encode("utf-8")).hexdigest()[:10]
    return f"{EXTERNAL_PACKAGE}.d{digest}"


def _package(name: str, path: list[str]) -> types.ModuleType:
    module = sys.modules.get(name)
    if module is None:
        module = types.ModuleType(name, "Claim modules loaded from outside the theorems package.")
        module.__path__ = path
        sys.modules[name] = module
    return module


def load_claims_path(directory: str | Path) -> list[types.ModuleType]:
    """Import every claim module of ``directory`` (``*.py`` not starting with ``_`` or ``test_``).

    Returns the modules, in file-name order.  Loading a folder twice imports it once.

    Raises
    ------
    ExternalClaimsError
        If ``directory`` is not a directory, or one of its modules fails to import (the
        message names the file and the exception).
    """
    folder = Path(directory).resolve()
    if not folder.is_dir():
        raise ExternalClaimsError(f"--claims-path {directory}: not a directory")
    package = claims_path_package(folder)
    _package(EXTERNAL_PACKAGE, [])
    _package(package, [str(folder)])
    set_origin(package, f"path {folder}")
    modules = []
    for file in sorted(folder.glob("*.py")):
        if file.name.startswith(("_", "test_")):
            continue
        if not file.stem.isidentifier():
            raise ExternalClaimsError(f"--claims-path {directory}: {file.name} is not an importable module name")
        modules.append(_import(f"{package}.{file.stem}", f"--claims-path {directory}: {file.name}"))
    return modules


def load_entry_points() -> list[types.ModuleType]:
    """Import the claim module named by every entry point of the group :data:`ENTRY_POINT_GROUP`.

    Raises
    ------
    ExternalClaimsError
        If an entry point's module fails to import.
    """
    modules = []
    for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = getattr(getattr(ep, "dist", None), "name", None) or "unknown distribution"
        set_origin(ep.module, f"entry point {dist}:{ep.name}")
        modules.append(_import(ep.module, f"entry point {ep.name} = {ep.value!r} ({dist})"))
    return modules


def _import(name: str, what: str) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except Exception as exc:  # an external module's own error, reported in one line
        sys.modules.pop(name, None)
        raise ExternalClaimsError(f"{what}: cannot import: {type(exc).__name__}: {exc}") from exc


def module_claims(module: types.ModuleType) -> list[Claim]:
    """The top-level claims (not controls) declared in ``module``, in declaration order."""
    return [c for c in REGISTRY.values() if c.module == module.__name__ and c.parent is None]


def forget_module(name: str) -> None:
    """Drop module ``name`` and its submodules: their claims (with controls), modules and origins.

    For tests and interactive sessions that load external claims and must leave no trace;
    ``forget_module(claims_path_package(DIR))`` forgets a whole ``--claims-path`` folder.
    """
    def within(module: str) -> bool:
        return module == name or module.startswith(name + ".")

    for cid in [cid for cid, c in REGISTRY.items() if within(c.module)]:
        del REGISTRY[cid]
    for table in (sys.modules, _ORIGINS):
        for key in [k for k in table if within(k)]:
            del table[key]
