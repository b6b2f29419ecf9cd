"""The rigorous re-check of certificates in ball arithmetic (constructions.certification.rigorous.recheck).

Issue 17, item 2: every certificate is re-checked on its final boxes in arb; a certificate whose
re-check fails is not a certificate.  The planted enclosures below are wrong by one ulp.
"""

import math
from dataclasses import replace

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from constructions.certification import (
    ChebyshevSeriesTarget,
    FourierSeriesTarget,
    LipschitzTarget,
    PiecewiseLinearTarget,
    certify_sup_error,
    recheck_sup_error,
    sample_sup_error,
)
from constructions.certification import elementary as el
from constructions.certification.rigorous import balls
from constructions.certification.network_target import NetworkTarget
from constructions.certification.result import Enclosure
from constructions.certification.rigorous.recheck import WITNESS_PRECISION, arb_error_at
from constructions.certification.targets import as_target
from constructions.networks.dense import network_from_layers

flint = pytest.importorskip("flint")
arb = flint.arb
X = sp.Symbol("x")
UNIT = [(0.0, 1.0)]


def zero_network():
    """f_θ ≡ 0 exactly (identity activation, zero weights)."""
    return network_from_layers([(np.zeros((1, 1)), np.zeros(1)), (np.zeros((1, 1)), np.zeros(1))],
                               activation="identity")


def sigmoid_network(seed=0, units=6):
    rng = np.random.default_rng(seed)
    return network_from_layers([(3 * rng.standard_normal((units, 1)), rng.standard_normal(units)),
                                (rng.standard_normal((1, units)) / units, np.zeros(1))],
                               activation="sigmoid")


def float_above(ball) -> float:
    """The least float64 strictly above every point of an arb ball."""
    f = float(ball.upper())
    while not arb(f) > ball:
        f = float(np.nextafter(f, np.inf))
    return f


@pytest.fixture(scope="module")
def exp_certificate():
    """sup_{[0,1]} |e^x − 0| = e, certified by branch-and-bound (the bound rests on exp(1))."""
    return certify_sup_error(zero_network(), sp.exp(X), UNIT, method="branch-and-bound", rtol=1e-6)


def test_the_genuine_exp_certificate_passes_the_recheck(exp_certificate):
    enc = exp_certificate
    assert enc.rigorous, enc.recheck_note
    assert enc.lower <= math.e < float(np.nextafter(math.e, np.inf)) <= enc.upper
    assert enc.recheck_upper <= enc.upper
    assert enc.recheck_method.startswith("arb ball arithmetic")
    assert enc.recheck_seconds > 0.0


def test_recheck_rejects_an_upper_bound_of_exp_one_ulp_too_optimistic(exp_certificate):
    # math.e is the float just below e: as an upper bound of sup e^x on [0, 1] it is one ulp
    # too optimistic (the least valid float bound is nextafter(math.e, inf)).
    planted = replace(exp_certificate, upper=math.e, upper_rigorous=False, lower_rigorous=False)
    assert planted.status(math.e) == "undecided"          # unconfirmed: decides nothing
    rechecked = recheck_sup_error(zero_network(), as_target(sp.exp(X), 1), planted, np.array(UNIT))
    assert not rechecked.upper_rigorous, rechecked
    assert rechecked.recheck_upper > math.e
    assert "exceeds the claimed upper" in rechecked.recheck_note
    assert rechecked.status(math.e) == "undecided"
    # trusted without the re-check, the planted enclosure would have "proved" sup e^x <= math.e
    assert replace(planted, upper_rigorous=True).status(math.e) == "proved"


def test_recheck_rejects_a_lower_bound_of_exp_one_ulp_too_optimistic(exp_certificate):
    c = exp_certificate.witness[0]
    with balls.precision(200):
        too_high = float_above(arb(c).exp())               # one ulp above e^c: not witnessed
    planted = replace(exp_certificate, lower=too_high)
    rechecked = recheck_sup_error(zero_network(), as_target(sp.exp(X), 1), planted, np.array(UNIT))
    assert not rechecked.lower_rigorous, rechecked
    assert rechecked.status(0.5 * (too_high + math.exp(c))) != "refuted"


def test_recheck_rejects_a_certificate_from_a_libm_exp_wrong_beyond_its_assumed_ulps(monkeypatch):
    # The search trusts numpy's exp to ELEMENTARY_ULPS; plant an exp enclosure 2^-40 too low (far
    # outside), used by the search only: its certificate is false and the re-check must refuse it.
    # (A 1-ulp-low kernel is absorbed by the search's own outward rounding of the later additions,
    # so its certificates stay true; the planted 1-ulp enclosures above test the re-check's edge.)
    honest = el.interval_exp

    def low_exp(lo, hi):
        if el.is_rigorous():
            return honest(lo, hi)
        return np.exp(lo) * (1 - 2.0**-40), np.exp(hi) * (1 - 2.0**-40)

    import constructions.certification.expressions as ex
    monkeypatch.setitem(ex._UNARY, sp.exp, low_exp)
    enc = certify_sup_error(zero_network(), sp.exp(X), UNIT, method="branch-and-bound", rtol=1e-9)
    assert enc.upper < math.e                       # the search's claim is false ...
    assert not enc.upper_rigorous                   # ... and the re-check refuses it
    assert enc.status(enc.upper) == "undecided"


def test_recheck_rejects_final_boxes_that_do_not_tile_the_domain(exp_certificate):
    lo, hi, nat = exp_certificate.boxes
    keep = np.arange(lo.shape[0]) != int(np.argmax(hi[:, 0]))   # drop the box at x = 1
    planted = replace(exp_certificate, boxes=(lo[keep], hi[keep], nat[keep]))
    rechecked = recheck_sup_error(zero_network(), as_target(sp.exp(X), 1), planted, np.array(UNIT))
    assert not rechecked.upper_rigorous and "tile" in rechecked.recheck_note


@pytest.mark.parametrize("target", [
    sp.sin(3 * X) * sp.exp(-X) + sp.atan(X) - sp.sqrt(1 + X**2),
    sp.tanh(2 * X - 1) + sp.cos(X) ** 2 + sp.log(1 + X),
    FourierSeriesTarget([0.1, 0.2], [0.0, 0.5, -0.25]),
    ChebyshevSeriesTarget([0.0, 0.3, 0.0, -0.2], domain=(0.0, 1.0)),
    PiecewiseLinearTarget([0.0, 0.3, 1.0], [0.0, 0.4, -0.1]),
    NetworkTarget(sigmoid_network(seed=1)),
], ids=["sympy exp-sin-atan-sqrt", "sympy tanh-cos-log", "Fourier", "Chebyshev", "piecewise linear",
        "sigmoid network"])
def test_every_kind_of_target_is_rechecked_rigorously(target):
    enc = certify_sup_error(sigmoid_network(), target, UNIT, rtol=1e-3)
    assert enc.rigorous, enc.recheck_note
    assert enc.recheck_upper <= enc.upper and enc.recheck_lower >= enc.lower
    assert "arb" in enc.recheck_method


def test_piece_enumeration_certificates_are_exact_and_checked_at_the_witness():
    net = network_from_layers([(np.array([[1.0]]), np.array([0.0])),
                               (np.array([[1.0]]), np.array([0.0]))], activation="relu")
    enc = certify_sup_error(net, X**2, UNIT)
    assert enc.method == "pieces" and enc.rigorous
    assert enc.recheck_method.startswith("exact rational arithmetic")
    assert enc.status(0.25) == "proved" and enc.status(0.2) == "refuted"


def test_a_lipschitz_target_cannot_be_rechecked_and_decides_nothing():
    target = LipschitzTarget(np.sin, lipschitz=1.0)
    enc = certify_sup_error(sigmoid_network(), target, UNIT, rtol=1e-2)
    assert not enc.rigorous and "LipschitzTarget" in enc.recheck_note
    assert enc.status(enc.upper * 2) == "undecided"


def test_sampling_lower_bound_is_checked_at_its_witness():
    enc = sample_sup_error(sigmoid_network(), sp.sin(X), UNIT, n_points=64,
                           rng=np.random.default_rng(0))
    assert enc.lower_rigorous and not enc.upper_rigorous and enc.rigorous


@pytest.mark.parametrize("name, fn", [("exp", math.exp), ("sin", math.sin), ("atan", math.atan),
                                      ("logistic", lambda t: 1 / (1 + math.exp(-t)))])
def test_ball_map_encloses_within_a_few_ulps(name, fn):
    x = np.array([-30.0, -1.5, -1e-300, 0.0, 0.7, 1.0, 25.0])
    lo, hi = balls.ball_map(name, x)
    with balls.precision(256):
        for xi, a, b in zip(x.tolist(), lo, hi, strict=True):
            exact = balls._FUNCTIONS[name](arb(xi))
            assert arb(float(a)) <= exact <= arb(float(b)), (name, xi, a, b)
            assert b - a <= 6 * np.spacing(max(abs(a), abs(b), 1e-300)), (name, xi, a, b)


def test_ball_range_encloses_the_range_on_narrow_and_wide_intervals():
    lo = np.array([0.5, -2.0, 3.0])
    hi = np.array([0.5 + 1e-12, 1.0, 3.0])
    rlo, rhi = balls.ball_range("exp", lo, hi)
    assert np.all(rlo <= np.exp(lo) * (1 + 1e-15)) and np.all(rhi >= np.exp(hi) * (1 - 1e-15))
    assert rlo[1] <= math.exp(-2.0) <= rhi[1] and rlo[1] <= math.e <= rhi[1]


def test_ball_range_encloses_an_interior_minimum_of_any_function_on_a_narrow_interval():
    """A narrow interval is evaluated on its hull ball: the range of any f, interior extrema too."""
    lo, hi = np.array([3.0 - 1e-12]), np.array([3.0 + 1e-12])   # width 2e-12 <= 2^-30 · 3: narrow
    rlo, rhi = balls.ball_range(lambda z: (z - 3) * (z - 3), lo, hi, kind="hull")
    # (x − 3)² takes 0 at x = 3 inside; the hull of the two end values (1e-24 each) would not
    assert rlo[0] <= 0.0 <= rhi[0], (
        f"ball_range((x-3)^2, [{lo[0]!r}, {hi[0]!r}]) = [{rlo[0]!r}, {rhi[0]!r}], "
        "but should contain 0")


def test_recheck_rejects_an_upper_bound_that_the_witness_contradicts():
    """A piece-enumeration claim sup |e^x − 0| ≤ 1 on [0, 1] is refuted at the witness x = 1."""
    planted = Enclosure(0.0, 1.0, (1.0,), 1, "pieces")
    rechecked = recheck_sup_error(zero_network(), as_target(sp.exp(X), 1), planted, np.array(UNIT))
    assert not rechecked.upper_rigorous, rechecked
    assert "may exceed the claimed upper" in rechecked.recheck_note
    assert rechecked.status(1.0) == "undecided"


def mpmath_error(expr, x):
    """(f − 0)(x) to 60 digits, for the zero network: sympy's own evaluation, independent of arb."""
    return sp.N(expr.subs(X, sp.Float(x, 60)), 60)


@pytest.mark.parametrize("expr", [sp.E * X, sp.pi * X - sp.Rational(1, 3),
                                  sp.sqrt(X) + sp.Float(0.1) * X, sp.exp(-X) * sp.atan(X) ** 3],
                         ids=["E", "pi and rational", "sqrt and float", "exp atan power"])
@pytest.mark.parametrize("x", [0.0, 0.75, 3.0])
def test_the_witness_ball_contains_the_exact_error(expr, x):
    """arb_error_at(f_θ, f, x) ∋ f(x) − f_θ(x), with e, π, p/q and Floats as their exact values."""
    ball = arb_error_at(zero_network(), as_target(expr, 1), x)
    reference = mpmath_error(expr, x)
    with balls.precision(256):
        # the 60-digit decimal is within 1e-59 of the value; the ball's radius is about 2^-128
        assert ball.contains(arb(str(reference))), (
            f"arb_error_at({expr}, x={x!r})={ball}, but should contain {reference}")


@settings(max_examples=100, deadline=None)
@given(x=st.floats(1e-300, 1e300))
@example(x=3.0)   # arb's general power x ** (1/2) gives radius 1.5 ulp here
def test_a_square_root_at_the_witness_is_arbs_correctly_rounded_square_root(x):
    """√x at a float x is arb's correctly rounded square root: radius ≤ one ulp at 128 bits."""
    ball = arb_error_at(zero_network(), as_target(sp.sqrt(X), 1), x)
    _, exponent = math.frexp(math.sqrt(x))        # √x ∈ [2^(e−1), 2^e) (up to the float rounding)
    ulp = arb(math.ldexp(1.0, exponent - WITNESS_PRECISION))
    assert ball.rad() <= ulp, f"radius of √{x!r} = {ball.rad()}, but should be <= one ulp {ulp}"


@pytest.mark.parametrize("x, p", [(2.0, 0.5), (9.0, 0.5), (9.0, -0.5), (2.0, 1.5), (0.3, 2.5)])
def test_ball_map_of_a_real_power_encloses_x_to_the_p(x, p):
    """ball_map("pow", x, exponent=p) ∋ x^p for a float exponent (√2, 3, 1/3, 2√2, 0.3^2.5)."""
    lo, hi = balls.ball_map("pow", np.array([x]), exponent=p)
    with balls.precision(256):
        exact = arb(x) ** arb(p)         # x, p exact floats; radius ~2^-256, far below an ulp
        assert arb(float(lo[0])) <= exact <= arb(float(hi[0])), (
            f"ball_map(pow, {x}, exponent={p}) = [{lo[0]!r}, {hi[0]!r}], but should contain {exact}")
    # 64-bit ball rounded out to float64: a few ulps wide at most (as for exp, sin, … above)
    assert hi[0] - lo[0] <= 6 * np.spacing(abs(hi[0])), (lo[0], hi[0])


def test_ball_map_gives_the_whole_line_at_non_finite_inputs():
    """Non-finite entries of x get (-inf, inf), as documented; finite ones a tight ball."""
    lo, hi = balls.ball_map("exp", np.array([np.nan, np.inf, -np.inf, 0.0]))
    assert lo[:3].tolist() == [-np.inf] * 3 and hi[:3].tolist() == [np.inf] * 3, (
        f"ball_map(exp, [nan, inf, -inf]) = {list(zip(lo[:3], hi[:3]))}, but should be (-inf, inf)")
    assert lo[3] <= 1.0 <= hi[3]


def test_a_two_dimensional_certificate_on_a_non_unit_box_passes_the_recheck():
    """sup |x0 + x1 − 0| on [0, 2] × [0, 3] is 5: its final boxes tile the box (volume 6 exactly)."""
    zero2 = network_from_layers([(np.zeros((1, 2)), np.zeros(1)), (np.zeros((1, 1)), np.zeros(1))],
                                activation="identity")
    x0, x1 = sp.symbols("x0 x1")
    enc = certify_sup_error(zero2, as_target(x0 + x1, 2), [(0.0, 2.0), (0.0, 3.0)],
                            method="branch-and-bound", rtol=1e-3)
    assert enc.lower <= 5.0 <= enc.upper, f"[{enc.lower}, {enc.upper}] should contain 5"
    assert enc.upper_rigorous and enc.lower_rigorous, enc.recheck_note


def test_without_python_flint_the_recheck_confirms_neither_end(exp_certificate, monkeypatch):
    """No arb, no re-check: both ends stay unconfirmed and the enclosure decides nothing."""
    monkeypatch.setattr(balls, "available", lambda: False)
    rechecked = recheck_sup_error(zero_network(), as_target(sp.exp(X), 1), exp_certificate,
                                  np.array(UNIT))
    assert not rechecked.upper_rigorous and not rechecked.lower_rigorous, rechecked
    assert "not installed" in rechecked.recheck_note
    assert rechecked.status(0.5 * exp_certificate.lower) == "undecided"


@pytest.mark.parametrize("expr, x, exact", [
    (sp.sign(X - sp.Rational(1, 2)), 0.75, 1.0), (sp.sign(X - sp.Rational(1, 2)), 0.25, -1.0),
    (sp.sign(X), 0.0, 0.0), (sp.Max(X, 1 - X), 0.25, 0.75), (sp.Min(X, 1 - X), 0.25, 0.25),
    (sp.Max(X, 1 - X), 0.75, 0.75), (sp.Min(X, 1 - X), 0.75, 0.25),
], ids=["sign +", "sign -", "sign 0", "max left", "min left", "max right", "min right"])
def test_sign_min_and_max_at_the_witness_are_their_exact_values(expr, x, exact):
    """arb_error_at evaluates sign, Min and Max nodes: sign(x − ½), max/min(x, 1 − x) at dyadic x."""
    ball = arb_error_at(zero_network(), as_target(expr, 1), x)
    # every operand is a dyadic float, so the exact value is a float and arb holds it exactly
    assert ball is not None, f"arb_error_at({expr}, x={x!r}) is None, but {expr} has an arb evaluation"
    assert ball.contains(arb(exact)), f"arb_error_at({expr}, x={x!r}) = {ball}, but should be {exact}"


@pytest.mark.parametrize("x, exact", [(1.0, 1.75), (2.5, 0.625), (3.0, 1.25)])
def test_a_chebyshev_series_at_the_witness_maps_its_domain_onto_minus_one_one(x, exact):
    """On domain (1, 3), t = (2x − 4)/2: the ends give Σ c_k (−1)^k and Σ c_k, x = 2.5 gives t = ½."""
    c = [0.5, 0.25, 1.0, -0.5]        # f = ½ + ¼ T_1 + T_2 − ½ T_3
    target = ChebyshevSeriesTarget(c, domain=(1.0, 3.0))
    # T_1(½) = ½, T_2(½) = −½, T_3(½) = −1: f(2.5) = ½ + ⅛ − ½ + ½ = 5/8; all values dyadic, exact
    assert target(np.array([x])).tolist() == [exact]          # numpy's chebval agrees
    ball = arb_error_at(zero_network(), target, x)
    assert ball.contains(arb(exact)), f"Chebyshev series at x={x!r}: {ball}, but should be {exact}"
