"""Branch-and-bound and the choice of method in ``constructions.certification.enclosure``.

Worked cases whose answer is known in closed form: a ReLU hat relu(1 − |x|) (sup 1, at the
centre of the box, so the best lower bound is found by the first evaluation and stays fixed),
and a wide one-hidden-layer ReLU network that is affine on the box.
"""

import numpy as np
import pytest
import sympy as sp

from constructions.certification import certify_sup_error
from constructions.certification.box_bounds import box_upper_bounds
from constructions.certification.intervals import round_down
from constructions.certification.targets import as_target
from constructions.networks.dense import network_from_layers

X0 = sp.Symbol("x0")


def relu_hat():
    """relu(x + 1) − 2 relu(x) + relu(x − 1) = relu(1 − |x|): peak 1 at x = 0."""
    return network_from_layers([(np.ones((3, 1)), np.array([1.0, 0.0, -1.0])),
                                (np.array([[1.0, -2.0, 1.0]]), np.zeros(1))], activation="relu")


@pytest.mark.parametrize("gap", [0.1, 1e-3])
def test_gap_search_bisects_exactly_the_boxes_whose_bound_exceeds_lower_plus_gap(gap):
    """With a gap, a box is bisected iff its certified bound exceeds lower + gap (else retired)."""
    net, box = relu_hat(), (-2.0, 2.0)
    enc = certify_sup_error(net, 0 * X0, [box], gap=gap, method="branch-and-bound",
                            recheck=False)
    assert enc.witness == (0.0,) and enc.lower <= 1.0 <= enc.upper
    assert enc.gap <= gap, f"upper - lower={enc.gap}, but should be <= gap={gap}"
    # the lower bound is the first centre's, so the retirement threshold is fixed from the start
    # and the partition tree can be rebuilt box by box with the search's own box bounds
    target = as_target(0 * X0, 1)
    thr = float(round_down(enc.lower + gap))

    def tree_size(a, b):
        ub = box_upper_bounds(net, target, np.array([[a]]), np.array([[b]]))[0]
        if ub <= thr:
            return 1
        m = 0.5 * a + 0.5 * b
        return 1 + tree_size(a, m) + tree_size(m, b)

    expected = tree_size(*box)
    assert enc.n_boxes == expected, (
        f"n_boxes={enc.n_boxes}, but should be {expected} (boxes with bound > lower + gap, "
        f"bisected) [certify_sup_error(relu hat, 0, [-2, 2], gap={gap})]")


def test_auto_falls_back_to_branch_and_bound_beyond_the_piece_work_limit():
    """method='auto' enumerates pieces only for moderate sizes; a 200 001-unit layer is not."""
    m = 200_001     # 2 breakpoints × 200 001 weights = 400 002 > the auto limit 400 000
    net = network_from_layers([(np.ones((m, 1)), np.ones(m)), (np.ones((1, m)), np.zeros(1))],
                              activation="relu")
    # a small budget: the fallback is decided before any box is split, and a wrong bound must fail
    # here in seconds rather than bisect 200 000 boxes of a 200 001-unit layer
    enc = certify_sup_error(net, 0 * X0, [(0.0, 1.0)], recheck=False, budget=64)
    # f_θ(x) = m (x + 1) on [0, 1] (every unit active): sup |0 − f_θ| = 2m at x = 1, exactly
    assert enc.method == "branch-and-bound", (
        f"method={enc.method!r}, but should be 'branch-and-bound' [auto, m={m}]")
    assert enc.lower <= 2 * m <= enc.upper, f"[{enc.lower}, {enc.upper}] should contain {2 * m}"


@pytest.mark.parametrize("budget", [1, 2, 5])
def test_search_stops_unconverged_once_the_budget_of_boxes_is_spent(budget):
    """A budget too small for the gap ends the search unconverged, within budget and still sound."""
    # relu hat vs 0 on [-2, 2]: the first box's mean-value bound (≈ 3) exceeds 1 + gap, and every
    # bisection only halves the slack, so gap = 1e-9 cannot be reached with ≤ 5 boxes
    enc = certify_sup_error(relu_hat(), 0 * X0, [(-2.0, 2.0)], gap=1e-9, budget=budget,
                            method="branch-and-bound", recheck=False)
    assert not enc.converged, f"converged with budget={budget}, gap=1e-9: impossible"
    assert enc.n_boxes <= budget, f"n_boxes={enc.n_boxes} exceeds budget={budget}"
    assert enc.lower <= 1.0 <= enc.upper, f"[{enc.lower}, {enc.upper}] should contain sup = 1"


def test_a_one_dimensional_box_may_be_given_as_one_pair():
    """For d = 1 the documented shorthand box=(lo, hi) is the box [(lo, hi)]: same enclosure."""
    target = as_target(sp.Integer(0), 1)
    pair = certify_sup_error(relu_hat(), target, (-2.0, 2.0))
    pairs = certify_sup_error(relu_hat(), target, [(-2.0, 2.0)])
    assert (pair.lower, pair.upper) == (pairs.lower, pairs.upper), (
        f"box=(-2, 2) gave [{pair.lower}, {pair.upper}], but [(-2, 2)] gave "
        f"[{pairs.lower}, {pairs.upper}]")
    assert pair.lower <= 1.0 <= pair.upper  # sup |relu_hat − 0| = 1 at x = 0


def test_relative_tolerance_search_stops_only_once_upper_minus_lower_is_within_rtol_of_upper():
    """Without eps or gap, a converged search has upper − lower ≤ rtol·upper (default rtol = 1e-3)."""
    # f_θ ≡ 0 (zero weights), f = (x − x²)/4 on [0, 1]: sup 1/16 at x = 1/2.  A curved target, so
    # the mean-value bounds tighten box by box, and a sup below 1 separates the documented
    # rule rtol·upper from a looser one such as rtol/upper
    zero = network_from_layers([(np.zeros((1, 1)), np.zeros(1)), (np.zeros((1, 1)), np.zeros(1))],
                               activation="relu")
    rtol = 1e-3
    enc = certify_sup_error(zero, (X0 - X0**2) / 4, [(0.0, 1.0)], method="branch-and-bound",
                            recheck=False)
    assert enc.converged, f"not converged in {enc.n_boxes} boxes [(x - x^2)/4, rtol={rtol}]"
    assert enc.lower <= 1 / 16 <= enc.upper, f"[{enc.lower}, {enc.upper}] should contain 1/16"
    # the same float expression the documented stopping rule evaluates: no tolerance needed
    assert enc.upper - enc.lower <= rtol * enc.upper, (
        f"upper - lower={enc.upper - enc.lower}, but should be <= rtol*upper={rtol * enc.upper}")


@pytest.mark.parametrize("rtol", [0.0, -1e-3])
def test_relative_tolerance_must_be_positive(rtol):
    """rtol ≤ 0 is refused (a zero tolerance could only stop at upper = lower): ValueError naming rtol."""
    with pytest.raises(ValueError, match="rtol"):
        # budget=64: should rtol = 0 be accepted, the search must not run for long before failing
        certify_sup_error(relu_hat(), 0 * X0, [(-2.0, 2.0)], rtol=rtol, budget=64,
                          method="branch-and-bound", recheck=False)
