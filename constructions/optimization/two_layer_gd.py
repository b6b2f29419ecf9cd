"""Gradient descent on the hidden layer of a wide two-layer ReLU network (Du et al. 2019).

Du, Zhai, Póczos, Singh (2019, ICLR, "Gradient descent provably optimizes over-parameterized
neural networks", Thm 4.1): f(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx), ‖x_i‖ = 1, |y_i| ≤ C, no two
x_i parallel, w_r(0) ~ N(0, I), a_r uniform on {±1} and fixed; gradient descent on the hidden
weights for L(W) = ½‖u − y‖², u_i = f(x_i).  If m = Ω(n⁶/(λ₀⁴δ³)) and η = O(λ₀/n²), then with
probability ≥ 1 − δ, for every k,

    ‖u(k) − y‖² ≤ (1 − ηλ₀/2)^k ‖u(0) − y‖²,    λ₀ = λ_min(H∞),

and every ‖w_r(k) − w_r(0)‖ ≤ R' = 4√n ‖y − u(0)‖ / (√m λ₀) (proof of Thm 4.1, Cond. 4.1 / Lemma 4.1).
The mechanism: u(k+1) − y ≈ (I − ηH(k))(u(k) − y), with the Gram matrix H(k) (the hidden-layer
tangent kernel, :func:`constructions.optimization.ntk.empirical_ntk`) staying near H(0) ≈ H∞.

References
----------
Du et al., ICLR 2019, Thm 4.1 (rate), Thm 3.1 (λ₀ > 0), Lemma 3.2 (H(0) ≈ H∞).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.optimization.ntk import empirical_ntk
from constructions.validation import check_design, check_finite_array, check_integer, check_real

__all__ = ["TwoLayerGD", "two_layer_gd"]


@dataclass(frozen=True)
class TwoLayerGD:
    """A gradient-descent run on the hidden layer.

    Attributes
    ----------
    losses : ndarray, shape (n_steps + 1,)
        ‖u(k) − y‖² (no ½: the quantity of Du et al.'s Thm 4.1).
    max_distance : ndarray, shape (n_steps + 1,)
        max_r ‖w_r(k) − w_r(0)‖.
    gram0 : ndarray, shape (n, n)
        H(0), the hidden-layer Gram matrix at initialisation.
    initial_residual : float
        ‖y − u(0)‖.
    weights : ndarray, shape (m, d)
        W(n_steps).
    """

    losses: np.ndarray
    max_distance: np.ndarray
    gram0: np.ndarray
    initial_residual: float
    weights: np.ndarray


def two_layer_gd(X, y, W0, a, *, eta: float, n_steps: int) -> TwoLayerGD:
    """Gradient descent on W for ½‖u − y‖², u_i = m^{-1/2} Σ_r a_r relu(w_rᵀx_i).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs (Du et al. take ‖x_i‖ = 1; not enforced here).
    y : array_like, shape (n,)
    W0 : array_like, shape (m, d)
        Initial hidden weights.
    a : array_like, shape (m,)
        Output weights (fixed).
    eta : float
        Step size, 0 < eta <= 1e6.
    n_steps : int
        0 <= n_steps <= 10**6.

    Returns
    -------
    TwoLayerGD

    Raises
    ------
    ValueError
        On shape mismatch, non-finite entries or arguments out of range.

    Notes
    -----
    ∂L/∂w_r = m^{-1/2} a_r Σ_i (u_i − y_i) 1{w_rᵀx_i ≥ 0} x_i, all r at once:
    ∇_W L = m^{-1/2} diag(a) (S ∘ (u − y))ᵀ X with S_ir = 1{w_rᵀx_i ≥ 0}.

    References
    ----------
    Du et al., ICLR 2019, eq. (3)–(5) and Thm 4.1.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); W0 = rng.standard_normal((200, 2))
    >>> a = rng.choice([-1.0, 1.0], size=200)
    >>> run = two_layer_gd(X, np.array([1.0, -1.0]), W0, a, eta=1.0, n_steps=200)
    >>> bool(run.losses[-1] < 1e-6 * run.losses[0])
    True
    """
    X, y = check_design(X, y)
    n, d = X.shape
    W = check_finite_array("W0", W0, ndim=2)
    if W.shape[1] != d or W.shape[0] == 0:
        raise ValueError(f"W0 has shape {W.shape}; allowed: (m, {d}) with m >= 1")
    a = check_finite_array("a", a, ndim=1)
    if a.shape != (W.shape[0],):
        raise ValueError(
            f"a has shape {a.shape}; allowed: ({W.shape[0]},), one output weight per unit"
        )
    eta = check_real("eta", eta, min_value=0.0, max_value=1e6, strict_min=True)
    n_steps = check_integer("n_steps", n_steps, min_value=0, max_value=10**6)
    m = W.shape[0]
    scale = 1.0 / np.sqrt(m)
    W0c = W.copy()
    losses = np.empty(n_steps + 1)
    dist = np.empty(n_steps + 1)
    u0 = None
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is a legitimate output
        for k in range(n_steps + 1):
            Z = X @ W.T
            r = scale * (np.maximum(Z, 0.0) @ a) - y
            if u0 is None:
                u0 = float(np.linalg.norm(r))
            losses[k] = float(r @ r)
            dist[k] = float(np.sqrt(np.max(np.sum((W - W0c) ** 2, axis=1))))
            if k < n_steps:
                S = (Z >= 0).astype(float)
                W = W - eta * scale * a[:, None] * ((S * r[:, None]).T @ X)
    return TwoLayerGD(
        losses=losses,
        max_distance=dist,
        gram0=empirical_ntk(X, W0c, a),
        initial_residual=u0,
        weights=W,
    )
