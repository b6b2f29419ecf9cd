"""Dense feed-forward networks: representation, evaluation, parameter counting.

A network is the lecture's

    f(x) = A_L σ(A_{L-1} σ(… σ(A_1 x + b_1) …) + b_{L-1}) + b_L,

a sequence of affine layers with one activation σ applied after every layer
but the last.  Conventions (decided once, see CLAIMS.md "Conventions"):

* ``depth`` counts **affine layers** L (the lecture's and Mhaskar's "L = 2" is
  one hidden layer); ``n_hidden_layers`` = L − 1 is Lu et al.'s depth.
* ``width`` N is the largest number of units in a hidden layer.
* ``n_params`` W counts every weight **and** bias entry (Bartlett et al. 2019);
  ``n_nonzero_params`` is Imaizumi–Fukumizu's S.

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 深層学習入門 「深さと幅」.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from constructions.networks.activations import LEAKY_RELU_SLOPE, activation_function
from constructions.validation import check_finite_array, check_integer

__all__ = ["DenseNetwork", "dense_parameter_count", "network_from_layers"]


@dataclass(frozen=True, eq=False)
class DenseNetwork:
    """A fully connected network with one activation.

    Parameters
    ----------
    weights : tuple of ndarray
        ``weights[l]`` has shape ``(units_out, units_in)``.
    biases : tuple of ndarray
        ``biases[l]`` has shape ``(units_out,)``.
    activation : str
        Name from :data:`constructions.networks.activations.ACTIVATIONS`.

    Examples
    --------
    >>> import numpy as np
    >>> hat = network_from_layers(
    ...     [(np.array([[1.0], [1.0], [1.0]]), np.array([0.0, -0.5, -1.0])),
    ...      (np.array([[2.0, -4.0, 2.0]]), np.array([0.0]))], activation="relu")
    >>> hat(np.array([0.0, 0.25, 0.5, 1.0])).tolist()
    [0.0, 0.5, 1.0, 0.0]
    >>> hat.depth, hat.width, hat.n_params
    (2, 3, 10)
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    activation: str

    def __post_init__(self) -> None:
        activation_function(self.activation)
        if len(self.weights) == 0:
            raise ValueError("weights=() is empty; allowed: at least one affine layer")
        if len(self.weights) != len(self.biases):
            raise ValueError(
                f"len(weights)={len(self.weights)} but len(biases)={len(self.biases)}; "
                "allowed: one bias vector per affine layer"
            )
        weights, biases = [], []
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            w = check_finite_array(f"weights[{i}]", w, ndim=2)
            b = check_finite_array(f"biases[{i}]", b, ndim=1)
            if 0 in w.shape:
                raise ValueError(f"weights[{i}] has shape {w.shape}; allowed: no zero dimension "
                                 "(input_dim and every width >= 1)")
            if b.shape[0] != w.shape[0]:
                raise ValueError(f"biases[{i}] has {b.shape[0]} entries but weights[{i}] has "
                                 f"{w.shape[0]} rows; allowed: equal")
            if i > 0 and w.shape[1] != weights[-1].shape[0]:
                raise ValueError(f"weights[{i}] takes {w.shape[1]} inputs but layer {i - 1} has "
                                 f"{weights[-1].shape[0]} units; allowed: equal")
            w.setflags(write=False)
            b.setflags(write=False)
            weights.append(w)
            biases.append(b)
        object.__setattr__(self, "weights", tuple(weights))
        object.__setattr__(self, "biases", tuple(biases))

    # -- architecture ---------------------------------------------------
    @property
    def input_dim(self) -> int:
        return int(self.weights[0].shape[1])

    @property
    def output_dim(self) -> int:
        return int(self.weights[-1].shape[0])

    @property
    def depth(self) -> int:
        """Number of affine layers L (hidden layers + output layer)."""
        return len(self.weights)

    @property
    def n_hidden_layers(self) -> int:
        return len(self.weights) - 1

    @property
    def hidden_widths(self) -> tuple[int, ...]:
        return tuple(int(w.shape[0]) for w in self.weights[:-1])

    @property
    def width(self) -> int:
        """Largest hidden layer (0 for an affine map)."""
        return max(self.hidden_widths, default=0)

    @property
    def n_units(self) -> int:
        """Number of hidden computation units (activations)."""
        return sum(self.hidden_widths)

    @property
    def n_params(self) -> int:
        """Number of weights and biases W, as an exact integer."""
        return sum(int(w.size) + int(b.size) for w, b in zip(self.weights, self.biases, strict=True))

    @property
    def n_nonzero_params(self) -> int:
        """Number of non-zero weights and biases S."""
        return sum(int(np.count_nonzero(w)) + int(np.count_nonzero(b))
                   for w, b in zip(self.weights, self.biases, strict=True))

    # -- evaluation -----------------------------------------------------
    def __call__(self, x) -> np.ndarray:
        """Evaluate at a batch of points.

        Parameters
        ----------
        x : array_like, shape (n,) when ``input_dim == 1``, or (n, input_dim)

        Returns
        -------
        ndarray, shape (n,) for scalar output, else (n, output_dim)
        """
        z = check_finite_array("x", x, ndim=(1, 2))
        if z.ndim == 1:
            if self.input_dim != 1:
                raise ValueError(f"x has shape {z.shape}; allowed: (n, {self.input_dim})")
            z = z[:, None]
        elif z.shape[1] != self.input_dim:
            raise ValueError(f"x has shape {z.shape}; allowed: (n, {self.input_dim})")
        out = _evaluate_blocked(self.weights, self._bias_columns, self.activation, z)
        return out[:, 0] if self.output_dim == 1 else out

    @cached_property
    def _bias_columns(self) -> tuple[np.ndarray, ...]:
        """The biases as (units, 1) columns, for the (units, points) layout."""
        return tuple(b[:, None] for b in self.biases)

    def hidden_preactivations(self, x) -> list[np.ndarray]:
        """Pre-activations of every hidden layer at ``x`` (shape (n, units) each)."""
        z = check_finite_array("x", x, ndim=(1, 2))
        z = z[:, None] if z.ndim == 1 else z
        sigma = activation_function(self.activation)
        out = []
        for w, b in zip(self.weights[:-1], self.biases[:-1], strict=True):
            pre = z @ w.T + b
            out.append(pre)
            z = sigma(pre)
        return out


# -- evaluation kernel ----------------------------------------------------
#: Points per block: a block's activations, units × block float64 entries, are kept at most
#: 64 MiB per buffer (three buffers) and within these bounds.  Wide layers want long blocks: the
#: BLAS product of a 1024 × 1024 layer with 1024 points threads worse than with 8192 (quiet
#: machine, 6 interleaved repetitions: 2^23 entries against 2^20 made width-1024 nets 1.06–1.21×
#: faster in median, width-256 nets 0.97–1.05×, i.e. within noise).
_BLOCK_ELEMENTS = 2**23
_MIN_BLOCK, _MAX_BLOCK = 256, 8192

#: Below this argument exp(−z) overflows; there σ(z) = e^z to within rounding (e^z < 2^−1021).
_SIGMOID_TAIL = -708.0


def _relu_(z: np.ndarray, scratch: np.ndarray) -> None:
    # scratch starts as zeros and relu never writes it: numpy's maximum against an array is
    # vectorised, against the scalar 0.0 it is several times slower
    np.maximum(z, scratch, out=z)


def _leaky_relu_(z: np.ndarray, scratch: np.ndarray) -> None:
    # for 0 < slope < 1, max(z, slope·z) is z for z ≥ 0 and slope·z for z < 0
    np.multiply(z, LEAKY_RELU_SLOPE, out=scratch)
    np.maximum(z, scratch, out=z)


def _sigmoid_(z: np.ndarray, scratch: np.ndarray) -> None:
    # 1/(1 + e^{−z}) in place: ≤ 2 ulp (exp ≤ 1 ulp, add and divide ½ ulp each); in the far
    # negative tail, where e^{−z} overflows, σ(z) = e^z/(1 + e^z) rounds to e^z
    if z.size and z.min() < _SIGMOID_TAIL:
        tail = z < _SIGMOID_TAIL
        tail_values = np.exp(z[tail])
        with np.errstate(over="ignore"):
            _sigmoid_chain(z)
        z[tail] = tail_values
    else:
        _sigmoid_chain(z)


def _sigmoid_chain(z: np.ndarray) -> None:
    np.negative(z, out=z)
    np.exp(z, out=z)
    np.add(z, 1.0, out=z)
    np.divide(1.0, z, out=z)


def _tanh_(z: np.ndarray, scratch: np.ndarray) -> None:
    np.tanh(z, out=z)


def _identity_(z: np.ndarray, scratch: np.ndarray) -> None:
    pass


def _square_(z: np.ndarray, scratch: np.ndarray) -> None:
    np.multiply(z, z, out=z)


#: In-place versions of :data:`constructions.networks.activations.ACTIVATIONS` (same values; the
#: sigmoid within 2 ulp of the correctly rounded logistic, and accurate in the subnormal tail).
_IN_PLACE = {"relu": _relu_, "leaky_relu": _leaky_relu_, "sigmoid": _sigmoid_,
             "tanh": _tanh_, "identity": _identity_, "square": _square_}


def _evaluate_blocked(weights: tuple[np.ndarray, ...], bias_columns: tuple[np.ndarray, ...],
                      activation: str, x: np.ndarray) -> np.ndarray:
    """Forward pass over blocks of points in the (units, points) layout.

    A block of points is carried through the layers in two preallocated buffers of shape
    (units, block): the matrix product A_l z writes into one, the bias is added and the
    activation applied in place, on a contiguous slab that stays in cache.  Narrow deep
    networks (width 3–8) gain most from the layout, wide ones from the blocking.  The
    arithmetic per entry is that of ``z @ A.T + b`` (product, then bias), so exact
    constructions stay exact; the last layer writes straight into the (points, units) output.
    """
    n, d = x.shape
    if n == 0:
        return np.zeros((0, weights[-1].shape[0]))
    sigma = _IN_PLACE.get(activation)
    generic = activation_function(activation)
    rows = max([d, *(w.shape[0] for w in weights[:-1])])
    block = int(min(n, _MAX_BLOCK, max(_MIN_BLOCK, _BLOCK_ELEMENTS // rows)))
    buffers = np.empty((rows, block)), np.empty((rows, block))
    scratch = np.zeros((rows, block))
    out = np.empty((n, weights[-1].shape[0]))
    last = len(weights) - 1
    for start in range(0, n, block):
        k = min(block, n - start)
        z = x[start:start + k].T
        for i in range(last):
            units = weights[i].shape[0]
            pre = buffers[i % 2][:units, :k]
            np.matmul(weights[i], z, out=pre)
            np.add(pre, bias_columns[i], out=pre)
            if sigma is not None:
                sigma(pre, scratch[:units, :k])
            else:  # an activation without an in-place kernel
                pre[...] = generic(pre)
            z = pre
        rows_out = out[start:start + k]
        np.matmul(z.T, weights[last].T, out=rows_out)
        np.add(rows_out, bias_columns[last][:, 0], out=rows_out)
    return out


def network_from_layers(layers, *, activation: str) -> DenseNetwork:
    """Build a :class:`DenseNetwork` from ``[(W_1, b_1), …, (W_L, b_L)]``.

    Raises
    ------
    ValueError
        For an unknown ``activation``, or ``layers`` that are empty, not ``(W, b)`` pairs, or
        whose arrays are not finite or do not chain (messages name ``layers``).
    """
    activation_function(activation)
    try:
        layers = list(layers)
    except TypeError:
        raise ValueError(f"layers={layers!r} must be a sequence of (W, b) pairs") from None
    if not layers:
        raise ValueError("layers=[] is empty; allowed: at least one (W, b) pair")
    pairs = []
    for i, layer in enumerate(layers):
        try:
            w, b = layer
        except (TypeError, ValueError):
            raise ValueError(f"layers[{i}]={layer!r} must be a (W, b) pair") from None
        pairs.append((w, b))
    try:
        return DenseNetwork(tuple(np.asarray(w, dtype=float) for w, _ in pairs),
                            tuple(np.asarray(b, dtype=float) for _, b in pairs), activation)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"layers: {exc} (weights[l], biases[l] = layers[l])") from None


def dense_parameter_count(input_dim: int, hidden_widths, output_dim: int = 1) -> int:
    """Number of weights and biases of a dense network, by layer sizes.

    Counts entries layer by layer, Σ_l n_l (n_{l−1} + 1) with n_0 = d; this is the
    reference counter against which closed forms are checked.

    Examples
    --------
    >>> dense_parameter_count(2, [1], 1)
    5
    """
    d = check_integer("input_dim", input_dim, min_value=1)
    widths = [check_integer(f"hidden_widths[{i}]", n, min_value=1) for i, n in enumerate(hidden_widths)]
    d_out = check_integer("output_dim", output_dim, min_value=1)
    sizes = [d, *widths, d_out]
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
