"""Tests for constructions.linear_models.marchenko_pastur (C22)."""

import numpy as np
import pytest
from scipy.integrate import quad

from constructions.linear_models.marchenko_pastur import (
    empirical_spectrum,
    kolmogorov_distance,
    mp_atom,
    mp_cdf,
    mp_density,
    mp_inverse_moment,
    mp_moment,
    mp_support,
    wishart_trace_moment,
)

GAMMAS = [0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 4.0]
QUAD_RTOL = 1e-8  # quad's square-root endpoint singularities: measured agreement ≥ 1e-9


def _integral(g, weight):
    a, b = mp_support(g)
    return quad(lambda s: weight(s) * mp_density(s, gamma=g), a, b, limit=200)[0]


@pytest.mark.parametrize("gamma", GAMMAS)
def test_mp_law_has_total_mass_one_including_the_atom(gamma):
    total = mp_atom(gamma) + _integral(gamma, lambda s: 1.0)
    np.testing.assert_allclose(total, 1.0, rtol=QUAD_RTOL)


@pytest.mark.parametrize("gamma", GAMMAS)
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_mp_moments_are_narayana_polynomials(gamma, k):
    np.testing.assert_allclose(_integral(gamma, lambda s: s**k), mp_moment(k, gamma=gamma),
                               rtol=QUAD_RTOL)


def test_mp_first_two_moments_are_one_and_one_plus_gamma():
    for g in GAMMAS:
        assert mp_moment(1, gamma=g) == 1.0
        np.testing.assert_allclose(mp_moment(2, gamma=g), 1.0 + g, rtol=2 * np.finfo(float).eps)


@pytest.mark.parametrize("gamma", [g for g in GAMMAS if g != 1.0])
def test_mp_inverse_moment_matches_quadrature_on_the_continuous_part(gamma):
    np.testing.assert_allclose(_integral(gamma, lambda s: 1.0 / s), mp_inverse_moment(gamma),
                               rtol=QUAD_RTOL)


def test_mp_inverse_moment_is_infinite_at_gamma_one():
    assert mp_inverse_moment(1.0) == np.inf


@pytest.mark.parametrize("gamma", GAMMAS)
def test_mp_cdf_closed_form_matches_integrated_density(gamma):
    a, b = mp_support(gamma)
    for s in np.linspace(a, b, 7)[1:-1]:
        ref = mp_atom(gamma) + quad(lambda t: mp_density(t, gamma=gamma), a, s, limit=200)[0]
        np.testing.assert_allclose(mp_cdf(s, gamma=gamma), ref, rtol=QUAD_RTOL, atol=1e-12)


def test_mp_cdf_is_zero_below_zero_has_the_atom_at_zero_and_reaches_one():
    for g in GAMMAS:
        a, b = mp_support(g)
        assert mp_cdf(-1.0, gamma=g) == 0.0
        assert mp_cdf(0.0, gamma=g) == mp_atom(g)
        assert mp_cdf(b, gamma=g) == 1.0
    assert mp_atom(4.0) == 0.75 and mp_atom(0.5) == 0.0


def test_mp_cdf_is_non_decreasing():
    s = np.linspace(-0.5, 7.0, 2001)
    for g in GAMMAS:
        assert np.all(np.diff(mp_cdf(s, gamma=g)) >= 0)


def test_mp_support_endpoints():
    assert mp_support(4.0) == (1.0, 9.0)
    assert mp_support(1.0) == (0.0, 4.0)


def test_empirical_spectrum_of_gaussian_and_rademacher_designs_is_close_to_mp():
    # The ESD's Kolmogorov distance to F_γ is O(1/min(n, p)) plus edge effects; measured over
    # 20 draws: max 0.020 at (n, p) = (400, 200), 0.005 at (400, 800); 0.05 leaves a factor 2.5.
    rng = np.random.default_rng(0)
    for n, p, dist in ((400, 200, "gaussian"), (200, 400, "rademacher"), (400, 200, "uniform")):
        ev = empirical_spectrum(n, p, rng=rng, distribution=dist)
        assert kolmogorov_distance(ev, gamma=p / n) <= 0.05


def test_empirical_spectrum_has_exact_zeros_for_p_above_n():
    ev = empirical_spectrum(50, 80, rng=np.random.default_rng(1))
    assert int(np.count_nonzero(ev == 0.0)) == 30 and np.all(ev[30:] > 0)


def test_cauchy_entries_break_marchenko_pastur():
    ev = empirical_spectrum(400, 200, rng=np.random.default_rng(2), distribution="cauchy")
    assert kolmogorov_distance(ev, gamma=0.5) >= 0.2
    assert ev.max() > 100 * mp_support(0.5)[1]


def test_mean_inverse_eigenvalue_approaches_the_mp_inverse_moment():
    rng = np.random.default_rng(3)
    ev = empirical_spectrum(800, 200, rng=rng)
    # finite-n exact mean is n/(n − p − 1) = 1.3356 vs limit 4/3; fluctuation ≈ 3e-3
    np.testing.assert_allclose(np.mean(1 / ev), mp_inverse_moment(0.25), rtol=0.01)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: mp_support(0.0), "gamma"),
    (lambda: mp_density(1.0, gamma=-1.0), "gamma"),
    (lambda: mp_cdf(np.nan, gamma=1.0), "non-finite"),
    (lambda: mp_moment(0, gamma=1.0), "k=0"),
    (lambda: kolmogorov_distance([], gamma=1.0), "empty"),
    (lambda: empirical_spectrum(0, 3, rng=np.random.default_rng(0)), "n=0"),
])
def test_marchenko_pastur_functions_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_wishart_trace_moments_are_chi_square_moments_when_p_is_1():
    for n in (1, 2, 7, 30):  # tr W^k = (χ²_n)^k, E = n, n(n + 2), n(n + 2)(n + 4)
        assert [wishart_trace_moment(k, n, 1) for k in (1, 2, 3)] == [n, n * (n + 2), n * (n + 2) * (n + 4)]


def test_wishart_trace_moments_are_symmetric_in_n_and_p():
    for n, p in ((3, 5), (10, 2), (40, 17)):
        assert all(wishart_trace_moment(k, n, p) == wishart_trace_moment(k, p, n) for k in (1, 2, 3))


def test_wishart_trace_moments_match_monte_carlo_at_n12_p5():
    Z = np.random.default_rng(6).standard_normal((40000, 12, 5))
    W = Z.transpose(0, 2, 1) @ Z
    W2 = W @ W
    draws = {2: np.einsum("rii->r", W2), 3: np.einsum("rij,rji->r", W2, W)}
    for k, d in draws.items():
        se = d.std(ddof=1) / np.sqrt(d.size)
        assert abs(d.mean() - wishart_trace_moment(k, 12, 5)) <= 5 * se  # 5 se: false alarm ≈ 6e-7 (normal)


def test_wishart_trace_moment_rejects_k_above_3():
    with pytest.raises(ValueError, match="k=4"):
        wishart_trace_moment(4, 3, 3)
