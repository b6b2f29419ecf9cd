"""The PAC-Bayes-kl bound on a finite class, checked against exact risks (C40, C42).

For a finite class of threshold classifiers on {0, …, k − 1}, a law with exact risks R(h)
(:mod:`constructions.pac_bayes.finite_class`), a prior P fixed before the data and the Gibbs
posterior Q_β ∝ P e^{−βnR̂} chosen from the sample, the event

    kl(R̂_S(Q) ‖ R(Q)) > (KL(Q ‖ P) + ln(2√n/δ)) / n

has probability ≤ δ (Maurer 2004, Thm 5; Seeger 2002, Thm 1).  Proof idea: E_S E_P e^{n kl(R̂‖R)}
≤ 2√n (Maurer), Markov's inequality, and the change of measure E_Q f ≤ KL(Q ‖ P) + ln E_P e^f
(Donsker–Varadhan), which is why the bound holds for all Q at once, data-dependent ones included.
The check counts the event over 2000 independent samples and tests the count against
Binomial(2000, δ) with a designed false-alarm rate.

References: McAllester1999 (COLT), Seeger2002 (JMLR 3), Maurer2004 (arXiv:cs/0411099),
Langford2005 (JMLR 6).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from scipy.special import xlogy
from scipy.stats import binom

from constructions.pac_bayes import (
    binary_kl,
    gibbs_posterior,
    kl_inverse_upper,
    noisy_threshold_task,
    sample_empirical_risks,
)
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

_LECTURE = "PAC-Bayes (講義のまとめより)"
_NO_SHRINK = tuple(
    p for p in Phase if p is not Phase.shrink
)  # a refuted control needs no smaller example
_ALPHA = 1e-6  # designed false-alarm rate of each binomial test
_REPEATS = 2000
_DELTAS = st.sampled_from([0.05, 0.1, 0.2, 0.5])


@st.composite
def _threshold_problems(draw):
    k = draw(st.integers(2, 12), label="k")
    return dict(
        k=k,
        threshold=draw(st.integers(0, k), label="threshold"),
        noise=draw(st.floats(0.0, 0.5), label="noise"),
        n=draw(st.integers(8, 200), label="n"),
        delta=draw(_DELTAS, label="delta"),
    )


def _violations(problem, beta: float, seed: int, *, log_term: bool = True):
    """Count of samples S with kl(R̂_S(Q) ‖ R(Q)) > (KL(Q‖P) + ln(2√n/δ))/n, and its p-value."""
    task = noisy_threshold_task(
        problem["k"], threshold=problem["threshold"], noise=problem["noise"]
    )
    n, delta = problem["n"], problem["delta"]
    weights = 1.0 / np.arange(
        1, task.n_hypotheses + 1
    )  # any law fixed before the data; not uniform,
    prior = (
        weights / weights.sum()
    )  # since a uniform prior on this symmetric class has R(P) = R̂(P) = 1/2
    emp = sample_empirical_risks(task, n, n_repeats=_REPEATS, rng=np.random.default_rng(seed))
    q = gibbs_posterior(prior, emp, beta=beta, n=n)
    emp_q, risk_q = np.sum(q * emp, axis=1), q @ task.risks
    kl_q = np.sum(xlogy(q, q) - q * np.log(prior), axis=1)
    rhs = (kl_q + (math.log(2.0 * math.sqrt(n) / delta) if log_term else 0.0)) / n
    # emp_q, risk_q are convex combinations: a few ulp off [0, 1] at most
    lhs = binary_kl(np.clip(emp_q, 0.0, 1.0), np.clip(risk_q, 0.0, 1.0))
    count = int(np.count_nonzero(lhs > rhs))
    return count, float(binom.sf(count - 1, _REPEATS, delta))


_SOURCE = Source(
    "Maurer 2004, A note on the PAC Bayesian theorem, Thm 5; Seeger 2002, JMLR 3, Thm 1; "
    "Langford 2005, JMLR 6, Thm 5.1; McAllester 1999 (COLT), Thm 1",
    lecture=_LECTURE,
)


@claim(
    id="pac_bayes_kl_bound",
    kind=Kind.STATISTICAL,
    catalogue="C40",
    statement="With probability ≥ 1 − δ over the sample, every posterior Q satisfies "
    "kl(R̂_S(Q) ‖ R(Q)) ≤ (KL(Q ‖ P) + ln(2√n/δ))/n",
    formula="P_S(∃Q: kl(R̂_S(Q) ‖ R(Q)) > (KL(Q‖P) + ln(2√n/δ))/n) ≤ δ",
    source=_SOURCE,
    hypotheses=(
        "loss with values in [0, 1] (here the 0–1 loss)",
        "S = n i.i.d. draws, n ≥ 8",
        "the prior P does not depend on S",
        "δ ∈ (0, 1)",
    ),
    implicit=(
        "Q may depend on S (here the Gibbs posterior Q_β ∝ P e^{−βnR̂_S})",
        "R(Q) = E_{h~Q} R(h), R̂_S(Q) = E_{h~Q} R̂_S(h): risks of the randomised (Gibbs) classifier",
        "Maurer's constant 2√n needs n ≥ 8",
    ),
)
@settings(max_examples=30, deadline=None)  # each example draws 2000 samples of size ≤ 200
@given(problem=_threshold_problems(), beta=st.floats(0.0, 8.0), seed=seeds())
def pac_bayes_kl_bound(problem, beta, seed, evidence):
    """The kl form of the PAC-Bayes bound fails on at most a δ fraction of samples.

    Statement: P_S(kl(R̂_S(Q_β) ‖ R(Q_β)) > (KL(Q_β ‖ P) + ln(2√n/δ))/n) ≤ δ.
    Checked as: statistical; 2000 independent samples per example, R(Q) exact, the count of
    violations against Binomial(2000, δ), one-sided, α = 1e-6 per example.
    Domain: thresholds on k ∈ [2, 12] points (2(k+1) classifiers), label noise ∈ [0, 1/2],
    n ∈ [8, 200], δ ∈ {0.05, 0.1, 0.2, 0.5}, β ∈ [0, 8] (β = 0: Q = P; β = 8: near the ERM).
    Deviation from the lecture: the lecture names PAC-Bayes without a statement; this is the
    standard kl form with Maurer's constant.
    """
    count, p = _violations(problem, beta, seed)
    evidence.statistical(
        name=f"#violations={count}/{_REPEATS} (δ={problem['delta']})",
        test="binomial tail vs δ",
        p_value=p,
        alpha=_ALPHA,
        at={**problem, "beta": beta, "seed": seed},
    )


@pac_bayes_kl_bound.control(
    "ln(2√n/δ) dropped, at Q = P (β = 0): the bound becomes kl(R̂(P) ‖ R(P)) ≤ 0"
)
@settings(
    max_examples=5, deadline=None, phases=_NO_SHRINK
)  # any sample with R̂(P) ≠ R(P) violates; p < 1e-100
@given(problem=_threshold_problems(), seed=seeds())
def pac_bayes_kl_bound_without_log_term(problem, seed, evidence):
    count, p = _violations(problem, 0.0, seed, log_term=False)
    evidence.statistical(
        name=f"#violations={count}/{_REPEATS} (δ={problem['delta']})",
        test="binomial tail vs δ",
        p_value=p,
        alpha=_ALPHA,
        at={**problem, "seed": seed},
    )


@claim(
    id="kl_inverse_le_mcallester",
    kind=Kind.BOUND,
    catalogue="C42",
    statement="The kl form of the PAC-Bayes bound is at least as tight as the square-root form: "
    "kl⁻¹(q, c) ≤ q + √(c/2)",
    formula="sup{p : kl(q ‖ p) ≤ c} ≤ q + √(c/2)   (Pinsker: kl(q ‖ p) ≥ 2(p − q)²)",
    source=Source(
        "Seeger 2002, JMLR 3, Sec. 3; McAllester 1999 (COLT); Pinsker's inequality",
        lecture=_LECTURE,
    ),
    hypotheses=("q ∈ [0, 1]", "c ≥ 0"),
    implicit=("kl⁻¹ computed by scipy.optimize.brentq to xtol = 1e-15",),
)
@given(q=st.floats(0.0, 1.0), c=st.one_of(st.just(0.0), st.floats(1e-12, 2.0)))
def kl_inverse_le_mcallester(q, c, evidence):
    """The kl inverse is below McAllester's square-root form.

    Statement: kl⁻¹(q, c) ≤ q + √(c/2) for q ∈ [0, 1], c ≥ 0.
    Checked as: search with evidence.bound (target pushes the ratio up); slack 2e-15 + 8 ulp,
    brentq's xtol and rtol (4 ulp), its upward nudge, and the rounding of q + √(c/2).
    Domain: q ∈ [0, 1] (subnormals included), c = 0 or c ∈ [1e-12, 2]: a PAC-Bayes complexity
    is at least ln(2√n)/n > 1e-12 for n < 10^13, and below 1e-12 the root finder's absolute
    xtol 1e-15 is no longer
    small against √(c/2).
    Deviation from the lecture: none (the lecture has no PAC-Bayes statement).
    """
    evidence.bound(
        kl_inverse_upper(q, c),
        min(1.0, q + math.sqrt(c / 2.0)),
        name="kl⁻¹(q, c)",
        rhs_name="min(1, q + √(c/2))",
        at={"q": q, "c": c},
        slack=2e-15 + 8 * EPS,
        why_slack="brentq: xtol 1e-15 + rtol 4 ulp; the 1e-15 upward nudge; rounding of q + √(c/2)",
    )


@kl_inverse_le_mcallester.control("the square root dropped: q + c/2")
@settings(phases=_NO_SHRINK)
@given(q=st.floats(0.05, 0.95), c=st.floats(1e-4, 0.5))
def kl_inverse_le_mcallester_without_square_root(q, c, evidence):
    evidence.bound(
        kl_inverse_upper(q, c),
        q + c / 2.0,
        name="kl⁻¹(q, c)",
        rhs_name="q + c/2",
        at={"q": q, "c": c},
    )
