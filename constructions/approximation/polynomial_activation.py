"""Polynomial activations: what one hidden layer of σ(t) = t² can and cannot do (C03 control).

A one-hidden-layer network with σ(t) = t², x ↦ c_0 + Σ_k c_k (w_k x + b_k)², is a polynomial of
degree ≤ 2, and every such polynomial is one (3 units suffice:
a_0 + a_1 x + a_2 x² = a_0 + a_2 (x)² + (a_1/4)((x + 1)² − (x − 1)²)).  So its best uniform
error for f on [−1, 1] is the degree-2 minimax error E_2(f), whatever the width: exactly 1/8 for
|x| (best x² + 1/8) and 1/4 for x³ (x³ − ¾x = T_3/4) — Leshno et al.'s "only if".

:func:`best_polynomial_approximation` encloses E_m(f):

* lower: de la Vallée Poussin — if f − p alternates in sign at m + 2 increasing points with
  |f − p| ≥ μ there, then E_m(f) ≥ μ; the points are read off the LP residual on the nodes;
* upper: ‖f − p‖_∞ ≤ max over a uniform check grid of spacing g + (L_f + L_p)·g/2,
  L_p ≤ Σ_j |a_j| j² (Markov's inequality for T_j), given a Lipschitz constant L_f of f.

The candidate p is the discrete minimax polynomial on Chebyshev–Lobatto nodes, from a linear
program (``scipy.optimize.linprog``, HiGHS).

References
----------
Leshno, Lin, Pinkus, Schocken, Neural Networks 6 (1993).  Lecture (今泉, 2024), 普遍近似定理.
CLAIMS.md C03.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import chebyshev
from scipy.optimize import linprog

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "PolynomialApproximation",
    "alternation_lower_bound",
    "best_polynomial_approximation",
    "square_network_from_polynomial",
]


@dataclass(frozen=True, eq=False)
class PolynomialApproximation:
    """Enclosure of the best uniform error E_m(f) on [−1, 1] and the polynomial found.

    Attributes
    ----------
    degree : int
    chebyshev_coefficients : ndarray
        Of the discrete minimax polynomial p.
    error_lower : float
        de la Vallée Poussin lower bound on E_m(f) (rigorous up to evaluation rounding).
    error_upper : float or None
        Upper bound ‖f − p‖_∞ (None unless a Lipschitz constant of f was given).
    discrete_error : float
        max over the nodes of |f − p| (the LP optimum, up to solver tolerance).
    """

    degree: int
    chebyshev_coefficients: np.ndarray
    error_lower: float
    error_upper: float | None
    discrete_error: float

    @property
    def power_coefficients(self) -> np.ndarray:
        """Coefficients of p in the monomial basis, lowest degree first."""
        return chebyshev.cheb2poly(self.chebyshev_coefficients)


def alternation_lower_bound(residual, *, degree) -> float:
    """Largest μ such that the residual alternates in sign at degree + 2 points with |·| ≥ μ.

    ``residual`` is f − p at increasing points.  Returns 0 when there is no such alternation.

    Examples
    --------
    >>> alternation_lower_bound([0.1, -0.2, 0.3, -0.1], degree=1)
    0.1
    >>> alternation_lower_bound([0.1, -0.2, 0.3, -0.1], degree=0)
    0.2
    """
    e = check_finite_array("residual", residual, ndim=1)
    m = check_integer("degree", degree, min_value=0)
    needed = m + 2
    # Collapse runs of one sign to their largest |e|; the optimum uses one point per run.
    nonzero = e[e != 0]
    if nonzero.size == 0:
        return 0.0
    sign = np.sign(nonzero)
    run_id = np.concatenate([[0], np.cumsum(sign[1:] != sign[:-1])])
    run_max = np.zeros(run_id[-1] + 1)
    np.maximum.at(run_max, run_id, np.abs(nonzero))
    run_sign = sign[np.searchsorted(run_id, np.arange(run_max.size))]

    def alternations(mu: float) -> int:
        keep = run_max >= mu
        s = run_sign[keep]
        return 0 if s.size == 0 else 1 + int(np.count_nonzero(s[1:] != s[:-1]))

    levels = np.unique(run_max)
    ok = np.array([alternations(mu) >= needed for mu in levels])  # loop over distinct runs
    return float(levels[ok].max()) if ok.any() else 0.0


def best_polynomial_approximation(f: Callable, *, degree=2, n_nodes=4001, lipschitz=None,
                                  n_check=2**20 + 1) -> PolynomialApproximation:
    """Enclose the best uniform error of degree-≤m polynomials for f on [−1, 1].

    Parameters
    ----------
    f : callable
        Vectorised target on [−1, 1].
    degree : int
        m ≥ 0 (2 for one hidden layer of σ(t) = t²).
    n_nodes : int
        Number of Chebyshev–Lobatto nodes cos(πi/(n − 1)) for the LP (≥ degree + 2).
    lipschitz : float, optional
        Lipschitz constant of f on [−1, 1]; enables ``error_upper``.
    n_check : int
        Size of the uniform grid on which ``error_upper`` evaluates |f − p| (≥ 2).

    Returns
    -------
    PolynomialApproximation

    Raises
    ------
    ValueError
        Bad sizes, non-finite f values, or an LP failure.

    Examples
    --------
    >>> fit = best_polynomial_approximation(np.abs, degree=2, n_nodes=201, lipschitz=1.0)
    >>> bool(fit.error_lower <= 0.125 <= fit.error_upper)
    True
    >>> np.round(fit.power_coefficients, 4).tolist()
    [0.125, 0.0, 1.0]
    """
    m = check_integer("degree", degree, min_value=0)
    n = check_integer("n_nodes", n_nodes, min_value=m + 2)
    n_check = check_integer("n_check", n_check, min_value=2)
    if not callable(f):
        raise ValueError(f"f={f!r} is not callable")
    nodes = np.cos(np.pi * np.arange(n - 1, -1, -1) / (n - 1))  # increasing, includes ±1
    values = check_finite_array("f(nodes)", np.asarray(f(nodes), dtype=float), ndim=1)
    if values.shape != nodes.shape:
        raise ValueError(f"f(nodes) has shape {values.shape}; allowed: {nodes.shape}")
    vander = chebyshev.chebvander(nodes, m)
    ones = np.ones((n, 1))
    a_ub = np.block([[vander, -ones], [-vander, -ones]])
    b_ub = np.concatenate([values, -values])
    cost = np.zeros(m + 2)
    cost[-1] = 1.0
    bounds = [(None, None)] * (m + 1) + [(0, None)]
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status != 0:
        raise ValueError(f"linprog failed: {res.message}")
    coef = res.x[:-1]
    residual = values - chebyshev.chebval(nodes, coef)
    discrete = float(np.max(np.abs(residual)))
    lower = alternation_lower_bound(residual, degree=m)
    upper = None
    if lipschitz is not None:
        lip = check_real("lipschitz", lipschitz, min_value=0.0)
        lip_p = float(np.sum(np.abs(coef) * np.arange(m + 1) ** 2))
        grid = np.linspace(-1.0, 1.0, n_check)
        check = np.asarray(f(grid), dtype=float) - chebyshev.chebval(grid, coef)
        gap = 2.0 / (n_check - 1)
        upper = float(np.max(np.abs(check))) + (lip + lip_p) * gap / 2.0
    return PolynomialApproximation(m, coef, lower, upper, discrete)


def square_network_from_polynomial(power_coefficients) -> DenseNetwork:
    """Three σ(t) = t² units realising a_0 + a_1 x + a_2 x².

    Raises
    ------
    ValueError
        If more than three coefficients are given (degree > 2 is not representable with one
        hidden layer of squares) or entries are not finite.

    Examples
    --------
    >>> net = square_network_from_polynomial([0.125, 0.0, 1.0])
    >>> net(np.array([-1.0, 0.0, 0.5])).tolist()
    [1.125, 0.125, 0.375]
    """
    a = check_finite_array("power_coefficients", power_coefficients, ndim=1)
    if not 1 <= a.shape[0] <= 3:
        raise ValueError(f"power_coefficients has {a.shape[0]} entries; allowed: 1 to 3 "
                         "(degree <= 2)")
    a = np.concatenate([a, np.zeros(3 - a.shape[0])])
    return network_from_layers(
        [(np.ones((3, 1)), np.array([0.0, 1.0, -1.0])),
         (np.array([[a[2], a[1] / 4, -a[1] / 4]]), np.array([a[0]]))], activation="square")
