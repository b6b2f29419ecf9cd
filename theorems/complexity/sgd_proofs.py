"""The proof of the constant-step SGD bound for every t and every dimension (C33).

Attached to ``sgd_constant_step`` (:mod:`.sgd`), which keeps its exact search on rational
problems beside it.  The argument is the textbook one (Bottou, Curtis, Nocedal 2018, Thm 4.6, in
the exact form a quadratic allows), each step checked with sympy:

1. In the eigenbasis Q of A the recursion M_{t+1} = (I − ηA)M_t(I − ηA) + η²Σ (proved in
   ``sgd_mean_square_recursion``) is diagonal: v_{t+1,i} = r_i²v_{t,i} + η²s_i with r_i = 1 − ηλ_i,
   v_{t,i} = (QᵀM_tQ)_ii, s_i = (QᵀΣQ)_ii ≥ 0; Σ_i v_{t,i} = E‖e_t‖², Σ_i v_{0,i} = ‖e_0‖², Σ_i s_i = tr Σ ≤ σ².
2. By induction on t, v_t = r^{2t}v_0 + η²s(1 − r^{2t})/(1 − r²) ≤ r^{2t}v_0 + η²s/(1 − r²) for |r| < 1,
   i.e. 0 < ηλ < 2, and η²/(1 − r²) = η/(λ(2 − ηλ)).
3. λ(2 − ηλ) is concave, so on [μ, L] it is ≥ min(μ(2 − ημ), L(2 − ηL)); (1 − ηλ)² is convex, so
   r_i² ≤ ρ² = max((1 − ημ)², (1 − ηL)²), hence r_i^{2t} ≤ ρ^{2t} (induction on t).
4. Summing over i gives the bound; for η ≤ 1/L, ρ = 1 − ημ and the minimum is μ(2 − ημ).

A point λ ∈ [μ, L] is written λ = μ + x, L = λ + y with x, y ≥ 0, so that "concave" and "convex"
are polynomial identities whose sign sympy reads off.
"""

from __future__ import annotations

import sympy

from .sgd import sgd_constant_step

_t = sympy.Symbol("t", integer=True, nonnegative=True)
_eta, _mu, _v0, _s = sympy.symbols("eta mu v_0 s", positive=True)
_x, _y, _k, _w, _c = sympy.symbols("x y k w c", nonnegative=True)
_r = sympy.Symbol("r", real=True)
_p = sympy.Symbol("p", positive=True)  # ηλ = 2p/(1 + p) runs over (0, 2) as p runs over (0, ∞)


def _closed_form(t, r):
    """v_t = r^{2t}v_0 + η²s(1 − r^{2t})/(1 − r²): the solution of v_{t+1} = r²v_t + η²s."""
    return r ** (2 * t) * _v0 + _eta**2 * _s * (1 - r ** (2 * t)) / (1 - r**2)


def _check_noise_floor(evidence, r, *, at=None, name):
    """v_t ≤ r^{2t}v_0 + η²s/(1 − r²) for the closed form; at an instance ``at`` if given."""
    lhs, rhs = _closed_form(_t, r), r ** (2 * _t) * _v0 + _eta**2 * _s / (1 - r**2)
    if at is not None:
        lhs, rhs = lhs.subs(at), rhs.subs(at)
    evidence.symbolic(lhs, rhs, "<=", name=name, assumptions="t ≥ 0 an integer; η, s, v_0 > 0")


@sgd_constant_step.proof(scope="all t ≥ 0, every d, every symmetric A with μI ≼ A ≼ LI (0 < μ ≤ L), every "
                               "0 < η < 2/L, every noise covariance Σ with tr Σ ≤ σ² and every θ_0 (the reduction to "
                               "coordinates of A's eigenbasis — diagonal entries of (I−ηΛ)N(I−ηΛ), the sum over "
                               "coordinates — is argued in comments, not checked)")
def sgd_constant_step_for_every_t(evidence):
    # 1. The eigenbasis: Qᵀ(BMB + η²Σ)Q = (QᵀBQ)(QᵀMQ)(QᵀBQ) + η²QᵀΣQ because QQᵀ = I; QᵀBQ = I − ηΛ is
    #    diagonal, so the i-th diagonal entry is r_i²v_{t,i} + η²s_i.
    q, qt, b, m, sig = sympy.symbols("Q Q^T B M_t Sigma", commutative=False)
    evidence.symbolic((qt * b * q * qt * m * q * qt * b * q + _eta**2 * qt * sig * q).subs(q * qt, 1),
                      qt * (b * m * b + _eta**2 * sig) * q, name="change to the eigenbasis (QQᵀ = I)")
    # 2. Each coordinate, by induction on t; the geometric sum is below its limit when |r| < 1.
    evidence.symbolic(_closed_form(0, _r), _v0, name="base case: v_0")
    evidence.symbolic(_r**2 * _closed_form(_t, _r) + _eta**2 * _s, _closed_form(_t + 1, _r),
                      name="inductive step: r²v_t + η²s = v_{t+1}", assumptions="t ≥ 0 an integer, r real")
    _check_noise_floor(evidence, 1 - 2 * _p / (1 + _p), name="v_t ≤ r^{2t}v_0 + η²s/(1 − r²) for 0 < ηλ < 2")
    lam = _mu + _x
    evidence.symbolic(_eta**2 / (1 - (1 - _eta * lam) ** 2), _eta / (lam * (2 - _eta * lam)),
                      name="η²/(1 − r²) = η/(λ(2 − ηλ))")
    # 3. λ = μ + x, L = λ + y (x, y ≥ 0): concavity of f(λ) = λ(2 − ηλ), convexity of g(λ) = (1 − ηλ)².
    big_l = lam + _y

    def f(z):
        return z * (2 - _eta * z)

    def g(z):
        return (1 - _eta * z) ** 2

    evidence.symbolic((_x + _y) * f(lam), _y * f(_mu) + _x * f(big_l), ">=",
                      name="(x + y)f(λ) ≥ y f(μ) + x f(L): f concave", assumptions="x, y ≥ 0, η > 0")
    evidence.symbolic((_x + _y) * g(lam), _y * g(_mu) + _x * g(big_l), "<=",
                      name="(x + y)g(λ) ≤ y g(μ) + x g(L): g convex", assumptions="x, y ≥ 0")
    # a weighted mean lies between the smaller and the larger value: with b = a + k, k ≥ 0,
    a = sympy.Symbol("a", real=True)
    evidence.symbolic(_y * a + _x * (a + _k), (_x + _y) * a, ">=", name="y a + x b ≥ (x + y)min(a, b)")
    evidence.symbolic(_y * a + _x * (a + _k), (_x + _y) * (a + _k), "<=", name="y a + x b ≤ (x + y)max(a, b)")
    # powers are monotone on [0, ∞): (z + k)^t ≥ z^t, by induction on t (D_t = (z + k)^t − z^t ≥ 0).
    z, d_t = sympy.symbols("z D_t", nonnegative=True)
    evidence.symbolic((z + _k) ** (_t + 1) - z ** (_t + 1), (z + _k) * ((z + _k) ** _t - z**_t) + _k * z**_t,
                      name="(z + k)^{t+1} − z^{t+1} = (z + k)D_t + k z^t")
    evidence.symbolic((z + _k) * d_t + _k * z**_t, 0, ">=", name="inductive step: D_{t+1} ≥ 0 from D_t ≥ 0",
                      assumptions="z, k, D_t ≥ 0")
    # 4. The textbook case η ≤ 1/L, η = 1/(L + c): 0 ≤ 1 − ηL ≤ 1 − ημ, so ρ = 1 − ημ; and f(L) ≥ f(μ).
    big_l, eta = _mu + _w, 1 / (_mu + _w + _c)
    evidence.symbolic(1 - eta * big_l, 0, ">=", name="1 − ηL ≥ 0 for η ≤ 1/L", assumptions="L = μ + w, w, c ≥ 0")
    evidence.symbolic(1 - eta * _mu, 1 - eta * big_l, ">=", name="1 − ημ ≥ 1 − ηL")
    evidence.symbolic(big_l * (2 - eta * big_l), _mu * (2 - eta * _mu), ">=", name="L(2 − ηL) ≥ μ(2 − ημ)")


@sgd_constant_step.control("the proof's noise-floor step without 0 < ηλ < 2: ηλ = 3 (r = −2)")
def sgd_constant_step_proof_beyond_two_over_lambda(evidence):
    # With |r| > 1 the geometric sum grows and 1 − r² < 0: at t = 1, v_0 = 0, s = η = 1 the closed form is
    # v_1 = 1 while the right side r²v_0 + η²s/(1 − r²) is −1/3.  The generic step has free symbols,
    # so the false "for every t, v_0, s" is refuted at that instance of the same expressions.
    _check_noise_floor(evidence, sympy.Integer(-2), at={_t: 1, _v0: 0, _s: 1, _eta: 1},
                       name="v_t ≤ r^{2t}v_0 + η²s/(1 − r²) at r = −2, t = 1, v_0 = 0, s = η = 1")
