"""Meta-tests of the claim engine: metadata, evidence, verdicts, runner."""

from __future__ import annotations

import math
from fractions import Fraction
from types import SimpleNamespace

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from theorems.engine.claims import REGISTRY, Kind, Role, Source, claim
from theorems.engine.evidence import ClaimViolation, Evidence, InconclusiveProof
from theorems.engine.runner import run_claim
from theorems.engine.sections import SECTIONS, load_all
from theorems.engine.verdicts import EmptyEvidence, Verdict, verdict_of
from theorems.report.catalogue import catalogue_markdown

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
SRC = Source("test", lecture="test")


@pytest.fixture(scope="module", autouse=True)
def _all_sections_loaded():
    load_all()


def _scratch_claims():
    return [c for c in REGISTRY.values() if c.module == __name__]


@pytest.fixture(autouse=True)
def _forget_scratch_claims():
    yield
    for c in _scratch_claims():
        REGISTRY.pop(c.id, None)


def lecture_claims():
    load_all()
    return [c for c in REGISTRY.values() if c.module.startswith("theorems.")]


# -- metadata --------------------------------------------------------------

def test_every_claim_has_all_metadata():
    for c in lecture_claims():
        assert c.statement.strip() and c.formula.strip(), c.id
        assert c.hypotheses and all(h.strip() for h in c.hypotheses), c.id
        assert c.source.reference.strip() and c.source.lecture.strip(), c.id
        assert c.catalogue.startswith("C"), c.id
        assert isinstance(c.kind, Kind), c.id


def test_every_claim_has_a_negative_control():
    missing = [c.id for c in lecture_claims() if c.role is Role.CLAIM and not c.controls]
    assert not missing, f"claims without a negative control: {missing}"


def test_every_literal_statement_is_corrected_by_a_claim():
    claims = lecture_claims()
    for c in claims:
        if c.role is Role.AS_STATED:
            assert any(o.corrects == c.id for o in claims), f"{c.id} has no corrected claim"
        if c.corrects:
            assert c.corrects in REGISTRY and REGISTRY[c.corrects].role is Role.AS_STATED


def test_every_claim_belongs_to_a_part_of_the_lecture():
    sections = {f"theorems.{s.module}" for s in SECTIONS}
    assert {c.part for c in lecture_claims()} <= sections


def test_docs_claims_md_is_generated_from_the_metadata():
    on_disk = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    assert on_disk == catalogue_markdown(), "docs/claims.md is stale: python -m theorems list --markdown > docs/claims.md"


def test_a_repeated_id_is_rejected():
    @claim(id="scratch_unique", kind=Kind.BOUND, statement="s", formula="f", source=SRC,
           hypotheses=("h",), catalogue="C99")
    def first(evidence):
        evidence.exact(1, 1, name="one")

    REGISTRY["scratch_unique"].module = "elsewhere"
    with pytest.raises(ValueError, match="declared twice"):
        @claim(id="scratch_unique", kind=Kind.BOUND, statement="s", formula="f", source=SRC,
               hypotheses=("h",), catalogue="C99")
        def second(evidence):
            pass
    REGISTRY.pop("scratch_unique")


@pytest.mark.parametrize("bad", [
    dict(id="Bad-Id"), dict(statement=""), dict(hypotheses=()), dict(id="x_as_stated"),
])
def test_a_claim_with_missing_or_bad_metadata_is_rejected(bad):
    meta = dict(id="scratch_meta", kind=Kind.BOUND, statement="s", formula="f", source=SRC,
                hypotheses=("h",), catalogue="C99") | bad
    with pytest.raises(ValueError):
        claim(**meta)(lambda evidence: None)


def test_a_property_must_take_evidence():
    with pytest.raises(ValueError, match="evidence"):
        claim(id="scratch_noev", kind=Kind.BOUND, statement="s", formula="f", source=SRC,
              hypotheses=("h",), catalogue="C99")(lambda x: None)


# -- evidence --------------------------------------------------------------

def test_bound_reports_the_worst_offender_and_its_ratio():
    ev = Evidence("demo")
    import numpy as np
    x = np.linspace(0, 1, 5)
    with pytest.raises(ClaimViolation) as info:
        ev.bound(x**2, 0.5 * np.ones(5), name="|f(x)|", rhs_name="1/2", at={"x": x, "m": 3})
    msg = str(info.value)
    assert msg == "|f(x)|=1, but should be <= 1/2=0.5 (ratio 2) [claim demo: x=1, m=3]"


def test_bound_keeps_the_worst_ratio_when_it_holds():
    ev = Evidence("demo")
    ev.bound([0.1, 0.4], [1.0, 0.5], name="e", rhs_name="b", at={"i": 7})
    assert ev.worst.ratio == pytest.approx(0.8, rel=1e-15) and ev.worst.at == {"i": 7}


def test_bound_treats_nan_as_a_violation():
    with pytest.raises(ClaimViolation):
        Evidence("demo").bound([math.nan], [1.0], name="e", rhs_name="b")


def test_exact_refuses_floats_and_compares_fractions_exactly():
    ev = Evidence("demo")
    ev.exact(Fraction(1, 3) + Fraction(2, 3), 1, name="sum")
    with pytest.raises(TypeError):
        ev.exact(0.1 + 0.2, 0.3, name="sum")
    with pytest.raises(ClaimViolation, match=r"x=1/3 \(≈0.333333\), but should be == 1/2"):
        ev.exact(Fraction(1, 3), Fraction(1, 2), name="x")


def test_close_needs_a_reason_for_its_tolerance():
    with pytest.raises(ValueError, match="why"):
        Evidence("demo").close(1.0, 1.0, rtol=1e-15, name="x", why="")


def test_symbolic_proves_refutes_or_says_inconclusive():
    x = sympy.Symbol("x", positive=True)
    ev = Evidence("demo")
    ev.in_proof = True
    ev.symbolic((x + 1) ** 2, x**2 + 2 * x + 1, name="square")
    ev.symbolic(x**2 + 1, 0, ">=", name="positive")
    assert len(ev.proofs) == 2 and verdict_of(ev, None) is Verdict.PROVED
    with pytest.raises(ClaimViolation):
        ev.symbolic(x + 1, x, name="wrong")
    y = sympy.Symbol("y", real=True)
    with pytest.raises(InconclusiveProof):
        ev.symbolic(y, 0, ">=", name="undecidable without assumptions")


def test_statistical_failure_below_the_designed_rate():
    ev = Evidence("demo")
    ev.confidence(1.0, 0.1, 1.05, name="mean", alpha=1e-6)
    assert verdict_of(ev, None) is Verdict.CONSISTENT
    with pytest.raises(ClaimViolation, match="designed false-alarm rate"):
        ev.confidence(1.0, 0.01, 2.0, name="mean", alpha=1e-6)


def test_a_claim_with_a_statistical_part_is_consistent_even_with_proofs():
    x = sympy.Symbol("x", positive=True)
    ev = Evidence("demo")
    ev.in_proof = True
    ev.symbolic((x + 1) ** 2, x**2 + 2 * x + 1, name="the limit formula")
    ev.in_proof = False
    ev.confidence(1.0, 0.1, 1.05, name="finite-n Monte Carlo", alpha=1e-6)
    assert ev.proofs and verdict_of(ev, None) is Verdict.CONSISTENT


def test_a_property_that_checks_nothing_has_no_verdict():
    with pytest.raises(EmptyEvidence):
        verdict_of(Evidence("demo"), None)


def test_sampling_alone_never_proves():
    ev = Evidence("demo")
    ev.bound([0.5], [1.0], name="e", rhs_name="b")
    ev.exact(2, 2, name="n")
    assert verdict_of(ev, None) is Verdict.NO_COUNTEREXAMPLE


def test_each_recorded_comparison_counts_as_one_check():
    """n_checks (the report's "N checks") grows by one per comparison, held or failed."""
    ev = Evidence("demo")
    ev.exact(2, 2, name="n")
    ev.exact(1, 2, "<=", name="n")
    with pytest.raises(ClaimViolation):
        ev.exact(3, 2, name="n")
    assert ev.n_checks == 3, f"n_checks={ev.n_checks}, but should be 3 [after 3 exact() calls]"
    # a duck-typed enclosure of a sup, both ends confirmed by the re-check
    def sup(lower, upper):
        return SimpleNamespace(lower=lower, upper=upper, witness=0.5,
                               lower_rigorous=True, upper_rigorous=True)
    ev.certified(sup(0.1, 0.2), 0.3, name="|f − f_θ|", domain="[0, 1]")
    with pytest.raises(ClaimViolation):
        ev.certified(sup(0.4, 0.5), 0.3, name="|f − f_θ|", domain="[0, 1]")
    assert ev.n_checks == 5, (
        f"n_checks={ev.n_checks}, but should be 5 [after 2 more certified() calls]")


def test_an_enclosure_never_rechecked_certifies_nothing():
    """A sup enclosure with only lower/upper/witness (no rigorous re-check) is undecided, not a proof."""
    ev = Evidence("demo")
    never_rechecked = SimpleNamespace(lower=0.1, upper=0.2, witness=0.5)  # upper <= ε = 0.3
    ev.certified(never_rechecked, 0.3, name="|f − f_θ|", domain="[0, 1]")
    assert not ev.certificates, f"certificates={ev.certificates}, but should be empty [never re-checked]"
    assert len(ev.undecided) == 1 and ev.undecided[0]["why"].startswith("re-check failed")


# -- the runner, end to end ---------------------------------------------------

def test_a_false_claim_is_refuted_with_a_shrunk_counterexample():
    @claim(id="scratch_w_le_l_n_squared", kind=Kind.BOUND, catalogue="C12", source=SRC,
           statement="W ≤ L·N² for all d", formula="W ≤ L·N²", hypotheses=("dense",))
    @given(d=st.integers(1, 30), N=st.integers(1, 20), H=st.integers(1, 5))
    def w_le(d, N, H, evidence):
        W = N * (d + 1) + (H - 1) * N * (N + 1) + (N + 1)
        evidence.exact(W, (H + 1) * N * N, "<=", name="W", rhs_name="L·N²", at={"d": d, "N": N, "H": H})

    result = run_claim(REGISTRY["scratch_w_le_l_n_squared"])
    assert result.verdict == "refuted" and not result.ok
    assert "W=4, but should be <= L·N²=2" in result.counterexample
    assert "d=1, N=1, H=1" in result.counterexample


def test_a_control_that_is_not_refuted_fails_the_run():
    @claim(id="scratch_true", kind=Kind.BOUND, catalogue="C99", source=SRC, statement="s",
           formula="f", hypotheses=("h",))
    @given(n=st.integers(0, 10))
    def true_claim(n, evidence):
        evidence.exact(n, 0, ">=", name="n")

    @true_claim.control("a control that cannot fail")
    @given(n=st.integers(0, 10))
    def toothless(n, evidence):
        evidence.exact(n, 0, ">=", name="n")

    assert run_claim(true_claim).ok
    result = run_claim(REGISTRY["scratch_true/toothless"])
    assert not result.ok and result.outcome == "no counterexample, but should be refuted"


def test_a_crash_is_an_error_not_a_verdict():
    @claim(id="scratch_crash", kind=Kind.BOUND, catalogue="C99", source=SRC, statement="s",
           formula="f", hypotheses=("h",))
    def crash(evidence):
        raise ZeroDivisionError("boom")

    result = run_claim(REGISTRY["scratch_crash"])
    assert result.outcome == "error" and result.verdict is None and "ZeroDivisionError" in result.error


def test_search_examples_are_counted():
    @claim(id="scratch_count", kind=Kind.BOUND, catalogue="C99", source=SRC, statement="s",
           formula="f", hypotheses=("h",))
    @given(n=st.integers(0, 3))
    def small(n, evidence):
        evidence.bound(n, 3, name="n", rhs_name="3")

    result = run_claim(REGISTRY["scratch_count"])
    assert result.verdict == "no counterexample" and result.examples >= 4 and result.worst_ratio == 1.0


def test_profiles_mean_the_same_with_and_without_ci_set():
    """Hypothesis makes its own `ci` profile the default under CI; `fast` must not inherit it."""
    import os
    import subprocess
    import sys

    code = ("from hypothesis import settings; from theorems.engine.profiles import register_profiles; "
            "register_profiles(); f = settings.get_profile('fast'); t = settings.get_profile('thorough'); "
            "c = settings.get_profile('ci'); "
            "print(f.derandomize, f.database is None, t.derandomize, c.derandomize, c.database is None)")
    for ci in ("", "true"):
        env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci else {})
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                             check=True).stdout.split()
        assert out == ["False", "False", "False", "True", "True"], (ci, out)


def test_close_reports_the_worst_offender_where_it_fails():
    """close() names the entry with the largest |lhs − rhs|/allowed, and its `at` values, not the first entry."""
    import numpy as np

    ev = Evidence("demo")
    ev.close(np.array([1.0, np.nextafter(2.0, 3.0)]), np.array([1.0, 2.0]), rtol=1e-15, name="f",
             why="1 ulp")
    assert ev.worst.ratio <= 1.0, f"worst.ratio={ev.worst.ratio}, but should be <= 1 (values agree)"
    with pytest.raises(ClaimViolation) as info:
        Evidence("demo").close(np.array([1.0, 2.5]), np.array([1.0, 2.0]), rtol=1e-15, name="f",
                               why="2 ulp", at={"x": np.array([0.0, 0.5])})
    assert str(info.value).startswith("f=2.5, but should be 2 within") and "x=0.5" in str(info.value), (
        f"message={info.value}, but should name f=2.5 at x=0.5")


def test_a_scalar_comparison_passes_its_at_values_through_unchanged():
    """Only arrays aligned with an array comparison are indexed; for a scalar one, `at` is kept as given."""
    import numpy as np

    x = np.array(1234567.0)
    ev = Evidence("demo")
    ev.bound(0.5, 1.0, name="e", rhs_name="b", at={"x": x})
    assert ev.worst.at["x"] is x, f"worst.at={ev.worst.at!r}, but should hold the given 0-d array x"


@pytest.mark.parametrize("method", ["close", "bound"])
def test_an_empty_comparison_is_refused_because_it_would_check_nothing(method):
    """close() and bound() on empty arrays raise a ValueError naming the quantity (a comparison
    of nothing asserts nothing; close() used to crash with an IndexError)."""
    ev = Evidence("demo")
    kwargs = ({"rtol": 1e-12, "why": "exact"} if method == "close"
              else {"rhs_name": "bound"})
    with pytest.raises(ValueError, match="nothing would be checked"):
        getattr(ev, method)([], [], name="gap", **kwargs)
    assert ev.n_checks == 0
