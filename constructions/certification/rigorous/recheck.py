"""Rigorous re-check of a certified enclosure in ball arithmetic (python-flint's arb).

The search (:mod:`.enclosure`) is vectorised numpy; its one unproven ingredient is the accuracy
of numpy's float64 elementary functions (``exp``, ``log``, ``sin``, the logistic, …), which it
widens by a few ulps on the *assumption* that libm is that accurate.  This module removes the
assumption from every certificate, after the search:

* **upper** (branch-and-bound): the final partition of the box — every leaf, the retired ones
  included — is checked to tile the box (exactly: in 1-D by sorting the float ends, in d ≥ 2 by
  the exact rational sum of the volumes), and the bound of every leaf is recomputed with the
  same mean-value / natural enclosures but every elementary function evaluated in arb
  (:func:`.elementary.rigorous_elementary`, :func:`.balls.ball_map`), rounded outward to
  float64.  What remains is IEEE 754's correctly rounded + − × / √ and Higham's a-priori bound
  on dot products — facts of the arithmetic, not of a library.  The re-checked maximum must be
  ≤ the claimed ``upper``; otherwise the certificate is rejected (``upper_rigorous=False``).
  Piece enumeration (:mod:`.pieces`) computes in exact rationals: nothing to re-check there.
* **lower**: f − f_θ is evaluated at the witness independently of the numpy code — affine
  layers as ``arb_mat`` products, activations and the target (a sympy expression walked into
  arb, a Fourier or Chebyshev series, a piecewise-linear interpolant, a network) in arb at
  128 bits — and the claimed ``lower`` must be ≤ the ball's lower end of |f − f_θ|.  The same
  ball's upper end must be ≤ the claimed ``upper`` (an independent test of the upper bound at
  one point).

A certificate whose re-check fails is not a certificate: :meth:`.Enclosure.status` then reads
"undecided" and ``recheck_note`` says why.  A :class:`.LipschitzTarget` (an arbitrary callable)
cannot be evaluated in arb; its enclosures stay unconfirmed.

References
----------
F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic",
IEEE Trans. Computers 66 (2017) 1281–1292.
W. Tucker, *Validated Numerics*, Princeton 2011, ch. 5 (re-checking a floating-point
computation in rigorous arithmetic).
Issue 17 of this project, item 2.
"""

from __future__ import annotations

import time
from dataclasses import replace
from fractions import Fraction

import numpy as np
import sympy as sp

from constructions.certification.rigorous import balls
from constructions.certification import elementary as el
from constructions.certification.box_bounds import box_upper_bounds
from constructions.certification.network_target import NetworkTarget
from constructions.certification.result import Enclosure
from constructions.certification.targets import (
    ChebyshevSeriesTarget,
    ExpressionTarget,
    FourierSeriesTarget,
    PiecewiseLinearTarget,
)
from constructions.networks.activations import LEAKY_RELU_SLOPE

__all__ = ["WITNESS_PRECISION", "arb_error_at", "recheck_sup_error"]

#: bits of the independent evaluation at the witness.
WITNESS_PRECISION = 128


# ----------------------------------------------------------------------------- arb evaluation
def _arb_activation(name, z):
    arb = balls.flint().arb
    if name == "relu":
        return (z + abs(z)) / 2
    if name == "leaky_relu":
        s = arb(float(LEAKY_RELU_SLOPE))
        return ((1 + s) * z + (1 - s) * abs(z)) / 2
    if name == "sigmoid":
        return 1 / (1 + (-z).exp())
    if name == "tanh":
        return z.tanh()
    if name == "identity":
        return z
    raise ValueError(f"activation {name!r} has no arb evaluation")


def _arb_network(network, xs):
    fl = balls.flint()
    a = list(xs)
    last = network.depth - 1
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        z = (fl.arb_mat(w.tolist()) * fl.arb_mat([[v] for v in a])).entries()
        z = [zi + fl.arb(float(bi)) for zi, bi in zip(z, b.tolist(), strict=True)]
        a = z if i == last else [_arb_activation(network.activation, zi) for zi in z]
    return a[0]


def _arb_number(node):
    arb = balls.flint().arb
    if node.is_Integer:
        return arb(int(node))
    if node.is_Rational:
        return arb(int(node.p)) / arb(int(node.q))
    if node.is_Float:
        sign, man, exp, _ = node._mpf_
        v = arb(int(man)) * arb(2) ** int(exp)
        return -v if sign else v
    if node is sp.pi:
        return arb.pi()
    if node is sp.E:
        return arb(1).exp()
    return None


_ARB_FUNCS = {sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tanh: "tanh",
              sp.sinh: "sinh", sp.cosh: "cosh", sp.atan: "atan"}


def _arb_expression(node, env):
    if node.is_Symbol:
        return env[node]
    number = _arb_number(node) if node.is_number and not node.args else None
    if number is not None:
        return number
    args = [_arb_expression(a, env) for a in node.args]
    if node.is_Add:
        out = args[0]
        for a in args[1:]:
            out = out + a
        return out
    if node.is_Mul:
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if node.is_Pow:
        base, expo = args
        if node.args[1].is_Integer:
            return base ** int(node.args[1])
        if node.args[1] == sp.Rational(1, 2):
            return base.sqrt()
        return base**expo
    if node.func in _ARB_FUNCS and len(args) == 1:
        return getattr(args[0], _ARB_FUNCS[node.func])()
    if node.func is sp.Abs:
        return abs(args[0])
    if node.func is sp.sign:
        return args[0].sgn()
    if isinstance(node, (sp.Min, sp.Max)):
        out = args[0]
        for a in args[1:]:
            out = out.min(a) if isinstance(node, sp.Min) else out.max(a)
        return out
    raise ValueError(f"no arb evaluation for the node {node} ({node.func.__name__})")


def _arb_target(target, xs):
    """f(x) as an arb ball, or None if the target cannot be evaluated in arb."""
    arb = balls.flint().arb
    if isinstance(target, ExpressionTarget):
        return _arb_expression(target.expr, dict(zip(target.symbols, xs, strict=True)))
    if isinstance(target, NetworkTarget):
        return _arb_network(target.network, xs)
    x = xs[0]
    if isinstance(target, PiecewiseLinearTarget):
        t, v, xf = target.breakpoints, target.values, float(x.mid())
        if xf <= t[0]:
            return arb(float(v[0]))
        if xf >= t[-1]:
            return arb(float(v[-1]))
        j = int(np.searchsorted(t, xf, side="right") - 1)
        t0, t1, v0, v1 = (arb(float(q)) for q in (t[j], t[j + 1], v[j], v[j + 1]))
        return v0 + (v1 - v0) * (x - t0) / (t1 - t0)
    if isinstance(target, FourierSeriesTarget):
        theta = 2 * arb.pi() * (x - arb(float(target.origin))) / arb(float(target.period))
        out = arb(0)
        for k, (a, b) in enumerate(zip(target.cos_coefficients.tolist(),
                                       target.sin_coefficients.tolist(), strict=True)):
            out = out + arb(a) * (k * theta).cos() + arb(b) * (k * theta).sin()
        return out
    if isinstance(target, ChebyshevSeriesTarget):
        a, b = (arb(float(q)) for q in target.domain)
        t = (2 * x - a - b) / (b - a)
        t_prev, t_cur, out = arb(1), t, arb(0)
        for k, c in enumerate(target.coefficients.tolist()):
            if k == 0:
                term = t_prev
            elif k == 1:
                term = t_cur
            else:
                t_prev, t_cur = t_cur, 2 * t * t_cur - t_prev
                term = t_cur
            out = out + arb(c) * term
        return out
    return None


def arb_error_at(network, target, x):
    """The ball (f − f_θ)(x) at the float point ``x`` (WITNESS_PRECISION bits), or None.

    None when the target cannot be evaluated in arb (a :class:`.LipschitzTarget`, or a sympy
    node without an arb counterpart).
    """
    fl = balls.flint()
    with balls.precision(WITNESS_PRECISION):
        xs = [fl.arb(float(v)) for v in np.atleast_1d(np.asarray(x, dtype=float))]
        try:
            f = _arb_target(target, xs)
        except ValueError:
            return None
        if f is None:
            return None
        return f - _arb_network(network, xs)


# ---------------------------------------------------------------------------------- re-check
def _tiles(lo, hi, box) -> bool:
    """Whether the boxes [lo_k, hi_k] lie in ``box`` and their volumes add up to its volume exactly.

    Branch-and-bound's leaves have disjoint interiors (they come from bisections), so together
    with containment the exact volume identity means they cover the box.  In 1-D the sorted
    intervals are compared end to end.
    """
    if lo.shape[0] == 0:
        return False
    inside = np.all(lo >= box[:, 0]) and np.all(hi <= box[:, 1]) and np.all(lo <= hi)
    if not inside:
        return False
    if lo.shape[1] == 1:
        order = np.argsort(lo[:, 0], kind="stable")
        a, b = lo[order, 0], hi[order, 0]
        return bool(a[0] == box[0, 0] and b[-1] == box[0, 1] and np.all(b[:-1] == a[1:]))
    total = Fraction(0)
    for row_lo, row_hi in zip(lo.tolist(), hi.tolist(), strict=True):
        vol = Fraction(1)
        for u, v in zip(row_lo, row_hi, strict=True):
            vol *= Fraction(v) - Fraction(u)
        total += vol
    want = Fraction(1)
    for u, v in box.tolist():
        want *= Fraction(v) - Fraction(u)
    return total == want


def _float_down(q) -> float:
    """A float ≤ the exact arb point ``q``."""
    f = float(q)
    return float(np.nextafter(f, -np.inf)) if balls.flint().arb(f) > q else f


def recheck_sup_error(network, target, enclosure: Enclosure, box) -> Enclosure:
    """Re-check ``enclosure`` of sup_{x∈box} |f − f_θ| in ball arithmetic; return it annotated.

    Parameters
    ----------
    network : DenseNetwork
    target : Target
    enclosure : Enclosure
        From :func:`.enclosure.certify_sup_error` (its ``boxes`` are the final partition for
        branch-and-bound) or :func:`.enclosure.sample_sup_error` (only the lower end is checked).
    box : array of shape (d, 2)

    Returns
    -------
    Enclosure
        The same bounds with ``upper_rigorous``, ``lower_rigorous``, ``recheck_method``,
        ``recheck_seconds``, ``recheck_upper``, ``recheck_lower`` and ``recheck_note`` set.
        An end that fails (or cannot be re-checked) is marked so; the bounds are not changed.
    """
    start = time.perf_counter()
    box = np.asarray(box, dtype=float).reshape(-1, 2)
    if not balls.available():
        return replace(enclosure, upper_rigorous=False, lower_rigorous=False,
                       recheck_method="none", recheck_seconds=time.perf_counter() - start,
                       recheck_note="python-flint is not installed: the certificate rests on "
                                    "numpy's libm accuracy and is not rigorous")
    arb = balls.flint().arb
    notes, methods = [], []
    upper_ok = lower_ok = False
    rig_upper = rig_lower = None
    # -- lower end (and one independent point of the upper end): arb at the witness
    err = arb_error_at(network, target, enclosure.witness)
    if err is None:
        notes.append(f"the target {type(target).__name__} has no arb evaluation")
    else:
        methods.append(f"arb {WITNESS_PRECISION}-bit evaluation at the witness")
        low_end = err.abs_lower()
        rig_lower = _float_down(low_end)
        if enclosure.method == "pieces":
            lower_ok = True     # exact rational maximiser; the float witness is only its rounding
        elif enclosure.lower <= 0.0 or arb(float(enclosure.lower)) <= low_end:
            lower_ok = True
        else:
            notes.append(f"at the witness |f − f_θ| ≥ {rig_lower!r} only, below the claimed "
                         f"lower {enclosure.lower!r}")
    # -- upper end
    if not enclosure.exhaustive:
        pass
    elif enclosure.method == "pieces":
        upper_ok = True
        methods.insert(0, "exact rational arithmetic (piece enumeration)")
    elif enclosure.boxes is None:
        notes.append("no final boxes to re-check")
    elif err is None:
        notes.append("the upper bound cannot be re-checked without an arb evaluation of the target")
    else:
        lo, hi, natural = enclosure.boxes
        if not _tiles(lo, hi, box):
            notes.append("the final boxes do not tile the domain")
        else:
            with el.rigorous_elementary():
                ub = box_upper_bounds(network, target, lo, hi, natural)
            rig_upper = float(np.max(ub))
            methods.insert(0, f"arb ball arithmetic for every elementary function on all "
                              f"{lo.shape[0]} final boxes")
            if rig_upper <= enclosure.upper:
                upper_ok = True
            else:
                notes.append(f"re-checked upper {rig_upper!r} exceeds the claimed upper "
                             f"{enclosure.upper!r}")
    if upper_ok and err is not None and not err.abs_upper() <= arb(float(enclosure.upper)):
        upper_ok = False
        notes.append(f"at the witness |f − f_θ| may exceed the claimed upper {enclosure.upper!r}")
    return replace(enclosure, upper_rigorous=upper_ok, lower_rigorous=lower_ok,
                   recheck_method="; ".join(methods) or "none",
                   recheck_seconds=time.perf_counter() - start, recheck_upper=rig_upper,
                   recheck_lower=rig_lower, recheck_note="; ".join(notes))
