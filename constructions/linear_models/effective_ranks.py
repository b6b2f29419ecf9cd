"""Effective ranks r_k, R_k and the critical index k* of Bartlett–Long–Lugosi–Tsigler.

For eigenvalues λ₁ ≥ λ₂ ≥ … > 0 of Σ (k ≥ 0):

    r_k(Σ) = Σ_{i>k} λ_i / λ_{k+1},      R_k(Σ) = (Σ_{i>k} λ_i)² / Σ_{i>k} λ_i²,
    k*(b, n) = min{k ≥ 0 : r_k(Σ) ≥ bn}   (min ∅ = ∞),

and 1 ≤ r_k ≤ R_k ≤ r_k² (Lemma 5: λ_{k+1}² ≤ Σ_{i>k}λ_i² ≤ λ_{k+1}Σ_{i>k}λ_i).

Finite spectra are handled exactly with reversed cumulative sums.  Infinite spectra
λ_k = k^{−α} ln^{−β}(k + 1) (Thm 6) are handled with **exact tails**: an explicit
partial sum plus a remainder bracketed by integrals, so every r_k, R_k, k* is an
interval [lo, hi] that contains the true value.  Nothing is truncated: when the trace
diverges (α < 1, or α = 1 and β ≤ 1) r₀ = ∞ and the functions raise ``ValueError``
instead of returning the misleading numbers a finite truncation gives.

Remainder bounds (α > 0, β ≥ 0, f(x) = x^{−α} ln^{−β}(x + 1) decreasing on [1, ∞), K ≥ 2):

    I(K + 2) ≤ ∫_{K+1}^∞ f ≤ Σ_{i>K} f(i) ≤ ∫_K^∞ f ≤ I(K),   I(a) = ∫_a^∞ u^{−α} ln^{−β}u du,

using (x + 1)^{−α} ln^{−β}(x + 1) ≤ f(x) ≤ x^{−α} ln^{−β}x; I(a) = ln^{1−β}a/(β − 1) for α = 1
and (α − 1)^{β−1} Γ(1 − β, (α − 1) ln a) for α > 1 (mpmath's upper incomplete Γ).
A **finite truncation** of a divergent spectrum is the object a computation with p
features sees; :class:`HarmonicTruncation` (λ_k = 1/k for k ≤ p, 0 beyond) computes it
exactly (digamma/trigamma in mpmath) so that the misleading numbers can be shown
side by side with the refusal above (C30's truncation control).

Monotonicity of r_k in k (used by the bisection for k*): log f is convex for β ≥ 0, so
λ_{i+1}/λ_i increases with i and r_k = Σ_{j≥0} Π_{m=1}^{j} λ_{k+m+1}/λ_{k+m} is
non-decreasing.

References
----------
Bartlett, Long, Lugosi & Tsigler, "Benign overfitting in linear regression", PNAS 117
(2020) — Def. 3, Lemma 5, Thm 4, Thm 6 (via secondary notes, see CLAIMS.md C28–C30);
Tsigler & Bartlett, JMLR 24 (2023).  Lecture, 良性過適合.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import numpy as np

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "BLLTTerms",
    "EffectiveRanks",
    "HarmonicTruncation",
    "Interval",
    "PowerLogSpectrum",
    "bllt_terms",
    "critical_index",
    "effective_ranks",
    "truncated_exponential_spectrum",
]

_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class Interval:
    """A closed interval [lo, hi] known to contain a quantity."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lo", float(self.lo))
        object.__setattr__(self, "hi", float(self.hi))
        if not self.lo <= self.hi:
            raise ValueError(f"Interval({self.lo!r}, {self.hi!r}) is inverted; allowed: lo <= hi")

    @property
    def mid(self) -> float:
        return 0.5 * (self.lo + self.hi)

    def __contains__(self, x) -> bool:
        return self.lo <= x <= self.hi


# --------------------------------------------------------------------------- finite spectra


@dataclass(frozen=True, eq=False)
class EffectiveRanks:
    """r_k and R_k of a finite spectrum for k = 0, …, m − 1 (m = number of λ_i > 0).

    Attributes
    ----------
    eigenvalues : ndarray (m,)
        Positive eigenvalues, descending.
    r, R : ndarray (m,)
        ``r[k]`` = r_k, ``R[k]`` = R_k.
    """

    eigenvalues: np.ndarray
    r: np.ndarray
    R: np.ndarray


def _spectrum(eigenvalues) -> np.ndarray:
    lam = check_finite_array("eigenvalues", eigenvalues, ndim=1)
    if np.any(lam < 0):
        raise ValueError(f"eigenvalues has minimum {lam.min()!r}; allowed: all >= 0")
    lam = np.sort(lam[lam > 0])[::-1]
    if lam.size == 0:
        raise ValueError("eigenvalues has no positive entry; allowed: at least one λ > 0")
    return lam


def effective_ranks(eigenvalues) -> EffectiveRanks:
    """Return r_k and R_k for every k with λ_{k+1} > 0.

    Parameters
    ----------
    eigenvalues : array_like, shape (p,)
        Eigenvalues of Σ, any order, all ≥ 0; zeros are dropped (r_k is 0/0 there).

    Returns
    -------
    EffectiveRanks

    Raises
    ------
    ValueError
        On negative, non-finite or all-zero eigenvalues.

    Notes
    -----
    Tails Σ_{i>k} λ_i are reversed cumulative sums, accumulated from the smallest
    eigenvalue up (relative error ≤ p·eps).  Isotropic p-dim Σ: r_k = R_k = p − k.

    Examples
    --------
    >>> er = effective_ranks([1.0, 1.0, 1.0])
    >>> er.r.tolist(), er.R.tolist()
    ([3.0, 2.0, 1.0], [3.0, 2.0, 1.0])
    """
    lam = _spectrum(eigenvalues)
    t1 = np.cumsum(lam[::-1])[::-1]
    t2 = np.cumsum((lam * lam)[::-1])[::-1]
    return EffectiveRanks(eigenvalues=lam, r=t1 / lam, R=t1 * t1 / t2)


def critical_index(eigenvalues, *, n, b=1.0) -> int | None:
    """Return k* = min{k ≥ 0 : r_k ≥ bn} for a finite spectrum, or None if no k qualifies (k* = ∞).

    Examples
    --------
    >>> critical_index(np.ones(10), n=4, b=2.0)  # r_k = 10 − k ≥ 8
    0
    >>> critical_index(np.ones(10), n=6, b=2.0) is None
    True
    """
    n = check_integer("n", n, min_value=1)
    b = check_real("b", b, min_value=0.0, strict_min=True)
    r = effective_ranks(eigenvalues).r
    hit = np.flatnonzero(r >= b * n)
    return int(hit[0]) if hit.size else None


def truncated_exponential_spectrum(p, *, eps, tau) -> np.ndarray:
    """Return λ_k = e^{−k/τ} + ε for k = 1, …, p (C30 (2); λ_k = 0 for k > p is implicit).

    Examples
    --------
    >>> truncated_exponential_spectrum(2, eps=0.5, tau=np.inf).tolist()
    [1.5, 1.5]
    """
    p = check_integer("p", p, min_value=1)
    eps = check_real("eps", eps, min_value=0.0)
    tau = float(tau)
    if not tau > 0:
        raise ValueError(f"tau={tau!r}; allowed: tau > 0 (inf allowed)")
    return np.exp(-np.arange(1, p + 1) / tau) + eps


@dataclass(frozen=True)
class BLLTTerms:
    """The data-dependent factors of BLLT Thm 4 for a spectrum and n (constants c omitted).

    Attributes
    ----------
    k_star : int or None
        k*(b, n); None when k* = ∞.
    r0_over_n, k_star_over_n, n_over_R_k_star : float
        The three ratios whose vanishing defines a benign sequence.
    variance_term : float
        k*/n + n/R_{k*}(Σ) (the bound's σ_y² log(1/δ) factor is omitted).
    bias_term : float
        ‖Σ‖·max{√(r₀/n), r₀/n, √(log(1/δ)/n)} (times c‖θ*‖² in the theorem).
    """

    k_star: int | None
    r0_over_n: float
    k_star_over_n: float
    n_over_R_k_star: float
    variance_term: float
    bias_term: float


def bllt_terms(eigenvalues, *, n, b=1.0, delta=0.5) -> BLLTTerms:
    """Return the factors of the BLLT bound for a finite spectrum.

    Notes
    -----
    Thm 4: w.p. ≥ 1 − δ, R(θ̂) ≤ c‖θ*‖²‖Σ‖max{√(r₀/n), r₀/n, √(log(1/δ)/n)}
    + c log(1/δ)σ_y²(k*/n + n/R_{k*}); the lecture's shortened form uses k for k* and drops
    ‖Σ‖, log(1/δ) and the max.  When k* = ∞ the ratios are ``inf``.

    Examples
    --------
    >>> t = bllt_terms(np.ones(100), n=10)
    >>> t.k_star, t.variance_term
    (0, 0.1)
    """
    n = check_integer("n", n, min_value=1)
    delta = check_real("delta", delta, min_value=0.0, max_value=1.0, strict_min=True,
                       strict_max=True)
    er = effective_ranks(eigenvalues)
    k = critical_index(er.eigenvalues, n=n, b=b)
    r0n = float(er.r[0]) / n
    norm = float(er.eigenvalues[0])
    bias = norm * max(math.sqrt(r0n), r0n, math.sqrt(math.log(1 / delta) / n))
    if k is None:
        return BLLTTerms(None, r0n, math.inf, math.inf, math.inf, bias)
    return BLLTTerms(k, r0n, k / n, n / float(er.R[k]), k / n + n / float(er.R[k]), bias)


# ------------------------------------------------------------------------- infinite spectra


@dataclass(frozen=True)
class PowerLogSpectrum:
    """The infinite spectrum λ_k = k^{−α} ln^{−β}(k + 1), k = 1, 2, … (BLLT Thm 6).

    Parameters
    ----------
    alpha : float
        α > 0.
    beta : float
        β ≥ 0 (the remainder bounds and the monotonicity of r_k use β ≥ 0).
    n_explicit : int
        Number of terms summed explicitly beyond k before the integral remainder
        (default 2¹⁴; the remainder's bracket has width ≲ 2λ_{k+n_explicit}).

    Notes
    -----
    tr Σ < ∞ iff α > 1 or (α = 1 and β > 1); Thm 6: benign iff α = 1 and β > 1.

    Examples
    --------
    >>> s = PowerLogSpectrum(alpha=1.0, beta=2.0)
    >>> s.trace_is_finite, PowerLogSpectrum(alpha=1.0, beta=1.0).trace_is_finite
    (True, False)
    >>> r0 = s.r(0)
    >>> 1.62 < r0.lo <= r0.hi < 1.64
    True
    """

    alpha: float
    beta: float
    n_explicit: int = 2**14

    def __post_init__(self) -> None:
        check_real("alpha", self.alpha, min_value=0.0, strict_min=True)
        check_real("beta", self.beta, min_value=0.0)
        check_integer("n_explicit", self.n_explicit, min_value=1)

    @property
    def trace_is_finite(self) -> bool:
        return _converges(self.alpha, self.beta)

    def eigenvalue(self, k) -> np.ndarray:
        """Return λ_k for integer k ≥ 1 (array or scalar)."""
        k = np.asarray(k, dtype=float)
        if np.any(k < 1) or np.any(k != np.floor(k)):
            raise ValueError("k must be an integer >= 1")
        return k ** (-self.alpha) * np.log1p(k) ** (-self.beta)

    def _require_trace(self) -> None:
        if not self.trace_is_finite:
            raise ValueError(
                f"alpha={self.alpha!r}, beta={self.beta!r}: Σλ_k diverges (tr Σ = ∞, r_0 = ∞); "
                "allowed: alpha > 1, or alpha = 1 and beta > 1. A finite truncation would "
                "report misleading finite effective ranks")

    def tail(self, k, *, power=1) -> Interval:
        """Return an interval containing Σ_{i>k} λ_i^power (power 1 or 2)."""
        k = check_integer("k", k, min_value=0)
        power = check_integer("power", power, min_value=1, max_value=2)
        a, c = power * self.alpha, power * self.beta
        if not _converges(a, c):
            raise ValueError(f"Σ λ_i^{power} diverges for alpha={self.alpha!r}, beta={self.beta!r}")
        K = max(k + self.n_explicit, 2)
        i = np.arange(k + 1, K + 1, dtype=float)
        explicit = float(np.sum(i ** (-a) * np.log1p(i) ** (-c)))
        slack = (i.size + 8) * _EPS * explicit  # summation and per-term rounding (γ_m bound)
        lo_rem, hi_rem = _power_log_integral(a, c, K + 2), _power_log_integral(a, c, K)
        return Interval((explicit - slack + lo_rem) * (1 - 8 * _EPS),
                        (explicit + slack + hi_rem) * (1 + 8 * _EPS))

    def r(self, k) -> Interval:
        """Return an interval containing r_k = Σ_{i>k} λ_i / λ_{k+1}."""
        self._require_trace()
        t = self.tail(k)
        lam = float(self.eigenvalue(k + 1))
        return Interval(t.lo / lam * (1 - 4 * _EPS), t.hi / lam * (1 + 4 * _EPS))

    def R(self, k) -> Interval:
        """Return an interval containing R_k = (Σ_{i>k} λ_i)² / Σ_{i>k} λ_i²."""
        self._require_trace()
        t1, t2 = self.tail(k), self.tail(k, power=2)
        return Interval(t1.lo**2 / t2.hi * (1 - 4 * _EPS), t1.hi**2 / t2.lo * (1 + 4 * _EPS))

    def critical_index(self, n, *, b=1.0) -> tuple[int, int]:
        """Return (k_lo, k_hi) with k_lo ≤ k*(b, n) ≤ k_hi (equal unless r_k ≈ bn to bracket width).

        Notes
        -----
        r_k is non-decreasing and unbounded, so k* is found by doubling then bisection on
        the predicates r_k.hi ≥ bn (gives k_lo) and r_k.lo ≥ bn (gives k_hi).
        """
        self._require_trace()
        n = check_integer("n", n, min_value=1)
        b = check_real("b", b, min_value=0.0, strict_min=True)
        target = b * n
        cache: dict[int, Interval] = {}

        def r_k(k: int) -> Interval:
            if k not in cache:
                cache[k] = self.r(k)
            return cache[k]

        return (_first_true(lambda k: r_k(k).hi >= target),
                _first_true(lambda k: r_k(k).lo >= target))

    def benign_ratios(self, n, *, b=1.0) -> dict[str, Interval]:
        """Return intervals for r₀/n, k*/n and n/R_{k*} (hull over k ∈ [k_lo, k_hi])."""
        k_lo, k_hi = self.critical_index(n, b=b)
        r0 = self.r(0)
        Rs = [self.R(k) for k in range(k_lo, k_hi + 1)]
        return {
            "r0_over_n": Interval(r0.lo / n, r0.hi / n),
            "k_star_over_n": Interval(k_lo / n, k_hi / n),
            "n_over_R_k_star": Interval(n / max(R.hi for R in Rs), n / min(R.lo for R in Rs)),
        }


def _converges(a: float, c: float) -> bool:
    return a > 1.0 or (a == 1.0 and c > 1.0)


def _power_log_integral(a: float, c: float, x: float) -> float:
    """I(x) = ∫_x^∞ u^{−a} ln^{−c} u du for x > 1 (a > 1, or a = 1 and c > 1)."""
    L = math.log(x)
    if a == 1.0:
        return L ** (1.0 - c) / (c - 1.0)
    return float((a - 1.0) ** (c - 1.0) * mpmath.gammainc(1.0 - c, (a - 1.0) * L))


def _first_true(pred) -> int:
    """Smallest k ≥ 0 with pred(k), for a predicate that is eventually true and monotone."""
    if pred(0):
        return 0
    lo, hi = 0, 1
    while not pred(hi):
        lo, hi = hi, 2 * hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if pred(mid) else (mid, hi)
    return hi


# ------------------------------------------------------------------ finite truncations


@dataclass(frozen=True)
class HarmonicTruncation:
    """λ_k = 1/k for k = 1, …, p and 0 beyond: the truncation at p of the divergent α = 1, β = 0 spectrum.

    Parameters
    ----------
    p : int
        Number of features p ≥ 1 (any size: the tails are closed forms, nothing is summed).

    Notes
    -----
    Σ_{i=k+1}^{p} 1/i = ψ(p + 1) − ψ(k + 1) and Σ_{i=k+1}^{p} 1/i² = ψ₁(k + 1) − ψ₁(p + 1)
    (digamma, trigamma), evaluated in mpmath with len(str(p)) + 25 digits, so the difference
    keeps ≥ 20 correct digits even at k = p − 1 (where it is 1/p); every returned interval is
    that value widened by 4 ulp.  r_k = (k + 1)(H_p − H_k) is unimodal: r_{k+1} − r_k =
    H_p − H_{k+1} − 1 decreases in k, so r rises to its peak near k ≈ p/e and falls to
    r_{p−1} = 1; k* is the first crossing of bn before the peak (None when the peak is
    below bn; if the peak is within 4 ulp of bn, k_hi is reported as the peak).  With p fixed, k*/n ≈ 1/ln(p/k*) *increases* with n; with p_n = n^γ (γ > 1)
    all three BLLT ratios decrease like 1/((γ − 1) ln n) — a finite-dimensional sequence
    that is benign although the spectrum it truncates has r₀ = ∞.

    Examples
    --------
    >>> h = HarmonicTruncation(p=3)
    >>> r0 = h.r(0)
    >>> r0.lo < 11 / 6 < r0.hi
    True
    >>> HarmonicTruncation(p=10).critical_index(1, b=3.0)  # r₀ = H₁₀ = 2.93, r₁ = 2(H₁₀ − 1) = 3.86
    (1, 1)
    """

    p: int

    def __post_init__(self) -> None:
        check_integer("p", self.p, min_value=1)

    @property
    def _dps(self) -> int:
        return len(str(self.p)) + 25

    def _tails(self, k: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        with mpmath.workdps(self._dps):
            return (mpmath.psi(0, self.p + 1) - mpmath.psi(0, k + 1),
                    mpmath.psi(1, k + 1) - mpmath.psi(1, self.p + 1))

    def _k(self, k) -> int:
        return check_integer("k", k, min_value=0, max_value=self.p - 1)

    def r(self, k) -> Interval:
        """Return an interval containing r_k = (k + 1) Σ_{i=k+1}^{p} 1/i (0 ≤ k < p)."""
        k = self._k(k)
        return _widened(float((k + 1) * self._tails(k)[0]))

    def R(self, k) -> Interval:
        """Return an interval containing R_k = (Σ_{i>k} 1/i)² / Σ_{i>k} 1/i² (0 ≤ k < p)."""
        k = self._k(k)
        t1, t2 = self._tails(k)
        return _widened(float(t1 * t1 / t2))

    def critical_index(self, n, *, b=1.0) -> tuple[int, int] | None:
        """Return (k_lo, k_hi) with k_lo ≤ k*(b, n) ≤ k_hi, or None when r_k < bn for every k < p."""
        n = check_integer("n", n, min_value=1)
        b = check_real("b", b, min_value=0.0, strict_min=True)
        target = b * n
        cache: dict[int, Interval] = {}
        with mpmath.workdps(self._dps):
            hp = mpmath.psi(0, self.p + 1)

            def r_k(k: int) -> Interval:
                if k not in cache:
                    cache[k] = _widened(float((k + 1) * (hp - mpmath.psi(0, k + 1))))
                return cache[k]

            # r's peak: the first k whose increment H_p − H_{k+1} − 1 is ≤ 0 (r_{p−1} = 1 ends the range)
            peak = _first_true_below(lambda k: hp - mpmath.psi(0, k + 2) <= 1, self.p - 1)
            if r_k(peak).hi < target:
                return None
            return (_first_true_below(lambda k: r_k(k).hi >= target, peak),
                    _first_true_below(lambda k: r_k(k).lo >= target, peak))

    def benign_ratios(self, n, *, b=1.0) -> dict[str, Interval]:
        """Return intervals for r₀/n, k*/n and n/R_{k*} of the truncation (as PowerLogSpectrum).

        Raises
        ------
        ValueError
            If k*(b, n) = ∞ for this p (r_k < bn for every k < p).
        """
        ks = self.critical_index(n, b=b)
        if ks is None:
            raise ValueError(f"p={self.p}, n={n}, b={b}: r_k < bn for every k < p (k* = ∞); "
                             "allowed: p large enough that max_k r_k >= bn")
        k_lo, k_hi = ks
        r0 = self.r(0)
        Rs = [self.R(k_lo), self.R(k_hi)] if k_hi - k_lo <= 1 else [self.R(k) for k in range(k_lo, k_hi + 1)]
        return {
            "r0_over_n": Interval(r0.lo / n, r0.hi / n),
            "k_star_over_n": Interval(k_lo / n, k_hi / n),
            "n_over_R_k_star": Interval(n / max(R.hi for R in Rs), n / min(R.lo for R in Rs)),
        }


def _widened(v: float) -> Interval:
    """[v(1 − 4 eps), v(1 + 4 eps)]: an mpmath value (≥ 20 correct digits) after rounding to float."""
    return Interval(v * (1 - 4 * _EPS), v * (1 + 4 * _EPS))


def _first_true_below(pred, last: int) -> int:
    """Smallest k in [0, last] with pred(k) for a monotone predicate; ``last`` if none before it."""
    if pred(0):
        return 0
    lo, hi = 0, last
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if pred(mid) else (mid, hi)
    return hi
