"""Rademacher complexity of norm-bounded ReLU networks: Monte Carlo lower estimates, GRS bound.

The class is F(M₁, M₂) = {x ↦ vᵀ relu(Wx) : ‖W‖_F ≤ M₁, ‖v‖₂ ≤ M₂} (width m, no biases, as
in Golowich, Rakhlin & Shamir 2018), and its empirical Rademacher complexity on x₁, …, x_n is

    R̂_S(F) = E_ε sup_{f∈F} (1/n) Σ_i ε_i f(x_i),   ε_i independent uniform ±1.

* **Upper bound** (Golowich, Rakhlin, Shamir 2018, Thm 1; depth L, Frobenius norms M_j,
  1-Lipschitz positively homogeneous activation):
  R̂_S ≤ (Π_j M_j)(√(2 L ln 2) + 1) √(Σ_i ‖x_i‖²) / n — free of the width and of the
  parameter count.
* **Lower estimates.** For one draw of ε, any f ∈ F gives (1/n) Σ ε_i f(x_i) ≤ the supremum, so
  the best value an optimiser finds is a lower bound of that draw's supremum, and the mean over
  independent draws estimates a lower bound of R̂_S without bias.  Two optimisers:

  - :func:`single_unit_rademacher_lower`: by positive homogeneity the supremum over F of any
    width m ≥ 1 equals M₁M₂ max_{‖w‖=1} |Σ_i ε_i relu(wᵀx_i)| / n (put all of ‖W‖_F on one unit;
    conversely ‖u‖₂ with u_j = Σ_i ε_i relu(w_jᵀx_i) is maximised on the Frobenius sphere by
    a single unit), found by projected gradient ascent on the sphere from many starts;
  - :func:`two_layer_rademacher_lower`: projected gradient ascent over all m units at once
    (v at its optimum M₂u/‖u‖), not using the reduction, for the claim that the complexity
    does not grow with m.

References
----------
N. Golowich, A. Rakhlin, O. Shamir, "Size-independent sample complexity of neural networks",
COLT 2018 (PMLR 75:297–299), Thm 1.  P. L. Bartlett, D. J. Foster, M. Telgarsky,
"Spectrally-normalized margin bounds for neural networks", NeurIPS 2017, Thm 1.1.
P. L. Bartlett, S. Mendelson, JMLR 3:463–482 (2002) (Rademacher complexity).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import t as student_t

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = [
    "RademacherEstimate",
    "golowich_rakhlin_shamir_bound",
    "single_unit_rademacher_lower",
    "two_layer_rademacher_lower",
]


@dataclass(frozen=True)
class RademacherEstimate:
    """Per-draw lower bounds on sup_F (1/n) Σ ε_i f(x_i), and their mean.

    Attributes
    ----------
    values : ndarray, shape (K,)
        For each of K sign draws, the best (1/n) Σ ε_i f(x_i) found (≤ that draw's supremum).
    """

    values: np.ndarray

    @property
    def n_draws(self) -> int:
        return int(self.values.size)

    @property
    def mean(self) -> float:
        """The Monte Carlo estimate; its expectation is ≤ R̂_S(F)."""
        return float(self.values.mean())

    @property
    def stderr(self) -> float:
        """Sample standard deviation / √K."""
        return (
            float(self.values.std(ddof=1) / math.sqrt(self.values.size))
            if self.values.size > 1
            else math.inf
        )

    def lower_confidence(self, *, alpha) -> float:
        """mean − t_{K−1}(1 − α)·stderr: below E(values) ≤ R̂_S with probability ≈ 1 − α."""
        a = check_real(
            "alpha", alpha, min_value=0.0, max_value=0.5, strict_min=True, strict_max=True
        )
        return self.mean - float(student_t.isf(a, self.n_draws - 1)) * self.stderr


def _inputs(x) -> np.ndarray:
    arr = check_finite_array("x", x, ndim=2)
    if arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"x has shape {arr.shape}; allowed: (n >= 1, d >= 1)")
    return arr


def golowich_rakhlin_shamir_bound(x, *, norms) -> float:
    """GRS 2018, Thm 1: R̂_S(F) ≤ (Π_j M_j)(√(2L ln 2) + 1) √(Σ_i ‖x_i‖²) / n.

    Parameters
    ----------
    x : array_like, shape (n, d)
        The sample x₁, …, x_n.
    norms : sequence of float > 0, keyword-only
        M_1, …, M_L: bounds on the Frobenius norms of the L weight matrices (the last is the
        output layer, a vector); L = len(norms) ≥ 1.

    Returns
    -------
    float
        The bound, for every width and so every parameter count.

    Raises
    ------
    ValueError
        If x is not a finite (n, d) array or a norm is not positive.

    Notes
    -----
    Stated for real-valued networks x ↦ W_L σ(W_{L−1} … σ(W_1 x)) without biases, σ
    1-Lipschitz and positively homogeneous applied elementwise (ReLU), and
    R̂_S(F) = E_ε sup_F (1/n) Σ ε_i f(x_i) without absolute value.

    Examples
    --------
    >>> b = golowich_rakhlin_shamir_bound(np.eye(4), norms=[1.0, 1.0])
    >>> round(b, 6) == round((math.sqrt(4 * math.log(2)) + 1) * 2 / 4, 6)
    True
    """
    arr = _inputs(x)
    ms = [check_real(f"norms[{i}]", m, min_value=0.0, strict_min=True) for i, m in enumerate(norms)]
    if not ms:
        raise ValueError("norms=() is empty; allowed: one norm bound per layer (at least one)")
    return float(
        math.prod(ms)
        * (math.sqrt(2.0 * len(ms) * math.log(2.0)) + 1.0)
        * math.sqrt(float(np.sum(arr * arr)))
        / arr.shape[0]
    )


def _signs(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    return rng.choice(np.array([-1.0, 1.0]), size=(k, n))


def _check_common(x, weight_norm, output_norm, n_sign_draws, n_steps, rng):
    arr = _inputs(x)
    m1 = check_real("weight_norm", weight_norm, min_value=0.0, strict_min=True)
    m2 = check_real("output_norm", output_norm, min_value=0.0, strict_min=True)
    k = check_integer("n_sign_draws", n_sign_draws, min_value=2, max_value=100_000)
    steps = check_integer("n_steps", n_steps, min_value=0, max_value=100_000)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={type(rng).__name__} must be a numpy.random.Generator")
    return arr, m1, m2, k, steps


def single_unit_rademacher_lower(
    x, *, weight_norm, output_norm, n_sign_draws, rng: np.random.Generator, n_restarts=8, n_steps=40
) -> RademacherEstimate:
    """Lower estimate of R̂_S(F(M₁, M₂)) by optimising one unit on the sphere, for every draw of ε.

    Parameters
    ----------
    x : array_like, shape (n, d)
    weight_norm, output_norm : float > 0, keyword-only
        M₁ = bound on ‖W‖_F, M₂ = bound on ‖v‖₂.
    n_sign_draws : int in [2, 100000], keyword-only
        K, independent draws of ε.
    rng : numpy.random.Generator, keyword-only
    n_restarts : int in [1, 1000], keyword-only
        Random starts on the sphere per draw and sign (two more start at ±Σε_i x_i); default 8,
        so 2·(8 + 2) = 20 ascents a draw.
    n_steps : int in [0, 100000], keyword-only
        Projected (sub)gradient steps per start.

    Returns
    -------
    RademacherEstimate
        values[k] = M₁M₂ max_found |Σ_i ε_i relu(wᵀx_i)| / n ≤ draw k's supremum, any width.

    Raises
    ------
    ValueError
        Naming the argument out of range.

    Examples
    --------
    >>> est = single_unit_rademacher_lower(np.eye(3), weight_norm=1.0, output_norm=1.0,
    ...                                    n_sign_draws=8,
    ...                                    rng=np.random.default_rng(0))
    >>> bool(est.mean <= golowich_rakhlin_shamir_bound(np.eye(3), norms=[1.0, 1.0]))
    True
    """
    arr, m1, m2, k, steps = _check_common(x, weight_norm, output_norm, n_sign_draws, n_steps, rng)
    r = check_integer("n_restarts", n_restarts, min_value=1, max_value=1000)
    n, d = arr.shape
    eps = _signs(n, k, rng)
    lin = eps @ arr
    starts = rng.standard_normal((k, r, d))
    w = np.concatenate([starts, lin[:, None, :], -lin[:, None, :]], axis=1)
    w = np.concatenate([w, w], axis=1)  # each start once for +h and once for −h
    sign = np.concatenate([np.ones(r + 2), -np.ones(r + 2)])[None, :, None]
    best = np.zeros(k)
    scale = math.sqrt(float(np.sum(arr * arr)))
    if scale == 0.0:  # every x_i = 0: every network outputs 0, R̂_S = 0; one evaluation, no step
        steps = 0
    for step in range(steps + 1):
        norm = np.linalg.norm(w, axis=2, keepdims=True)
        w = np.where(norm > 0, w / np.where(norm > 0, norm, 1.0), 1.0 / math.sqrt(d))
        z = w @ arr.T  # (k, starts, n)
        value = sign[..., 0] * (np.maximum(z, 0.0) @ eps[:, :, None])[..., 0]
        best = np.maximum(best, value.max(axis=1))
        if step == steps:
            break
        grad = sign * (((z > 0) * eps[:, None, :]) @ arr)
        w = w + (0.5 / math.sqrt(step + 1)) * grad / scale
    return RademacherEstimate(m1 * m2 * best / n)


def two_layer_rademacher_lower(
    x, *, width, weight_norm, output_norm, n_sign_draws, rng: np.random.Generator, n_steps=60
) -> RademacherEstimate:
    """Lower estimate of R̂_S(F) optimising all ``width`` units jointly (no single-unit reduction).

    Parameters
    ----------
    x : array_like, shape (n, d)
    width : int in [1, 4096], keyword-only
        m, the hidden width; the class has W = m(d + 1) parameters.
    weight_norm, output_norm : float > 0, keyword-only
        M₁ ≥ ‖W‖_F, M₂ ≥ ‖v‖₂.
    n_sign_draws : int in [2, 100000], keyword-only
    rng : numpy.random.Generator, keyword-only
    n_steps : int in [0, 100000], keyword-only
        Projected gradient steps on the Frobenius sphere, from a Gaussian start.

    Returns
    -------
    RademacherEstimate
        values[k] = M₁M₂ max_found ‖u(W)‖₂ / n, u_j = Σ_i ε_i relu(w_jᵀx_i), ‖W‖_F = 1: the value
        of the network (M₁W, M₂u/‖u‖), so ≤ the supremum for draw k.

    Raises
    ------
    ValueError
        Naming the argument out of range.

    Examples
    --------
    >>> est = two_layer_rademacher_lower(np.eye(3), width=4, weight_norm=2.0, output_norm=1.0,
    ...                                  n_sign_draws=8,
    ...                                  rng=np.random.default_rng(0))
    >>> est.n_draws, bool(est.mean > 0)
    (8, True)
    """
    arr, m1, m2, k, steps = _check_common(x, weight_norm, output_norm, n_sign_draws, n_steps, rng)
    m = check_integer("width", width, min_value=1, max_value=4096)
    n, _ = arr.shape
    eps = _signs(n, k, rng)
    w = rng.standard_normal((k, m, arr.shape[1]))
    best = np.zeros(k)
    scale = math.sqrt(float(np.sum(arr * arr)))
    if scale == 0.0:  # every x_i = 0: every network outputs 0, R̂_S = 0; one evaluation, no step
        steps = 0
    for step in range(steps + 1):
        w /= np.linalg.norm(w, axis=(1, 2), keepdims=True)
        z = w @ arr.T  # (k, m, n)
        u = (np.maximum(z, 0.0) @ eps[:, :, None])[..., 0]
        size = np.linalg.norm(u, axis=1)
        best = np.maximum(best, size)
        if step == steps:
            break
        coef = u / np.where(size > 0, size, 1.0)[:, None]
        grad = ((z > 0) * (coef[:, :, None] * eps[:, None, :])) @ arr
        w = w + (0.5 / math.sqrt(step + 1)) * grad / scale
    return RademacherEstimate(m1 * m2 * best / n)
