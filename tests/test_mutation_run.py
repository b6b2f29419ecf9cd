"""The mutation driver (scripts/mutation_run.py): its operators, sample and recorded score."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "mutation_run.py"
spec = importlib.util.spec_from_file_location("mutation_run", SCRIPT)
mutation = importlib.util.module_from_spec(spec)
sys.modules["mutation_run"] = mutation  # dataclasses look their module up by name
spec.loader.exec_module(mutation)

#: the CI-sized check: a fixed sample of one module with a high score (docs/mutation-six.md)
CHECK_MODULE = "constructions/approximation/sawtooth.py"
CHECK_SAMPLE, CHECK_SEED = 20, 0


def test_every_mutant_of_a_module_compiles_and_changes_exactly_its_node():
    source = (ROOT / CHECK_MODULE).read_text(encoding="utf-8")
    original = ast.dump(ast.parse(source))
    mutants = mutation.mutants_of(CHECK_MODULE)
    assert len(mutants) > 100, (
        f"len(mutants)={len(mutants)}, but should be > 100 [mutants_of({CHECK_MODULE})]"
    )
    for m in mutants:
        text = mutation.apply(source, m)
        assert ast.dump(ast.parse(text)) != original, f"mutant {m.key} changes nothing"
        assert text.count("\n") <= source.count("\n"), f"mutant {m.key} adds lines"


def test_docstrings_annotations_and_f_strings_are_not_mutated():
    source = (
        '''def f(x: int = 1) -> int:\n    """Doc 2."""\n    y: int = 3\n    return f"{x + 1}"\n'''
    )
    tree = ast.parse(source)
    skip = mutation._skipped_nodes(tree)
    sites = [n for n in ast.walk(tree) if id(n) not in skip and mutation._variants(n)]
    assert sorted(ast.unparse(n) for n in sites) == ["1", "3", "return f'{x + 1}'"], sites


def test_a_smaller_sample_with_the_same_seed_is_part_of_a_larger_one():
    mutants = mutation.mutants_of(CHECK_MODULE)
    small, large = (set(mutation.sample(mutants, k, 0)) for k in (10, 30))
    assert len(small) == 10 and small <= large


def test_the_score_leaves_equivalent_mutants_out_of_the_denominator(monkeypatch):
    rows = [
        {"key": "a", "status": "killed"},
        {"key": "b", "status": "survived"},
        {"key": "c", "status": "survived"},
        {"key": "d", "status": "timed out"},
    ]
    monkeypatch.setattr(
        mutation, "TRIAGE", {"b": ("equivalent", "why"), "c": ("blind spot", "test")}
    )
    s = mutation.summary({"mutants": rows})
    assert (s["killed"], s["survived"], s["equivalent"], s["timed_out"]) == (1, 2, 1, 1)
    assert s["score"] == 1 / 3, f"score={s['score']}, but should be 1/3 [summary]"


@pytest.mark.parametrize(
    "code, status",
    [(0, "survived"), (1, "killed"), (2, "killed"), (4, "killed"), (5, "error (exit 5)")],
)
def test_a_judge_that_cannot_load_the_mutated_plugin_kills_the_mutant(monkeypatch, tmp_path, code, status):
    # exit 4: pytest could not load its plugin (which imports the mutated module); exit 5: no tests ran
    def fake_run(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, code, stdout="", stderr="")

    monkeypatch.setattr(mutation.subprocess, "run", fake_run)
    got, _, _ = mutation._judge(tmp_path, ["tests/x.py"], timeout=None)
    assert got == status, f"pytest exit {code} gave {got!r}, but should give {status!r} [_judge]"


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("MUTATION_CHECK") != "1",
    reason="a mutation run takes minutes: set MUTATION_CHECK=1 to run it",
)
def test_the_fixed_mutant_sample_of_sawtooth_keeps_its_recorded_score(tmp_path):
    recorded = json.loads((ROOT / "docs" / "mutation-six.json").read_text(encoding="utf-8"))
    rec = next(r for r in recorded["records"] if r["module"] == CHECK_MODULE)
    assert (rec["sample"], rec["seed"]) == (CHECK_SAMPLE, CHECK_SEED), (
        "docs/mutation-six.json is another sample"
    )
    out = tmp_path / "check.json"
    subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sample",
            str(CHECK_SAMPLE),
            "--seed",
            str(CHECK_SEED),
            "--module",
            CHECK_MODULE,
            "--json",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        timeout=3600,
    )
    now = json.loads(out.read_text(encoding="utf-8"))["records"][0]
    got, expected = mutation.summary(now)["score"], mutation.summary(rec)["score"]
    survivors = [r["key"] for r in now["mutants"] if r["status"] != "killed"]
    assert got >= expected, (
        f"score={got:.0%}, but should be >= {expected:.0%} (docs/mutation-six.json) "
        f"[mutation_run --module {CHECK_MODULE}]; not killed: {survivors}"
    )


def test_the_scratch_copy_keeps_packages_named_like_the_output_folders(tmp_path):
    # `report`/`book` are skipped as the root's output folders only: theorems/report is a package
    mutation._copy_project(tmp_path / "copy")
    assert (tmp_path / "copy" / "theorems" / "report" / "__init__.py").exists()
    assert not (tmp_path / "copy" / ".git").exists()


@pytest.mark.parametrize("module", [CHECK_MODULE, "constructions/certification/intervals.py"])
def test_mutants_that_share_a_place_and_operator_get_their_own_keys(module):
    # `(n + 2) * 4.0 * _TINY` has two Mult nodes at one column: they are #1 and #2, in source order
    keys = [m.key for m in mutation.mutants_of(module)]
    assert len(set(keys)) == len(keys), f"repeated keys: {sorted({k for k in keys if keys.count(k) > 1})}"
    if module.endswith("intervals.py"):
        assert {"intervals.py:198:15:Mult->Div#1", "intervals.py:198:15:Mult->Div#2"} <= set(keys)
