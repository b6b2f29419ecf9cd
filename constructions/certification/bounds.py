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

from constructions.certification import elementary as el
from constructions.certification.intervals import (
    ELEMENTARY_ULPS,
    affine_interval,
    gamma,
    interval_mul,
    interval_scale,
    round_down,
    round_up,
    widen,
)
from constructions.networks.activations import LEAKY_RELU_SLOPE
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array

__all__ = ["CERTIFIABLE_ACTIVATIONS", "SATURATION", "activation_interval",
           "activation_slope_interval", "first_layer_product", "network_gradient_interval",
           "network_interval", "network_output_interval"]

#: Activations whose networks the certifier accepts.
CERTIFIABLE_ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "identity")


#: |t| beyond which σ and σ′ are replaced by constant enclosures (see ``_SATURATED``) when at
#: most a quarter of a layer's entries are unsaturated (else the kernel runs on all: sound, looser).
SATURATION = 40.0
_BELOW_ONE = 1.0 - 2.0**-53
#: name -> (σ on [T, ∞), σ on (−∞, −T], σ′ on |t| ≥ T) as (lo, hi) pairs, T = SATURATION:
#: σ(40) > 1 − e^{−40} > 1 − 2^{−53}, σ(−40) < e^{−40} < 4.3e−18, tanh(40) > 1 − 2e^{−80}.
_SATURATED = {
    "sigmoid": ((_BELOW_ONE, 1.0), (0.0, 4.3e-18), (0.0, 4.3e-18)),
    "tanh": ((_BELOW_ONE, 1.0), (-1.0, -_BELOW_ONE), (0.0, 1e-34)),
}


def _saturating(kernel, which: str, name: str, lo, hi):
    """Apply ``kernel`` only where [lo, hi] meets (−T, T); constants elsewhere.

    In a wide sigmoid layer most (box, unit) pairs are saturated on small boxes, so this
    gather–scatter saves most transcendental evaluations.
    """
    active = (hi > -SATURATION) & (lo < SATURATION)
    n_active = int(np.count_nonzero(active))
    if n_active > active.size // 4:
        return kernel(lo, hi)
    up_c, down_c, slope_c = _SATURATED[name]
    if which == "value":
        top = lo >= SATURATION
        out_lo = np.where(top, up_c[0], down_c[0])
        out_hi = np.where(top, up_c[1], down_c[1])
    else:
        out_lo = np.full(lo.shape, slope_c[0])
        out_hi = np.full(lo.shape, slope_c[1])
    if n_active:
        idx = np.flatnonzero(active)
        klo, khi = kernel(lo.ravel()[idx], hi.ravel()[idx])
        out_lo.ravel()[idx] = klo
        out_hi.ravel()[idx] = khi
    return out_lo, out_hi


def activation_interval(name: str, lo, hi):
    """Enclose σ([lo, hi]) for a monotone activation."""
    if name in _SATURATED:
        kernel = el.interval_expit if name == "sigmoid" else el.interval_tanh
        return _saturating(kernel, "value", name, lo, hi)
    return _activation_interval(name, lo, hi)


def _activation_interval(name: str, lo, hi):
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
    if name in _SATURATED:
        return _saturating(lambda a, b: _activation_slope_interval(name, a, b), "slope",
                           name, lo, hi)
    return _activation_slope_interval(name, lo, hi)


def _activation_slope_interval(name: str, lo, hi):
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
        if el.is_rigorous():
            dlo, dhi = el.point_enclosure("logistic_slope", far)[0], el.point_enclosure(
                "logistic_slope", near)[1]
        else:
            dlo, dhi = widen(el.logistic_slope(far), el.logistic_slope(near),
                             ulps=ELEMENTARY_ULPS + 4)
    else:
        peak = 1.0
        tlo, thi = el.interval_tanh(far, far)
        sq_hi = round_up(thi * thi)
        dlo = round_down(1.0 - sq_hi)
        tlo, _ = el.interval_tanh(near, near)
        tlo = np.maximum(tlo, 0.0)
        sq_lo = round_down(tlo * tlo)
        dhi = round_up(1.0 - np.maximum(sq_lo, 0.0))
    return np.clip(dlo, 0.0, peak), np.clip(dhi, 0.0, peak)


def _check(network) -> None:
    if not isinstance(network, DenseNetwork):
        raise TypeError(f"network={network!r} must be a DenseNetwork")
    if network.activation not in CERTIFIABLE_ACTIVATIONS:
        raise ValueError(f"network.activation={network.activation!r} is not certifiable; "
                         f"allowed: {', '.join(map(repr, CERTIFIABLE_ACTIVATIONS))}")
    if network.output_dim != 1:
        raise ValueError(f"network.output_dim={network.output_dim}; allowed: 1 (scalar output)")


def _check_boxes(network: DenseNetwork, lo, hi) -> tuple[np.ndarray, np.ndarray]:
    """Validate a batch of boxes: finite arrays lo ≤ hi of shape (B, network.input_dim)."""
    lo = check_finite_array("lo", lo, ndim=2)
    hi = check_finite_array("hi", hi, ndim=2)
    d = network.input_dim
    if lo.shape[1] != d:
        raise ValueError(f"lo has shape {lo.shape}; allowed: (B, {d}) (network.input_dim={d})")
    if hi.shape != lo.shape:
        raise ValueError(f"hi has shape {hi.shape} but lo has shape {lo.shape}; allowed: equal")
    if np.any(lo > hi):
        raise ValueError("lo > hi in some box; allowed: lo <= hi entrywise")
    return lo, hi


def network_interval(network: DenseNetwork, lo, hi, *, return_preactivations: bool = False,
                     output: bool = True):
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

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`DenseNetwork`.
    ValueError
        For an uncertifiable network, or ``lo``/``hi`` that are not finite (B, d) arrays
        with ``lo <= hi``.

    Examples
    --------
    >>> import numpy as np
    >>> from constructions.networks.dense import network_from_layers
    >>> net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
    ...                            (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    >>> lo, hi = network_interval(net, np.array([[-1.0]]), np.array([[2.0]]))
    >>> bool(lo[0] <= 0.0 and hi[0] >= 2.0)
    True
    """
    _check(network)
    lo, hi = _check_boxes(network, lo, hi)
    return _network_interval(network, lo, hi, return_preactivations=return_preactivations,
                             output=output)


def _network_interval(network: DenseNetwork, lo, hi, *, return_preactivations: bool = False,
                      output: bool = True):
    """:func:`network_interval` without argument checks (for callers that validated)."""
    pre = []
    last = network.depth - 1
    zlo, zhi = lo, hi
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        if i == last and not output:
            return None, None, pre
        zlo, zhi = affine_interval(w, b, zlo, zhi)
        if i < last:
            pre.append((zlo, zhi))
            if i < last - 1 or output:
                zlo, zhi = activation_interval(network.activation, zlo, zhi)
    out = (zlo[:, 0], zhi[:, 0])
    return (*out, pre) if return_preactivations else out


def network_output_interval(network: DenseNetwork, lo, hi):
    """Enclose the output given the last hidden layer's pre-activation intervals (B, n)."""
    alo, ahi = activation_interval(network.activation, lo, hi)
    zlo, zhi = affine_interval(network.weights[-1], network.biases[-1], alo, ahi)
    return zlo[:, 0], zhi[:, 0]


def first_layer_product(network: DenseNetwork):
    """Outward enclosure (mid, rad) of M[i, k, j] = W_2[k, i] W_1[i, j], shape (n_1, n_2 d).

    ∂z_2/∂x = Σ_i σ′(z_{1,i}) M[i] turns the first two layers of forward-mode
    differentiation into one interval-times-matrix product.
    """
    w1, w2 = network.weights[0], network.weights[1]
    prod = w2.T[:, :, None] * w1[:, None, :]
    rad = np.abs(prod) * 2.0**-52 + float(np.finfo(float).smallest_subnormal)
    n1 = w1.shape[0]
    return prod.reshape(n1, -1), rad.reshape(n1, -1)


def _slope_times_matrix(slo, shi, mid_m, rad_m):
    """Enclose S @ M for interval S (B, n) with S ≥ 0 and interval M (n, p) in mid–rad form."""
    n = slo.shape[1]
    ms = 0.5 * slo + 0.5 * shi
    rs = round_up(np.maximum(shi - ms, ms - slo))
    abs_m = np.abs(mid_m)
    mid = ms @ mid_m
    rad = ms @ rad_m + rs @ (abs_m + rad_m)
    size = ms @ abs_m + rad
    err = round_up(rad + gamma(n + 2) * size + (n + 2) * 1e-300)
    err = round_up(err * (1.0 + 2.0**-50))
    return round_down(mid - err), round_up(mid + err)


def network_gradient_interval(network: DenseNetwork, lo, hi, *, preactivations=None,
                              first_product=None):
    """Enclose ∇f_θ over each box (Clarke gradient for piecewise-linear activations).

    Parameters
    ----------
    network : DenseNetwork
        Scalar output, activation in :data:`CERTIFIABLE_ACTIVATIONS`.
    lo, hi : ndarray, shape (B, d)
    preactivations, first_product : optional
        The hidden pre-activation intervals of :func:`network_interval` on the same boxes
        and :func:`first_layer_product`, when already computed.

    Returns
    -------
    (lo, hi) : ndarrays of shape (B, d)

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`DenseNetwork`.
    ValueError
        For an uncertifiable network, or ``lo``/``hi`` that are not finite (B, d) arrays
        with ``lo <= hi``.
    """
    _check(network)
    lo, hi = _check_boxes(network, lo, hi)
    return _network_gradient_interval(network, lo, hi, preactivations=preactivations,
                                      first_product=first_product)


def _network_gradient_interval(network: DenseNetwork, lo, hi, *, preactivations=None,
                               first_product=None):
    """:func:`network_gradient_interval` without argument checks (for callers that validated)."""
    if preactivations is None:
        *_, preactivations = _network_interval(network, lo, hi, return_preactivations=True)
    w0 = network.weights[0]
    glo = ghi = None
    for layer, ((zlo, zhi), w) in enumerate(zip(preactivations, network.weights[1:],
                                                strict=True)):
        slo, shi = activation_slope_interval(network.activation, zlo, zhi)
        if layer == 0:
            # ∂z_2/∂x = Σ_i σ′(z_{1,i}) W_2[:, i] W_1[i, :]: one interval-times-matrix product
            mid_m, rad_m = (first_layer_product(network) if first_product is None
                            else first_product)
            glo, ghi = _slope_times_matrix(slo, shi, mid_m, rad_m)
            glo = glo.reshape(lo.shape[0], w.shape[0], -1)
            ghi = ghi.reshape(lo.shape[0], w.shape[0], -1)
        else:
            glo, ghi = interval_mul(glo, ghi, slo[:, :, None], shi[:, :, None])
            # W @ G for interval G (B, n, d): midpoint–radius with a rounding term
            glo, ghi = _matmul_interval(w, glo, ghi)
    if glo is None:                                             # no hidden layer: affine map
        return (np.broadcast_to(w0[0], lo.shape).copy(),) * 2
    return glo[:, 0, :], ghi[:, 0, :]


def _matmul_interval(w, glo, ghi):
    """Enclose W @ G for a point matrix W (m, n) and interval matrices G (B, n, d)."""
    glo_t, ghi_t = np.swapaxes(glo, 1, 2), np.swapaxes(ghi, 1, 2)   # (B, d, n)
    rlo, rhi = affine_interval(w, None, glo_t, ghi_t)                # (B, d, m)
    return np.swapaxes(rlo, 1, 2), np.swapaxes(rhi, 1, 2)
