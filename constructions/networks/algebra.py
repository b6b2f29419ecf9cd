"""Algebra of dense networks: affine maps, composition, parallel stacking, exact evaluation.

Constructive proofs build big networks out of small ones: Yarotsky's product
×̃ runs three copies of the square approximant side by side and reads off a
linear combination; the jump network of Imaizumi–Fukumizu feeds a boundary
approximant into a two-unit step.  The operations here do that wiring once,
so a construction only states *what* it combines.

Notes
-----
* ``compose(outer, inner)`` merges the last affine map of ``inner`` with the
  first affine map of ``outer`` (A₁ᵒ(Aᴸⁱ h + bᴸⁱ) + b₁ᵒ), so it adds no layer:
  depth(outer ∘ inner) = depth(outer) + depth(inner) − 1.
* ``stack_parallel`` places networks of equal depth block-diagonally; with
  ``shared_input=True`` they read the same input instead of consecutive slices.
* ``relu_identity_network`` realises t = σ(t) − σ(−t): the exact pass-through
  a ReLU network needs to carry a coordinate alongside a computation.
* ``evaluate_exact`` and ``exact_pieces`` work in :class:`fractions.Fraction`;
  every float weight is a dyadic rational, so the result is the *exact* value
  of the network that the float weights define (no rounding anywhere).

References
----------
D. Yarotsky, "Error bounds for approximations with deep ReLU networks",
Neural Networks 94 (2017) 103–114 (parallelisation and composition, §3).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from scipy.linalg import block_diag

from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array, check_integer, check_one_of

__all__ = [
    "affine_network",
    "compose",
    "evaluate_exact",
    "exact_pieces",
    "fraction_array",
    "relu_abs_network",
    "relu_identity_network",
    "stack_parallel",
]

_EXACT_ACTIVATIONS = ("relu", "identity")


def affine_network(matrix, bias=None, *, activation: str = "relu") -> DenseNetwork:
    """The affine map x ↦ A x + b as a network with no hidden layer.

    Parameters
    ----------
    matrix : array_like, shape (d_out, d_in)
    bias : array_like, shape (d_out,), optional
        Zero when omitted.
    activation : str
        Carried only so that the result composes with networks of that activation.

    Returns
    -------
    DenseNetwork
        Depth 1, no units.

    Examples
    --------
    >>> import numpy as np
    >>> affine_network([[1.0, 1.0]])(np.array([[2.0, 3.0]])).tolist()
    [5.0]
    """
    a = check_finite_array("matrix", matrix, ndim=2)
    b = np.zeros(a.shape[0]) if bias is None else check_finite_array("bias", bias, ndim=1)
    return DenseNetwork((a,), (b,), activation)


def compose(outer: DenseNetwork, inner: DenseNetwork) -> DenseNetwork:
    """The network of ``outer ∘ inner``, merging the two adjacent affine maps.

    Parameters
    ----------
    outer, inner : DenseNetwork
        Same activation; ``outer.input_dim == inner.output_dim``.

    Returns
    -------
    DenseNetwork
        Hidden layers of ``inner`` followed by those of ``outer``.

    Raises
    ------
    ValueError
        If the activations differ or the dimensions do not match.

    Notes
    -----
    The merged layer is (A₁ᵒ Aᴸⁱ, A₁ᵒ bᴸⁱ + b₁ᵒ); the product is formed in
    float64, which is exact for the dyadic weights of the constructions here.

    Examples
    --------
    >>> import numpy as np
    >>> double = affine_network([[2.0]])
    >>> compose(double, relu_identity_network(1))(np.array([-1.5, 2.0])).tolist()
    [-3.0, 4.0]
    """
    _check_network("outer", outer)
    _check_network("inner", inner)
    if outer.activation != inner.activation:
        raise ValueError(f"outer.activation={outer.activation!r} but inner.activation="
                         f"{inner.activation!r}; allowed: equal activations")
    if outer.input_dim != inner.output_dim:
        raise ValueError(f"outer.input_dim={outer.input_dim} but inner.output_dim="
                         f"{inner.output_dim}; allowed: equal")
    merged_w = outer.weights[0] @ inner.weights[-1]
    merged_b = outer.weights[0] @ inner.biases[-1] + outer.biases[0]
    weights = (*inner.weights[:-1], merged_w, *outer.weights[1:])
    biases = (*inner.biases[:-1], merged_b, *outer.biases[1:])
    return DenseNetwork(weights, biases, outer.activation)


def stack_parallel(networks, *, shared_input: bool = False) -> DenseNetwork:
    """Run networks of equal depth side by side (block-diagonal weights).

    Parameters
    ----------
    networks : sequence of DenseNetwork
        At least one; all with the same depth and activation.
    shared_input : bool
        If True every network reads the same input (all input dims equal);
        otherwise the input is the concatenation of the networks' inputs.

    Returns
    -------
    DenseNetwork
        Output is the concatenation of the outputs; hidden widths add up.

    Raises
    ------
    ValueError
        On an empty list, unequal depths or activations, or (shared input)
        unequal input dimensions.

    Examples
    --------
    >>> import numpy as np
    >>> pair = stack_parallel([relu_abs_network(1), relu_identity_network(1)])
    >>> pair(np.array([[-2.0, -3.0]])).tolist()
    [[2.0, -3.0]]
    """
    nets = list(networks)
    if not nets:
        raise ValueError("networks=[] is empty; allowed: at least one network")
    for i, net in enumerate(nets):
        _check_network(f"networks[{i}]", net)
    depths = {net.depth for net in nets}
    if len(depths) != 1:
        raise ValueError(f"networks have depths {sorted(depths)}; allowed: one common depth "
                         "(pad the shallower ones with relu_identity_network)")
    activations = {net.activation for net in nets}
    if len(activations) != 1:
        raise ValueError(f"networks have activations {sorted(activations)}; allowed: one")
    if shared_input:
        dims = {net.input_dim for net in nets}
        if len(dims) != 1:
            raise ValueError(f"shared_input=True but input dims are {sorted(dims)}; allowed: equal")
        first = np.vstack([net.weights[0] for net in nets])
    else:
        first = block_diag(*[net.weights[0] for net in nets])
    weights = [first] + [block_diag(*[net.weights[l] for net in nets])
                         for l in range(1, nets[0].depth)]
    biases = [np.concatenate([net.biases[l] for net in nets]) for l in range(nets[0].depth)]
    return DenseNetwork(tuple(weights), tuple(biases), nets[0].activation)


def relu_identity_network(dim: int, *, n_hidden_layers: int = 1) -> DenseNetwork:
    """The identity on R^dim as a ReLU network: t = σ(t) − σ(−t), layer after layer.

    Parameters
    ----------
    dim : int
        Number of coordinates carried (≥ 1).
    n_hidden_layers : int
        Number of hidden layers (≥ 1), each of width 2·dim.

    Returns
    -------
    DenseNetwork

    Examples
    --------
    >>> import numpy as np
    >>> relu_identity_network(1, n_hidden_layers=3)(np.array([-0.5, 0.25])).tolist()
    [-0.5, 0.25]
    """
    d = check_integer("dim", dim, min_value=1)
    h = check_integer("n_hidden_layers", n_hidden_layers, min_value=1)
    eye = np.eye(d)
    split = np.vstack([eye, -eye])
    merge = np.hstack([eye, -eye])
    weights = [split] + [split @ merge] * (h - 1) + [merge]
    biases = [np.zeros(2 * d)] * h + [np.zeros(d)]
    return DenseNetwork(tuple(weights), tuple(biases), "relu")


def relu_abs_network(dim: int) -> DenseNetwork:
    """Coordinatewise |t| = σ(t) + σ(−t) as a one-hidden-layer ReLU network of width 2·dim.

    Examples
    --------
    >>> import numpy as np
    >>> relu_abs_network(1)(np.array([-0.75, 0.5])).tolist()
    [0.75, 0.5]
    """
    d = check_integer("dim", dim, min_value=1)
    eye = np.eye(d)
    return DenseNetwork((np.vstack([eye, -eye]), np.hstack([eye, eye])),
                        (np.zeros(2 * d), np.zeros(d)), "relu")


def evaluate_exact(network: DenseNetwork, points) -> np.ndarray:
    """Evaluate a ReLU (or identity) network in exact rational arithmetic.

    Parameters
    ----------
    network : DenseNetwork
        Activation ``"relu"`` or ``"identity"``.
    points : sequence of numbers, or of sequences (one per input coordinate)
        Converted with :class:`fractions.Fraction` (floats exactly, strings like ``"1/3"``).

    Returns
    -------
    ndarray of Fraction, dtype object
        Shape (n,) for scalar output, else (n, output_dim).

    Raises
    ------
    ValueError
        For another activation, or points of the wrong shape.

    Notes
    -----
    Every float64 weight is a dyadic rational p/2^k, converted exactly; the
    arithmetic is then exact, so this is the value of the network the floats
    *define* — the reference against which float evaluation is judged.

    Examples
    --------
    >>> from fractions import Fraction
    >>> evaluate_exact(relu_abs_network(1), [Fraction(-1, 3)]).tolist()
    [Fraction(1, 3)]
    """
    _check_network("network", network)
    check_one_of("network.activation", network.activation, _EXACT_ACTIVATIONS)
    z = fraction_array(points, name="points")
    if z.ndim == 1:
        z = z[:, None]
    if z.ndim != 2 or z.shape[1] != network.input_dim:
        raise ValueError(f"points has shape {z.shape}; allowed: (n,) or (n, {network.input_dim})")
    relu = network.activation == "relu"
    last = network.depth - 1
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        z = z @ fraction_array(w).T + fraction_array(b)
        if i < last and relu:
            z = np.where(z > 0, z, Fraction(0))
    return z[:, 0] if network.output_dim == 1 else z


def exact_pieces(network: DenseNetwork, interval=(0, 1)) -> tuple[np.ndarray, np.ndarray]:
    """Exact breakpoints and values of a scalar 1-D ReLU network on an interval.

    Parameters
    ----------
    network : DenseNetwork
        Input and output dimension 1, activation ``"relu"`` or ``"identity"``.
    interval : pair of numbers
        Closed interval [a, b], a < b (converted to Fraction).

    Returns
    -------
    breakpoints : ndarray of Fraction
        Sorted, including a and b; the network is affine between consecutive entries.
    values : ndarray of Fraction
        The network at the breakpoints.

    Notes
    -----
    Layer by layer each unit's pre-activation is affine between the current
    breakpoints, so its sign changes at most once per piece, at the rational
    point a + (b − a) z_a / (z_a − z_b); those zeros are inserted (with the
    layer's values there obtained by linear interpolation) before σ is applied.
    The result is an exact piece enumeration, not a sampling.

    Examples
    --------
    >>> bp, vals = exact_pieces(relu_abs_network(1), interval=(-1, 1))
    >>> [str(t) for t in bp], [str(v) for v in vals]
    (['-1', '0', '1'], ['1', '0', '1'])
    """
    _check_network("network", network)
    check_one_of("network.activation", network.activation, _EXACT_ACTIVATIONS)
    if network.input_dim != 1 or network.output_dim != 1:
        raise ValueError(f"network maps R^{network.input_dim} to R^{network.output_dim}; "
                         "allowed: scalar input and output")
    ends = fraction_array(interval, name="interval")
    if ends.shape != (2,):
        raise ValueError(f"interval={interval!r} has shape {ends.shape}; "
                         "allowed: a pair (lower, upper)")
    lo, hi = ends
    if not lo < hi:
        raise ValueError(f"interval={interval!r} is empty or inverted; allowed: lower < upper")
    xs = np.array([lo, hi], dtype=object)
    h = xs[:, None]
    relu = network.activation == "relu"
    last = network.depth - 1
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        pre = h @ fraction_array(w).T + fraction_array(b)
        if i < last and relu:
            xs, pre = _insert_zero_crossings(xs, pre)
            pre = np.where(pre > 0, pre, Fraction(0))
        h = pre
    values = h[:, 0]
    # drop breakpoints where the slope does not change (kept only the true kinks)
    keep = np.ones(len(xs), dtype=bool)
    if len(xs) > 2:
        slopes = (values[1:] - values[:-1]) / (xs[1:] - xs[:-1])
        keep[1:-1] = slopes[1:] != slopes[:-1]
    return xs[keep], values[keep]


def _insert_zero_crossings(xs: np.ndarray, pre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Insert every strict sign change of every column of ``pre`` between breakpoints."""
    za, zb = pre[:-1], pre[1:]
    crossing = ((za > 0) & (zb < 0)) | ((za < 0) & (zb > 0))
    piece, unit = np.nonzero(crossing)
    if piece.size == 0:
        return xs, pre
    frac = za[piece, unit] / (za[piece, unit] - zb[piece, unit])
    new_x = xs[piece] + (xs[piece + 1] - xs[piece]) * frac
    new_pre = pre[piece] + (pre[piece + 1] - pre[piece]) * frac[:, None]
    all_x = np.concatenate([xs, new_x])
    all_pre = np.concatenate([pre, new_pre])
    order = sorted(range(len(all_x)), key=all_x.__getitem__)
    all_x, all_pre = all_x[order], all_pre[order]
    distinct = np.concatenate([[True], all_x[1:] != all_x[:-1]])
    return all_x[distinct], all_pre[distinct]


def fraction_array(values, *, name: str = "values") -> np.ndarray:
    """``values`` as an object array of exact :class:`fractions.Fraction` entries.

    Raises
    ------
    ValueError
        If an entry is not a finite rational (NaN, inf, non-numeric string).

    Examples
    --------
    >>> fraction_array([0.5, "1/3"]).tolist()
    [Fraction(1, 2), Fraction(1, 3)]
    """
    arr = np.asarray(values, dtype=object)
    flat = []
    for v in arr.ravel():
        try:
            flat.append(v if isinstance(v, Fraction) else Fraction(v))
        except (TypeError, ValueError, OverflowError):
            raise ValueError(f"{name} has entry {v!r}, which is not a finite rational number; "
                             "allowed: finite rationals") from None
    out = np.empty(arr.shape, dtype=object)
    out.ravel()[:] = flat
    return out


def _check_network(name: str, net) -> None:
    if not isinstance(net, DenseNetwork):
        raise ValueError(f"{name}={type(net).__name__} is not a DenseNetwork")
