"""What the modules of :mod:`theorems.overparameterised` share (not a claim module).

The lecture section's name, the false-alarm rate every statistical test is designed for, the
signal and noise levels of the HMRT examples, the phases of controls, and the condition number.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import Phase

_LECTURE = "過剰パラメータの理論 / 二重降下"
#: Controls and literal statements are refuted by nearly every draw; a "smaller" seed explains nothing.
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)
_ALPHA = 1e-6             # designed per-test false-alarm rate
_R2, _SIGMA2 = 1.0, 0.5


def _condition(A: np.ndarray) -> float:
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else math.inf
