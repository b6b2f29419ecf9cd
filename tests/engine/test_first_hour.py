"""A new user's first hour (issue 23): counterexamples as data, flags that do what the record
says, claims from outside the lecture, one vocabulary of counts.

One folder of outside claims (no catalogue entry, no lecture section) is checked through
``--claims-path`` under ``ci`` once per module; its JSON, terminal output and report are
compared, and its refutations are replayed from their recorded values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import hypothesis
import numpy as np
import pytest

from theorems.__main__ import main
from theorems.engine.claims import REGISTRY, Kind, Source, claim, get_claim
from theorems.engine.evidence import ClaimViolation
from theorems.engine.external import claims_path_package, forget_module
from theorems.engine.runner import count_records, run_claim
from theorems.engine.sections import load_all
from theorems.engine.values import UnencodableValue, decode_value, encode_arguments, encode_value

OUTSIDE = '''\
"""Four statements from a concentration-inequality textbook (test fixture)."""

import os
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from theorems import Kind, Source, claim


@claim(id="fh_markov_bernoulli", kind=Kind.BOUND,
       statement="Markov: P(X >= a) <= E[X]/a for X ~ Bernoulli(p)", formula="P(X ≥ a) ≤ E[X]/a",
       source=Source("Boucheron, Lugosi, Massart 2013, §2.1"), hypotheses=("X >= 0", "a > 0"))
@given(p=st.fractions(min_value=0, max_value=1, max_denominator=50),
       a=st.fractions(min_value=Fraction(1, 10), max_value=1, max_denominator=50))
def fh_markov_bernoulli(p, a, evidence):
    draws = os.environ.get("FH_DRAWS")
    if draws:
        with open(draws, "a", encoding="utf-8") as f:
            f.write(f"{p} {a}\\n")
    evidence.exact(p, p / a, "<=")


@fh_markov_bernoulli.control("E[X]/a² instead of E[X]/a")
@given(p=st.fractions(min_value=0, max_value=1, max_denominator=50),
       a=st.fractions(min_value=Fraction(1, 10), max_value=1, max_denominator=50))
def fh_markov_bernoulli_squared(p, a, evidence):
    evidence.exact(p, p * p / a, "<=")


@claim(id="fh_chebyshev_as_stated", kind=Kind.BOUND, as_stated=True,
       statement="(misprint) the mean of n fair coins is within 1/n of 1/2", formula="|S/n − ½| ≤ 1/n",
       source=Source("a misprinted exercise"), hypotheses=("n ≥ 1",))
@given(flips=st.lists(st.booleans(), min_size=1, max_size=20), scale=st.floats(1.0, 2.0))
def fh_chebyshev_as_stated(flips, scale, evidence):
    n = len(flips)
    evidence.bound(abs(sum(flips) / n - 0.5), scale / n, name="|S/n − ½|", rhs_name="scale/n",
                   at={"n": n})
'''

CLAIM_IDS = ("fh_markov_bernoulli", "fh_markov_bernoulli/squared", "fh_chebyshev_as_stated")


def _cli(*args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "theorems", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, env=None if env is None else {**os.environ, **env})


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outside_claims")
    (folder / "concentration.py").write_text(OUTSIDE, encoding="utf-8")
    run = folder / "run.json"
    proc = _cli("check", "--claims-path", str(folder), "--claim", "fh_markov_bernoulli",
                "--claim", "fh_chebyshev_as_stated", "--profile", "ci", "--json", str(run))
    yield folder, proc, json.loads(run.read_text(encoding="utf-8")) if run.exists() else None
    for key in [k for k, c in REGISTRY.items() if c.module.startswith(claims_path_package(folder))]:
        REGISTRY.pop(key)
    forget_module(claims_path_package(folder))


# -- 4. claims from outside the lecture ----------------------------------------------------------

def test_an_outside_claim_without_catalogue_or_lecture_section_is_checked(outside):
    folder, proc, doc = outside
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    by_id = {r["id"]: r for r in doc["results"]}
    assert set(by_id) == set(CLAIM_IDS)
    assert by_id["fh_markov_bernoulli"]["outcome"] == "no counterexample"
    assert by_id["fh_markov_bernoulli"]["catalogue"] is None
    assert by_id["fh_markov_bernoulli"]["source"] == "Boucheron, Lugosi, Massart 2013, §2.1"
    line = next(s for s in proc.stdout.splitlines() if s.startswith("fh_markov_bernoulli "))
    assert "no counterexample" in line and f"[path {folder}]" in line


def test_a_claim_of_the_lecture_still_needs_its_catalogue_entry_and_lecture_section():
    def prop(evidence):
        evidence.exact(1, 1)

    for module in ("theorems.approximation_rates.scratch", "theorems.scratch"):
        prop.__module__ = module
        with pytest.raises(ValueError, match=r"needs catalogue= and Source\(lecture=\.\.\.\)"):
            claim(id="scratch_needs_metadata", kind=Kind.IDENTITY, statement="s", formula="f",
                  source=Source("r"), hypotheses=("h",))(prop)
        with pytest.raises(ValueError, match=r"needs Source\(lecture=\.\.\.\)"):
            claim(id="scratch_needs_metadata", kind=Kind.IDENTITY, statement="s", formula="f",
                  catalogue="C01", source=Source("r"), hypotheses=("h",))(prop)
    assert "scratch_needs_metadata" not in REGISTRY


def test_the_report_groups_outside_claims_under_their_own_source(outside, tmp_path):
    folder, _, doc = outside
    run = tmp_path / "run.json"
    run.write_text(json.dumps(doc), encoding="utf-8")
    proc = _cli("report", "--from", str(run), "--out", str(tmp_path / "rep"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "## External claims: path " + str(folder).replace("_", "\\_") in page
    assert "Records not in this version" not in page


# -- 5. one vocabulary of counts -------------------------------------------------------------------

def test_terminal_json_and_report_count_claims_literal_statements_and_controls_alike(outside, tmp_path):
    _, proc, doc = outside
    counts = count_records(doc["results"])
    assert (counts.claims, counts.literal_statements, counts.controls) == (1, 1, 1)
    assert doc["summary"] == counts.to_json()
    assert counts.line() in proc.stdout.splitlines()
    assert counts.line().startswith("1 claim: 0 proved, 1 no counterexample, 0 consistent; "
                                    "1 literal statement and 1 control, 2/2 refuted as expected; 0 failed")
    run = tmp_path / "run.json"
    run.write_text(json.dumps(doc), encoding="utf-8")
    rep = _cli("report", "--from", str(run), "--out", str(tmp_path / "rep"))
    assert "report of 1 claim, 1 literal statement and 1 control (" in rep.stdout
    assert "1 claim, 1 literal statement and 1 control. The lecture's statements" in (
        tmp_path / "rep" / "report.md").read_text(encoding="utf-8")


def test_counts_say_one_claim_and_two_claims():
    rec = {"role": "claim", "verdict": "proved", "outcome": "proved", "ok": True}
    assert count_records([rec]).line().startswith("1 claim: 1 proved")
    assert count_records([rec, rec]).line().startswith("2 claims: 2 proved")
    assert "0 literal statements and 0 controls, 0/0" in count_records([rec]).line()


@pytest.fixture
def built_in():
    load_all()


# -- 1. counterexamples as data --------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    0, -(2**70), True, None, "x", 0.1, -0.0, float("inf"), 1e-310, (1, (2.5, "a")), [1, [0.3]],
    {"k": 1.5, 2: (3,)}, Fraction(-3, 7), np.arange(6.0).reshape(2, 3) / 3, np.zeros((0, 3)),
    np.array([True, False]), np.array(7, dtype=np.int32)])
def test_values_round_trip_exactly_through_json(value):
    back = decode_value(json.loads(json.dumps(encode_value(value))))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
        assert np.array_equal(np.signbit(back), np.signbit(value)) if value.dtype.kind == "f" else True
    else:
        assert back == value and type(back) is type(value) and repr(back) == repr(value)


def test_numpy_scalars_become_their_python_type_and_nan_survives():
    assert decode_value(encode_value(np.float64(0.1))) == 0.1
    assert type(decode_value(encode_value(np.int64(3)))) is int
    assert np.isnan(decode_value(encode_value(float("nan"))))


def test_an_unencodable_argument_is_named():
    with pytest.raises(UnencodableValue, match=r"argument 'f' could not be encoded: it is a builtins\.object"):
        encode_arguments({"n": 1, "f": object()})


def test_every_refutation_record_carries_its_counterexample_as_values(outside):
    by_id = {r["id"]: r for r in outside[2]["results"]}
    for cid in ("fh_markov_bernoulli/squared", "fh_chebyshev_as_stated"):
        r = by_id[cid]
        assert r["verdict"] == "refuted" and r["counterexample_values"] is not None, r
        assert r["reproduce_blob"]["hypothesis"] == hypothesis.__version__
        assert "values=" in r["reproduce"] and hypothesis.__version__ not in r["reproduce"]
    values = by_id["fh_chebyshev_as_stated"]["counterexample_values"]
    assert isinstance(values["flips"], list) and set(values["scale"]) == {"float"}


def _replay_cli(folder, *args):
    return _cli("replay", *args, "--claims-path", str(folder))


def test_replay_from_a_run_file_reruns_the_recorded_values(outside, tmp_path):
    folder, _, doc = outside
    run = tmp_path / "run.json"
    run.write_text(json.dumps(doc), encoding="utf-8")
    for cid in ("fh_markov_bernoulli/squared", "fh_chebyshev_as_stated"):
        proc = _replay_cli(folder, cid, "--from", str(run))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        first = next(r for r in doc["results"] if r["id"] == cid)["counterexample"].splitlines()[0]
        assert proc.stdout.strip() == f"{cid}: refuted as recorded: {first}"


def test_replay_on_another_hypothesis_version_says_so_once_and_uses_the_values(outside, tmp_path):
    folder, _, doc = outside
    other = dict(doc, versions=dict(doc["versions"], hypothesis="6.0.0"))
    for r in other["results"]:  # a blob from another version would not replay here
        if r["reproduce_blob"]:
            r["reproduce_blob"] = {"hypothesis": "6.0.0", "blob": "AAAA"}
    run = tmp_path / "old.json"
    run.write_text(json.dumps(other), encoding="utf-8")
    proc = _replay_cli(folder, "fh_chebyshev_as_stated", "--from", str(run))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and "Hypothesis 6.0.0" in lines[0] and "recorded values" in lines[0]
    assert lines[1].startswith("fh_chebyshev_as_stated: refuted as recorded: ")


def test_replay_exits_1_when_the_recorded_values_no_longer_refute(outside, tmp_path):
    folder, _, doc = outside
    changed = json.loads(json.dumps(doc))
    rec = next(r for r in changed["results"] if r["id"] == "fh_chebyshev_as_stated")
    rec["reproduce_blob"] = None
    rec["counterexample_values"] = {"flips": [True, False], "scale": {"float": (2.0).hex()}}
    run = tmp_path / "changed.json"
    run.write_text(json.dumps(changed), encoding="utf-8")
    proc = _replay_cli(folder, "fh_chebyshev_as_stated", "--from", str(run))
    assert proc.returncode == 1 and "no longer refuted" in proc.stdout, proc.stdout + proc.stderr


def test_replay_usage_errors_exit_2_with_one_line(outside, tmp_path):
    folder, _, doc = outside
    run = tmp_path / "run.json"
    run.write_text(json.dumps(doc), encoding="utf-8")
    cases = [(("no_such_claim", "--from", str(run)), "unknown claim id 'no_such_claim'"),
             (("param_count", "--from", str(run)), "has no record of 'param_count'"),
             (("fh_chebyshev_as_stated", "--from", str(tmp_path / "missing.json")), "cannot read"),
             (("fh_markov_bernoulli", "--from", str(run)), "was not refuted")]
    for args, fragment in cases:
        proc = _replay_cli(folder, *args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert fragment in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


def test_the_reproduce_line_replays_without_the_hypothesis_version(built_in):
    result = run_claim(get_claim("param_count_as_stated"))
    assert result.counterexample_values == {"d": 2, "N": 1, "H": 1}
    assert result.reproduce == ("from theorems.replay import replay; "
                                """replay('param_count_as_stated', values='{"d": 2, "N": 1, "H": 1}')""")
    with pytest.raises(ClaimViolation) as info:
        exec(result.reproduce, {})
    assert str(info.value).splitlines()[0] == result.counterexample.splitlines()[0]


def test_an_interactive_draw_is_recorded_and_replayed(built_in):
    result = run_claim(get_claim("param_count/with_vector_output"))
    assert result.counterexample_values["data"] == {"draws": [1]}, result.counterexample_values
    with pytest.raises(ClaimViolation):
        exec(result.reproduce, {})


# -- 2. flags do what the record says --------------------------------------------------------------

def _draws(folder, tmp_path, name, *seed):
    draws = tmp_path / name
    proc = _cli("check", "--claims-path", str(folder), "--claim", "fh_markov_bernoulli", "--profile", "ci",
                *(("--seed", str(seed[0])) if seed else ()), "--json", str(tmp_path / f"{name}.json"),
                env={"FH_DRAWS": str(draws)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return draws.read_text(encoding="utf-8"), json.loads((tmp_path / f"{name}.json").read_text())


def test_seed_takes_effect_under_ci_and_the_record_says_what_governed_the_run(outside, tmp_path):
    folder = outside[0]
    a, doc_a = _draws(folder, tmp_path, "a", 7)
    b, _ = _draws(folder, tmp_path, "b", 7)
    c, doc_c = _draws(folder, tmp_path, "c", 8)
    assert a == b and a != c
    assert doc_a["seed"] == 7 and doc_a["derandomized"] is True and doc_a["seeding"] == "claim id + seed"
    assert doc_c["seed"] == 8
    assert outside[2]["seed"] is None and outside[2]["seeding"] == "claim id"


def test_the_profiles_named_by_the_readme_help_and_code_are_one_set(capsys):
    from theorems.engine.profiles import PROFILES

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "audit" in PROFILES  # scripts/reliability_audit.py runs under it
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = capsys.readouterr().out
    for name in PROFILES:
        assert f"`{name}`" in readme and name in help_text
    assert "{" + ",".join(PROFILES) + "}" in help_text


# -- 3. error lines --------------------------------------------------------------------------------

def test_an_error_line_leads_with_the_exception_not_the_blob():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(n=st.integers(1, 3))
    def scratch_crashes(n, evidence):
        evidence.close(n, n)  # forgot rtol=, name= and why=

    scratch_crashes.__module__ = "scratch_errors"
    c = claim(id="scratch_crashes", kind=Kind.IDENTITY, statement="s", formula="f",
              source=Source("r"), hypotheses=("h",))(scratch_crashes)
    try:
        result = run_claim(c)
    finally:
        REGISTRY.pop("scratch_crashes")
    assert result.outcome == "error"
    assert result.evidence_summary.startswith("TypeError: Evidence.close() missing 3 required keyword-only")
    assert "reproduce_failure" in result.error and "reproduce_failure" not in result.evidence_summary


def test_exact_without_a_name_labels_the_left_side(outside):
    by_id = {r["id"]: r for r in outside[2]["results"]}
    assert by_id["fh_markov_bernoulli/squared"]["counterexample"].startswith("lhs=")


def test_docstrings_do_not_cite_a_file_a_user_never_has():
    root = Path(__file__).resolve().parents[2]
    for path in [*(root / "theorems" / "engine").glob("*.py"), *(root / "theorems" / "report").glob("*.py"),
                 root / "theorems" / "__init__.py", root / "pyproject.toml"]:
        text = path.read_text(encoding="utf-8")
        assert "shared/CLAIMS.md" not in text, path
        assert "STYLE.md" not in text and "DESIGN.md" not in text, path
