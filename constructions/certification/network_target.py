"""A network as a certifiable target: certify the sup distance between two networks.

:class:`NetworkTarget` lets :func:`.enclosure.certify_sup_error` bound
sup_{x∈K} |g(x) − f_θ(x)| for a second network g (e.g. a deep rearrangement against the
shallow network it approximates): values by interval bound propagation, gradients by interval
forward-mode differentiation (:mod:`.bounds`), both outward rounded, so the certificate is about
the two networks as real functions of their stored float64 weights.

References
----------
S. Gowal et al., arXiv:1810.12715 (2018) (interval bound propagation).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 深さと幅.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from constructions.certification.bounds import (
    CERTIFIABLE_ACTIVATIONS,
    _network_gradient_interval,
    _network_interval,
)
from constructions.certification.targets import Target
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_one_of

__all__ = ["NetworkTarget"]


@dataclass(frozen=True, eq=False)
class NetworkTarget(Target):
    """The function of a scalar-output :class:`DenseNetwork`, as a certifiable target.

    Parameters
    ----------
    network : DenseNetwork
        Scalar output, activation in ``CERTIFIABLE_ACTIVATIONS``.

    Raises
    ------
    ValueError
        If ``network`` is not such a network.

    Examples
    --------
    >>> from constructions.networks.dense import network_from_layers
    >>> net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
    ...                            (np.array([[2.0]]), np.array([0.0]))], activation="relu")
    >>> lo, hi = NetworkTarget(net).enclose(np.array([[0.0]]), np.array([[1.0]]))
    >>> bool(lo[0] <= 0.0 and 2.0 <= hi[0])
    True
    """

    network: DenseNetwork

    def __post_init__(self) -> None:
        if not isinstance(self.network, DenseNetwork):
            raise ValueError(f"network={self.network!r} must be a DenseNetwork")
        check_one_of("network.activation", self.network.activation, CERTIFIABLE_ACTIVATIONS)
        if self.network.output_dim != 1:
            raise ValueError(f"network.output_dim={self.network.output_dim}; allowed: 1")

    @property
    def input_dim(self) -> int:
        return self.network.input_dim

    def __call__(self, x) -> np.ndarray:
        z = self._points(x)
        return self.network(z[:, 0] if self.input_dim == 1 else z)

    def enclose(self, lo, hi):
        return _network_interval(self.network, lo, hi)

    def enclose_gradient(self, lo, hi):
        return _network_gradient_interval(self.network, lo, hi)
