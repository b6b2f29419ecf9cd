"""Empirical and population risk where both are known exactly.

The lecture's learning set-up: a loss ℓ, a model class Θ, the empirical risk
R_n(θ) = n⁻¹ Σ_i ℓ(y_i, f_θ(x_i)) of a sample D_n and the population risk
R(θ) = E[ℓ(y, f_θ(x))].  Three models in which R is computable without
approximation:

* :class:`FiniteLearningProblem` — a finite distribution with rational
  probabilities and a finite table of predictors: every risk is a
  :class:`fractions.Fraction`, so the error decomposition (C02) and
  E[R_n(θ)] = R(θ) (C01) are checked with ``==``;
* :class:`NoisyThresholdProblem` — threshold classifiers 1[x ≥ t] on
  x ~ U[0, 1] with label noise η: R(t) in closed form, and the uniform
  deviation sup_t |R(t) − R_n(t)| computed exactly from a sorted sample;
* ordinary least squares on Gaussian designs (C01's control): the exact
  expectations σ²(1 − p/n) of the training MSE and σ²(1 + p/(n − p − 1)) of
  the test MSE, and a Monte Carlo sampler of per-replicate values.

Two samplers serve C18: :func:`cauchy_risk_differences` (an unbounded loss,
for which no uniform-deviation bound of the VC kind holds) and
:func:`random_feature_classifier_gap` (the measured 0–1 generalization gap of
a minimum-norm interpolating two-layer ReLU network with W ≫ n).

References
----------
Lecture 「深層学習・人工知能の数理」 (今泉, 2024), 学習の設定 and 誤差の分解.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy.stats import binom

from constructions.linear_models.estimators import min_norm_interpolator
from constructions.linear_models.random_features import random_feature_weights, relu_random_features
from constructions.validation import check_finite_array, check_integer, check_one_of, check_real

__all__ = [
    "HEAVY_TAILED_LOSSES",
    "LOSSES",
    "ClassifierGap",
    "ErrorDecomposition",
    "FiniteLearningProblem",
    "NoisyThresholdProblem",
    "OLSRiskReplicates",
    "cauchy_risk_differences",
    "error_decomposition",
    "expected_ols_test_mse",
    "expected_ols_training_mse",
    "finite_problem_from_predictors",
    "ols_risk_replicates",
    "random_feature_classifier_gap",
]

#: Loss names understood by :class:`FiniteLearningProblem`.
LOSSES = ("squared", "zero_one")


def _as_fraction(name: str, value) -> Fraction:
    """Exact rational from an int, Fraction or decimal string; floats are rejected."""
    if isinstance(value, bool) or isinstance(value, float) or not isinstance(
            value, numbers.Rational | str):
        raise ValueError(f"{name}={value!r} must be an exact rational (int, Fraction or str); "
                         "allowed: no floats, so that every risk is exact")
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"{name}={value!r} is not a rational number: {exc}") from None


def _loss(kind: str, y: Fraction, prediction: Fraction) -> Fraction:
    if kind == "squared":
        return (y - prediction) ** 2
    return Fraction(int(y != prediction))


@dataclass(frozen=True)
class FiniteLearningProblem:
    """A finite distribution of (x, y) pairs and a finite table of predictors.

    Parameters
    ----------
    points : sequence of (x, y)
        Support of the distribution; x and y exact rationals (int, Fraction
        or str such as ``"1/3"``).  The same x may occur with several y.
    probabilities : sequence
        P((x, y) = points[i]); exact rationals, positive, summing to 1.
    predictions : sequence of sequences
        ``predictions[j][i]`` = f_{θ_j}(x_i), the model table; a predictor is a
        function of x, so equal x must get equal predictions.
    loss : {"squared", "zero_one"}
        ℓ(y, ŷ) = (y − ŷ)² or 1[y ≠ ŷ].

    Notes
    -----
    A sample D_n is a tuple of indices into ``points``; the index set Θ of
    the table is ``range(n_models)``, and every method taking
    ``model_class`` restricts Θ to a subset of it (the negative control of
    C02 takes the supremum over a smaller class than the one θ̂ came from).

    Examples
    --------
    >>> problem = FiniteLearningProblem(
    ...     points=[(0, 0), (1, 1)], probabilities=["1/2", "1/2"],
    ...     predictions=[[0, 0], [0, 1]], loss="zero_one")
    >>> problem.population_risk(0), problem.empirical_risk(0, (1, 1, 0))
    (Fraction(1, 2), Fraction(2, 3))
    >>> problem.erm((1, 1, 0))
    1
    """

    points: tuple[tuple[Fraction, Fraction], ...]
    probabilities: tuple[Fraction, ...]
    predictions: tuple[tuple[Fraction, ...], ...]
    loss: str = "squared"

    def __post_init__(self) -> None:
        check_one_of("loss", self.loss, LOSSES)
        points = []
        for i, pair in enumerate(self.points):
            try:
                x, y = pair
            except (TypeError, ValueError):
                raise ValueError(f"points[{i}]={pair!r} must be a pair (x, y)") from None
            points.append((_as_fraction(f"points[{i}][0]", x), _as_fraction(f"points[{i}][1]", y)))
        if not points:
            raise ValueError("points=() is empty; allowed: at least one support point")
        probs = tuple(_as_fraction(f"probabilities[{i}]", p)
                      for i, p in enumerate(self.probabilities))
        if len(probs) != len(points):
            raise ValueError(f"len(probabilities)={len(probs)} but len(points)={len(points)}; "
                             "allowed: equal")
        if any(p <= 0 for p in probs):
            raise ValueError(f"probabilities={[str(p) for p in probs]} has a non-positive entry; "
                             "allowed: every probability > 0")
        if sum(probs) != 1:
            raise ValueError(f"probabilities sum to {sum(probs)}; allowed: exactly 1")
        table = []
        for j, row in enumerate(self.predictions):
            row = tuple(_as_fraction(f"predictions[{j}][{i}]", v) for i, v in enumerate(row))
            if len(row) != len(points):
                raise ValueError(f"predictions[{j}] has {len(row)} entries but there are "
                                 f"{len(points)} points; allowed: one prediction per point")
            seen: dict[Fraction, Fraction] = {}
            for (x, _), v in zip(points, row, strict=True):
                if seen.setdefault(x, v) != v:
                    raise ValueError(f"predictions[{j}] gives x={x} two values {seen[x]} and {v}; "
                                     "allowed: a predictor is a function of x")
            table.append(row)
        if not table:
            raise ValueError("predictions=() is empty; allowed: at least one predictor")
        object.__setattr__(self, "points", tuple(points))
        object.__setattr__(self, "probabilities", probs)
        object.__setattr__(self, "predictions", tuple(table))
        losses = tuple(tuple(_loss(self.loss, y, v) for (_, y), v in zip(points, row, strict=True))
                       for row in table)
        object.__setattr__(self, "_losses", losses)

    # -- sizes ------------------------------------------------------------
    @property
    def n_points(self) -> int:
        return len(self.points)

    @property
    def n_models(self) -> int:
        return len(self.predictions)

    # -- validation helpers -------------------------------------------------
    def _theta(self, theta, name: str = "theta") -> int:
        return check_integer(name, theta, min_value=0, max_value=self.n_models - 1)

    def _sample(self, sample) -> tuple[int, ...]:
        try:
            idx = tuple(sample)
        except TypeError:
            raise ValueError(f"sample={sample!r} must be a sequence of point indices") from None
        if not idx:
            raise ValueError("sample=() is empty; allowed: n >= 1 points")
        return tuple(check_integer(f"sample[{k}]", i, min_value=0, max_value=self.n_points - 1)
                     for k, i in enumerate(idx))

    def _model_class(self, model_class) -> tuple[int, ...]:
        if model_class is None:
            return tuple(range(self.n_models))
        cls = tuple(sorted({self._theta(t, "model_class[...]") for t in model_class}))
        if not cls:
            raise ValueError("model_class is empty; allowed: at least one predictor index")
        return cls

    # -- risks -------------------------------------------------------------
    def population_risk(self, theta) -> Fraction:
        """R(θ) = Σ_i P(points[i]) ℓ(y_i, f_θ(x_i)), exactly."""
        losses = self._losses[self._theta(theta)]
        return sum((p * v for p, v in zip(self.probabilities, losses, strict=True)), Fraction(0))

    def empirical_risk(self, theta, sample) -> Fraction:
        """R_n(θ) = n⁻¹ Σ_k ℓ(y_{s_k}, f_θ(x_{s_k})) for the sample of indices s, exactly."""
        losses = self._losses[self._theta(theta)]
        idx = self._sample(sample)
        return Fraction(sum((losses[i] for i in idx), Fraction(0)), len(idx))

    def min_empirical_risk(self, sample, *, model_class=None) -> Fraction:
        """inf_{θ∈Θ} R_n(θ)."""
        return min(self.empirical_risk(t, sample) for t in self._model_class(model_class))

    def min_population_risk(self, *, model_class=None) -> Fraction:
        """inf_{θ∈Θ} R(θ)."""
        return min(self.population_risk(t) for t in self._model_class(model_class))

    def erm(self, sample, *, model_class=None) -> int:
        """Empirical risk minimiser: the smallest index attaining inf_{θ∈Θ} R_n(θ)."""
        cls = self._model_class(model_class)
        return min(cls, key=lambda t: (self.empirical_risk(t, sample), t))

    def worst_fit(self, sample, *, model_class=None) -> int:
        """An "arbitrary algorithm" at its worst: the smallest index maximising R_n over Θ."""
        cls = self._model_class(model_class)
        return min(cls, key=lambda t: (-self.empirical_risk(t, sample), t))

    def uniform_deviation(self, sample, *, model_class=None) -> Fraction:
        """sup_{θ∈Θ} |R(θ) − R_n(θ)|, exactly."""
        return max(abs(self.population_risk(t) - self.empirical_risk(t, sample))
                   for t in self._model_class(model_class))

    # -- sampling ----------------------------------------------------------
    def draw_sample(self, n, *, rng: np.random.Generator) -> tuple[int, ...]:
        """n i.i.d. indices drawn with the (float-rounded) probabilities."""
        n = check_integer("n", n, min_value=1)
        p = np.array([float(q) for q in self.probabilities])
        return tuple(int(i) for i in rng.choice(self.n_points, size=n, p=p / p.sum()))

    def expectation_over_samples(self, n, statistic: Callable[[tuple[int, ...]], Fraction]
                                 ) -> Fraction:
        """E_{D_n}[statistic(D_n)] over i.i.d. samples of size n, exactly.

        Enumerates the C(n + k − 1, k − 1) multisets of the k support points,
        each with its multinomial probability, so ``statistic`` must not depend
        on the order of the sample (every risk above qualifies).

        Examples
        --------
        >>> problem = FiniteLearningProblem(
        ...     points=[(0, 0), (1, 1)], probabilities=["1/4", "3/4"],
        ...     predictions=[[0, 0]], loss="zero_one")
        >>> problem.expectation_over_samples(3, lambda s: problem.empirical_risk(0, s))
        Fraction(3, 4)
        """
        n = check_integer("n", n, min_value=1)
        k = self.n_points
        if math.comb(n + k - 1, k - 1) > 10**6:
            raise ValueError(f"n={n} with {k} support points gives {math.comb(n + k - 1, k - 1)} "
                             "multisets; allowed: at most 10**6")
        total = Fraction(0)
        for multiset in itertools.combinations_with_replacement(range(k), n):
            counts = np.bincount(multiset, minlength=k)
            weight = Fraction(math.factorial(n))
            for p, c in zip(self.probabilities, counts.tolist(), strict=True):
                weight *= p ** c / math.factorial(c)
            total += weight * statistic(multiset)
        return total


def finite_problem_from_predictors(points, probabilities, predictors: Sequence[Callable],
                                   *, loss: str = "squared") -> FiniteLearningProblem:
    """Tabulate callables x ↦ f_θ(x) (exact in Fractions) into a :class:`FiniteLearningProblem`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> slopes = [Fraction(k, 2) for k in range(3)]
    >>> grid = [lambda x, a=a: a * x for a in slopes]   # a finite grid of linear predictors
    >>> problem = finite_problem_from_predictors([(0, 0), (1, 1)], ["1/2", "1/2"], grid)
    >>> [str(problem.population_risk(j)) for j in range(3)]
    ['1/2', '1/8', '0']
    """
    if isinstance(points, str) or any(np.ndim(p) != 1 or len(p) != 2 for p in points):
        raise ValueError(f"points={points!r} is not a sequence of (x, y) pairs")
    if (not isinstance(predictors, Sequence) or isinstance(predictors, str) or not predictors
            or not all(map(callable, predictors))):
        raise ValueError(f"predictors={predictors!r}; allowed: a non-empty sequence of callables")
    pts = [(_as_fraction(f"points[{i}][0]", x), y) for i, (x, y) in enumerate(points)]
    table = [[f(x) for x, _ in pts] for f in predictors]
    return FiniteLearningProblem(points=tuple(points), probabilities=tuple(probabilities),
                                 predictions=tuple(tuple(r) for r in table), loss=loss)


@dataclass(frozen=True)
class ErrorDecomposition:
    """R(θ̂) = inf_Θ R_n + (R(θ̂) − R_n(θ̂)) + (R_n(θ̂) − inf_Θ R_n), all exact.

    Attributes
    ----------
    risk : Fraction
        R(θ̂).
    approximation : Fraction
        inf_{θ∈Θ} R_n(θ) (the lecture's "approximation error"; random, see Notes
        of :func:`error_decomposition`).
    complexity : Fraction
        R(θ̂) − R_n(θ̂).
    optimisation : Fraction
        R_n(θ̂) − inf_{θ∈Θ} R_n(θ).
    uniform_deviation : Fraction
        sup_{θ∈Θ} |R(θ) − R_n(θ)|.
    in_class : bool
        Whether θ̂ ∈ Θ.
    """

    risk: Fraction
    approximation: Fraction
    complexity: Fraction
    optimisation: Fraction
    uniform_deviation: Fraction
    in_class: bool

    @property
    def total(self) -> Fraction:
        """approximation + complexity + optimisation (equals ``risk`` identically)."""
        return self.approximation + self.complexity + self.optimisation


def error_decomposition(problem: FiniteLearningProblem, sample, theta_hat, *,
                        model_class=None) -> ErrorDecomposition:
    """The lecture's three-term decomposition of R(θ̂), exactly.

    Parameters
    ----------
    problem : FiniteLearningProblem
    sample : sequence of int
        D_n as indices into ``problem.points``.
    theta_hat : int
        Index of the selected predictor — from any algorithm, inside Θ or not.
    model_class : iterable of int, optional
        Θ, a subset of the table's indices (default: all of them); the inf and
        the sup are taken over Θ.

    Returns
    -------
    ErrorDecomposition

    Raises
    ------
    ValueError
        If ``sample`` or ``theta_hat`` index outside the problem, or Θ is empty.

    Notes
    -----
    The identity is a telescoping sum and holds for every θ̂.  The
    optimisation term is ≥ 0 when θ̂ ∈ Θ (it is then ≥ inf) and the complexity
    term obeys |R(θ̂) − R_n(θ̂)| ≤ sup_{θ∈Θ} |R(θ) − R_n(θ)| when θ̂ ∈ Θ; neither
    needs to hold when θ̂ ∉ Θ (C02's control).

    References
    ----------
    Lecture (今泉 2024), 誤差の分解; CLAIMS.md C02.

    Examples
    --------
    >>> problem = FiniteLearningProblem(
    ...     points=[(0, 0), (1, 1)], probabilities=["1/2", "1/2"],
    ...     predictions=[[0, 0], [0, 1]], loss="zero_one")
    >>> parts = error_decomposition(problem, (1, 1, 0), problem.erm((1, 1, 0)))
    >>> parts.total == parts.risk, parts.optimisation
    (True, Fraction(0, 1))
    """
    if not isinstance(problem, FiniteLearningProblem):
        raise ValueError(f"problem={type(problem).__name__} must be a FiniteLearningProblem")
    theta_hat = problem._theta(theta_hat, "theta_hat")
    cls = problem._model_class(model_class)
    risk = problem.population_risk(theta_hat)
    emp = problem.empirical_risk(theta_hat, sample)
    inf_emp = problem.min_empirical_risk(sample, model_class=cls)
    return ErrorDecomposition(risk=risk, approximation=inf_emp, complexity=risk - emp,
                              optimisation=emp - inf_emp,
                              uniform_deviation=problem.uniform_deviation(sample, model_class=cls),
                              in_class=theta_hat in cls)


# ---------------------------------------------------------------------------
# Threshold classifiers on U[0, 1]
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NoisyThresholdProblem:
    """Thresholds h_t(x) = 1[x ≥ t] on x ~ U[0, 1], labels 1[x ≥ t*] flipped w.p. η.

    Parameters
    ----------
    t_star : float in [0, 1]
        The Bayes threshold.
    eta : float in [0, 1/2]
        Label-noise probability.

    Notes
    -----
    h_t and h_{t*} disagree on an interval of length |t − t*| (for t, t* in
    [0, 1]); there the loss is 1 − η, elsewhere η, so

        R(t) = η + (1 − 2η) |t − t*|,   clipped t ∈ [0, 1]

    (t < 0 acts as t = 0 and t > 1 as t = 1).  R_n is constant on every
    interval (x_(k), x_(k+1)] between order statistics and R is continuous and
    piecewise linear with its kink at t*, so sup_t |R(t) − R_n(t)| is the
    maximum over the closures of those intervals of the values at their
    endpoints and at t* — computed exactly by :meth:`uniform_deviation`.

    Examples
    --------
    >>> problem = NoisyThresholdProblem(t_star=0.5, eta=0.125)
    >>> float(problem.population_risk(0.75))
    0.3125
    >>> x, y = np.array([0.2, 0.7]), np.array([0, 1])
    >>> problem.empirical_risk(np.array([0.5, 0.8]), x, y).tolist()
    [0.0, 0.5]
    """

    t_star: float = 0.5
    eta: float = 0.1

    def __post_init__(self) -> None:
        object.__setattr__(self, "t_star", check_real("t_star", self.t_star, min_value=0.0,
                                                      max_value=1.0))
        object.__setattr__(self, "eta", check_real("eta", self.eta, min_value=0.0,
                                                   max_value=0.5))

    def population_risk(self, t) -> np.ndarray:
        """R(t) = η + (1 − 2η)|clip(t, 0, 1) − t*|, elementwise."""
        t = np.clip(check_finite_array("t", t, ndim=(0, 1)), 0.0, 1.0)
        return self.eta + (1.0 - 2.0 * self.eta) * np.abs(t - self.t_star)

    def draw_sample(self, n, *, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """(x, y): n points x ~ U[0, 1] and labels in {0, 1}."""
        n = check_integer("n", n, min_value=1)
        x = rng.random(n)
        flip = rng.random(n) < self.eta
        return x, ((x >= self.t_star) ^ flip).astype(np.int64)

    @staticmethod
    def _checked_sample(x, y) -> tuple[np.ndarray, np.ndarray]:
        x = check_finite_array("x", x, ndim=1)
        y = check_finite_array("y", y, ndim=1, dtype=np.int64)
        if x.shape != y.shape or x.size == 0:
            raise ValueError(f"x has shape {x.shape} and y {y.shape}; allowed: equal, non-empty")
        if np.any((y != 0) & (y != 1)):
            raise ValueError("y has entries outside {0, 1}; allowed: labels 0 or 1")
        if np.any((x < 0) | (x > 1)):
            raise ValueError("x has entries outside [0, 1]; allowed: the support of U[0, 1]")
        return x, y

    def empirical_risk(self, t, x, y) -> np.ndarray:
        """R_n(t) = n⁻¹ Σ 1[1[x_i ≥ t] ≠ y_i] for every threshold in ``t``."""
        t = check_finite_array("t", t, ndim=(0, 1))
        x, y = self._checked_sample(x, y)
        order = np.argsort(x, kind="stable")
        xs, ys = x[order], y[order]
        errors_at = self._errors_by_split(ys)
        k = np.searchsorted(xs, t, side="left")  # points with x < t predicted 0
        return errors_at[k] / x.size

    @staticmethod
    def _errors_by_split(ys_sorted: np.ndarray) -> np.ndarray:
        """errors[k] = #mistakes when the k smallest points are predicted 0, the rest 1."""
        ones_below = np.concatenate(([0], np.cumsum(ys_sorted)))
        zeros_above = np.concatenate((np.cumsum((1 - ys_sorted)[::-1])[::-1], [0]))
        return ones_below + zeros_above

    def erm(self, x, y) -> float:
        """A minimiser of R_n: t = x_(k+1) for the best split k (just above x_(n) if k = n)."""
        x, y = self._checked_sample(x, y)
        order = np.argsort(x, kind="stable")
        xs = x[order]
        k = int(np.argmin(self._errors_by_split(y[order])))
        return float(xs[k]) if k < xs.size else float(np.nextafter(xs[-1], np.inf))

    def uniform_deviation(self, x, y) -> float:
        """sup_{t∈R} |R(t) − R_n(t)|, exact up to float rounding of R at O(n) nodes."""
        x, y = self._checked_sample(x, y)
        order = np.argsort(x, kind="stable")
        xs = x[order]
        emp = self._errors_by_split(y[order]) / x.size  # value on (x_(k), x_(k+1)], k = 0..n
        lo = np.concatenate(([0.0], xs))
        hi = np.concatenate((xs, [1.0]))
        cand = [np.abs(self.population_risk(lo) - emp), np.abs(self.population_risk(hi) - emp)]
        inside = (lo <= self.t_star) & (self.t_star <= hi)
        cand.append(np.where(inside, np.abs(self.eta - emp), 0.0))
        # tied order statistics leave (x_(k), x_(k+1)] empty; the end intervals never are
        nonempty = np.concatenate(([True], lo[1:-1] < hi[1:-1], [True]))
        return float(np.max(np.maximum.reduce(cand)[nonempty]))


# ---------------------------------------------------------------------------
# OLS on Gaussian designs
# ---------------------------------------------------------------------------
def _ols_sizes(n, p) -> tuple[int, int]:
    p = check_integer("p", p, min_value=1)
    n = check_integer("n", n, min_value=p + 2)
    return n, p


def _scaled(noise_variance, value: Fraction):
    if isinstance(noise_variance, numbers.Rational) and not isinstance(noise_variance, bool):
        s2 = Fraction(noise_variance)
        if s2 < 0:
            raise ValueError(f"noise_variance={noise_variance} is out of range; allowed: >= 0")
        return s2 * value
    return check_real("noise_variance", noise_variance, min_value=0.0) * float(value)


def expected_ols_training_mse(n, p, *, noise_variance=1):
    """E[‖y − Xβ̂‖²/n] = σ²(1 − p/n) for OLS on a full-rank n×p design.

    Exact (a Fraction) when ``noise_variance`` is rational, else a float.

    Notes
    -----
    y − Xβ̂ = (I − H)ε with H the rank-p hat matrix, so E‖(I − H)ε‖² =
    σ² tr(I − H) = σ²(n − p); holds for any full-rank X, independent of β*.
    The sizes are validated as for the test MSE (n ≥ p + 2).

    References
    ----------
    CLAIMS.md C01 [D][N].

    Examples
    --------
    >>> expected_ols_training_mse(50, 10)
    Fraction(4, 5)
    """
    n, p = _ols_sizes(n, p)
    return _scaled(noise_variance, 1 - Fraction(p, n))


def expected_ols_test_mse(n, p, *, noise_variance=1):
    """E[(y − xᵀβ̂)²] = σ²(1 + p/(n − p − 1)) for OLS, x ~ N(0, I_p), n ≥ p + 2.

    Notes
    -----
    Conditionally on the training data the test MSE is σ² + ‖β̂ − β*‖², and
    E‖β̂ − β*‖² = σ² E tr((XᵀX)⁻¹) = σ² p/(n − p − 1) (mean of an inverse
    Wishart W_p(n, I)⁻¹ is I/(n − p − 1)).

    References
    ----------
    CLAIMS.md C01, C21.

    Examples
    --------
    >>> str(expected_ols_test_mse(50, 10))
    '49/39'
    """
    n, p = _ols_sizes(n, p)
    return _scaled(noise_variance, 1 + Fraction(p, n - p - 1))


@dataclass(frozen=True)
class OLSRiskReplicates:
    """Per-replicate risks of OLS on independent Gaussian designs.

    Attributes
    ----------
    training_mse : ndarray, shape (r,)
        R_n(β̂) = ‖y − Xβ̂‖²/n.
    test_mse : ndarray, shape (r,)
        R(β̂) = σ² + ‖β̂ − β*‖², the exact conditional expectation over a fresh
        (x, y) given the training set.
    fixed_training_mse : ndarray, shape (r,)
        R_n(θ₀) for the fixed, data-independent θ₀.
    fixed_risk : float
        R(θ₀) = σ² + ‖θ₀ − β*‖² (so E[fixed_training_mse] = fixed_risk).
    """

    n: int
    p: int
    noise_variance: float
    training_mse: np.ndarray
    test_mse: np.ndarray
    fixed_training_mse: np.ndarray
    fixed_risk: float


def ols_risk_replicates(n, p, *, noise_variance=1.0, n_replicates, rng: np.random.Generator,
                        beta_star=None, theta_fixed=None) -> OLSRiskReplicates:
    """Monte Carlo of OLS training and test MSE, y = Xβ* + ε, x ~ N(0, I_p), ε ~ N(0, σ²).

    Parameters
    ----------
    n, p : int
        Sample size and dimension, n ≥ p + 2.
    noise_variance : float
        σ² ≥ 0.
    n_replicates : int
        Number of independent training sets r.
    rng : numpy.random.Generator
    beta_star, theta_fixed : array_like, shape (p,), optional
        True coefficients and a fixed comparison predictor (default zeros).

    Returns
    -------
    OLSRiskReplicates

    Notes
    -----
    All replicates are solved at once with a batched QR: β̂ − β* = R⁻¹Qᵀε and
    y − Xβ̂ = ε − QQᵀε.  Gaussian designs with n ≥ p + 2 are full rank with
    probability one.

    Examples
    --------
    >>> out = ols_risk_replicates(5, 1, n_replicates=3, rng=np.random.default_rng(0))
    >>> out.training_mse.shape, bool(np.all(out.test_mse >= 1.0))
    ((3,), True)
    """
    n, p = _ols_sizes(n, p)
    s2 = check_real("noise_variance", noise_variance, min_value=0.0)
    r = check_integer("n_replicates", n_replicates, min_value=1)
    beta = np.zeros(p) if beta_star is None else check_finite_array("beta_star", beta_star, ndim=1)
    theta0 = np.zeros(p) if theta_fixed is None else check_finite_array("theta_fixed",
                                                                        theta_fixed, ndim=1)
    if beta.shape != (p,) or theta0.shape != (p,):
        raise ValueError(f"beta_star has shape {beta.shape} and theta_fixed {theta0.shape}; "
                         f"allowed: ({p},)")
    x = rng.standard_normal((r, n, p))
    eps = math.sqrt(s2) * rng.standard_normal((r, n))
    q, rr = np.linalg.qr(x)
    qt_eps = np.einsum("rnp,rn->rp", q, eps)
    error = np.linalg.solve(rr, qt_eps[..., None])[..., 0]  # β̂ − β*
    resid = eps - np.einsum("rnp,rp->rn", q, qt_eps)
    fixed_resid = eps + x @ (beta - theta0)
    return OLSRiskReplicates(
        n=n, p=p, noise_variance=s2,
        training_mse=np.einsum("rn,rn->r", resid, resid) / n,
        test_mse=s2 + np.einsum("rp,rp->r", error, error),
        fixed_training_mse=np.einsum("rn,rn->r", fixed_resid, fixed_resid) / n,
        fixed_risk=s2 + float(np.dot(beta - theta0, beta - theta0)))


# ---------------------------------------------------------------------------
# An unbounded loss: Cauchy label noise
# ---------------------------------------------------------------------------
#: Losses of the residual r = y − f(x) understood by :func:`cauchy_risk_differences`.
HEAVY_TAILED_LOSSES = ("squared", "absolute")


def cauchy_risk_differences(n, *, n_replicates, rng: np.random.Generator,
                            loss: str = "squared") -> np.ndarray:
    """|R_n(h) − R′_n(h)| for two independent samples of size n, labels with standard Cauchy noise.

    Parameters
    ----------
    n : int
        Size of each of the two samples.
    n_replicates : int
        Number of independent pairs of samples r.
    rng : numpy.random.Generator
    loss : {"squared", "absolute"}
        ℓ(y, ŷ) = (y − ŷ)² or |y − ŷ|: unbounded.

    Returns
    -------
    ndarray, shape (r,)
        One absolute difference of the two empirical risks per replicate.

    Notes
    -----
    Model: x ~ U[0, 1], y = 1[x ≥ t*] + ε with ε standard Cauchy, and the
    threshold h = h_{t*} of the class {1[x ≥ t]} (VC dimension 1).  The
    residual y − h(x) = ε does not depend on x, so x is not drawn.  For a loss
    in [0, 1], with probability ≥ 1 − 2δ both samples have
    sup_t |R − R_n| ≤ ε_VC(1, n, δ), hence |R_n(h) − R′_n(h)| ≤ 2ε_VC; here
    R(h) = E ℓ(ε) = ∞ and n⁻¹Σ ε_i² grows like n (a ½-stable law), so the
    difference exceeds any such ε with probability → 1 (C18's control).

    References
    ----------
    Anthony & Bartlett (1999), Thm 4.3 (needs a bounded loss); lecture, 複雑性誤差; CLAIMS.md C18.

    Examples
    --------
    >>> d = cauchy_risk_differences(5, n_replicates=3, rng=np.random.default_rng(0))
    >>> d.shape, bool(np.all(d >= 0))
    ((3,), True)
    """
    n = check_integer("n", n, min_value=1)
    r = check_integer("n_replicates", n_replicates, min_value=1)
    check_one_of("loss", loss, HEAVY_TAILED_LOSSES)
    eps = rng.standard_cauchy((2, r, n))
    losses = eps * eps if loss == "squared" else np.abs(eps)
    means = losses.mean(axis=-1)
    return np.abs(means[0] - means[1])


# ---------------------------------------------------------------------------
# Measured gap of a min-norm interpolating random-feature network
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassifierGap:
    """Training and held-out 0–1 errors of one trained classifier.

    Attributes
    ----------
    n_train, n_test : int
        Sizes of the training sample and of the independent test sample.
    input_dim, n_features : int
        d and the hidden width N of the architecture d → N → 1.
    n_params : int
        W = N(d + 1) + N + 1 of that dense architecture (weights and biases).
    training_errors, test_errors : int
        Misclassified points of each sample.
    label_noise : float
        Probability η with which a label was flipped (η = 1/2: random labels).
    """

    n_train: int
    n_test: int
    input_dim: int
    n_features: int
    n_params: int
    training_errors: int
    test_errors: int
    label_noise: float

    @property
    def training_error(self) -> float:
        """R_n(θ̂), the 0–1 training error (exact)."""
        return self.training_errors / self.n_train

    @property
    def test_error(self) -> float:
        """The held-out estimate of R(θ̂)."""
        return self.test_errors / self.n_test

    @property
    def measured_gap(self) -> float:
        """Test error minus training error: the estimate of R(θ̂) − R_n(θ̂)."""
        return self.test_error - self.training_error

    def gap_upper_bound(self, *, alpha) -> float:
        """Hoeffding: R(θ̂) − R_n(θ̂) ≤ measured gap + √(ln(1/α)/(2m)) with probability ≥ 1 − α.

        The test sample is independent of θ̂, so conditionally on the training
        sample the m test losses are i.i.d. in [0, 1] with mean R(θ̂).
        """
        a = check_real("alpha", alpha, min_value=0.0, max_value=1.0, strict_min=True,
                       strict_max=True)
        return self.measured_gap + math.sqrt(math.log(1.0 / a) / (2.0 * self.n_test))

    def gap_p_value(self, level) -> float:
        """Exact p-value of "R(θ̂) − R_n(θ̂) ≤ level": P(Binomial(m, R_n + level) ≥ test_errors)."""
        g = check_real("level", level, min_value=0.0, max_value=1.0)
        return float(binom.sf(self.test_errors - 1, self.n_test, min(1.0, self.training_error + g)))


def random_feature_classifier_gap(n_train, n_features, *, n_test, rng: np.random.Generator,
                                  input_dim=2, label_noise=0.0) -> ClassifierGap:
    """Train a min-norm interpolating two-layer ReLU classifier and count its 0–1 errors.

    Parameters
    ----------
    n_train : int
        n, the training sample size.
    n_features : int
        N, the width of the random hidden layer.
    n_test : int
        m, the size of the independent test sample.
    rng : numpy.random.Generator
    input_dim : int
        d ≥ 1.
    label_noise : float in [0, 1/2]
        η: each label is flipped independently with probability η (η = 1/2: labels
        independent of the input).

    Returns
    -------
    ClassifierGap

    Notes
    -----
    Task: z ~ N(0, I_d), y = sign(z₁) ∈ {±1} (flipped with probability η).  Network:
    f(z) = Σ_j β_j ReLU(w_jᵀz + b_j) with (w_j, b_j) ~ N(0, I_{d+1}/(d+1)) drawn once and
    never trained (:func:`constructions.linear_models.random_features.random_feature_weights` on [z, 1]);
    β̂ = Φ⁺y (:func:`constructions.linear_models.estimators.min_norm_interpolator`), which interpolates the
    ±1 labels when N ≥ n and Φ has rank n, so the training 0–1 error is then 0.  The
    classifier is sign f (0 ↦ +1).  It belongs to the class of all networks d → N → 1,
    of W = N(d + 1) + N + 1 parameters, to which BHLM's VC bound applies.

    References
    ----------
    Zhang, Bengio, Hardt, Recht, Vinyals, ICLR 2017 (random labels); Belkin et al.,
    PNAS 116 (2019); lecture, 複雑性誤差; CLAIMS.md C18.

    Examples
    --------
    >>> out = random_feature_classifier_gap(10, 50, n_test=20, rng=np.random.default_rng(0))
    >>> out.n_params, out.training_errors
    (201, 0)
    """
    n = check_integer("n_train", n_train, min_value=1)
    N = check_integer("n_features", n_features, min_value=1)
    m = check_integer("n_test", n_test, min_value=1)
    d = check_integer("input_dim", input_dim, min_value=1)
    eta = check_real("label_noise", label_noise, min_value=0.0, max_value=0.5)
    weights = random_feature_weights(N, d + 1, rng=rng)

    def features(z: np.ndarray) -> np.ndarray:
        return relu_random_features(np.column_stack([z, np.ones(len(z))]), weights)

    def draw(size: int) -> tuple[np.ndarray, np.ndarray]:
        z = rng.standard_normal((size, d))
        y = np.where(z[:, 0] >= 0.0, 1.0, -1.0)
        return z, np.where(rng.random(size) < eta, -y, y)

    z, y = draw(n)
    fit = min_norm_interpolator(features(z), y)
    z_test, y_test = draw(m)

    def errors(zs: np.ndarray, ys: np.ndarray) -> int:
        return int(np.count_nonzero(np.where(fit.predict(features(zs)) >= 0.0, 1.0, -1.0) != ys))

    return ClassifierGap(n_train=n, n_test=m, input_dim=d, n_features=N,
                         n_params=N * (d + 1) + N + 1,
                         training_errors=errors(z, y), test_errors=errors(z_test, y_test),
                         label_noise=eta)
