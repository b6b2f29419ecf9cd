"""The README's worked example runs as written, and the checker refutes it as the README says."""

from __future__ import annotations

import re
from pathlib import Path

from doc_blocks import exec_block
from theorems.engine.claims import REGISTRY
from theorems.engine.runner import run_claim

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_claim_is_refuted_with_the_counterexample_it_announces():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1
    namespace = {"__name__": "readme_example"}
    try:
        exec_block(blocks[0], "README.md python block", namespace)
        result = run_claim(REGISTRY["param_count_n_squared"])
        control = run_claim(REGISTRY["param_count_n_squared/wide_input"])
    finally:
        for key in [k for k, c in REGISTRY.items() if c.module == "readme_example"]:
            REGISTRY.pop(key)
    assert result.verdict == "refuted" and not result.ok
    assert "d=1, N=1, H=1" in result.counterexample and "W=4, but should be <= L·N²=2" in result.counterexample
    assert control.outcome == "refuted as expected"


# -- every command line of the README is run, or parsed by the real parser --------------------------

import json  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tomllib  # noqa: E402

import pytest  # noqa: E402

ROOT = README.parent
_TEXT = README.read_text(encoding="utf-8")


def _commands() -> list[str]:
    """Every command line of the README's shell blocks and of the "Using it" table's run column."""
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", _TEXT, flags=re.S):
        lines += [s.strip() for s in block.splitlines() if s.strip() and not s.lstrip().startswith("#")]
    table = _TEXT.split("## Using it", 1)[1].split("\n\n", 2)[1]
    for row in table.splitlines()[2:]:
        run = row.strip("|").split("|", 1)[1] if row.count("|") >= 3 else ""
        lines += [c for c in re.findall(r"`([^`]+)`", run) if c.startswith(("python", "pytest", "pip", "from "))]
    lines += [c for c in re.findall(r"`(python -m theorems [^`]+)`", _TEXT.split("## Layout", 1)[0])]
    return list(dict.fromkeys(lines))


@pytest.fixture(scope="module")
def pytest_help() -> str:
    proc = subprocess.run([sys.executable, "-m", "pytest", "--help", "-p", "theorems.engine.plugin"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    return proc.stdout


def _parse_theorems(argv: list[str]) -> None:
    from theorems.__main__ import _parser

    argv = [a.replace("DIR", str(ROOT / "docs")) for a in argv]
    args = _parser().parse_args(argv)
    from theorems.engine.claims import REGISTRY
    from theorems.engine.sections import load_all

    load_all()
    for cid in getattr(args, "claim", []) + ([args.claim_id] if args.command == "replay" else []):
        assert cid in REGISTRY, f"README names an unknown claim {cid!r}"


def _check_pytest(argv: list[str], help_text: str) -> None:
    for a in argv:
        if a.startswith("-"):
            assert f" {a}" in help_text or f",{a}" in help_text or f"{a}=" in help_text, \
                f"pytest does not know {a}"
        elif a not in ("auto", "control") and not a.isdigit():
            assert (ROOT / a).exists() or a.startswith("yarotsky"), f"pytest path {a} does not exist"


def _check_pip(argv: list[str]) -> None:
    spec = argv[-1]
    extras = re.findall(r"\[(.*)\]", spec)
    known = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get(
        "optional-dependencies", {})
    for extra in (extras[0].split(",") if extras else []):
        assert extra in known, f"pip install {spec}: no extra {extra!r}"


def _check_script(argv: list[str]) -> None:
    script = ROOT / argv[0]
    assert script.is_file(), argv[0]
    proc = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    for a in argv[1:]:
        if a.startswith("--"):
            assert a in proc.stdout, f"{argv[0]} does not know {a}"


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    """``out.json`` of the README's deterministic run, for the one claim its replay line names."""
    import hypothesis

    from theorems.engine.claims import get_claim
    from theorems.engine.plugin import JSON_SCHEMA
    from theorems.engine.sections import load_all

    load_all()
    folder = tmp_path_factory.mktemp("readme_run")
    result = run_claim(get_claim("param_count_as_stated"))
    (folder / "out.json").write_text(json.dumps({
        "schema": JSON_SCHEMA, "versions": {"hypothesis": hypothesis.__version__},
        "results": [result.to_json()]}), encoding="utf-8")
    return folder


def test_every_readme_command_line_runs_or_parses(pytest_help, run_file, monkeypatch, capsys):
    from theorems.__main__ import main
    from theorems.engine.evidence import ClaimViolation

    commands = _commands()
    assert any("theorems replay" in c for c in commands) and any(c.startswith("from ") for c in commands)
    for line in commands:
        for part in [p.strip() for p in line.split("&&")]:
            argv = shlex.split(part.replace("[", "").replace("]", "") if part.startswith("python scripts")
                               else part)
            if ">" in argv:  # a redirection: the command is what precedes it
                argv = argv[:argv.index(">")]
            if argv[:3] == ["python", "-m", "theorems"]:
                _parse_theorems(argv[3:])
                if argv[3] in ("list", "replay"):  # quick: run them as written
                    monkeypatch.chdir(run_file)
                    assert main(argv[3:]) == 0, part
                    out = capsys.readouterr().out
                    assert out.strip(), part
            elif argv[0] == "pytest" or argv[:3] == ["python", "-m", "pytest"]:
                _check_pytest(argv[1:] if argv[0] == "pytest" else argv[3:], pytest_help)
            elif argv[0] == "pip":
                _check_pip(argv)
            elif argv[0] == "python" and argv[1].startswith("scripts/"):
                _check_script(argv[1:])
            elif part.startswith("from theorems.replay import replay;"):
                with pytest.raises(ClaimViolation):
                    exec(part, {})  # exactly the README's line
            else:
                assert part in ("python3 -m venv .venv", ". .venv/bin/activate"), f"README command {part!r}"


def test_the_readme_count_line_is_the_checkers_own_vocabulary():
    from theorems.engine.runner import Counts

    line = next(s for s in _TEXT.splitlines() if re.match(r"\d+ claims?: ", s))
    n = [int(x) for x in re.findall(r"\d+", line)]
    counts = Counts(claims=n[0], literal_statements=n[4], controls=n[5],
                    claims_by_verdict={"proved": n[1], "no counterexample": n[2], "consistent": n[3],
                                       "refuted": 0, "error": 0},
                    literal_statements_refuted=n[4], controls_refuted=n[5], failed=n[8])
    assert line == counts.line()
    assert f"{n[0]} claims, {n[4]} literal statements and\n{n[5]} controls" in _TEXT


def test_the_readme_says_the_run_ends_with_the_verdict_table_of_the_command_it_shows():
    intro = _TEXT.split("## Using it", 1)[0]
    block = intro.split("ends with the verdict table", 1)[1].split("```", 2)[1]
    assert "`python -m theorems check --profile ci`" in intro.split("ends with the verdict table", 1)[0]
    last = block.strip().splitlines()
    assert re.match(r"\d+ passed in [\d.]+s$", last[-1]) and re.match(r"\d+ claims?: ", last[-2])


def test_a_check_run_ends_with_the_verdict_table_its_count_line_and_pytests_count():
    proc = subprocess.run([sys.executable, "-m", "theorems", "check", "--profile", "ci", "--claim",
                           "param_count_as_stated"], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()
    assert re.match(r"\d+ passed(, \d+ deselected)? in [\d.]+s", last[-1]), last[-3:]
    assert re.match(r"\d+ claims?: ", last[-2]) and last[-3] == ""
    assert last[-4].startswith("param_count") and "theorem checker: verdicts" in proc.stdout
