"""docs/extending.md cannot rot: its Python blocks run, its claims give the outcomes it announces.

The ```python blocks are executed in order in one fresh namespace whose ``__name__`` is a
scratch module name (so the claims they declare are external to the lecture's sections);
every claim, control and literal statement they declare is run through
:func:`theorems.engine.runner.run_claim` and must give the outcome a ``# outcome: ID -> OUTCOME``
line announces; the ``test_*`` functions they define (unit tests of a construction) are run.
Every ``python -m theorems ...`` line of a ```bash block parses with the command line's parser.
"""

from __future__ import annotations

import re
import shlex
import sys
import types
from pathlib import Path

import pytest
from doc_blocks import exec_block

from theorems.__main__ import _parser
from theorems.engine.claims import REGISTRY
from theorems.engine.runner import run_claim

DOC = Path(__file__).resolve().parents[1] / "docs" / "extending.md"
SCRATCH = "extending_doc_scratch"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_OUTCOME = re.compile(r"^# outcome: (\S+) -> (.+?)\s*$", re.MULTILINE)


def _blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [m.group(2) for m in _BLOCK.finditer(text) if m.group(1) == language]


@pytest.fixture(scope="module")
def doc_namespace():
    """The namespace after running every Python block; the doc's claims are forgotten afterwards."""
    module = types.ModuleType(SCRATCH)
    sys.modules[SCRATCH] = module  # dataclasses and pickling look modules up by name
    try:
        for i, block in enumerate(_blocks("python")):
            exec_block(block, f"{DOC.name}:python-block-{i + 1}", module.__dict__)
        yield module.__dict__
    finally:
        for cid in [cid for cid, c in REGISTRY.items() if c.module == SCRATCH]:
            del REGISTRY[cid]
        sys.modules.pop(SCRATCH, None)


def _announced() -> dict[str, str]:
    return {cid: outcome for block in _blocks("python") for cid, outcome in _OUTCOME.findall(block)}


def test_the_guide_has_python_and_shell_blocks():
    assert len(_blocks("python")) >= 5 and _blocks("bash")
    assert len(_announced()) >= 8


def test_every_record_the_guide_declares_announces_its_outcome(doc_namespace):
    declared = {cid for cid, c in REGISTRY.items() if c.module == SCRATCH}
    assert declared == set(_announced())


@pytest.mark.parametrize("claim_id, outcome", sorted(_announced().items()))
def test_each_claim_of_the_guide_gives_the_announced_outcome(doc_namespace, claim_id, outcome):
    result = run_claim(REGISTRY[claim_id])
    assert result.outcome == outcome, result.counterexample or result.error
    assert result.origin == f"module {SCRATCH}"


def test_the_unit_tests_the_guide_writes_pass(doc_namespace):
    tests = {name: fn for name, fn in doc_namespace.items() if name.startswith("test_") and callable(fn)}
    assert tests
    for fn in tests.values():
        fn()


def test_the_figure_the_guide_records_is_kept(doc_namespace):
    result = run_claim(REGISTRY["square_interpolant_error"])
    figure = result.figures["interpolant"]
    assert figure["kind"] == "lines" and len(figure["series"]) == 2


def _command_lines() -> list[list[str]]:
    lines = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:3] == ["python", "-m", "theorems"]:
                cut = next((i for i, w in enumerate(words) if w in (">", ">>", "|", "&&", ";")), len(words))
                lines.append(words[3:cut])
    return lines


@pytest.mark.parametrize("args", _command_lines(), ids=" ".join)
def test_every_command_of_the_guide_parses(args):
    _parser().parse_args(args)
