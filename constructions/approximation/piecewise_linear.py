"""Continuous piecewise-linear interpolation realised exactly by ReLU networks.

1-D: the interpolant through knots x_0 < … < x_n is
y_0 + Σ_i (s_i − s_{i−1}) ReLU(x − x_i) (slopes s_{−1} = s_n = 0), one hidden layer of n + 1
units, equal to ``numpy.interp`` everywhere (constant outside [x_0, x_n]).

d ≥ 1: the interpolant on the Freudenthal (Kuhn) triangulation of the grid {0, 1/n, …, 1}^d
is Σ_v f(v) φ_v(x) with the nodal hat function, in grid units z = n x − v,

    φ_v(x) = ReLU(1 − max(0, z_1, …, z_d) + min(0, z_1, …, z_d))
           = ReLU(1 − max_i ReLU(z_i) − max_i ReLU(−z_i)).

(max − min of (0, z) is linear on every region of the arrangement z_i = 0, z_i = z_j, which
is the triangulation; it is 0 at v and ≥ 1 at every other vertex, and exactly 1 at the
vertices of the simplices that contain v.)  The network computes the 2d(n+1) ramps
ReLU(±(n x_i − g)) in its first layer, the maxima of d non-negative numbers by a pairwise tree
(max(a, b) = ReLU(a − b) + ReLU(b) for b ≥ 0), ⌈log₂ d⌉ layers, then one hat unit per vertex.

Error bounds (proved in :func:`interpolation_error_bound`): for x in a simplex with vertices
w_j and barycentric weights λ_j, I f(x) − f(x) = Σ_j λ_j (f(w_j) − f(x)).

References
----------
He, Li, Xu, Zheng, "ReLU deep neural networks and linear finite elements", J. Comput. Math.
38 (2020).  Freudenthal, Ann. Math. 43 (1942).  Lecture (今泉, 2024), 普遍近似定理 (d ≥ 2).
"""

from __future__ import annotations

import numpy as np

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "freudenthal_hat",
    "grid_vertices",
    "interpolation_error_bound",
    "kuhn_interpolant",
    "kuhn_interpolant_network",
    "relu_interpolant",
]


def relu_interpolant(knots, values) -> DenseNetwork:
    """One-hidden-layer ReLU network equal to the piecewise-linear interpolant (1-D).

    Parameters
    ----------
    knots : array_like, shape (n+1,)
        Strictly increasing, n ≥ 1.
    values : array_like, shape (n+1,)

    Returns
    -------
    DenseNetwork
        n + 1 ReLU units; equals ``np.interp(x, knots, values)`` for every real x.

    Raises
    ------
    ValueError
        Fewer than two knots, non-increasing knots, shape mismatch, non-finite entries.

    Examples
    --------
    >>> net = relu_interpolant([0.0, 0.5, 1.0], [0.0, 1.0, 0.0])
    >>> net(np.array([-1.0, 0.25, 0.5, 2.0])).tolist()
    [0.0, 0.5, 1.0, 0.0]
    """
    x = check_finite_array("knots", knots, ndim=1)
    y = check_finite_array("values", values, ndim=1)
    if x.shape[0] < 2:
        raise ValueError(f"knots has {x.shape[0]} entries; allowed: at least 2")
    if y.shape != x.shape:
        raise ValueError(f"values has shape {y.shape} but knots has {x.shape}; allowed: equal")
    if not np.all(np.diff(x) > 0):
        raise ValueError("knots must be strictly increasing")
    slopes = np.concatenate([[0.0], np.diff(y) / np.diff(x), [0.0]])
    return network_from_layers(
        [(np.ones((x.shape[0], 1)), -x), (np.diff(slopes)[None, :], np.array([y[0]]))],
        activation="relu")


def grid_vertices(*, dim, n_cells) -> np.ndarray:
    """Vertices k/n of the grid on [0,1]^dim, shape ((n+1)^dim, dim), in C order.

    Row r is the vertex whose value is ``grid_values.reshape(-1)[r]``.

    Examples
    --------
    >>> grid_vertices(dim=2, n_cells=1).tolist()
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    """
    d = check_integer("dim", dim, min_value=1)
    n = check_integer("n_cells", n_cells, min_value=1)
    return _grid_indices(d, n) / n


def _grid_indices(d: int, n: int) -> np.ndarray:
    return np.indices((n + 1,) * d).reshape(d, -1).T


def _check_grid_values(grid_values) -> tuple[np.ndarray, int, int]:
    g = check_finite_array("grid_values", grid_values)
    if g.ndim < 1 or min(g.shape) < 2 or len(set(g.shape)) != 1:
        raise ValueError(f"grid_values has shape {g.shape}; allowed: (n+1,)*dim with n >= 1")
    return g, g.ndim, g.shape[0] - 1


def freudenthal_hat(z) -> np.ndarray:
    """Nodal hat φ(z) = max(0, 1 − max(0, z) + min(0, z)) of the Freudenthal triangulation.

    ``z`` has shape (m, d) in grid units (vertex at 0, spacing 1).

    Examples
    --------
    >>> freudenthal_hat([[0.0, 0.0], [0.5, 0.5], [0.5, -0.5], [1.0, 0.0]]).tolist()
    [1.0, 0.5, 0.0, 0.0]
    """
    z = check_finite_array("z", z, ndim=2)
    top = np.maximum(z.max(axis=1), 0.0)
    bottom = np.minimum(z.min(axis=1), 0.0)
    return np.maximum(1.0 - top + bottom, 0.0)


def kuhn_interpolant(grid_values, x) -> np.ndarray:
    """Evaluate the Kuhn-triangulation interpolant directly (reference for the network).

    Parameters
    ----------
    grid_values : array_like, shape (n+1,)*dim
        Values at the vertices k/n.
    x : array_like, shape (m, dim)
        Points of [0,1]^dim.

    Returns
    -------
    ndarray, shape (m,)

    Notes
    -----
    In the cell with corner k, local coordinates y = n x − k sorted decreasingly
    y_(1) ≥ … ≥ y_(d) select the simplex with vertices v_0 = k, v_j = v_{j−1} + e_{π(j)} and
    barycentric weights λ_0 = 1 − y_(1), λ_j = y_(j) − y_(j+1), λ_d = y_(d).

    Examples
    --------
    >>> float(kuhn_interpolant([[0.0, 1.0], [1.0, 3.0]], [[0.5, 0.5]])[0])
    1.5
    """
    g, d, n = _check_grid_values(grid_values)
    x = check_finite_array("x", x, ndim=2)
    if x.shape[1] != d:
        raise ValueError(f"x has shape {x.shape}; allowed: (m, {d})")
    if np.any((x < 0) | (x > 1)):
        raise ValueError("x has points outside [0,1]^dim; allowed: the unit cube")
    s = x * n
    corner = np.minimum(np.floor(s), n - 1).astype(np.intp)
    y = s - corner
    order = np.argsort(-y, axis=1, kind="stable")
    ys = np.take_along_axis(y, order, axis=1)
    padded = np.concatenate([np.ones((len(x), 1)), ys, np.zeros((len(x), 1))], axis=1)
    lam = padded[:, :-1] - padded[:, 1:]
    steps = np.zeros((len(x), d + 1, d), dtype=np.intp)
    np.put_along_axis(steps[:, 1:, :], order[:, :, None], 1, axis=2)
    vertices = corner[:, None, :] + np.cumsum(steps, axis=1)
    flat = np.ravel_multi_index(tuple(np.moveaxis(vertices, 2, 0)), g.shape)
    return np.sum(lam * g.reshape(-1)[flat], axis=1)


def kuhn_interpolant_network(grid_values, *, offset=0.0) -> DenseNetwork:
    """ReLU network equal to the Kuhn-triangulation interpolant on [0,1]^dim.

    Parameters
    ----------
    grid_values : array_like, shape (n+1,)*dim
        Values at the grid vertices k/n (C order, see :func:`grid_vertices`).
    offset : float, keyword-only
        c: the hat units carry grid_values − c and c is the output bias.  The same function on
        [0,1]^dim, where the hats sum to 1; with c the mean value, interval enclosures of the
        network (certification) are much tighter, since they scale with |f(v) − c|.

    Returns
    -------
    DenseNetwork
        ReLU, ⌈log₂ dim⌉ + 2 hidden layers: 2·dim·(n+1) ramps, the pairwise max trees
        (2 units per pair per vertex and sign), (n+1)^dim hat units.  Exact in exact
        arithmetic on [0,1]^dim (and, extending each hat, on R^dim).

    Raises
    ------
    ValueError
        If ``grid_values`` is not a finite cube-shaped array with side ≥ 2.

    Examples
    --------
    >>> net = kuhn_interpolant_network([[0.0, 1.0], [1.0, 3.0]])
    >>> net(np.array([[0.5, 0.5], [1.0, 1.0], [0.25, 0.75]])).tolist()
    [1.5, 3.0, 1.25]
    >>> kuhn_interpolant_network([[0.0, 1.0], [1.0, 3.0]], offset=1.0)(np.array([[0.5, 0.5]])).tolist()
    [1.5]
    """
    g, d, n = _check_grid_values(grid_values)
    c = check_real("offset", offset)
    n_leaf = 2 * d * (n + 1)
    axis = np.repeat(np.arange(d), 2 * (n + 1))
    level = np.tile(np.repeat(np.arange(n + 1), 2), d)
    sign = np.tile([1.0, -1.0], d * (n + 1))
    w1 = np.zeros((n_leaf, d))
    w1[np.arange(n_leaf), axis] = sign * n
    layers = [(w1, -sign * level)]
    verts = _grid_indices(d, n)
    leaf_index = (np.arange(d)[None, :] * (n + 1) + verts) * 2  # (N, d), "+" ramp index
    groups = np.concatenate([leaf_index, leaf_index + 1])  # (2N, d): max of ReLU(z), ReLU(-z)
    values = np.eye(n_leaf)  # value j = values[j] @ (current units)
    while groups.shape[1] > 1:
        groups, values, layer = _pairwise_max_level(groups, values)
        layers.append(layer)
    n_vert = verts.shape[0]
    top, bottom = values[groups[:n_vert, 0]], values[groups[n_vert:, 0]]
    layers.append((-(top + bottom), np.ones(n_vert)))
    layers.append(((g - c).reshape(1, -1), np.array([c])))
    return network_from_layers(layers, activation="relu")


def _pairwise_max_level(groups: np.ndarray, values: np.ndarray):
    """One layer of max(a, b) = ReLU(a − b) + ReLU(b) for non-negative a, b."""
    m, k = groups.shape
    n_pairs, odd = divmod(k, 2)
    a, b = groups[:, 0:2 * n_pairs:2], groups[:, 1:2 * n_pairs:2]
    # units per group: [ReLU(a−b), ReLU(b)] per pair, then ReLU(leftover)
    per_group = 2 * n_pairs + odd
    rows = [values[a] - values[b], values[b]]
    blocks = np.stack(rows, axis=2).reshape(m, 2 * n_pairs, -1)
    if odd:
        blocks = np.concatenate([blocks, values[groups[:, -1:]]], axis=1)
    weights = blocks.reshape(m * per_group, -1)
    unit = np.arange(m * per_group).reshape(m, per_group)
    new_k = n_pairs + odd
    new_values = np.zeros((m * new_k, m * per_group))
    new_index = np.arange(m * new_k).reshape(m, new_k)
    for p in range(n_pairs):  # loop over tree positions (≤ d/2), not over units or points
        new_values[new_index[:, p], unit[:, 2 * p]] = 1.0
        new_values[new_index[:, p], unit[:, 2 * p + 1]] = 1.0
    if odd:
        new_values[new_index[:, -1], unit[:, -1]] = 1.0
    return new_index, new_values, (weights, np.zeros(weights.shape[0]))


def interpolation_error_bound(*, dim, mesh, lipschitz=None, hessian_bound=None) -> float:
    """Bound on sup |I f − f| for grid interpolation (1-D knots or the Kuhn triangulation).

    Parameters
    ----------
    dim : int
        Dimension d ≥ 1.
    mesh : float
        h: largest knot spacing (d = 1) or cell side 1/n (Kuhn grid).
    lipschitz : float, optional
        L with |f(x) − f(y)| ≤ L‖x − y‖_∞.
    hessian_bound : float, optional
        M with |uᵀ∇²f(ξ)u| ≤ M‖u‖_∞² for all ξ (e.g. M = sup Σ_{i,k}|∂_i∂_k f|).
        Exactly one of ``lipschitz`` and ``hessian_bound`` is required.

    Returns
    -------
    float
        Lipschitz: L h d/(d+1).  C²: (M h²/2) ρ_d with ρ_1 = 1/4 and
        ρ_d = 1 − 2/(d+1) + (d+1)^{−3/2} for d ≥ 2.

    Notes
    -----
    With s_j = y_(j) (s_0 = 1, s_{d+1} = 0) the vertex w_j is at ℓ∞ distance
    h·max(1 − s_j, s_{j+1}) ≤ h(1 − λ_j) from x.  Lipschitz: |I f − f| ≤ L h Σλ_j(1 − λ_j)
    = L h (1 − Σλ_j²) ≤ L h d/(d+1) (sharp for d = 1; the true sup of the distance sum is
    4/7 for d = 2, 5/8 for d = 3, sampled).  C²: Taylor at x and Σλ_j(w_j − x) = 0 give
    |I f − f| ≤ (M h²/2) Σλ_j(1 − λ_j)²; with Q = Σλ_j² ≥ 1/(d+1) and Σλ_j³ ≤ Q^{3/2} this is
    ≤ 1 − 2Q + Q^{3/2}, decreasing in Q; for d = 1 it is λ_0λ_1 ≤ 1/4 (the classical h²M/8).

    Examples
    --------
    >>> interpolation_error_bound(dim=1, mesh=0.5, lipschitz=1.0)
    0.25
    >>> interpolation_error_bound(dim=1, mesh=0.5, hessian_bound=2.0)
    0.0625
    """
    d = check_integer("dim", dim, min_value=1)
    h = check_real("mesh", mesh, min_value=0.0)
    if (lipschitz is None) == (hessian_bound is None):
        raise ValueError("give exactly one of lipschitz= and hessian_bound=")
    if lipschitz is not None:
        L = check_real("lipschitz", lipschitz, min_value=0.0)
        return L * h * d / (d + 1)
    M = check_real("hessian_bound", hessian_bound, min_value=0.0)
    rho = 0.25 if d == 1 else 1.0 - 2.0 / (d + 1) + (d + 1) ** -1.5
    return 0.5 * M * h * h * rho

