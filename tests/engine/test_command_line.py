"""The command line: user errors give one line and exit 2; a run writes one JSON record per item."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "theorems", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.mark.parametrize("args, fragment", [
    (["check", "--claim", "no_such_claim"], "unknown claim id 'no_such_claim'"),
    (["check", "--profile", "sloppy"], "invalid choice: 'sloppy'"),
    (["check", "--json", "/no/such/dir/out.json"], "cannot write --json"),
    (["frobnicate"], "invalid choice"),
])
def test_user_errors_exit_2_with_one_readable_line(args, fragment):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_list_shows_every_claim_with_its_metadata():
    proc = run_cli("list")
    assert proc.returncode == 0
    for fragment in ("param_count_as_stated", "param_count", "formula:", "source:", "hypotheses:", "control "):
        assert fragment in proc.stdout


def test_check_writes_one_record_per_claim_control_and_literal_statement(tmp_path):
    out = tmp_path / "out.json"
    proc = run_cli("check", "--claim", "param_count", "--profile", "ci", "--json", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(out.read_text())
    assert doc["schema"] == "dl-lecture-theorems/results/1" and doc["profile"] == "ci"
    by_id = {r["id"]: r for r in doc["results"]}
    assert set(by_id) == {"param_count", "param_count_as_stated", "param_count/with_vector_output",
                          "param_count/with_hidden_layer_depth"}
    assert by_id["param_count"]["verdict"] == "proved"
    literal = by_id["param_count_as_stated"]
    assert literal["outcome"] == "refuted as expected"
    # the minimal counterexample: d = 2, N = 1, L = 2 gives W = 5 > 4
    assert "W=5, but should be <= L·N(N+1)=4" in literal["counterexample"]
    assert "theorem checker: verdicts" in proc.stdout


def test_claims_role_runs_only_the_records_of_that_role(tmp_path):
    out = tmp_path / "out.json"
    module = Path(__file__).resolve().parents[2] / "theorems" / "complexity" / "landau_o.py"
    proc = subprocess.run([sys.executable, "-m", "pytest", str(module), "-p", "no:cacheprovider", "-q",
                           "--claim", "big_o_definition", "--claims-role", "control", "--claims-json", str(out),
                           "--hypothesis-profile", "ci"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    roles = {r["role"] for r in json.loads(out.read_text())["results"]}
    assert roles == {"control"}


def test_a_control_id_runs_that_control_alone(tmp_path):
    out = tmp_path / "out.json"
    proc = run_cli("check", "--claim", "big_o_definition/log_over_n", "--profile", "ci", "--json", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [r["id"] for r in json.loads(out.read_text())["results"]] == ["big_o_definition/log_over_n"]
