"""Benchmark: the brute-force shattering decision (one LP per activation pattern)."""

from __future__ import annotations

import numpy as np
import pytest

from constructions.complexity.shattering import decide_shattering


@pytest.mark.parametrize(("n_hidden", "n_points", "shattered"), [
    (1, 2, True),   # every labeling realised
    (1, 3, False),  # refuted by the first (alternating) labeling
    (2, 3, True),
    (2, 4, False),  # exhausts all 120 pattern pairs for (1, 0, 1, 0)
    (3, 5, True),
])
def test_decide_shattering_speed(benchmark, n_hidden, n_points, shattered):
    points = np.arange(float(n_points))
    result = benchmark.pedantic(decide_shattering, args=(points,),
                                kwargs={"n_hidden": n_hidden}, rounds=3, iterations=1)
    benchmark.extra_info.update(n_hidden=n_hidden, n_points=n_points,
                                n_linear_programs=result.n_linear_programs)
    assert result.shattered is shattered
