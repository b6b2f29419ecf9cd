"""Reproducibility: derandomized runs agree, and every printed reproduction line replays."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from theorems.engine.evidence import ClaimViolation

CLAIMS = ["param_count", "sigmoid_staircase", "error_decomposition"]


def _check(tmp_path, name):
    out = tmp_path / name
    args = [sys.executable, "-m", "theorems", "check", "--profile", "ci", "--json", str(out)]
    for c in CLAIMS:
        args += ["--claim", c]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runs")
    return _check(tmp, "a.json"), _check(tmp, "b.json")


def _without_timings(doc):
    records = [{k: v for k, v in r.items() if not k.endswith("seconds")} for r in doc["results"]]
    return {k: v for k, v in doc.items() if k not in ("results", "machine")}, records


def test_two_ci_runs_give_identical_verdicts_and_evidence(two_runs):
    first, second = two_runs
    assert _without_timings(first) == _without_timings(second)
    assert first["derandomized"] and first["versions"]["hypothesis"]


def test_every_printed_reproduction_line_replays_the_refutation(two_runs):
    refuted = [r for r in two_runs[0]["results"] if r["verdict"] == "refuted"]
    assert refuted
    for record in refuted:
        assert record["reproduce"], f"{record['id']} has no reproduction line"
        with pytest.raises(ClaimViolation) as info:
            exec(record["reproduce"], {})
        assert str(info.value).splitlines()[0] == record["counterexample"].splitlines()[0]
