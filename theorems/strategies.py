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
