"""Linear methods: Chebyshev interpolation and Fourier partial sums (C14).

Lecture section 「滑らかな関数に対する近似レート」.

``linear_methods_rate``: a bound with an explicit constant where one is known (the Gibbs
overshoot Si(π)/π − ½, within π²/(72n²)), otherwise the slope of a log–log fit of the
Chebyshev interpolation error of |x|^β on a geometric sweep, compared with −β by
``_record_slope`` (:mod:`._common`).

Citation keys: Jackson's theorem (the lecture cites Newman–Shapiro 1964); Bernstein 1914;
Gibbs 1899; Higham 2002 (Accuracy and Stability, §3.1).
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from constructions.approximation.bases import chebyshev_interpolant, gibbs_constant, gibbs_overshoot
from constructions.approximation.rates import bounded_ratio, geometric_sizes
from theorems import Kind, Source, claim
from theorems.tolerances import EPS

from ._common import _record_rate_figure, _record_slope

# ---------------------------------------------------------------------------------------------
# Linear methods: Chebyshev interpolation and Fourier partial sums (C14)
# ---------------------------------------------------------------------------------------------

_LINEAR_SOURCE = Source("Jackson's theorem (lecture cites Newman & Shapiro 1964); Bernstein 1914; Gibbs 1899",
                        lecture="滑らかな関数に対する近似レート")

#: Chebyshev sweeps per β: W even (odd degree; parity changes the constant), stopping where the error
#: is still ≥ 1e-9, far above the round-off ~ W·eps of evaluating the interpolant.
_CHEBYSHEV_SWEEPS = {1: (16, 512), 3: (16, 256), 5: (32, 128)}
_CHEBYSHEV_GRID = np.union1d(np.cos(np.linspace(0.0, np.pi, 100_001)), [0.0])


def _chebyshev_errors(beta: int, sizes) -> np.ndarray:
    f = lambda t: np.abs(t) ** beta  # noqa: E731
    return np.array([np.max(np.abs(chebyshev_interpolant(f, n_coefficients=int(w))(_CHEBYSHEV_GRID)
                                   - f(_CHEBYSHEV_GRID))) for w in sizes])


def _even_sizes(lo: int, hi: int) -> np.ndarray:
    s = geometric_sizes(lo, hi, num=8)
    return np.unique(s + s % 2)


@claim(
    id="linear_methods_rate", kind=Kind.RATE, catalogue="C14",
    statement="Linear methods reach W^{−β/d} on smooth targets (Chebyshev interpolation of |x|^β: slope −β in "
              "W), but Fourier partial sums of a unit jump do not converge uniformly: the overshoot tends to "
              "Si(π)/π − ½ ≈ 0.0895, never below it",
    formula="‖|x|^β − p_W‖_∞ ≍ W^{−β} (d = 1);  max S_K − 1 ≥ Si(π)/π − ½ and = Si(π)/π − ½ + O(1/n²), n = ⌈K/2⌉",
    source=_LINEAR_SOURCE,
    hypotheses=("f ∈ C^β (here |x|^β, β odd, whose smoothness is exactly β at 0)", "d = 1",
                "W coefficients: Chebyshev interpolant of degree W − 1"),
    implicit=("the rate is for the best (or near-best) approximation; interpolation at Chebyshev points is "
              "within the Lebesgue constant O(log W) of it", "the constant depends on f"),
)
def linear_methods_rate(evidence):
    """Chebyshev interpolation of |x|^β has error slope −β in W; the Gibbs overshoot persists.

    Statement: (i) for β ∈ {1, 3, 5} the sup error of the Chebyshev interpolant of |x|^β on [−1, 1] with W
    coefficients behaves as W^{−β}; (ii) for the unit step on (−π, π), the Fourier partial sum S_K has
    max_x S_K(x) − 1 ≥ G := Si(π)/π − ½ = 0.08949 for every K, and max S_K − 1 − G ≤ π²/(72 n²), n = ⌈K/2⌉
    (midpoint rule for ∫₀^π sin t/t dt, |sinc″| ≤ 1/3).
    Checked as: (i) log–log slope of the sup error on a 100001-point Chebyshev grid (with 0) over a
    geometric sweep of even W, its 95% CI within ``PREASYMPTOTIC_SLOPE_BAND`` of −β; also W^β·error does
    not grow along the sweep (O(W^{−β}) with a constant); (ii) float bounds on the closed-form maximiser
    x = π/(2n), with round-off slack 4K·eps.
    Domain: β ∈ {1, 3, 5}, W from 16 to 512, 16 to 256, 32 to 128; K on a geometric sweep 1 … 8192.
    Deviation from the lecture: the lecture cites Newman–Shapiro (1964) for d dimensions and W^{−β/d};
    only d = 1 is checked.  The Bernstein constant lim n E_n(|x|) = 0.2802 concerns best approximation,
    not interpolation, and is not checked here (the interpolant's W·error → 1 on this sweep).
    """
    sweeps = []
    for beta, (lo, hi) in _CHEBYSHEV_SWEEPS.items():
        sizes = _even_sizes(lo, hi)
        errors = _chebyshev_errors(beta, sizes)
        fit = _record_slope(evidence, sizes, errors, -float(beta), name=f"Chebyshev |x|^{beta}", at={"beta": beta})
        sweeps.append((f"|x|^{beta}", sizes, errors, fit, -beta, errors[0] * (sizes / sizes[0]) ** -float(beta)))
        ratio = bounded_ratio(sizes, errors, sizes.astype(float) ** -beta)
        evidence.exact(ratio.grows, False, name="W^β·error grows along the sweep",
                       at={"beta": beta, "ratios": tuple(np.round(ratio.ratios, 4))})
    g = gibbs_constant()
    ks = geometric_sizes(1, 8192, num=24)
    over = np.array([gibbs_overshoot(n_harmonics=int(k)) for k in ks])
    n = (ks + 1) // 2
    slack = 4 * ks * EPS  # K terms of size ≤ 1 summed in float64
    evidence.bound(np.full(ks.shape, g), over, name="Si(π)/π − ½", rhs_name="max S_K − 1", at={"K": ks},
                   slack=float(slack.max()), why_slack="K terms of size ≤ 1 summed in float64: 4K·eps")
    evidence.bound(over - g, np.pi ** 2 / (72 * n ** 2) + slack, name="max S_K − 1 − G",
                   rhs_name="π²/(72n²)", at={"K": ks})
    _record_rate_figure(evidence, "Chebyshev interpolation error against W",
                        "Chebyshev interpolants of |x|^β: error against W (theory anchored at the first point)", sweeps)
    evidence.figure("Gibbs overshoot against K", kind="lines",
                    title="Fourier partial sums of the unit step: the overshoot does not vanish",
                    xlabel="K (harmonics)", ylabel="max S_K − 1", logx=True, logy=False,
                    series=[{"x": ks.tolist(), "y": over.tolist(), "label": "max S_K − 1", "style": "points"},
                            {"x": ks.tolist(), "y": (g + np.pi ** 2 / (72 * n ** 2)).tolist(),
                             "label": "G + π²/(72n²)", "style": "dashed"},
                            {"x": [float(ks[0]), float(ks[-1])], "y": [g, g], "label": "G = Si(π)/π − ½",
                             "style": "line"}])


@linear_methods_rate.control("uniform convergence for a jump: Fourier partial sums of the unit step overshoot "
                             "by at most 1/K")
@given(K=st.integers(min_value=1, max_value=8192))
@example(K=64)  # overshoot ≈ 0.0895 > 1/64; the search reaches K ≥ 12 too
def linear_methods_rate_uniform_for_a_jump(K, evidence):
    evidence.bound(gibbs_overshoot(n_harmonics=K), 1.0 / K, name="max S_K − 1", rhs_name="1/K", at={"K": K})


@linear_methods_rate.control("smoothness ignored: Chebyshev interpolation of |x| (β = 1) claimed at the β = 3 "
                             "rate W^{−3}")
def linear_methods_rate_abs_at_cubic_rate(evidence):
    sizes = _even_sizes(16, 512)
    _record_slope(evidence, sizes, _chebyshev_errors(1, sizes), -3.0, name="Chebyshev |x|", at={"beta": 1})
