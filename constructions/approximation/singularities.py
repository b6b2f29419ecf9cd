"""Functions with jumps across smooth curves, and the ReLU networks that realise them.

Imaizumi–Fukumizu (2022) study targets f = Σ_m f_m 1_{R_m} whose pieces are cut
by α-smooth boundaries x_j ≥ h(x_{−j}).  A jump costs a ReLU network O(1)
parameters: the two-unit step

    g_ε(x) = σ(x/ε + 1) − σ(x/ε)

is 0 for x ≤ −ε, 1 for x ≥ 0 and linear in between, so
‖g_ε − 1{x ≥ 0}‖_{L²([−T,T])} = √(ε/3) for ε ≤ T — whatever ε, with 5 non-zero
parameters (the paper's Lemma 4 budget is S = 6).  Composed with a
piecewise-linear approximant ĥ of the boundary, g_ε(x₂ − ĥ(x₁)) approximates
1{x₂ ≥ h(x₁)}: the boundary costs only the smooth-function rate of h.

The exponent algebra of the paper's rates is exact (sympy): the DNN rate
max{n^{−2β/(2β+D)}, n^{−α/(α+D−1)}}, the linear-estimator lower bound
n^{−α/(2α+D−1)} (Prop. 15), and the phase boundary: DNN is strictly faster
iff α(D − 2β) < 2β(D − 1).

Notes
-----
The lecture's "other methods: O(max{W^{−β/d}, W^{−α/4(d−1)}})" could not be
found in the JMLR paper (CLAIMS.md C15); nothing here encodes it.

References
----------
M. Imaizumi, K. Fukumizu, "Advantage of deep neural networks for estimating
functions with singularity on hypersurfaces", JMLR 23(111):1–54 (2022),
Lemma 4, Thm 6, Cor 8, Prop 15.
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 近似レート (特異性).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from constructions.approximation.yarotsky import pl_interpolant_network
from constructions.networks.algebra import (
    affine_network,
    compose,
    relu_identity_network,
    stack_parallel,
)
from constructions.networks.dense import DenseNetwork
from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "PiecewiseSmoothTarget",
    "boundary_indicator_network",
    "dnn_approximation_exponents",
    "dnn_estimation_exponent",
    "dnn_faster_than_linear",
    "indicator_l2_error",
    "linear_estimator_exponent",
    "piecewise_constant_l2_error",
    "phase_boundary_identity",
    "relu_step_network",
    "step_l2_error",
    "step_l2_error_exact",
    "wavy_boundary_target",
]

alpha, beta, D = sp.symbols("alpha beta D", positive=True)


def relu_step_network(eps: float) -> DenseNetwork:
    """The two-unit ReLU step g_ε(x) = σ(x/ε + 1) − σ(x/ε).

    Parameters
    ----------
    eps : float
        Width ε > 0 of the ramp [−ε, 0].

    Returns
    -------
    DenseNetwork
        Depth 2, 2 units, 7 parameters of which 5 are non-zero.

    Examples
    --------
    >>> import numpy as np
    >>> g = relu_step_network(0.5)
    >>> g(np.array([-1.0, -0.25, 0.0, 3.0])).tolist(), g.n_nonzero_params
    ([0.0, 0.5, 1.0, 1.0], 5)
    """
    e = check_real("eps", eps, min_value=0.0, strict_min=True)
    return DenseNetwork((np.full((2, 1), 1.0 / e), np.array([[1.0, -1.0]])),
                        (np.array([1.0, 0.0]), np.zeros(1)), "relu")


def step_l2_error_exact(eps=None, half_width=None) -> sp.Expr:
    """‖g_ε − 1{x ≥ 0}‖_{L²([−T, T])} as a sympy expression (exact for 0 < ε ≤ T).

    Parameters
    ----------
    eps, half_width : number or sympy expression, optional
        ε and T; symbols when omitted.  Rationals stay exact (pass
        ``sympy.Rational`` or strings such as ``"1/10"``).

    Returns
    -------
    sympy.Expr
        √(ε/3), obtained by integrating the piecewise square error.

    Raises
    ------
    ValueError
        If numeric ε, T violate 0 < ε ≤ T.

    Examples
    --------
    >>> step_l2_error_exact()
    sqrt(3)*sqrt(epsilon)/3
    >>> step_l2_error_exact("1/12", 1)
    1/6
    """
    e = sp.Symbol("epsilon", positive=True) if eps is None else sp.nsimplify(sp.sympify(eps))
    t = sp.Symbol("T", positive=True) if half_width is None else sp.nsimplify(sp.sympify(half_width))
    for name, value, expr in (("eps", eps, e), ("half_width", half_width, t)):
        if expr.is_number and not (expr.is_real and expr.is_finite):
            raise ValueError(f"{name}={value!r} must be a finite real number")
    if e.is_number and not e > 0:
        raise ValueError(f"eps={eps!r} is out of range; allowed: eps > 0")
    if e.is_number and t.is_number and not e <= t:
        raise ValueError(f"eps={eps!r} > half_width={half_width!r}; allowed: 0 < eps <= half_width")
    x = sp.Symbol("x", real=True)
    g = sp.Max(0, x / e + 1) - sp.Max(0, x / e)
    # on [−T, −ε] both are 0, on [0, T] both are 1: only the ramp contributes
    sq = sp.integrate(sp.expand((x / e + 1) ** 2), (x, -e, 0))
    check = sp.simplify(g.subs(x, -e / 2) - sp.Rational(1, 2))
    assert check == 0  # the ramp formula is the network's, not a transcription
    return sp.sqrt(sp.simplify(sq))


def step_l2_error(eps: float) -> float:
    """√(ε/3), the float value of :func:`step_l2_error_exact`.

    Examples
    --------
    >>> round(step_l2_error(0.1), 6)
    0.182574
    """
    e = check_real("eps", eps, min_value=0.0, strict_min=True)
    return float(np.sqrt(e / 3.0))


@dataclass(frozen=True)
class PiecewiseSmoothTarget:
    """f(x₁, x₂) = f_below(x) + (f_above(x) − f_below(x))·1{x₂ ≥ h(x₁)} on [0, 1]².

    Attributes
    ----------
    boundary : callable
        h: [0, 1] → (0, 1), vectorised; α-smooth.
    above, below : callable
        Smooth functions of an (n, 2) array, vectorised, returning (n,).
    """

    boundary: Callable[[np.ndarray], np.ndarray]
    above: Callable[[np.ndarray], np.ndarray]
    below: Callable[[np.ndarray], np.ndarray]

    def __post_init__(self) -> None:
        for name in ("boundary", "above", "below"):
            if not callable(getattr(self, name)):
                raise ValueError(f"{name}={getattr(self, name)!r} is not callable")

    def __call__(self, x) -> np.ndarray:
        x = check_finite_array("x", x, ndim=2)
        if x.shape[1] != 2:
            raise ValueError(f"x has shape {x.shape}; allowed: (n, 2)")
        jump = x[:, 1] >= self.boundary(x[:, 0])
        return np.where(jump, self.above(x), self.below(x))

    def indicator(self, x) -> np.ndarray:
        """1{x₂ ≥ h(x₁)}."""
        x = check_finite_array("x", x, ndim=2)
        return (x[:, 1] >= self.boundary(x[:, 0])).astype(float)


def wavy_boundary_target(*, amplitude: float = 0.2, frequency: int = 1) -> PiecewiseSmoothTarget:
    """A C^∞ example: h(x₁) = ½ + a sin(2πk x₁), f = 1 + x₁x₂ above, sin(πx₁)x₂/2 below.

    Examples
    --------
    >>> import numpy as np
    >>> f = wavy_boundary_target()
    >>> f(np.array([[0.0, 0.9], [0.0, 0.1]])).tolist()
    [1.0, 0.0]
    """
    a = check_real("amplitude", amplitude, min_value=0.0, max_value=0.5, strict_max=True)
    k = check_integer("frequency", frequency, min_value=1)
    return PiecewiseSmoothTarget(
        boundary=lambda t: 0.5 + a * np.sin(2.0 * np.pi * k * t),
        above=lambda x: 1.0 + x[:, 0] * x[:, 1],
        below=lambda x: 0.5 * np.sin(np.pi * x[:, 0]) * x[:, 1],
    )


def boundary_indicator_network(boundary, *, n_pieces: int, eps: float) -> DenseNetwork:
    """ReLU network g_ε(x₂ − ĥ(x₁)) ≈ 1{x₂ ≥ h(x₁)} on [0, 1]², ĥ the PL interpolant of h.

    Parameters
    ----------
    boundary : callable
        h, vectorised on [0, 1].
    n_pieces : int
        K ≥ 1 equal pieces of ĥ.
    eps : float
        Ramp width ε > 0 of the step.

    Returns
    -------
    DenseNetwork
        Two inputs (x₁, x₂); hidden widths (K + 2, 2); K + 4 units.

    Notes
    -----
    Layer 1 runs ĥ (K units σ(x₁ − t_k)) beside the pass-through
    x₂ = σ(x₂) − σ(−x₂); their readout x₂ − ĥ(x₁) merges into the step's
    layer.  Non-zero parameters: O(K) for ĥ plus O(1) for the jump.

    Examples
    --------
    >>> import numpy as np
    >>> net = boundary_indicator_network(lambda t: 0.5 + 0 * t, n_pieces=2, eps=0.01)
    >>> net(np.array([[0.3, 0.9], [0.3, 0.1]])).tolist(), net.hidden_widths
    ([1.0, 0.0], (4, 2))
    """
    k = check_integer("n_pieces", n_pieces, min_value=1)
    if not callable(boundary):
        raise ValueError(f"boundary={boundary!r} is not callable")
    nodes = np.linspace(0.0, 1.0, k + 1)
    h_hat = pl_interpolant_network(nodes, check_finite_array("boundary(nodes)", boundary(nodes)))
    both = stack_parallel([h_hat, relu_identity_network(1)])
    gap = compose(affine_network(np.array([[-1.0, 1.0]])), both)
    return compose(relu_step_network(eps), gap)


def indicator_l2_error(boundary, *, n_pieces: int, eps: float, n_quadrature: int = 16) -> float:
    """L²([0,1]²) error of :func:`boundary_indicator_network` against 1{x₂ ≥ h(x₁)}.

    Parameters
    ----------
    boundary : callable
        h with ε ≤ h(x₁) ≤ 1 − sup|h − ĥ| on [0, 1] (the ramp and the gap stay inside).
    n_pieces, eps
        As in :func:`boundary_indicator_network`.
    n_quadrature : int
        Gauss–Legendre nodes per piece of ĥ for the outer integral over x₁.

    Returns
    -------
    float

    Notes
    -----
    For fixed x₁ let δ = h − ĥ.  The inner integral over x₂ is exact:
    E(δ) = ε/3 + δ (δ ≥ 0); (ε/3)(1 + δ/ε)³ + |δ|³/(3ε²) (−ε ≤ δ < 0);
    |δ| − 2ε/3 (δ < −ε).  E is C¹, so Gauss–Legendre per piece converges fast.
    Hence error² = ε/3 + O(‖h − ĥ‖₁) = ε/3 + O(K^{−2}) for C² boundaries.

    Examples
    --------
    >>> round(indicator_l2_error(lambda t: 0.5 + 0 * t, n_pieces=1, eps=0.03), 12)
    0.1
    """
    k = check_integer("n_pieces", n_pieces, min_value=1)
    e = check_real("eps", eps, min_value=0.0, strict_min=True)
    q = check_integer("n_quadrature", n_quadrature, min_value=1)
    if not callable(boundary):
        raise ValueError(f"boundary={boundary!r} is not callable")
    nodes = np.linspace(0.0, 1.0, k + 1)
    h_nodes = check_finite_array("boundary(nodes)", boundary(nodes))
    gl_x, gl_w = np.polynomial.legendre.leggauss(q)
    t = (nodes[:-1, None] + (gl_x[None, :] + 1.0) / (2.0 * k)).ravel()
    w = np.tile(gl_w / (2.0 * k), k)
    h_hat = np.interp(t, nodes, h_nodes)
    delta = check_finite_array("boundary(x)", boundary(t)) - h_hat
    if np.any(h_hat < e) or np.any(h_hat > 1.0) or np.any(h_hat + delta > 1.0):
        raise ValueError("the ramp or the boundary leaves [0, 1]; allowed: eps <= h_hat <= 1 "
                         "and h <= 1")
    r = np.clip(delta / e, -1.0, 0.0)
    inner = np.where(delta >= 0.0, e / 3.0 + delta,
                     np.where(delta >= -e, (e / 3.0) * (1.0 + r) ** 3 + np.abs(delta) ** 3
                              / (3.0 * e * e), np.abs(delta) - 2.0 * e / 3.0))
    return float(np.sqrt(w @ inner))


def piecewise_constant_l2_error(boundary, *, n_cells: int, n_samples: int = 64) -> float:
    """L²([0,1]²) error of the best piecewise-constant approximation of 1{x₂ ≥ h(x₁)} on n×n cells.

    A linear method with W = n² coefficients: the L² projection onto functions constant on each
    cell, i.e. the cell averages p (the fraction of the cell above the curve).

    Parameters
    ----------
    boundary : callable
        h: [0, 1] → [0, 1], vectorised.
    n_cells : int
        n ≥ 1 cells per axis.
    n_samples : int
        Midpoint nodes per cell along x₁ for the averages (the x₂-integral is exact).

    Returns
    -------
    float
        (Σ_cells |cell| p(1 − p))^{1/2}.

    Notes
    -----
    Only cells cut by the curve have 0 < p < 1; for a C¹ curve there are Θ(n) of them, each of area
    n^{−2}, so error² = Θ(1/n) and the error is Θ(n^{−1/2}) = Θ(W^{−1/4}) = W^{−1/(2d)}, d = 2,
    whatever the smoothness of h: a fixed (linear) space cannot follow the curve.  Within a column
    x₁ = t the part of cell j above the curve is clip(j + 1 − n h(t), 0, 1)/n.

    Examples
    --------
    >>> round(piecewise_constant_l2_error(lambda t: 0.5 + 0 * t, n_cells=2), 12)
    0.0
    >>> round(piecewise_constant_l2_error(lambda t: 0.25 + 0 * t, n_cells=1), 6)
    0.433013
    """
    if not callable(boundary):
        raise ValueError(f"boundary={boundary!r} is not callable")
    n = check_integer("n_cells", n_cells, min_value=1)
    r = check_integer("n_samples", n_samples, min_value=1)
    t = (np.arange(n * r) + 0.5) / (n * r)
    h = check_finite_array("boundary(t)", boundary(t), ndim=1)
    if h.shape != t.shape or np.any(h < 0.0) or np.any(h > 1.0):
        raise ValueError("boundary(t) leaves [0, 1] or has the wrong shape; allowed: 0 <= h <= 1")
    above = np.clip(np.arange(1, n + 1)[None, :] - n * h[:, None], 0.0, 1.0)  # (n r, n)
    p = above.reshape(n, r, n).mean(axis=1)
    return float(np.sqrt(np.sum(p * (1.0 - p)) / n ** 2))


def _exponent_arguments(**values) -> list[sp.Expr]:
    """Sympify α, β, D; numeric ones must be α, β > 0 and an integer D ≥ 2 (symbols pass)."""
    out = []
    for name, value in values.items():
        expr = sp.sympify(value)
        if expr.is_number:
            if not (expr.is_real and expr.is_finite):
                raise ValueError(f"{name}={value!r} must be a finite real number")
            if name == "dim":
                check_integer(name, int(expr) if expr.is_integer else value, min_value=2)
            else:
                check_real(name, float(expr), min_value=0.0, strict_min=True)
        out.append(expr)
    return out


def dnn_estimation_exponent(a=alpha, b=beta, dim=D) -> sp.Expr:
    """γ in the DNN rate n^{−γ}: γ = min{2β/(2β + D), α/(α + D − 1)} (Cor 8).

    Examples
    --------
    >>> dnn_estimation_exponent(2, 2, 2)
    2/3
    """
    a, b, dim = _exponent_arguments(a=a, b=b, dim=dim)
    return sp.Min(2 * b / (2 * b + dim), a / (a + dim - 1))


def linear_estimator_exponent(a=alpha, dim=D) -> sp.Expr:
    """γ in the linear-estimator lower bound n^{−γ}: γ = α/(2α + D − 1) (Prop 15).

    Examples
    --------
    >>> linear_estimator_exponent(2, 2)
    2/5
    """
    a, dim = _exponent_arguments(a=a, dim=dim)
    return a / (2 * a + dim - 1)


def dnn_approximation_exponents(a=alpha, b=beta, dim=D) -> tuple[sp.Expr, sp.Expr]:
    """(β/D, α/(2(D − 1))): approximation error Õ(S^{−β/D} + S^{−α/(2(D−1))}) (Thm 6).

    Examples
    --------
    >>> dnn_approximation_exponents(2, 2, 2)
    (1, 1)
    """
    a, b, dim = _exponent_arguments(a=a, b=b, dim=dim)
    return b / dim, a / (2 * (dim - 1))


def dnn_faster_than_linear(a=alpha, b=beta, dim=D) -> sp.Basic:
    """The phase condition α(D − 2β) < 2β(D − 1) (a sympy relation, or a bool for numbers).

    Examples
    --------
    >>> dnn_faster_than_linear(1, 1, 4), dnn_faster_than_linear(10, 1, 4)
    (True, False)
    """
    a, b, dim = _exponent_arguments(a=a, b=b, dim=dim)
    return a * (dim - 2 * b) < 2 * b * (dim - 1)


def phase_boundary_identity() -> bool:
    """Prove: min{2β/(2β+D), α/(α+D−1)} > α/(2α+D−1)  ⇔  α(D − 2β) < 2β(D − 1).

    Returns
    -------
    bool
        True when sympy certifies both steps for all α, β > 0, D ≥ 2.

    Notes
    -----
    (i) α/(α+D−1) − α/(2α+D−1) = α²/((α+D−1)(2α+D−1)) > 0, so the smoothness term
    never decides.  (ii) 2β/(2β+D) − α/(2α+D−1) has positive denominator and numerator
    2β(2α+D−1) − α(2β+D) = 2β(D−1) − α(D−2β), which is the phase condition.

    Examples
    --------
    >>> phase_boundary_identity()
    True
    """
    gap = sp.together(alpha / (alpha + D - 1) - linear_estimator_exponent(alpha, D))
    step_i = sp.simplify(gap - alpha ** 2 / ((alpha + D - 1) * (2 * alpha + D - 1)))
    num, den = sp.fraction(sp.together(2 * beta / (2 * beta + D)
                                       - linear_estimator_exponent(alpha, D)))
    step_ii = sp.expand(num - (2 * beta * (D - 1) - alpha * (D - 2 * beta)))
    return bool(step_i == 0 and step_ii == 0 and _positive_for_dim_ge_2(den))


def _positive_for_dim_ge_2(expr: sp.Expr) -> bool:
    """Sufficient test that a polynomial in α, β, D is > 0 for α, β > 0 and D ≥ 2.

    Substitute D = 2 + δ: if every coefficient in (α, β, δ) is ≥ 0 and some monomial
    free of δ has a positive coefficient, the polynomial is positive.
    """
    delta = sp.Symbol("delta", nonnegative=True)
    poly = sp.Poly(sp.expand(expr.subs(D, 2 + delta)), alpha, beta, delta)
    pairs = list(zip(poly.coeffs(), poly.monoms(), strict=True))
    return all(c >= 0 for c, _ in pairs) and any(c > 0 and m[2] == 0 for c, m in pairs)
