"""The parts of the lecture, in lecture order: one claim module each."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

__all__ = ["SECTIONS", "Section", "load_all"]


@dataclass(frozen=True)
class Section:
    module: str
    title: str
    lecture: str


SECTIONS: tuple[Section, ...] = (
    Section("complexity", "Error decomposition, complexity and generalization", "汎化誤差の分解 / 複雑性誤差"),
    Section("universal_approximation", "Universal approximation", "普遍近似定理"),
    Section("approximation_rates", "Approximation rates", "近似レート / 深さと幅を用いた近似誤差"),
    Section("overparameterised", "Double descent and ridgeless regression", "過剰パラメータの理論 / 二重降下"),
    Section("benign_overfitting", "Benign overfitting", "良性過適合"),
    Section("in_context_learning", "In-context learning", "人工知能理論 / 文脈内学習"),
)


def load_all() -> list[Section]:
    """Import every section module that exists; return those imported."""
    loaded = []
    for s in SECTIONS:
        try:
            importlib.import_module(f"theorems.{s.module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"theorems.{s.module}":
                raise
            continue
        loaded.append(s)
    return loaded
