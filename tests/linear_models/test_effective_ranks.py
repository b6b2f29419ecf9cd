"""Tests for constructions.linear_models.effective_ranks (C28, C30)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constructions.linear_models.effective_ranks import (
    HarmonicTruncation,
    Interval,
    PowerLogSpectrum,
    bllt_terms,
    critical_index,
    effective_ranks,
    truncated_exponential_spectrum,
)

EPS = np.finfo(float).eps


@pytest.mark.parametrize(("n", "k_star"), [(1, 0), (2, 1), (5, 4), (10, 9)])
def test_power_log_critical_index_of_inverse_squares_is_the_first_k_with_r_k_at_least_n(n, k_star):
    """λ_k = k⁻²: k* = min{k : r_k ≥ n} with r_k = (k+1)²ψ₁(k+1), found in bounded time."""
    # mutation run: `hi - lo > 1` -> `>= 1` and `(lo + hi) // 2` -> `// 1` made the bisection
    # of PowerLogSpectrum.critical_index loop forever; it runs first, under a time limit.
    import mpmath
    from bad_input_kit import call_with_time_limit

    def r_exact(k):  # Σ_{i>k} i⁻² / (k+1)⁻² = (k+1)² ψ₁(k+1), exact to mpmath precision
        return (k + 1) ** 2 * mpmath.psi(1, k + 1)

    # a linear scan, independent of the bisection; r_k − (k + 1.5) ∈ (0, 0.15] keeps every r_k
    # ≥ 0.35 from an integer n, far beyond the interval's bracket (≲ 2(k+1)²/2²⁸), so k_lo = k_hi
    assert next(k for k in range(100) if r_exact(k) >= n) == k_star
    s = PowerLogSpectrum(alpha=2.0, beta=0.0)
    got = call_with_time_limit(s.critical_index, {"n": n})
    assert got == (k_star, k_star), f"critical_index(n={n}) = {got}, but k* = {k_star}"


@settings(deadline=None, max_examples=100)
@given(seed=st.integers(0, 2**32 - 1), p=st.integers(1, 200), spread=st.floats(0.0, 12.0))
def test_effective_ranks_satisfy_one_le_r_le_big_r_le_r_squared(seed, p, spread):
    lam = 10.0 ** (-spread * np.random.default_rng(seed).random(p))
    er = effective_ranks(lam)
    slack = 4 * p * EPS  # reversed cumulative sums: relative error ≤ p·eps per tail
    assert np.all(er.r >= 1 - slack)
    assert np.all(er.r <= er.R * (1 + 3 * slack)), np.max(er.r / er.R)
    assert np.all(er.R <= er.r**2 * (1 + 3 * slack)), np.max(er.R / er.r**2)


@pytest.mark.parametrize("p", [1, 2, 7, 1000])
def test_isotropic_spectrum_has_r_k_equal_big_r_k_equal_p_minus_k(p):
    er = effective_ranks(np.full(p, 0.5))
    np.testing.assert_array_equal(er.r, p - np.arange(p))
    np.testing.assert_array_equal(er.R, p - np.arange(p))


def test_dividing_by_lambda_one_instead_of_lambda_k_plus_one_breaks_lemma_five():
    # tail/λ₁ ≤ r_k ≤ R_k, so the wrong normalisation cannot break r ≤ R (as CLAIMS.md C28's
    # control says); it breaks 1 ≤ r_k and R_k ≤ r_k² instead.
    lam = np.array([1.0, 1e-3, 1e-3])
    er = effective_ranks(lam)
    wrong_r = np.cumsum(lam[::-1])[::-1] / lam[0]
    assert wrong_r[1] < 1 and er.R[1] > wrong_r[1] ** 2
    assert np.all(wrong_r <= er.R)


def test_critical_index_of_a_finite_spectrum():
    lam = np.r_[np.full(5, 10.0), np.full(1000, 0.01)]
    # r_5 = 1000, r_0..4 ≤ (50 + 10)/10
    assert critical_index(lam, n=100, b=1.0) == 5
    assert critical_index(lam, n=2000, b=1.0) is None
    t = bllt_terms(lam, n=100)
    assert t.k_star == 5 and t.k_star_over_n == 0.05
    np.testing.assert_allclose(t.n_over_R_k_star, 100 / 1000, rtol=1000 * EPS)
    assert bllt_terms(lam, n=2000).variance_term == np.inf


def test_zero_eigenvalues_are_dropped():
    er = effective_ranks([2.0, 0.0, 1.0])
    assert er.eigenvalues.tolist() == [2.0, 1.0] and er.r.tolist() == [1.5, 1.0]


def test_truncated_exponential_spectrum_is_exp_plus_floor():
    lam = truncated_exponential_spectrum(4, eps=0.1, tau=2.0)
    np.testing.assert_array_equal(lam, np.exp(-np.arange(1, 5) / 2.0) + 0.1)


def test_truncated_exponential_family_is_benign_only_with_a_growing_flat_part():
    # C30 (2): ε_n p_n = o(n) with p_n = ω(n) — take p_n = n^1.5, ε_n = n^-0.75 (ε_n p_n = n^0.75)
    ratios = []
    for n in (100, 1000, 10000):
        p = int(n**1.5)
        t = bllt_terms(truncated_exponential_spectrum(p, eps=n**-0.75, tau=1.0), n=n)
        ratios.append((t.k_star_over_n, t.n_over_R_k_star))
    assert all(a[0] >= b[0] and a[1] > b[1] for a, b in zip(ratios, ratios[1:])), ratios
    # p_n = n (not ω(n)): r_k ≤ p − k < n for every k, so k* = ∞
    assert bllt_terms(truncated_exponential_spectrum(500, eps=0.01, tau=1.0), n=500).k_star is None


def test_power_log_spectrum_reproduces_the_catalogue_ratios():
    # CLAIMS.md C30 [N]: α = 1, β = 2, b = 1 with exact tails
    s = PowerLogSpectrum(alpha=1.0, beta=2.0)
    for n, k_over_n, n_over_R in ((10**2, 0.29, 0.143), (10**4, 0.138, 0.092),
                                  (10**6, 0.088, 0.066)):
        br = s.benign_ratios(n)
        assert br["k_star_over_n"].lo == br["k_star_over_n"].hi
        assert round(br["k_star_over_n"].lo, 3 if n > 100 else 2) == k_over_n
        assert round(br["n_over_R_k_star"].lo, 3) == n_over_R == round(br["n_over_R_k_star"].hi, 3)
    r0 = s.r(0)
    assert round(r0.lo, 2) == round(r0.hi, 2) == 1.63


def test_benign_ratios_decrease_over_n_for_alpha_one_beta_above_one():
    s = PowerLogSpectrum(alpha=1.0, beta=3.0)
    prev = None
    for e in (2, 4, 6, 8, 10):
        br = s.benign_ratios(10**e)
        if prev is not None:
            for key in br:
                assert br[key].hi < prev[key].lo, (key, e)
        prev = br


def test_alpha_above_one_is_not_benign():
    s = PowerLogSpectrum(alpha=2.0, beta=0.0)
    assert all(s.benign_ratios(10**e)["k_star_over_n"].lo >= 0.98 for e in (2, 4, 6))


@pytest.mark.parametrize(("alpha", "beta"), [(1.0, 1.0), (1.0, 0.5), (0.9, 3.0)])
def test_divergent_trace_is_refused_not_truncated(alpha, beta):
    s = PowerLogSpectrum(alpha=alpha, beta=beta)
    assert not s.trace_is_finite
    with pytest.raises(ValueError, match="diverges"):
        s.r(0)
    with pytest.raises(ValueError, match="diverges"):
        s.critical_index(100)


def test_a_finite_truncation_of_a_divergent_spectrum_looks_finite():
    # negative control: truncating λ_k = 1/(k ln(k+1)) at p = 10⁶ gives a finite r₀,
    # although the true r₀ is ∞ (the construction above refuses it).
    k = np.arange(1, 10**6 + 1)
    er = effective_ranks(1.0 / (k * np.log1p(k)))
    assert np.isfinite(er.r[0]) and er.r[0] < 10


@pytest.mark.parametrize("p", [1, 2, 10, 1000])
def test_harmonic_truncation_matches_the_finite_spectrum_computation(p):
    h = HarmonicTruncation(p=p)
    er = effective_ranks(1.0 / np.arange(1, p + 1))
    ks = range(p) if p <= 10 else (0, 1, 7, 500, p - 1)
    rtol = 4 * p * EPS  # the finite computation sums ≤ p terms
    for k in ks:
        assert h.r(k).lo * (1 - rtol) <= er.r[k] <= h.r(k).hi * (1 + rtol), k
        assert h.R(k).lo * (1 - 3 * rtol) <= er.R[k] <= h.R(k).hi * (1 + 3 * rtol), k
    for n, b in ((1, 1.0), (3, 1.0), (5, 2.0), (100, 1.0)):
        expected = critical_index(er.eigenvalues, n=n, b=b)
        got = h.critical_index(n, b=b)
        assert (got is None) == (expected is None) and (got is None or got == (expected, expected)), (n, b)


def test_harmonic_truncation_looks_benign_only_when_p_grows_with_n():
    # fixed p = 10⁷: k*/n increases with n (≈ 1/ln(p/k*)); p = n²: every ratio decreases
    fixed = [HarmonicTruncation(p=10**7).benign_ratios(10**e)["k_star_over_n"].mid for e in (2, 4, 6)]
    assert fixed[0] < fixed[1] < fixed[2]
    growing = [HarmonicTruncation(p=10 ** (2 * e)).benign_ratios(10**e) for e in (2, 4, 6)]
    for key in growing[0]:
        assert growing[0][key].lo > growing[1][key].hi and growing[1][key].lo > growing[2][key].hi, key


def test_harmonic_truncation_refuses_an_infinite_critical_index():
    h = HarmonicTruncation(p=10)  # max_k r_k = r_3 = 4(H₁₀ − H₃) ≈ 4.38
    assert h.critical_index(5) is None
    with pytest.raises(ValueError, match="k\\* = ∞"):
        h.benign_ratios(5)


def test_power_log_intervals_contain_a_long_explicit_sum():
    s = PowerLogSpectrum(alpha=2.0, beta=1.0, n_explicit=64)
    i = np.arange(1, 2 * 10**6 + 1, dtype=float)
    lam = i**-2.0 / np.log1p(i)
    head = float(np.sum(lam[5:]))  # Σ_{i>5} up to 2e6; remainder < 1/(2e6·ln 2e6) ≈ 3.4e-8
    t = s.tail(5)
    assert t.lo <= head + 3.5e-8 and head <= t.hi
    assert t.hi - t.lo <= 4 * s.eigenvalue(5 + 64)


@settings(deadline=None, max_examples=30)
@given(alpha=st.floats(1.05, 3.0), beta=st.floats(0.0, 3.0), k=st.integers(0, 10**7))
def test_power_log_r_k_and_big_r_k_satisfy_lemma_five_as_intervals(alpha, beta, k):
    s = PowerLogSpectrum(alpha=alpha, beta=beta, n_explicit=256)
    r, R = s.r(k), s.R(k)
    # intervals: the inequality must be consistent with some point of each interval
    assert r.hi >= 1 and r.lo <= R.hi and R.lo <= r.hi**2


def test_interval_rejects_inversion():
    with pytest.raises(ValueError, match="inverted"):
        Interval(2.0, 1.0)
    assert 1.5 in Interval(1.0, 2.0)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: effective_ranks([1.0, -1.0]), "eigenvalues"),
    (lambda: effective_ranks([0.0, 0.0]), "positive"),
    (lambda: effective_ranks([np.inf]), "non-finite"),
    (lambda: critical_index([1.0], n=0), "n=0"),
    (lambda: PowerLogSpectrum(alpha=0.0, beta=1.0), "alpha"),
    (lambda: PowerLogSpectrum(alpha=1.0, beta=-1.0), "beta"),
    (lambda: PowerLogSpectrum(alpha=2.0, beta=1.0).tail(-1), "k=-1"),
    (lambda: truncated_exponential_spectrum(3, eps=0.1, tau=0.0), "tau"),
    (lambda: bllt_terms([1.0], n=3, delta=1.0), "delta"),
    (lambda: HarmonicTruncation(p=0), "p=0"),
    (lambda: HarmonicTruncation(p=5).r(5), "k=5"),
    (lambda: HarmonicTruncation(p=5).critical_index(0), "n=0"),
])
def test_effective_rank_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("first", [0, 1, 2, 5, 64, 1000])
def test_first_true_finds_the_first_index_of_a_monotone_predicate(first):
    # mutation run (docs/mutation-six.md): `return 0` -> `return None` (a predicate true at 0) survived
    from constructions.linear_models.effective_ranks import _first_true

    got = _first_true(lambda k: k >= first)
    assert got == first, f"_first_true={got!r}, but should be {first} [pred: k >= {first}]"
