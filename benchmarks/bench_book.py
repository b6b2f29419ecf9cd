"""Benchmark: the book built from a saved run (issue 20's bar: under 10 s from ``results.json``).

A saved run of every registered claim, literal statement and control, 30 of them with a figure
(as many as a ``--profile ci`` run draws), is turned into the book; the baseline of the same run is
that book without its figures, so the ratio says what drawing the SVGs costs.  Untimed (the
default run, CI) it builds once, as a check that every page is written.

Run: python -m pytest benchmarks/bench_book.py --benchmark-enable -p no:cacheprovider
"""

from __future__ import annotations

import copy
import itertools

import pytest

from theorems.engine.claims import REGISTRY, Role
from theorems.engine.sections import load_all
from theorems.report.book import build_book

N_FIGURES = 30
CURVE = {"kind": "lines", "title": "error against m", "xlabel": "m", "ylabel": "error", "logy": True,
         "series": [{"x": list(range(1, 11)), "y": [4.0 ** -m for m in range(1, 11)], "label": "measured",
                     "style": "points"}]}


@pytest.fixture(scope="module")
def saved_run() -> dict:
    load_all()
    results, drawn = [], 0
    for c in REGISTRY.values():
        claim = c.role is Role.CLAIM
        figure = claim and drawn < N_FIGURES
        drawn += figure
        results.append({
            "id": c.id, "role": str(c.role), "kind": "bound", "catalogue": "C00", "source": "S [lecture]",
            "statement": c.statement, "verdict": "no counterexample" if claim else "refuted", "ok": True,
            "outcome": "no counterexample" if claim else "refuted as expected", "examples": 100, "checks": 100,
            "worst_ratio": 0.5, "worst_where": {"m": 3}, "worst_name": "W", "proofs": [], "certificates": [],
            "undecided": [], "statistics": [], "error": None, "seconds": 0.1, "reproduce": None, "scope": None,
            "counterexample": None if claim else f"x=1, but should be <= 0 [claim {c.id}]",
            "figures": {"curve": copy.deepcopy(CURVE)} if figure else {}})
    return {"schema": "dl-lecture-theorems/results/1", "profile": "ci", "seed": None, "derandomized": True,
            "versions": {}, "machine": {}, "results": results}


def _without_figures(doc: dict) -> dict:
    return doc | {"results": [r | {"figures": {}} for r in doc["results"]]}


@pytest.mark.parametrize("figures", [False, True], ids=["baseline_text_only", "with_figures"])
def test_bench_book_from_a_saved_run(benchmark, tmp_path, saved_run, figures):
    doc = saved_run if figures else _without_figures(saved_run)
    benchmark.extra_info.update(records=len(doc["results"]), figures=N_FIGURES if figures else 0)
    rounds = itertools.count()
    # a new folder every round: the book keeps drawn figures, and a rebuild would time no drawing
    files = benchmark.pedantic(build_book, setup=lambda: ((doc, tmp_path / str(next(rounds))), {}),
                               rounds=3, iterations=1)
    assert len(files.pages) >= 10 and len(files.figures) == (N_FIGURES if figures else 0)
