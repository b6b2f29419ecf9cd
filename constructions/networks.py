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

import numpy as np

from .activations import activation_function
from .validation import check_finite_array, check_integer

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
        Name from :data:`constructions.activations.ACTIVATIONS`.

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
        sigma = activation_function(self.activation)
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = z @ w.T
            z += b
            if i < last:
                z = sigma(z)
        return z[:, 0] if self.output_dim == 1 else z

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


def network_from_layers(layers, *, activation: str) -> DenseNetwork:
    """Build a :class:`DenseNetwork` from ``[(W_1, b_1), …, (W_L, b_L)]``."""
    layers = list(layers)
    return DenseNetwork(tuple(np.asarray(w, dtype=float) for w, _ in layers),
                        tuple(np.asarray(b, dtype=float) for _, b in layers), activation)


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
