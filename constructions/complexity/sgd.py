"""Stochastic gradient descent on a quadratic: the mean squared error, exactly.

The lecture's SGD slide (パラメータの学習アルゴリズム: 「勾配+摂動で損失最小解を探索」)
in the one setting where everything is computable: f(θ) = ½(θ − θ*)ᵀA(θ − θ*) with
μI ≼ A ≼ LI, and noisy gradients g_t = A(θ_t − θ*) + ξ_t, ξ_t i.i.d. with mean 0
and covariance Σ (σ² = tr Σ = E‖ξ_t‖²).  With e_t = θ_t − θ* and steps η_t,

    e_{t+1} = (I − η_t A) e_t − η_t ξ_t,
    M_{t+1} = (I − η_t A) M_t (I − η_t A) + η_t² Σ,     M_t = E[e_t e_tᵀ],

a linear recursion, so E‖e_t‖² = tr M_t is known exactly: in rationals by the
matrix recursion (:func:`sgd_expected_squared_error_exact`), in floats per
eigen-coordinate of A (:func:`sgd_expected_squared_error`).  The classical
bounds it is compared with:

* constant step 0 < η < 2/L, ρ = max(|1 − ημ|, |1 − ηL|) < 1:
  E‖e_t‖² ≤ ρ^{2t}‖e_0‖² + ησ² / min(μ(2 − ημ), L(2 − ηL)); for η ≤ 1/L this is
  (1 − ημ)^{2t}‖e_0‖² + ησ²/(μ(2 − ημ))  (:func:`sgd_squared_error_bound`);
* decreasing steps η_t = c/(t + t₀) with cμ > 1 and c/t₀ ≤ 1/L:
  E‖e_t‖² ≤ ν/(t + t₀), ν = max(t₀‖e_0‖², c²σ²/(cμ − 1))
  (:func:`decreasing_step_bound`), so E‖e_t‖² → 0 at rate O(1/t).

References
----------
Bottou, Curtis & Nocedal, "Optimization methods for large-scale machine learning",
SIAM Review 60(2) (2018), Thms 4.6 and 4.7; Moulines & Bach, NeurIPS 2011.
Lecture (今泉 2024), パラメータの学習アルゴリズム.
"""

from __future__ import annotations

import numbers
from fractions import Fraction

import numpy as np

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "decreasing_step_bound",
    "decreasing_step_sizes",
    "sgd_expected_squared_error",
    "sgd_expected_squared_error_exact",
    "sgd_squared_error_bound",
    "simulate_sgd_squared_errors",
]


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------
def _problem(hessian, noise_covariance, initial_error) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    A = check_finite_array("hessian", hessian, ndim=2)
    S = check_finite_array("noise_covariance", noise_covariance, ndim=2)
    e0 = check_finite_array("initial_error", initial_error, ndim=1)
    d = e0.size
    if d == 0:
        raise ValueError("initial_error is empty; allowed: dimension >= 1")
    for name, M in (("hessian", A), ("noise_covariance", S)):
        if M.shape != (d, d):
            raise ValueError(f"{name} has shape {M.shape}; allowed: ({d}, {d}) like initial_error")
        if not np.array_equal(M, M.T):
            raise ValueError(f"{name} is not symmetric; allowed: a symmetric matrix")
    return A, S, e0


def _steps(step_sizes) -> np.ndarray:
    eta = check_finite_array("step_sizes", step_sizes, ndim=1)
    if np.any(eta <= 0):
        raise ValueError("step_sizes has an entry <= 0; allowed: every step size > 0")
    return eta


def _rational(name: str, value) -> Fraction:
    if (
        isinstance(value, bool)
        or isinstance(value, float)
        or not isinstance(value, numbers.Rational | str)
    ):
        raise ValueError(
            f"{name}={value!r} must be an exact rational (int, Fraction or str); "
            "allowed: no floats, so that the recursion is exact"
        )
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"{name}={value!r} is not a rational number: {exc}") from None


def _rational_matrix(name: str, rows, d: int | None) -> np.ndarray:
    if isinstance(rows, str):
        raise ValueError(f"{name}={rows!r} must be a sequence of rationals")
    try:
        arr = np.array(
            [
                [_rational(f"{name}[{i}][{j}]", v) for j, v in enumerate(row)]
                for i, row in enumerate(rows)
            ]
            if d is not None
            else [_rational(f"{name}[{i}]", v) for i, v in enumerate(rows)],
            dtype=object,
        )
    except TypeError:
        raise ValueError(f"{name}={rows!r} must be a sequence of rationals") from None
    return arr


def _number(name: str, value, **bounds):
    """Validate a real; keep an exact rational exact (the bounds are then exact Fractions)."""
    check_real(name, value, **bounds)
    return (
        Fraction(value)
        if isinstance(value, numbers.Rational) and not isinstance(value, bool)
        else float(value)
    )


# ---------------------------------------------------------------------------
# exact expectations
# ---------------------------------------------------------------------------
def sgd_expected_squared_error(
    hessian, noise_covariance, initial_error, *, step_sizes
) -> np.ndarray:
    """E‖θ_t − θ*‖² for t = 0, …, T of SGD on ½(θ − θ*)ᵀA(θ − θ*), in floating point.

    Parameters
    ----------
    hessian : array_like, shape (d, d)
        A, symmetric.
    noise_covariance : array_like, shape (d, d)
        Σ, the covariance of the gradient noise (symmetric positive semi-definite).
    initial_error : array_like, shape (d,)
        e_0 = θ_0 − θ* (deterministic).
    step_sizes : array_like, shape (T,)
        η_0, …, η_{T−1} > 0.

    Returns
    -------
    ndarray, shape (T + 1,)

    Raises
    ------
    ValueError
        On non-finite or non-symmetric matrices, mismatched shapes, or a step ≤ 0.

    Notes
    -----
    In the eigenbasis A = Q diag(λ) Qᵀ the recursion decouples:
    v_{t+1,i} = (1 − η_t λ_i)² v_{t,i} + η_t² (QᵀΣQ)_{ii}, v_{0,i} = (Qᵀe_0)_i², and
    E‖e_t‖² = Σ_i v_{t,i} (only the diagonal of M_t in that basis enters the trace).
    Every term is non-negative, so the relative round-off after T steps is at most
    about (3T + d)·eps beyond that of the eigendecomposition.

    References
    ----------
    Bottou, Curtis & Nocedal, SIAM Review 60(2) (2018), §4.

    Examples
    --------
    >>> sgd_expected_squared_error([[1.0]], [[1.0]], [2.0], step_sizes=[0.5, 0.5]).tolist()
    [4.0, 1.25, 0.5625]
    """
    A, S, e0 = _problem(hessian, noise_covariance, initial_error)
    eta = _steps(step_sizes)
    lam, Q = np.linalg.eigh(A)
    s = np.einsum("ji,jk,ki->i", Q, S, Q)
    v = (Q.T @ e0) ** 2
    out = np.empty(eta.size + 1)
    out[0] = v.sum()
    for t, h in enumerate(eta):
        v = (1.0 - h * lam) ** 2 * v + h * h * s
        out[t + 1] = v.sum()
    return out


def sgd_expected_squared_error_exact(
    hessian, noise_covariance, initial_error, *, step_sizes
) -> list[Fraction]:
    """E‖θ_t − θ*‖² for t = 0, …, T in exact rational arithmetic (matrix recursion, no eigenvalues).

    Parameters
    ----------
    hessian, noise_covariance : sequence of sequences of rationals, (d, d)
        A and Σ, symmetric; entries int, Fraction or str (floats are refused).
    initial_error : sequence of rationals, (d,)
    step_sizes : sequence of rationals, (T,)
        Each > 0.

    Returns
    -------
    list of Fraction
        tr M_t for t = 0, …, T.

    Raises
    ------
    ValueError
        On a float or non-rational entry, mismatched shapes, a non-symmetric matrix, a step ≤ 0.

    Notes
    -----
    M_0 = e_0e_0ᵀ, M_{t+1} = B_t M_t B_t + η_t²Σ with B_t = I − η_tA (symmetric), the
    second moment of e_{t+1} = B_t e_t − η_t ξ_t with ξ_t independent of e_t.

    Examples
    --------
    >>> sgd_expected_squared_error_exact([[1]], [[1]], [2], step_sizes=["1/2", "1/2"])
    [Fraction(4, 1), Fraction(5, 4), Fraction(9, 16)]
    """
    e0 = _rational_matrix("initial_error", initial_error, None)
    d = e0.size
    if d == 0:
        raise ValueError("initial_error is empty; allowed: dimension >= 1")
    mats = {}
    for name, value in (("hessian", hessian), ("noise_covariance", noise_covariance)):
        M = _rational_matrix(name, value, d)
        if M.shape != (d, d):
            raise ValueError(f"{name} has shape {M.shape}; allowed: ({d}, {d}) like initial_error")
        if any(M[i, j] != M[j, i] for i in range(d) for j in range(i)):
            raise ValueError(f"{name} is not symmetric; allowed: a symmetric matrix")
        mats[name] = M
    if isinstance(step_sizes, str):
        raise ValueError(f"step_sizes={step_sizes!r} must be a sequence of rationals")
    eta = [_rational(f"step_sizes[{t}]", h) for t, h in enumerate(step_sizes)]
    if any(h <= 0 for h in eta):
        raise ValueError("step_sizes has an entry <= 0; allowed: every step size > 0")
    A, S = mats["hessian"], mats["noise_covariance"]
    identity = np.array([[Fraction(int(i == j)) for j in range(d)] for i in range(d)], dtype=object)
    M = np.outer(e0, e0)
    out = [sum(M.diagonal(), Fraction(0))]
    for h in eta:
        B = identity - h * A
        M = B @ M @ B + (h * h) * S
        out.append(sum(M.diagonal(), Fraction(0)))
    return out


# ---------------------------------------------------------------------------
# bounds
# ---------------------------------------------------------------------------
def sgd_squared_error_bound(initial_squared_error, *, mu, lipschitz, step, noise_trace, t):
    """Constant-step bound ρ^{2t}‖e_0‖² + ησ²/min(μ(2 − ημ), L(2 − ηL)) on E‖θ_t − θ*‖².

    Parameters
    ----------
    initial_squared_error : real
        ‖θ_0 − θ*‖² ≥ 0.
    mu, lipschitz : real
        0 < μ ≤ L with μI ≼ A ≼ LI.
    step : real
        η with 0 < η < 2/L.
    noise_trace : real
        σ² ≥ 0 with E‖ξ_t‖² ≤ σ².
    t : int
        Iteration t ≥ 0.

    Returns
    -------
    Fraction or float
        Exact (a Fraction) when every real argument is an int or Fraction, else a float.

    Raises
    ------
    ValueError
        If μ ≤ 0, L < μ, η ≤ 0 or η ≥ 2/L, a negative ‖e_0‖² or σ², or t < 0.

    Notes
    -----
    Per eigen-coordinate i (λ_i ∈ [μ, L], r_i = 1 − ηλ_i, s_i = (QᵀΣQ)_{ii} ≥ 0,
    Σ_i s_i = σ²): v_{t,i} = r_i^{2t}ẽ_{0,i}² + η²s_i Σ_{k<t} r_i^{2k}, with |r_i| ≤ ρ < 1 and
    η²Σ_k r_i^{2k} ≤ η²/(1 − r_i²) = η/(λ_i(2 − ηλ_i)).  λ(2 − ηλ) is concave in λ, so its
    minimum over [μ, L] is at an end.  For η ≤ 1/L: ρ = 1 − ημ and the minimum is μ(2 − ημ).
    The bound only uses E‖ξ_t‖² ≤ σ², not the shape of Σ.

    References
    ----------
    Bottou, Curtis & Nocedal, SIAM Review 60(2) (2018), Thm 4.6 (in function values).

    Examples
    --------
    >>> from fractions import Fraction
    >>> sgd_squared_error_bound(4, mu=1, lipschitz=1, step=Fraction(1, 2), noise_trace=1, t=2)
    Fraction(7, 12)
    """
    e2 = _number("initial_squared_error", initial_squared_error, min_value=0.0)
    mu = _number("mu", mu, min_value=0.0, strict_min=True)
    big_l = _number("lipschitz", lipschitz, min_value=float(mu))
    eta = _number("step", step, min_value=0.0, strict_min=True)
    if eta * big_l >= 2:
        raise ValueError(
            f"step={step!r} is out of range; allowed: step < 2/lipschitz = {2 / float(big_l):.6g}"
        )
    s2 = _number("noise_trace", noise_trace, min_value=0.0)
    t = check_integer("t", t, min_value=0)
    rho = max(abs(1 - eta * mu), abs(1 - eta * big_l))
    return rho ** (2 * t) * e2 + eta * s2 / min(mu * (2 - eta * mu), big_l * (2 - eta * big_l))


def decreasing_step_sizes(c, t0, n_steps) -> np.ndarray:
    """η_t = c/(t + t₀) for t = 0, …, n_steps − 1.

    Examples
    --------
    >>> decreasing_step_sizes(2.0, 4, 3).tolist()
    [0.5, 0.4, 0.3333333333333333]
    """
    c = check_real("c", c, min_value=0.0, strict_min=True)
    t0 = check_real("t0", t0, min_value=0.0, strict_min=True)
    n = check_integer("n_steps", n_steps, min_value=1)
    return c / (np.arange(n) + t0)


def decreasing_step_bound(initial_squared_error, *, mu, lipschitz, c, t0, noise_trace, t):
    """ν/(t + t₀), ν = max(t₀‖e_0‖², c²σ²/(cμ − 1)): bounds E‖θ_t − θ*‖² for η_t = c/(t + t₀).

    Parameters
    ----------
    initial_squared_error : real
        ‖θ_0 − θ*‖² ≥ 0.
    mu, lipschitz : real
        0 < μ ≤ L.
    c, t0 : real
        cμ > 1 and c/t₀ ≤ 1/L (so every η_t ≤ 1/L).
    noise_trace : real
        σ² ≥ 0.
    t : int or array of int
        Iteration(s) t ≥ 0.

    Returns
    -------
    float or ndarray

    Raises
    ------
    ValueError
        If cμ ≤ 1, c/t₀ > 1/L, or another argument is out of range.

    Notes
    -----
    With v_t = E‖e_t‖² and η_tμ ≤ 1: v_{t+1} ≤ (1 − η_tμ)² v_t + η_t²σ² ≤ (1 − η_tμ)v_t + η_t²σ².
    If v_t ≤ ν/k (k = t + t₀) then v_{t+1} ≤ (k − 1)ν/k² − ((cμ − 1)ν − c²σ²)/k² ≤ ν/(k + 1),
    and v_0 ≤ ν/t₀: induction.

    References
    ----------
    Bottou, Curtis & Nocedal, SIAM Review 60(2) (2018), Thm 4.7.

    Examples
    --------
    >>> float(decreasing_step_bound(1.0, mu=1.0, lipschitz=1.0, c=2.0, t0=2.0,
    ...                             noise_trace=1.0, t=2))
    1.0
    """
    e2 = check_real("initial_squared_error", initial_squared_error, min_value=0.0)
    mu = check_real("mu", mu, min_value=0.0, strict_min=True)
    big_l = check_real("lipschitz", lipschitz, min_value=mu)
    c = check_real("c", c, min_value=1.0 / mu, strict_min=True)
    t0 = check_real("t0", t0, min_value=c * big_l)
    s2 = check_real("noise_trace", noise_trace, min_value=0.0)
    ts = np.asarray(t)
    if ts.dtype.kind not in "iu" or np.any(ts < 0):
        raise ValueError(f"t={t!r}; allowed: integers >= 0")
    nu = max(t0 * e2, c * c * s2 / (c * mu - 1.0))
    return nu / (ts + t0)


# ---------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------
def simulate_sgd_squared_errors(
    hessian, noise_covariance, initial_error, *, step_sizes, n_runs, rng: np.random.Generator
) -> np.ndarray:
    """‖θ_t − θ*‖² along independent SGD runs with Gaussian gradient noise N(0, Σ).

    Parameters
    ----------
    hessian, noise_covariance, initial_error, step_sizes
        As in :func:`sgd_expected_squared_error` (Σ positive semi-definite).
    n_runs : int
        Number of independent runs r.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (r, T + 1)

    Notes
    -----
    The runs are iterated in the error e_t = θ_t − θ*, which is SGD itself:
    θ_{t+1} − θ* = θ_t − θ* − η_t(A(θ_t − θ*) + ξ_t).  ξ_t = Σ^{1/2}z_t, z_t ~ N(0, I).

    Examples
    --------
    >>> out = simulate_sgd_squared_errors([[1.0]], [[0.0]], [2.0], step_sizes=[0.5],
    ...                                   n_runs=2, rng=np.random.default_rng(0))
    >>> out.tolist()
    [[4.0, 1.0], [4.0, 1.0]]
    """
    A, S, e0 = _problem(hessian, noise_covariance, initial_error)
    eta = _steps(step_sizes)
    r = check_integer("n_runs", n_runs, min_value=1)
    w, V = np.linalg.eigh(S)
    if np.any(w < -8 * S.shape[0] * np.finfo(float).eps * max(1.0, float(np.abs(w).max()))):
        raise ValueError(
            "noise_covariance has a negative eigenvalue; allowed: positive semi-definite"
        )
    root = V * np.sqrt(np.clip(w, 0.0, None))
    e = np.broadcast_to(e0, (r, e0.size)).copy()
    out = np.empty((r, eta.size + 1))
    out[:, 0] = np.einsum("ri,ri->r", e, e)
    for t, h in enumerate(eta):
        e = e - h * (e @ A + rng.standard_normal(e.shape) @ root.T)
        out[:, t + 1] = np.einsum("ri,ri->r", e, e)
    return out
