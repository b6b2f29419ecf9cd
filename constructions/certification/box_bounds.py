"""Bounds of |f − f_θ| on a batch of boxes: the kernel that branch-and-bound calls every round.

On each box ``[lo, hi]`` the upper bound is the tighter of the mean-value form
(f − f_θ)(c) + ⟨∇f(box) − ∇f_θ(box), box − c⟩ and, on wide boxes (or without a gradient of f),
the natural enclosure f(box) − f_θ(box); the lower bound is the lower end of the outward
enclosure of |f − f_θ| at the centre c.  All boxes of a batch are arrays; see
:mod:`.enclosure` for the soundness argument and :mod:`.rigorous` for the re-check, which calls
:func:`box_upper_bounds` with the elementary functions evaluated in arb.

References
----------
R. E. Moore, R. B. Kearfott, M. J. Cloud, *Introduction to Interval Analysis*, SIAM 2009, §6.
"""

from __future__ import annotations

import numpy as np

from constructions.certification.bounds import (
    _network_gradient_interval,
    _network_interval,
    first_layer_product,
    network_output_interval,
)
from constructions.certification.intervals import (
    interval_add,
    interval_mul,
    interval_sum,
    round_down,
    round_up,
)

__all__ = ["box_upper_bounds", "evaluate_boxes", "point_error"]

#: float64 entries allowed in one batch of per-unit intervals (bounds memory use).
_CHUNK_ENTRIES = 2**18
#: the natural enclosure is also computed where the mean-value width exceeds this multiple of
#: |error at the centre| (wide boxes); elsewhere it was never the tighter one in our measurements.
_NATURAL_RATIO = 4.0


def _network_output(network, pre, lo=None, hi=None):
    if not pre:                          # an affine map: no hidden layer
        return _network_interval(network, lo, hi)
    return network_output_interval(network, *pre[-1])


def point_error(network, target, x):
    """Outward enclosure of (f − f_θ)(x) at points x (B, d)."""
    nlo, nhi = _network_interval(network, x, x)
    tlo, thi = target.enclose(x, x)
    return interval_add(tlo, thi, -nhi, -nlo)


def _box_bounds(network, target, lo, hi, first_product=None, natural=None):
    """Upper bounds of |f − f_θ| on boxes and sound lower bounds of it at their centres.

    The mean-value form is computed first; the natural enclosure f(box) − f_θ(box) only
    on boxes where the first-order term dominates (large boxes), since on small boxes it
    is never the tighter one and costs a pass through the last layer.
    """
    *_, pre = _network_interval(network, lo, hi, return_preactivations=True, output=False)
    c = 0.5 * lo + 0.5 * hi
    clo, chi = point_error(network, target, c)
    grad = target.enclose_gradient(lo, hi)
    if grad is None:
        nlo, nhi = _network_output(network, pre, lo, hi)
        tlo, thi = target.enclose(lo, hi)
        elo, ehi = interval_add(tlo, thi, -nhi, -nlo)
    else:
        nglo, nghi = _network_gradient_interval(network, lo, hi, preactivations=pre,
                                                first_product=first_product)
        glo, ghi = interval_add(grad[0], grad[1], -nghi, -nglo)
        plo, phi = interval_mul(glo, ghi, round_down(lo - c), round_up(hi - c))
        slo, shi = interval_sum(plo, phi, axis=1)
        elo, ehi = interval_add(clo, chi, slo, shi)
        wide_mask = shi - slo > _NATURAL_RATIO * np.maximum(np.abs(clo), np.abs(chi))
        if natural is not None:     # the re-check: at least where the search used it
            wide_mask |= natural
        wide = np.flatnonzero(wide_mask)
        if wide.size:
            nlo, nhi = _network_output(network, [(a[wide], b[wide]) for a, b in pre],
                                       lo[wide], hi[wide])
            tlo, thi = target.enclose(lo[wide], hi[wide])
            nat_lo, nat_hi = interval_add(tlo, thi, -nhi, -nlo)
            elo[wide] = np.maximum(elo[wide], nat_lo)
            ehi[wide] = np.minimum(ehi[wide], nat_hi)
    if grad is None:
        wide_mask = np.ones(lo.shape[0], dtype=bool)
    upper = np.maximum(np.maximum(-elo, ehi), 0.0)
    lower = np.maximum(np.maximum(clo, -chi), 0.0)
    return upper, lower, c, wide_mask


def evaluate_boxes(network, target, lo, hi, first_product=None, natural=None):
    """(upper bounds, sound lower bounds at centres, centres, natural-enclosure mask) per box."""
    per_box = max(1, (network.n_units + 1) * (lo.shape[1] + 1))
    chunk = max(16, _CHUNK_ENTRIES // per_box)
    parts = [_box_bounds(network, target, lo[i:i + chunk], hi[i:i + chunk], first_product,
                         None if natural is None else natural[i:i + chunk])
             for i in range(0, lo.shape[0], chunk)]
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(4))


def box_upper_bounds(network, target, lo, hi, natural=None):
    """Upper bounds of |f − f_θ| on the boxes ``[lo, hi]`` (B, d), as in the search.

    ``natural`` (bool (B,)): boxes on which the natural enclosure is computed in any case.
    Called by the re-check (:mod:`.rigorous`) inside ``rigorous_elementary()``.
    """
    first = first_layer_product(network) if network.depth > 1 else None
    return evaluate_boxes(network, target, lo, hi, first, natural)[0]
