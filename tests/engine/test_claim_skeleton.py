"""``python -m theorems new``: a claim skeleton that fails loudly until filled in.

Every test writes to a temporary file (``--target``) or to a temporary copy of a section
module (``theorems.engine.skeleton.PACKAGE_DIR`` monkeypatched): the real modules are never touched.
"""

from __future__ import annotations

import ast

import pytest

from theorems.__main__ import main
from theorems.engine import skeleton
from theorems.engine.claims import REGISTRY, Kind
from theorems.engine.external import claims_path_package, forget_module, load_claims_path
from theorems.engine.runner import run_claim
from theorems.engine.sections import SECTIONS


@pytest.fixture
def folder(tmp_path):
    yield tmp_path
    forget_module(claims_path_package(tmp_path))


def _one_error_line(capsys, fragment):
    err = capsys.readouterr().err
    assert fragment in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("kind", [str(k) for k in Kind])
def test_a_new_claim_and_its_control_are_errors_until_filled_in(folder, kind, capsys):
    target = folder / "mine.py"
    assert main(["new", "scratch_new_claim", "--kind", kind, "--target", str(target)]) == 0
    assert f"--claims-path {folder}" in capsys.readouterr().out
    load_claims_path(folder)
    c = REGISTRY["scratch_new_claim"]
    # an outside claim: no catalogue entry, no lecture section
    assert c.kind == kind and c.controls and c.catalogue is None and c.source.lecture is None and c.hypotheses
    for record in (c, *c.controls):
        result = run_claim(record)
        assert result.outcome == "error" and result.verdict is None and not result.ok
        # the verdict table's line leads with the exception, not with Hypothesis' blob sentence
        assert result.error.startswith("NotImplementedError: ")
        assert result.evidence_summary.startswith("NotImplementedError: ")
        assert "reproduce_failure" not in result.evidence_summary


def _messages(text: str) -> list[str]:
    """The messages of the NotImplementedError raised in a skeleton, as Python reads them."""
    return [call.args[0].value for call in ast.walk(ast.parse(text))
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "NotImplementedError"]


@pytest.mark.parametrize("length", range(1, 40))
def test_the_skeleton_message_breaks_lines_at_spaces_only(length):
    claim_id = "scratch_" + "b" * length  # every offset of the hint in the wrapped lines
    message = _messages(skeleton.claim_skeleton(claim_id, kind="bound", lecture=None))[0]
    assert "sup-norm" in message and "sup- norm" not in message


def test_an_existing_id_is_refused_without_writing(folder, capsys):
    target = folder / "mine.py"
    assert main(["new", "param_count", "--kind", "identity", "--target", str(target)]) == 2
    _one_error_line(capsys, "claim id 'param_count' exists already")
    assert not target.exists()
    assert main(["new", "scratch_twice", "--kind", "bound", "--target", str(target)]) == 0
    before = target.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "scratch_twice", "--kind", "bound", "--target", str(target)]) == 2
    _one_error_line(capsys, f"exists already in {target}")
    assert target.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args, fragment", [
    (["Bad-Id", "--kind", "bound", "--section", "complexity"], "must be snake_case"),
    (["scratch_x_as_stated", "--kind", "bound", "--section", "complexity"], "by hand"),
    (["scratch_x", "--kind", "bound"], "--section is required"),
])
def test_bad_requests_give_one_line_and_exit_2(args, fragment, capsys):
    assert main(["new", *args]) == 2
    _one_error_line(capsys, fragment)


@pytest.mark.parametrize("args, fragment", [
    (["scratch_x", "--kind", "conjecture", "--section", "complexity"], "invalid choice: 'conjecture'"),
    (["scratch_x", "--kind", "bound", "--section", "nowhere"], "invalid choice: 'nowhere'"),
])
def test_unknown_kinds_and_sections_are_usage_errors(args, fragment, capsys):
    with pytest.raises(SystemExit) as info:
        main(["new", *args])
    assert info.value.code == 2
    _one_error_line(capsys, fragment)


def test_missing_imports_are_added_after_the_existing_ones(folder):
    target = folder / "partial.py"
    target.write_text('"""Some claims."""\n\nimport numpy as np\n\nX = np.pi\n', encoding="utf-8")
    skeleton.write_skeleton("scratch_partial", kind="rate", target=target)
    text = target.read_text(encoding="utf-8")
    tree = ast.parse(text)
    assert ast.get_docstring(tree) == "Some claims."
    imports = [ast.unparse(n) for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert imports == ["import numpy as np", "from hypothesis import given",
                       "from hypothesis import strategies as st",
                       "from theorems import Kind, Source, claim"]
    load_claims_path(folder)
    assert REGISTRY["scratch_partial"].kind is Kind.RATE


def test_a_section_gets_a_new_file_with_its_lecture_and_edits_nothing(tmp_path, monkeypatch):
    section = SECTIONS[0]
    (tmp_path / section.module).mkdir()
    monkeypatch.setattr(skeleton, "PACKAGE_DIR", tmp_path)
    written = skeleton.write_skeleton("scratch_in_section", kind="bound", section=section.module)
    assert written == tmp_path / section.module / "scratch_in_section.py"
    text = written.read_text(encoding="utf-8")
    assert f'lecture="{section.lecture}"' in text and 'id="scratch_in_section"' in text
    assert "from theorems import Kind, Source, claim" in text
    ast.parse(text)
    assert sorted(p.name for p in tmp_path.rglob("*")) == [section.module, "scratch_in_section.py"]


def test_a_section_skeleton_refuses_to_overwrite_a_file(tmp_path, monkeypatch):
    section = SECTIONS[0]
    (tmp_path / section.module).mkdir()
    existing = tmp_path / section.module / "scratch_taken.py"
    existing.write_text("# mine\n", encoding="utf-8")
    monkeypatch.setattr(skeleton, "PACKAGE_DIR", tmp_path)
    with pytest.raises(skeleton.SkeletonError, match="exists already"):
        skeleton.write_skeleton("scratch_taken", kind="bound", section=section.module)
    assert existing.read_text(encoding="utf-8") == "# mine\n"
