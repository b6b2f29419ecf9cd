"""The reliability audit's table, on hand-made run records."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "reliability_audit.py"
spec = importlib.util.spec_from_file_location("reliability_audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def _doc(seed, claim_refuted=False, control_refuted=True, p=0.5):
    return {"profile": "audit", "seed": str(seed), "versions": {"hypothesis": "x"}, "results": [
        {"id": "c", "role": "claim", "verdict": "refuted" if claim_refuted else "consistent",
         "outcome": "consistent", "statistics": [{"p_value": p, "alpha": 1e-6}]},
        {"id": "c/ctl", "role": "control", "verdict": "refuted" if control_refuted else "no counterexample",
         "outcome": "refuted as expected", "statistics": []},
    ]}


def test_a_clean_audit_says_so():
    text = audit.tabulate([_doc(s) for s in range(3)])
    assert "| `c` | 3 | 0 | 0 | 3 | 0 | 1e-06 |" in text
    assert "| `c/ctl` | control | 3 | 3 | 0 |" in text
    assert "Every claim held" in text


def test_a_false_alarm_or_a_lost_control_is_flagged():
    text = audit.tabulate([_doc(0), _doc(1, claim_refuted=True), _doc(2, control_refuted=False)])
    assert "Needs attention: `c`, `c/ctl`." in text


def test_binomial_tail_is_exact_on_small_cases():
    assert audit.binomial_tail(0, 5, 0.3) == 1.0
    assert audit.binomial_tail(2, 2, 0.5) == 0.25  # exact in binary


def test_a_controls_only_audit_has_no_false_alarm_table():
    doc = _doc(0)
    doc["results"] = [r for r in doc["results"] if r["role"] != "claim"]
    text = audit.tabulate([doc])
    assert "False alarms" not in text and "power audit" in text
    assert "| `c/ctl` | control | 1 | 1 | 0 |" in text
    assert "Every control and literal statement was refuted in every run." in text
