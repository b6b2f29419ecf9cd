"""Certified two-sided enclosure of the sup-norm error sup_{x∈K} |f(x) − f_θ(x)|.

:func:`certify_sup_error` returns an :class:`Enclosure` ``[lower, upper]``:

* ``upper`` is sound in exact arithmetic and under floating point: every box of
  a partition of K gets an outward-rounded interval for f − f_θ, the tighter of

  - the mean-value form (f − f_θ)(c) + ⟨∇f(box) − ∇f_θ(box), box − c⟩, a
    first-order symbolic interval whose excess is O(width²) (gradients by
    interval forward-mode differentiation, Clarke hulls at ReLU kinks), and
  - on wide boxes, or when f has no gradient enclosure, the natural enclosure
    f(box) − f_θ(box) (interval bound propagation), excess O(width);

  branch-and-bound bisects the boxes with the largest bound (along their widest
  side), all boxes of a round as one batch of arrays, until ``upper ≤ eps``,
  ``lower > eps``, ``upper − lower ≤ gap`` or the budget of evaluated boxes is spent.
* ``lower`` is max |f − f_θ| at evaluated points (box centres), each value taken
  as the *lower end* of its outward-rounded point enclosure, so rounding can only
  understate it: ``lower ≤`` the true sup always.

The vectorised pass assumes numpy's elementary functions accurate to a few ulps; every
certificate is then **re-checked** on its final boxes in ball arithmetic with proven error
bounds (:mod:`.rigorous`, python-flint's arb): ``Enclosure.upper_rigorous`` /
``lower_rigorous`` say whether the re-check confirmed each end, and :meth:`Enclosure.status`
decides nothing on an end it did not confirm.

For 1-D networks with ReLU, leaky ReLU or identity activation and a
piecewise-linear or polynomial target the sup is computed exactly
(:mod:`.pieces`); then ``lower == upper`` up to rounding the exact rational to
float64 (``lower`` rounded down, ``upper`` up; equal when the rational is a float).

References
----------
R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009,
§6 (mean-value form), §8 (branch and bound).
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理 (sup-norm approximation).
"""

from __future__ import annotations

import numpy as np

from constructions.certification.bounds import CERTIFIABLE_ACTIVATIONS, first_layer_product
from constructions.certification.box_bounds import evaluate_boxes, point_error
from constructions.certification.intervals import round_down
from constructions.certification.pieces import exact_sup_error
from constructions.certification.result import Enclosure
from constructions.certification.rigorous.recheck import recheck_sup_error
from constructions.certification.targets import ExpressionTarget, PiecewiseLinearTarget, as_target
from constructions.networks.activations import is_piecewise_linear
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = ["Enclosure", "certify_sup_error", "check_box", "sample_sup_error"]

_METHODS = ("auto", "pieces", "branch-and-bound")
#: boxes bisected per branch-and-bound round.
_MAX_SPLIT = 8192


def check_box(box, input_dim: int) -> np.ndarray:
    """Return ``box`` as an array of shape (d, 2) with finite lo < hi per row, or raise.

    For d = 1 a single pair (lo, hi) also stands for the box [(lo, hi)].
    """
    input_dim = check_integer("input_dim", input_dim, min_value=1)
    arr = check_finite_array("box", box, ndim=(1, 2))
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.shape[1] != 2 or arr.shape[0] == 0:
        raise ValueError(f"box has shape {arr.shape}; allowed: a sequence of (lo, hi) pairs")
    if arr.shape[0] != input_dim:
        raise ValueError(f"box has {arr.shape[0]} dimensions but network.input_dim={input_dim}; "
                         "allowed: equal")
    bad = ~(arr[:, 0] < arr[:, 1])
    if np.any(bad):
        j = int(np.flatnonzero(bad)[0])
        raise ValueError(f"box[{j}]=({arr[j, 0]!r}, {arr[j, 1]!r}) is empty or inverted; "
                         "allowed: lo < hi")
    return arr


def _check_network(network) -> DenseNetwork:
    if not isinstance(network, DenseNetwork):
        raise ValueError(f"network={network!r} must be a DenseNetwork")
    check_one_of("network.activation", network.activation, CERTIFIABLE_ACTIVATIONS)
    if network.output_dim != 1:
        raise ValueError(f"network.output_dim={network.output_dim}; allowed: 1")
    return network


def branch_and_bound(network, target, box, *, eps=None, gap=None, rtol=1e-3,
                     budget=200_000) -> Enclosure:
    """Branch-and-bound enclosure (see :func:`certify_sup_error`; arguments already checked)."""
    lo, hi = box[None, :, 0].copy(), box[None, :, 1].copy()
    first = first_layer_product(network) if network.depth > 1 else None
    ub, lb, centres, nat = evaluate_boxes(network, target, lo, hi, first)
    n_boxes = 1
    lower, witness = float(lb[0]), centres[0]
    retired = 0.0
    # boxes dropped from the search (bound ≤ threshold) stay leaves of the final partition
    gone_lo, gone_hi, gone_nat = [], [], []
    converged = False
    while True:
        k = int(np.argmax(lb))
        if lb[k] > lower:
            lower, witness = float(lb[k]), centres[k]
        thr = -np.inf
        if eps is not None:
            thr = max(thr, eps)
        if gap is not None:
            thr = max(thr, float(round_down(lower + gap)))
        if eps is None and gap is None:
            thr = max(thr, float(round_down(lower * (1.0 + rtol))))
        keep = ub > thr
        if not np.all(keep):
            retired = max(retired, float(np.max(ub[~keep])))
            gone_lo.append(lo[~keep])
            gone_hi.append(hi[~keep])
            gone_nat.append(nat[~keep])
            lo, hi, ub, nat = lo[keep], hi[keep], ub[keep], nat[keep]
        upper = max(retired, float(np.max(ub))) if ub.size else retired
        if eps is not None and (lower > eps or upper <= eps):
            converged = True
        if gap is not None and upper - lower <= gap:
            converged = True
        if eps is None and gap is None and upper - lower <= rtol * upper:
            converged = True
        if converged or ub.size == 0:
            converged = True
            break
        room = (budget - n_boxes) // 2
        width = hi - lo
        axis = np.argmax(width, axis=1)
        rows = np.arange(lo.shape[0])
        mid = 0.5 * lo[rows, axis] + 0.5 * hi[rows, axis]
        splittable = (mid > lo[rows, axis]) & (mid < hi[rows, axis])
        n_split = min(room, _MAX_SPLIT, int(np.count_nonzero(splittable)))
        if n_split <= 0:
            break
        order = np.flatnonzero(splittable)
        if n_split < order.size:
            order = order[np.argpartition(-ub[order], n_split - 1)[:n_split]]
        rest = np.ones(lo.shape[0], dtype=bool)
        rest[order] = False
        plo, phi, pax, pmid = lo[order], hi[order], axis[order], mid[order]
        r = np.arange(order.size)
        left_hi = phi.copy()
        left_hi[r, pax] = pmid
        right_lo = plo.copy()
        right_lo[r, pax] = pmid
        clo = np.concatenate([plo, right_lo])
        chi = np.concatenate([left_hi, phi])
        cub, lb, centres, cnat = evaluate_boxes(network, target, clo, chi, first)
        n_boxes += clo.shape[0]
        lo = np.concatenate([lo[rest], clo])
        hi = np.concatenate([hi[rest], chi])
        ub = np.concatenate([ub[rest], cub])
        nat = np.concatenate([nat[rest], cnat])
    leaves = (np.concatenate([*gone_lo, lo]), np.concatenate([*gone_hi, hi]),
              np.concatenate([*gone_nat, nat]))
    return Enclosure(lower=lower, upper=upper, witness=tuple(map(float, witness)),
                     n_boxes=n_boxes, method="branch-and-bound", exhaustive=True,
                     converged=converged, boxes=leaves)


def _pieces_applicable(network, target) -> bool:
    if network.input_dim != 1 or not is_piecewise_linear(network.activation):
        return False
    if isinstance(target, PiecewiseLinearTarget):
        return True
    return isinstance(target, ExpressionTarget) and target.polynomial_coefficients() is not None


def certify_sup_error(network, target, box, *, eps=None, gap=None, rtol=1e-3, budget=200_000,
                      method="auto", recheck=True) -> Enclosure:
    """Certified enclosure of sup_{x∈box} |f(x) − f_θ(x)|.

    Parameters
    ----------
    network : DenseNetwork
        Scalar output; activation relu, leaky_relu, sigmoid, tanh or identity.
    target : Target or sympy expression
        f; a sympy expression uses symbols ``x0..x{d-1}`` (or its one symbol if d = 1).
    box : sequence of (lo, hi)
        K = Π [lo_j, hi_j], one pair per input dimension (d = 1..4 is practical); for d = 1 the
        pair (lo, hi) alone will do.
    eps : float, optional
        Claimed bound; stop as soon as ``upper ≤ eps`` (proved) or ``lower > eps`` (refuted).
    gap : float, optional
        Stop when ``upper − lower ≤ gap``.
    rtol : float
        Used only without ``eps`` and ``gap``: stop when ``upper − lower ≤ rtol · upper``.
    budget : int
        Maximum number of boxes evaluated by branch-and-bound.
    method : {"auto", "pieces", "branch-and-bound"}
        ``"auto"`` enumerates pieces exactly when possible (1-D piecewise-linear network,
        piecewise-linear or polynomial target, moderate size), else branch-and-bound.
    recheck : bool
        Re-check the result in ball arithmetic (:func:`.rigorous.recheck_sup_error`); without it
        the enclosure is returned unconfirmed and :meth:`Enclosure.status` reads "undecided".

    Returns
    -------
    Enclosure

    Raises
    ------
    ValueError
        For an empty/inverted/non-finite box, a box of the wrong dimension, an
        unsupported network or target, non-positive ``eps``/``gap``/``rtol``, or ``method="pieces"``
        where piece enumeration does not apply.

    Notes
    -----
    See the module docstring for the soundness argument.  Claims read the verdict with
    :meth:`Enclosure.status`: "proved" only when the certified ``upper ≤ ε``.

    References
    ----------
    Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 普遍近似定理.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> from constructions.networks.dense import network_from_layers
    >>> x = sp.Symbol("x")
    >>> net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
    ...                            (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    >>> enc = certify_sup_error(net, x**2, [(0.0, 1.0)])   # sup |x^2 - x| = 1/4 at x = 1/2
    >>> enc.lower, enc.upper, enc.witness, enc.method, enc.rigorous
    (0.25, 0.25, (0.5,), 'pieces', True)
    """
    network = _check_network(network)
    box = check_box(box, network.input_dim)
    target = as_target(target, network.input_dim)
    target.check_box(box)
    if eps is not None:
        eps = check_real("eps", eps, min_value=0.0, strict_min=True)
    if gap is not None:
        gap = check_real("gap", gap, min_value=0.0, strict_min=True)
    rtol = check_real("rtol", rtol, min_value=0.0, strict_min=True)
    budget = check_integer("budget", budget, min_value=1)
    check_one_of("method", method, _METHODS)
    if not isinstance(recheck, bool):
        raise ValueError(f"recheck={recheck!r}; allowed: True or False")
    if method != "branch-and-bound":
        if _pieces_applicable(network, target):
            result = exact_sup_error(network, target, box[0],
                                     max_work=None if method == "pieces" else 400_000)
            if result is not None:
                return recheck_sup_error(network, target, result, box) if recheck else result
        if method == "pieces":
            raise ValueError("method='pieces' needs a 1-D relu/leaky_relu/identity network and a "
                             "piecewise-linear or rational polynomial target")
    result = branch_and_bound(network, target, box, eps=eps, gap=gap, rtol=rtol, budget=budget)
    return recheck_sup_error(network, target, result, box) if recheck else result


def sample_sup_error(network, target, box, *, n_points: int, rng: np.random.Generator) -> Enclosure:
    """Max |f − f_θ| over ``n_points`` uniform random points: a lower bound only (upper = ∞).

    The sampling baseline against which certification is compared; ``lower`` is sound
    (outward-rounded point enclosures, re-checked in arb at the witness), ``exhaustive`` is False.
    """
    network = _check_network(network)
    box = check_box(box, network.input_dim)
    target = as_target(target, network.input_dim)
    n = check_integer("n_points", n_points, min_value=1)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    x = rng.uniform(box[:, 0], box[:, 1], size=(n, box.shape[0]))
    elo, ehi = point_error(network, target, x)
    val = np.maximum(np.maximum(elo, -ehi), 0.0)
    k = int(np.argmax(val))
    result = Enclosure(lower=float(val[k]), upper=float("inf"), witness=tuple(map(float, x[k])),
                       n_boxes=n, method="sampling", exhaustive=False, converged=False)
    return recheck_sup_error(network, target, result, box)
