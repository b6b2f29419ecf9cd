"""A non-vacuous PAC-Bayes bound for a stochastic ReLU network on scikit-learn's digits.

The recipe of Dziugaite & Roy (2017), scaled down to a data set that ships with
scikit-learn (8×8 digits, 1797 images, no download):

1. **Task.** x ∈ [0, 1]^64 (pixels / 16), y = 1[digit ≥ 5] (balanced to 50.4 %); a seeded
   split into n training and 1797 − n held-out images.  With ``random_labels=True`` every
   label is an independent fair coin, so R(h) = 1/2 for every classifier (the control).
2. **Network.** f_θ(x) = vᵀ relu(Wx + b) + c, 64 → h → 1, W = 66h + 1 parameters; θ₀ is a
   seeded He initialisation, drawn before the data are seen; it classifies by
   h_θ(x) = 1[f_θ(x) > 0] (a tie f_θ(x) = 0 predicts 0).
3. **Prior.** P_j = N(θ₀, λ_j I) for the J = 32 variances λ_j log-spaced in [10⁻⁴, 1]: a union
   bound over the grid adds ln J to the bound (each prior gets δ/J).
4. **Posterior.** Q = N(μ, diag σ²).  μ starts from θ₀ after ``train_steps`` full-batch
   gradient steps on the logistic loss; then (μ, ln σ) minimise Dziugaite–Roy's objective
   Ê_ε[logistic(μ + σ⊙ε)]/ln 2 + √((KL(Q ‖ N(θ₀, λI)) + ln(2√n J/δ))/(2n)) by Adam with
   two reparameterised draws per step, λ set at each step to its minimiser
   (Σσ_i² + ‖μ − θ₀‖²)/W and, at the end, rounded (in log) to the nearest grid point.  The
   posterior may depend on the sample: the bound holds for all Q at once.
5. **Bound.** m fresh posterior draws give the Monte Carlo training error Ŝ_m; with
   probability ≥ 1 − δ' its mean R̂_S(Q) ≤ kl⁻¹(Ŝ_m, ln(2/δ')/m) (Langford–Caruana), and with
   probability ≥ 1 − δ, R(Q) ≤ kl⁻¹(that, (KL + ln(2√n/δ) + ln J)/n) (Maurer 2004 / Seeger
   2002).  Together: with probability ≥ 1 − δ − δ' (0.95 by default).

Everything is full-batch numpy in float64 with BLAS held to one thread (on two shared cores
the threaded matrix products of these small shapes are an order of magnitude slower), and the
result is cached per process.

References
----------
G. K. Dziugaite, D. M. Roy, "Computing nonvacuous generalization bounds for deep (stochastic)
neural networks with many more parameters than training data", UAI 2017, Secs. 3–4 (objective,
prior-variance grid and union bound, sample-convergence bound).  A. Maurer, arXiv:cs/0411099
(2004), Thm 5.  J. Langford, R. Caruana, NeurIPS 2002.  E. Alpaydin, C. Kaynak, "Optical
recognition of handwritten digits" (UCI, 1998), shipped as :func:`sklearn.datasets.load_digits`.
"""

from __future__ import annotations

import contextlib
import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from constructions.pac_bayes.kl_bounds import (
    PacBayesBound,
    gaussian_kl,
    pac_bayes_kl_bound,
    sample_convergence_upper,
)
from constructions.validation import check_integer, check_real

__all__ = ["DigitsPacBayes", "DigitsTask", "digits_binary_task", "digits_pac_bayes"]

_N_IMAGES, _INPUT_DIM = 1797, 64
#: The prior-variance grid, fixed before the data: J values log-spaced in [1e-4, 1].
PRIOR_VARIANCE_GRID = tuple(float(v) for v in np.exp(np.linspace(math.log(1e-4), 0.0, 32)))


@functools.cache
def _load_digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's digits (1797 × 64 pixels in 0..16, and the digit), read once per process.

    The file ``sklearn/datasets/data/digits.csv.gz`` is read as
    :func:`sklearn.datasets.load_digits` reads it (``np.loadtxt`` with ``delimiter=","``, last
    column the digit), located without importing scikit-learn, whose import costs ~1.4 s of CPU
    here; if the file is not where it has always been, ``load_digits`` itself is called.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is needed for the digits: pip install scikit-learn")
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    if path.is_file():
        table = np.loadtxt(path, delimiter=",")
        x, digit = table[:, :-1], table[:, -1].astype(int)
    else:  # pragma: no cover - a future layout of scikit-learn
        from sklearn.datasets import load_digits

        x, digit = load_digits(return_X_y=True)
    if x.shape != (_N_IMAGES, _INPUT_DIM):
        raise ImportError(f"the digits have shape {x.shape}; expected ({_N_IMAGES}, {_INPUT_DIM})")
    x.setflags(write=False)
    digit.setflags(write=False)
    return x, digit


@dataclass(frozen=True)
class DigitsTask:
    """A seeded train/held-out split of the digits, binary labels y = 1[digit ≥ 5] (or coins)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    random_labels: bool

    @property
    def n_train(self) -> int:
        return int(self.y_train.size)

    @property
    def n_test(self) -> int:
        return int(self.y_test.size)


def digits_binary_task(*, n_train=1500, random_labels=False, seed=0) -> DigitsTask:
    """The digits as a binary task: "is the digit ≥ 5?", split by a seeded permutation.

    Parameters
    ----------
    n_train : int in [8, 1796], keyword-only
        Training-set size; the other 1797 − n_train images are held out.
    random_labels : bool, keyword-only
        Replace every label (train and held out) by an independent fair coin.
    seed : int ≥ 0, keyword-only
        Seed of the split and of the coins.

    Returns
    -------
    DigitsTask
        x in [0, 1]^64 (pixel intensities / 16), y ∈ {0, 1}.

    Raises
    ------
    ValueError
        If n_train or seed is out of range, or random_labels is not a bool.

    Examples
    --------
    >>> task = digits_binary_task(n_train=1000)
    >>> task.x_train.shape, task.n_test, float(task.x_train.max())
    ((1000, 64), 797, 1.0)
    """
    n = check_integer("n_train", n_train, min_value=8, max_value=_N_IMAGES - 1)
    seed = check_integer("seed", seed, min_value=0)
    if not isinstance(random_labels, bool):
        raise ValueError(f"random_labels={random_labels!r} must be a bool")
    x, digit = _load_digits()
    x = x / 16.0
    rng = np.random.default_rng(seed)
    y = (digit >= 5).astype(float)
    order = rng.permutation(x.shape[0])
    if random_labels:
        y = rng.integers(0, 2, size=y.size).astype(float)
    tr, te = order[:n], order[n:]
    return DigitsTask(x[tr], y[tr], x[te], y[te], random_labels)


@dataclass(frozen=True)
class DigitsPacBayes:
    """The stochastic network's bound and the numbers it is made of.

    Attributes
    ----------
    hidden, n_params : int
        h and W = 66h + 1.
    n_train, n_test : int
    prior_variance : float
        λ, the grid point used; ``n_prior_grid`` = J.
    distance_from_init : float
        ‖μ − θ₀‖₂.
    mean_posterior_std : float
        The root mean square of σ.
    mc_samples : int
        m, posterior draws for the Monte Carlo estimate.
    mc_train_error : float
        Ŝ_m, the mean training 0–1 error of the m draws.
    train_error_upper : float
        kl⁻¹(Ŝ_m, ln(2/δ')/m) ≥ R̂_S(Q) with probability ≥ 1 − δ'.
    bound : PacBayesBound
        With ``.value`` the bound on R(Q), which holds with probability ≥ 1 − δ − δ'.
    delta, delta_mc : float
    test_error : float
        Held-out 0–1 error of the m draws (mean over draws and held-out points).
    test_point_errors : ndarray
        Per held-out point, the fraction of the m draws that err on it.
    mean_train_error, mean_test_error : float
        Errors of the deterministic network at μ.
    random_labels : bool
    """

    hidden: int
    n_params: int
    n_train: int
    n_test: int
    prior_variance: float
    n_prior_grid: int
    distance_from_init: float
    mean_posterior_std: float
    mc_samples: int
    mc_train_error: float
    train_error_upper: float
    bound: PacBayesBound
    delta: float
    delta_mc: float
    test_error: float
    test_point_errors: np.ndarray
    mean_train_error: float
    mean_test_error: float
    random_labels: bool

    @property
    def value(self) -> float:
        """The PAC-Bayes bound on R(Q)."""
        return self.bound.value

    @property
    def confidence(self) -> float:
        """1 − δ − δ', the probability with which ``value`` ≥ R(Q)."""
        return 1.0 - self.delta - self.delta_mc


class _Net:
    """Flat parameter vector ↔ (W, b, v, c) of a 64 → h → 1 ReLU network."""

    def __init__(self, hidden: int):
        self.h, self.d = hidden, _INPUT_DIM
        self.size = hidden * (self.d + 2) + 1

    def split(self, theta):
        h, d = self.h, self.d
        return (
            theta[..., : h * d].reshape(*theta.shape[:-1], h, d),
            theta[..., h * d : h * d + h],
            theta[..., h * d + h : h * d + 2 * h],
            theta[..., -1],
        )

    def init(self, rng: np.random.Generator) -> np.ndarray:
        h, d = self.h, self.d
        return np.concatenate(
            [
                rng.standard_normal(h * d) * math.sqrt(2.0 / d),
                np.zeros(h),
                rng.standard_normal(h) / math.sqrt(h),
                [0.0],
            ]
        )

    def logistic_gradients(self, thetas, x, y) -> np.ndarray:
        """Gradients of the mean logistic loss, shape (s, W), at a batch of s parameter vectors."""
        w, b, v, c = self.split(thetas)
        z = x @ np.swapaxes(w, 1, 2) + b[:, None, :]  # (s, n, h)
        a = np.maximum(z, 0.0)
        sign = 2.0 * y - 1.0
        margin = sign * ((a @ v[:, :, None])[..., 0] + c[:, None])
        g_out = -sign * expit(-margin) / y.size  # (s, n)
        g_hidden = (g_out[:, :, None] * v[:, None, :]) * (z > 0)
        return np.concatenate(
            [
                (np.swapaxes(g_hidden, 1, 2) @ x).reshape(thetas.shape[0], -1),
                g_hidden.sum(axis=1),
                np.einsum("snh,sn->sh", a, g_out),
                g_out.sum(axis=1)[:, None],
            ],
            axis=1,
        )

    def errors(self, thetas, x, y, *, chunk: int = 50) -> np.ndarray:
        """0–1 errors, shape (len(thetas), len(y)), of a batch of parameter vectors."""
        out = np.empty((thetas.shape[0], y.size))
        for lo in range(0, thetas.shape[0], chunk):
            w, b, v, c = self.split(thetas[lo : lo + chunk])
            f = (
                np.einsum(
                    "snh,sh->sn", np.maximum(x @ np.swapaxes(w, 1, 2) + b[:, None, :], 0.0), v
                )
                + c[:, None]
            )
            out[lo : lo + chunk] = (f > 0) != (y[None, :] > 0.5)
        return out


def _one_blas_thread():
    try:
        from threadpoolctl import threadpool_limits  # ships with scikit-learn
    except ImportError:  # pragma: no cover - scikit-learn always brings it
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def digits_pac_bayes(
    *,
    hidden=16,
    n_train=1500,
    random_labels=False,
    seed=0,
    delta=0.04,
    delta_mc=0.01,
    mc_samples=500,
    train_steps=200,
    bound_steps=800,
) -> DigitsPacBayes:
    """Train a stochastic 64 → h → 1 ReLU network on the digits and compute its PAC-Bayes bound.

    Parameters
    ----------
    hidden : int in [1, 256], keyword-only
        h, the hidden width.
    n_train : int in [8, 1796], keyword-only
        Training-set size (see :func:`digits_binary_task`).
    random_labels : bool, keyword-only
        Train and evaluate on coin-flip labels (R(h) = 1/2 for every h).
    seed : int ≥ 0, keyword-only
        Seeds the split, the initialisation θ₀ (the prior's centre), the training noise and,
        on a separate stream, the m evaluation draws.
    delta, delta_mc : float in (0, 1), keyword-only
        δ for the PAC-Bayes bound and δ' for the Monte Carlo estimate; δ + δ' < 1.
    mc_samples : int in [1, 100000], keyword-only
        m, posterior draws for the final estimate (fresh, independent of the optimisation).
    train_steps, bound_steps : int in [0, 100000], keyword-only
        Gradient steps on the logistic loss (step 0.5), then Adam steps on the bound.

    Returns
    -------
    DigitsPacBayes
        Cached per process: equal arguments return the same object.

    Raises
    ------
    ValueError
        Naming the argument out of range.

    Notes
    -----
    KL(N(μ, diag σ²) ‖ N(θ₀, λI)) = ½[Σσ_i²/λ + ‖μ − θ₀‖²/λ − W + W ln λ − Σ ln σ_i²]; the
    logistic loss over ln 2 bounds the 0–1 loss, so the objective bounds the McAllester form of the
    bound up to Monte Carlo noise (Dziugaite & Roy 2017, eq. (5)).  The bound reported is the kl
    form, evaluated on fresh draws, with its union bound over the J prior variances.

    Examples
    --------
    >>> out = digits_pac_bayes(hidden=2, n_train=200, mc_samples=20, train_steps=20, bound_steps=20)
    >>> 0.0 < out.value <= 1.0, out.n_params
    (True, 133)
    """
    args = dict(
        hidden=check_integer("hidden", hidden, min_value=1, max_value=256),
        n_train=check_integer("n_train", n_train, min_value=8, max_value=_N_IMAGES - 1),
        seed=check_integer("seed", seed, min_value=0),
        delta=check_real(
            "delta", delta, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True
        ),
        delta_mc=check_real(
            "delta_mc", delta_mc, min_value=0.0, max_value=1.0, strict_min=True, strict_max=True
        ),
        mc_samples=check_integer("mc_samples", mc_samples, min_value=1, max_value=100_000),
        train_steps=check_integer("train_steps", train_steps, min_value=0, max_value=100_000),
        bound_steps=check_integer("bound_steps", bound_steps, min_value=0, max_value=100_000),
    )
    if not isinstance(random_labels, bool):
        raise ValueError(f"random_labels={random_labels!r} must be a bool")
    if args["delta"] + args["delta_mc"] >= 1.0:
        raise ValueError(
            f"delta + delta_mc = {args['delta'] + args['delta_mc']}; allowed: delta + delta_mc < 1"
        )
    return _digits_pac_bayes(random_labels=random_labels, **args)


@functools.cache
def _digits_pac_bayes(
    *, hidden, n_train, random_labels, seed, delta, delta_mc, mc_samples, train_steps, bound_steps
) -> DigitsPacBayes:
    task = digits_binary_task(n_train=n_train, random_labels=random_labels, seed=seed)
    x, y, n = task.x_train, task.y_train, task.n_train
    net = _Net(hidden)
    train_rng, eval_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    theta0 = net.init(train_rng)
    grid = np.array(PRIOR_VARIANCE_GRID)
    log_terms = math.log(2.0 * math.sqrt(n) * grid.size / delta)
    with _one_blas_thread():
        mu = theta0.copy()
        for _ in range(train_steps):
            mu -= 0.5 * net.logistic_gradients(mu[None, :], x, y)[0]
        rho = np.full(net.size, math.log(0.02))
        moments = [np.zeros(net.size) for _ in range(4)]
        for t in range(1, bound_steps + 1):
            sigma = np.exp(rho)
            lam = (np.sum(sigma**2) + np.sum((mu - theta0) ** 2)) / net.size
            eps = train_rng.standard_normal((2, net.size))  # two reparameterised draws
            g = net.logistic_gradients(mu + sigma * eps, x, y) / math.log(2.0)
            g_mu = g.mean(axis=0)
            g_rho = (g * eps).mean(axis=0) * sigma
            complexity = (gaussian_kl(mu, sigma, theta0, lam) + log_terms) / n
            d_sqrt = 1.0 / (2.0 * math.sqrt(2.0 * complexity) * n)  # d√(B/2)/dKL
            g_mu += d_sqrt * (mu - theta0) / lam
            g_rho += d_sqrt * (sigma**2 / lam - 1.0)
            step = 0.02 * 0.5 * (1.0 + math.cos(math.pi * t / bound_steps))  # cosine decay to 0
            for k, (p, g) in enumerate(((mu, g_mu), (rho, g_rho))):
                m1, m2 = moments[2 * k], moments[2 * k + 1]
                m1 *= 0.9
                m1 += 0.1 * g
                m2 *= 0.999
                m2 += 0.001 * g * g
                p -= step * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
        sigma = np.exp(rho)
        lam_opt = (np.sum(sigma**2) + np.sum((mu - theta0) ** 2)) / net.size
        lam = float(grid[np.argmin(np.abs(np.log(grid) - math.log(lam_opt)))])
        kl = gaussian_kl(mu, sigma, theta0, lam)
        draws = mu[None, :] + sigma[None, :] * eval_rng.standard_normal((mc_samples, net.size))
        s_m = float(net.errors(draws, x, y).mean())
        test_point_errors = net.errors(draws, task.x_test, task.y_test).mean(axis=0)
        test_point_errors.setflags(write=False)
        mean_errors = (
            float(net.errors(mu[None, :], x, y).mean()),
            float(net.errors(mu[None, :], task.x_test, task.y_test).mean()),
        )
    upper = sample_convergence_upper(s_m, mc_samples, delta=delta_mc)
    bound = pac_bayes_kl_bound(upper, kl, n, delta=delta, extra_log_term=math.log(grid.size))
    return DigitsPacBayes(
        hidden=hidden,
        n_params=net.size,
        n_train=n,
        n_test=task.n_test,
        prior_variance=lam,
        n_prior_grid=grid.size,
        distance_from_init=float(np.linalg.norm(mu - theta0)),
        mean_posterior_std=float(np.sqrt(np.mean(sigma**2))),
        mc_samples=mc_samples,
        mc_train_error=s_m,
        train_error_upper=upper,
        bound=bound,
        delta=delta,
        delta_mc=delta_mc,
        test_error=float(test_point_errors.mean()),
        test_point_errors=test_point_errors,
        mean_train_error=mean_errors[0],
        mean_test_error=mean_errors[1],
        random_labels=random_labels,
    )
