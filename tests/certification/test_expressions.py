"""Compiled interval evaluators of sympy targets (``constructions.certification.expressions``).

Each compiled target must enclose the exact value at every point of the interval (checked
against mpmath at 60 digits, exactly); |x| is enclosed exactly, without any rounding step,
and x^(±1/2) from IEEE 754's correctly rounded sqrt and division alone.
"""

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.certification import elementary
from constructions.certification.expressions import compile_interval_expression, enclose_number

mpmath.mp.dps = 60
X = sp.Symbol("x")


def enclose(expr, a, b):
    lo, hi = compile_interval_expression(expr, [X])([np.array([a])], [np.array([b])])
    return float(lo[0]), float(hi[0])


@settings(max_examples=100, deadline=None)
@given(a=st.floats(-1e6, 1e6), width=st.floats(0.0, 1e6))
@example(a=1.0, width=1.0)      # [1, 2]: away from 0, |x| ranges over [1, 2]
@example(a=-2.0, width=1.0)     # [−2, −1]: |x| ranges over [1, 2]
def test_abs_enclosure_is_the_exact_range(a, width):
    """|[a, b]| is [min(|a|, |b|), max(|a|, |b|)] off 0 and [0, max] across 0 — exactly."""
    b = a + width
    expected = (0.0 if a <= 0.0 <= b else min(abs(a), abs(b)), max(abs(a), abs(b)))
    got = enclose(sp.Abs(X), a, b)
    assert got == expected, f"|[{a!r}, {b!r}]| enclosure={got}, but should be {expected}"


GENERAL_POWERS = {            # compiled as exp(b log a): neither exponent is a number
    "x**x": (X**X, lambda t: t**t),
    "2**x": (2**X, lambda t: mpmath.mpf(2) ** t),
    "x**(x/3)": (X ** (X / 3), lambda t: t ** (t / 3)),
}


@pytest.mark.parametrize("name", list(GENERAL_POWERS))
@settings(max_examples=60, deadline=None)
@given(a=st.floats(0.05, 5.0), width=st.floats(0.0, 0.5), frac=st.floats(0.0, 1.0))
@example(a=2.0, width=0.0, frac=0.0)    # x^x = 4 and 2^x = 4 at x = 2
def test_general_power_enclosure_contains_the_exact_value(name, a, width, frac):
    """a^b with a symbolic exponent is enclosed as exp(b log a): it contains the exact power."""
    expr, exact = GENERAL_POWERS[name]
    b = a + width
    lo, hi = enclose(expr, a, b)
    for x in (a, a + frac * width, b):
        if not a <= x <= b:
            continue
        value = exact(mpmath.mpf(x))
        assert mpmath.mpf(lo) <= value <= mpmath.mpf(hi), (
            f"{name} at x={x!r} is {value}, but should be in [{lo!r}, {hi!r}] for [{a!r}, {b!r}]")


@pytest.mark.parametrize("exponent", [sp.Rational(1, 2), sp.Rational(-1, 2)])
@settings(max_examples=40, deadline=None)
@given(a=st.floats(1e-300, 1e300), width=st.floats(0.0, 1.0))
@example(a=2.0, width=1.0)
def test_square_root_powers_need_no_libm(exponent, a, width):
    """x^(±1/2) needs only correctly rounded sqrt and division: arb gives the same floats."""
    b = a * (1.0 + width)
    fast = enclose(X**exponent, a, b)
    with elementary.rigorous_elementary():
        rigorous = enclose(X**exponent, a, b)
    assert fast == rigorous, (
        f"x**({exponent}) enclosure={fast} (numpy) but {rigorous} (arb), should be equal "
        f"for [{a!r}, {b!r}]: no elementary function is involved")
    for x in (a, b):
        value = mpmath.mpf(x) ** mpmath.mpf(float(exponent))
        assert mpmath.mpf(fast[0]) <= value <= mpmath.mpf(fast[1]), (
            f"x**({exponent}) at x={x!r} is {value}, but should be in {fast}")


# Powers of two up to 40 significant decimal digits (5^57 and 2^132 have 40 digits); enclose_number
# decides representability from a 40-digit decimal string, so longer floats get a (sound) 1-ulp box.
DYADIC_CONSTANTS = [2.0**-k for k in range(58)] + [2.0**k for k in range(133)] + [-0.375, 3.0 * 2.0**-55]


def test_representable_float_constants_are_enclosed_exactly():
    """A sympy Float holding a float64 (here short dyadic constants) is enclosed as a point."""
    for c in DYADIC_CONSTANTS:
        got = enclose_number(sp.Float(c))
        assert got == (c, c), f"Float({c!r}) enclosure={got}, but should be the point ({c!r}, {c!r})"
        compiled = enclose(sp.Float(c), 0.0, 1.0)
        assert compiled == (c, c), f"compiled constant Float({c!r}) enclosure={compiled}, should be exact"
