"""The parts of the lecture, in lecture order: a claim module or a package of claim modules each.

A part is ``theorems/<part>.py`` or the package ``theorems/<part>/``, whose ``__init__`` imports
its submodules in lecture order; submodules that it does not import (a claim file written by
``python -m theorems new``) are imported after them, by name.  Parts marked ``beyond_slides``
are not in the lecture's slides: its summary names them as what comes next.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

__all__ = ["SECTIONS", "Section", "load_all"]


@dataclass(frozen=True)
class Section:
    module: str
    title: str
    lecture: str
    beyond_slides: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("complexity", "Error decomposition, complexity and generalization", "汎化誤差の分解 / 複雑性誤差"),
    Section("universal_approximation", "Universal approximation", "普遍近似定理"),
    Section("approximation_rates", "Approximation rates", "近似レート / 深さと幅を用いた近似誤差"),
    Section("overparameterised", "Double descent and ridgeless regression", "過剰パラメータの理論 / 二重降下"),
    Section("benign_overfitting", "Benign overfitting", "良性過適合"),
    Section("in_context_learning", "In-context learning", "人工知能理論 / 文脈内学習", beyond_slides=True),
    Section("optimization", "Optimization error and implicit bias", "最適化誤差 / 暗黙的正則化",
            beyond_slides=True),
    Section("pac_bayes", "PAC-Bayes and norm-based complexity", "PAC-Bayes / ノルムに基づく複雑性",
            beyond_slides=True),
)


def load_all() -> list[Section]:
    """Import every section module that exists; return those imported."""
    loaded = []
    for s in SECTIONS:
        try:
            part = importlib.import_module(f"theorems.{s.module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"theorems.{s.module}":
                raise
            continue
        for sub in pkgutil.iter_modules(getattr(part, "__path__", [])):
            if not sub.name.startswith("_"):
                importlib.import_module(f"{part.__name__}.{sub.name}")
        loaded.append(s)
    return loaded
