"""Width–depth rates and optimality, formula level (C11, C13).

Lecture section 「深さと幅を用いた近似誤差」.

``lu_width_depth_rate``, ``devore_optimality``: formula level, sympy limits.

Citation keys: Lu–Shen–Yang–Zhang 2021 (SIAM J. Math. Anal. 53); DeVore–Howard–Micchelli 1989
(Manuscripta Math. 63); Yarotsky 2017 (Neural Networks 94), Thm 3.
"""

from __future__ import annotations

import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theorems import Kind, Source, claim

# ---------------------------------------------------------------------------------------------
# Width–depth rates and optimality, formula level (C11, C13)
# ---------------------------------------------------------------------------------------------

_LU_SOURCE = Source("Lu, Shen, Yang, Zhang 2021, SIAM J. Math. Anal. 53(5):5465–5506, Thm 1.1",
                    lecture="深さと幅を用いた近似誤差")
_DEVORE_SOURCE = Source("DeVore, Howard, Micchelli 1989, Manuscripta Math. 63:469–478; Yarotsky 2017 Thm 3",
                        lecture="深さと幅を用いた近似誤差")
_Nn, _Ll, _C1, _C2, _dd = sympy.symbols("N L C_1 C_2 d", positive=True)
#: Lu et al.'s actual width and depth for the parameters N, L (constants C₁, C₂ > 0 symbolic).
_LU_WIDTH = _C1 * (_Nn + 2) * sympy.log(8 * _Nn, 2)
_LU_DEPTH = _C2 * (_Ll + 2) * sympy.log(4 * _Ll, 2) + 2 * _dd


@claim(
    id="lu_width_depth_rate", kind=Kind.RATE, catalogue="C11",
    statement="Lu et al.'s rate N^{−2s/d}L^{−2s/d} is realised with width Ñ ≍ N log N and depth L̃ ≍ L log L, so in "
              "the actual width and depth it reads Õ(Ñ^{−2s/d} L̃^{−2s/d}) (N ≍ Ñ/log Ñ, L ≍ L̃/log L̃)",
    formula="Ñ = C₁(N+2)log₂(8N): Ñ/(N log₂ Ñ) → C₁;  L̃ = C₂(L+2)log₂(4L) + 2d: L̃/(L log₂ L̃) → C₂",
    source=_LU_SOURCE,
    hypotheses=("f ∈ C^s([0, 1]^d), s a positive integer", "N, L ≥ 1", "ReLU, sup norm"),
    implicit=("the width and depth of the theorem's networks are C₁(N+2)log₂(8N) and C₂(L+2)log₂(4L) + 2d, "
              "not N and L", "constants C₁ = 17s^{d+1}3^d d, C₂ = 18s², C₃ = 85(s+1)^d 8^s (to be re-verified)"),
)
def lu_width_depth_rate(evidence):
    """Formula level: the parameters N, L of Lu et al. are the width and depth only up to log factors.

    Statement: with Ñ = C₁(N+2)log₂(8N) and L̃ = C₂(L+2)log₂(4L) + 2d (the width and depth of the networks of
    Lu et al.'s Thm 1.1), Ñ/(N log₂ Ñ) → C₁ and L̃/(L log₂ L̃) → C₂; hence N^{−2s/d} L^{−2s/d} =
    Θ((Ñ/log Ñ)^{−2s/d} (L̃/log L̃)^{−2s/d}).
    Checked as: two sympy limits (a run-once property: a proof of the asymptotic statement for all C₁, C₂,
    d > 0).
    Domain: symbolic; no network is built (C₃ = 1360 already for d = s = 1 makes a numerical check moot).
    Deviation from the lecture: the lecture says "ReLU, L layers, width N: O(N^{−2β/d}L^{−2β/d})"; the theorem
    behind it has width N log N and depth L log L.  The control shows the log factor cannot be dropped.
    """
    evidence.symbolic(sympy.limit(_LU_WIDTH / (_Nn * sympy.log(_LU_WIDTH, 2)), _Nn, sympy.oo), _C1,
                      name="lim Ñ/(N log₂ Ñ)", assumptions="C₁, N > 0")
    evidence.symbolic(sympy.limit(_LU_DEPTH / (_Ll * sympy.log(_LU_DEPTH, 2)), _Ll, sympy.oo), _C2,
                      name="lim L̃/(L log₂ L̃)", assumptions="C₂, d, L > 0")


@lu_width_depth_rate.proof(scope="all C₁, C₂, d > 0 (limits N, L → ∞)")
def lu_width_depth_rate_limits(evidence):
    # the run-once property computes the same two limits; the proof states for which constants they hold
    evidence.symbolic(sympy.limit(_LU_WIDTH / (_Nn * sympy.log(_LU_WIDTH, 2)), _Nn, sympy.oo), _C1,
                      name="lim_{N→∞} Ñ/(N log₂ Ñ)", assumptions="C₁ > 0")
    evidence.symbolic(sympy.limit(_LU_DEPTH / (_Ll * sympy.log(_LU_DEPTH, 2)), _Ll, sympy.oo), _C2,
                      name="lim_{L→∞} L̃/(L log₂ L̃)", assumptions="C₂, d > 0")


@lu_width_depth_rate.control("log factor dropped: the theorem's width taken to be O(N) (the lecture's reading)")
def lu_width_depth_rate_width_linear_in_n(evidence):
    evidence.exact(sympy.limit(_LU_WIDTH / _Nn, _Nn, sympy.oo), sympy.oo, "<", name="lim Ñ/N",
                   rhs_name="∞ (a finite constant)")


_W, _beta_s, _d_s = sympy.symbols("W beta d", positive=True)


@claim(
    id="devore_optimality", kind=Kind.RATE, catalogue="C13",
    statement="W^{−β/d} is optimal only for continuous parameter selection: with N fixed and L = W/N², the "
              "width–depth rate N^{−2β/d}L^{−2β/d} is o(W^{−β/d})",
    formula="N^{−2β/d}(W/N²)^{−2β/d} / W^{−β/d} = (N²/W)^{β/d} → 0 as W → ∞",
    source=_DEVORE_SOURCE,
    hypotheses=("β, d > 0", "N fixed, L ≍ W/N² (so W ≍ L N²)"),
    implicit=("DeVore–Howard–Micchelli's lower bound W ≥ c ε^{−d/β} assumes the parameters depend "
              "continuously on f; the lecture omits this", "log factors of C11 ignored"),
)
def devore_optimality(evidence):
    """Formula level: deep narrow networks beat W^{−β/d}, which is optimal only for continuous selection.

    Statement: N^{−2β/d}(W/N²)^{−2β/d} = o(W^{−β/d}) as W → ∞ with N fixed, for all β, d, N > 0 — so
    "O(W^{−β/d}) is optimal" (DeVore et al. 1989) can only hold under its hypothesis that the parameters
    are chosen continuously in f (Yarotsky 2017 Thm 3); without it, deep ReLU networks do better.
    Checked as: a sympy limit (run once, symbolic: a proof of the formula-level statement).
    Domain: symbolic β, d, N > 0.
    Deviation from the lecture: the lecture states optimality without the continuity hypothesis.  Whether
    the width–depth rate itself is attained is C11's matter (up to logs), not checked here.
    """
    ratio = _Nn ** (-2 * _beta_s / _d_s) * (_W / _Nn ** 2) ** (-2 * _beta_s / _d_s) / _W ** (-_beta_s / _d_s)
    evidence.symbolic(sympy.limit(ratio, _W, sympy.oo), 0, name="lim_{W→∞} rate/W^{−β/d} (N fixed)",
                      assumptions="β, d, N > 0")


@devore_optimality.proof(scope="all β, d, N > 0 (limit W → ∞, N fixed)")
def devore_optimality_ratio(evidence):
    ratio = _Nn ** (-2 * _beta_s / _d_s) * (_W / _Nn ** 2) ** (-2 * _beta_s / _d_s) / _W ** (-_beta_s / _d_s)
    evidence.symbolic(ratio, (_Nn ** 2 / _W) ** (_beta_s / _d_s), name="rate/W^{−β/d} = (N²/W)^{β/d}",
                      assumptions="β, d, N, W > 0")
    evidence.symbolic(sympy.limit((_Nn ** 2 / _W) ** (_beta_s / _d_s), _W, sympy.oo), 0,
                      name="lim_{W→∞} (N²/W)^{β/d}", assumptions="β/d > 0")


@devore_optimality.control("depth fixed instead of width: L fixed, N ≍ √(W/L) also claimed to be o(W^{−β/d})")
@given(beta=st.integers(min_value=1, max_value=4), d=st.integers(min_value=1, max_value=4),
       L=st.integers(min_value=1, max_value=10))
@example(beta=1, d=1, L=1)  # the ratio is L^{−β/d} = 1, not → 0; pinned (every draw refutes; sympy limits are slow)
def devore_optimality_with_depth_fixed(beta, d, L, evidence):
    r = sympy.Rational(2 * beta, d)
    ratio = sympy.sqrt(_W / L) ** (-r) * sympy.Integer(L) ** (-r) / _W ** (-r / 2)
    evidence.exact(sympy.limit(ratio, _W, sympy.oo), sympy.Integer(0), name="lim_{W→∞} rate/W^{−β/d} (L fixed)",
                   at={"beta": beta, "d": d, "L": L})
