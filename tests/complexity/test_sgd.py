"""Tests for constructions.complexity.sgd: exact mean-square errors of SGD on quadratics and their bounds."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from constructions.complexity.sgd import (
    decreasing_step_bound,
    decreasing_step_sizes,
    sgd_expected_squared_error,
    sgd_expected_squared_error_exact,
    sgd_squared_error_bound,
    simulate_sgd_squared_errors,
)

EPS = np.finfo(float).eps
#: Designed false-alarm rate of each Monte Carlo z-test below (fixed seeds besides).
FALSE_ALARM_Z = 4.9  # two-sided normal quantile of 1e-6


def _scalar_closed_form(lam, s, e2, eta, t):
    """E e_t² in one dimension: r^{2t}e_0² + η²s(1 − r^{2t})/(1 − r²), r = 1 − ηλ."""
    r2 = (1 - eta * lam) ** 2
    return r2**t * e2 + eta * eta * s * (1 - r2**t) / (1 - r2)


@given(
    lam=st.integers(1, 8),
    s=st.integers(0, 4),
    e=st.integers(-3, 3),
    q=st.integers(1, 15),
    t=st.integers(0, 12),
)
def test_exact_recursion_equals_the_scalar_closed_form(lam, s, e, q, t):
    eta = Fraction(q, 8 * lam)  # ηλ = q/8 ∈ (0, 2): |r| < 1
    exact = sgd_expected_squared_error_exact([[lam]], [[s]], [e], step_sizes=[eta] * t)
    assert exact[-1] == _scalar_closed_form(Fraction(lam), s, Fraction(e * e), eta, t)


def test_exact_recursion_is_invariant_under_a_rotation():
    # Q = [[3, −4], [4, 3]]/5 is a rational rotation; the trace of M_t does not see it.
    q = np.array(
        [[Fraction(3, 5), Fraction(-4, 5)], [Fraction(4, 5), Fraction(3, 5)]], dtype=object
    )
    lam = np.diag([Fraction(1), Fraction(3)]).astype(object)
    sigma = np.diag([Fraction(1, 2), Fraction(2)]).astype(object)
    e0 = np.array([Fraction(1), Fraction(-2)], dtype=object)
    steps = [Fraction(1, 4)] * 7
    rotated = sgd_expected_squared_error_exact(
        (q @ lam @ q.T).tolist(), (q @ sigma @ q.T).tolist(), (q @ e0).tolist(), step_sizes=steps
    )
    assert rotated == sgd_expected_squared_error_exact(
        lam.tolist(), sigma.tolist(), e0.tolist(), step_sizes=steps
    )


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), t=st.integers(1, 30))
def test_float_recursion_matches_the_exact_one(seed, t):
    rng = np.random.default_rng(seed)
    g = rng.integers(-2, 3, (3, 3))
    a = g @ g.T + 2 * np.eye(3, dtype=int)  # integer SPD, eigenvalues in [2, 2 + 12]
    sigma = np.diag(rng.integers(0, 4, 3))
    e0 = rng.integers(-3, 4, 3)
    eta = Fraction(1, 16)  # ηL ≤ 14/16 < 1
    exact = sgd_expected_squared_error_exact(
        a.tolist(), sigma.tolist(), e0.tolist(), step_sizes=[eta] * t
    )
    floats = sgd_expected_squared_error(a, sigma, e0, step_sizes=np.full(t, 1 / 16))
    # eigh error ≲ d·eps·‖A‖ moves r by ≲ 3·14/16·eps; r^{2t} by 2t times that;
    # ≤ 4 eps per step besides
    tol = (8 * t + 8) * 16 * EPS
    assert_allclose(
        floats, [float(v) for v in exact], rtol=tol, atol=tol * float(e0 @ e0 + sigma.trace())
    )


@given(
    lam=st.lists(st.integers(1, 16), min_size=1, max_size=3),
    q=st.integers(1, 31),
    t=st.integers(0, 20),
    e=st.integers(0, 3),
    s=st.integers(0, 3),
)
def test_constant_step_bound_holds_on_diagonal_problems(lam, q, t, e, s):
    mu, big_l = Fraction(min(lam), 4), Fraction(max(lam), 4)
    eta = Fraction(q, 16) / big_l
    d = len(lam)
    a = [[Fraction(lam[i], 4) if i == j else 0 for j in range(d)] for i in range(d)]
    sigma = [[Fraction(s) if i == j == 0 else 0 for j in range(d)] for i in range(d)]
    e0 = [e] * d
    exact = sgd_expected_squared_error_exact(a, sigma, e0, step_sizes=[eta] * t)[-1]
    assert exact <= sgd_squared_error_bound(
        d * e * e, mu=mu, lipschitz=big_l, step=eta, noise_trace=s, t=t
    )


def test_constant_step_bound_is_attained_at_eta_one_over_l_in_one_dimension():
    # r = 0: after one step only the noise remains, η²s = ησ²/(μ(2 − ημ)) at ημ = 1.
    exact = sgd_expected_squared_error_exact([[2]], [[3]], [5], step_sizes=[Fraction(1, 2)] * 3)
    assert exact[1:] == [
        sgd_squared_error_bound(25, mu=2, lipschitz=2, step=Fraction(1, 2), noise_trace=3, t=k)
        for k in (1, 2, 3)
    ]


def test_constant_step_bound_is_a_float_for_float_input():
    value = sgd_squared_error_bound(1.0, mu=0.5, lipschitz=2.0, step=0.25, noise_trace=1.0, t=3)
    assert isinstance(value, float)
    assert value == pytest.approx(0.875**6 + 0.25 / (0.5 * 1.875), rel=4 * EPS)


def test_decreasing_step_bound_dominates_the_exact_error_and_tends_to_zero():
    lam, s, e0 = np.array([0.5, 2.0]), np.array([1.0, 0.25]), np.array([3.0, -1.0])
    c, t0 = 4.0, 16  # cμ = 2 > 1, t₀ = 2cL
    values = sgd_expected_squared_error(
        np.diag(lam), np.diag(s), e0, step_sizes=decreasing_step_sizes(c, t0, 5000)
    )
    ts = np.arange(5001)
    bound = decreasing_step_bound(10.0, mu=0.5, lipschitz=2.0, c=c, t0=t0, noise_trace=1.25, t=ts)
    assert np.all(values <= bound * (1 + 1e-10))  # round-off of 5000 steps: ≤ 12·5000·eps relative
    assert values[-1] < 0.01 < values[0]


def test_constant_step_beyond_two_over_l_diverges_geometrically():
    values = sgd_expected_squared_error([[1.0]], [[0.0]], [1.0], step_sizes=np.full(10, 2.5))
    assert_allclose(values, 2.25 ** np.arange(11), rtol=16 * EPS)


def test_monte_carlo_mean_agrees_with_the_exact_expectation():
    a, sigma, e0 = (
        np.array([[1.0, 0.5], [0.5, 2.0]]),
        np.array([[1.0, 0.0], [0.0, 0.5]]),
        np.array([2.0, -1.0]),
    )
    runs = simulate_sgd_squared_errors(
        a, sigma, e0, step_sizes=np.full(15, 0.3), n_runs=4000, rng=np.random.default_rng(7)
    )
    truth = sgd_expected_squared_error(a, sigma, e0, step_sizes=np.full(15, 0.3))
    z = np.abs(runs.mean(axis=0)[1:] - truth[1:]) / (runs.std(axis=0, ddof=1)[1:] / np.sqrt(4000))
    assert np.all(z < FALSE_ALARM_Z)
    assert np.all(runs[:, 0] == 5.0)


def test_a_single_noiseless_run_is_gradient_descent():
    """With Σ = 0 one run (r = 1) is e_t = (1 − ηλ)^t e₀: ‖e_t‖² = 4, 1, 1/4 at λ = 1, η = 1/2."""
    runs = simulate_sgd_squared_errors([[1.0]], [[0.0]], [2.0], step_sizes=[0.5, 0.5], n_runs=1,
                                       rng=np.random.default_rng(0))
    # dyadic values, halved twice: every operation is exact in binary floating point
    assert runs.tolist() == [[4.0, 1.0, 0.25]]


def test_exact_recursion_refuses_floats_and_asymmetry():
    with pytest.raises(ValueError, match="must be an exact rational"):
        sgd_expected_squared_error_exact([[1.0]], [[1]], [1], step_sizes=[Fraction(1, 2)])
    with pytest.raises(ValueError, match="hessian is not symmetric"):
        sgd_expected_squared_error_exact([[1, 2], [0, 1]], [[1, 0], [0, 1]], [1, 1], step_sizes=[1])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"step": 1.0}, "step < 2/lipschitz"),
        ({"lipschitz": 0.25}, "lipschitz=0.25 is out of range"),
        ({"mu": 0.0}, "mu=0.0 is out of range"),
        ({"t": -1}, "t=-1"),
    ],
)
def test_constant_step_bound_rejects_arguments_outside_its_theorem(kwargs, message):
    args = {"mu": 0.5, "lipschitz": 2.0, "step": 0.25, "noise_trace": 1.0, "t": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        sgd_squared_error_bound(1.0, **args)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"c": 1.0}, "c=1.0 is out of range"),  # cμ = 1/2 ≤ 1
        ({"t0": 4.0}, "t0=4.0 is out of range"),  # t₀ < cL = 8
        ({"t": 1.5}, "allowed: integers >= 0"),
    ],
)
def test_decreasing_step_bound_rejects_arguments_outside_its_theorem(kwargs, message):
    args = {"mu": 0.5, "lipschitz": 2.0, "c": 4.0, "t0": 16.0, "noise_trace": 1.0, "t": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        decreasing_step_bound(1.0, **args)


def test_simulation_rejects_an_indefinite_noise_covariance():
    with pytest.raises(ValueError, match="positive semi-definite"):
        simulate_sgd_squared_errors(
            [[1.0]], [[-1.0]], [1.0], step_sizes=[0.1], n_runs=2, rng=np.random.default_rng(0)
        )


def test_simulation_accepts_a_negative_eigenvalue_at_exactly_the_round_off_allowance():
    """Σ = diag(1, −8·d·eps) (d = 2) is PSD up to the stated allowance −8·d·eps·max(1, |λ|max), inclusive."""
    # eigh returns a diagonal matrix's entries exactly, so the eigenvalue −2^-48 sits on the allowance
    allowance = 8 * 2 * EPS
    out = simulate_sgd_squared_errors(
        [[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, -allowance]], [1.0, 0.0],
        step_sizes=[0.5], n_runs=1, rng=np.random.default_rng(0),
    )
    assert out.shape == (1, 2), f"out.shape={out.shape}, but should be (1, 2)"
    assert out[0, 0] == 1.0, f"out[0, 0]={out[0, 0]}, but should be ‖e_0‖² = 1"
    with pytest.raises(ValueError, match="positive semi-definite"):
        simulate_sgd_squared_errors(
            [[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, -2 * allowance]], [1.0, 0.0],
            step_sizes=[0.5], n_runs=1, rng=np.random.default_rng(0),
        )
