"""The binary kl divergence, its inversion, and the kl form of the PAC-Bayes bound.

* kl(q ‖ p) = q ln(q/p) + (1 − q) ln((1 − q)/(1 − p)), the KL divergence between
  Bernoulli(q) and Bernoulli(p), with 0 ln 0 = 0.
* Its upper inverse kl⁻¹(q, c) = sup{p ∈ [q, 1] : kl(q ‖ p) ≤ c}, found as the root of
  p ↦ kl(q ‖ p) − c on (q, 1) by :func:`scipy.optimize.brentq` (kl(q ‖ ·) increases on [q, 1)).
* The PAC-Bayes-kl bound (Seeger 2002, Thm 1; Langford 2005, Thm 5.1; with Maurer's
  2004 constant, Thm 5): for a [0, 1]-valued loss, a prior P fixed before the sample and
  n ≥ 8, with probability ≥ 1 − δ over the sample S, simultaneously for every posterior Q,

      kl(R̂_S(Q) ‖ R(Q)) ≤ (KL(Q ‖ P) + ln(2√n/δ)) / n,

  so R(Q) ≤ kl⁻¹(R̂_S(Q), (KL + ln(2√n/δ))/n) ≤ R̂_S(Q) + √((KL + ln(2√n/δ))/(2n))
  (Pinsker: kl(q ‖ p) ≥ 2(p − q)²; the right end is McAllester's 1999 form with Maurer's constant).
* The sample-convergence bound of Langford & Caruana (2002), used by Dziugaite & Roy (2017,
  Sec. 4): the mean Ŝ_m of m i.i.d. [0, 1] variables with mean S satisfies
  kl(Ŝ_m ‖ S) ≤ ln(2/δ')/m with probability ≥ 1 − δ', so S ≤ kl⁻¹(Ŝ_m, ln(2/δ')/m).

References
----------
D. McAllester, "PAC-Bayesian model averaging", COLT 1999, Thm 1.
M. Seeger, "PAC-Bayesian generalisation error bounds for Gaussian process classification",
JMLR 3:233–269 (2002), Thm 1.  J. Langford, "Tutorial on practical prediction theory for
classification", JMLR 6:273–306 (2005), Thm 5.1.  A. Maurer, "A note on the PAC Bayesian
theorem", arXiv:cs/0411099 (2004), Thm 5 (E e^{n kl} ≤ 2√n for n ≥ 8).  J. Langford,
R. Caruana, "(Not) bounding the true error", NeurIPS 2001/2002.  G. K. Dziugaite, D. M. Roy,
"Computing nonvacuous generalization bounds for deep (stochastic) neural networks with many
more parameters than training data", UAI 2017.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq
from scipy.special import xlogy

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "PacBayesBound",
    "binary_kl",
    "discrete_kl",
    "gaussian_kl",
    "kl_inverse_upper",
    "pac_bayes_kl_bound",
    "sample_convergence_upper",
]

#: Maurer (2004) proves E exp(n kl(R̂ ‖ R)) ≤ 2√n for n ≥ 8 only.
MIN_SAMPLE_SIZE = 8


def _probabilities(name: str, value) -> np.ndarray:
    arr = check_finite_array(name, value)
    if arr.size and (arr.min() < 0.0 or arr.max() > 1.0):
        raise ValueError(
            f"{name} has entries in [{arr.min():.6g}, {arr.max():.6g}]; allowed: 0 <= {name} <= 1"
        )
    return arr


def binary_kl(q, p):
    """kl(q ‖ p), the KL divergence of Bernoulli(q) from Bernoulli(p), elementwise.

    Parameters
    ----------
    q, p : float or array_like, entries in [0, 1]
        Broadcast together.

    Returns
    -------
    float or ndarray
        q ln(q/p) + (1 − q) ln((1 − q)/(1 − p)) with 0 ln 0 = 0; +inf where p ∈ {0, 1} and q ≠ p.

    Raises
    ------
    ValueError
        If an entry of q or p is outside [0, 1] or not finite.

    Examples
    --------
    >>> round(float(binary_kl(0.0, 0.5)), 12) == round(math.log(2), 12)
    True
    >>> float(binary_kl(0.3, 0.3))
    0.0
    """
    q_a, p_a = np.broadcast_arrays(_probabilities("q", q), _probabilities("p", p))
    # Near p = q, −q log1p((p − q)/q) − (1 − q) log1p((q − p)/(1 − q)) has absolute error
    # O(eps·|p − q|)
    # where the textbook form has O(eps), so the root of kl(q ‖ p) = c stays accurate for tiny c;
    # far from it (and at q ∈ {0, 1}, or q subnormal) the textbook form with xlogy is exact enough.
    near = np.abs(p_a - q_a) < 0.5 * np.minimum(q_a, 1.0 - q_a)
    qn = np.where(near, q_a, 0.5)
    pn = np.where(near, p_a, 0.5)
    with np.errstate(divide="ignore", invalid="ignore"):
        mid = -qn * np.log1p((pn - qn) / qn) - (1.0 - qn) * np.log1p((qn - pn) / (1.0 - qn))
        far = (
            xlogy(q_a, q_a)
            - xlogy(q_a, p_a)
            + xlogy(1.0 - q_a, 1.0 - q_a)
            - xlogy(1.0 - q_a, 1.0 - p_a)
        )
    out = np.where(near, mid, far)
    out = np.maximum(out, 0.0)  # round-off near q = p; kl ≥ 0 (Gibbs' inequality)
    return float(out) if out.ndim == 0 else out


def kl_inverse_upper(q, c) -> float:
    """kl⁻¹(q, c) = sup{p ∈ [q, 1] : kl(q ‖ p) ≤ c}, by :func:`scipy.optimize.brentq`.

    Parameters
    ----------
    q : float in [0, 1]
        An empirical risk.
    c : float ≥ 0
        The right-hand side of a kl bound.

    Returns
    -------
    float
        The largest p with kl(q ‖ p) ≤ c; q when c = 0; 1 when kl(q ‖ 1) ≤ c (only q = 1).

    Raises
    ------
    ValueError
        If q ∉ [0, 1] or c < 0.

    Notes
    -----
    p ↦ kl(q ‖ p) is 0 at p = q, strictly increasing on [q, 1) and tends to +∞ as p → 1 for
    q < 1, so the root of kl(q ‖ p) = c on (q, 1) is unique; brentq brackets it in
    [q, 1 − 2⁻⁵²] and returns it to xtol = 1e-15 (then the bracket's upper end is taken, so the
    result never falls below the true root by more than the tolerance).  When even
    kl(q ‖ 1 − 2⁻⁵²) ≤ c the answer is 1 (vacuous).

    Examples
    --------
    >>> p = kl_inverse_upper(0.1, 0.05)
    >>> round(float(binary_kl(0.1, p)), 9)
    0.05
    >>> kl_inverse_upper(0.2, 0.0)
    0.2
    """
    q = check_real("q", q, min_value=0.0, max_value=1.0)
    c = check_real("c", c, min_value=0.0)
    if c == 0.0 or q == 1.0:
        return q
    top = 1.0 - 2.0**-52
    if binary_kl(q, top) <= c:
        return 1.0
    root = brentq(lambda p: binary_kl(q, p) - c, q, top, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    return float(min(root + 1e-15, 1.0))


def sample_convergence_upper(empirical_mean, n_samples, *, delta) -> float:
    """Langford–Caruana upper confidence bound on a mean from m Monte Carlo samples in [0, 1].

    Parameters
    ----------
    empirical_mean : float in [0, 1]
        Ŝ_m, the mean of m i.i.d. [0, 1]-valued samples.
    n_samples : int ≥ 1
        m.
    delta : float in (0, 1)
        δ'.

    Returns
    -------
    float
        kl⁻¹(Ŝ_m, ln(2/δ')/m): with probability ≥ 1 − δ' the true mean S is at most this.

    Notes
    -----
    The Chernoff bound in kl form holds for [0, 1]-valued variables (their moment generating
    function is dominated by a Bernoulli's of the same mean); the factor 2 makes it two-sided,
    as Dziugaite & Roy (2017, Sec. 4) state it.

    Examples
    --------
    >>> 0.1 < sample_convergence_upper(0.1, 1000, delta=0.01) < 0.14
    True
    """
    s = check_real("empirical_mean", empirical_mean, min_value=0.0, max_value=1.0)
    m = check_integer("n_samples", n_samples, min_value=1)
    delta = check_real(
        "delta", delta, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True
    )
    return kl_inverse_upper(s, math.log(2.0 / delta) / m)


def discrete_kl(q, p) -> float:
    """KL(Q ‖ P) = Σ_h Q(h) ln(Q(h)/P(h)) for distributions on a finite set.

    Parameters
    ----------
    q, p : array_like, 1-D, non-negative, each summing to 1 (within 1e-9)

    Returns
    -------
    float
        The divergence in nats; +inf if Q puts mass where P has none.

    Raises
    ------
    ValueError
        If the shapes differ, an entry is negative, or a vector does not sum to 1.

    Examples
    --------
    >>> round(discrete_kl([1.0, 0.0], [0.5, 0.5]), 12) == round(math.log(2), 12)
    True
    """
    q_a = check_finite_array("q", q, ndim=1)
    p_a = check_finite_array("p", p, ndim=1)
    if q_a.shape != p_a.shape:
        raise ValueError(
            f"q has shape {q_a.shape} but p has shape {p_a.shape}; allowed: equal shapes"
        )
    for name, a in (("q", q_a), ("p", p_a)):
        if a.size == 0 or a.min() < 0 or abs(a.sum() - 1.0) > 1e-9:
            raise ValueError(
                f"{name} must be a probability vector (non-negative, summing to 1); "
                f"got sum {a.sum():.6g}, min {a.min() if a.size else 'n/a'}"
            )
    with np.errstate(divide="ignore"):
        return float(np.sum(xlogy(q_a, q_a) - xlogy(q_a, p_a)))


def gaussian_kl(mean_q, std_q, mean_p, var_p) -> float:
    """KL(N(μ_Q, diag σ²) ‖ N(μ_P, λ I)) in nats.

    Parameters
    ----------
    mean_q : array_like, 1-D
        μ_Q, the posterior mean (the trained weights).
    std_q : array_like, 1-D, positive, same shape
        σ, the posterior's per-coordinate standard deviations.
    mean_p : array_like, 1-D, same shape
        μ_P, the prior mean (the initialisation).
    var_p : float > 0
        λ, the prior's variance in every coordinate.

    Returns
    -------
    float
        ½ [Σ σ_i²/λ + ‖μ_Q − μ_P‖²/λ − k + k ln λ − Σ ln σ_i²], k the dimension.

    Raises
    ------
    ValueError
        If shapes differ, σ has a non-positive entry, or λ ≤ 0.

    Examples
    --------
    >>> gaussian_kl([0.0, 0.0], [1.0, 1.0], [0.0, 0.0], 1.0)
    0.0
    >>> gaussian_kl([2.0], [1.0], [0.0], 1.0)
    2.0
    """
    mq = check_finite_array("mean_q", mean_q, ndim=1)
    sq = check_finite_array("std_q", std_q, ndim=1)
    mp = check_finite_array("mean_p", mean_p, ndim=1)
    lam = check_real("var_p", var_p, min_value=0.0, strict_min=True)
    if not mq.shape == sq.shape == mp.shape:
        raise ValueError(
            f"mean_q, std_q, mean_p have shapes {mq.shape}, {sq.shape}, {mp.shape}; "
            "allowed: equal shapes"
        )
    if sq.size and sq.min() <= 0:
        raise ValueError(f"std_q has minimum {sq.min():.6g}; allowed: std_q > 0")
    var_q = sq * sq
    k = mq.size
    return float(
        0.5
        * (
            np.sum(var_q) / lam
            + np.sum((mq - mp) ** 2) / lam
            - k
            + k * math.log(lam)
            - np.sum(np.log(var_q))
        )
    )


@dataclass(frozen=True)
class PacBayesBound:
    """The terms of the PAC-Bayes-kl bound for one posterior.

    Attributes
    ----------
    empirical_risk : float
        R̂_S(Q) (or an upper confidence bound on it), in [0, 1].
    kl_divergence : float
        KL(Q ‖ P).
    n : int
        Sample size.
    delta : float
        Confidence parameter of the bound.
    log_term : float
        ln(2√n/δ) plus any union-bound term added by the caller (``extra_log_term``).
    """

    empirical_risk: float
    kl_divergence: float
    n: int
    delta: float
    log_term: float

    @property
    def complexity(self) -> float:
        """(KL(Q ‖ P) + ln(2√n/δ))/n, the right-hand side of the kl bound."""
        return (self.kl_divergence + self.log_term) / self.n

    @property
    def value(self) -> float:
        """kl⁻¹(R̂, complexity): the bound on R(Q)."""
        return kl_inverse_upper(self.empirical_risk, self.complexity)

    @property
    def mcallester_value(self) -> float:
        """R̂ + √(complexity/2), the looser Pinsker form (McAllester 1999 with Maurer's constant)."""
        return self.empirical_risk + math.sqrt(self.complexity / 2.0)


def pac_bayes_kl_bound(
    empirical_risk, kl_divergence, n, *, delta, extra_log_term=0.0
) -> PacBayesBound:
    """The Maurer / Seeger–Langford PAC-Bayes-kl bound on R(Q).

    Parameters
    ----------
    empirical_risk : float in [0, 1]
        R̂_S(Q) = E_{h~Q} R̂_S(h) for a loss with values in [0, 1].
    kl_divergence : float ≥ 0
        KL(Q ‖ P), P chosen before seeing S.
    n : int ≥ 8
        Sample size (Maurer's constant 2√n needs n ≥ 8).
    delta : float in (0, 1)
    extra_log_term : float ≥ 0, keyword-only
        Added to ln(2√n/δ), e.g. ln J for a union bound over J priors.

    Returns
    -------
    PacBayesBound
        ``.value`` = kl⁻¹(R̂, (KL + ln(2√n/δ) + extra)/n).

    Raises
    ------
    ValueError
        Naming the argument out of range.

    Notes
    -----
    With probability ≥ 1 − δ over S, for all Q at once: kl(R̂_S(Q) ‖ R(Q)) ≤
    (KL(Q ‖ P) + ln(2√n/δ))/n (Maurer 2004, Thm 5; Seeger 2002, Thm 1).

    Examples
    --------
    >>> b = pac_bayes_kl_bound(0.05, 10.0, 1000, delta=0.05)
    >>> round(b.complexity, 6), b.value < b.mcallester_value
    (0.017143, True)
    """
    r = check_real("empirical_risk", empirical_risk, min_value=0.0, max_value=1.0)
    kl = check_real("kl_divergence", kl_divergence, min_value=0.0)
    n = check_integer("n", n, min_value=MIN_SAMPLE_SIZE)
    delta = check_real(
        "delta", delta, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True
    )
    extra = check_real("extra_log_term", extra_log_term, min_value=0.0)
    return PacBayesBound(
        empirical_risk=r,
        kl_divergence=kl,
        n=n,
        delta=delta,
        log_term=math.log(2.0 * math.sqrt(n) / delta) + extra,
    )
