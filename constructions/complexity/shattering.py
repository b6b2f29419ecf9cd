"""Brute-force shattering by tiny ReLU networks on the real line.

The class is sign(f) for f(x) = c + Σ_{j=1}^U a_j relu(w_j x + b_j): one
hidden layer of U ReLU units on a 1-D input, a linear output and a sign.  A
point set is *shattered* when each of its 2^m labelings is realised; the
largest shattered m is the VC dimension, which Bartlett et al. (2019,
Theorem 7) bound from above (see :mod:`constructions.complexity.vc_dimension`).

The decision is exact up to the feasibility tolerance of a linear program and
does not use the fact (used by the claim it checks) that f has at most U + 1
linear pieces.  Every positive answer comes with a witness network that is
evaluated to confirm it.

References
----------
P. L. Bartlett, N. Harvey, C. Liaw, A. Mehrabian, JMLR 20(63) (2019); CLAIMS.md C17.
Lecture (今泉 2024), 複雑性誤差.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from constructions.networks.dense import DenseNetwork, network_from_layers
from constructions.validation import check_finite_array, check_integer

__all__ = [
    "ShatteringResult",
    "ShatteringSearch",
    "decide_shattering",
    "largest_shattered_size",
    "realising_network",
]

#: Output margin demanded of the LP; positive homogeneity makes any margin > 0 equivalent.
_MARGIN = 1.0
#: A witness passes when every |f(x_i)| exceeds this (the LP guarantees ≈ _MARGIN).
_WITNESS_MARGIN = 0.5


def _checked_points(points) -> np.ndarray:
    x = check_finite_array("points", points, ndim=1)
    if x.size == 0:
        raise ValueError("points is empty; allowed: at least one point")
    xs = np.sort(x)
    if np.any(np.diff(xs) <= 0):
        raise ValueError("points has repeated values; allowed: distinct points")
    return x


def _unit_patterns(m: int) -> tuple[list[tuple[np.ndarray, int]], np.ndarray]:
    """All (active mask, sign) pairs a unit can take on m sorted points, and their boundaries.

    {i : w x_i + b > 0} is the intersection of the points with an open
    half-line, i.e. a prefix or a suffix of the sorted points (empty and full
    included).  The sign s = sign(a_j); an inactive unit's sign is irrelevant.
    ``boundary[k]`` is the gap g (between sorted points g − 1 and g) where
    pattern k switches, or −1 for the empty and full masks.

    The full mask is listed with s = +1 only: a unit active on every point
    adds an affine u x + v, and the constraint s(u x_i + v) ≥ 1 can be met for
    either s by moving a constant between v and the output bias c.
    """
    idx = np.arange(m)
    masks = [(idx < k, k) for k in range(1, m)] + [(idx >= k, k) for k in range(1, m)]
    patterns = [(np.zeros(m, bool), 1), (np.ones(m, bool), 1)]
    boundary = [-1, -1]
    for mask, gap in masks:
        patterns += [(mask, 1), (mask, -1)]
        boundary += [gap, gap]
    return patterns, np.array(boundary)


def _pattern_combinations(n_patterns: int, n_hidden: int) -> np.ndarray:
    """Unordered choices of one pattern per unit (units are exchangeable), shape (C, U)."""
    return np.array(list(itertools.combinations_with_replacement(range(n_patterns), n_hidden)),
                    dtype=np.int64).reshape(-1, n_hidden)


def _search_order(combos: np.ndarray, boundary: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Combinations sorted so that those switching at the labels' change gaps come first.

    Only the order in which LPs are tried changes; every combination is still
    tried before a labeling is declared unrealisable.
    """
    gaps = np.flatnonzero(ys[1:] != ys[:-1]) + 1
    if gaps.size == 0:
        return combos
    covered = (boundary[combos][:, :, None] == gaps[None, None, :]).any(axis=1).sum(axis=1)
    return combos[np.argsort(-covered, kind="stable")]


def _solve_pattern(xs: np.ndarray, ys: np.ndarray, combo) -> np.ndarray | None:
    """LP feasibility for one activation pattern per unit; returns (u, v, c) or None.

    Variables z = (u_1, v_1, …, u_U, v_U, c) with (u_j, v_j) = a_j (w_j, b_j)
    and a_j = s_j.  Constraints (margin 1 by positive homogeneity):
    s_j(u_j x_i + v_j) ≥ 1 on the active set, ≤ 0 off it, and
    y_i (c + Σ_j 1[i active for j](u_j x_i + v_j)) ≥ 1.
    """
    m, n_units = xs.size, len(combo)
    design = np.stack([xs, np.ones(m)], axis=1)  # rows (x_i, 1)
    unit_rows = np.zeros((n_units * m, 2 * n_units + 1))
    unit_rhs = np.zeros(n_units * m)
    label_rows = np.zeros((m, 2 * n_units + 1))
    label_rows[:, -1] = -ys
    for j, (mask, s) in enumerate(combo):
        flip = np.where(mask, -1.0, 1.0) * s
        unit_rows[j * m:(j + 1) * m, 2 * j:2 * j + 2] = flip[:, None] * design
        unit_rhs[j * m:(j + 1) * m] = np.where(mask, -_MARGIN, 0.0)
        label_rows[:, 2 * j:2 * j + 2] = (-ys * mask)[:, None] * design
    a_ub = np.vstack([unit_rows, label_rows])
    b_ub = np.concatenate([unit_rhs, np.full(m, -_MARGIN)])
    res = linprog(np.zeros(2 * n_units + 1), A_ub=a_ub, b_ub=b_ub, bounds=(None, None),
                  method="highs")
    return res.x if res.status == 0 else None


def _network(z: np.ndarray, combo) -> DenseNetwork:
    signs = np.array([s for _, s in combo], dtype=float)
    uv = z[:-1].reshape(-1, 2)
    w, b = signs * uv[:, 0], signs * uv[:, 1]  # (w_j, b_j) = s_j (u_j, v_j), a_j = s_j
    return network_from_layers([(w[:, None], b), (signs[None, :], np.array([z[-1]]))],
                               activation="relu")


def _realise(xs, ys, combos, patterns, boundary, counter) -> DenseNetwork | None:
    for combo in _search_order(combos, boundary, ys):
        chosen = [patterns[k] for k in combo]
        counter[0] += 1
        z = _solve_pattern(xs, ys, chosen)
        if z is None:
            continue
        net = _network(z, chosen)
        f = net(xs)
        if np.all(ys * f > _WITNESS_MARGIN):
            return net
        raise ArithmeticError(f"the LP reported pattern {combo.tolist()} feasible but its network "
                              f"gives y·f={ys * f} at x={xs}, but should be > {_WITNESS_MARGIN}")
    return None


def realising_network(points, labels, *, n_hidden) -> DenseNetwork | None:
    """A network c + Σ_j a_j relu(w_j x + b_j) whose sign matches ``labels``, or None.

    Parameters
    ----------
    points : array_like, shape (m,)
        Distinct real inputs.
    labels : array_like of {0, 1}, shape (m,)
        Label 1 means f(x) > 0, label 0 means f(x) < 0.
    n_hidden : int
        U ≥ 1, the number of hidden ReLU units.

    Returns
    -------
    DenseNetwork or None
        A witness with y_i f(x_i) > 1/2 (y = 2·label − 1), or None when no
        network of this size realises the labeling.

    Notes
    -----
    For each choice of activation pattern per unit (a prefix or suffix of the
    sorted points, and the sign of the outer weight) the outputs are linear in
    (a_j w_j, a_j b_j, c), so realisability is an LP; the (4m − 2 + U − 1 choose U)
    unordered pattern choices are tried in turn.  Weak versus strict output
    signs define the same class (shift c by a small amount), and units with
    w_j = 0 are the empty or full pattern.

    Examples
    --------
    >>> realising_network([0.0, 1.0, 2.0], [1, 0, 1], n_hidden=1) is None
    True
    >>> net = realising_network([0.0, 1.0, 2.0], [1, 0, 1], n_hidden=2)
    >>> (net([0.0, 1.0, 2.0]) > 0).tolist()
    [True, False, True]
    """
    x = _checked_points(points)
    lab = check_finite_array("labels", labels, ndim=1, dtype=np.int64)
    if lab.shape != x.shape:
        raise ValueError(f"labels has shape {lab.shape} and points {x.shape}; allowed: equal")
    if np.any((lab != 0) & (lab != 1)):
        raise ValueError("labels has entries outside {0, 1}; allowed: 0 or 1")
    u = check_integer("n_hidden", n_hidden, min_value=1)
    order = np.argsort(x)
    xs, ys = x[order], 2.0 * lab[order] - 1.0
    patterns, boundary = _unit_patterns(xs.size)
    combos = _pattern_combinations(len(patterns), u)
    return _realise(xs, ys, combos, patterns, boundary, [0])


@dataclass(frozen=True, eq=False)
class ShatteringResult:
    """Outcome of :func:`decide_shattering`.

    Attributes
    ----------
    points : ndarray
        The sorted point set.
    n_hidden : int
    shattered : bool
    unrealised_labels : tuple of int or None
        A labeling (of the sorted points) that no network realises, if any.
    n_linear_programs : int
        LPs solved.
    """

    points: np.ndarray
    n_hidden: int
    shattered: bool
    unrealised_labels: tuple[int, ...] | None
    n_linear_programs: int


def decide_shattering(points, *, n_hidden) -> ShatteringResult:
    """Whether ReLU nets with ``n_hidden`` units realise every labeling of ``points``.

    Notes
    -----
    Labelings are taken with the first label fixed to 1: negating f (flip
    every a_j and c) complements a labeling and maps the class to itself.
    They are tried in decreasing number of label changes, so that a set that
    is not shattered is usually refuted by the first labeling.

    Examples
    --------
    >>> decide_shattering([0.0, 1.0, 2.0], n_hidden=2).shattered
    True
    >>> decide_shattering([0.0, 1.0, 2.0, 3.0], n_hidden=2).unrealised_labels
    (1, 0, 1, 0)
    """
    x = _checked_points(points)
    u = check_integer("n_hidden", n_hidden, min_value=1)
    xs = np.sort(x)
    xs.setflags(write=False)
    m = xs.size
    patterns, boundary = _unit_patterns(m)
    combos = _pattern_combinations(len(patterns), u)
    labelings = np.array(list(itertools.product((1, 0), repeat=m - 1)), dtype=np.int64)
    labelings = np.hstack([np.ones((labelings.shape[0], 1), np.int64), labelings])
    changes = np.count_nonzero(np.diff(labelings, axis=1), axis=1)
    labelings = labelings[np.argsort(-changes, kind="stable")]
    counter = [0]
    for lab in labelings:
        if _realise(xs, 2.0 * lab - 1.0, combos, patterns, boundary, counter) is None:
            return ShatteringResult(xs, u, False, tuple(int(v) for v in lab), counter[0])
    return ShatteringResult(xs, u, True, None, counter[0])


@functools.lru_cache(maxsize=64)
def _equally_spaced_decision(n_hidden: int, m: int) -> ShatteringResult:
    """:func:`decide_shattering` on 0, 1, …, m − 1, memoised (it is deterministic)."""
    return decide_shattering(np.arange(m, dtype=float), n_hidden=n_hidden)


@dataclass(frozen=True)
class ShatteringSearch:
    """Outcome of :func:`largest_shattered_size`.

    Attributes
    ----------
    n_hidden : int
    size : int
        Largest m ≤ max_points for which some tested m-point set is shattered
        (0 if none): a lower bound on the VC dimension.
    shattered_by_size : dict
        m -> whether some tested m-point set was shattered.
    n_linear_programs : int
    """

    n_hidden: int
    size: int
    shattered_by_size: dict[int, bool]
    n_linear_programs: int


def largest_shattered_size(n_hidden, *, max_points, rng: np.random.Generator | None = None,
                           n_random_sets=0) -> ShatteringSearch:
    """Search point sets of size 1..max_points for one the class shatters.

    Parameters
    ----------
    n_hidden : int
        U ≥ 1.
    max_points : int
        Largest set size tried.
    rng : numpy.random.Generator, optional
        Source of extra random point sets (uniform on [0, 1]); needed when
        ``n_random_sets > 0``.
    n_random_sets : int
        Random sets tried per size, besides the equally spaced set 0, 1, …, m − 1.

    Returns
    -------
    ShatteringSearch

    Notes
    -----
    A shattered set found is a proof that VCdim ≥ m (its witnesses are
    checked).  That no tested set of size m + 1 is shattered is evidence, not
    proof, of VCdim ≤ m: for every set, each unit's activation pattern is a
    prefix or suffix of the sorted points, but the LP's coefficients depend on
    the spacing, so equally spaced points are not assumed to be
    representative; random spacings are tried alongside.  (Shifts and
    positive rescalings x ↦ αx + β are absorbed by (w_j, b_j), so the scale of
    the equally spaced set is immaterial.)

    Examples
    --------
    >>> largest_shattered_size(1, max_points=4).size
    2
    """
    u = check_integer("n_hidden", n_hidden, min_value=1)
    top = check_integer("max_points", max_points, min_value=1)
    extra = check_integer("n_random_sets", n_random_sets, min_value=0)
    if extra and rng is None:
        raise ValueError(f"n_random_sets={extra} needs rng; allowed: an np.random.Generator")
    found: dict[int, bool] = {}
    n_lp = 0
    for m in range(1, top + 1):
        res = _equally_spaced_decision(u, m)
        n_lp += res.n_linear_programs
        found[m] = res.shattered
        for _ in range(extra):
            if found[m]:
                break
            res = decide_shattering(np.sort(rng.random(m)), n_hidden=u)
            n_lp += res.n_linear_programs
            found[m] = res.shattered
    size = max((m for m, ok in found.items() if ok), default=0)
    return ShatteringSearch(n_hidden=u, size=size, shattered_by_size=found, n_linear_programs=n_lp)
