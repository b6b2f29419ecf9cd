"""Tests for constructions.complexity.risks: exact risks, the error decomposition, OLS expectations."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.stats import norm

from constructions.complexity.risks import (
    FiniteLearningProblem,
    NoisyThresholdProblem,
    cauchy_risk_differences,
    error_decomposition,
    expected_ols_test_mse,
    expected_ols_training_mse,
    finite_problem_from_predictors,
    ols_risk_replicates,
    random_feature_classifier_gap,
)
from constructions.complexity.vc_dimension import vc_generalization_bound

#: Two-sided normal quantile for a designed false-alarm rate of 1e-6 per interval.
Z_FALSE_ALARM_1E6 = float(norm.isf(0.5e-6))


@st.composite
def finite_problems(draw, *, max_points=4, max_models=4):
    """Problems with distinct x (so any table is a function of x) and integer weights."""
    k = draw(st.integers(1, max_points))
    xs = draw(st.lists(st.integers(-3, 3), min_size=k, max_size=k, unique=True))
    ys = draw(st.lists(st.integers(-2, 2), min_size=k, max_size=k))
    weights = draw(st.lists(st.integers(1, 5), min_size=k, max_size=k))
    probs = [Fraction(w, sum(weights)) for w in weights]
    n_models = draw(st.integers(1, max_models))
    table = draw(st.lists(st.lists(st.integers(-2, 2), min_size=k, max_size=k),
                          min_size=n_models, max_size=n_models))
    loss = draw(st.sampled_from(["squared", "zero_one"]))
    return FiniteLearningProblem(points=tuple(zip(xs, ys, strict=True)),
                                 probabilities=tuple(probs),
                                 predictions=tuple(map(tuple, table)), loss=loss)


@st.composite
def problems_with_samples(draw, *, max_n=6):
    problem = draw(finite_problems())
    sample = draw(st.lists(st.integers(0, problem.n_points - 1), min_size=1, max_size=max_n))
    return problem, tuple(sample)


@settings(deadline=None)
@given(data=problems_with_samples(), pick=st.data())
def test_decomposition_terms_sum_to_population_risk_exactly(data, pick):
    problem, sample = data
    theta_hat = pick.draw(st.integers(0, problem.n_models - 1), label="theta_hat")
    cls = pick.draw(st.sets(st.integers(0, problem.n_models - 1), min_size=1), label="Theta")
    parts = error_decomposition(problem, sample, theta_hat, model_class=cls)
    assert parts.total == parts.risk == problem.population_risk(theta_hat)


@settings(deadline=None)
@given(data=problems_with_samples())
def test_erm_has_zero_optimisation_term(data):
    problem, sample = data
    parts = error_decomposition(problem, sample, problem.erm(sample))
    assert parts.optimisation == 0
    assert parts.approximation == problem.min_empirical_risk(sample)


@settings(deadline=None)
@given(data=problems_with_samples(), pick=st.data())
def test_in_class_selection_has_nonnegative_optimisation_and_bounded_complexity(data, pick):
    problem, sample = data
    cls = pick.draw(st.sets(st.integers(0, problem.n_models - 1), min_size=1), label="Theta")
    theta_hat = pick.draw(st.sampled_from(sorted(cls)), label="theta_hat")
    parts = error_decomposition(problem, sample, theta_hat, model_class=cls)
    assert parts.in_class
    assert parts.optimisation >= 0
    assert abs(parts.complexity) <= parts.uniform_deviation


def test_complexity_term_exceeds_the_sup_over_a_class_not_containing_theta_hat():
    # θ0 = constant 1/2 has R = R_n = 1/4 on every sample; θ1 predicts 0 everywhere.
    problem = FiniteLearningProblem(points=[(0, 0), (1, 1)], probabilities=["1/2", "1/2"],
                                    predictions=[["1/2", "1/2"], [0, 0]], loss="squared")
    sample = (0, 0)
    theta_hat = problem.erm(sample)  # ERM over Θ' = {θ0, θ1}
    parts = error_decomposition(problem, sample, theta_hat, model_class={0})
    assert (theta_hat, parts.in_class) == (1, False)
    assert parts.complexity == Fraction(1, 2) > parts.uniform_deviation == 0
    assert parts.total == parts.risk  # the identity itself never fails


def test_worst_fit_is_an_arbitrary_algorithm_with_positive_optimisation_term():
    problem = FiniteLearningProblem(points=[(0, 0), (1, 1)], probabilities=["1/2", "1/2"],
                                    predictions=[[0, 1], [1, 0]], loss="zero_one")
    parts = error_decomposition(problem, (0, 1), problem.worst_fit((0, 1)))
    assert parts.optimisation == 1
    assert parts.total == parts.risk


@settings(deadline=None, max_examples=50)
@given(problem=finite_problems(max_points=3), n=st.integers(1, 4), pick=st.data())
def test_expected_empirical_risk_of_a_fixed_predictor_equals_population_risk(problem, n, pick):
    theta = pick.draw(st.integers(0, problem.n_models - 1), label="theta")
    expected = problem.expectation_over_samples(n, lambda s: problem.empirical_risk(theta, s))
    assert expected == problem.population_risk(theta)


@settings(deadline=None, max_examples=50)
@given(problem=finite_problems(max_points=3), n=st.integers(1, 4))
def test_expected_min_empirical_risk_at_most_min_population_risk_and_erm_gap_nonnegative(
        problem, n):
    e_inf = problem.expectation_over_samples(n, problem.min_empirical_risk)
    assert e_inf <= problem.min_population_risk()
    gap = problem.expectation_over_samples(
        n, lambda s: problem.population_risk(problem.erm(s))
        - problem.empirical_risk(problem.erm(s), s))
    assert gap >= 0



class _SampleReached(Exception):
    """Raised by a statistic to stop an enumeration once it has been handed a sample."""


def test_expectation_over_samples_accepts_up_to_a_million_multisets_and_refuses_more():
    """C(n + k − 1, k − 1) ≤ 10**6 multisets are enumerated; one more raises (k = 3 points)."""
    problem = FiniteLearningProblem(points=[(0, 0), (1, 1), (2, 0)],
                                    probabilities=["1/3", "1/3", "1/3"], predictions=[[0, 1, 0]])

    def stop(sample):  # enumerating ~10**6 exact terms takes minutes: stop at the first one
        raise _SampleReached(len(sample))

    # C(1414, 2) = 998 991 ≤ 10**6: inside the range, so the statistic is evaluated
    with pytest.raises(_SampleReached, match="1412"):
        problem.expectation_over_samples(1412, stop)
    # C(1415, 2) = 1 000 405 > 10**6: refused before any statistic is evaluated
    with pytest.raises(ValueError, match="1000405 multisets"):
        problem.expectation_over_samples(1413, stop)

def test_erm_is_optimistically_biased_on_a_two_point_problem():
    # two predictors each fitting one point: E[R_n(θ̂)] < R(θ̂) strictly.
    problem = FiniteLearningProblem(points=[(0, 0), (1, 1)], probabilities=["1/2", "1/2"],
                                    predictions=[[0, 0], [1, 1]], loss="zero_one")
    train = problem.expectation_over_samples(3, lambda s: problem.empirical_risk(problem.erm(s), s))
    test = problem.expectation_over_samples(3, lambda s: problem.population_risk(problem.erm(s)))
    assert (train, test) == (Fraction(1, 4), Fraction(1, 2))


def test_linear_predictor_grid_is_tabulated_exactly():
    slopes = [Fraction(k, 4) for k in range(5)]
    grid = [lambda x, a=a: a * x for a in slopes]
    problem = finite_problem_from_predictors([(1, 1), (2, 2)], ["1/3", "2/3"], grid)
    risks = [problem.population_risk(j) for j in range(5)]
    assert risks == [(1 - a) ** 2 * Fraction(1, 3) + (2 - 2 * a) ** 2 * Fraction(2, 3)
                     for a in slopes]
    assert problem.erm((0, 1, 1)) == 4


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"probabilities": [0.5, 0.5]}, "exact rational"),
    ({"probabilities": ["1/2", "1/3"]}, "sum to"),
    ({"probabilities": ["1", "0"]}, "non-positive"),
    ({"probabilities": ["1"]}, "len"),
    ({"predictions": [[0]]}, "one prediction per point"),
    ({"predictions": []}, "at least one predictor"),
    ({"loss": "hinge"}, "not supported"),
    ({"points": [(0, 0), (0, 1)], "predictions": [[0, 1]]}, "function of x"),
])
def test_finite_problem_rejects_bad_input(kwargs, match):
    base = {"points": [(0, 0), (1, 1)], "probabilities": ["1/2", "1/2"],
            "predictions": [[0, 1]], "loss": "squared"}
    with pytest.raises(ValueError, match=match):
        FiniteLearningProblem(**(base | kwargs))


def test_finite_problem_methods_reject_bad_indices():
    problem = FiniteLearningProblem(points=[(0, 0)], probabilities=["1"], predictions=[[0]])
    with pytest.raises(ValueError, match="theta"):
        problem.population_risk(1)
    with pytest.raises(ValueError, match="sample"):
        problem.empirical_risk(0, (1,))
    with pytest.raises(ValueError, match="empty"):
        problem.empirical_risk(0, ())
    with pytest.raises(ValueError, match="model_class"):
        error_decomposition(problem, (0,), 0, model_class=set())


# -- thresholds ------------------------------------------------------------
@settings(deadline=None)
@given(t_star=st.floats(0, 1), eta=st.floats(0, 0.5), n=st.integers(1, 40),
       seed=st.integers(0, 2**32 - 1))
def test_threshold_uniform_deviation_matches_evaluation_at_every_jump(t_star, eta, n, seed):
    problem = NoisyThresholdProblem(t_star=t_star, eta=eta)
    x, y = problem.draw_sample(n, rng=np.random.default_rng(seed))
    xs = np.sort(x)
    # R_n jumps just after each x_(k); R is 1-Lipschitz, so probing at nextafter costs ≤ 1 ulp.
    t = np.concatenate([xs, np.nextafter(xs, 2.0), [0.0, 1.0, t_star]])
    direct = np.max(np.abs(problem.population_risk(t) - problem.empirical_risk(t, x, y)))
    # atol: two ulps of 1 (R and R_n are in [0, 1], one rounding each) plus the 1-ulp probe shift.
    assert_allclose(problem.uniform_deviation(x, y), direct, rtol=0, atol=4 * np.spacing(1.0))


@settings(deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 2**32 - 1))
def test_threshold_erm_minimises_empirical_risk_over_a_grid(n, seed):
    problem = NoisyThresholdProblem(t_star=0.3, eta=0.2)
    x, y = problem.draw_sample(n, rng=np.random.default_rng(seed))
    grid = np.concatenate([np.linspace(0, 1, 201), x, np.nextafter(x, 2.0)])
    best = problem.empirical_risk(problem.erm(x, y), x, y)
    assert best <= np.min(problem.empirical_risk(grid, x, y))


@settings(deadline=None)
@given(xy=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 1)), min_size=1, max_size=20),
       t=st.lists(st.floats(-0.5, 1.5), max_size=5))
def test_threshold_empirical_risk_is_the_fraction_of_misclassified_points(xy, t):
    """R_n(t) = n⁻¹ #{i : 1[x_i ≥ t] ≠ y_i}, also for t at or below every x_i (h_t ≡ 1)."""
    x, y = np.array([p[0] for p in xy]), np.array([p[1] for p in xy], dtype=np.int64)
    t = np.array([0.0, float(x.min()), *t])
    direct = np.array([np.count_nonzero((x >= s).astype(np.int64) != y) for s in t]) / x.size
    # the same integer count over the same n: one rounding each, so exactly equal
    got = NoisyThresholdProblem(t_star=0.5, eta=0.1).empirical_risk(t, x, y)
    assert got.tolist() == direct.tolist(), (
        f"R_n={got.tolist()}, but should be {direct.tolist()} [t={t.tolist()}]")


def test_threshold_population_risk_closed_form():
    problem = NoisyThresholdProblem(t_star=0.25, eta=0.125)
    # η + (1 − 2η)|t − t*| with dyadic inputs is exact in binary floating point.
    assert problem.population_risk(np.array([-1.0, 0.25, 0.75, 2.0])).tolist() == [
        0.3125, 0.125, 0.5, 0.6875]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"t_star": 1.5}, "t_star"), ({"eta": 0.6}, "eta"), ({"eta": float("nan")}, "eta")])
def test_threshold_problem_rejects_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        NoisyThresholdProblem(**kwargs)


def test_threshold_methods_reject_bad_samples():
    problem = NoisyThresholdProblem()
    with pytest.raises(ValueError, match="labels 0 or 1"):
        problem.uniform_deviation([0.5], [2])
    with pytest.raises(ValueError, match="outside"):
        problem.empirical_risk(0.5, [1.5], [1])
    with pytest.raises(ValueError, match="shape"):
        problem.erm([0.5, 0.2], [1])



def test_threshold_sample_support_is_exactly_the_closed_unit_interval():
    """x ~ U[0, 1]: both ends are accepted, any point just outside [0, 1] is refused."""
    problem = NoisyThresholdProblem(t_star=0.5, eta=0.1)
    # x = 0 < t is predicted 0 (correct), x = 1 ≥ t predicted 1 (correct): R_n(0.5) = 0
    assert problem.empirical_risk(0.5, [0.0, 1.0], [0, 1]).tolist() == 0.0
    for bad in (-0.5, np.nextafter(0.0, -1.0), np.nextafter(1.0, 2.0)):
        with pytest.raises(ValueError, match="outside"):
            problem.empirical_risk(0.5, [bad], [1])

# -- OLS -------------------------------------------------------------------
def test_ols_expectations_are_exact_fractions():
    assert expected_ols_training_mse(50, 10) == Fraction(4, 5)
    assert expected_ols_test_mse(50, 10) == Fraction(49, 39)
    assert expected_ols_test_mse(50, 10, noise_variance=Fraction(1, 2)) == Fraction(49, 78)
    assert isinstance(expected_ols_training_mse(50, 10, noise_variance=0.5), float)


def test_ols_monte_carlo_agrees_with_exact_expectations():
    n, p, s2, r = 50, 10, 2.0, 4000
    out = ols_risk_replicates(n, p, noise_variance=s2, n_replicates=r,
                              rng=np.random.default_rng(20240322),
                              beta_star=np.ones(p), theta_fixed=np.zeros(p))
    # Fixed seed; each CI has designed false-alarm rate 1e-6 (two-sided normal quantile, CLT
    # with r = 4000 replicates; the sample variance estimates the replicate variance).
    train = float(expected_ols_training_mse(n, p, noise_variance=s2))
    test = float(expected_ols_test_mse(n, p, noise_variance=s2))
    for values, expected in [(out.training_mse, train), (out.test_mse, test),
                             (out.fixed_training_mse, out.fixed_risk)]:
        half_width = Z_FALSE_ALARM_1E6 * values.std(ddof=1) / np.sqrt(r)
        assert abs(values.mean() - expected) <= half_width, (values.mean(), expected, half_width)
    assert out.fixed_risk == s2 + p


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    ((10, 9), {}, "n=10 is out of range"),
    ((10, 0), {}, "p=0"),
    ((10, 2), {"noise_variance": -1}, "noise_variance"),
])
def test_ols_expectations_reject_bad_sizes(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        expected_ols_test_mse(*args, **kwargs)


def test_ols_sampler_rejects_bad_beta_shape():
    with pytest.raises(ValueError, match="beta_star"):
        ols_risk_replicates(10, 2, n_replicates=1, rng=np.random.default_rng(0),
                            beta_star=np.ones(3))


def test_cauchy_differences_are_symmetric_in_the_two_samples_and_exact_for_one_point():
    rng = np.random.default_rng(3)
    eps = rng.standard_cauchy((2, 4, 1))
    d = cauchy_risk_differences(1, n_replicates=4, rng=np.random.default_rng(3), loss="absolute")
    assert d.tolist() == np.abs(np.abs(eps[0, :, 0]) - np.abs(eps[1, :, 0])).tolist()


def test_cauchy_squared_loss_breaks_the_bounded_loss_bound_most_of_the_time():
    # For a loss in [0, 1] the frequency of |R_n − R′_n| ≥ 2ε_VC would be ≤ 2δ = 0.1.
    d = cauchy_risk_differences(100, n_replicates=500, rng=np.random.default_rng(0))
    assert np.mean(d >= 2 * vc_generalization_bound(1, 100, delta=0.05)) > 0.8


def test_cauchy_differences_reject_an_unknown_loss():
    with pytest.raises(ValueError, match="loss='hinge'"):
        cauchy_risk_differences(3, n_replicates=2, rng=np.random.default_rng(0), loss="hinge")


def test_interpolating_classifier_has_zero_training_error_and_a_small_gap():
    out = random_feature_classifier_gap(60, 400, n_test=500, input_dim=3,
                                        rng=np.random.default_rng(1))
    assert out.training_errors == 0 and out.n_params == 400 * 4 + 400 + 1
    assert out.measured_gap == out.test_error < 0.25
    # Hoeffding radius √(ln(1/α)/(2m)) at α = e^{−2}, m = 500: exactly 1/√500.
    # log, division, sqrt and sum, each correctly rounded: ≤ 5 ulps of a value ≤ 1.
    bound = out.gap_upper_bound(alpha=np.exp(-2))
    assert bound == pytest.approx(out.measured_gap + 500**-0.5, rel=0, abs=5 * 2.0**-52)


def test_random_labels_give_a_gap_near_one_half():
    out = random_feature_classifier_gap(60, 400, n_test=2000, input_dim=3,
                                        rng=np.random.default_rng(2), label_noise=0.5)
    assert out.training_errors == 0
    assert abs(out.test_error - 0.5) < 5 * 0.5 / np.sqrt(2000)   # 5 binomial standard deviations
    assert out.gap_p_value(0.25) < 1e-30 < out.gap_p_value(0.45)


def test_gap_p_value_is_the_binomial_tail():
    from constructions.complexity.risks import ClassifierGap

    out = ClassifierGap(n_train=10, n_test=4, input_dim=1, n_features=5, n_params=16,
                        training_errors=0, test_errors=2, label_noise=0.0)
    # P(Bin(4, 1/2) ≥ 2) = 11/16
    assert out.gap_p_value(0.5) == pytest.approx(11 / 16, rel=4e-16)
    with pytest.raises(ValueError, match="alpha=0"):
        out.gap_upper_bound(alpha=0)


def test_gap_p_value_level_range_is_the_unit_interval():
    """A 0–1 gap never exceeds 1: level = 1 gives p-value 1 exactly; levels beyond 1 are rejected."""
    from constructions.complexity.risks import ClassifierGap

    out = ClassifierGap(n_train=10, n_test=4, input_dim=1, n_features=5, n_params=16,
                        training_errors=0, test_errors=2, label_noise=0.0)
    # P(Bin(4, 1) ≥ 2) = 1 exactly (every test loss is 1 when R = R_n + 1 = 1)
    assert out.gap_p_value(1.0) == 1.0
    for level in (np.nextafter(1.0, 2.0), 1.5, -0.1):
        with pytest.raises(ValueError, match="level"):
            out.gap_p_value(level)
