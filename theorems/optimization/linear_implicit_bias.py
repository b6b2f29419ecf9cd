"""Implicit bias of gradient descent on linear models: min-norm (least squares), max-margin (logistic).

Proof idea (C34).  Every gradient of ½‖Xw − y‖² is Xᵀ(Xw − y), a vector of the row space of X;
by induction w_t = Xᵀa_t for all t when w_0 = 0 (a one-line identity in the free algebra, proved
with non-commuting sympy symbols, hence for every shape).  On the row space the error
contracts by ρ = max |1 − ηλ| over the non-zero eigenvalues λ of XᵀX, so w_t → X⁺y, the
minimum-norm interpolator, at the rate ρ^t = (1 − ηλ_min⁺)^t for η ≤ 1/λ_max.

C35.  On separable data the logistic loss has no minimiser; Soudry et al. show that
w_t = ŵ log t + O(1) with ŵ the hard-margin SVM, so the direction error is O(1/log t).
Logarithmic rates are invisible to a few thousand steps (log 10⁴ ≈ 9), so the claim is checked
on the gradient flow (the η → 0 limit of the theorem's GD), integrated in s = log(1 + t) up to
t = e^{150}, where the error is fitted against 1/s.

References: Gunasekar, Lee, Soudry, Srebro 2018 (ICML); Soudry, Hoffer, Nacson, Gunasekar,
Srebro 2018 (JMLR 19(70)), Thm 3; Ji & Telgarsky 2019 (COLT) for non-separable data.
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from constructions.optimization.gradient_descent import gd_contraction_factor, least_squares_gd
from constructions.optimization.max_margin import (
    direction_error,
    logistic_flow,
    max_margin_direction,
    squared_loss_flow,
)
from theorems import Kind, Source, claim
from theorems.strategies import seeds
from theorems.tolerances import EPS

_LECTURE = "最適化誤差 / 暗黙的正則化"
_NO_SHRINK = tuple(p for p in Phase if p is not Phase.shrink)


# ---------------------------------------------------------------------------
# C34  gradient descent on least squares → X⁺y
# ---------------------------------------------------------------------------
def _underdetermined_problem(n: int, extra: int, spread: float, seed: int):
    """X = U diag(s) Vᵀ (n × (n + extra)) with s geometric in [1, spread], built well conditioned; y ~ N(0, I)."""
    rng = np.random.default_rng(seed)
    p = n + extra
    U = np.linalg.qr(rng.standard_normal((n, n)))[0]
    V = np.linalg.qr(rng.standard_normal((p, n)))[0]
    s = np.geomspace(1.0, spread, n)
    X = (U * s) @ V.T
    y = rng.standard_normal(n)
    w_star = V @ ((U.T @ y) / s)  # X⁺y from the factors, not from a second pseudo-inverse
    return X, y, V, w_star


def _gd_roundoff(X, y, iterates, eta) -> np.ndarray:
    """Absolute round-off of w_t after t steps: each step's computed η Xᵀ(Xw − y) is within
    (n + p + 4)·eps·η‖X‖(‖X‖‖w‖ + ‖y‖) of the exact one, and the null-space part of that error
    is never contracted, so the errors add: t times the per-step bound (worst iterate)."""
    n, p = X.shape
    norm_x = float(np.linalg.norm(X, 2))
    per_step = (
        (n + p + 4)
        * EPS
        * eta
        * norm_x
        * (norm_x * float(np.max(np.linalg.norm(iterates, axis=1))) + float(np.linalg.norm(y)))
    )
    return per_step * np.arange(iterates.shape[0]) + 4 * p * EPS * np.linalg.norm(iterates, axis=1)


_N_STEPS = 200
_ls_sizes = dict(
    n=st.integers(1, 6),
    extra=st.integers(1, 8),
    spread=st.floats(1.0, 4.0),
    step=st.floats(0.05, 1.0),
    seed=seeds(),
)
_ROW_SPACE_SOURCE = Source(
    "Gunasekar, Lee, Soudry, Srebro 2018, ICML (PMLR 80), §2; "
    "HMRT 2022, Ann. Statist. 50(2), Prop. 1",
    lecture=_LECTURE,
)


@claim(
    id="gd_least_squares_iterates_in_row_space",
    kind=Kind.IDENTITY,
    catalogue="C34",
    statement="Gradient descent on ½‖Xw − y‖² from w₀ = 0 never leaves the row space of X",
    formula="w₀ = 0,  w_{t+1} = w_t − ηXᵀ(Xw_t − y)  ⇒  w_t = Xᵀa_t,  a_{t+1} = a_t − η(XXᵀa_t − y)",
    source=_ROW_SPACE_SOURCE,
    hypotheses=(
        "X ∈ R^{n×p}, y ∈ Rⁿ, any n, p",
        "w₀ = 0 (or any w₀ in the row space)",
        "any step size η",
    ),
    implicit=(
        "constant or varying η: the argument is per step",
        "exact arithmetic; in floating point the null-space part grows only by round-off",
    ),
)
@settings(
    max_examples=40
)  # 200 steps each; the proof covers all shapes, the search only cross-checks floats
@given(**_ls_sizes)
def gd_least_squares_iterates_in_row_space(n, extra, spread, step, seed, evidence):
    """Gradient-descent iterates stay in row(X): proved for every shape, and measured in floats.

    Statement: from w₀ = 0, every iterate lies in the row space of X.
    Checked as: identity; a sympy proof of the induction step Xᵀa − ηXᵀ(XXᵀa − y) =
    Xᵀ(a − η(XXᵀa − y)) with non-commuting symbols (valid for every shape); and in floats the
    null-space component ‖(I − VVᵀ)w_t‖ of 200 iterates against their accumulated round-off bound.
    Domain: n ∈ [1, 6], p − n ∈ [1, 8], κ(X) ∈ [1, 4], η = c/λ_max, c ∈ [0.05, 1].
    Deviation from the lecture: the lecture's ridgeless estimator X⁺y is here the end point of an
    algorithm (optimisation error 0 in the limit), a step it does not take.
    """
    X, y, V, _ = _underdetermined_problem(n, extra, spread, seed)
    eta = step / spread**2
    run = least_squares_gd(X, y, eta=eta, n_steps=_N_STEPS)
    null_part = np.linalg.norm(run.iterates - (run.iterates @ V) @ V.T, axis=1)
    evidence.bound(
        null_part,
        _gd_roundoff(X, y, run.iterates, eta),
        name="‖(I − Π)w_t‖",
        rhs_name="accumulated round-off",
        at={"n": n, "p": n + extra, "seed": seed, "t": np.arange(null_part.size)},
    )


@gd_least_squares_iterates_in_row_space.proof(scope="all t ≥ 0, every X (n × p), y, η and every start w_0 in the row space of X")
def gd_least_squares_iterates_in_row_space_for_every_shape(evidence):
    X, Xt, a, y = sympy.symbols("X X^T a y", commutative=False)
    eta = sympy.Symbol("eta")
    w = Xt * a
    evidence.symbolic(
        w - eta * Xt * (X * w - y),
        Xt * (a - eta * (X * Xt * a - y)),
        name="induction step w_t = Xᵀa_t ⇒ w_{t+1} = Xᵀa_{t+1}",
        assumptions="non-commuting symbols: every matrix shape",
    )


@gd_least_squares_iterates_in_row_space.control("an initialisation with a null-space component")
@settings(max_examples=20, phases=_NO_SHRINK)  # every draw has ‖(I − Π)w₀‖ = 1, the bound is ~1e-12
@given(**_ls_sizes)
def gd_least_squares_iterates_in_row_space_from_null_space(n, extra, spread, step, seed, evidence):
    X, y, V, _ = _underdetermined_problem(n, extra, spread, seed)
    g = np.random.default_rng(seed + 1).standard_normal(n + extra)
    w0 = g - V @ (V.T @ g)
    eta = step / spread**2
    run = least_squares_gd(X, y, eta=eta, n_steps=_N_STEPS, w0=w0 / np.linalg.norm(w0))
    null_part = np.linalg.norm(run.iterates - (run.iterates @ V) @ V.T, axis=1)
    evidence.bound(
        null_part,
        _gd_roundoff(X, y, run.iterates, eta),
        name="‖(I − Π)w_t‖",
        rhs_name="accumulated round-off",
        at={"n": n, "p": n + extra, "seed": seed},
    )


@claim(
    id="gd_least_squares_converges_to_min_norm",
    kind=Kind.RATE,
    catalogue="C34",
    statement="From w₀ = 0 with 0 < η ≤ 1/λ_max(XᵀX), gradient descent on least squares converges to the "
    "minimum-norm interpolator X⁺y at the rate (1 − ηλ_min⁺)^t",
    formula="‖w_t − X⁺y‖ ≤ ρ^t ‖X⁺y‖,  ρ = max_{λ∈spec(XᵀX) \\ {0}} |1 − ηλ| = 1 − ηλ_min⁺ for η ≤ 1/λ_max",
    source=_ROW_SPACE_SOURCE,
    hypotheses=(
        "X ∈ R^{n×p} of rank n < p (interpolation possible)",
        "w₀ = 0",
        "0 < η ≤ 1/λ_max(XᵀX)",
    ),
    implicit=(
        "for 1/λ_max < η < 2/λ_max the rate is ρ = max(1 − ηλ_min⁺, ηλ_max − 1), still < 1",
        "the bound is attained along the eigenvector of λ_min⁺: the rate cannot be improved",
    ),
)
@settings(max_examples=40)  # 200 steps each (≈ 10 ms); CI time budget of the part
@given(**_ls_sizes)
def gd_least_squares_converges_to_min_norm(n, extra, spread, step, seed, evidence):
    """‖w_t − X⁺y‖ ≤ (1 − ηλ_min⁺)^t ‖X⁺y‖ at every step t ≤ 200.

    Statement: as in the formula; the limit is X⁺y and the linear rate is 1 − ηλ_min⁺.
    Checked as: bound at each of the 200 steps, X⁺y from the design's own factors, ρ from
    ``gd_contraction_factor`` (an SVD); slack = the accumulated round-off of the iterates
    (t·(n + p + 4)·eps·η‖X‖(‖X‖ max‖w‖ + ‖y‖)) plus the rounding of ρ^t and of the norms
    ((8κ²t + 4p)·eps·‖X⁺y‖: the bound is attained when n = 1); the worst ratio steers the search.  The contraction
    factor is cross-checked against 1 − η·s_min² of the construction (atol 8·κ²·eps).
    Domain: n ∈ [1, 6], p − n ∈ [1, 8], κ(X) ∈ [1, 4], η = c/λ_max, c ∈ [0.05, 1].
    Deviation from the lecture: none (the lecture does not treat the optimisation error).
    """
    X, y, _, w_star = _underdetermined_problem(n, extra, spread, seed)
    eta = step / spread**2
    run = least_squares_gd(X, y, eta=eta, n_steps=_N_STEPS)
    rho = gd_contraction_factor(X, eta=eta)
    evidence.close(
        rho,
        1.0 - eta,
        rtol=0.0,
        atol=8 * spread**2 * EPS,
        name="ρ (SVD)",
        why="SVD accurate to κ·eps·s_max absolute; ηλ = ηs² ≤ 1 doubles it: 8κ²·eps on ρ ∈ [0, 1]",
        at={"seed": seed},
    )
    t = np.arange(run.iterates.shape[0])
    err = np.linalg.norm(run.iterates - w_star, axis=1)
    rhs = rho**t * np.linalg.norm(w_star)
    # the bound is attained (n = 1: every error is along one eigenvector), so the rounding of ρ (8κ²·eps
    # absolute, hence ≤ 8κ²·t·eps relative in ρ^t) and of the two norms (4p·eps) belong to the slack
    rounding = (8 * spread**2 * t + 4 * (n + extra)) * EPS * np.linalg.norm(w_star)
    evidence.bound(
        err,
        rhs + _gd_roundoff(X, y, run.iterates, eta) + rounding,
        name="‖w_t − X⁺y‖",
        rhs_name="ρ^t‖X⁺y‖ + round-off",
        at={"n": n, "p": n + extra, "eta": eta, "seed": seed, "t": t},
    )


@gd_least_squares_converges_to_min_norm.control(
    "a non-zero initialisation with a null-space component"
)
@settings(max_examples=20, phases=_NO_SHRINK)  # the distance never drops below ‖(I − Π)w₀‖ > ‖X⁺y‖
@given(**_ls_sizes)
def gd_least_squares_converges_to_min_norm_from_null_space(n, extra, spread, step, seed, evidence):
    X, y, V, w_star = _underdetermined_problem(n, extra, spread, seed)
    g = np.random.default_rng(seed + 1).standard_normal(n + extra)
    null = g - V @ (V.T @ g)
    w0 = null * (1.0 + 2.0 * np.linalg.norm(w_star)) / np.linalg.norm(null)
    eta = step / spread**2
    run = least_squares_gd(X, y, eta=eta, n_steps=_N_STEPS, w0=w0)
    t = np.arange(run.iterates.shape[0])
    err = np.linalg.norm(run.iterates - w_star, axis=1)
    rhs = gd_contraction_factor(X, eta=eta) ** t * np.linalg.norm(w_star)
    evidence.bound(
        err,
        rhs + _gd_roundoff(X, y, run.iterates, eta),
        name="‖w_t − X⁺y‖",
        rhs_name="ρ^t‖X⁺y‖ + round-off",
        at={"n": n, "p": n + extra, "seed": seed},
    )


# ---------------------------------------------------------------------------
# C35  logistic loss on separable data → hard-margin SVM direction
# ---------------------------------------------------------------------------
_S_MAX = 100.0
_LOG_TIMES = np.linspace(_S_MAX / 4, _S_MAX, 16)
#: Soudry et al.'s w(t) = ŵ log t + w̃ + o(1) makes the residual r(s) = w(s) − ŵ s converge; a wrong limit
#: direction makes it grow like s.  The claim allows r to move by at most this fraction of ‖ŵ‖·Δs over
#: s ∈ [25, 100] (Δs = 75): measured ≤ 0.034 over 200 separable draws (slow transients of points whose
#: margin is just above 1); both controls give ≥ 0.9999 over 40 draws (the residual grows at the full rate).
_GROWTH_FRACTION = 0.25


def _separable_problem(n, d, margin, seed):
    """n points in R^d labelled by a random direction u, pushed apart so that y_i x_iᵀu ≥ margin."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal(d)
    u /= np.linalg.norm(u)
    X = rng.standard_normal((n, d))
    y = np.where(X @ u >= 0, 1.0, -1.0)
    return X + margin * y[:, None] * u, y, rng


_mm_draws = dict(n=st.integers(3, 8), d=st.integers(2, 4), margin=st.floats(0.1, 1.0), seed=seeds())


def _record_direction(evidence, s, W, w_hat, at, figure=False):
    """r(s) = w(s) − ŵ s must stay bounded: its movement over [s₀, s_max] against ¼‖ŵ‖(s_max − s₀)."""
    r = W - s[:, None] * w_hat
    moved = float(np.linalg.norm(r[-1] - r[0]))
    scale = float(np.linalg.norm(w_hat)) * float(s[-1] - s[0])
    evidence.bound(
        moved,
        _GROWTH_FRACTION * scale,
        name="‖r(s_max) − r(s₀)‖, r = w − ŵ log(1+t)",
        rhs_name="¼‖ŵ‖(s_max − s₀)",
        at=at,
    )
    if figure:
        err = direction_error(W, w_hat)
        envelope = 2 * np.max(np.linalg.norm(r, axis=1)) / (np.linalg.norm(w_hat) * s)
        evidence.figure(
            "direction error against t",
            kind="lines",
            title="‖w/‖w‖ − ŵ/‖ŵ‖‖ along the logistic flow, and 2 max‖r‖/(‖ŵ‖ log t)",
            xlabel="1/log(1 + t)",
            ylabel="direction error",
            series=[
                {"x": 1 / s, "y": err, "label": "gradient flow", "style": "points"},
                {"x": 1 / s, "y": envelope, "label": "O(1/log t) envelope", "style": "dashed"},
            ],
        )


@claim(
    id="logistic_gd_converges_to_max_margin_direction",
    kind=Kind.RATE,
    catalogue="C35",
    statement="On linearly separable data, gradient descent on the logistic loss converges in direction to the "
    "hard-margin SVM, with ‖w_t/‖w_t‖ − ŵ/‖ŵ‖‖ = O(1/log t)",
    formula="w_t = ŵ log t + O(1), so ‖w_t/‖w_t‖ − ŵ/‖ŵ‖‖ = O(1/log t);  ŵ = argmin{‖w‖ : y_i x_iᵀw ≥ 1 ∀i}",
    source=Source(
        "Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, JMLR 19(70), Thm 3", lecture=_LECTURE
    ),
    hypotheses=(
        "data linearly separable through the origin (no bias term)",
        "logistic loss L(w) = Σ log(1 + e^{−y_i x_iᵀw})",
        "w₀ = 0 (any w₀ gives the same limit direction)",
        "η < 8/σ_max²(X) (β = 1/4 smoothness)",
    ),
    implicit=(
        "checked on gradient flow, the η → 0 limit of the GD of the theorem (the same analysis gives "
        "w(t) = ŵ log t + O(1)); discrete GD cannot reach log t ≫ 10",
        "ŵ from a bound-constrained dual QP (scipy L-BFGS-B) polished on its active set",
    ),
)
@settings(
    max_examples=6
)  # one stiff integration to t = e^100 per example (≈ 30 ms) and one dual QP
@given(**_mm_draws)
def logistic_gd_converges_to_max_margin_direction(n, d, margin, seed, evidence):
    """The direction error extrapolates to 0 along 1/log t: the limit direction is the SVM.

    Statement: ‖w_t/‖w_t‖ − ŵ/‖ŵ‖‖ → 0 like 1/log t.
    Checked as: rate with the constant made explicit: the theorem's w(t) = ŵ log t + w̃ + o(1) gives
    ‖w/‖w‖ − ŵ/‖ŵ‖‖ ≤ 2‖r‖/(‖ŵ‖ log t) with r = w − ŵ log t bounded; the check is that r stops
    moving — ‖r(e^100) − r(e^25)‖ ≤ ¼‖ŵ‖·75, where a wrong limit direction gives ≈ ‖ŵ‖·75 —
    on the flow integrated at 16 points s = log(1 + t) ∈ [25, 100].  The figure shows the error
    against 1/log t with its envelope.
    Domain: n ∈ [3, 8] points in d ∈ [2, 4], margin ∈ [0.1, 1] around a random separator.
    Deviation from the lecture: beyond the lecture (its 暗黙的正則化 pointer).
    """
    X, y, _ = _separable_problem(n, d, margin, seed)
    w_hat = max_margin_direction(X, y)
    run = logistic_flow(X, y, log_times=_LOG_TIMES, rtol=1e-9)
    _record_direction(
        evidence,
        _LOG_TIMES,
        run.weights,
        w_hat,
        {"n": n, "d": d, "margin": margin, "seed": seed},
        figure=evidence.n_examples == 1,
    )


@logistic_gd_converges_to_max_margin_direction.control("squared loss in place of the logistic loss")
@settings(max_examples=8, phases=_NO_SHRINK)  # the flow converges to X⁺y, a fixed direction ≠ ŵ
@given(**_mm_draws)
def logistic_gd_converges_to_max_margin_direction_with_squared_loss(n, d, margin, seed, evidence):
    X, y, _ = _separable_problem(n, d, margin, seed)
    w = squared_loss_flow(X, y, times=np.expm1(_LOG_TIMES))
    _record_direction(
        evidence,
        _LOG_TIMES,
        w,
        max_margin_direction(X, y),
        {"n": n, "d": d, "margin": margin, "seed": seed},
    )


@logistic_gd_converges_to_max_margin_direction.control(
    "non-separable data (d contradictory pairs added)"
)
@settings(
    max_examples=8, phases=_NO_SHRINK
)  # the loss is coercive: w_t converges to a finite minimiser
@given(**_mm_draws)
def logistic_gd_converges_to_max_margin_direction_on_non_separable_data(
    n, d, margin, seed, evidence
):
    X, y, rng = _separable_problem(n, d, margin, seed)
    extra = rng.standard_normal(
        (d, d)
    )  # d independent contradictions (x, y), (−x, y): every direction errs
    Xn = np.vstack([X, extra, -extra])
    yn = np.concatenate([y, np.ones(d), np.ones(d)])
    run = logistic_flow(Xn, yn, log_times=_LOG_TIMES, rtol=1e-9)
    _record_direction(
        evidence,
        _LOG_TIMES,
        run.weights,
        max_margin_direction(Xn, yn, C=1e4),
        {"n": n, "d": d, "margin": margin, "seed": seed},
    )
