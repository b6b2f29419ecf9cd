"""Yarotsky's sawtooth: the hat g, its compositions g_s, and the square approximant f_m.

The hat g(x) = 2σ(x) − 4σ(x − ½) + 2σ(x − 1) is 2x on [0, ½], 2(1 − x) on
[½, 1] and 0 outside [0, 1]; its s-fold composition g_s is a sawtooth with
2^{s−1} teeth, and

    f_m(x) = x − Σ_{s=1}^m g_s(x) / 4^s

is the piecewise-linear interpolant of x² at the nodes k/2^m, so that
sup_{[0,1]} |x² − f_m(x)| = 2^{−2m−2}, attained at the midpoints (2k − 1)/2^{m+1},
with f_m ≥ x² (one-sided).  Depth buys accuracy: m hidden layers of width 3
(3m units, 12m − 2 parameters) reach 2^{−2m−2}, whereas one hidden layer with U
units has at most U + 1 pieces and error ≥ 1/(8(U + 1)²).

Three evaluations are provided and must agree: the network (float64), the
closed form (float64, via the fractional part of 2^{s−1}x) and exact rational
arithmetic (:class:`fractions.Fraction`).  In float64 g_s(x) is exactly 0 for
every representable x once s exceeds about 54, and the error 2^{−2m−2} falls
below the rounding of x² near m ≈ 26: deep claims must use the exact routes.

References
----------
D. Yarotsky, "Error bounds for approximations with deep ReLU networks",
Neural Networks 94 (2017) 103–114, Prop. 2 and Fig. 2.
M. Telgarsky, "Benefits of depth in neural networks", COLT 2016 (the sawtooth).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from constructions.networks.algebra import compose, exact_pieces, fraction_array
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array, check_integer

__all__ = [
    "SquareErrorCertificate",
    "hat_network",
    "sawtooth",
    "sawtooth_exact",
    "sawtooth_network",
    "shallow_square_error_lower_bound",
    "square_approximant",
    "square_approximant_error",
    "square_approximant_exact",
    "sup_error_against_square",
    "yarotsky_square_network",
]

#: Deepest composition the float64 closed form accepts (2^s x must not overflow).
MAX_FLOAT_DEPTH = 1000


def hat_network() -> DenseNetwork:
    """The hat g = 2σ(x) − 4σ(x − ½) + 2σ(x − 1) as a one-hidden-layer ReLU network.

    Returns
    -------
    DenseNetwork
        3 units, 10 parameters; g = 0 outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> hat_network()(np.array([-1.0, 0.25, 0.5, 0.75, 2.0])).tolist()
    [0.0, 0.5, 1.0, 0.5, 0.0]
    """
    return DenseNetwork((np.ones((3, 1)), np.array([[2.0, -4.0, 2.0]])),
                        (np.array([0.0, -0.5, -1.0]), np.zeros(1)), "relu")


def sawtooth_network(s: int) -> DenseNetwork:
    """The sawtooth g_s = g ∘ … ∘ g (s times) as a ReLU network of width 3 and depth s + 1.

    Parameters
    ----------
    s : int
        Number of compositions, s ≥ 1.

    Returns
    -------
    DenseNetwork
        s hidden layers of 3 units; 12s − 2 parameters.

    Examples
    --------
    >>> import numpy as np
    >>> sawtooth_network(2)(np.array([0.0, 0.25, 0.5, 0.75, 1.0])).tolist()
    [0.0, 1.0, 0.0, 1.0, 0.0]
    """
    s = check_integer("s", s, min_value=1)
    net = hat_network()
    for _ in range(s - 1):
        net = compose(hat_network(), net)
    return net


def sawtooth(x, *, s: int) -> np.ndarray:
    """Closed-form sawtooth g_s(x), vectorised, exact for float64 inputs.

    Parameters
    ----------
    x : array_like
        Any finite reals (g_s = 0 outside [0, 1]).
    s : int
        1 ≤ s ≤ ``MAX_FLOAT_DEPTH``.

    Returns
    -------
    ndarray
        Same shape as ``x``.

    Notes
    -----
    With t = 2^s x mod 2, g_s(x) = t for t ≤ 1 and 2 − t otherwise.  ``ldexp``,
    ``mod`` by 2 and 2 − t (Sterbenz) are exact in float64, so the result is the
    exact value of g_s at the float x — equal to the network's output bit for bit.

    Examples
    --------
    >>> sawtooth([0.125, 0.375, 0.5], s=2).tolist()
    [0.5, 0.5, 0.0]
    """
    s = check_integer("s", s, min_value=1, max_value=MAX_FLOAT_DEPTH)
    x = check_finite_array("x", x)
    t = np.mod(np.ldexp(x, s), 2.0)
    g = np.where(t <= 1.0, t, 2.0 - t)
    return np.where((x >= 0.0) & (x <= 1.0), g, 0.0)


def sawtooth_exact(x, *, s: int) -> np.ndarray:
    """g_s(x) in exact rational arithmetic (any depth s ≥ 1).

    Parameters
    ----------
    x : number or sequence of numbers
        Converted with :class:`fractions.Fraction` (floats exactly).
    s : int
        s ≥ 1, no upper limit.

    Returns
    -------
    ndarray of Fraction (dtype object)

    Examples
    --------
    >>> [str(v) for v in sawtooth_exact(["1/3"], s=60)]
    ['2/3']
    """
    s = check_integer("s", s, min_value=1)
    xs = np.atleast_1d(fraction_array(x, name="x"))
    t = (xs * (2 ** s)) % 2
    g = np.where(t <= 1, t, 2 - t)
    return np.where((xs >= 0) & (xs <= 1), g, Fraction(0))


def square_approximant(x, *, m: int) -> np.ndarray:
    """Closed form f_m(x) = x − Σ_{s=1}^m g_s(x)/4^s on [0, 1], vectorised.

    Parameters
    ----------
    x : array_like
        Points in [0, 1].
    m : int
        0 ≤ m ≤ ``MAX_FLOAT_DEPTH`` (f_0(x) = x).

    Returns
    -------
    ndarray

    Raises
    ------
    ValueError
        If some x lies outside [0, 1].

    Examples
    --------
    >>> square_approximant([0.0, 0.25, 0.5, 1.0], m=1).tolist()
    [0.0, 0.125, 0.25, 1.0]
    """
    m = check_integer("m", m, min_value=0, max_value=MAX_FLOAT_DEPTH)
    x = _check_unit_interval(x)
    y = x.copy()
    for s in range(1, m + 1):
        y -= np.ldexp(sawtooth(x, s=s), -2 * s)
    return y


def square_approximant_exact(x, *, m: int) -> np.ndarray:
    """f_m(x) in exact rational arithmetic at rational points of [0, 1].

    Parameters
    ----------
    x : number or sequence of numbers
        Rationals in [0, 1] (converted with :class:`fractions.Fraction`).
    m : int
        m ≥ 0, no upper limit.

    Returns
    -------
    ndarray of Fraction (dtype object)

    Examples
    --------
    >>> [str(v) for v in square_approximant_exact(["3/8", "1/3"], m=3)]
    ['9/64', '11/96']
    """
    m = check_integer("m", m, min_value=0)
    xs = np.atleast_1d(fraction_array(x, name="x"))
    if np.any((xs < 0) | (xs > 1)):
        raise ValueError("x has entries outside [0, 1]; allowed: 0 <= x <= 1")
    y, u = xs.copy(), xs.copy()
    for s in range(1, m + 1):
        u = np.where(u <= Fraction(1, 2), 2 * u, 2 - 2 * u)
        y = y - u / Fraction(4 ** s)
    return y


def yarotsky_square_network(m: int, *, weight_base: int = 4,
                            activation: str = "relu") -> DenseNetwork:
    """f_m as a dense network of width 3 with m hidden layers (no skip connections).

    Parameters
    ----------
    m : int
        Number of hidden layers, m ≥ 1.
    weight_base : int
        The sawtooth of layer s enters with weight ``weight_base**-s``; 4 is
        Yarotsky's construction, 2 is the negative control ("weights 2^{−s}").
    activation : str
        ``"relu"``; ``"identity"`` gives the affine negative control.

    Returns
    -------
    DenseNetwork
        3m units, m + 1 affine layers, exactly 12m − 2 parameters.

    Notes
    -----
    With u₀ = y₀ = x, hidden layer s computes σ(u_{s−1}), σ(u_{s−1} − ½), σ(y_{s−1});
    the next affine map forms u_s = 2σ(u) − 4σ(u − ½) = g_s(x) (valid because
    u ∈ [0, 1] makes σ(u − 1) = 0) and y_s = σ(y) − u_s/4^s = f_s(x) (σ(y) = y
    because f_{s−1} ≥ x² ≥ 0); the output layer is y_m.  Counts: 6 + 12(m − 1) + 4.
    Agreement with the closed form holds on [0, 1] only; for ``weight_base=2``
    the y_s go negative and σ clips them, so the network is *not*
    x − Σ g_s/2^s — judge it by its own exact pieces (:func:`sup_error_against_square`).

    Examples
    --------
    >>> net = yarotsky_square_network(2)
    >>> net.n_params, net.n_units, net.width
    (22, 6, 3)
    >>> net([0.0, 0.25, 0.5, 1.0]).tolist()
    [0.0, 0.0625, 0.25, 1.0]
    """
    m = check_integer("m", m, min_value=1)
    base = check_integer("weight_base", weight_base, min_value=2)
    weights = [np.ones((3, 1))]
    biases = [np.array([0.0, -0.5, 0.0])]
    for s in range(1, m + 1):
        c = float(Fraction(1, base ** s))
        readout = np.array([-2.0 * c, 4.0 * c, 1.0])  # y_s = σ(y) − c·(2σ(u) − 4σ(u − ½))
        if s < m:
            weights.append(np.array([[2.0, -4.0, 0.0], [2.0, -4.0, 0.0], readout]))
            biases.append(np.array([0.0, -0.5, 0.0]))
        else:
            weights.append(readout[None, :])
            biases.append(np.zeros(1))
    return DenseNetwork(tuple(weights), tuple(biases), activation)


def square_approximant_error(m: int) -> Fraction:
    """Yarotsky's exact sup error 2^{−2m−2} of f_m against x² on [0, 1].

    Examples
    --------
    >>> square_approximant_error(3)
    Fraction(1, 256)
    """
    m = check_integer("m", m, min_value=0)
    return Fraction(1, 4 ** (m + 1))


def shallow_square_error_lower_bound(units: int) -> Fraction:
    """Lower bound 1/(8(U + 1)²) for one-hidden-layer ReLU nets with U units approximating x².

    Notes
    -----
    Such a net is piecewise linear with at most U + 1 pieces; on a piece of
    length h the best line is off x² by h²/8, and pieces of equal length
    1/(U + 1) minimise the worst piece.  U = 0 gives 1/8, the best affine error.

    Examples
    --------
    >>> shallow_square_error_lower_bound(3)
    Fraction(1, 128)
    """
    u = check_integer("units", units, min_value=0)
    return Fraction(1, 8 * (u + 1) ** 2)


@dataclass(frozen=True)
class SquareErrorCertificate:
    """Exact sup of |network − x²| over [0, 1], from an exact piece enumeration.

    Attributes
    ----------
    error : Fraction
        sup_{x∈[0,1]} |net(x) − x²|.
    argmax : tuple of Fraction
        Every point where the sup is attained.
    one_sided : bool
        Whether net(x) ≥ x² on all of [0, 1].
    n_pieces : int
        Number of affine pieces of the network on [0, 1].
    """

    error: Fraction
    argmax: tuple[Fraction, ...]
    one_sided: bool
    n_pieces: int


def sup_error_against_square(network: DenseNetwork) -> SquareErrorCertificate:
    """Exact sup error of a scalar 1-D ReLU (or identity) network against x² on [0, 1].

    Parameters
    ----------
    network : DenseNetwork
        Scalar input and output, activation ``"relu"`` or ``"identity"``.

    Returns
    -------
    SquareErrorCertificate

    Notes
    -----
    :func:`constructions.networks.algebra.exact_pieces` gives the breakpoints and
    values in rationals.  On a piece [a, b] the network is a line L and
    e(x) = L(x) − x² is a concave parabola, so sup |e| over the piece is the
    largest of |e(a)|, |e(b)| and, if the vertex x* = slope/2 lies in [a, b],
    |e(x*)|.  Every step is exact.

    Examples
    --------
    >>> cert = sup_error_against_square(yarotsky_square_network(1))
    >>> cert.error, [str(t) for t in cert.argmax], cert.one_sided
    (Fraction(1, 16), ['1/4', '3/4'], True)
    """
    xs, vals = exact_pieces(network, interval=(0, 1))
    a, b = xs[:-1], xs[1:]
    slope = (vals[1:] - vals[:-1]) / (b - a)
    vertex = slope / 2
    inside = (vertex > a) & (vertex < b)
    vertex = np.where(inside, vertex, a)
    e_vertex = vals[:-1] + slope * (vertex - a) - vertex * vertex
    e_nodes = vals - xs * xs
    candidates = np.concatenate([xs, vertex[inside]])
    errors = np.concatenate([e_nodes, e_vertex[inside]])
    magnitude = np.abs(errors)
    worst = max(magnitude)
    argmax = tuple(sorted(set(candidates[magnitude == worst])))
    # e is concave on each piece, so its minimum over [0, 1] is at a breakpoint
    one_sided = bool(min(e_nodes) >= 0)
    return SquareErrorCertificate(error=worst, argmax=argmax, one_sided=one_sided,
                                  n_pieces=len(xs) - 1)


def _check_unit_interval(x) -> np.ndarray:
    arr = check_finite_array("x", x)
    if np.any((arr < 0.0) | (arr > 1.0)):
        lo, hi = float(np.min(arr)), float(np.max(arr))
        raise ValueError(f"x ranges over [{lo!r}, {hi!r}]; allowed: 0 <= x <= 1")
    return arr

