"""A network as a certifiable target (constructions.certification.network_target.NetworkTarget).

The target is the function of one stored network; like :class:`DenseNetwork` and every other
target it is an object compared by identity, never by value.
"""

import numpy as np

from constructions.certification.network_target import NetworkTarget
from constructions.networks.dense import network_from_layers


def relu_network():
    return network_from_layers([(np.array([[1.0], [-1.0]]), np.array([0.0, 0.5])),
                                (np.array([[2.0, 1.0]]), np.array([0.0]))], activation="relu")


def test_a_network_target_is_compared_by_identity_like_its_network():
    """Two targets wrapping one network are two objects: == is identity, each hashes by itself."""
    net = relu_network()
    first, second = NetworkTarget(net), NetworkTarget(net)
    assert first == first and hash(first) == hash(first)
    assert first != second, "NetworkTarget(net) == NetworkTarget(net), but should differ (identity)"
    assert len({first, second}) == 2
    assert (net == relu_network()) is False       # the wrapped DenseNetwork: identity as well


def test_a_network_target_takes_the_values_of_its_network():
    """target(x) = f_θ(x) at points, for x of shape (n,) in one dimension."""
    net = relu_network()
    x = np.array([-1.0, 0.0, 0.25, 2.0])
    assert NetworkTarget(net)(x).tolist() == net(x).tolist()
