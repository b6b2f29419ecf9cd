"""Unit tests of constructions.pac_bayes.rademacher."""

from __future__ import annotations

import math

import numpy as np
import pytest

from constructions.pac_bayes.rademacher import (
    golowich_rakhlin_shamir_bound,
    single_unit_rademacher_lower,
    two_layer_rademacher_lower,
)


def test_lower_estimates_scale_with_the_norm_product():
    x = np.random.default_rng(0).standard_normal((10, 3))
    a = single_unit_rademacher_lower(
        x, weight_norm=1.0, output_norm=1.0, n_sign_draws=20, rng=np.random.default_rng(1)
    )
    b = single_unit_rademacher_lower(
        x, weight_norm=2.0, output_norm=3.0, n_sign_draws=20, rng=np.random.default_rng(1)
    )
    assert np.allclose(b.values, 6 * a.values, rtol=1e-12, atol=0)


def test_single_point_supremum_is_the_norm_of_x_over_n():
    # n = 1: sup_w |ε relu(w·x)| = ‖x‖ at w = x/‖x‖ (the start at ±εx finds it)
    x = np.array([[3.0, 4.0]])
    est = single_unit_rademacher_lower(
        x, weight_norm=1.0, output_norm=1.0, n_sign_draws=4, rng=np.random.default_rng(0), n_steps=0
    )
    assert np.allclose(est.values, 5.0, rtol=1e-14, atol=0)


def test_lower_estimates_stay_below_the_grs_bound():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((30, 4))
    bound = golowich_rakhlin_shamir_bound(x, norms=[1.0, 1.0])
    assert (
        single_unit_rademacher_lower(
            x, weight_norm=1.0, output_norm=1.0, n_sign_draws=50, rng=rng
        ).mean
        < bound
    )
    assert (
        two_layer_rademacher_lower(
            x, width=8, weight_norm=1.0, output_norm=1.0, n_sign_draws=50, rng=rng
        ).mean
        < bound
    )


EPS = float(np.finfo(float).eps)


@pytest.mark.parametrize("n_steps", [0, 1, 5])
@pytest.mark.parametrize("width", [1, 3, 16])
def test_two_layer_estimate_on_a_symmetric_pair_is_the_supremum_m1_m2_over_two(width, n_steps):
    """x = (−1, +1): |u_j| = |w_j| for every sign draw, so every W on the sphere attains M₁M₂/n."""
    # u_j = ε₁ relu(−w_j) + ε₂ relu(w_j) has one non-zero term, so ‖u‖ = ‖W‖_F = 1 whatever
    # the signs: the supremum M₁M₂/2 is met already by the Gaussian start, evaluated for n_steps=0
    est = two_layer_rademacher_lower(
        np.array([[-1.0], [1.0]]),
        width=width,
        weight_norm=2.0,
        output_norm=3.0,
        n_sign_draws=6,
        rng=np.random.default_rng(0),
        n_steps=n_steps,
    )
    # W/‖W‖_F and the norm of u: a few ulp per entry summed, 4·width·eps
    worst = float(np.max(np.abs(est.values - 3.0)))
    assert worst <= 3.0 * 4 * width * EPS, (
        f"max |values - 3|={worst:.3e}, but should be <= {3.0 * 4 * width * EPS:.3e} "
        f"[two_layer_rademacher_lower(width={width}, n_steps={n_steps})]"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda x: golowich_rakhlin_shamir_bound(x, norms=[1.0]),
        lambda x: single_unit_rademacher_lower(
            x, weight_norm=1.0, output_norm=1.0, n_sign_draws=4, rng=np.random.default_rng(0)
        ),
        lambda x: two_layer_rademacher_lower(
            x, width=2, weight_norm=1.0, output_norm=1.0, n_sign_draws=4,
            rng=np.random.default_rng(0),
        ),
    ],
)
@pytest.mark.parametrize("shape", [(0, 2), (3, 0)])
def test_a_sample_without_points_or_without_coordinates_is_rejected(call, shape):
    """x must be (n, d) with n ≥ 1 and d ≥ 1: an empty sample or input space is a ValueError."""
    with pytest.raises(ValueError, match=r"x has shape"):
        call(np.zeros(shape))


def test_grs_bound_constant_for_depth_three():
    x = np.ones((4, 1))
    assert math.isclose(
        golowich_rakhlin_shamir_bound(x, norms=[1.0, 2.0, 1.0]),
        2 * (math.sqrt(6 * math.log(2)) + 1) * 2 / 4,
        rel_tol=1e-14,
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: golowich_rakhlin_shamir_bound(np.ones(3), norms=[1.0]),
        lambda: golowich_rakhlin_shamir_bound(np.ones((3, 2)), norms=[]),
        lambda: golowich_rakhlin_shamir_bound(np.ones((3, 2)), norms=[0.0]),
        lambda: single_unit_rademacher_lower(
            np.ones((3, 2)),
            weight_norm=-1.0,
            output_norm=1.0,
            n_sign_draws=4,
            rng=np.random.default_rng(0),
        ),
        lambda: single_unit_rademacher_lower(
            np.ones((3, 2)),
            weight_norm=1.0,
            output_norm=1.0,
            n_sign_draws=1,
            rng=np.random.default_rng(0),
        ),
        lambda: single_unit_rademacher_lower(
            np.ones((3, 2)), weight_norm=1.0, output_norm=1.0, n_sign_draws=4, rng=0
        ),
        lambda: two_layer_rademacher_lower(
            np.ones((3, 2)),
            width=0,
            weight_norm=1.0,
            output_norm=1.0,
            n_sign_draws=4,
            rng=np.random.default_rng(0),
        ),
    ],
)
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_the_lower_estimates_of_an_all_zero_sample_are_zero_without_a_warning():
    # found by the README's checker command on a newer Hypothesis: a 'sparse' sample of zeros
    # made the ascent step divide 0 by 0
    import numpy as np

    from constructions.pac_bayes.rademacher import single_unit_rademacher_lower, two_layer_rademacher_lower

    x = np.zeros((2, 2))
    one = single_unit_rademacher_lower(x, weight_norm=1.0, output_norm=1.0, n_sign_draws=4,
                                       rng=np.random.default_rng(0))
    two = two_layer_rademacher_lower(x, width=3, weight_norm=1.0, output_norm=1.0, n_sign_draws=4,
                                     rng=np.random.default_rng(0))
    assert np.all(one.values == 0) and np.all(two.values == 0)


def test_two_layer_estimate_accepts_width_4096_and_rejects_4097():
    """The documented width range [1, 4096] is enforced at its upper end, the end itself included."""
    args = {"weight_norm": 1.0, "output_norm": 1.0, "n_sign_draws": 2, "n_steps": 1}
    est = two_layer_rademacher_lower(np.eye(2), width=4096, rng=np.random.default_rng(0), **args)
    assert est.n_draws == 2, f"n_draws={est.n_draws}, but should be 2 [width=4096]"
    with pytest.raises(ValueError, match="width"):
        two_layer_rademacher_lower(np.eye(2), width=4097, rng=np.random.default_rng(0), **args)


def test_single_unit_estimate_accepts_1000_restarts_and_rejects_1001():
    """The documented n_restarts range [1, 1000] is enforced at its upper end, the end included."""
    args = {"weight_norm": 1.0, "output_norm": 1.0, "n_sign_draws": 2, "n_steps": 0}
    est = single_unit_rademacher_lower(
        np.eye(2), n_restarts=1000, rng=np.random.default_rng(0), **args
    )
    assert est.n_draws == 2, f"n_draws={est.n_draws}, but should be 2 [n_restarts=1000]"
    with pytest.raises(ValueError, match="n_restarts"):
        single_unit_rademacher_lower(
            np.eye(2), n_restarts=1001, rng=np.random.default_rng(0), **args
        )


def test_single_unit_estimate_defaults_to_the_claims_twenty_ascents_per_draw():
    """The claim's default search is 20 ascents per draw: n_restarts=8 random starts plus ±Σε_i x_i, each for ±h."""
    # theorems/pac_bayes/norms.py runs the defaults and documents "the best of 20 projected-gradient
    # ascents": 2·(8 + 2) = 20, so the default must be n_restarts=8 (same seed: bitwise equal runs)
    x = np.random.default_rng(0).standard_normal((10, 3))
    args = {"weight_norm": 1.0, "output_norm": 1.0, "n_sign_draws": 20}
    default = single_unit_rademacher_lower(x, rng=np.random.default_rng(1), **args)
    eight = single_unit_rademacher_lower(x, n_restarts=8, rng=np.random.default_rng(1), **args)
    assert np.array_equal(default.values, eight.values), (
        f"default values={default.values[:3].tolist()}..., but should equal n_restarts=8's "
        f"{eight.values[:3].tolist()}... [20 ascents per draw, as the claim documents]"
    )
