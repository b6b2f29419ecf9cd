"""Unit tests of constructions.pac_bayes.kl_bounds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from constructions.pac_bayes.kl_bounds import (
    binary_kl,
    discrete_kl,
    gaussian_kl,
    kl_inverse_upper,
    pac_bayes_kl_bound,
    sample_convergence_upper,
)

EPS = float(np.finfo(float).eps)


def test_binary_kl_is_the_bernoulli_divergence():
    q, p = 0.3, 0.6
    # a two-term sum of logs of numbers in (0, 1): a few ulp
    assert_allclose(
        binary_kl(q, p), q * math.log(q / p) + (1 - q) * math.log((1 - q) / (1 - p)), rtol=8 * EPS
    )


def test_binary_kl_is_infinite_where_p_excludes_q():
    assert binary_kl(0.5, 1.0) == math.inf and binary_kl(0.0, 0.0) == 0.0


@pytest.mark.parametrize("p", [0.6, 0.8, 0.99, 1.0])
def test_binary_kl_from_a_sure_success_is_minus_log_p(p):
    """q = 1: kl(1 ‖ p) = ln(1/p) (0 ln 0 = 0 drops the failure term), and kl(1 ‖ 1) = 0."""
    got = binary_kl(1.0, p)
    want = -math.log(p)
    # one correctly rounded log on each side (numpy's and math's): within 2 ulp of ln(1/p)
    assert abs(got - want) <= 2 * EPS * abs(want), (
        f"binary_kl(1, {p})={got!r}, but should be -ln p = {want!r}"
    )


def test_kl_inverse_solves_kl_equals_c():
    for q in (0.0, 0.01, 0.3, 0.9):
        for c in (1e-4, 0.05, 0.5):
            p = kl_inverse_upper(q, c)
            assert q <= p <= 1.0
            # p is within 2e-15 of the root (brentq's xtol plus the upward nudge),
            # kl'(q ‖ p) ≤ 1/(1 − p);
            # evaluating kl adds four O(1) log terms: 8 ulp absolute
            assert abs(binary_kl(q, p) - c) <= 2e-15 / (1 - p) + 8 * EPS


def test_kl_inverse_is_vacuous_only_at_one():
    assert kl_inverse_upper(1.0, 0.3) == 1.0 and kl_inverse_upper(0.0, 100.0) == 1.0


def test_kl_inverse_is_below_the_pinsker_bound():
    for q in np.linspace(0, 0.9, 10):
        for c in (1e-3, 1e-2, 0.1):
            assert kl_inverse_upper(q, c) <= q + math.sqrt(c / 2) + 1e-12


def test_sample_convergence_upper_is_kl_inverse_of_log_two_over_delta():
    assert sample_convergence_upper(0.1, 100, delta=0.01) == kl_inverse_upper(
        0.1, math.log(200) / 100
    )


@settings(deadline=None, max_examples=25)
@example(m=1, delta=0.5)  # one error-free sample: kl(0 ‖ p) = ln 4 at p = 3/4
@given(m=st.integers(1, 1000), delta=st.floats(1e-6, 0.999))
def test_sample_convergence_upper_of_error_free_samples_is_one_minus_root_of_half_delta(m, delta):
    """Ŝ_m = 0: kl(0 ‖ p) = −ln(1 − p) = ln(2/δ')/m gives p = 1 − (δ'/2)^(1/m), for every m ≥ 1."""
    got = sample_convergence_upper(0.0, m, delta=delta)
    want = 1.0 - (delta / 2.0) ** (1.0 / m)
    # brentq's xtol plus the upward nudge (2e-15), its rtol 4 eps · p, and evaluating −ln(1 − p)
    # moves the root by (1 − p)·(c + 1)·eps ≤ 2 eps (c(1 − p) = c e^(−c) ≤ 1/e); `want`: 2 eps
    assert abs(got - want) <= 2e-15 + 8 * EPS, (
        f"upper={got!r}, but should be 1 - (delta/2)^(1/m)={want!r} "
        f"[sample_convergence_upper(0.0, {m}, delta={delta!r})]"
    )


def test_discrete_kl_of_point_mass_from_uniform_is_log_size():
    assert_allclose(discrete_kl([0, 0, 1, 0], [0.25] * 4), math.log(4), rtol=4 * EPS)


def test_gaussian_kl_matches_the_one_dimensional_formula():
    mq, s, mp, lam = 0.7, 0.3, -0.2, 0.5
    one_d = 0.5 * (s**2 / lam + (mq - mp) ** 2 / lam - 1 + math.log(lam / s**2))
    assert_allclose(gaussian_kl([mq, mq], [s, s], [mp, mp], lam), 2 * one_d, rtol=16 * EPS)


def test_pac_bayes_bound_adds_the_union_bound_term():
    b = pac_bayes_kl_bound(0.1, 5.0, 100, delta=0.05, extra_log_term=math.log(32))
    assert_allclose(
        b.complexity, (5.0 + math.log(2 * 10 / 0.05) + math.log(32)) / 100, rtol=8 * EPS
    )
    assert b.empirical_risk < b.value < b.mcallester_value


def test_pac_bayes_bound_without_a_union_bound_has_log_term_ln_two_root_n_over_delta():
    """extra_log_term defaults to 0 and accepts any value ≥ 0, e.g. ln 2 for J = 2 priors."""
    base = math.log(2.0 * math.sqrt(1000) / 0.05)
    plain = pac_bayes_kl_bound(0.05, 10.0, 1000, delta=0.05)
    two_priors = pac_bayes_kl_bound(0.05, 10.0, 1000, delta=0.05, extra_log_term=math.log(2))
    # the same floating operations as the construction: exact
    assert plain.log_term == base, f"log_term={plain.log_term!r}, but should be {base!r}"
    assert two_priors.log_term == base + math.log(2), (
        f"log_term={two_priors.log_term!r}, but should be ln(2 sqrt(n)/delta) + ln 2"
    )


@pytest.mark.parametrize("kl", [0.0, 0.5])
def test_pac_bayes_bound_accepts_a_posterior_equal_to_the_prior(kl):
    """KL(Q ‖ P) ≥ 0 is the whole range: Q = P (KL = 0) gives kl⁻¹(R̂, ln(2√n/δ)/n)."""
    b = pac_bayes_kl_bound(0.1, kl, 100, delta=0.05)
    log_term = math.log(2.0 * math.sqrt(100) / 0.05)
    # the same floating operations as the construction: exact
    assert b.complexity == (kl + log_term) / 100, f"complexity={b.complexity!r} [KL={kl}]"
    assert b.value == kl_inverse_upper(0.1, (kl + log_term) / 100)
    assert b.empirical_risk < b.value < b.mcallester_value


@pytest.mark.parametrize(
    "call",
    [
        lambda: binary_kl(-0.1, 0.5),
        lambda: binary_kl(0.5, 1.5),
        lambda: kl_inverse_upper(0.5, -1.0),
        lambda: kl_inverse_upper(2.0, 0.1),
        lambda: pac_bayes_kl_bound(0.1, 1.0, 7, delta=0.05),
        lambda: pac_bayes_kl_bound(0.1, -1.0, 100, delta=0.05),
        lambda: pac_bayes_kl_bound(0.1, 1.0, 100, delta=1.0),
        lambda: gaussian_kl([0.0], [0.0], [0.0], 1.0),
        lambda: gaussian_kl([0.0], [1.0], [0.0], 0.0),
        lambda: discrete_kl([0.5, 0.6], [0.5, 0.5]),
        lambda: sample_convergence_upper(0.1, 0, delta=0.1),
    ],
)
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()
