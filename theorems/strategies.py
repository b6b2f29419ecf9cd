"""Shared Hypothesis strategies, with eagerly validated keyword-only bounds.

Strategies are plural nouns.  Randomness for numpy comes from a seed that
Hypothesis draws (:func:`seeds`), so a counterexample replays exactly.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

__all__ = ["generators", "seeds"]


def seeds() -> st.SearchStrategy[int]:
    """Seeds for ``np.random.default_rng``: 32-bit, shrinking towards 0."""
    return st.integers(min_value=0, max_value=2**32 - 1)


def generators() -> st.SearchStrategy[np.random.Generator]:
    """``np.random.Generator`` objects built from a drawn seed (printed as the seed)."""
    return seeds().map(np.random.default_rng)


@st.composite
def finite_learning_problems(draw, *, max_points: int = 5, max_models: int = 5):
    """Finite distributions on (x, y) pairs with exact rational probabilities and a table of predictors.

    x are distinct integers (so every table is a function of x), y and predictions are halves
    in [−2, 2], probabilities are positive integers normalised to Fractions.
    """
    from fractions import Fraction

    from constructions.risks import FiniteLearningProblem

    if max_points < 1 or max_models < 1:
        raise ValueError(f"max_points={max_points}, max_models={max_models}; allowed: >= 1")
    k = draw(st.integers(1, max_points), label="support size")
    halves = st.integers(-4, 4).map(lambda v: Fraction(v, 2))
    ys = draw(st.lists(halves, min_size=k, max_size=k), label="y")
    weights = draw(st.lists(st.integers(1, 9), min_size=k, max_size=k), label="weights")
    m = draw(st.integers(1, max_models), label="number of predictors")
    table = draw(st.lists(st.lists(halves, min_size=k, max_size=k), min_size=m, max_size=m), label="table")
    loss = draw(st.sampled_from(["squared", "zero_one"]), label="loss")
    total = sum(weights)
    return FiniteLearningProblem(points=tuple((i, y) for i, y in enumerate(ys)),
                                 probabilities=tuple(Fraction(w, total) for w in weights),
                                 predictions=tuple(tuple(r) for r in table), loss=loss)
