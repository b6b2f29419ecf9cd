"""Interval bound propagation of a network's gradient (``constructions.certification.bounds``).

The forward-mode gradient enclosure must contain the exact gradient at every point of the
box; here the exact gradient is known in closed form (0 on a box where every hidden ReLU
unit is inactive), so the check is exact, without tolerance.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.certification.bounds import network_gradient_interval, network_interval
from constructions.networks.dense import network_from_layers


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), input_dim=st.integers(1, 3), width=st.integers(1, 4),
       depth=st.integers(2, 3))
def test_gradient_enclosure_of_a_relu_network_constant_on_the_box_contains_zero(
        seed, input_dim, width, depth):
    """Where every first-layer ReLU unit is inactive, f_θ is constant: 0 ∈ ∇-enclosure."""
    rng = np.random.default_rng(seed)
    lo, hi = np.zeros((1, input_dim)), np.ones((1, input_dim))
    w1 = rng.normal(size=(width, input_dim))
    # W_1 x ≤ Σ_j |W_1[i, j]| on [0, 1]^d, so this bias keeps every pre-activation ≤ −1
    b1 = -np.abs(w1).sum(axis=1) - 1.0
    layers = [(w1, b1)]
    for _ in range(depth - 2):
        layers.append((rng.normal(size=(width, width)), rng.normal(size=width)))
    layers.append((rng.normal(size=(1, width)), rng.normal(size=1)))
    net = network_from_layers(layers, activation="relu")
    *_, pre = network_interval(net, lo, hi, return_preactivations=True)
    assert np.all(pre[0][1] < 0.0), (
        f"first-layer pre-activation upper={pre[0][1]}, but should be < 0")
    glo, ghi = network_gradient_interval(net, lo, hi)
    assert np.all(glo <= 0.0) and np.all(ghi >= 0.0), (
        f"gradient enclosure=[{glo}, {ghi}], but should contain 0 "
        f"[network_gradient_interval: width={width}, depth={depth}, d={input_dim}]")


@pytest.mark.parametrize("t", [
    [[40.25, -40.5, 40.75], [-40.0, 40.5, -40.9]],  # |t| ∈ [40, 41): just past bounds.SATURATION
    [[40.5]], [[40.5, -40.25, 40.9]], [[40.5], [-40.25], [40.9]],  # fewer than 4 entries
], ids=["2x3", "1x1", "1x3", "3x1"])
def test_tanh_slope_beyond_the_saturation_threshold_is_the_documented_constant(t):
    """However many units, a tanh layer all beyond |t| = 40 has slope enclosure [0, 1e-34]."""
    import mpmath

    from constructions.certification.bounds import activation_slope_interval

    t = np.array(t)
    slo, shi = activation_slope_interval("tanh", t, t)
    for tk, a, b in zip(t.ravel(), slo.ravel(), shi.ravel(), strict=True):
        with mpmath.workdps(60):
            exact = 1 - mpmath.tanh(mpmath.mpf(float(tk))) ** 2     # ≈ 4 e^{−2|t|} ≤ 7.3e-35
        assert mpmath.mpf(float(a)) <= exact <= mpmath.mpf(float(b)), (
            f"slope enclosure [{a}, {b}] at t={tk}, but should contain {exact}")
        assert b <= 1e-34, (
            f"slope enclosure upper={b} at t={tk} in a {t.shape} layer, but should be the "
            f"saturated constant 1e-34 [activation_slope_interval('tanh'), |t| ≥ 40]")


@pytest.mark.parametrize("lo, hi", [(1.0, 1.0), (-3.0, 2.0), (0.5, 2.5), (-7.25, -0.125)],
                         ids=["point", "straddles-0", "positive", "negative"])
def test_sigmoid_slope_enclosure_in_the_arb_recheck_contains_the_exact_slope(lo, hi):
    """Inside rigorous_elementary() (the re-check), σ′([lo, hi]) ⊂ the slope enclosure, both ends."""
    import mpmath

    from constructions.certification import elementary
    from constructions.certification.bounds import activation_slope_interval

    with elementary.rigorous_elementary():
        slo, shi = activation_slope_interval("sigmoid", np.array([[lo]]), np.array([[hi]]))
    a, b = float(slo[0, 0]), float(shi[0, 0])
    with mpmath.workdps(60):
        # σ′(t) = 1/(4 cosh²(t/2)) is even and decreasing in |t|: its minimum on the interval is
        # at the end farther from 0, its maximum at the nearer end (or ¼ at 0); no tolerance
        for t in (lo, hi, 0.5 * lo + 0.5 * hi):
            exact = 1 / (4 * mpmath.cosh(mpmath.mpf(t) / 2) ** 2)
            assert mpmath.mpf(a) <= exact <= mpmath.mpf(b), (
                f"slope enclosure [{a!r}, {b!r}] on [{lo}, {hi}], but should contain "
                f"σ′({t}) = {exact} [activation_slope_interval('sigmoid'), arb backend]")
