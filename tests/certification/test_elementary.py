"""Interval extensions of the elementary functions (``constructions.certification.elementary``).

Sine and cosine take values in [−1, 1]; their enclosures must contain the exact range
(checked against mpmath at 60 digits, exactly) and never leave [−1, 1].  The hard inputs are
intervals just beside an extremum: there the float values at both ends round to ±1 and the
outward widening would step past ±1 unless clipped.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.certification import elementary

mpmath.mp.dps = 60

#: name -> (kernel, exact function, phase of its maximum, phase of its minimum)
PERIODIC = {
    "sin": (elementary.interval_sin, mpmath.sin, 0.5 * math.pi, -0.5 * math.pi),
    "cos": (elementary.interval_cos, mpmath.cos, 0.0, math.pi),
}


@pytest.mark.parametrize("name", list(PERIODIC))
@settings(max_examples=60, deadline=None)
@given(k=st.integers(-50, 50), at_max=st.booleans(), side=st.sampled_from([-1.0, 1.0]),
       offset=st.floats(1e-10, 1e-8), width=st.floats(0.0, 1e-8))
def test_sine_and_cosine_enclosures_beside_an_extremum_stay_in_minus_one_one(
        name, k, at_max, side, offset, width):
    """Beside an extremum (ends round to ±1) the enclosure contains the range, inside [−1, 1]."""
    kernel, exact, max_phase, min_phase = PERIODIC[name]
    centre = (max_phase if at_max else min_phase) + 2.0 * math.pi * k
    # |centre| <= 320: the extremum's float position is off by < 1e-13, far below offset >= 1e-10
    a = centre + offset if side > 0 else centre - offset - width
    b = a + width
    lo, hi = kernel(np.array([a]), np.array([b]))
    for x in (a, 0.5 * a + 0.5 * b, b):
        value = exact(mpmath.mpf(x))
        assert mpmath.mpf(lo[0]) <= value <= mpmath.mpf(hi[0]), (
            f"{name}({x!r})={value}, but should be in [{lo[0]!r}, {hi[0]!r}] for [{a!r}, {b!r}]")
    assert -1.0 <= lo[0] <= hi[0] <= 1.0, (
        f"{name} enclosure=[{lo[0]!r}, {hi[0]!r}], but should lie in [-1, 1] for [{a!r}, {b!r}]")


@pytest.mark.parametrize("rigorous", [False, True])
def test_the_zeroth_power_of_any_interval_is_exactly_one(rigorous):
    """x⁰ = 1 for every x (an integer power, so also at x = 0): the enclosure is exactly [1, 1]."""
    lo, hi = np.array([-2.0, 0.0, 0.5]), np.array([-1.0, 0.0, 3.0])
    if rigorous:
        with elementary.rigorous_elementary():
            a, b = elementary.interval_pow_int(lo, hi, 0)
    else:
        a, b = elementary.interval_pow_int(lo, hi, 0)
    assert np.array_equal(a, np.ones(3)) and np.array_equal(b, np.ones(3))


#: (exponent enclosure [p_lo, p_hi], the exact exponent): 3/2 and −3/4 are floats, π is not
REAL_POWERS = {
    "three_halves": (1.5, 1.5, mpmath.mpf(1.5)),
    "minus_three_quarters": (-0.75, -0.75, mpmath.mpf(-0.75)),
    "pi": (elementary.PI_LO, elementary.PI_HI, mpmath.pi),
}


@pytest.mark.parametrize("rigorous", [False, True])
@pytest.mark.parametrize("power", list(REAL_POWERS))
def test_a_real_power_enclosure_contains_the_exact_power_on_the_interval(power, rigorous):
    """x^p for a non-integer p ∈ [p_lo, p_hi] on [2, 3] (both backends) contains the exact x^p."""
    p_lo, p_hi, p = REAL_POWERS[power]
    a, b = 2.0, 3.0
    args = (np.array([a]), np.array([b]), float(p), p_lo, p_hi)
    if rigorous:
        with elementary.rigorous_elementary():
            lo, hi = elementary.interval_pow_real(*args)
    else:
        lo, hi = elementary.interval_pow_real(*args)
    # x^{3/2}, x^{−3/4} are irrational here (2^{3/2} = 2√2, …) and p_lo < π < p_hi leaves a gap
    # ~ulp(π) x^π log x between x^π and a sound end: far above mpmath's 60-digit error, so exact
    for x in (a, 2.5, b):
        value = mpmath.mpf(x) ** p
        assert mpmath.mpf(float(lo[0])) <= value <= mpmath.mpf(float(hi[0])), (
            f"{x!r}**{p} = {value}, but should be in [{lo[0]!r}, {hi[0]!r}] "
            f"[interval_pow_real on [{a}, {b}], p in [{p_lo!r}, {p_hi!r}], rigorous={rigorous}]")
