"""Claims from outside the repository: --claims-path folders and entry-point packages.

A tiny claim package is built in a temporary directory (pyproject with the entry point,
one module with one claim and its control) and is discovered, run and reported.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from theorems.__main__ import main
from theorems.engine.claims import REGISTRY
from theorems.engine.external import (
    ENTRY_POINT_GROUP,
    ExternalClaimsError,
    claims_path_package,
    forget_module,
    load_claims_path,
    load_entry_points,
)
from theorems.engine.runner import run_claim
from theorems.report.catalogue import catalogue_markdown, catalogue_text

ROOT = Path(__file__).resolve().parents[2]
CLAIM_ID = "tiny_sum_of_odds"

CLAIM_MODULE = '''\
"""A tiny external claim module (test fixture)."""

from hypothesis import given
from hypothesis import strategies as st

from theorems import Kind, Source, claim


@claim(id="tiny_sum_of_odds", kind=Kind.IDENTITY, catalogue="X01",
       statement="The first n odd numbers add up to n²", formula="Σ_{k<n} (2k + 1) = n²",
       source=Source("folklore", lecture="none"), hypotheses=("n ≥ 0 an integer",))
@given(n=st.integers(min_value=0, max_value=200))
def tiny_sum_of_odds(n, evidence):
    evidence.exact(sum(range(1, 2 * n, 2)), n * n, name="Σ odd", rhs_name="n²", at={"n": n})


@tiny_sum_of_odds.control("even numbers instead of odd ones")
@given(n=st.integers(min_value=0, max_value=200))
def tiny_sum_of_odds_with_even_numbers(n, evidence):
    evidence.exact(sum(range(0, 2 * n, 2)), n * n, name="Σ even", rhs_name="n²", at={"n": n})
'''


@pytest.fixture
def package(tmp_path) -> Path:
    """The project root of a claim package ``tiny-claims`` with the module ``tiny_claims.claims``.

    Besides its pyproject, it carries the ``.dist-info`` an installation would write, so that a
    process with the root on ``sys.path`` finds the entry point without installing anything.
    """
    root = tmp_path / "tiny"
    (root / "tiny_claims").mkdir(parents=True)
    (root / "tiny_claims" / "__init__.py").write_text("", encoding="utf-8")
    (root / "tiny_claims" / "claims.py").write_text(CLAIM_MODULE, encoding="utf-8")
    (root / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [project]
        name = "tiny-claims"
        version = "0.1"

        [project.entry-points."{ENTRY_POINT_GROUP}"]
        tiny = "tiny_claims.claims"
        """), encoding="utf-8")
    info = root / "tiny_claims-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-claims\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\ntiny = tiny_claims.claims\n",
                                           encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _forget_external_claims():
    before = set(REGISTRY)
    yield
    for c in [c for cid, c in REGISTRY.items() if cid not in before]:
        forget_module(c.module)
    forget_module("tiny_claims")


def _env(*paths) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(map(str, (*paths, ROOT))))


def test_claims_path_is_discovered_run_and_reported(package, tmp_path):
    folder = package / "tiny_claims"
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "theorems", "check", "--claims-path", str(folder),
                           "--claim", CLAIM_ID, "--profile", "ci", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    by_id = {r["id"]: r for r in json.loads(out.read_text(encoding="utf-8"))["results"]}
    assert set(by_id) == {CLAIM_ID, f"{CLAIM_ID}/with_even_numbers"}
    assert by_id[CLAIM_ID]["outcome"] == "no counterexample"
    assert by_id[f"{CLAIM_ID}/with_even_numbers"]["outcome"] == "refuted as expected"
    assert {r["origin"] for r in by_id.values()} == {f"path {folder.resolve()}"}
    assert f"[path {folder.resolve()}]" in proc.stdout


def test_list_shows_an_external_claim_with_its_origin(package, capsys):
    folder = package / "tiny_claims"
    assert main(["list", "--claims-path", str(folder), "--no-entry-point-claims"]) == 0
    text = capsys.readouterr().out
    external = text[text.index("== External claims"):]
    assert f"{CLAIM_ID}  [X01, identity, claim]" in external
    assert f"origin:     path {folder.resolve()}" in external
    # docs/claims.md is this repository's catalogue: external claims only on request
    assert "External claims" not in catalogue_markdown()
    assert f"- **Origin:** path {folder.resolve()}" in catalogue_markdown(external=True)


def test_a_claims_folder_is_loaded_once_under_a_stable_name(package):
    folder = package / "tiny_claims"
    first = load_claims_path(folder)
    assert [m.__name__ for m in first] == [f"{claims_path_package(folder)}.claims"]
    assert load_claims_path(folder) == first
    assert REGISTRY[CLAIM_ID].origin == f"path {folder.resolve()}"
    forget_module(claims_path_package(folder))
    assert CLAIM_ID not in REGISTRY and CLAIM_ID not in catalogue_text()


def test_a_broken_claims_folder_is_one_readable_error(tmp_path):
    with pytest.raises(ExternalClaimsError, match="not a directory"):
        load_claims_path(tmp_path / "missing")
    (tmp_path / "broken.py").write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    with pytest.raises(ExternalClaimsError, match=r"broken.py: cannot import: RuntimeError: boom"):
        load_claims_path(tmp_path)


def test_entry_points_are_discovered_with_their_distribution(package, monkeypatch):
    monkeypatch.syspath_prepend(str(package))
    ep = importlib.metadata.EntryPoint(name="tiny", value="tiny_claims.claims", group=ENTRY_POINT_GROUP)

    def entry_points(*, group):
        return importlib.metadata.EntryPoints([ep] if group == ENTRY_POINT_GROUP else [])

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    modules = load_entry_points()
    assert [m.__name__ for m in modules] == ["tiny_claims.claims"]
    c = REGISTRY[CLAIM_ID]
    assert c.origin == "entry point unknown distribution:tiny" and not c.is_built_in
    assert c.controls[0].origin == c.origin
    assert run_claim(c).ok and run_claim(c.controls[0]).outcome == "refuted as expected"


def test_an_installed_claim_package_is_collected_and_run_by_pytest(package, tmp_path):
    out = tmp_path / "out.json"
    # a fresh directory: pytest collects nothing there, so the items come from the entry point
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "theorems.engine.plugin", "-p", "no:cacheprovider",
                           "--hypothesis-profile", "ci", "--claim", CLAIM_ID, "--claims-json", str(out)],
                          capture_output=True, text=True, timeout=600, check=False, cwd=work,
                          env=_env(package))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    by_id = {r["id"]: r for r in json.loads(out.read_text(encoding="utf-8"))["results"]}
    assert set(by_id) == {CLAIM_ID, f"{CLAIM_ID}/with_even_numbers"}
    assert {r["origin"] for r in by_id.values()} == {"entry point tiny-claims:tiny"}
    assert all(r["ok"] for r in by_id.values())
