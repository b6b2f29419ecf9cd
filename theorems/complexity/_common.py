"""Helpers shared by the submodules of :mod:`theorems.complexity` (not a claim module)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import Phase

_ALPHA = 1e-6
#: Controls refuted by a statistic of a drawn seed skip shrinking: a "smaller" seed explains nothing.
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)


def _mean_and_stderr(values: np.ndarray) -> tuple[float, float]:
    return float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))
