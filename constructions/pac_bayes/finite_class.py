"""A finite hypothesis class on a finite domain, with exact risks and sampled empirical risks.

A task is a law on (x, y) ∈ {0, …, k − 1} × {0, 1}: P(x) = ``marginal[x]``,
P(y = 1 | x) = ``eta[x]``; a hypothesis is a row of a 0/1 table ``predictions[h, x]``.
Its 0–1 risk is exact,

    R(h) = Σ_x P(x) [η(x)(1 − h(x)) + (1 − η(x)) h(x)],

and n i.i.d. draws enter only through the counts of the 2k cells (x, y), which are
multinomial: one draw of ``rng.multinomial`` per repeated sample, so thousands of samples
cost one matrix product with the table of losses.

References
----------
D. McAllester, COLT 1999 (finite classes and Gibbs posteriors); O. Catoni, *PAC-Bayesian
supervised classification* (IMS Lecture Notes 56, 2007), Sec. 1.2 (the Gibbs posterior
Q_β ∝ P e^{−βnR̂} minimises the linearised bound).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from constructions.validation import check_finite_array, check_integer, check_real

__all__ = ["FiniteTask", "gibbs_posterior", "noisy_threshold_task", "sample_empirical_risks"]


@dataclass(frozen=True)
class FiniteTask:
    """A law on {0..k−1} × {0, 1} and a finite class of classifiers of the domain.

    Parameters
    ----------
    marginal : ndarray, shape (k,)
        P(x), positive, summing to 1.
    eta : ndarray, shape (k,)
        P(y = 1 | x) ∈ [0, 1].
    predictions : ndarray of {0, 1}, shape (H, k)
        h(x) for each of the H hypotheses.

    Examples
    --------
    >>> task = FiniteTask(np.array([0.5, 0.5]), np.array([0.0, 1.0]), np.array([[0, 1], [1, 1]]))
    >>> task.risks.tolist()
    [0.0, 0.5]
    """

    marginal: np.ndarray
    eta: np.ndarray
    predictions: np.ndarray

    def __post_init__(self) -> None:
        px = check_finite_array("marginal", self.marginal, ndim=1)
        eta = check_finite_array("eta", self.eta, ndim=1)
        pred = check_finite_array("predictions", self.predictions, ndim=2)
        if px.size == 0 or px.min() <= 0 or abs(px.sum() - 1.0) > 1e-9:
            raise ValueError(f"marginal must be positive and sum to 1; got sum {px.sum():.6g}")
        if eta.shape != px.shape or eta.min() < 0 or eta.max() > 1:
            raise ValueError(
                f"eta has shape {eta.shape} and range [{eta.min():.3g}, {eta.max():.3g}]; "
                f"allowed: shape {px.shape}, entries in [0, 1]"
            )
        if pred.shape[1] != px.size or pred.shape[0] < 1 or not np.isin(pred, (0.0, 1.0)).all():
            raise ValueError(
                f"predictions has shape {pred.shape}; "
                f"allowed: (H >= 1, {px.size}) with entries 0 or 1"
            )
        object.__setattr__(self, "marginal", px)
        object.__setattr__(self, "eta", eta)
        object.__setattr__(self, "predictions", pred)

    @property
    def n_hypotheses(self) -> int:
        """H, the size of the class."""
        return int(self.predictions.shape[0])

    @property
    def cell_probabilities(self) -> np.ndarray:
        """P(x, y) for the 2k cells, ordered (x=0,y=0), …, (x=k−1,y=0), (x=0,y=1), …"""
        return np.concatenate([self.marginal * (1.0 - self.eta), self.marginal * self.eta])

    @property
    def cell_losses(self) -> np.ndarray:
        """Loss 1[h(x) ≠ y] of each hypothesis in each cell, shape (2k, H)."""
        return np.concatenate([self.predictions.T, 1.0 - self.predictions.T])

    @property
    def risks(self) -> np.ndarray:
        """R(h), exactly (one matrix product of probabilities and 0/1 losses), shape (H,)."""
        return self.cell_probabilities @ self.cell_losses


def noisy_threshold_task(k, *, threshold, noise) -> FiniteTask:
    """Uniform x on {0..k−1}, y = 1[x ≥ threshold] flipped w.p. ``noise``; two-sided thresholds.

    Parameters
    ----------
    k : int ≥ 2
        Domain size.
    threshold : int in [0, k]
        Where the clean label switches to 1.
    noise : float in [0, 1/2]
        Label-flip probability.

    Returns
    -------
    FiniteTask
        With the 2(k + 1) hypotheses x ↦ 1[x ≥ t] and x ↦ 1[x < t], t = 0, …, k.

    Raises
    ------
    ValueError
        If k < 2, threshold ∉ [0, k] or noise ∉ [0, 1/2].

    Examples
    --------
    >>> task = noisy_threshold_task(4, threshold=2, noise=0.1)
    >>> task.n_hypotheses, round(float(task.risks.min()), 12)
    (10, 0.1)
    """
    k = check_integer("k", k, min_value=2)
    t0 = check_integer("threshold", threshold, min_value=0, max_value=k)
    eta0 = check_real("noise", noise, min_value=0.0, max_value=0.5)
    x = np.arange(k)
    eta = np.where(x >= t0, 1.0 - eta0, eta0)
    up = (x[None, :] >= np.arange(k + 1)[:, None]).astype(float)
    return FiniteTask(np.full(k, 1.0 / k), eta, np.vstack([up, 1.0 - up]))


def sample_empirical_risks(
    task: FiniteTask, n, *, n_repeats, rng: np.random.Generator
) -> np.ndarray:
    """Empirical 0–1 risks of every hypothesis on ``n_repeats`` independent samples of size n.

    Parameters
    ----------
    task : FiniteTask
    n : int ≥ 1
        Sample size.
    n_repeats : int ≥ 1
        Number of independent samples.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray, shape (n_repeats, H)
        R̂_S(h) for each sample S and hypothesis h: multinomial cell counts × loss table / n.

    Raises
    ------
    ValueError
        If task is not a FiniteTask, n < 1 or n_repeats < 1.

    Examples
    --------
    >>> task = noisy_threshold_task(3, threshold=1, noise=0.0)
    >>> r = sample_empirical_risks(task, 20, n_repeats=5, rng=np.random.default_rng(0))
    >>> r.shape, float(r.min())
    ((5, 8), 0.0)
    """
    if not isinstance(task, FiniteTask):
        raise ValueError(f"task={type(task).__name__} must be a FiniteTask")
    n = check_integer("n", n, min_value=1)
    m = check_integer("n_repeats", n_repeats, min_value=1)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={type(rng).__name__} must be a numpy.random.Generator")
    counts = rng.multinomial(n, task.cell_probabilities, size=m)
    return counts @ task.cell_losses / n


def gibbs_posterior(prior, empirical_risks, *, beta, n) -> np.ndarray:
    """Q_β(h) ∝ P(h) exp(−β n R̂(h)), row by row.

    Parameters
    ----------
    prior : array_like, shape (H,)
        P, positive, summing to 1.
    empirical_risks : array_like, shape (H,) or (M, H)
        R̂_S(h), one row per sample.
    beta : float ≥ 0
        Inverse temperature; β = 0 gives Q = P, β → ∞ the empirical risk minimisers.
    n : int ≥ 1
        Sample size (the exponent is β·n·R̂).

    Returns
    -------
    ndarray, same shape as ``empirical_risks``
        Each row a probability vector (computed with a log-sum-exp, stable for large βn).

    Raises
    ------
    ValueError
        If the prior is not a positive probability vector, shapes disagree, or β < 0.

    Examples
    --------
    >>> gibbs_posterior([0.5, 0.5], [0.0, 1.0], beta=0.0, n=10).tolist()
    [0.5, 0.5]
    """
    p = check_finite_array("prior", prior, ndim=1)
    r = check_finite_array("empirical_risks", empirical_risks, ndim=(1, 2))
    b = check_real("beta", beta, min_value=0.0)
    n = check_integer("n", n, min_value=1)
    if p.size == 0 or p.min() <= 0 or abs(p.sum() - 1.0) > 1e-9:
        raise ValueError("prior must be a positive probability vector")
    if r.shape[-1] != p.size:
        raise ValueError(
            f"empirical_risks has shape {r.shape}; allowed: last axis of length {p.size}"
        )
    logits = np.log(p) - b * n * r
    return np.exp(logits - logsumexp(logits, axis=-1, keepdims=True))
