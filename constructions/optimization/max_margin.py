"""Logistic-loss gradient descent on separable data and the hard-margin SVM direction.

Soudry, Hoffer, Nacson, Gunasekar, Srebro (2018, JMLR 19:70, Thm 3): for linearly separable
data {(x_i, y_i)}, y_i ∈ {±1}, the loss L(w) = Σ_i log(1 + exp(−y_i x_iᵀw)) (no bias term) and
gradient descent with a constant step η < 2β⁻¹σ_max⁻²(X) (β = 1/4, the smoothness of the
logistic loss, so η < 8/σ_max²(X)), the iterates grow like ŵ log t and

    ‖w_t/‖w_t‖ − ŵ/‖ŵ‖‖ = O(1/log t),    ŵ = argmin {‖w‖ : y_i x_iᵀw ≥ 1 ∀i},

the hard-margin SVM (through the origin).  Squared loss instead converges to the minimum-norm
least-squares solution X⁺y, a different direction in general.

The SVM is solved through its dual, max_α Σα_i − ½‖Σ α_i y_i x_i‖² over 0 ≤ α_i ≤ C (no bias,
so no equality constraint): a bound-constrained concave QP, for which
``scipy.optimize.minimize(method="L-BFGS-B")`` with the exact gradient is the right tool, then
polished by solving the KKT equations y_i x_iᵀw = 1 on the active set exactly (least squares).
scipy was chosen over scikit-learn's ``SVC(kernel="linear")``: SVC always fits an intercept
(the theorem has none) and its libsvm tolerance (1e-3) would set the accuracy of the direction;
the polished dual is accurate to round-off and keeps the package free of a new dependency.
Separability is decided exactly-enough by the feasibility LP y_i x_iᵀw ≥ 1
(``scipy.optimize.linprog``, HiGHS).

References
----------
Soudry et al., "The implicit bias of gradient descent on separable data", JMLR 19(70), 2018,
Thm 3 (and Thm 2 for the direction); Ji & Telgarsky, COLT 2019 (non-separable data: the
direction converges to that of a finite minimiser on the non-separable part).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog, minimize
from scipy.special import expit

from constructions.validation import check_design, check_finite_array, check_real

__all__ = [
    "LogisticGD",
    "direction_error",
    "is_linearly_separable",
    "logistic_flow",
    "logistic_gd",
    "max_margin_direction",
    "squared_loss_flow",
    "squared_loss_gd",
]


@dataclass(frozen=True)
class LogisticGD:
    """A gradient-descent run, recorded at checkpoints.

    Attributes
    ----------
    steps : ndarray of int, shape (k,)
        The checkpoints t (sorted, distinct).
    weights : ndarray, shape (k, d)
        w_t at each checkpoint.
    losses : ndarray, shape (k,)
        L(w_t).
    eta : float
        The step size.
    """

    steps: np.ndarray
    weights: np.ndarray
    losses: np.ndarray
    eta: float


def _labelled(X, y):
    X, y = check_design(X, y, rows="label")
    n, d = X.shape
    if not np.all(np.abs(y) == 1):
        raise ValueError(
            f"y has entries {sorted(set(y[np.abs(y) != 1].tolist()))[:3]}; allowed: labels ±1"
        )
    return X, y


def _checkpoints(checkpoints) -> np.ndarray:
    c = np.asarray(checkpoints)
    if c.ndim != 1 or c.size == 0 or c.dtype.kind not in "iu":
        raise ValueError(
            f"checkpoints={checkpoints!r}; allowed: a non-empty 1-D sequence of integers"
        )
    if np.any(c < 0) or np.any(np.diff(c) <= 0) or c[-1] > 10**7:
        raise ValueError(
            f"checkpoints={checkpoints!r}; allowed: strictly increasing integers in [0, 10**7]"
        )
    return c.astype(np.int64)


def _run(grad, loss, w, eta, steps):
    out = np.empty((steps.size, w.size))
    losses = np.empty(steps.size)
    t = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for k, target in enumerate(steps):
            for _ in range(int(target) - t):
                w = w - eta * grad(w)
            t = int(target)
            out[k] = w
            losses[k] = loss(w)
    return out, losses


def logistic_gd(X, y, *, eta: float, checkpoints) -> LogisticGD:
    """Gradient descent from 0 on L(w) = Σ_i log(1 + exp(−y_i x_iᵀw)).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels ±1.
    eta : float
        Step size, 0 < eta <= 1e6 (Soudry et al.'s theorem needs eta < 8/σ_max²(X)).
    checkpoints : sequence of int
        Strictly increasing steps in [0, 10**7] at which w_t is kept.

    Returns
    -------
    LogisticGD

    Raises
    ------
    ValueError
        On bad shapes, labels other than ±1, or arguments out of range.

    Notes
    -----
    ∇L(w) = −Zᵀ σ(−Zw) with Z = diag(y) X and σ the logistic function (``scipy.special.expit``).

    References
    ----------
    Soudry et al., JMLR 19(70), 2018, Thm 3.

    Examples
    --------
    >>> run = logistic_gd(np.array([[1.0, 0.2], [-1.0, 0.3]]), np.array([1.0, -1.0]), eta=1.0,
    ...                   checkpoints=[10, 1000])
    >>> bool(np.linalg.norm(run.weights[1]) > np.linalg.norm(run.weights[0]))
    True
    """
    X, y = _labelled(X, y)
    eta = check_real("eta", eta, min_value=0.0, max_value=1e6, strict_min=True)
    steps = _checkpoints(checkpoints)
    Z = X * y[:, None]
    W, losses = _run(
        lambda w: -(Z.T @ expit(-(Z @ w))),
        lambda w: float(np.sum(np.logaddexp(0.0, -(Z @ w)))),
        np.zeros(X.shape[1]),
        eta,
        steps,
    )
    return LogisticGD(steps=steps, weights=W, losses=losses, eta=eta)


def squared_loss_gd(X, y, *, eta: float, checkpoints) -> LogisticGD:
    """Gradient descent from 0 on L(w) = ½‖Xw − y‖² (labels ±1), recorded like :func:`logistic_gd`.

    Parameters
    ----------
    X, y, eta, checkpoints
        As in :func:`logistic_gd` (convergence needs eta < 2/σ_max²(X)).

    Returns
    -------
    LogisticGD

    Raises
    ------
    ValueError
        As :func:`logistic_gd`.

    Notes
    -----
    The limit is X⁺y (see :mod:`constructions.optimization.gradient_descent`), not the SVM.

    Examples
    --------
    >>> run = squared_loss_gd(np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([1.0, 1.0]), eta=0.2,
    ...                       checkpoints=[400])
    >>> np.round(run.weights[-1], 8).tolist()
    [0.5, 1.0]
    """
    X, y = _labelled(X, y)
    eta = check_real("eta", eta, min_value=0.0, max_value=1e6, strict_min=True)
    steps = _checkpoints(checkpoints)
    W, losses = _run(
        lambda w: X.T @ (X @ w - y),
        lambda w: 0.5 * float(np.sum((X @ w - y) ** 2)),
        np.zeros(X.shape[1]),
        eta,
        steps,
    )
    return LogisticGD(steps=steps, weights=W, losses=losses, eta=eta)


def is_linearly_separable(X, y) -> bool:
    """Whether some w has y_i x_iᵀw ≥ 1 for all i (separable through the origin), by an LP.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels ±1.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        On bad shapes or labels.

    Examples
    --------
    >>> is_linearly_separable(np.array([[1.0], [-1.0]]), np.array([1.0, 1.0]))
    False
    """
    X, y = _labelled(X, y)
    Z = X * y[:, None]
    res = linprog(
        np.zeros(X.shape[1]),
        A_ub=-Z,
        b_ub=-np.ones(X.shape[0]),
        bounds=[(None, None)] * X.shape[1],
        method="highs",
    )
    return bool(res.status == 0)


def max_margin_direction(X, y, *, C: float | None = None) -> np.ndarray:
    """The SVM through the origin: argmin ½‖w‖² (+ C Σξ_i) s.t. y_i x_iᵀw ≥ 1 (− ξ_i).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels ±1.
    C : float, optional
        None (default) for the hard margin (the data must be separable); else the soft-margin
        penalty, 0 < C <= 1e12.

    Returns
    -------
    ndarray, shape (d,)
        ŵ (not normalised: the hard-margin ŵ has min_i y_i x_iᵀŵ = 1).

    Raises
    ------
    ValueError
        On bad shapes or labels, C out of range, or C=None with non-separable data.

    Notes
    -----
    Dual: min_α ½‖Zᵀα‖² − 1ᵀα over 0 ≤ α ≤ C, Z = diag(y)X, ŵ = Zᵀα (L-BFGS-B, exact gradient
    ZZᵀα − 1).  Polish: with F the free (0 < α < C) and B the bounded (α = C) support vectors,
    the KKT equations Z_F ŵ = 1 with ŵ = Z_Fᵀα_F + C Z_Bᵀ1 are solved by least squares; the
    polished α is kept if it is feasible (α_F ≥ 0, ≤ C) and its dual objective is no worse.

    References
    ----------
    Soudry et al., JMLR 19(70), 2018, eq. (4); Boyd & Vandenberghe 2004, §8.6.1.

    Examples
    --------
    >>> np.round(max_margin_direction(np.array([[2.0, 1.0], [-1.0, 1.0]]), np.array([1.0, -1.0])), 8).tolist()
    [0.66666667, -0.33333333]
    """
    X, y = _labelled(X, y)
    if C is None:
        if not is_linearly_separable(X, y):
            raise ValueError(
                "X, y are not linearly separable through the origin; allowed with C=None: "
                "separable data (or pass a finite C > 0 for the soft margin)"
            )
        upper = None
    else:
        upper = check_real("C", C, min_value=0.0, max_value=1e12, strict_min=True)
    Z = X * y[:, None]
    G = Z @ Z.T
    n = X.shape[0]

    def f(a):
        g = G @ a
        return 0.5 * float(a @ g) - float(a.sum()), g - 1.0

    res = minimize(
        f,
        np.zeros(n),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, upper)] * n,
        options={"ftol": 1e-15, "gtol": 1e-13, "maxiter": 20000},
    )
    alpha = np.clip(res.x, 0.0, upper)
    scale = max(float(alpha.max()), 1e-300)
    tol = 1e-7 * scale
    cap = np.inf if upper is None else upper
    free = (alpha > tol) & (alpha < cap - tol)
    bound = alpha >= cap - tol
    if free.any():
        fixed = cap * Z[bound].sum(axis=0) if bound.any() else np.zeros(X.shape[1])
        A = Z[free] @ Z[free].T
        rhs = 1.0 - Z[free] @ fixed
        a_free = np.linalg.lstsq(A, rhs, rcond=None)[0]
        if np.all(a_free >= 0) and np.all(a_free <= cap):
            polished = np.where(bound, cap if np.isfinite(cap) else 0.0, 0.0)
            polished[free] = a_free
            if f(polished)[0] <= f(alpha)[0] + 1e-12 * abs(f(alpha)[0]) + 1e-300:
                alpha = polished
    return Z.T @ alpha


def direction_error(weights, direction) -> np.ndarray:
    """‖w/‖w‖ − u/‖u‖‖ for each row w of ``weights``: Soudry et al.'s measure of direction.

    Parameters
    ----------
    weights : array_like, shape (k, d) or (d,)
        Non-zero rows.
    direction : array_like, shape (d,)
        Non-zero.

    Returns
    -------
    ndarray, shape (k,) (or a 0-d array for a single vector)
        Values in [0, 2].

    Raises
    ------
    ValueError
        On shape mismatch or a zero vector.

    Examples
    --------
    >>> float(direction_error(np.array([3.0, 0.0]), np.array([0.0, 2.0]))) == float(np.sqrt(2.0))
    True
    """
    W = check_finite_array("weights", weights, ndim=(1, 2))
    u = check_finite_array("direction", direction, ndim=1)
    if W.shape[-1] != u.size:
        raise ValueError(
            f"weights has shape {W.shape}; allowed: last dimension {u.size} (the direction's)"
        )
    nu = np.linalg.norm(u)
    nw = np.linalg.norm(W, axis=-1)
    if nu == 0 or np.any(nw == 0):
        raise ValueError("weights and direction must be non-zero vectors; allowed: norms > 0")
    return np.linalg.norm(W / nw[..., None] - u / nu, axis=-1)


def logistic_flow(X, y, *, log_times, rtol: float = 1e-10) -> LogisticGD:
    """Gradient flow ẇ = −∇L(w) from w(0) = 0 on the logistic loss, integrated in s = log(1 + t).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels ±1.
    log_times : sequence of float
        Strictly increasing s = log(1 + t) in [0, 700] at which w is kept.
    rtol : float
        Relative tolerance of ``solve_ivp`` (LSODA), 1e-13 <= rtol < 1; atol = rtol/100.

    Returns
    -------
    LogisticGD
        ``steps`` holds the requested s (floats), ``eta`` is 0 (the η → 0 limit of GD).

    Raises
    ------
    ValueError
        On bad shapes, labels or arguments.

    Notes
    -----
    dw/ds = e^s Zᵀσ(−Zw), Z = diag(y)X.  On separable data w ≈ ŵ s + w̃ and the right-hand
    side stays O(1), so the integrator reaches t = e^{700} in a few hundred steps — the regime
    where Soudry et al.'s O(1/log t) becomes visible, out of reach of discrete steps.

    Examples
    --------
    >>> run = logistic_flow(np.array([[1.0, 0.5]]), np.array([1.0]), log_times=[10.0, 100.0])
    >>> np.round(run.weights[1] / np.linalg.norm(run.weights[1]), 6).tolist()
    [0.894427, 0.447214]
    """
    X, y = _labelled(X, y)
    s = check_finite_array("log_times", log_times, ndim=1)
    if s.size == 0 or np.any(s < 0) or np.any(np.diff(s) <= 0) or s[-1] > 700:
        raise ValueError(
            f"log_times={log_times!r}; allowed: strictly increasing values in [0, 700]"
        )
    rtol = check_real("rtol", rtol, min_value=1e-13, max_value=1.0, strict_max=True)
    from scipy.integrate import solve_ivp

    Z = X * y[:, None]

    def rhs(si, w):
        return np.exp(si) * (Z.T @ expit(-(Z @ w)))

    def jac(si, w):
        q = expit(-(Z @ w))
        return -np.exp(si) * (Z.T * (q * (1.0 - q))) @ Z

    sol = solve_ivp(
        rhs,
        (0.0, float(s[-1])),
        np.zeros(X.shape[1]),
        method="LSODA",
        jac=jac,
        t_eval=s,
        rtol=rtol,
        atol=rtol / 100,
    )
    if not sol.success:
        raise ValueError(
            f"the flow could not be integrated ({sol.message}); allowed: smaller log_times"
        )
    W = sol.y.T
    losses = np.sum(np.logaddexp(0.0, -(W @ Z.T)), axis=1)
    return LogisticGD(steps=s, weights=W, losses=losses, eta=0.0)


def squared_loss_flow(X, y, *, times) -> np.ndarray:
    """Gradient flow on ½‖Xw − y‖² from 0, in closed form: w(t) = V(I − e^{−tS²})S⁺Uᵀy (X = USVᵀ).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    times : sequence of float
        Times t >= 0.

    Returns
    -------
    ndarray, shape (len(times), d)

    Raises
    ------
    ValueError
        On bad shapes or negative / non-finite times.

    Examples
    --------
    >>> np.round(squared_loss_flow(np.array([[2.0, 0.0]]), np.array([1.0]), times=[1e3]), 12).tolist()
    [[0.5, 0.0]]
    """
    X = check_finite_array("X", X, ndim=2)
    y = check_finite_array("y", y, ndim=1)
    if y.shape != (X.shape[0],) or X.size == 0:
        raise ValueError(
            f"y has shape {y.shape}, X {X.shape}; allowed: X non-empty (n, d) and y of shape (n,)"
        )
    t = check_finite_array("times", times, ndim=1)
    if np.any(t < 0):
        raise ValueError(f"times={times!r}; allowed: t >= 0")
    U, S, Vt = np.linalg.svd(X, full_matrices=False)
    keep = S > max(X.shape) * np.finfo(float).eps * S[0]
    U, S, Vt = U[:, keep], S[keep], Vt[keep]
    coef = (U.T @ y) / S
    return (-np.expm1(-np.outer(t, S * S)) * coef) @ Vt
