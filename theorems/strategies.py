"""Shared Hypothesis strategies, with eagerly validated keyword-only bounds.

Strategies are plural nouns.  Randomness for numpy comes from a seed that
Hypothesis draws (:func:`seeds`), so a counterexample replays exactly.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

__all__ = ["ElementaryFunction", "LipschitzFunction", "elementary_functions", "generators", "lipschitz_functions",
           "lipschitz_piecewise_linear_functions", "seeds", "trigonometric_polynomials"]


def seeds() -> st.SearchStrategy[int]:
    """Seeds for ``np.random.default_rng``: 32-bit, shrinking towards 0."""
    return st.integers(min_value=0, max_value=2**32 - 1)


def generators() -> st.SearchStrategy[np.random.Generator]:
    """``np.random.Generator`` objects built from a drawn seed (printed as the seed)."""
    return seeds().map(np.random.default_rng)


@st.composite
def finite_learning_problems(draw, *, max_points: int = 5, max_models: int = 5):
    """Finite distributions on (x, y) pairs with exact rational probabilities and a table of predictors.

    x are distinct integers (so every table is a function of x), y and predictions are halves
    in [−2, 2], probabilities are positive integers normalised to Fractions.
    """
    from fractions import Fraction

    from constructions.complexity.risks import FiniteLearningProblem

    if max_points < 1 or max_models < 1:
        raise ValueError(f"max_points={max_points}, max_models={max_models}; allowed: >= 1")
    k = draw(st.integers(1, max_points), label="support size")
    halves = st.integers(-4, 4).map(lambda v: Fraction(v, 2))
    ys = draw(st.lists(halves, min_size=k, max_size=k), label="y")
    weights = draw(st.lists(st.integers(1, 9), min_size=k, max_size=k), label="weights")
    m = draw(st.integers(1, max_models), label="number of predictors")
    table = draw(st.lists(st.lists(halves, min_size=k, max_size=k), min_size=m, max_size=m), label="table")
    loss = draw(st.sampled_from(["squared", "zero_one"]), label="loss")
    total = sum(weights)
    return FiniteLearningProblem(points=tuple((i, y) for i, y in enumerate(ys)),
                                 probabilities=tuple(Fraction(w, total) for w in weights),
                                 predictions=tuple(tuple(r) for r in table), loss=loss)


class LipschitzFunction:
    """A target f on [0, 1] with a known Lipschitz constant and a certifiable form.

    ``target`` is a :mod:`constructions.certification` target (callable on arrays and
    enclosable on boxes); ``lipschitz`` is an upper bound on the Lipschitz constant of f on
    [0, 1], rounded upward.  The repr is the short description Hypothesis prints.
    """

    __slots__ = ("description", "lipschitz", "target")

    def __init__(self, target, lipschitz: float, description: str):
        self.target, self.lipschitz, self.description = target, float(lipschitz), description

    def __call__(self, x):
        return self.target(x)

    def __repr__(self) -> str:
        return f"{self.description} (L={self.lipschitz:.4g})"


def _check_bound(name: str, value, low) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= low:
        raise ValueError(f"{name}={value!r}; allowed: a number >= {low}")


@st.composite
def lipschitz_piecewise_linear_functions(draw, *, max_pieces: int = 12, max_value: float = 2.0):
    """Continuous piecewise-linear f on [0, 1] with an exact Lipschitz constant.

    Breakpoints are 0, 1 and distinct multiples of 1/256 in between; values are multiples of
    1/16 in [−max_value, max_value].  The Lipschitz constant max |Δv/Δt| is computed in exact
    rationals and rounded upward to a float.
    """
    import math
    from fractions import Fraction

    from constructions.certification import PiecewiseLinearTarget

    _check_bound("max_pieces", max_pieces, 1)
    _check_bound("max_value", max_value, 1 / 16)
    if not isinstance(max_pieces, int):
        raise ValueError(f"max_pieces={max_pieces!r}; allowed: an integer >= 1")
    inner = draw(st.lists(st.integers(1, 255), unique=True, max_size=max_pieces - 1), label="breakpoints/256")
    ticks = [0, *sorted(inner), 256]
    top = int(16 * max_value)
    levels = draw(st.lists(st.integers(-top, top), min_size=len(ticks), max_size=len(ticks)), label="values·16")
    slopes = [Fraction(v1 - v0, 16) / Fraction(t1 - t0, 256)
              for (t0, v0), (t1, v1) in zip(zip(ticks, levels), zip(ticks[1:], levels[1:]))]
    exact = max(abs(s) for s in slopes)
    lipschitz = float(exact)
    if Fraction(lipschitz) < exact:
        lipschitz = math.nextafter(lipschitz, math.inf)
    t = np.array(ticks, dtype=float) / 256  # dyadic: exact in float64
    v = np.array(levels, dtype=float) / 16
    pts = ", ".join(f"({a:g}, {b:g})" for a, b in zip(t, v))
    return LipschitzFunction(PiecewiseLinearTarget(t, v), lipschitz, f"piecewise linear through {pts}")


@st.composite
def trigonometric_polynomials(draw, *, max_degree: int = 4, max_coefficient: float = 1.0):
    """f(x) = a_0 + Σ_{k=1}^K a_k cos(2πkx) + b_k sin(2πkx), |a_k|, |b_k| ≤ max_coefficient.

    The Lipschitz constant used is 2π Σ_k k(|a_k| + |b_k|) (from |f′| ≤ that sum), computed in
    float64 and enlarged by the factor 1 + 1e-12, far above the (2K + 2)·2^{−53} relative
    rounding of the sum.
    """
    from constructions.certification import FourierSeriesTarget

    _check_bound("max_degree", max_degree, 1)
    _check_bound("max_coefficient", max_coefficient, 0.0)
    if not isinstance(max_degree, int):
        raise ValueError(f"max_degree={max_degree!r}; allowed: an integer >= 1")
    K = draw(st.integers(1, max_degree), label="degree")
    coef = st.floats(-max_coefficient, max_coefficient, allow_nan=False, allow_infinity=False,
                     allow_subnormal=False)
    a = np.array(draw(st.lists(coef, min_size=K + 1, max_size=K + 1), label="cos coefficients"))
    b = np.array([0.0, *draw(st.lists(coef, min_size=K, max_size=K), label="sin coefficients")])
    k = np.arange(K + 1)
    lipschitz = 2 * np.pi * float(np.sum(k * (np.abs(a) + np.abs(b)))) * (1 + 1e-12)
    terms = " + ".join([f"{a[0]:.3g}"] + [f"{a[j]:.3g}cos(2π{j}x) + {b[j]:.3g}sin(2π{j}x)"
                                          for j in range(1, K + 1)])
    return LipschitzFunction(FourierSeriesTarget(a, b), lipschitz, f"f(x) = {terms}")


def lipschitz_functions() -> st.SearchStrategy[LipschitzFunction]:
    """Either kind of target above (piecewise linear or trigonometric), each with its Lipschitz constant."""
    return st.one_of(lipschitz_piecewise_linear_functions(), trigonometric_polynomials())


# --- universal approximation: elementary targets with certified derivative bounds (issue #4) ---

class ElementaryFunction(LipschitzFunction):
    """An elementary sympy expression f on [0, 1]^dim with certified derivative bounds.

    ``lipschitz`` ≥ sup Σ_i |∂_i f| (the ℓ∞ Lipschitz constant; sup |f′| in 1-D) and
    ``hessian_bound`` ≥ sup Σ_{i,k} |∂_i∂_k f| (computed on first use), both certified by
    interval arithmetic on sympy's derivatives (constructions.certification.lipschitz).
    """

    __slots__ = ("_hessian", "dim", "expr", "symbols")

    def __init__(self, expr, symbols, lipschitz: float):
        from constructions.certification import ExpressionTarget

        super().__init__(ExpressionTarget(expr, symbols), lipschitz, f"f({', '.join(map(str, symbols))}) = {expr}")
        self.expr, self.symbols, self.dim, self._hessian = expr, tuple(symbols), len(symbols), None

    @property
    def hessian_bound(self) -> float:
        if self._hessian is None:
            from constructions.certification.lipschitz import certify_derivative_bound

            self._hessian = certify_derivative_bound(self.expr, self.symbols, [(0.0, 1.0)] * self.dim,
                                                     order=2).upper
        return self._hessian


_ELEMENTARY_UNARY = ("sin", "cos", "exp", "tanh", "atan", "sqrt(1 + u²)")


def _apply_unary(name: str, u):
    import sympy

    if name == "sqrt(1 + u²)":
        return sympy.sqrt(1 + u**2)
    return getattr(sympy, name)(u)


def _elementary_expressions(symbols: tuple, depth: int) -> st.SearchStrategy:
    """Expression trees of height ≤ depth: leaves a·x_i + b (a, b halves), unary maps, +, ×."""
    import sympy

    halves = st.integers(-6, 6).map(lambda k: sympy.Rational(k, 2))
    leaf = st.builds(lambda i, a, b: a * symbols[i] + b, st.integers(0, len(symbols) - 1),
                     halves.filter(bool), halves.map(lambda v: v / 3))
    if depth == 0:
        return leaf
    sub = _elementary_expressions(symbols, depth - 1)
    return st.one_of(leaf, st.builds(_apply_unary, st.sampled_from(_ELEMENTARY_UNARY), sub),
                     st.builds(lambda u, v: u + v, sub, sub), st.builds(lambda u, v: u * v, sub, sub))


_ELEMENTARY_CACHE: dict = {}


def _elementary_function(expr, symbols: tuple, max_lipschitz: float):
    """The ElementaryFunction of expr, or None if its certified bound is infinite or too large."""
    from constructions.certification.lipschitz import certify_derivative_bound

    key = (expr, symbols)
    if key not in _ELEMENTARY_CACHE:
        if len(_ELEMENTARY_CACHE) > 4096:  # Hypothesis revisits and shrinks: cache, but bounded
            _ELEMENTARY_CACHE.clear()
        bound = certify_derivative_bound(expr, symbols, [(0.0, 1.0)] * len(symbols), order=1).upper
        _ELEMENTARY_CACHE[key] = (ElementaryFunction(expr, symbols, bound)
                                  if np.isfinite(bound) else None)
    f = _ELEMENTARY_CACHE[key]
    return f if f is not None and f.lipschitz <= max_lipschitz else None


def elementary_functions(*, dim: int = 1, max_depth: int = 3,
                         max_lipschitz: float = 1000.0) -> st.SearchStrategy[ElementaryFunction]:
    """Compositions of elementary functions on [0, 1]^dim with a certified Lipschitz constant.

    Expression trees of height ≤ ``max_depth`` over sin, cos, exp, tanh, atan, √(1 + u²), + and ×,
    with leaves a·x_i + b (a ∈ ±{½, 1, …, 3}, b ∈ {−1, −⅚, …, 1}).  ``lipschitz`` is the certified
    upper bound on sup Σ_i|∂_i f| over [0, 1]^dim (interval arithmetic on sympy's derivative);
    trees whose bound exceeds ``max_lipschitz`` (e.g. exp∘exp∘exp) are rejected.  Coordinates are
    x (dim = 1) or x0, …, x{dim−1}.
    """
    import sympy

    _check_bound("dim", dim, 1)
    _check_bound("max_depth", max_depth, 0)
    _check_bound("max_lipschitz", max_lipschitz, 0.0)
    if not isinstance(dim, int) or not isinstance(max_depth, int):
        raise ValueError(f"dim={dim!r}, max_depth={max_depth!r}; allowed: integers")
    symbols = (sympy.Symbol("x"),) if dim == 1 else tuple(sympy.symbols(f"x0:{dim}"))
    return (_elementary_expressions(symbols, max_depth)
            .map(lambda e: _elementary_function(e, symbols, max_lipschitz))
            .filter(lambda f: f is not None))
