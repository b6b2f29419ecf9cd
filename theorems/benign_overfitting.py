"""Benign overfitting (良性過適合): effective ranks, benign spectra, the ridge decomposition.

Bartlett–Long–Lugosi–Tsigler measure a covariance Σ (eigenvalues λ₁ ≥ λ₂ ≥ … > 0) by two
effective ranks of its tail, r_k = Σ_{i>k}λ_i/λ_{k+1} and R_k = (Σ_{i>k}λ_i)²/Σ_{i>k}λ_i².
Proof idea of Lemma 5 (1 ≤ r_k ≤ R_k ≤ r_k²): every tail eigenvalue lies in (0, λ_{k+1}], so
λ_{k+1}² ≤ Σ_{i>k}λ_i² ≤ λ_{k+1}Σ_{i>k}λ_i; divide.  The min-norm interpolator is benign when
r₀/n, k*/n and n/R_{k*} all vanish; for λ_k = k^{−α}ln^{−β}(k+1) that happens iff α = 1, β > 1
(Thm 6), slowly (like 1/ln n), which is checked with exact infinite tails, never a truncation
(a truncation p_n = n^γ of the non-benign λ_k = 1/k passes the same finite sweep: a control).
Thm 4's variance term is checked for scale only (its constants are not explicit): a Monte Carlo
ratio searched with ``target`` over benign and non-benign families.
Tsigler–Bartlett's conditional decomposition E_ε‖θ̂ − θ*‖²_Σ = B + σ²V is checked exactly by
enumerating the noise; their isotropic heuristic B ≈ (1 − n/p)‖θ*‖², V ≈ n/p against its exact
Gaussian means (Π a uniformly random projection: B ~ 1 − Beta; XXᵀ Wishart: E V = n/(p − n − 1));
and the lecture's cosine-feature picture as a robust contrast, with the interpolation and the
low/high-frequency split (low part learns f*, high part carries the noise) checked by Parseval.

References: Bartlett, Long, Lugosi & Tsigler 2020 (PNAS 117:30063, Def. 3, Lemma 5, Thms 4, 6);
Tsigler & Bartlett 2023 (JMLR 24, §2, Fig. 1).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import numpy as np
from hypothesis import Phase, assume, example, given, settings
from hypothesis import strategies as st

from constructions.bias_variance import (
    conditional_bias_variance,
    expected_inverse_wishart_trace,
    inverse_wishart_trace_variance,
)
from constructions.cosine_features import (
    cosine_features,
    cosine_regression_data,
    fit_cosine_features,
    true_function,
)
from constructions.designs import standardized_entries
from constructions.effective_ranks import (
    HarmonicTruncation,
    PowerLogSpectrum,
    bllt_terms,
    critical_index,
    effective_ranks,
    truncated_exponential_spectrum,
)

from .claims import Kind, Source, claim
from .strategies import seeds
from .tolerances import EPS

_BLLT = Source("Bartlett, Long, Lugosi & Tsigler 2020, PNAS 117(48):30063 (Def. 3, Lemma 5)",
               lecture="良性過適合")
_BLLT_THM6 = Source("Bartlett, Long, Lugosi & Tsigler 2020, PNAS 117(48):30063 (Thm 6)", lecture="良性過適合")
#: Controls and literal statements are refuted by nearly every draw; a "smaller" seed explains nothing.
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)
_TB = Source("Tsigler & Bartlett 2023, JMLR 24 (§2; Fig. 1)", lecture="良性過適合")


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
    r_k = R_k = p − k; and ``constructions.effective_ranks`` (floats) agrees with the exact values.
    Checked as: search over rational spectra, each inequality compared exactly in ``fractions``;
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


# ---------------------------------------------------------------------------
# C29  the BLLT risk bound: only its scale is checkable (constants unknown)
# ---------------------------------------------------------------------------
_C29_SOURCE = Source("Bartlett, Long, Lugosi & Tsigler 2020, PNAS 117(48):30063 (Thm 4)", lecture="良性過適合")
_C29_FAMILIES = st.sampled_from(["isotropic", "spiked", "power", "exponential"])
#: The scale band for tr C/(k*/n + n/R_{k*}) at b = 2.  Measured on 797 random spectra of the claim's domain
#: (10 designs each; 403 further draws had k* = ∞ or k* > n/4): isotropic 1.14–2.29, spiked 0.58–1.84,
#: power tails (α ≤ 1) 0.50–1.36, exponential 0.51–1.38; overall 0.50–2.29.  The band leaves a factor ≈ 1.7–2
#: each side.  It is a measurement: BLLT Thm 4's lower bound E R ≥ (σ²/c)(k*/n + n/R_{k*}) has an unspecified c.
_C29_BAND = (0.25, 4.0)
_C29_B = 2.0
_C29_REPS = 10


def _c29_spectrum(n: int, family: str, spikes: int, size: float, width: float, alpha: float,
                  tau: float = 1.0, floor: float = 1.0) -> np.ndarray:
    """A spectrum of the C29 families over ⌈width·n⌉ tail eigenvalues.

    "isotropic": flat; "spiked": ``spikes`` eigenvalues ``size`` over a flat tail; "power": the spikes over
    i^{−α} (α = 1: the truncation of the non-benign λ_i = 1/i); "exponential": e^{−i/τ} + ``floor``
    (BLLT Thm 6 (2), ``truncated_exponential_spectrum``, no spikes)."""
    q = math.ceil(width * n)
    if family == "exponential":
        return truncated_exponential_spectrum(q, eps=floor, tau=tau)
    tail = np.ones(q) if family != "power" else np.arange(1, q + 1, dtype=float) ** -alpha
    return np.concatenate([np.full(0 if family == "isotropic" else spikes, size), tail])


def _variance_trace(n: int, lam: np.ndarray, rng: np.random.Generator) -> float:
    """Mean over _C29_REPS Gaussian designs of tr C = tr((XXᵀ)⁻¹XΣXᵀ(XXᵀ)⁻¹), exact given X (V/σ²)."""
    p = lam.size
    return float(np.mean([conditional_bias_variance(standardized_entries(n, p, rng=rng) * np.sqrt(lam), np.zeros(p),
                                                    cov=lam, noise_var=1.0).variance for _ in range(_C29_REPS)]))


@claim(
    id="bllt_risk_bound_as_stated", kind=Kind.BOUND, catalogue="C29", as_stated=True,
    statement="The lecture's bound read with c = 1: error ≤ ‖θ*‖²√(tr Σ/n) + k/n + n/R_k(Σ)",
    formula="R(θ̂) ≤ c{‖θ*‖²√(tr Σ/n) + (k/n + n/R_k(Σ))},  c = 1,  k = k*(b = 1)",
    source=_C29_SOURCE,
    hypotheses=("x ~ N(0, Σ), ε ~ N(0, σ²), σ² = 1", "θ̂ = X⁺y (min-norm interpolation)"),
    implicit=("c is an unspecified constant depending on σ_x; the lecture gives no value",),
)
@settings(max_examples=10, phases=_NO_SHRINK)  # refuted by every design measured
@given(n=st.integers(10, 40), theta_norm2=st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False), seed=seeds())
@example(n=20, theta_norm2=0.0, seed=0)  # isotropic p = 22: tr C ≈ n/(p − n − 1) = 20 ≫ n/R₀ = 20/22
def bllt_risk_bound_as_stated(n, theta_norm2, seed, evidence):
    """Refuted at isotropic Σ, p = n + 2 — only because the lecture does not give the constant c.

    Statement: for one design, E_ε‖θ̂ − θ*‖²_Σ ≤ ‖θ*‖²√(tr Σ/n) + k*/n + n/R_{k*}(Σ), with k* = k*(b = 1).
    Checked as: Σ = I_p, p = n + 2: k* = 0 (r₀ = p ≥ n), R₀ = p, so the right side is
    ‖θ*‖²√(p/n) + n/p ≤ 1.2 + 1 while the left side (``conditional_bias_variance``, exact given X)
    has mean ‖θ*‖²(1 − n/p) + n/(p − n − 1) = n: every design measured exceeds it many times.  Any k
    ≤ n/2 in place of k* gives a right side ≤ 3.2, so the reading of the lecture's k does not matter.
    Domain: n ∈ [10, 40], ‖θ*‖² ∈ [0, 1], Gaussian designs.
    Deviation from the lecture: the statement is "≤ c{…}" with c unknown; it is refuted here only
    because it is read with c = 1.  It cannot be checked for any particular c without the theorem's
    constants; ``bllt_risk_bound`` checks what can be: the scale of the variance term.
    """
    p = n + 2
    rng = np.random.default_rng(seed)
    theta = rng.standard_normal(p)
    theta *= math.sqrt(theta_norm2) / np.linalg.norm(theta)
    lam = np.ones(p)
    terms = bllt_terms(lam, n=n, b=1.0)
    X = standardized_entries(n, p, rng=rng)
    risk = conditional_bias_variance(X, theta, cov=lam, noise_var=1.0).risk
    rhs = theta_norm2 * math.sqrt(p / n) + terms.variance_term
    evidence.bound(risk, rhs, name="E_ε‖θ̂ − θ*‖²_Σ", rhs_name="‖θ*‖²√(tr Σ/n) + k*/n + n/R_{k*}",
                   at={"n": n, "p": p, "k_star": terms.k_star, "theta_norm2": theta_norm2, "seed": seed})


@claim(
    id="bllt_risk_bound", kind=Kind.BOUND, catalogue="C29", corrects="bllt_risk_bound_as_stated",
    statement="Scale check of BLLT Thm 4's variance term: the min-norm excess risk at θ* = 0, σ² = 1 (the variance "
              "tr C) divided by k*/n + n/R_{k*}(Σ) stays within a fixed band (measured 0.50–2.29, asserted [1/4, 4]) "
              "across truncations of benign and non-benign spectra: isotropic, spiked, power-law, exponential",
    formula="1/4 ≤ E_X tr C / (k*/n + n/R_{k*}(Σ)) ≤ 4,  C = (XXᵀ)⁻¹XΣXᵀ(XXᵀ)⁻¹,  k* = min{k : r_k ≥ 2n}",
    source=_C29_SOURCE,
    hypotheses=("x ~ N(0, Σ) (σ_x-subgaussian, independent coordinates)", "k* ≤ n/4 (the theorem's k* < n/c₁)",
                "b = 2 (the theorem's b > 1)"),
    implicit=("the theorem's constants b, c, c₁ are not explicit: only a band, measured, is asserted",
              "the bias term ‖θ*‖²‖Σ‖max{√(r₀/n), r₀/n, √(log(1/δ)/n)} and the probability 1 − δ are not "
              "checked (θ* = 0: the excess risk is the variance)",),
)
@settings(max_examples=30)  # 10 designs of up to 40 × 340 per example (≈ 0.03–0.1 s); target() steers the 30
@given(n=st.integers(10, 40), family=_C29_FAMILIES, data=st.data(), seed=seeds())
def bllt_risk_bound(n, family, data, seed, evidence):
    """The variance term of Thm 4 has the right scale: tr C/(k*/n + n/R_{k*}) ∈ [1/4, 4] on the spectra drawn.

    Statement: for Gaussian designs, θ* = 0 and σ² = 1 (so the excess risk E_ε‖θ̂ − θ*‖²_Σ is tr C
    given X) and Σ from the families — isotropic (p ∈ [2n, 8n]); spiked (1 ≤ s ≤ n/4 spikes of
    height 2–100 over a flat tail of 2n–8n); power (the spikes over a tail i^{−α}, α ∈ [0, 1], of
    2n–8n: α = 1 truncates the non-benign 1/i); exponential (e^{−i/τ} + ε, i ≤ 2n…8n, τ ∈ [1, n/2],
    ε ∈ [10⁻², 1]: BLLT Thm 6 (2)) — with k* = min{k : r_k ≥ 2n} ≤ n/4, the Monte Carlo mean of tr C
    over designs divided by the bound's right side k*/n + n/R_{k*}(Σ) lies in [1/4, 4].
    Checked as: search; both sides go through ``evidence.bound``, whose ratios feed Hypothesis'
    ``target`` so the 30 examples are pushed towards the band's two ends (the report's worst ratio is
    the closer end).  Per example the mean of tr C over 10 designs, each exact given X
    (``conditional_bias_variance``), and ``bllt_terms`` for k*, R_{k*}.  The band is a measurement,
    not the theorem's constant (Thm 4's lower bound E R ≥ (σ²/c)(k*/n + n/R_{k*}) does not give c):
    over 797 random spectra of this domain the ratio ranged over isotropic 1.14–2.29, spiked
    0.58–1.84, power 0.50–1.36, exponential 0.51–1.38; the ci search's extreme is 2.48 (report:
    worst ratio 0.621 = 2.48/4), isotropic n = 10, p = 21, whose exact mean ratio is p/(p − n − 1) = 2.1
    (10 designs: the Monte Carlo mean scatters by ≈ 15% there).  [1/4, 4] leaves a factor ≈ 1.7–2.
    Domain: n ∈ [10, 40], the four families above; spectra with k* = ∞ or k* > n/4 are discarded
    (most of the power draws with α near 1 and of the exponential draws with a small floor).
    Deviation from the lecture: the lecture's "≤ c{‖θ*‖²√(tr Σ/n) + (k/n + n/R_k)}" needs k = k*,
    ‖Σ‖, log(1/δ)σ_y² and the max with r₀/n and √(log(1/δ)/n) (CLAIMS.md C29); with c = 1 it is false
    (``bllt_risk_bound_as_stated``).  b = 2, not 1: with b = 1 the isotropic p = n + 2 case has
    k* = 0 and a ratio ≈ n, which is that counterexample — the theorem's b > 1 excludes it.
    """
    spikes = data.draw(st.integers(1, max(1, n // 4)), label="spikes")
    size = data.draw(st.floats(2.0, 100.0, allow_nan=False, allow_infinity=False), label="spike height")
    width = data.draw(st.floats(2.0, 8.0, allow_nan=False, allow_infinity=False), label="tail width / n")
    alpha = data.draw(st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False), label="tail exponent")
    tau = data.draw(st.floats(1.0, n / 2, allow_nan=False, allow_infinity=False), label="tau")
    floor = data.draw(st.floats(-2.0, 0.0, allow_nan=False, allow_infinity=False).map(lambda e: 10.0**e),
                      label="floor eps")
    lam = _c29_spectrum(n, family, spikes, size, width, alpha, tau, floor)
    terms = bllt_terms(lam, n=n, b=_C29_B)
    assume(terms.k_star is not None and terms.k_star <= n // 4)
    ratio = _variance_trace(n, lam, np.random.default_rng(seed)) / terms.variance_term
    lo, hi = _C29_BAND
    at = {"n": n, "p": lam.size, "family": family, "k_star": terms.k_star, "seed": seed,
          "ratio": ratio}
    evidence.bound(ratio, hi, name="tr C/(k*/n + n/R_{k*})", rhs_name="4", at=at)
    evidence.bound(lo, ratio, name="1/4", rhs_name="tr C/(k*/n + n/R_{k*})", at=at)


@bllt_risk_bound.control("b = 1 with a tail of width just above n: isotropic p = n + 2, where k* = 0 still")
@settings(max_examples=5, phases=_NO_SHRINK)
@given(n=st.integers(10, 40), seed=seeds())
@example(n=20, seed=0)  # ratio ≈ n/(p − n − 1)/(n/p) = p = 22 ≫ 4
def bllt_risk_bound_with_b_one_at_the_threshold(n, seed, evidence):
    """With b = 1, Σ = I_{n+2} qualifies (k* = 0) and the ratio is ≈ p: the band needs b > 1."""
    lam = np.ones(n + 2)
    terms = bllt_terms(lam, n=n, b=1.0)
    ratio = _variance_trace(n, lam, np.random.default_rng(seed)) / terms.variance_term
    evidence.bound(ratio, _C29_BAND[1], name="tr C/(k*/n + n/R_{k*}) (b = 1)", rhs_name="4",
                   at={"n": n, "p": n + 2, "k_star": terms.k_star, "seed": seed})


# ---------------------------------------------------------------------------
# C31  Tsigler–Bartlett: the exact conditional decomposition, and the lecture's picture
# ---------------------------------------------------------------------------
def _fraction_inverse(A: np.ndarray) -> np.ndarray | None:
    """Inverse of a square object array of Fractions by Gauss–Jordan elimination; None if singular."""
    n = A.shape[0]
    M = np.concatenate([A, np.eye(n, dtype=int).astype(object) + Fraction(0)], axis=1)
    for j in range(n):
        pivot = next((i for i in range(j, n) if M[i, j] != 0), None)
        if pivot is None:
            return None
        M[[j, pivot]] = M[[pivot, j]]
        M[j] = M[j] / M[j, j]
        for i in range(n):
            if i != j and M[i, j] != 0:
                M[i] = M[i] - M[i, j] * M[j]
    return M[:, n:]


@st.composite
def _ridge_instances(draw):
    """Small rational instances (X, θ*, diag Σ, λ, s) with A = λI + XXᵀ invertible; noise ε_i = ±s."""
    n = draw(st.integers(1, 4), label="n")
    p = draw(st.integers(1, 5), label="p")
    entries = st.integers(-3, 3)
    X = draw(st.lists(st.lists(entries, min_size=p, max_size=p), min_size=n, max_size=n), label="X")
    theta = draw(st.lists(entries, min_size=p, max_size=p), label="theta*")
    cov = draw(st.lists(st.builds(Fraction, st.integers(1, 8), st.integers(1, 4)), min_size=p, max_size=p),
               label="diag Σ")
    lam = draw(st.builds(Fraction, st.integers(0, 8), st.just(4)), label="lambda")
    s = draw(st.builds(Fraction, st.integers(1, 4), st.integers(1, 2)), label="noise scale s")
    instance = _ridge_instance(X, theta, cov, lam, s)
    assume(instance is not None)  # λ = 0 with XXᵀ singular: the min-norm formula needs rank X = n
    return instance


def _ridge_instance(X, theta, cov, lam, s):
    """Object arrays of Fractions (X, θ*, diag Σ), λ, s and the exact A⁻¹; None when A is singular."""
    Xo = np.array(X, dtype=object) + Fraction(0)
    A_inv = _fraction_inverse(Xo @ Xo.T + lam * np.eye(Xo.shape[0], dtype=int).astype(object))
    if A_inv is None:
        return None
    return Xo, np.array(theta, dtype=object) + Fraction(0), np.array(cov, dtype=object) + Fraction(0), lam, s, A_inv


def _noise_average(X, theta, cov, A_inv, signs) -> Fraction:
    """E_ε‖θ̂ − θ*‖²_Σ, each ε_i uniform on the pair ``signs``, by enumerating all noise vectors, exactly."""
    L = X.T @ A_inv
    vectors = list(itertools.product(signs, repeat=X.shape[0]))
    total = Fraction(0)
    for eps in vectors:
        d = L @ (X @ theta + np.array(eps, dtype=object)) - theta
        total += sum(cov * d * d)
    return total / len(vectors)


def _tb_terms(X, theta, cov, A_inv) -> tuple[Fraction, Fraction]:
    """Tsigler–Bartlett's B = ‖(XᵀA⁻¹X − I)θ*‖²_Σ and V = tr(A⁻¹XΣXᵀA⁻¹), exactly."""
    L = X.T @ A_inv
    d = L @ (X @ theta) - theta
    return sum(cov * d * d), sum(sum(cov[:, None] * L * L))


@claim(
    id="tsigler_bartlett_ridge", kind=Kind.IDENTITY, catalogue="C31",
    statement="Given X, the expected Σ-norm error of ridge / min-norm regression over the noise is exactly "
              "the bias B plus σ² times the variance V",
    formula="θ̂ = Xᵀ(XXᵀ + λI)⁻¹y:  E_ε‖θ̂ − θ*‖²_Σ = ‖(XᵀA⁻¹X − I)θ*‖²_Σ + σ² tr(A⁻¹XΣXᵀA⁻¹),  A = λI + XXᵀ",
    source=_TB,
    hypotheses=("y = Xθ* + ε, E[ε | X] = 0, Cov(ε | X) = σ²I_n", "λ ≥ 0, A = λI_n + XXᵀ invertible"),
    implicit=("conditional on X: no assumption on the distribution of the rows",
              "only the first two moments of ε matter (any noise law with them gives the same value)"),
)
@given(instance=_ridge_instances())
def tsigler_bartlett_ridge(instance, evidence):
    """E_ε‖θ̂ − θ*‖²_Σ = B + σ²V, exactly per instance, and the construction's floats agree.

    Statement: for every X (n × p), θ*, diagonal Σ ≻ 0, λ ≥ 0 with A = λI + XXᵀ invertible and noise
    with mean 0 and covariance σ²I, E_ε‖θ̂ − θ*‖²_Σ = B + σ²V with Tsigler–Bartlett's B and V.
    Checked as: exact rational arithmetic (``fractions``): the expectation over Rademacher noise ε ∈ {±s}ⁿ
    (σ² = s²) computed by enumerating all 2ⁿ noise vectors, against B + s²V from the closed forms;
    then ``constructions.bias_variance.conditional_bias_variance`` (floats, Cholesky/QR) against the
    exact B and s²V with absolute tolerance 64·n·κ(A)·eps·‖Σ‖(‖θ*‖² + s²n/λ_min(A)).
    Domain: n ∈ [1, 4], p ∈ [1, 5] (both n < p and n ≥ p), entries of X, θ* in {−3..3}, Σ_ii ∈
    {a/b: a ≤ 8, b ≤ 4}, λ ∈ {0, 1/4, …, 2} (λ = 0 only when XXᵀ is invertible), s ∈ {1/2, …, 4}.
    Deviation from the lecture: the lecture shows the bounds on B and V (up to constants); the exact
    identity they bound is checked here; the bounds' constants are not explicit (C29).
    """
    X, theta, cov, lam, s, A_inv = instance
    average = _noise_average(X, theta, cov, A_inv, (-s, s))
    B, V = _tb_terms(X, theta, cov, A_inv)
    at = {"X": X.tolist(), "theta": theta.tolist(), "cov": cov.tolist(), "lambda": lam, "s": s}
    evidence.exact(average, B + s**2 * V, name="E_ε‖θ̂ − θ*‖²_Σ (enumerated)", rhs_name="B + σ²V", at=at)

    Xf = X.astype(float)
    covf = cov.astype(float)
    bv = conditional_bias_variance(Xf, theta.astype(float), cov=covf, noise_var=float(s**2), lam=float(lam))
    eig_A = np.linalg.eigvalsh(Xf @ Xf.T + float(lam) * np.eye(Xf.shape[0]))
    kappa = float(eig_A[-1] / eig_A[0])
    # 0 ⪯ XᵀA⁻¹X ⪯ I and A⁻¹XXᵀA⁻¹ ⪯ A⁻¹ give B ≤ ‖Σ‖‖θ*‖² and V ≤ ‖Σ‖n/λ_min(A): the size of the terms
    size = float(covf.max()) * (float(theta @ theta) + float(s**2) * Xf.shape[0] / float(eig_A[0]))
    # A is solved with a backward-stable factorisation: forward error ≈ κ(A)·eps per solve; 64·n covers
    # the O(n) accumulations and the two solves B and V are quadratic in
    atol = 64 * Xf.shape[0] * kappa * EPS * size
    evidence.close([bv.bias, bv.variance], [float(B), float(s**2 * V)], rtol=0.0, atol=atol,
                   name="construction's (B, σ²V)", why="64·n·κ(A)·eps times the size of the terms",
                   at={"lambda": lam, "kappa": kappa})


@tsigler_bartlett_ridge.control("noise with non-zero mean: ε_i ∈ {0, 2s} (variance s², mean s)")
@given(instance=_ridge_instances())
@example(instance=_ridge_instance([[1]], [0], [Fraction(1)], Fraction(0), Fraction(1)))  # θ̂ = ε: E θ̂² = 2, B + σ²V = 1
def tsigler_bartlett_ridge_with_biased_noise(instance, evidence):
    """A noise mean enters the bias: E‖θ̂ − θ*‖²_Σ ≠ B + σ²V once E ε ≠ 0 (unless it is annihilated)."""
    X, theta, cov, lam, s, A_inv = instance
    average = _noise_average(X, theta, cov, A_inv, (0 * s, 2 * s))
    B, V = _tb_terms(X, theta, cov, A_inv)
    evidence.exact(average, B + s**2 * V, name="E_ε‖θ̂ − θ*‖²_Σ (enumerated, mean-s noise)", rhs_name="B + σ²V",
                   at={"X": X.tolist(), "theta": theta.tolist(), "cov": cov.tolist(), "lambda": lam, "s": s})


#: Monte Carlo of the isotropic heuristic: designs per example, and the designed per-test false-alarm rate.
_TB_REPS = 400
_TB_ALPHA = 1e-6


def _isotropic_bias_variance(n: int, p: int, rng: np.random.Generator, *, lam: np.ndarray | None = None
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """B_X and V_X (exact given X, σ² = 1, ‖θ*‖² = 1, θ* uniform on the sphere) for _TB_REPS Gaussian designs.

    X has rows N(0, diag λ) (λ = 1 by default).  With G = XXᵀ = CCᵀ (batched Cholesky), for Σ = I:
    B = ‖(I − Π)θ*‖² = 1 − ‖C⁻¹Xθ*‖² and V = tr(G⁻¹) = ‖C⁻¹‖²_F; otherwise with L = G⁻¹X:
    B = Σ_j λ_j d_j² with d = (XᵀL − I)θ*, V = Σ_j λ_j ‖L_{:,j}‖².
    Returns (B, V, the first design, θ*)."""
    theta = rng.standard_normal(p)
    theta /= np.linalg.norm(theta)
    X = rng.standard_normal((_TB_REPS, n, p))
    if lam is not None:
        X *= np.sqrt(lam)
    c = np.linalg.cholesky(X @ X.transpose(0, 2, 1))
    c_inv = np.linalg.inv(c)
    if lam is None:
        B = 1.0 - np.sum((c_inv @ (X @ theta)[..., None]) ** 2, axis=(1, 2))
        V = np.sum(c_inv * c_inv, axis=(1, 2))  # tr(G⁻¹) = ‖C⁻¹‖²_F
    else:
        L = c_inv.transpose(0, 2, 1) @ (c_inv @ X)  # G⁻¹X
        d = np.einsum("rnp,rn->rp", L, X @ theta) - theta  # (XᵀG⁻¹X − I)θ*
        B = np.sum(lam * d * d, axis=1)
        V = np.sum(lam * np.sum(L * L, axis=1), axis=1)
    return B, V, X[0], theta


@claim(
    id="tsigler_bartlett_isotropic", kind=Kind.STATISTICAL, catalogue="C31",
    statement="Tsigler–Bartlett's isotropic heuristic B ≈ (1 − n/p)‖θ*‖², V ≈ n/p for the min-norm interpolator "
              "(Σ = I, p > n): for Gaussian designs the bias mean is exactly (1 − n/p)‖θ*‖² and the variance mean "
              "exactly n/(p − n − 1) = (n/p)·p/(p − n − 1)",
    formula="E B = (1 − n/p)‖θ*‖²,  B/‖θ*‖² ~ 1 − Beta(n/2, (p − n)/2);  E V = E tr((XXᵀ)⁻¹) = n/(p − n − 1) ≈ n/p",
    source=_TB,
    hypotheses=("x ~ N(0, I_p), p > n + 3 (V has a finite variance)", "θ̂ = X⁺y (λ = 0)", "σ² = 1 (V is per unit σ²)"),
    implicit=("the heuristic n/p is the p ≫ n limit: its relative error is exactly (n + 1)/(p − n − 1)",
              "exact finite-n means need Gaussian rows (rotation invariance, inverse-Wishart mean)"),
)
@settings(max_examples=8)  # 400 designs of ≤ 20 × 110 per example (≤ 0.07 s); 8 examples span n and p − n
@given(n=st.integers(2, 20), gap=st.integers(10, 90), seed=seeds())
@example(n=20, gap=10, seed=0)  # p = 30: the heuristic n/p = 0.67 is far from E V = 2.1, the exact mean holds
def tsigler_bartlett_isotropic(n, gap, seed, evidence):
    """The isotropic heuristic's exact finite-n versions, by Monte Carlo with designed false-alarm rates.

    Statement: for X (n × p) with iid N(0, 1) entries, p > n + 3, and θ* fixed with ‖θ*‖² = 1, the
    min-norm B = ‖(I − Π)θ*‖² has mean 1 − n/p (law: 1 − Beta(n/2, (p − n)/2), Π a uniformly random
    rank-n projection) and V = tr((XXᵀ)⁻¹) has mean n/(p − n − 1) (XXᵀ ~ Wishart_n(p, I)).
    Checked as: statistical — 400 designs per example, B and V exact given X (batched Cholesky; the
    first design cross-checked against ``conditional_bias_variance`` to 64·n·κ(XXᵀ)·eps); z-tests at
    α = 1e-6 of both means with the *exact* standard errors (Beta variance ab/((a + b)²(a + b + 1));
    inverse-Wishart ``inverse_wishart_trace_variance``), and an exact Kolmogorov–Smirnov test of B
    against the Beta law at α = 1e-6.  B is bounded, so its z-test is accurate; V has ⌊(p − n)/2⌋ ≥ 5
    finite moments here, so its z-test leans on the central limit theorem (400 terms).
    Domain: n ∈ [2, 20], p − n ∈ [10, 90].
    Deviation from the lecture: the lecture shows the pictures, TB §3.1 the heuristic; the heuristic's
    V ≈ n/p is off by the factor p/(p − n − 1) at finite p (control ``heuristic_variance_as_exact_mean``).
    """
    from scipy.stats import beta as beta_law
    from scipy.stats import kstest

    p = n + gap
    rng = np.random.default_rng(seed)
    B, V, X0, theta = _isotropic_bias_variance(n, p, rng)
    at = {"n": n, "p": p, "seed": seed}
    bv = conditional_bias_variance(X0, theta, cov=np.ones(p), noise_var=1.0)
    eig = np.linalg.eigvalsh(X0 @ X0.T)
    # one Cholesky/inverse vs the construction's factorisation: forward errors ≈ κ(XXᵀ)·eps each, O(n) sums
    tol = 64 * n * float(eig[-1] / eig[0]) * EPS
    evidence.close([B[0], V[0]], [bv.bias, bv.variance], rtol=tol, atol=tol,
                   name="batched (B, V) of the first design", why="64·n·κ(XXᵀ)·eps (two factorisations)", at=at)
    a, b = n / 2, (p - n) / 2
    var_B = a * b / ((a + b) ** 2 * (a + b + 1))
    evidence.confidence(float(B.mean()), math.sqrt(var_B / B.size), 1 - n / p, name="mean B",
                        alpha=_TB_ALPHA, at=at)
    ks = kstest(1.0 - B, beta_law(a, b).cdf, method="exact")
    evidence.statistical(name="B/‖θ*‖² against 1 − Beta(n/2, (p − n)/2)", test="Kolmogorov–Smirnov (exact)",
                         p_value=float(ks.pvalue), alpha=_TB_ALPHA, at=at)
    evidence.confidence(float(V.mean()), math.sqrt(inverse_wishart_trace_variance(p, n) / V.size),
                        expected_inverse_wishart_trace(p, n), name="mean V", alpha=_TB_ALPHA, at=at)


@tsigler_bartlett_isotropic.control("the heuristic V ≈ n/p used as the exact mean, at p = n + 10 … 2n")
@settings(max_examples=3, phases=_NO_SHRINK)  # E V/(n/p) − 1 = (n + 1)/(p − n − 1) ≥ 0.5: z ≳ 20 every time
@given(n=st.integers(10, 20), gap=st.integers(10, 20), seed=seeds())
def tsigler_bartlett_isotropic_heuristic_variance_as_exact_mean(n, gap, seed, evidence):
    """n/p is only the p ≫ n limit of E V = n/(p − n − 1); at p ≤ 2n the z-test rejects it."""
    gap = min(gap, n)
    p = n + gap
    _, V, _, _ = _isotropic_bias_variance(n, p, np.random.default_rng(seed))
    evidence.confidence(float(V.mean()), math.sqrt(inverse_wishart_trace_variance(p, n) / V.size), n / p,
                        name="mean V (heuristic n/p as the mean)", alpha=_TB_ALPHA, at={"n": n, "p": p, "seed": seed})


@tsigler_bartlett_isotropic.control("anisotropic Σ = diag(1/i) in place of I, with the isotropic means")
@settings(max_examples=3, phases=_NO_SHRINK)  # measured: n = 10, p = 50: mean V 0.50 ± 0.003 against 0.26
@given(n=st.integers(5, 20), gap=st.integers(10, 90), seed=seeds())
def tsigler_bartlett_isotropic_anisotropic_covariance(n, gap, seed, evidence):
    """With λ_i = 1/i the variance is governed by k*/n + n/R_{k*}, not by n/(p − n − 1)."""
    p = n + gap
    lam = 1.0 / np.arange(1, p + 1)
    _, V, _, _ = _isotropic_bias_variance(n, p, np.random.default_rng(seed), lam=lam)
    # no exact variance off the isotropic case: the sample standard error
    evidence.confidence(float(V.mean()), float(V.std(ddof=1) / math.sqrt(V.size)), expected_inverse_wishart_trace(p, n),
                        name="mean V (Σ = diag(1/i))", alpha=_TB_ALPHA, at={"n": n, "p": p, "seed": seed})


#: Draws per example in the picture claim; the median of 9 fails only if ≥ 5 draws fail.
_PICTURE_DRAWS = 9
_PICTURE_N, _PICTURE_P, _PICTURE_NOISE_SD = 60, 2000, 0.4
#: Thresholds of the contrast, from 300 draws (seeds 0–299) at n = 60, P = 2000: unweighted MSE
#: min 0.486, median 0.490, 1% quantile 0.487 (heavy right tail up to 229 on ill-conditioned draws);
#: 1/√m-weighted median 0.063, 95% quantile 0.135, P(MSE ≥ 0.2) ≈ 3.3%, so
#: P(median of 9 ≥ 0.2) ≈ C(9,5)·0.033⁵ ≈ 5·10⁻⁶ per example.
_UNWEIGHTED_FLOOR = 0.4
_WEIGHTED_CEILING = 0.2
#: The low/high split of the weighted fit at m ≤ k* = k*(b = 1, n = 60) of λ_m = 1/m (m ≤ 2000), which is 11.
#: Measured on the same 300 draws: ‖f_low − f*‖² median 0.041, P(≥ 0.2) = 0.7%; ‖f_high‖² median 0.021,
#: P(≥ σ² = 0.16) = 3.3% (the ill-conditioned draws of the MSE tail); (1/n)Σ(f_high(x_i) − ε_i)² / (1/n)Σε_i²
#: median 0.21, P(≥ 1/2) = 0.7%.  Median of 9: false alarms ≤ C(9,5)·0.033⁵ ≈ 5·10⁻⁶ per example.
#: Unweighted, the same split has ‖f_low − f*‖² ≥ 0.459 on all 300 draws (a_3 ≈ n/P: f* is not learned).
_SPLIT_LOW_CEILING = 0.2
_SPLIT_HIGH_CEILING = _PICTURE_NOISE_SD**2
_SPLIT_CARRY_CEILING = 0.5


def _picture_fits(seed: int, weighting: str, *, n_features: int = _PICTURE_P) -> list:
    """The _PICTURE_DRAWS data sets (x, y) of a seed and the min-norm (P ≥ n) or OLS (P < n) fit on each."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(_PICTURE_DRAWS):
        x, y = cosine_regression_data(rng=rng, n=_PICTURE_N, noise_sd=_PICTURE_NOISE_SD)
        out.append((x, y, fit_cosine_features(x, y, n_features=n_features, weighting=weighting)))
    return out


def _picture_mse(seed: int, weighting: str, fits: list | None = None) -> np.ndarray:
    return np.array([fit.mse_against_truth() for _, _, fit in (fits or _picture_fits(seed, weighting))])


def _split_cutoff() -> int:
    """k*(b = 1, n = 60) of the weighted features' spectrum λ_m = w_m² = 1/m, m ≤ 2000 (= 11)."""
    return critical_index(1.0 / np.arange(1, _PICTURE_P + 1), n=_PICTURE_N, b=1.0)


def _interpolation_records(fits: list, weighting: str, evidence, at: dict) -> list[np.ndarray]:
    """max_i |f̂(x_i) − y_i| ≤ (P + n)·eps·(tr G/λ_min(G))·‖y‖, G = XXᵀ, for each fit; returns the X's.

    Derivation (first order): the Gram route forms G (error ≤ P·eps·‖|X||X|ᵀ‖ ≤ P·eps·tr G), solves
    Gc = y by Cholesky (backward error ≲ n·eps·‖G‖ ≤ n·eps·tr G) and forms Xᵀc, so
    ‖Xβ̂ − y‖ ≤ (P + n)·eps·tr G·‖c‖ with ‖c‖ ≤ ‖y‖/λ_min(G).  The SVD fallback (taken when
    κ(G) > 10⁸) is backward stable: residual ≲ nP·eps·κ(X)·‖y‖ = nP·eps·√κ(G)·‖y‖, which is
    ≤ 10⁻⁴·nP·eps·κ(G)·‖y‖ there, below the same bound.  Measured: residual/(eps·κ(G)·‖y‖) ≤ 1.05 on
    600 fits, so the bound (≥ 2060·eps·κ(G)·‖y‖) holds with a factor ≥ 2000 to spare.
    (For P < n, G = XᵀX: the bound is then what OLS would need to interpolate — the control.)
    f̂(x_i) is evaluated as (Xβ̂)_i, the same sums as ``CosineFit.__call__`` in another order."""
    res, tol, kappa, matrices = [], [], [], []
    for x, y, fit in fits:
        X = cosine_features(x, n_features=fit.n_features, weighting=weighting)
        eig = np.linalg.eigvalsh(X @ X.T if X.shape[1] >= X.shape[0] else X.T @ X)  # the invertible Gram
        k = float(np.sum(eig) / eig[0]) if eig[0] > 0 else math.inf
        res.append(float(np.max(np.abs(X @ fit.coef - y))))
        tol.append((fit.n_features + x.size) * EPS * k * float(np.linalg.norm(y)))
        kappa.append(float(eig[-1] / eig[0]) if eig[0] > 0 else math.inf)
        matrices.append(X)
    evidence.bound(np.array(res), np.array(tol), name=f"max_i |f̂(x_i) − y_i| (P = {fits[0][2].n_features})",
                   rhs_name="(P+n)ε·trG/λmin·‖y‖",
                   at={**at, "weighting": weighting, "draw": np.arange(len(fits)), "kappa(G)": np.array(kappa)})
    return matrices


def _split_statistics(fits: list, cutoff: int, matrices: list[np.ndarray] | None = None) -> dict[str, float]:
    """Medians over the draws of ‖f_low − f*‖², ‖f_high‖² (Parseval) and the share of the noise f_high carries.

    ``matrices``: the feature matrices of the fits (f_high(x_i) = (X β̂_high)_i), else recomputed."""
    low_err, high_l2, carry = [], [], []
    for j, (x, y, fit) in enumerate(fits):
        low, high = fit.band(high=cutoff), fit.band(low=cutoff + 1)
        noise = y - true_function(x)
        low_err.append(low.mse_against_truth())
        high_l2.append(high.mean_square())
        at_samples = high(x) if matrices is None else matrices[j] @ high.coef
        carry.append(float(np.mean((at_samples - noise) ** 2) / np.mean(noise**2)))
    return {"low": float(np.median(low_err)), "high": float(np.median(high_l2)), "carry": float(np.median(carry))}


@claim(
    id="benign_overfitting_picture", kind=Kind.STATISTICAL, catalogue="C31",
    statement="With n = 60 noisy samples of cos 3x and P = 2000 cosine features, the min-norm fit interpolates; "
              "it predicts ≈ 0 (test MSE ≈ ‖f*‖² = 0.5) unweighted, but with features weighted 1/√m it is close to "
              "f*: its low frequencies (m ≤ k* = 11) learn f*, its high frequencies carry the noise with a small "
              "L² norm",
    formula="f̂(x_i) = y_i;  median MSE(unweighted) > 0.4 > 0.2 > median MSE(w_m = m^{−1/2});  weighted, f̂ = f_low + "
            "f_high at m ≤ 11 < m:  ‖f_low − f*‖² < 0.2,  ‖f_high‖² < σ²,  Σ(f_high(x_i) − ε_i)² < ½Σε_i²",
    source=_TB,
    hypotheses=("x_i ~ U[0, π], y_i = cos 3x_i + ε_i, ε_i ~ N(0, 0.4²), n = 60", "features w_m cos(mx), m = 1..2000",
                "θ̂ = X⁺y (min-norm interpolation)"),
    implicit=("weighting 1/√m = feature covariance eigenvalues λ_m ∝ 1/m (α = 1, β = 0 in C30: borderline)",
              "the split at k* of λ_m = 1/m is Tsigler–Bartlett's: the first k* directions are fitted like OLS",
              "the lecture's figure is one draw; the 1/m weighting's MSE is heavy-tailed over draws"),
)
@settings(max_examples=6)  # 2 × 9 fits of a 60 × 2000 min-norm problem + 18 Gram spectra per example (≈ 0.3 s)
@given(seed=seeds())
@example(seed=0)  # the figure's data (the first draw of seed 0)
def benign_overfitting_picture(seed, evidence):
    """The lecture's picture as a robust contrast, with the interpolation and the frequency split checked.

    Statement: over draws of the data, (1) every min-norm fit interpolates (max_i |f̂(x_i) − y_i|
    at rounding level); (2) the median test MSE is > 0.4 without weights (it fits f* ≈ 0 away from the
    samples: ‖f*‖² = 0.5) and < 0.2 with weights m^{−1/2}; (3) the weighted fit splits at
    m ≤ k* = 11 (BLLT's k* of λ_m = 1/m, b = 1, n = 60) into f_low with median ‖f_low − f*‖² < 0.2
    and f_high with median ‖f_high‖² < σ² = 0.16 whose values at the samples reproduce the noise:
    median Σ(f_high(x_i) − ε_i)²/Σε_i² < 1/2 — the lecture's 「高周波帯→ノイズを補間, 低周波帯→真の関数を学習」.
    Checked as: per example, 9 independent data sets from a Hypothesis seed.  (1) against
    (P + n)·eps·(tr G/λ_min(G))·‖y‖, G = XXᵀ, from the Gram eigenvalues (derivation in
    ``_interpolation_records``; measured residuals use ≤ 1/2000 of it).  (2), (3): medians against
    thresholds chosen from the measured distribution over 300 draws (unweighted MSE min 0.486;
    weighted MSE median 0.063, P(≥ 0.2) ≈ 3.3%; split: ‖f_low − f*‖² median 0.041, ‖f_high‖² median
    0.021, noise share median 0.21), so each median has false-alarm probability ≤ C(9,5)·0.033⁵ ≈
    5·10⁻⁶ per example.  L² norms exactly by Parseval on the coefficient vector (``CosineFit.band``,
    ``mean_square``, ``mse_against_truth``).
    Domain: n = 60, P = 2000, σ = 0.4, 7 seeds × 9 draws under ci.
    Deviation from the lecture: the lecture shows single draws (and a 1/m weighting, whose MSE is
    heavy-tailed: median 0.13, mean 0.35); only the robust contrast is asserted, not its numbers.
    """
    plain_fits, weighted_fits = _picture_fits(seed, "none"), _picture_fits(seed, "inv_sqrt")
    unweighted = float(np.median(_picture_mse(seed, "none", plain_fits)))
    weighted = float(np.median(_picture_mse(seed, "inv_sqrt", weighted_fits)))
    at = {"seed": seed, "draws": _PICTURE_DRAWS}
    if "cosine_picture" not in evidence.figures:
        x, y, plain = plain_fits[0]   # the same first data set for both weightings (same seed)
        weighted_fit = weighted_fits[0][2]
        grid = np.linspace(0.0, np.pi, 801)
        evidence.figure(
            "cosine_picture", kind="lines",
            title=f"n = 60 samples of cos 3x + N(0, 0.4²), P = 2000 cosine features, min-norm fits (seed {seed})",
            xlabel="x", ylabel="y", logx=False, logy=False,
            series=[{"x": grid.tolist(), "y": np.cos(3 * grid).tolist(), "label": "f*(x) = cos 3x", "style": "dashed"},
                    {"x": grid.tolist(), "y": plain(grid).tolist(),
                     "label": f"unweighted (MSE {plain.mse_against_truth():.3f})", "style": "line"},
                    {"x": grid.tolist(), "y": weighted_fit(grid).tolist(),
                     "label": f"weights m^(−1/2) (MSE {weighted_fit.mse_against_truth():.3f})", "style": "line"},
                    {"x": x.tolist(), "y": y.tolist(), "label": "data", "style": "points"}])
    _interpolation_records(plain_fits, "none", evidence, at)
    weighted_matrices = _interpolation_records(weighted_fits, "inv_sqrt", evidence, at)
    evidence.bound(_UNWEIGHTED_FLOOR, unweighted, name="0.4", rhs_name="median MSE (unweighted)", at=at)
    evidence.bound(weighted, _WEIGHTED_CEILING, name="median MSE (weights m^{−1/2})", rhs_name="0.2", at=at)
    cutoff = _split_cutoff()
    split = _split_statistics(weighted_fits, cutoff, weighted_matrices)
    at = {**at, "cutoff k*": cutoff}
    evidence.bound(split["low"], _SPLIT_LOW_CEILING, name="median ‖f_low − f*‖² (m ≤ k*, weighted)", rhs_name="0.2",
                   at=at)
    evidence.bound(split["high"], _SPLIT_HIGH_CEILING, name="median ‖f_high‖² (m > k*, weighted)", rhs_name="σ² = 0.16",
                   at=at)
    evidence.bound(split["carry"], _SPLIT_CARRY_CEILING, name="median Σ(f_high(x_i) − ε_i)²/Σε_i² (weighted)",
                   rhs_name="1/2", at=at)


@benign_overfitting_picture.control("unweighted features are benign: median MSE < 0.2 without weights")
@settings(max_examples=8)  # as the claim
@given(seed=seeds())
@example(seed=0)  # median 0.49 (every one of 300 measured draws is ≥ 0.486); pinned so no time goes to shrinking
def benign_overfitting_picture_unweighted_is_benign(seed, evidence):
    """Without the 1/√m weights the interpolator is not benign (median MSE ≈ 0.49 ≫ 0.2)."""
    unweighted = float(np.median(_picture_mse(seed, "none")))
    evidence.bound(unweighted, _WEIGHTED_CEILING, name="median MSE (unweighted)", rhs_name="0.2",
                   at={"seed": seed, "draws": _PICTURE_DRAWS})


@benign_overfitting_picture.control("P ≥ n dropped: P = 30 < n = 60 features (OLS), checked for interpolation")
@settings(max_examples=3, phases=_NO_SHRINK)  # the OLS residual is ≈ σ = 0.4, the tolerance ≈ 1e-12
@given(seed=seeds())
def benign_overfitting_picture_with_fewer_features_than_samples(seed, evidence):
    """With P < n the least-squares fit cannot interpolate: its residual is the noise, not rounding."""
    _interpolation_records(_picture_fits(seed, "inv_sqrt", n_features=30), "inv_sqrt", evidence,
                           {"seed": seed, "draws": _PICTURE_DRAWS})


@benign_overfitting_picture.control("the frequency split on unweighted features: their low part (m ≤ 11) learns f*")
@settings(max_examples=3, phases=_NO_SHRINK)  # ‖f_low − f*‖² ≥ 0.459 on every one of 300 measured draws
@given(seed=seeds())
def benign_overfitting_picture_unweighted_low_frequencies_learn_f_star(seed, evidence):
    """Unweighted, the min-norm fit spreads y over all 2000 frequencies: a_3 ≈ n/P, f_low ≈ 0, ‖f_low − f*‖² ≈ 0.47."""
    cutoff = _split_cutoff()
    split = _split_statistics(_picture_fits(seed, "none"), cutoff)
    evidence.bound(split["low"], _SPLIT_LOW_CEILING, name="median ‖f_low − f*‖² (m ≤ k*, unweighted)",
                   rhs_name="0.2", at={"seed": seed, "draws": _PICTURE_DRAWS, "cutoff k*": cutoff})
