"""Linear self-attention, and the weights that make it one step of gradient descent.

References
----------
J. von Oswald, E. Niklasson, E. Randazzo, J. Sacramento, A. Mordvintsev,
A. Zhmoginov, M. Vladymyrov, "Transformers learn in-context by gradient
descent", ICML 2023 (PMLR 202:35151–35174), Proposition 1.
E. Akyürek, D. Schuurmans, J. Andreas, T. Ma, D. Zhou, "What learning
algorithm is in-context learning? Investigations with linear models", ICLR 2023.
Lecture 「深層学習・人工知能の数理」 (今泉 2024), closing slide 「人工知能理論:
文脈内学習が一つの突破口」.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from constructions.validation import check_integer, check_real

__all__ = ["AttentionWeights", "gd_attention_weights", "gd_one_step_prediction", "linear_self_attention",
           "softmax_self_attention"]


@dataclass(frozen=True, eq=False)
class AttentionWeights:
    """One attention head: key, query and value maps W_K, W_Q, W_V and the projection P."""

    key: np.ndarray
    query: np.ndarray
    value: np.ndarray
    projection: np.ndarray

    def __post_init__(self) -> None:
        size = None
        for name in ("key", "query", "value", "projection"):
            m = np.asarray(getattr(self, name))
            if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] == 0:
                raise ValueError(f"{name} has shape {m.shape}; allowed: a non-empty square matrix")
            if size is not None and m.shape[0] != size:
                raise ValueError(f"{name} is {m.shape[0]}×{m.shape[0]} but key is {size}×{size}; allowed: equal sizes")
            size = m.shape[0]
            if m.dtype != object and not np.all(np.isfinite(m)):
                raise ValueError(f"{name} has non-finite entries; allowed: finite values")
            object.__setattr__(self, name, m)


def _tokens(tokens, dim: int | None = None) -> np.ndarray:
    arr = np.asarray(tokens)
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"tokens has shape {arr.shape}; allowed: (T, D) with T >= 1")
    if dim is not None and arr.shape[1] != dim:
        raise ValueError(f"tokens has {arr.shape[1]} coordinates; allowed: {dim} (the weights' size)")
    if arr.dtype != object and not np.all(np.isfinite(arr)):
        raise ValueError("tokens has non-finite entries; allowed: finite values")
    return arr


def _weights(weights) -> AttentionWeights:
    if not isinstance(weights, AttentionWeights):
        raise TypeError(f"weights={type(weights).__name__} must be an AttentionWeights")
    return weights


def linear_self_attention(tokens, weights: AttentionWeights) -> np.ndarray:
    """One linear self-attention layer with a residual connection, on every token.

    e_j ← e_j + P Σ_i (W_V e_i) (W_K e_i)ᵀ (W_Q e_j), the sum over all T tokens,
    with no softmax and no normalisation.  Works on float arrays and on object
    arrays of :class:`fractions.Fraction` (exact arithmetic).

    Parameters
    ----------
    tokens : array_like, shape (T, D)
    weights : AttentionWeights

    Returns
    -------
    ndarray, shape (T, D)

    Examples
    --------
    >>> w = gd_attention_weights(1, eta=1, n_context=1)
    >>> linear_self_attention(np.array([[Fraction(2), Fraction(3)], [Fraction(5), Fraction(0)]], dtype=object), w)[1, 1]
    Fraction(-30, 1)
    """
    weights = _weights(weights)
    e = _tokens(tokens, weights.key.shape[1])
    keys, queries, values = e @ weights.key.T, e @ weights.query.T, e @ weights.value.T
    scores = queries @ keys.T  # scores[j, i] = (W_Q e_j)·(W_K e_i)
    return e + (scores @ values) @ weights.projection.T


def softmax_self_attention(tokens, weights: AttentionWeights) -> np.ndarray:
    """The same head with softmax attention (floats only): the negative control's layer."""
    weights = _weights(weights)
    e = np.asarray(_tokens(tokens, weights.key.shape[1]), dtype=float)
    scores = (e @ weights.query.T) @ (e @ weights.key.T).T
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    scores /= scores.sum(axis=1, keepdims=True)
    return e + (scores @ (e @ weights.value.T)) @ weights.projection.T


def gd_attention_weights(d: int, *, eta, n_context: int, exact: bool = True) -> AttentionWeights:
    """von Oswald et al.'s weights: W_K = W_Q = [[I_d, 0], [0, 0]], W_V = [[0, 0], [0, −1]], P = (η/N) I.

    With tokens e_i = (x_i, y_i) ∈ R^{d+1} and gradient descent from W₀ = 0 on
    L(W) = (1/2N) Σ_i (W x_i − y_i)², the layer changes every token by
    (0, −ΔW x_j) with ΔW = −η ∇L(0) = (η/N) Σ_i y_i x_iᵀ; a query token
    (x_q, 0) leaves with label slot −ΔW x_q, minus the prediction of one GD step.

    Parameters
    ----------
    d : int
        Input dimension, d ≥ 1 (scalar targets).
    eta : real
        Learning rate η > 0 (a Fraction keeps the construction exact).
    n_context : int
        Number N ≥ 1 of in-context examples (the 1/N of the loss).
    exact : bool
        Object arrays of Fractions (True) or float arrays.
    """
    d = check_integer("d", d, min_value=1)
    n = check_integer("n_context", n_context, min_value=1)
    check_real("eta", eta, min_value=0, strict_min=True)
    one = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0
    dtype = object if exact else float
    kq = np.full((d + 1, d + 1), zero, dtype=dtype)
    kq[:d, :d] = np.diag([one] * d)
    value = np.full((d + 1, d + 1), zero, dtype=dtype)
    value[d, d] = -one
    scale = (Fraction(eta) if exact else float(eta)) / n
    projection = np.diag([scale] * (d + 1)).astype(dtype)
    return AttentionWeights(key=kq, query=kq.copy(), value=value, projection=projection)


def gd_one_step_prediction(X, y, x_query, *, eta):
    """ŷ = ΔW x_q after one gradient step from W₀ = 0 on L(W) = (1/2N) Σ (W x_i − y_i)².

    ΔW = (η/N) Σ_i y_i x_iᵀ, so ŷ = (η/N) Σ_i y_i ⟨x_i, x_q⟩ (exact for Fractions).
    """
    X = np.asarray(X)
    y = np.asarray(y)
    xq = np.asarray(x_query)
    if X.ndim != 2 or y.shape != (X.shape[0],) or xq.shape != (X.shape[1],):
        raise ValueError(f"X {X.shape}, y {y.shape}, x_query {xq.shape}; allowed: (N, d), (N,), (d,)")
    check_real("eta", eta, min_value=0, strict_min=True)
    for name, arr in (("X", X), ("y", y), ("x_query", xq)):
        if arr.dtype != object and not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} has non-finite entries; allowed: finite values")
    eta = Fraction(eta) if X.dtype == object else float(eta)
    return eta / X.shape[0] * sum(yi * (xi @ xq) for xi, yi in zip(X, y, strict=True))
