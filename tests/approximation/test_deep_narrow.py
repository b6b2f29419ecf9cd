"""Tests for constructions.approximation.deep_narrow (CLAIMS.md C06)."""


from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import constructions.approximation.deep_narrow as dn
from constructions.approximation.deep_narrow import (
    accumulator_shift,
    best_monotone_error,
    best_monotone_fit,
    deep_narrow_logistic,
    deep_narrow_logistic_error_bound,
    deep_narrow_relu,
    identity_scale_for,
    logistic_identity_error_bound,
    logistic_weight_rounding_bound,
    random_width_one_network,
    rearrangement_rounding_bound,
)
from constructions.certification import certify_sup_error
from constructions.certification.network_target import NetworkTarget
from constructions.networks.dense import network_from_layers

U = np.finfo(float).eps / 2


def _shallow(seed, d, K, activation):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((K, d))
    b = rng.standard_normal(K)
    c = rng.standard_normal(K)
    return network_from_layers([(w, b), (c[None, :], np.array([rng.standard_normal()]))],
                               activation=activation), rng



@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 6), K=st.integers(1, 60))
def test_deep_narrow_relu_has_width_d_plus_2_and_equals_the_shallow_net(seed, d, K):
    shallow, rng = _shallow(seed, d, K, "relu")
    deep = deep_narrow_relu(shallow)
    assert deep.hidden_widths == (d + 2,) * K
    assert deep.width == d + 2 and deep.n_hidden_layers == K
    x = np.vstack([rng.random((500, d)), np.eye(d), np.zeros((1, d)), np.ones((1, d))])
    np.testing.assert_allclose(deep(x), shallow(x), rtol=0,
                               atol=rearrangement_rounding_bound(shallow))


@settings(deadline=None, max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 4), K=st.integers(1, 30))
def test_deep_narrow_relu_never_cuts_a_channel_on_the_box(seed, d, K):
    shallow, rng = _shallow(seed, d, K, "relu")
    deep = deep_narrow_relu(shallow)
    x = np.vstack([rng.random((300, d)), np.eye(d), np.zeros((1, d)), np.ones((1, d))])
    for pre in deep.hidden_preactivations(x):
        # input channels and the accumulator must be ≥ 0 (ReLU = identity there)
        assert np.all(pre[:, :d] >= 0)
        assert np.all(pre[:, d + 1] >= -rearrangement_rounding_bound(shallow))


def test_accumulator_shift_is_zero_for_non_negative_outer_weights():
    w = np.array([[1.0, -1.0], [2.0, 0.5]])
    net = network_from_layers([(w, np.zeros(2)), (np.array([[1.0, 3.0]]), np.zeros(1))],
                              activation="relu")
    assert accumulator_shift(net) == 0.0


def test_rearrangement_rounding_bound_of_the_two_unit_hat_is_8_gamma4_plus_12_gamma5():
    """Worked example x ↦ ReLU(x) − 2 ReLU(x − ½): R = (1, 3/2), Σ|c_k|R_k = 4, C = 1, c0 = 0."""
    net = network_from_layers([(np.array([[1.0], [1.0]]), np.array([0.0, -0.5])),
                               (np.array([[1.0, -2.0]]), np.array([0.0]))], activation="relu")
    u = Fraction(U)

    def gamma(n):
        return n * u / (1 - n * u)

    # 2·(γ_{d+3}·Σ|c_k|R_k + γ_{K+3}·(2C + Σ|c_k|R_k + |c0|)) with d = 1, K = 2
    exact = 2 * (gamma(4) * 4 + gamma(5) * (2 * 1 + 4 + 0))
    # about ten float64 operations, each relative ≤ u, on positive terms: within 16u
    assert rearrangement_rounding_bound(net) == pytest.approx(float(exact), rel=16 * U, abs=0.0)


def test_deep_narrow_relu_rejects_other_networks():
    shallow, _ = _shallow(0, 2, 3, "sigmoid")
    with pytest.raises(ValueError, match="activation"):
        deep_narrow_relu(shallow)
    deep = deep_narrow_relu(_shallow(0, 2, 3, "relu")[0])
    with pytest.raises(ValueError, match="depth"):
        deep_narrow_relu(deep)
    with pytest.raises(ValueError, match="DenseNetwork"):
        deep_narrow_relu("net")


def test_third_derivative_of_logistic_is_bounded_by_one_eighth():
    t = sympy.Symbol("t", real=True)
    third = sympy.diff(1 / (1 + sympy.exp(-t)), t, 3)
    p = sympy.Symbol("p")  # p = σ(1 − σ) ∈ (0, 1/4]; σ‴ = p(1 − 6p)
    assert sympy.simplify(third.subs(t, 0)) == sympy.Rational(-1, 8)
    poly = p * (1 - 6 * p)
    extremes = [poly.subs(p, v) for v in (0, sympy.Rational(1, 12), sympy.Rational(1, 4))]
    assert max(abs(v) for v in extremes) == sympy.Rational(1, 8)
    ts = np.linspace(-20, 20, 4001)
    f = sympy.lambdify(t, third, "numpy")
    assert np.max(np.abs(f(ts))) <= 0.125 + 1e-15


@pytest.mark.parametrize("h", [1.0, 0.1, 1e-3])
def test_logistic_identity_channel_error_le_h_squared_t_cubed_over_12(h):
    t = np.linspace(-1, 1, 2001)
    from scipy.special import expit
    decoded = 4 * (expit(h * t) - 0.5) / h
    # rounding: expit(h t) ≈ ½ carries ≈ u absolute error, amplified by 4/h
    assert np.all(np.abs(decoded - t) <= logistic_identity_error_bound(1.0, identity_scale=h)
                  * np.abs(t) ** 3 + 16 * U / h)


@pytest.mark.parametrize(("h", "t_max"), [(0.1, 1.0), (1e-3, 2.0), (0.5, 0.5)])
def test_logistic_identity_error_bound_is_the_leading_taylor_term_attained_at_t_max(h, t_max):
    """4(σ(ht) − ½)/h − t = −h²t³/12 + h⁴t⁵/120 − …: the bound h²t³/12 is tight at t = t_max."""
    import mpmath
    with mpmath.workdps(50):  # exact-arithmetic error, free of float cancellation
        hm, tm = mpmath.mpf(h), mpmath.mpf(t_max)
        err = float(abs(4 * (1 / (1 + mpmath.exp(-hm * tm)) - mpmath.mpf(1) / 2) / hm - tm))
    bound = logistic_identity_error_bound(t_max, identity_scale=h)
    # 2 tanh(y)/h − t with y = ht/2 ≤ 1/8: an alternating series with decreasing terms, so
    # h²t³/12 (1 − h²t²/10) ≤ |err| ≤ h²t³/12; the float bound is within 4u of h²t³/12
    assert bound * (1 - h * h * t_max * t_max / 10) * (1 - 4 * U) <= err <= bound, (
        f"err={err!r}, bound={bound!r} [h={h}, t_max={t_max}]")


def _logistic_rounding(shallow, d, K, h):
    # every decode 4(u − ½)/h adds ≈ 4u/h (u = 2^-53), once per layer and channel; unit pre-
    # activations (4/h)w·u_x − (2/h)Σw add ≈ (d+2)·6‖w‖_1 u/h; factor 4 for expit's ulps.
    w1 = np.abs(shallow.weights[0]).sum(axis=1)
    c = np.abs(shallow.weights[1][0])
    per_unit = (np.arange(1, K + 1) * 4 + (d + 2) * 6) * w1 / 4
    return 4 * U / h * (float(np.sum(c * per_unit)) + 8 * K * (float(c.sum()) + 1))


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 4), K=st.integers(1, 40),
       eps=st.sampled_from([1e-2, 1e-4, 1e-6]))
def test_deep_narrow_logistic_error_le_its_bound(seed, d, K, eps):
    shallow, rng = _shallow(seed, d, K, "sigmoid")
    h = identity_scale_for(shallow, eps=eps)
    deep = deep_narrow_logistic(shallow, identity_scale=h)
    assert deep.hidden_widths == (d + 2,) * K
    bound = deep_narrow_logistic_error_bound(shallow, identity_scale=h)
    assert bound <= eps * (1 + 4 * U)
    x = np.vstack([rng.random((300, d)), np.ones((1, d))])
    err = np.max(np.abs(deep(x) - shallow(x)))
    assert err <= bound + _logistic_rounding(shallow, d, K, h)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), K=st.integers(1, 40), eps=st.floats(1e-12, 10.0))
def test_identity_scale_for_never_lets_the_bound_exceed_eps(seed, K, eps):
    shallow, _ = _shallow(seed, 2, K, "sigmoid")
    h = identity_scale_for(shallow, eps=eps)
    assert deep_narrow_logistic_error_bound(shallow, identity_scale=h) <= eps  # exactly, no ulp slack


@settings(deadline=None, max_examples=15)
@given(seed=st.integers(0, 2**32 - 1), K=st.integers(2, 12), eps=st.sampled_from([1e-2, 1e-4]))
def test_deep_narrow_logistic_is_certified_within_bound_plus_weight_rounding(seed, K, eps):
    # Interval arithmetic on both networks (outward rounded) bounds the sup of the real functions
    # of the stored weights; the exact-weight bound plus the weight-rounding bound must cover it.
    shallow, _ = _shallow(seed, 1, K, "sigmoid")
    h = identity_scale_for(shallow, eps=eps)
    total = (deep_narrow_logistic_error_bound(shallow, identity_scale=h)
             + logistic_weight_rounding_bound(shallow, identity_scale=h))
    enclosure = certify_sup_error(deep_narrow_logistic(shallow, identity_scale=h), NetworkTarget(shallow),
                                  [(0.0, 1.0)], eps=total)
    assert enclosure.status(total) == "proved", (enclosure, total)


def test_weight_rounding_bound_grows_like_one_over_h():
    shallow, _ = _shallow(5, 2, 10, "sigmoid")
    small, large = (logistic_weight_rounding_bound(shallow, identity_scale=h) for h in (1e-4, 1e-2))
    assert 50 < small / large < 200  # the 1/h terms dominate: ratio ≈ 100
    assert large < 1e-11


def _exact_logistic_weight_rounding_bound(shallow, h):
    """The documented closed form of logistic_weight_rounding_bound, in exact rationals."""
    w = [[Fraction(v) for v in row] for row in shallow.weights[0]]
    b = [Fraction(v) for v in shallow.biases[0]]
    c = [abs(Fraction(v)) for v in shallow.weights[1][0]]
    c0 = Fraction(shallow.biases[1][0])
    h = Fraction(h)
    K, d = len(w), len(w[0])
    u = Fraction(1, 2**53)
    gamma = lambda n: n * u / (1 - n * u)  # noqa: E731
    S = sum(c) or Fraction(1)  # the accumulator scale of deep_narrow_logistic (1 if all c_k = 0)
    w1 = [sum(abs(v) for v in row) for row in w]
    e = [gamma(d + 2) * (6 * w1[k] / h + abs(b[k])) for k in range(K)]
    partial = [sum(c[: ell + 1]) for ell in range(K - 1)]  # S_ℓ, ℓ = 1..K−1
    B = h * h * (S * sum((p / S) ** 3 for p in partial) / 12
                 + sum(c[k] * w1[k] * k for k in range(K)) / 48)  # deep_narrow_logistic_error_bound
    return (sum((1 + gamma(2)) * c[k] * e[k] / 4 for k in range(1, K))
            + gamma(2) * sum(c[: K - 1]) + 4 * u * S / h + gamma(2) * (abs(c0) + 2 * S / h)
            + gamma(K + d + 8) * B)


@settings(deadline=None, max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 4), K=st.integers(2, 20),
       h=st.floats(1e-2, 4.0, allow_nan=False, allow_infinity=False))
def test_weight_rounding_bound_is_its_documented_formula_rounded_up(seed, d, K, h):
    """logistic_weight_rounding_bound ≥ its closed form (exact), and exceeds it by ≤ 2^-39."""
    shallow, _ = _shallow(seed, d, K, "sigmoid")
    got = Fraction(logistic_weight_rounding_bound(shallow, identity_scale=h))
    exact = _exact_logistic_weight_rounding_bound(shallow, h)
    # float64 evaluation errs by ≤ (K + d + 10)u ≈ 4e-15 relative ≪ the 2^-40 round-up factor
    assert exact <= got <= exact * (1 + Fraction(1, 2**39)), (
        f"bound={float(got)!r}, but should be in [{float(exact)!r}, ·(1 + 2^-39)] "
        f"[logistic_weight_rounding_bound(d={d}, K={K}, h={h})]")


@pytest.mark.parametrize(("d", "K", "h"), [(1, 1, 0.3), (2, 3, 1e-2), (3, 5, 0.7)])
def test_weight_rounding_bound_with_zero_outer_weights_uses_the_unit_accumulator_scale(d, K, h):
    """All c_k = 0: the stored output weight is 4S/h with S = 1, and the bound is its formula."""
    rng = np.random.default_rng(11 * d + K)
    w, b, c0 = rng.standard_normal((K, d)), rng.standard_normal(K), rng.standard_normal()
    shallow = network_from_layers([(w, b), (np.zeros((1, K)), np.array([c0]))],
                                  activation="sigmoid")
    deep = deep_narrow_logistic(shallow, identity_scale=h)
    assert deep.weights[-1][0, d + 1] == 4.0 / h  # the construction's scale S is 1 here
    got = Fraction(logistic_weight_rounding_bound(shallow, identity_scale=h))
    exact = _exact_logistic_weight_rounding_bound(shallow, h)
    # as in the random case: float64 errs by ≤ (K + d + 10)u ≪ the 2^-40 round-up factor
    assert exact <= got <= exact * (1 + Fraction(1, 2**39))
    # the accumulator sits at σ(0) = ½ exactly in every layer, so the stored network's exact value
    # is fl(4/h)/2 + fl(c0 − fl(2/h)), to be compared with c0: the bound must cover that gap
    stored = Fraction(deep.weights[-1][0, d + 1]) / 2 + Fraction(deep.biases[-1][0])
    assert abs(stored - Fraction(c0)) <= got


def test_network_target_enclosures_contain_the_network_values():
    shallow, rng = _shallow(7, 2, 6, "sigmoid")
    target = NetworkTarget(shallow)
    lo = rng.random((50, 2)) * 0.9
    hi = lo + 0.1
    flo, fhi = target.enclose(lo, hi)
    glo, ghi = target.enclose_gradient(lo, hi)
    x = lo + 0.1 * rng.random((50, 2))
    y = shallow(x)
    assert np.all((flo <= y) & (y <= fhi)) and np.all(glo <= ghi) and target.input_dim == 2
    np.testing.assert_array_equal(target(x), y)


def test_deep_narrow_logistic_error_scales_like_h_squared():
    shallow, rng = _shallow(3, 2, 20, "sigmoid")
    x = rng.random((500, 2))
    errs = [np.max(np.abs(deep_narrow_logistic(shallow, identity_scale=h)(x) - shallow(x)))
            for h in (0.1, 0.01)]
    assert 50 < errs[0] / errs[1] < 200  # h² scaling: ratio 100


def test_best_monotone_error_of_4x_1_minus_x_is_exactly_one_half():
    x = np.linspace(0, 1, 1001)  # contains 0, 1/2, 1 exactly
    assert best_monotone_error(4 * x * (1 - x)) == 0.5


@settings(deadline=None, max_examples=50)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 60))
def test_best_monotone_fit_is_monotone_and_attains_the_error(seed, n):
    y = np.random.default_rng(seed).standard_normal(n)
    for increasing in (True, False):
        g = best_monotone_fit(y, increasing=increasing)
        steps = np.diff(g) if increasing else -np.diff(g)
        assert np.all(steps >= 0)
    err_up = np.max(np.abs(y - best_monotone_fit(y)))
    err_down = np.max(np.abs(y - best_monotone_fit(y, increasing=False)))
    assert best_monotone_error(y) == pytest.approx(min(err_up, err_down), rel=0, abs=4 * U * 8)
    # no monotone sequence does better: compare with random monotone candidates
    rng = np.random.default_rng(seed + 1)
    for _ in range(20):
        cand = np.sort(rng.uniform(y.min(), y.max(), n))
        assert np.max(np.abs(y - cand)) >= best_monotone_error(y) - 8 * U


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), layers=st.integers(1, 30),
       activation=st.sampled_from(dn.MONOTONE_ACTIVATIONS), scale=st.floats(0.1, 5.0))
def test_width_one_networks_have_sup_error_ge_one_half_for_4x_1_minus_x(
        seed, layers, activation, scale):
    net = random_width_one_network(np.random.default_rng(seed), n_hidden_layers=layers,
                                   activation=activation, scale=scale)
    x = np.linspace(0, 1, 1001)
    out = net(x)
    # monotone up to rounding (library expit/tanh are monotone only to an ulp)
    assert best_monotone_error(out) <= 8 * U * (1 + np.max(np.abs(out)))
    assert np.max(np.abs(out - 4 * x * (1 - x))) >= 0.5


def test_width_one_bad_inputs_raise():
    with pytest.raises(ValueError, match="activation"):
        random_width_one_network(np.random.default_rng(0), n_hidden_layers=2, activation="square")
    with pytest.raises(ValueError, match="rng"):
        random_width_one_network(0, n_hidden_layers=2)
    with pytest.raises(ValueError, match="n_hidden_layers"):
        random_width_one_network(np.random.default_rng(0), n_hidden_layers=0)
    with pytest.raises(ValueError, match="empty"):
        best_monotone_error([])
    with pytest.raises(ValueError, match="identity_scale"):
        deep_narrow_logistic(_shallow(0, 1, 2, "sigmoid")[0], identity_scale=0.0)
