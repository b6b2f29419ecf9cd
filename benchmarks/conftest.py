"""Shared fixture for the benchmarks: are they being timed, or run once as correctness checks?"""

from __future__ import annotations

import pytest


@pytest.fixture
def timing(request) -> bool:
    """True under ``--benchmark-enable``; False in the default run (pyproject passes --benchmark-disable).

    Benchmarks use it to shrink their sizes when they only check correctness (CI).
    """
    config = request.config
    return not (config.getoption("benchmark_disable") and not config.getoption("benchmark_enable"))
