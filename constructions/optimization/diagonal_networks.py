"""Diagonal linear networks: the initialisation scale α moves the implicit bias from l2 to l1.

Woodworth, Gunasekar, Lee, Moroshko, Savarese, Golan, Soudry, Srebro (2020, COLT, PMLR 125,
Thm 1): for the model f(x) = ⟨u∘u − v∘v, x⟩ trained by gradient flow on the squared loss from
u(0) = v(0) = α·1, if the flow converges to an interpolator (Xw = y) the limit is

    w_α = argmin_{Xw = y} Q_α(w),   Q_α(w) = α² Σ_i q(w_i/α²),   q(z) = 2 − √(4 + z²) + z·arcsinh(z/2).

As α → 0, Q_α(w)/(α²·…) behaves like ‖w‖₁ log(1/α²) and w_α tends to a minimum-l1
interpolator; as α → ∞, Q_α(w) ≈ ‖w‖²/(4α²) and w_α tends to the minimum-l2 one X⁺y.

Why: with r = Xᵀ(Xw − y), u̇ = −2u∘r and v̇ = 2v∘r, so u∘v = α² is conserved and
w(t) = 2α² sinh(Xᵀm(t)) with m(t) = −4∫₀ᵗ (Xw − y) ds ∈ Rⁿ; the limit is an interpolator of that
form, which is exactly the KKT condition Q_α'(w) = arcsinh(w/(2α²)) ∈ row(X) of the potential.
:func:`q_alpha_interpolator` solves the convex dual min_μ 2α² Σ cosh(Xᵀμ)_i − yᵀμ by a damped
Newton method; :func:`diagonal_network_flow` integrates the flow itself in (u, v) with scipy.

References
----------
Woodworth et al., "Kernel and rich regimes in overparametrized models", COLT 2020, Thm 1 (and
§4 for the two limits); Gunasekar et al., "Implicit regularization in matrix factorization",
NeurIPS 2017.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import linprog

from constructions.validation import check_design, check_finite_array, check_real

__all__ = [
    "DiagonalFlow",
    "diagonal_network_flow",
    "min_l1_interpolator",
    "min_l2_interpolator",
    "q_alpha_interpolator",
    "q_alpha_potential",
]


@dataclass(frozen=True)
class DiagonalFlow:
    """The end point of gradient flow on w = u∘u − v∘v.

    Attributes
    ----------
    u, v : ndarray, shape (p,)
        The factors at the final time.
    t_final : float
        Time at which the integration stopped.
    residual : float
        ‖Xw − y‖ at t_final.
    converged : bool
        Whether the residual reached ``residual_tol``·max(‖y‖, 1) before ``t_max``.
    n_evaluations : int
        Right-hand-side evaluations of the integrator.
    """

    u: np.ndarray
    v: np.ndarray
    t_final: float
    residual: float
    converged: bool
    n_evaluations: int

    @property
    def w(self) -> np.ndarray:
        """The end-to-end weights u∘u − v∘v."""
        return self.u * self.u - self.v * self.v


def _underdetermined(X, y):
    X, y = check_design(X, y)
    n, p = X.shape
    return X, y


def _full_row_rank(X):
    s = np.linalg.svd(X, compute_uv=False)
    n, p = X.shape
    if n > p or s[-1] <= max(n, p) * np.finfo(float).eps * s[0]:
        raise ValueError(
            f"X has shape {X.shape} and rank < {n}; allowed: full row rank (n <= p), so that "
            "interpolators exist for every y"
        )


def q_alpha_potential(w, *, alpha: float) -> float:
    """Q_α(w) = α² Σ_i q(w_i/α²), q(z) = 2 − √(4 + z²) + z arcsinh(z/2) (Woodworth et al. 2020, Thm 1).

    Parameters
    ----------
    w : array_like, shape (p,)
    alpha : float
        Initialisation scale, 1e-150 <= alpha <= 1e150.

    Returns
    -------
    float
        Q_α(w) >= 0, with equality only at w = 0.

    Raises
    ------
    ValueError
        If w is not a finite vector or alpha is out of range.

    Notes
    -----
    2 − √(4 + z²) is evaluated as −z²/(2 + √(4 + z²)) (no cancellation near 0).  q is even,
    convex, q(z) = z²/4 + O(z⁴) near 0 and |z| log|z| − |z| + O(log|z|/|z|) for large |z|.

    Examples
    --------
    >>> round(q_alpha_potential(np.array([1e-3, 0.0]), alpha=1.0) / 0.25e-6, 6)
    1.0
    """
    w = check_finite_array("w", w, ndim=1)
    alpha = check_real("alpha", alpha, min_value=1e-150, max_value=1e150)
    a2 = alpha * alpha
    z = w / a2
    root = np.sqrt(4.0 + z * z)
    return float(a2 * np.sum(z * np.arcsinh(z / 2.0) - z * z / (2.0 + root)))


#: largest change of any z_i = (Xᵀμ)_i in one Newton trial step (cosh grows at most e^16-fold):
#: at α = 1e-100 the interpolator needs |z_i| up to asinh(|w_i|/(2α²)) ≈ 460 + log|w_i|; 300
#: random 2×4 problems with log10 α uniform on [-100, 100] took at most 99 steps (mean 19),
#: inside the default max_iter = 500
_Z_STEP = 16.0


def q_alpha_interpolator(
    X, y, *, alpha: float, tol: float = 1e-11, max_iter: int = 500
) -> np.ndarray:
    """argmin Q_α(w) subject to Xw = y, by Newton's method on the convex dual.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Full row rank (n <= p).
    y : array_like, shape (n,)
    alpha : float
        Initialisation scale, 1e-100 <= alpha <= 1e100.
    tol : float
        Stop when ‖Xw − y‖ <= tol·max(‖y‖, 1); 0 < tol < 1.
    max_iter : int
        Newton iterations allowed (>= 1).

    Returns
    -------
    ndarray, shape (p,)
        w_α = 2α² sinh(Xᵀμ*), μ* = argmin_μ F(μ), F(μ) = 2α² Σ_i cosh((Xᵀμ)_i) − yᵀμ.

    Raises
    ------
    ValueError
        On bad input, X not of full row rank, or no convergence within ``max_iter``.

    Notes
    -----
    ∇F = X w(μ) − y and ∇²F = X diag(2α² cosh(Xᵀμ)) Xᵀ ≻ 0, so F is strictly convex; its
    minimiser gives the interpolator satisfying the KKT conditions arcsinh(w/(2α²)) = Xᵀμ of
    the strictly convex Q_α.  Damped Newton from μ = 0, each trial step capped to move no
    (Xᵀμ)_i by more than 16 (for small α the full first step ≈ 1/(2α²) overflows cosh); a
    step is accepted when it decreases F (Armijo) or the residual ‖∇F‖ (the Newton direction
    d solves ∇²F d = ∇F, so d/ds ½‖∇F(μ − s d)‖² = −‖∇F‖² at s = 0).  Near μ* with small α
    the decrease of F, ≈ ½‖∇F‖²_{(∇²F)⁻¹}, falls below F's round-off |yᵀμ|·eps long before
    ‖∇F‖ reaches ``tol``; the residual test still sees it.

    References
    ----------
    Woodworth et al., COLT 2020, Thm 1.

    Examples
    --------
    >>> X = np.array([[1.0, 1.0]]); w = q_alpha_interpolator(X, np.array([1.0]), alpha=1.0)
    >>> np.round(w, 12).tolist()
    [0.5, 0.5]
    """
    X, y = _underdetermined(X, y)
    alpha = check_real("alpha", alpha, min_value=1e-100, max_value=1e100)
    tol = check_real("tol", tol, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True)
    if isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1:
        raise ValueError(f"max_iter={max_iter!r}; allowed: an integer >= 1")
    _full_row_rank(X)
    a2 = 2.0 * alpha * alpha
    target = tol * max(float(np.linalg.norm(y)), 1.0)

    def objective(mu):
        z = X.T @ mu
        with np.errstate(over="ignore"):
            return 2.0 * a2 * float(np.sum(np.sinh(z / 2.0) ** 2)) - float(
                y @ mu
            )  # F − 2α²p, no cancellation

    def residual(mu):
        with np.errstate(over="ignore", invalid="ignore"):
            r = X @ (a2 * np.sinh(X.T @ mu)) - y
            return float(np.linalg.norm(r)) if np.all(np.isfinite(r)) else np.inf

    mu = np.zeros(X.shape[0])
    for _ in range(max_iter):
        z = X.T @ mu
        w = a2 * np.sinh(z)
        g = X @ w - y
        if np.linalg.norm(g) <= target:
            return w
        H = (X * (a2 * np.cosh(z))) @ X.T
        step = np.linalg.lstsq(H, g, rcond=None)[0]  # H may be singular to working precision
        s = _Z_STEP / max(float(np.max(np.abs(X.T @ step))), _Z_STEP)  # <= 1; see _Z_STEP
        with np.errstate(over="ignore"):  # gᵀH⁻¹g ≈ ‖y‖²/(2α²) may overflow: the residual decides
            slope = float(g @ step)
        f0, s_floor = objective(mu), 1e-12 * s
        g_norm = float(np.linalg.norm(g))
        while s > s_floor and not (
            objective(mu - s * step) <= f0 - 1e-4 * s * slope
            or residual(mu - s * step) <= (1.0 - 1e-4 * s) * g_norm
        ):
            s *= 0.5
        if s <= s_floor:  # round-off floor: no descent direction left
            break
        mu = mu - s * step
    w = a2 * np.sinh(X.T @ mu)
    if np.linalg.norm(X @ w - y) <= max(target, 1e-8 * max(float(np.linalg.norm(y)), 1.0)):
        return w
    raise ValueError(
        f"q_alpha_interpolator did not reach ‖Xw − y‖ <= {target:.3g} in max_iter={max_iter} "
        f"Newton steps (alpha={alpha!r}); allowed: a larger max_iter or tol"
    )


def diagonal_network_flow(
    X, y, *, alpha: float, t_max: float = 1e6, residual_tol: float = 1e-10, rtol: float = 1e-10
) -> DiagonalFlow:
    """Integrate gradient flow on L(u, v) = ½‖X(u∘u − v∘v) − y‖² from u = v = α·1.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    alpha : float
        Initialisation scale, 1e-3 <= alpha <= 1e3 (smaller α makes the escape time
        ~log(1/α) and the system stiffer).
    t_max : float
        Largest time integrated, 0 < t_max <= 1e12.
    residual_tol : float
        Stop when ‖Xw − y‖ <= residual_tol·max(‖y‖, 1); 0 < residual_tol < 1.
    rtol : float
        Relative tolerance of the integrator (``solve_ivp``, LSODA), 1e-13 <= rtol < 1.

    Returns
    -------
    DiagonalFlow

    Raises
    ------
    ValueError
        On bad shapes or arguments out of range.

    Notes
    -----
    u̇ = −2u∘r, v̇ = 2v∘r with r = Xᵀ(X(u∘u − v∘v) − y): the flow of the paper, in its own
    coordinates (the conservation u∘v = α² is not imposed, only observed).  The absolute
    tolerance is rtol·α·1e-3 per coordinate.  The integrator resolves ‖Xw − y‖ only down to
    about rtol·α²·‖X‖, so for large α (≳ 10 with the defaults) ask for rtol ≲ residual_tol/α²:
    else the stopping time ``t_final`` can overshoot the exact flow's by a small factor (w itself
    stays right to about 4·rtol·α²).

    References
    ----------
    Woodworth et al., COLT 2020, §3, eq. (3) and Thm 1.

    Examples
    --------
    >>> flow = diagonal_network_flow(np.array([[1.0, 1.0]]), np.array([1.0]), alpha=1.0)
    >>> flow.converged, np.round(flow.w, 6).tolist()
    (True, [0.5, 0.5])
    """
    X, y = _underdetermined(X, y)
    alpha = check_real("alpha", alpha, min_value=1e-3, max_value=1e3)
    t_max = check_real("t_max", t_max, min_value=0.0, max_value=1e12, strict_min=True)
    residual_tol = check_real(
        "residual_tol", residual_tol, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True
    )
    rtol = check_real("rtol", rtol, min_value=1e-13, max_value=1.0, strict_max=True)
    p = X.shape[1]
    target = residual_tol * max(float(np.linalg.norm(y)), 1.0)
    G, b = X.T @ X, X.T @ y

    def rhs(_t, z):
        u, v = z[:p], z[p:]
        r = G @ (u * u - v * v) - b
        return np.concatenate([-2.0 * u * r, 2.0 * v * r])

    def jac(_t, z):
        u, v = z[:p], z[p:]
        r = G @ (u * u - v * v) - b
        J = np.empty((2 * p, 2 * p))
        J[:p, :p] = -2.0 * np.diag(r) - 4.0 * u[:, None] * G * u[None, :]
        J[:p, p:] = 4.0 * u[:, None] * G * v[None, :]
        J[p:, :p] = 4.0 * v[:, None] * G * u[None, :]
        J[p:, p:] = 2.0 * np.diag(r) - 4.0 * v[:, None] * G * v[None, :]
        return J

    def done(_t, z):
        u, v = z[:p], z[p:]
        return float(np.linalg.norm(X @ (u * u - v * v) - y)) - target

    done.terminal = True
    z0 = np.full(2 * p, alpha)
    sol = solve_ivp(
        rhs,
        (0.0, t_max),
        z0,
        method="LSODA",
        jac=jac,
        rtol=rtol,
        atol=rtol * alpha * 1e-3,
        events=done,
    )
    z = sol.y[:, -1]
    u, v = z[:p], z[p:]
    res = float(np.linalg.norm(X @ (u * u - v * v) - y))
    return DiagonalFlow(
        u=u.copy(),
        v=v.copy(),
        t_final=float(sol.t[-1]),
        residual=res,
        converged=bool(sol.status == 1 or res <= target),
        n_evaluations=int(sol.nfev),
    )


def min_l1_interpolator(X, y) -> np.ndarray:
    """argmin ‖w‖₁ subject to Xw = y, by the linear program of ``scipy.optimize.linprog`` (HiGHS).

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (p,)
        A minimiser (a vertex of the LP: at most n non-zeros).

    Raises
    ------
    ValueError
        On bad input, or if Xw = y has no solution.

    Notes
    -----
    w = a − b with a, b ≥ 0, minimise 1ᵀa + 1ᵀb subject to X(a − b) = y.

    Examples
    --------
    >>> np.round(min_l1_interpolator(np.array([[1.0, 2.0]]), np.array([2.0])), 12).tolist()
    [0.0, 1.0]
    """
    X, y = _underdetermined(X, y)
    p = X.shape[1]
    res = linprog(
        np.ones(2 * p),
        A_eq=np.hstack([X, -X]),
        b_eq=y,
        bounds=[(0, None)] * (2 * p),
        method="highs",
    )
    if res.status != 0:
        raise ValueError(
            f"Xw = y has no solution (linprog: {res.message}); allowed: y in the range of X"
        )
    return res.x[:p] - res.x[p:]


def min_l2_interpolator(X, y) -> np.ndarray:
    """X⁺y: the minimum-l2-norm least-squares solution (``numpy.linalg.pinv``).

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)

    Returns
    -------
    ndarray, shape (p,)

    Raises
    ------
    ValueError
        On bad shapes or non-finite entries.

    Examples
    --------
    >>> np.round(min_l2_interpolator(np.array([[1.0, 1.0]]), np.array([1.0])), 12).tolist()
    [0.5, 0.5]
    """
    X, y = _underdetermined(X, y)
    return np.linalg.pinv(X) @ y
