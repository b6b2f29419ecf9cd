"""The neural tangent kernel of a two-layer ReLU network, and gradient descent in its regime.

Proof idea.  Each entry of the hidden-layer tangent kernel H(W) is an average of m independent
bounded terms x_iᵀx_j 1{w_rᵀx_i ≥ 0}1{w_rᵀx_j ≥ 0}, so Hoeffding's inequality gives exact,
non-asymptotic tails around the arc-cosine kernel H∞ (C37): the designed false-alarm rate comes
from a theorem, not from a normal approximation.  H∞ is positive definite on inputs no two of which
are parallel (Du et al. 2019, Thm 3.1; C38), and gradient descent on a wide network then contracts
the residual like (1 − ηλ₀/2)^k while every hidden weight stays within R' of its start (C39).

References: Jacot, Gabriel, Hongler 2018 (NeurIPS); Arora, Du, Hu, Li, Salakhutdinov, Wang 2019
(NeurIPS); Cho & Saul 2009 (NeurIPS); Du, Zhai, Póczos, Singh 2019 (ICLR), Thms 3.1 and 4.1;
Hoeffding 1963 (JASA 58), Thm 2.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from constructions.optimization.ntk import analytic_ntk, empirical_ntk, relu_network_init
from constructions.optimization.two_layer_gd import two_layer_gd
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

_LECTURE = "最適化誤差 / 暗黙的正則化"
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)
_ALPHA = 1e-6
_WIDTHS = (64, 1024, 16384)


def _unit_inputs(n: int, d: int, rng: np.random.Generator, *, norm: float = 1.0) -> np.ndarray:
    X = rng.standard_normal((n, d))
    return norm * X / np.linalg.norm(X, axis=1, keepdims=True)


def _hoeffding_p_value(H, H_inf, scale, m) -> float:
    """p-value of T = max_{i≤j} |H_ij − H∞_ij|/c_ij, c_ij = |x_iᵀx_j| (the range of each term): by Hoeffding
    per entry and a union bound over the K = n(n+1)/2 entries, P(T ≥ τ) ≤ 2K exp(−2mτ²)."""
    iu = np.triu_indices(H.shape[0])
    t = np.abs(H - H_inf)[iu]
    c = np.abs(scale)[iu]
    ratio = np.where(c > 0, t / np.where(c > 0, c, 1.0), np.where(t > 0, np.inf, 0.0))
    return float(min(1.0, 2 * t.size * np.exp(-2 * m * float(np.max(ratio)) ** 2)))


_ntk_draws = dict(n=st.integers(2, 8), d=st.integers(2, 5), seed=seeds())


@claim(
    id="ntk_empirical_converges_to_arccos_kernel",
    kind=Kind.STATISTICAL,
    catalogue="C37",
    statement="The hidden-layer tangent kernel of a width-m two-layer ReLU network at random initialisation "
    "converges to the arc-cosine kernel, with fluctuations O(1/√m) and Hoeffding tails",
    formula="H_ij(W) = (1/m) Σ_r x_iᵀx_j 1{w_rᵀx_i ≥ 0}1{w_rᵀx_j ≥ 0} → H∞_ij = x_iᵀx_j(π − θ_ij)/(2π);  "
    "P(|H_ij − H∞_ij| ≥ t) ≤ 2exp(−2mt²/(x_iᵀx_j)²)",
    source=Source(
        "Jacot, Gabriel, Hongler 2018 (NeurIPS); closed form: Arora et al. 2019 (NeurIPS), Cho & Saul "
        "2009 (arc-cosine kernel of degree 0); Du et al. 2019 (ICLR), Lemma 3.1",
        lecture=_LECTURE,
    ),
    hypotheses=(
        "f(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx)",
        "w_r i.i.d. N(0, I_d), a_r uniform on {±1}",
        "‖x_i‖ = 1",
    ),
    implicit=(
        "the kernel of the output layer (arc-cosine of degree 1) is not part of H; it has Gaussian, "
        "not bounded, terms",
        "convergence is at initialisation (no training)",
    ),
)
@settings(max_examples=10)  # three widths up to 16384 per example (≈ 10 ms)
@given(**_ntk_draws)
def ntk_empirical_converges_to_arccos_kernel(n, d, seed, evidence):
    """H(W) is within Hoeffding's band of H∞ at widths 64, 1024 and 16384.

    Statement: |H_ij − H∞_ij| has sub-Gaussian tails of scale |x_iᵀx_j|/√m.
    Checked as: statistical: at each width the p-value 2K·exp(−2m·max_{i≤j}(t_ij/c_ij)²) of the largest
    normalised deviation (Hoeffding per entry + union bound over K = n(n+1)/2 entries, valid without
    any approximation) against the designed α = 1e-6 per test; 3 tests
    per example, 10 examples: false-alarm probability ≤ 3e-5 under ``ci``.
    Domain: n ∈ [2, 8] unit inputs in d ∈ [2, 5], m ∈ {64, 1024, 16384}.
    Deviation from the lecture: beyond the lecture (深層モデルの動力学).
    """
    rng = np.random.default_rng(seed)
    X = _unit_inputs(n, d, rng)
    H_inf = analytic_ntk(X)
    for m in _WIDTHS:
        W, a = relu_network_init(d, width=m, rng=rng)
        H = empirical_ntk(X, W, a)
        evidence.statistical(
            name=f"max|H − H∞| = {np.max(np.abs(H - H_inf)):.3g} at m = {m}",
            test="Hoeffding + union bound",
            p_value=_hoeffding_p_value(H, H_inf, X @ X.T, m),
            alpha=_ALPHA,
            at={"n": n, "d": d, "m": m, "seed": seed},
        )
    if evidence.n_examples == 1:
        iu = np.triu_indices(n)
        evidence.figure(
            "empirical vs analytic NTK",
            kind="lines",
            title=f"H(W), m = {_WIDTHS[-1]}, against H∞",
            xlabel="H∞_ij (arc-cosine)",
            ylabel="H_ij(W)",
            series=[
                {"x": H_inf[iu], "y": H[iu], "label": "entries", "style": "points"},
                {"x": [-0.5, 0.5], "y": [-0.5, 0.5], "label": "y = x", "style": "dashed"},
            ],
        )


@ntk_empirical_converges_to_arccos_kernel.control(
    "width held at m = 64 while the inputs grow to norm 4"
)
@settings(
    max_examples=5, phases=_NO_SHRINK
)  # deviations scale with ‖x‖² = 16: z ≈ 16 × the unit band
@given(**_ntk_draws)
def ntk_empirical_converges_to_arccos_kernel_with_growing_inputs(n, d, seed, evidence):
    rng = np.random.default_rng(seed)
    X = _unit_inputs(n, d, rng, norm=4.0)
    W, a = relu_network_init(d, width=64, rng=rng)
    H = empirical_ntk(X, W, a)
    H_inf = analytic_ntk(X)
    unit = (
        X @ X.T / 16.0
    )  # the band of unit inputs, as if the fluctuation did not grow with the inputs
    evidence.statistical(
        name="max|H − H∞| at m = 64, ‖x‖ = 4",
        test="Hoeffding + union bound (unit-input band)",
        p_value=_hoeffding_p_value(H, H_inf, unit, 64),
        alpha=_ALPHA,
        at={"n": n, "d": d, "seed": seed},
    )


def _lambda_min_certificate(H) -> tuple[float, float]:
    """λ_min by eigvalsh and its round-off radius 8·n·eps·‖H‖₂ (backward stability of the symmetric QR)."""
    ev = np.linalg.eigvalsh(H)
    return float(ev[0]), 8 * H.shape[0] * EPS * float(np.max(np.abs(ev)))


@claim(
    id="ntk_gram_positive_definite",
    kind=Kind.BOUND,
    catalogue="C38",
    statement="The infinite-width Gram matrix H∞ of a two-layer ReLU network is positive definite when no two "
    "inputs are parallel",
    formula="x_i ∦ x_j (i ≠ j), ‖x_i‖ = 1  ⇒  λ₀ = λ_min(H∞) > 0",
    source=Source("Du, Zhai, Póczos, Singh 2019, ICLR, Thm 3.1 (Assumption 3.1)", lecture=_LECTURE),
    hypotheses=("‖x_i‖ = 1", "no two inputs parallel", "ReLU activation"),
    implicit=(
        "the theorem gives no quantitative lower bound on λ₀; the check certifies λ₀ above the "
        "eigen-solver's round-off, i.e. positive definiteness of the computed matrix",
    ),
)
@settings(max_examples=50)  # one n × n eigen-decomposition each; CI time budget of the part
@given(n=st.integers(2, 12), d=st.integers(2, 6), seed=seeds())
def ntk_gram_positive_definite(n, d, seed, evidence):
    """λ_min(H∞) exceeds its round-off radius for random unit inputs (parallel pairs have probability 0).

    Statement: H∞ ≻ 0 on pairwise non-parallel unit inputs.
    Checked as: bound: 8·n·eps·‖H∞‖₂ (the eigen-solver's backward error) ≤ λ_min(H∞); the ratio steers
    the search toward near-singular configurations.
    Domain: n ∈ [2, 12] Gaussian directions in d ∈ [2, 6] (n > d included).
    Deviation from the lecture: beyond the lecture.
    """
    X = _unit_inputs(n, d, np.random.default_rng(seed))
    lam, radius = _lambda_min_certificate(analytic_ntk(X))
    evidence.bound(
        radius,
        lam,
        name="round-off radius of λ_min",
        rhs_name="λ_min(H∞)",
        at={"n": n, "d": d, "seed": seed},
    )


@ntk_gram_positive_definite.control("a linear activation (the kernel is XXᵀ, of rank ≤ d < n)")
@settings(max_examples=10, phases=_NO_SHRINK)
@given(d=st.integers(2, 4), extra=st.integers(1, 6), seed=seeds())
def ntk_gram_positive_definite_with_linear_activation(d, extra, seed, evidence):
    rng = np.random.default_rng(seed)
    X = _unit_inputs(d + extra, d, rng)
    W, a = relu_network_init(d, width=8, rng=rng)
    lam, radius = _lambda_min_certificate(empirical_ntk(X, W, a, activation="linear"))
    evidence.bound(
        radius,
        lam,
        name="round-off radius of λ_min",
        rhs_name="λ_min(XXᵀ)",
        at={"n": d + extra, "d": d, "seed": seed},
    )


# ---------------------------------------------------------------------------
_M = 2048
_STEPS = 150


def _gd_problem(n, d, seed):
    rng = np.random.default_rng(seed)
    X = _unit_inputs(n, d, rng)
    y = rng.uniform(-1.0, 1.0, size=n)
    W0, a = relu_network_init(d, width=_M, rng=rng)
    return X, y, W0, a


@claim(
    id="two_layer_gd_linear_rate",
    kind=Kind.RATE,
    catalogue="C39",
    statement="Gradient descent on the hidden layer of a wide two-layer ReLU network drives the training loss to "
    "zero at the linear rate (1 − ηλ₀/2)^k, each hidden weight staying within R' of its initialisation",
    formula="‖u(k) − y‖² ≤ (1 − ηλ₀/2)^k ‖u(0) − y‖²,  max_r ‖w_r(k) − w_r(0)‖ ≤ R' = 4√n‖y − u(0)‖/(√m λ₀)",
    source=Source(
        "Du, Zhai, Póczos, Singh 2019, Gradient descent provably optimizes over-parameterized neural "
        "networks, ICLR, Thm 4.1",
        lecture=_LECTURE,
    ),
    hypotheses=(
        "‖x_i‖ = 1, |y_i| ≤ C, no two inputs parallel",
        "w_r(0) ~ N(0, I), a_r uniform on {±1}, a fixed",
        "m = Ω(n⁶/(λ₀⁴δ³)), η = O(λ₀/n²); conclusion with probability ≥ 1 − δ",
    ),
    implicit=(
        "the theorem's width is astronomically larger than the experiment's (n⁶/λ₀⁴ ≈ 10⁹–10¹⁴ for n ≤ 6); "
        "what is checked is the conclusion at m = 2048 with λ₀ the measured λ_min(H(0)) and "
        "η = c/λ_max(H(0)), c ≤ 1, larger than the theorem's O(λ₀/n²)",
    ),
)
@settings(max_examples=5)  # 150 steps of a 2048-unit network per example (≈ 40 ms)
@given(n=st.integers(2, 6), d=st.integers(2, 5), c=st.floats(0.1, 1.0), seed=seeds())
def two_layer_gd_linear_rate(n, d, c, seed, evidence):
    """The loss curve stays under (1 − ηλ₀/2)^k and the weights within R'.

    Statement: as in the formula, with λ₀ = λ_min(H(0)) of the network as initialised.
    Checked as: rate with its constant explicit, as a bound at each of 150 steps (slack: the round-off
    of the loss, 8·n·eps·max loss); the weight radius as a bound at every step.
    Domain: n ∈ [2, 6] unit inputs in d ∈ [2, 5], y uniform in [−1, 1], m = 2048, η = c/λ_max(H(0)),
    c ∈ [0.1, 1].
    Deviation from the lecture: beyond the lecture; the width is far below the theorem's (see implicit).
    """
    X, y, W0, a = _gd_problem(n, d, seed)
    ev = np.linalg.eigvalsh(empirical_ntk(X, W0, a))
    lam0, lam_max = float(ev[0]), float(ev[-1])
    eta = c / lam_max
    run = two_layer_gd(X, y, W0, a, eta=eta, n_steps=_STEPS)
    k = np.arange(_STEPS + 1)
    at = {"n": n, "d": d, "eta": eta, "lambda0": lam0, "seed": seed, "k": k}
    evidence.bound(
        run.losses,
        (1 - eta * lam0 / 2) ** k * run.losses[0],
        name="‖u(k) − y‖²",
        rhs_name="(1 − ηλ₀/2)^k‖u(0) − y‖²",
        at=at,
        slack=8 * n * EPS * float(run.losses[0]),
        why_slack="round-off of a sum of n squares of residuals of size ≤ ‖u(0) − y‖",
    )
    radius = 4 * math.sqrt(n) * run.initial_residual / (math.sqrt(_M) * lam0)
    evidence.bound(run.max_distance, radius, name="max_r ‖w_r(k) − w_r(0)‖", rhs_name="R'", at=at)
    if evidence.n_examples == 1:
        evidence.figure(
            "training loss",
            kind="lines",
            title="two-layer ReLU net, m = 2048: loss and the rate",
            xlabel="step k",
            ylabel="‖u(k) − y‖²",
            logy=True,
            series=[
                {"x": k, "y": run.losses, "label": "measured"},
                {
                    "x": k,
                    "y": (1 - eta * lam0 / 2) ** k * run.losses[0],
                    "label": "(1 − ηλ₀/2)^k",
                    "style": "dashed",
                },
            ],
        )


@two_layer_gd_linear_rate.control("a learning rate above 2/λ_max(H(0))")
@settings(
    max_examples=4, phases=_NO_SHRINK
)  # the residual along the top eigenvector grows by |1 − ηλ_max| > 1.2
@given(n=st.integers(2, 6), d=st.integers(2, 5), c=st.floats(2.4, 3.0), seed=seeds())
def two_layer_gd_linear_rate_with_large_step(n, d, c, seed, evidence):
    X, y, W0, a = _gd_problem(n, d, seed)
    ev = np.linalg.eigvalsh(empirical_ntk(X, W0, a))
    eta = c / float(ev[-1])
    run = two_layer_gd(X, y, W0, a, eta=eta, n_steps=_STEPS)
    k = np.arange(_STEPS + 1)
    evidence.bound(
        run.losses,
        (1 - eta * float(ev[0]) / 2) ** k * run.losses[0],
        name="‖u(k) − y‖²",
        rhs_name="(1 − ηλ₀/2)^k‖u(0) − y‖²",
        at={"n": n, "eta": eta, "seed": seed},
    )
