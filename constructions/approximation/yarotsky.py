"""Yarotsky's product network ×̃ and the one-hidden-layer piecewise-linear interpolant.

From squares to products by polarisation, xy = ((x + y)² − x² − y²)/2:

    ×̃(x, y) = 2M² [f_m(|x + y|/(2M)) − f_m(|x|/(2M)) − f_m(|y|/(2M))],

with f_m the sawtooth square approximant (:mod:`constructions.approximation.sawtooth`) and
|t| = σ(t) + σ(−t).  Because 0 ≤ f_m(t) − t² ≤ δ = 2^{−2m−2} on [0, 1],
−4M²δ ≤ ×̃(x, y) − xy ≤ 2M²δ on [−M, M]², so |×̃ − xy| ≤ M²·2^{−2m}; and
×̃(x, y) = 0 exactly when x = 0 or y = 0 because f_m(0) = 0.

The 1-D rate of smooth approximation (C10, β = 2, d = 1) needs no depth: the
piecewise-linear interpolant on K pieces is a one-hidden-layer ReLU network with
K units and W = 3K + 1 parameters, within ‖f″‖_∞/(8K²) of f.

The local-Taylor / partition-of-unity network of Yarotsky's Thm 1 for
β-smooth f on [0,1]^d, built from ×̃, is in :mod:`constructions.approximation.local_taylor`.

References
----------
D. Yarotsky, "Error bounds for approximations with deep ReLU networks",
Neural Networks 94 (2017) 103–114, Prop. 3 (product) and Thm 1.
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from constructions.approximation.sawtooth import square_approximant, yarotsky_square_network
from constructions.networks.algebra import affine_network, compose, relu_abs_network, stack_parallel
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "approximate_product",
    "interpolant_error_bound",
    "multiplication_depth_for",
    "multiplication_error_bound",
    "multiplication_network",
    "pl_interpolant_network",
]


def multiplication_network(*, m: int, bound: float, scale: float | None = None) -> DenseNetwork:
    """Yarotsky's product ×̃ on [−M, M]² as one dense ReLU network with two inputs.

    Parameters
    ----------
    m : int
        Depth of each square approximant f_m (m ≥ 1).
    bound : float
        M > 0, the half-width of the square [−M, M]² on which ×̃ ≈ xy.
    scale : float, optional
        The divisor S in f_m(|·|/S); the prefactor is S²/2.  Default 2M (Yarotsky);
        S = M is the negative control whose arguments leave [0, 1].

    Returns
    -------
    DenseNetwork
        m + 1 hidden layers of widths (6, 9, …, 9); 6 + 9m units.

    Notes
    -----
    Hidden layer 1 computes σ(±(x + y)/S), σ(±x/S), σ(±y/S); its readout
    |·| = σ(t) + σ(−t) merges into the first layer of three parallel copies of
    f_m (block-diagonal), whose outputs are combined as (S²/2)(a − b − c).
    With S = 2M every argument lies in [0, 1], where f_m is the interpolant of t².

    Examples
    --------
    >>> import numpy as np
    >>> net = multiplication_network(m=3, bound=1.0)
    >>> net.hidden_widths, net.n_units
    ((6, 9, 9, 9), 33)
    >>> net(np.array([[0.0, 0.7], [0.5, 0.5]])).tolist()
    [0.0, 0.25]
    """
    m = check_integer("m", m, min_value=1)
    big_m = check_real("bound", bound, min_value=0.0, strict_min=True)
    s = 2.0 * big_m if scale is None else check_real("scale", scale, min_value=0.0,
                                                        strict_min=True)
    to_sums = affine_network(np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]) / s)
    absolute = compose(relu_abs_network(3), to_sums)
    squares = stack_parallel([yarotsky_square_network(m)] * 3)
    readout = affine_network(np.array([[1.0, -1.0, -1.0]]) * (s * s / 2.0))
    return compose(readout, compose(squares, absolute))


def approximate_product(x, y, *, m: int, bound: float) -> np.ndarray:
    """Closed form of ×̃(x, y) on [−M, M]² via :func:`constructions.approximation.sawtooth.square_approximant`.

    Raises
    ------
    ValueError
        If some |x| or |y| exceeds M, or the shapes differ.

    Examples
    --------
    >>> approximate_product([0.5, -1.0], [0.5, 0.0], m=3, bound=1.0).tolist()
    [0.25, 0.0]
    """
    m = check_integer("m", m, min_value=1)
    big_m = check_real("bound", bound, min_value=0.0, strict_min=True)
    x = check_finite_array("x", x)
    y = check_finite_array("y", y)
    if x.shape != y.shape:
        raise ValueError(f"x has shape {x.shape} but y has shape {y.shape}; allowed: equal")
    if np.any(np.abs(x) > big_m) or np.any(np.abs(y) > big_m):
        raise ValueError(f"x or y leaves [-{big_m}, {big_m}]; allowed: |x|, |y| <= bound")
    s = 2.0 * big_m
    f = lambda t: square_approximant(np.abs(t) / s, m=m)  # noqa: E731
    return (s * s / 2.0) * (f(x + y) - f(x) - f(y))


def multiplication_error_bound(*, m: int, bound: float) -> float:
    """The bound M²·2^{−2m} on |×̃(x, y) − xy| over [−M, M]².

    Returns
    -------
    float
        The smallest float ≥ M²·2^{−2m} (rounded up, so it is a bound also where M² is inexact
        or the value is subnormal).

    Notes
    -----
    With δ = 2^{−2m−2}: −4M²δ ≤ ×̃ − xy ≤ 2M²δ, hence |×̃ − xy| ≤ 4M²δ.

    Examples
    --------
    >>> multiplication_error_bound(m=4, bound=3.0)
    0.03515625
    """
    m = check_integer("m", m, min_value=0)
    big_m = check_real("bound", bound, min_value=0.0, strict_min=True)
    exact = Fraction(big_m) ** 2 / 4**m
    value = float(exact)
    return value if Fraction(value) >= exact else math.nextafter(value, math.inf)


def multiplication_depth_for(eps: float, *, bound: float) -> int:
    """Smallest m ≥ 1 with M²·2^{−2m} ≤ ε, i.e. m ≥ log₂(M/√ε).

    Examples
    --------
    >>> multiplication_depth_for(1e-2, bound=3.0)
    5
    """
    eps = check_real("eps", eps, min_value=0.0, strict_min=True)
    big_m = check_real("bound", bound, min_value=0.0, strict_min=True)
    m = max(1, math.ceil(math.log2(big_m / math.sqrt(eps))))
    # log2 rounding can be off by one either way; settle it on the bound itself
    while m > 1 and multiplication_error_bound(m=m - 1, bound=big_m) <= eps:
        m -= 1
    while multiplication_error_bound(m=m, bound=big_m) > eps:
        m += 1
    return m


def pl_interpolant_network(breakpoints, values) -> DenseNetwork:
    """One-hidden-layer ReLU network equal to the piecewise-linear interpolant on [t₀, t_K].

    Parameters
    ----------
    breakpoints : array_like, shape (K + 1,)
        Strictly increasing t₀ < … < t_K, K ≥ 1.
    values : array_like, shape (K + 1,)
        Interpolated values v_k.

    Returns
    -------
    DenseNetwork
        K units σ(x − t_k), k = 0..K−1, and W = 3K + 1 parameters.

    Raises
    ------
    ValueError
        If the breakpoints are not strictly increasing or the shapes differ.

    Notes
    -----
    With slopes s_k = (v_{k+1} − v_k)/(t_{k+1} − t_k),
    I(x) = v₀ + s₀ σ(x − t₀) + Σ_{k≥1} (s_k − s_{k−1}) σ(x − t_k) on [t₀, t_K]
    (left of t₀ the network is the constant v₀, right of t_K it extends the last piece).

    Examples
    --------
    >>> import numpy as np
    >>> net = pl_interpolant_network([0.0, 0.5, 1.0], [0.0, 0.25, 1.0])
    >>> net(np.array([0.25, 0.75])).tolist(), net.n_params
    ([0.125, 0.625], 7)
    """
    t = check_finite_array("breakpoints", breakpoints, ndim=1)
    v = check_finite_array("values", values, ndim=1)
    if t.shape != v.shape or t.size < 2:
        raise ValueError(f"breakpoints has shape {t.shape} and values {v.shape}; "
                         "allowed: equal shapes with at least 2 entries")
    if np.any(np.diff(t) <= 0):
        raise ValueError("breakpoints are not strictly increasing; allowed: t_0 < t_1 < ... < t_K")
    slopes = np.diff(v) / np.diff(t)
    out = np.concatenate([slopes[:1], np.diff(slopes)])
    return DenseNetwork((np.ones((t.size - 1, 1)), out[None, :]),
                        (-t[:-1], v[:1].copy()), "relu")


def interpolant_error_bound(*, n_pieces: int, second_derivative_sup: float,
                            length: float = 1.0) -> float:
    """‖f − I_K f‖_∞ ≤ ‖f″‖_∞ h²/8 for the interpolant on K equal pieces, h = length/K.

    Examples
    --------
    >>> interpolant_error_bound(n_pieces=2, second_derivative_sup=2.0)
    0.0625
    """
    k = check_integer("n_pieces", n_pieces, min_value=1)
    f2 = check_real("second_derivative_sup", second_derivative_sup, min_value=0.0)
    ell = check_real("length", length, min_value=0.0, strict_min=True)
    return f2 * (ell / k) ** 2 / 8.0
