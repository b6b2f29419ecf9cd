"""The Marchenko–Pastur law F_γ and empirical spectra of ZᵀZ/n.

For Z (n × p) with iid entries of mean 0 and variance 1 and p/n → γ ∈ (0, ∞), the
empirical spectral distribution of ZᵀZ/n (p × p) converges a.s. to F_γ:

    dF_γ(s) = max(0, 1 − 1/γ) δ₀ + f_γ(s) ds,
    f_γ(s) = √((λ₊ − s)(s − λ₋)) / (2πγs) on [λ₋, λ₊],   λ± = (1 ± √γ)².

Closed forms used here: the CDF from the antiderivative (checked by differentiation)

    ∫ √Q(s)/s ds = √Q + ((a+b)/2)·asin((2s − a − b)/(b − a))
                   − √(ab)·asin(((a+b)s − 2ab)/(s(b − a))),

Q = (b − s)(s − a), a = λ₋, b = λ₊; the moments ∫s^k dF_γ = Σ_{j<k} γ^j C(k,j)C(k−1,j)/(j+1)
(Narayana polynomials: 1, 1 + γ, 1 + 3γ + γ², …); and ∫_{s>0} s⁻¹ dF_γ = 1/(1 − γ) for
γ < 1, 1/(γ(γ − 1)) for γ > 1 (∞ at γ = 1).  scipy.stats (1.17) has no
Marchenko–Pastur distribution, and F_γ has an atom, so these are plain functions.

References
----------
Marchenko & Pastur, Mat. Sb. 72 (1967); Bai & Silverstein, *Spectral Analysis of
Large Dimensional Random Matrices* (2010) Ch. 3.  Lecture, 過剰パラメータ (C22).
"""

from __future__ import annotations

import numpy as np
import scipy.linalg
from scipy.special import comb

from constructions.linear_models.designs import standardized_entries
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "empirical_spectrum",
    "kolmogorov_distance",
    "mp_atom",
    "mp_cdf",
    "mp_density",
    "mp_inverse_moment",
    "mp_moment",
    "mp_support",
    "wishart_trace_moment",
]


def _gamma(gamma) -> float:
    return check_real("gamma", gamma, min_value=0.0, strict_min=True)


def mp_support(gamma) -> tuple[float, float]:
    """Return (λ₋, λ₊) = ((1 − √γ)², (1 + √γ)²), the support of the continuous part.

    Examples
    --------
    >>> mp_support(0.25)
    (0.25, 2.25)
    """
    g = np.sqrt(_gamma(gamma))
    return float((1.0 - g) ** 2), float((1.0 + g) ** 2)


def mp_atom(gamma) -> float:
    """Return the mass max(0, 1 − 1/γ) of F_γ at 0.

    Examples
    --------
    >>> mp_atom(4.0)
    0.75
    """
    return max(0.0, 1.0 - 1.0 / _gamma(gamma))


def mp_density(s, *, gamma) -> np.ndarray:
    """Return f_γ(s), the density of the continuous part (total mass min(1, 1/γ)).

    Examples
    --------
    >>> import numpy as np
    >>> float(mp_density(2.0, gamma=1.0)) == 1.0 / (2.0 * np.pi)  # √((4 − 2)·2)/(2π·2)
    True
    """
    gamma = _gamma(gamma)
    s = check_finite_array("s", s)
    a, b = mp_support(gamma)
    inside = (s > a) & (s < b)
    q = np.where(inside, (b - s) * (s - a), 0.0)
    den = np.where(inside, 2.0 * np.pi * gamma * s, 1.0)
    return np.sqrt(q) / den


def mp_cdf(s, *, gamma) -> np.ndarray:
    """Return F_γ(s) = P(S ≤ s) including the atom at 0 (closed form).

    Examples
    --------
    >>> float(mp_cdf(0.0, gamma=4.0)), float(mp_cdf(9.0, gamma=4.0))
    (0.75, 1.0)
    """
    gamma = _gamma(gamma)
    s = check_finite_array("s", s)
    a, b = mp_support(gamma)
    sab = np.sqrt(a * b)  # = |1 − γ|
    t = np.clip(s, max(a, np.finfo(float).tiny), b)

    def antiderivative(x):
        q = np.sqrt(np.maximum((b - x) * (x - a), 0.0))
        u1 = np.clip((2.0 * x - a - b) / (b - a), -1.0, 1.0)
        u2 = np.clip(((a + b) * x - 2.0 * a * b) / (x * (b - a)), -1.0, 1.0)
        return q + 0.5 * (a + b) * np.arcsin(u1) - sab * np.arcsin(u2)

    g_a = -0.25 * np.pi * (a + b) + 0.5 * np.pi * sab  # antiderivative at s = a
    cont = (antiderivative(t) - g_a) / (2.0 * np.pi * gamma)
    cont = np.where(s <= a, 0.0, np.where(s >= b, min(1.0, 1.0 / gamma), cont))
    return np.where(s < 0.0, 0.0, mp_atom(gamma) + cont)


def mp_moment(k, *, gamma) -> float:
    """Return ∫ s^k dF_γ(s) = Σ_{j=0}^{k−1} γ^j C(k, j) C(k−1, j)/(j + 1) for k ≥ 1.

    Examples
    --------
    >>> mp_moment(1, gamma=0.5), mp_moment(2, gamma=0.5)
    (1.0, 1.5)
    """
    k = check_integer("k", k, min_value=1)
    gamma = _gamma(gamma)
    j = np.arange(k)
    return float(np.sum(gamma**j * comb(k, j) * comb(k - 1, j) / (j + 1)))


def mp_inverse_moment(gamma) -> float:
    """Return ∫_{s>0} s⁻¹ dF_γ(s): 1/(1 − γ) for γ < 1, 1/(γ(γ − 1)) for γ > 1, ∞ at γ = 1.

    Notes
    -----
    For γ < 1 this is the limit of (1/p) Σ_j 1/λ_j(ZᵀZ/n), hence the OLS variance limit
    σ²γ/(1 − γ) (C21–C23); the passage from ESD convergence needs λ_min bounded away from
    0 (Bai–Yin).  For γ > 1 the atom at 0 is excluded.

    Examples
    --------
    >>> mp_inverse_moment(0.5), mp_inverse_moment(2.0)
    (2.0, 0.5)
    """
    gamma = _gamma(gamma)
    if gamma == 1.0:
        return float("inf")
    return 1.0 / (1.0 - gamma) if gamma < 1.0 else 1.0 / (gamma * (gamma - 1.0))


def wishart_trace_moment(k, n, p) -> int:
    """Return E tr((ZᵀZ)^k) exactly, for Z (n × p) with iid N(0, 1) entries and k ∈ {1, 2, 3}.

    np, np(n + p + 1) and np(n² + p² + 3np + 3n + 3p + 4): symmetric in (n, p), and divided by
    n^k p they are the finite-n moments of the spectrum of ZᵀZ/n, e.g. ∫s² dF_emp has mean
    1 + γ + 1/n against the Marchenko–Pastur 1 + γ (γ = p/n).

    Raises
    ------
    ValueError
        If k ∉ {1, 2, 3} or n, p < 1.

    Notes
    -----
    W = ZᵀZ = Σ_i x_i x_iᵀ (x_i the rows); tr W² = Σ_{i,j}(x_iᵀx_j)² with E(x_iᵀx_i)² = p(p + 2)
    and E(x_iᵀx_j)² = p (i ≠ j), so E tr W² = n·p(p + 2) + n(n − 1)p.  The cubic moment
    follows the same count over index triples (Wick); for p = 1 it is E(χ²_n)³ = n(n + 2)(n + 4).

    References
    ----------
    Letac & Massam, "All invariant moments of the Wishart distribution", Scand. J. Statist.
    31 (2004) 295–318; lecture, 過剰パラメータ (C22).

    Examples
    --------
    >>> wishart_trace_moment(2, 400, 100), wishart_trace_moment(3, 1, 5)  # p(p + 2)(p + 4) for n = 1
    (20040000, 315)
    """
    k = check_integer("k", k, min_value=1)
    n = check_integer("n", n, min_value=1)
    p = check_integer("p", p, min_value=1)
    if k > 3:
        raise ValueError(f"k={k}; allowed: 1, 2 or 3")
    return n * p * (1, n + p + 1, n * n + p * p + 3 * n * p + 3 * n + 3 * p + 4)[k - 1]


def empirical_spectrum(n, p, *, rng, distribution="gaussian") -> np.ndarray:
    """Return the p eigenvalues of ZᵀZ/n, ascending, for Z (n × p) with iid standardised entries.

    The eigenvalues are s_j(Z)²/n from the singular values (accurate for small eigenvalues);
    when p > n the p − n structural zeros are returned as exact 0.0.

    Examples
    --------
    >>> import numpy as np
    >>> ev = empirical_spectrum(3, 5, rng=np.random.default_rng(0))
    >>> ev.shape, int(np.count_nonzero(ev == 0.0))
    ((5,), 2)
    """
    Z = standardized_entries(n, p, distribution=distribution, rng=rng)
    s = scipy.linalg.svdvals(Z, check_finite=False)
    ev = np.zeros(p)
    ev[p - s.size:] = np.sort(s**2 / n)
    return ev


def kolmogorov_distance(eigenvalues, *, gamma) -> float:
    """Return sup_s |F_emp(s) − F_γ(s)| for an empirical spectrum (atoms handled exactly).

    Notes
    -----
    The supremum of |F_emp − F_γ| over s is attained at a sample point or just before it;
    both one-sided limits are compared, with F_γ(s⁻) = F_γ(s) except at s = 0 (the atom).

    Examples
    --------
    >>> kolmogorov_distance([0.0, 0.0, 0.0, 1.0], gamma=4.0)  # atom 3/4 matches; one point at 1
    0.25
    """
    ev = np.sort(check_finite_array("eigenvalues", eigenvalues, ndim=1))
    if ev.size == 0:
        raise ValueError("eigenvalues is empty; allowed: at least one value")
    gamma = _gamma(gamma)
    m = ev.size
    upper = np.searchsorted(ev, ev, side="right") / m  # F_emp(s)
    lower = np.searchsorted(ev, ev, side="left") / m  # F_emp(s⁻)
    f = mp_cdf(ev, gamma=gamma)
    f_minus = np.where(ev == 0.0, 0.0, f)  # continuous except the atom at 0
    return float(max(np.max(np.abs(upper - f)), np.max(np.abs(lower - f_minus))))
