"""Hastie–Montanari–Rosset–Tibshirani limits of the min-norm least-squares risk.

Isotropic (Σ = I, ‖β*‖² = r², Var ε = σ², p/n → γ), C23:

    R → σ²γ/(1 − γ)                      (γ < 1; bias 0),
    R → r²(1 − 1/γ) + σ²/(γ − 1)         (γ > 1),

with the exact finite-n Gaussian counterparts in
:func:`constructions.linear_models.bias_variance.isotropic_gaussian_expected_risk`.  On γ > 1 the
limit has an interior minimum iff SNR = r²/σ² > 1, at γ* = √SNR/(√SNR − 1).

General Σ (spectral distribution H, β*-weighted spectral distribution G, γ > 1), C24:
c₀ > 0 solves 1 − 1/γ = ∫ dH(s)/(1 + c₀γs), and

    B → r² {1 + γc₀ ∫s²(1+c₀γs)⁻²dH / ∫s(1+c₀γs)⁻²dH} · ∫ s(1+c₀γs)⁻² dG(s),
    V → σ² γc₀ ∫s²(1+c₀γs)⁻²dH / ∫s(1+c₀γs)⁻²dH.

For H = G = δ₁, c₀γ = 1/(γ − 1) and the isotropic limit is recovered.  For γ < 1 the
limit is σ²γ/(1 − γ) for every Σ.  H and G are discrete here (atoms and weights).

References
----------
Hastie, Montanari, Rosset & Tibshirani, "Surprises in high-dimensional ridgeless least
squares interpolation", Ann. Statist. 50(2) (2022) 949–986 (theorem numbers recalled,
not checked: see CLAIMS.md C23/C24).  Lecture, 過剰パラメータ (二重降下).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from constructions.linear_models.bias_variance import BiasVariance, isotropic_gaussian_expected_risk
from constructions.validation import check_finite_array, check_real

__all__ = [
    "GeneralSigmaLimit",
    "general_sigma_limit",
    "isotropic_gaussian_expected_risk",
    "isotropic_limit",
    "optimal_overparameterization_ratio",
    "solve_c0",
]


def isotropic_limit(gamma, *, r2, sigma2) -> BiasVariance:
    """Return the HMRT isotropic limit of (bias, variance) at γ = p/n.

    Returns
    -------
    BiasVariance
        γ < 1: (0, σ²γ/(1 − γ)); γ > 1: (r²(1 − 1/γ), σ²/(γ − 1)); γ = 1: variance ``inf``
        (0 if σ² = 0).

    Examples
    --------
    >>> isotropic_limit(0.5, r2=1.0, sigma2=0.5).risk
    0.5
    >>> isotropic_limit(2.0, r2=1.0, sigma2=0.5).risk
    1.0
    """
    gamma = check_real("gamma", gamma, min_value=0.0, strict_min=True)
    r2 = check_real("r2", r2, min_value=0.0)
    sigma2 = check_real("sigma2", sigma2, min_value=0.0)
    if gamma < 1.0:
        return BiasVariance(bias=0.0, variance=sigma2 * gamma / (1.0 - gamma))
    bias = r2 * (1.0 - 1.0 / gamma)
    if gamma == 1.0:
        return BiasVariance(bias=bias, variance=float("inf") if sigma2 > 0 else 0.0)
    return BiasVariance(bias=bias, variance=sigma2 / (gamma - 1.0))


def optimal_overparameterization_ratio(snr) -> float:
    """Return the minimiser γ* of r²(1 − 1/γ) + σ²/(γ − 1) over γ > 1.

    γ* = √SNR/(√SNR − 1) when SNR = r²/σ² > 1; ``inf`` when SNR ≤ 1 (the risk then
    decreases on (1, ∞) towards its infimum r², the null risk).

    Notes
    -----
    d/dγ = r²/γ² − σ²/(γ − 1)² vanishes iff (γ − 1)/γ = 1/√SNR.

    Examples
    --------
    >>> optimal_overparameterization_ratio(4.0)
    2.0
    """
    snr = check_real("snr", snr, min_value=0.0)
    root = math.sqrt(snr)
    return root / (root - 1.0) if snr > 1.0 else float("inf")


def _measure(name: str, atoms, weights) -> tuple[np.ndarray, np.ndarray]:
    s = check_finite_array(f"{name}_atoms", atoms, ndim=1)
    w = check_finite_array(f"{name}_weights", weights, ndim=1)
    if s.size == 0 or s.shape != w.shape:
        raise ValueError(f"{name}_atoms has shape {s.shape} and {name}_weights {w.shape}; "
                         "allowed: equal, non-empty")
    if np.any(s <= 0):
        raise ValueError(f"{name}_atoms has minimum {s.min()!r}; allowed: all > 0 "
                         "(HMRT assume the spectrum of Σ in [c, C], c > 0)")
    if np.any(w < 0) or not math.isclose(float(w.sum()), 1.0, rel_tol=0, abs_tol=1e-12 * w.size):
        raise ValueError(f"{name}_weights sum to {w.sum()!r} (min {w.min()!r}); allowed: "
                         "non-negative, summing to 1 (to 1e-12 per atom)")
    return s, w


def solve_c0(gamma, *, atoms, weights) -> float:
    """Return c₀ > 0 solving 1 − 1/γ = Σ_i w_i/(1 + c₀γs_i) for H = Σ_i w_i δ_{s_i}, γ > 1.

    Notes
    -----
    The right side decreases strictly from 1 (c₀ = 0) to 0, so the root is unique; it lies
    in (0, 1/(γ(γ − 1)s_min)] because there every term is ≤ 1 − 1/γ; the bracket used
    is twice that, where the sign change is strict.  Solved with
    :func:`scipy.optimize.brentq` with rtol = 4·eps (xtol = the smallest normal float).

    Examples
    --------
    >>> round(solve_c0(3.0, atoms=[1.0], weights=[1.0]) * 3.0, 12)  # c₀γ = 1/(γ − 1)
    0.5
    """
    gamma = check_real("gamma", gamma, min_value=1.0, strict_min=True)
    s, w = _measure("h", atoms, weights)
    target = 1.0 - 1.0 / gamma

    def excess(c: float) -> float:
        return float(np.sum(w / (1.0 + c * gamma * s))) - target

    hi = 2.0 / (gamma * (gamma - 1.0) * s.min())  # strictly past the root: excess(hi) < 0
    return brentq(excess, 0.0, hi, xtol=np.finfo(float).tiny, rtol=4 * np.finfo(float).eps)


@dataclass(frozen=True)
class GeneralSigmaLimit:
    """HMRT general-Σ limit: ``c0`` (None for γ < 1), ``bias``, ``variance``, ``risk``."""

    c0: float | None
    bias: float
    variance: float

    @property
    def risk(self) -> float:
        return self.bias + self.variance


def general_sigma_limit(gamma, *, h_atoms, h_weights, g_weights=None, r2, sigma2
                        ) -> GeneralSigmaLimit:
    """Return the HMRT limit of the min-norm risk for a discrete spectral law H and weights G.

    Parameters
    ----------
    gamma : float
        p/n > 0, ≠ 1.
    h_atoms, h_weights : array_like
        H = Σ_i h_i δ_{s_i}: eigenvalues s_i > 0 of Σ and their fractions (sum 1).
    g_weights : array_like, optional
        G = Σ_i g_i δ_{s_i} on the same atoms: g_i = Σ_{j: λ_j = s_i} ⟨v_j, β*⟩²/‖β*‖².
        Default G = H (the limit for β* in a uniformly random direction).
    r2, sigma2 : float
        ‖β*‖² and σ².

    Returns
    -------
    GeneralSigmaLimit

    Raises
    ------
    ValueError
        On γ ≤ 0 or γ = 1, atoms ≤ 0, weights not a probability vector.

    Examples
    --------
    >>> lim = general_sigma_limit(3.0, h_atoms=[1.0], h_weights=[1.0], r2=1.0, sigma2=0.5)
    >>> round(lim.bias, 12), round(lim.variance, 12)  # isotropic: r²(1 − 1/γ), σ²/(γ − 1)
    (0.666666666667, 0.25)
    """
    gamma = check_real("gamma", gamma, min_value=0.0, strict_min=True)
    if gamma == 1.0:
        raise ValueError("gamma=1.0 is the interpolation threshold (risk = ∞); allowed: γ ≠ 1")
    r2 = check_real("r2", r2, min_value=0.0)
    sigma2 = check_real("sigma2", sigma2, min_value=0.0)
    s, h = _measure("h", h_atoms, h_weights)
    g = h if g_weights is None else _measure("g", s, g_weights)[1]
    if gamma < 1.0:
        return GeneralSigmaLimit(c0=None, bias=0.0, variance=sigma2 * gamma / (1.0 - gamma))
    c0 = solve_c0(gamma, atoms=s, weights=h)
    k = 1.0 / (1.0 + c0 * gamma * s) ** 2
    ratio = gamma * c0 * np.sum(h * s**2 * k) / np.sum(h * s * k)
    bias = r2 * (1.0 + ratio) * float(np.sum(g * s * k))
    return GeneralSigmaLimit(c0=c0, bias=float(bias), variance=float(sigma2 * ratio))
