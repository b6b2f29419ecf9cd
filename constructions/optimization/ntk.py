"""The neural tangent kernel of a two-layer ReLU network: empirical (width m) and analytic.

For f(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx), w_r ~ N(0, I_d), a_r uniform on {±1}, the tangent
kernel splits into the hidden-layer part and the output-layer part:

    H_ij(W) = (1/m) Σ_r a_r² x_iᵀx_j 1{w_rᵀx_i ≥ 0} 1{w_rᵀx_j ≥ 0}          (∂f/∂W),
    K_ij(W) = (1/m) Σ_r relu(w_rᵀx_i) relu(w_rᵀx_j)                          (∂f/∂a).

As m → ∞ they converge (law of large numbers; each term of H is bounded, so Hoeffding gives
|H_ij − H∞_ij| = O(|x_iᵀx_j|/√m) with exponential tails) to the arc-cosine kernels of Cho &
Saul (2009) of degree 0 and 1:

    H∞_ij = x_iᵀx_j (π − θ_ij)/(2π),   K∞_ij = ‖x_i‖‖x_j‖ (sin θ_ij + (π − θ_ij) cos θ_ij)/(2π),

θ_ij the angle between x_i and x_j.  Du, Zhai, Póczos, Singh (2019, ICLR, Thm 3.1): if no two
x_i are parallel, λ₀ = λ_min(H∞) > 0.  With a linear activation the hidden-layer kernel is
XXᵀ, of rank ≤ d.

References
----------
Jacot, Gabriel, Hongler, NeurIPS 2018; Arora, Du, Hu, Li, Salakhutdinov, Wang, NeurIPS 2019
(eqs. for the two-layer NTK); Cho & Saul, NeurIPS 2009 (arc-cosine kernels, n = 0, 1);
Du et al., ICLR 2019, eq. (6) and Thm 3.1.
"""

from __future__ import annotations

import numpy as np

from constructions.validation import check_finite_array, check_integer, check_one_of

__all__ = ["analytic_ntk", "empirical_ntk", "relu_network_init"]

_LAYERS = ("hidden", "both")
_ACTIVATIONS = ("relu", "linear")


def relu_network_init(
    d: int, *, width: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Du et al.'s initialisation: W with i.i.d. N(0, 1) entries, a uniform on {±1}.

    Parameters
    ----------
    d : int
        Input dimension, 1 <= d <= 10**4.
    width : int
        Number of hidden units m, 1 <= width <= 10**7.
    rng : numpy.random.Generator

    Returns
    -------
    (W, a) : ndarray of shape (width, d), ndarray of shape (width,)

    Raises
    ------
    ValueError
        If d or width is out of range or rng is not a Generator.

    Examples
    --------
    >>> W, a = relu_network_init(3, width=5, rng=np.random.default_rng(0))
    >>> W.shape, sorted(set(a.tolist())) <= [-1.0, 1.0]
    ((5, 3), True)
    """
    d = check_integer("d", d, min_value=1, max_value=10**4)
    width = check_integer("width", width, min_value=1, max_value=10**7)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r}; allowed: a numpy.random.Generator")
    return rng.standard_normal((width, d)), rng.choice(np.array([-1.0, 1.0]), size=width)


def _inputs(X):
    X = check_finite_array("X", X, ndim=2)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X has shape {X.shape}; allowed: n >= 1 and d >= 1")
    return X


def empirical_ntk(X, W, a, *, layers: str = "hidden", activation: str = "relu") -> np.ndarray:
    """The tangent kernel of f(x) = m^{-1/2} Σ_r a_r σ(w_rᵀx) at the parameters (W, a).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs (rows).
    W : array_like, shape (m, d)
        Hidden-layer weights.
    a : array_like, shape (m,)
        Output weights.
    layers : {"hidden", "both"}
        "hidden": the gradient with respect to W only (Du et al.'s H); "both": H + K.
    activation : {"relu", "linear"}
        σ = relu (σ' = 1{z ≥ 0}) or the identity (σ' = 1).

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric positive semi-definite.

    Raises
    ------
    ValueError
        On shape mismatch, non-finite entries or an unknown option.

    Notes
    -----
    H = (XXᵀ) ∘ (S diag(a²) Sᵀ)/m with S_ir = σ'(w_rᵀx_i); K = Σ Σᵀ/m with Σ_ir = σ(w_rᵀx_i).

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> empirical_ntk(X, np.array([[1.0, 1.0], [-1.0, 1.0]]), np.array([1.0, -1.0])).tolist()
    [[0.5, 0.0], [0.0, 1.0]]
    """
    X = _inputs(X)
    W = check_finite_array("W", W, ndim=2)
    a = check_finite_array("a", a, ndim=1)
    check_one_of("layers", layers, _LAYERS)
    check_one_of("activation", activation, _ACTIVATIONS)
    if W.shape[1] != X.shape[1] or W.shape[0] == 0:
        raise ValueError(f"W has shape {W.shape}; allowed: (m, {X.shape[1]}) with m >= 1")
    if a.shape != (W.shape[0],):
        raise ValueError(
            f"a has shape {a.shape}; allowed: ({W.shape[0]},), one output weight per unit"
        )
    m = W.shape[0]
    Z = X @ W.T
    S = (Z >= 0).astype(float) if activation == "relu" else np.ones_like(Z)
    H = (X @ X.T) * ((S * (a * a)) @ S.T) / m
    if layers == "both":
        F = np.maximum(Z, 0.0) if activation == "relu" else Z
        H = H + F @ F.T / m
    return H


def analytic_ntk(X, *, layers: str = "hidden") -> np.ndarray:
    """The infinite-width tangent kernel of the two-layer ReLU network (arc-cosine kernels).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Non-zero inputs.
    layers : {"hidden", "both"}
        "hidden": H∞ (Du et al. 2019, eq. (6)); "both": H∞ + K∞ (Arora et al. 2019).

    Returns
    -------
    ndarray, shape (n, n)

    Raises
    ------
    ValueError
        On a zero input, non-finite entries or an unknown option.

    Notes
    -----
    H∞_ij = x_iᵀx_j (π − θ_ij)/(2π) and K∞_ij = ‖x_i‖‖x_j‖(sin θ_ij + (π − θ_ij) cos θ_ij)/(2π)
    with cos θ_ij = x_iᵀx_j/(‖x_i‖‖x_j‖), clipped to [−1, 1] against round-off.

    References
    ----------
    Cho & Saul 2009, eq. (6) with n = 0, 1; Du et al., ICLR 2019, eq. (6); Arora et al. 2019.

    Examples
    --------
    >>> analytic_ntk(np.array([[1.0, 0.0], [0.0, 1.0]])).tolist()
    [[0.5, 0.0], [0.0, 0.5]]
    """
    X = _inputs(X)
    check_one_of("layers", layers, _LAYERS)
    norms = np.linalg.norm(X, axis=1)
    if np.any(norms == 0):
        raise ValueError(
            f"X has a zero row (row {int(np.argmin(norms))}); allowed: non-zero inputs"
        )
    G = X @ X.T
    c = np.clip(G / np.outer(norms, norms), -1.0, 1.0)
    theta = np.arccos(c)
    H = G * (np.pi - theta) / (2 * np.pi)
    if layers == "both":
        H = H + np.outer(norms, norms) * (np.sqrt(1.0 - c * c) + (np.pi - theta) * c) / (2 * np.pi)
    return H
