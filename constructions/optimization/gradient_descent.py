"""Gradient descent on least squares: iterates, limit and rate (implicit bias towards min norm).

For L(w) = ½‖Xw − y‖² with X ∈ R^{n×p}, gradient descent w_{t+1} = w_t − η Xᵀ(Xw_t − y) satisfies

    w_{t+1} − w_∞ = (I − η XᵀX)(w_t − w_∞),     w_∞ = X⁺y + (I − X⁺X) w₀,

when 0 < η < 2/λ_max(XᵀX) and y is in the range of X (interpolation possible) or, in general,
with w_∞ the least-squares solution nearest w₀.  Every update η Xᵀ(·) lies in the row space of
X, so the null-space part (I − X⁺X) w₀ never moves: from w₀ = 0 the limit is the minimum-norm
interpolator X⁺y, the ridgeless estimator of the lecture.  On the row space the error
contracts by ρ = max_{λ ∈ spec(XᵀX) \\ {0}} |1 − ηλ| per step; for η ≤ 1/λ_max this is
1 − η λ_min⁺.

References
----------
Gunasekar, Lee, Soudry, Srebro, "Characterizing implicit bias in terms of optimization
geometry", ICML 2018, §2 (least squares); Hastie, Montanari, Rosset, Tibshirani 2022,
Ann. Statist. 50(2), Prop. 1 (gradient flow from 0 converges to the min-norm interpolator).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.validation import check_design, check_finite_array, check_integer, check_real

__all__ = ["LeastSquaresGD", "gd_contraction_factor", "least_squares_gd", "least_squares_gd_limit"]


@dataclass(frozen=True)
class LeastSquaresGD:
    """A gradient-descent run on ½‖Xw − y‖².

    Attributes
    ----------
    iterates : ndarray, shape (n_steps + 1, p)
        w_0, …, w_T.
    losses : ndarray, shape (n_steps + 1,)
        ½‖Xw_t − y‖².
    eta : float
        The step size.
    """

    iterates: np.ndarray
    losses: np.ndarray
    eta: float

    @property
    def final(self) -> np.ndarray:
        """The last iterate w_T."""
        return self.iterates[-1]

    @property
    def n_steps(self) -> int:
        return self.iterates.shape[0] - 1


def _problem(X, y, w0):
    X, y = check_design(X, y)
    n, p = X.shape
    if w0 is None:
        w0 = np.zeros(p)
    else:
        w0 = check_finite_array("w0", w0, ndim=1)
        if w0.shape != (p,):
            raise ValueError(
                f"w0 has shape {w0.shape}; allowed: ({p},), one weight per column of X"
            )
    return X, y, w0


def least_squares_gd(X, y, *, eta: float, n_steps: int, w0=None) -> LeastSquaresGD:
    """Run gradient descent on L(w) = ½‖Xw − y‖² and keep every iterate.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design, finite.
    y : array_like, shape (n,)
        Targets, finite.
    eta : float
        Step size, 0 < eta <= 1e6 (convergence needs eta < 2/λ_max(XᵀX); larger steps are
        allowed so that divergence can be shown).
    n_steps : int
        Number of steps, 0 <= n_steps <= 10**6.
    w0 : array_like, shape (p,), optional
        Initialisation (default 0).

    Returns
    -------
    LeastSquaresGD

    Raises
    ------
    ValueError
        If an argument is out of range or the shapes disagree (the message names it).

    Notes
    -----
    w_{t+1} = w_t − η Xᵀ(X w_t − y).  Every increment lies in the row space of X.

    References
    ----------
    Gunasekar et al., ICML 2018, §2.

    Examples
    --------
    >>> run = least_squares_gd(np.array([[1.0, 1.0]]), np.array([2.0]), eta=0.25, n_steps=60)
    >>> np.round(run.final, 6).tolist()
    [1.0, 1.0]
    """
    X, y, w = _problem(X, y, w0)
    eta = check_real("eta", eta, min_value=0.0, max_value=1e6, strict_min=True)
    n_steps = check_integer("n_steps", n_steps, min_value=0, max_value=10**6)
    out = np.empty((n_steps + 1, X.shape[1]))
    losses = np.empty(n_steps + 1)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is a legitimate output
        for t in range(n_steps + 1):
            out[t] = w
            r = X @ w - y
            losses[t] = 0.5 * float(r @ r)
            w = w - eta * (X.T @ r)
    return LeastSquaresGD(iterates=out, losses=losses, eta=eta)


def least_squares_gd_limit(X, y, *, w0=None) -> np.ndarray:
    """The limit of gradient descent from ``w0``: X⁺y + (I − X⁺X) w₀.

    Parameters
    ----------
    X : array_like, shape (n, p)
    y : array_like, shape (n,)
    w0 : array_like, shape (p,), optional
        Initialisation (default 0, giving the minimum-norm least-squares solution X⁺y).

    Returns
    -------
    ndarray, shape (p,)

    Raises
    ------
    ValueError
        On bad shapes or non-finite entries.

    Notes
    -----
    Valid for every 0 < η < 2/λ_max(XᵀX): the row-space error contracts, the null-space part
    of w₀ is invariant.  Computed with ``numpy.linalg.pinv`` (SVD, default rcond).

    Examples
    --------
    >>> np.round(least_squares_gd_limit(np.array([[1.0, 1.0]]), np.array([2.0]), w0=np.array([1.0, -1.0])), 12) + 0.0
    array([2., 0.])
    """
    X, y, w0 = _problem(X, y, w0)
    Xp = np.linalg.pinv(X)
    return Xp @ y + (w0 - Xp @ (X @ w0))


def gd_contraction_factor(X, *, eta: float) -> float:
    """ρ = max |1 − ηλ| over the non-zero eigenvalues λ of XᵀX: the per-step contraction on the row space.

    Parameters
    ----------
    X : array_like, shape (n, p)
    eta : float
        Step size, eta > 0.

    Returns
    -------
    float
        ρ; for η ≤ 1/λ_max this is 1 − η λ_min⁺ (the rate (1 − ηλ_min⁺)^t of the issue).

    Raises
    ------
    ValueError
        If X is not a finite non-empty matrix, is zero, or eta <= 0.

    Notes
    -----
    Singular values below max(n, p)·eps·s_max (numpy's pinv cut-off) count as zero.

    Examples
    --------
    >>> gd_contraction_factor(np.array([[1.0, 0.0], [0.0, 2.0]]), eta=0.125)
    0.875
    """
    X = check_finite_array("X", X, ndim=2)
    if X.size == 0:
        raise ValueError(f"X has shape {X.shape}; allowed: n >= 1 and p >= 1")
    eta = check_real("eta", eta, min_value=0.0, strict_min=True)
    s = np.linalg.svd(X, compute_uv=False)
    if s[0] == 0:
        raise ValueError("X is zero; allowed: a matrix with rank >= 1")
    lam = s[s > max(X.shape) * np.finfo(float).eps * s[0]] ** 2
    return float(np.max(np.abs(1.0 - eta * lam)))
