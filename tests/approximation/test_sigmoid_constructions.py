"""Tests for constructions.approximation.sigmoid_constructions (CLAIMS.md C04, C05)."""

import math

import numpy as np
import pytest
from bad_input_kit import call_with_time_limit
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.approximation.sigmoid_constructions import (
    MAX_STEPS,
    rectangle_error_bound,
    rectangle_indicator,
    rectangle_limit,
    sigmoid_rectangle,
    staircase_error_bound,
    staircase_network,
    staircase_network_with,
)

U = np.finfo(float).eps / 2
GRID = np.linspace(0.0, 1.0, 20_001)  # dense-grid check (the bound is proved; the grid samples it)


def _evaluation_slack(net) -> float:
    # J + 1 terms of size ≤ |c_i| summed: error ≤ γ_{J+2} Σ|c_i|; factor 4 for expit's ulps.
    c = np.abs(net.weights[1]).sum() + abs(net.biases[1][0])
    return 4 * (net.n_units + 2) * U * float(c)



@settings(deadline=None, max_examples=60)
@given(a=st.floats(1.0, 500.0), delta=st.floats(0.0, 0.3),
       b=st.floats(-1.0, 1.0), width=st.floats(0.05, 1.0))
def test_rectangle_error_le_two_exp_neg_a_delta_away_from_endpoints(a, delta, b, width):
    b_prime = b - width
    g = sigmoid_rectangle(a, b, b_prime)
    x = np.linspace(-b - 1.0, -b_prime + 1.0, 4001)
    far = np.minimum(np.abs(x + b), np.abs(x + b_prime)) >= delta
    err = np.abs(g(x[far]) - rectangle_indicator(x[far], b, b_prime))
    # slack: two expit values each within a few ulps of numbers ≤ 1
    assert np.all(err <= rectangle_error_bound(a, delta) + 8 * U)


def test_rectangle_catalogue_numbers():
    g = sigmoid_rectangle(50.0, 0.7, 0.2)
    x = np.linspace(-2.0, 1.0, 300_001)
    far = np.minimum(np.abs(x + 0.7), np.abs(x + 0.2)) >= 0.1
    err = np.max(np.abs(g(x[far]) - rectangle_indicator(x[far], 0.7, 0.2)))
    # catalogue [N]: observed 0.00669 ≤ 0.01348 (grid reproduces it to 3 digits)
    assert err == pytest.approx(0.00669, abs=1e-5)
    assert rectangle_error_bound(50.0, 0.1) == pytest.approx(0.013476, abs=1e-6)


@pytest.mark.parametrize("a", [1.0, 10.0, 100.0, 1e4])
def test_rectangle_value_at_endpoint_tends_to_one_half(a):
    g = sigmoid_rectangle(a, 0.7, 0.2)
    # g(−b) = ½ − σ(−a(b − b′)) and 0 < σ(−t) ≤ e^{−t}
    value = g(np.array([-0.7]))[0]
    assert 0.5 - math.exp(-a * 0.5) - 4 * U <= value <= 0.5 + 4 * U


def test_inverted_rectangle_is_rejected_unless_allowed():
    with pytest.raises(ValueError, match="b_prime"):
        sigmoid_rectangle(10.0, 0.2, 0.7)
    g = sigmoid_rectangle(200.0, 0.2, 0.7, allow_inverted=True)
    inside = np.array([-0.45])
    assert rectangle_limit(inside, 0.2, 0.7)[0] == -1.0
    assert abs(g(inside)[0] + 1.0) <= rectangle_error_bound(200.0, 0.25) + 4 * U


@settings(deadline=None, max_examples=60)
@given(b=st.floats(-1.0, 1.0), width=st.floats(0.05, 1.0))
def test_rectangle_limit_is_the_indicator_with_one_half_at_the_endpoints(b, width):
    """For b > b′ the a → ∞ limit is 1 on (−b, −b′), 0 off [−b, −b′] and ½ at −b and −b′."""
    b_prime = b - width
    x = np.linspace(-b - 1.0, -b_prime + 1.0, 401)
    interior = (x != -b) & (x != -b_prime)
    limit = rectangle_limit(x, b, b_prime)
    # H takes only the values 0, ½, 1 and the sign of x + b is exact: an exact comparison
    np.testing.assert_array_equal(limit[interior], rectangle_indicator(x[interior], b, b_prime))
    assert rectangle_limit(np.array([-b, -b_prime]), b, b_prime).tolist() == [0.5, 0.5]


@pytest.mark.parametrize("bad", [dict(a=0.0), dict(a=-1.0), dict(a=math.inf), dict(b=math.nan)])
def test_rectangle_bad_inputs_raise(bad):
    args = dict(a=1.0, b=0.7, b_prime=0.2) | bad
    with pytest.raises(ValueError):
        sigmoid_rectangle(args["a"], args["b"], args["b_prime"])


def _sin(x):
    return np.sin(2 * np.pi * x)


@pytest.mark.parametrize("form", ["catalogue", "sharp"])
@pytest.mark.parametrize("eps", [0.1, 0.01])
def test_staircase_sup_error_le_eps_for_sin(form, eps):
    net, design = staircase_network(_sin, eps=eps, lipschitz=2 * np.pi, bound_form=form)
    assert design.bound <= eps and net.n_units == design.J and design.a == design.K * design.J
    err = np.max(np.abs(net(GRID) - _sin(GRID)))
    assert err <= eps + _evaluation_slack(net)


def test_staircase_design_for_sin_eps_001_is_minimal():
    net, design = staircase_network(_sin, eps=0.01, lipschitz=2 * np.pi)
    assert design.J == 951
    modulus = lambda t: 2 * np.pi * t  # noqa: E731
    assert staircase_error_bound(design.J - 1, 10.0, modulus=modulus) > 0.01


@settings(deadline=None, max_examples=40)
@given(L=st.floats(0.01, 100.0), K=st.floats(0.2, 20.0), j=st.integers(1, 200),
       form=st.sampled_from(["catalogue", "sharp"]))
# found by search: L·c/eps rounds to just above 1 though bound(1) <= eps, so the closed
# form guesses J = 2
@example(L=0.3, K=10.0, j=1, form="catalogue")
def test_lipschitz_staircase_design_has_the_smallest_admissible_j(L, K, j, form):
    """With eps = bound(j), the closed-form J is the least J >= 1 with bound(J) <= eps (J <= j)."""
    omega = lambda t: L * t  # noqa: E731
    eps = staircase_error_bound(j, K, modulus=omega, form=form)
    _, design = staircase_network(lambda x: L * x, eps=eps, lipschitz=L, steepness_factor=K,
                                  bound_form=form)
    assert 1 <= design.J <= j and design.bound <= eps
    assert design.J == 1 or staircase_error_bound(design.J - 1, K, modulus=omega, form=form) > eps


def test_catalogue_staircase_needing_more_than_max_steps_is_rejected():
    """A catalogue bound needing J > MAX_STEPS raises, even where the sharp bound's J would fit."""
    K = 0.01  # tail ≈ 100: catalogue constant c ≈ 201.5, sharp c ≈ 200.0 (J = ⌈L c/eps⌉)
    tail = math.exp(-K / 2) / -math.expm1(-K)
    c_catalogue, c_sharp = 1.5 + 2.0 * tail, 1.0 + tail * (1.0 + math.exp(-K))
    eps = c_catalogue / (MAX_STEPS + 1000)
    assert math.ceil(c_sharp / eps) < MAX_STEPS  # the case where the two forms disagree
    with pytest.raises(ValueError, match="MAX_STEPS"):
        staircase_network(_sin, eps=eps, lipschitz=1.0, steepness_factor=K, bound_form="catalogue")


def test_staircase_catalogue_error_sequence():
    # catalogue [N]: K = 10, J = 10, 40, 160, 640 → 0.1175, 0.0285, 0.00712, 0.00178
    expected = [0.1175, 0.0285, 0.00712, 0.00178]
    for J, value in zip([10, 40, 160, 640], expected, strict=True):
        net = staircase_network_with(_sin, J=J, steepness=10.0 * J)
        assert np.max(np.abs(net(GRID) - _sin(GRID))) == pytest.approx(value, rel=5e-3)


def _random_pl(seed):
    rng = np.random.default_rng(seed)
    knots = np.concatenate([[0.0], np.sort(rng.random(6)), [1.0]])
    values = rng.uniform(-1, 1, knots.size)
    lip = float(np.max(np.abs(np.diff(values) / np.diff(knots))))
    return (lambda x: np.interp(x, knots, values)), lip


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), J=st.integers(1, 40), K=st.floats(0.2, 20.0),
       form=st.sampled_from(["catalogue", "sharp"]))
def test_staircase_bound_holds_for_lipschitz_piecewise_linear_targets(seed, J, K, form):
    f, lip = _random_pl(seed)
    net = staircase_network_with(f, J=J, steepness=K * J)
    x = np.linspace(0, 1, 20_001)
    err = np.max(np.abs(net(x) - f(x)))
    bound = staircase_error_bound(J, K, modulus=lambda t: lip * t, form=form)
    assert err <= bound + _evaluation_slack(net)


@settings(deadline=None, max_examples=30)
@given(J=st.integers(1, 10_000), K=st.floats(0.01, 100.0))
def test_sharp_staircase_bound_le_catalogue_bound(J, K):
    omega = lambda t: math.sqrt(t)  # noqa: E731
    sharp = staircase_error_bound(J, K, modulus=omega, form="sharp")
    assert sharp <= staircase_error_bound(J, K, modulus=omega, form="catalogue")


@pytest.mark.parametrize("j", [3, 5, 6, 7])
def test_modulus_staircase_design_has_the_smallest_admissible_j(j):
    """Modulus path (doubling, then bisection): with eps = bound(j) for ω(t) = t, J is exactly j."""
    omega = lambda t: t  # noqa: E731  (bound(J) strictly decreasing in J: the least J is j)
    eps = staircase_error_bound(j, 10.0, modulus=omega)
    # a time limit: a broken bisection must fail here, not hang the run
    _, design = call_with_time_limit(staircase_network, {"f": lambda x: x, "eps": eps,
                                                         "modulus": omega})
    assert design.J == j and design.bound <= eps
    assert staircase_error_bound(j - 1, 10.0, modulus=omega) > eps


def test_staircase_with_modulus_of_square_root():
    f = np.sqrt  # ω(t) = √t on [0, 1]
    net, design = staircase_network(f, eps=0.2, modulus=math.sqrt)
    assert design.bound <= 0.2
    assert staircase_error_bound(design.J - 1, design.K, modulus=math.sqrt) > 0.2
    assert np.max(np.abs(net(GRID) - f(GRID))) <= 0.2 + _evaluation_slack(net)


def test_staircase_with_fixed_steepness_does_not_converge():
    x = np.linspace(0.0, 1.0, 2001)  # the networks are smooth at steepness 1
    errors = [np.max(np.abs(staircase_network_with(_sin, J=J, steepness=1.0)(x) - _sin(x)))
              for J in (10, 100, 1000)]
    # the limit is a smoothed sin with error ≈ 1; the J-dependence is O(1/J)
    assert min(errors) > 0.9
    assert abs(errors[-1] - errors[-2]) < 0.01


@pytest.mark.parametrize("kwargs,match", [
    (dict(eps=0.0, lipschitz=1.0), "eps"),
    (dict(eps=0.1), "exactly one"),
    (dict(eps=0.1, lipschitz=1.0, modulus=math.sqrt), "exactly one"),
    (dict(eps=0.1, lipschitz=-1.0), "lipschitz"),
    (dict(eps=0.1, lipschitz=1.0, steepness_factor=0.0), "steepness_factor"),
    (dict(eps=0.1, lipschitz=1.0, bound_form="loose"), "bound_form"),
    (dict(eps=1e-3, modulus=lambda t: 1.0), "MAX_STEPS"),
])
def test_staircase_bad_inputs_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        staircase_network(_sin, **kwargs)


@pytest.mark.parametrize("K", [0.0, -1.0])
def test_staircase_error_bound_requires_a_positive_steepness_factor(K):
    """The bound is documented for K > 0 only; K = 0 (a flat logistic, a = 0) is rejected."""
    with pytest.raises(ValueError, match="K"):
        staircase_error_bound(10, K, modulus=lambda t: t)


def test_staircase_rejects_non_finite_target_values():
    with pytest.raises(ValueError, match="non-finite"):
        staircase_network_with(lambda x: np.where(x > 0.5, np.inf, x), J=4, steepness=1.0)


@pytest.mark.parametrize("eps", [0.1, 0.02])
def test_staircase_of_an_elementary_composition_is_certified_with_its_certified_lipschitz_constant(eps):
    # f = √(1 + x²)·sin(3x) + tanh(eˣ): L ≥ sup|f′| by interval arithmetic on sympy's derivative,
    # J from the bound, then the sup error over all of [0, 1] by interval branch-and-bound
    import sympy

    from constructions.certification import ExpressionTarget, certify_sup_error
    from constructions.certification.lipschitz import certify_derivative_bound

    x = sympy.Symbol("x")
    expr = sympy.sqrt(1 + x**2) * sympy.sin(3 * x) + sympy.tanh(sympy.exp(x))
    L = certify_derivative_bound(expr, (x,), [(0.0, 1.0)]).upper
    target = ExpressionTarget(expr, (x,))
    net, design = staircase_network(target, eps=eps, lipschitz=L)
    assert design.bound <= eps
    assert certify_sup_error(net, target, [(0.0, 1.0)], eps=eps).status(eps) == "proved"


def test_step_budget_of_ten_million_admits_a_staircase_with_1_5_million_steps():
    """MAX_STEPS = 10**7 (documented): eps = 1e-6 for f(x) = x needs J ≈ 1.51·10⁶ steps, built."""
    eps = 1e-6  # catalogue, K = 10: c = 1.5 + 2e^{-5}/(1 - e^{-10}) ≈ 1.5135, J = ⌈c/eps⌉
    net, design = staircase_network(lambda x: x, eps=eps, lipschitz=1.0)
    assert 10**6 < design.J <= 10**7 and net.n_units == design.J
    assert staircase_error_bound(design.J - 1, 10.0, modulus=lambda t: t) > eps  # J is minimal
    x = np.array([0.0, 1.0 / 3.0, 0.5, 1.0])  # a few points: each costs J sigmoid evaluations
    assert np.max(np.abs(net(x) - x)) <= eps + _evaluation_slack(net)
    assert staircase_network_with(lambda x: x, J=design.J, steepness=1.0).n_units == design.J
