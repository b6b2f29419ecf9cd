"""The Landau-O helper (記法; catalogue C00).

Every rate claim decides x_N = O(y_N) with :func:`constructions.approximation.rates.bounded_ratio`
on a geometric sweep N ∈ [10, 10^8]; here that helper is checked against power–log
sequences whose answer is known, and its witness constants against the definition
(exactly for 3N + 5 = O(N), analytically for N log N = O(N²)).  Control: N^{−1} log N
declared O(N^{−1}).

Reference: Knuth 1976, SIGACT News 8(2).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from constructions.approximation.rates import bounded_ratio, geometric_sizes
from theorems import Kind, Source, claim
from theorems.tolerances import EPS

# ---------------------------------------------------------------------------
# C00  Landau O
# ---------------------------------------------------------------------------
#: The sweep on which every O-verdict of this module is taken: N = 10, 10^{1.25}, …, 10^8.
_BIG_O_SIZES = geometric_sizes(10, 1e8, num=29).astype(float)
#: Growth factor of :func:`constructions.approximation.rates.bounded_ratio` that separates the family below:
#: bounded members have (max of the ratio over the second half)/(max over the first) ≤ 1.013,
#: the slowest unbounded one, log N, has ≥ log 10^8 / log 10^4.25 · (1 − 10^{−4})/(1 + 10^{−2.125}) ≈ 1.87.
_BIG_O_GROWTH = 4 / 3
_POWERS = st.sampled_from([Fraction(k, 2) for k in range(-2, 5)])   # −1, −1/2, …, 2
_LOG_POWERS = st.integers(0, 2)


def _is_big_o(x, y) -> tuple[bool, object]:
    """The helper's verdict x_N = O(y_N) on the module's sweep, and its evidence."""
    evidence = bounded_ratio(_BIG_O_SIZES, x, y, growth_factor=_BIG_O_GROWTH)
    return not evidence.grows, evidence


def _power_log(N, power: Fraction, log_power: int):
    return N ** float(power) * np.log(N) ** log_power


@claim(
    id="big_o_definition", kind=Kind.RATE, catalogue="C00",
    statement="The Landau-O helper (bounded ratio on a geometric sweep, with a witness constant) "
              "agrees with the definition on sequences whose answer is known",
    formula="x_N = O(y_N) ⇔ ∃ N′, C > 0: N > N′ ⇒ |x_N| ≤ C|y_N|",
    source=Source("Lecture notation slide (standard Landau symbol; e.g. Knuth 1976, SIGACT News 8(2))",
                  lecture="記法"),
    hypotheses=("y_N ≠ 0 on the sweep", "N → ∞ (only a finite range N ∈ [10, 10^8] can be explored)"),
    implicit=("a finite sweep is evidence, not proof: the helper's verdict is only meaningful for "
              "sequences whose ratio is already in its asymptotic regime on the sweep",),
)
@given(alpha=_POWERS, gamma=_POWERS, beta=_LOG_POWERS, eta=_LOG_POWERS,
       a=st.floats(0.25, 4.0, allow_nan=False, allow_infinity=False),
       b=st.floats(-1.0, 1.0, allow_nan=False, allow_infinity=False))
def big_o_definition(alpha, gamma, beta, eta, a, b, evidence):
    """The O-helper's verdict matches the definition on power–log sequences, with correct witness constants.

    Statement: for x_N = a N^α (log N)^β (1 + b N^{−1/2}) and y_N = N^γ (log N)^η the truth is
    x = O(y) ⇔ α < γ or (α = γ and β ≤ η); ``constructions.approximation.rates.bounded_ratio`` (not growing by more
    than the factor 4/3 between the halves of the sweep) returns that answer.  Also, with the helper's
    witness constant C = max_{N > N′} x_N/y_N: 3N + 5 ≤ C·N for every N > N′ (exactly, C = 3 + 5/N₁),
    and N log N / N² ≤ 1/e for all N (the analytic witness), while the helper says O.
    Checked as: Hypothesis search over the exponents and constants; exact integer/rational check of the
    witness constant of 3N + 5; a bound for N log N = O(N²).
    Domain: α, γ ∈ {−1, −1/2, …, 2}, β, η ∈ {0, 1, 2}, a ∈ [1/4, 4], b ∈ [−1, 1]; N ∈ [10, 10^8], 29
    geometric sizes.
    Deviation from the lecture: none in the definition; the executable version can only look at a
    finite range, so the family is restricted to ratios that are monotone after N ≈ e^4 (|β − η| ≤ 2,
    exponent gaps ≥ 1/2), where a finite sweep decides.
    """
    N = _BIG_O_SIZES
    x = a * _power_log(N, alpha, beta) * (1.0 + b / np.sqrt(N))
    y = _power_log(N, gamma, eta)
    truth = alpha < gamma or (alpha == gamma and beta <= eta)
    verdict, _ = _is_big_o(x, y)
    at = {"alpha": alpha, "gamma": gamma, "beta": beta, "eta": eta, "a": a, "b": b}
    evidence.exact(verdict, truth, name="helper's verdict [x = O(y)]",
                   rhs_name="[α < γ or (α = γ and β ≤ η)]", at=at)

    # 3N + 5 = O(N): the witness constant is 3 + 5/N₁ at the first size past N′, exactly.
    ints = [int(n) for n in N]
    verdict, ratio = _is_big_o(3 * N + 5, N)
    tail = [n for n in ints if n > ratio.threshold]
    witness = Fraction(3 * tail[0] + 5, tail[0])
    evidence.exact(verdict, True, name="helper's verdict [3N + 5 = O(N)]")
    evidence.close(ratio.witness_constant, float(witness), rtol=2 * EPS, name="helper's witness C",
                   why="one correctly rounded division and its conversion", at={"N1": tail[0]})
    evidence.exact(max(Fraction(3 * n + 5, n) for n in tail), witness, "<=",
                   name="max_{N > N′} (3N + 5)/N", rhs_name="C = 3 + 5/N₁", at={"N'": ratio.threshold})

    # N log N = O(N²), with the analytic witness C = max_N log N / N = 1/e.
    verdict, ratio = _is_big_o(N * np.log(N), N ** 2)
    evidence.exact(verdict, True, name="helper's verdict [N log N = O(N²)]")
    evidence.bound(ratio.ratios, 1 / math.e, name="N log N / N²", rhs_name="1/e", at={"N": N},
                   slack=4 * EPS, why_slack="log, two products and a division, each correctly rounded")


@big_o_definition.control("N^{−1} log N declared O(N^{−1}): the ratio log N keeps growing over the sweep")
@given(top=st.integers(6, 15))
def big_o_definition_log_over_n(top, evidence):
    N = geometric_sizes(10, 10.0 ** top, num=4 * top + 1).astype(float)
    ratio = bounded_ratio(N, np.log(N) / N, 1 / N, growth_factor=_BIG_O_GROWTH)
    evidence.bound(ratio.last_half_max, _BIG_O_GROWTH * ratio.first_half_max,
                   name="max_{N > N′} (N^{−1} log N)/N^{−1}", rhs_name="(4/3)·max_{N ≤ N′}",
                   at={"N'": ratio.threshold, "N_max": N[-1]})

