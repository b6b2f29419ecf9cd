"""Benchmarks: Hypothesis examples per second, claim by claim.

A claim's search cost is what decides how many examples a profile can afford; this
measures it under the profile the session runs (``fast`` by default, ``ci`` when ``CI`` is
set, or ``--hypothesis-profile``).  Each timed round runs the claim once through
:func:`theorems.engine.runner.run_claim` (proof, if any, and the whole search), and the examples it
ran are recorded in ``extra_info`` so that ``scripts/performance_report.py`` states the rate
in examples per second.  The reference of the group is ``param_count``, the cheapest search
(integer arithmetic only): the ratio says how much numerical work a claim does per example.

Timed, every search claim of the lecture runs; untimed (the default run, CI) only the
reference and one numerical claim, as a correctness check of the harness.

Run: python -m pytest benchmarks/bench_claims.py --benchmark-enable -p no:cacheprovider
"""

from __future__ import annotations

from hypothesis import settings

from theorems.engine.claims import Role, all_claims
from theorems.engine.runner import run_claim
from theorems.engine.sections import load_all

load_all()
SEARCH_CLAIMS = sorted(c.id for c in all_claims(include_controls=False) if c.role is Role.CLAIM and c.is_search)
REFERENCE = "param_count"
SMOKE = (REFERENCE, "yarotsky_square")
BY_ID = {c.id: c for c in all_claims()}


def pytest_generate_tests(metafunc):
    if "claim_id" in metafunc.fixturenames:
        timed = metafunc.config.getoption("benchmark_enable", False)
        metafunc.parametrize("claim_id", SEARCH_CLAIMS if timed else SMOKE)


def test_bench_claim_search(benchmark, claim_id):
    claim = BY_ID[claim_id]
    result = benchmark.pedantic(run_claim, args=(claim,), rounds=1, iterations=1)
    assert result.ok, f"{claim_id}: {result.outcome}: {result.counterexample or result.error}"
    assert result.examples >= 1
    benchmark.extra_info.update({
        "group": "claims: Hypothesis examples per second",
        "kernel": claim_id, "role": "reference" if claim_id == REFERENCE else "kernel",
        "items": result.examples, "unit": "examples",
        "max_examples": settings.default.max_examples,
    })
