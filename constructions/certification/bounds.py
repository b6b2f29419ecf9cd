"""Interval bound propagation through a dense network, with its gradient.

For a batch of boxes (arrays ``lo``, ``hi`` of shape (B, d)) this module returns
sound intervals for the network's value and for its gradient on every box:

* values — interval bound propagation (IBP): each affine layer in midpoint–radius
  form with a rounding term, each activation by monotonicity;
* gradients — forward-mode differentiation in interval arithmetic:
  ∂z_l = W_l diag(σ′(z_{l−1})) ∂z_{l−1}, with σ′ enclosed on the pre-activation
  interval.  For ReLU the derivative at 0 is the hull [0, 1], so the result
  contains Clarke's generalised gradient and Lebourg's mean-value theorem
  f(x) − f(c) ∈ ⟨∂f(box), x − c⟩ holds for the piecewise-linear networks too.

All boxes of a batch are processed as arrays; the cost is one batched
matrix product per layer (times d for gradients).

References
----------
S. Gowal et al., "On the effectiveness of interval bound propagation for training
verifiably robust models", arXiv:1810.12715 (2018).
F. H. Clarke, *Optimization and Nonsmooth Analysis*, Wiley 1983, §2.3 (chain rule, mean value).
"""

from __future__ import annotations

import numpy as np

from ..activations import LEAKY_RELU_SLOPE
from ..networks import DenseNetwork
from . import elementary as el
from .intervals import affine_interval, interval_mul, interval_scale, round_up, widen

__all__ = ["CERTIFIABLE_ACTIVATIONS", "activation_interval", "activation_slope_interval",
           "network_gradient_interval", "network_interval"]

#: Activations whose networks the certifier accepts.
CERTIFIABLE_ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "identity")


def activation_interval(name: str, lo, hi):
    """Enclose σ([lo, hi]) for a monotone activation."""
    if name == "relu":
        return np.maximum(lo, 0.0), np.maximum(hi, 0.0)
    if name == "leaky_relu":
        a, b = interval_scale(LEAKY_RELU_SLOPE, lo, hi)
        return np.where(lo >= 0.0, lo, a), np.where(hi >= 0.0, hi, b)
    if name == "sigmoid":
        return el.interval_expit(lo, hi)
    if name == "tanh":
        return el.interval_tanh(lo, hi)
    return lo, hi


def activation_slope_interval(name: str, lo, hi):
    """Enclose σ′([lo, hi]) (Clarke hull [slope_left, slope_right] at kinks)."""
    if name in ("relu", "leaky_relu"):
        neg = 0.0 if name == "relu" else LEAKY_RELU_SLOPE
        return np.where(lo > 0.0, 1.0, neg), np.where(hi < 0.0, neg, 1.0)
    if name == "identity":
        return np.ones_like(lo), np.ones_like(hi)
    # σ′ is even and decreasing in |t| for the logistic and tanh: σ′(t) = σ(1−σ), 1 − tanh²
    near = np.where((lo <= 0.0) & (hi >= 0.0), 0.0, np.minimum(np.abs(lo), np.abs(hi)))
    far = np.maximum(np.abs(lo), np.abs(hi))
    if name == "sigmoid":
        peak = 0.25
        vlo, vhi = el.interval_expit(-far, -far)      # σ′(t) = σ(−|t|) σ(|t|)
        wlo, whi = el.interval_expit(far, far)
        dlo, _ = interval_mul(vlo, vhi, wlo, whi)
        vlo, vhi = el.interval_expit(-near, -near)
        wlo, whi = el.interval_expit(near, near)
        _, dhi = interval_mul(vlo, vhi, wlo, whi)
    else:
        peak = 1.0
        tlo, thi = el.interval_tanh(far, far)
        sq_hi = round_up(thi * thi)
        dlo = np.nextafter(1.0 - sq_hi, -np.inf)
        tlo, _ = el.interval_tanh(near, near)
        sq_lo = np.nextafter(tlo * tlo, -np.inf)
        dhi = round_up(1.0 - np.maximum(sq_lo, 0.0))
    return np.clip(dlo, 0.0, peak), np.clip(dhi, 0.0, peak)


def _check(network: DenseNetwork) -> None:
    if network.activation not in CERTIFIABLE_ACTIVATIONS:
        raise ValueError(f"network.activation={network.activation!r} is not certifiable; "
                         f"allowed: {', '.join(map(repr, CERTIFIABLE_ACTIVATIONS))}")
    if network.output_dim != 1:
        raise ValueError(f"network.output_dim={network.output_dim}; allowed: 1 (scalar output)")


def network_interval(network: DenseNetwork, lo, hi, *, return_preactivations: bool = False):
    """Enclose f_θ(box) for each box ``[lo[b], hi[b]]`` by interval bound propagation.

    Parameters
    ----------
    network : DenseNetwork
        Scalar output, activation in :data:`CERTIFIABLE_ACTIVATIONS`.
    lo, hi : ndarray, shape (B, d)

    Returns
    -------
    (lo, hi) : ndarrays of shape (B,)
        and, with ``return_preactivations``, the list of hidden pre-activation intervals.

    Examples
    --------
    >>> import numpy as np
    >>> from constructions.networks import network_from_layers
    >>> net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
    ...                            (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    >>> lo, hi = network_interval(net, np.array([[-1.0]]), np.array([[2.0]]))
    >>> bool(lo[0] <= 0.0 and hi[0] >= 2.0)
    True
    """
    _check(network)
    pre = []
    last = network.depth - 1
    zlo, zhi = lo, hi
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        zlo, zhi = affine_interval(w, b, zlo, zhi)
        if i < last:
            pre.append((zlo, zhi))
            zlo, zhi = activation_interval(network.activation, zlo, zhi)
    out = (zlo[:, 0], zhi[:, 0])
    return (*out, pre) if return_preactivations else out


def network_gradient_interval(network: DenseNetwork, lo, hi, *, preactivations=None):
    """Enclose ∇f_θ over each box (Clarke gradient for piecewise-linear activations).

    Returns
    -------
    (lo, hi) : ndarrays of shape (B, d)
    """
    _check(network)
    if preactivations is None:
        *_, preactivations = network_interval(network, lo, hi, return_preactivations=True)
    n_boxes = lo.shape[0]
    w0 = network.weights[0]
    glo = np.broadcast_to(w0, (n_boxes, *w0.shape))            # ∂z_1/∂x, exact
    ghi = glo
    for (zlo, zhi), w in zip(preactivations, network.weights[1:], strict=True):
        slo, shi = activation_slope_interval(network.activation, zlo, zhi)
        glo, ghi = interval_mul(glo, ghi, slo[:, :, None], shi[:, :, None])
        # W @ G for interval G (B, n, d): midpoint–radius with a rounding term
        glo, ghi = _matmul_interval(w, glo, ghi)
    return glo[:, 0, :], ghi[:, 0, :]


def _matmul_interval(w, glo, ghi):
    """Enclose W @ G for a point matrix W (m, n) and interval matrices G (B, n, d)."""
    glo_t, ghi_t = np.swapaxes(glo, 1, 2), np.swapaxes(ghi, 1, 2)   # (B, d, n)
    rlo, rhi = affine_interval(w, None, glo_t, ghi_t)                # (B, d, m)
    return np.swapaxes(rlo, 1, 2), np.swapaxes(rhi, 1, 2)


def _unused(lo, hi):  # pragma: no cover - keeps widen imported for symmetry
    return widen(lo, hi)
