"""Deep narrow networks: the width-(d_x + 2) rearrangement and the width-1 obstruction.

Rearrangement (lecture, 幅の下限; Kidger & Lyons 2020, Sec. 4 idea): a one-hidden-layer
network x ↦ c_0 + Σ_{k=1}^K c_k σ(w_k·x + b_k) on [0,1]^{d_x} is computed by a deep network of
width d_x + 2 with K hidden layers.  Hidden layer ℓ holds

    [x_1, …, x_{d_x}  |  σ(w_ℓ·x + b_ℓ)  |  accumulator A_ℓ ≈ Σ_{j<ℓ} c_j σ(w_j·x + b_j)].

ReLU: x ≥ 0 on the box, so ReLU passes the inputs through exactly; the accumulator is shifted
by C = Σ_k max(−c_k, 0)·max(0, b_k + Σ_i max(w_ki, 0)) (the sup of each negative contribution
over the box), so C + Σ_{j<ℓ} c_j h_j ≥ 0 and ReLU passes it through too; the output layer
subtracts C.  Exact in exact arithmetic for x ∈ [0,1]^{d_x}.

Logistic: an identity channel is t ↦ σ(h t) followed (in the next affine map) by
ι_h(u) = 4(u − ½)/h; since σ(s) − ½ − s/4 = σ‴(ξ) s³/6 and |σ‴| ≤ 1/8 (σ‴ = p(1 − 6p),
p = σ(1 − σ) ∈ (0, ¼]), |ι_h(σ-channel of t) − t| ≤ h²|t|³/12, and ι_h is 1-Lipschitz with
|ι_h(t)| ≤ |t|.  The resulting bound is :func:`deep_narrow_logistic_error_bound`.

Width 1: with a monotone activation every width-1 network R → R is monotone (a composition of
monotone maps), so its sup distance to f is at least the best monotone approximation error,
computed exactly by :func:`best_monotone_error`.

References
----------
Kidger & Lyons, "Universal approximation with deep narrow networks", COLT 2020.
Park, Yun, Lee, Shin, "Minimum width for universal approximation", ICLR 2021.
Lecture (今泉, 2024), 深層学習入門 「深さと幅」; CLAIMS.md C06.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "MONOTONE_ACTIVATIONS",
    "ShallowParts",
    "accumulator_shift",
    "best_monotone_error",
    "best_monotone_fit",
    "deep_narrow_logistic",
    "deep_narrow_logistic_error_bound",
    "deep_narrow_relu",
    "identity_scale_for",
    "logistic_identity_error_bound",
    "logistic_weight_rounding_bound",
    "random_width_one_network",
    "rearrangement_rounding_bound",
    "shallow_parts",
]

#: Activations that are monotone on R (width-1 networks with them are monotone).
MONOTONE_ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "identity")

_UNIT_ROUNDOFF = np.finfo(float).eps / 2


@dataclass(frozen=True, eq=False)
class ShallowParts:
    """A one-hidden-layer scalar network x ↦ c0 + Σ_k c_k σ(w_k·x + b_k), split into parts."""

    inner: np.ndarray  # (K, d) rows w_k
    bias: np.ndarray  # (K,) b_k
    outer: np.ndarray  # (K,) c_k
    offset: float  # c0
    activation: str


def shallow_parts(shallow: DenseNetwork, *, activation: str | None = None) -> ShallowParts:
    """Split a one-hidden-layer scalar-output network into (w_k, b_k, c_k, c0).

    Raises
    ------
    ValueError
        If ``shallow`` is not a DenseNetwork with exactly one hidden layer and scalar output,
        or its activation differs from ``activation``.
    """
    if not isinstance(shallow, DenseNetwork):
        raise ValueError(f"shallow={shallow!r} must be a DenseNetwork")
    if shallow.depth != 2 or shallow.output_dim != 1:
        raise ValueError(f"shallow has depth={shallow.depth}, output_dim={shallow.output_dim}; "
                         "allowed: depth == 2 (one hidden layer) and output_dim == 1")
    if activation is not None and shallow.activation != activation:
        raise ValueError(f"shallow.activation={shallow.activation!r}; allowed: {activation!r}")
    return ShallowParts(shallow.weights[0], shallow.biases[0], shallow.weights[1][0],
                        float(shallow.biases[1][0]), shallow.activation)


def _relu_sup_on_box(parts: ShallowParts) -> np.ndarray:
    """sup over [0,1]^d of ReLU(w_k·x + b_k), exactly: ReLU(b_k + Σ_i max(w_ki, 0))."""
    return np.maximum(parts.bias + np.maximum(parts.inner, 0.0).sum(axis=1), 0.0)


def accumulator_shift(shallow: DenseNetwork) -> float:
    """The shift C = Σ_k max(−c_k, 0)·sup_{[0,1]^d} ReLU(w_k·x + b_k) of the accumulator.

    Examples
    --------
    >>> net = network_from_layers([(np.array([[2.0]]), np.array([-1.0])),
    ...                            (np.array([[-3.0]]), np.array([0.0]))], activation="relu")
    >>> accumulator_shift(net)
    3.0
    """
    parts = shallow_parts(shallow, activation="relu")
    return float(np.sum(np.maximum(-parts.outer, 0.0) * _relu_sup_on_box(parts)))


def deep_narrow_relu(shallow: DenseNetwork) -> DenseNetwork:
    """Rearrange a one-hidden-layer ReLU network into width d + 2 and K hidden layers.

    Parameters
    ----------
    shallow : DenseNetwork
        ReLU, one hidden layer of K units, input dimension d, scalar output.

    Returns
    -------
    DenseNetwork
        ReLU, hidden widths (d + 2,)·K, equal to ``shallow`` on [0,1]^d (exactly in exact
        arithmetic; in floating point within :func:`rearrangement_rounding_bound`).

    Raises
    ------
    ValueError
        If ``shallow`` is not a one-hidden-layer scalar ReLU network.

    Notes
    -----
    Layer ℓ + 1 maps [x, h_ℓ, A_ℓ] to [x, w_{ℓ+1}·x + b_{ℓ+1}, A_ℓ + c_ℓ h_ℓ]; A_1 = C
    (:func:`accumulator_shift`); output A_K + c_K h_K + c_0 − C.  Outside the box the inputs
    (or the accumulator) may be negative and are then cut by ReLU.

    References
    ----------
    Kidger & Lyons (2020); lecture (今泉, 2024) 「深さと幅」; CLAIMS.md C06.

    Examples
    --------
    >>> net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, -0.5])),
    ...                            (np.array([[1.0, -2.0]]), np.array([0.0]))], activation="relu")
    >>> deep = deep_narrow_relu(net)
    >>> deep.hidden_widths
    (3, 3)
    >>> deep(np.array([0.0, 0.25, 0.75, 1.0])).tolist()
    [0.0, 0.25, 0.25, 0.0]
    """
    parts = shallow_parts(shallow, activation="relu")
    shift = accumulator_shift(shallow)
    w, b, c = parts.inner, parts.bias, parts.outer
    K, d = w.shape
    eye = np.eye(d)
    first = (np.vstack([eye, w[:1], np.zeros((1, d))]),
             np.concatenate([np.zeros(d), b[:1], [shift]]))
    layers = [first]
    for k in range(1, K):  # one layer per hidden unit of the shallow net
        weight = np.zeros((d + 2, d + 2))
        weight[:d, :d] = eye
        weight[d, :d] = w[k]
        weight[d + 1, d] = c[k - 1]
        weight[d + 1, d + 1] = 1.0
        layers.append((weight, np.concatenate([np.zeros(d), [b[k], 0.0]])))
    out = np.zeros((1, d + 2))
    out[0, d], out[0, d + 1] = c[K - 1], 1.0
    layers.append((out, np.array([parts.offset - shift])))
    return network_from_layers(layers, activation="relu")


def _gamma(n: int) -> float:
    return n * _UNIT_ROUNDOFF / (1 - n * _UNIT_ROUNDOFF)


def rearrangement_rounding_bound(shallow: DenseNetwork) -> float:
    """A-priori bound on |deep_narrow_relu(shallow)(x) − shallow(x)| in float64 on [0,1]^d.

    Notes
    -----
    Both networks form each pre-activation w_k·x + b_k by a dot product of length ≤ d + 3 with
    error ≤ γ_{d+3} R_k, R_k = ‖w_k‖_1 + |b_k| (x ∈ [0,1]^d; the pass-through rows are exact).
    ReLU is 1-Lipschitz and exact.  The output sums (shallow: one dot product of length K + 1;
    deep: K successive additions to an accumulator bounded by 2C + Σ|c_k|H_k, H_k the box sup
    of unit k) each err by ≤ γ_{K+3} times the sum of magnitudes.  Twice the sum of these is
    returned (factor 2: one bound per network).

    Examples
    --------
    >>> net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
    ...                            (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    >>> bool(0 < rearrangement_rounding_bound(net) < 1e-14)
    True
    """
    parts = shallow_parts(shallow, activation="relu")
    K, d = parts.inner.shape
    reach = np.abs(parts.inner).sum(axis=1) + np.abs(parts.bias)
    c_abs = np.abs(parts.outer)
    shift = accumulator_shift(shallow)
    pre = _gamma(d + 3) * float(np.sum(c_abs * reach))
    sums = _gamma(K + 3) * (2 * shift + float(np.sum(c_abs * reach)) + abs(parts.offset))
    return 2.0 * (pre + sums)


def logistic_identity_error_bound(t_max, *, identity_scale) -> float:
    """Bound h²t³/12 on |4(σ(h t) − ½)/h − t| for |t| ≤ t_max.

    Examples
    --------
    >>> logistic_identity_error_bound(1.0, identity_scale=0.1)
    0.0008333333333333335
    """
    t_max = check_real("t_max", t_max, min_value=0.0)
    h = check_real("identity_scale", identity_scale, min_value=0.0, strict_min=True)
    return h * h * t_max**3 / 12.0


def _logistic_bound_coefficient(parts: ShallowParts) -> float:
    c_abs = np.abs(parts.outer)
    total = float(c_abs.sum())
    K = c_abs.shape[0]
    inner_l1 = np.abs(parts.inner).sum(axis=1)
    layer = np.arange(K)  # ℓ − 1 identity applications before unit ℓ
    units = float(np.sum(c_abs * inner_l1 * layer)) / 48.0
    if total == 0.0:
        return units
    partial = np.cumsum(c_abs)[:-1] / total  # S_ℓ / S for ℓ = 1..K−1
    return units + total * float(np.sum(partial**3)) / 12.0


def deep_narrow_logistic_error_bound(shallow: DenseNetwork, *, identity_scale) -> float:
    """Bound on sup_{[0,1]^d} |deep_narrow_logistic(shallow, h)(x) − shallow(x)| (exact arithmetic).

    Returns
    -------
    float
        h² [ S Σ_{ℓ=1}^{K−1} (S_ℓ/S)³/12 + Σ_{ℓ=1}^{K} |c_ℓ| ‖w_ℓ‖_1 (ℓ − 1)/48 ],
        S_ℓ = Σ_{j≤ℓ}|c_j|, S = S_K.

    Notes
    -----
    Inputs after ℓ − 1 identity channels: |x̂ − x| ≤ (ℓ − 1)h²/12 (ι_h 1-Lipschitz, x ∈ [0,1]);
    σ is ¼-Lipschitz, so unit ℓ errs by ≤ ‖w_ℓ‖_1(ℓ − 1)h²/48.  The accumulator carries A/S,
    whose argument z before channel ℓ satisfies |z| ≤ S_ℓ/S, adding h²(S_ℓ/S)³/12 per channel.

    Examples
    --------
    >>> net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, 0.0])),
    ...                            (np.array([[1.0, 1.0]]), np.array([0.0]))], activation="sigmoid")
    >>> deep_narrow_logistic_error_bound(net, identity_scale=1.0) == 2 * (1 / 2) ** 3 / 12 + 1 / 48
    True
    """
    parts = shallow_parts(shallow, activation="sigmoid")
    h = check_real("identity_scale", identity_scale, min_value=0.0, strict_min=True)
    return h * h * _logistic_bound_coefficient(parts)


def identity_scale_for(shallow: DenseNetwork, *, eps) -> float:
    """The largest h with :func:`deep_narrow_logistic_error_bound` ≤ eps (capped at 1).

    Examples
    --------
    >>> net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, 0.0])),
    ...                            (np.array([[1.0, 1.0]]), np.array([0.0]))], activation="sigmoid")
    >>> identity_scale_for(net, eps=1 / 96)
    0.5
    """
    parts = shallow_parts(shallow, activation="sigmoid")
    eps = check_real("eps", eps, min_value=0.0, strict_min=True)
    coef = _logistic_bound_coefficient(parts)
    if coef == 0.0:
        return 1.0
    h = min(1.0, math.sqrt(eps / coef))
    while h * h * coef > eps:  # the rounded square root may overshoot by an ulp
        h = math.nextafter(h, 0.0)
    return h


def deep_narrow_logistic(shallow: DenseNetwork, *, identity_scale) -> DenseNetwork:
    """Width-(d + 2) logistic network approximating a one-hidden-layer logistic network.

    Parameters
    ----------
    shallow : DenseNetwork
        Logistic (``"sigmoid"``), one hidden layer of K units, scalar output.
    identity_scale : float
        h > 0: identity channels are σ(h t) decoded as 4(u − ½)/h; choose it with
        :func:`identity_scale_for`.  Rounding grows like u/h (u = 2^−53), the bound like h².

    Returns
    -------
    DenseNetwork
        Logistic, hidden widths (d + 2,)·K; on [0,1]^d within
        :func:`deep_narrow_logistic_error_bound` of ``shallow`` (plus rounding).

    Raises
    ------
    ValueError
        If ``shallow`` is not a one-hidden-layer scalar logistic network or h ≤ 0.

    Examples
    --------
    >>> net = network_from_layers([(np.array([[3.0], [-2.0]]), np.array([0.0, 1.0])),
    ...                            (np.array([[1.0, 2.0]]), np.array([0.5]))], activation="sigmoid")
    >>> deep = deep_narrow_logistic(net, identity_scale=1e-3)
    >>> deep.hidden_widths
    (3, 3)
    >>> x = np.linspace(0, 1, 5)
    >>> bool(np.max(np.abs(deep(x) - net(x))) <= deep_narrow_logistic_error_bound(
    ...     net, identity_scale=1e-3) + 1e-9)
    True
    """
    parts = shallow_parts(shallow, activation="sigmoid")
    h = check_real("identity_scale", identity_scale, min_value=0.0, strict_min=True)
    w, b, c = parts.inner, parts.bias, parts.outer
    K, d = w.shape
    scale = float(np.abs(c).sum()) or 1.0  # accumulator carries A / scale, so |A/scale| ≤ 1
    first = (np.vstack([h * np.eye(d), w[:1], np.zeros((1, d))]),
             np.concatenate([np.zeros(d), b[:1], [0.0]]))
    layers = [first]
    for k in range(1, K):  # one layer per hidden unit of the shallow net
        weight = np.zeros((d + 2, d + 2))
        weight[:d, :d] = 4.0 * np.eye(d)
        weight[d, :d] = 4.0 / h * w[k]
        weight[d + 1, d] = h * c[k - 1] / scale
        weight[d + 1, d + 1] = 4.0
        bias = np.concatenate([np.full(d, -2.0), [b[k] - 2.0 / h * w[k].sum(), -2.0]])
        layers.append((weight, bias))
    out = np.zeros((1, d + 2))
    out[0, d], out[0, d + 1] = c[K - 1], 4.0 * scale / h
    layers.append((out, np.array([parts.offset - 2.0 * scale / h])))
    return network_from_layers(layers, activation="sigmoid")


def logistic_weight_rounding_bound(shallow: DenseNetwork, *, identity_scale) -> float:
    """Bound on the effect of storing :func:`deep_narrow_logistic`'s weights in float64.

    The exact-arithmetic function of the stored deep network (what interval arithmetic
    certifies) differs from the construction with exact weights by at most the returned value,
    which also covers the float64 evaluation of :func:`deep_narrow_logistic_error_bound` itself.

    Returns
    -------
    float
        Σ_{k≥2} (1 + γ_2)|c_k| e_k/4 + γ_2 Σ_{k<K}|c_k| + 4uS/h + γ_2(|c_0| + 2S/h)
        + γ_{K+d+8}·B, with e_k = γ_{d+2}(6‖w_k‖₁/h + |b_k|), S = Σ|c_k| (S = 1 when every c_k is
        0, the construction's own accumulator scale), B the exact-weight bound, u = 2^−53,
        γ_n = nu/(1 − nu); the whole rounded up by the factor 1 + 2^−40.

    Notes
    -----
    Stored weights: the channel weights h, 4, −2 and the first layer are exact; the unit row
    fl(fl(4/h)w_k) and bias fl(b_k − fl(2/h)fl(Σ_i w_ki)) change unit k's pre-activation by
    ≤ e_k (channel values in (0, 1)), so its value by ≤ e_k/4; the accumulator weight
    fl(fl(h c_k)/S) errs by ≤ γ_2 h|c_k|/S.  An argument change δ of the accumulator channel moves
    its decoded value ι_h by ≤ δ/h, every later channel ι_h∘σ(h·) is 1-Lipschitz, and the output
    is S ι_h(a_K) + c_0, so it moves by ≤ Sδ/h; the output weight 4S/h and bias c_0 − 2S/h are
    rounded once or twice.  All maps are globally Lipschitz with these constants, so the terms
    add (triangle inequality through the networks that round one weight at a time).

    Examples
    --------
    >>> net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, 0.0])),
    ...                            (np.array([[1.0, 1.0]]), np.array([0.0]))], activation="sigmoid")
    >>> bool(0 < logistic_weight_rounding_bound(net, identity_scale=0.1) < 1e-13)
    True
    """
    parts = shallow_parts(shallow, activation="sigmoid")
    h = check_real("identity_scale", identity_scale, min_value=0.0, strict_min=True)
    K, d = parts.inner.shape
    c_abs = np.abs(parts.outer)
    S = float(c_abs.sum()) or 1.0
    e = _gamma(d + 2) * (6.0 * np.abs(parts.inner).sum(axis=1) / h + np.abs(parts.bias))
    units = (1 + _gamma(2)) * float(np.sum(c_abs[1:] * e[1:])) / 4.0
    accumulator = _gamma(2) * float(np.sum(c_abs[:-1]))
    output = 4.0 * _UNIT_ROUNDOFF * S / h + _gamma(2) * (abs(parts.offset) + 2.0 * S / h)
    formula = _gamma(K + d + 8) * h * h * _logistic_bound_coefficient(parts)
    return (units + accumulator + output + formula) * (1 + 2.0**-40)


def random_width_one_network(rng: np.random.Generator, *, n_hidden_layers,
                             activation: str = "relu", scale=1.0) -> DenseNetwork:
    """A random network R → R with every hidden layer of width 1.

    Weights and biases are ``scale`` times standard normal draws from ``rng``.

    Raises
    ------
    ValueError
        If ``rng`` is not a Generator, the activation is not monotone, or sizes are invalid.

    Examples
    --------
    >>> net = random_width_one_network(np.random.default_rng(0), n_hidden_layers=3)
    >>> net.hidden_widths
    (1, 1, 1)
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    n = check_integer("n_hidden_layers", n_hidden_layers, min_value=1)
    check_one_of("activation", activation, MONOTONE_ACTIVATIONS)
    s = check_real("scale", scale, min_value=0.0, strict_min=True)
    draws = s * rng.standard_normal((n + 1, 2))
    return network_from_layers([(np.array([[wt]]), np.array([bs])) for wt, bs in draws],
                               activation=activation)


def best_monotone_fit(values, *, increasing: bool = True) -> np.ndarray:
    """Best sup-norm monotone fit to a sequence: g_i = (max_{k≤i} y_k + min_{k≥i} y_k)/2.

    Notes
    -----
    For non-decreasing g: any i ≤ j forces max(|y_i − g_i|, |y_j − g_j|) ≥ (y_i − y_j)/2; the
    fit above is non-decreasing (both running extrema are), and |y_i − g_i| ≤ (M_i − m_i)/2 ≤
    max_{k≤l}(y_k − y_l)/2, so it attains the lower bound.  Decreasing: apply to −y.

    Examples
    --------
    >>> best_monotone_fit([0.0, 1.0, 0.0]).tolist()
    [0.0, 0.5, 0.5]
    """
    y = check_finite_array("values", values, ndim=1)
    if y.shape[0] == 0:
        raise ValueError("values is empty; allowed: at least one value")
    if not increasing:
        return -best_monotone_fit(-y, increasing=True)
    running_max = np.maximum.accumulate(y)
    running_min = np.minimum.accumulate(y[::-1])[::-1]
    return 0.5 * (running_max + running_min)


def best_monotone_error(values) -> float:
    """min over monotone g (either direction) of max_i |y_i − g_i|, exactly.

    Equal to ½ min(max_{i≤j}(y_i − y_j), max_{i≤j}(y_j − y_i)).  Sampled on a grid it is a
    lower bound for the sup distance from f to any monotone function, hence to any width-1
    network with a monotone activation, at any depth.

    Examples
    --------
    >>> x = np.linspace(0, 1, 5)
    >>> best_monotone_error(4 * x * (1 - x))
    0.5
    """
    y = check_finite_array("values", values, ndim=1)
    if y.shape[0] == 0:
        raise ValueError("values is empty; allowed: at least one value")
    up = np.max(np.maximum.accumulate(y) - y)  # largest drop y_i − y_j, i ≤ j
    down = np.max(y - np.minimum.accumulate(y))  # largest rise y_j − y_i, i ≤ j
    return 0.5 * float(min(up, down))

