"""`pytest -n 2` (pytest-xdist) gives the same verdicts and evidence as a serial run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from verdict_snapshot import SNAPSHOT, differences, verdict_records  # noqa: E402

pytest.importorskip("xdist", reason="pytest-xdist is not installed")

THEOREMS = Path(__file__).resolve().parents[2] / "theorems"
MODULES = [str(THEOREMS)]  # every claim: their records (figure data included) must cross processes


def _run(tmp_path, name, *extra):
    out = tmp_path / name
    proc = subprocess.run([sys.executable, "-m", "pytest", *MODULES, "-p", "no:cacheprovider", "-q",
                           "--hypothesis-profile", "ci", "--claims-json", str(out), *extra],
                          capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout, json.loads(out.read_text())


def test_parallel_run_gives_the_serial_verdicts(tmp_path):
    _, serial = _run(tmp_path, "serial.json")
    stdout, parallel = _run(tmp_path, "parallel.json", "-n", "2")

    def key(doc):
        return [{k: v for k, v in r.items() if not k.endswith("seconds")} for r in doc["results"]]

    assert key(parallel) == key(serial)
    assert "theorem checker: verdicts" in stdout
    # the same run against the committed snapshot: a refactor or a move changes no verdict
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["results"]
    diff = differences(expected, verdict_records(serial))
    assert not diff, ("the ci verdicts differ from tests/data/verdicts_ci.json "
                      "(scripts/verdict_snapshot.py --update if on purpose):\n" + "\n".join(diff))
