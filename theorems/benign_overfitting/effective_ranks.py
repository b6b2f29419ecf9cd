"""Effective ranks (C28, BLLT Lemma 5) and the benign spectra of BLLT Thm 6 (C30).

Bartlett–Long–Lugosi–Tsigler measure a covariance Σ (eigenvalues λ₁ ≥ λ₂ ≥ … > 0) by two
effective ranks of its tail, r_k = Σ_{i>k}λ_i/λ_{k+1} and R_k = (Σ_{i>k}λ_i)²/Σ_{i>k}λ_i².
Proof idea of Lemma 5 (1 ≤ r_k ≤ R_k ≤ r_k²): every tail eigenvalue lies in (0, λ_{k+1}], so
λ_{k+1}² ≤ Σ_{i>k}λ_i² ≤ λ_{k+1}Σ_{i>k}λ_i; divide; checked in exact rationals.  The min-norm
interpolator is benign when r₀/n, k*/n and n/R_{k*} all vanish; for λ_k = k^{−α}ln^{−β}(k+1) that
happens iff α = 1, β > 1 (Thm 6), slowly (like 1/ln n), which is checked with exact infinite
tails, never a truncation (a truncation p_n = n^γ of the non-benign λ_k = 1/k passes the same
finite sweep: a control).

References: Bartlett, Long, Lugosi & Tsigler 2020 (PNAS 117:30063, Def. 3, Lemma 5, Thm 6).
"""


from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.linear_models.effective_ranks import (
    HarmonicTruncation,
    PowerLogSpectrum,
    effective_ranks,
)
from theorems import Kind, Source, claim
from theorems.tolerances import EPS

from ._common import _NO_SHRINK

_BLLT = Source("Bartlett, Long, Lugosi & Tsigler 2020, PNAS 117(48):30063 (Def. 3, Lemma 5)",
               lecture="良性過適合")
_BLLT_THM6 = Source("Bartlett, Long, Lugosi & Tsigler 2020, PNAS 117(48):30063 (Thm 6)", lecture="良性過適合")


# ---------------------------------------------------------------------------
# C28  effective ranks
# ---------------------------------------------------------------------------
#: Rational spectra: numerators 1..1000 over denominators 1..64 (exact arithmetic, wide dynamic range).
_RATIONAL_EIGENVALUES = st.builds(Fraction, st.integers(1, 1000), st.integers(1, 64))
_SPECTRA = st.lists(_RATIONAL_EIGENVALUES, min_size=1, max_size=12).map(lambda v: sorted(v, reverse=True))


def _exact_ranks(lam: list[Fraction], *, divide_by_top: bool = False) -> tuple[list[Fraction], list[Fraction]]:
    """r_k and R_k (k = 0..p−1) in exact rationals; ``divide_by_top`` uses λ₁ in place of λ_{k+1}."""
    r, R = [], []
    for k in range(len(lam)):
        tail = lam[k:]
        t1, t2 = sum(tail), sum(x * x for x in tail)
        r.append(t1 / (lam[0] if divide_by_top else lam[k]))
        R.append(t1 * t1 / t2)
    return r, R


def _effective_ranks_rtol(p: int) -> float:
    """Relative error of the construction's float r_k, R_k for a p-term spectrum.

    Tails are sums of ≤ p positive terms (relative error ≤ (p − 1)·eps each); r_k adds one division,
    R_k a square, a second tail and a division: ≤ (3p + 2)·eps; the inputs' own rounding to float
    (one ulp each) adds ≤ 3·eps; 2× margin.
    """
    return 2 * (3 * p + 5) * EPS


@claim(
    id="bllt_effective_ranks", kind=Kind.BOUND, catalogue="C28",
    statement="For every positive spectrum the effective ranks satisfy 1 ≤ r_k ≤ R_k ≤ r_k², "
              "and an isotropic p-dimensional Σ has r_k = R_k = p − k",
    formula="r_k = Σ_{i>k}λ_i/λ_{k+1},  R_k = (Σ_{i>k}λ_i)²/Σ_{i>k}λ_i²;  1 ≤ r_k ≤ R_k ≤ r_k²",
    source=_BLLT,
    hypotheses=("λ₁ ≥ λ₂ ≥ … ≥ λ_p > 0 (the eigenvalues of Σ)", "0 ≤ k < p"),
    implicit=("for an infinite spectrum, Σλ_i < ∞ (else r₀ = ∞)",
              "k ranges over indices with λ_{k+1} > 0 (r_k is 0/0 beyond the rank)"),
)
@given(lam=_SPECTRA)
@example(lam=[Fraction(1)] * 7)  # isotropic: every inequality is an equality at k = p − 1 (r = R = r² = 1)
def bllt_effective_ranks(lam, evidence):
    """Lemma 5's chain of inequalities, exactly, for every rational spectrum; isotropic spectra exactly.

    Statement: for λ₁ ≥ … ≥ λ_p > 0 and 0 ≤ k < p, 1 ≤ r_k ≤ R_k ≤ r_k²; for λ ≡ c,
    r_k = R_k = p − k; and ``constructions.linear_models.effective_ranks`` (floats) agrees with the exact values.
    Checked as: proof (``bllt_effective_ranks_by_tail_sums``, sympy) for all p and 0 ≤ k < p: the
    tail bounds λ_{k+1}² ≤ S₂ ≤ λ_{k+1}S₁, S₁ ≥ λ_{k+1} give the chain, and the isotropic tail sums are
    closed forms in p and k; search over rational spectra, each inequality compared exactly in ``fractions``;
    the isotropic identity exactly for p = 1..12, both in rationals and on the construction's
    floats (which are exact there: integer sums); the construction's r_k, R_k against the exact
    ones with rtol 2(3p + 5)·eps (summation of ≤ p positive terms).
    Domain: p ∈ [1, 12], λ_i ∈ {a/b : 1 ≤ a ≤ 1000, 1 ≤ b ≤ 64} (dynamic range up to 6.4·10⁴).
    Deviation from the lecture: none (the lecture states the definitions; Lemma 5 is the paper's).
    """
    r, R = _exact_ranks(lam)
    p = len(lam)
    at = {"lam": lam, "k": None}
    for k in range(p):
        at["k"] = k
        evidence.exact(r[k], 1, ">=", name="r_k", at=at)
        evidence.exact(r[k], R[k], "<=", name="r_k", rhs_name="R_k", at=at)
        evidence.exact(R[k], r[k] ** 2, "<=", name="R_k", rhs_name="r_k²", at=at)

    er = effective_ranks(np.array([float(x) for x in lam]))
    why = "sums of ≤ p positive terms, one division/square: (3p + 5)·eps, 2× margin"
    evidence.close(er.r, np.array([float(x) for x in r]), rtol=_effective_ranks_rtol(p), name="float r_k",
                   why=why, at={"lam": lam, "k": np.arange(p)})
    evidence.close(er.R, np.array([float(x) for x in R]), rtol=_effective_ranks_rtol(p), name="float R_k",
                   why=why, at={"lam": lam, "k": np.arange(p)})

    c = lam[0]
    ri, Ri = _exact_ranks([c] * p)
    expected = [p - k for k in range(p)]
    evidence.exact(tuple(ri), tuple(expected), name="isotropic r_k", rhs_name="p − k", at={"p": p, "c": c})
    evidence.exact(tuple(Ri), tuple(expected), name="isotropic R_k", rhs_name="p − k", at={"p": p, "c": c})
    iso = effective_ranks(np.ones(p))
    evidence.exact(tuple(Fraction(v) for v in iso.r) + tuple(Fraction(v) for v in iso.R),
                   tuple(expected) * 2, name="construction's isotropic (r_k, R_k)",
                   rhs_name="(p − k, p − k)", at={"p": p})


@bllt_effective_ranks.control(
    "λ₁ in place of λ_{k+1} in r_k (the catalogue's control, corrected: it breaks 1 ≤ r_k and R_k ≤ r_k², "
    "not r_k ≤ R_k)",
    formula="r̃_k = Σ_{i>k}λ_i/λ₁;  1 ≤ r̃_k and R_k ≤ r̃_k²")
@given(lam=_SPECTRA)
@example(lam=[Fraction(2), Fraction(1)])  # k = 1: r̃₁ = 1/2 < 1
def bllt_effective_ranks_divided_by_top_eigenvalue(lam, evidence):
    """Dividing the tail by λ₁ instead of λ_{k+1} breaks the lower half of Lemma 5.

    Statement (false): with r̃_k = Σ_{i>k}λ_i/λ₁, 1 ≤ r̃_k and R_k ≤ r̃_k² for every k.
    Checked as: the same exact search as the claim.  The catalogue said this control breaks
    r_k ≤ R_k; it cannot: Σ_{i>k}λ_i/λ₁ ≤ r_k ≤ R_k always.  What breaks is 1 ≤ r̃_k (at k = p − 1,
    r̃ = λ_p/λ₁ < 1 for any non-flat spectrum) and R_k ≤ r̃_k².
    Domain: as the claim.
    Deviation from the lecture: a control, not a lecture statement.
    """
    r_top, R = _exact_ranks(lam, divide_by_top=True)
    for k in range(len(lam)):
        at = {"lam": lam, "k": k}
        evidence.exact(r_top[k], 1, ">=", name="Σ_{i>k}λ_i/λ₁", at=at)
        evidence.exact(R[k], r_top[k] ** 2, "<=", name="R_k", rhs_name="(Σ_{i>k}λ_i/λ₁)²", at=at)


# ---------------------------------------------------------------------------
# C30  benign examples (Thm 6)
# ---------------------------------------------------------------------------
#: The sweep of sample sizes of the catalogue: n = 10², 10⁴, …, 10¹⁰.
_SAMPLE_SIZES = tuple(10**e for e in range(2, 11, 2))
_RATIO_NAMES = {"r0_over_n": "r₀/n", "k_star_over_n": "k*/n", "n_over_R_k_star": "n/R_{k*}"}
#: "→ 0" made finite: each ratio at n = 10¹⁰ is at most this fraction of its value at n = 10²
#: (measured for α = 1, b = 1: k*/n 0.11 (β = 1.1) … 0.21 (β = 4), n/R_{k*} 0.18 … 0.40; for α > 1 the
#: ratios settle at (α − 1)b and ≈ (α−1)²/(2α−1)-like constants: k*/n ratio ≥ 0.69 at α = 1.5, β = 2).
_VANISHING_FACTOR = 0.5


def _benign_sweep(alpha: float, beta: float, evidence, *, figure: str | None = None) -> None:
    """Record: the three ratios decrease strictly along the sweep and shrink by the vanishing factor.

    With ``figure``, first keep the ratios (interval midpoints, with the half-widths as error bars)."""
    spectrum = PowerLogSpectrum(alpha=alpha, beta=beta)
    ratios = [spectrum.benign_ratios(n) for n in _SAMPLE_SIZES]
    if figure is not None:
        _ratio_figure(evidence, figure, ratios,
                      f"BLLT ratios against n for λ_k = k^(−{alpha:g}) ln^(−{beta:g})(k + 1), b = 1 (exact tails)")
    _sweep_records(ratios, evidence, {"alpha": alpha, "beta": beta})


def _ratio_figure(evidence, figure: str, ratios: list, title: str) -> None:
    evidence.figure(
        figure, kind="lines", title=title, xlabel="n", ylabel="ratio", logx=True, logy=True,
        series=[{"x": list(_SAMPLE_SIZES), "y": [float(r[key].mid) for r in ratios],
                 "yerr": [float(r[key].hi - r[key].lo) / 2 for r in ratios], "label": label,
                 "style": "line" if key != "r0_over_n" else "dashed"}
                for key, label in _RATIO_NAMES.items() if all(r[key].hi > 0 for r in ratios)])


def _sweep_records(ratios: list, evidence, where: dict) -> None:
    """The claim's sweep check on ratio intervals at _SAMPLE_SIZES (strict decrease, then the vanishing factor)."""
    for key, label in _RATIO_NAMES.items():
        for (_, prev), (n1, nxt) in itertools.pairwise(zip(_SAMPLE_SIZES, ratios, strict=True)):
            # intervals honestly: a decrease is shown only when hi(next) < lo(previous)
            at = {**where, "n": n1, f"{label} at n/100 (lo)": prev[key].lo}
            evidence.bound(nxt[key].hi, prev[key].lo, name=f"{label} (hi) at n", rhs_name=f"{label} (lo) at n/100",
                           at=at)
            if not nxt[key].hi < prev[key].lo:  # bound() accepts equality; a decrease must be strict
                evidence.exact(Fraction(nxt[key].hi), Fraction(prev[key].lo), "<", name=f"{label} (hi) at n",
                               rhs_name=f"{label} (lo) at n/100", at=at)
        first, last = ratios[0][key], ratios[-1][key]
        evidence.bound(last.hi, _VANISHING_FACTOR * first.lo, name=f"{label} at n = 10¹⁰",
                       rhs_name=f"{_VANISHING_FACTOR}·({label} at n = 10²)", at=where)


@claim(
    id="bllt_benign_examples", kind=Kind.RATE, catalogue="C30",
    statement="For λ_k = k^{−1} ln^{−β}(k + 1) with β > 1 the three benign ratios r₀/n, k*/n and n/R_{k*} "
              "decrease (slowly, like 1/ln n) along n = 10², …, 10¹⁰",
    formula="λ_k = k^{−α} ln^{−β}(k+1), α = 1, β > 1:  r₀/n, k*/n, n/R_{k*} ↓ 0;  k* = min{k : r_k ≥ bn}, b = 1",
    source=_BLLT_THM6,
    hypotheses=("α = 1 and β > 1 (benign iff, Thm 6)", "infinite-dimensional Σ (no truncation)"),
    implicit=("b = 1 (the theorem's b > 1 depends on σ_x; the ratios change by constant factors)",
              "convergence is only logarithmic: n/R_{k*} ≈ (β − 1)/(b ln n)"),
)
@settings(max_examples=12)  # ≈ 0.25 s per spectrum (exact tails, 5 sample sizes, bisection for k*)
@given(beta=st.floats(1.1, 4.0, allow_nan=False, allow_infinity=False))
@example(beta=2.0)  # the catalogue's numbers: k*/n = 0.29 → 0.050, n/R_{k*} = 0.143 → 0.042
def bllt_benign_examples(beta, evidence):
    """Benign spectrum k^{−1}ln^{−β}(k+1), β > 1: the ratios of Thm 6 decrease along n = 10²…10¹⁰.

    Statement: for α = 1 and β > 1 each of r₀/n, k*(1, n)/n, n/R_{k*} is strictly smaller at
    n = 10^{2j+2} than at 10^{2j}, and at n = 10¹⁰ at most half its value at n = 10².
    Checked as: every quantity is an interval from ``PowerLogSpectrum`` (explicit partial sum of
    2¹⁴ terms plus an integral-bracketed remainder: exact tails, no truncation); a decrease is
    shown only when hi(next) < lo(previous); k* is bracketed by bisection on the interval r_k.
    Searched over β.
    Domain: β ∈ [1.1, 4], b = 1, n ∈ {10², 10⁴, 10⁶, 10⁸, 10¹⁰}.  β closer to 1 makes r₀ so large
    (r₀ ≈ ln^β 2/(β − 1)·ln^{1−β}2) that k* = 0 on the whole sweep and k*/n is then flat at 0:
    the theorem's limit is still 0, but a finite sweep cannot show a decrease there.
    Deviation from the lecture: the lecture states "benign iff α = 1, β > 1"; here only the finite
    sweep is checked, and "→ 0" is made finite as "halves over eight decades" (measured factors
    0.11–0.40).  The α > 1 and β ≤ 1 directions are the controls.
    """
    _benign_sweep(1.0, beta, evidence, figure="benign_ratios" if beta == 2.0 else None)


@bllt_benign_examples.control("α > 1 (faster decay): k*/n tends to (α − 1)b > 0, not to 0")
@settings(max_examples=12)  # as the claim
@given(alpha=st.floats(1.25, 3.0, allow_nan=False, allow_infinity=False),
       beta=st.floats(0.0, 3.0, allow_nan=False, allow_infinity=False))
@example(alpha=2.0, beta=0.0)  # k*/n = 0.99, 0.9999, 1.0, 1.0, 1.0: increases
def bllt_benign_examples_with_alpha_above_one(alpha, beta, evidence):
    """For α > 1 the ratios do not vanish: r_k ≈ k/(α − 1), so k* ≈ (α − 1)bn."""
    _benign_sweep(alpha, beta, evidence, figure="non_benign_ratios" if (alpha, beta) == (2.0, 0.0) else None)


def _divergent_partial_sum_lower_bound(beta: float, bound: float) -> tuple[mpmath.mpf, mpmath.mpf]:
    """A K (as ln(K + 2)) with Σ_{i≤K} λ_i/λ₁ provably > ``bound`` for α = 1, β ≤ 1, and that lower bound.

    λ_i = i^{−1}ln^{−β}(i + 1) ≥ (i + 1)^{−1}ln^{−β}(i + 1) = g(i + 1), g decreasing, so
    Σ_{i≤K} λ_i ≥ ∫_2^{K+2} g = G(ln(K + 2)) − G(ln 2) with G(L) = L^{1−β}/(1 − β) (β < 1) or ln L (β = 1).
    """
    G = (lambda L: mpmath.log(L)) if beta == 1.0 else (lambda L: L ** (1 - beta) / (1 - beta))
    lam1 = mpmath.mpf(1) / mpmath.log(2) ** beta
    need = (bound + 1) * lam1 + G(mpmath.log(2))  # G(L) must exceed this
    L = mpmath.exp(need) if beta == 1.0 else ((1 - beta) * need) ** (1 / (1 - beta))
    L = max(L, mpmath.log(4))
    return L, (G(L) - G(mpmath.log(2))) / lam1


@bllt_benign_examples.control(
    "α = 1, β ≤ 1: the trace diverges, so the claim 'r₀ is finite, r₀ ≤ M' is refuted for every M",
    formula="Σ_{i≤K} λ_i/λ₁ ≥ (∫_2^{K+2} u^{−1}ln^{−β}u du)/λ₁ → ∞")
@given(beta=st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False),
       bound=st.floats(1.0, 1e6, allow_nan=False, allow_infinity=False))
@example(beta=1.0, bound=10.0)  # Σ 1/(i ln(i+1)) ~ ln ln K: needs K ≈ e^{e^{17}}, far beyond any truncation
def bllt_benign_examples_trace_finite_for_beta_at_most_one(beta, bound, evidence):
    """With β ≤ 1 every candidate bound M on r₀ is exceeded by a certified partial sum.

    Statement (false): r₀ = Σ_i λ_i/λ₁ ≤ M.  Checked as: for each M Hypothesis draws, an explicit K
    (given as ln(K + 2), in mpmath) whose partial sum Σ_{i≤K}λ_i/λ₁ is bounded below by an integral
    exceeding M; also the construction refuses (ValueError) to report r₀ for this spectrum rather
    than truncate.
    """
    log_K, partial = _divergent_partial_sum_lower_bound(beta, bound)
    try:
        PowerLogSpectrum(alpha=1.0, beta=beta).r(0)
        refused = False
    except ValueError:
        refused = True
    evidence.exact(refused, True, name="construction refuses r₀ (divergent trace)", at={"beta": beta})
    evidence.bound(float(partial), bound, name="Σ_{i≤K} λ_i/λ₁ (certified lower bound)", rhs_name="M",
                   at={"beta": beta, "ln(K + 2)": float(log_K)})


def _truncation_size(n: int, gamma: float) -> int:
    """p_n = ⌈n^γ⌉, exactly (integer arithmetic once n^γ is an integer power of ten times a float)."""
    return math.ceil(mpmath.mpf(n) ** gamma)


@bllt_benign_examples.control(
    "α = 1, β = 0 (λ_k = 1/k, tr Σ = ∞) seen through a truncation p_n = ⌈n^γ⌉ that grows with n, as a p ≫ n "
    "computation does: the claim's sweep passes on the truncation, but r₀/n of the spectrum itself does not vanish",
    formula="truncation: r₀/n = H_{p_n}/n, k*/n ≈ n/R_{k*} ≈ 1/((γ − 1) ln n) ↓;  spectrum: r₀/n = Σ_i (1/i)/n = ∞")
@settings(max_examples=4, phases=_NO_SHRINK)  # ≈ 0.1–0.3 s per γ (digamma bisections at 30–55 digits)
@given(gamma=st.floats(1.5, 3.0, allow_nan=False, allow_infinity=False))
@example(gamma=2.0)  # truncation k*/n: 0.15 → 0.038, n/R_{k*}: 0.154 → 0.038 (looks *more* benign than β = 2)
def bllt_benign_examples_through_a_truncation(gamma, evidence):
    """A truncation of λ_k = 1/k passes the finite sweep; the untruncated spectrum refutes it.

    Statement (false): λ_k = 1/k is benign along the sweep, as its truncation at p_n = ⌈n^γ⌉ shows;
    in particular r₀(Σ)/n at n = 10¹⁰ is at most half of r₀/n at n = 10² (the truncation's value).
    Checked as: (1) the claim's own sweep records on ``HarmonicTruncation(p_n)`` (exact digamma
    tails): they all pass — this is what a finite computation would report; (2) ``PowerLogSpectrum``
    refuses r₀ for α = 1, β = 0 (ValueError, no silent truncation); (3) a certified lower bound of
    Σ_{i≤K} 1/i (integral test, K given as ln K in mpmath) shows r₀(Σ)/10¹⁰ exceeds the
    truncation's whole r₀/10² (ratio 2 against the half), and the report says how large K is: a
    truncation would need K ≈ e^{10⁹} terms before the ratio at n = 10¹⁰ stops looking small.
    Domain: γ ∈ [1.5, 3] (p_n up to 10³⁰), b = 1, n ∈ {10², …, 10¹⁰}.  A *fixed* p does not look
    benign: there k*/n ≈ 1/ln(p/k*) increases with n (p = 10⁷: 0.07 → 0.28).
    """
    truncations = [HarmonicTruncation(p=_truncation_size(n, gamma)) for n in _SAMPLE_SIZES]
    ratios = [h.benign_ratios(n) for h, n in zip(truncations, _SAMPLE_SIZES, strict=True)]
    if gamma == 2.0:
        _ratio_figure(evidence, "truncated_harmonic_ratios", ratios,
                      "BLLT ratios of λ_k = 1/k truncated at p = n² (b = 1): benign-looking, but tr Σ = ∞")
    _sweep_records(ratios, evidence, {"gamma": gamma, "truncation": "p = ⌈n^γ⌉"})
    try:
        PowerLogSpectrum(alpha=1.0, beta=0.0).r(0)
        refused = False
    except ValueError:
        refused = True
    evidence.exact(refused, True, name="construction refuses r₀ of λ_k = 1/k", at={"gamma": gamma})
    first = ratios[0]["r0_over_n"].lo  # the truncation's r₀/n at n = 10²
    n_last = _SAMPLE_SIZES[-1]
    # ask for a partial sum above the truncation's *whole* starting value: the ratio is then ≥ 2
    log_K, partial = _divergent_partial_sum_lower_bound(0.0, first * n_last)
    evidence.bound(float(partial) / n_last, _VANISHING_FACTOR * first,
                   name="r₀(Σ)/n at 10¹⁰ (untruncated, certified)", rhs_name="½·truncated r₀/n at 10²",
                   at={"gamma": gamma, "truncation at n = 10²": truncations[0].p, "ln K (terms needed)": float(log_K),
                       "truncation's r₀/n at n = 10¹⁰": ratios[-1]["r0_over_n"].hi})


def _effective_rank_steps(evidence, *, isotropic_rank) -> None:
    """Lemma 5 for a tail with top λ = λ_{k+1}, S₁ = Σ_{i>k}λ_i, S₂ = Σ_{i>k}λ_i² (λ_i ∈ (0, λ]), and
    the isotropic ranks as closed sums in p and k; ``isotropic_rank`` is the claimed r_k = R_k."""
    import sympy

    lam, li, S2 = sympy.symbols("lambda lambda_i S_2", positive=True)
    a, b, c, gap = sympy.symbols("a b c delta", nonnegative=True)
    names = "λ = λ_{k+1} > 0, tail terms λ_i ∈ (0, λ], all p ≥ 1, 0 ≤ k < p"
    # per tail term: λ_i² ≤ λλ_i (λ = λ_i + δ, δ ≥ 0); summed: S₂ ≤ λS₁, and S₁ ≥ λ, S₂ ≥ λ² (first terms)
    evidence.symbolic(li**2, (li + gap) * li, "<=", name="λ_i² ≤ λ_{k+1}λ_i (λ_{k+1} = λ_i + δ, δ ≥ 0)",
                      assumptions=names)
    S1 = lam + a                                           # S₁ = λ_{k+1} + (the rest, ≥ 0)
    evidence.symbolic(S1 / lam, 1, ">=", name="r_k = S₁/λ_{k+1} ≥ 1", assumptions=names)
    S1_c = (S2 + c) / lam                                  # S₂ ≤ λS₁: λS₁ = S₂ + c, c ≥ 0
    evidence.symbolic(S1_c**2 / S2, S1_c / lam, ">=", name="R_k = S₁²/S₂ ≥ r_k (S₂ ≤ λ_{k+1}S₁)",
                      assumptions=names)
    S2_b = lam**2 + b                                      # S₂ = λ_{k+1}² + (the rest, ≥ 0)
    evidence.symbolic((S1 / lam) ** 2, S1**2 / S2_b, ">=", name="R_k ≤ r_k² (S₂ ≥ λ_{k+1}²)", assumptions=names)
    p, k = sympy.symbols("p k", integer=True, nonnegative=True)
    i = sympy.Symbol("i", integer=True, positive=True)
    cc = sympy.Symbol("c", positive=True)
    tail1 = sympy.Sum(cc, (i, k + 1, p)).doit()
    tail2 = sympy.Sum(cc**2, (i, k + 1, p)).doit()
    evidence.symbolic(tail1 / cc, isotropic_rank(p, k), name="isotropic r_k = Σ_{i>k}c/c", assumptions="λ_i ≡ c > 0")
    evidence.symbolic(tail1**2 / tail2, isotropic_rank(p, k), name="isotropic R_k = (Σ_{i>k}c)²/Σ_{i>k}c²",
                      assumptions="λ_i ≡ c > 0, k < p")


@bllt_effective_ranks.proof(scope="all p ≥ 1, 0 ≤ k < p, every spectrum λ₁ ≥ … ≥ λ_p > 0 (isotropic λ ≡ c > 0 included)")
def bllt_effective_ranks_by_tail_sums(evidence):
    """Each tail term is in (0, λ_{k+1}]: λ_{k+1}² ≤ S₂ ≤ λ_{k+1}S₁ and S₁ ≥ λ_{k+1}; divide."""
    _effective_rank_steps(evidence, isotropic_rank=lambda p, k: p - k)


@bllt_effective_ranks.control("proof with the isotropic ranks claimed to be p − k + 1")
def bllt_effective_ranks_proof_with_isotropic_rank_off_by_one(evidence):
    _effective_rank_steps(evidence, isotropic_rank=lambda p, k: p - k + 1)
