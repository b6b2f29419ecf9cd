"""Unit tests of constructions.optimization: small cases with known answers, and bad input."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from constructions.optimization import (
    analytic_ntk,
    diagonal_network_flow,
    direction_error,
    empirical_ntk,
    gd_contraction_factor,
    is_linearly_separable,
    least_squares_gd,
    least_squares_gd_limit,
    logistic_flow,
    logistic_gd,
    max_margin_direction,
    min_l1_interpolator,
    min_l2_interpolator,
    q_alpha_interpolator,
    q_alpha_potential,
    relu_network_init,
    squared_loss_flow,
    squared_loss_gd,
    two_layer_gd,
)

EPS = np.finfo(float).eps


def test_gd_from_zero_reaches_the_pseudo_inverse_solution():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((3, 7)), rng.standard_normal(3)
    eta = 1 / np.linalg.norm(X, 2) ** 2
    run = least_squares_gd(X, y, eta=eta, n_steps=3000)
    # ρ^3000 ≪ eps for this draw; round-off of 3000 steps ~ 1e-12
    assert_allclose(run.final, np.linalg.pinv(X) @ y, rtol=0, atol=1e-10)
    assert gd_contraction_factor(X, eta=eta) < 1


def test_gd_limit_keeps_the_null_space_part_of_the_initialisation():
    X, y, w0 = np.array([[1.0, 1.0]]), np.array([2.0]), np.array([1.0, -1.0])
    assert_allclose(
        least_squares_gd(X, y, eta=0.25, n_steps=200, w0=w0).final,
        least_squares_gd_limit(X, y, w0=w0),
        rtol=0,
        atol=8 * EPS,
    )


def test_max_margin_direction_satisfies_kkt_on_a_two_point_problem():
    w = max_margin_direction(np.array([[2.0, 1.0], [-1.0, 1.0]]), np.array([1.0, -1.0]))
    assert_allclose(w, [2 / 3, -1 / 3], rtol=0, atol=1e-10)  # both points are support vectors


def test_hard_margin_refuses_non_separable_data():
    X, y = np.array([[1.0], [-1.0]]), np.array([1.0, 1.0])
    assert not is_linearly_separable(X, y)
    with pytest.raises(ValueError, match="not linearly separable"):
        max_margin_direction(X, y)


def test_logistic_flow_turns_towards_the_svm_and_squared_loss_does_not():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6, 2))
    y = np.where(X[:, 0] >= 0, 1.0, -1.0)
    X[:, 0] += 0.5 * y
    w_hat = max_margin_direction(X, y)
    e = direction_error(logistic_flow(X, y, log_times=[10.0, 100.0]).weights, w_hat)
    assert e[1] < e[0] or e[1] < 1e-2
    assert direction_error(squared_loss_flow(X, y, times=[1e6]), w_hat)[0] > 0


def test_q_alpha_potential_is_quadratic_near_zero():
    assert_allclose(q_alpha_potential(np.array([1e-4]), alpha=1.0), 0.25e-8, rtol=1e-6)


def test_diagonal_flow_on_one_weight_reaches_the_interpolator_from_a_large_start():
    """Gradient flow on w = u² − v², X = [[1]], y = [1], α = 2 (w_0 = 0) ends interpolating: |w − 1| <= tol."""
    tol = 1e-10
    flow = diagonal_network_flow(np.array([[1.0]]), np.array([1.0]), alpha=2.0, t_max=1e3,
                                 residual_tol=tol)
    w = float(flow.u[0] ** 2 - flow.v[0] ** 2)
    assert flow.converged, f"converged={flow.converged} (residual={flow.residual:.3g}), but should be True"
    assert abs(w - 1.0) <= tol, f"|w − 1|={abs(w - 1.0):.3g}, but should be <= {tol} [alpha=2]"


def test_diagonal_flow_in_the_kernel_regime_ends_at_the_q_alpha_minimiser():
    """For large α (the kernel regime, α = 100) the flow's limit is still argmin_{Xw=y} Q_α."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 6))
    y = X @ np.array([2.0, -1.5, 0.0, 0.0, 0.0, 0.0])
    alpha = 100.0
    flow = diagonal_network_flow(X, y, alpha=alpha)
    assert flow.converged
    # integrator rtol 1e-10 on u, v ≈ α propagates to w = u² − v² as ≈ 4·rtol·α² = 4e-6
    assert_allclose(flow.w, q_alpha_interpolator(X, y, alpha=alpha), rtol=0, atol=4e-10 * alpha**2)


def test_flow_limit_equals_q_alpha_minimiser_and_the_two_limits():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 5))
    y = X @ np.array([1.0, 0, 0, -1.0, 0])
    flow = diagonal_network_flow(X, y, alpha=0.5)
    assert flow.converged
    # integrator tolerance 1e-10, residual 1e-10‖y‖; sensitivity O(10) for this draw
    assert_allclose(flow.w, q_alpha_interpolator(X, y, alpha=0.5), rtol=0, atol=1e-7)
    assert_allclose(
        q_alpha_interpolator(X, y, alpha=100.0), min_l2_interpolator(X, y), rtol=0, atol=1e-6
    )
    w1 = min_l1_interpolator(X, y)
    gap = np.abs(q_alpha_interpolator(X, y, alpha=1e-6)).sum() - np.abs(w1).sum()
    assert -1e-9 <= gap < 0.05 * np.abs(w1).sum()


def test_q_alpha_newton_converges_where_f_cannot_resolve_its_own_decrease():
    """CI stop 24's failure: n = 3, p = 5, seed 150, α = 1e-6.  Near μ* the decrease of the dual F
    (≈ 1e-16) is below F's round-off (≈ 3e-14), Armijo on F stalled at ‖Xw − y‖ = 3.4e-8; the
    residual test takes the full Newton step (‖Xw − y‖ → 7e-15)."""
    rng = np.random.default_rng(150)
    X = rng.standard_normal((3, 5)) / np.sqrt(3)
    w0 = np.zeros(5)
    idx = rng.choice(5, size=2, replace=False)
    w0[idx] = rng.choice([-1.0, 1.0], size=2) * rng.uniform(0.5, 2.0, size=2)
    y = X @ w0
    w = q_alpha_interpolator(X, y, alpha=1e-6)
    assert np.linalg.norm(X @ w - y) <= 1e-11 * np.linalg.norm(y)


@pytest.mark.parametrize("alpha", [1e-100, 1e-30, 1e-7, 1e-3, 1.0, 1e3, 1e100])
def test_q_alpha_reaches_the_interpolator_over_the_documented_alpha_range(alpha):
    """One weight, X = [[1]], y = [1]: the only interpolator is w = 1, for every α in
    [1e-100, 1e100] (before the trial step was capped, every α <= 1e-7 raised: the first Newton
    step ≈ 1/(2α²) overflowed cosh at every backtracking length down to 1e-12)."""
    w = q_alpha_interpolator(np.array([[1.0]]), np.array([1.0]), alpha=alpha)
    # tol = 1e-11 is the default stopping rule on |w − 1|
    assert abs(w[0] - 1.0) <= 1e-11


@settings(deadline=None, max_examples=40)
@given(
    log_alpha=st.floats(-100, 100),
    X=arrays(float, (2, 4), elements=st.floats(-2, 2)),
    y=arrays(float, 2, elements=st.floats(-10, 10)),
)
def test_q_alpha_meets_its_kkt_conditions_for_any_documented_alpha(log_alpha, X, y):
    """w_α interpolates and arcsinh(w/(2α²)) lies in the row space of X (Woodworth et al. 2020,
    Thm 1), for α = 10^log_alpha anywhere in the documented range, within 200 Newton steps (300
    random draws took at most 99; the capped phase alone needs ≈ 460/16 at α = 1e-100)."""
    assume(np.linalg.svd(X, compute_uv=False)[-1] >= 0.1)  # well conditioned full row rank
    alpha = 10.0**log_alpha
    w = q_alpha_interpolator(X, y, alpha=alpha, max_iter=200)
    assert np.linalg.norm(X @ w - y) <= 1e-8 * max(np.linalg.norm(y), 1.0)
    z = np.arcsinh(w / (2.0 * alpha * alpha))
    off = z - X.T @ np.linalg.lstsq(X.T, z, rcond=None)[0]
    # z is Xᵀμ up to the round-off of sinh/arcsinh (relative eps) on |z| <= ~470
    assert np.linalg.norm(off) <= 1e-9 * max(np.linalg.norm(z), 1.0)


def test_q_alpha_at_the_smallest_alpha_is_the_min_l1_interpolator():
    """α = 1e-100: Q_α is ℓ1 up to O(1/log(1/α)); for X = [[1, 2]], y = 1 the ℓ1 interpolator
    (0, 1/2) puts all weight on the larger column."""
    w = q_alpha_interpolator(np.array([[1.0, 2.0]]), np.array([1.0]), alpha=1e-100)
    assert abs(w[0]) <= 1e-90 and abs(w[1] - 0.5) <= 1e-11


@pytest.mark.parametrize("y", [2e107, 1e108])
def test_q_alpha_line_search_rejects_trial_steps_that_overflow_sinh(y):
    """α = 1e-100, X = [[1]]: the only interpolator is w = y, with z* = arcsinh(y/(2α²)) ≈ 708-709,
    just below sinh's overflow at 710.5; a capped trial step past 710.5 gives w = inf and must be
    rejected by the dual objective F (it is +inf there), so Newton still ends at w = y."""
    # the first slopes gᵀH⁻¹g ≈ y²/(2α²) overflow to inf (the F test is then vacuous and the
    # residual test decides): a harmless overflow warning, silenced here
    with np.errstate(over="ignore"):
        w = q_alpha_interpolator(np.array([[1.0]]), np.array([y]), alpha=1e-100)
    # the documented stopping rule: |Xw − y| <= tol·max(|y|, 1), tol = 1e-11
    assert abs(w[0] - y) <= 1e-11 * y, f"w={w.tolist()}, but should be [{y!r}]"


def test_empirical_ntk_tends_to_the_arccos_kernel():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((4, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    W, a = relu_network_init(3, width=200_000, rng=rng)
    # Hoeffding: each entry within 5/√m·|x_iᵀx_j| except with probability 2e^{-50}
    assert_allclose(empirical_ntk(X, W, a), analytic_ntk(X), rtol=0, atol=5 / np.sqrt(200_000))
    assert np.linalg.eigvalsh(analytic_ntk(X))[0] > 0


def test_two_layer_gd_fits_two_points():
    rng = np.random.default_rng(0)
    W0, a = relu_network_init(2, width=500, rng=rng)
    run = two_layer_gd(np.eye(2), np.array([1.0, -1.0]), W0, a, eta=1.0, n_steps=300)
    assert run.losses[-1] < 1e-8 * run.losses[0]


def test_relu_network_init_accepts_both_ends_of_the_width_range():
    """relu_network_init accepts every width in its documented range [1, 10**7], ends included."""
    for width in (1, 10**7):
        W, a = relu_network_init(1, width=width, rng=np.random.default_rng(0))
        assert W.shape == (width, 1) and a.shape == (width,), (
            f"shapes={W.shape}, {a.shape}, but should be ({width}, 1), ({width},) "
            f"[relu_network_init(1, width={width})]"
        )


def test_squared_loss_flow_starts_at_zero():
    """Gradient flow from w(0) = 0: at t = 0 the closed form V(I − e^{0})S⁺Uᵀy is exactly 0."""
    w = squared_loss_flow(np.array([[2.0, 0.0], [1.0, 1.0]]), np.array([1.0, -1.0]), times=[0.0])
    assert np.array_equal(w, np.zeros((1, 2))), f"w(0)={w}, but should be 0 [squared_loss_flow]"


def test_logistic_runs_record_the_loss_of_their_own_weights():
    """losses[k] = L(w_k) = Σ_i log(1 + exp(−y_i x_iᵀw_k)) at every checkpoint, for GD and flow."""
    X, y = np.array([[1.0, 0.5], [-0.5, -1.0]]), np.array([1.0, -1.0])
    for run in (
        logistic_gd(X, y, eta=0.5, checkpoints=[0, 10, 100]),
        logistic_flow(X, y, log_times=[1.0, 5.0, 20.0]),
    ):
        expected = [
            sum(np.logaddexp(0.0, -y[i] * (X[i] @ w)) for i in range(2)) for w in run.weights
        ]
        # a margin m = y_i x_iᵀw (2 terms) carries round-off ≤ 2 eps |m|, |d log L/dm| ≤ 1 and
        # |m| ≤ 21 here: rtol 64 eps
        assert_allclose(run.losses, expected, rtol=64 * EPS, atol=0)


def test_max_margin_direction_is_exact_on_data_with_a_large_margin():
    """Scaling the data by k scales ŵ by 1/k and keeps min_i y_i x_iᵀŵ = 1, even when the dual
    variables α ~ ‖ŵ‖² are tiny (k = 1e4: α ~ 1e-8, below L-BFGS-B's absolute accuracy)."""
    rng = np.random.default_rng(4)
    n, d, k = 20, 5, 1e4
    X = rng.standard_normal((n, d))
    y = np.where(X[:, 0] >= 0, 1.0, -1.0)
    X[:, 0] += 0.3 * y
    w1, wk = max_margin_direction(X, y), max_margin_direction(k * X, y)
    margin = float(np.min(y * ((k * X) @ wk)))
    # the polish solves the KKT system Z_F ŵ = 1 of the 5 support vectors, κ(Z_F) ≈ 7 for this
    # draw: round-off ~ n·κ·eps; 10 n κ eps = 3e-13 (the unpolished dual misses it by ~5e-4)
    tol = 10 * n * 7 * EPS
    assert abs(margin - 1.0) <= tol, f"min margin={margin!r}, but should be 1 ± {tol:.1e} [k={k}]"
    assert_allclose(k * wk, w1, rtol=0, atol=tol)


def test_diagonal_flow_stops_when_the_residual_first_reaches_its_target():
    """The flow stops at the first time ‖Xw − y‖ = residual_tol·max(‖y‖, 1) (here ‖y‖ = 10 > 1)."""
    X, y = np.array([[1.0, 1.0]]), np.array([10.0])
    flow = diagonal_network_flow(X, y, alpha=1.0, residual_tol=1e-3)
    target = 1e-3 * 10.0
    assert flow.converged
    # the event is located by brentq to 4 eps in t (rate·t ≲ 30) and ‖Xw − y‖ = 1e-2 is computed
    # from |w| ≈ 5 with round-off ≈ 1e3·eps relative: 1e-10 is ≥ 100 times both
    assert_allclose(flow.residual, target, rtol=1e-10, atol=0)


def test_two_layer_gd_one_step_worked_by_hand():
    """One GD step on m = 4 units with dyadic weights, worked by hand: u(0), ∇_W L, u(1), and the
    recorded ‖u − y‖² and max_r ‖w_r − w_r(0)‖ (all dyadic, so every operation is exact)."""
    W0 = np.array([[0.5, -0.25], [-1.0, 0.5], [0.25, 0.75], [-0.5, -1.0]])
    a = np.array([1.0, -1.0, 1.0, -1.0])
    run = two_layer_gd(np.eye(2), np.array([1.0, 0.0]), W0, a, eta=1.0, n_steps=1)
    # u(0) = ½ a·relu(W0 x_i) = (3/8, 1/8), r = (−5/8, 1/8); unit 4 is inactive on both inputs
    W1 = np.array([[0.8125, -0.25], [-1.0, 0.5625], [0.5625, 0.6875], [-0.5, -1.0]])
    assert np.array_equal(run.weights, W1), (
        f"W(1)={run.weights.tolist()}, but should be {W1.tolist()}"
    )
    # u(1) = (11/16, 1/16): ‖u(1) − y‖² = (5/16)² + (1/16)² = 26/256
    assert run.losses.tolist() == [26 / 64, 26 / 256], f"losses={run.losses.tolist()}"
    assert run.initial_residual == np.sqrt(26 / 64)
    # unit 3 moved by (5/16, −1/16): max distance √(26/256), correctly rounded
    assert run.max_distance.tolist() == [0.0, np.sqrt(26 / 256)], f"max_distance={run.max_distance}"


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: least_squares_gd(np.ones((2, 3)), np.ones(2), eta=0.0, n_steps=1), "eta"),
        (lambda: least_squares_gd(np.ones((2, 3)), np.ones(3), eta=0.1, n_steps=1), "y"),
        (lambda: least_squares_gd(np.ones((2, 3)), np.ones(2), eta=0.1, n_steps=-1), "n_steps"),
        (
            lambda: least_squares_gd(np.ones((1, 1)), np.ones(1), eta=0.1, n_steps=10**6 + 1),
            "n_steps",
        ),
        (
            lambda: squared_loss_gd(
                np.ones((1, 1)), np.ones(1), eta=float(np.nextafter(1e6, np.inf)), checkpoints=[0]
            ),
            "eta",
        ),
        (lambda: gd_contraction_factor(np.zeros((2, 2)), eta=0.1), "X"),
        (lambda: logistic_gd_bad_labels(), "y"),
        (lambda: logistic_flow(np.ones((1, 1)), np.ones(1), log_times=[5.0, 1.0]), "log_times"),
        (lambda: max_margin_direction(np.ones((1, 1)), np.ones(1), C=-1.0), "C"),
        (lambda: q_alpha_potential(np.ones(2), alpha=0.0), "alpha"),
        (lambda: q_alpha_interpolator(np.ones((2, 2)), np.ones(2), alpha=1.0), "rank"),
        # y = 0 is solved by w = 0 before any Newton step: only the range check can refuse it
        (lambda: q_alpha_interpolator(np.eye(2), np.zeros(2), alpha=1.0, max_iter=0), "max_iter"),
        (lambda: diagonal_network_flow(np.ones((1, 2)), np.ones(1), alpha=1e-5), "alpha"),
        (lambda: empirical_ntk(np.ones((2, 2)), np.ones((3, 2)), np.ones(2)), "a"),
        (
            lambda: empirical_ntk(np.ones((2, 2)), np.ones((3, 2)), np.ones(3), layers="all"),
            "layers",
        ),
        (lambda: empirical_ntk(np.ones((0, 2)), np.ones((3, 2)), np.ones(3)), "X has shape"),
        (lambda: analytic_ntk(np.zeros((2, 2))), "zero row"),
        (lambda: relu_network_init(2, width=0, rng=np.random.default_rng(0)), "width"),
        (lambda: relu_network_init(2, width=10**7 + 1, rng=np.random.default_rng(0)), "width"),
        (lambda: relu_network_init(2, width=2, rng=0), "rng"),
        (
            lambda: two_layer_gd(
                np.ones((2, 2)), np.ones(2), np.ones((3, 2)), np.ones(3), eta=0.0, n_steps=1
            ),
            "eta",
        ),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def logistic_gd_bad_labels():
    from constructions.optimization import logistic_gd

    return logistic_gd(np.ones((2, 1)), np.array([1.0, 0.0]), eta=0.1, checkpoints=[1])


def test_tangent_kernels_of_one_dimensional_inputs_are_the_worked_values():
    """d = 1 is allowed: for x = 1, 2 (angle 0) H∞ = xx'(π − 0)/(2π) = xx'/2, and at w_r = 1, a_r = 1 H = xx'."""
    X = np.array([[1.0], [2.0]])
    assert analytic_ntk(X).tolist() == [[0.5, 1.0], [1.0, 2.0]], f"analytic_ntk={analytic_ntk(X).tolist()}"
    H = empirical_ntk(X, np.array([[1.0], [1.0]]), np.array([1.0, 1.0]))
    assert H.tolist() == [[1.0, 2.0], [2.0, 4.0]], f"empirical_ntk={H.tolist()}, but should be xxᵀ"


def test_two_layer_gd_accepts_step_counts_inside_its_documented_range():
    """n_steps = 10**5 + 1 lies in the documented range [0, 10**6]; one unit, x = 1, y = 0: the residual halves each step."""
    n_steps = 10**5 + 1
    run = two_layer_gd(np.array([[1.0]]), np.array([0.0]), np.array([[1.0]]), np.array([1.0]),
                       eta=0.5, n_steps=n_steps)
    assert run.losses.shape == (n_steps + 1,), f"losses.shape={run.losses.shape}, but should be ({n_steps + 1},)"
    assert run.losses[:3].tolist() == [1.0, 0.25, 0.0625], f"losses[:3]={run.losses[:3].tolist()}, but should be 4^-t"


def test_logistic_gd_rejects_an_empty_integer_checkpoint_array():
    """checkpoints must be a non-empty sequence: an empty int64 array is a ValueError naming it."""
    for run in (logistic_gd, squared_loss_gd):
        with pytest.raises(ValueError, match="non-empty"):
            run(np.ones((1, 1)), np.ones(1), eta=0.1, checkpoints=np.array([], dtype=np.int64))


def test_hidden_plus_output_layer_arccos_kernel_is_the_worked_value():
    """H∞ + K∞ for x₁ = (2, 0), x₂ = (0, 1): ‖x_i‖²/2 + ‖x_i‖²/2 = ‖x_i‖² on the diagonal (θ = 0),
    0 + ‖x₁‖‖x₂‖ sin(π/2)/(2π) = 1/π off it (θ = π/2)."""
    H = analytic_ntk(np.array([[2.0, 0.0], [0.0, 1.0]]), layers="both")
    # a handful of correctly rounded operations (arccos, π − θ, products, quotient): 8 eps relative
    assert_allclose(H, [[4.0, 1.0 / np.pi], [1.0 / np.pi, 1.0]], rtol=8 * EPS, atol=0)


def test_squared_loss_runs_record_half_the_squared_residual_of_their_own_weights():
    """losses[k] = ½‖Xw_k − y‖² at every checkpoint; at t = 0 (w = 0) exactly ½‖y‖² = 1."""
    X, y = np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([1.0, 1.0])
    run = squared_loss_gd(X, y, eta=0.2, checkpoints=[0, 1, 5, 50])
    assert run.losses[0] == 1.0, f"losses[0]={run.losses[0]!r}, but should be ½‖y‖² = 1"
    expected = [0.5 * sum((X[i] @ w - y[i]) ** 2 for i in range(2)) for w in run.weights]
    # two residuals, each from ≤ 2 rounded operations, squared and summed: ≤ 8 eps relative
    assert_allclose(run.losses, expected, rtol=8 * EPS, atol=0)


def test_empirical_ntk_weights_each_active_unit_by_its_squared_output_weight():
    """H = (XXᵀ) ∘ (S diag(a²) Sᵀ)/m: x = 1, 2, w = (1, −1), a = (3, 5); only unit 1 is active,
    so H = xxᵀ · 3²/2 (all dyadic, exact)."""
    X = np.array([[1.0], [2.0]])
    H = empirical_ntk(X, np.array([[1.0], [-1.0]]), np.array([3.0, 5.0]))
    assert H.tolist() == [[4.5, 9.0], [9.0, 18.0]], f"empirical_ntk={H.tolist()}, but should be 4.5·xxᵀ"
