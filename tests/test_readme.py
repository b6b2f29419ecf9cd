"""The README's worked example runs as written, and the checker refutes it as the README says."""

from __future__ import annotations

import re
from pathlib import Path

from theorems.engine.claims import REGISTRY
from theorems.engine.runner import run_claim

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_claim_is_refuted_with_the_counterexample_it_announces():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1
    namespace = {"__name__": "readme_example"}
    try:
        exec(compile(blocks[0], "README.md", "exec"), namespace)
        result = run_claim(REGISTRY["param_count_n_squared"])
        control = run_claim(REGISTRY["param_count_n_squared/wide_input"])
    finally:
        for key in [k for k, c in REGISTRY.items() if c.module == "readme_example"]:
            REGISTRY.pop(key)
    assert result.verdict == "refuted" and not result.ok
    assert "d=1, N=1, H=1" in result.counterexample and "W=4, but should be <= L·N²=2" in result.counterexample
    assert control.outcome == "refuted as expected"
