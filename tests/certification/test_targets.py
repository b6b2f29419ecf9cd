"""Target enclosures contain the exact target values (constructions.certification.targets).

Checked against exact rational arithmetic: the float ends of a box are exact rationals, and a finite
Chebyshev series at a rational point is a rational number, so the comparison has no tolerance.
Both backends are checked: numpy's elementary functions (the search) and arb (the re-check).
"""

import contextlib
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.certification import elementary as el
from constructions.certification.targets import ChebyshevSeriesTarget

BACKENDS = {"numpy": contextlib.nullcontext, "arb": el.rigorous_elementary}


def exact_chebyshev(coefficients, domain, x) -> Fraction:
    """Σ c_k T_k(t), t = (2x − a − b)/(b − a), by the three-term recurrence in rationals."""
    a, b = (Fraction(v) for v in domain)
    t = (2 * Fraction(x) - a - b) / (b - a)
    prev, cur, total = Fraction(1), t, Fraction(0)
    for k, c in enumerate(coefficients):
        if k >= 2:
            prev, cur = cur, 2 * t * cur - prev
        total += Fraction(c) * (prev if k == 0 else cur)
    return total


@pytest.mark.parametrize("backend", list(BACKENDS))
@given(coefficients=st.lists(st.floats(-1.0, 1.0), min_size=1, max_size=6),
       domain=st.sampled_from([(-1.0, 1.0), (0.0, 1.0), (-3.0, 0.5)]),
       start=st.floats(0.0, 1.0), width=st.floats(0.0, 1.0), frac=st.floats(0.0, 1.0))
# T_1 on the point box at the centre: t = 0 and θ = arccos 0 = π/2, where the angle enclosure's
# upper end must be arccos's upper bound (its lower one misses π/2 and excludes T_1 = 0)
@example(coefficients=[0.0, 1.0], domain=(-1.0, 1.0), start=0.5, width=0.0, frac=0.0)
# T_1 on [0.9, 1]: θ ∈ [0, arccos 0.9], so the angle must not be clipped above 0
@example(coefficients=[0.0, 1.0], domain=(-1.0, 1.0), start=0.95, width=0.1, frac=1.0)
@settings(max_examples=60, deadline=None)
def test_chebyshev_series_enclosure_contains_the_exact_values_on_the_box(
        backend, coefficients, domain, start, width, frac):
    """For every x in [lo, hi] ⊂ domain, Σ c_k T_k(t(x)) lies in the enclosure of the box."""
    a, b = domain
    lo = a + start * (b - a)
    hi = min(b, lo + width * (b - lo))
    target = ChebyshevSeriesTarget(coefficients, domain=domain)
    with BACKENDS[backend]():
        elo, ehi = target.enclose(np.array([[lo]]), np.array([[hi]]))
    for x in (lo, min(hi, lo + frac * (hi - lo)), hi):
        value = exact_chebyshev(coefficients, domain, x)
        assert Fraction(float(elo[0])) <= value <= Fraction(float(ehi[0])), (
            f"f({x!r})={float(value)!r}, but should be in [{elo[0]!r}, {ehi[0]!r}] "
            f"[ChebyshevSeriesTarget({coefficients}, domain={domain})"
            f".enclose([{lo!r}, {hi!r}]), {backend}]")
