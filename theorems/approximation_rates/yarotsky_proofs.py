"""Proofs for every m of Yarotsky's square and product networks (C08, C09).

Lecture section 「滑らかな関数に対する近似レート」; the claims are declared in
:mod:`.yarotsky_sawtooth`, whose searches check the networks as built against what is proved here.

``yarotsky_square``, by induction on the layer index s.  Layer s of the width-3 network maps
(u, y) ↦ (H(u), σ(y) − H(u)/4^s) with H(u) = 2σ(u) − 4σ(u − ½), starting from u₀ = y₀ = x.

1. Teeth: u_s = g_s is, on each cell [k, k + 1]/2^{s−1}, the tooth T(v) = 1 − |2v − 1| of the
   cell coordinate v = 2^{s−1}x − k.  Base: H = T on [0, 1].  Step: on each quarter of a tooth,
   H(T(v)) = T(w), w = 2^s x − j the coordinate in the half-cell j ∈ {2k, 2k + 1}.
2. Interpolant: y_s = I_s, the piecewise-linear interpolant of x² at the nodes k/2^s.  Base:
   I₀ = x.  Step: σ(y) = y since I_{s−1} ≥ x² ≥ 0 (part 3), and I_{s−1} − I_s = T(v)/4^s on
   every cell of width h = 2^{1−s} (both halves).
3. Error: on a cell [a, a + h] of grid m, I_m − x² = (x − a)(a + h − x) = h²v(1 − v), which
   lies in [0, h²/4] and equals h²/4 exactly at v = ½: h²/4 − h²v(1 − v) = h²(v − ½)².
   With h = 2^{−m}: sup = 2^{−2m−2}, from above, attained exactly at the midpoints.
4. Counts: 3 units per hidden layer; 6 + 12(m − 1) + 4 = 12m − 2 parameters.

A point of a piece [lo, hi) is written lo + (hi − lo)·q/(1 + q) with q ≥ 0, so that sympy
itself settles every σ and |·| on the piece (no case is resolved by hand).

``yarotsky_multiplication``, for all m ≥ 1 and M > 0: with S = 2M every argument
|x + y|/S, |x|/S, |y|/S of f_m lies in [0, 1]; polarisation (S²/2)(a² − b² − c²) = xy;
so ×̃ − xy = (S²/2)(e_a − e_b − e_c) with e = f_m(t) − t² ∈ [0, δ], δ = 2^{−2m−2} (part 3
above), a linear function of (e_a, e_b, e_c) whose extremes over [0, δ]³ are at the 8
vertices: between −4M²δ and 2M²δ, so |×̃ − xy| ≤ M²2^{−2m}; and f_m(0) = 0 gives ×̃ = 0 on
the axes.

Citation keys: Yarotsky 2017 (Neural Networks 94), Prop. 2 and Prop. 3.
"""

from __future__ import annotations

import itertools

import sympy

from constructions.approximation.sawtooth import yarotsky_square_network

from .yarotsky_sawtooth import yarotsky_multiplication, yarotsky_square

_HALF = sympy.Rational(1, 2)
_m = sympy.Symbol("m", integer=True, positive=True)
_s = sympy.Symbol("s", integer=True, positive=True)
_k = sympy.Symbol("k", integer=True, nonnegative=True)
_v = sympy.Symbol("v", real=True)
_q = sympy.Symbol("q", nonnegative=True)


def _relu(t):
    return sympy.Max(0, t)


def _layer_map(u):
    """The sawtooth channel of a hidden layer: H(u) = 2σ(u) − 4σ(u − ½) (the network's weights)."""
    return 2 * _relu(u) - 4 * _relu(u - _HALF)


def _tooth(v):
    """The tooth T(v) = 1 − |2v − 1| on a cell coordinate v ∈ [0, 1]."""
    return 1 - sympy.Abs(2 * v - 1)


def _on(lo, hi):
    """A point of [lo, hi): lo + (hi − lo)·q/(1 + q), q ≥ 0 (sympy then knows the signs on the piece)."""
    lo, hi = sympy.sympify(lo), sympy.sympify(hi)
    return lo + (hi - lo) * _q / (1 + _q)


def _secant(a, b, x):
    """The interpolant of t² on [a, b]: a² + (a + b)(x − a)."""
    return a ** 2 + (a + b) * (x - a)


_QUARTERS = ((0, sympy.Rational(1, 4), 0), (sympy.Rational(1, 4), _HALF, 0),
             (_HALF, sympy.Rational(3, 4), 1), (sympy.Rational(3, 4), 1, 1))


def _prove_teeth(evidence) -> None:
    """u_s = g_s is the tooth T(2^{s−1}x − k) on every cell k of the grid 2^{1−s}, for all s ≥ 1."""
    for lo, hi in ((0, _HALF), (_HALF, 1)):
        x = _on(lo, hi)
        evidence.symbolic(_layer_map(x), _tooth(x), name=f"base: u₁ = H(x) = T(x) on [{lo}, {hi})",
                          assumptions="x ∈ [0, 1], the single cell of grid 1")
    x = (_k + _v) / 2 ** (_s - 1)  # a point of cell k of grid s − 1 at coordinate v
    for lo, hi, j in _QUARTERS:
        evidence.symbolic(2 ** _s * x - (2 * _k + j), 2 * _v - j,
                          name=f"coordinate in half-cell 2k+{j} of grid s", assumptions="all s ≥ 1, k ≥ 0")
        v = _on(lo, hi)
        evidence.symbolic(_layer_map(_tooth(v)), _tooth(2 * v - j),
                          name=f"step: u_(s+1) = H(T(v)) = T(2v − {j}) for v ∈ [{lo}, {hi})",
                          assumptions="inductive hypothesis u_s = T(v) on the cell")


def _prove_interpolant(evidence) -> None:
    """y_s = I_s, the interpolant of x² on the grid 2^{−s}, for all s ≥ 0."""
    x = sympy.Symbol("x", real=True)
    evidence.symbolic(x, _secant(0, 1, x), name="base: y₀ = x = I₀(x)", assumptions="grid {0, 1}")
    y = sympy.Symbol("y", nonnegative=True)
    evidence.symbolic(_relu(y), y, name="σ(y_{s−1}) = y_{s−1}", assumptions="y_{s−1} = I_{s−1} ≥ x² ≥ 0 (error step; I₀ = x ≥ 0)")
    h = 2 / sympy.Integer(2) ** _s  # the cell width of grid s − 1
    a = _k * h
    for lo, hi, left in ((0, _HALF, a), (_HALF, 1, a + h / 2)):
        v = _on(lo, hi)
        x = a + h * v
        evidence.symbolic(_secant(a, a + h, x) - _secant(left, left + h / 2, x), _tooth(v) / 4 ** _s,
                          name=f"step: I_(s−1) − I_s = T(v)/4^s = g_s/4^s for v ∈ [{lo}, {hi})",
                          assumptions="cell [a, a + h], a = kh, h = 2^{1−s}, all s ≥ 1, k ≥ 0")


def _prove_error(evidence, claimed) -> None:
    """On a cell of grid m, 0 ≤ I_m − x² ≤ h²/4 with equality exactly at the midpoint; h²/4 = claimed."""
    h = 1 / sympy.Integer(2) ** _m
    a = _k * h
    x = a + h * _v
    err = _secant(a, a + h, x) - x ** 2
    evidence.symbolic(err, (x - a) * (a + h - x), name="I_m − x² = (x − a)(b − x) on a cell [a, b]")
    evidence.symbolic(err.subs(_v, _on(0, 1)), 0, ">=", name="f_m ≥ x²",
                      assumptions="v ∈ [0, 1) (v = 1 is the next cell's v = 0)")
    evidence.symbolic(h ** 2 / 4 - err, h ** 2 * (_v - _HALF) ** 2, name="h²/4 − (I_m − x²) = h²(v − ½)²",
                      assumptions="≥ 0, and 0 exactly at the midpoint v = ½, x = (2k + 1)/2^{m+1}")
    evidence.symbolic((h ** 2 / 4) / claimed, 1, name="sup error h²/4 with h = 2^{−m}, against the claimed value",
                      assumptions="all m ≥ 1")


def _prove_square(evidence, claimed) -> None:
    _prove_teeth(evidence)
    _prove_interpolant(evidence)
    _prove_error(evidence, claimed)


@yarotsky_square.proof(scope="all m ≥ 1, all x ∈ [0, 1]")
def yarotsky_square_by_induction_on_layers(evidence):
    _prove_square(evidence, sympy.Integer(2) ** (-2 * _m - 2))
    evidence.symbolic(3 * _m, 3 * _m, name="#units: 3 per hidden layer")
    evidence.symbolic(3 + 3 + (_m - 1) * (9 + 3) + (3 + 1), 12 * _m - 2,
                      name="W: first layer 3 + 3, m − 1 layers 9 + 3, readout 3 + 1")
    # the proof's layer map is the network's: layer s + 1 of the built network (s = 1, 2) has the
    # sawtooth rows (2, −4, 0) and the accumulator row (−2, 4, 1·4^s)/4^s
    net = yarotsky_square_network(3)
    for s in (1, 2):
        w = [[sympy.nsimplify(float(c)) for c in row] for row in net.weights[s]]
        evidence.exact(w, [[2, -4, 0], [2, -4, 0], [-2 * sympy.Rational(1, 4 ** s), 4 * sympy.Rational(1, 4 ** s), 1]],
                       name=f"weights of layer {s + 1} of f_3", rhs_name="the layer map H, σ(y) − H/4^s")


@yarotsky_square.control("proof with the error claimed 2^{−2m−3} (half the true sup): the induction must refuse")
def yarotsky_square_proof_with_error_two_pow_minus_2m_minus_3(evidence):
    _prove_square(evidence, sympy.Integer(2) ** (-2 * _m - 3))


_M = sympy.Symbol("M", positive=True)


def _prove_product(evidence, scale) -> None:
    p = sympy.Symbol("p", nonnegative=True)
    for t in (p, -p):
        evidence.symbolic(_relu(t) + _relu(-t), sympy.Abs(t), name=f"|t| = σ(t) + σ(−t), t = {t}",
                          assumptions="p ≥ 0")
    evidence.symbolic(2 * _M / scale, 1, "<=", name="largest argument of f_m: |x + y|/S ≤ 2M/S ≤ 1",
                      assumptions="|x|, |y| ≤ M, so |x + y| ≤ 2M; f_m's error bound holds on [0, 1] only")
    x, y = sympy.symbols("x y", real=True)
    a, b, c = sympy.Abs(x + y) / scale, sympy.Abs(x) / scale, sympy.Abs(y) / scale
    evidence.symbolic(scale ** 2 / 2 * (a ** 2 - b ** 2 - c ** 2), x * y, name="polarisation (S²/2)(a² − b² − c²) = xy")
    f = sympy.Function("f_m")
    e = {t: f(t) - t ** 2 for t in (a, b, c)}
    prod = scale ** 2 / 2 * (f(a) - f(b) - f(c))
    evidence.symbolic(prod - x * y, scale ** 2 / 2 * (e[a] - e[b] - e[c]),
                      name="×̃ − xy = (S²/2)(e_a − e_b − e_c), e = f_m(t) − t²")
    delta, bound = sympy.Integer(2) ** (-2 * _m - 2), _M ** 2 / sympy.Integer(4) ** _m
    for ea, eb, ec in itertools.product((0, delta), repeat=3):  # e ∈ [0, δ]: the square's proved error
        value = scale ** 2 / 2 * (ea - eb - ec)
        at = f"(e_a, e_b, e_c) = ({ea}, {eb}, {ec})"
        evidence.symbolic(value, bound, "<=", name=f"vertex {at} ≤ M²2^{{−2m}}", assumptions="M > 0, m ≥ 1")
        evidence.symbolic(value, -bound, ">=", name=f"vertex {at} ≥ −M²2^{{−2m}}", assumptions="M > 0, m ≥ 1")
    evidence.symbolic(scale ** 2 / 2 * (f(c) - f(0) - f(c)), -scale ** 2 / 2 * f(0), name="×̃(0, y) = −(S²/2)f_m(0)")
    evidence.symbolic(scale ** 2 / 2 * (f(b) - f(b) - f(0)), -scale ** 2 / 2 * f(0), name="×̃(x, 0) = −(S²/2)f_m(0)")
    evidence.symbolic(_secant(0, 1 / sympy.Integer(2) ** _m, 0), 0,
                      name="f_m(0) = I_m(0) = 0 (0 is a node)", assumptions="f_m = I_m, proved for yarotsky_square")


@yarotsky_multiplication.proof(scope="all m ≥ 1, M > 0, all (x, y) ∈ [−M, M]²")
def yarotsky_multiplication_by_polarisation(evidence):
    _prove_square(evidence, sympy.Integer(2) ** (-2 * _m - 2))  # 0 ≤ f_m(t) − t² ≤ 2^{−2m−2} on [0, 1]
    _prove_product(evidence, 2 * _M)


@yarotsky_multiplication.control("proof with the arguments scaled by M instead of 2M (|x + y|/M reaches 2): "
                                 "the polarisation proof must refuse")
def yarotsky_multiplication_proof_with_scale_m(evidence):
    _prove_square(evidence, sympy.Integer(2) ** (-2 * _m - 2))
    _prove_product(evidence, _M)
